"""Watch-fed caches of the facts a review needs, so that no review calls the API server.

Catalog sources, installations and namespaces (for their labels) are each kept by a list-then-watch loop: a
`410 Gone` or a dropped stream relists; errors back off up to 30 s. A namespace that a review names before the
watch has delivered it (created a moment ago) is read once from the API server (`lookup_namespace`): the one fact
a review may fetch, since a guess at its labels would decide access. The catalog index over all sources is rebuilt
lazily, on the first review after a change, so a burst of catalog updates costs one rebuild. The API server's
version and served kinds are refreshed in the background every minute. The webhook is ready once every watched
kind has been listed once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.refs import DNS1123_LABEL_RE
from webhook.kubeclient import KubeClient, KubeError

log = logging.getLogger("profiles-webhook.cache")

RESOURCES = {
    "profilecatalogsources": "/apis/weave.works/v1alpha1/profilecatalogsources",
    "profileinstallations": "/apis/weave.works/v1alpha1/profileinstallations",
    "namespaces": "/api/v1/namespaces",
}


def _key(obj: Mapping[str, Any]) -> tuple[str, str]:
    meta = obj.get("metadata") or {}
    return (str(meta.get("namespace") or ""), str(meta.get("name") or ""))


class Cache:
    def __init__(self) -> None:
        self.stores: dict[str, dict[tuple[str, str], Mapping[str, Any]]] = {r: {} for r in RESOURCES}
        self.synced: dict[str, asyncio.Event] = {}
        self.server_version: str | None = None
        self.served_apis: frozenset[str] | None = None
        self._index: CatalogIndex | None = None
        self._catalogs: list[Mapping[str, Any]] = []
        self._installations: list[Mapping[str, Any]] = []
        self._labels: dict[str, Mapping[str, str]] = {}
        self._terminating: frozenset[str] = frozenset()
        self._dirty = {r: True for r in RESOURCES}
        self.started = time.monotonic()
        self.client: KubeClient | None = None
        self._lookups: dict[str, asyncio.Task[str | None]] = {}

    # --- writes (from watches, or tests) ----------------------------------------------------------------
    def replace(self, resource: str, items: Iterable[Mapping[str, Any]]) -> None:
        self.stores[resource] = {_key(o): o for o in items}
        self._dirty[resource] = True

    def apply_event(self, resource: str, kind: str, obj: Mapping[str, Any]) -> None:
        if kind == "DELETED":
            self.stores[resource].pop(_key(obj), None)
        elif kind in ("ADDED", "MODIFIED"):
            self.stores[resource][_key(obj)] = obj
        else:
            return
        self._dirty[resource] = True

    # --- reads (the hot path) -------------------------------------------------------------------------
    @property
    def index(self) -> CatalogIndex:
        if self._dirty["profilecatalogsources"] or self._index is None:
            self._catalogs = list(self.stores["profilecatalogsources"].values())
            self._index = CatalogIndex(self._catalogs)
            self._dirty["profilecatalogsources"] = False
        return self._index

    def installations(self) -> list[Mapping[str, Any]]:
        if self._dirty["profileinstallations"]:
            self._installations = list(self.stores["profileinstallations"].values())
            self._dirty["profileinstallations"] = False
        return self._installations

    def namespace_labels(self) -> dict[str, Mapping[str, str]]:
        if self._dirty["namespaces"]:
            self._labels = {
                name: dict((o.get("metadata") or {}).get("labels") or {})
                for (_, name), o in self.stores["namespaces"].items()
            }
            self._terminating = frozenset(
                name
                for (_, name), o in self.stores["namespaces"].items()
                if (o.get("metadata") or {}).get("deletionTimestamp")
                or (o.get("status") or {}).get("phase") == "Terminating"
            )
            self._dirty["namespaces"] = False
        return self._labels

    def facts(self, user: UserInfo, policy: Policy) -> Facts:
        index = self.index
        labels = self.namespace_labels()  # also refreshes the terminating set
        return Facts(
            catalogs=self._catalogs,
            installations=self.installations(),
            namespace_labels=labels,
            terminating_namespaces=self._terminating,
            server_version=self.server_version,
            served_apis=self.served_apis,
            user=user,
            policy=policy,
            index=index,
        )

    def sizes(self) -> dict[str, int]:
        return {r: len(s) for r, s in self.stores.items()}

    @property
    def ready(self) -> bool:
        return bool(self.synced) and all(e.is_set() for e in self.synced.values())

    def knows_namespace(self, name: str) -> bool:
        return ("", name) in self.stores["namespaces"]

    async def lookup_namespace(self, name: str, timeout: float) -> str | None:
        """Read one namespace the watch has not delivered yet into the cache: None once it is known, else why not.

        Concurrent reviews for the same namespace share one request; a review that gives up (its own deadline)
        does not cancel it for the others.
        """
        if self.knows_namespace(name):
            return None
        task = self._lookups.get(name)
        if task is None:
            task = asyncio.create_task(self._fetch_namespace(name))
            self._lookups[name] = task
            task.add_done_callback(lambda _: self._lookups.pop(name, None))
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout)
        except TimeoutError:
            return "the API server did not answer in time"

    async def _fetch_namespace(self, name: str) -> str | None:
        # The name comes from the request: it must not shape another API path. fullmatch, as `$` admits a final
        # newline.
        if len(name) > 63 or not DNS1123_LABEL_RE.fullmatch(name):
            return f"{name!r} is not a namespace name"
        if self.client is None:
            return "the webhook has no API client"
        try:
            found = await self.client.get(f"/api/v1/namespaces/{name}", timeout=10)
        except KubeError as exc:
            return f"namespace {name} does not exist" if exc.status == 404 else f"cannot read it: {exc}"
        except (TimeoutError, OSError, ValueError) as exc:
            return f"cannot reach the API server: {exc or type(exc).__name__}"
        if not self.knows_namespace(name):  # the watch may have delivered it meanwhile, and is the authority
            self.apply_event("namespaces", "ADDED", found)
        return None

    # --- feeding ------------------------------------------------------------------------------------------
    def start(self, client: KubeClient) -> list[asyncio.Task[None]]:
        self.client = client
        tasks = []
        for resource, path in RESOURCES.items():
            self.synced[resource] = asyncio.Event()
            tasks.append(asyncio.create_task(self._run(client, resource, path), name=f"watch-{resource}"))
        self.synced["discovery"] = asyncio.Event()
        tasks.append(asyncio.create_task(self._discovery(client), name="discovery"))
        return tasks

    async def _run(self, client: KubeClient, resource: str, path: str) -> None:
        backoff = 0.5
        while True:
            try:
                listed = await client.get(path)
                self.replace(resource, listed.get("items") or [])
                self.synced[resource].set()
                version = str((listed.get("metadata") or {}).get("resourceVersion") or "")
                backoff = 0.5
                while True:
                    async for event in client.watch(path, version):
                        kind, obj = event.get("type"), event.get("object") or {}
                        if kind == "ERROR":
                            raise KubeError(str(obj.get("message")), int(obj.get("code") or 0))
                        version = str((obj.get("metadata") or {}).get("resourceVersion") or version)
                        self.apply_event(resource, str(kind), obj)
            except asyncio.CancelledError:
                raise
            except KubeError as exc:
                if exc.status != 410:
                    log.warning("watch %s failed: %s; retrying in %.1fs", resource, exc, backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 30)
            except (TimeoutError, OSError, ValueError) as exc:
                log.warning("watch %s interrupted: %s; retrying in %.1fs", resource, exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)

    async def refresh_discovery(self, client: KubeClient) -> None:
        version = await client.get("/version")
        self.server_version = str(version.get("gitVersion") or "").lstrip("v") or None
        served: set[str] = set()
        core = await client.get("/api/v1")
        served.update(f"v1/{r['kind']}" for r in core.get("resources", []) if "/" not in r["name"])
        groups = await client.get("/apis")
        for group in groups.get("groups", []):
            for gv in group.get("versions", []):
                try:
                    res = await client.get(f"/apis/{gv['groupVersion']}")
                except KubeError:
                    continue  # an aggregated API that is down: its kinds are not served right now
                served.update(
                    f"{gv['groupVersion']}/{r['kind']}" for r in res.get("resources", []) if "/" not in r["name"]
                )
        self.served_apis = frozenset(served)

    async def _discovery(self, client: KubeClient, every: float = 60) -> None:
        while True:
            try:
                await self.refresh_discovery(client)
                self.synced["discovery"].set()
            except asyncio.CancelledError:
                raise
            except (TimeoutError, KubeError, OSError, ValueError) as exc:
                log.warning("discovery failed: %s", exc)
                await asyncio.sleep(5)
                continue
            await asyncio.sleep(every)
