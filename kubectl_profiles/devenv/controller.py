"""Start and stop `profiles-controller` beside the local control plane, as a plain process (no nodes here).

Its pid is recorded in the cluster's state under its name (`controller`, or `controller-2` for a second replica in
the failover tests), so that `down` stops exactly it. Health, readiness and metrics answer on a loopback port.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from kubectl_profiles.devenv.cluster import Cluster, _log_tail, _pid_alive, free_port, stop_pid
from kubectl_profiles.devenv.errors import DevenvError


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - loopback http
            return int(resp.status), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def start_controller(
    cluster: Cluster,
    name: str = "controller",
    extra_args: tuple[str, ...] = (),
    timeout: float = 30,
    env: dict[str, str] | None = None,
) -> str:
    """Start `python -m controller` for this control plane; return its base URL once /readyz answers.

    `env` is added to this process's environment (SSL_CERT_FILE for a test's Helm repository, say)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (cluster.state_dir / f"{name}.log").open("ab")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "controller",
            "--listen",
            f"127.0.0.1:{port}",
            "--kubeconfig",
            str(cluster.kubeconfig),
            "--lease-namespace",
            "default",
            "--identity",
            name,
            "--cache-dir",
            str(cluster.state_dir / "controller-git"),
            "--log-format",
            "json",
            *extra_args,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, **env} if env else None,
    )
    log.close()
    cluster.pids[name] = proc.pid
    (cluster.state_dir / f"{name}.url").write_text(url)
    cluster.save()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _get(f"{url}/readyz")[0] == 200:
            return url
        if proc.poll() is not None:
            raise DevenvError(f"the controller exited during start: {_log_tail(cluster.state_dir, name)}")
        time.sleep(0.05)
    raise DevenvError(f"the controller was not ready in {timeout:.0f}s: {_log_tail(cluster.state_dir, name)}")


def controller_url(cluster: Cluster, name: str = "controller") -> str | None:
    path = cluster.state_dir / f"{name}.url"
    return path.read_text().strip() if path.exists() else None


def leader_of(url: str) -> dict[str, object]:
    status, body = _get(f"{url}/leader")
    return json.loads(body) if status == 200 and body else {}


def stop_controller(cluster: Cluster, name: str = "controller") -> None:
    pid = cluster.pids.pop(name, None)
    if pid is not None:
        stop_pid(pid)
    cluster.save()


def ensure_controller(cluster: Cluster) -> str:
    """Start the controller unless one already runs for this control plane."""
    pid = cluster.pids.get("controller")
    url = controller_url(cluster)
    if pid is not None and _pid_alive(pid) and url and _get(f"{url}/readyz")[0] == 200:
        return url
    url = start_controller(cluster)
    print(f"controller ready at {url}", file=sys.stderr)
    return url


__all__ = ["controller_url", "ensure_controller", "leader_of", "start_controller", "stop_controller"]
