"""`show values REF`: a profile's default values, before installing it (as `helm show values` does for a chart).

For a profile that is a Helm chart (from a catalog's helmRepositories) they are the chart's values.yaml, printed as
written; install passes values straight to that chart. For a git profile, install addresses values by artifact
name, so the output is a mapping from each artifact to its defaults (`defaultValues`, or the chart's values.yaml:
a local chart's from the profile's repository, a remote chart's from its archive), nested profiles under their
artifact name; it can be saved and passed back with `install -f`. Comments in values.yaml are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kubectl_profiles.cli import common

if TYPE_CHECKING:
    from kubectl_profiles.model.definition import ResolvedProfile
    from kubectl_profiles.sources.helmrepo import HelmCache


@click.group("show")
def show_group() -> None:
    """Show information about a profile: values."""


def _indent(text: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(keepends=True))


def _block(name: str, text: str, prefix: str) -> str:
    body = text if text.endswith("\n") or not text else text + "\n"
    if not body.strip():
        return f"{prefix}{name}: {{}}\n"
    return f"{prefix}{name}:\n{_indent(body, prefix + '  ')}"


def _repo_root(tree: ResolvedProfile) -> Path:
    root = tree.directory
    for part in tree.source.path.split("/"):
        if part not in ("", "."):
            root = root.parent
    return root


def _tree_values(tree: ResolvedProfile, helm: HelmCache, prefix: str = "") -> str:
    from kubectl_profiles.errors import ProfilesError
    from kubectl_profiles.model.refs import normalise_path
    from kubectl_profiles.sources.helmrepo import remote_chart_files

    out = []
    for artifact in tree.definition.artifacts:
        if artifact.kind == "profile":
            out.append(
                f"{prefix}{artifact.name}:\n" + (_tree_values(tree.children[artifact.name], helm, prefix + "  "))
            )
        elif artifact.kind == "chart" and artifact.chart is not None:
            chart = artifact.chart
            text = chart.default_values
            if not text.strip() and chart.path:
                values = (_repo_root(tree) / normalise_path(chart.path) / "values.yaml").resolve()
                if values.is_relative_to(_repo_root(tree).resolve()) and values.is_file():
                    text = values.read_text()
            elif not text.strip() and chart.url and chart.name:
                try:
                    text = remote_chart_files(chart.url, chart.name, chart.version, helm).values
                except ProfilesError as exc:
                    text = f"# values.yaml of {chart.name} not read: {exc}\n"
            out.append(_block(artifact.name, text, prefix))
    return "".join(out) or f"{prefix}{{}}\n"


@show_group.command("values")
@click.argument("reference", required=False, metavar="CATALOG/PROFILE[@VERSION]")
@click.option("--catalog-namespace", help="The catalog's namespace, when its name is not unique.")
@click.option("--devel", is_flag=True, help="Consider prereleases when resolving the version.")
@click.option("--url", help="A profile no catalog lists: its git repository.")
@click.option("--tag", help="With --url: the git tag.")
@click.option("--branch", help="With --url: the git branch.")
@click.option("--path", help="With --url: the directory of profile.yaml.")
@click.pass_context
def show_values_cmd(
    ctx: click.Context,
    reference: str | None,
    catalog_namespace: str | None,
    devel: bool,
    url: str | None,
    tag: str | None,
    branch: str | None,
    path: str | None,
) -> None:
    """Print a profile's default values (the chart's values.yaml, or each artifact's defaults)."""
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.model.refs import SourceRef, parse_profile_ref
    from kubectl_profiles.sources import resolve_tree
    from kubectl_profiles.sources.helmrepo import HelmCache, chart_files

    if url:
        if reference:
            raise UsageError("give either CATALOG/PROFILE or --url, not both")
        if bool(tag) == bool(branch):
            raise UsageError("--url needs exactly one of --tag and --branch")
        tree = resolve_tree(SourceRef(url, tag=tag, branch=branch, path=path or "."), common.git_cache(ctx))
        click.echo(_tree_values(tree, HelmCache(progress=common.progress)), nl=False)
        return
    if not reference:
        raise UsageError("name a profile (CATALOG/PROFILE[@VERSION]) or give --url")
    ref = parse_profile_ref(reference)
    index = common.catalog_index(ctx)
    entry = index.resolve(ref.catalog, ref.profile, ref.version, namespace=catalog_namespace, devel=devel)
    helm = common.helm_cache(ctx, index)
    if entry.chart is not None:
        click.echo(chart_files(entry.chart, entry.raw_version, helm).values, nl=False)
        return
    tree = resolve_tree(SourceRef(entry.url, tag=entry.tag, path=entry.path), common.git_cache(ctx, index))
    click.echo(_tree_values(tree, helm), nl=False)
