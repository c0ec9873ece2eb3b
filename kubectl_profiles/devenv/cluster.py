"""Start and stop a local control plane: etcd and kube-apiserver as plain processes on loopback.

State lives in one directory (`.cluster/` for `make cluster-up`, a temporary one for the tests): the process ids
and ports in `state.json`, logs, certificates, the etcd data and `kubeconfig`. Ports are chosen free at start, so
parallel runs do not collide. `down` stops exactly the recorded processes and removes the directory.

The kubeconfig has an `admin` context (a member of system:masters, which may impersonate) and contexts for the
test users below, each authenticated by a static token, so that access rules can be tried as different people.
The webhook has an identity of its own (`WEBHOOK_USER`, in `webhook.kubeconfig`) with no rights until
`webhookreg` grants it the chart's, so that the local webhook runs with the privileges it has in a cluster.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kubectl_profiles.devenv.errors import DevenvError
from kubectl_profiles.devenv.provision import REPO_ROOT, Binaries, provision
from kubectl_profiles.model.labels import WEBHOOK_EXEMPT_LABEL

# name -> groups. `admin` may do anything; the others have no RBAC rights until a test grants them some.
USERS: dict[str, tuple[str, ...]] = {
    "admin": ("system:masters",),
    "alice": ("team-a",),
    "bob": ("team-b",),
    "carol": ("platform-admins",),
    "dave": (),
}
WEBHOOK_USER = "profiles-webhook"
"""The webhook's own identity: a static token, as a cluster's service account token would be."""
CRD_DIR = REPO_ROOT / "crds"
CRD_NAMES = ("profilecatalogsources.weave.works", "profileinstallations.weave.works", "profiledefinitions.weave.works")


@dataclass
class Cluster:
    """A running control plane, as recorded in `state.json`."""

    state_dir: Path
    api_port: int
    etcd_port: int
    pids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    webhook_url: str | None = None

    @property
    def kubeconfig(self) -> Path:
        return self.state_dir / "kubeconfig"

    @property
    def webhook_kubeconfig(self) -> Path:
        return self.state_dir / "webhook.kubeconfig"

    @property
    def server(self) -> str:
        return f"https://127.0.0.1:{self.api_port}"

    @property
    def ca_file(self) -> Path:
        return self.state_dir / "certs" / "apiserver.crt"

    def save(self) -> None:
        data = {
            "api_port": self.api_port,
            "etcd_port": self.etcd_port,
            "pids": self.pids,
            "tokens": self.tokens,
            "webhook_url": self.webhook_url,
        }
        tmp = self.state_dir / "state.json.tmp"
        tmp.write_text(json.dumps(data, indent=2))
        tmp.replace(self.state_dir / "state.json")

    @classmethod
    def load(cls, state_dir: Path) -> Cluster | None:
        try:
            data = json.loads((state_dir / "state.json").read_text())
        except (OSError, ValueError):
            return None
        return cls(
            state_dir=state_dir,
            api_port=data["api_port"],
            etcd_port=data["etcd_port"],
            pids={k: int(v) for k, v in data.get("pids", {}).items()},
            tokens=data.get("tokens", {}),
            webhook_url=data.get("webhook_url"),
        )

    def kubectl(
        self, *args: str, user: str | None = None, check: bool = True, input: str | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Run the real kubectl against this control plane (as `user`'s context when given)."""
        return run_kubectl(self.kubeconfig, *args, user=user, check=check, input=input, timeout=timeout)

    def ready(self) -> bool:
        return _readyz(self.server, self.ca_file, self.tokens.get("admin", ""))

    def alive(self) -> bool:
        return all(_pid_alive(pid) for name, pid in self.pids.items() if name in ("etcd", "kube-apiserver"))


