"""Watch-fed caches of the facts a review needs, so that no review calls the API server.

Catalog sources, installations and namespaces (for their labels) are each kept by the client core's reflector
(kubectl_profiles.kube.reflector: list, then watch; a `410 Gone` or a dropped stream relists; errors back off up to
30 s). A namespace that a review names before the watch has delivered it (created a moment ago) is read once from
the API server (`lookup_namespace`): the one fact a review may fetch, since a guess at its labels would decide
access. The catalog index over all sources is rebuilt
lazily, on the first review after a change, so a burst of catalog updates costs one rebuild. The API server's
version and served kinds are refreshed in the background every minute. The webhook is ready once every watched
kind has been listed once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.errors import ClusterError, KubeAPIError, Unreachable
from kubectl_profiles.kube import core
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.kube.reflector import Reflector, key_of
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.refs import is_dns_label

log = logging.getLogger("profiles-webhook.cache")

RESOURCES = ("profilecatalogsources", "profileinstallations", "namespaces")


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
        self.client: AsyncKube | None = None
        self._lookups: dict[str, asyncio.Task[str | None]] = {}

    # --- writes (from watches, or tests) ----------------------------------------------------------------
    def replace(self, resource: str, items: Iterable[Mapping[str, Any]]) -> None:
        self.stores[resource] = {key_of(o): o for o in items}
        self._dirty[resource] = True

    def apply_event(self, resource: str, kind: str, obj: Mapping[str, Any]) -> None:
        if kind == "DELETED":
            self.stores[resource].pop(key_of(obj), None)
        elif kind in ("ADDED", "MODIFIED"):
            self.stores[resource][key_of(obj)] = obj
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
        # The name comes from the request: it must not shape another API path.
        if not is_dns_label(name):
            return f"{name!r} is not a namespace name"
        if self.client is None:
            return "the webhook has no API client"
        try:
            found = await self.client.get("namespaces", name, timeout=10)
        except KubeAPIError as exc:
            return f"cannot read it (HTTP {exc.code}): {exc.message}"
        except Unreachable as exc:
            return f"cannot reach the API server: {exc.message}"
        except (TimeoutError, OSError, ValueError) as exc:
            return f"cannot reach the API server: {exc or type(exc).__name__}"
        if found is None:
            return f"namespace {name} does not exist"
        if not self.knows_namespace(name):  # the watch may have delivered it meanwhile, and is the authority
            self.apply_event("namespaces", "ADDED", found)
        return None

    # --- feeding ------------------------------------------------------------------------------------------
    def start(self, client: AsyncKube) -> list[asyncio.Task[None]]:
        self.client = client
        tasks = []
        for resource in RESOURCES:
            reflector = Reflector(
                client,
                resource,
                on_replace=functools.partial(self.replace, resource),
                on_event=functools.partial(self.apply_event, resource),
            )
            self.synced[resource] = reflector.synced
            tasks.append(reflector.start())
        self.synced["discovery"] = asyncio.Event()
        tasks.append(asyncio.create_task(self._discovery(client), name="discovery"))
        return tasks

    async def refresh_discovery(self, client: AsyncKube) -> None:
        self.server_version = await client.drive(core.server_version_flow()) or None
        self.served_apis = await client.drive(core.served_apis_flow())

    async def _discovery(self, client: AsyncKube, every: float = 60) -> None:
        while True:
            try:
                await self.refresh_discovery(client)
                self.synced["discovery"].set()
            except asyncio.CancelledError:
                raise
            except (ClusterError, ValueError) as exc:
                log.warning("discovery failed: %s", exc)
                await asyncio.sleep(5)
                continue
            await asyncio.sleep(every)
