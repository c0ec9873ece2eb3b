"""The controller's parts that need no API server: the work queue, leader election, intervals, schema fit."""

from __future__ import annotations

import asyncio
import base64
import copy
import json
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


# --- Helm repositories in the catalog reconciler -------------------------------------------------------------


class FakeCatalogApi(FakeApi):
    """FakeApi plus Secrets read by name, as AsyncKube.get answers them (None when absent)."""

    def __init__(self, informer: Any, secrets: dict[tuple[str, str], dict[str, str]]) -> None:
        super().__init__(informer)
        self.secrets = secrets

    async def get(self, resource: str, name: str, namespace: str | None = None, **_: Any) -> Any:
        import base64

        assert resource == "secrets"
        data = self.secrets.get((str(namespace), name))
        if data is None:
            return None
        return {"data": {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}}


def _catalog_reconciler(
    tmp_path: Any, secrets: dict[tuple[str, str], dict[str, str]]
) -> tuple[Any, Any, FakeCatalogApi]:
    from controller.catalogs import CatalogReconciler
    from controller.events import Recorder
    from controller.informer import Informer
    from controller.metrics import Metrics

    installations, _, _, _ = _reconciler()
    catalogs = Informer("profilecatalogsources")
    api = FakeCatalogApi(catalogs, secrets)
    reconciler = CatalogReconciler(
        api,  # type: ignore[arg-type]
        catalogs,
        installations,
        Recorder(api),  # type: ignore[arg-type]
        Metrics(),
        cache_dir=tmp_path / "git",
    )
    reconciler.active = True
    return reconciler, catalogs, api


def _helm_catalog(url: str, **repo: Any) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "charts", "namespace": "web", "generation": 1, "resourceVersion": "1"},
        "spec": {"helmRepositories": [{"url": url, **repo}]},
    }


HELM_INDEX = """\
apiVersion: v1
entries:
  nginx-profile:
  - annotations:
      weave.works/profile: nginx
      weave.works/category: Networking
    apiVersion: v2
    name: nginx-profile
    version: 1.1.0
    urls:
    - charts/nginx-profile-1.1.0.tgz
  - apiVersion: v2
    name: plain-chart
    version: 0.1.0
    urls:
    - charts/plain-chart-0.1.0.tgz
generated: "2024-03-01T10:00:00Z"
"""


