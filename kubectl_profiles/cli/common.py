"""What the commands share: the cluster client from kubectl's global flags, namespaces, facts, progress.

Offline work (`template`, and `install --output-dir` or `--dry-run=client` with `--url` or `--catalog-file`) marks the
context offline: catalogs then come from the given files only, facts from nothing but those files, git reads with
the user's own credentials, and no kubeconfig is needed, so that GitOps needs no cluster (as `helm template`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kubectl_profiles.catalog import CatalogIndex
    from kubectl_profiles.cli.main import GlobalOptions
    from kubectl_profiles.kube import Kube
    from kubectl_profiles.model.facts import Facts
    from kubectl_profiles.sources import GitCache
    from kubectl_profiles.sources.helmrepo import HelmCache

OUTPUT_FORMATS = ["table", "wide", "json", "yaml", "name"]


def output_option(default: str = "table") -> Callable[[Any], Any]:
    return click.option(
        "-o", "--output", type=click.Choice(OUTPUT_FORMATS), default=default, show_default=True, help="Output format."
    )


def catalog_file_option(with_what: str) -> Callable[[Any], Any]:
    """`--catalog-file FILE` (repeatable): catalogs from files instead of the cluster, for offline GitOps work."""
    return click.option(
        "--catalog-file",
        "catalog_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help=f"Catalogs from this file, not the cluster (repeatable); with {with_what}.",
    )


def options(ctx: click.Context) -> GlobalOptions:
    obj: GlobalOptions = ctx.find_root().obj
    return obj


def set_offline(ctx: click.Context, catalog_files: tuple[str, ...] = ()) -> None:
    """From here on, this command touches no cluster: catalogs come from `catalog_files`."""
    opts = options(ctx)
    opts.extra["offline"] = True
    opts.extra["catalog_files"] = tuple(catalog_files)


def is_offline(ctx: click.Context) -> bool:
    return bool(options(ctx).extra.get("offline"))


def namespace(ctx: click.Context) -> str:
    """The namespace to act in: -n, else the kubeconfig context's (read, never contacted), else `default`."""
    opts = options(ctx)
    if not is_offline(ctx):
        return kube(ctx).namespace
    if opts.namespace:
        return opts.namespace
    import ssl

    from kubectl_profiles import kubeconfig
    from kubectl_profiles.errors import ProfilesError

    try:
        return kubeconfig.load(opts.kubeconfig, opts.context).namespace
    except (ProfilesError, OSError, ssl.SSLError, ValueError):
        return "default"  # no usable kubeconfig: offline work does not need one


def kube(ctx: click.Context) -> Kube:
    from kubectl_profiles.kube import Kube

    opts = options(ctx)
    if opts.extra.get("offline"):  # pragma: no cover - a wiring mistake, never a user's
        raise RuntimeError("offline work must not open a cluster connection")
    cached = opts.extra.get("kube")
    if cached is None:
        cached = Kube.from_options(
            opts.kubeconfig,
            opts.context,
            opts.namespace,
            opts.request_timeout,
            impersonate=opts.impersonate,
            impersonate_groups=opts.impersonate_groups,
        )
        opts.extra["kube"] = cached
    return cached


def client(ctx: click.Context) -> Kube | None:
    """The cluster client, or None when this command works offline."""
    return None if is_offline(ctx) else kube(ctx)


def warn(message: str) -> None:
    """A warning, as every command prints one: `warning: ...` on stderr."""
    click.echo(f"warning: {message}", err=True)


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
    if is_offline(ctx):
        return CatalogIndex(catalog_files(opts.extra.get("catalog_files") or ()))
    namespace = opts.namespace if narrow and opts.namespace and not opts.all_namespaces else None
    return CatalogIndex(kube(ctx).list("profilecatalogsources", namespace))


def catalog_files(paths: tuple[str, ...]) -> list[dict[str, Any]]:
    """The ProfileCatalogSource documents in these files (`-` for stdin); other documents are ignored."""
    import yaml

    from kubectl_profiles.errors import InputError, UsageError
    from kubectl_profiles.yamldocs import load_all

    out: list[dict[str, Any]] = []
    for path in paths:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--catalog-file {path}: {getattr(exc, 'strerror', None) or exc}") from exc
        try:
            docs = load_all(text)
        except yaml.YAMLError as exc:
            raise InputError(f"--catalog-file {path} is not valid YAML: {' '.join(str(exc).split())}") from exc
        found = [d for d in docs if isinstance(d, dict) and d.get("kind") == "ProfileCatalogSource"]
        if not found:
            raise UsageError(f"--catalog-file {path} holds no ProfileCatalogSource", hint="give a catalog's YAML file")
        out += found
    return out


