"""Rules for ProfileInstallation objects (SPEC §1.2, §1.4, §1.5): form, catalog, access, prerequisites, values,
downgrades, and deletion while other installations depend on one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.errors import NotFoundError, UsageError
from kubectl_profiles.model.entry import Entry
from kubectl_profiles.model.facts import CatalogLookup, Facts
from kubectl_profiles.model.labels import ALLOW_DOWNGRADE, FORCE_DELETE
from kubectl_profiles.model.semver import is_semver, parse_version
from kubectl_profiles.model.violation import WARNING, Violation
from kubectl_profiles.rules import access as access_rules
from kubectl_profiles.rules import prerequisites
from kubectl_profiles.rules._common import check_rel_path, check_url, mapping, meta, text, valid_ref_name
from kubectl_profiles.rules.values import values_violations


def index_for(facts: Facts) -> CatalogLookup:
    return facts.index if facts.index is not None else CatalogIndex(facts.catalogs)


def _annotation(doc: Mapping[str, Any], key: str) -> bool:
    return text(mapping(mapping(doc.get("metadata")).get("annotations")).get(key)).lower() == "true"


def resolve_entry(doc: Mapping[str, Any], facts: Facts) -> tuple[Entry | None, list[Violation]]:
    """The catalog entry an installation names, or the violations saying why there is none."""
    cat = mapping(mapping(doc.get("spec")).get("catalog"))
    catalog, profile, version = text(cat.get("catalog")), text(cat.get("profile")), text(cat.get("version"))
    ns = text(cat.get("namespace")) or None
    if not (catalog and profile and version):
        return None, []  # the schema reports missing fields
    if not is_semver(version):
        return None, [
            Violation(
                "$.spec.catalog.version",
                "installation.version.semver",
                problem=f"{version!r} is not an exact version",
                fix="write one such as 1.2.3 (ranges are resolved by 'kubectl profiles install', not stored)",
            )
        ]
    index = index_for(facts)
    try:
        index.catalog_namespace(catalog, ns)
    except NotFoundError:
        where = f" in namespace {ns}" if ns else ""
        return None, [
            Violation(
                "$.spec.catalog.catalog",
                "installation.catalog.not-found",
                problem=f"catalog {catalog!r} not found{where}",
                fix="check the name with 'kubectl profiles catalog list -A'",
            )
        ]
    except UsageError as exc:
        return None, [
            Violation(
                "$.spec.catalog.namespace",
                "installation.catalog.ambiguous",
                problem=exc.message,
                fix="set spec.catalog.namespace",
            )
        ]
    try:
        entries = index.versions(catalog, profile, ns)
    except NotFoundError:
        return None, [
            Violation(
                "$.spec.catalog.profile",
                "installation.profile.not-found",
                problem=f"catalog {catalog!r} has no profile {profile!r}",
                fix=f"see 'kubectl profiles list --catalog {catalog}'",
            )
        ]
    wanted = parse_version(version)
    for entry in entries:
        if entry.version == wanted:
            return entry, []
    available = ", ".join(e.raw_version for e in entries[:8])
    return None, [
        Violation(
            "$.spec.catalog.version",
            "installation.version.not-found",
            problem=f"{catalog}/{profile} has no version {version}",
            fix=f"available: {available}",
        )
    ]


def _source_violations(source: Mapping[str, Any], facts: Facts) -> list[Violation]:
    out = check_url(source.get("url"), "$.spec.source.url", "installation.source.url", facts.policy)
    tag, branch = source.get("tag"), source.get("branch")
    if bool(tag) == bool(branch):
        out.append(
            Violation(
                "$.spec.source",
                "installation.source.ref",
                problem="has both a tag and a branch" if tag else "has neither a tag nor a branch",
                fix="give exactly one: a tag pins a version, a branch follows its newest commit",
            )
        )
    for key, value in (("tag", tag), ("branch", branch)):
        if isinstance(value, str) and value and not valid_ref_name(value):
            out.append(
                Violation(
                    f"$.spec.source.{key}",
                    "installation.source.ref",
                    problem=f"{value!r} is not a valid git {key} name",
                )
            )
    out += check_rel_path(source.get("path"), "$.spec.source.path", "installation.source.path")
    return out


def _source_access(url: str, namespace: str, facts: Facts) -> list[Violation]:
    """A repository that catalogs list obeys their access rules when installed by URL (SPEC §3): allowed where one
    of them grants access, so that `spec.source` is no way around a catalog's `spec.access`."""
    listing = index_for(facts).sources_listing(url) if url else []
    if not listing:
        return []
    decisions = [access_rules.decide(s, namespace, facts) for s in listing]
    if "allow" in decisions:
        return []
    names = ", ".join(f"{meta(s)[1]}/{meta(s)[0]}" for s in listing[:5])
    if "unknown" in decisions:
        return [
            Violation(
                "$.spec.source.url",
                "installation.access.unknown",
                problem=f"access to {url} (listed by catalog {names}) depends on namespace {namespace}'s labels, "
                "which are not known here",
                severity=WARNING,
                field="",  # a warning about the namespace, not the field
            )
        ]
    who = facts.user.username or "the requester"
    grants = "; ".join(
        f"{meta(s)[0]}: {access_rules.describe_access(s, facts.policy.default_catalog_access)}" for s in listing[:5]
    )
    return [
        Violation(
            "$.spec.source.url",
            "installation.source.access.denied",
            problem=f"{url} is a repository of access-restricted catalogs ({names}) and none grants "
            f"namespace {namespace} or {who}'s groups (they grant: {grants})",
            fix="ask a catalog's owners to grant access",
        )
    ]


