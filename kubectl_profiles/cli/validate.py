"""`kubectl profiles validate`: the webhook's rules, offline, over files (SPEC §4).

The click face of the pipeline in `kubectl_profiles.validation`: flags become the facts a cluster would give
(`--kubernetes-version`, `--api`, `--user`, `--group`, `--namespace-labels`, the webhook's policy flags);
`--cluster` adds the live cluster's catalogs and facts and `--resolve-remote` a reader of nested profiles from git,
both built here, as they need the client core and the git sources, which the pipeline does not import. Then
inputs -> engine -> the reporter `-o` names, the summary on standard error, and the exit code.

Exit codes: 0 all valid, 1 any violation (warnings too with --strict) or a file that cannot be read or parsed,
2 a bad flag or a path that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.validation import reporters
from kubectl_profiles.validation.engine import validate_inputs
from kubectl_profiles.validation.inputs import collector_paused, read_inputs

if TYPE_CHECKING:
    from kubectl_profiles.rules import Resolver


def _namespace_labels(values: Sequence[str]) -> dict[str, dict[str, str]] | None:
    if not values:
        return None
    out: dict[str, dict[str, str]] = {}
    for raw in values:
        ns, sep, label = raw.partition("=")
        key, sep2, value = label.partition("=")
        if not sep or not sep2 or not ns or not key:
            raise UsageError(f"--namespace-labels {raw!r}: write NAMESPACE=KEY=VALUE")
        out.setdefault(ns, {})[key] = value
    return out


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH|-...")
@click.option(
    "-o",
    "--output",
    type=click.Choice(reporters.FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("--kubernetes-version", metavar="VERSION", help="Stand-in for the API server's version, e.g. 1.29.")
@click.option(
    "--api",
    "apis",
    multiple=True,
    metavar="GROUP/VERSION/KIND",
    help="Stand-in for a served API (repeatable), e.g. cert-manager.io/v1/Certificate.",
)
@click.option("--user", default="", help="Stand-in for the requesting user.")
@click.option("--group", "groups", multiple=True, help="Stand-in for the user's groups (repeatable).")
@click.option(
    "--namespace-labels",
    "ns_labels",
    multiple=True,
    metavar="NS=KEY=VALUE",
    help="Stand-in for a namespace's labels (repeatable), for namespaceSelector access rules.",
)
@click.option(
    "--default-catalog-access",
    type=click.Choice(["all", "same-namespace"]),
    default="all",
    show_default=True,
    help="As the webhook's flag of the same name.",
)
@click.option("--forbid-uncatalogued", is_flag=True, help="As the webhook's flag: refuse spec.source installs.")
@click.option("--cluster", "use_cluster", is_flag=True, help="Add the live cluster's catalogs and facts.")
@click.option(
    "--resolve-remote",
    is_flag=True,
    help="Read nested profiles that are not among the files from their git repositories.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="GLOB",
    help="Skip files and directories whose path (relative to the argument) or name matches (repeatable).",
)
@click.option("-v", "--verbose", is_flag=True, help="List the files and documents skipped, and why.")
@click.pass_context
def validate_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    output: str,
    kubernetes_version: str | None,
    apis: tuple[str, ...],
    user: str,
    groups: tuple[str, ...],
    ns_labels: tuple[str, ...],
    default_catalog_access: str,
    forbid_uncatalogued: bool,
    use_cluster: bool,
    resolve_remote: bool,
    strict: bool,
    excludes: tuple[str, ...],
    verbose: bool,
) -> None:
    """Check profile manifests offline, with the webhook's rules (for CI).

    Reads files, directories (recursively: *.yaml, *.yml, *.json) and - (standard input). In a profile
    repository, Helm charts (directories with Chart.yaml, except their crds/) and templates/ directories are
    skipped, as are files that hold {{ template }} markers instead of YAML. Exit codes: 0 valid, 1 violations or
    a file that cannot be read or parsed, 2 a bad flag or a path that does not exist.
    """
    facts = _facts(kubernetes_version, apis, user, groups, ns_labels, default_catalog_access, forbid_uncatalogued)
    extra: list[Mapping[str, Any]] = []
    if use_cluster:
        facts, extra = _cluster_facts(ctx, facts)
    remote = _git_resolver(ctx) if resolve_remote else None
    with collector_paused():
        report = validate_inputs(read_inputs(paths, excludes), facts, extra, remote)
    body = reporters.reporter(output, strict=strict).render(report)
    if body:
        click.echo(body)
    if verbose:
        for line in reporters.skipped(report):
            click.echo(line, err=True)
    click.echo(reporters.summary(report), err=True)
    if report.failed(strict):
        ctx.exit(1)


def _facts(
    kubernetes_version: str | None,
    apis: Sequence[str],
    user: str,
    groups: Sequence[str],
    ns_labels: Sequence[str],
    default_catalog_access: str,
    forbid_uncatalogued: bool,
) -> Facts:
    """The facts the flags stand in for; a flag that cannot be read is a usage error."""
    from kubectl_profiles.model.semver import coerce_version

    if kubernetes_version is not None and coerce_version(kubernetes_version) is None:
        raise UsageError(f"--kubernetes-version {kubernetes_version!r} is not a version", hint="e.g. 1.29")
    for api in apis:
        if api.count("/") not in (1, 2):
            raise UsageError(f"--api {api!r}: write GROUP/VERSION/KIND or v1/KIND")
    return Facts(
        server_version=kubernetes_version,
        served_apis=frozenset(apis) if apis else None,
        namespace_labels=_namespace_labels(ns_labels),
        user=UserInfo(user, tuple(groups)),
        policy=Policy(
            default_catalog_access="same-namespace" if default_catalog_access == "same-namespace" else "all",
            forbid_uncatalogued=forbid_uncatalogued,
        ),
    )


def _git_resolver(ctx: click.Context) -> Resolver:
    """--resolve-remote: nested profiles that are not among the files, read from their git repositories."""
    from kubectl_profiles.cli.common import git_timeout
    from kubectl_profiles.sources import GitCache, make_resolver

    return make_resolver(GitCache(timeout=git_timeout(ctx)))


def _cluster_facts(ctx: click.Context, facts: Facts) -> tuple[Facts, list[Mapping[str, Any]]]:
    """Facts from the live cluster: one list per kind, plus the server's version and APIs."""
    from kubectl_profiles.cli import common

    kube = common.kube(ctx)
    catalogs: list[Mapping[str, Any]] = [*kube.list("profilecatalogsources")]
    installations = kube.list("profileinstallations")
    new = Facts(
        catalogs=(),
        installations=installations,
        namespace_labels=facts.namespace_labels or kube.namespace_labels(),
        server_version=facts.server_version or kube.server_version(),
        served_apis=facts.served_apis or kube.served_apis(),
        user=facts.user,
        policy=facts.policy,
    )
    return new, catalogs
