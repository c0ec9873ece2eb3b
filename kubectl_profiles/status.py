"""Status from what was observed: an installation's from its Flux objects, a catalog's from a scan. Pure.

Conditions follow Flux's and kstatus's conventions (the shape of `metav1.Condition`): `Ready` is always present
(True, False or Unknown); `Reconciling` and `Stalled` are "abnormal-true" conditions, present only while True, as
Flux writes them. `lastTransitionTime` moves only when a condition's status changes, so that a status computed
again from the same observations is identical and the controller writes nothing.

A Flux object counts as:
- Unknown while its controller has not caught up: no status yet, `status.observedGeneration` below
  `metadata.generation`, or `Reconciling=True`;
- False when `Stalled=True` or `Ready=False`;
- True when `Ready=True` for the current generation.
A status whose fields have the wrong types (someone wrote it by hand, or a future Flux changed it) is read as
Unknown with a message saying which field is malformed; it never raises.

The "first" failing object is the first in a fixed order (sources before the releases and Kustomizations that use
them, then by name), because a failing source usually explains the failures downstream of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.errors import ProfilesError
from kubectl_profiles.model.labels import INSTALLATION_LABEL
from kubectl_profiles.model.refs import without_credentials
from kubectl_profiles.model.semver import is_semver

TRUE, FALSE, UNKNOWN = "True", "False", "Unknown"
MAX_MESSAGE = 1024


@dataclass(frozen=True)
class ObjectStatus:
    """One Flux object's readiness, as `objects[]` of an installation's status shows it."""

    kind: str
    name: str
    ready: str
    reason: str
    message: str
    stalled: bool = False

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "ready": self.ready, "message": self.message}


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _find(conditions: Sequence[Mapping[str, Any]], kind: str) -> Mapping[str, Any] | None:
    return next((c for c in conditions if c.get("type") == kind), None)


def object_status(obj: Mapping[str, Any]) -> ObjectStatus:
    """A Flux object's readiness from its own status (see the module docstring for the rules)."""
    meta = obj.get("metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    kind, name = str(obj.get("kind") or "?"), str(meta.get("name") or "?")

    def unknown(reason: str, message: str) -> ObjectStatus:
        return ObjectStatus(kind, name, UNKNOWN, reason, _clip(message))

    status = obj.get("status")
    if status is None or status == {}:
        return unknown("Progressing", "waiting for its controller: no status yet")
    if not isinstance(status, Mapping):
        return unknown("MalformedStatus", "malformed status: status is not an object")
    conditions = status.get("conditions")
    if conditions is None:
        conditions = []
    if not isinstance(conditions, list) or not all(isinstance(c, Mapping) for c in conditions):
        return unknown("MalformedStatus", "malformed status: status.conditions is not a list of objects")
    for c in conditions:
        if not isinstance(c.get("type"), str) or c.get("status") not in (TRUE, FALSE, UNKNOWN):
            return unknown(
                "MalformedStatus", "malformed status: a condition lacks a string type or a True/False/Unknown status"
            )
        for key in ("reason", "message"):
            if key in c and not isinstance(c[key], str):
                return unknown("MalformedStatus", f"malformed status: condition {c['type']} has a non-string {key}")
    generation, observed = meta.get("generation"), status.get("observedGeneration")
    if observed is not None and (type(observed) is not int or (generation is not None and type(generation) is not int)):
        return unknown("MalformedStatus", "malformed status: status.observedGeneration is not an integer")
    stalled, reconciling, ready = (_find(conditions, t) for t in ("Stalled", "Reconciling", "Ready"))
    if stalled is not None and stalled["status"] == TRUE:
        return ObjectStatus(
            kind, name, FALSE, str(stalled.get("reason") or "Stalled"), _clip(str(stalled.get("message") or "")), True
        )
    if isinstance(generation, int) and isinstance(observed, int) and observed < generation:
        return unknown("Progressing", f"reconciling generation {generation} (observed {observed})")
    if reconciling is not None and reconciling["status"] == TRUE:
        return unknown(
            str(reconciling.get("reason") or "Progressing"), str(reconciling.get("message") or "reconciling")
        )
    if ready is None:
        return unknown("Progressing", "waiting for its controller: no Ready condition yet")
    reason = str(ready.get("reason") or ("Succeeded" if ready["status"] == TRUE else "NotReady"))
    message = str(ready.get("message") or "")
    return ObjectStatus(kind, name, str(ready["status"]), reason, _clip(message))


_KEPT_METADATA = ("name", "namespace", "uid", "resourceVersion", "generation", "labels", "deletionTimestamp")


def observed_part(obj: dict[str, Any]) -> dict[str, Any]:
    """The fields of a Flux object that `object_status` and an owner look-up read, for a caller that keeps many
    objects in memory (the controller's informers): `object_status` gives the same answer for this as for `obj`.
    Spec, managedFields and annotations (kubectl's last-applied copy among them) are dropped."""
    meta = obj.get("metadata")
    out: dict[str, Any] = {"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind")}
    if isinstance(meta, Mapping):
        out["metadata"] = {k: meta[k] for k in _KEPT_METADATA if k in meta}
    else:
        out["metadata"] = meta
    status = obj.get("status")
    if isinstance(status, Mapping) and status:
        kept = {k: status[k] for k in ("conditions", "observedGeneration") if k in status}
        # a status with other fields but no conditions reads as "no Ready condition yet", not "no status yet"
        out["status"] = kept or {"conditions": []}
    elif "status" in obj:
        out["status"] = status
    return out


