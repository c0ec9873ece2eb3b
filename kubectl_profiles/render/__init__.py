"""A ProfileInstallation and the Flux objects that deliver its artifacts, from a resolved profile tree.

- One GitRepository per profile source (the root and each nested profile), unless the installation names the
  GitRepository of a GitOps repository (`spec.gitRepository`), which then serves the root profile's files.
- Per remote chart: a HelmRepository and a HelmRelease; per local chart: a HelmRelease from the GitRepository;
  per kustomize directory: a Kustomization.
- Nested profiles are flattened: their objects are named `<installation>-<artifact>-<nested artifact>`.
- Values are addressed by artifact name: `spec.values.<artifact>` goes to that artifact's HelmRelease, merged
  over the chart's `defaultValues`; `spec.values.<nested profile artifact>` holds the nested profile's values.
- `dependsOn` is carried over between objects of the same Flux kind (Flux orders HelmReleases among themselves
  and Kustomizations among themselves).
- Every object is labelled `profiles.weave.works/installation=<name>`. Output is deterministic: the same input
  gives byte-identical YAML, which keeps GitOps diffs quiet.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.definition import Artifact
from kubectl_profiles.model.refs import SourceRef, normalise_path, require_name

INSTALLATION_LABEL = "profiles.weave.works/installation"
RANGE_ANNOTATION = "profiles.weave.works/version-range"
SOURCE_API = "source.toolkit.fluxcd.io/v1beta2"
HELM_API = "helm.toolkit.fluxcd.io/v2beta1"
KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io/v1beta2"
FLUX_CRDS = (
    "gitrepositories.source.toolkit.fluxcd.io",
    "helmrepositories.source.toolkit.fluxcd.io",
    "helmreleases.helm.toolkit.fluxcd.io",
    "kustomizations.kustomize.toolkit.fluxcd.io",
)
MAX_NAME = 53  # Helm release names; kept for every kind so that names line up


def object_name(*parts: str) -> str:
    name = "-".join(p for p in parts if p).lower()
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9].rstrip('-')}-{digest}"


def merge(base: Any, override: Any) -> Any:
    """Deep merge of mappings (override wins), as Helm merges values."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        out = {k: copy.deepcopy(v) for k, v in base.items()}
        for key, value in override.items():
            out[key] = merge(out.get(key), value) if key in out else copy.deepcopy(value)
        return out
    return copy.deepcopy(override)


class _Renderer:
    def __init__(self, name: str, namespace: str, interval: str) -> None:
        self.name, self.namespace, self.interval = name, namespace, interval
        self.objects: list[dict[str, Any]] = []

    def meta(self, name: str) -> dict[str, Any]:
        return {
            "name": name,
            "namespace": self.namespace,
            "labels": {INSTALLATION_LABEL: self.name, "app.kubernetes.io/managed-by": "kubectl-profiles"},
        }

    def git_repository(self, name: str, src: SourceRef) -> dict[str, Any]:
        ref = {"tag": src.tag} if src.tag else {"branch": src.branch or "main"}
        obj = {
            "apiVersion": SOURCE_API,
            "kind": "GitRepository",
            "metadata": self.meta(name),
            "spec": {"url": src.url, "ref": ref, "interval": self.interval},
        }
        self.objects.append(obj)
        return obj

    def node(self, tree: Any, prefix: str, values: Mapping[str, Any], source_ref: dict[str, str]) -> None:
        kinds = {a.name: a for a in tree.definition.artifacts}
        for artifact in tree.definition.artifacts:
            found = values.get(artifact.name)
            own: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
            if artifact.kind == "profile":
                child = tree.children[artifact.name]
                child_prefix = object_name(prefix, artifact.name)
                repo = self.git_repository(child_prefix, child.source)
                self.node(
                    child,
                    child_prefix,
                    own,
                    {"kind": "GitRepository", "name": repo["metadata"]["name"], "namespace": self.namespace},
                )
            elif artifact.kind == "chart":
                self.chart(artifact, prefix, own, source_ref, kinds)
            else:
                self.kustomization(artifact, prefix, source_ref, kinds)

    def _depends(
        self, artifact: Artifact, prefix: str, kinds: Mapping[str, Artifact], kind: str
    ) -> list[dict[str, str]]:
        out = []
        for dep in artifact.depends_on:
            target = kinds.get(dep)
            if target is not None and target.kind == kind:
                out.append({"name": object_name(prefix, dep)})
        return out

    def chart(
        self,
        artifact: Artifact,
        prefix: str,
        values: Mapping[str, Any],
        source_ref: dict[str, str],
        kinds: Mapping[str, Artifact],
    ) -> None:
        assert artifact.chart is not None
        chart = artifact.chart
        name = object_name(prefix, artifact.name)
        defaults = yaml.safe_load(chart.default_values) if chart.default_values.strip() else {}
        merged = merge(defaults if isinstance(defaults, Mapping) else {}, values)
        if chart.path:
            chart_spec: dict[str, Any] = {"chart": f"./{normalise_path(chart.path)}", "sourceRef": source_ref}
        else:
            repo = {
                "apiVersion": SOURCE_API,
                "kind": "HelmRepository",
                "metadata": self.meta(name),
                "spec": {"url": chart.url, "interval": self.interval},
            }
            self.objects.append(repo)
            chart_spec = {
                "chart": chart.name,
                "sourceRef": {"kind": "HelmRepository", "name": name, "namespace": self.namespace},
            }
            if chart.version:
                chart_spec["version"] = chart.version
        spec: dict[str, Any] = {
            "interval": self.interval,
            "chart": {"spec": chart_spec},
            "targetNamespace": self.namespace,
        }
        depends = self._depends(artifact, prefix, kinds, "chart")
        if depends:
            spec["dependsOn"] = depends
        if merged:
            spec["values"] = merged
        self.objects.append({"apiVersion": HELM_API, "kind": "HelmRelease", "metadata": self.meta(name), "spec": spec})

    def kustomization(
        self, artifact: Artifact, prefix: str, source_ref: dict[str, str], kinds: Mapping[str, Artifact]
    ) -> None:
        spec: dict[str, Any] = {
            "interval": self.interval,
            "path": f"./{normalise_path(artifact.kustomize_path)}",
            "prune": True,
            "sourceRef": source_ref,
            "targetNamespace": self.namespace,
        }
        depends = self._depends(artifact, prefix, kinds, "kustomize")
        if depends:
            spec["dependsOn"] = depends
        self.objects.append(
            {
                "apiVersion": KUSTOMIZE_API,
                "kind": "Kustomization",
                "metadata": self.meta(object_name(prefix, artifact.name)),
                "spec": spec,
            }
        )


