"""Installing a profile, as `install`, `template` and `upgrade` do it (the order is in kubectl_profiles.cli.install).

- `build`: resolve the version, read the profile and its nested profiles from git (each profile.yaml checked by
  `validate`'s definition rules), and render the ProfileInstallation and its Flux objects; a profile that is a Helm
  chart needs no repository: its catalog entry says everything.
- `precheck`: the webhook's rules on the ProfileInstallation, client-side, with the cluster's facts.
- `preflight_flux`: discovery says whether the cluster serves every Flux kind the objects need.
- `apply_all`: a server-side dry run of everything, then apply; what this call created is removed again if a later
  object fails.

The commands pass the catalog index, the cluster's facts and the client they have (None when the work is offline);
what they print of a warning is theirs (`warn`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kubectl_profiles import rules
from kubectl_profiles.errors import ClusterError, ProfilesError, UsageError, ValidationFailed
from kubectl_profiles.model.entry import Entry
from kubectl_profiles.model.flux import INSTALL_DOCS, kinds_of, missing_kinds, missing_message
from kubectl_profiles.model.refs import SourceRef, is_dns_label, parse_profile_ref, source_ref
from kubectl_profiles.model.semver import is_semver
from kubectl_profiles.render import render_chart_installation, render_installation
from kubectl_profiles.sources import GitCache, redact, resolve_tree

if TYPE_CHECKING:
    from kubectl_profiles.catalog import CatalogIndex
    from kubectl_profiles.kube import Kube
    from kubectl_profiles.model.facts import Facts

Warn = Callable[[str], None]
"""Receives a warning's text (the commands print `warning: TEXT` on stderr)."""


@dataclass(frozen=True)
class Target:
    """Which profile: a catalog reference `CATALOG/PROFILE[@VERSION|@RANGE]`, or a git source (`url` with one of
    `tag` and `branch`, and the directory of profile.yaml)."""

    reference: str | None = None
    url: str | None = None
    tag: str | None = None
    branch: str | None = None
    path: str | None = None
    devel: bool = False
    """Prereleases count when a range is resolved."""
    catalog_namespace: str | None = None
    """The catalog's namespace, when its name is not unique."""


@dataclass(frozen=True)
class Settings:
    """How it is installed: where, under which name, with which values, and the rest of the installation's spec."""

    namespace: str
    name: str | None = None
    """The installation's name; None: the profile's."""
    values: Mapping[str, Any] = field(default_factory=dict)
    values_from: Sequence[Mapping[str, Any]] = ()
    config_map: str | None = None
    patches: Sequence[Mapping[str, Any]] = ()
    global_values: Mapping[str, Any] | None = None
    git_repository: str | None = None
    """`[NS/]NAME` of the Flux GitRepository of the user's GitOps repository."""


@dataclass(frozen=True)
class Built:
    objects: list[dict[str, Any]]
    """The ProfileInstallation first, then the Flux objects."""
    entry: Entry | None
    """The catalog entry installed; None for a git source."""

    @property
    def layer(self) -> str:
        return self.entry.layer if self.entry is not None else ""


def kept_settings(installation: Mapping[str, Any], *, name: str, namespace: str, values: Mapping[str, Any]) -> Settings:
    """The settings of an installation that an upgrade carries over besides its values: valuesFrom, configMap,
    patches, globalValues and the GitOps repository's GitRepository (dropping them would change what Flux deploys
    without a word). The values are given: an upgrade may change them."""
    spec = installation.get("spec") or {}
    repo = spec.get("gitRepository") or {}
    return Settings(
        namespace=namespace,
        name=name,
        values=values,
        values_from=list(spec.get("valuesFrom") or []),
        config_map=spec.get("configMap") or None,
        patches=list(spec.get("patches") or []),
        global_values=dict(spec.get("globalValues") or {}) or None,
        git_repository=f"{repo.get('namespace') or ''}/{repo['name']}".lstrip("/") if repo.get("name") else None,
    )


