"""Flux as it is today: the one table of kinds, the GA shapes, values and patches reaching Flux, offline GitOps.

The second witness: every rendered Flux object is checked against `cloudcoil-models-fluxcd`, pydantic models that
others generated from Flux's own CRD schemas, strictly (a field the model does not know is an error), so that these
tests cannot agree with a mistake of ours.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kubectl_profiles.cli.main import cli
from kubectl_profiles.errors import UsageError
from kubectl_profiles.kube import RESOURCES, Resource
from kubectl_profiles.model.flux import BY_KIND, FLUX_KINDS, kinds_of, missing_kinds, missing_message
from kubectl_profiles.model.refs import SourceRef
from kubectl_profiles.render import render_installation, to_yaml
from kubectl_profiles.sources import GitCache, resolve_tree

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kubectl_profiles"

# --- a profile repository with every kind of artifact ------------------------------------------------------------

FULL = """\
apiVersion: weave.works/v1alpha1
kind: ProfileDefinition
metadata: {name: full}
spec:
  artifacts:
    - name: config
      kustomize: {path: manifests}
    - name: local
      chart:
        path: charts/local
        defaultValues: |
          replicaCount: 1
          image: {tag: "1.0"}
      dependsOn: [{name: config}]
    - name: remote
      chart: {url: "https://charts.example.org", name: podinfo, version: 6.5.0}
      dependsOn: [{name: local}]
    - name: oci
      chart: {url: "oci://ghcr.io/example/charts", name: podinfo, version: ">=6.0.0"}
    - name: pinned
      chart: {url: "oci://ghcr.io/example/charts/", name: web, version: 1.2.3+build.7}
    - name: inner
      profile: {source: {url: "{{REPO}}", tag: inner/1.0.0, path: inner}}
"""
INNER = """\
apiVersion: weave.works/v1alpha1
kind: ProfileDefinition
metadata: {name: inner}
spec:
  artifacts:
    - name: app
      chart: {path: chart, defaultValues: "port: 80\\n"}
    - name: extra
      kustomize: {path: extra}
"""


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


REMOTE = "https://git.example.invalid/"


def build_full_repo(base: Path) -> dict[str, str]:
    """The profiles of FULL and INNER in a bare repository under `base`, tagged full/1.0.0 and inner/1.0.0, reachable
    at REMOTE through git's `url.<base>.insteadOf`; returns the environment that makes git (ours and the plugin's
    subprocesses) see it so."""
    bare = base / "full.git"
    work = base / "work"
    for path, text in {
        "full/profile.yaml": FULL.replace("{{REPO}}", f"{REMOTE}full.git"),
        "full/manifests/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        "full/charts/local/Chart.yaml": "apiVersion: v2\nname: local\nversion: 0.1.0\n",
        "inner/profile.yaml": INNER,
        "inner/chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
        "inner/extra/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\n",
    }.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text)
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-qm", "profiles", cwd=work)
    _git("tag", "full/1.0.0", cwd=work)
    _git("tag", "inner/1.0.0", cwd=work)
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=base)
    return {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{base.as_uri()}/.insteadOf",
        "GIT_CONFIG_VALUE_0": REMOTE,
    }


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The profiles at an https URL, as Flux needs them, served from a local bare repository by git's own
    `insteadOf` (set through the environment, so the plugin's git subprocesses see it too)."""
    env = build_full_repo(tmp_path_factory.mktemp("flux"))
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        yield f"{REMOTE}full.git"


