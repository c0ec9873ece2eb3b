"""List, then watch from the list's resourceVersion, into a store: the one watch loop (client-go's reflector).

Used by the webhook's caches (webhook/cache.py) and the controller. The rules, in one place:
- a list replaces the store and sets `synced`; watching resumes from the list's resourceVersion;
- a stream the server ends (its `timeoutSeconds`) is watched again from the last resourceVersion seen, bookmarks
  included, without a relist;
- `410 Gone` (the resourceVersion was compacted away) relists at once;
- any other failure (a dropped connection, an ERROR event, a refused list) relists after a backoff that doubles up
  to a cap, and resets after a list succeeds.
With `missing_is_empty`, a kind the server does not serve (a CRD not installed yet: Flux's, say) counts as listed
and empty, sets `synced`, and is looked for again after the backoff. Callbacks see the store's changes: `on_replace(items)` after each list, `on_event(type, object)` for ADDED,
MODIFIED and DELETED. A callback that raises stops the reflector: it is the caller's bug, not the cluster's.
With `transform` (client-go's SetTransform), each listed or watched object is replaced by what the function returns
before it is stored or handed to a callback: a caller that needs a few fields keeps only those in memory.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kubectl_profiles.errors import ClusterError, Gone, NotFound
from kubectl_profiles.kube import core
from kubectl_profiles.kube.aio import AsyncKube

log = logging.getLogger("kubectl-profiles.reflector")

Key = tuple[str, str]  # (namespace, name); namespace "" for cluster-scoped objects
Transform = Callable[[dict[str, Any]], dict[str, Any]]


def key_of(obj: Mapping[str, Any]) -> Key:
    meta = obj.get("metadata") or {}
    return (str(meta.get("namespace") or ""), str(meta.get("name") or ""))


@dataclass
class Backoff:
    initial: float = 0.5
    cap: float = 30.0
    factor: float = 2.0

    def __post_init__(self) -> None:
        self.current = self.initial

    def next(self) -> float:
        delay = self.current
        self.current = min(self.current * self.factor, self.cap)
        return delay

    def reset(self) -> None:
        self.current = self.initial


class Reflector:
    def __init__(
        self,
        kube: AsyncKube,
        resource: str,
        *,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
        on_replace: Callable[[Iterable[Mapping[str, Any]]], None] | None = None,
        on_event: Callable[[str, Mapping[str, Any]], None] | None = None,
        backoff: Backoff | None = None,
        timeout_seconds: int = 290,
        missing_is_empty: bool = False,
        transform: Transform | None = None,
    ) -> None:
        core.resource(resource)  # an unknown kind fails here, not in the background
        self.kube = kube
        self.resource = resource
        self.namespace = namespace
        self.label_selector = label_selector
        self.field_selector = field_selector
        self.on_replace = on_replace
        self.on_event = on_event
        self.backoff = backoff or Backoff()
        self.timeout_seconds = timeout_seconds
        self.missing_is_empty = missing_is_empty
        self.transform = transform
        self.store: dict[Key, Mapping[str, Any]] = {}
        self.synced = asyncio.Event()
        self.resource_version = ""
        self.lists = 0  # how many times it has listed: 1 + relists

    def start(self) -> asyncio.Task[None]:
        return asyncio.create_task(self.run(), name=f"reflector-{self.resource}")

    async def run(self) -> None:
        """Forever (until cancelled)."""
        while True:
            try:
                await self._list()
                self.backoff.reset()
                while True:
                    await self._watch()  # the server ended the stream: watch again from where it stopped
            except Gone:
                log.info("watch %s: resourceVersion %s expired; relisting", self.resource, self.resource_version)
            except (ClusterError, ValueError) as exc:
                delay = self.backoff.next()
                if self.missing_is_empty and isinstance(exc, NotFound):  # not served (yet): nothing of it exists
                    self._replace([], "")
                    log.debug("watch %s: %s; looking again in %.1fs", self.resource, exc, delay)
                else:
                    log.warning("watch %s failed: %s; relisting in %.1fs", self.resource, exc, delay)
                await asyncio.sleep(delay)

    async def _list(self) -> None:
        items, version = await self.kube.list(
            self.resource, self.namespace, label_selector=self.label_selector, field_selector=self.field_selector
        )
        self.lists += 1
        self._replace(items, version)

    def _replace(self, items: list[dict[str, Any]], version: str) -> None:
        if self.transform is not None:
            items = [self.transform(o) for o in items]
        self.store = {key_of(o): o for o in items}
        self.resource_version = version
        if self.on_replace is not None:
            self.on_replace(items)
        self.synced.set()

    async def _watch(self) -> None:
        async for event in self.kube.watch(
            self.resource,
            self.namespace,
            self.resource_version,
            label_selector=self.label_selector,
            field_selector=self.field_selector,
            timeout_seconds=self.timeout_seconds,
        ):
            kind, obj = event["type"], event["object"]
            self.resource_version = core.resource_version(obj) or self.resource_version
            if kind == "BOOKMARK":  # only a newer resourceVersion to resume from
                continue
            if self.transform is not None:
                obj = self.transform(obj)
            if kind == "DELETED":
                self.store.pop(key_of(obj), None)
            elif kind in ("ADDED", "MODIFIED"):
                self.store[key_of(obj)] = obj
            else:
                continue
            if self.on_event is not None:
                self.on_event(kind, obj)
