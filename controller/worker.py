"""The loop each reconciler's workers run: take a key, reconcile it, record the outcome, back off on failure.

The outcome is a metric label (`written`, `unchanged`, `gone`, `failed`, `conflict`, `error`...). A Conflict (the
object moved on; the watch brings the new one), a reconcile that says `failed`, a cluster error and a bug are
retried with the queue's backoff, so that nothing retries in a hot loop; a bug is logged with its traceback and
never stops the worker. While this replica does not lead, keys are taken and dropped: the new leader reconciles
everything it owns when it takes over.
"""

from __future__ import annotations

import asyncio
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import ClassVar

from controller.informer import Key
from controller.metrics import Metrics
from controller.queue import WorkQueue
from kubectl_profiles.errors import ClusterError, Conflict, NotFound

log = logging.getLogger("profiles-controller.worker")


async def work(
    queue: WorkQueue[Key],
    reconcile: Callable[[Key], Awaitable[str]],
    *,
    active: Callable[[], bool],
    metrics: Metrics,
    kind: str,
    queue_name: str,
    not_done: str,
) -> None:
    """Forever (until cancelled). `kind` labels the metrics, `queue_name` the queue-depth gauge; `not_done` is the
    log line for a cluster error, with the key's namespace, name and the error (`"... %s/%s ...: %s"`)."""
    while True:
        key = await queue.get()
        if not active():
            queue.done(key)
            metrics.queue_depth.labels(queue_name).set(len(queue))
            continue
        started = time.perf_counter()
        failed = False
        try:
            result = await reconcile(key)
            failed = result == "failed"
        except Conflict:
            result, failed = "conflict", True
        except NotFound:
            result = "gone"
        except (ClusterError, TimeoutError) as exc:
            result, failed = "error", True
            log.warning(not_done, *key, exc)
        except Exception:  # a bug in one object's reconcile (logged with its traceback) must not stop the worker
            result, failed = "error", True
            log.exception("reconciling %s %s/%s failed", kind, *key)
        finally:
            delay = queue.done(key, failed=failed)
            metrics.queue_depth.labels(queue_name).set(len(queue))
        metrics.reconciles.labels(kind, result).inc()
        metrics.reconcile_seconds.labels(kind).observe(time.perf_counter() - started)
        if delay is not None:
            log.debug("retrying %s %s/%s in %.1fs", kind, *key, delay)


class Reconciler(ABC):
    """What both reconcilers share: a work queue, `workers` workers running `work`, and leadership (`active`)."""

    kind: ClassVar[str]
    """The kind reconciled, as the metrics label it."""
    queue_name: ClassVar[str]
    not_done: ClassVar[str]
    queue: WorkQueue[Key]
    metrics: Metrics
    workers: int
    active: bool

    @abstractmethod
    async def reconcile(self, key: Key) -> str: ...

    async def worker(self) -> None:
        await work(
            self.queue,
            self.reconcile,
            active=lambda: self.active,
            metrics=self.metrics,
            kind=self.kind,
            queue_name=self.queue_name,
            not_done=self.not_done,
        )

    def start(self) -> list[asyncio.Task[None]]:
        return [asyncio.create_task(self.worker(), name=f"{self.queue_name}-{i}") for i in range(self.workers)]
