"""Who may read the catalog API (SPEC §3): the API server says, so that nobody sees more than `kubectl get` shows.

A caller sends a bearer token; a TokenReview (authentication.k8s.io/v1) turns it into a user, or refuses it. A
catalog's entries are shown to that user only where a SubjectAccessReview (authorization.k8s.io/v1) allows `list`
on profilecatalogsources (group weave.works) in the catalog's namespace, which is what `kubectl get pcs -n NS`
needs. One review without a namespace first: a user who may list catalogs everywhere costs one review, not one per
namespace.

Answers are kept for `ttl` seconds in LRU maps of at most `max_entries` each, so that a client polling the API
costs the API server a few reviews per `ttl`, not a few per request; a refused token is remembered too, so
retrying it does not reach the API server either. Tokens are keyed by their SHA-256 and never kept. At most
`concurrency` reviews are in flight at once: the watches share the client's connections. When the API server
cannot answer, the caller gets nothing (the API answers 503): failing closed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kubectl_profiles.errors import ClusterError

log = logging.getLogger("profiles-webhook.callers")

TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews"  # noqa: S105 - an API path, not a secret
ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews"
MAX_TOKEN_BYTES = 16 * 1024
"""Longer than any token a Kubernetes authenticator issues: refused without asking the API server."""

Post = Callable[[str, Mapping[str, Any]], Awaitable[Mapping[str, Any]]]
K = TypeVar("K")
V = TypeVar("V")


class Unavailable(Exception):
    """The API server could not review the caller now."""


@dataclass(frozen=True, slots=True)
class Caller:
    """A user as TokenReview reports it: what a SubjectAccessReview needs to ask about them."""

    username: str
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()


class ExpiringLRU(Generic[K, V]):
    """A map of at most `max_entries`, least recently used first out, whose entries expire after `ttl` seconds."""

    def __init__(self, ttl: float, max_entries: int, clock: Callable[[], float]) -> None:
        self.ttl, self.max_entries, self.clock = ttl, max_entries, clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> tuple[bool, V | None]:
        found = self._items.get(key)
        if found is None:
            return False, None
        if found[0] <= self.clock():
            del self._items[key]
            return False, None
        self._items.move_to_end(key)
        return True, found[1]

    def put(self, key: K, value: V) -> None:
        self._items[key] = (self.clock() + self.ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def _caller(user: Mapping[str, Any]) -> Caller:
    extra = user.get("extra") or {}
    return Caller(
        username=str(user.get("username") or ""),
        uid=str(user.get("uid") or ""),
        groups=tuple(str(g) for g in user.get("groups") or ()),
        extra=tuple(sorted((str(k), tuple(str(v) for v in vs or ())) for k, vs in extra.items())),
    )


class CallerReviews:
    def __init__(
        self,
        post: Post,
        *,
        ttl: float = 10.0,
        max_entries: int = 4096,
        concurrency: int = 4,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._post = post
        self._tokens: ExpiringLRU[bytes, Caller | None] = ExpiringLRU(ttl, max_entries, clock)
        self._access: ExpiringLRU[tuple[Caller, str], bool] = ExpiringLRU(ttl, max_entries, clock)
        self._slots = asyncio.Semaphore(concurrency)

    async def _review(self, path: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        async with self._slots:
            try:
                return await self._post(path, body)
            except ClusterError as exc:  # the webhook's own identity may lack the right to create reviews
                log.warning("cannot review a catalog API caller: %s", exc)
                raise Unavailable(str(exc)) from exc
            except (TimeoutError, OSError, ValueError) as exc:
                log.warning("cannot reach the API server to review a catalog API caller: %s", exc)
                raise Unavailable(str(exc) or type(exc).__name__) from exc

    async def authenticate(self, token: str) -> Caller | None:
        """The user the API server knows by this token; None when it refuses the token."""
        if len(token) > MAX_TOKEN_BYTES:
            return None
        key = hashlib.sha256(token.encode()).digest()
        known, caller = self._tokens.get(key)
        if known:
            return caller
        body = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}}
        status = (await self._review(TOKEN_REVIEWS, body)).get("status") or {}
        caller = _caller(status.get("user") or {}) if status.get("authenticated") is True else None
        if caller is not None and not caller.username:
            caller = None
        self._tokens.put(key, caller)
        return caller

    async def may_list(self, caller: Caller, namespace: str) -> bool:
        """May the caller list catalog sources in this namespace ("" is: in every namespace)?"""
        known, allowed = self._access.get((caller, namespace))
        if known:
            return bool(allowed)
        attributes = {"verb": "list", "group": "weave.works", "resource": "profilecatalogsources"}
        if namespace:
            attributes["namespace"] = namespace
        body = {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SubjectAccessReview",
            "spec": {
                "user": caller.username,
                "uid": caller.uid,
                "groups": list(caller.groups),
                "extra": {k: list(v) for k, v in caller.extra},
                "resourceAttributes": attributes,
            },
        }
        status = (await self._review(ACCESS_REVIEWS, body)).get("status") or {}
        allowed = status.get("allowed") is True
        self._access.put((caller, namespace), allowed)
        return allowed

    async def visible(self, caller: Caller, namespaces: Iterable[str]) -> frozenset[str]:
        """Those of `namespaces` whose catalogs the caller may list."""
        wanted = sorted(set(namespaces))
        if not wanted or await self.may_list(caller, ""):
            return frozenset(wanted)
        allowed = await asyncio.gather(*(self.may_list(caller, ns) for ns in wanted))
        return frozenset(ns for ns, ok in zip(wanted, allowed, strict=True) if ok)
