"""A work queue of object keys: deduplicated, with per-key backoff on failure, as client-go's rate-limited queue.

A key added while it waits is not queued twice; a key added while a worker holds it is queued again once the
worker is done (so no change is lost and no key is worked on by two workers at once). A failing key is retried
after 0.5 s, doubling up to `max_backoff`; success forgets its failures. Nothing retries in a hot loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class WorkQueue(Generic[K]):
    def __init__(self, *, base_backoff: float = 0.5, max_backoff: float = 60.0) -> None:
        self._queue: asyncio.Queue[K] = asyncio.Queue()
        self._waiting: set[K] = set()
        self._active: set[K] = set()
        self._again: set[K] = set()
        self._failures: dict[K, int] = {}
        self._delayed: dict[K, asyncio.TimerHandle] = {}
        self.base_backoff, self.max_backoff = base_backoff, max_backoff

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, key: K) -> None:
        if key in self._active:
            self._again.add(key)
        elif key not in self._waiting:
            self._waiting.add(key)
            self._queue.put_nowait(key)

    async def get(self) -> K:
        key = await self._queue.get()
        self._waiting.discard(key)
        self._active.add(key)
        return key

    def done(self, key: K, *, failed: bool = False) -> float | None:
        """Release `key`; on failure schedule a retry and return its delay."""
        self._active.discard(key)
        delay = None
        if failed:
            count = self._failures.get(key, 0)
            self._failures[key] = count + 1
            delay = min(self.base_backoff * 2**count, self.max_backoff)
            self.add_after(key, delay)
        else:
            self._failures.pop(key, None)
        if key in self._again:
            self._again.discard(key)
            if not failed:
                self.add(key)
        return delay

    def add_after(self, key: K, delay: float) -> None:
        old = self._delayed.pop(key, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self._delayed[key] = loop.call_later(delay, self._fire, key)

    def _fire(self, key: K) -> None:
        self._delayed.pop(key, None)
        self.add(key)

    def forget(self, key: K) -> None:
        self._failures.pop(key, None)
        handle = self._delayed.pop(key, None)
        if handle is not None:
            handle.cancel()
