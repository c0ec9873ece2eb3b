"""`list` (alias `search`) and `describe`: finding profiles in the cluster's catalogs.

Catalogs are read cluster-wide by default, like a package index: a profile in another namespace's catalog is
still something a user may be allowed to install (its access rules decide, and `describe` shows them). `-n`
narrows the listing to one namespace's catalogs.
"""

from __future__ import annotations

from typing import Any

import click

from kubectl_profiles.cli import common
from kubectl_profiles.cli import output as output_mod


def entry_doc(e: Any) -> dict[str, Any]:
    return {
        "catalog": e.catalog,
        "namespace": e.namespace,
        "name": e.name,
        "version": e.raw_version,
        "tag": e.tag,
        "url": e.url,
        "path": e.path,
        "description": e.description,
        "keywords": list(e.keywords),
        "maintainer": e.maintainer,
        "prerequisites": list(e.prerequisites),
        **({"deprecated": e.deprecated} if e.deprecated else {}),
        **({"valuesSchema": e.values_schema} if e.values_schema is not None else {}),
        **({"category": e.category} if e.category else {}),
        **({"layer": e.layer} if e.layer else {}),
        **({"links": [dict(link) for link in e.links]} if e.links else {}),
        **({"chart": dict(e.chart)} if e.chart is not None else {}),
    }


@click.command("list")
@click.argument("query", required=False)
@click.option("--catalog", help="Only this catalog.")
@click.option("--all-versions", is_flag=True, help="Every version, not only the latest.")
@click.option("--devel", is_flag=True, help="Prereleases too (with --all-versions they are always shown).")
@common.output_option()
@click.pass_context
def list_cmd(
    ctx: click.Context, query: str | None, catalog: str | None, all_versions: bool, devel: bool, output: str
) -> None:
    """List and search profiles in the catalogs.

    QUERY matches names, descriptions, keywords and categories, case-insensitively.
    """
    index = common.catalog_index(ctx, narrow=True)
    entries = index.search(query, catalog=catalog, all_versions=all_versions)
    if devel and not all_versions:
        entries = [index.latest(e.catalog, e.name, e.namespace, devel=True) or e for e in entries]
    rows, wide = [], []
    for e in entries:
        version = e.raw_version + (" (deprecated)" if e.deprecated else "")
        rows.append([e.ref, version, output_mod.truncate(e.description)])
        wide.append(
            [
                e.ref,
                version,
                output_mod.truncate(e.description, 40),
                ",".join(e.keywords) or "-",
                e.maintainer or "-",
                e.url,
                e.namespace,
            ]
        )
    output_mod.emit(
        output,
        ["CATALOG/PROFILE", "VERSION", "DESCRIPTION"],
        rows,
        [entry_doc(e) for e in entries],
        [f"{e.ref}@{e.raw_version}" for e in entries],
        wide_headers=["CATALOG/PROFILE", "VERSION", "DESCRIPTION", "KEYWORDS", "MAINTAINER", "URL", "NAMESPACE"],
        wide_rows=wide,
        empty="No profiles found." if query is None else f"No profiles match {query!r}.",
    )


