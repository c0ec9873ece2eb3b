"""The aiohttp adapter: HTTPS endpoints over the pure review, the catalog API, health, readiness and metrics.

- TLS 1.2 or newer. The certificate and key are re-read when their files change (polled): new handshakes use the
  new pair once it loads whole (until then, the old one), open connections are not dropped.
- Bodies over `max_body_bytes` get 413; a body that is not JSON, or not an AdmissionReview, gets 400.
- The API server's `?timeout=` is honoured: a large review (over 64 KiB, where the time goes) runs in a thread
  and is answered with a denial if it cannot finish in time, less a margin for the trip back. Ordinary reviews
  take about a tenth of a millisecond and run on the event loop.
- On SIGTERM the listener closes and in-flight reviews are drained (aiohttp's graceful shutdown).
- Logs: one line per denied or failed review (at `--log-level=debug`, allowed ones too) with uid, kind, name,
  verdict, rule ids and latency; never values or tokens.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
import time
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from kubectl_profiles.kube.core import go_duration
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from webhook.cache import Cache
from webhook.callers import CallerReviews
from webhook.catalog_api import add_catalog_routes
from webhook.config import Config
from webhook.metrics import Metrics
from webhook.review import Outcome, namespace_unknown, response, review

log = logging.getLogger("profiles-webhook")
CACHE_KEY = web.AppKey("cache", Cache)
METRICS_KEY = web.AppKey("metrics", Metrics)
CONFIG_KEY = web.AppKey("config", Config)
TIMEOUT_MARGIN = 0.2
INLINE_BODY_BYTES = 64 * 1024
"""Bodies up to this size are reviewed on the event loop; larger ones in a thread, bounded by `?timeout=`."""
DEFAULT_TIMEOUT = 10.0


def parse_timeout(value: str | None) -> float:
    """The API server's `?timeout=` (a Go duration: `10s`, `500ms`), within bounds; the default for anything else."""
    try:
        seconds = go_duration(value or "")
    except ValueError:
        return DEFAULT_TIMEOUT
    return min(max(seconds, 0.05), 30.0)


def _timeout_response(uid: str) -> dict[str, Any]:
    return {
        "apiVersion": "admission.k8s.io/v1",
        "kind": "AdmissionReview",
        "response": {
            "uid": uid,
            "allowed": False,
            "status": {
                "code": 504,
                "reason": "Timeout",
                "message": "the profiles webhook could not finish in time; retry",
            },
        },
    }


def _record(app: web.Application, outcome: Outcome, elapsed: float) -> None:
    metrics = app[METRICS_KEY]
    verdict = "error" if outcome.internal_error else ("allowed" if outcome.allowed else "denied")
    metrics.review(outcome.kind, outcome.operation, verdict).inc()
    metrics.latency.observe(elapsed)
    for v in outcome.violations:
        metrics.violation(v.rule, v.severity).inc()
    # Allowed reviews are the bulk and are counted in the metrics; their lines are debug, so that the default
    # level keeps what an operator looks for (denials, failures) without a write per request.
    level = logging.DEBUG if verdict == "allowed" else logging.INFO
    if not log.isEnabledFor(level):
        return
    log.log(
        level,
        "review",
        extra={
            "fields": {
                "uid": outcome.uid,
                "kind": outcome.kind,
                "operation": outcome.operation,
                "name": outcome.name,
                "verdict": verdict,
                "rules": sorted({v.rule for v in outcome.violations}),
                "ms": round(elapsed * 1000, 3),
            }
        },
    )


def answer(raw: bytes, expected: str, cache: Cache, policy: Policy) -> tuple[int, dict[str, Any], Outcome | None]:
    """The handler's whole decision for one request body, without the socket: (status, JSON body, outcome)."""
    try:
        body = orjson.loads(raw)  # strict RFC 8259: no NaN or Infinity, no lone surrogates, 1,024 levels at most
    except (ValueError, UnicodeDecodeError, RecursionError):
        return 400, {"error": "malformed AdmissionReview: the body is not JSON"}, None

    def facts_for(user: UserInfo, pol: Policy) -> Facts:
        return cache.facts(user, pol)

    status, reply, outcome = review(body, facts_for, policy)
    if outcome is not None and str(body["request"]["resource"]["resource"]) != expected:
        resource = body["request"]["resource"]["resource"]
        return 400, {"error": f"malformed AdmissionReview: {resource} sent to the {expected} endpoint"}, None
    return status, reply, outcome