def check_installation(
    doc: Mapping[str, Any], facts: Facts, *, old: Mapping[str, Any] | None = None
) -> list[Violation]:
    spec = mapping(doc.get("spec"))
    _, namespace = meta(doc)
    has_catalog, has_source = spec.get("catalog") is not None, spec.get("source") is not None
    if has_catalog == has_source:
        found = "both" if has_catalog else "neither"
        return [
            Violation(
                "$.spec",
                "installation.source.exactly-one",
                problem="give exactly one of spec.catalog (a catalog entry) and spec.source (a git "
                f"repository), found {found}",
            )
        ]
    if has_source:
        source = mapping(spec.get("source"))
        out = _source_violations(source, facts)
        out += _source_access(text(source.get("url")), namespace, facts)
        labels = (facts.namespace_labels or {}).get(namespace, {})
        if facts.policy.forbid_uncatalogued or labels.get(facts.policy.forbid_uncatalogued_label) == "true":
            out.append(
                Violation(
                    "$.spec.source",
                    "installation.source.forbidden",
                    problem=f"installing profiles that no catalog lists is forbidden in namespace {namespace}",
                    fix="install from a catalog with spec.catalog",
                )
            )
        return out
    entry, out = resolve_entry(doc, facts)
    if entry is None:
        return out
    source = index_for(facts).catalog_sources(entry.catalog, entry.namespace)[0]
    decision = access_rules.decide(source, namespace, facts)
    if decision != "allow":
        grants = access_rules.describe_access(source, facts.policy.default_catalog_access)
        who = facts.user.username or "the requester"
        if decision == "deny":
            out.append(
                Violation(
                    "$.spec.catalog.catalog",
                    "installation.access.denied",
                    problem=f"catalog {entry.catalog!r} does not grant namespace {namespace} or "
                    f"{who}'s groups (it grants: {grants})",
                    fix="ask the catalog's owners to grant access",
                )
            )
        else:
            out.append(
                Violation(
                    "$.spec.catalog.catalog",
                    "installation.access.unknown",
                    problem=f"access to catalog {entry.catalog!r} depends on namespace {namespace}'s labels, "
                    "which are not known here",
                    severity=WARNING,
                    field="",  # a warning about the namespace, not the field
                )
            )
    if entry.deprecated:
        out.append(
            Violation(
                "$.spec.catalog.version",
                "installation.entry.deprecated",
                problem=f"{entry.ref} {entry.raw_version} is deprecated: {entry.deprecated}",
                severity=WARNING,
                field="",  # the sentence names the entry itself
            )
        )
    out += prerequisites.check_prerequisites(entry.prerequisites, namespace, facts, path="$.spec.catalog")
    if entry.values_schema is not None:
        out += values_violations(
            spec.get("values"), entry.values_schema, "$.spec.values", f"{entry.ref} {entry.raw_version}"
        )
    if old is not None:
        out += _downgrade(old, doc, facts)
    return out


