"""Helm-chart profiles in install (render, layers) and `catalog scan --helm`, without a cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kubectl_profiles.cli.main import cli
from kubectl_profiles.render import layer_order, order_by_layer, render_chart_installation
from tests.helm_standin import chart_archive, helm_standin, sha256

CATALOG = {"catalog": "platform", "namespace": "default", "profile": "nginx", "version": "1.1.0"}


def test_chart_profile_renders_a_helm_repository_and_a_pinned_release() -> None:
    objs = render_chart_installation(
        name="nginx",
        namespace="web",
        chart={"url": "https://charts.example.org/stable", "name": "nginx-profile"},
        version="1.1.0",
        catalog=CATALOG,
        values={"replicaCount": 2},
        version_range="^1.0",
    )
    assert [o["kind"] for o in objs] == ["ProfileInstallation", "HelmRepository", "HelmRelease"]
    assert [o["apiVersion"] for o in objs[1:]] == ["source.toolkit.fluxcd.io/v1", "helm.toolkit.fluxcd.io/v2"]
    installation, repo, release = objs
    assert installation["spec"] == {"catalog": CATALOG, "values": {"replicaCount": 2}}
    assert installation["metadata"]["annotations"] == {"profiles.weave.works/version-range": "^1.0"}
    assert repo["spec"] == {"url": "https://charts.example.org/stable", "interval": "1m"}
    assert release["spec"]["chart"]["spec"] == {
        "chart": "nginx-profile",
        "version": "1.1.0",
        "sourceRef": {"kind": "HelmRepository", "name": "nginx", "namespace": "web"},
    }
    assert release["spec"]["values"] == {"replicaCount": 2}
    assert all(o["metadata"]["labels"]["profiles.weave.works/installation"] == "nginx" for o in objs)


def test_oci_chart_profile_uses_an_oci_repository_and_chart_ref() -> None:
    objs = render_chart_installation(
        name="podinfo",
        namespace="web",
        chart={"url": "oci://ghcr.example/charts", "name": "podinfo"},
        version="6.5.0+build.1",
        catalog=CATALOG,
        secret_ref="registry-auth",
    )
    assert [o["kind"] for o in objs] == ["ProfileInstallation", "OCIRepository", "HelmRelease"]
    assert objs[1]["apiVersion"] == "source.toolkit.fluxcd.io/v1"
    assert objs[1]["spec"]["url"] == "oci://ghcr.example/charts/podinfo"
    assert objs[1]["spec"]["ref"] == {"tag": "6.5.0_build.1"}
    assert objs[1]["spec"]["secretRef"] == {"name": "registry-auth"}  # a private registry's pull secret
    assert objs[2]["spec"]["chartRef"] == {"kind": "OCIRepository", "name": "podinfo", "namespace": "web"}
    assert "values" not in objs[2]["spec"] and "chart" not in objs[2]["spec"]


def _install(name: str) -> list[dict[str, Any]]:
    return render_chart_installation(
        name=name, namespace="ns", chart={"url": "https://c.example", "name": name}, version="1.0.0", catalog=CATALOG
    )


def _deps(groups: list[list[dict[str, Any]]]) -> dict[str, list[str]]:
    return {
        o["metadata"]["name"]: [d["name"] for d in o["spec"].get("dependsOn", [])]
        for g in groups
        for o in g
        if o["kind"] == "HelmRelease"
    }


def test_layers_order_installs_and_each_depends_on_every_lower_layer() -> None:
    groups = order_by_layer(
        [
            ("", _install("app")),
            ("layer-10", _install("top")),
            ("layer-2", _install("mesh")),
            ("layer-0", _install("certs")),
            ("layer-2", _install("ingress")),
        ]
    )
    assert [g[0]["metadata"]["name"] for g in groups] == ["certs", "mesh", "ingress", "top", "app"]
    assert _deps(groups) == {
        "certs": [],
        "mesh": ["certs"],
        "ingress": ["certs"],
        "top": ["certs", "mesh", "ingress"],
        "app": ["certs", "mesh", "ingress", "top"],
    }


def test_without_layers_nothing_changes() -> None:
    groups = order_by_layer([("", _install("b")), ("", _install("a"))])
    assert [g[0]["metadata"]["name"] for g in groups] == ["b", "a"]
    assert _deps(groups) == {"b": [], "a": []}


def test_layer_names_compare_numbers_as_numbers() -> None:
    assert sorted(["layer-10", "layer-2", "layer-1", "base"], key=layer_order) == [
        "base",
        "layer-1",
        "layer-2",
        "layer-10",
    ]


INDEX = """\
apiVersion: v1
entries:
  nginx-profile:
  - annotations:
      weave.works/profile: nginx
      weave.works/category: Networking
    apiVersion: v2
    description: An ingress controller
    digest: {digest}
    name: nginx-profile
    urls:
    - nginx-profile-1.1.0.tgz
    version: 1.1.0
  plain:
  - apiVersion: v2
    name: plain
    version: 1.0.0
    urls:
    - plain-1.0.0.tgz
