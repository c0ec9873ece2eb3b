"""The installation reconciler: each ProfileInstallation's status from the Flux objects labelled with its name.

Triggers: the installation changed, one of its Flux objects changed (mapped by the label
`profiles.weave.works/installation` and the namespace), its catalog changed (available updates), or a periodic
resync. The status is computed by the pure kubectl_profiles.status and written through the status subresource only
when a field this controller owns differs, with the resourceVersion it was computed from (a Conflict means the
installation moved on: it is reconciled again). A Ready transition is announced with an Event (except the first
status of a new installation when it is Unknown, which would be one Event per install saying nothing).
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from controller.events import Recorder
from controller.informer import Informer, Key, key_of
from controller.metrics import Metrics
from controller.queue import WorkQueue
from controller.worker import Reconciler
from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.model.labels import INSTALLATION_LABEL
from kubectl_profiles.status import installation_status

log = logging.getLogger("profiles-controller.installations")
OWNED = ("conditions", "observedGeneration", "objects", "resolvedVersion", "availableUpdates")


def now_rfc3339() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ready(status: Any) -> Mapping[str, Any] | None:
    conditions = status.get("conditions") if isinstance(status, Mapping) else None
    for c in conditions if isinstance(conditions, list) else []:
        if isinstance(c, Mapping) and c.get("type") == "Ready":
            return c
    return None


class InstallationReconciler(Reconciler):
    kind = "ProfileInstallation"
    queue_name = "installations"
    not_done = "status of %s/%s not written: %s"

    def __init__(
        self,
        kube: AsyncKube,
        installations: Informer,
        flux: list[Informer],
        index: Callable[[], CatalogIndex],
        recorder: Recorder,
        metrics: Metrics,
        *,
        workers: int = 4,
    ) -> None:
        self.kube, self.installations, self.flux = kube, installations, flux
        self.index, self.recorder, self.metrics, self.workers = index, recorder, metrics, workers
        self.queue: WorkQueue[Key] = WorkQueue()
        self.owned: dict[Key, set[tuple[int, Key]]] = defaultdict(set)
        """Installation -> the Flux objects labelled with it, as (informer number, object key)."""
        self.active = False
        installations.handlers.append(self._on_installation)
        for number, informer in enumerate(flux):
            informer.handlers.append(functools.partial(self._on_flux, number))

    # --- event handlers: cheap, they only record and enqueue -------------------------------------------------
    def _enqueue(self, key: Key) -> None:
        if self.active:
            self.queue.add(key)

    def _on_installation(self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        if new is not None:
            self._enqueue(key_of(new))

    @staticmethod
    def _owner(obj: Mapping[str, Any] | None) -> Key | None:
        if obj is None:
            return None
        meta = obj.get("metadata") or {}
        labels = meta.get("labels")
        name = labels.get(INSTALLATION_LABEL) if isinstance(labels, Mapping) else None
        return (str(meta.get("namespace") or ""), name) if isinstance(name, str) and name else None

    def _on_flux(self, number: int, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        before, after = self._owner(old), self._owner(new)
        obj_key = key_of(new if new is not None else old or {})
        if before is not None and before != after:
            self.owned[before].discard((number, obj_key))
            if not self.owned[before]:
                del self.owned[before]
            self._enqueue(before)
        if after is not None:
            self.owned[after].add((number, obj_key))
            self._enqueue(after)

    def catalog_changed(self, catalog: str) -> None:
        for key, inst in self.installations.items.items():
            ref = (inst.get("spec") or {}).get("catalog")
            if isinstance(ref, Mapping) and ref.get("catalog") == catalog:
                self._enqueue(key)

    def resync(self) -> int:
        for key in list(self.installations.items):
            self._enqueue(key)
        return len(self.installations.items)

    # --- the work ---------------------------------------------------------------------------------------------
    def compute(self, inst: Mapping[str, Any], now: str) -> dict[str, Any]:
        key = key_of(inst)
        objects = []
        for number, obj_key in sorted(self.owned.get(key, ())):
            obj = self.flux[number].items.get(obj_key)
            if obj is not None:
                objects.append(obj)
        return installation_status(inst, objects, index=self.index(), now=now)

    async def reconcile(self, key: Key) -> str:
        inst = self.installations.items.get(key)
        if inst is None:
            return "gone"
        new = self.compute(inst, now_rfc3339())
        old = inst.get("status") if isinstance(inst.get("status"), Mapping) else {}
        assert isinstance(old, Mapping)
        if all(old.get(k) == new.get(k) for k in OWNED):
            return "unchanged"
        patch = {k: new.get(k) for k in OWNED}  # None removes a field this controller no longer sets
        meta = inst.get("metadata") or {}
        written = await self.kube.patch_status(
            "profileinstallations", key[1], key[0], patch, resource_version=str(meta.get("resourceVersion") or "")
        )
        self.installations.put(written)
        self.metrics.status_writes.labels("ProfileInstallation").inc()
        before, after = _ready(old), _ready(new)
        # An Event per Ready transition; a first status of Unknown (just created, Flux not done yet) is not news.
        first_unknown = before is None and after is not None and after.get("status") == "Unknown"
        if after is not None and not first_unknown and (before is None or before.get("status") != after.get("status")):
            kind: Literal["Normal", "Warning"] = "Warning" if after["status"] == "False" else "Normal"
            reason = "Ready" if after["status"] == "True" else str(after.get("reason") or "Progressing")
            await self.recorder.emit(inst, kind, reason, str(after.get("message") or ""))
        return "written"
