"""Rules for profile definitions (profile.yaml, SPEC §1.3), in both shapes.

The current artifact shape holds exactly one of `chart`, `kustomize` and `profile`; the v0.0.5 shape says what it
is in `kind` (HelmChart, Kustomize, Profile) with `path`/`chart`/`profile` beside it. The shape is read per
artifact, whatever the document's kind (`ProfileDefinition`, or `Profile` in the original's groups). Nested
profiles are followed through a resolver the caller supplies; a cycle is the same source (repository, ref,
directory) reached again on one path, and is reported with the loop spelled out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubectl_profiles.model.facts import Policy
from kubectl_profiles.model.refs import (
    Resolver,
    SourceRef,
    is_dns_label,
    is_dns_subdomain,
    nested_source,
    nested_source_block,
    nesting_loop,
)
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.rules import prerequisites
from kubectl_profiles.rules._common import check_rel_path, check_url, mapping, seq, text

_TYPES = ("chart", "kustomize", "profile")
_OLD_KINDS = {"HelmChart": "chart", "Kustomize": "kustomize", "Profile": "profile"}
_LENIENT = Policy(allow_file_urls=True)


def is_old_artifact(artifact: Mapping[str, Any]) -> bool:
    """The v0.0.5 artifact shape says what it is in `kind`; the current one by which field it holds. Decided per
    artifact, not per document: the original's files mix them (`kind: Profile` documents with current artifacts)."""
    return isinstance(artifact.get("kind"), str)


def _artifact_type(artifact: Mapping[str, Any], old: bool) -> tuple[list[str], str | None]:
    present = [t for t in _TYPES if artifact.get(t) is not None]
    if old:
        return present, _OLD_KINDS.get(artifact["kind"])
    return present, None


def _artifact_violations(artifact: Mapping[str, Any], i: int) -> list[Violation]:
    base = f"$.spec.artifacts[{i}]"
    out: list[Violation] = []
    name = artifact.get("name")
    if isinstance(name, str) and not is_dns_label(name):
        out.append(
            Violation(
                f"{base}.name",
                "definition.artifact.name",
                problem=f"{name!r} is not a valid artifact name",
                fix="use lower-case letters, digits and '-'",
            )
        )
    old = is_old_artifact(artifact)
    present, old_kind = _artifact_type(artifact, old)
    if old and old_kind is not None:
        if old_kind == "chart" and artifact.get("chart") is None and not artifact.get("path"):
            out.append(
                Violation(
                    base,
                    "definition.artifact.exactly-one",
                    problem="a HelmChart artifact needs either path (a local chart) or chart (a remote one)",
                )
            )
        if old_kind == "kustomize" and not artifact.get("path"):
            out.append(Violation(base, "definition.artifact.exactly-one", problem="a Kustomize artifact needs path"))
        if old_kind == "profile" and nested_source(artifact) is None:
            out.append(
                Violation(base, "definition.artifact.exactly-one", problem="a Profile artifact needs profile.url")
            )
        others = [t for t in present if t != old_kind and not (old_kind == "chart" and t == "chart")]
        if others:
            out.append(
                Violation(
                    base,
                    "definition.artifact.exactly-one",
                    problem=f"kind {artifact['kind']} cannot also have {', '.join(others)}",
                    fix="an artifact is exactly one thing: make each of them an artifact of its own",
                )
            )
        out += check_rel_path(artifact.get("path"), f"{base}.path", "definition.path.form")
        return out
    if not present and artifact.get("path") is not None:
        out.append(
            Violation(
                f"{base}.kind",
                "definition.artifact.exactly-one",
                problem="an artifact given by path needs kind (HelmChart, Kustomize or Profile), "
                "or write it as chart: {path} or kustomize: {path}",
            )
        )
        return out
    if len(present) != 1:
        found = " and ".join(present) if present else "none"
        out.append(
            Violation(
                base,
                "definition.artifact.exactly-one",
                problem=f"an artifact needs exactly one of chart, kustomize and profile, found {found}",
                fix="split it into one artifact per deployable",
            )
        )
        return out
    kind = present[0]
    if kind == "chart":
        chart = mapping(artifact.get("chart"))
        local, remote = bool(chart.get("path")), bool(chart.get("url") or chart.get("name"))
        if local == remote:
            out.append(
                Violation(
                    f"{base}.chart",
                    "definition.chart.form",
                    problem="give either path (a chart in the profile's repository) or url "
                    "and name (a chart in a Helm repository)",
                )
            )
        elif remote and not (chart.get("url") and chart.get("name")):
            out.append(
                Violation(
                    f"{base}.chart",
                    "definition.chart.form",
                    problem="a remote chart needs both url (the Helm repository) and name",
                )
            )
        elif remote and not str(chart.get("url")).startswith(("https://", "http://", "oci://")):
            out.append(
                Violation(
                    f"{base}.chart.url",
                    "definition.chart.form",
                    problem=f"{chart.get('url')!r} is not a Helm repository URL",
                    fix="use https:// or oci://",
                )
            )
        out += check_rel_path(chart.get("path"), f"{base}.chart.path", "definition.path.form")
    elif kind == "kustomize":
        out += check_rel_path(
            mapping(artifact.get("kustomize")).get("path"), f"{base}.kustomize.path", "definition.path.form"
        )
    else:
        field, src = nested_source_block(artifact)
        where = f"{base}.{field}"
        if nested_source(artifact) is None:
            out.append(
                Violation(
                    where,
                    "definition.nested.source",
                    problem="a nested profile needs url and one of tag and branch",
                )
            )
        elif bool(src.get("tag")) and bool(src.get("branch")):
            out.append(
                Violation(
                    where,
                    "definition.nested.source",
                    problem="give one of tag and branch, not both",
                )
            )
        else:
            out += check_url(src.get("url"), f"{where}.url", "definition.nested.source", _LENIENT)
            out += check_rel_path(src.get("path"), f"{where}.path", "definition.path.form")
    return out


