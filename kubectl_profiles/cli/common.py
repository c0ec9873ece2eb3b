"""What the commands share: the cluster client from kubectl's global flags, namespaces, facts, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kubectl_profiles.catalog import CatalogIndex
    from kubectl_profiles.cli.main import GlobalOptions
    from kubectl_profiles.kube import Kube
    from kubectl_profiles.model.facts import Facts

OUTPUT_FORMATS = ["table", "wide", "json", "yaml", "name"]


def output_option(default: str = "table") -> Callable[[Any], Any]:
    return click.option(
        "-o", "--output", type=click.Choice(OUTPUT_FORMATS), default=default, show_default=True, help="Output format."
    )


def options(ctx: click.Context) -> GlobalOptions:
    obj: GlobalOptions = ctx.find_root().obj
    return obj


def kube(ctx: click.Context) -> Kube:
    from kubectl_profiles.kube import Kube

    opts = options(ctx)
    cached = opts.extra.get("kube")
    if cached is None:
        cached = Kube.from_options(opts.kubeconfig, opts.context, opts.namespace, opts.request_timeout)
        opts.extra["kube"] = cached
    return cached


def scope(ctx: click.Context) -> str | None:
    """The namespace a namespaced read acts on: None for -A."""
    opts = options(ctx)
    return None if opts.all_namespaces else kube(ctx).namespace


def catalog_index(ctx: click.Context, *, narrow: bool = False) -> CatalogIndex:
    """Every catalog in the cluster (one list call), like a package index.

    Installing, upgrading and checking look across namespaces: a catalog's access rules, not its namespace, say
    who may use it. Only `list` narrows to the -n namespace's catalogs when asked (`narrow`).
    """
    from kubectl_profiles.catalog import CatalogIndex

    opts = options(ctx)
    namespace = opts.namespace if narrow and opts.namespace and not opts.all_namespaces else None
    return CatalogIndex(kube(ctx).list("profilecatalogsources", namespace))


def cluster_facts(
    ctx: click.Context, index: CatalogIndex, *, installations: list[Any] | None = None, discovery: bool = True
) -> Facts:
    from kubectl_profiles.model.facts import Facts

    k = kube(ctx)
    return Facts(
        catalogs=index.sources,
        installations=installations if installations is not None else k.list("profileinstallations"),
        namespace_labels=k.namespace_labels(),
        server_version=k.server_version() if discovery else None,
        served_apis=k.served_apis() if discovery else None,
        index=index,
    )


def git_timeout(ctx: click.Context) -> float | None:
    """--request-timeout bounds git too; without the flag, a minute (a git remote that accepts and never answers
    must not hang a command); `0` means no bound, as for the API server."""
    from kubectl_profiles.kube import parse_duration
    from kubectl_profiles.sources import DEFAULT_GIT_TIMEOUT

    given = getattr(ctx.find_root().obj, "request_timeout", None)
    return DEFAULT_GIT_TIMEOUT if given is None else parse_duration(given)


def progress(message: str) -> None:
    """Progress for long operations, on a terminal only, on stderr."""
    if sys.stderr.isatty():
        click.echo(f"... {message}", err=True)


def git_cache(ctx: click.Context, index: CatalogIndex | None = None) -> Any:
    """A git cache holding the credentials of every catalog repository whose secretRef this user may read.

    Reading a Secret is the user's own RBAC decision: one that is forbidden or missing is skipped, and git falls
    back to the user's own credentials (helpers, ssh-agent).
    """
    import base64

    from kubectl_profiles.errors import ProfilesError
    from kubectl_profiles.model.refs import normalise_url
    from kubectl_profiles.sources import GitCache, GitCredentials

    creds: dict[str, GitCredentials] = {}
    for source in index.sources if index is not None else []:
        namespace = (source.get("metadata") or {}).get("namespace") or "default"
        for repo in (source.get("spec") or {}).get("repositories") or []:
            name = ((repo or {}).get("secretRef") or {}).get("name")
            if not name or not repo.get("url"):
                continue
            try:
                secret = kube(ctx).get("secrets", name, namespace)
            except ProfilesError:
                secret = None
            data = (secret or {}).get("data") or {}

            def field_(key: str, data: dict[str, str] = data) -> str | None:
                return base64.b64decode(data[key]).decode() if key in data else None

            if data:
                creds[normalise_url(repo["url"])] = GitCredentials(
                    field_("username"), field_("password"), field_("identity"), field_("known_hosts")
                )
    return GitCache(progress=progress, credentials=creds, timeout=git_timeout(ctx))
