"""`profiles-controller`: informers, two reconcilers, leader election, and /healthz, /readyz, /metrics.

Every replica runs the informers (so a new leader starts with warm caches and takes over within the lease
duration); only the leader runs the work queues' workers' writes. On SIGTERM a leader gives its Lease up.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from pathlib import Path

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from controller.catalogs import CatalogReconciler
from controller.config import Config, parse_args
from controller.events import Recorder
from controller.informer import Informer
from controller.installations import InstallationReconciler
from controller.leader import ElectionConfig, LeaderElector
from controller.metrics import Metrics
from kubectl_profiles import kubeconfig
from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.model.flux import FLUX_KINDS
from kubectl_profiles.model.labels import INSTALLATION_LABEL
from kubectl_profiles.sources import default_cache_root
from kubectl_profiles.sources.helmrepo import default_cache_root as helm_cache_root
from kubectl_profiles.status import observed_part
from webhook.__main__ import run_service, settle_heap

log = logging.getLogger("profiles-controller")


class Controller:
    def __init__(self, config: Config, kube: AsyncKube) -> None:
        self.config, self.kube = config, kube
        self.metrics = Metrics()
        self.installations = Informer("profileinstallations")
        self.catalogs = Informer("profilecatalogsources")
        # Only the objects labelled by the plugin; a Flux kind the cluster does not serve counts as empty. Of each,
        # only what its readiness is read from is kept: 1,000 HelmReleases with their values are megabytes.
        self.flux = [
            Informer(flux.plural, label_selector=INSTALLATION_LABEL, optional=True, transform=observed_part)
            for flux in FLUX_KINDS
        ]
        self._index: CatalogIndex | None = None
        self._activation: asyncio.Task[None] | None = None
        self.catalogs.handlers.append(lambda old, new: self._drop_index())
        recorder = Recorder(kube)
        self.installation_reconciler = InstallationReconciler(
            kube,
            self.installations,
            self.flux,
            self.index,
            recorder,
            self.metrics,
            workers=config.installation_workers,
        )
        self.catalog_reconciler = CatalogReconciler(
            kube,
            self.catalogs,
            self.installation_reconciler,
            recorder,
            self.metrics,
            cache_dir=Path(config.cache_dir) if config.cache_dir else default_cache_root(),
            helm_cache_dir=Path(config.cache_dir) / "helm" if config.cache_dir else helm_cache_root(),
            allow_file_urls=config.allow_file_urls,
            workers=config.scan_workers,
        )
        self.elector = LeaderElector(
            kube,
            ElectionConfig(
                namespace=config.lease_namespace,
                name=config.lease_name,
                identity=config.identity,
                lease_duration=config.lease_duration,
                renew_deadline=config.renew_deadline,
                retry_period=config.retry_period,
            ),
            on_change=self.leading_changed,
        )

    def _drop_index(self) -> None:
        self._index = None

    def index(self) -> CatalogIndex:
        """Every catalog, rebuilt lazily on the first read after a change (a burst of changes costs one build)."""
        if self._index is None:
            self._index = CatalogIndex(self.catalogs.items.values())
        return self._index

    @property
    def informers(self) -> list[Informer]:
        return [self.installations, self.catalogs, *self.flux]

    @property
    def ready(self) -> bool:
        return all(i.synced.is_set() for i in self.informers)

    async def leading_changed(self, leading: bool) -> None:
        self.metrics.leader.set(1 if leading else 0)
        if self._activation is not None:
            self._activation.cancel()
            self._activation = None
        if leading:
            self._activation = asyncio.create_task(self._activate(), name="activate")
        else:
            self.installation_reconciler.active = False
            self.catalog_reconciler.active = False

    async def _activate(self) -> None:
        # Writing starts only once the caches are filled: status must reflect what was observed. This runs apart
        # from the election loop, which keeps renewing the Lease meanwhile.
        while not self.ready:
            await asyncio.sleep(0.05)
        self.installation_reconciler.active = True
        self.catalog_reconciler.active = True
        count = self.installation_reconciler.resync()
        self.catalog_reconciler.schedule_all()
        log.info("leading: resyncing", extra={"fields": {"installations": count}})

    async def resync_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.resync_seconds)
            if self.installation_reconciler.active:
                self.installation_reconciler.resync()
            for informer in self.informers:
                self.metrics.watched.labels(informer.name).set(len(informer.items))

    def start(self) -> list[asyncio.Task[None]]:
        tasks = [asyncio.create_task(i.run(self.kube), name=f"watch-{i.name}") for i in self.informers]
        tasks += self.installation_reconciler.start()
        tasks += self.catalog_reconciler.start()
        tasks.append(asyncio.create_task(self.elector.run(), name="leader-election"))
        tasks.append(asyncio.create_task(self.resync_loop(), name="resync"))
        return tasks


def make_app(controller: Controller) -> web.Application:
    async def healthz(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def readyz(_: web.Request) -> web.Response:
        if controller.ready:
            return web.Response(text="ok")
        waiting = [i.name for i in controller.informers if not i.synced.is_set()]
        return web.Response(status=503, text="waiting for " + ", ".join(waiting))

    async def metrics(_: web.Request) -> web.Response:
        for informer in controller.informers:
            controller.metrics.watched.labels(informer.name).set(len(informer.items))
        body = generate_latest(controller.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def leader(_: web.Request) -> web.Response:
        return web.json_response(
            {
                "identity": controller.config.identity,
                "leading": controller.elector.leading,
                "holder": controller.elector.holder,
            }
        )

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/leader", leader)
    return app


async def serve(config: Config) -> None:
    started = time.monotonic()
    client = AsyncKube(kubeconfig.load(config.kubeconfig), field_manager="profiles-controller")
    controller = Controller(config, client)
    runner = web.AppRunner(make_app(controller), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, reuse_address=True)
    await site.start()
    log.info(
        "listening",
        extra={"fields": {"address": f"{config.host}:{config.port}", "identity": config.identity}},
    )
    tasks = controller.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    async def announce_ready() -> None:
        while not controller.ready:
            await asyncio.sleep(0.05)
        settle_heap()
        sizes = {i.name: len(i.items) for i in controller.informers}
        log.info("ready", extra={"fields": {"seconds": round(time.monotonic() - started, 3), **sizes}})

    tasks.append(asyncio.create_task(announce_ready()))
    await stop.wait()
    log.info("shutting down")
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await controller.elector.release()
    await runner.cleanup()
    await client.close()
    log.info("stopped")


def main(argv: list[str] | None = None) -> int:
    return run_service(parse_args(argv), serve, log)


if __name__ == "__main__":
    sys.exit(main())