generated: "2024-03-01T10:00:00Z"
"""


def test_catalog_scan_helm_prints_a_catalog_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    archive = chart_archive("nginx-profile", "1.1.0")
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.basic = ("reader", "pa55word-xyz")
        repo.files["/index.yaml"] = INDEX.replace("{digest}", sha256(archive)).encode()
        result = CliRunner().invoke(
            cli,
            ["catalog", "scan", "--helm", repo.url, "--username", "reader", "--password-stdin", "--catalog", "web"],
            input="pa55word-xyz\n",
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        doc = yaml.safe_load(result.stdout)
        assert doc["metadata"] == {"name": "web", "namespace": "default"}
        assert [(p["name"], p["version"], p["category"]) for p in doc["spec"]["profiles"]] == [
            ("nginx", "1.1.0", "Networking")
        ]
        assert "pa55word" not in result.output
        assert not list((tmp_path / "cache").rglob("*pa55word*"))
        for path in (tmp_path / "cache").rglob("*"):
            assert path.is_dir() or b"pa55word" not in path.read_bytes()
        repo.files["/index.yaml"] = INDEX.replace("weave.works/profile: nginx", "weave.works/other: x").encode()
        result = CliRunner().invoke(
            cli,
            ["catalog", "scan", "--helm", repo.url, "--username", "reader", "--password-stdin"],
            input="pa55word-xyz\n",
            catch_exceptions=False,
        )
        assert result.exit_code == 0
        assert result.stderr.strip() == f"warning: no chart in {repo.url} is annotated weave.works/profile: no entries"


def test_catalog_scan_needs_exactly_one_source() -> None:
    from kubectl_profiles.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main(["catalog", "scan"])
    assert exit_info.value.code == 2


def _git_repo(path: Path, files: dict[str, str], tag: str) -> str:
    import subprocess

    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "HOME": str(path)}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "profile"], ["tag", tag]):
        subprocess.run(["git", *args], cwd=path, env=env, check=True)
    return path.as_uri()


def test_show_values_of_a_git_profile_per_artifact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    archive = chart_archive("exporter", "0.2.0", values="# exporter defaults\nport: 9113\n")
    with helm_standin(tmp_path) as charts:
        monkeypatch.setenv("SSL_CERT_FILE", str(charts.ca_file))
        charts.files["/index.yaml"] = (
            "apiVersion: v1\nentries:\n  exporter:\n  - apiVersion: v2\n    name: exporter\n"
            f"    digest: {sha256(archive)}\n    urls:\n    - exporter-0.2.0.tgz\n    version: 0.2.0\n"
        ).encode()
        charts.files["/exporter-0.2.0.tgz"] = archive
        nested = _git_repo(
            tmp_path / "nested",
            {
                "profile.yaml": "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata: {name: inner}\n"
                "spec:\n  artifacts:\n    - name: db\n      chart: {path: chart, defaultValues: 'size: 1'}\n"
            },
            "v1.0.0",
        )
        url = _git_repo(
            tmp_path / "profile",
            {
                "web/profile.yaml": "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata: {name: web}\n"
                "spec:\n  artifacts:\n"
                "    - name: server\n      chart: {path: charts/server}\n"
                f"    - name: exporter\n      chart: {{url: '{charts.url}', name: exporter, version: 0.2.0}}\n"
                "    - name: config\n      kustomize: {path: manifests}\n"
                f"    - name: inner\n      profile: {{source: {{url: '{nested}', tag: v1.0.0}}}}\n",
                "web/charts/server/Chart.yaml": "apiVersion: v2\nname: server\nversion: 1.0.0\n",
                "web/charts/server/values.yaml": "# server defaults\nreplicaCount: 1\n",
                "web/manifests/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
            },
            "web/1.0.0",
        )
        result = CliRunner().invoke(
            cli, ["show", "values", "--url", url, "--tag", "web/1.0.0", "--path", "web"], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "server:\n  # server defaults\n  replicaCount: 1\n"
        "exporter:\n  # exporter defaults\n  port: 9113\n"
        "inner:\n  db:\n    size: 1\n"
    )
    assert yaml.safe_load(result.stdout) == {
        "server": {"replicaCount": 1},
        "exporter": {"port": 9113},
        "inner": {"db": {"size": 1}},
    }


CATALOG_FILE = """\
apiVersion: weave.works/v1alpha1
kind: ProfileCatalogSource
metadata: {name: platform, namespace: default}
spec:
  profiles:
    - {name: certs, version: 0.3.0, layer: layer-0, chart: {url: "https://charts.example.org", name: cert-manager}}
    - {name: nginx, version: 1.1.0, layer: layer-1, chart: {url: "oci://ghcr.example/charts", name: nginx}}
"""


def test_several_chart_profiles_offline_with_a_catalog_file(tmp_path: Path) -> None:
    from kubectl_profiles.cli.main import main

    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG_FILE)
    args = ["-n", "web", "install", "platform/nginx", "platform/certs", "--catalog-file", str(catalog)]
    result = CliRunner().invoke(cli, [*args, "--dry-run=client"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    docs = list(yaml.safe_load_all(result.stdout))
    assert [(d["kind"], d["metadata"]["name"]) for d in docs] == [
        ("ProfileInstallation", "certs"),
        ("HelmRepository", "certs"),
        ("HelmRelease", "certs"),
        ("ProfileInstallation", "nginx"),
        ("OCIRepository", "nginx"),
        ("HelmRelease", "nginx"),
    ]
    assert docs[5]["spec"]["dependsOn"] == [{"name": "certs"}]
    with pytest.raises(SystemExit) as exit_info:
        main(["install", "platform/nginx", "--catalog-file", str(catalog), "--dry-run=client", "--config-map", "x"])
    assert exit_info.value.code == 2