def build(
    index: CatalogIndex, target: Target, settings: Settings, *, git_cache: Callable[[], GitCache], warn: Warn
) -> Built:
    """Resolve, fetch and render. `git_cache` is called only for a profile read from git."""
    entry = None
    version_range = None
    catalog: dict[str, str] | None = None
    if target.url:
        if target.reference:
            raise UsageError("give either CATALOG/PROFILE or --url, not both")
        if bool(target.tag) == bool(target.branch):
            raise UsageError("--url needs exactly one of --tag and --branch")
        # --tag NAME/vX alone: the profile is in NAME/
        source = source_ref(target.url, tag=target.tag, branch=target.branch, path=target.path)
    else:
        if not target.reference:
            raise UsageError("name a profile (CATALOG/PROFILE[@VERSION]) or give --url")
        ref = parse_profile_ref(target.reference)
        entry = index.resolve(
            ref.catalog, ref.profile, ref.version, namespace=target.catalog_namespace, devel=target.devel
        )
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
        if settings.values_from or settings.config_map or settings.patches:
            raise UsageError(
                f"{entry.ref} is a Helm chart profile: --values-from, --config-map and --patches are for git "
                "profiles' artifacts",
                hint="give the chart's values with -f or --set",
            )
        objects = _build_chart(entry, catalog or {}, settings, version_range, _secret_of(index, entry), warn)
        return Built(objects, entry)
    tree = resolve_tree(source, git_cache(), check=check_definition)
    install_name = _valid_name(settings.name or (entry.name if entry else tree.definition.name))
    repo = None
    if settings.git_repository:
        ns, _, repo_name = settings.git_repository.rpartition("/")
        repo = {"name": repo_name, "namespace": ns or settings.namespace}
    objects = render_installation(
        name=install_name,
        namespace=settings.namespace,
        source=source,
        tree=tree,
        catalog=catalog,
        values=settings.values,
        values_from=settings.values_from,
        config_map=settings.config_map,
        patches=settings.patches,
        global_values=settings.global_values,
        git_repository=repo,
        version_range=version_range,
        warn=warn,
    )
    return Built(objects, entry)


def _valid_name(name: str) -> str:
    if not is_dns_label(name):
        raise UsageError(f"--name {name!r} is not a valid name", hint="use lower-case letters, digits, '-'")
    return name


def _secret_of(index: CatalogIndex, entry: Entry) -> str | None:
    """The secretRef of the catalog's Helm repository that serves this entry's chart, if it has one."""
    assert entry.chart is not None
    for source in index.catalog_sources(entry.catalog, entry.namespace):
        for repo in (source.get("spec") or {}).get("helmRepositories") or []:
            url = str((repo or {}).get("url") or "").rstrip("/")
            name = ((repo or {}).get("secretRef") or {}).get("name")
            if url and url == str(entry.chart["url"]).rstrip("/") and name:
                return str(name)
    return None


def _build_chart(
    entry: Entry,
    catalog: dict[str, str],
    settings: Settings,
    version_range: str | None,
    secret: str | None,
    warn: Warn,
) -> list[dict[str, Any]]:
    """A profile that is a Helm chart: no repository to read, the catalog entry says everything."""
    assert entry.chart is not None
    install_name = _valid_name(settings.name or entry.name)
    if secret and settings.namespace != entry.namespace:
        warn(
            f"the chart repository of {entry.ref} needs the Secret {secret!r}; Flux reads it from "
            f"namespace {settings.namespace}, so copy it there from {entry.namespace}"
        )
    return render_chart_installation(
        secret_ref=secret,
        name=install_name,
        namespace=settings.namespace,
        chart=entry.chart,
        version=entry.raw_version,
        catalog=catalog,
        values=settings.values,
        version_range=version_range,
    )


