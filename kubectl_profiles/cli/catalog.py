"""`catalog list|add|remove|scan`: managing ProfileCatalogSource objects and their entries.

Changes go through server-side apply with the plugin's field manager, so the webhook checks them like any other
write, and concurrent edits by others are not silently overwritten.
"""

from __future__ import annotations

from typing import Any

import click

from kubectl_profiles.cli import common
from kubectl_profiles.cli import output as output_mod


@click.group("catalog")
def catalog_group() -> None:
    """Manage catalog sources: list, add, remove, scan."""


def _ready(source: dict[str, Any]) -> str:
    for c in (source.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return str(c.get("status"))
    return "-"


@catalog_group.command("list")
@common.output_option()
@click.pass_context
def catalog_list(ctx: click.Context, output: str) -> None:
    """List catalog sources (every namespace unless -n)."""
    k = common.kube(ctx)
    opts = common.options(ctx)
    sources = k.list("profilecatalogsources", opts.namespace if opts.namespace and not opts.all_namespaces else None)
    rows = []
    for s in sources:
        spec = s.get("spec") or {}
        access = "open" if spec.get("access") is None else "restricted"
        rows.append(
            [
                s["metadata"]["namespace"],
                s["metadata"]["name"],
                len(spec.get("profiles") or []),
                len(spec.get("repositories") or []),
                access,
                _ready(s),
            ]
        )
    output_mod.emit(
        output,
        ["NAMESPACE", "NAME", "PROFILES", "REPOSITORIES", "ACCESS", "READY"],
        rows,
        sources,
        [f"profilecatalogsource.weave.works/{s['metadata']['name']}" for s in sources],
        empty="No catalog sources found.",
    )


def _source_skeleton(name: str, namespace: str) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"profiles": []},
    }


def _write(ctx: click.Context, source: dict[str, Any], dry_run: bool) -> None:
    k = common.kube(ctx)
    body = {
        "apiVersion": source["apiVersion"],
        "kind": source["kind"],
        "metadata": {"name": source["metadata"]["name"], "namespace": source["metadata"]["namespace"]},
        "spec": source.get("spec") or {},
    }
    k.apply([body], dry_run=dry_run)


@catalog_group.command("add")
@click.argument("catalog")
@click.option("--name", "profile", required=True, help="Profile name.")
@click.option("--version", required=True, help="Semantic version, e.g. 1.2.3.")
@click.option("--url", required=True, help="Git repository of the profile.")
@click.option("--tag", help="Git tag (default NAME/VERSION).")
@click.option("--path", help="Directory of profile.yaml (default: the tag's prefix).")
@click.option("--description", default="")
@click.option("--keyword", "keywords", multiple=True)
@click.option("--prerequisite", "prerequisites", multiple=True)
@click.option("--dry-run", is_flag=True)
@click.pass_context
def catalog_add(
    ctx: click.Context,
    catalog: str,
    profile: str,
    version: str,
    url: str,
    tag: str | None,
    path: str | None,
    description: str,
    keywords: tuple[str, ...],
    prerequisites: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Add an entry to CATALOG (created in the current namespace if it does not exist)."""
    from kubectl_profiles.model.semver import parse_version

    parse_version(version)
    k = common.kube(ctx)
    source = k.get("profilecatalogsources", catalog, k.namespace) or _source_skeleton(catalog, k.namespace)
    entry: dict[str, Any] = {"name": profile, "version": version, "url": url}
    for key, value in (("tag", tag), ("path", path), ("description", description)):
        if value:
            entry[key] = value
    if keywords:
        entry["keywords"] = list(keywords)
    if prerequisites:
        entry["prerequisites"] = list(prerequisites)
    source.setdefault("spec", {}).setdefault("profiles", []).append(entry)
    _write(ctx, source, dry_run)
    click.echo(
        f"profilecatalogsource.weave.works/{catalog}: added {profile} {version}" + (" (dry run)" if dry_run else "")
    )


@catalog_group.command("remove")
@click.argument("catalog")
@click.argument("profile", required=False)
@click.option("--dry-run", is_flag=True)
@click.pass_context
def catalog_remove(ctx: click.Context, catalog: str, profile: str | None, dry_run: bool) -> None:
    """Remove CATALOG, or only PROFILE (PROFILE@VERSION for one version) from it."""
    from kubectl_profiles.catalog import entry_version
    from kubectl_profiles.errors import NotFoundError
    from kubectl_profiles.model.semver import parse_version

    k = common.kube(ctx)
    source = k.get("profilecatalogsources", catalog, k.namespace)
    if source is None:
        raise NotFoundError(f"catalog source {catalog!r} not found in namespace {k.namespace}")
    if profile is None:
        k.delete("profilecatalogsources", catalog, k.namespace, dry_run=dry_run)
        click.echo(f"profilecatalogsource.weave.works/{catalog} deleted" + (" (dry run)" if dry_run else ""))
        return
    name, _, version = profile.partition("@")
    wanted = parse_version(version) if version else None
    entries = source.get("spec", {}).get("profiles") or []

    def matches(entry: dict[str, Any]) -> bool:
        if entry.get("name") != name:
            return False
        if wanted is None:
            return True
        has = entry_version(entry)  # `version`, or the one its tag names
        return has is not None and parse_version(has) == wanted

    keep = [e for e in entries if not matches(e)]
    if len(keep) == len(entries):
        raise NotFoundError(f"catalog {catalog!r} has no entry {profile!r}")
    source["spec"]["profiles"] = keep
    _write(ctx, source, dry_run)
    click.echo(
        f"profilecatalogsource.weave.works/{catalog}: removed {len(entries) - len(keep)} entries"
        + (" (dry run)" if dry_run else "")
    )


@catalog_group.command("scan")
@click.argument("url")
@click.option("--catalog", "catalog_name", default="scanned", show_default=True, help="Catalog source name.")
@click.option("--apply", "do_apply", is_flag=True, help="Apply the catalog source instead of printing it.")
@click.pass_context
def catalog_scan(ctx: click.Context, url: str, catalog_name: str, do_apply: bool) -> None:
    """Turn a git repository's version tags into catalog entries.

    Tags `DIR/SEMVER` (or `SEMVER` for a profile at the top) are read with their profile.yaml.
    """
    from kubectl_profiles.sources import GitCache, scan_repository

    entries = scan_repository(
        url, GitCache(progress=common.progress), warn=lambda m: click.echo(f"warning: {m}", err=True)
    )
    opts = common.options(ctx)
    namespace = opts.namespace or "default"
    if do_apply:
        namespace = common.kube(ctx).namespace
    source = _source_skeleton(catalog_name, namespace)
    source["spec"]["profiles"] = entries
    if do_apply:
        _write(ctx, source, dry_run=False)
        click.echo(f"profilecatalogsource.weave.works/{catalog_name} applied with {len(entries)} entries")
    else:
        click.echo(output_mod.to_yaml(source))