def _depends_on(artifacts: list[Any]) -> list[Violation]:
    if all(type(a) is dict and not a.get("dependsOn") for a in artifacts):
        return []  # no edges: nothing to resolve, no cycle
    out: list[Violation] = []
    names = {text(mapping(a).get("name")) for a in artifacts}
    graph: dict[str, list[str]] = {}
    for i, artifact in enumerate(artifacts):
        artifact = mapping(artifact)
        name = text(artifact.get("name"))
        edges = []
        for j, dep in enumerate(seq(artifact.get("dependsOn"))):
            target = text(mapping(dep).get("name"))
            if target not in names:
                p = f"$.spec.artifacts[{i}].dependsOn[{j}].name"
                out.append(
                    Violation(
                        p,
                        "definition.depends-on.unknown",
                        problem=f"no artifact named {target!r} in this profile",
                        fix=f"name one of {', '.join(sorted(n for n in names if n)) or 'its artifacts'}",
                    )
                )
            else:
                edges.append(target)
        graph.setdefault(name, []).extend(edges)
    cycle = _find_cycle(graph)
    if cycle:
        out.append(
            Violation(
                "$.spec.artifacts",
                "definition.depends-on.cycle",
                problem=f"dependsOn forms a cycle: {' -> '.join(cycle)}",
                fix="break it",
            )
        )
    return out


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


def _nested(doc: Mapping[str, Any], resolver: Resolver, max_depth: int, source: SourceRef | None) -> list[Violation]:
    """Walk nested profiles depth-first; report the first cycle and any branch deeper than max_depth."""
    out: list[Violation] = []
    seen_reports: set[str] = set()

    def walk(d: Mapping[str, Any], trail: list[SourceRef], depth: int, root_path: str) -> None:
        for i, artifact in enumerate(seq(mapping(d.get("spec")).get("artifacts"))):
            src = nested_source(mapping(artifact))
            if src is None:
                continue
            here = root_path if depth else f"$.spec.artifacts[{i}].profile"
            message = nesting_loop(trail, src)
            if message is not None:
                if message not in seen_reports:
                    seen_reports.add(message)
                    out.append(
                        Violation(
                            here,
                            "definition.nested.cycle",
                            problem=f"nested profiles form a cycle: {message}",
                            fix="remove one of the nestings",
                        )
                    )
                continue
            if depth + 1 > max_depth:
                out.append(
                    Violation(
                        here,
                        "definition.nested.depth",
                        problem=f"profiles are nested more than {max_depth} deep (at {src})",
                        fix="flatten the tree",
                    )
                )
                continue
            child = resolver(src)
            if isinstance(child, Mapping):
                walk(child, [*trail, src], depth + 1, here)

    walk(doc, [source] if source is not None else [], 0, "$")
    return out


def check_definition(
    doc: Mapping[str, Any], *, resolver: Resolver | None = None, max_depth: int = 10, source: SourceRef | None = None
) -> list[Violation]:
    out: list[Violation] = []
    name = text(mapping(doc.get("metadata")).get("name"))
    if not name:
        out.append(
            Violation(
                "$.metadata.name",
                "definition.name",
                problem="a profile needs a name",
                fix="set it to the profile's directory name",
            )
        )
    elif not is_dns_subdomain(name):
        out.append(
            Violation(
                "$.metadata.name",
                "definition.name",
                problem=f"{name!r} is not a valid name",
                fix="use lower-case letters, digits, '-'",
            )
        )
    spec = mapping(doc.get("spec"))
    out += prerequisites.syntax_violations(seq(spec.get("prerequisites")), "$.spec.prerequisites")
    artifacts = seq(spec.get("artifacts"))
    seen: dict[str, int] = {}
    for i, artifact in enumerate(artifacts):
        if not isinstance(artifact, Mapping):
            continue
        out += _artifact_violations(artifact, i)
        aname = text(artifact.get("name"))
        if aname in seen:
            out.append(
                Violation(
                    f"$.spec.artifacts[{i}].name",
                    "definition.artifact.duplicate",
                    problem=f"{aname!r} is already the name of spec.artifacts[{seen[aname]}]",
                    fix="rename one: artifact names are unique in a profile",
                )
            )
        elif aname:
            seen[aname] = i
    out += _depends_on(artifacts)
    if resolver is not None:
        out += _nested(doc, resolver, max_depth, source)
    return out
