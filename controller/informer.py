"""Informers: a store of one kind of object kept by the shared watch loop, telling handlers what changed.

A relist (after a 410 or a reconnect) is turned into the adds, updates and deletes it implies, so handlers see
changes, never "everything again". A `transform` keeps only what the controller reads (for Flux objects: identity,
labels, generation and status), which bounds memory at a thousand installations.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from webhook.kubeclient import KubeClient, reflect

Key = tuple[str, str]
Handler = Callable[[Mapping[str, Any] | None, Mapping[str, Any] | None], None]
"""Called with (old, new): new None on delete, old None on add."""


def key_of(obj: Mapping[str, Any]) -> Key:
    meta = obj.get("metadata") or {}
    return (str(meta.get("namespace") or ""), str(meta.get("name") or ""))


def slim_flux(obj: Mapping[str, Any]) -> dict[str, Any]:
    """What the installation reconciler reads of a Flux object."""
    meta = obj.get("metadata") or {}
    return {
        "apiVersion": obj.get("apiVersion"),
        "kind": obj.get("kind"),
        "metadata": {k: meta[k] for k in ("name", "namespace", "labels", "generation", "resourceVersion") if k in meta},
        **({"status": obj["status"]} if "status" in obj else {}),
    }


class Informer:
    def __init__(
        self,
        name: str,
        path: str,
        *,
        kind: str = "",
        api_version: str = "",
        transform: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
        optional: bool = False,
    ) -> None:
        self.name, self.path, self.kind, self.api_version = name, path, kind, api_version
        self.transform, self.optional = transform, optional
        self.items: dict[Key, Mapping[str, Any]] = {}
        self.synced = asyncio.Event()
        self.handlers: list[Handler] = []

    def _prepare(self, obj: Mapping[str, Any]) -> Mapping[str, Any]:
        if self.kind and "kind" not in obj:  # list items carry no kind
            obj = {**obj, "kind": self.kind, "apiVersion": self.api_version}
        return self.transform(obj) if self.transform is not None else obj

    def _notify(self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        for handler in self.handlers:
            handler(old, new)

    def replace(self, items: Iterable[Mapping[str, Any]]) -> None:
        fresh = {key_of(o): self._prepare(o) for o in items}
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
            new = self._prepare(obj)
            old = self.items.get(key)
            self.items[key] = new
            self._notify(old, new)

    def put(self, obj: Mapping[str, Any]) -> None:
        """Store what our own write returned, unless the watch already brought something newer."""
        key = key_of(obj)
        old = self.items.get(key)
        if old is None or _rv_int(old) <= _rv_int(obj):
            self.items[key] = self._prepare(obj)

    async def run(self, client: KubeClient) -> None:
        await reflect(client, self.path, self.replace, self.apply_event, name=self.name, missing_is_empty=self.optional)


def _rv(obj: Mapping[str, Any]) -> str:
    return str((obj.get("metadata") or {}).get("resourceVersion") or "")


def _rv_int(obj: Mapping[str, Any]) -> int:
    # resourceVersions are opaque; etcd's are integers, and comparing them is only an optimisation here
    text = _rv(obj)
    return int(text) if text.isdigit() else 0
