"""The aiohttp adapter: endpoints, limits, timeouts, metrics, the catalog API, TLS and certificate reload."""

from __future__ import annotations

import asyncio
import socket
import ssl
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiohttp import web

from tests.webhook_support import admission, catalog, filled_cache, installation
from webhook.config import Config, parse_args
from webhook.server import ReloadingTLS, make_app, parse_timeout


@pytest.fixture
def app() -> web.Application:
    return make_app(Config(max_body_bytes=64 * 1024), filled_cache(catalog(entries=3)))


async def test_review_endpoint_allows_and_denies(aiohttp_client: Any, app: web.Application) -> None:
    client = await aiohttp_client(app)
    ok = await client.post("/validate/profileinstallations", json=admission(installation("1.1.0")))
    assert ok.status == 200 and (await ok.json())["response"]["allowed"] is True
    bad = await client.post("/validate/profileinstallations?timeout=5s", json=admission(installation("3.0.0")))
    body = await bad.json()
    assert bad.status == 200 and body["response"]["allowed"] is False


async def test_not_json_wrong_endpoint_and_too_large(aiohttp_client: Any, app: web.Application) -> None:
    client = await aiohttp_client(app)
    assert (await client.post("/validate/profileinstallations", data=b"{not json")).status == 400
    wrong = await client.post("/validate/profilecatalogsources", json=admission(installation()))
    assert wrong.status == 400 and "sent to the profilecatalogsources endpoint" in (await wrong.json())["error"]
    big = await client.post("/validate/profileinstallations", data=b"x" * (65 * 1024))
    assert big.status == 413
    assert (await client.post("/validate/secrets", json={})).status == 404


async def test_health_ready_and_metrics(aiohttp_client: Any, app: web.Application) -> None:
    client = await aiohttp_client(app)
    await client.post("/validate/profileinstallations", json=admission(installation("3.0.0")))
    assert (await client.get("/healthz")).status == 200
    assert (await client.get("/readyz")).status == 200
    text = await (await client.get("/metrics")).text()
    assert 'profiles_webhook_reviews_total{kind="ProfileInstallation",operation="CREATE",verdict="denied"} 1.0' in text
    assert 'profiles_webhook_violations_total{rule="installation.version.not-found",severity="error"} 1.0' in text
    assert "profiles_webhook_review_seconds_bucket" in text
    assert 'profiles_webhook_cache_objects{resource="profilecatalogsources"} 1.0' in text


async def test_not_ready_until_synced(aiohttp_client: Any) -> None:
    from webhook.cache import Cache

    cache = Cache()
    cache.synced["profilecatalogsources"] = asyncio.Event()
    client = await aiohttp_client(make_app(Config(), cache))
    resp = await client.get("/readyz")
    assert resp.status == 503 and "profilecatalogsources" in await resp.text()


TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews"
ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews"


class FakeReviewAPI:
    """Stands in for the API server's TokenReview and SubjectAccessReview endpoints, recording every call.

    `grants` holds (user, namespace) pairs that may list catalogs; namespace "" is every namespace."""

    def __init__(
        self,
        tokens: dict[str, tuple[str, tuple[str, ...]]],
        grants: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
        failure: Exception | None = None,
    ) -> None:
        self.tokens, self.grants, self.failure = tokens, grants, failure
        self.posts: list[tuple[str, dict[str, Any]]] = []

    async def post(self, path: str, body: dict[str, Any], timeout: float = 10) -> dict[str, Any]:
        self.posts.append((path, body))
        if self.failure is not None:
            raise self.failure
        if path == TOKEN_REVIEWS:
            assert body["apiVersion"] == "authentication.k8s.io/v1" and body["kind"] == "TokenReview"
            user = self.tokens.get(body["spec"]["token"])
            if user is None:
                return {**body, "status": {"authenticated": False, "error": "invalid bearer token"}}
            info = {"username": user[0], "uid": f"uid-{user[0]}", "groups": [*user[1], "system:authenticated"]}
            return {**body, "status": {"authenticated": True, "user": info}}
        assert path == ACCESS_REVIEWS, path
        assert body["apiVersion"] == "authorization.k8s.io/v1" and body["kind"] == "SubjectAccessReview"
        spec = body["spec"]
        attrs = spec["resourceAttributes"]
        assert (attrs["verb"], attrs["group"], attrs["resource"]) == ("list", "weave.works", "profilecatalogsources")
        assert spec["uid"] == f"uid-{spec['user']}" and "system:authenticated" in spec["groups"]
        allowed = (spec["user"], attrs.get("namespace", "")) in self.grants
        return {**body, "status": {"allowed": allowed}}

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.posts if p == path)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _catalog_app(api: FakeReviewAPI, *catalogs: dict[str, Any], **callers: Any) -> web.Application:
    from webhook.callers import CallerReviews

    return make_app(Config(), filled_cache(*catalogs), callers=CallerReviews(api.post, **callers))


