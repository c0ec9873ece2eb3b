"""The rules engine: pure functions from (document, facts) to violations.

The webhook, `kubectl profiles validate` and `install`'s pre-checks call these same functions, so a user meets the
same rule id and message wherever a rule fires. No I/O here: cluster facts arrive as `Facts`, and nested profiles
are read through a `Resolver` the caller supplies.

Public API (stable; other layers import only these names):
    check_document(doc, facts, *, old=None, operation="CREATE", resolver=None) -> list[Violation]
        dispatch on apiVersion/kind; unknown kinds -> [] (callers count them as skipped; see `is_known_kind`)
    check_catalog_source(doc, facts, *, old=None) -> list[Violation]
    check_installation(doc, facts, *, old=None) -> list[Violation]
    check_installation_delete(old, facts) -> list[Violation]
    check_definition(doc, *, resolver=None, max_depth=10) -> list[Violation]
    check_subscription(doc, facts) -> list[Violation]   (the original's ProfileSubscription, as an installation)
    check_crd(doc) -> list[Violation]   (the project's own CRDs, which `validate` meets in a repository)
    check_prerequisites(prereqs, namespace, facts, *, path) -> list[Violation]
    access_allows(catalog_source, namespace, facts) -> bool
    revoked_installations(old_source, new_source, facts) -> list[Mapping]   (installations that lose access)
    is_known_kind(doc) -> bool
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.refs import Resolver, SourceRef
from kubectl_profiles.model.subscription import to_installation
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.rules.access import access_allows, describe_access, revoked_installations
from kubectl_profiles.rules.catalog_source import check_catalog_source as _check_catalog_rules
from kubectl_profiles.rules.crd import CRD_KIND, check_crd, is_own_crd
from kubectl_profiles.rules.definition import check_definition as _check_definition_rules
from kubectl_profiles.rules.installation import (
    check_installation as _check_installation_rules,
)
from kubectl_profiles.rules.installation import check_installation_delete, dependents, resolve_entry
from kubectl_profiles.rules.prerequisites import check_prerequisites
from kubectl_profiles.rules.subscription import form_violations as _subscription_form
from kubectl_profiles.rules.subscription import moved as _moved
from kubectl_profiles.schema import schema_violations

GROUP = "weave.works"
KINDS = ("ProfileCatalogSource", "ProfileInstallation", "ProfileDefinition", "ProfileSubscription")
PROFILE_GROUPS = frozenset({"weave.works", "packages.weave.works", "packages.weave.works.io", "profiles.fluxcd.io"})
"""Groups the original published `kind: Profile` (profile.yaml) under, at any version (`profilesv1` included);
`packages.weave.works.io` is how pctl's own files spelt the second."""

__all__ = [
    "CRD_KIND",
    "KINDS",
    "Resolver",
    "access_allows",
    "check_catalog_source",
    "check_crd",
    "check_definition",
    "check_document",
    "check_installation",
    "check_installation_delete",
    "check_prerequisites",
    "check_subscription",
    "dependents",
    "describe_access",
    "is_known_kind",
    "kind_of",
    "resolve_entry",
    "revoked_installations",
]


def kind_of(doc: Mapping[str, Any]) -> str | None:
    """The project kind a document is, by apiVersion group and kind; the original's `Profile` reads as a definition
    and its ProfileSubscription as an installation (checked by `check_subscription`). The project's own CRDs (by
    spec.group, whatever their apiVersion) are CRD_KIND."""
    kind, api_version = doc.get("kind"), doc.get("apiVersion")
    if kind == CRD_KIND:
        return CRD_KIND if is_own_crd(doc) else None
    if not isinstance(kind, str) or not isinstance(api_version, str):
        return None
    group = api_version.rpartition("/")[0]
    if kind in KINDS and group == GROUP:
        return kind
    if kind == "Profile" and group in PROFILE_GROUPS:
        return "ProfileDefinition"
    return None


def is_known_kind(doc: Mapping[str, Any]) -> bool:
    return kind_of(doc) is not None


def _merge(schema: list[Violation], rules: list[Violation]) -> list[Violation]:
    """Schema errors first, minus those at a path where a rule already says the same thing more precisely."""
    ruled = {v.path for v in rules if v.is_error}
    return [v for v in schema if v.path not in ruled] + rules


def check_catalog_source(
    doc: Mapping[str, Any], facts: Facts, *, old: Mapping[str, Any] | None = None
) -> list[Violation]:
    return _merge(schema_violations("ProfileCatalogSource", doc), _check_catalog_rules(doc, facts, old=old))


def check_installation(
    doc: Mapping[str, Any], facts: Facts, *, old: Mapping[str, Any] | None = None
) -> list[Violation]:
    schema = schema_violations("ProfileInstallation", doc)
    if any(v.path.startswith(("$.spec.catalog", "$.spec.source")) for v in schema):
        # A malformed reference cannot be looked up; the schema's message is the useful one.
        return schema + [
            v
            for v in _check_installation_rules(doc, facts, old=old)
            if v.rule in ("installation.source.exactly-one", "installation.version.semver")
        ]
    return _merge(schema, _check_installation_rules(doc, facts, old=old))


def check_subscription(doc: Mapping[str, Any], facts: Facts) -> list[Violation]:
    """A ProfileSubscription, by the installation rules on what it stands for, reported at its own fields."""
    form = _subscription_form(doc)
    if any(v.is_error for v in form):
        return form
    conversion = to_installation(doc)
    return form + _moved(check_installation(conversion.installation, facts), conversion.paths)


def check_definition(
    doc: Mapping[str, Any], *, resolver: Resolver | None = None, max_depth: int = 10, source: SourceRef | None = None
) -> list[Violation]:
    if doc.get("kind") != "Profile":
        schema = schema_violations("ProfileDefinition", doc)
    elif isinstance(doc.get("spec"), Mapping):  # the v0.0.5 kind, read as a definition
        schema = schema_violations("ProfileDefinition", {**doc, "kind": "ProfileDefinition"})
    else:
        schema = []
    return _merge(schema, _check_definition_rules(doc, resolver=resolver, max_depth=max_depth, source=source))


def check_document(
    doc: Mapping[str, Any],
    facts: Facts,
    *,
    old: Mapping[str, Any] | None = None,
    operation: str = "CREATE",
    resolver: Resolver | None = None,
    source: SourceRef | None = None,
    kind: str | None = None,
) -> list[Violation]:
    """Every violation of one document; [] for kinds this project does not own. `kind`: kind_of(doc), if known."""
    kind = kind or kind_of(doc)
    if kind == "ProfileCatalogSource":
        return [] if operation == "DELETE" else check_catalog_source(doc, facts, old=old)
    if kind == "ProfileInstallation":
        if operation == "DELETE":
            return check_installation_delete(old if old is not None else doc, facts)
        return check_installation(doc, facts, old=old)
    if kind == "ProfileDefinition":
        return check_definition(doc, resolver=resolver, max_depth=facts.policy.max_depth, source=source)
    if kind == "ProfileSubscription":
        return [] if operation == "DELETE" else check_subscription(doc, facts)
    if kind == CRD_KIND:
        return [] if operation == "DELETE" or not is_own_crd(doc) else check_crd(doc)
    return []
