"""`install`: a profile into the cluster, or as files for a GitOps repository.

Order, and nothing is applied until every check has passed:
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
    values_from: list[dict[str, Any]] | None = None,
    config_map: str | None = None,
    patches: list[dict[str, Any]] | None = None,
    global_values: dict[str, Any] | None = None,
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
    if entry is not None and entry.chart is not None:
        if values_from or config_map or patches:
            raise UsageError(
                f"{entry.ref} is a Helm chart profile: --values-from, --config-map and --patches are for git "
                "profiles' artifacts",
                hint="give the chart's values with -f or --set",
            )
        objects = _build_chart(entry, catalog or {}, name, namespace, values, version_range, _secret_of(index, entry))
        return objects, index, entry
    tree = resolve_tree(source, common.git_cache(ctx, index), check=check_definition)
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
        values_from=values_from or (),
        config_map=config_map,
        patches=patches or (),
        global_values=global_values,
        git_repository=repo,
        version_range=version_range,
        warn=lambda message: click.echo(f"warning: {message}", err=True),
    )
    return objects, index, entry


def _secret_of(index: Any, entry: Any) -> str | None:
    """The secretRef of the catalog's Helm repository that serves this entry's chart, if it has one."""
    for source in index.catalog_sources(entry.catalog, entry.namespace):
        for repo in (source.get("spec") or {}).get("helmRepositories") or []:
            url = str((repo or {}).get("url") or "").rstrip("/")
            name = ((repo or {}).get("secretRef") or {}).get("name")
            if url and url == str(entry.chart["url"]).rstrip("/") and name:
                return str(name)
    return None


def _build_chart(
    entry: Any,
    catalog: dict[str, str],
    name: str | None,
    namespace: str,
    values: dict[str, Any],
    version_range: str | None,
    secret: str | None = None,
) -> list[dict[str, Any]]:
    """A profile that is a Helm chart: no repository to read, the catalog entry says everything."""
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.model.refs import is_dns_label
    from kubectl_profiles.render import render_chart_installation

    install_name = name or entry.name
    if not is_dns_label(install_name):
        raise UsageError(f"--name {install_name!r} is not a valid name", hint="use lower-case letters, digits, '-'")
    if secret and namespace != entry.namespace:
        click.echo(
            f"warning: the chart repository of {entry.ref} needs the Secret {secret!r}; Flux reads it from "
            f"namespace {namespace}, so copy it there from {entry.namespace}",
            err=True,
        )
    return render_chart_installation(
        secret_ref=secret,
        name=install_name,
        namespace=namespace,
        chart=entry.chart,
        version=entry.raw_version,
        catalog=catalog,
        values=values,
        version_range=version_range,
    )


def check_definition(doc: Any, src: Any) -> None:
    """`validate`'s definition rules on a profile.yaml that install is about to use; the first error stops it."""
    from kubectl_profiles import rules
    from kubectl_profiles.errors import ValidationFailed
    from kubectl_profiles.sources import redact

    errors = [v for v in rules.check_definition(doc, source=src) if v.is_error]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; see 'kubectl profiles validate')" if len(errors) > 1 else ""
        where = f"profile.yaml of {redact(src.url)}@{src.ref}"
        raise ValidationFailed(f"{where}: {first.message} [{first.rule}]{more}", errors)


def precheck(
    ctx: click.Context,
    objects: list[dict[str, Any]],
    index: Any,
    *,
    old: Any = None,
    allow_downgrade: bool = False,
    webhook: bool = True,
) -> None:
    """The webhook's rules on the ProfileInstallation, client-side; raises ValidationFailed with the first error.

    `webhook=False`: no webhook will see these objects, so access is decided here too."""
    from dataclasses import replace

    from kubectl_profiles import rules
    from kubectl_profiles.errors import ValidationFailed

    facts = replace(common.cluster_facts(ctx, index), allow_downgrade=allow_downgrade)
    offline = common.is_offline(ctx)
    by_group = _grants_groups(index, objects[0])
    user = common.kube(ctx).user_info() if by_group and not webhook and not offline else None
    if user is not None:
        facts = replace(facts, user=user)
    found = rules.check_installation(objects[0], facts, old=old)
    # Offline, other installations are unknown: a `profile NAME` prerequisite is not checked, only said.
    unknown = [v for v in found if offline and v.rule == "prerequisite.unmet"]
    for v in unknown:
        click.echo(f"warning: not checked without a cluster: {v.message} [{v.rule}]", err=True)
    errors = [v for v in found if v.is_error and v.rule != "installation.access.denied" and v not in unknown]
    denied = [v for v in found if v.rule == "installation.access.denied"]
    if denied and (not by_group or not webhook):
        errors += denied
    for v in found:
        if not v.is_error:
            click.echo(f"warning: {v.message} [{v.rule}]", err=True)
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        hint = None
        if first in denied and by_group and user is None:
            hint = (
                "this cluster cannot tell the plugin your groups, so group grants were not counted; "
                "--dry-run=server lets the webhook decide with your identity"
            )
        raise ValidationFailed(f"{first.message} [{first.rule}]{more}", errors, hint=hint)


def _grants_groups(index: Any, installation: dict[str, Any]) -> bool:
    ref = installation["spec"].get("catalog") or {}
    sources = index.catalog_sources(ref.get("catalog", ""), ref.get("namespace") or None)
    return any(((s.get("spec") or {}).get("access") or {}).get("groups") for s in sources)


def preflight_flux(ctx: click.Context, objects: list[dict[str, Any]]) -> None:
    """Discovery: the cluster must serve every Flux kind among `objects`, at the version they are written in."""
    from kubectl_profiles.errors import ClusterError
    from kubectl_profiles.model.flux import INSTALL_DOCS, kinds_of, missing_kinds, missing_message

    k = common.kube(ctx)
    needed = kinds_of(objects)
    groups = {f.group: k.group_versions(f.group) for f in needed}
    served = {f.api_version: k.served_kinds(f.api_version) for f in needed if f.version in (groups[f.group] or ())}
    missing = missing_kinds(needed, groups, served)
    if missing:
        raise ClusterError(missing_message(missing), hint=INSTALL_DOCS)


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
@click.option(
    "--catalog-file",
    "catalog_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Catalogs from this file, not the cluster (repeatable); with --output-dir or --dry-run=client.",
)
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
        objects, index, entry = build(
            ctx,
            reference=reference,
            url=url,
            tag=tag if url else None,
            branch=branch if url else None,
            path=path,
            name=name,
            namespace=common.namespace(ctx),
            values=own,
            devel=devel,
            catalog_namespace=catalog_namespace,
            git_repository=git_repository,
            values_from=parse_values_from(values_from),
            config_map=config_map,
            patches=load_patches(patches_file),
        )
        precheck(ctx, objects, index, webhook=not output_dir and dry_run != "client")
        installs.append((entry.layer if entry is not None else "", objects))
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
    preflight_flux(ctx, objects)
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
    lines = apply_all(ctx, objects)
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
