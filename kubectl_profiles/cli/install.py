"""`install`: a profile into the cluster, or as files for a GitOps repository.

Order, and nothing is applied until every check has passed (the steps are kubectl_profiles.services.install, which
`upgrade` calls too):
1. resolve the version (highest matching semver; prereleases only with --devel);
2. read the profile and its nested profiles from git, each profile.yaml checked by `validate`'s definition rules;
3. run the webhook's rules client-side on the ProfileInstallation, with cluster facts from one list per kind;
   the requester's groups are unknown here, so a group-based access denial is left to the webhook, except where
   no webhook will see the objects (--output-dir, --dry-run=client): there access is decided here, with the
   groups the API server reports for the requester (SelfSubjectReview) or, where it cannot (or with no cluster at
   all), with none;
4. check, by API discovery, that the cluster serves every Flux kind the objects need at the version written
   (kubectl_profiles.model.flux); a missing or too-old Flux is one line naming the kind and the Flux release;
5. a server-side dry run of every object, so that the webhook decides with the user's real identity;
6. apply: the ProfileInstallation, then the Flux objects; if a Flux object fails, what this command created is
   removed again.

`--output-dir` and `--dry-run=client` with `--url` or `--catalog-file` touch no cluster at all (no kubeconfig
needed): the checks run on the given catalogs only, as `validate` does, and the webhook judges the installation when
Flux applies it. Prerequisites on other installations cannot be known there and are printed as warnings.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import click

from kubectl_profiles.cli import common


@click.command("install")
@click.argument("references", nargs=-1, metavar="CATALOG/PROFILE[@VERSION|@RANGE]...")
@click.option("--name", help="Installation name (default: the profile's name; one profile only).")
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
@common.catalog_file_option("--output-dir or --dry-run=client")
@click.option("--config-map", help="ConfigMap holding values, one key per artifact (spec.configMap).")
@click.option(
    "--values-from",
    "values_from",
    multiple=True,
    metavar="KIND/NAME[:KEY]",
    help="Values from a ConfigMap or Secret for every chart (spec.valuesFrom; repeatable).",
)
@click.option(
    "--patches",
    "patches_file",
    type=click.Path(dir_okay=False),
    help="YAML list of Kustomize patches, {artifact, target, patch} (spec.patches).",
)
@click.option("--dry-run", type=click.Choice(["none", "client", "server"]), default="none", show_default=True)
@click.option("-o", "--output", type=click.Choice(["summary", "yaml", "json"]), default="summary", show_default=True)
@click.option("--output-dir", type=click.Path(file_okay=False), help="Write files for GitOps instead of applying.")
@click.option("--commit", is_flag=True, help="With --output-dir: commit the files.")
@click.option("--push", is_flag=True, help="With --commit: push the branch.")
@click.option("--create-pr", is_flag=True, help="With --push: open a GitHub pull request (GITHUB_TOKEN).")
@click.option("--message", help="Commit message.")
@click.option("--wait", is_flag=True, help="Wait until the installation is Ready (written by profiles-controller).")
@click.option("--timeout", default="5m", show_default=True, help="With --wait: how long to wait.")
@click.pass_context
def install_cmd(
    ctx: click.Context,
    references: tuple[str, ...],
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
    catalog_files: tuple[str, ...],
    config_map: str | None,
    values_from: tuple[str, ...],
    patches_file: str | None,
    dry_run: str,
    output: str,
    output_dir: str | None,
    commit: bool,
    push: bool,
    create_pr: bool,
    message: str | None,
    wait: bool,
    timeout: str,
) -> None:
    """Install profiles into the cluster, or as files for a GitOps repository.

    Several profiles at once are ordered by layer (weave.works/layer): the HelmReleases of each depend on those
    of the lower layers installed with it. Their values are keyed by profile name (--set nginx.replicaCount=2).
    """
    import json

    from kubectl_profiles.cli.values import load_patches, load_values, parse_values_from
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.render import order_by_layer, to_yaml
    from kubectl_profiles.services import install as service

    if (commit or push or create_pr) and not output_dir:
        raise UsageError("--commit, --push and --create-pr go with --output-dir")
    if (push and not commit) or (create_pr and not push):
        raise UsageError("--push needs --commit, and --create-pr needs --push")
    if wait and (output_dir or dry_run != "none"):
        raise UsageError("--wait goes with an install to the cluster, not with --output-dir or --dry-run")
    values = load_values(values_files, sets)
    if len(references) > 1 and (name or url):
        raise UsageError("--name and --url install one profile; give one reference with them")
    gitops = bool(output_dir) or dry_run == "client"
    if catalog_files and not gitops:
        raise UsageError(
            "--catalog-file goes with --output-dir or --dry-run=client",
            hint="in a cluster, installations are checked against the cluster's catalogs",
        )
    if gitops and (url or catalog_files):
        common.set_offline(ctx, catalog_files)
    if len(references) > 1:
        from kubectl_profiles.model.refs import parse_profile_ref

        profiles = [parse_profile_ref(r).profile for r in references]
        stray = sorted(set(values) - set(profiles))
        if stray:
            raise UsageError(
                f"values for several profiles are keyed by profile name, and {stray[0]!r} is none of them",
                hint=f"write e.g. --set {profiles[0]}.KEY=VALUE",
            )
    installs: list[tuple[str, list[dict[str, Any]]]] = []
    for reference in references or (None,):
        own = values
        if len(references) > 1 and reference is not None:
            found = values.get(parse_profile_ref(reference).profile)
            own = dict(found) if isinstance(found, dict) else {}
        target = service.Target(
            reference=reference,
            url=url,
            tag=tag if url else None,
            branch=branch if url else None,
            path=path,
            devel=devel,
            catalog_namespace=catalog_namespace,
        )
        settings = service.Settings(
            namespace=common.namespace(ctx),
            name=name,
            values=own,
            values_from=parse_values_from(values_from),
            config_map=config_map,
            patches=load_patches(patches_file),
            git_repository=git_repository,
        )
        index = common.catalog_index(ctx)
        built = service.build(
            index, target, settings, git_cache=partial(common.git_cache, ctx, index), warn=common.warn
        )
        service.precheck(
            built.objects,
            index,
            common.cluster_facts(ctx, index),
            common.client(ctx),
            webhook=not output_dir and dry_run != "client",
            warn=common.warn,
        )
        installs.append((built.layer, built.objects))
    names = [objects[0]["metadata"]["name"] for _, objects in installs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"two of the profiles would both be installed as {twice[0]!r}", hint="install them apart")
    groups = order_by_layer(installs)
    objects = [obj for group in groups for obj in group]
    if output_dir:
        from pathlib import Path

        from kubectl_profiles.gitops import publish
        from kubectl_profiles.render import write_tree

        written = [p for group in groups for p in write_tree(group, Path(output_dir))]
        for p in written:
            click.echo(str(p))
        if commit:
            publish(
                output_dir,
                written,
                branch=branch,
                message=message or f"Install profile {', '.join(g[0]['metadata']['name'] for g in groups)}",
                push=push,
                create_pr=create_pr,
                timeout=common.git_timeout(ctx),
                say=lambda line: click.echo(line, err=True),
            )
        return
    if dry_run == "client":
        click.echo(to_yaml(objects) if output != "json" else json.dumps(objects, indent=2))
        return
    service.preflight_flux(common.kube(ctx), objects)
    if dry_run == "server":
        common.kube(ctx).apply(objects, dry_run=True)
        if output == "summary":
            for obj in objects:
                click.echo(f"{obj['kind'].lower()}/{obj['metadata']['name']} (server dry run)")
        else:
            click.echo(to_yaml(objects) if output == "yaml" else json.dumps(objects, indent=2))
        return
    from kubectl_profiles.cli.status import parse_timeout, wait_ready

    wait_for = parse_timeout(timeout) if wait else None
    lines = service.apply_all(common.kube(ctx), objects)
    if output == "summary":
        click.echo("\n".join(lines))
    else:
        click.echo(to_yaml(objects) if output == "yaml" else json.dumps(objects, indent=2))
    if wait_for is not None:
        import time

        deadline = time.monotonic() + wait_for
        for group in groups:  # every installation made, lower layers first, all within one --timeout
            installed = group[0]["metadata"]["name"]
            left = max(0.0, deadline - time.monotonic())
            ready = wait_ready(ctx, installed, common.namespace(ctx), left)
            if output == "summary":
                click.echo(f"{installed} is ready: {ready.get('message') or ''}".rstrip())
