"""The catalog reconciler: scans each ProfileCatalogSource's `spec.repositories` (git) and `spec.helmRepositories`
(Helm chart repositories) into `status.profiles`.

When: at once when the spec changed (its generation is not the status's `observedGeneration`), then every
`interval` (the shortest of its repositories'; default 10m), counted from `status.lastScanTime`, so that a restart
or a new leader does not rescan everything. A failed scan is retried sooner, backing off from 15 s up to the
interval.

How: the plugin's own scanner (kubectl_profiles.sources.scan_repository, as `catalog scan` uses), in a thread, with
the credentials of the repository's `secretRef` (read from the catalog's namespace when needed, never logged) and
a memo per repository URL, so that tags already read are not read again: an unchanged repository costs one
`git ls-remote`. The memo is kept on disk beside the git cache (it survives a restart) and a tag's checkout is
removed once its profile.yaml is read, so that the cache holds one small file per repository, however many tags;
every ten minutes the files of repositories that no catalog lists any more are removed, and the Helm cache is
trimmed to 256 MiB, least recently used first. Entries that the CRD schema would refuse (a profile whose name is not a DNS label, say) are left
out and reported as skipped, so that one bad tag cannot block the whole status write.

Helm repositories are read by the plugin's own reader too (kubectl_profiles.sources.helmrepo.scan_helm_repository,
as `catalog scan --helm` uses): an https:// index or an oci:// chart, with the basic-auth `username`/`password` of
the repository's `secretRef`, revalidated against an on-disk HTTP cache (ETag), so an unchanged index costs one
conditional GET. http:// and file:// repositories only with `--allow-file-urls` (local development, as the webhook).
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from controller.events import Recorder
from controller.informer import Informer, Key, key_of
from controller.installations import InstallationReconciler, now_rfc3339
from controller.metrics import Metrics
from controller.queue import WorkQueue
from controller.worker import Reconciler
from kubectl_profiles.errors import ClusterError, SourceError
from kubectl_profiles.kube import core
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.model.refs import normalise_url, without_credentials
from kubectl_profiles.schema import schema_violations
from kubectl_profiles.sources import GitCache, GitCredentials, ScanMemo, scan_repository
from kubectl_profiles.sources.helmrepo import HelmCache, HelmCredentials, scan_helm_repository
from kubectl_profiles.status import RepositoryScan, catalog_status, without_times

log = logging.getLogger("profiles-controller.catalogs")
DEFAULT_INTERVAL = 600.0
PRUNE_EVERY = 600.0
"""How often the git cache of repositories that no catalog lists any more is removed, and the Helm cache trimmed."""
HELM_CACHE_BYTES = 256 * 1024 * 1024
"""What the Helm cache may hold after a trim (indexes are up to 64 MiB each; least recently used go first)."""
_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")


def parse_interval(text: Any, default: float = DEFAULT_INTERVAL) -> float:
    """Go's duration strings as Flux writes them (`10m`, `1h30m`, `45s`); anything else is the default."""
    if not isinstance(text, str) or not text or _PART.sub("", text):
        return default
    units = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
    seconds = sum(float(n) * units[u] for n, u in _PART.findall(text))
    return max(seconds, 10.0) if seconds else default


