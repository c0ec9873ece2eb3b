"""The asynchronous face of the client: the webhook's and the controller's, over aiohttp on their own event loop.

Not the official `kubernetes` client: it is synchronous (a watch per thread), and importing it costs about 40 MiB
and a second of start-up, against the webhook's 80 MiB and ready in 2 s. aiohttp is already the webhook's server.
Requests are built and answers read by kubectl_profiles.kube.core, as in the plugin's face (sync.py); transport
failures become `Unreachable` (chained with `from`). The watch with resourceVersion, bookmarks and 410 handling is
kubectl_profiles.kube.reflector, over `watch` here.
"""

from __future__ import annotations

import asyncio
import builtins
import datetime
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Literal

import aiohttp

from kubectl_profiles import kubeconfig
from kubectl_profiles.errors import NotFound, Unreachable
from kubectl_profiles.kube import core
from kubectl_profiles.kube.core import PatchType, Request, WatchEvent


class AsyncKube:
    """Every method is one request (or one discovery walk) and raises the typed errors of kubectl_profiles.errors."""

    def __init__(self, config: kubeconfig.ClusterConfig, *, timeout: float = 30, field_manager: str = "") -> None:
        self.config = config
        self.namespace = config.namespace
        self.timeout = timeout
        self.field_manager = field_manager
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def from_kubeconfig(cls, path: str | None = None, context: str | None = None, **kw: Any) -> AsyncKube:
        return cls(kubeconfig.load(path, context), **kw)

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=self.config.ssl_context, limit=16),
                timeout=aiohttp.ClientTimeout(total=None, connect=10, sock_read=None),
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def __aenter__(self) -> AsyncKube:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- transport ----------------------------------------------------------------------------------------
    def _request_kw(self, request: Request) -> dict[str, Any]:
        data = request.data()
        headers = [("Accept", "application/json"), *self.config.headers()]
        if data is not None:
            headers.append(("Content-Type", request.content_type))
        kw: dict[str, Any] = {"params": dict(request.params) or None, "headers": headers, "data": data}
        if self.config.proxy_url:
            kw["proxy"] = self.config.proxy_url
        if self.config.tls_server_name:
            kw["server_hostname"] = self.config.tls_server_name
        return kw

    def _unreachable(self, exc: BaseException) -> Unreachable:
        reason = str(exc) or type(exc).__name__
        return Unreachable(f"cannot reach the cluster at {self.config.server} ({reason})")

    async def send(self, request: Request, *, timeout: float | None = None) -> Any:
        """One request; its decoded JSON answer (None for an absent object when the request allows it)."""
        return core.decode(request, *await self._exchange(request, timeout))

    async def drive(self, flow: core.Flow) -> Any:
        """Run a multi-request operation from the core (discovery), sending each request it yields."""
        request, result = core.advance(flow)
        while request is not None:
            request, result = core.advance(flow, core.outcome(request, *await self._exchange(request, None)))
        return result

    async def _exchange(self, request: Request, timeout: float | None) -> tuple[int, bytes]:
        session = await self.session()
        try:
            async with session.request(
                request.method,
                self.config.server + request.path,
                timeout=aiohttp.ClientTimeout(total=timeout or self.timeout),
                **self._request_kw(request),
            ) as resp:
                return resp.status, await resp.read()
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise self._unreachable(exc) from exc

    async def post(self, path: str, body: Mapping[str, Any], timeout: float = 10) -> dict[str, Any]:
        """POST a body to a path: the reviews (TokenReview, SubjectAccessReview) answer in its `status`."""
        answer: dict[str, Any] = await self.send(Request("POST", path, body=body), timeout=timeout)
        return answer

    # --- resources ----------------------------------------------------------------------------------------
    async def list(
        self,
        resource: str,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> tuple[builtins.list[dict[str, Any]], str]:
        """The items (with kind and apiVersion) and the list's resourceVersion, to watch from."""
        request = core.list_request(resource, namespace, label_selector=label_selector, field_selector=field_selector)
        try:
            found = await self.send(request)
        except NotFound as exc:
            raise core.not_served(resource, exc) from exc
        version = str((found.get("metadata") or {}).get("resourceVersion") or "")
        return core.with_kind(found.get("items") or [], resource), version

    async def get(
        self, resource: str, name: str, namespace: str | None = None, *, timeout: float | None = None
    ) -> dict[str, Any] | None:
        """The object, or None when it does not exist."""
        found: dict[str, Any] | None = await self.send(core.get_request(resource, name, namespace), timeout=timeout)
        return found

    async def create(self, obj: Mapping[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        """POST: a new object (AlreadyExists, a Conflict, if the name is taken), or a review (TokenReview,
        SubjectAccessReview) whose answer is in the returned object's status."""
        created: dict[str, Any] = await self.send(core.create_request(obj, self.namespace, dry_run=dry_run))
        return created

    async def replace(self, obj: Mapping[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        """PUT of an object as read and changed; Conflict when it changed since (optimistic concurrency)."""
        replaced: dict[str, Any] = await self.send(core.replace_request(obj, self.namespace, dry_run=dry_run))
        return replaced

    async def patch(
        self,
        resource: str,
        name: str,
        namespace: str | None,
        patch: core.Body,
        *,
        patch_type: PatchType = "merge",
        subresource: str | None = None,
    ) -> dict[str, Any]:
        """A merge (default), JSON or strategic patch; "apply" is server-side apply with this client's field manager."""
        manager = self.field_manager or "kubectl-profiles"
        request = core.patch_request(
            resource,
            name,
            namespace,
            patch,
            patch_type=patch_type,
            subresource=subresource,
            field_manager=manager if patch_type == "apply" else self.field_manager or None,
            force=True if patch_type == "apply" else None,
        )
        patched: dict[str, Any] = await self.send(request)
        return patched

    async def patch_status(
        self, resource: str, name: str, namespace: str | None, status: Mapping[str, Any], *, resource_version: str = ""
    ) -> dict[str, Any]:
        """Merge-patch the status subresource; with `resource_version`, only if the object has not changed since."""
        body: dict[str, Any] = {"status": dict(status)}
        if resource_version:
            body["metadata"] = {"resourceVersion": resource_version}
        return await self.patch(resource, name, namespace, body, subresource="status")

    async def update_status(self, obj: Mapping[str, Any]) -> dict[str, Any]:
        """PUT the status subresource of an object as read and changed (Conflict when it changed since)."""
        request = core.replace_request(obj, self.namespace, subresource="status")
        updated: dict[str, Any] = await self.send(request)
        return updated

    async def apply(
        self, objects: Sequence[Mapping[str, Any]], *, force: bool = True, dry_run: bool = False
    ) -> builtins.list[dict[str, Any]]:
        """Server-side apply with this client's field manager, in order; the first failure raises."""
        out = []
        for obj in objects:
            request = core.apply_request(
                obj,
                self.namespace,
                field_manager=self.field_manager or "kubectl-profiles",
                force=force,
                dry_run=dry_run,
            )
            out.append(await self.send(request))
        return out

    async def delete(self, resource: str, name: str, namespace: str | None, *, dry_run: bool = False) -> bool:
        """True if it was there to delete."""
        return await self.send(core.delete_request(resource, name, namespace, dry_run=dry_run)) is not None

    async def create_event(
        self,
        involved: Mapping[str, Any],
        reason: str,
        message: str,
        *,
        event_type: Literal["Normal", "Warning"] = "Normal",
        component: str | None = None,
    ) -> dict[str, Any]:
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = core.event_body(
            involved,
            reason,
            message,
            event_type=event_type,
            component=component or self.field_manager or "kubectl-profiles",
            now=now,
        )
        return await self.create(body)

    # --- leases (coordination.k8s.io/v1), for leader election ---------------------------------------------------
    async def get_lease(self, namespace: str, name: str) -> dict[str, Any] | None:
        return await self.get("leases", name, namespace)

    async def create_lease(self, namespace: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """AlreadyExists when another candidate created it first."""
        lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", **body}
        lease["metadata"] = {**(body.get("metadata") or {}), "namespace": namespace}
        return await self.create(lease)

    async def update_lease(self, namespace: str, name: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """PUT of the lease as read and changed: Conflict when another candidate changed it since."""
        lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", **body}
        lease["metadata"] = {**(body.get("metadata") or {}), "namespace": namespace, "name": name}
        return await self.replace(lease)

    # --- watch ----------------------------------------------------------------------------------------------
    async def watch(
        self,
        resource: str,
        namespace: str | None,
        resource_version: str,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        timeout_seconds: int = 290,
    ) -> AsyncIterator[WatchEvent]:
        """Events from `resource_version` on (BOOKMARKs included) until the server closes the stream.

        An ERROR event raises its typed error (Gone for an expired resourceVersion); a broken stream raises
        Unreachable. kubectl_profiles.kube.reflector is the loop that lists, watches and relists over this.
        """
        request = core.watch_request(
            resource,
            namespace,
            resource_version,
            label_selector=label_selector,
            field_selector=field_selector,
            timeout_seconds=timeout_seconds,
        )
        session = await self.session()
        framer = core.WatchFramer()
        try:
            async with session.request(
                "GET",
                self.config.server + request.path,
                timeout=aiohttp.ClientTimeout(total=timeout_seconds + 30, sock_read=None),
                **self._request_kw(request),
            ) as resp:
                if resp.status != 200:
                    raise core.error_from_body(resp.status, await resp.read(), request)
                async for chunk in resp.content.iter_any():
                    for event in framer.feed(chunk):
                        yield event
        except (aiohttp.ClientError, OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
            raise self._unreachable(exc) from exc