def run_kubectl(
    kubeconfig: Path,
    *args: str,
    user: str | None = None,
    check: bool = True,
    input: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    cmd = ["kubectl", "--kubeconfig", str(kubeconfig)]
    if user is not None:
        cmd += ["--context", user]
    result = subprocess.run([*cmd, *args], input=input, capture_output=True, text=True, timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise DevenvError(f"kubectl {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours counts as gone.
    with contextlib.suppress(OSError, ValueError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _readyz(server: str, ca_file: Path, token: str) -> bool:
    if not ca_file.exists():
        return False
    request = urllib.request.Request(f"{server}/readyz", headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        # inside the try: the CA file may exist and still be half-written while the API server starts
        ctx = ssl.create_default_context(cafile=str(ca_file))
        with urllib.request.urlopen(request, context=ctx, timeout=2) as response:  # noqa: S310 - loopback https
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ssl.SSLError):
        return False


def _spawn(name: str, argv: list[str], state_dir: Path) -> int:
    log = (state_dir / f"{name}.log").open("ab")
    proc = subprocess.Popen(
        argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True, cwd=state_dir
    )
    log.close()
    return proc.pid


def _log_tail(state_dir: Path, name: str, lines: int = 5) -> str:
    try:
        text = (state_dir / f"{name}.log").read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(text[-lines:])


def _service_account_keys(state_dir: Path) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    priv, pub = state_dir / "sa.key", state_dir / "sa.pub"
    priv.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
    )
    pub.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    priv.chmod(0o600)
    return priv, pub


def _write_kubeconfig(cluster: Cluster, path: Path | None = None, users: tuple[str, ...] = tuple(USERS)) -> None:
    import yaml

    doc: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {"name": "local", "cluster": {"server": cluster.server, "certificate-authority": str(cluster.ca_file)}}
        ],
        "users": [{"name": user, "user": {"token": cluster.tokens[user]}} for user in users],
        "contexts": [
            {"name": user, "context": {"cluster": "local", "user": user, "namespace": "default"}} for user in users
        ],
        "current-context": users[0],
    }
    path = path or cluster.kubeconfig
    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump(doc, sort_keys=False))
    tmp.chmod(0o600)
    tmp.replace(path)


def _wait(predicate: Any, timeout: float, what: str, cluster: Cluster, log: str) -> None:
    # Polled every 50 ms: the API server's readiness is most of `up`'s time, and waiting longer adds to it.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        for name in ("etcd", "kube-apiserver"):
            pid = cluster.pids.get(name)
            if pid is not None and not _pid_alive(pid):
                raise DevenvError(f"{name} exited during start: {_log_tail(cluster.state_dir, name)}")
        time.sleep(0.05)
    raise DevenvError(f"{what} did not become ready in {timeout:.0f}s: {_log_tail(cluster.state_dir, log)}")


def prepare(cluster: Cluster, *, crds: bool, crd_dir: Path = CRD_DIR, timeout: float = 30) -> None:
    """Label kube-system for the webhook's exclusion; server-side apply of the CRDs, then wait until Established.

    Direct HTTPS calls rather than kubectl: each kubectl start costs a few hundred milliseconds, and `up` has a
    5-second budget with cached binaries.
    """
    import yaml

    from kubectl_profiles.kube import Kube

    kube = Kube.from_options(str(cluster.kubeconfig), None, None, None)
    try:
        # Excluding kube-system from the webhook uses this label: 1.20 does not set kubernetes.io/metadata.name.
        kube.patch_merge("namespaces", "kube-system", None, {"metadata": {"labels": {WEBHOOK_EXEMPT_LABEL: "ignore"}}})
        if not crds:
            return
        docs = [yaml.safe_load(p.read_text()) for p in sorted(crd_dir.glob("*.yaml"))]
        kube.apply(docs, field_manager="kubectl-profiles-devenv")
        deadline = time.monotonic() + timeout
        pending = [d["metadata"]["name"] for d in docs]
        while pending:
            crd = kube.get("customresourcedefinitions", pending[0], None) or {}
            conditions = (crd.get("status") or {}).get("conditions") or []
            if any(c.get("type") == "Established" and c.get("status") == "True" for c in conditions):
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise DevenvError(f"CRD {pending[0]} was not established in {timeout:.0f}s")
            time.sleep(0.05)
    finally:
        kube.close()


