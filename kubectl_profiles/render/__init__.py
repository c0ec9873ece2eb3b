"""A ProfileInstallation and the Flux objects that deliver its artifacts, from a resolved profile tree.

- One GitRepository per profile source (the root and each nested profile), unless the installation names the
  GitRepository of a GitOps repository (`spec.gitRepository`), which then serves the root profile's files.
- Per remote chart: a HelmRepository and a HelmRelease; for an `oci://` chart URL an OCIRepository (the chart's
  OCI artifact) and a HelmRelease with `spec.chartRef`, which is what Flux documents for OCI charts today; per local
  chart: a HelmRelease from the GitRepository; per kustomize directory: a Kustomization. API versions come from the
  one table of Flux kinds (kubectl_profiles.model.flux).
- Nested profiles are flattened: their objects are named `<installation>-<artifact>-<nested artifact>`. An
  artifact's *address* is its name, prefixed by the names of the profile artifacts that nest it, joined by dots
  (`cache.redis`): `spec.configMap` keys and `spec.patches[].artifact` use it.
- Values, lowest precedence first (Flux merges `valuesFrom` in order, then `values` over them):
  the chart's `defaultValues`; the ConfigMap `spec.configMap`, key = the artifact's address (optional: a ConfigMap
  needs keys only for the artifacts it configures); every `spec.valuesFrom` entry (they name no artifact, so they
  reach every HelmRelease, as the original's ProfileSubscription `valuesFrom` did); v0.0.5 global values (the
  ProfileSubscription's `values`, `global_values` here) and `spec.values.<artifact>` (nested:
  `spec.values.<profile artifact>.<artifact>`), merged inline. When a HelmRelease has any `valuesFrom`, the chart's
  `defaultValues` move into a ConfigMap of their own at the head of the list: inline they would override the user's.
- `spec.patches[]` become the Kustomization's `spec.patches`, or a kustomize post-renderer of the HelmRelease.
- `dependsOn` is carried over between objects of the same Flux kind (Flux orders HelmReleases among themselves
  and Kustomizations among themselves); one across kinds cannot be expressed and is reported through `warn`.
- Every object is labelled `profiles.weave.works/installation=<name>`. Output is deterministic: the same input
  gives byte-identical YAML, which keeps GitOps diffs quiet.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.definition import Artifact, ResolvedProfile
from kubectl_profiles.model.flux import (
    GIT_REPOSITORY,
    HELM_RELEASE,
    HELM_REPOSITORY,
    KUSTOMIZATION,
    OCI_REPOSITORY,
)
from kubectl_profiles.model.labels import INSTALLATION_LABEL, RANGE_ANNOTATION
from kubectl_profiles.model.refs import SourceRef, normalise_path, require_name
from kubectl_profiles.model.semver import is_semver

OWNED_KINDS = ("HelmRelease", "Kustomization", "HelmRepository", "OCIRepository", "GitRepository", "ConfigMap")
"""Kinds an installation owns (labelled with it), in the order uninstall removes them: consumers first."""
MAX_NAME = 53  # Helm release names; kept for every kind so that names line up
HELM_CHART_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
DEFAULTS_KEY = "values.yaml"
VALUES_REF_KEYS = ("kind", "name", "valuesKey", "targetPath", "optional")
TARGET_KEYS = ("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector")
_KIND_NAMES = {"chart": "HelmRelease", "kustomize": "Kustomization", "profile": "nested profile"}


def object_name(*parts: str) -> str:
    name = "-".join(p for p in parts if p).lower()
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9].rstrip('-')}-{digest}"


_SCP_LIKE = re.compile(r"^(?P<user>[^@/:]+)@(?P<host>[^@/:]+):(?!//)(?P<path>.+)$")


def flux_git_url(url: str) -> str:
    """The URL as Flux's GitRepository takes it: git's scp-like `git@host:org/repo` becomes `ssh://git@host/org/repo`
    (Flux accepts only http, https and ssh:// URLs)."""
    found = _SCP_LIKE.match(url)
    if not found:
        return url
    path = found["path"]
    return f"ssh://{found['user']}@{found['host']}{'' if path.startswith('/') else '/'}{path}"


def merge(base: Any, override: Any) -> Any:
    """Deep merge of mappings (override wins), as Helm merges values."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        out = {k: copy.deepcopy(v) for k, v in base.items()}
        for key, value in override.items():
            out[key] = merge(out.get(key), value) if key in out else copy.deepcopy(value)
        return out
    return copy.deepcopy(override)


def _values_refs(values_from: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for i, ref in enumerate(values_from):
        if not isinstance(ref, Mapping) or ref.get("kind") not in ("ConfigMap", "Secret") or not ref.get("name"):
            raise UsageError(
                f"spec.valuesFrom[{i}] needs kind (ConfigMap or Secret) and name",
                hint="e.g. {kind: Secret, name: my-values}",
            )
        out.append({k: ref[k] for k in VALUES_REF_KEYS if k in ref})
    return out


def _patches(patches: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """`spec.patches[]` grouped by artifact address, in order, as Flux's patch items."""
    out: dict[str, list[dict[str, Any]]] = {}
    for i, raw in enumerate(patches):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("artifact"), str) or not raw["artifact"]:
            raise UsageError(f"spec.patches[{i}].artifact is required", hint="name the chart or kustomize artifact")
        if not isinstance(raw.get("patch"), str) or not raw["patch"].strip():
            raise UsageError(
                f"spec.patches[{i}].patch is required", hint="a strategic merge patch or a JSON 6902 patch, as text"
            )
        item: dict[str, Any] = {"patch": raw["patch"]}
        target = raw.get("target")
        if target is not None:
            if not isinstance(target, Mapping):
                raise UsageError(f"spec.patches[{i}].target must be an object", hint="e.g. {kind: Deployment}")
            item["target"] = {k: target[k] for k in TARGET_KEYS if k in target}
        out.setdefault(raw["artifact"], []).append(item)
    return out