async def test_catalog_reconciler_scans_helm_repositories_with_secret_credentials(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from controller.catalogs import CatalogReconciler
    from tests.helm_standin import helm_standin

    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.basic = ("reader", "s3cret-pass")
        repo.files["/charts/index.yaml"] = HELM_INDEX.encode()
        reconciler, catalogs, api = _catalog_reconciler(
            tmp_path, {("web", "helm-creds"): {"username": "reader", "password": "s3cret-pass"}}
        )
        catalogs.replace([_helm_catalog(f"{repo.url}/charts", secretRef={"name": "helm-creds"}, interval="5m")])
        assert CatalogReconciler.interval(catalogs.items[("web", "charts")]) == 300
        assert await reconciler.reconcile(("web", "charts")) == "written"
        status = api.writes[-1][1]
        assert [(p["name"], p["version"], p["chart"]["name"], p["category"]) for p in status["profiles"]] == [
            ("nginx", "1.1.0", "nginx-profile", "Networking")
        ]
        assert status["profiles"][0]["chart"]["url"] == f"{repo.url}/charts"
        assert status["profileCount"] == 1
        ready = status["conditions"][0]
        assert (ready["type"], ready["status"]) == ("Ready", "True")
        assert ready["message"] == "read 1 repository: 1 profile versions"
        assert repo.seen[-1]["auth"].startswith("Basic "), "the secretRef's credentials were sent"

        # The index fails: Ready=False with the URL and the reason; the entries read before are kept.
        repo.files.pop("/charts/index.yaml")
        assert await reconciler.reconcile(("web", "charts")) == "failed"
        status = api.writes[-1][1]
        ready = status["conditions"][0]
        assert (ready["status"], ready["reason"]) == ("False", "ScanFailed")
        assert ready["message"] == (
            f"cannot read {repo.url}/charts: Helm repository index {repo.url}/charts/index.yaml: HTTP 404 Not Found; "
            "check the URL"
        )
        assert [p["name"] for p in status["profiles"]] == ["nginx"]
        assert "s3cret" not in str(api.writes) and "s3cret" not in str(api.events)

        # Wrong credentials: the repository's own answer, named.
        repo.files["/charts/index.yaml"] = HELM_INDEX.encode()
        api.secrets[("web", "helm-creds")]["password"] = "wrong"
        assert await reconciler.reconcile(("web", "charts")) == "failed"
        message = api.writes[-1][1]["conditions"][0]["message"]
        assert message.startswith(f"cannot read {repo.url}/charts: ") and "HTTP 401 Unauthorized" in message
        assert "wrong" not in message

        # The kubernetes.io/dockerconfigjson Secret that Flux's OCIRepository needs serves the scan too.
        host = repo.url.split("://", 1)[1].split("/", 1)[0]
        auth = base64.b64encode(b"reader:s3cret-pass").decode()
        api.secrets[("web", "helm-creds")] = {".dockerconfigjson": json.dumps({"auths": {host: {"auth": auth}}})}
        repo.seen.clear()
        assert await reconciler.reconcile(("web", "charts")) == "written"
        assert repo.seen[-1]["auth"] == f"Basic {auth}"
        api.secrets[("web", "helm-creds")] = {".dockerconfigjson": json.dumps({"auths": {"other.example": {}}})}
        assert await reconciler.reconcile(("web", "charts")) == "failed"
        message = api.writes[-1][1]["conditions"][0]["message"]
        assert message.endswith(
            f"secret web/helm-creds (secretRef): its .dockerconfigjson has no entry for {host}; add one for {host}"
        )

        # A secretRef that does not exist.
        catalogs.replace([_helm_catalog(f"{repo.url}/charts", secretRef={"name": "nope"})])
        assert await reconciler.reconcile(("web", "charts")) == "failed"
        message = api.writes[-1][1]["conditions"][0]["message"]
        assert message == f"cannot read {repo.url}/charts: secret web/nope (secretRef) not found"


async def test_catalog_reconciler_refuses_plain_http_helm_repositories_unless_allowed(tmp_path: Any) -> None:
    reconciler, catalogs, api = _catalog_reconciler(tmp_path, {})
    index = tmp_path / "repo" / "index.yaml"
    index.parent.mkdir()
    index.write_text(HELM_INDEX)
    catalogs.replace([_helm_catalog(f"file://{index.parent}")])
    assert await reconciler.reconcile(("web", "charts")) == "failed"
    assert "file:// repositories are for local development only" in api.writes[-1][1]["conditions"][0]["message"]
    reconciler.allow_file_urls = True
    assert await reconciler.reconcile(("web", "charts")) == "written"
    assert [p["name"] for p in api.writes[-1][1]["profiles"]] == ["nginx"]


async def test_catalog_reconciler_removes_the_git_cache_of_repositories_no_catalog_lists(tmp_path: Any) -> None:
    from kubectl_profiles.sources import GitCache

    reconciler, catalogs, _ = _catalog_reconciler(tmp_path, {})
    listed, dropped, scanning = "https://e.invalid/listed", "https://e.invalid/dropped", "https://e.invalid/busy"
    catalogs.items[("web", "c")] = {
        "metadata": {"name": "c", "namespace": "web"},
        "spec": {"repositories": [{"url": listed}]},
    }
    root = tmp_path / "git"
    for url in (listed, dropped, scanning, "https://e.invalid/from-an-earlier-run"):
        (root / GitCache.repository_key(url) / "nginx_1.0.0").mkdir(parents=True)
    (root / "helm").mkdir()  # not a repository directory: never touched
    for url in (listed, dropped, scanning):
        reconciler.memos[url] = {}
        reconciler.locks[url] = asyncio.Lock()
    await reconciler.locks[scanning].acquire()  # a scan of a repository just removed from its catalog
    assert await reconciler.prune() == 2
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["helm", GitCache.repository_key(listed), GitCache.repository_key(scanning)]
    )
    assert set(reconciler.memos) == set(reconciler.locks) == {listed, scanning}
    reconciler.locks[scanning].release()
    assert await reconciler.prune() == 1 and set(reconciler.memos) == {listed}
