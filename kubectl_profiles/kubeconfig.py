"""Reading kubeconfig files and the in-cluster service account into what an HTTPS client needs.

Shared by the plugin's client (kube.py) and the webhook's. Supported: `KUBECONFIG` with several files (first
definition of a name wins, as kubectl does), `--context`, the context's namespace, cluster CA (file or data) and
`insecure-skip-tls-verify`, user `token`, `tokenFile`, client certificate and key (file or data), and `exec`
credential plugins (client.authentication.k8s.io ExecCredential). Not supported: the deprecated `auth-provider`
plugins; they get a clear error.

Key material given as data stays off disk: the CA goes to OpenSSL as a string, and a client certificate and key,
which `SSLContext.load_cert_chain` reads only from a path, go through an anonymous in-memory file (`memfd`); where
there is none, through a 0600 temporary file that is removed as soon as it has been read.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import ssl
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kubectl_profiles.errors import ClusterError

SA_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")


@dataclass
class ClusterConfig:
    server: str
    ssl_context: ssl.SSLContext
    namespace: str = "default"
    token: str | None = None
    token_file: Path | None = None
    exec_spec: Mapping[str, Any] | None = None
    source: str = ""
    _exec_token: str | None = field(default=None, repr=False)

    def headers(self) -> dict[str, str]:
        token = self.token
        if self.token_file is not None:
            token = self.token_file.read_text().strip()  # re-read: projected tokens rotate
        elif self.exec_spec is not None:
            if self._exec_token is None:
                self._exec_token = _run_exec(self.exec_spec)
            token = self._exec_token
        return {"Authorization": f"Bearer {token}"} if token else {}


def _run_exec(spec: Mapping[str, Any]) -> str:
    env = dict(os.environ)
    for item in spec.get("env") or []:
        env[str(item["name"])] = str(item["value"])
    try:
        out = subprocess.run(
            [str(spec["command"]), *[str(a) for a in spec.get("args") or []]],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        status = json.loads(out).get("status") or {}
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        raise ClusterError(
            f"the kubeconfig's exec credential plugin {spec.get('command')!r} failed", hint="run it by hand to see why"
        ) from exc
    token = status.get("token")
    if not token:
        raise ClusterError(
            "the exec credential plugin returned no token (client certificates from exec plugins are not supported)"
        )
    return str(token)


def _files(explicit: str | None) -> list[Path]:
    if explicit:
        return [Path(explicit).expanduser()]
    env = os.environ.get("KUBECONFIG")
    if env:
        return [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    return [Path.home() / ".kube" / "config"]


def _merged(paths: list[Path]) -> tuple[dict[str, Any], Path]:
    merged: dict[str, Any] = {"clusters": {}, "users": {}, "contexts": {}, "current-context": None}
    first: Path | None = None
    for path in paths:
        if not path.exists():
            continue
        try:
            doc = yaml.safe_load(path.read_text()) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ClusterError(f"cannot read kubeconfig {path}: {exc}") from exc
        first = first or path
        for key, section in (("clusters", "cluster"), ("users", "user"), ("contexts", "context")):
            for item in doc.get(key) or []:
                merged[key].setdefault(item.get("name"), (item.get(section) or {}, path.parent))
        merged["current-context"] = merged["current-context"] or doc.get("current-context")
    if first is None:
        raise ClusterError(
            f"no kubeconfig found at {', '.join(map(str, paths))}", hint="set --kubeconfig or KUBECONFIG"
        )
    return merged, first


def _decoded(data: str, what: str) -> bytes:
    try:
        return base64.b64decode(data)
    except ValueError as exc:
        raise ClusterError(f"the kubeconfig's {what} is not valid base64") from exc


@contextlib.contextmanager
def _private_file(content: bytes) -> Iterator[str]:
    """A path that reads as `content` while the block runs, and is gone after it."""
    memfd = getattr(os, "memfd_create", None)
    if memfd is not None and os.path.isdir("/proc/self/fd"):
        fd = memfd("kubectl-profiles-client", getattr(os, "MFD_CLOEXEC", 0))
        try:
            os.write(fd, content)  # a memfd takes a whole write at once
            yield f"/proc/self/fd/{fd}"
        finally:
            os.close(fd)
        return
    fd, path = tempfile.mkstemp(prefix="kubectl-profiles-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _load_client_pair(sslctx: ssl.SSLContext, user: Mapping[str, Any], base: Path, user_name: str) -> None:
    cert_data, key_data = str(user.get("client-certificate-data") or ""), str(user.get("client-key-data") or "")
    cert_file, key_file = str(user.get("client-certificate") or ""), str(user.get("client-key") or "")
    if not ((cert_data or cert_file) and (key_data or key_file)):
        return
    try:
        if not cert_data and not key_data:
            sslctx.load_cert_chain(str(base / cert_file), str(base / key_file))
            return
        cert = _decoded(cert_data, "client-certificate-data") if cert_data else (base / cert_file).read_bytes()
        key = _decoded(key_data, "client-key-data") if key_data else (base / key_file).read_bytes()
        with _private_file(cert.rstrip(b"\n") + b"\n" + key) as path:
            sslctx.load_cert_chain(path)
    except ssl.SSLError as exc:
        raise ClusterError(
            f"the kubeconfig's client certificate and key of user {user_name!r} cannot be used: {exc.reason}",
            hint="check that they are PEM and belong together",
        ) from exc
    except OSError as exc:
        raise ClusterError(f"cannot read the client certificate or key of user {user_name!r}: {exc}") from exc


def load(kubeconfig: str | None = None, context: str | None = None) -> ClusterConfig:
    """The cluster to talk to: an explicit or `KUBECONFIG` file, else ~/.kube/config, else in-cluster."""
    paths = _files(kubeconfig)
    if not kubeconfig and not any(p.exists() for p in paths) and os.environ.get("KUBERNETES_SERVICE_HOST"):
        return in_cluster()
    merged, first = _merged(paths)
    name = context or merged["current-context"]
    if not name or name not in merged["contexts"]:
        raise ClusterError(f"context {name!r} not found in {first}", hint="see 'kubectl config get-contexts'")
    ctx, _ = merged["contexts"][name]
    if ctx.get("cluster") not in merged["clusters"]:
        raise ClusterError(f"context {name!r} names cluster {ctx.get('cluster')!r}, which is not defined")
    cluster, cbase = merged["clusters"][ctx["cluster"]]
    user, ubase = merged["users"].get(ctx.get("user"), ({}, first.parent))
    if cluster.get("insecure-skip-tls-verify"):
        sslctx = ssl.create_default_context()
        sslctx.check_hostname = False
        sslctx.verify_mode = ssl.CERT_NONE
    else:
        ca = cluster.get("certificate-authority")
        ca_data = cluster.get("certificate-authority-data")
        try:
            if ca_data:
                pem = _decoded(ca_data, "certificate-authority-data").decode("ascii")
                sslctx = ssl.create_default_context(cadata=pem)
            else:
                sslctx = ssl.create_default_context(cafile=str(cbase / ca) if ca else None)
        except (ssl.SSLError, UnicodeDecodeError) as exc:
            raise ClusterError(f"the certificate authority of cluster {ctx['cluster']!r} is not PEM") from exc
    _load_client_pair(sslctx, user, ubase, str(ctx.get("user")))
    if user.get("auth-provider"):
        raise ClusterError(
            "kubeconfig auth-provider plugins are not supported", hint="use an exec credential plugin or a token"
        )
    return ClusterConfig(
        server=str(cluster.get("server", "")).rstrip("/"),
        ssl_context=sslctx,
        namespace=str(ctx.get("namespace") or "default"),
        token=user.get("token"),
        token_file=ubase / user["tokenFile"] if user.get("tokenFile") else None,
        exec_spec=user.get("exec"),
        source=f"context {name}",
    )


def in_cluster() -> ClusterConfig:
    host, port = os.environ.get("KUBERNETES_SERVICE_HOST"), os.environ.get("KUBERNETES_SERVICE_PORT")
    if not host or not port:
        raise ClusterError("not running in a cluster and no kubeconfig given", hint="set --kubeconfig")
    sslctx = ssl.create_default_context(cafile=str(SA_DIR / "ca.crt"))
    server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
    namespace = (SA_DIR / "namespace").read_text().strip() if (SA_DIR / "namespace").exists() else "default"
    return ClusterConfig(
        server=server,
        ssl_context=sslctx,
        namespace=namespace,
        token_file=SA_DIR / "token",
        source="in-cluster service account",
    )
