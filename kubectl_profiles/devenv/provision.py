"""Finding etcd and kube-apiserver, or building them.

Order: `KUBEBUILDER_ASSETS` (envtest's folder with `etcd` and `kube-apiserver`); the cache
(`${XDG_CACHE_HOME:-~/.cache}/kubectl-profiles/bin`); on Debian or Ubuntu, Debian's `etcd-server` package and a
build of kube-apiserver from Debian's `kubernetes` source package (hack/build-kube-apiserver.sh), cached for the
next run. No registry reachable from the machines this project is built on ships a kube-apiserver binary, which is
why it is built; anywhere else the user is told what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kubectl_profiles.devenv.errors import DevenvError

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "hack" / "build-kube-apiserver.sh"


@dataclass(frozen=True)
class Binaries:
    etcd: Path
    kube_apiserver: Path
    origin: str


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kubectl-profiles"


def _usable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_binaries() -> Binaries | None:
    """The binaries without installing anything, or None."""
    assets = os.environ.get("KUBEBUILDER_ASSETS")
    if assets:
        folder = Path(assets)
        etcd, api = folder / "etcd", folder / "kube-apiserver"
        if _usable(etcd) and _usable(api):
            return Binaries(etcd, api, f"KUBEBUILDER_ASSETS ({folder})")
    cached = cache_dir() / "bin"
    etcd, api = cached / "etcd", cached / "kube-apiserver"
    if _usable(etcd) and _usable(api):
        return Binaries(etcd, api, f"cache ({cached})")
    return None


def _is_debian_like() -> bool:
    try:
        text = Path("/etc/os-release").read_text()
    except OSError:
        return False
    ids = " ".join(
        line.split("=", 1)[1].strip('"') for line in text.splitlines() if line.startswith(("ID=", "ID_LIKE="))
    )
    return "debian" in ids or "ubuntu" in ids


def _say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def _sudo() -> list[str]:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        return ["sudo"]
    raise DevenvError("installing packages needs root; run as root or install sudo")


def apt_install(*packages: str) -> None:
    """Install Debian packages (apt-get update first), as root or through sudo."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        result = subprocess.run([*_sudo(), *cmd], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise DevenvError(f"{' '.join(cmd)} failed: {tail}")


def bench_tools() -> str:
    """The load generator the webhook benchmark drives the servers with (`wrk`), installed if missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if not _is_debian_like():
        raise DevenvError("the webhook benchmark needs wrk; install it with your package manager")
    _say("installing wrk from Debian's wrk package")
    apt_install("wrk")
    return shutil.which("wrk") or "/usr/bin/wrk"


def _install_etcd(dest: Path) -> None:
    etcd = shutil.which("etcd")
    if etcd is None:
        _say("installing etcd from Debian's etcd-server package")
        apt_install("etcd-server")
        etcd = shutil.which("etcd") or "/usr/bin/etcd"
    target = dest / "etcd"
    if target.exists() or target.is_symlink():
        target.unlink()
    target.symlink_to(etcd)


def provision() -> Binaries:
    """Return usable binaries, installing or building them if needed. Idempotent."""
    found = find_binaries()
    if found is not None:
        return found
    if not _is_debian_like():
        raise DevenvError(
            "no etcd and kube-apiserver found; install envtest's binaries "
            "(setup-envtest use) and set KUBEBUILDER_ASSETS to their folder"
        )
    dest = cache_dir() / "bin"
    dest.mkdir(parents=True, exist_ok=True)
    if not _usable(dest / "etcd"):
        _install_etcd(dest)
    if not _usable(dest / "kube-apiserver"):
        _say("building kube-apiserver from Debian's kubernetes source package (first run only, ~4 minutes)")
        result = subprocess.run(["bash", str(BUILD_SCRIPT), str(dest), str(cache_dir() / "build")], check=False)
        if result.returncode != 0:
            raise DevenvError(f"building kube-apiserver failed; see {cache_dir() / 'build' / 'build.log'}")
    found = find_binaries()
    if found is None:
        raise DevenvError(f"provisioning finished but {dest} still lacks etcd or kube-apiserver")
    return found
