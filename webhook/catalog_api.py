"""The read-only catalog API of the original Profiles project, served from the webhook's cache.

`GET /v1/profiles?name=Q` searches; `/v1/profiles/{catalog}/{profile}` lists a profile's versions;
`.../{version}` (or `latest`) is one entry; `.../{version}/available_updates` lists newer versions, and is an
empty list, not a 404, when there are none. Entries carry the original's fields (name, description, version,
tag, url, maintainer, prerequisites, catalogSource) plus this project's (keywords, deprecated, namespace).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from kubectl_profiles.catalog import CatalogIndex, Entry
from kubectl_profiles.errors import NotFoundError, UsageError


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "name": e.name,
        "description": e.description,
        "version": e.raw_version,
        "tag": e.tag,
        "url": e.url,
        "path": e.path,
        "maintainer": e.maintainer,
        "prerequisites": list(e.prerequisites),
        "keywords": list(e.keywords),
        "deprecated": e.deprecated,
        "catalogSource": e.catalog,
        "namespace": e.namespace,
    }


def _not_found(message: str) -> web.Response:
    return web.json_response({"message": message}, status=404)


def add_catalog_routes(app: web.Application, index: Callable[[], CatalogIndex]) -> None:
    async def search(request: web.Request) -> web.Response:
        query = request.query.get("name") or None
        return web.json_response([entry_json(e) for e in index().search(query)])

    async def versions(request: web.Request) -> web.Response:
        try:
            found = index().versions(request.match_info["catalog"], request.match_info["profile"])
        except (NotFoundError, UsageError) as exc:
            return _not_found(exc.message)
        return web.json_response([entry_json(e) for e in found])

    def _entry(request: web.Request) -> Entry | web.Response:
        catalog, profile, version = (request.match_info[k] for k in ("catalog", "profile", "version"))
        try:
            if version == "latest":
                return index().resolve(catalog, profile)
            found = index().entry(catalog, profile, version)
        except (NotFoundError, UsageError) as exc:
            return _not_found(exc.message)
        return found if found is not None else _not_found(f"version {version} of {catalog}/{profile} not found")

    async def one(request: web.Request) -> web.Response:
        found = _entry(request)
        return found if isinstance(found, web.Response) else web.json_response(entry_json(found))

    async def updates(request: web.Request) -> web.Response:
        found = _entry(request)
        if isinstance(found, web.Response):
            return found
        newer = index().updates(found.catalog, found.name, found.raw_version, found.namespace)
        return web.json_response([entry_json(e) for e in newer])

    app.router.add_get("/v1/profiles", search)
    app.router.add_get("/v1/profiles/{catalog}/{profile}", versions)
    app.router.add_get("/v1/profiles/{catalog}/{profile}/{version}", one)
    app.router.add_get("/v1/profiles/{catalog}/{profile}/{version}/available_updates", updates)