def _downgrade(old: Mapping[str, Any], new: Mapping[str, Any], facts: Facts) -> list[Violation]:
    before = text(mapping(mapping(old.get("spec")).get("catalog")).get("version"))
    after = text(mapping(mapping(new.get("spec")).get("catalog")).get("version"))
    if not (is_semver(before) and is_semver(after)) or parse_version(after) >= parse_version(before):
        return []
    if facts.allow_downgrade or _annotation(new, ALLOW_DOWNGRADE):
        return []
    return [
        Violation(
            "$.spec.catalog.version",
            "installation.downgrade",
            problem=f"{after} is older than the installed {before}",
            fix=f'downgrades are refused unless annotated {ALLOW_DOWNGRADE}: "true" '
            "(kubectl profiles upgrade --allow-downgrade)",
        )
    ]


def _satisfies(inst: Mapping[str, Any], p: prerequisites.Prerequisite) -> bool:
    """Does installation `inst` meet the `profile NAME [RANGE]` prerequisite `p`?"""
    name, _ = meta(inst)
    cat = mapping(mapping(inst.get("spec")).get("catalog"))
    profile, catalog, version = text(cat.get("profile")) or name, text(cat.get("catalog")), text(cat.get("version"))
    if p.kind != "profile" or p.name != profile or (p.catalog and p.catalog != catalog):
        return False
    return p.range is None or not is_semver(version) or p.range.admits(parse_version(version), devel=True)


def _profile_prerequisites(inst: Mapping[str, Any], facts: Facts) -> list[prerequisites.Prerequisite]:
    entry, _ = resolve_entry(inst, facts)
    if entry is None:
        return []
    return [p for p in map(prerequisites.parse, entry.prerequisites) if p.kind == "profile"]


def _peers(old: Mapping[str, Any], facts: Facts) -> list[Mapping[str, Any]]:
    """The other installations in `old`'s namespace."""
    name, namespace = meta(old)
    return [i for i in facts.installations if meta(i)[1] == namespace and meta(i)[0] != name]


def dependents(old: Mapping[str, Any], facts: Facts) -> list[Mapping[str, Any]]:
    """Installations in the same namespace whose catalog entry requires the installation `old`."""
    return [i for i in _peers(old, facts) if any(_satisfies(old, p) for p in _profile_prerequisites(i, facts))]


def _prerequisite_closure(old: Mapping[str, Any], facts: Facts) -> set[str]:
    """Names of the installations that `old` requires, directly or through others, in its namespace."""
    name = meta(old)[0]
    peers = _peers(old, facts)
    seen: set[str] = set()
    todo = [old]
    while todo:
        wanted = _profile_prerequisites(todo.pop(), facts)
        for other in peers:
            other_name = meta(other)[0]
            if other_name not in seen and other_name != name and any(_satisfies(other, p) for p in wanted):
                seen.add(other_name)
                todo.append(other)
    return seen


def check_installation_delete(old: Mapping[str, Any], facts: Facts) -> list[Violation]:
    """Refuse deleting an installation that others still require.

    Two exceptions keep a namespace deletable: everything may go from a namespace that is terminating (the namespace
    controller deletes its installations as a collection), and a dependent that `old` itself requires, directly or
    through others, does not block: they form a cycle, which would otherwise refuse every member forever.
    """
    if _annotation(old, FORCE_DELETE):
        return []
    needed_by = dependents(old, facts)
    if not needed_by:
        return []
    if meta(old)[1] in (facts.terminating_namespaces or ()):
        return []
    in_cycle = _prerequisite_closure(old, facts)
    needed_by = [i for i in needed_by if meta(i)[0] not in in_cycle]
    if not needed_by:
        return []
    names = ", ".join(meta(i)[0] for i in needed_by[:10])
    return [
        Violation(
            "$",
            "installation.delete.required",
            problem=f"installation {meta(old)[0]} is a prerequisite of {names}",
            fix=f'uninstall those first, or annotate it {FORCE_DELETE}: "true" (kubectl profiles uninstall --force)',
        )
    ]
