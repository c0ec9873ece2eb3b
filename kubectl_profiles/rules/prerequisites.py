"""Prerequisites (SPEC §1.4): strings, so that the original's free-text lists still load.

Understood forms: `kubernetes RANGE` (a bare version means ">= it"), `profile NAME [RANGE]`,
`profile CATALOG/NAME [RANGE]`, `api GROUP/VERSION/KIND` and `api v1/KIND`. A string that starts with one of
these keywords but does not parse is an error (a typo would otherwise silently become a note); anything else is a
note, shown and warned about, never fatal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.semver import Range, coerce_version, parse_range, parse_version
from kubectl_profiles.model.violation import WARNING, Violation
from kubectl_profiles.rules._common import mapping, text

Kind = Literal["kubernetes", "profile", "api", "note"]
_PARTIAL = re.compile(r"^v?\d+(\.\d+){0,2}$")
_GVK = re.compile(r"^(?:([a-z0-9.-]+)/)?(v\d+[a-z0-9]*)/([A-Z][A-Za-z0-9]*)$")


@dataclass(frozen=True)
class Prerequisite:
    kind: Kind
    raw: str
    range: Range | None = None
    catalog: str | None = None
    name: str | None = None
    api: str | None = None
    """`group/version/Kind` or `v1/Kind` for the core group."""
    error: str | None = None
    """Set when the string uses a keyword but does not parse."""


@lru_cache(maxsize=4096)
def parse(raw: str) -> Prerequisite:
    words = raw.strip().split(None, 1)
    keyword = words[0].lower() if words else ""
    rest = words[1].strip() if len(words) > 1 else ""
    if keyword == "kubernetes":
        if not rest:
            return Prerequisite("kubernetes", raw, error="give a version range, e.g. 'kubernetes >=1.19'")
        # "1.19" and the original's free-text "1.18+" both mean "this version or newer".
        bare = rest[:-1] if rest.endswith("+") else rest
        spec = f">={bare}" if _PARTIAL.match(bare) else rest
        try:
            return Prerequisite("kubernetes", raw, range=parse_range(spec))
        except UsageError:
            # Free text such as "Kubernetes 1.18+" from the original's catalogs stays a note.
            return Prerequisite("note", raw)
    if keyword == "profile":
        parts = rest.split(None, 1)
        if not parts:
            return Prerequisite("profile", raw, error="name the profile, e.g. 'profile cert-manager ^1.0'")
        ref = parts[0]
        catalog, _, name = ref.rpartition("/")
        rng = None
        if len(parts) > 1:
            try:
                rng = parse_range(parts[1])
            except UsageError:
                return Prerequisite("profile", raw, error=f"{parts[1]!r} is not a version range")
        return Prerequisite("profile", raw, range=rng, catalog=catalog or None, name=name)
    if keyword == "api":
        match = _GVK.match(rest)
        if not match:
            return Prerequisite("api", raw, error="write 'api GROUP/VERSION/KIND' or 'api v1/KIND'")
        group, version, kind = match.groups()
        return Prerequisite("api", raw, api=f"{group}/{version}/{kind}" if group else f"{version}/{kind}")
    return Prerequisite("note", raw)


def syntax_violations(prereqs: Sequence[Any], path: str, rule: str = "prerequisite.syntax") -> list[Violation]:
    out: list[Violation] = []
    for i, raw in enumerate(prereqs):
        if not isinstance(raw, str):
            p = f"{path}[{i}]"
            out.append(Violation(p, rule, problem="a prerequisite is a string, e.g. 'kubernetes >=1.19'"))
            continue
        parsed = parse(raw)
        if parsed.error:
            p = f"{path}[{i}]"
            out.append(Violation(p, rule, problem=f"{raw!r} does not parse: {parsed.error}"))
    return out


def installed_version(inst: Mapping[str, Any]) -> str:
    return text(mapping(mapping(inst.get("spec")).get("catalog")).get("version"))


def _installed_matches(p: Prerequisite, namespace: str, facts: Facts) -> bool:
    for inst in facts.installations:
        m = mapping(inst.get("metadata"))
        if (text(m.get("namespace")) or "default") != namespace:
            continue
        cat = mapping(mapping(inst.get("spec")).get("catalog"))
        if cat:
            if text(cat.get("profile")) != p.name or (p.catalog and text(cat.get("catalog")) != p.catalog):
                continue
            if p.range is None:
                return True
            try:
                if p.range.admits(parse_version(text(cat.get("version"))), devel=True):
                    return True
            except UsageError:
                continue
        elif p.catalog is None and p.range is None and text(m.get("name")) == p.name:
            return True
    return False


def state(p: Prerequisite, namespace: str, facts: Facts) -> tuple[str, str]:
    """("met" | "unmet" | "unknown" | "note", explanation) for one prerequisite on these facts."""
    if p.error:
        return "unmet", p.error
    if p.kind == "note":
        return "note", "not checked (free text)"
    if p.kind == "kubernetes":
        if facts.server_version is None:
            return "unknown", "the Kubernetes version is not known here"
        version = coerce_version(facts.server_version)
        if version is None or p.range is None:
            return "unknown", f"cannot read the server version {facts.server_version!r}"
        base = parse_version(f"{version.major}.{version.minor}.{version.patch}")
        if p.range.admits(base):
            return "met", f"the API server is {facts.server_version}"
        return "unmet", f"the API server is {facts.server_version}"
    if p.kind == "api":
        if facts.served_apis is None:
            return "unknown", "the served APIs are not known here"
        if p.api in facts.served_apis:
            return "met", "served"
        return "unmet", f"the API server does not serve {p.api}"
    ref = f"{p.catalog}/{p.name}" if p.catalog else str(p.name)
    where = f"{ref} {p.range.text}" if p.range else ref
    if _installed_matches(p, namespace, facts):
        return "met", f"{where} is installed in {namespace}"
    return "unmet", f"no installation of {where} in namespace {namespace}"


def check_prerequisites(prereqs: Sequence[Any], namespace: str, facts: Facts, *, path: str) -> list[Violation]:
    """Violations for an installation in `namespace` of an entry with these prerequisites."""
    out: list[Violation] = []
    for raw in prereqs:
        if not isinstance(raw, str):
            continue
        p = parse(raw)
        verdict, why = state(p, namespace, facts)
        if verdict == "unmet":
            fix = {
                "kubernetes": "use a cluster that satisfies it, or another version of the profile",
                "api": "install what serves that API first",
                "profile": "install that profile in this namespace first",
            }.get(p.kind, "fix the prerequisite")
            out.append(
                Violation(path, "prerequisite.unmet", problem=f"prerequisite {raw!r} is not met: {why}", fix=fix)
            )
        elif verdict == "unknown":
            out.append(
                Violation(
                    path,
                    "prerequisite.unknown",
                    problem=f"prerequisite {raw!r} was not checked: {why}",
                    severity=WARNING,
                    field="",  # names the prerequisite, not the field
                )
            )
        elif verdict == "note":
            out.append(
                Violation(
                    path,
                    "prerequisite.note",
                    problem=f"prerequisite {raw!r} is free text and was not checked",
                    fix="write it as 'kubernetes RANGE', 'profile NAME [RANGE]' or "
                    "'api GROUP/VERSION/KIND' to have it checked",
                    severity=WARNING,
                    field="",  # names the prerequisite, not the field
                )
            )
    return out