def _parse_time(text: Any) -> float | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def schema_fit(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The entries the CRD schema accepts, and a reason for each one it would refuse."""
    good, bad = [], []
    for entry in entries:
        probe = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileCatalogSource", "spec": {"profiles": [entry]}}
        found = schema_violations("ProfileCatalogSource", probe)
        if found:
            label = entry.get("tag") or f"{entry.get('name')}@{entry.get('version')}"  # a chart version has no tag
            # The field named within the entry, not within the probe catalog that holds it.
            within = replace(found[0], field=found[0].shown_field.removeprefix("spec.profiles[0]."))
            bad.append(f"{label} ({within.message})")
        else:
            good.append(entry)
    return good, bad


class CatalogReconciler(Reconciler):
    kind = "ProfileCatalogSource"
    queue_name = "catalogs"
    not_done = "catalog %s/%s not reconciled: %s"

    def __init__(
        self,
        kube: AsyncKube,
        catalogs: Informer,
        installations: InstallationReconciler,
        recorder: Recorder,
        metrics: Metrics,
        *,
        cache_dir: Path,
        helm_cache_dir: Path | None = None,
        allow_file_urls: bool = False,
        workers: int = 2,
    ) -> None:
        self.kube, self.catalogs, self.installations = kube, catalogs, installations
        self.recorder, self.metrics, self.cache_dir, self.workers = recorder, metrics, cache_dir, workers
        self.helm_cache_dir = helm_cache_dir or cache_dir / "helm"
        self.allow_file_urls = allow_file_urls
        self.queue: WorkQueue[Key] = WorkQueue(base_backoff=15.0, max_backoff=DEFAULT_INTERVAL)
        self.memos: dict[str, ScanMemo] = {}
        self.locks: dict[str, asyncio.Lock] = {}
        self.active = False
        catalogs.handlers.append(self._on_catalog)

    def _on_catalog(self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        obj = new if new is not None else old
        if obj is None:
            return
        name = key_of(obj)[1]
        if old is None or new is None or old.get("spec") != new.get("spec") or old.get("status") != new.get("status"):
            self.installations.catalog_changed(name)  # available updates may differ
        if new is not None and self.active and self._spec_changed(new):
            self.queue.add(key_of(new))

    @staticmethod
    def _spec_changed(obj: Mapping[str, Any]) -> bool:
        status = obj.get("status") if isinstance(obj.get("status"), Mapping) else {}
        assert isinstance(status, Mapping)
        return (obj.get("metadata") or {}).get("generation") != status.get("observedGeneration") or not status.get(
            "conditions"
        )

    @staticmethod
    def repositories(obj: Mapping[str, Any], field: str) -> list[Mapping[str, Any]]:
        """`spec.repositories` (git) or `spec.helmRepositories`."""
        spec = obj.get("spec")
        found = spec.get(field) if isinstance(spec, Mapping) else None
        return [r for r in found if isinstance(r, Mapping)] if isinstance(found, list) else []

    @classmethod
    def scanned(cls, obj: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        return cls.repositories(obj, "repositories") + cls.repositories(obj, "helmRepositories")

    @classmethod
    def interval(cls, obj: Mapping[str, Any]) -> float:
        found = [parse_interval(r.get("interval")) for r in cls.scanned(obj)]
        return min(found) if found else DEFAULT_INTERVAL

    def schedule_all(self) -> None:
        """On becoming leader: each catalog when it is due, from its lastScanTime."""
        now = time.time()
        for key, obj in self.catalogs.items.items():
            status = obj.get("status") if isinstance(obj.get("status"), Mapping) else {}
            assert isinstance(status, Mapping)
            last = _parse_time(status.get("lastScanTime"))
            has_repos = bool(self.scanned(obj))
            if self._spec_changed(obj) or (has_repos and last is None):
                self.queue.add(key)
            elif has_repos and last is not None:
                self.queue.add_after(key, max(0.0, last + self.interval(obj) - now))

    # --- scanning -------------------------------------------------------------------------------------------
    async def _secret(self, namespace: str, repo: Mapping[str, Any]) -> dict[str, str] | None:
        """The decoded data of the repository's secretRef, or None when it names none."""
        ref = repo.get("secretRef")
        name = ref.get("name") if isinstance(ref, Mapping) else None
        if not isinstance(name, str) or not name:
            return None
        secret = await self.kube.get("secrets", name, namespace)
        if secret is None:
            raise SourceError(f"secret {namespace}/{name} (secretRef) not found")
        return core.secret_data(secret)

    async def _credentials(self, namespace: str, repo: Mapping[str, Any]) -> GitCredentials | None:
        data = await self._secret(namespace, repo)
        if data is None:
            return None
        return GitCredentials.from_secret(data)

    async def scan_helm(self, namespace: str, repo: Mapping[str, Any]) -> RepositoryScan:
        url = without_credentials(str(repo.get("url") or ""))
        skipped: list[str] = []
        try:
            data = await self._secret(namespace, repo)
        except (SourceError, ClusterError) as exc:
            return RepositoryScan(url, error=str(exc), helm=True)
        creds = None
        if data is not None:
            name = (repo.get("secretRef") or {}).get("name")
            try:
                creds = HelmCredentials.from_secret(data, url, f"{namespace}/{name}")
            except SourceError as exc:
                return RepositoryScan(url, error=str(exc), helm=True)
        cache = HelmCache(root=self.helm_cache_dir, allow_http=self.allow_file_urls)
        lock = self.locks.setdefault(f"helm:{url}", asyncio.Lock())
        async with lock:
            started = time.perf_counter()
            try:
                entries = await asyncio.to_thread(
                    scan_helm_repository, str(repo.get("url") or ""), creds, cache, skipped.append
                )
            except SourceError as exc:
                self.metrics.scans.labels("failed").inc()
                error = exc.reason if exc.hint is None else f"{exc.reason}; {exc.hint}"
                return RepositoryScan(url, error=error, helm=True)
            finally:
                self.metrics.scan_seconds.observe(time.perf_counter() - started)
        self.metrics.scans.labels("ok").inc()
        good, refused = schema_fit(entries)
        return RepositoryScan(url, tuple(good), skipped=tuple(skipped + refused), helm=True)

    async def scan_one(self, namespace: str, repo: Mapping[str, Any]) -> RepositoryScan:
        url = str(repo.get("url") or "")
        skipped: list[str] = []
        try:
            creds = await self._credentials(namespace, repo)
        except (SourceError, ClusterError) as exc:
            return RepositoryScan(url, error=str(exc))
        cache = GitCache(root=self.cache_dir, credentials={normalise_url(url): creds} if creds else {})
        lock = self.locks.setdefault(url, asyncio.Lock())
        async with lock:
            if url not in self.memos:  # after a restart: what the last run read, without its checkouts
                self.memos[url] = await asyncio.to_thread(cache.load_scan_memo, url)
            memo = self.memos[url]
            before = dict(memo)
            started = time.perf_counter()
            try:
                entries = await asyncio.to_thread(
                    scan_repository,
                    url,
                    cache,
                    skipped=lambda tag, why: skipped.append(f"{tag}: {why}"),
                    memo=memo,
                    keep_checkouts=False,
                )
                if memo != before:
                    await asyncio.to_thread(cache.save_scan_memo, url, memo)
            except SourceError as exc:
                self.metrics.scans.labels("failed").inc()
                return RepositoryScan(url, error=exc.reason)  # the status shows it beside the URL
            finally:
                self.metrics.scan_seconds.observe(time.perf_counter() - started)
        self.metrics.scans.labels("ok").inc()
        good, refused = schema_fit(entries)
        return RepositoryScan(url, tuple(good), skipped=tuple(skipped + refused))

    async def reconcile(self, key: Key) -> str:
        obj = self.catalogs.items.get(key)
        if obj is None:
            return "gone"
        repos = self.scanned(obj)
        scans = [await self.scan_one(key[0], r) for r in self.repositories(obj, "repositories")]
        scans += [await self.scan_helm(key[0], r) for r in self.repositories(obj, "helmRepositories")]
        new = catalog_status(obj, scans, now=now_rfc3339())
        obj = self.catalogs.items.get(key) or obj  # the freshest copy for the write's resourceVersion
        old = obj.get("status") if isinstance(obj.get("status"), Mapping) else {}
        assert isinstance(old, Mapping)
        if repos and all(s.error is None for s in scans):
            self.queue.add_after(key, self.interval(obj))  # a failed scan is retried by the queue's backoff
        if not repos and without_times(old) == without_times(new):
            return "unchanged"
        if not repos:
            new.pop("lastScanTime", None)
        patch: dict[str, Any] = dict(new)
        patch.setdefault("lastScanTime", None)
        meta = obj.get("metadata") or {}
        written = await self.kube.patch_status(
            "profilecatalogsources", key[1], key[0], patch, resource_version=str(meta.get("resourceVersion") or "")
        )
        self.catalogs.put(written)
        self.metrics.status_writes.labels("ProfileCatalogSource").inc()
        before = next((c for c in old.get("conditions") or [] if c.get("type") == "Ready"), None)
        after = new["conditions"][0]
        if before is None or before.get("status") != after["status"]:
            event_type: Literal["Normal", "Warning"] = "Warning" if after["status"] == "False" else "Normal"
            await self.recorder.emit(obj, event_type, after["reason"], after["message"])
        return "written" if all(s.error is None for s in scans) else "failed"

    # --- what is kept on disk --------------------------------------------------------------------------------
    async def prune(self) -> int:
        """Drop what is kept (memo, lock, cache directory) for git repositories that no catalog lists any more;
        a repository being scanned is kept until the next time. Returns how many directories were removed."""
        live = {
            str(r.get("url") or "")
            for obj in self.catalogs.items.values()
            for r in self.repositories(obj, "repositories")
        }
        busy = {url for url, lock in self.locks.items() if lock.locked()}
        for url in [u for u in self.locks if u not in live and u not in busy]:
            self.memos.pop(url, None)
            del self.locks[url]
        keep = {GitCache.repository_key(url) for url in live | busy}
        retired = GitCache(root=self.cache_dir).retire_except(keep)
        if retired:
            await asyncio.to_thread(_remove_all, retired)
            log.info("removed the git cache of %d repositories no catalog lists", len(retired))
        trimmed = await asyncio.to_thread(HelmCache(root=self.helm_cache_dir).trim, HELM_CACHE_BYTES)
        if trimmed:
            log.info("removed %d least recently used Helm index and chart files", trimmed)
        return len(retired)

    async def pruner(self, every: float = PRUNE_EVERY) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self.prune()
            except OSError as exc:  # a full or read-only disk must not stop the controller
                log.warning("pruning the git cache failed: %s", exc)

    def start(self) -> list[asyncio.Task[None]]:
        return [*super().start(), asyncio.create_task(self.pruner(), name="catalogs-prune")]


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
