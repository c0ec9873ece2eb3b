"""Searching catalogs and resolving versions over catalog entries. Pure: callers bring the objects.

A catalog is a ProfileCatalogSource object (its `metadata.name` is the catalog name used in references); its
entries are `spec.profiles[]` and, read alike, `status.profiles[]` (what the controller discovered by scanning the
catalog's repositories); a discovered entry that repeats a written one (same name and version) is not counted twice.
An entry's version is its `version`, or the one its `tag` names (`entry_version`); its tag defaults to
`<name>/<version>` and its path to the tag's prefix, or `.`. The index is tolerant: it skips entries it cannot read
(the rules report those), so that one bad entry does not hide a whole catalog from `list`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kubectl_profiles.errors import NotFoundError, UsageError
from kubectl_profiles.model.entry import Entry
from kubectl_profiles.model.refs import default_tag, path_from_tag, repo_key, version_from_tag
from kubectl_profiles.model.semver import is_semver, parse_range, parse_version

if TYPE_CHECKING:
    from kubectl_profiles.model.semver import Version

__all__ = ["CatalogIndex", "Entry", "entry_from_dict", "entry_version"]


def entry_version(raw: Mapping[str, Any]) -> str | None:
    """The version an entry stands for, as written: its `version`, else the one its `tag` names (the original's
    later catalogs list `tag: nginx/v1.0.0` only). None when neither gives a semantic version."""
    version = raw.get("version")
    if type(version) is str:
        return version if is_semver(version) else None
    tag = raw.get("tag")
    return version_from_tag(tag) if type(tag) is str else None


def entry_from_dict(raw: Mapping[str, Any], catalog: str, namespace: str, index: int) -> Entry | None:
    """One `spec.profiles[]` item as an Entry, or None when name or version is unusable."""
    name, version = raw.get("name"), entry_version(raw)
    if not isinstance(name, str) or version is None:
        return None
    raw_tag, raw_path = raw.get("tag"), raw.get("path")
    tag: str = raw_tag if isinstance(raw_tag, str) and raw_tag else default_tag(name, version)
    path: str = raw_path if isinstance(raw_path, str) and raw_path else path_from_tag(tag)
    raw_keywords, raw_prereqs = raw.get("keywords"), raw.get("prerequisites")
    keywords: list[Any] = raw_keywords if isinstance(raw_keywords, list) else []
    prereqs: list[Any] = raw_prereqs if isinstance(raw_prereqs, list) else []
    schema = raw.get("valuesSchema")
    chart = raw.get("chart")
    links = raw.get("links")
    return Entry(
        catalog=catalog,
        namespace=namespace,
        name=name,
        version=parse_version(version),
        raw_version=version,
        tag=tag,
        url=str(raw.get("url") or ""),
        path=path,
        description=str(raw.get("description") or ""),
        keywords=tuple(str(k) for k in keywords),
        maintainer=str(raw.get("maintainer") or ""),
        prerequisites=tuple(str(p) for p in prereqs),
        deprecated=str(raw.get("deprecated") or ""),
        values_schema=schema if isinstance(schema, Mapping) else None,
        index=index,
        raw=raw,
        category=str(raw.get("category") or ""),
        layer=str(raw.get("layer") or ""),
        links=tuple(
            {"name": str(link.get("name") or link["url"]), "url": str(link["url"])}
            for link in (links if isinstance(links, list) else ())
            if isinstance(link, Mapping) and link.get("url")
        ),
        chart=chart if isinstance(chart, Mapping) and chart.get("url") and chart.get("name") else None,
    )


def _name_version(raw: Any) -> tuple[str, str] | None:
    if not isinstance(raw, Mapping):
        return None
    version = raw.get("version")
    return (str(raw.get("name")), version.removeprefix("v")) if isinstance(version, str) else None


def _meta(obj: Mapping[str, Any]) -> tuple[str, str]:
    meta = obj.get("metadata")
    meta = meta if type(meta) is dict or isinstance(meta, Mapping) else {}
    return str(meta.get("name") or ""), str(meta.get("namespace") or "default")


class CatalogIndex:
    """All entries of a set of ProfileCatalogSources, indexed by (catalog, profile).

    Adding a source only groups its raw entries by profile name; Entry objects are built, checked and sorted the
    first time a profile is asked for, so that validating a thousand installations against a large catalog pays
    for the profiles they name, not for the whole catalog.
    """

    def __init__(self, sources: Iterable[Mapping[str, Any]] = ()) -> None:
        self.sources: list[Mapping[str, Any]] = []
        self._by_name: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        self._by_name_ns: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        self._raw: dict[tuple[str, str, str], list[tuple[int, Mapping[str, Any]]]] = defaultdict(list)
        self._built: dict[tuple[str, str, str], list[Entry]] = {}
        self._by_repo: dict[str, list[Mapping[str, Any]]] | None = None
        for source in sources:
            self.add(source)

    def add(self, source: Mapping[str, Any]) -> None:
        name, namespace = _meta(source)
        self.sources.append(source)
        self._by_name[name].append(source)
        self._by_name_ns[(name, namespace)].append(source)
        self._by_repo = None
        spec = source.get("spec")
        profiles = spec.get("profiles") if isinstance(spec, Mapping) else None
        if isinstance(profiles, list):
            self._add_entries(namespace, name, profiles)
        status = source.get("status")
        discovered = status.get("profiles") if isinstance(status, Mapping) else None
        if isinstance(discovered, list) and discovered:
            written = {_name_version(raw) for raw in profiles} - {None} if isinstance(profiles, list) else set()
            self._add_entries(namespace, name, [raw for raw in discovered if _name_version(raw) not in written])

    def _add_entries(self, namespace: str, name: str, profiles: list[Any]) -> None:
        raw_index, built = self._raw, self._built
        for i, raw in enumerate(profiles):
            if type(raw) is not dict and not isinstance(raw, Mapping):
                continue
            profile = raw.get("name")
            if type(profile) is str:
                key = (namespace, name, profile)
                raw_index[key].append((i, raw))
                if built:
                    built.pop(key, None)

    def _entries_of(self, key: tuple[str, str, str]) -> list[Entry]:
        """The usable entries under one (namespace, catalog, profile), newest first; built once."""
        built = self._built.get(key)
        if built is None:
            namespace, catalog, _ = key
            found = (entry_from_dict(raw, catalog, namespace, i) for i, raw in self._raw.get(key, ()))
            built = sorted((e for e in found if e is not None), key=lambda e: e.version, reverse=True)
            self._built[key] = built
        return built

    def _all_entries(self) -> Iterator[tuple[tuple[str, str, str], list[Entry]]]:
        for key in list(self._raw):
            entries = self._entries_of(key)
            if entries:
                yield key, entries

    def __len__(self) -> int:
        """How many usable entries (a name and a semantic version), counted without building them."""
        return sum(1 for raws in self._raw.values() for _, raw in raws if entry_version(raw) is not None)

    # --- catalogs -----------------------------------------------------------------------------------------
    def catalog_sources(self, catalog: str, namespace: str | None = None) -> list[Mapping[str, Any]]:
        if namespace is None:
            return list(self._by_name.get(catalog, ()))
        return list(self._by_name_ns.get((catalog, namespace), ()))

    def catalog_namespace(self, catalog: str, namespace: str | None = None) -> str:
        """The namespace of the one catalog source called `catalog`; errors when none or several."""
        found = self._by_name.get(catalog, []) if namespace is None else self.catalog_sources(catalog, namespace)
        if len(found) == 1:
            return _meta(found[0])[1]
        if not found:
            where = f" in namespace {namespace!r}" if namespace else ""
            raise NotFoundError(
                f"catalog {catalog!r} not found{where}",
                hint="run 'kubectl profiles catalog list -A' to see the catalogs",
            )
        namespaces = sorted({_meta(s)[1] for s in found})
        if len(namespaces) > 1:
            raise UsageError(
                f"catalog {catalog!r} exists in several namespaces ({', '.join(namespaces)})",
                hint="name the catalog's namespace (spec.catalog.namespace or --catalog-namespace)",
            )
        return namespaces[0]

    def sources_listing(self, url: str) -> list[Mapping[str, Any]]:
        """The catalog sources whose entries or scanned repositories name the repository at `url` (any spelling)."""
        if self._by_repo is None:
            by_repo: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
            for source in self.sources:
                spec = source.get("spec")
                spec = spec if isinstance(spec, Mapping) else {}
                urls = set()
                for key in ("profiles", "repositories"):
                    items = spec.get(key)
                    for item in items if isinstance(items, list) else ():
                        found = item.get("url") if isinstance(item, Mapping) else None
                        if isinstance(found, str) and found:
                            urls.add(repo_key(found))
                for key in urls:
                    by_repo[key].append(source)
            self._by_repo = dict(by_repo)
        return list(self._by_repo.get(repo_key(url), ()))

    def namespaces(self, catalog: str | None = None) -> set[str]:
        """The namespaces holding catalog sources (those called `catalog`, when given)."""
        sources = self.sources if catalog is None else self._by_name.get(catalog, ())
        return {_meta(s)[1] for s in sources}

    def restricted(self, namespaces: Collection[str]) -> CatalogIndex:
        """An index over the sources in these namespaces only: what a reader who may see just those is shown."""
        return CatalogIndex(s for s in self.sources if _meta(s)[1] in namespaces)

    # --- entries ------------------------------------------------------------------------------------------
    def versions(self, catalog: str, profile: str, namespace: str | None = None) -> list[Entry]:
        """Every entry of a profile, newest first. Raises NotFoundError naming what is missing."""
        ns = self.catalog_namespace(catalog, namespace)
        found = self._entries_of((ns, catalog, profile)) if (ns, catalog, profile) in self._raw else None
        if not found:
            raise NotFoundError(
                f"profile {profile!r} not found in catalog {catalog!r}",
                hint=f"run 'kubectl profiles list --catalog {catalog}' to see its profiles",
            )
        return list(found)

    def entry(self, catalog: str, profile: str, version: str, namespace: str | None = None) -> Entry | None:
        """The entry at an exact version (`v` prefix ignored), or None."""
        try:
            wanted = parse_version(version)
        except UsageError:
            return None
        for e in self.versions(catalog, profile, namespace):
            if e.version == wanted:
                return e
        return None

    def resolve(
        self, catalog: str, profile: str, spec: str | None = None, *, namespace: str | None = None, devel: bool = False
    ) -> Entry:
        """The entry to install: an exact version, or the highest one a range (or None: any) admits."""
        entries = self.versions(catalog, profile, namespace)
        if spec and is_semver(spec):
            wanted = parse_version(spec)
            for e in entries:
                if e.version == wanted:
                    return e
            raise NotFoundError(
                f"version {spec} of {catalog}/{profile} not found",
                hint="available: " + ", ".join(e.raw_version for e in entries[:10]),
            )
        rng = parse_range(spec or "*")
        best = rng.best((e.version for e in entries), devel=devel)
        if best is None:
            devel_hint = "" if devel else "; add --devel to consider prereleases"
            raise NotFoundError(
                f"no version of {catalog}/{profile} matches {rng.text!r}",
                hint="available: " + ", ".join(e.raw_version for e in entries[:10]) + devel_hint,
            )
        return next(e for e in entries if e.version == best)

    def latest(self, catalog: str, profile: str, namespace: str | None = None, *, devel: bool = False) -> Entry | None:
        try:
            return self.resolve(catalog, profile, None, namespace=namespace, devel=devel)
        except (NotFoundError, UsageError):
            return None

    def updates(
        self, catalog: str, profile: str, version: str, namespace: str | None = None, *, devel: bool = False
    ) -> list[Entry]:
        """Entries newer than `version`, newest first; empty (not an error) when there are none."""
        current = parse_version(version)
        return [
            e
            for e in self.versions(catalog, profile, namespace)
            if e.version > current and (devel or not e.version.prerelease)
        ]

    def search(
        self, query: str | None = None, *, catalog: str | None = None, all_versions: bool = False
    ) -> list[Entry]:
        """Entries matching `query` (name, description, keywords, category; case-insensitive), sorted by catalog and name.

        Without `all_versions`, one row per profile: its latest release (or latest prerelease if it has no release).
        """
        out: list[Entry] = []
        for (_, cat, _), entries in self._all_entries():
            if catalog is not None and cat != catalog:
                continue
            chosen: Sequence[Entry] = entries
            if not all_versions:
                releases = [e for e in entries if not e.version.prerelease]
                chosen = [(releases or entries)[0]]
            out.extend(e for e in chosen if query is None or e.matches(query))
        out.sort(key=lambda e: (e.catalog, e.name, e.namespace, tuple(-x for x in _vkey(e.version))))
        return out


def _vkey(v: Version) -> tuple[int, int, int]:
    return (v.major, v.minor, v.patch)
