"""Informers: the client core's reflector (the project's one list-and-watch loop) with change handlers on top.

The reflector keeps the store; an informer keeps references to the same objects (no copies), so that it can tell
its handlers what changed: a relist (after a 410 or a reconnect) becomes the adds, updates and deletes it implies,
never "everything again".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.kube.reflector import Key, Reflector, Transform, key_of

Handler = Callable[[Mapping[str, Any] | None, Mapping[str, Any] | None], None]
"""Called with (old, new): new None on delete, old None on add."""

__all__ = ["Handler", "Informer", "Key", "key_of"]


class Informer:
    def __init__(
        self,
        resource: str,
        *,
        label_selector: str | None = None,
        optional: bool = False,
        transform: Transform | None = None,
    ) -> None:
        self.name = resource
        self.label_selector, self.optional = label_selector, optional
        self.transform = transform
        """Applied to every object before it is kept (listed, watched, or returned by our own write)."""
        self.items: dict[Key, Mapping[str, Any]] = {}
        self.synced = asyncio.Event()
        self.handlers: list[Handler] = []

    def _notify(self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        for handler in self.handlers:
            handler(old, new)

    def replace(self, items: Iterable[Mapping[str, Any]]) -> None:
        fresh = {key_of(o): o for o in items}
        old_items, self.items = self.items, fresh
        for key, obj in fresh.items():
            before = old_items.get(key)
            if before is None or _rv(before) != _rv(obj):
                self._notify(before, obj)
        for key, obj in old_items.items():
            if key not in fresh:
                self._notify(obj, None)
        self.synced.set()

    def apply_event(self, kind: str, obj: Mapping[str, Any]) -> None:
        key = key_of(obj)
        if kind == "DELETED":
            old = self.items.pop(key, None)
            if old is not None:
                self._notify(old, None)
        elif kind in ("ADDED", "MODIFIED"):
            old = self.items.get(key)
            self.items[key] = obj
            self._notify(old, obj)

    def put(self, obj: Mapping[str, Any]) -> None:
        """Store what our own write returned, unless the watch already brought something newer."""
        if self.transform is not None:
            obj = self.transform(dict(obj))
        key = key_of(obj)
        old = self.items.get(key)
        if old is None or _rv_int(old) <= _rv_int(obj):
            self.items[key] = obj

    async def run(self, kube: AsyncKube) -> None:
        reflector = Reflector(
            kube,
            self.name,
            label_selector=self.label_selector,
            on_replace=self.replace,
            on_event=self.apply_event,
            missing_is_empty=self.optional,
            transform=self.transform,
        )
        await reflector.run()


def _rv(obj: Mapping[str, Any]) -> str:
    return str((obj.get("metadata") or {}).get("resourceVersion") or "")


def _rv_int(obj: Mapping[str, Any]) -> int:
    # resourceVersions are opaque; etcd's are integers, and comparing them is only an optimisation here
    text = _rv(obj)
    return int(text) if text.isdigit() else 0