def _uid(raw: bytes) -> str:
    try:
        return str(orjson.loads(raw)["request"]["uid"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return ""


async def _answer_within(
    raw: bytes, expected: str, cache: Cache, policy: Policy, deadline: float
) -> tuple[int, dict[str, Any], Outcome | None] | None:
    """`answer`, on the event loop for ordinary bodies, in a thread bounded by the deadline for large ones.

    None when a large review did not finish in time."""
    if len(raw) <= INLINE_BODY_BYTES:
        # A thread hop costs more than the review itself (about a tenth of a millisecond) at this size.
        return answer(raw, expected, cache, policy)
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(
            loop.run_in_executor(None, answer, raw, expected, cache, policy), timeout=max(deadline, 0.01)
        )
    except TimeoutError:
        return None


async def handle_review(request: web.Request) -> web.Response:
    app = request.app
    started = time.perf_counter()
    metrics = app[METRICS_KEY]
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        metrics.malformed.labels("too-large").inc()
        return web.json_response({"error": "request body too large"}, status=413)
    cache, config = app[CACHE_KEY], app[CONFIG_KEY]
    expected = request.match_info["resource"]
    deadline = started + parse_timeout(request.query.get("timeout")) - TIMEOUT_MARGIN
    result = await _answer_within(raw, expected, cache, config.policy, deadline - time.perf_counter())
    first = result[2] if result is not None else None
    if first is not None and first.unknown_namespace:
        # The one fact a review may fetch: a namespace created a moment ago, which the watch has not delivered.
        namespace = first.unknown_namespace
        problem = await cache.lookup_namespace(namespace, timeout=max(deadline - time.perf_counter(), 0.01))
        if problem is None:
            result = await _answer_within(raw, expected, cache, config.policy, deadline - time.perf_counter())
        else:
            denied = namespace_unknown(first, namespace, problem)
            result = (200, response(denied), denied)
    if result is None:
        uid = _uid(raw)
        log.warning("review timed out", extra={"fields": {"uid": uid}})
        return web.json_response(_timeout_response(uid))
    status, reply, outcome = result
    if outcome is None:
        metrics.malformed.labels("malformed").inc()
        return web.json_response(reply, status=status)
    _record(app, outcome, time.perf_counter() - started)
    return web.Response(body=orjson.dumps(reply), status=status, content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def readyz(request: web.Request) -> web.Response:
    cache = request.app[CACHE_KEY]
    if cache.ready:
        return web.Response(text="ok")
    pending = sorted(name for name, event in cache.synced.items() if not event.is_set()) or ["starting"]
    return web.Response(status=503, text="waiting for: " + ", ".join(pending))


async def metrics_handler(request: web.Request) -> web.Response:
    app = request.app
    metrics, cache = app[METRICS_KEY], app[CACHE_KEY]
    for resource, size in cache.sizes().items():
        metrics.cache_objects.labels(resource).set(size)
    metrics.catalog_entries.set(len(cache.index))
    return web.Response(body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def make_app(config: Config, cache: Cache | None = None, callers: CallerReviews | None = None) -> web.Application:
    """The application; without `callers` (no API server to ask) the catalog API serves nobody."""
    # client_max_size makes aiohttp refuse larger bodies with 413 before they are buffered.
    app = web.Application(client_max_size=config.max_body_bytes)
    app[CACHE_KEY] = cache or Cache()
    app[METRICS_KEY] = Metrics()
    app[CONFIG_KEY] = config
    app.router.add_post("/validate/{resource:profilecatalogsources|profileinstallations}", handle_review)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_handler)
    add_catalog_routes(app, lambda: app[CACHE_KEY].index, callers)
    return app


class ReloadingTLS:
    """A served SSLContext (TLS >= 1.2) whose certificate and key are reloaded when their files change.

    The pair is loaded into a fresh context and swapped in only once it loaded whole: a rotation that writes the
    certificate before the key leaves the old pair served until the key follows. The listening socket keeps the
    context it was started with (`context`); its SNI callback, which OpenSSL calls on every handshake (with or
    without a server name), points the connection at the current pair.
    """

    def __init__(self, cert: str, key: str) -> None:
        self.cert, self.key = Path(cert), Path(key)
        self._stamp: tuple[float, float] | None = None
        self.current = self._load()
        self._stamp = self._mtimes()
        self.context = self._new_context()
        self.context.load_cert_chain(str(self.cert), str(self.key))
        self.context.sni_callback = self._select

    @staticmethod
    def _new_context() -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20")
        return context

    def _load(self) -> ssl.SSLContext:
        """A new context holding the pair on disk; raises (ssl.SSLError, OSError) when they do not load or match."""
        context = self._new_context()
        context.load_cert_chain(str(self.cert), str(self.key))
        return context

    def _select(self, connection: ssl.SSLObject | ssl.SSLSocket, server_name: str | None, _: ssl.SSLContext) -> None:
        connection.context = self.current

    def _mtimes(self) -> tuple[float, float]:
        return (os.stat(self.cert).st_mtime, os.stat(self.key).st_mtime)

    def reload(self) -> bool:
        """True when a new pair is now served; False when the files did not change; raises when they do not load."""
        stamp = self._mtimes()
        if stamp == self._stamp:
            return False
        self.current = self._load()
        self._stamp = stamp
        return True

    async def watch(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                if self.reload():
                    log.info("reloaded the serving certificate")
            except (OSError, ssl.SSLError) as exc:
                # A half-written pair (certificate renewed before its key): the old pair is still served.
                log.warning("could not reload the serving certificate yet: %s", exc)
