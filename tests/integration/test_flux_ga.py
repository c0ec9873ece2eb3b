"""Flux as it is today, against the real API server: GA-only Flux CRDs, missing or too-old Flux, GitOps files.

The Flux CRDs are cluster-wide, so this module changes them in order (none, then an old Flux's, then the GA
stand-ins) and leaves the GA stand-ins loaded, as the other modules expect. The GitOps files are written with no
kubeconfig at all (`--catalog-file`), then checked with `kubectl apply --dry-run=server -k`: the API server, the
stand-in CRDs' schemas and the admission webhook judge them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles.devenv.examples import build_example_repo
from kubectl_profiles.model.flux import FLUX_KINDS
from tests.integration.test_plugin import FLUX, Plugin, ok, one_error_line
from tests.unit.test_flux import REMOTE, build_full_repo

CATALOG = "fluxga"
# What Flux 2.2 served: GitRepository and Kustomization at v1, HelmRepository and HelmRelease only in beta.
OLD_FLUX = [
    ("gitrepositories", "source.toolkit.fluxcd.io", "GitRepository", ["v1", "v1beta2"]),
    ("helmrepositories", "source.toolkit.fluxcd.io", "HelmRepository", ["v1beta2"]),
    ("helmreleases", "helm.toolkit.fluxcd.io", "HelmRelease", ["v2beta1", "v2beta2"]),
    ("kustomizations", "kustomize.toolkit.fluxcd.io", "Kustomization", ["v1", "v1beta2"]),
]


def _old_crds() -> str:
    docs = []
    for plural, group, kind, versions in OLD_FLUX:
        docs.append(
            {
                "apiVersion": "apiextensions.k8s.io/v1",
                "kind": "CustomResourceDefinition",
                "metadata": {"name": f"{plural}.{group}"},
                "spec": {
                    "group": group,
                    "scope": "Namespaced",
                    "names": {"kind": kind, "plural": plural, "singular": kind.lower(), "listKind": f"{kind}List"},
                    "versions": [
                        {
                            "name": v,
                            "served": True,
                            "storage": i == 0,
                            "schema": {
                                "openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
                            },
                        }
                        for i, v in enumerate(versions)
                    ],
                },
            }
        )
    return yaml.safe_dump_all(docs)


def _remove_flux(cluster: Any) -> None:
    names = sorted({k.crd for k in FLUX_KINDS} | {f"{p}.{g}" for p, g, _, _ in OLD_FLUX})
    cluster.kubectl("delete", "crd", *names, "--ignore-not-found", "--wait=true", timeout=120)


def _load_ga_flux(cluster: Any) -> None:
    cluster.kubectl("apply", "-f", str(FLUX))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_example_repo(tmp_path_factory.mktemp("repos"))


@pytest.fixture(scope="module")
def plugin(cluster: Any, repo: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plugin]:
    p = Plugin(cluster)
    p.env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    ok(p("catalog", "scan", repo, "--catalog", CATALOG, "--apply", "-n", "default"))
    yield p
    _load_ga_flux(cluster)  # whatever happened here, leave the GA stand-ins for the modules after this one
    cluster.kubectl("delete", "profilecatalogsource", CATALOG, "-n", "default", "--ignore-not-found")


def _nothing_applied(cluster: Any, namespace: str) -> None:
    found = cluster.kubectl("get", "profileinstallations,configmaps", "-n", namespace, "-o", "name").stdout.split()
    assert [n for n in found if not n.endswith("/kube-root-ca.crt")] == []


def test_without_flux_install_is_one_line_and_applies_nothing(plugin: Plugin, cluster: Any, namespace: str) -> None:
    _remove_flux(cluster)
    line = one_error_line(plugin("install", f"{CATALOG}/nginx", "-n", namespace))
    assert line == (
        "error: Flux is not installed: this cluster does not serve GitRepository (source.toolkit.fluxcd.io/v1), "
        "HelmRepository (source.toolkit.fluxcd.io/v1), HelmRelease (helm.toolkit.fluxcd.io/v2), Kustomization "
        "(kustomize.toolkit.fluxcd.io/v1); install Flux 2.3.0 or newer; https://fluxcd.io/flux/installation/"
    )
    _nothing_applied(cluster, namespace)
    one_error_line(plugin("install", f"{CATALOG}/nginx", "-n", namespace, "--dry-run=server"))


def test_too_old_flux_names_the_kind_and_the_release(plugin: Plugin, cluster: Any, namespace: str) -> None:
    _remove_flux(cluster)
    cluster.kubectl("apply", "-f", "-", input=_old_crds())
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "crd", "--all")
    try:
        line = one_error_line(plugin("install", f"{CATALOG}/nginx", "-n", namespace))
        assert line == (
            "error: Flux is too old: this cluster does not serve HelmRepository (source.toolkit.fluxcd.io/v1; it "
            "serves source.toolkit.fluxcd.io/v1, source.toolkit.fluxcd.io/v1beta2), HelmRelease "
            "(helm.toolkit.fluxcd.io/v2; it serves helm.toolkit.fluxcd.io/v2beta2, helm.toolkit.fluxcd.io/v2beta1); "
            "upgrade to Flux 2.3.0 or newer; https://fluxcd.io/flux/installation/"
        )
        _nothing_applied(cluster, namespace)
        # A profile of plain manifests needs only GitRepository and Kustomization, which Flux 2.2 serves at v1.
        ok(plugin("install", f"{CATALOG}/redis", "-n", namespace))
    finally:
        _remove_flux(cluster)
        _load_ga_flux(cluster)


def test_install_with_ga_only_crds(plugin: Plugin, cluster: Any, namespace: str) -> None:
    _load_ga_flux(cluster)
    out = ok(
        plugin(
            "install",
            f"{CATALOG}/nginx",
            "-n",
            namespace,
            "--set",
            "server.replicaCount=3",
            "--config-map",
            "nginx-values",
            "--values-from",
            "secret/nginx-secrets:values.yaml",
        )
    )
    assert "helmrelease.helm.toolkit.fluxcd.io/nginx-server created" in out
    release = yaml.safe_load(
        cluster.kubectl("get", "helmrelease", "nginx-server", "-n", namespace, "-o", "yaml").stdout
    )
    assert release["apiVersion"] == "helm.toolkit.fluxcd.io/v2"
    assert release["spec"]["values"] == {"replicaCount": 3}
    assert release["spec"]["valuesFrom"] == [
        {"kind": "ConfigMap", "name": "nginx-server-defaults", "valuesKey": "values.yaml"},
        {"kind": "ConfigMap", "name": "nginx-values", "valuesKey": "server", "optional": True},
        {"kind": "Secret", "name": "nginx-secrets", "valuesKey": "values.yaml"},
    ]
    # uninstall removes the defaults ConfigMap with the Flux objects
    ok(plugin("uninstall", "nginx", "-n", namespace))
    _nothing_applied(cluster, namespace)


def test_wrong_shapes_are_refused_at_apply_time(cluster: Any, namespace: str, plugin: Plugin) -> None:
    _load_ga_flux(cluster)
    for doc, expected in (
        (
            {"kind": "Kustomization", "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
             "spec": {"interval": "1m", "sourceRef": {"kind": "GitRepository", "name": "g"}}},
            "spec.prune: Required value",
        ),
        (
            {"kind": "HelmRelease", "apiVersion": "helm.toolkit.fluxcd.io/v2",
             "spec": {"interval": "1m", "valuesFrom": [{"kind": "Pod", "name": "x"}]}},
            'spec.valuesFrom.kind: Unsupported value: "Pod"',
        ),
        (
            {"kind": "GitRepository", "apiVersion": "source.toolkit.fluxcd.io/v1", "spec": {"url": "https://x"}},
            "spec.interval: Required value",
        ),
        (
            {"kind": "HelmRelease", "apiVersion": "helm.toolkit.fluxcd.io/v2beta1", "spec": {"interval": "1m"}},
            'no matches for kind "HelmRelease" in version "helm.toolkit.fluxcd.io/v2beta1"',
        ),
    ):  # fmt: skip
        body = {**doc, "metadata": {"name": "bad", "namespace": namespace}}
        result = cluster.kubectl(
            "apply", "--validate=false", "--dry-run=server", "-f", "-", input=yaml.safe_dump(body), check=False
        )
        assert result.returncode != 0 and expected in result.stderr, result.stderr


@pytest.fixture
def full_repo(tmp_path: Path) -> dict[str, str]:
    """A profile with every kind of artifact (an oci:// chart too) at an https URL, served from a local bare
    repository through git's `insteadOf`; returns the environment that makes the plugin's git see it so."""
    return build_full_repo(tmp_path)


def test_gitops_files_written_without_a_cluster_pass_a_server_dry_run(
    plugin: Plugin, cluster: Any, namespace: str, tmp_path: Path, repo: str, full_repo: dict[str, str]
) -> None:
    _load_ga_flux(cluster)
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(ok(plugin("catalog", "scan", repo, "--catalog", CATALOG)))
    patches = tmp_path / "patches.yaml"
    patches.write_text(
        yaml.safe_dump(
            [
                {"artifact": "config", "patch": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nginx}\n"},
                {
                    "artifact": "server",
                    "target": {"kind": "Deployment"},
                    "patch": '[{"op": "add", "path": "/spec/replicas", "value": 2}]',
                },
            ]
        )
    )
    home = tmp_path / "home"
    home.mkdir()
    offline = dict(plugin.env, HOME=str(home), KUBECONFIG=str(tmp_path / "no-kubeconfig"), **full_repo)
    out = tmp_path / "gitops"

    def gitops(*args: str) -> str:
        result = subprocess.run(
            ["kubectl-profiles", "-n", namespace, *args, "--output-dir", str(out)],
            capture_output=True,
            text=True,
            env=offline,
            timeout=120,
            check=False,
        )
        return ok(result)

    gitops("install", f"{CATALOG}/nginx", "--catalog-file", str(catalog), "--patches", str(patches),
           "--config-map", "values", "--values-from", "secret/shared")  # fmt: skip
    gitops("install", f"{CATALOG}/web-stack", "--catalog-file", str(catalog))
    gitops("install", "--url", f"{REMOTE}full.git", "--tag", "full/1.0.0", "--path", "full", "--name", "full")
    written = {p.name for p in (out / namespace).rglob("*.yaml")}
    assert {
        "ocirepository-full-oci.yaml",
        "helmrepository-nginx-exporter.yaml",
        "configmap-nginx-server-defaults.yaml",
    } <= written
    # The files go to the cluster as Flux would send them: through kustomize, the API server and the webhook.
    for name in ("nginx", "web-stack", "full"):
        result = cluster.kubectl("apply", "--dry-run=server", "-k", str(out / namespace / name), check=False)
        assert result.returncode == 0, result.stderr
        assert "(server dry run)" in result.stdout
        if name == "nginx":  # web-stack's prerequisite: nginx installed in the namespace, as Flux would have done
            cluster.kubectl("apply", "-k", str(out / namespace / name))