CATALOG_PATHS = (
    "/v1/profiles",
    "/v1/profiles/apps/nginx",
    "/v1/profiles/apps/nginx/latest",
    "/v1/profiles/apps/nginx/1.0.0/available_updates",
)


async def test_catalog_api(aiohttp_client: Any) -> None:
    api = FakeReviewAPI({"admin-token": ("admin", ("system:masters",))}, {("admin", "")})
    client = await aiohttp_client(_catalog_app(api, catalog(entries=3)))

    async def get(path: str, **params: str) -> Any:
        resp = await client.get(path, params=params, headers=_bearer("admin-token"))
        return resp.status, await resp.json()

    _, found = await get("/v1/profiles", name="web")
    assert [(e["name"], e["version"], e["catalogSource"]) for e in found] == [("nginx", "1.2.0", "apps")]
    _, versions = await get("/v1/profiles/apps/nginx")
    assert [e["version"] for e in versions] == ["1.2.0", "1.1.0", "1.0.0"]
    _, latest = await get("/v1/profiles/apps/nginx/latest")
    assert latest["version"] == "1.2.0" and latest["tag"] == "nginx/1.2.0"
    _, updates = await get("/v1/profiles/apps/nginx/1.0.0/available_updates")
    assert [e["version"] for e in updates] == ["1.2.0", "1.1.0"]
    assert await get("/v1/profiles/apps/nginx/1.2.0/available_updates") == (200, [])
    assert (await get("/v1/profiles/apps/redis"))[0] == 404
    assert (await get("/v1/profiles/apps/nginx/9.9.9"))[0] == 404


@pytest.mark.parametrize("path", CATALOG_PATHS)
@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "the catalog API needs a bearer token"),
        ({"Authorization": "Basic YWxpY2U6cHc="}, "the catalog API needs a bearer token"),
        ({"Authorization": "Bearer "}, "the catalog API needs a bearer token"),
        (_bearer("forged"), "the API server did not accept the bearer token"),
    ],
)
async def test_catalog_api_needs_a_token_the_api_server_accepts(
    aiohttp_client: Any, path: str, headers: dict[str, str], message: str
) -> None:
    api = FakeReviewAPI({"admin-token": ("admin", ("system:masters",))}, {("admin", "")})
    client = await aiohttp_client(_catalog_app(api, catalog(entries=3)))
    resp = await client.get(path, headers=headers)
    assert resp.status == 401 and resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert (await resp.json())["message"].startswith(message)
    assert api.count(ACCESS_REVIEWS) == 0


