"""`upgrade`: move an installation to another version of its catalog entry.

Refuses a downgrade unless `--allow-downgrade` (which also sets the annotation the webhook honours). Values stay
as installed unless -f/--set change them. Flux objects that the new version no longer has are removed.
In GitOps mode (`--output-dir DIR`) the installation is read from its files under DIR, and the new version's files
are merged three-way with the user's edits (kubectl_profiles.gitops.merge); conflicts are listed and exit 1. With
`--catalog-file` too, it touches no cluster at all (no kubeconfig needed), as `install --output-dir` does.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kubectl_profiles.cli import common
from kubectl_profiles.model.labels import ALLOW_DOWNGRADE, RANGE_ANNOTATION

if TYPE_CHECKING:
    from kubectl_profiles.catalog import CatalogIndex
    from kubectl_profiles.kube import Kube
    from kubectl_profiles.model.entry import Entry
    from kubectl_profiles.services.install import Built


@click.command("upgrade")
@click.argument("name")
@click.option("--version", "version", help="Target version or range.")
@click.option("--latest", is_flag=True, help="The newest version in the catalog.")
@click.option("--devel", is_flag=True, help="Consider prereleases.")
@click.option("--allow-downgrade", is_flag=True, help="Allow moving to an older version.")
@click.option("-f", "--values", "values_files", multiple=True, type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE")
@click.option("--dry-run", is_flag=True, help="Check everything on the server, change nothing.")
@click.option("--output-dir", type=click.Path(file_okay=False), help="GitOps mode: upgrade the files under DIR.")
@common.catalog_file_option("--output-dir")
@click.option("--wait", is_flag=True, help="Wait until the upgraded installation is Ready.")
@click.option("--timeout", default="5m", show_default=True, help="With --wait: how long to wait.")
@click.pass_context
def upgrade_cmd(
    ctx: click.Context,
    name: str,
    version: str | None,
    latest: bool,
    devel: bool,
    allow_downgrade: bool,
    values_files: tuple[str, ...],
    sets: tuple[str, ...],
    dry_run: bool,
    output_dir: str | None,
    catalog_files: tuple[str, ...],
    wait: bool,
    timeout: str,
) -> None:
    """Move installation NAME to another version (--version V or --latest)."""
    from kubectl_profiles.cli.status import parse_timeout, wait_ready
    from kubectl_profiles.cli.values import load_values
    from kubectl_profiles.errors import NotFoundError, UsageError
    from kubectl_profiles.kube import KIND_TO_RESOURCE
    from kubectl_profiles.model.refs import require_name
    from kubectl_profiles.model.semver import parse_version
    from kubectl_profiles.services import install as service

    if bool(version) == latest:
        raise UsageError("give exactly one of --version and --latest")
    if wait and (output_dir or dry_run):
        raise UsageError("--wait goes with an upgrade in the cluster, not with --output-dir or --dry-run")
    if catalog_files and not output_dir:
        raise UsageError(
            "--catalog-file goes with --output-dir",
            hint="in a cluster, installations are checked against the cluster's catalogs",
        )
    wait_for = parse_timeout(timeout) if wait else None
    require_name(name, "installation name")  # before it becomes part of a path
    if catalog_files:
        common.set_offline(ctx, catalog_files)
    namespace = common.namespace(ctx)
    k = common.client(ctx)
    if output_dir:
        current = _from_files(output_dir, namespace, name)
    else:
        assert k is not None  # offline only with --output-dir
        current = k.get("profileinstallations", name, namespace)
    if current is None:
        raise NotFoundError(
            f"installation {name!r} not found in namespace {namespace}",
            hint=f"look in {Path(output_dir) / namespace}"
            if output_dir
            else "list them with 'kubectl profiles get -A'",
        )
    ref = (current.get("spec") or {}).get("catalog")
    if not ref:
        raise UsageError(
            f"installation {name!r} comes from a git source, not a catalog; reinstall it with "
            "'kubectl profiles install --url ... --tag NEW'"
        )
    spec = "*" if latest else str(version)
    values = load_values(values_files, sets, base=(current.get("spec") or {}).get("values") or {})
    index = common.catalog_index(ctx)
    built = _build(ctx, index, current, spec, devel, name=name, namespace=namespace, values=values)
    objects, entry = built.objects, built.entry
    assert entry is not None  # a catalog reference always names an entry
    before, after = parse_version(ref["version"]), entry.version
    if after == before and not (values_files or sets):
        click.echo(f"{name} is already at {ref['version']}")
        return
    if after < before:
        if not allow_downgrade:
            raise UsageError(
                f"{entry.raw_version} is older than the installed {ref['version']}",
                hint="add --allow-downgrade to move back",
            )
        objects[0]["metadata"].setdefault("annotations", {})[ALLOW_DOWNGRADE] = "true"
    service.precheck(
        objects,
        index,
        common.cluster_facts(ctx, index),
        k,
        old=current,
        allow_downgrade=allow_downgrade,
        webhook=not output_dir,
        warn=common.warn,
    )
    if output_dir:
        _upgrade_files(ctx, index, output_dir, current, objects, entry)
        return
    assert k is not None
    _keep_layer_dependencies(k, objects)
    service.preflight_flux(k, objects)
    if dry_run:
        k.apply(objects, dry_run=True)
        click.echo(f"{name}: {ref['version']} -> {entry.raw_version} (server dry run)")
        return
    lines = service.apply_all(k, objects)
    keep = {(o["kind"], o["metadata"]["name"]) for o in objects}
    for kind, obj_name in common.owned_objects(ctx, name):
        if (kind, obj_name) not in keep:
            k.delete(KIND_TO_RESOURCE[kind], obj_name, k.namespace)
            lines.append(f"{kind.lower()}/{obj_name} deleted (not in {entry.raw_version})")
    click.echo("\n".join(lines))
    click.echo(f"{name}: upgraded {ref['version']} -> {entry.raw_version}")
    if wait_for is not None:
        ready = wait_ready(ctx, name, k.namespace, wait_for)
        click.echo(f"{name} is ready: {ready.get('message') or ''}".rstrip())


def _build(
    ctx: click.Context,
    index: CatalogIndex,
    installation: dict[str, Any],
    version: str,
    devel: bool,
    *,
    name: str,
    namespace: str,
    values: dict[str, Any],
) -> Built:
    """The objects of `installation`'s catalog profile at `version` (or a range), with its settings kept
    (services.install.kept_settings) and the range it was installed with: `--latest` or `--version` say where to
    go now, not what to track."""
    from kubectl_profiles.services import install as service

    ref = installation["spec"]["catalog"]
    built = service.build(
        index,
        service.Target(
            reference=f"{ref['catalog']}/{ref['profile']}@{version}",
            devel=devel,
            catalog_namespace=ref.get("namespace") or None,
        ),
        service.kept_settings(installation, name=name, namespace=namespace, values=values),
        git_cache=partial(common.git_cache, ctx, index),
        warn=common.warn,
    )
    meta = built.objects[0]["metadata"]
    meta.pop("annotations", None)
    kept_range = (installation["metadata"].get("annotations") or {}).get(RANGE_ANNOTATION)
    if kept_range:
        meta["annotations"] = {RANGE_ANNOTATION: kept_range}
    return built


def _from_files(output_dir: str, namespace: str, name: str) -> dict[str, Any] | None:
    import yaml

    path = Path(output_dir) / namespace / name / f"profileinstallation-{name}.yaml"
    if not path.is_file():
        return None
    doc = yaml.safe_load(path.read_text())
    return doc if isinstance(doc, dict) else None


def _upgrade_files(
    ctx: click.Context,
    index: CatalogIndex,
    output_dir: str,
    current: dict[str, Any],
    objects: list[dict[str, Any]],
    entry: Entry,
) -> None:
    from kubectl_profiles.gitops.merge import merge_tree
    from kubectl_profiles.render import write_directory

    meta, ref = current["metadata"], current["spec"]["catalog"]
    installed = (current.get("spec") or {}).get("values") or {}
    base = _build(
        ctx,
        index,
        current,
        ref["version"],
        True,
        name=meta["name"],
        namespace=meta["namespace"],
        values=installed,
    ).objects
    directory = Path(output_dir) / meta["namespace"] / meta["name"]
    result = merge_tree(directory, base, objects)
    write_directory(directory, result.files)
    for removed in result.removed:
        click.echo(f"{directory / removed} removed (not in {entry.raw_version})")
    click.echo(f"{meta['name']}: files upgraded {ref['version']} -> {entry.raw_version} in {directory}")
    if result.conflicts:
        click.echo(
            "conflicts (resolve the markers, as after a git merge): "
            + ", ".join(str(directory / c) for c in result.conflicts),
            err=True,
        )
        ctx.exit(1)


def _keep_layer_dependencies(k: Kube, objects: list[dict[str, Any]]) -> None:
    """Releases installed together with others depend on the lower layers' releases (install A B C): an upgrade
    of one of them keeps those dependencies, which its catalog entry alone cannot say."""
    for obj in objects:
        if obj.get("kind") != "HelmRelease":
            continue
        existing = k.get(k.resource_for(obj), obj["metadata"]["name"], obj["metadata"]["namespace"])
        old = ((existing or {}).get("spec") or {}).get("dependsOn") or []
        deps = obj["spec"].setdefault("dependsOn", [])
        deps.extend(d for d in old if d not in deps)
        if not deps:
            del obj["spec"]["dependsOn"]
