"""The install service that `install`, `template` and `upgrade` share: building, pre-checks, Flux preflight, apply.

Profiles come from a real local git repository (the demo's builder); the client is a stand-in that records what is
asked of it, since the fake API server does not implement server-side apply (the integration tests apply for real).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.devenv.examples import build_example_repo
from kubectl_profiles.errors import ClusterError, Conflict, UsageError, ValidationFailed
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.flux import FLUX_KINDS
from kubectl_profiles.model.labels import RANGE_ANNOTATION
from kubectl_profiles.model.refs import SourceRef
from kubectl_profiles.services.install import (
    Settings,
    Target,
    apply_all,
    build,
    check_definition,
    precheck,
    preflight_flux,
)
from kubectl_profiles.sources import GitCache


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_example_repo(tmp_path_factory.mktemp("repos"))


def catalog(repo: str, *extra: dict[str, Any], helm_secret: bool = False) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "profiles": [
            {"name": "nginx", "version": "1.0.0", "tag": "nginx/1.0.0", "url": repo, "layer": "layer-1"},
            {"name": "nginx", "version": "1.1.0", "tag": "nginx/1.1.0", "url": repo, "layer": "layer-1"},
            *extra,
        ]
    }
    if helm_secret:
        spec["helmRepositories"] = [{"url": "https://charts.example/", "secretRef": {"name": "charts"}}]
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "demo", "namespace": "profiles"},
        "spec": spec,
    }


class Caches:
    """A git cache factory that counts its calls."""

    def __init__(self, root: Path) -> None:
        self.root, self.calls = root, 0

    def __call__(self) -> GitCache:
        self.calls += 1
        return GitCache(root=self.root)


def test_build_resolves_a_range_reads_git_once_and_keeps_the_range(repo: str, tmp_path: Path) -> None:
    index = CatalogIndex([catalog(repo)])
    caches, warnings = Caches(tmp_path / "cache"), []
    built = build(
        index,
        Target(reference="demo/nginx@^1.0"),
        Settings(namespace="team", values={"server": {"replicaCount": 4}}),
        git_cache=caches,
        warn=warnings.append,
    )
    installation = built.objects[0]
    assert installation["kind"] == "ProfileInstallation" and installation["metadata"]["name"] == "nginx"
    assert installation["spec"]["catalog"] == {
        "catalog": "demo",
        "namespace": "profiles",
        "profile": "nginx",
        "version": "1.1.0",
    }
    assert installation["metadata"]["annotations"] == {RANGE_ANNOTATION: "^1.0"}
    assert built.entry is not None and built.entry.raw_version == "1.1.0" and built.layer == "layer-1"
    assert caches.calls == 1 and warnings == []
    release = next(o for o in built.objects if o["kind"] == "HelmRelease" and o["metadata"]["name"] == "nginx-server")
    assert release["spec"]["values"]["replicaCount"] == 4


def test_build_from_a_git_source_names_it_after_the_profile(repo: str, tmp_path: Path) -> None:
    built = build(
        CatalogIndex(),
        Target(url=repo, tag="nginx/1.0.0"),
        Settings(namespace="team", git_repository="flux-system/fleet"),
        git_cache=Caches(tmp_path / "cache"),
        warn=lambda _: None,
    )
    assert built.entry is None and built.layer == ""
    assert built.objects[0]["spec"]["source"] == {"url": repo, "tag": "nginx/1.0.0", "path": "nginx"}
    assert built.objects[0]["spec"]["gitRepository"] == {"name": "fleet", "namespace": "flux-system"}
    assert "annotations" not in built.objects[0]["metadata"]


def test_a_chart_profile_reads_no_git_and_warns_about_its_secret(repo: str) -> None:
    chart = {"name": "podinfo", "version": "6.0.0", "chart": {"url": "https://charts.example", "name": "podinfo"}}
    index = CatalogIndex([catalog(repo, chart, helm_secret=True)])

    def no_git() -> GitCache:
        raise AssertionError("a chart profile has no repository to read")

    warnings: list[str] = []
    built = build(
        index, Target(reference="demo/podinfo"), Settings(namespace="team"), git_cache=no_git, warn=warnings.append
    )
    assert [o["kind"] for o in built.objects] == ["ProfileInstallation", "HelmRepository", "HelmRelease"]
    assert built.objects[1]["spec"]["secretRef"] == {"name": "charts"}
    assert warnings == [
        "the chart repository of demo/podinfo needs the Secret 'charts'; Flux reads it from namespace team, "
        "so copy it there from profiles"
    ]
    with pytest.raises(UsageError, match="is a Helm chart profile"):
        build(
            index,
            Target(reference="demo/podinfo"),
            Settings(namespace="team", config_map="v"),
            git_cache=no_git,
            warn=warnings.append,
        )


@pytest.mark.parametrize(
    ("target", "settings", "message"),
    [
        (
            Target(reference="demo/nginx", url="file:///x", tag="v1"),
            Settings("t"),
            "give either CATALOG/PROFILE or --url",
        ),
        (Target(url="file:///x"), Settings("t"), "--url needs exactly one of --tag and --branch"),
        (Target(), Settings("t"), r"name a profile \(CATALOG/PROFILE\[@VERSION\]\) or give --url"),
        (Target(reference="demo/nginx"), Settings("t", name="Not_A_Name"), "--name 'Not_A_Name' is not a valid name"),
    ],
)
def test_build_refuses_what_cannot_be_installed(
    repo: str, tmp_path: Path, target: Target, settings: Settings, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        build(CatalogIndex([catalog(repo)]), target, settings, git_cache=Caches(tmp_path), warn=lambda _: None)


def test_check_definition_stops_at_the_first_error() -> None:
    doc = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileDefinition", "metadata": {}, "spec": {}}
    with pytest.raises(
        ValidationFailed, match=r"^profile.yaml of https://e/r@v1: metadata.name: .*\[definition.name\]"
    ):
        check_definition(doc, SourceRef("https://user:pw@e/r", tag="v1"))


def test_precheck_offline_says_what_it_cannot_check_and_refuses_a_missing_version(repo: str, tmp_path: Path) -> None:
    needs_redis = {
        "name": "web",
        "version": "1.0.0",
        "tag": "nginx/1.0.0",
        "url": repo,
        "prerequisites": ["profile redis"],
    }
    index = CatalogIndex([catalog(repo, needs_redis)])
    facts = Facts(catalogs=index.sources, index=index)
    built = build(
        index, Target(reference="demo/web"), Settings("team"), git_cache=Caches(tmp_path), warn=lambda _: None
    )
    warnings: list[str] = []
    precheck(built.objects, index, facts, None, webhook=False, warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("not checked without a cluster: ")
    assert warnings[0].endswith("[prerequisite.unmet]")
    built.objects[0]["spec"]["catalog"]["version"] = "9.9.9"
    with pytest.raises(ValidationFailed, match=r"has no version 9.9.9.*\[installation.version.not-found\]"):
        precheck(built.objects, index, facts, None, warn=warnings.append)


class StandIn:
    """The parts of the sync client the service uses, recording the calls."""

    def __init__(self, existing: set[str] = frozenset(), fail_on: str | None = None, served: bool = True) -> None:
        self.existing, self.fail_on, self.served = set(existing), fail_on, served
        self.calls: list[tuple[str, ...]] = []

    def resource_for(self, obj: dict[str, Any]) -> str:
        return str(obj["kind"]).lower()

    def get(self, resource: str, name: str, namespace: str | None) -> dict[str, Any] | None:
        return {} if name in self.existing else None

    def apply(self, objects: list[dict[str, Any]], *, dry_run: bool = False) -> list[dict[str, Any]]:
        for obj in objects:
            self.calls.append(("dry-run" if dry_run else "apply", obj["metadata"]["name"]))
            if not dry_run and obj["metadata"]["name"] == self.fail_on:
                raise Conflict("conflict")
        return [dict(o) for o in objects]

    def delete(self, resource: str, name: str, namespace: str | None) -> bool:
        self.calls.append(("delete", name))
        return True

    def group_versions(self, group: str) -> list[str] | None:
        return [f.version for f in FLUX_KINDS if f.group == group] if self.served else None

    def served_kinds(self, api_version: str) -> frozenset[str]:
        return frozenset(f.kind for f in FLUX_KINDS if f.api_version == api_version)


def objects(*names: str) -> list[dict[str, Any]]:
    return [
        {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": {"name": n, "namespace": "t"}}
        for n in names
    ]


def test_apply_all_dry_runs_everything_first_and_says_what_it_did() -> None:
    kube = StandIn(existing={"b"})
    lines = apply_all(kube, objects("a", "b"))
    assert kube.calls == [("dry-run", "a"), ("dry-run", "b"), ("apply", "a"), ("apply", "b")]
    assert lines == ["helmrelease.helm.toolkit.fluxcd.io/a created", "helmrelease.helm.toolkit.fluxcd.io/b configured"]


def test_apply_all_removes_what_it_created_when_a_later_object_fails() -> None:
    kube = StandIn(existing={"b"}, fail_on="c")
    with pytest.raises(Conflict):
        apply_all(kube, objects("a", "b", "c"))
    assert kube.calls[-2:] == [("apply", "c"), ("delete", "a")]  # b existed before: it stays


def test_preflight_flux_names_what_the_cluster_does_not_serve() -> None:
    preflight_flux(StandIn(), objects("a"))
    with pytest.raises(ClusterError, match=r"^Flux is not installed: this cluster does not serve HelmRelease"):
        preflight_flux(StandIn(served=False), objects("a"))
