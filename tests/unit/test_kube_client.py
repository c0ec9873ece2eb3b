"""The client core (kubectl_profiles.kube): requests, typed errors, discovery, both faces and the reflector.

The faces talk real HTTPS to an in-process stand-in of the API server (tests/fake_apiserver.py); the same client is
checked against the real API server in tests/integration/test_kube_client.py.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import trustme

from kubectl_profiles import errors, kubeconfig
from kubectl_profiles.kube import core
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.kube.reflector import Backoff, Reflector
from kubectl_profiles.kube.sync import Kube
from tests.fake_apiserver import FakeAPIServer, running, status


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def api(ca: trustme.CA) -> Iterator[FakeAPIServer]:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(tls)
    with running(FakeAPIServer(), tls) as server:
        yield server


def config_for(api: FakeAPIServer, ca: trustme.CA, token: str = "t0ken") -> kubeconfig.ClusterConfig:
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    return kubeconfig.ClusterConfig(server=f"https://127.0.0.1:{api.port}", ssl_context=ctx, token=token)


def pcs(name: str, namespace: str = "default") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"profiles": []},
    }


# --- the core: no I/O -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason", "cls"),
    [
        (400, "BadRequest", errors.BadRequest),
        (401, "Unauthorized", errors.Unauthorized),
        (403, "Forbidden", errors.Forbidden),
        (404, "NotFound", errors.NotFound),
        (409, "AlreadyExists", errors.AlreadyExists),  # a Conflict too
        (409, "Conflict", errors.Conflict),
        (410, "Expired", errors.Gone),
        (410, "Gone", errors.Gone),
        (422, "Invalid", errors.Invalid),
        (429, "TooManyRequests", errors.Unavailable),
        (500, "InternalError", errors.KubeAPIError),
        (500, "ServerTimeout", errors.Timeout),
        (503, "ServiceUnavailable", errors.Unavailable),
        (504, "Timeout", errors.Timeout),
        (504, "", errors.Timeout),
        (409, "", errors.Conflict),
    ],
)
def test_a_status_becomes_its_typed_error(code: int, reason: str, cls: type[errors.KubeAPIError]) -> None:
    causes = [{"reason": "FieldValueRequired", "message": "Required value", "field": "spec.catalog"}]
    exc = core.status_error(code, status(code, reason, "the  server's\nown words", causes=causes))
    assert type(exc) is cls
    assert isinstance(exc, errors.ProfilesError) and isinstance(exc, errors.ClusterError)
    assert (exc.code, exc.reason, exc.causes) == (code, reason, tuple(causes))
    assert "the server's own words" in exc.message  # one line, the server's message kept
    assert exc.exit_code == 1


def test_a_body_that_is_not_a_status_still_gives_a_typed_error() -> None:
    request = core.Request("GET", "/api/v1/namespaces")
    exc = core.error_from_body(502, b"<html>bad gateway</html>", request)
    assert type(exc) is errors.KubeAPIError and exc.code == 502 and "bad gateway" in exc.message
    exc = core.error_from_body(403, b"", request)
    assert type(exc) is errors.Forbidden and exc.message == "GET /api/v1/namespaces failed with HTTP 403"


def test_api_not_found_is_also_the_projects_not_found() -> None:
    exc = core.status_error(404, status(404, "NotFound", 'x "y" not found'))
    assert isinstance(exc, errors.NotFoundError) and isinstance(exc, errors.KubeAPIError)


def test_prefixed_keeps_the_type_and_the_status() -> None:
    exc = core.status_error(422, status(422, "Invalid", "spec.x: Invalid value", causes=[{"field": "spec.x"}]))
    wrapped = exc.prefixed("ProfileInstallation web/nginx")
    assert type(wrapped) is errors.Invalid and wrapped.causes == exc.causes and wrapped.code == 422
    assert wrapped.message == "ProfileInstallation web/nginx: spec.x: Invalid value"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("profileinstallations", "web", "nginx"),
            "/apis/weave.works/v1alpha1/namespaces/web/profileinstallations/nginx",
        ),
        (("profileinstallations", None, None), "/apis/weave.works/v1alpha1/profileinstallations"),
        (("namespaces", "ignored", "web"), "/api/v1/namespaces/web"),
        (("configmaps", "web", "app.config"), "/api/v1/namespaces/web/configmaps/app.config"),
        (("leases", "kube-system", "lock"), "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/lock"),
        (("tokenreviews", None, None), "/apis/authentication.k8s.io/v1/tokenreviews"),
        (("helmreleases", "web", "x"), "/apis/helm.toolkit.fluxcd.io/v2/namespaces/web/helmreleases/x"),
    ],
)
def test_paths(args: tuple[str, str | None, str | None], expected: str) -> None:
    assert core.path(*args) == expected


@pytest.mark.parametrize(
    ("namespace", "name"),
    [("web\n", "x"), ("web", "x\n"), ("a b", "x"), ("../victim", "x"), ("web", "c/d"), ("web", "../../api/v1/x")],
)
def test_paths_take_only_kubernetes_names(namespace: str, name: str) -> None:
    # A final newline too: a pattern ending in `$` admits one, fullmatch does not
    with pytest.raises(errors.UsageError, match="is not a valid Kubernetes name"):
        core.path("configmaps", namespace, name)


def test_requests_carry_their_query_and_content_type() -> None:
    listed = core.list_request("profileinstallations", None, label_selector="a=b")
    assert listed.url_path == "/apis/weave.works/v1alpha1/profileinstallations?labelSelector=a%3Db"
    watch = core.watch_request("namespaces", None, "42", timeout_seconds=60)
    assert watch.params == {
        "watch": "1",
        "resourceVersion": "42",
        "allowWatchBookmarks": "true",
        "timeoutSeconds": "60",
    }
    status_patch = core.patch_request("profileinstallations", "n", "web", {"status": {}}, subresource="status")
    assert status_patch.path.endswith("/profileinstallations/n/status")
    assert status_patch.content_type == "application/merge-patch+json"
    applied = core.apply_request(pcs("c"), "other", field_manager="me", force=True, dry_run=True)
    assert (applied.method, applied.content_type) == ("PATCH", "application/apply-patch+yaml")
    assert applied.params == {"dryRun": "All", "fieldManager": "me", "force": "true"}
    assert "/namespaces/default/" in applied.path  # the object's namespace wins over the default
    assert core.delete_request("secrets", "s", "ns", dry_run=True).params == {"dryRun": "All"}
    json_patch = core.patch_request("secrets", "s", "ns", [{"op": "remove", "path": "/x"}], patch_type="json")
    assert json_patch.content_type == "application/json-patch+json"
    with pytest.raises(errors.UsageError, match="field manager"):
        core.patch_request("secrets", "s", "ns", {}, patch_type="apply")
    with pytest.raises(errors.UsageError, match="unknown resource"):
        core.path("pods")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30", 30),
        ("30s", 30),
        ("1m", 60),
        ("1h30m", 5400),
        ("500ms", 0.5),
        ("2.5s", 2.5),
        ("1m30s", 90),
        ("10us", 1e-5),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert core.go_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "s", "1x", "1 s", "-1s", "1s2"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        core.go_duration(text)


def test_request_timeout_flag() -> None:
    assert core.parse_duration(None) is None and core.parse_duration("0") is None
    assert core.parse_duration("2m") == 120
    with pytest.raises(errors.UsageError, match="--request-timeout 'soon' is not a duration"):
        core.parse_duration("soon")


def test_watch_framing_across_chunks_and_errors() -> None:
    framer = core.WatchFramer()
    line = b'{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}\n'
    assert list(framer.feed(line[:10])) == []
    events = list(framer.feed(line[10:] + b'{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"6"}}}\n\n'))
    assert [e["type"] for e in events] == ["ADDED", "BOOKMARK"]
    error = b'{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}\n'
    with pytest.raises(errors.Gone):
        list(framer.feed(error))


def test_discovery_flow_skips_a_group_that_is_down() -> None:
    flow = core.served_apis_flow()
    assert next(flow).path == "/api/v1"
    assert flow.send({"resources": [{"name": "configmaps", "kind": "ConfigMap"}]}).path == "/apis"
    groups = {"groups": [{"versions": [{"groupVersion": "a/v1"}]}, {"versions": [{"groupVersion": "b/v1"}]}]}
    assert flow.send(groups).path == "/apis/a/v1"
    assert flow.throw(core.status_error(503, status(503, "ServiceUnavailable", "down"))).path == "/apis/b/v1"
    with pytest.raises(StopIteration) as done:
        flow.send({"resources": [{"name": "bs", "kind": "B"}, {"name": "bs/status", "kind": "B"}]})
    assert done.value.value == frozenset({"v1/ConfigMap", "b/v1/B"})


# --- the sync face ------------------------------------------------------------------------------------------------


def test_sync_face_reads_writes_and_types_errors(api: FakeAPIServer, ca: trustme.CA) -> None:
    kube = Kube(config_for(api, ca))
    api.put("profilecatalogsources", pcs("one"))
    [listed] = kube.list("profilecatalogsources")
    assert (listed["kind"], listed["apiVersion"]) == ("ProfileCatalogSource", "weave.works/v1alpha1")
    assert kube.get("profilecatalogsources", "missing", "default") is None
    two = kube.create(pcs("two"))
    with pytest.raises(errors.AlreadyExists) as taken:
        kube.create(pcs("two"))
    assert taken.value.code == 409 and taken.value.details["name"] == "two"
    assert isinstance(taken.value, errors.Conflict)  # a read-modify-write loop re-reads on either
    two["spec"]["profiles"] = [{"name": "x"}]
    replaced = kube.replace(two)
    with pytest.raises(errors.Conflict):
        kube.replace(two)  # the resourceVersion read is stale now
    with pytest.raises(errors.UsageError, match="resourceVersion"):
        kube.replace(pcs("two"))
    assert replaced["spec"]["profiles"] == [{"name": "x"}]
    with pytest.raises(errors.NotFound):
        kube.send(core.Request("GET", core.path("profilecatalogsources", "default", "missing")))
    assert kube.delete("profilecatalogsources", "two", "default") is True
    assert kube.delete("profilecatalogsources", "two", "default") is False
    with pytest.raises(errors.NotFound, match="the cluster does not serve helmreleases"):
        api.failures[("GET", core.path("helmreleases", "default"))] = (
            404,
            status(404, "NotFound", "the server could not find the requested resource"),
        )
        kube.list("helmreleases", "default")
    assert all(r.headers.count(("Authorization", "Bearer t0ken")) == 1 for r in api.requests)
    kube.close()


def test_sync_apply_failure_keeps_its_type_and_names_the_object(api: FakeAPIServer, ca: trustme.CA) -> None:
    causes = [{"reason": "FieldValueInvalid", "message": "Invalid value", "field": "spec.profiles"}]
    api.failures[("PATCH", "/apis/weave.works/v1alpha1/namespaces/default/profilecatalogsources/bad")] = (
        422,
        status(422, "Invalid", 'ProfileCatalogSource "bad" is invalid', causes=causes),
    )
    with pytest.raises(errors.Invalid) as invalid:
        Kube(config_for(api, ca)).apply([pcs("bad")])
    assert invalid.value.message.startswith("ProfileCatalogSource default/bad: ")
    assert invalid.value.causes == tuple(causes) and isinstance(invalid.value.__cause__, errors.Invalid)


def test_unreachable_and_tls_failures_are_typed(api: FakeAPIServer, ca: trustme.CA) -> None:
    from kubectl_profiles.devenv.cluster import free_port

    config = config_for(api, ca)
    config.server = f"https://127.0.0.1:{free_port()}"
    with pytest.raises(errors.Unreachable, match="connection refused") as refused:
        Kube(config).list("namespaces")
    assert isinstance(refused.value.__cause__, OSError)
    untrusted = config_for(api, ca)
    untrusted.ssl_context = ssl.create_default_context()  # the system CAs, not the cluster's
    with pytest.raises(errors.Unreachable, match="TLS"):
        Kube(untrusted).list("namespaces")


def test_both_faces_run_the_same_discovery(api: FakeAPIServer, ca: trustme.CA) -> None:
    kube = Kube(config_for(api, ca))
    served = kube.served_apis()
    assert {"v1/Namespace", "weave.works/v1alpha1/ProfileCatalogSource", "coordination.k8s.io/v1/Lease"} <= served
    assert not any(s.startswith("metrics.example") for s in served)  # its backend is down
    assert kube.server_version() == "1.20.2"

    async def both() -> tuple[str, frozenset[str]]:
        async with AsyncKube(config_for(api, ca)) as aio:
            return await aio.drive(core.server_version_flow()), await aio.drive(core.served_apis_flow())

    assert asyncio.run(both()) == ("1.20.2", served)


def test_impersonation_headers(api: FakeAPIServer, ca: trustme.CA) -> None:
    config = config_for(api, ca)
    config.impersonate("bob", ("team-b", "viewers"))
    Kube(config).list("namespaces")
    headers = api.requests[-1].headers
    assert ("Impersonate-User", "bob") in headers
    assert [v for k, v in headers if k == "Impersonate-Group"] == ["team-b", "viewers"]
    with pytest.raises(errors.UsageError, match=r"--as-group .* needs a user to impersonate"):
        config_for(api, ca).impersonate(None, ("team-b",))


# --- the async face -------------------------------------------------------------------------------------------------


async def test_async_face_writes_status_events_and_leases(api: FakeAPIServer, ca: trustme.CA) -> None:
    async with AsyncKube(config_for(api, ca), field_manager="profiles-controller") as kube:
        created = await kube.create(pcs("cat"))
        items, version = await kube.list("profilecatalogsources", "default")
        assert [i["metadata"]["name"] for i in items] == ["cat"] and version
        rv = created["metadata"]["resourceVersion"]
        patched = await kube.patch_status("profilecatalogsources", "cat", "default", {"x": 1}, resource_version=rv)
        assert patched["status"] == {"x": 1}
        with pytest.raises(errors.Conflict):  # rv is stale now
            await kube.patch_status("profilecatalogsources", "cat", "default", {"x": 2}, resource_version=rv)
        assert api.requests[-1].path.endswith("/profilecatalogsources/cat/status")
        assert api.requests[-1].query["fieldManager"] == "profiles-controller"
        with pytest.raises(errors.Conflict):
            await kube.update_status({**created, "status": {"x": 3}})
        updated = await kube.update_status({**patched, "status": {"x": 3}})
        assert updated["status"] == {"x": 3}

        event = await kube.create_event(updated, "Scanned", "found 3 profiles", event_type="Warning")
        assert event["involvedObject"]["name"] == "cat" and event["type"] == "Warning"
        assert event["source"] == {"component": "profiles-controller"}
        assert event["metadata"]["namespace"] == "default"

        assert await kube.get_lease("default", "leader") is None
        spec = {"holderIdentity": "a", "leaseDurationSeconds": 15}
        lease = await kube.create_lease("default", {"metadata": {"name": "leader"}, "spec": spec})
        with pytest.raises(errors.AlreadyExists):
            await kube.create_lease("default", {"metadata": {"name": "leader"}, "spec": {"holderIdentity": "b"}})
        taken = await kube.update_lease("default", "leader", {**lease, "spec": {**spec, "renewTime": "now"}})
        with pytest.raises(errors.Conflict):  # the old resourceVersion
            await kube.update_lease("default", "leader", {**lease, "spec": {"holderIdentity": "b"}})
        assert (await kube.get_lease("default", "leader") or {})["spec"] == taken["spec"]

        review = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": "x"}}
        assert (await kube.create(review))["kind"] == "TokenReview"
        assert api.requests[-1].path == "/apis/authentication.k8s.io/v1/tokenreviews"
        with pytest.raises(errors.NotFound):
            await kube.send(core.Request("GET", "/api/v1/namespaces/nowhere"))


async def test_async_face_unreachable(api: FakeAPIServer, ca: trustme.CA) -> None:
    from kubectl_profiles.devenv.cluster import free_port

    config = config_for(api, ca)
    config.server = f"https://127.0.0.1:{free_port()}"
    async with AsyncKube(config) as kube:
        with pytest.raises(errors.Unreachable):
            await kube.get("namespaces", "x")


# --- the reflector --------------------------------------------------------------------------------------------------


async def wait_for(predicate: Any, timeout: float = 10) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


async def test_reflector_lists_watches_and_follows_bookmarks(api: FakeAPIServer, ca: trustme.CA) -> None:
    api.put("profilecatalogsources", pcs("a"))
    seen: list[tuple[str, str]] = []
    replaced: list[int] = []
    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(
            kube,
            "profilecatalogsources",
            on_replace=lambda items: replaced.append(len(list(items))),
            on_event=lambda kind, obj: seen.append((kind, obj["metadata"]["name"])),
        )
        task = reflector.start()
        await asyncio.wait_for(reflector.synced.wait(), 10)
        assert set(reflector.store) == {("default", "a")} and replaced == [1]
        await asyncio.to_thread(api.put, "profilecatalogsources", pcs("b"))
        await asyncio.to_thread(api.put, "namespaces", {"metadata": {"name": "other-kind"}})
        await asyncio.to_thread(api.remove, "profilecatalogsources", "default", "a")
        await wait_for(lambda: len(seen) == 2)
        assert seen == [("ADDED", "b"), ("DELETED", "a")] and set(reflector.store) == {("default", "b")}
        await asyncio.to_thread(api.bookmark)
        await wait_for(lambda: reflector.resource_version == str(api.rv))
        assert len(seen) == 2 and api.lists == 1  # a bookmark moves the resourceVersion only
        task.cancel()


async def test_reflector_transform_applies_to_listed_and_watched_objects(api: FakeAPIServer, ca: trustme.CA) -> None:
    api.put("profilecatalogsources", pcs("a"))
    seen: list[Mapping[str, Any]] = []
    replaced: list[list[Mapping[str, Any]]] = []

    def names_only(obj: dict[str, Any]) -> dict[str, Any]:
        return {"metadata": {"name": obj["metadata"]["name"], "namespace": obj["metadata"]["namespace"]}}

    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(
            kube,
            "profilecatalogsources",
            transform=names_only,
            on_replace=lambda items: replaced.append(list(items)),
            on_event=lambda kind, obj: seen.append(obj),
        )
        task = reflector.start()
        await asyncio.wait_for(reflector.synced.wait(), 10)
        await asyncio.to_thread(api.put, "profilecatalogsources", pcs("b"))
        await wait_for(lambda: len(seen) == 1)
        await asyncio.to_thread(api.bookmark)
        await wait_for(lambda: reflector.resource_version == str(api.rv))
        slim_a = {"metadata": {"name": "a", "namespace": "default"}}
        slim_b = {"metadata": {"name": "b", "namespace": "default"}}
        assert replaced == [[slim_a]] and seen == [slim_b]
        assert reflector.store == {("default", "a"): slim_a, ("default", "b"): slim_b}
        task.cancel()


@pytest.mark.parametrize("as_event", [True, False])
async def test_reflector_relists_on_gone(api: FakeAPIServer, ca: trustme.CA, as_event: bool) -> None:
    api.expire_as_event = as_event
    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(kube, "profilecatalogsources", backoff=Backoff(initial=30))  # no backoff on 410
        task = reflector.start()
        await asyncio.wait_for(reflector.synced.wait(), 10)
        api.compact()
        await asyncio.to_thread(api.end_watches)  # the next watch asks for a compacted resourceVersion
        await asyncio.to_thread(api.put, "profilecatalogsources", pcs("late"))
        await wait_for(lambda: ("default", "late") in reflector.store)
        assert api.lists >= 2
        task.cancel()


async def test_reflector_relists_after_a_dropped_stream_with_backoff(api: FakeAPIServer, ca: trustme.CA) -> None:
    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(kube, "profilecatalogsources", backoff=Backoff(initial=0.05, cap=0.1))
        task = reflector.start()
        await asyncio.wait_for(reflector.synced.wait(), 10)
        await wait_for(lambda: api.watches == 1)
        await asyncio.to_thread(api.drop_watches)
        # relisted after the backoff, which the successful relist resets
        await wait_for(lambda: reflector.lists == 2 and reflector.backoff.current == 0.05)
        assert api.lists == 2
        task.cancel()


async def test_reflector_rewatches_without_relisting_when_the_server_ends_the_stream(
    api: FakeAPIServer, ca: trustme.CA
) -> None:
    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(kube, "profilecatalogsources", timeout_seconds=1)
        task = reflector.start()
        await wait_for(lambda: api.watches >= 2, timeout=5)
        assert api.lists == 1
        task.cancel()


async def test_reflector_backs_off_while_the_list_fails(api: FakeAPIServer, ca: trustme.CA) -> None:
    path = "/apis/weave.works/v1alpha1/profilecatalogsources"
    api.failures[("GET", path)] = (403, status(403, "Forbidden", "no"))
    async with AsyncKube(config_for(api, ca)) as kube:
        reflector = Reflector(kube, "profilecatalogsources", backoff=Backoff(initial=0.01, cap=0.04))
        task = reflector.start()
        await wait_for(lambda: sum(r.path == path for r in api.requests) >= 5)
        assert not reflector.synced.is_set() and reflector.backoff.current == 0.04
        del api.failures[("GET", path)]
        await asyncio.wait_for(reflector.synced.wait(), 10)
        task.cancel()


async def test_reflector_missing_is_empty(api: FakeAPIServer, ca: trustme.CA) -> None:
    path = core.path("helmreleases")
    api.failures[("GET", path)] = (404, status(404, "NotFound", "the server could not find the requested resource"))
    async with AsyncKube(config_for(api, ca)) as kube:
        strict = Reflector(kube, "helmreleases", backoff=Backoff(initial=0.01, cap=0.02))
        lenient = Reflector(kube, "helmreleases", missing_is_empty=True, backoff=Backoff(initial=0.01, cap=0.02))
        tasks = [strict.start(), lenient.start()]
        await asyncio.wait_for(lenient.synced.wait(), 10)
        assert lenient.store == {} and not strict.synced.is_set()
        del api.failures[("GET", path)]  # Flux installed: both find it
        api.put("helmreleases", {"metadata": {"name": "hr", "namespace": "web"}})
        await wait_for(lambda: ("web", "hr") in lenient.store and ("web", "hr") in strict.store)
        for task in tasks:
            task.cancel()


def test_discovery_of_one_group(api: FakeAPIServer, ca: trustme.CA) -> None:
    kube = Kube(config_for(api, ca))
    assert kube.group_versions("nothing.example") is None
    assert kube.served_kinds("nothing.example/v1") is None
    assert kube.served_kinds("coordination.k8s.io/v1") == frozenset({"Lease"})


def test_backoff_doubles_up_to_its_cap() -> None:
    backoff = Backoff(initial=0.5, cap=3)
    assert [backoff.next() for _ in range(5)] == [0.5, 1, 2, 3, 3]
    backoff.reset()
    assert backoff.next() == 0.5


async def test_webhook_cache_is_fed_by_the_reflector(api: FakeAPIServer, ca: trustme.CA) -> None:
    from webhook.cache import Cache

    api.put("profilecatalogsources", pcs("apps"))
    api.put("namespaces", {"metadata": {"name": "web", "labels": {"team": "a"}}})
    cache = Cache()
    async with AsyncKube(config_for(api, ca)) as kube:
        tasks = cache.start(kube)
        await wait_for(lambda: cache.ready)
        assert cache.namespace_labels() == {"web": {"team": "a"}}
        assert cache.server_version == "1.20.2" and "v1/Namespace" in (cache.served_apis or ())
        await asyncio.to_thread(api.put, "namespaces", {"metadata": {"name": "db"}})
        await wait_for(lambda: "db" in cache.namespace_labels())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# --- the CLI's edge ---------------------------------------------------------------------------------------------------


def cli_kubeconfig(api: FakeAPIServer, ca: trustme.CA, tmp_path: Any) -> str:
    import base64

    import yaml

    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "c",
        "clusters": [
            {
                "name": "k",
                "cluster": {
                    "server": f"https://127.0.0.1:{api.port}",
                    "certificate-authority-data": base64.b64encode(ca.cert_pem.bytes()).decode(),
                },
            }
        ],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": "c", "context": {"cluster": "k", "user": "u"}}],
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def test_as_and_as_group_flags_reach_the_api_server(
    api: FakeAPIServer, ca: trustme.CA, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from kubectl_profiles.cli.main import main

    path = cli_kubeconfig(api, ca, tmp_path)
    with pytest.raises(SystemExit) as done:
        main(["get", "--kubeconfig", path, "--as", "bob", "--as-group", "team-b", "--as-group=viewers", "-A"])
    assert done.value.code == 0, capsys.readouterr().err
    for request in api.requests:
        assert ("Impersonate-User", "bob") in request.headers
        assert [v for k, v in request.headers if k == "Impersonate-Group"] == ["team-b", "viewers"]


def test_forbidden_is_one_line_and_exit_1(api: FakeAPIServer, ca: trustme.CA, tmp_path: Any, capsys: Any) -> None:
    from kubectl_profiles.cli.main import main

    message = (
        'profileinstallations.weave.works is forbidden: User "bob" cannot list resource "profileinstallations" '
        'in API group "weave.works" at the cluster scope'
    )
    api.failures[("GET", "/apis/weave.works/v1alpha1/profileinstallations")] = (
        403,
        status(403, "Forbidden", message),
    )
    with pytest.raises(SystemExit) as done:
        main(["get", "--kubeconfig", cli_kubeconfig(api, ca, tmp_path), "--as", "bob", "-A"])
    assert done.value.code == 1
    assert capsys.readouterr().err == f"error: {message}\n"


def test_secret_data_is_decoded_and_undecodable_values_are_left_out() -> None:
    secret = {"data": {"username": "cmVhZGVy", "password": "czNjcmV0", "binary": "/w==", "broken": "not base64!"}}
    assert core.secret_data(secret) == {"username": "reader", "password": "s3cret"}
    assert core.secret_data(None) == {} and core.secret_data({"data": None}) == {}
