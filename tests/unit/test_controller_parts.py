"""The controller's parts that need no API server: the work queue, leader election, intervals, schema fit."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Mapping
from typing import Any

import pytest

from controller.catalogs import parse_interval, schema_fit
from controller.config import parse_args
from controller.leader import ElectionConfig, LeaderElector
from controller.queue import WorkQueue
from kubectl_profiles.errors import Conflict


async def test_queue_deduplicates_and_requeues_a_key_changed_while_worked_on() -> None:
    q: WorkQueue[str] = WorkQueue()
    q.add("a")
    q.add("a")
    q.add("b")
    assert len(q) == 2
    key = await q.get()
    q.add(key)  # changed while a worker holds it: not handed to a second worker now...
    assert len(q) == 1
    q.done(key)  # ...but queued again once the first is done
    assert sorted([await q.get(), await q.get()]) == ["a", "b"]


async def test_queue_backs_off_on_failure_and_forgets_on_success() -> None:
    q: WorkQueue[str] = WorkQueue(base_backoff=0.01, max_backoff=0.04)
    q.add("a")
    delays = []
    for _ in range(4):
        key = await asyncio.wait_for(q.get(), 1)
        delays.append(q.done(key, failed=True))
    assert delays == [0.01, 0.02, 0.04, 0.04]
    key = await asyncio.wait_for(q.get(), 1)
    assert q.done(key) is None
    q.add("a")
    key = await q.get()
    assert q.done(key, failed=True) == 0.01


class FakeLeases:
    """An API server's Lease store with resourceVersion checks, as the real one does."""

    def __init__(self) -> None:
        self.lease: dict[str, Any] | None = None
        self.version = 0

    async def get_lease(self, namespace: str, name: str) -> Mapping[str, Any] | None:
        return copy.deepcopy(self.lease)

    async def create_lease(self, namespace: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        if self.lease is not None:
            raise Conflict("exists", code=409)
        return self._store(body)

    async def update_lease(self, namespace: str, name: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        assert self.lease is not None
        if body["metadata"].get("resourceVersion") != self.lease["metadata"]["resourceVersion"]:
            raise Conflict("changed", code=409)
        return self._store(body)

    def _store(self, body: Mapping[str, Any]) -> Mapping[str, Any]:
        self.version += 1
        self.lease = copy.deepcopy(dict(body))
        self.lease["metadata"]["resourceVersion"] = str(self.version)
        return copy.deepcopy(self.lease)


async def test_one_leader_and_a_takeover_only_after_the_lease_expires() -> None:
    leases, now = FakeLeases(), [0.0]
    config = {"namespace": "default", "lease_duration": 10, "renew_deadline": 6, "retry_period": 1}
    a = LeaderElector(leases, ElectionConfig(identity="a", **config), clock=lambda: now[0])  # type: ignore[arg-type]
    b = LeaderElector(leases, ElectionConfig(identity="b", **config), clock=lambda: now[0])  # type: ignore[arg-type]
    assert await a.try_once() is True
    assert await b.try_once() is False
    for _ in range(5):  # a renews; b sees each renewal and keeps waiting
        now[0] += 1
        assert await a.try_once() is True
        assert await b.try_once() is False
    now[0] += 9.5  # a stopped renewing 9.5 s ago by b's clock: not yet expired
    assert await b.try_once() is False
    now[0] += 1
    assert await b.try_once() is True
    assert leases.lease is not None and leases.lease["spec"]["holderIdentity"] == "b"
    assert leases.lease["spec"]["leaseTransitions"] == 1
    assert await a.try_once() is False, "the old leader sees b's renewal and stays a follower"


async def test_a_released_lease_is_taken_at_once() -> None:
    leases = FakeLeases()
    a = LeaderElector(leases, ElectionConfig(namespace="default", identity="a"))  # type: ignore[arg-type]
    b = LeaderElector(leases, ElectionConfig(namespace="default", identity="b"))  # type: ignore[arg-type]
    assert await a.try_once()
    a.leading = True
    await a.release()
    assert await b.try_once() is True


@pytest.mark.parametrize(
    ("text", "seconds"), [("10m", 600), ("1h30m", 5400), ("45s", 45), ("1s", 10), ("", 600), ("soon", 600), (None, 600)]
)
def test_intervals_read_like_flux(text: Any, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_entries_the_crd_would_refuse_are_left_out_with_the_reason() -> None:
    good = {"name": "nginx", "version": "1.0.0", "tag": "nginx/1.0.0", "url": "file:///r"}
    bad = {"name": "Not_A_Label", "version": "1.0.0", "tag": "x/1.0.0", "url": "file:///r"}
    kept, refused = schema_fit([good, bad])
    assert kept == [good]
    assert len(refused) == 1 and refused[0].startswith("x/1.0.0 (name: 'Not_A_Label' does not match")


def test_election_flags_must_nest() -> None:
    with pytest.raises(SystemExit):
        parse_args(["--lease-duration", "5", "--renew-deadline", "6"])
    config = parse_args([])
    assert (config.lease_duration, config.renew_deadline, config.retry_period) == (10, 6, 1)


class FakeApi:
    """Records status writes and Events; answers a write with the object as the API server would."""

    def __init__(self, informer: Any) -> None:
        self.informer = informer
        self.writes: list[tuple[str, dict[str, Any]]] = []
        self.events: list[dict[str, Any]] = []
        self.version = 100

    async def patch_status(
        self, resource: str, name: str, namespace: str | None, status: Mapping[str, Any], *, resource_version: str = ""
    ) -> Mapping[str, Any]:
        self.writes.append((name, dict(status)))
        obj = copy.deepcopy(dict(self.informer.items[("web", name)]))
        obj["status"] = {k: v for k, v in status.items() if v is not None}
        self.version += 1
        obj["metadata"]["resourceVersion"] = str(self.version)
        return obj

    async def create_event(
        self, involved: Mapping[str, Any], reason: str, message: str, *, event_type: str = "Normal", component: str = ""
    ) -> None:
        self.events.append({"type": event_type, "reason": reason, "message": message, "component": component})


def _reconciler() -> tuple[Any, Any, Any, FakeApi]:
    from controller.events import Recorder
    from controller.informer import Informer
    from controller.installations import InstallationReconciler
    from controller.metrics import Metrics
    from kubectl_profiles.catalog import CatalogIndex

    installations = Informer("profileinstallations")
    releases = Informer("helmreleases")
    api = FakeApi(installations)
    reconciler = InstallationReconciler(
        api,  # type: ignore[arg-type]
        installations,
        [releases],
        lambda: CatalogIndex(),
        Recorder(api),  # type: ignore[arg-type]
        Metrics(),
    )
    reconciler.active = True
    return reconciler, installations, releases, api


def _pi(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": "web", "generation": 1, "resourceVersion": "1"},
        "spec": {"source": {"url": "https://e.invalid/r", "tag": "nginx/1.0.0"}},
    }


def _release(name: str, owner: str, ready: str | None, rv: str = "5") -> dict[str, Any]:
    obj: dict[str, Any] = {
        "apiVersion": "helm.toolkit.fluxcd.io/v2",
        "kind": "HelmRelease",
        "metadata": {
            "name": name,
            "namespace": "web",
            "generation": 1,
            "resourceVersion": rv,
            "labels": {"profiles.weave.works/installation": owner},
        },
        "spec": {"values": {"a": 1}},
    }
    if ready is not None:
        obj["status"] = {
            "observedGeneration": 1,
            "conditions": [{"type": "Ready", "status": ready, "reason": "R", "message": "m"}],
        }
    return obj


async def test_reconciler_writes_on_change_only_and_emits_events_on_transitions() -> None:
    reconciler, installations, releases, api = _reconciler()
    installations.replace([_pi("a")])
    releases.replace([_release("a-server", "a", None)])
    assert await reconciler.reconcile(("web", "a")) == "written"
    assert api.events == [], "a first Unknown is not news"
    assert await reconciler.reconcile(("web", "a")) == "unchanged"
    releases.apply_event("MODIFIED", _release("a-server", "a", "True", rv="6"))
    assert await reconciler.reconcile(("web", "a")) == "written"
    assert [(e["type"], e["reason"], e["component"]) for e in api.events] == [
        ("Normal", "Ready", "profiles-controller")
    ]
    assert len(api.writes) == 2


async def test_a_relabelled_flux_object_moves_between_installations() -> None:
    reconciler, installations, releases, _ = _reconciler()
    installations.replace([_pi("a"), _pi("b")])
    releases.replace([_release("shared", "a", "True")])
    await reconciler.reconcile(("web", "a"))
    await reconciler.reconcile(("web", "b"))
    while len(reconciler.queue):
        reconciler.queue.done(await reconciler.queue.get())
    releases.apply_event("MODIFIED", _release("shared", "b", "True", rv="7"))
    queued = {await reconciler.queue.get(), await reconciler.queue.get()}
    assert queued == {("web", "a"), ("web", "b")}
    a = reconciler.compute(installations.items[("web", "a")], "t")
    b = reconciler.compute(installations.items[("web", "b")], "t")
    assert a["objects"] == [] and [o["name"] for o in b["objects"]] == ["shared"]


async def test_a_reconcile_that_raises_does_not_stop_the_worker() -> None:
    reconciler, *_ = _reconciler()
    done: list[Any] = []

    async def reconcile(key: Any) -> str:
        if key[1] == "a":
            raise RuntimeError("a bug")
        done.append(key)
        return "written"

    reconciler.reconcile = reconcile  # type: ignore[method-assign]
    worker = asyncio.create_task(reconciler.worker())
    reconciler.queue.add(("web", "a"))
    reconciler.queue.add(("web", "b"))
    for _ in range(100):
        if done:
            break
        await asyncio.sleep(0.01)
    worker.cancel()
    assert done == [("web", "b")], "the worker went on to the next key"
