"""Reading kubeconfig files and the in-cluster service account into what an HTTPS client needs.

The one loader, for the plugin's and the webhook's client faces (kubectl_profiles.kube). Read here, on the fast
path: `KUBECONFIG` with several files (first definition of a name wins, as kubectl does), `--context`, the
context's namespace, cluster CA (file or data) and `insecure-skip-tls-verify`, user `token`, `tokenFile`, client
certificate and key (file or data), `exec` credential plugins that return a token (run again when it expires),
the user's `as`/`as-groups` (impersonation), and the in-cluster service account.

Kubeconfigs the fast path cannot serve go through the official `kubernetes` package's loader instead, imported only
then (it takes 0.3 to 0.6 s to import, more than a whole plugin command may take): `auth-provider` plugins, exec
plugins that return a client certificate, `proxy-url`, `tls-server-name`, and `username`/`password`. The
official loader parses the file and runs the plugins; the host, TLS settings, proxy and the (refreshed)
Authorization header are then taken from its Configuration, and our own transport sends the requests.

Key material given as data stays off disk: the CA goes to OpenSSL as a string, and a client certificate and key,
which `SSLContext.load_cert_chain` reads only from a path, go through an anonymous in-memory file (`memfd`); where
there is none, through a 0600 temporary file that is removed as soon as it has been read. The official loader
writes such data to files of its own: it is given a private directory (0700, in RAM under /dev/shm where there is
one), which is removed as soon as the TLS context has read them, not when the process exits.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kubectl_profiles.errors import ClusterError, UsageError

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
    proxy_url: str | None = None
    tls_server_name: str | None = None
    impersonate_user: str | None = None
    impersonate_groups: tuple[str, ...] = ()
    authorization: Callable[[], str | None] | None = field(default=None, repr=False)
    """The Authorization header's value from the official loader's Configuration (refreshed by it)."""
    _exec_token: str | None = field(default=None, repr=False)
    _exec_expiry: float | None = field(default=None, repr=False)

    def headers(self) -> list[tuple[str, str]]:
        """Authentication and impersonation headers; a list, since Impersonate-Group repeats."""
        out: list[tuple[str, str]] = []
        if self.authorization is not None:
            value = self.authorization()
            if value:
                out.append(("Authorization", value))
        else:
            token = self.token
            if self.token_file is not None:
                token = self.token_file.read_text().strip()  # re-read: projected tokens rotate
            elif self.exec_spec is not None:
                token = self._exec_credential()
            if token:
                out.append(("Authorization", f"Bearer {token}"))
        if self.impersonate_user:
            out.append(("Impersonate-User", self.impersonate_user))
            out.extend(("Impersonate-Group", group) for group in self.impersonate_groups)
        return out

    def impersonate(self, user: str | None, groups: tuple[str, ...] = ()) -> None:
        """kubectl's --as and --as-group; they override the kubeconfig user's `as` and `as-groups`."""
        if groups and not (user or self.impersonate_user):
            raise UsageError(
                "--as-group (or the kubeconfig user's as-groups) needs a user to impersonate",
                hint="add --as USER, or `as:` to the kubeconfig user",
            )
        if user:
            self.impersonate_user = user
            self.impersonate_groups = groups
        elif groups:
            self.impersonate_groups = groups

    def _exec_credential(self) -> str | None:
        if self.exec_spec is None:
            return None
        if self._exec_token is None or (self._exec_expiry is not None and time.time() >= self._exec_expiry - 10):
            status = _run_exec(self.exec_spec)
            self._exec_token = str(status.get("token") or "") or None
            self._exec_expiry = _rfc3339(status.get("expirationTimestamp"))
        return self._exec_token


def _rfc3339(value: object) -> float | None:
    import datetime

    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _run_exec(spec: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ExecCredential's status, from running the kubeconfig's exec plugin as kubectl does."""
    env = dict(os.environ)
    for item in spec.get("env") or []:
        env[str(item["name"])] = str(item["value"])
    env["KUBERNETES_EXEC_INFO"] = json.dumps(
        {
            "apiVersion": spec.get("apiVersion") or "client.authentication.k8s.io/v1",
            "kind": "ExecCredential",
            "spec": {"interactive": False},
        }
    )
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
    except (OSError, subprocess.SubprocessError, ValueError, AttributeError) as exc:
        raise ClusterError(
            f"the kubeconfig's exec credential plugin {spec.get('command')!r} failed", hint="run it by hand to see why"
        ) from exc
    if not status.get("token") and not status.get("clientCertificateData"):
        raise ClusterError(
            f"the exec credential plugin {spec.get('command')!r} returned neither a token nor a client certificate"
        )
    return dict(status)


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
    exec_status = _run_exec(user["exec"]) if user.get("exec") and not _needs_official(cluster, user, None) else None
    why = _needs_official(cluster, user, exec_status)
    if why:
        return _official(paths, name, str(ctx.get("namespace") or "default"), user, why)
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
    config = ClusterConfig(
        server=str(cluster.get("server", "")).rstrip("/"),
        ssl_context=sslctx,
        namespace=str(ctx.get("namespace") or "default"),
        token=user.get("token"),
        token_file=ubase / user["tokenFile"] if user.get("tokenFile") else None,
        exec_spec=user.get("exec"),
        source=f"context {name}",
    )
    if exec_status is not None:
        config._exec_token = str(exec_status["token"])
        config._exec_expiry = _rfc3339(exec_status.get("expirationTimestamp"))
    config.impersonate(user.get("as"), tuple(str(g) for g in user.get("as-groups") or ()))
    return config