def render_installation(
    *,
    name: str,
    namespace: str,
    source: SourceRef,
    tree: Any,
    catalog: Mapping[str, str] | None = None,
    values: Mapping[str, Any] | None = None,
    values_from: Sequence[Mapping[str, Any]] = (),
    git_repository: Mapping[str, str] | None = None,
    version_range: str | None = None,
    interval: str = "1m",
) -> list[dict[str, Any]]:
    """The ProfileInstallation first, then the Flux objects, in a stable order."""
    r = _Renderer(name, namespace, interval)
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
        spec["valuesFrom"] = [dict(v) for v in values_from]
    if git_repository:
        spec["gitRepository"] = dict(git_repository)
    meta = r.meta(name)
    if version_range:
        meta["annotations"] = {RANGE_ANNOTATION: version_range}
    installation = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileInstallation", "metadata": meta, "spec": spec}
    if git_repository:
        root_ref = {
            "kind": "GitRepository",
            "name": git_repository["name"],
            "namespace": git_repository.get("namespace") or namespace,
        }
    else:
        repo = r.git_repository(name, source)
        root_ref = {"kind": "GitRepository", "name": repo["metadata"]["name"], "namespace": namespace}
    r.node(tree, name, values or {}, root_ref)
    return [installation, *r.objects]


def to_yaml(objects: Sequence[Mapping[str, Any]]) -> str:
    return yaml.safe_dump_all([dict(o) for o in objects], sort_keys=False, default_flow_style=False)


def file_name(obj: Mapping[str, Any]) -> str:
    return f"{str(obj['kind']).lower()}-{obj['metadata']['name']}.yaml"


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
        if path.name == "kustomization.yaml" and isinstance(doc, dict) and doc.get("kind") == "Kustomization":
            continue
        if not isinstance(labels, dict) or labels.get(INSTALLATION_LABEL) != installation:
            out.append(path.name)
    return out


def write_tree(objects: Sequence[Mapping[str, Any]], directory: Path) -> list[Path]:
    """Write DIR/<namespace>/<installation>/ atomically: built beside the target, then renamed into place.

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
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{first['name']}-", dir=target.parent))
    try:
        names = []
        for obj in objects:
            fname = file_name(obj)
            (staging / fname).write_text(yaml.safe_dump(dict(obj), sort_keys=False))
            names.append(fname)
        kustomization = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", "resources": names}
        (staging / "kustomization.yaml").write_text(yaml.safe_dump(kustomization, sort_keys=False))
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
    return sorted(target.iterdir())
