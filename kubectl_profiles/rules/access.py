"""Access rules (SPEC §1.5): who may install from a catalog, and what an update to them revokes.

A catalog's `spec.access` grants by namespace name (`*` for all), by namespace labels (a Kubernetes label
selector) and by the requesting user's groups. Without `spec.access` a catalog is open to every namespace, or only
to its own when the webhook runs with `--default-catalog-access=same-namespace`. An empty `access: {}` grants
nothing: that is how a catalog is closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.model.facts import Facts, UserInfo
from kubectl_profiles.model.refs import is_dns_label
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.rules._common import mapping, meta, seq, text

Decision = Literal["allow", "deny", "unknown"]


def selector_matches(selector: Mapping[str, Any], labels: Mapping[str, str]) -> bool:
    """Kubernetes label-selector semantics; an empty selector matches everything."""
    for key, value in mapping(selector.get("matchLabels")).items():
        if labels.get(key) != value:
            return False
    for expr in seq(selector.get("matchExpressions")):
        expr = mapping(expr)
        key, op, values = text(expr.get("key")), text(expr.get("operator")), seq(expr.get("values"))
        present = key in labels
        if op == "In" and (not present or labels[key] not in values):
            return False
        if op == "NotIn" and present and labels[key] in values:
            return False
        if op == "Exists" and not present:
            return False
        if op == "DoesNotExist" and present:
            return False
    return True


def decide(source: Mapping[str, Any], namespace: str, facts: Facts, user: UserInfo | None = None) -> Decision:
    """May a user in `namespace` install from this catalog source?"""
    user = facts.user if user is None else user
    _, catalog_ns = meta(source)
    access = mapping(source.get("spec")).get("access")
    if access is None:
        if facts.policy.default_catalog_access == "same-namespace":
            return "allow" if namespace == catalog_ns else "deny"
        return "allow"
    access = mapping(access)
    namespaces = [text(n) for n in seq(access.get("namespaces"))]
    if "*" in namespaces or namespace in namespaces:
        return "allow"
    groups = {text(g) for g in seq(access.get("groups"))}
    if groups & set(user.groups):
        return "allow"
    selector = access.get("namespaceSelector")
    if isinstance(selector, Mapping):
        if facts.namespace_labels is None:
            return "unknown"
        labels = facts.namespace_labels.get(namespace)
        if labels is not None and selector_matches(selector, labels):
            return "allow"
        if labels is None:
            return "unknown"
    return "deny"


def access_allows(source: Mapping[str, Any], namespace: str, facts: Facts) -> bool:
    return decide(source, namespace, facts) == "allow"


def describe_access(source: Mapping[str, Any], default: str = "all") -> str:
    """One line for `describe` and for denial messages: who this catalog grants."""
    access = mapping(source.get("spec")).get("access")
    if access is None:
        return "every namespace" if default == "all" else f"namespace {meta(source)[1]} only"
    access = mapping(access)
    parts = []
    if seq(access.get("namespaces")):
        parts.append("namespaces " + ", ".join(text(n) for n in seq(access.get("namespaces"))))
    selector = mapping(access.get("namespaceSelector"))
    if selector:
        labels = ",".join(f"{k}={v}" for k, v in mapping(selector.get("matchLabels")).items())
        exprs = [
            f"{text(mapping(e).get('key'))} {text(mapping(e).get('operator'))}"
            for e in seq(selector.get("matchExpressions"))
        ]
        parts.append("namespaces labelled " + ", ".join([x for x in [labels, *exprs] if x]))
    if seq(access.get("groups")):
        parts.append("groups " + ", ".join(text(g) for g in seq(access.get("groups"))))
    return "; ".join(parts) if parts else "nobody (access is empty)"


def access_block_violations(access: Any, path: str) -> list[Violation]:
    """Form checks on `spec.access` beyond the schema."""
    out: list[Violation] = []
    access = mapping(access)
    for i, ns in enumerate(seq(access.get("namespaces"))):
        if ns != "*" and not (isinstance(ns, str) and is_dns_label(ns)):
            p = f"{path}.namespaces[{i}]"
            out.append(
                Violation(
                    p,
                    "catalog.access.namespace",
                    problem=f"{ns!r} is not a namespace name",
                    fix="use a DNS-1123 label or '*' for every namespace",
                )
            )
    for i, expr in enumerate(seq(mapping(access.get("namespaceSelector")).get("matchExpressions"))):
        expr = mapping(expr)
        op, values = text(expr.get("operator")), seq(expr.get("values"))
        p = f"{path}.namespaceSelector.matchExpressions[{i}]"
        if op in ("In", "NotIn") and not values:
            out.append(
                Violation(
                    p,
                    "catalog.access.selector",
                    problem=f"operator {op} needs values",
                    fix="list the label values to match",
                )
            )
        if op in ("Exists", "DoesNotExist") and values:
            out.append(
                Violation(p, "catalog.access.selector", problem=f"operator {op} takes no values", fix="remove them")
            )
    for i, group in enumerate(seq(access.get("groups"))):
        if not isinstance(group, str) or not group.strip():
            p = f"{path}.groups[{i}]"
            out.append(Violation(p, "catalog.access.group", problem="a group name must be a non-empty string"))
    return out


def _catalog_installations(source: Mapping[str, Any], facts: Facts) -> list[Mapping[str, Any]]:
    name, namespace = meta(source)
    out = []
    for inst in facts.installations:
        cat = mapping(mapping(inst.get("spec")).get("catalog"))
        if text(cat.get("catalog")) != name:
            continue
        if text(cat.get("namespace")) and text(cat.get("namespace")) != namespace:
            continue
        out.append(inst)
    return out


def _source_installations(source: Mapping[str, Any], facts: Facts) -> list[Mapping[str, Any]]:
    """`spec.source` installations of a repository that this catalog lists (they obey its access rules)."""
    listed = CatalogIndex([source])
    out = []
    for inst in facts.installations:
        url = text(mapping(mapping(inst.get("spec")).get("source")).get("url"))
        if url and listed.sources_listing(url):
            out.append(inst)
    return out


def revoked_installations(old: Mapping[str, Any], new: Mapping[str, Any], facts: Facts) -> list[Mapping[str, Any]]:
    """Installations that the old access rules allowed and the new ones do not: those from this catalog, and those
    by `spec.source` of a repository it lists that no other catalog listing it grants.

    The installing user is not known after the fact, so group grants are not counted for either side: what is
    compared is what each installation's namespace is granted.
    """
    anonymous = UserInfo()
    out = []
    for inst in _catalog_installations(new, facts):
        ns = meta(inst)[1]
        if decide(old, ns, facts, anonymous) == "allow" and decide(new, ns, facts, anonymous) == "deny":
            out.append(inst)
    key = meta(new)
    others = CatalogIndex([c for c in facts.catalogs if meta(c) != key])
    for inst in _source_installations(new, facts):
        ns = meta(inst)[1]
        if decide(old, ns, facts, anonymous) != "allow" or decide(new, ns, facts, anonymous) != "deny":
            continue
        url = text(mapping(mapping(inst.get("spec")).get("source")).get("url"))
        if not any(decide(c, ns, facts, anonymous) == "allow" for c in others.sources_listing(url)):
            out.append(inst)
    return out