def _order(s: ObjectStatus) -> tuple[int, str, str]:
    return (0 if s.kind.endswith("Repository") else 1, s.kind, s.name)


def condition(kind: str, status: str, reason: str, message: str, generation: int | None, now: str) -> dict[str, Any]:
    cond: dict[str, Any] = {"type": kind, "status": status}
    if generation is not None:
        cond["observedGeneration"] = generation
    cond.update(lastTransitionTime=now, reason=reason, message=_clip(message))
    return cond


def merge_conditions(old: Any, new: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`new`, keeping each condition's old `lastTransitionTime` where its status did not change."""
    previous = {
        c.get("type"): c for c in (old if isinstance(old, list) else []) if isinstance(c, Mapping) and "type" in c
    }
    out = []
    for cond in new:
        merged = dict(cond)
        before = previous.get(cond["type"])
        if before is not None and before.get("status") == cond["status"] and before.get("lastTransitionTime"):
            merged["lastTransitionTime"] = before["lastTransitionTime"]
        out.append(merged)
    return out


def _meta(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = obj.get("metadata")
    return meta if isinstance(meta, Mapping) else {}


def _generation(obj: Mapping[str, Any]) -> int | None:
    generation = _meta(obj).get("generation")
    return generation if type(generation) is int else None


def _old_status(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    status = obj.get("status")
    return status if isinstance(status, Mapping) else {}


def resolved_version(installation: Mapping[str, Any]) -> str | None:
    spec = installation.get("spec")
    spec = spec if isinstance(spec, Mapping) else {}
    catalog, source = spec.get("catalog"), spec.get("source")
    if isinstance(catalog, Mapping) and isinstance(catalog.get("version"), str):
        return str(catalog["version"]).removeprefix("v")
    if isinstance(source, Mapping):
        tag = source.get("tag")
        if isinstance(tag, str) and tag:
            last = tag.rpartition("/")[2]
            return last.removeprefix("v") if is_semver(last) else tag
        branch = source.get("branch")
        if isinstance(branch, str) and branch:
            return f"branch {branch}"
    return None


def available_updates(installation: Mapping[str, Any], index: CatalogIndex | None) -> list[str]:
    """Newer released versions of the installation's catalog profile, newest first (none for a git source)."""
    spec = installation.get("spec")
    ref = spec.get("catalog") if isinstance(spec, Mapping) else None
    if index is None or not isinstance(ref, Mapping):
        return []
    catalog, profile, version = ref.get("catalog"), ref.get("profile"), ref.get("version")
    namespace = ref.get("namespace") or None
    if not all(isinstance(v, str) for v in (catalog, profile, version)) or not is_semver(str(version)):
        return []
    try:
        newer = index.updates(str(catalog), str(profile), str(version), str(namespace) if namespace else None)
    except ProfilesError:
        return []
    return [e.raw_version for e in newer]


def installation_status(
    installation: Mapping[str, Any],
    flux_objects: Iterable[Mapping[str, Any]],
    *,
    index: CatalogIndex | None,
    now: str,
) -> dict[str, Any]:
    """The whole `status` of an installation from the Flux objects labelled with its name."""
    generation = _generation(installation)
    name = str(_meta(installation).get("name") or "")
    seen = sorted((object_status(o) for o in flux_objects), key=_order)
    failing = [s for s in seen if s.ready == FALSE]
    waiting = [s for s in seen if s.ready == UNKNOWN]
    conditions: list[dict[str, Any]] = []
    if not seen:
        message = f"waiting for Flux objects labelled {INSTALLATION_LABEL}={name}"
        conditions.append(condition("Ready", UNKNOWN, "Progressing", message, generation, now))
        conditions.append(condition("Reconciling", TRUE, "Progressing", message, generation, now))
    elif failing:
        first = failing[0]
        message = f"{first.kind} {first.name}: {first.message or first.reason}"
        if len(failing) > 1:
            message += f" (and {len(failing) - 1} more not ready)"
        conditions.append(condition("Ready", FALSE, first.reason, message, generation, now))
        stalled = next((s for s in failing if s.stalled), None)
        if stalled is not None:
            detail = f"{stalled.kind} {stalled.name}: {stalled.message or stalled.reason}"
            conditions.append(condition("Stalled", TRUE, stalled.reason, detail, generation, now))
    elif waiting:
        first = waiting[0]
        message = f"waiting for {first.kind} {first.name}: {first.message}"
        if len(waiting) > 1:
            message += f" (and {len(waiting) - 1} more)"
        conditions.append(condition("Ready", UNKNOWN, "Progressing", message, generation, now))
        conditions.append(condition("Reconciling", TRUE, "Progressing", message, generation, now))
    else:
        message = (
            f"all {len(seen)} Flux objects are ready" if len(seen) > 1 else f"{seen[0].kind} {seen[0].name} is ready"
        )
        conditions.append(condition("Ready", TRUE, "ReconciliationSucceeded", message, generation, now))
    status: dict[str, Any] = {"conditions": merge_conditions(_old_status(installation).get("conditions"), conditions)}
    if generation is not None:
        status["observedGeneration"] = generation
    status["objects"] = [s.as_dict() for s in seen]
    version = resolved_version(installation)
    if version is not None:
        status["resolvedVersion"] = version
    status["availableUpdates"] = available_updates(installation, index)
    return status


def ready_condition(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """An object's `Ready` condition, if its status holds a well-formed one."""
    conditions = _old_status(obj).get("conditions")
    if not isinstance(conditions, list):
        return None
    found = next((c for c in conditions if isinstance(c, Mapping) and c.get("type") == "Ready"), None)
    return found


# --- catalogs -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepositoryScan:
    """The outcome of reading one `spec.repositories[]` (git) or `spec.helmRepositories[]` (`helm`) entry: its
    entries, or why it could not be read."""

    url: str
    entries: tuple[Mapping[str, Any], ...] = ()
    error: str | None = None
    skipped: tuple[str, ...] = ()
    """Tags (or chart versions) that look like versions but could not be used, each with the reason."""
    helm: bool = False

    def produced(self, entry: Mapping[str, Any]) -> bool:
        """Whether `entry` (of an earlier status) came from this repository."""
        if not self.helm:
            return entry.get("url") == self.url
        chart = entry.get("chart")
        if not isinstance(chart, Mapping):
            return False
        # An index's entries name the repository; an oci:// URL names one chart, its entries the chart's parent
        source = str(chart.get("url") or "").rstrip("/")
        if source.startswith("oci://"):
            source += f"/{chart.get('name')}"
        return source == without_credentials(self.url).rstrip("/")


def catalog_status(source: Mapping[str, Any], scans: Sequence[RepositoryScan], *, now: str) -> dict[str, Any]:
    """The `status` of a catalog source after scanning its repositories.

    A repository that cannot be read keeps the entries last discovered from it (they were observed, and dropping
    them on a network blip would make installations of them fail validation); `Ready=False` says which URL failed
    and why. `profileCount` counts what readers see: the written entries and the discovered ones.
    """
    generation = _generation(source)
    old = _old_status(source)
    previous = old.get("profiles")
    previous = previous if isinstance(previous, list) else []
    profiles: list[Mapping[str, Any]] = []
    for scan in scans:
        if scan.error is None:
            profiles.extend(scan.entries)
        else:
            profiles.extend(p for p in previous if isinstance(p, Mapping) and scan.produced(p))
    failed = [s for s in scans if s.error is not None]
    skipped = [f"{s.url} {t}" for s in scans for t in s.skipped]
    if failed:
        message = f"cannot read {failed[0].url}: {failed[0].error}"
        if len(failed) > 1:
            message += f" (and {len(failed) - 1} more repositories)"
        ready = condition("Ready", FALSE, "ScanFailed", message, generation, now)
    else:
        count = len(scans)
        message = f"read {count} repositor{'y' if count == 1 else 'ies'}: {len(profiles)} profile versions"
        if skipped:
            message += f"; skipped {len(skipped)} tags: " + "; ".join(skipped[:3]) + ("; …" if len(skipped) > 3 else "")
        ready = condition("Ready", TRUE, "Succeeded", message, generation, now)
    spec = source.get("spec")
    written = spec.get("profiles") if isinstance(spec, Mapping) else None
    status: dict[str, Any] = {"conditions": merge_conditions(old.get("conditions"), [ready])}
    if generation is not None:
        status["observedGeneration"] = generation
    status["profiles"] = [dict(p) for p in profiles]
    status["profileCount"] = len(profiles) + (len(written) if isinstance(written, list) else 0)
    status["lastScanTime"] = now
    return status


def without_times(status: Mapping[str, Any]) -> dict[str, Any]:
    """A status with the fields that change on every pass removed, for deciding whether anything changed."""
    return {k: v for k, v in status.items() if k != "lastScanTime"}