def _needs_official(
    cluster: Mapping[str, Any], user: Mapping[str, Any], exec_status: Mapping[str, Any] | None
) -> str | None:
    """Why the fast path cannot serve this context (the official loader then does), or None."""
    for key in ("auth-provider", "username"):
        if user.get(key):
            return key
    for key in ("proxy-url", "tls-server-name"):
        if cluster.get(key):
            return key
    if exec_status is not None and not exec_status.get("token"):
        return "exec client certificate"
    return None


# Only ever the parent of a mkdtemp directory (random name, mode 0700), never a predictable file in it.
_SHM = "/dev/shm"  # noqa: S108


def _ram_dir() -> str | None:
    """Memory-backed /dev/shm when it is a writable directory, else None (the system's temporary directory)."""
    return _SHM if os.path.isdir(_SHM) and os.access(_SHM, os.W_OK | os.X_OK) else None


def _official(paths: list[Path], context: str, namespace: str, user: Mapping[str, Any], why: str) -> ClusterConfig:
    try:
        from kubernetes import client as k8s_client
        from kubernetes import config as k8s_config
    except ImportError as exc:
        raise ClusterError(
            f"this kubeconfig's {why} needs the official `kubernetes` package", hint="pip install kubernetes"
        ) from exc
    cfg = k8s_client.Configuration()
    # The loader writes CA, certificate and key data to files (an SSL context reads only paths) and removes them
    # only when the process exits; here they live in a private directory, removed once they have been read.
    scratch = Path(tempfile.mkdtemp(prefix="kubectl-profiles-", dir=_ram_dir()))
    try:
        try:
            k8s_config.load_kube_config(  # type: ignore[no-untyped-call]
                config_file=os.pathsep.join(str(p) for p in paths if p.exists()),
                context=context,
                client_configuration=cfg,
                persist_config=False,
                temp_file_path=str(scratch),
            )
            authorization = cfg.get_api_key_with_prefix("BearerToken", alias="authorization")
        except (k8s_config.ConfigException, OSError, ValueError, KeyError, TypeError) as exc:
            raise ClusterError(f"the kubernetes package cannot load context {context!r} ({why}): {exc}") from exc
        if why == "exec client certificate" and not cfg.cert_file:
            raise ClusterError(
                f"the exec credential plugin of context {context!r} returned no usable client certificate"
            )
        if not cfg.verify_ssl:
            sslctx = ssl.create_default_context()
            sslctx.check_hostname = False
            sslctx.verify_mode = ssl.CERT_NONE
        else:
            sslctx = ssl.create_default_context(cafile=cfg.ssl_ca_cert or None)
        if cfg.cert_file and cfg.key_file:
            sslctx.load_cert_chain(cfg.cert_file, cfg.key_file)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def refreshed() -> str | None:
        value: str | None = cfg.get_api_key_with_prefix("BearerToken", alias="authorization")
        return value

    config = ClusterConfig(
        server=str(cfg.host).rstrip("/"),
        ssl_context=sslctx,
        namespace=namespace,
        source=f"context {context} (through the kubernetes package: {why})",
        proxy_url=cfg.proxy or None,
        tls_server_name=getattr(cfg, "tls_server_name", None) or None,
        authorization=refreshed if authorization else None,
    )
    config.impersonate(user.get("as"), tuple(str(g) for g in user.get("as-groups") or ()))
    return config


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
