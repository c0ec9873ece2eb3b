"""A small asyncio Kubernetes API client: list, watch and get, over the server's own event loop.

Why not the official `kubernetes` client: it is synchronous (a watch per thread), and importing it costs about
40 MiB of resident memory and a second of start-up on these machines, against the webhook's targets of 80 MiB and
ready in 2 s. The webhook needs four read-only calls, so a thin client on aiohttp (already the server's
framework) is smaller and faster. It reads a kubeconfig (current context; token, token file or client
certificate; CA file or data; exec plugins) or the in-cluster service account, through the same module as the
plugin (kubectl_profiles.kubeconfig).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from typing import Any

import aiohttp

from kubectl_profiles import kubeconfig as kubeconfig_mod
from kubectl_profiles.errors import ClusterError
from kubectl_profiles.kubeconfig import ClusterConfig

log = logging.getLogger("profiles.watch")


class KubeError(Exception):
    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


def load_config(kubeconfig: str | None) -> ClusterConfig:
    try:
        return kubeconfig_mod.load(kubeconfig)
    except ClusterError as exc:
        raise KubeError(str(exc)) from exc


class KubeClient:
    def __init__(self, config: ClusterConfig) -> None:
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
        async with session.get(
            self.config.server + path,
            params=params or None,
            headers=self.config.headers(),
            timeout=aiohttp.ClientTimeout(total=30),
        ) as resp:
            body = await resp.read()
            if resp.status != 200:
                raise KubeError(f"GET {path}: HTTP {resp.status}: {_status_message(body)}", resp.status)
            result: Mapping[str, Any] = json.loads(body)
            return result

    async def watch(
        self, path: str, resource_version: str, timeout_seconds: int = 290
    ) -> AsyncIterator[Mapping[str, Any]]:
        """Watch events (dicts with `type` and `object`) until the server closes the stream."""
        session = await self.session()
        params = {
            "watch": "1",
            "resourceVersion": resource_version,
            "allowWatchBookmarks": "true",
            "timeoutSeconds": str(timeout_seconds),
        }
        async with session.get(
            self.config.server + path,
            params=params,
            headers=self.config.headers(),
            timeout=aiohttp.ClientTimeout(total=timeout_seconds + 30, sock_read=None),
        ) as resp:
            if resp.status != 200:
                raise KubeError(f"watch {path}: HTTP {resp.status}: {_status_message(await resp.read())}", resp.status)
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


async def reflect(
    client: KubeClient,
    path: str,
    replace: Callable[[Iterable[Mapping[str, Any]]], None],
    apply_event: Callable[[str, Mapping[str, Any]], None],
    *,
    name: str = "",
    missing_is_empty: bool = False,
    max_backoff: float = 30,
) -> None:
    """Keep a store in step with the API server: list, then watch from the list's resourceVersion, forever.

    The one watch loop of the project (the webhook's caches and the controller's informers both run it). A
    `410 Gone` (the watch expired) or a stream the server closed relists or rewatches at once; other errors back
    off from 0.5 s, doubling up to `max_backoff`. With `missing_is_empty`, a kind the server does not serve (404)
    counts as listed and empty, and is looked for again after the backoff.
    """
    backoff = 0.5
    name = name or path
    while True:
        try:
            try:
                listed = await client.get(path)
            except KubeError as exc:
                if exc.status == 404 and missing_is_empty:
                    replace([])
                    raise
                raise
            replace(listed.get("items") or [])
            version = str((listed.get("metadata") or {}).get("resourceVersion") or "")
            backoff = 0.5
            while True:
                async for event in client.watch(path, version):
                    kind, obj = event.get("type"), event.get("object") or {}
                    if kind == "ERROR":
                        raise KubeError(str(obj.get("message")), int(obj.get("code") or 0))
                    version = str((obj.get("metadata") or {}).get("resourceVersion") or version)
                    apply_event(str(kind), obj)
        except asyncio.CancelledError:
            raise
        except KubeError as exc:
            if exc.status != 410:
                level = logging.DEBUG if exc.status == 404 and missing_is_empty else logging.WARNING
                log.log(level, "watch %s failed: %s; retrying in %.1fs", name, exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, max_backoff)
        except (TimeoutError, OSError, ValueError, aiohttp.ClientError) as exc:
            log.warning("watch %s interrupted: %s; retrying in %.1fs", name, exc, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, max_backoff)
