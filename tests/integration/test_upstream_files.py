"""The original project's files against the real API server (Kubernetes 1.20 here) with the webhook registered:
tag-only catalog entries are accepted by the CRD schema and read by list, describe and install; an entry with
neither version nor tag is refused by the schema itself (no CEL: `anyOf` of `required`); ProfileSubscriptions
kept in a cluster are audited; `install --url --tag NAME/vX` finds the profile in NAME/.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
import yaml

from kubectl_profiles.devenv.examples import build_example_repo
from tests.integration.test_plugin import Plugin, ok

# The original's ProfileSubscription CRD, as a cluster that ran it still has it: only its name, group and kind
# matter here (its schema was kubebuilder's; this one keeps every field).
SUBSCRIPTION_CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "profilesubscriptions.weave.works"},
    "spec": {
        "group": "weave.works",
        "scope": "Namespaced",
        "names": {"kind": "ProfileSubscription", "plural": "profilesubscriptions", "singular": "profilesubscription"},
        "versions": [
            {
                "name": "v1alpha1",
                "served": True,
                "storage": True,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}},
            }
        ],
    },
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_example_repo(tmp_path_factory.mktemp("repos"), name="upstream-files")


@pytest.fixture(scope="module")
def plugin(cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Plugin:
    p = Plugin(cluster)
    p.env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    return p


def tag_only_catalog(repo: str, namespace: str, name: str = "tagged") -> dict[str, Any]:
    """Catalog names are unique per test: a catalog named in two namespaces is ambiguous to an installation (and a
    ProfileSubscription cannot say which namespace it means)."""
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "profiles": [
                {"name": "nginx", "tag": "nginx/1.0.0", "url": repo, "description": "NGINX, version from its tag"},
                {"name": "nginx", "tag": "nginx/1.1.0", "url": repo, "description": "NGINX, version from its tag"},
                {"name": "redis", "tag": "redis/1.0.0", "url": repo, "catalog": name},
            ]
        },
    }


def test_tag_only_entries_are_served_listed_described_and_installed(
    plugin: Plugin, cluster: Any, repo: str, namespace: str
) -> None:
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(tag_only_catalog(repo, namespace)))
    listed = ok(plugin("list", "--catalog", "tagged", "-n", namespace, "-o", "json"))
    rows = {(i["name"], i["version"]) for i in json.loads(listed)["items"]}
    assert ("nginx", "1.1.0") in rows and ("redis", "1.0.0") in rows
    described = ok(plugin("describe", "tagged/nginx", "-n", namespace))
    assert "1.1.0" in described and "tag nginx/1.1.0, path nginx" in described
    result = plugin("install", "tagged/nginx@1.0.0", "-n", namespace, "--dry-run=client", "-o", "yaml")
    installation = next(yaml.safe_load_all(ok(result)))
    assert installation["spec"]["catalog"] == {
        "catalog": "tagged",
        "namespace": namespace,
        "profile": "nginx",
        "version": "1.0.0",
    }


def test_an_entry_with_neither_version_nor_tag_is_refused_by_the_schema(cluster: Any, namespace: str) -> None:
    bad = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "versionless", "namespace": namespace},
        "spec": {"profiles": [{"name": "nginx", "url": "https://github.com/example-org/profiles"}]},
    }
    result = cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(bad), check=False)
    assert result.returncode != 0
    # the API server's own schema validation (1.20 words it so), before any webhook is asked
    assert "must validate at least one schema (anyOf)" in result.stderr, result.stderr
    assert "admission webhook" not in result.stderr


def test_an_entry_whose_tag_names_no_version_is_refused_by_the_webhook(cluster: Any, namespace: str) -> None:
    bad = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "on-a-branch", "namespace": namespace},
        "spec": {"profiles": [{"name": "nginx", "tag": "main", "url": "https://github.com/example-org/profiles"}]},
    }
    result = cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(bad), check=False)
    assert result.returncode != 0
    assert "catalog.version.required" in result.stderr and "spec.profiles[0].tag" in result.stderr


def test_audit_lists_subscriptions_that_break_a_rule(plugin: Plugin, cluster: Any, repo: str, namespace: str) -> None:
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(SUBSCRIPTION_CRD))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "crd/profilesubscriptions.weave.works")
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(tag_only_catalog(repo, namespace, "legacy")))
    subscriptions = [
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileSubscription",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {"profile_catalog_description": {"catalog": "legacy", "profile": "nginx", "version": version}},
        }
        for name, version in (("current", "v1.1.0"), ("removed", "v0.9.0"))
    ]
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(subscriptions))
    try:
        result = plugin("audit", "-n", namespace)
        assert result.returncode == 1, result.stderr
        assert f"{namespace}   profilesubscription/removed   installation.version.not-found" in result.stdout
        assert "profilesubscription/current" not in result.stdout
        exported = cluster.kubectl("get", "profilesubscriptions", "-n", namespace, "-o", "yaml").stdout
        converted = subprocess.run(
            ["kubectl", "profiles", "migrate", "-"],
            input=exported,
            capture_output=True,
            text=True,
            env=plugin.env,
            check=False,
        )
        assert converted.returncode == 0, converted.stderr
        docs = list(yaml.safe_load_all(converted.stdout))
        assert [d["metadata"]["name"] for d in docs] == ["current", "removed"]
        server = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=converted.stdout, check=False)
        assert server.returncode != 0 and "installation.version.not-found" in server.stderr  # the webhook agrees
        only_current = yaml.safe_dump(docs[0])
        ok_result = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=only_current, check=False)
        assert ok_result.returncode == 0, ok_result.stderr
    finally:
        cluster.kubectl("delete", "crd", "profilesubscriptions.weave.works", "--wait=false", check=False)


def test_install_by_url_and_tag_without_path(plugin: Plugin, repo: str, namespace: str) -> None:
    result = plugin("install", "--url", repo, "--tag", "web-stack/1.0.0", "-n", namespace, "--dry-run=client")
    objects = list(yaml.safe_load_all(ok(result)))
    assert objects[0]["spec"]["source"] == {"url": repo, "tag": "web-stack/1.0.0", "path": "web-stack"}
