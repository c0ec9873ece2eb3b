"""Local git repositories holding the example profiles (examples/profiles/), for the demo and the tests.

`build_example_repo(dest)` makes a bare repository `dest/demo-profiles.git` with these tags:
nginx/1.0.0, nginx/1.1.0 (more replicas by default), nginx/2.0.0-rc.1 (a prerelease), redis/1.0.0,
cache/1.0.0 (nests redis), web-stack/1.0.0 (nests cache: two levels). `{{REPO_URL}}` in the profiles is
replaced by the repository's own file:// URL, so nested profiles point back into it. Run it as
`python -m kubectl_profiles.devenv.examples DEST` to print the URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kubectl_profiles.devenv.provision import REPO_ROOT

PROFILES = REPO_ROOT / "examples" / "profiles"
TAGS_FIRST = ("nginx/1.0.0", "redis/1.0.0", "cache/1.0.0", "web-stack/1.0.0")


def _git(*args: str, cwd: Path) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="demo",
        GIT_AUTHOR_EMAIL="demo@example.invalid",
        GIT_COMMITTER_NAME="demo",
        GIT_COMMITTER_EMAIL="demo@example.invalid",
        GIT_AUTHOR_DATE="2026-01-01T00:00:00Z",
        GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
    )
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


def build_example_repo(dest: Path, name: str = "demo-profiles") -> str:
    """Build (or rebuild) the bare repository; return its file:// URL."""
    dest = Path(dest).resolve()
    bare = dest / f"{name}.git"
    url = bare.as_uri()
    if bare.exists():
        shutil.rmtree(bare)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(PROFILES, work)
        for profile in work.rglob("profile.yaml"):
            _replace(profile, "{{REPO_URL}}", url)
        _git("init", "-q", cwd=work)
        _git("add", "-A", cwd=work)
        _git("commit", "-q", "-m", "example profiles", cwd=work)
        for tag in TAGS_FIRST:
            _git("tag", tag, cwd=work)
        _replace(work / "nginx" / "profile.yaml", "replicaCount: 1", "replicaCount: 2")
        _git("commit", "-q", "-am", "nginx 1.1.0: two replicas by default", cwd=work)
        _git("tag", "nginx/1.1.0", cwd=work)
        _replace(work / "nginx" / "profile.yaml", "version: 0.2.0", "version: 0.3.0")
        _git("commit", "-q", "-am", "nginx 2.0.0-rc.1: newer exporter", cwd=work)
        _git("tag", "nginx/2.0.0-rc.1", cwd=work)
        _git("clone", "-q", "--bare", str(work), str(bare), cwd=Path(tmp))
    return url


if __name__ == "__main__":
    print(build_example_repo(Path(sys.argv[1] if len(sys.argv) > 1 else ".cluster/repos")))
