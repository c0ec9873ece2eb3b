"""A small asyncio Kubernetes API client: list, watch and get, over the server's own event loop.

Why not the official `kubernetes` client: it is synchronous (a watch per thread), and importing it costs about
40 MiB of resident memory and a second of start-up on these machines, against the webhook's targets of 80 MiB and
ready in 2 s. The webhook needs four read-only calls, so a thin client on aiohttp (already the server's
framework) is smaller and faster. It reads a kubeconfig (current context; token, token file or client
certificate; CA file or data) or the in-cluster service account.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import tempfile
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import yaml

SA_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")


class KubeError(Exception):
    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Config:
    server: str
    ssl_context: ssl.SSLContext | bool
    token: str | None = None
    token_file: Path | None = None

    def auth_header(self) -> dict[str, str]:
        token = self.token
        if self.token_file is not None:
            token = self.token_file.read_text().strip()  # re-read: projected tokens rotate
        return {"Authorization": f"Bearer {token}"} if token else {}


def _data_file(data: str, tmp: Path, name: str) -> str:
    path = tmp / name
    path.write_bytes(base64.b64decode(data))
    path.chmod(0o600)
    return str(path)


def load_kubeconfig(path: str, context: str | None = None) -> Config:
    doc = yaml.safe_load(Path(path).read_text())
    ctx_name = context or doc.get("current-context")
    ctx = next((c["context"] for c in doc.get("contexts", []) if c["name"] == ctx_name), None)
    if ctx is None:
        raise KubeError(f"kubeconfig {path}: context {ctx_name!r} not found")
    cluster = next(c["cluster"] for c in doc.get("clusters", []) if c["name"] == ctx["cluster"])
    user = next((u.get("user") or {} for u in doc.get("users", []) if u["name"] == ctx.get("user")), {})
    tmp = Path(tempfile.mkdtemp(prefix="profiles-webhook-"))
    base = Path(path).parent
    if cluster.get("insecure-skip-tls-verify"):
        sslctx = ssl.create_default_context()
        sslctx.check_hostname = False
        sslctx.verify_mode = ssl.CERT_NONE
    else:
        ca = cluster.get("certificate-authority")
        if cluster.get("certificate-authority-data"):
            ca = _data_file(cluster["certificate-authority-data"], tmp, "ca.crt")
        sslctx = ssl.create_default_context(cafile=str(base / ca) if ca else None)
    cert, key = user.get("client-certificate"), user.get("client-key")
    if user.get("client-certificate-data"):
        cert = _data_file(user["client-certificate-data"], tmp, "client.crt")
    if user.get("client-key-data"):
        key = _data_file(user["client-key-data"], tmp, "client.key")
    if cert and key:
        sslctx.load_cert_chain(str(base / cert), str(base / key))
    token_file = Path(base / user["tokenFile"]) if user.get("tokenFile") else None
    return Config(server=cluster["server"].rstrip("/"), ssl_context=sslctx, token=user.get("token"),
                  token_file=token_file)


def in_cluster() -> Config:
    host, port = os.environ.get("KUBERNETES_SERVICE_HOST"), os.environ.get("KUBERNETES_SERVICE_PORT")
    if not host or not port:
        raise KubeError("not running in a cluster and no --kubeconfig given")
    sslctx = ssl.create_default_context(cafile=str(SA_DIR / "ca.crt"))
    server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
    return Config(server=server, ssl_context=sslctx, token_file=SA_DIR / "token")


def load_config(kubeconfig: str | None) -> Config:
    if kubeconfig:
        return load_kubeconfig(kubeconfig)
    if os.environ.get("KUBERNETES_SERVICE_HOST"):
        return in_cluster()
    env = os.environ.get("KUBECONFIG", "").split(os.pathsep)[0]
    if env:
        return load_kubeconfig(env)
    default = Path.home() / ".kube" / "config"
    if default.exists():
        return load_kubeconfig(str(default))
    raise KubeError("no cluster configuration: give --kubeconfig, or run in a cluster")


class KubeClient:
    def __init__(self, config: Config) -> None:
        self.config = config
        self._session: aiohttp.ClientSession | None = None

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=self.config.ssl_context, limit=8),
                timeout=aiohttp.ClientTimeout(total=None, connect=10, sock_read=None),
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(self, path: str, **params: Any) -> Mapping[str, Any]:
        session = await self.session()
        async with session.get(self.config.server + path, params=params or None,
                               headers=self.config.auth_header(),
                               timeout=aiohttp.ClientTimeout(total=30)) as resp:
            body = await resp.read()
            if resp.status != 200:
                raise KubeError(f"GET {path}: HTTP {resp.status}: {_status_message(body)}", resp.status)
            result: Mapping[str, Any] = json.loads(body)
            return result

    async def watch(self, path: str, resource_version: str, timeout_seconds: int = 290
                    ) -> AsyncIterator[Mapping[str, Any]]:
        """Watch events (dicts with `type` and `object`) until the server closes the stream."""
        session = await self.session()
        params = {"watch": "1", "resourceVersion": resource_version, "allowWatchBookmarks": "true",
                  "timeoutSeconds": str(timeout_seconds)}
        async with session.get(self.config.server + path, params=params, headers=self.config.auth_header(),
                               timeout=aiohttp.ClientTimeout(total=timeout_seconds + 30, sock_read=None)) as resp:
            if resp.status != 200:
                raise KubeError(f"watch {path}: HTTP {resp.status}: {_status_message(await resp.read())}",
                                resp.status)
            buffer = b""
            # Split on newlines by hand: one event can be larger than aiohttp's readline limit (a big catalog).
            async for chunk in resp.content.iter_any():
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.strip():
                        yield json.loads(line)


def _status_message(body: bytes) -> str:
    try:
        return str(json.loads(body).get("message", ""))[:300]
    except (ValueError, AttributeError):
        return body[:200].decode(errors="replace")