@pytest.fixture(scope="module")
def tree(repo: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    cache = GitCache(root=tmp_path_factory.mktemp("cache"))
    return resolve_tree(SourceRef(repo, tag="full/1.0.0", path="full"), cache)


PATCHES = [
    {"artifact": "config", "patch": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"},
    {
        "artifact": "local",
        "target": {"kind": "Deployment", "name": "local"},
        "patch": '[{"op": "add", "path": "/spec/replicas", "value": 2}]',
    },
    {"artifact": "inner.extra", "patch": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\n"},
]


def render(repo: str, tree: Any, **kw: Any) -> list[dict[str, Any]]:
    return render_installation(
        name="web", namespace="team", source=SourceRef(repo, tag="full/1.0.0", path="full"), tree=tree, **kw
    )


def by_name(objects: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, [(o["kind"], o["metadata"]["name"]) for o in objects]
    return found[0]


# --- the one table ---------------------------------------------------------------------------------------------


def test_flux_kinds_are_the_ga_versions_from_one_table() -> None:
    assert {k.kind: k.api_version for k in FLUX_KINDS} == {
        "GitRepository": "source.toolkit.fluxcd.io/v1",
        "HelmRepository": "source.toolkit.fluxcd.io/v1",
        "OCIRepository": "source.toolkit.fluxcd.io/v1",
        "HelmRelease": "helm.toolkit.fluxcd.io/v2",
        "Kustomization": "kustomize.toolkit.fluxcd.io/v1",
    }
    assert {k.kind: k.since for k in FLUX_KINDS} == {
        "GitRepository": "2.0.0",
        "HelmRepository": "2.3.0",
        "OCIRepository": "2.6.0",
        "HelmRelease": "2.3.0",
        "Kustomization": "2.0.0",
    }
    for k in FLUX_KINDS:  # the API client's paths are the table's
        assert RESOURCES[k.plural] == Resource(k.api_version, k.plural, k.kind, True)
        assert RESOURCES[k.plural].prefix == f"/apis/{k.api_version}"
    # No second copy: no other module of the package names a Flux API version.
    pattern = re.compile(r"toolkit\.fluxcd\.io/v\d")
    holders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert holders == ["kubectl_profiles/model/flux.py"]


def test_standin_crds_serve_exactly_the_table() -> None:
    docs = list(yaml.safe_load_all((ROOT / "examples" / "flux-crds-standin.yaml").read_text()))
    served = {
        (d["spec"]["group"], v["name"], d["spec"]["names"]["kind"], d["spec"]["names"]["plural"])
        for d in docs
        for v in d["spec"]["versions"]
        if v["served"]
    }
    assert served == {(k.group, k.version, k.kind, k.plural) for k in FLUX_KINDS}
    assert {d["metadata"]["name"] for d in docs} == {k.crd for k in FLUX_KINDS}

    def keys(node: Any) -> set[str]:
        if isinstance(node, Mapping):
            return set(node) | {k for v in node.values() for k in keys(v)}
        return {k for v in node for k in keys(v)} if isinstance(node, list) else set()

    assert "x-kubernetes-validations" not in keys(docs)  # Kubernetes 1.20 does not know CEL rules


def test_missing_flux_is_one_line_naming_kind_and_release() -> None:
    needed = [BY_KIND["GitRepository"], BY_KIND["HelmRelease"], BY_KIND["Kustomization"]]
    none = missing_kinds(needed, {}, {})
    assert missing_message(none) == (
        "Flux is not installed: this cluster does not serve GitRepository (source.toolkit.fluxcd.io/v1), "
        "HelmRelease (helm.toolkit.fluxcd.io/v2), Kustomization (kustomize.toolkit.fluxcd.io/v1); "
        "install Flux 2.3.0 or newer"
    )
    # Flux 2.2: GitRepository and Kustomization at v1, HelmRelease only at v2beta2.
    groups = {
        "source.toolkit.fluxcd.io": ["v1", "v1beta2"],
        "helm.toolkit.fluxcd.io": ["v2beta1", "v2beta2"],
        "kustomize.toolkit.fluxcd.io": ["v1"],
    }
    served = {"source.toolkit.fluxcd.io/v1": {"GitRepository"}, "kustomize.toolkit.fluxcd.io/v1": {"Kustomization"}}
    old = missing_kinds(needed, groups, served)
    assert [m.flux.kind for m in old] == ["HelmRelease"]
    assert missing_message(old) == (
        "Flux is too old: this cluster does not serve HelmRelease (helm.toolkit.fluxcd.io/v2; it serves "
        "helm.toolkit.fluxcd.io/v2beta1, helm.toolkit.fluxcd.io/v2beta2); upgrade to Flux 2.3.0 or newer"
    )
    # The group is served at v1, but not this kind there (HelmRepository reached v1 after GitRepository did).
    partial = missing_kinds([BY_KIND["HelmRepository"]], groups, served)
    assert "upgrade to Flux 2.3.0" in missing_message(partial)
    assert missing_kinds([BY_KIND["OCIRepository"]], groups, {"source.toolkit.fluxcd.io/v1": {"OCIRepository"}}) == []


# --- the second witness -------------------------------------------------------------------------------------------


def _models() -> dict[str, Any]:
    from cloudcoil.models.fluxcd.helm import v2 as helm_v2
    from cloudcoil.models.fluxcd.kustomize import v1 as kustomize_v1
    from cloudcoil.models.fluxcd.source import v1 as source_v1

    oci = getattr(source_v1, "OCIRepository", None)
    if oci is None:  # the models of Flux before 2.6 (the newest that install on this Python) have it at v1beta2
        from cloudcoil.models.fluxcd.source import v1beta2

        oci = v1beta2.OCIRepository
    return {
        "GitRepository": source_v1.GitRepository,
        "HelmRepository": source_v1.HelmRepository,
        "OCIRepository": oci,
        "HelmRelease": helm_v2.HelmRelease,
        "Kustomization": kustomize_v1.Kustomization,
    }


def _unknown(given: Any, kept: Any, path: str = "") -> list[str]:
    """Paths present in `given` but dropped by the model: fields Flux's schema does not have."""
    if isinstance(given, Mapping):
        if not isinstance(kept, Mapping):
            return [path or "."]
        out = []
        for key, value in given.items():
            if key not in kept:
                out.append(f"{path}.{key}")
            else:
                out += _unknown(value, kept[key], f"{path}.{key}")
        return out
    if isinstance(given, list) and isinstance(kept, list) and len(given) == len(kept):
        return [p for i, (g, k) in enumerate(zip(given, kept, strict=True)) for p in _unknown(g, k, f"{path}[{i}]")]
    return []


def check_with_flux_models(obj: Mapping[str, Any]) -> None:
    model = _models()[obj["kind"]]
    body = dict(obj)
    declared = model.model_fields["api_version"].annotation
    if obj["kind"] == "OCIRepository" and "v1beta2" in str(declared):
        body["apiVersion"] = "source.toolkit.fluxcd.io/v1beta2"  # same spec; v1 is the GA promotion of v1beta2
    parsed = model.model_validate(body)
    kept = parsed.model_dump(by_alias=True, exclude_unset=True, mode="json")
    assert _unknown(body, kept) == [], f"{obj['kind']} {obj['metadata']['name']} has fields Flux does not know"


def test_every_rendered_flux_object_matches_fluxs_own_models(repo: str, tree: Any) -> None:
    objects = render(
        repo,
        tree,
        catalog={"catalog": "c", "profile": "full", "version": "1.0.0"},
        values={"local": {"replicaCount": 3}, "remote": {"ui": {"color": "red"}}, "inner": {"app": {"port": 81}}},
        values_from=[
            {"kind": "Secret", "name": "creds", "valuesKey": "v.yaml", "targetPath": "auth.token", "optional": False}
        ],
        config_map="team-values",
        patches=PATCHES,
        global_values={"global": {"env": "prod"}},
    )
    flux = [o for o in objects if o["kind"] in BY_KIND]
    assert sorted({o["kind"] for o in flux}) == sorted(BY_KIND)  # every kind is exercised
    for obj in flux:
        check_with_flux_models(obj)
    plain = render(repo, tree)  # and without any settings
    for obj in plain:
        if obj["kind"] in BY_KIND:
            check_with_flux_models(obj)


@pytest.mark.parametrize("url", ["https://charts.example/profiles", "oci://registry.example/charts"])
def test_chart_profiles_with_a_private_repository_match_fluxs_own_models(url: str) -> None:
    from kubectl_profiles.render import render_chart_installation

    objects = render_chart_installation(
        name="podinfo",
        namespace="web",
        chart={"url": url, "name": "podinfo"},
        version="6.5.0",
        catalog={"catalog": "c", "profile": "podinfo", "version": "6.5.0"},
        values={"replicaCount": 2},
        secret_ref="registry-auth",
    )
    sources = [o for o in objects if o["kind"] in ("HelmRepository", "OCIRepository")]
    assert len(sources) == 1 and sources[0]["spec"]["secretRef"] == {"name": "registry-auth"}
    for obj in objects:
        if obj["kind"] in BY_KIND:
            check_with_flux_models(obj)


def test_the_witness_refuses_what_flux_would() -> None:
    release = {
        "apiVersion": "helm.toolkit.fluxcd.io/v2",
        "kind": "HelmRelease",
        "metadata": {"name": "x"},
        "spec": {
            "interval": "1m",
            "chart": {"spec": {"chart": "c", "sourceRef": {"kind": "HelmRepository", "name": "r"}}},
        },
    }
    check_with_flux_models(release)
    with pytest.raises(AssertionError, match="fields Flux does not know"):
        check_with_flux_models({**release, "spec": {**release["spec"], "valuesFrom": [], "value": {}}})
    with pytest.raises(ValueError):  # pydantic's ValidationError: the old API version
        check_with_flux_models({**release, "apiVersion": "helm.toolkit.fluxcd.io/v2beta1"})
    with pytest.raises(ValueError):  # Kustomization v1 needs prune
        check_with_flux_models(
            {
                "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
                "kind": "Kustomization",
                "metadata": {"name": "k"},
                "spec": {"interval": "1m", "sourceRef": {"kind": "GitRepository", "name": "g"}},
            }
        )


# --- the GA shapes ----------------------------------------------------------------------------------------------------


def test_ga_shapes_of_each_artifact_kind(repo: str, tree: Any) -> None:
    objects = render(repo, tree)
    assert [(o["apiVersion"], o["kind"], o["metadata"]["name"]) for o in objects] == [
        ("weave.works/v1alpha1", "ProfileInstallation", "web"),
        ("source.toolkit.fluxcd.io/v1", "GitRepository", "web"),
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "web-config"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "web-local"),
        ("source.toolkit.fluxcd.io/v1", "HelmRepository", "web-remote"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "web-remote"),
        ("source.toolkit.fluxcd.io/v1", "OCIRepository", "web-oci"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "web-oci"),
        ("source.toolkit.fluxcd.io/v1", "OCIRepository", "web-pinned"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "web-pinned"),
        ("source.toolkit.fluxcd.io/v1", "GitRepository", "web-inner"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "web-inner-app"),
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "web-inner-extra"),
    ]
    git = by_name(objects, "GitRepository", "web")["spec"]
    assert git == {"url": repo, "ref": {"tag": "full/1.0.0"}, "interval": "1m"}
    ks = by_name(objects, "Kustomization", "web-config")["spec"]
    assert ks["prune"] is True and ks["interval"] == "1m" and ks["path"] == "./full/manifests"
    assert ks["sourceRef"] == {"kind": "GitRepository", "name": "web", "namespace": "team"}
    remote = by_name(objects, "HelmRelease", "web-remote")["spec"]
    assert remote["chart"]["spec"] == {
        "chart": "podinfo",
        "sourceRef": {"kind": "HelmRepository", "name": "web-remote", "namespace": "team"},
        "version": "6.5.0",
    }
    assert by_name(objects, "HelmRepository", "web-remote")["spec"] == {
        "url": "https://charts.example.org",
        "interval": "1m",
    }
    # oci:// charts: an OCIRepository of the chart's artifact and a chartRef, as Flux documents for OCI charts.
    oci = by_name(objects, "HelmRelease", "web-oci")["spec"]
    assert "chart" not in oci and oci["chartRef"] == {"kind": "OCIRepository", "name": "web-oci", "namespace": "team"}
    assert by_name(objects, "OCIRepository", "web-oci")["spec"] == {
        "interval": "1m",
        "url": "oci://ghcr.io/example/charts/podinfo",
        "ref": {"semver": ">=6.0.0"},
        "layerSelector": {"mediaType": "application/vnd.cncf.helm.chart.content.v1.tar+gzip", "operation": "copy"},
    }
    pinned = by_name(objects, "OCIRepository", "web-pinned")["spec"]
    assert pinned["url"] == "oci://ghcr.io/example/charts/web" and pinned["ref"] == {"tag": "1.2.3_build.7"}
    local = by_name(objects, "HelmRelease", "web-local")["spec"]
    assert local["chart"]["spec"]["chart"] == "./full/charts/local"
    assert local["values"] == {"replicaCount": 1, "image": {"tag": "1.0"}}  # defaults inline, nothing else given


def test_dependson_across_kinds_is_a_warning_not_a_silent_drop(repo: str, tree: Any) -> None:
    warnings: list[str] = []
    objects = render(repo, tree, warn=warnings.append)
    assert "dependsOn" not in by_name(objects, "HelmRelease", "web-local")["spec"]
    assert by_name(objects, "HelmRelease", "web-remote")["spec"]["dependsOn"] == [{"name": "web-local"}]
    assert warnings == [
        "artifact local (HelmRelease) depends on config (Kustomization): Flux orders only objects of one kind, "
        "so this dependsOn is not written and they reconcile independently"
    ]


# --- values and patches -----------------------------------------------------------------------------------------------


def test_values_from_and_config_map_reach_every_helmrelease_in_precedence_order(repo: str, tree: Any) -> None:
    secret = {"kind": "Secret", "name": "creds", "valuesKey": "v.yaml", "targetPath": "auth.token", "optional": True}
    objects = render(repo, tree, values={"local": {"replicaCount": 3}}, values_from=[secret], config_map="vals")
    installation = objects[0]["spec"]
    assert installation["valuesFrom"] == [secret] and installation["configMap"] == "vals"
    local = by_name(objects, "HelmRelease", "web-local")["spec"]
    # The chart's defaults leave the inline values (they would override the user's ConfigMap there) for a
    # ConfigMap of their own, first in the list; Flux merges valuesFrom in order, then the inline values.
    assert local["valuesFrom"] == [
        {"kind": "ConfigMap", "name": "web-local-defaults", "valuesKey": "values.yaml"},
        {"kind": "ConfigMap", "name": "vals", "valuesKey": "local", "optional": True},
        secret,
    ]
    assert local["values"] == {"replicaCount": 3}
    defaults = by_name(objects, "ConfigMap", "web-local-defaults")
    assert yaml.safe_load(defaults["data"]["values.yaml"]) == {"replicaCount": 1, "image": {"tag": "1.0"}}
    assert defaults["metadata"]["labels"]["profiles.weave.works/installation"] == "web"
    remote = by_name(objects, "HelmRelease", "web-remote")["spec"]
    assert remote["valuesFrom"] == [
        {"kind": "ConfigMap", "name": "vals", "valuesKey": "remote", "optional": True},
        secret,
    ]
    assert "values" not in remote
    nested = by_name(objects, "HelmRelease", "web-inner-app")["spec"]
    assert nested["valuesFrom"][1] == {"kind": "ConfigMap", "name": "vals", "valuesKey": "inner.app", "optional": True}
    assert "|\n" in to_yaml(objects)  # multi-line strings as literal blocks, readable in a GitOps diff


def test_global_values_go_to_every_helmrelease_under_the_artifacts_own(repo: str, tree: Any) -> None:
    objects = render(
        repo,
        tree,
        values={"local": {"replicaCount": 3}, "inner": {"app": {"port": 81}}},
        global_values={"replicaCount": 2, "env": "prod"},
    )
    assert objects[0]["spec"]["globalValues"] == {"replicaCount": 2, "env": "prod"}  # kept for upgrades
    releases = {o["metadata"]["name"]: o["spec"].get("values") for o in objects if o["kind"] == "HelmRelease"}
    assert releases == {
        "web-local": {"replicaCount": 3, "image": {"tag": "1.0"}, "env": "prod"},
        "web-remote": {"replicaCount": 2, "env": "prod"},
        "web-oci": {"replicaCount": 2, "env": "prod"},
        "web-pinned": {"replicaCount": 2, "env": "prod"},
        "web-inner-app": {"port": 81, "replicaCount": 2, "env": "prod"},
    }


def test_patches_become_kustomization_patches_and_helm_post_renderers(repo: str, tree: Any) -> None:
    objects = render(repo, tree, patches=PATCHES)
    assert objects[0]["spec"]["patches"] == PATCHES
    assert by_name(objects, "Kustomization", "web-config")["spec"]["patches"] == [{"patch": PATCHES[0]["patch"]}]
    assert by_name(objects, "Kustomization", "web-inner-extra")["spec"]["patches"] == [{"patch": PATCHES[2]["patch"]}]
    assert by_name(objects, "HelmRelease", "web-local")["spec"]["postRenderers"] == [
        {"kustomize": {"patches": [{"patch": PATCHES[1]["patch"], "target": {"kind": "Deployment", "name": "local"}}]}}
    ]
    assert "postRenderers" not in by_name(objects, "HelmRelease", "web-remote")["spec"]


@pytest.mark.parametrize(
    ("patches", "message"),
    [
        (
            [{"artifact": "nope", "patch": "x: y"}],
            r"spec.patches\[\].artifact 'nope' names no artifact; use one of: config, local",
        ),
        ([{"artifact": "inner", "patch": "x: y"}], "'inner' names a nested profile, not a chart or kustomize artifact"),
        ([{"artifact": "config"}], r"spec.patches\[0\].patch is required"),
        ([{"patch": "x: y"}], r"spec.patches\[0\].artifact is required"),
    ],
)
def test_bad_patches_are_one_line_naming_the_field(repo: str, tree: Any, patches: Any, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        render(repo, tree, patches=patches)


def test_kinds_of_rendered_objects(repo: str, tree: Any) -> None:
    assert [k.kind for k in kinds_of(render(repo, tree))] == [k.kind for k in FLUX_KINDS]


def test_profileinstallation_crd_takes_patches() -> None:
    from kubectl_profiles.model.facts import Facts
    from kubectl_profiles.rules import check_document

    def doc(patches: Any) -> dict[str, Any]:
        return {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileInstallation",
            "metadata": {"name": "x", "namespace": "n"},
            "spec": {"source": {"url": "https://example.org/r.git", "tag": "x/1.0.0"}, "patches": patches},
        }

    good = doc([{"artifact": "a", "patch": "x: y", "target": {"kind": "Deployment"}}])
    assert [v for v in check_document(good, Facts()) if v.is_error] == []
    bad = [v for v in check_document(doc([{"artifact": "a", "target": {"kind": 3}}]), Facts()) if v.is_error]
    assert {v.path for v in bad} == {"$.spec.patches[0]", "$.spec.patches[0].target.kind"}
    assert any("'patch' is a required property" in v.message for v in bad)


# --- GitOps with no cluster -----------------------------------------------------------------------------------------


@pytest.fixture
def no_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No kubeconfig anywhere: KUBECONFIG names nothing, HOME is empty, not in a cluster."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_template_from_url_needs_no_kubeconfig(no_cluster: Path, repo: str) -> None:
    result = run("-n", "team", "template", "--url", repo, "--tag", "full/1.0.0", "--path", "full", "--name", "web")
    assert result.exit_code == 0, result.output
    objects = list(yaml.safe_load_all(result.stdout))
    assert objects[0]["kind"] == "ProfileInstallation" and objects[0]["metadata"]["namespace"] == "team"
    assert {o["kind"] for o in objects} == {"ProfileInstallation", *BY_KIND}
    for obj in objects:
        if obj["kind"] in BY_KIND:
            check_with_flux_models(obj)
    assert "warning: artifact local (HelmRelease) depends on config (Kustomization)" in result.stderr


def catalog_file(path: Path, repo: str) -> Path:
    path.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileCatalogSource",
                "metadata": {"name": "files", "namespace": "platform"},
                "spec": {
                    "profiles": [
                        {"name": "full", "version": "1.0.0", "url": repo, "prerequisites": ["profile base"]},
                        {"name": "inner", "version": "1.0.0", "url": repo},
                    ]
                },
            }
        )
    )
    return path


