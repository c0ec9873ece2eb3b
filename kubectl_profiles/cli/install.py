"""`install`: a profile into the cluster, or as files for a GitOps repository.

Order, and nothing is applied until every check has passed:
1. resolve the version (highest matching semver; prereleases only with --devel);
2. read the profile and its nested profiles from git;
3. run the webhook's rules client-side on the ProfileInstallation, with cluster facts from one list per kind;
   the requester's groups are unknown here, so a group-based access denial is left to the webhook;
4. check that Flux's CRDs exist;
5. a server-side dry run of every object, so that the webhook decides with the user's real identity;
6. apply: the ProfileInstallation, then the Flux objects; if a Flux object fails, what this command created is
   removed again.
"""

from __future__ import annotations

from typing import Any

import click

from kubectl_profiles.cli import common


def build(
    ctx: click.Context,
    *,
    reference: str | None,
    url: str | None,
    tag: str | None,
    branch: str | None,
    path: str | None,
    name: str | None,
    namespace: str,
    values: dict[str, Any],
    devel: bool,
    catalog_namespace: str | None,
    git_repository: str | None,
) -> tuple[list[dict[str, Any]], Any, Any]:
    """Resolve, fetch and render; returns (objects, catalog index, entry or None)."""
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.model.refs import SourceRef, is_dns_label, parse_profile_ref, source_ref
    from kubectl_profiles.model.semver import is_semver
    from kubectl_profiles.render import render_installation
    from kubectl_profiles.sources import resolve_tree

    index = common.catalog_index(ctx)
    entry = None
    version_range = None
    if url:
        if reference:
            raise UsageError("give either CATALOG/PROFILE or --url, not both")
        if bool(tag) == bool(branch):
            raise UsageError("--url needs exactly one of --tag and --branch")
        source = source_ref(url, tag=tag, branch=branch, path=path)  # --tag NAME/vX alone: the profile is in NAME/
        catalog = None
    else:
        if not reference:
            raise UsageError("name a profile (CATALOG/PROFILE[@VERSION]) or give --url")
        ref = parse_profile_ref(reference)
        entry = index.resolve(ref.catalog, ref.profile, ref.version, namespace=catalog_namespace, devel=devel)
        if ref.version and not is_semver(ref.version):
            version_range = ref.version
        source = SourceRef(entry.url, tag=entry.tag, path=entry.path)
        catalog = {
            "catalog": entry.catalog,
            "namespace": entry.namespace,
            "profile": entry.name,
            "version": str(entry.version),
        }
    tree = resolve_tree(source, common.git_cache(ctx, index))
    install_name = name or (entry.name if entry else tree.definition.name)
    if not is_dns_label(install_name):
        raise UsageError(f"--name {install_name!r} is not a valid name", hint="use lower-case letters, digits, '-'")
    repo = None
    if git_repository:
        ns, _, repo_name = git_repository.rpartition("/")
        repo = {"name": repo_name, "namespace": ns or namespace}
    objects = render_installation(
        name=install_name,
        namespace=namespace,
        source=source,
        tree=tree,
        catalog=catalog,
        values=values,
        git_repository=repo,
        version_range=version_range,
    )
    return objects, index, entry


def precheck(
    ctx: click.Context, objects: list[dict[str, Any]], index: Any, *, old: Any = None, allow_downgrade: bool = False
) -> None:
    """The webhook's rules on the ProfileInstallation, client-side; raises ValidationFailed with the first error."""
    from dataclasses import replace

    from kubectl_profiles import rules
    from kubectl_profiles.errors import ValidationFailed

    facts = replace(common.cluster_facts(ctx, index), allow_downgrade=allow_downgrade)
    found = rules.check_installation(objects[0], facts, old=old)
    errors = [v for v in found if v.is_error and v.rule != "installation.access.denied"]
    denied = [v for v in found if v.rule == "installation.access.denied"]
    if denied and not _grants_groups(index, objects[0]):
        errors += denied
    for v in found:
        if not v.is_error:
            click.echo(f"warning: {v.message} [{v.rule}]", err=True)
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationFailed(f"{first.message} [{first.rule}]{more}", errors)


def _grants_groups(index: Any, installation: dict[str, Any]) -> bool:
    ref = installation["spec"].get("catalog") or {}
    sources = index.catalog_sources(ref.get("catalog", ""), ref.get("namespace") or None)
    return any(((s.get("spec") or {}).get("access") or {}).get("groups") for s in sources)


def preflight_flux(ctx: click.Context) -> None:
    from kubectl_profiles.errors import ClusterError
    from kubectl_profiles.render import FLUX_CRDS

    missing = common.kube(ctx).missing_crds(FLUX_CRDS)
    if missing:
        raise ClusterError(
            f"Flux is not installed in this cluster (missing CRDs: {', '.join(missing)})",
            hint="install Flux first: https://fluxcd.io/flux/installation/",
        )


