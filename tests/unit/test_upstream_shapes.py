"""The original project's file shapes, read as they are (SPEC §1.1-§1.3): tag-only catalog entries, nested
profiles whose directory is their tag's prefix, `kind: Profile` in the original's groups, and ProfileSubscription.

Field names follow weaveworks/profiles api/v1alpha1 (ProfileCatalogEntry, Artifact, Source, ProfileSubscriptionSpec)
and the layout of the original's example repository (one directory per profile, tags `<directory>/v<semver>`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles import rules
from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.refs import SourceRef, nested_source, path_from_tag, source_ref, version_from_tag
from kubectl_profiles.model.subscription import subscription_path, to_installation
from kubectl_profiles.sources import GitCache, resolve_tree

URL = "https://github.com/example-org/profiles-examples"


def catalog(*entries: dict[str, Any], name: str = "examples") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"profiles": list(entries)},
    }


@pytest.mark.parametrize(
    ("tag", "version", "path"),
    [
        ("v1.0.0", "v1.0.0", "."),
        ("1.0.0", "1.0.0", "."),
        ("nginx/v1.0.0", "v1.0.0", "nginx"),
        ("team/nginx/1.2.3-rc.1", "1.2.3-rc.1", "team/nginx"),
        ("main", None, "."),
        ("nginx/latest", None, "nginx"),
    ],
)
def test_a_tag_names_a_version_and_a_directory(tag: str, version: str | None, path: str) -> None:
    assert version_from_tag(tag) == version
    assert path_from_tag(tag) == path


@pytest.mark.parametrize(
    ("artifact", "expected"),
    [
        # the original's canonical example: url and tag, no path -> the tag's prefix is the directory
        (
            {"profile": {"source": {"url": URL, "tag": "bitnami-nginx/v0.0.2"}}},
            ("bitnami-nginx/v0.0.2", None, "bitnami-nginx"),
        ),
        ({"profile": {"source": {"url": URL, "tag": "v0.0.2"}}}, ("v0.0.2", None, ".")),
        (
            {"profile": {"source": {"url": URL, "tag": "a/v1.0.0", "path": "elsewhere"}}},
            ("a/v1.0.0", None, "elsewhere"),
        ),
        ({"profile": {"source": {"url": URL, "branch": "feature/x"}}}, (None, "feature/x", ".")),
        ({"profile": {"source": {"url": URL, "branch": "main", "path": "nginx"}}}, (None, "main", "nginx")),
        # v0.0.5: url/branch/path/version on `profile` itself, version being the tag
        (
            {"kind": "Profile", "profile": {"url": URL, "version": "bitnami-nginx/v0.0.1"}},
            ("bitnami-nginx/v0.0.1", None, "bitnami-nginx"),
        ),
        (
            {"kind": "Profile", "profile": {"url": URL, "branch": "main", "path": "p", "version": "x/v1.0.0"}},
            (None, "main", "p"),
        ),
    ],
)
def test_one_parser_of_nested_sources(artifact: dict[str, Any], expected: tuple[Any, Any, str]) -> None:
    found = nested_source(artifact)
    assert found is not None and (found.tag, found.branch, found.path) == expected
    assert found == source_ref(
        URL, tag=expected[0], branch=expected[1], path=None if expected[2] == "." else expected[2]
    )


@pytest.mark.parametrize(
    "artifact", [{}, {"profile": {}}, {"profile": {"source": {"tag": "x/v1.0.0"}}}, {"profile": 3}]
)
def test_a_nested_source_needs_a_url(artifact: dict[str, Any]) -> None:
    assert nested_source(artifact) is None


@pytest.mark.parametrize(
    ("entry", "version", "tag", "path"),
    [
        ({"name": "nginx", "tag": "nginx/v1.0.0"}, "1.0.0", "nginx/v1.0.0", "nginx"),
        ({"name": "nginx", "tag": "v2.0.1"}, "2.0.1", "v2.0.1", "."),
        ({"name": "nginx", "version": "1.1.0"}, "1.1.0", "nginx/1.1.0", "nginx"),
        (
            {"name": "nginx", "version": "1.1.0", "tag": "release-1.1", "path": "deploy"},
            "1.1.0",
            "release-1.1",
            "deploy",
        ),
        ({"name": "nginx", "tag": "nginx/v1.2.0", "path": "."}, "1.2.0", "nginx/v1.2.0", "."),
    ],
)
def test_entries_read_their_version_tag_and_path(entry: dict[str, Any], version: str, tag: str, path: str) -> None:
    index = CatalogIndex([catalog({**entry, "url": URL})])
    found = index.resolve("examples", "nginx")
    assert (str(found.version), found.tag, found.path) == (version, tag, path)
    assert len(index) == 1
    assert [e.ref for e in index.search("nginx")] == ["examples/nginx"]


def test_tag_only_entries_list_resolve_and_update_like_any_other() -> None:
    index = CatalogIndex(
        [catalog(*({"name": "nginx", "tag": f"nginx/v{v}", "url": URL} for v in ("0.1.0", "0.1.1", "0.2.0-rc.1")))]
    )
    assert [e.raw_version for e in index.versions("examples", "nginx")] == ["v0.2.0-rc.1", "v0.1.1", "v0.1.0"]
    assert str(index.resolve("examples", "nginx", "^0.1").version) == "0.1.1"
    assert index.entry("examples", "nginx", "0.1.0") is not None
    assert [str(e.version) for e in index.updates("examples", "nginx", "0.1.0")] == ["0.1.1"]


@pytest.mark.parametrize(
    ("entry", "rules_found"),
    [
        ({"name": "a", "tag": "a/v1.0.0"}, []),
        ({"name": "a", "tag": "v1.0.0"}, []),
        ({"name": "a", "version": "1.0.0"}, []),
        ({"name": "a", "tag": "main"}, ["catalog.version.required"]),
        ({"name": "a"}, ["catalog.version.required"]),
        ({"name": "a", "tag": "main", "version": "1.0.0"}, []),
        ({"name": "a", "tag": "bad..tag"}, ["catalog.tag.form"]),
        ({"name": "a", "version": "1.0"}, ["catalog.version.semver"]),
    ],
)
def test_an_entry_needs_a_version_in_version_or_tag(entry: dict[str, Any], rules_found: list[str]) -> None:
    found = rules.check_catalog_source(catalog({**entry, "url": URL}), Facts())
    assert [v.rule for v in found if v.is_error] == rules_found
    if rules_found == ["catalog.version.required"]:
        assert "version" in found[0].message


def test_tag_only_duplicates_and_removals_in_use_are_seen() -> None:
    dup = catalog(
        {"name": "a", "tag": "a/v1.0.0", "url": URL}, {"name": "a", "version": "1.0.0", "url": URL, "tag": "x/1.0.0"}
    )
    assert "catalog.entry.duplicate" in [v.rule for v in rules.check_catalog_source(dup, Facts())]
    old = catalog({"name": "a", "tag": "a/v1.0.0", "url": URL})
    installed = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "a", "namespace": "default"},
        "spec": {"catalog": {"catalog": "examples", "profile": "a", "version": "1.0.0"}},
    }
    kept = rules.check_catalog_source(old, Facts(installations=[installed]), old=old)
    assert "catalog.entry.removed-in-use" not in [v.rule for v in kept]
    removed = rules.check_catalog_source(catalog(), Facts(installations=[installed]), old=old)
    assert "catalog.entry.removed-in-use" in [v.rule for v in removed]


@pytest.mark.parametrize(
    ("api_version", "kind", "expected"),
    [
        ("weave.works/v1alpha1", "ProfileDefinition", "ProfileDefinition"),
        ("weave.works/v1alpha1", "Profile", "ProfileDefinition"),
        ("packages.weave.works/profilesv1", "Profile", "ProfileDefinition"),
        ("packages.weave.works/v1alpha1", "Profile", "ProfileDefinition"),
        ("packages.weave.works.io/v1alpha1", "Profile", "ProfileDefinition"),
        ("profiles.fluxcd.io/v1alpha1", "Profile", "ProfileDefinition"),
        ("weave.works/v1alpha1", "ProfileSubscription", "ProfileSubscription"),
        ("profiles.example.com/v1", "Profile", None),
        ("example.com/v1", "ProfileSubscription", None),
        ("v1", "ConfigMap", None),
    ],
)
def test_kinds_of_the_original(api_version: str, kind: str, expected: str | None) -> None:
    assert rules.kind_of({"apiVersion": api_version, "kind": kind}) == expected


@pytest.mark.parametrize(
    ("spec", "installation_spec", "form"),
    [
        (
            {"profileURL": URL, "branch": "main"},
            {"source": {"url": URL, "branch": "main"}},
            "source",
        ),
        ({"profileURL": URL}, {"source": {"url": URL, "branch": "main"}}, "source"),  # the original's default branch
        (
            {
                "profileURL": URL,
                "version": "weaveworks-nginx/v0.1.0",
                "valuesFrom": [{"kind": "ConfigMap", "name": "v"}],
            },
            {
                "source": {"url": URL, "tag": "weaveworks-nginx/v0.1.0", "path": "weaveworks-nginx"},
                "valuesFrom": [{"kind": "ConfigMap", "name": "v"}],
            },
            "source",
        ),
        (
            {"profileURL": URL, "branch": "dev", "path": "nginx", "values": {"replicaCount": 3}},
            # v0.0.5 values went to every HelmRelease: they are the installation's globalValues
            {"source": {"url": URL, "branch": "dev", "path": "nginx"}, "globalValues": {"replicaCount": 3}},
            "source",
        ),
        (
            {
                "profile_catalog_description": {"catalog": "c", "profile": "nginx", "version": "v0.1.0"},
                "profileURL": URL,
                "version": "nginx/v0.1.0",
            },
            {"catalog": {"catalog": "c", "profile": "nginx", "version": "0.1.0"}},
            "catalog",
        ),
        (
            {"profile_catalog_description": {"catalog": "c", "profile_name": "nginx", "version": "1.0.0"}},
            {"catalog": {"catalog": "c", "profile": "nginx", "version": "1.0.0"}},
            "catalog",
        ),
        (
            {"profile_catalog_description": {"catalog": "c", "name": "nginx", "version": "1.0.0"}},
            {"catalog": {"catalog": "c", "profile": "nginx", "version": "1.0.0"}},
            "catalog",
        ),
        ({"branch": "main"}, {}, "none"),
    ],
)
def test_a_subscription_stands_for_an_installation(
    spec: dict[str, Any], installation_spec: dict[str, Any], form: str
) -> None:
    sub = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileSubscription",
        "metadata": {"name": "s", "namespace": "web", "creationTimestamp": None, "labels": {"team": "a"}},
        "spec": spec,
        "status": {},
    }
    conversion = to_installation(sub)
    assert conversion.form == form
    assert conversion.installation == {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "s", "namespace": "web", "labels": {"team": "a"}},
        "spec": installation_spec,
    }


def test_violations_on_a_subscription_point_at_its_own_fields() -> None:
    paths = to_installation(
        {"spec": {"profile_catalog_description": {"catalog": "c", "profile": "p", "version": "1.0.0"}}}
    ).paths
    assert subscription_path("$.spec.catalog.version", paths) == "$.spec.profile_catalog_description.version"
    assert subscription_path("$.spec.catalog.profile", paths) == "$.spec.profile_catalog_description.profile"
    assert subscription_path("$.spec.globalValues.a[0]", paths) == "$.spec.values.a[0]"
    assert subscription_path("$.spec.catalogue", paths) == "$.spec.catalogue"
    sub = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileSubscription",
        "metadata": {"name": "s", "namespace": "web"},
        "spec": {"profileURL": "http://example.com/r", "branch": "main"},
    }
    [found] = rules.check_document(sub, Facts())
    assert (found.path, found.rule) == ("$.spec.profileURL", "installation.source.url")
    assert found.message.startswith("spec.profileURL: ")


# --- a repository laid out as the original's examples ----------------------------------------------------------
def _git_repo(tmp_path: Path, files: dict[str, str], tags: list[str]) -> str:
    work = tmp_path / "work"
    for rel, text in files.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "profiles"], cwd=work, check=True)
    for tag in tags:
        subprocess.run([*git, "tag", tag], cwd=work, check=True)
    bare = tmp_path / "profiles-examples.git"
    subprocess.run([*git, "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare.as_uri()


def upstream_layout(tmp_path: Path) -> str:
    """weaveworks-nginx/ nests bitnami-nginx/ by url and tag only, as the original's example profile does."""
    url = (tmp_path / "profiles-examples.git").as_uri()
    outer = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileDefinition",
        "metadata": {"name": "weaveworks-nginx"},
        "spec": {
            "description": "Profile for deploying nginx",
            "artifacts": [
                {"name": "nested-profile", "profile": {"source": {"url": url, "tag": "bitnami-nginx/v0.0.2"}}},
                {"name": "nginx-deployment", "kustomize": {"path": "nginx/deployment"}},
            ],
        },
    }
    inner = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileDefinition",
        "metadata": {"name": "bitnami-nginx"},
        "spec": {"artifacts": [{"name": "nginx-server", "chart": {"path": "nginx/chart"}}]},
    }
    return _git_repo(
        tmp_path,
        {
            "weaveworks-nginx/profile.yaml": yaml.safe_dump(outer),
            "weaveworks-nginx/nginx/deployment/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
            "bitnami-nginx/profile.yaml": yaml.safe_dump(inner),
            "bitnami-nginx/nginx/chart/Chart.yaml": "apiVersion: v2\nname: nginx\nversion: 1.0.0\n",
        },
        ["weaveworks-nginx/v0.1.0", "bitnami-nginx/v0.0.2"],
    )


def test_nested_profile_by_tag_lives_in_the_tags_directory(tmp_path: Path) -> None:
    url = upstream_layout(tmp_path)
    cache = GitCache(root=tmp_path / "cache")
    entry = CatalogIndex([catalog({"name": "weaveworks-nginx", "tag": "weaveworks-nginx/v0.1.0", "url": url})]).resolve(
        "examples", "weaveworks-nginx"
    )
    tree = resolve_tree(SourceRef(entry.url, tag=entry.tag, path=entry.path), cache)
    nested = tree.children["nested-profile"]
    assert nested.definition.name == "bitnami-nginx"
    assert nested.source.path == "bitnami-nginx"
    assert nested.definition.artifacts[0].chart is not None
    assert nested.definition.artifacts[0].chart.path == "bitnami-nginx/nginx/chart"
