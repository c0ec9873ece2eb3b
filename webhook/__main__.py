"""`profiles-webhook`: start the HTTPS server, feed its caches, and drain on SIGTERM."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from aiohttp import web

from kubectl_profiles import kubeconfig
from kubectl_profiles.errors import ClusterError
from kubectl_profiles.kube.aio import AsyncKube
from webhook.cache import Cache
from webhook.callers import CallerReviews
from webhook.config import Config, parse_args
from webhook.server import ReloadingTLS, make_app

log = logging.getLogger("profiles-webhook")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        doc.update(getattr(record, "fields", {}))
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{k}={v}" for k, v in getattr(record, "fields", {}).items())
        base = f"{self.formatTime(record)} {record.levelname} {record.getMessage()} {fields}".rstrip()
        return base + ("\n" + self.formatException(record.exc_info) if record.exc_info else "")


def setup_logging(fmt: str, level: str = "info") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper()))
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


def warm_up() -> None:
    """Compile the CRD schemas and import the rules now, so that the first review is as fast as the rest."""
    from kubectl_profiles import rules
    from kubectl_profiles.model.facts import Facts

    probe = {"apiVersion": "weave.works/v1alpha1", "metadata": {"name": "warm-up"}, "spec": {}}
    for kind in rules.KINDS:
        rules.check_document({**probe, "kind": kind}, Facts())


def settle_heap() -> None:
    """Once the caches are filled: move what is loaded so far out of the cyclic collector's way.

    The catalogs are long-lived and large (tens of thousands of objects for a big catalog); a full collection walks
    them all and pauses every review meanwhile. Frozen objects are still freed by reference counting when a
    watch event replaces them.
    """
    gc.collect()
    gc.freeze()


async def serve(config: Config) -> None:
    started = time.monotonic()
    warm_up()
    client = AsyncKube(kubeconfig.load(config.kubeconfig), field_manager="profiles-webhook")
    cache = Cache()
    app = make_app(config, cache, CallerReviews(client.post))
    tasks = cache.start(client)
    tls = None
    if config.tls_cert_file and config.tls_private_key_file:
        tls = ReloadingTLS(config.tls_cert_file, config.tls_private_key_file)
        tasks.append(asyncio.create_task(tls.watch(config.cert_reload_seconds)))
    else:
        log.warning("serving plain HTTP: give --tls-cert-file and --tls-private-key-file in a cluster")
    runner = web.AppRunner(app, shutdown_timeout=config.shutdown_timeout, access_log=None)
    await runner.setup()
    site = web.TCPSite(
        runner, config.host, config.port, ssl_context=tls.context if tls else None, backlog=256, reuse_address=True
    )
    await site.start()
    log.info("listening", extra={"fields": {"address": f"{config.host}:{config.port}", "tls": bool(tls)}})

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    async def announce_ready() -> None:
        while not cache.ready:
            await asyncio.sleep(0.02)
        settle_heap()
        log.info("ready", extra={"fields": {"seconds": round(time.monotonic() - started, 3), **cache.sizes()}})

    tasks.append(asyncio.create_task(announce_ready()))
    await stop.wait()
    log.info("shutting down: draining in-flight reviews")
    # runner.cleanup() stops listening first, then waits up to shutdown_timeout for in-flight handlers.
    await runner.cleanup()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await client.close()
    log.info("stopped")


class ServiceConfig(Protocol):
    @property
    def log_format(self) -> str: ...
    @property
    def log_level(self) -> str: ...


ServiceConfigT = TypeVar("ServiceConfigT", bound=ServiceConfig)


def run_service(
    config: ServiceConfigT, serve_config: Callable[[ServiceConfigT], Coroutine[Any, Any, None]], logger: logging.Logger
) -> int:
    """A server's whole life from its parsed flags (the webhook's and the controller's): logging, then serving until
    SIGTERM; a cluster or socket error at start is one log line and exit code 1."""
    setup_logging(config.log_format, config.log_level)
    try:
        asyncio.run(serve_config(config))
    except (ClusterError, OSError) as exc:
        logger.error("cannot start: %s", exc)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_service(parse_args(argv), serve, log)


if __name__ == "__main__":
    sys.exit(main())
