"""What the controller asks of the API server, in one adapter: watches, reads, status writes, Events, its Lease.

The transport is the webhook's asyncio client (webhook/kubeclient.py) and its list-then-watch loop, shared rather
than copied, so that the webhook and the controller have one watch implementation. Failures become `ApiError`
(with `Conflict` and `NotFound` apart, which callers act on); the API server's own message is kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import aiohttp

from webhook.kubeclient import KubeClient, KubeError


class ApiError(Exception):
    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class Conflict(ApiError):
    """HTTP 409: the object changed since it was read (or already exists)."""


class NotFound(ApiError):
    """HTTP 404."""


def _error(method: str, path: str, status: int, body: bytes) -> ApiError:
    try:
        message = str(json.loads(body).get("message", ""))[:300]
    except (ValueError, AttributeError):
        message = body[:200].decode(errors="replace")
    text = f"{method} {path}: HTTP {status}: {message}"
    if status == 409:
        return Conflict(text, status)
    if status == 404:
        return NotFound(text, status)
    return ApiError(text, status)


class Api:
    def __init__(self, client: KubeClient) -> None:
        self.client = client

    async def request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        *,
        content_type: str = "application/json",
        timeout: float = 30,
    ) -> Mapping[str, Any]:
        session = await self.client.session()
        headers = dict(self.client.config.headers())
        data = None
        if body is not None:
            headers["Content-Type"] = content_type
            data = json.dumps(body).encode()
        try:
            async with session.request(
                method,
                self.client.config.server + path,
                data=data,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as resp:
                raw = await resp.read()
                if resp.status >= 300:
                    raise _error(method, path, resp.status, raw)
                result: Mapping[str, Any] = json.loads(raw) if raw else {}
                return result
        except aiohttp.ClientError as exc:
            raise ApiError(f"{method} {path}: {exc}") from exc

    async def get(self, path: str) -> Mapping[str, Any] | None:
        try:
            return await self.request("GET", path)
        except NotFound:
            return None

    async def patch_status(
        self, path: str, status: Mapping[str, Any], resource_version: str | None
    ) -> Mapping[str, Any]:
        """A merge patch of `status` through the status subresource; with `resource_version`, only if unchanged."""
        body: dict[str, Any] = {"status": dict(status)}
        if resource_version:
            body["metadata"] = {"resourceVersion": resource_version}
        return await self.request("PATCH", path + "/status", body, content_type="application/merge-patch+json")

    async def create_event(self, namespace: str, event: Mapping[str, Any]) -> None:
        await self.request("POST", f"/api/v1/namespaces/{namespace}/events", event)

    # --- the Lease (controller.leader.LeaseApi) -------------------------------------------------------------
    def _lease_path(self, namespace: str, name: str = "") -> str:
        return f"/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases" + (f"/{name}" if name else "")

    async def get_lease(self, namespace: str, name: str) -> Mapping[str, Any] | None:
        return await self.get(self._lease_path(namespace, name))

    async def create_lease(self, namespace: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        return await self.request("POST", self._lease_path(namespace), body)

    async def update_lease(self, namespace: str, name: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        return await self.request("PUT", self._lease_path(namespace, name), body)


__all__ = ["Api", "ApiError", "Conflict", "KubeError", "NotFound"]
