"""Facts about the cluster and the request that the rules need, passed in as data.

The webhook fills these from its watch-fed caches, `validate` from the files it was given (and flags that stand in
for cluster facts), and `install` from one list call per kind. A field left `None` means "unknown here": rules that
need it are skipped for that check rather than guessing, except where the docstring says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from kubectl_profiles.model.entry import Entry
from kubectl_profiles.model.labels import FORBID_UNCATALOGUED_LABEL

CatalogAccessDefault = Literal["all", "same-namespace"]


@dataclass(frozen=True, slots=True)
class UserInfo:
    """The requesting identity (AdmissionReview `userInfo`, or `--user/--group` for validate)."""

    username: str = ""
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """Webhook-wide options (SPEC §1.5, §3)."""

    default_catalog_access: CatalogAccessDefault = "all"
    """Access for a catalog without `spec.access`: every namespace, or only the catalog's own namespace."""
    forbid_uncatalogued: bool = False
    """Refuse `spec.source` installations everywhere."""
    forbid_uncatalogued_label: str = FORBID_UNCATALOGUED_LABEL
    """A namespace with this label set to "true" refuses `spec.source` installations."""
    catalog_admin_groups: tuple[str, ...] = ()
    """When non-empty, only users in these groups may create or change catalog sources."""
    allow_file_urls: bool = True
    """`file://` profile URLs are for local development; a production webhook may refuse them."""
    max_depth: int = 10
    """Depth limit for nested profiles."""


class CatalogLookup(Protocol):
    """What the rules ask of a catalog index. kubectl_profiles.catalog.CatalogIndex is the one implementation; it
    sits above the model in the layers, so the model names it by what it answers."""

    def catalog_sources(self, catalog: str, namespace: str | None = None) -> list[Mapping[str, Any]]: ...

    def catalog_namespace(self, catalog: str, namespace: str | None = None) -> str: ...

    def sources_listing(self, url: str) -> list[Mapping[str, Any]]: ...

    def versions(self, catalog: str, profile: str, namespace: str | None = None) -> list[Entry]: ...


@dataclass(frozen=True)
class Facts:
    catalogs: Sequence[Mapping[str, Any]] = ()
    """ProfileCatalogSource objects the installation is checked against (the whole cluster's, or the files')."""
    installations: Sequence[Mapping[str, Any]] = ()
    """Existing ProfileInstallation objects (for `profile NAME` prerequisites, revocation and delete checks)."""
    namespace_labels: Mapping[str, Mapping[str, str]] | None = None
    """Labels of each namespace by name; None when unknown (namespaceSelector rules then cannot match)."""
    terminating_namespaces: frozenset[str] | None = None
    """Namespaces being deleted (a deletionTimestamp, or phase Terminating); None when unknown."""
    server_version: str | None = None
    """The API server's version, e.g. "1.20.2"; None when unknown (kubernetes prerequisites become warnings)."""
    served_apis: frozenset[str] | None = None
    """Served kinds as "group/version/Kind" ("v1/ConfigMap" for the core group); None when unknown."""
    user: UserInfo = field(default_factory=UserInfo)
    policy: Policy = field(default_factory=Policy)
    allow_downgrade: bool = False
    """Set when the request carries the downgrade opt-in (annotation or CLI flag)."""
    index: CatalogLookup | None = None
    """A prebuilt `kubectl_profiles.catalog.CatalogIndex` over `catalogs` (the webhook keeps one warm); the rules
    build one when this is None."""