def test_install_output_dir_from_catalog_files_needs_no_kubeconfig(no_cluster: Path, repo: str) -> None:
    catalog = catalog_file(no_cluster / "catalog.yaml", repo)
    out = no_cluster / "gitops"
    result = run("install", "files/full@^1", "--catalog-file", str(catalog), "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "default" / "full"
    assert str(folder / "helmrelease-full-local.yaml") in result.stdout
    assert {p.name for p in folder.iterdir()} >= {
        "profileinstallation-full.yaml",
        "ocirepository-full-oci.yaml",
        "kustomization.yaml",
    }
    pi = yaml.safe_load((folder / "profileinstallation-full.yaml").read_text())
    assert pi["spec"]["catalog"] == {"catalog": "files", "namespace": "platform", "profile": "full", "version": "1.0.0"}
    assert "not checked without a cluster: " in result.stderr and "prerequisite 'profile base'" in result.stderr


def test_upgrade_output_dir_from_catalog_files_needs_no_kubeconfig(no_cluster: Path, repo: str) -> None:
    catalog = catalog_file(no_cluster / "catalog.yaml", repo)
    out = no_cluster / "gitops"
    assert run("install", "files/full@1.0.0", "--catalog-file", str(catalog), "--output-dir", str(out)).exit_code == 0
    release = out / "default" / "full" / "helmrelease-full-local.yaml"
    edited = release.read_text().replace("interval: 1m", "interval: 7m")  # the user's own edit, kept by the merge
    assert edited != release.read_text()
    release.write_text(edited)
    result = run(
        "upgrade", "full", "--version", "1.0.0", "--set", "local.replicaCount=5",
        "--catalog-file", str(catalog), "--output-dir", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "full: files upgraded 1.0.0 -> 1.0.0" in result.stdout
    upgraded = yaml.safe_load(release.read_text())
    assert upgraded["spec"]["values"]["replicaCount"] == 5 and upgraded["spec"]["interval"] == "7m"
    pi = yaml.safe_load((out / "default" / "full" / "profileinstallation-full.yaml").read_text())
    assert pi["spec"]["values"] == {"local": {"replicaCount": 5}}
    # without --output-dir the catalogs would be the cluster's: one line, before anything is read
    refused = CliRunner().invoke(cli, ["upgrade", "full", "--latest", "--catalog-file", str(catalog)])
    assert isinstance(refused.exception, UsageError) and refused.exception.exit_code == 2
    assert str(refused.exception).startswith("--catalog-file goes with --output-dir")


def test_install_dry_run_client_from_url_needs_no_kubeconfig(no_cluster: Path, repo: str) -> None:
    result = run(
        "install", "--url", repo, "--tag", "inner/1.0.0", "--path", "inner", "--dry-run=client", "-o", "json",
        "--values-from", "secret/creds:values.yaml", "--config-map", "vals",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"kind": "HelmRelease"' in result.stdout and '"valuesKey": "app"' in result.stdout


def test_offline_refusals_are_one_line(no_cluster: Path, repo: str) -> None:
    catalog = catalog_file(no_cluster / "catalog.yaml", repo)
    not_gitops = CliRunner().invoke(cli, ["install", "files/full", "--catalog-file", str(catalog)])
    assert not_gitops.exit_code != 0
    assert "--catalog-file goes with --output-dir or --dry-run=client" in str(not_gitops.exception)
    empty = no_cluster / "empty.yaml"
    empty.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
    result = CliRunner().invoke(cli, ["template", "files/full", "--catalog-file", str(empty)])
    assert result.exit_code != 0 and "holds no ProfileCatalogSource" in str(result.exception)
    # Without --url or --catalog-file, the catalogs are the cluster's: then a kubeconfig is needed, and said so.
    needs = CliRunner().invoke(cli, ["template", "files/full"])
    assert needs.exit_code != 0 and "no kubeconfig found" in str(needs.exception)


def test_values_from_and_patches_flags(no_cluster: Path, repo: str) -> None:
    patches = no_cluster / "patches.yaml"
    patches.write_text(yaml.safe_dump([{"artifact": "extra", "patch": "kind: ConfigMap\nmetadata: {name: e}\n"}]))
    result = run(
        "template", "--url", repo, "--tag", "inner/1.0.0", "--path", "inner", "--patches", str(patches),
        "--values-from", "configmap/shared",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    docs = list(yaml.safe_load_all(result.stdout))
    assert docs[0]["spec"]["patches"] == [{"artifact": "extra", "patch": "kind: ConfigMap\nmetadata: {name: e}\n"}]
    ks = next(d for d in docs if d["kind"] == "Kustomization")
    assert ks["spec"]["patches"] == [{"patch": "kind: ConfigMap\nmetadata: {name: e}\n"}]
    bad = CliRunner().invoke(cli, ["template", "--url", repo, "--tag", "inner/1.0.0", "--values-from", "pod/x"])
    assert bad.exit_code != 0 and "write configmap/NAME or secret/NAME" in str(bad.exception)


def test_upgrade_keeps_values_from_config_map_patches_and_gitops_repository() -> None:
    from kubectl_profiles.services.install import Settings, kept_settings

    current = {
        "spec": {
            "valuesFrom": [{"kind": "Secret", "name": "s"}],
            "configMap": "vals",
            "patches": PATCHES[:1],
            "globalValues": {"env": "prod"},
            "gitRepository": {"name": "fleet", "namespace": "flux-system"},
        }
    }
    assert kept_settings(current, name="web", namespace="team", values={"a": 1}) == Settings(
        namespace="team",
        name="web",
        values={"a": 1},
        values_from=[{"kind": "Secret", "name": "s"}],
        config_map="vals",
        patches=PATCHES[:1],
        global_values={"env": "prod"},
        git_repository="flux-system/fleet",
    )
    assert kept_settings({"spec": {}}, name="web", namespace="team", values={}) == Settings(
        namespace="team",
        name="web",
        values={},
        values_from=[],
        config_map=None,
        patches=[],
        global_values=None,
        git_repository=None,
    )


def test_git_urls_as_flux_takes_them(repo: str, tree: Any) -> None:
    from kubectl_profiles.render import flux_git_url

    assert flux_git_url("git@github.com:org/profiles.git") == "ssh://git@github.com/org/profiles.git"
    assert flux_git_url("git@host:/srv/profiles.git") == "ssh://git@host/srv/profiles.git"
    for unchanged in ("https://github.com/org/p.git", "ssh://git@host:2222/org/p.git", "file:///tmp/p.git"):
        assert flux_git_url(unchanged) == unchanged
    objects = render_installation(
        name="web",
        namespace="team",
        source=SourceRef("git@github.com:org/profiles.git", tag="full/1.0.0", path="full"),
        tree=tree,
    )
    assert by_name(objects, "GitRepository", "web")["spec"]["url"] == "ssh://git@github.com/org/profiles.git"
    check_with_flux_models(by_name(objects, "GitRepository", "web"))
