"""Profiles from a Helm chart repository, end to end: a repository served over HTTPS (index and chart archives built
here with tarfile), scanned into a catalog, then list, describe, show values, single and layered installs through
real kubectl plugin discovery, and the webhook's verdicts on installations of such entries.

The repository asks for basic auth; the password reaches the plugin through a Secret named by the catalog's
`spec.helmRepositories[].secretRef`, and must never appear in any output.
"""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helm_standin import HelmStandin, chart_archive, helm_standin, sha256
from tests.integration.test_plugin import FLUX, Plugin, names, ok, one_error_line

PASSWORD = "hunter2-helm-secret"
NGINX_VALUES_100 = "# Default values for nginx-profile.\nreplicaCount: 1\nimage:\n  tag: 1.0.0\n"
NGINX_VALUES_110 = "replicaCount: 2\n"


def _version(chart: str, profile: str, version: str, archive: bytes, annotations: str, extra: str = "") -> str:
    # One chart version as the chart repository guide describes index entries: Chart.yaml's fields, urls, digest.
    return (
        f"  - annotations:\n      weave.works/profile: {profile}\n{annotations}"
        f"    apiVersion: v2\n    created: '2024-03-01T10:00:00Z'\n    description: The {profile} profile\n"
        f"    digest: {sha256(archive)}\n{extra}    name: {chart}\n"
        f"    urls:\n    - charts/{chart}-{version}.tgz\n    version: {version}\n"
    )


def _repository(repo: HelmStandin) -> None:
    charts: dict[str, list[str]] = {}

    def add(chart: str, profile: str, version: str, annotations: str, archive: bytes, extra: str = "") -> None:
        repo.files[f"/charts/charts/{chart}-{version}.tgz"] = archive
        charts.setdefault(chart, []).append(_version(chart, profile, version, archive, annotations, extra))

    deps = "dependencies:\n- name: common\n  version: 2.x.x\n  repository: https://charts.example.org/common\n"
    add(
        "nginx-profile",
        "nginx",
        "1.1.0",
        "      weave.works/category: Networking\n      weave.works/layer: layer-1\n"
        "      weave.works/links: '[{name: Docs, url: \"https://example.org/docs/nginx\"}]'\n",
        chart_archive("nginx-profile", "1.1.0", values=NGINX_VALUES_110, chart_extra=deps),
        "    keywords:\n    - ingress\n    kubeVersion: '>=1.19.0-0'\n",
    )
    add(
        "nginx-profile",
        "nginx",
        "1.0.0",
        "      weave.works/layer: layer-1\n",
        chart_archive("nginx-profile", "1.0.0", values=NGINX_VALUES_100),
    )
    add("cert-manager", "certs", "0.3.0", "      weave.works/layer: layer-0\n", chart_archive("cert-manager", "0.3.0"))
    add("demo-app", "app", "2.0.0", "", chart_archive("demo-app", "2.0.0", values="greeting: hello\n"))
    add("broken", "broken", "0.1.0", "", b"this is not a gzip tarball")
    add(
        "future",
        "future",
        "1.0.0",
        "",
        chart_archive("future", "1.0.0"),
        "    kubeVersion: '>=1.30.0-0'\n",
    )
    index = "apiVersion: v1\nentries:\n"
    for chart, versions in charts.items():
        index += f"  {chart}:\n" + "".join(versions)
    index += (
        "  plain:\n  - apiVersion: v2\n    name: plain\n    urls:\n    - charts/plain-1.0.0.tgz\n    version: 1.0.0\n"
    )
    index += "generated: '2024-03-01T10:00:00Z'\n"
    repo.files["/charts/index.yaml"] = index.encode()


@pytest.fixture(scope="module")
def helm(cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Plugin, HelmStandin]]:
    cluster.kubectl("apply", "-f", str(FLUX))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))
    tmp = tmp_path_factory.mktemp("helm")
    with helm_standin(tmp) as repo:
        repo.basic = ("reader", PASSWORD)
        _repository(repo)
        plugin = Plugin(cluster)
        plugin.env["XDG_CACHE_HOME"] = str(tmp / "cache")
        plugin.env["SSL_CERT_FILE"] = str(repo.ca_file)
        yield plugin, repo