@click.command("describe")
@click.argument("reference")
@click.option("--catalog-namespace", help="The catalog's namespace, when its name is not unique.")
@click.option("--no-artifacts", is_flag=True, help="Do not read the profile's repository.")
@click.option("-o", "--output", type=click.Choice(["text", "yaml", "json"]), default="text", show_default=True)
@click.pass_context
def describe_cmd(
    ctx: click.Context, reference: str, catalog_namespace: str | None, no_artifacts: bool, output: str
) -> None:
    """Show a profile: every version, its artifacts, prerequisites on this cluster, access and installations.

    REFERENCE is CATALOG/PROFILE, CATALOG/PROFILE@VERSION or pctl's CATALOG/PROFILE/VERSION.
    """
    import json

    from kubectl_profiles import rules
    from kubectl_profiles.model.refs import parse_profile_ref
    from kubectl_profiles.rules import prerequisites as prereq_mod

    ref = parse_profile_ref(reference)
    index = common.catalog_index(ctx)
    versions = index.versions(ref.catalog, ref.profile, catalog_namespace)
    # The latest release unless a version is named; a profile with only prereleases shows its newest one.
    entry = index.latest(ref.catalog, ref.profile, catalog_namespace) if ref.version is None else None
    entry = entry or index.resolve(ref.catalog, ref.profile, ref.version, namespace=catalog_namespace, devel=True)
    source = index.catalog_sources(entry.catalog, entry.namespace)[0]
    k = common.kube(ctx)
    installations = k.list("profileinstallations")
    facts = common.cluster_facts(ctx, index, installations=installations)
    target_ns = k.namespace
    prereqs = []
    for raw in entry.prerequisites:
        state, why = prereq_mod.state(prereq_mod.parse(raw), target_ns, facts)
        prereqs.append({"prerequisite": raw, "state": state, "detail": why})
    installed = [
        f"{i['metadata']['namespace']}/{i['metadata']['name']} ({i['spec']['catalog']['version']})"
        for i in installations
        if (i.get("spec") or {}).get("catalog", {}).get("catalog") == entry.catalog
        and i["spec"]["catalog"].get("profile") == entry.name
    ]
    artifacts: list[dict[str, Any]] | str = "not read (--no-artifacts)"
    dependencies: list[dict[str, str]] | str = "not read (--no-artifacts)"
    if entry.chart is not None:
        artifacts = [{"name": entry.name, "type": "helm chart", "detail": _chart_detail(entry), "dependsOn": []}]
        if not no_artifacts:
            dependencies = _chart_dependencies(entry, common.helm_cache(ctx, index))
    elif not no_artifacts:
        artifacts = _artifacts(entry, common.git_cache(ctx, index))
    doc = {
        **entry_doc(entry),
        "versions": [e.raw_version for e in versions],
        "access": rules.describe_access(source),
        "installedIn": installed,
        "prerequisites": prereqs,
        "artifacts": artifacts,
        **({"dependencies": dependencies} if entry.chart is not None else {}),
    }
    if output == "json":
        click.echo(json.dumps(doc, indent=2))
        return
    if output == "yaml":
        click.echo(output_to_yaml(doc))
        return
    lines = [
        f"Name:          {entry.ref}",
        f"Version:       {entry.raw_version}",
        f"Versions:      {', '.join(e.raw_version for e in versions)}",
        f"Description:   {entry.description or '-'}",
        f"Keywords:      {', '.join(entry.keywords) or '-'}",
        f"Maintainer:    {entry.maintainer or '-'}",
        (
            f"Repository:    {entry.url} (tag {entry.tag}, path {entry.path})"
            if entry.chart is None
            else f"Chart:         {_chart_detail(entry)}"
        ),
        f"Catalog:       {entry.namespace}/{entry.catalog}",
    ]
    if entry.category or entry.layer:
        lines.append(f"Category:      {entry.category or '-'}")
        lines.append(f"Layer:         {entry.layer or '-'}")
    if entry.links:
        lines.append("Links:")
        lines += [f"  {link['name']}: {link['url']}" for link in entry.links]
    if entry.deprecated:
        lines.append(f"Deprecated:    {entry.deprecated}")
    lines.append(f"Access:        {doc['access']}")
    lines.append("Prerequisites:" + ("" if prereqs else "  none"))
    lines += [f"  {p['prerequisite']}: {p['state']} ({p['detail']})" for p in prereqs]
    lines.append(
        "Artifacts:"
        + (
            ""
            if isinstance(artifacts, list) and artifacts
            else f"     {artifacts}"
            if isinstance(artifacts, str)
            else "     none"
        )
    )
    if isinstance(artifacts, list):
        for a in artifacts:
            deps = f" (after {', '.join(a['dependsOn'])})" if a.get("dependsOn") else ""
            lines.append(f"  {a['name']}: {a['type']} {a['detail']}{deps}")
    if entry.chart is not None:
        if isinstance(dependencies, str):
            lines.append(f"Dependencies:  {dependencies}")
        else:
            lines.append("Dependencies:" + ("" if dependencies else "  none"))
            lines += [
                f"  {d['name']} {d['version'] or '*'}" + (f" from {d['repository']}" if d["repository"] else "")
                for d in dependencies
            ]
    lines.append("Values schema:" + (f" {json.dumps(entry.values_schema)}" if entry.values_schema else "  none"))
    lines.append("Installed in:  " + (", ".join(installed) if installed else "nowhere"))
    click.echo("\n".join(lines))


def output_to_yaml(doc: Any) -> str:
    return output_mod.to_yaml(doc)


def _artifacts(entry: Any, cache: Any) -> list[dict[str, Any]] | str:
    """The profile's artifacts from its repository, or why they could not be read (not an error)."""
    from kubectl_profiles.errors import ProfilesError

    try:
        from kubectl_profiles.model.refs import SourceRef
        from kubectl_profiles.sources import load_definition
    except ImportError:
        return "unavailable (reading repositories is not built in)"
    try:
        definition = load_definition(SourceRef(entry.url, tag=entry.tag, path=entry.path), cache)
    except ProfilesError as exc:
        return f"unavailable ({exc})"
    out = []
    for a in definition.artifacts:
        if a.kind == "chart" and a.chart is not None:
            detail = (
                f"{a.chart.path} (in the profile's repository)"
                if a.chart.path
                else f"{a.chart.name} {a.chart.version or ''} from {a.chart.url}".replace("  ", " ")
            )
        elif a.kind == "kustomize":
            detail = f"{a.kustomize_path}"
        else:
            detail = f"{a.profile}"
        kind = {"chart": "helm chart", "kustomize": "kustomize", "profile": "nested profile"}[a.kind]
        out.append({"name": a.name, "type": kind, "detail": detail, "dependsOn": list(a.depends_on)})
    return out


def _chart_detail(entry: Any) -> str:
    chart = entry.chart
    return f"{chart['name']} {entry.raw_version} from {chart['url']}"


def _chart_dependencies(entry: Any, cache: Any) -> list[dict[str, str]] | str:
    """The chart's dependencies from its archive's Chart.yaml, or why they could not be read (not an error)."""
    from kubectl_profiles.errors import ProfilesError
    from kubectl_profiles.sources.helmrepo import chart_files

    try:
        return chart_files(entry.chart, entry.raw_version, cache).dependencies
    except ProfilesError as exc:
        return f"unavailable ({exc})"