def check_definition(doc: Mapping[str, Any], src: SourceRef) -> None:
    """`validate`'s definition rules on a profile.yaml about to be used; the first error stops it."""
    errors = [v for v in rules.check_definition(doc, source=src) if v.is_error]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; see 'kubectl profiles validate')" if len(errors) > 1 else ""
        where = f"profile.yaml of {redact(src.url)}@{src.ref}"
        raise ValidationFailed(f"{where}: {first.message} [{first.rule}]{more}", errors)


def precheck(
    objects: Sequence[Mapping[str, Any]],
    index: CatalogIndex,
    facts: Facts,
    kube: Kube | None,
    *,
    old: Mapping[str, Any] | None = None,
    allow_downgrade: bool = False,
    webhook: bool = True,
    warn: Warn,
) -> None:
    """The webhook's rules on the ProfileInstallation, client-side; raises ValidationFailed with the first error.

    `kube` None: offline, so other installations are unknown, and a `profile NAME` prerequisite is said, not
    checked. The requester's groups are unknown here too, so a group-based access denial is left to the webhook;
    `webhook=False` (no webhook will see these objects) decides access here, with the groups the API server reports
    for the requester where it can."""
    facts = replace(facts, allow_downgrade=allow_downgrade)
    offline = kube is None
    by_group = _grants_groups(index, objects[0])
    user = kube.user_info() if kube is not None and by_group and not webhook else None
    if user is not None:
        facts = replace(facts, user=user)
    found = rules.check_installation(objects[0], facts, old=old)
    unknown = [v for v in found if offline and v.rule == "prerequisite.unmet"]
    for v in unknown:
        warn(f"not checked without a cluster: {v.message} [{v.rule}]")
    errors = [v for v in found if v.is_error and v.rule != "installation.access.denied" and v not in unknown]
    denied = [v for v in found if v.rule == "installation.access.denied"]
    if denied and (not by_group or not webhook):
        errors += denied
    for v in found:
        if not v.is_error:
            warn(f"{v.message} [{v.rule}]")
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


def _grants_groups(index: CatalogIndex, installation: Mapping[str, Any]) -> bool:
    ref = installation["spec"].get("catalog") or {}
    sources = index.catalog_sources(ref.get("catalog", ""), ref.get("namespace") or None)
    return any(((s.get("spec") or {}).get("access") or {}).get("groups") for s in sources)


def preflight_flux(kube: Kube, objects: Sequence[Mapping[str, Any]]) -> None:
    """Discovery: the cluster must serve every Flux kind among `objects`, at the version they are written in."""
    needed = kinds_of(objects)
    groups = {f.group: kube.group_versions(f.group) for f in needed}
    served = {f.api_version: kube.served_kinds(f.api_version) for f in needed if f.version in (groups[f.group] or ())}
    missing = missing_kinds(needed, groups, served)
    if missing:
        raise ClusterError(missing_message(missing), hint=INSTALL_DOCS)


def apply_all(kube: Kube, objects: Sequence[Mapping[str, Any]]) -> list[str]:
    """Dry-run everything on the server, then apply; remove what this call created if a later object fails.
    Returns a line per object, as kubectl apply prints them."""
    kube.apply(objects, dry_run=True)
    created: list[Mapping[str, Any]] = []
    lines = []
    try:
        for obj in objects:
            resource = kube.resource_for(obj)
            meta = obj["metadata"]
            existed = kube.get(resource, meta["name"], meta["namespace"]) is not None
            kube.apply([obj])
            if not existed:
                created.append(obj)
            group = obj["apiVersion"].split("/")[0]
            lines.append(f"{obj['kind'].lower()}.{group}/{meta['name']} {'configured' if existed else 'created'}")
    except ProfilesError:
        for obj in reversed(created):
            kube.delete(kube.resource_for(obj), obj["metadata"]["name"], obj["metadata"]["namespace"])
        raise
    return lines
