"""The read-only catalog API of the original Profiles project, served from the webhook's cache.

`GET /v1/profiles?name=Q` searches; `/v1/profiles/{catalog}/{profile}` lists a profile's versions;
`.../{version}` (or `latest`) is one entry; `.../{version}/available_updates` lists newer versions, and is an
empty list, not a 404, when there are none. Entries carry the original's fields (name, description, version,
tag, url, maintainer, prerequisites, catalogSource) plus this project's (keywords, deprecated, namespace).

Every request needs `Authorization: Bearer TOKEN` with a token the API server accepts (401 otherwise), and sees
only the catalogs in namespaces where its user may `list` profilecatalogsources (see `callers.py`): a catalog it
may not see answers 404, as one that does not exist. Each answer is computed over an index restricted to the
visible namespaces, so that nothing hidden leaks through a message (a catalog name in "several namespaces", say).
Credentials embedded in URLs are never served.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from kubectl_profiles.catalog import CatalogIndex, Entry
from kubectl_profiles.errors import NotFoundError, UsageError
from kubectl_profiles.model.refs import without_credentials
from webhook.callers import CallerReviews, Unavailable

Handler = Callable[[web.Request, CatalogIndex], Awaitable[web.Response]]
MAX_VIEWS = 32
"""Restricted indexes kept per catalog generation: one per distinct set of visible namespaces."""


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "name": e.name,
        "description": e.description,
        "version": e.raw_version,
        "tag": e.tag,
        "url": without_credentials(e.url),
        "path": e.path,
        "maintainer": e.maintainer,
        "prerequisites": list(e.prerequisites),
        "keywords": list(e.keywords),
        "deprecated": e.deprecated,
        "catalogSource": e.catalog,
        "namespace": e.namespace,
    }


def _message(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"message": message}, status=status, headers=headers or None)


def _not_found(message: str) -> web.Response:
    return _message(404, message)


def _unauthorized(message: str) -> web.Response:
    return _message(401, message, **{"WWW-Authenticate": 'Bearer realm="profiles-webhook"'})


def _bearer_token(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


class _Views:
    """Indexes restricted to sets of namespaces, rebuilt when the cache's index is replaced."""

    def __init__(self) -> None:
        self._of: CatalogIndex | None = None
        self._views: OrderedDict[frozenset[str], CatalogIndex] = OrderedDict()

    def restricted(self, full: CatalogIndex, visible: frozenset[str]) -> CatalogIndex:
        if full is not self._of:
            self._of, self._views = full, OrderedDict()
        view = self._views.get(visible)
        if view is None:
            view = full.restricted(visible)
            self._views[visible] = view
            if len(self._views) > MAX_VIEWS:
                self._views.popitem(last=False)
        self._views.move_to_end(visible)
        return view


def add_catalog_routes(
    app: web.Application, index: Callable[[], CatalogIndex], callers: CallerReviews | None = None
) -> None:
    views = _Views()

    def guarded(handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
        """Authenticate the caller, then answer over the catalogs they may list (those named in the path only)."""

        async def run(request: web.Request) -> web.Response:
            if callers is None:
                return _message(503, "the catalog API cannot check callers: the webhook has no API server client")
            token = _bearer_token(request)
            if token is None:
                return _unauthorized(
                    "the catalog API needs a bearer token that the API server accepts: "
                    "send 'Authorization: Bearer TOKEN'"
                )
            full = index()
            # The search reads every catalog; the other endpoints read only the one named in the path.
            wanted = full.namespaces(request.match_info.get("catalog"))
            try:
                caller = await callers.authenticate(token)
                if caller is None:
                    return _unauthorized("the API server did not accept the bearer token")
                visible = await callers.visible(caller, wanted)
            except Unavailable:
                return _message(503, "cannot check the caller with the API server right now; retry")
            scoped = full if visible == wanted else views.restricted(full, visible)
            return await handler(request, scoped)

        return run

    async def search(request: web.Request, scoped: CatalogIndex) -> web.Response:
        query = request.query.get("name") or None
        return web.json_response([entry_json(e) for e in scoped.search(query)])

    async def versions(request: web.Request, scoped: CatalogIndex) -> web.Response:
        try:
            found = scoped.versions(request.match_info["catalog"], request.match_info["profile"])
        except (NotFoundError, UsageError) as exc:
            return _not_found(exc.message)
        return web.json_response([entry_json(e) for e in found])

    def _entry(request: web.Request, scoped: CatalogIndex) -> Entry | web.Response:
        catalog, profile, version = (request.match_info[k] for k in ("catalog", "profile", "version"))
        try:
            if version == "latest":
                return scoped.resolve(catalog, profile)
            found = scoped.entry(catalog, profile, version)
        except (NotFoundError, UsageError) as exc:
            return _not_found(exc.message)
        return found if found is not None else _not_found(f"version {version} of {catalog}/{profile} not found")

    async def one(request: web.Request, scoped: CatalogIndex) -> web.Response:
        found = _entry(request, scoped)
        return found if isinstance(found, web.Response) else web.json_response(entry_json(found))

    async def updates(request: web.Request, scoped: CatalogIndex) -> web.Response:
        found = _entry(request, scoped)
        if isinstance(found, web.Response):
            return found
        newer = scoped.updates(found.catalog, found.name, found.raw_version, found.namespace)
        return web.json_response([entry_json(e) for e in newer])

    app.router.add_get("/v1/profiles", guarded(search))
    app.router.add_get("/v1/profiles/{catalog}/{profile}", guarded(versions))
    app.router.add_get("/v1/profiles/{catalog}/{profile}/{version}", guarded(one))
    app.router.add_get("/v1/profiles/{catalog}/{profile}/{version}/available_updates", guarded(updates))