def scan(plugin: Plugin, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = ["kubectl", "profiles", "--kubeconfig", str(plugin.cluster.kubeconfig), "catalog", "scan", "--helm", url]
    return subprocess.run(
        [*cmd, *args], input=f"{PASSWORD}\n", capture_output=True, text=True, env=plugin.env, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def catalog(cluster: Any, helm: tuple[Plugin, HelmStandin]) -> str:
    """The catalog `charts` in `default`: the scanned entries, the repository and its Secret."""
    plugin, repo = helm
    result = scan(plugin, f"{repo.url}/charts", "--username", "reader", "--password-stdin", "--catalog", "charts")
    source = yaml.safe_load(ok(result))
    assert PASSWORD not in result.stdout + result.stderr
    source["spec"]["helmRepositories"] = [{"url": f"{repo.url}/charts", "secretRef": {"name": "charts-auth"}}]
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "charts-auth", "namespace": "default"},
        "data": {k: base64.b64encode(v.encode()).decode() for k, v in (("username", "reader"), ("password", PASSWORD))},
    }
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all([secret, source]))
    return "charts"


def test_scan_reads_only_annotated_charts_every_version(catalog: str, cluster: Any) -> None:
    source = yaml.safe_load(cluster.kubectl("get", "pcs", catalog, "-n", "default", "-o", "yaml").stdout)
    found = sorted((p["name"], p["version"]) for p in source["spec"]["profiles"])
    assert found == [
        ("app", "2.0.0"),
        ("broken", "0.1.0"),
        ("certs", "0.3.0"),
        ("future", "1.0.0"),
        ("nginx", "1.0.0"),
        ("nginx", "1.1.0"),
    ]


def test_list_search_by_category_and_describe(helm: tuple[Plugin, HelmStandin], catalog: str) -> None:
    plugin, repo = helm
    listed = ok(plugin("list", "--catalog", catalog))
    assert "charts/nginx" in listed and "1.1.0" in listed
    assert ok(plugin("search", "networking", "-o", "name")).split() == ["charts/nginx@1.1.0"]
    described = ok(plugin("describe", "charts/nginx"))
    assert "Versions:      1.1.0, 1.0.0" in described
    assert f"Chart:         nginx-profile 1.1.0 from {repo.url}/charts" in described
    assert "Category:      Networking" in described and "Layer:         layer-1" in described
    assert "  Docs: https://example.org/docs/nginx" in described
    assert "Dependencies:\n  common 2.x.x from https://charts.example.org/common" in described
    assert "kubernetes >=1.19.0-0: met" in described
    doc = yaml.safe_load(ok(plugin("describe", "charts/nginx", "-o", "yaml")))
    assert doc["layer"] == "layer-1" and doc["dependencies"][0]["name"] == "common"
    assert PASSWORD not in described


def test_show_values_prints_the_charts_values_yaml(helm: tuple[Plugin, HelmStandin], catalog: str) -> None:
    plugin, repo = helm
    assert ok(plugin("show", "values", "charts/nginx@1.0.0")) == NGINX_VALUES_100
    assert ok(plugin("show", "values", "charts/nginx")) == NGINX_VALUES_110
    auth = [s["auth"] for s in repo.seen if s["path"] == "/charts/charts/nginx-profile-1.0.0.tgz"]
    assert auth and auth[0].startswith("Basic "), "the archive is read with the catalog's credentials"
    line = one_error_line(plugin("show", "values", "charts/broken"))
    assert line == "error: chart archive broken 0.1.0 is not a gzip tarball; the repository serves a broken chart"


def test_install_one_chart_profile(
    helm: tuple[Plugin, HelmStandin], catalog: str, cluster: Any, namespace: str
) -> None:
    plugin, repo = helm
    result = plugin("install", "charts/nginx@~1.0", "-n", namespace, "--set", "replicaCount=3")
    assert "profileinstallation.weave.works/nginx created" in ok(result)
    assert f"needs the Secret 'charts-auth'; Flux reads it from namespace {namespace}" in result.stderr
    assert names(cluster, namespace) == {
        "profileinstallation.weave.works/nginx",
        "helmrepository.source.toolkit.fluxcd.io/nginx",
        "helmrelease.helm.toolkit.fluxcd.io/nginx",
    }
    release = yaml.safe_load(cluster.kubectl("get", "helmrelease", "nginx", "-n", namespace, "-o", "yaml").stdout)
    chart = release["spec"]["chart"]["spec"]  # Flux's CRD schema adds its defaults (reconcileStrategy)
    assert (chart["chart"], chart["version"]) == ("nginx-profile", "1.0.0")
    assert chart["sourceRef"] == {"kind": "HelmRepository", "name": "nginx", "namespace": namespace}
    assert release["spec"]["values"] == {"replicaCount": 3}
    source = yaml.safe_load(cluster.kubectl("get", "helmrepository", "nginx", "-n", namespace, "-o", "yaml").stdout)
    assert source["spec"]["url"] == f"{repo.url}/charts"
    assert source["spec"]["secretRef"] == {"name": "charts-auth"}
    pi = yaml.safe_load(cluster.kubectl("get", "pi", "nginx", "-n", namespace, "-o", "yaml").stdout)
    assert pi["spec"]["catalog"] == {
        "catalog": "charts",
        "namespace": "default",
        "profile": "nginx",
        "version": "1.0.0",
    }
    ok(plugin("uninstall", "nginx", "-n", namespace))
    assert names(cluster, namespace) == set()