async def test_catalog_api_shows_only_what_the_caller_may_list(aiohttp_client: Any) -> None:
    """alice may list catalogs in team-a only; dave nowhere; admin everywhere (one review, not one per namespace)."""
    api = FakeReviewAPI(
        {"a": ("alice", ("team-a",)), "d": ("dave", ()), "root": ("admin", ("system:masters",))},
        {("alice", "team-a"), ("admin", "")},
    )
    cats = (catalog("apps", "team-a"), catalog("apps", "team-b", entries=2), catalog("private", "team-b"))
    client = await aiohttp_client(_catalog_app(api, *cats))

    async def get(token: str, path: str) -> tuple[int, Any]:
        resp = await client.get(path, headers=_bearer(token))
        return resp.status, await resp.json()

    status, found = await get("a", "/v1/profiles")
    assert status == 200 and [(e["catalogSource"], e["namespace"]) for e in found] == [("apps", "team-a")]
    # The same catalog name in a namespace alice cannot see is not there for her: no "several namespaces" error.
    status, versions = await get("a", "/v1/profiles/apps/nginx")
    assert status == 200 and [(e["namespace"], e["version"]) for e in versions] == [("team-a", "1.0.0")]
    status, body = await get("a", "/v1/profiles/private/nginx")
    assert status == 404 and "team-b" not in body["message"]
    assert (await get("a", "/v1/profiles/private/nginx/latest"))[0] == 404
    assert (await get("a", "/v1/profiles/private/nginx/1.0.0/available_updates"))[0] == 404

    assert await get("d", "/v1/profiles") == (200, [])
    assert (await get("d", "/v1/profiles/apps/nginx"))[0] == 404

    before = api.count(ACCESS_REVIEWS)
    status, everything = await get("root", "/v1/profiles")
    assert status == 200 and {(e["catalogSource"], e["namespace"]) for e in everything} == {
        ("apps", "team-a"),
        ("apps", "team-b"),
        ("private", "team-b"),
    }
    assert api.count(ACCESS_REVIEWS) - before == 1


async def test_catalog_api_reviews_are_cached_briefly_and_bounded(aiohttp_client: Any) -> None:
    now = [1000.0]
    api = FakeReviewAPI(
        {"a": ("alice", ("team-a",)), "b": ("bob", ("team-b",)), "c": ("carol", ())}, {("alice", "team-a")}
    )
    app = _catalog_app(api, catalog("apps", "team-a"), ttl=10, max_entries=2, clock=lambda: now[0])
    client = await aiohttp_client(app)
    for _ in range(5):
        assert (await client.get("/v1/profiles", headers=_bearer("a"))).status == 200
    assert (api.count(TOKEN_REVIEWS), api.count(ACCESS_REVIEWS)) == (1, 2)  # cluster-wide, then team-a
    for _ in range(3):
        assert (await client.get("/v1/profiles", headers=_bearer("forged"))).status == 401
    assert api.count(TOKEN_REVIEWS) == 2  # a refused token is remembered too
    now[0] += 11
    assert (await client.get("/v1/profiles", headers=_bearer("a"))).status == 200
    assert (api.count(TOKEN_REVIEWS), api.count(ACCESS_REVIEWS)) == (3, 4)  # expired: asked again
    for token in ("b", "c", "a"):  # two more tokens push alice's out of a cache of two
        await client.get("/v1/profiles", headers=_bearer(token))
    assert api.count(TOKEN_REVIEWS) == 6


async def test_catalog_api_fails_closed_when_the_api_server_cannot_answer(aiohttp_client: Any) -> None:
    api = FakeReviewAPI({"a": ("alice", ())}, failure=OSError("connection refused"))
    client = await aiohttp_client(_catalog_app(api, catalog()))
    resp = await client.get("/v1/profiles", headers=_bearer("a"))
    assert resp.status == 503 and "cannot check the caller" in (await resp.json())["message"]


async def test_catalog_api_without_a_way_to_check_callers_serves_nothing(aiohttp_client: Any) -> None:
    client = await aiohttp_client(make_app(Config(), filled_cache(catalog())))
    resp = await client.get("/v1/profiles", headers=_bearer("anything"))
    assert resp.status == 503


async def test_catalog_api_never_serves_credentials_in_urls(aiohttp_client: Any) -> None:
    api = FakeReviewAPI({"root": ("admin", ())}, {("admin", "")})
    leaky = catalog(entries=2, url="https://deploy:s3cret@github.com/example/profiles")
    client = await aiohttp_client(_catalog_app(api, leaky))
    for path in CATALOG_PATHS:
        text = await (await client.get(path, headers=_bearer("root"))).text()
        assert "s3cret" not in text and "deploy" not in text and "https://github.com/example/profiles" in text