def cluster_facts(
    ctx: click.Context, index: CatalogIndex, *, installations: list[Any] | None = None, discovery: bool = True
) -> Facts:
    from kubectl_profiles.model.facts import Facts

    if is_offline(ctx):  # only the given catalogs are known; the rules skip what needs the cluster
        return Facts(catalogs=index.sources, index=index)
    k = kube(ctx)
    return Facts(
        catalogs=index.sources,
        installations=installations if installations is not None else k.list("profileinstallations"),
        namespace_labels=k.namespace_labels(),
        server_version=k.server_version() if discovery else None,
        served_apis=k.served_apis() if discovery else None,
        index=index,
    )


def owned_objects(ctx: click.Context, installation: str) -> list[tuple[str, str]]:
    """(kind, name) of every object labelled with the installation, in the order to remove them.

    A kind the cluster does not serve (an older Flux has no OCIRepository v1, say) holds nothing to remove.
    """
    from kubectl_profiles.kube import KIND_TO_RESOURCE
    from kubectl_profiles.model.labels import INSTALLATION_LABEL
    from kubectl_profiles.render import OWNED_KINDS

    k = kube(ctx)
    out = []
    for kind in OWNED_KINDS:
        selector = f"{INSTALLATION_LABEL}={installation}"
        found = k.list(KIND_TO_RESOURCE[kind], k.namespace, label_selector=selector, if_served=True)
        out += [(kind, str(o["metadata"]["name"])) for o in found]
    return out


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


def _catalog_secrets(
    ctx: click.Context, index: CatalogIndex | None, field: str
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(url, "NAMESPACE/NAME", decoded data) of each catalog repository in `spec.<field>` whose secretRef this user
    may read. Reading a Secret is the user's own RBAC decision: one that is forbidden or missing is skipped. Offline
    work reads none (it touches no cluster)."""
    from kubectl_profiles.errors import ProfilesError
    from kubectl_profiles.kube.core import secret_data

    if index is None or is_offline(ctx):
        return
    for source in index.sources:
        namespace = (source.get("metadata") or {}).get("namespace") or "default"
        for repo in (source.get("spec") or {}).get(field) or []:
            name = ((repo or {}).get("secretRef") or {}).get("name")
            if not name or not repo.get("url"):
                continue
            try:
                data = secret_data(kube(ctx).get("secrets", name, namespace))
            except ProfilesError:
                continue
            if data:
                yield str(repo["url"]), f"{namespace}/{name}", data


def git_cache(ctx: click.Context, index: CatalogIndex | None = None) -> GitCache:
    """A git cache holding the credentials of every catalog repository whose secretRef this user may read; git falls
    back to the user's own credentials (helpers, ssh-agent) for the others."""
    from kubectl_profiles.model.refs import normalise_url
    from kubectl_profiles.sources import GitCache, GitCredentials

    creds = {
        normalise_url(url): GitCredentials.from_secret(data)
        for url, _, data in _catalog_secrets(ctx, index, "repositories")
    }
    return GitCache(progress=progress, credentials=creds, timeout=git_timeout(ctx))


def helm_cache(ctx: click.Context, index: CatalogIndex | None = None, *, allow_http: bool | None = None) -> HelmCache:
    """A Helm cache holding the credentials of every catalog Helm repository whose secretRef this user may read
    (username/password, or a dockerconfigjson Secret, as the controller reads them); the others are read without.
    `http://` and `file://` repositories are read when a catalog lists them (the webhook's rules decide whether a
    cluster accepts such catalogs), or when the caller allows them (local development).
    """
    from kubectl_profiles.errors import SourceError
    from kubectl_profiles.sources.helmrepo import HelmCache, HelmCredentials

    local = False
    for source in index.sources if index is not None else []:
        spec = source.get("spec") or {}
        urls = [str((p or {}).get("chart", {}).get("url") or "") for p in spec.get("profiles") or []]
        urls += [str((r or {}).get("url") or "") for r in spec.get("helmRepositories") or []]
        local = local or any(u.startswith(("http://", "file://")) for u in urls)
    creds: dict[str, HelmCredentials] = {}
    for url, where, data in _catalog_secrets(ctx, index, "helmRepositories"):
        try:
            creds[url.rstrip("/")] = HelmCredentials.from_secret(data, url, where)
        except SourceError as exc:
            warn(f"{exc}; reading {url} without credentials")
    return HelmCache(progress=progress, credentials=creds, allow_http=local if allow_http is None else allow_http)