def _depends(cluster: Any, namespace: str) -> dict[str, list[str]]:
    out = yaml.safe_load(cluster.kubectl("get", "helmreleases", "-n", namespace, "-o", "yaml").stdout)
    return {r["metadata"]["name"]: [d["name"] for d in r["spec"].get("dependsOn", [])] for r in out["items"]}


def test_install_several_profiles_orders_them_by_layer(
    helm: tuple[Plugin, HelmStandin], catalog: str, cluster: Any, namespace: str, tmp_path: Path
) -> None:
    plugin, _ = helm
    out = ok(
        plugin("install", "charts/app", "charts/nginx", "charts/certs", "-n", namespace, "--set", "app.greeting=hi")
    )
    created = [line.split()[0] for line in out.splitlines()]
    assert created == [
        "profileinstallation.weave.works/certs",
        "helmrepository.source.toolkit.fluxcd.io/certs",
        "helmrelease.helm.toolkit.fluxcd.io/certs",
        "profileinstallation.weave.works/nginx",
        "helmrepository.source.toolkit.fluxcd.io/nginx",
        "helmrelease.helm.toolkit.fluxcd.io/nginx",
        "profileinstallation.weave.works/app",
        "helmrepository.source.toolkit.fluxcd.io/app",
        "helmrelease.helm.toolkit.fluxcd.io/app",
    ]
    assert _depends(cluster, namespace) == {"certs": [], "nginx": ["certs"], "app": ["certs", "nginx"]}
    app = yaml.safe_load(cluster.kubectl("get", "helmrelease", "app", "-n", namespace, "-o", "yaml").stdout)
    assert app["spec"]["values"] == {"greeting": "hi"}
    # an upgrade of one of them keeps its place among the layers
    ok(plugin("upgrade", "nginx", "-n", namespace, "--version", "1.0.0", "--allow-downgrade"))
    assert _depends(cluster, namespace) == {"certs": [], "nginx": ["certs"], "app": ["certs", "nginx"]}
    nginx = yaml.safe_load(cluster.kubectl("get", "helmrelease", "nginx", "-n", namespace, "-o", "yaml").stdout)
    assert nginx["spec"]["chart"]["spec"]["version"] == "1.0.0"
    # The same as files for GitOps, without touching the cluster
    written = ok(plugin("install", "charts/nginx", "charts/certs", "-n", "gitops", "--output-dir", str(tmp_path)))
    assert len(written.split()) == 8
    release = yaml.safe_load((tmp_path / "gitops" / "nginx" / "helmrelease-nginx.yaml").read_text())
    assert release["spec"]["dependsOn"] == [{"name": "certs"}]
    assert (
        "dependsOn"
        not in yaml.safe_load((tmp_path / "gitops" / "certs" / "helmrelease-certs.yaml").read_text())["spec"]
    )
    assert "gitops" not in ok(plugin("get", "-A"))
    # values for several profiles are keyed by profile name
    line = one_error_line(plugin("install", "charts/app", "charts/certs", "-n", namespace, "--set", "x=1"), code=2)
    assert "keyed by profile name" in line