class FakeAPI:
    """Stands in for the webhook's client (AsyncKube): answers GETs of single namespaces, counting them."""

    def __init__(self, namespaces: dict[str, dict[str, str]], failure: Exception | None = None) -> None:
        self.namespaces, self.failure, self.calls = namespaces, failure, 0

    async def get(self, resource: str, name: str, namespace: str | None = None, *, timeout: float = 30) -> Any:
        self.calls += 1
        if self.failure is not None:
            raise self.failure
        assert resource == "namespaces" and namespace is None
        if name not in self.namespaces:
            return None
        return {"metadata": {"name": name, "labels": self.namespaces[name]}}


def _gold_only() -> dict[str, Any]:
    cat = catalog()
    cat["spec"]["access"] = {"namespaceSelector": {"matchLabels": {"tier": "gold"}}}
    return cat


@pytest.mark.parametrize(
    ("labels", "allowed", "rule"),
    [({"tier": "gold"}, True, None), ({"tier": "tin"}, False, "installation.access.denied")],
)
async def test_a_namespace_missing_from_the_cache_is_looked_up(
    aiohttp_client: Any, labels: dict[str, str], allowed: bool, rule: str | None
) -> None:
    """The watch has not delivered a new namespace yet: its labels are read from the API server, once."""
    cache = filled_cache(_gold_only())
    api = FakeAPI({"fresh": labels})
    cache.client = api  # type: ignore[assignment]
    client = await aiohttp_client(make_app(Config(), cache))
    for _ in range(2):
        resp = await client.post("/validate/profileinstallations", json=admission(installation(), namespace="fresh"))
        body = (await resp.json())["response"]
        assert body["allowed"] is allowed and "warnings" not in body
        assert rule is None or rule in body["status"]["message"]
    assert api.calls == 1


async def test_forbid_uncatalogued_label_of_a_namespace_missing_from_the_cache(aiohttp_client: Any) -> None:
    cache = filled_cache(catalog())
    cache.client = FakeAPI({"fresh": {"profiles.weave.works/forbid-uncatalogued": "true"}})  # type: ignore[assignment]
    client = await aiohttp_client(make_app(Config(), cache))
    doc = installation()
    doc["spec"] = {"source": {"url": "https://github.com/example/profiles", "tag": "nginx/1.0.0"}}
    resp = await client.post("/validate/profileinstallations", json=admission(doc, namespace="fresh"))
    body = (await resp.json())["response"]
    assert body["allowed"] is False and "installation.source.forbidden" in body["status"]["message"]


@pytest.mark.parametrize(
    ("failure", "why"),
    [
        (None, "namespace gone does not exist"),
        (OSError("connection refused"), "cannot reach the API server: connection refused"),
    ],
)
async def test_a_namespace_that_cannot_be_known_is_denied(
    aiohttp_client: Any, failure: Exception | None, why: str
) -> None:
    cache = filled_cache(_gold_only())
    cache.client = FakeAPI({}, failure)  # type: ignore[assignment]
    client = await aiohttp_client(make_app(Config(), cache))
    resp = await client.post("/validate/profileinstallations", json=admission(installation(), namespace="gone"))
    body = (await resp.json())["response"]
    assert body["allowed"] is False
    assert body["status"]["message"] == (
        f"metadata.namespace: namespace gone is not known to the profiles webhook ({why}); its labels decide "
        "access, so it denies rather than guess: retry in a moment [installation.namespace.unknown]"
    )


async def test_a_namespace_lookup_is_bounded_by_the_review_timeout(aiohttp_client: Any) -> None:
    import time

    class Hanging(FakeAPI):
        async def get(self, resource: str, name: str, namespace: str | None = None, *, timeout: float = 30) -> Any:
            await asyncio.sleep(30)

    cache = filled_cache(_gold_only())
    cache.client = Hanging({})  # type: ignore[assignment]
    client = await aiohttp_client(make_app(Config(), cache))
    started = time.monotonic()
    resp = await client.post(
        "/validate/profileinstallations?timeout=1s", json=admission(installation(), namespace="slow")
    )
    body = (await resp.json())["response"]
    assert time.monotonic() - started < 1.0
    assert body["allowed"] is False and "installation.namespace.unknown" in body["status"]["message"]
    assert "did not answer in time" in body["status"]["message"]


