"""An in-process stand-in for kube-apiserver's REST surface, for the client core's unit tests.

It speaks the real wire format (Status bodies, list resourceVersions, watch streams of JSON lines with BOOKMARK and
ERROR events, 410 for an expired resourceVersion, optimistic concurrency on PUT) over real TLS on loopback, in a
thread of its own so that both the sync and the async face can talk to it. The integration tests check the same
client against the real API server; this one lets the tests provoke what a real one rarely does on demand
(compaction, dropped streams, an aggregated API that is down).
"""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from kubectl_profiles.kube.core import RESOURCES


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: list[tuple[str, str]]
    body: Any


def status(code: int, reason: str, message: str, **details: Any) -> dict[str, Any]:
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
        **({"details": details} if details else {}),
    }


@dataclass
class FakeAPIServer:
    objects: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    history: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    rv: int = 100
    expired_below: int = 0  # a watch from an older resourceVersion gets 410
    expire_as_event: bool = True  # 410 as an ERROR event in a 200 stream (as the server does), else as HTTP 410
    failures: dict[tuple[str, str], tuple[int, dict[str, Any]]] = field(default_factory=dict)
    port: int = 0

    def __post_init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._changed: asyncio.Event | None = None  # replaced by a new one at each change
        self._watch_requests: list[web.Request] = []
        self.lists = 0
        self.watches = 0
        self.generation = 0

    # --- test-side controls (thread-safe) -------------------------------------------------------------------
    def put(self, plural: str, obj: dict[str, Any], event: str = "ADDED") -> dict[str, Any]:
        return self._call(self._store(plural, obj, event))

    def remove(self, plural: str, namespace: str, name: str) -> None:
        self._call(self._delete(plural, namespace, name))

    def bookmark(self) -> None:
        async def mark() -> None:
            self.rv += 1
            self.history.append((self.rv, "BOOKMARK", {"metadata": {"resourceVersion": str(self.rv)}}))
            await self._notify()

        self._call(mark())

    def drop_watches(self) -> None:
        """Cut every open watch stream mid-way, as a restarting API server or a proxy does."""

        self._call(self._drop())

    async def _drop(self) -> None:
        for request in self._watch_requests:
            if request.transport is not None:
                request.transport.abort()
        self._watch_requests.clear()

    def end_watches(self) -> None:
        """End every open watch stream cleanly, as the server does when a watch's timeoutSeconds is up."""

        async def end() -> None:
            self.generation += 1
            await self._notify()

        self._call(end())

    def compact(self) -> None:
        """Forget every resourceVersion up to now (etcd compaction): older watches get 410 Gone."""
        self.expired_below = self.rv + 1

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    # --- store ------------------------------------------------------------------------------------------------
    async def _notify(self) -> None:
        assert self._changed is not None
        self._changed.set()
        self._changed = asyncio.Event()

    async def _store(self, plural: str, obj: dict[str, Any], event: str) -> dict[str, Any]:
        self.rv += 1
        meta = obj.setdefault("metadata", {})
        meta["resourceVersion"] = str(self.rv)
        res = RESOURCES[plural]
        obj.setdefault("apiVersion", res.api_version)
        obj.setdefault("kind", res.kind)
        self.objects.setdefault(plural, {})[(meta.get("namespace") or "", meta["name"])] = obj
        self.history.append((self.rv, event, json.loads(json.dumps(obj))))
        await self._notify()
        return obj

    async def _delete(self, plural: str, namespace: str, name: str) -> dict[str, Any] | None:
        obj = self.objects.get(plural, {}).pop((namespace, name), None)
        if obj is not None:
            self.rv += 1
            obj["metadata"]["resourceVersion"] = str(self.rv)
            self.history.append((self.rv, "DELETED", obj))
            await self._notify()
        return obj

    # --- HTTP -------------------------------------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        body = json.loads(raw) if raw else None
        self.requests.append(
            Recorded(request.method, request.path, dict(request.query), list(request.headers.items()), body)
        )
        failure = self.failures.get((request.method, request.path))
        if failure is not None:
            return web.json_response(failure[1], status=failure[0])
        if request.path == "/version":
            return web.json_response({"major": "1", "minor": "20", "gitVersion": "v1.20.2"})
        if request.path == "/api/v1":
            return web.json_response({"resources": self._discovery("v1")})
        if request.path == "/apis":
            versions = sorted({r.api_version for r in RESOURCES.values() if "/" in r.api_version})
            groups = [{"name": v.split("/")[0], "versions": [{"groupVersion": v}]} for v in versions]
            groups.append({"name": "metrics.example", "versions": [{"groupVersion": "metrics.example/v1"}]})
            return web.json_response({"groups": groups})
        if request.path == "/apis/metrics.example/v1":  # an aggregated API whose backend is down
            return web.json_response(status(503, "ServiceUnavailable", "the backend is down"), status=503)
        parts = request.path.strip("/").split("/")
        prefix = 2 if parts[0] == "api" else 3
        api_version = "/".join(parts[1:prefix])
        if api_version in ("v1", *(r.api_version for r in RESOURCES.values())) and len(parts) == prefix:
            return web.json_response({"resources": self._discovery(api_version)})
        rest = parts[prefix:]
        if not rest:  # discovery of a group or version this server does not serve
            return web.json_response(
                status(404, "NotFound", "the server could not find the requested resource"), status=404
            )
        namespace = ""
        if len(rest) >= 3 and rest[0] == "namespaces":
            namespace, rest = rest[1], rest[2:]
        plural, name, sub = rest[0], (rest[1] if len(rest) > 1 else None), (rest[2] if len(rest) > 2 else None)
        if plural not in RESOURCES or RESOURCES[plural].api_version != api_version:
            return web.json_response(
                status(404, "NotFound", "the server could not find the requested resource"), status=404
            )
        if name is None and request.method == "GET":
            if request.query.get("watch"):
                return await self._watch(request, plural, namespace)
            self.lists += 1
            items = [o for (ns, _), o in self.objects.get(plural, {}).items() if not namespace or ns == namespace]
            return web.json_response({"kind": "List", "metadata": {"resourceVersion": str(self.rv)}, "items": items})
        if name is None and request.method == "POST":
            assert isinstance(body, dict)
            meta = body.setdefault("metadata", {})
            if not meta.get("name"):
                meta["name"] = str(meta.get("generateName") or "x") + str(self.rv)
            meta.setdefault("namespace", namespace) if namespace else None
            if (namespace, meta["name"]) in self.objects.get(plural, {}):
                msg = f'{plural} "{meta["name"]}" already exists'
                return web.json_response(status(409, "AlreadyExists", msg, name=meta["name"]), status=409)
            return web.json_response(await self._store(plural, body, "ADDED"), status=201)
        current = self.objects.get(plural, {}).get((namespace, str(name)))
        if current is None:
            msg = f'{plural} "{name}" not found'
            return web.json_response(status(404, "NotFound", msg, name=name, kind=plural), status=404)
        if request.method == "GET":
            return web.json_response(current)
        if request.method == "DELETE":
            return web.json_response(await self._delete(plural, namespace, str(name)))
        assert isinstance(body, dict)
        wanted = (body.get("metadata") or {}).get("resourceVersion")
        if wanted and wanted != current["metadata"]["resourceVersion"]:
            msg = f'Operation cannot be fulfilled on {plural} "{name}": the object has been modified'
            return web.json_response(status(409, "Conflict", msg, name=name), status=409)
        if request.method == "PUT":
            updated = dict(body) if sub is None else {**current, sub: body.get(sub)}
        else:  # a merge patch, one level deep: enough for status and labels
            updated = json.loads(json.dumps(current))
            for key, value in body.items():
                if key == "metadata":
                    continue
                updated[key] = {**(updated.get(key) or {}), **value} if isinstance(value, dict) else value
        updated.setdefault("metadata", {}).update(name=name, namespace=namespace or None)
        return web.json_response(await self._store(plural, updated, "MODIFIED"))

    def _discovery(self, api_version: str) -> list[dict[str, Any]]:
        found = [
            {"name": r.plural, "kind": r.kind, "namespaced": r.namespaced}
            for r in RESOURCES.values()
            if r.api_version == api_version
        ]
        if found:
            found.append({"name": f"{found[0]['name']}/status", "kind": found[0]["kind"], "namespaced": True})
        return found

    async def _watch(self, request: web.Request, plural: str, namespace: str) -> web.StreamResponse:
        self.watches += 1
        since = int(request.query.get("resourceVersion") or 0)
        if since < self.expired_below and not self.expire_as_event:
            return web.json_response(status(410, "Expired", "too old resource version"), status=410)
        resp = web.StreamResponse()
        resp.content_type = "application/json"
        await resp.prepare(request)
        if since < self.expired_below:
            error = {"type": "ERROR", "object": status(410, "Expired", f"too old resource version: {since}")}
            await resp.write(json.dumps(error).encode() + b"\n")
            return resp
        self._watch_requests.append(request)
        generation = self.generation
        assert self._changed is not None
        deadline = self.loop.time() + float(request.query.get("timeoutSeconds") or 5)
        sent = since
        while True:
            for rv, kind, obj in list(self.history):
                meta = obj.get("metadata") or {}
                if rv <= sent or (kind != "BOOKMARK" and plural not in self._plurals_of(obj)):
                    continue
                if namespace and kind != "BOOKMARK" and meta.get("namespace") != namespace:
                    continue
                if kind == "BOOKMARK" and request.query.get("allowWatchBookmarks") != "true":
                    continue
                await resp.write(json.dumps({"type": kind, "object": obj}).encode() + b"\n")
                sent = rv
            sent = max(sent, self.rv)
            remaining = deadline - self.loop.time()
            if remaining <= 0 or generation != self.generation:
                return resp
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return resp

    @staticmethod
    def _plurals_of(obj: Mapping[str, Any]) -> set[str]:
        return {p for p, r in RESOURCES.items() if r.kind == obj.get("kind")}


@contextmanager
def running(server: FakeAPIServer, tls: ssl.SSLContext | None) -> Iterator[FakeAPIServer]:
    started = threading.Event()
    runner: web.AppRunner | None = None

    async def start() -> None:
        nonlocal runner
        server._changed = asyncio.Event()
        runner = web.AppRunner(server.app(), access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls)
        await site.start()
        server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        started.set()

    def run() -> None:
        asyncio.set_event_loop(server.loop)
        server.loop.run_until_complete(start())
        server.loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    try:
        yield server
    finally:

        async def stop() -> None:
            await server._drop()
            if runner is not None:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), server.loop).result(10)
        server.loop.call_soon_threadsafe(server.loop.stop)
        thread.join(10)
