"""Rules for ProfileCatalogSource objects (SPEC §1.1, §1.5).

An entry names its version in `version`, in its `tag` (the original's later catalogs: `tag: nginx/v1.0.0`), or
both; the CRD schema asks for at least one of the two fields, and these rules for a version that one of them
actually holds (`catalog.entry_version` reads it, for every reader of catalogs alike).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

from kubectl_profiles.catalog import entry_version
from kubectl_profiles.model.facts import Facts, Policy
from kubectl_profiles.model.refs import is_dns_label, url_has_credentials, version_from_tag
from kubectl_profiles.model.semver import is_semver, parse_version
from kubectl_profiles.model.violation import WARNING, Violation
from kubectl_profiles.rules import access as access_rules
from kubectl_profiles.rules import prerequisites
from kubectl_profiles.rules._common import (
    check_rel_path,
    check_url,
    mapping,
    meta,
    seq,
    text,
    valid_ref_name,
)
from kubectl_profiles.rules.values import schema_problem


def _credentials(url: Any, path: str) -> list[Violation]:
    """A secret in a URL is shown to everyone who may read the catalog (and to `kubectl get`); never repeat it."""
    if not isinstance(url, str) or not url_has_credentials(url):
        return []
    return [
        Violation(
            path,
            "catalog.url.credentials",
            problem="the URL carries credentials (before the '@'), which everyone who may read this catalog sees",
            fix="remove them and give a Secret through secretRef (spec.repositories[].secretRef)",
            severity=WARNING,
        )
    ]


def _entry_violations(raw: Mapping[str, Any], i: int, facts: Facts) -> list[Violation]:
    base = f"$.spec.profiles[{i}]"
    out: list[Violation] = []
    name, version = raw.get("name"), raw.get("version")
    if isinstance(name, str) and not is_dns_label(name):
        out.append(
            Violation(
                f"{base}.name",
                "catalog.entry.name",
                problem=f"{name!r} is not a valid profile name",
                fix="use lower-case letters, digits and '-' (at most 63), e.g. 'nginx-ingress'",
            )
        )
    if isinstance(version, str) and not is_semver(version):
        out.append(
            Violation(
                f"{base}.version",
                "catalog.version.semver",
                problem=f"{version!r} is not a semantic version",
                fix="write MAJOR.MINOR.PATCH with an optional leading v, e.g. 1.2.3 or v1.2.3-rc.1",
            )
        )
    tag = raw.get("tag")
    if version is None and not isinstance(tag, str):
        out.append(
            Violation(
                base,
                "catalog.version.required",
                problem="an entry needs version or tag",
                fix=f"add version: 1.0.0 (its tag defaults to {(name if isinstance(name, str) else 'NAME')}/1.0.0), "
                "or the tag that holds it",
            )
        )
    if isinstance(tag, str):
        if version is None and valid_ref_name(tag) and version_from_tag(tag) is None:
            out.append(
                Violation(
                    f"{base}.tag",
                    "catalog.version.required",
                    problem=f"{tag!r} holds no semantic version, so the entry needs version",
                    fix="add version: MAJOR.MINOR.PATCH",
                )
            )
        if not valid_ref_name(tag):
            out.append(
                Violation(
                    f"{base}.tag",
                    "catalog.tag.form",
                    problem=f"{tag!r} is not a valid git tag name",
                    fix=f"use e.g. {(name or 'name')}/{(version or '1.0.0')}",
                )
            )
        elif isinstance(version, str) and is_semver(version):
            last = tag.rpartition("/")[2]
            if (
                last.removeprefix("v") != version.removeprefix("v")
                and is_semver(last)
                and parse_version(last) != parse_version(version)
            ):
                out.append(
                    Violation(
                        f"{base}.tag",
                        "catalog.tag.mismatch",
                        problem=f"tag {tag!r} names version {last} but the entry says {version}",
                        fix="make them agree",
                        severity=WARNING,
                    )
                )
    chart = raw.get("chart")
    if chart is None:
        out += check_url(raw.get("url"), f"{base}.url", "catalog.url.form", facts.policy)
    elif raw.get("url") is not None:
        out.append(
            Violation(
                f"{base}.url",
                "catalog.entry.source",
                problem="give url (a git repository) or chart (a Helm chart), not both",
                field=base[2:],  # reported at url, about the entry
            )
        )
    else:
        out += check_helm_url(mapping(chart).get("url"), f"{base}.chart.url", "catalog.chart.url", facts.policy)
        out += _credentials(mapping(chart).get("url"), f"{base}.chart.url")
    out += _credentials(raw.get("url"), f"{base}.url")
    out += check_rel_path(raw.get("path"), f"{base}.path", "catalog.path.form")
    prereqs = seq(raw.get("prerequisites"))
    if prereqs:
        out += prerequisites.syntax_violations(prereqs, f"{base}.prerequisites")
    for j, p in enumerate(prereqs):
        if isinstance(p, str) and prerequisites.parse(p).kind == "note":
            out.append(
                Violation(
                    f"{base}.prerequisites[{j}]",
                    "prerequisite.note",
                    problem=f"{p!r} is free text and will not be checked",
                    fix="write 'kubernetes RANGE', 'profile NAME [RANGE]' or 'api GROUP/VERSION/KIND'",
                    severity=WARNING,
                )
            )
    schema = raw.get("valuesSchema")
    if schema is not None:
        problem = schema_problem(schema)
        if problem:
            out.append(
                Violation(
                    f"{base}.valuesSchema",
                    "catalog.values-schema",
                    problem=f"not a usable JSON schema: {problem}",
                )
            )
    return out


_OCI = re.compile(r"^oci://[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9][a-z0-9._/-]*[a-z0-9])?$")


def check_helm_url(url: Any, path: str, rule: str, policy: Policy, *, oci_chart: bool = False) -> list[Violation]:
    """A Helm repository: `https://HOST/...` (its index), or `oci://HOST[/PATH]`; http:// only where file:// is.

    With `oci_chart` (a catalog's helmRepositories), an oci:// URL must name a chart: `oci://HOST/[PATH/]CHART`.
    """
    if not isinstance(url, str) or not url.strip():
        return [
            Violation(path, rule, problem="url is missing", fix="give an https:// Helm repository or oci://HOST/PATH")
        ]
    # Credentials in the URL are catalog.url.credentials' business (a warning); here only the form counts.
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname and " " not in url:
        return []
    if parts.scheme == "oci":
        if _OCI.match(url) and (parts.path.strip("/") or not oci_chart):
            return []
        return [Violation(path, rule, problem=f"{url!r} is not an OCI repository", fix="write oci://HOST/PATH/CHART")]
    if parts.scheme in ("http", "file"):
        if policy.allow_file_urls:
            return []
        return [
            Violation(
                path,
                rule,
                problem=f"{parts.scheme}:// Helm repositories are for local development and this cluster refuses them",
                fix="use https:// or oci://",
            )
        ]
    return [
        Violation(path, rule, problem=f"{url!r} is not a Helm repository URL", fix="use https://HOST/PATH or oci://")
    ]


def check_catalog_source(
    doc: Mapping[str, Any], facts: Facts, *, old: Mapping[str, Any] | None = None
) -> list[Violation]:
    out: list[Violation] = []
    spec = mapping(doc.get("spec"))
    admins = facts.policy.catalog_admin_groups
    if admins and not set(admins) & set(facts.user.groups):
        who = facts.user.username or "this user"
        out.append(
            Violation(
                "$",
                "catalog.admin.forbidden",
                problem=f"{who} may not change catalogs here: only members of {', '.join(admins)} may",
                fix="ask a catalog administrator",
            )
        )
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(seq(spec.get("profiles"))):
        if not isinstance(raw, Mapping):
            continue
        out += _entry_violations(raw, i, facts)
        name, version = raw.get("name"), entry_version(raw)
        if isinstance(name, str) and version is not None:
            key = (name, str(parse_version(version)))
            if key in seen:
                out.append(
                    Violation(
                        f"$.spec.profiles[{i}]",
                        "catalog.entry.duplicate",
                        problem=f"{name} {version} is listed twice (first at spec.profiles[{seen[key]}])",
                        fix="remove one",
                    )
                )
            else:
                seen[key] = i
    for i, repo in enumerate(seq(spec.get("repositories"))):
        out += check_url(mapping(repo).get("url"), f"$.spec.repositories[{i}].url", "catalog.url.form", facts.policy)
        out += _credentials(mapping(repo).get("url"), f"$.spec.repositories[{i}].url")
    for i, repo in enumerate(seq(spec.get("helmRepositories"))):
        out += check_helm_url(
            mapping(repo).get("url"),
            f"$.spec.helmRepositories[{i}].url",
            "catalog.helm-repository.url",
            facts.policy,
            oci_chart=True,
        )
        out += _credentials(mapping(repo).get("url"), f"$.spec.helmRepositories[{i}].url")
    if "access" in spec:
        out += access_rules.access_block_violations(spec.get("access"), "$.spec.access")
    if old is not None:
        out += _update_warnings(old, doc, facts)
    return out


def _update_warnings(old: Mapping[str, Any], new: Mapping[str, Any], facts: Facts) -> list[Violation]:
    out: list[Violation] = []
    revoked = access_rules.revoked_installations(old, new, facts)
    if revoked:
        names = ", ".join(f"{meta(i)[1]}/{meta(i)[0]}" for i in revoked[:10])
        more = f" and {len(revoked) - 10} more" if len(revoked) > 10 else ""
        out.append(
            Violation(
                "$.spec.access",
                "catalog.access.revoked",
                problem=f"this change revokes access that installations use: {names}{more}",
                fix="grant them access again, or move them to another catalog; until then they keep running and "
                "'kubectl profiles audit' lists them",
                severity=WARNING,
                field="",  # about the change, not one field
            )
        )
    name, namespace = meta(new)
    entries = {
        (text(mapping(e).get("name")), _norm(entry_version(mapping(e)) or ""))
        for e in seq(mapping(new.get("spec")).get("profiles"))
    }
    in_use = []
    for inst in facts.installations:
        cat = mapping(mapping(inst.get("spec")).get("catalog"))
        if text(cat.get("catalog")) != name or (text(cat.get("namespace")) not in ("", namespace)):
            continue
        if (text(cat.get("profile")), _norm(text(cat.get("version")))) not in entries:
            in_use.append(f"{meta(inst)[1]}/{meta(inst)[0]}")
    if in_use:
        out.append(
            Violation(
                "$.spec.profiles",
                "catalog.entry.removed-in-use",
                problem=f"entries removed by this change are installed: {', '.join(in_use[:10])}",
                fix="upgrade those installations before removing them",
                severity=WARNING,
                field="",  # about the change, not one field
            )
        )
    return out


def _norm(version: str) -> str:
    return str(parse_version(version)) if is_semver(version) else version