def up(state_dir: Path, *, binaries: Binaries | None = None, crds: bool = True, quiet: bool = False) -> Cluster:
    """Start etcd and kube-apiserver; return once /readyz answers and the CRDs are established. Idempotent."""
    state_dir = state_dir.resolve()
    existing = Cluster.load(state_dir)
    if existing is not None:
        if existing.alive() and existing.ready():
            if not quiet:
                print(f"control plane already running at {existing.server}", file=sys.stderr)
            return existing
        down(state_dir, quiet=True)
    binaries = binaries or provision()
    started = time.monotonic()
    for sub in ("etcd", "certs"):
        (state_dir / sub).mkdir(parents=True, exist_ok=True)
    state_dir.chmod(0o700)
    cluster = Cluster(state_dir=state_dir, api_port=free_port(), etcd_port=free_port())
    identities = {**USERS, WEBHOOK_USER: ()}
    cluster.tokens = {user: os.urandom(16).hex() for user in identities}
    lines = [f'{cluster.tokens[u]},{u},{u},"{",".join(groups)}"' for u, groups in identities.items()]
    (state_dir / "tokens.csv").write_text("\n".join(lines) + "\n")
    (state_dir / "tokens.csv").chmod(0o600)
    sa_key, sa_pub = _service_account_keys(state_dir)
    peer = free_port()
    etcd_url = f"http://127.0.0.1:{cluster.etcd_port}"
    cluster.pids["etcd"] = _spawn(
        "etcd",
        [
            str(binaries.etcd),
            "--data-dir",
            str(state_dir / "etcd"),
            "--listen-client-urls",
            etcd_url,
            "--advertise-client-urls",
            etcd_url,
            "--listen-peer-urls",
            f"http://127.0.0.1:{peer}",
            "--initial-advertise-peer-urls",
            f"http://127.0.0.1:{peer}",
            "--initial-cluster",
            f"default=http://127.0.0.1:{peer}",
            "--unsafe-no-fsync",
        ],
        state_dir,
    )
    cluster.save()
    cluster.pids["kube-apiserver"] = _spawn(
        "kube-apiserver",
        [
            str(binaries.kube_apiserver),
            f"--etcd-servers={etcd_url}",
            f"--cert-dir={state_dir / 'certs'}",
            f"--secure-port={cluster.api_port}",
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            f"--service-account-key-file={sa_pub}",
            f"--service-account-signing-key-file={sa_key}",
            "--service-account-issuer=https://kubernetes.default.svc",
            f"--token-auth-file={state_dir / 'tokens.csv'}",
            "--authorization-mode=RBAC",
            "--service-cluster-ip-range=10.0.0.0/24",
            "--allow-privileged=true",
            "--disable-admission-plugins=ServiceAccount",
            "--enable-priority-and-fairness=false",
        ],
        state_dir,
    )
    cluster.save()
    _write_kubeconfig(cluster)
    _write_kubeconfig(cluster, cluster.webhook_kubeconfig, (WEBHOOK_USER,))
    _wait(cluster.ready, 60, "kube-apiserver", cluster, "kube-apiserver")
    prepare(cluster, crds=crds)
    cluster.save()
    if not quiet:
        print(
            f"control plane ready in {time.monotonic() - started:.1f}s at {cluster.server} "
            f"(binaries from {binaries.origin})",
            file=sys.stderr,
        )
    return cluster


def stop_pid(pid: int, timeout: float = 10) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid_alive(pid):
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    if _pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)


def down(state_dir: Path, *, quiet: bool = False) -> None:
    """Stop exactly the recorded processes (controllers and webhook first) and remove the state. Safe to run twice."""
    state_dir = state_dir.resolve()
    cluster = Cluster.load(state_dir)
    if cluster is None:
        if state_dir.exists() and (state_dir / "tokens.csv").exists():
            shutil.rmtree(state_dir, ignore_errors=True)
        if not quiet:
            print("no local control plane to stop", file=sys.stderr)
        return
    controllers = sorted(name for name in cluster.pids if name.startswith("controller"))
    for name in (*controllers, "webhook", "kube-apiserver", "etcd"):
        pid = cluster.pids.get(name)
        if pid is not None:
            stop_pid(pid)
    shutil.rmtree(state_dir, ignore_errors=True)
    if not quiet:
        print("control plane stopped", file=sys.stderr)