@pytest.mark.parametrize(("value", "seconds"), [("10s", 10), ("500ms", 0.5), ("1m", 30), (None, 10), ("x", 10)])
def test_parse_timeout(value: str | None, seconds: float) -> None:
    assert parse_timeout(value) == seconds


async def test_timeout_gives_a_well_formed_denial(
    aiohttp_client: Any, app: web.Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from webhook import server

    def slow(*args: Any) -> Any:
        time.sleep(0.5)
        raise AssertionError("should have timed out")

    monkeypatch.setattr(server, "review", slow)
    monkeypatch.setattr(server, "INLINE_BODY_BYTES", 0)  # the thread path, where the deadline applies
    client = await aiohttp_client(app)
    resp = await client.post("/validate/profileinstallations?timeout=300ms", json=admission(installation()))
    body = await resp.json()
    assert resp.status == 200 and body["response"]["allowed"] is False
    assert body["response"]["status"]["code"] == 504


async def test_ordinary_reviews_stay_on_the_event_loop(
    aiohttp_client: Any, app: web.Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    class Refusing(ThreadPoolExecutor):
        def submit(self, *args: Any, **kwargs: Any) -> Any:
            raise AssertionError("an ordinary review went to a thread")

    client = await aiohttp_client(app)
    asyncio.get_running_loop().set_default_executor(Refusing())
    ok = await client.post("/validate/profileinstallations", json=admission(installation("1.1.0")))
    assert ok.status == 200 and (await ok.json())["response"]["allowed"] is True


def test_flags() -> None:
    config = parse_args(
        [
            "--listen",
            "127.0.0.1:9443",
            "--catalog-admin-group",
            "a",
            "--catalog-admin-group",
            "b",
            "--default-catalog-access",
            "same-namespace",
            "--forbid-uncatalogued",
            "--no-allow-file-urls",
        ]
    )
    assert (config.host, config.port) == ("127.0.0.1", 9443)
    assert config.policy.catalog_admin_groups == ("a", "b") and config.policy.forbid_uncatalogued
    assert config.policy.default_catalog_access == "same-namespace" and not config.policy.allow_file_urls
    with pytest.raises(SystemExit):
        parse_args(["--listen", "nope"])


def _serial_of_served_cert(port: int, ca: trustme.CA) -> int:
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    with (
        socket.create_connection(("127.0.0.1", port)) as sock,
        ctx.wrap_socket(sock, server_hostname="127.0.0.1") as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    from cryptography import x509

    return int(x509.load_der_x509_certificate(der).serial_number)


async def test_tls_floor_and_certificate_reload(tmp_path: Path) -> None:
    ca = trustme.CA()
    first, second = ca.issue_cert("127.0.0.1"), ca.issue_cert("127.0.0.1")
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    first.cert_chain_pems[0].write_to_path(str(cert))
    first.private_key_pem.write_to_path(str(key))
    tls = ReloadingTLS(str(cert), str(key))
    assert tls.context.minimum_version == ssl.TLSVersion.TLSv1_2
    runner = web.AppRunner(make_app(Config(), filled_cache()))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls.context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        loop = asyncio.get_running_loop()
        serial1 = await loop.run_in_executor(None, _serial_of_served_cert, port, ca)
        import os
        import time

        second.cert_chain_pems[0].write_to_path(str(cert))
        second.private_key_pem.write_to_path(str(key))
        later = time.time() + 2
        os.utime(cert, (later, later))
        os.utime(key, (later, later))
        assert tls.reload() is True
        serial2 = await loop.run_in_executor(None, _serial_of_served_cert, port, ca)
        assert serial1 != serial2
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        with pytest.raises((ssl.SSLError, OSError)):
            await loop.run_in_executor(
                None,
                lambda: old.wrap_socket(
                    socket.create_connection(("127.0.0.1", port)), server_hostname="x"
                ).do_handshake(),
            )
    finally:
        await runner.cleanup()


def _touch(*paths: Path, ahead: float) -> None:
    import os
    import time

    later = time.time() + ahead
    for path in paths:
        os.utime(path, (later, later))


async def test_a_half_written_pair_keeps_the_old_certificate_served(tmp_path: Path) -> None:
    """Rotation writes the certificate before the key: until the key follows, the old pair must stay served."""
    ca = trustme.CA()
    first, second = ca.issue_cert("127.0.0.1"), ca.issue_cert("127.0.0.1")
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    first.cert_chain_pems[0].write_to_path(str(cert))
    first.private_key_pem.write_to_path(str(key))
    tls = ReloadingTLS(str(cert), str(key))
    runner = web.AppRunner(make_app(Config(), filled_cache()))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls.context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    loop = asyncio.get_running_loop()
    try:
        serial1 = await loop.run_in_executor(None, _serial_of_served_cert, port, ca)
        second.cert_chain_pems[0].write_to_path(str(cert))  # the new certificate, the old key still in place
        _touch(cert, ahead=2)
        with pytest.raises(ssl.SSLError):
            tls.reload()
        for _ in range(3):
            assert await loop.run_in_executor(None, _serial_of_served_cert, port, ca) == serial1
        second.private_key_pem.write_to_path(str(key))
        _touch(cert, key, ahead=4)
        assert tls.reload() is True
        from cryptography import x509

        expected = x509.load_pem_x509_certificate(second.cert_chain_pems[0].bytes()).serial_number
        assert await loop.run_in_executor(None, _serial_of_served_cert, port, ca) == expected != serial1
    finally:
        await runner.cleanup()


async def test_review_log_lines_by_level(
    aiohttp_client: Any, app: web.Application, caplog: pytest.LogCaptureFixture
) -> None:
    client = await aiohttp_client(app)

    def review_lines() -> list[Any]:
        return [r for r in caplog.records if r.name == "profiles-webhook" and r.getMessage() == "review"]

    with caplog.at_level("INFO", logger="profiles-webhook"):
        await client.post("/validate/profileinstallations", json=admission(installation("1.1.0")))
        await client.post("/validate/profileinstallations", json=admission(installation("3.0.0")))
    lines = review_lines()
    assert [r.fields["verdict"] for r in lines] == ["denied"]  # type: ignore[attr-defined]
    assert lines[0].fields["rules"] == ["installation.version.not-found"]  # type: ignore[attr-defined]
    caplog.clear()
    with caplog.at_level("DEBUG", logger="profiles-webhook"):
        await client.post("/validate/profileinstallations", json=admission(installation("1.1.0")))
    assert [r.fields["verdict"] for r in review_lines()] == ["allowed"]  # type: ignore[attr-defined]


def test_log_level_flag() -> None:
    assert parse_args([]).log_level == "info"
    assert parse_args(["--log-level", "debug"]).log_level == "debug"


async def test_shutdown_drains_in_flight_reviews(app: web.Application, monkeypatch: pytest.MonkeyPatch) -> None:
    """As serve() stops on SIGTERM: runner.cleanup() stops listening, then waits for the review in flight."""
    import time

    import aiohttp

    from webhook import server

    real_review = server.review
    entered = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow_review(*args: Any) -> Any:
        loop.call_soon_threadsafe(entered.set)
        time.sleep(0.4)
        return real_review(*args)

    monkeypatch.setattr(server, "review", slow_review)
    monkeypatch.setattr(server, "INLINE_BODY_BYTES", 0)
    runner = web.AppRunner(app, shutdown_timeout=5)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    site = web.SockSite(runner, sock)
    await site.start()
    async with aiohttp.ClientSession() as session:
        pending = asyncio.create_task(
            session.post(
                f"http://127.0.0.1:{port}/validate/profileinstallations", json=admission(installation("1.1.0"))
            )
        )
        await asyncio.wait_for(entered.wait(), 5)
        started = time.monotonic()
        await runner.cleanup()  # returns only once the in-flight review has been answered
        assert time.monotonic() - started >= 0.2
        resp = await pending
        assert resp.status == 200 and (await resp.json())["response"]["allowed"] is True
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.post(
                f"http://127.0.0.1:{port}/validate/profileinstallations", json=admission(installation("1.1.0"))
            )