def apply_all(ctx: click.Context, objects: list[dict[str, Any]]) -> list[str]:
    """Dry-run everything on the server, then apply; remove what this call created if a later object fails."""
    from kubectl_profiles.errors import ProfilesError

    k = common.kube(ctx)
    k.apply(objects, dry_run=True)
    created: list[dict[str, Any]] = []
    lines = []
    try:
        for obj in objects:
            resource = k.resource_for(obj)
            meta = obj["metadata"]
            existed = k.get(resource, meta["name"], meta["namespace"]) is not None
            k.apply([obj])
            if not existed:
                created.append(obj)
            group = obj["apiVersion"].split("/")[0]
            lines.append(f"{obj['kind'].lower()}.{group}/{meta['name']} {'configured' if existed else 'created'}")
    except ProfilesError:
        for obj in reversed(created):
            k.delete(k.resource_for(obj), obj["metadata"]["name"], obj["metadata"]["namespace"])
        raise
    return lines


@click.command("install")
@click.argument("reference", required=False, metavar="CATALOG/PROFILE[@VERSION|@RANGE]")
@click.option("--name", help="Installation name (default: the profile's name).")
@click.option(
    "-f",
    "--values",
    "values_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Values file (repeatable; later files win).",
)
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Set a value (repeatable).")
@click.option("--devel", is_flag=True, help="Consider prereleases when resolving the version.")
@click.option("--catalog-namespace", help="The catalog's namespace, when its name is not unique.")
@click.option("--url", help="Install from this git repository instead of a catalog.")
@click.option("--tag", help="With --url: the git tag.")
@click.option("--branch", help="With --url: the git branch (or, with --output-dir, the branch to commit on).")
@click.option("--path", help="With --url: the directory of profile.yaml.")
@click.option("--git-repository", metavar="[NS/]NAME", help="Flux GitRepository of your GitOps repository.")
@click.option("--dry-run", type=click.Choice(["none", "client", "server"]), default="none", show_default=True)
@click.option("-o", "--output", type=click.Choice(["summary", "yaml", "json"]), default="summary", show_default=True)
@click.option("--output-dir", type=click.Path(file_okay=False), help="Write files for GitOps instead of applying.")
@click.option("--commit", is_flag=True, help="With --output-dir: commit the files.")
@click.option("--push", is_flag=True, help="With --commit: push the branch.")
@click.option("--create-pr", is_flag=True, help="With --push: open a GitHub pull request (GITHUB_TOKEN).")
@click.option("--message", help="Commit message.")
@click.pass_context
def install_cmd(
    ctx: click.Context,
    reference: str | None,
    name: str | None,
    values_files: tuple[str, ...],
    sets: tuple[str, ...],
    devel: bool,
    catalog_namespace: str | None,
    url: str | None,
    tag: str | None,
    branch: str | None,
    path: str | None,
    git_repository: str | None,
    dry_run: str,
    output: str,
    output_dir: str | None,
    commit: bool,
    push: bool,
    create_pr: bool,
    message: str | None,
) -> None:
    """Install a profile into the cluster, or as files for a GitOps repository."""
    import json

    from kubectl_profiles.cli.values import load_values
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.render import to_yaml

    if (commit or push or create_pr) and not output_dir:
        raise UsageError("--commit, --push and --create-pr go with --output-dir")
    if (push and not commit) or (create_pr and not push):
        raise UsageError("--push needs --commit, and --create-pr needs --push")
    values = load_values(values_files, sets)
    k = common.kube(ctx)
    objects, index, _ = build(
        ctx,
        reference=reference,
        url=url,
        tag=tag if url else None,
        branch=branch if url else None,
        path=path,
        name=name,
        namespace=k.namespace,
        values=values,
        devel=devel,
        catalog_namespace=catalog_namespace,
        git_repository=git_repository,
    )
    precheck(ctx, objects, index)
    if output_dir:
        from pathlib import Path

        from kubectl_profiles.gitops import publish
        from kubectl_profiles.render import write_tree

        written = write_tree(objects, Path(output_dir))
        for p in written:
            click.echo(str(p))
        if commit:
            publish(
                output_dir,
                written,
                branch=branch,
                message=message or f"Install profile {objects[0]['metadata']['name']}",
                push=push,
                create_pr=create_pr,
            )
        return
    if dry_run == "client":
        click.echo(to_yaml(objects) if output != "json" else json.dumps(objects, indent=2))
        return
    preflight_flux(ctx)
    if dry_run == "server":
        k.apply(objects, dry_run=True)
        if output == "summary":
            for obj in objects:
                click.echo(f"{obj['kind'].lower()}/{obj['metadata']['name']} (server dry run)")
        else:
            click.echo(to_yaml(objects) if output == "yaml" else json.dumps(objects, indent=2))
        return
    lines = apply_all(ctx, objects)
    if output == "summary":
        click.echo("\n".join(lines))
    else:
        click.echo(to_yaml(objects) if output == "yaml" else json.dumps(objects, indent=2))