class _Renderer:
    def __init__(
        self,
        name: str,
        namespace: str,
        interval: str,
        *,
        global_values: Mapping[str, Any],
        values_from: list[dict[str, Any]],
        config_map: str | None,
        patches: dict[str, list[dict[str, Any]]],
        warn: Callable[[str], None],
    ) -> None:
        self.name, self.namespace, self.interval = name, namespace, interval
        self.global_values, self.values_from, self.config_map = global_values, values_from, config_map
        self.patches, self.warn = patches, warn
        self.objects: list[dict[str, Any]] = []
        self.addresses: dict[str, str] = {}
        """Every artifact address seen, with its kind (to check `spec.patches[].artifact`)."""

    def meta(self, name: str) -> dict[str, Any]:
        return {
            "name": name,
            "namespace": self.namespace,
            "labels": {INSTALLATION_LABEL: self.name, "app.kubernetes.io/managed-by": "kubectl-profiles"},
        }

    def git_repository(self, name: str, src: SourceRef) -> dict[str, Any]:
        ref = {"tag": src.tag} if src.tag else {"branch": src.branch or "main"}
        url = flux_git_url(src.url)  # a file:// URL (local development) is kept: Flux's own CRD refuses it
        obj = {
            "apiVersion": GIT_REPOSITORY.api_version,
            "kind": GIT_REPOSITORY.kind,
            "metadata": self.meta(name),
            "spec": {"url": url, "ref": ref, "interval": self.interval},
        }
        self.objects.append(obj)
        return obj

    def node(
        self,
        tree: ResolvedProfile,
        prefix: str,
        values: Mapping[str, Any],
        source_ref: dict[str, str],
        path: tuple[str, ...],
    ) -> None:
        kinds = {a.name: a for a in tree.definition.artifacts}
        for artifact in tree.definition.artifacts:
            found = values.get(artifact.name)
            own: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
            address = ".".join((*path, artifact.name))
            self.addresses[address] = artifact.kind
            if artifact.kind == "profile":
                child = tree.children[artifact.name]
                child_prefix = object_name(prefix, artifact.name)
                repo = self.git_repository(child_prefix, child.source)
                self._depends(artifact, address, prefix, kinds)  # only to warn: a profile is no Flux object
                self.node(
                    child,
                    child_prefix,
                    own,
                    {"kind": GIT_REPOSITORY.kind, "name": repo["metadata"]["name"], "namespace": self.namespace},
                    (*path, artifact.name),
                )
            elif artifact.kind == "chart":
                self.chart(artifact, address, prefix, own, source_ref, kinds)
            else:
                self.kustomization(artifact, address, prefix, source_ref, kinds)

    def _depends(
        self, artifact: Artifact, address: str, prefix: str, kinds: Mapping[str, Artifact]
    ) -> list[dict[str, str]]:
        out = []
        for dep in artifact.depends_on:
            target = kinds.get(dep)
            if target is not None and target.kind == artifact.kind and artifact.kind != "profile":
                out.append({"name": object_name(prefix, dep)})
            elif target is not None:
                self.warn(
                    f"artifact {address} ({_KIND_NAMES[artifact.kind]}) depends on {dep} "
                    f"({_KIND_NAMES[target.kind]}): Flux orders only objects of one kind, so this dependsOn is "
                    "not written and they reconcile independently"
                )
        return out

    def chart(
        self,
        artifact: Artifact,
        address: str,
        prefix: str,
        values: Mapping[str, Any],
        source_ref: dict[str, str],
        kinds: Mapping[str, Artifact],
    ) -> None:
        assert artifact.chart is not None
        chart = artifact.chart
        name = object_name(prefix, artifact.name)
        parsed = yaml.safe_load(chart.default_values) if chart.default_values.strip() else {}
        defaults: Mapping[str, Any] = parsed if isinstance(parsed, Mapping) else {}
        spec: dict[str, Any] = {"interval": self.interval}
        if chart.path:
            spec["chart"] = {"spec": {"chart": f"./{normalise_path(chart.path)}", "sourceRef": source_ref}}
        elif (chart.url or "").startswith("oci://"):
            spec["chartRef"] = self.oci_repository(name, str(chart.url), str(chart.name), chart.version)
        else:
            self.objects.append(
                {
                    "apiVersion": HELM_REPOSITORY.api_version,
                    "kind": HELM_REPOSITORY.kind,
                    "metadata": self.meta(name),
                    "spec": {"url": chart.url, "interval": self.interval},
                }
            )
            chart_spec: dict[str, Any] = {
                "chart": chart.name,
                "sourceRef": {"kind": HELM_REPOSITORY.kind, "name": name, "namespace": self.namespace},
            }
            if chart.version:
                chart_spec["version"] = chart.version
            spec["chart"] = {"spec": chart_spec}
        spec["targetNamespace"] = self.namespace
        depends = self._depends(artifact, address, prefix, kinds)
        if depends:
            spec["dependsOn"] = depends
        refs: list[dict[str, Any]] = []
        if self.config_map:
            refs.append({"kind": "ConfigMap", "name": self.config_map, "valuesKey": address, "optional": True})
        refs += copy.deepcopy(self.values_from)
        inline = merge(self.global_values, values)
        if refs and defaults:
            defaults_name = object_name(name, "defaults")
            self.objects.append(
                {
                    "apiVersion": "v1",
                    "kind": "ConfigMap",
                    "metadata": self.meta(defaults_name),
                    "data": {DEFAULTS_KEY: chart.default_values},
                }
            )
            refs.insert(0, {"kind": "ConfigMap", "name": defaults_name, "valuesKey": DEFAULTS_KEY})
        elif defaults:
            inline = merge(defaults, inline)
        if inline:
            spec["values"] = inline
        if refs:
            spec["valuesFrom"] = refs
        patches = self.patches.get(address)
        if patches:
            spec["postRenderers"] = [{"kustomize": {"patches": copy.deepcopy(patches)}}]
        self.objects.append(
            {
                "apiVersion": HELM_RELEASE.api_version,
                "kind": HELM_RELEASE.kind,
                "metadata": self.meta(name),
                "spec": spec,
            }
        )

    def oci_repository(
        self, name: str, url: str, chart: str, version: str | None, secret_ref: str | None = None
    ) -> dict[str, str]:
        """An OCIRepository for the chart's OCI artifact; returns the HelmRelease's `chartRef` to it. `secret_ref`
        names the registry's credentials, which Flux reads from a `kubernetes.io/dockerconfigjson` Secret."""
        if version and is_semver(version):
            ref = {"tag": version.replace("+", "_")}  # OCI tags cannot hold '+'; Helm pushes it as '_'
        else:
            ref = {"semver": version or "*"}
        spec: dict[str, Any] = {
            "interval": self.interval,
            "url": f"{url.rstrip('/')}/{chart}",
            "ref": ref,
            "layerSelector": {"mediaType": HELM_CHART_MEDIA_TYPE, "operation": "copy"},
        }
        if secret_ref:
            spec["secretRef"] = {"name": secret_ref}
        self.objects.append(
            {
                "apiVersion": OCI_REPOSITORY.api_version,
                "kind": OCI_REPOSITORY.kind,
                "metadata": self.meta(name),
                "spec": spec,
            }
        )
        return {"kind": OCI_REPOSITORY.kind, "name": name, "namespace": self.namespace}

    def kustomization(
        self,
        artifact: Artifact,
        address: str,
        prefix: str,
        source_ref: dict[str, str],
        kinds: Mapping[str, Artifact],
    ) -> None:
        spec: dict[str, Any] = {
            "interval": self.interval,
            "path": f"./{normalise_path(artifact.kustomize_path)}",
            "prune": True,
            "sourceRef": source_ref,
            "targetNamespace": self.namespace,
        }
        depends = self._depends(artifact, address, prefix, kinds)
        if depends:
            spec["dependsOn"] = depends
        patches = self.patches.get(address)
        if patches:
            spec["patches"] = copy.deepcopy(patches)
        self.objects.append(
            {
                "apiVersion": KUSTOMIZATION.api_version,
                "kind": KUSTOMIZATION.kind,
                "metadata": self.meta(object_name(prefix, artifact.name)),
                "spec": spec,
            }
        )

    def check_patch_targets(self) -> None:
        for address in self.patches:
            if self.addresses.get(address) in ("chart", "kustomize"):
                continue
            choices = ", ".join(a for a, k in self.addresses.items() if k != "profile") or "none"
            what = "a nested profile, not a chart or kustomize artifact" if address in self.addresses else "no artifact"
            raise UsageError(
                f"spec.patches[].artifact {address!r} names {what}",
                hint=f"use one of: {choices}",
            )


