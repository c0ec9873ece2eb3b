"""`catalog list|add|remove|scan`: managing ProfileCatalogSource objects and their entries.

`add` and `remove` change one entry of `spec.profiles`, a list the API server stores as a whole: they read the
catalog, change it, and write it back with the resourceVersion they read, so that a write racing another is refused
(409 Conflict) rather than silently undoing it; then they read again and redo their change, a bounded number of
times. With N writers at once each one loses at most N-1 times, so the bound is a number of concurrent writers.
`scan --apply` declares a whole catalog and uses server-side apply. Every write goes through the webhook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
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


MAX_ATTEMPTS = 16


def _edit(
    ctx: click.Context, catalog: str, change: Callable[[dict[str, Any]], None], *, create: bool, dry_run: bool
) -> None:
    """Read CATALOG, `change` it in place, write it back if nobody wrote in between; else read again and redo."""
    import random
    import time

    from kubectl_profiles.errors import Conflict, NotFoundError

    k = common.kube(ctx)
    for attempt in range(MAX_ATTEMPTS):
        source = k.get("profilecatalogsources", catalog, k.namespace)
        if source is None and not create:
            raise NotFoundError(f"catalog source {catalog!r} not found in namespace {k.namespace}")
        fresh = source is None
        source = source if source is not None else _source_skeleton(catalog, k.namespace)
        change(source)
        try:
            if fresh:
                k.create(source, dry_run=dry_run)  # AlreadyExists (a Conflict) when another writer created it first
            else:
                k.replace(source, dry_run=dry_run)
            return
        except Conflict:
            time.sleep(random.uniform(0, min(0.05 * 2**attempt, 1.0)))  # noqa: S311 - jitter, not a secret
    raise Conflict(
        f"catalog source {catalog!r} kept changing while this command tried to change it ({MAX_ATTEMPTS} attempts)",
        hint="try again",
    )


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
    entry: dict[str, Any] = {"name": profile, "version": version, "url": url}
    for key, value in (("tag", tag), ("path", path), ("description", description)):
        if value:
            entry[key] = value
    if keywords:
        entry["keywords"] = list(keywords)
    if prerequisites:
        entry["prerequisites"] = list(prerequisites)

    def append(source: dict[str, Any]) -> None:
        spec = source.get("spec")
        if not isinstance(spec, dict):
            spec = source["spec"] = {}
        if not isinstance(spec.get("profiles"), list):
            spec["profiles"] = []
        spec["profiles"].append(entry)

    _edit(ctx, catalog, append, create=True, dry_run=dry_run)
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
    if profile is None:
        if not k.delete("profilecatalogsources", catalog, k.namespace, dry_run=dry_run):
            raise NotFoundError(f"catalog source {catalog!r} not found in namespace {k.namespace}")
        click.echo(f"profilecatalogsource.weave.works/{catalog} deleted" + (" (dry run)" if dry_run else ""))
        return
    name, _, version = profile.partition("@")
    wanted = parse_version(version) if version else None
    removed = 0

    def matches(entry: dict[str, Any]) -> bool:
        if entry.get("name") != name:
            return False
        if wanted is None:
            return True
        has = entry_version(entry)  # `version`, or the one its tag names
        return has is not None and parse_version(has) == wanted

    def drop(source: dict[str, Any]) -> None:
        nonlocal removed
        entries = (source.get("spec") or {}).get("profiles") or []
        keep = [e for e in entries if not matches(e)]
        removed = len(entries) - len(keep)
        if not removed:
            raise NotFoundError(f"catalog {catalog!r} has no entry {profile!r}")
        source["spec"]["profiles"] = keep

    _edit(ctx, catalog, drop, create=False, dry_run=dry_run)
    click.echo(
        f"profilecatalogsource.weave.works/{catalog}: removed {removed} entries" + (" (dry run)" if dry_run else "")
    )


@catalog_group.command("scan")
@click.argument("url", required=False)
@click.option("--helm", "helm_url", metavar="URL", help="Scan a Helm repository (https:// or oci://HOST/PATH/CHART).")
@click.option("--username", help="With --helm: user name for basic auth.")
@click.option("--password-stdin", is_flag=True, help="With --helm: read the password from stdin.")
@click.option("--allow-http", is_flag=True, help="With --helm: accept http:// and file:// (local development).")
@click.option("--catalog", "catalog_name", default="scanned", show_default=True, help="Catalog source name.")
@click.option("--apply", "do_apply", is_flag=True, help="Apply the catalog source instead of printing it.")
@click.pass_context
def catalog_scan(
    ctx: click.Context,
    url: str | None,
    helm_url: str | None,
    username: str | None,
    password_stdin: bool,
    allow_http: bool,
    catalog_name: str,
    do_apply: bool,
) -> None:
    """Turn a git repository's version tags, or a Helm repository's profile charts, into catalog entries.

    Tags `DIR/SEMVER` (or `SEMVER` for a profile at the top) are read with their profile.yaml. With --helm, every
    version of every chart annotated `weave.works/profile` in the repository's index (or OCI tags) is an entry.
    """
    from kubectl_profiles.errors import UsageError

    def warn(message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    if bool(url) == bool(helm_url):
        raise UsageError("give a git repository URL or --helm URL (one of them)")
    if helm_url:
        from kubectl_profiles.sources.helmrepo import HelmCache, HelmCredentials, scan_helm_repository

        credentials = None
        if password_stdin:
            password = sys.stdin.read().rstrip("\r\n")
            credentials = HelmCredentials(username or "", password)
        elif username:
            raise UsageError("--username goes with --password-stdin (a password on the command line would leak)")
        cache = HelmCache(progress=common.progress, allow_http=allow_http)
        entries = scan_helm_repository(helm_url, credentials, cache, warn=warn)
        if not entries:
            warn(f"no chart in {helm_url_shown(helm_url)} is annotated weave.works/profile: no entries")
    else:
        from kubectl_profiles.sources import GitCache, scan_repository

        git = GitCache(progress=common.progress, timeout=common.git_timeout(ctx))
        entries = scan_repository(str(url), git, skipped=lambda tag, why: warn(f"skipping tag {tag}: {why}"))
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


def helm_url_shown(url: str) -> str:
    from kubectl_profiles.sources.helmrepo import shown

    return shown(url)