def test_webhook_verdicts_on_chart_entries(catalog: str, cluster: Any, namespace: str) -> None:
    def installation(version: str, name: str = "nginx", cat: str = catalog, profile: str = "nginx") -> str:
        return yaml.safe_dump(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileInstallation",
                "metadata": {"name": name, "namespace": namespace},
                "spec": {"catalog": {"catalog": cat, "namespace": "default", "profile": profile, "version": version}},
            }
        )

    # the chart's kubeVersion is a prerequisite the webhook checks (this API server is 1.20)
    denied = cluster.kubectl("apply", "-f", "-", input=installation("1.0.0", "future", profile="future"), check=False)
    assert denied.returncode != 0 and "kubernetes >=1.30.0-0" in denied.stderr

    denied = cluster.kubectl("apply", "-f", "-", input=installation("9.9.9"), check=False)
    assert denied.returncode != 0
    assert "charts/nginx has no version 9.9.9; available: 1.1.0, 1.0.0" in denied.stderr
    assert cluster.kubectl("apply", "-f", "-", input=installation("1.0.0"), check=False).returncode == 0
    # an access-restricted copy of the catalog that does not grant this namespace
    source = yaml.safe_load(cluster.kubectl("get", "pcs", catalog, "-n", "default", "-o", "yaml").stdout)
    restricted = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "charts-restricted", "namespace": "default"},
        "spec": {"profiles": source["spec"]["profiles"], "access": {"namespaces": ["somewhere-else"]}},
    }
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(restricted))
    denied = cluster.kubectl("apply", "-f", "-", input=installation("1.1.0", "other", "charts-restricted"), check=False)
    assert denied.returncode != 0 and "installation.access.denied" in denied.stderr


def test_catalog_rules_on_helm_repository_urls(cluster: Any) -> None:
    def source(url: str) -> str:
        return yaml.safe_dump(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileCatalogSource",
                "metadata": {"name": "helm-urls", "namespace": "default"},
                "spec": {"helmRepositories": [{"url": url}]},
            }
        )

    denied = cluster.kubectl("apply", "-f", "-", input=source("ftp://charts.example.org"), check=False)
    assert denied.returncode != 0 and "catalog.helm-repository.url" in denied.stderr
    denied = cluster.kubectl("apply", "-f", "-", input=source("oci://registry.example.org"), check=False)
    assert denied.returncode != 0 and "write oci://HOST/PATH/CHART" in denied.stderr
    # credentials in the URL: admitted with the project's warning, as for git URLs; the secret is not repeated
    admitted = cluster.kubectl(
        "apply", "-f", "-", input=source(f"https://reader:{PASSWORD}@charts.example.org"), check=False
    )
    assert admitted.returncode == 0 and "catalog.url.credentials" in admitted.stderr
    assert PASSWORD not in admitted.stderr
    cluster.kubectl("delete", "pcs", "helm-urls", "-n", "default")


def test_scan_errors_are_one_line(helm: tuple[Plugin, HelmStandin]) -> None:
    plugin, repo = helm
    result = scan(plugin, f"{repo.url}/missing", "--username", "reader", "--password-stdin")
    line = one_error_line(result)
    assert (
        line
        == f"error: cannot read Helm repository index {repo.url}/missing/index.yaml: HTTP 404 Not Found; check the URL"
    )
    result = scan(plugin, f"{repo.url}/charts", "--username", "reader", "--password-stdin", "--catalog", "x")
    assert PASSWORD not in result.stdout + result.stderr
    wrong = subprocess.run(
        [
            "kubectl", "profiles", "catalog", "scan", "--helm", f"{repo.url}/charts",
            "--username", "reader", "--password-stdin",
        ],
        input="not-the-password\n", capture_output=True, text=True, env=plugin.env, timeout=120, check=False,
    )  # fmt: skip
    assert "HTTP 401 Unauthorized; check the credentials" in one_error_line(wrong)
    assert "not-the-password" not in wrong.stderr


def test_scan_apply_writes_the_catalog(helm: tuple[Plugin, HelmStandin], cluster: Any) -> None:
    plugin, repo = helm
    result = scan(
        plugin, f"{repo.url}/charts", "--username", "reader", "--password-stdin", "--catalog", "applied", "--apply",
        "-n", "default",
    )  # fmt: skip
    assert ok(result).strip() == "profilecatalogsource.weave.works/applied applied with 6 entries"
    source = yaml.safe_load(cluster.kubectl("get", "pcs", "applied", "-n", "default", "-o", "yaml").stdout)
    nginx = next(p for p in source["spec"]["profiles"] if p["name"] == "nginx" and p["version"] == "1.1.0")
    assert nginx["chart"]["name"] == "nginx-profile" and nginx["layer"] == "layer-1"
    assert PASSWORD not in yaml.safe_dump(source)