def render_installation(
    *,
    name: str,
    namespace: str,
    source: SourceRef,
    tree: ResolvedProfile,
    catalog: Mapping[str, str] | None = None,
    values: Mapping[str, Any] | None = None,
    values_from: Sequence[Mapping[str, Any]] = (),
    config_map: str | None = None,
    patches: Sequence[Mapping[str, Any]] = (),
    global_values: Mapping[str, Any] | None = None,
    git_repository: Mapping[str, str] | None = None,
    version_range: str | None = None,
    interval: str = "1m",
    warn: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """The ProfileInstallation first, then the Flux objects, in a stable order.

    `global_values` (`spec.globalValues`) go to every HelmRelease, under each artifact's own values: the v0.0.5
    ProfileSubscription's `values` were such, and `migrate` writes them there. `warn` receives what cannot be written (dependsOn across kinds).
    """
    r = _Renderer(
        name,
        namespace,
        interval,
        global_values=global_values or {},
        values_from=_values_refs(values_from),
        config_map=config_map or None,
        patches=_patches(patches),
        warn=warn or (lambda _message: None),
    )
    spec: dict[str, Any] = {}
    if catalog is not None:
        spec["catalog"] = dict(catalog)
    else:
        spec["source"] = {
            "url": source.url,
            **({"tag": source.tag} if source.tag else {}),
            **({"branch": source.branch} if source.branch else {}),
            "path": normalise_path(source.path),
        }
    if values:
        spec["values"] = copy.deepcopy(dict(values))
    if values_from:
        spec["valuesFrom"] = copy.deepcopy(r.values_from)
    if config_map:
        spec["configMap"] = config_map
    if global_values:
        spec["globalValues"] = copy.deepcopy(dict(global_values))
    if patches:
        spec["patches"] = [copy.deepcopy(dict(p)) for p in patches]
    if git_repository:
        spec["gitRepository"] = dict(git_repository)
    meta = r.meta(name)
    if version_range:
        meta["annotations"] = {RANGE_ANNOTATION: version_range}
    installation = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileInstallation", "metadata": meta, "spec": spec}
    if git_repository:
        root_ref = {
            "kind": GIT_REPOSITORY.kind,
            "name": git_repository["name"],
            "namespace": git_repository.get("namespace") or namespace,
        }
    else:
        repo = r.git_repository(name, source)
        root_ref = {"kind": GIT_REPOSITORY.kind, "name": repo["metadata"]["name"], "namespace": namespace}
    r.node(tree, name, values or {}, root_ref, ())
    r.check_patch_targets()
    return [installation, *r.objects]


def render_chart_installation(
    *,
    name: str,
    namespace: str,
    chart: Mapping[str, Any],
    version: str,
    catalog: Mapping[str, str],
    values: Mapping[str, Any] | None = None,
    version_range: str | None = None,
    interval: str = "1m",
    secret_ref: str | None = None,
) -> list[dict[str, Any]]:
    """A profile that is a Helm chart: the ProfileInstallation, a HelmRepository and a HelmRelease pinned to it.

    `chart` is the catalog entry's `{url, name}`. An `oci://` repository becomes an OCIRepository of the chart at
    that tag and a HelmRelease with `chartRef`, as for a profile's remote OCI chart. The installation's values go
    to the chart as they are (a chart profile has one artifact, the chart itself). `secret_ref` names the Secret
    with the repository's credentials, which Flux reads from the source's namespace: a HelmRepository's holds a
    username and password, an OCIRepository's is a `kubernetes.io/dockerconfigjson` Secret.
    """
    r = _Renderer(
        name,
        namespace,
        interval,
        global_values={},
        values_from=[],
        config_map=None,
        patches={},
        warn=lambda _: None,
    )
    meta = r.meta(name)
    if version_range:
        meta["annotations"] = {RANGE_ANNOTATION: version_range}
    spec: dict[str, Any] = {"catalog": dict(catalog)}
    if values:
        spec["values"] = copy.deepcopy(dict(values))
    installation = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileInstallation", "metadata": meta, "spec": spec}
    url = str(chart["url"])
    release_spec: dict[str, Any] = {"interval": interval}
    if url.startswith("oci://"):
        release_spec["chartRef"] = r.oci_repository(name, url, str(chart["name"]), version, secret_ref)
    else:
        repo_spec: dict[str, Any] = {"url": url, "interval": interval}
        if secret_ref:
            repo_spec["secretRef"] = {"name": secret_ref}
        r.objects.append(
            {
                "apiVersion": HELM_REPOSITORY.api_version,
                "kind": HELM_REPOSITORY.kind,
                "metadata": r.meta(name),
                "spec": repo_spec,
            }
        )
        release_spec["chart"] = {
            "spec": {
                "chart": str(chart["name"]),
                "version": version,
                "sourceRef": {"kind": HELM_REPOSITORY.kind, "name": name, "namespace": namespace},
            }
        }
    release_spec["targetNamespace"] = namespace
    if values:
        release_spec["values"] = copy.deepcopy(dict(values))
    release = {
        "apiVersion": HELM_RELEASE.api_version,
        "kind": HELM_RELEASE.kind,
        "metadata": r.meta(name),
        "spec": release_spec,
    }
    return [installation, *r.objects, release]


def layer_order(layer: str) -> tuple[Any, ...]:
    """Layers sort by name with numbers compared as numbers (`layer-2` before `layer-10`)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", layer) if part)


def order_by_layer(installs: Sequence[tuple[str, list[dict[str, Any]]]]) -> list[list[dict[str, Any]]]:
    """Installations applied together, ordered by layer; each one's HelmReleases depend on those of every lower layer.

    `installs` are (layer, objects) pairs; an empty layer means none. As in Weave GitOps, profiles without a layer
    come after (and depend on) every layered one; when no profile has a layer, nothing changes. The sort is stable,
    so profiles of one layer keep the order they were given in.
    """
    if not any(layer for layer, _ in installs):
        return [objects for _, objects in installs]
    ranked = sorted(installs, key=lambda item: (not item[0], layer_order(item[0])))
    out: list[list[dict[str, Any]]] = []
    below: list[dict[str, str]] = []
    current: str | None = None
    pending: list[dict[str, str]] = []
    for layer, objects in ranked:
        if layer != current:
            below, pending, current = below + pending, [], layer
        releases = [o for o in objects if o.get("kind") == "HelmRelease"]
        for release in releases:
            if below:
                deps = release["spec"].setdefault("dependsOn", [])
                deps.extend(d for d in below if d not in deps)
        pending += [{"name": o["metadata"]["name"]} for o in releases]
        out.append(objects)
    return out


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line strings (patches, default values) as literal blocks, readable in a GitOps diff."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _represent_str)


def dump(obj: Mapping[str, Any]) -> str:
    """One object as the YAML every writer of GitOps files uses (install, template, upgrade's merge)."""
    return yaml.dump(dict(obj), Dumper=_Dumper, sort_keys=False, default_flow_style=False)


def to_yaml(objects: Sequence[Mapping[str, Any]]) -> str:
    return yaml.dump_all([dict(o) for o in objects], Dumper=_Dumper, sort_keys=False, default_flow_style=False)


def file_name(obj: Mapping[str, Any]) -> str:
    return f"{str(obj['kind']).lower()}-{obj['metadata']['name']}.yaml"


KUSTOMIZATION_FILE = "kustomization.yaml"


def gitops_files(objects: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The GitOps files of one installation, by name: each object as `<kind>-<name>.yaml`, and the
    kustomization.yaml that lists them in order.

    The one place that turns objects into files: `install --output-dir` writes these, and `upgrade --output-dir`
    merges the user's files against these, so that a file nobody edited never shows up as a conflict.
    """
    files = {file_name(o): dump(o) for o in objects}
    files[KUSTOMIZATION_FILE] = yaml.safe_dump(
        {
            "apiVersion": "kustomize.config.k8s.io/v1beta1",
            "kind": "Kustomization",
            "resources": [file_name(o) for o in objects],
        },
        sort_keys=False,
    )
    return files


def write_directory(target: Path, files: Mapping[str, str]) -> None:
    """Make `target` hold exactly `files` (name -> text), atomically: they are written and synced in a directory
    beside it, which is then renamed into place; an existing `target` is replaced whole, never half-updated."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text)
        for path in staging.iterdir():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _not_ours(target: Path, installation: str) -> list[str]:
    """What in `target` write_tree did not write for `installation`: anything but YAML files of objects labelled
    with it, and the kustomization.yaml that lists them."""
    if target.is_symlink() or not target.is_dir():
        return [target.name]
    out = []
    for path in sorted(target.iterdir()):
        if path.is_symlink() or not path.is_file() or path.suffix != ".yaml":
            out.append(path.name)
            continue
        try:
            doc = yaml.safe_load(path.read_text())
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            out.append(path.name)
            continue
        labels = ((doc.get("metadata") or {}).get("labels") or {}) if isinstance(doc, dict) else {}
        if path.name == KUSTOMIZATION_FILE and isinstance(doc, dict) and doc.get("kind") == "Kustomization":
            continue
        if not isinstance(labels, dict) or labels.get(INSTALLATION_LABEL) != installation:
            out.append(path.name)
    return out


def write_tree(objects: Sequence[Mapping[str, Any]], directory: Path) -> list[Path]:
    """Write DIR/<namespace>/<installation>/ atomically (write_directory) with the installation's GitOps files.

    Names are checked before any path is built from them, and an existing directory is replaced only when it holds
    nothing but an earlier output of this function for the same installation.
    """
    first = objects[0]["metadata"]
    namespace = require_name(first.get("namespace"), "namespace")
    installation = require_name(first.get("name"), "installation name")
    for obj in objects:
        require_name((obj.get("metadata") or {}).get("name"), f"{obj.get('kind')} name", subdomain=True)
    target = Path(directory) / namespace / installation
    if target.exists() or target.is_symlink():
        foreign = _not_ours(target, installation)
        if foreign:
            raise UsageError(
                f"--output-dir: {target} holds files that kubectl profiles did not write for {installation} "
                f"({', '.join(foreign[:5])})",
                hint="move them away, choose another --output-dir, or use 'kubectl profiles upgrade --output-dir' "
                "to merge",
            )
    write_directory(target, gitops_files(objects))
    return sorted(target.iterdir())
