"""The webhook registered with a real API server, exercised through real kubectl, as a user would.

RBAC grants the test users the right to manage installations, so that the webhook, not RBAC, decides access.
Users act through their own kubeconfig contexts (token authentication) or through impersonation (`--as`,
`--as-group`) by the admin.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

RBAC = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: profiles-test-installer}
rules:
  - apiGroups: [weave.works]
    resources: [profileinstallations, profilecatalogsources]
    verbs: [get, list, watch, create, update, patch, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: profiles-test-installer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: profiles-test-installer}
subjects:
  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
  - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
  - {kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}
  - {kind: User, name: dave, apiGroup: rbac.authorization.k8s.io}
  - {kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io}
"""


@pytest.fixture(scope="module", autouse=True)
def installers(cluster: Any) -> None:
    cluster.kubectl("apply", "-f", "-", input=RBAC)


def apply(cluster: Any, doc: dict[str, Any], *args: str, user: str | None = None, check: bool = False):
    return cluster.kubectl("apply", "-f", "-", *args, input=yaml.safe_dump(doc), user=user, check=check)


def catalog(name: str, namespace: str, access: Any = None, **entry: Any) -> dict[str, Any]:
    profile = {"name": "nginx", "version": "1.0.0", "url": "https://github.com/example/profiles", **entry}
    spec: dict[str, Any] = {"profiles": [profile, {**profile, "version": "1.1.0"}]}
    if access is not None:
        spec["access"] = access
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def installation(name: str, namespace: str, cat: str, version: str = "1.0.0", **meta: Any) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace, **meta},
        "spec": {"catalog": {"catalog": cat, "profile": "nginx", "version": version}},
    }


def exists(cluster: Any, kind: str, name: str, namespace: str) -> bool:
    return cluster.kubectl("get", kind, name, "-n", namespace, check=False).returncode == 0


def test_unknown_version_is_denied_with_a_clear_message(cluster: Any, namespace: str) -> None:
    apply(cluster, catalog("c1", namespace), check=True)
    result = apply(cluster, installation("x", namespace, "c1", version="9.9.9"))
    assert result.returncode != 0
    assert 'admission webhook "profileinstallations.profiles.weave.works" denied the request' in result.stderr
    assert "spec.catalog.version: c1/nginx has no version 9.9.9; available: 1.1.0, 1.0.0" in result.stderr
    assert not exists(cluster, "pi", "x", namespace)
    assert apply(cluster, installation("ok", namespace, "c1")).returncode == 0


def test_catalog_rules_at_admission(cluster: Any, namespace: str) -> None:
    doc = catalog("dup", namespace)
    doc["spec"]["profiles"].append(doc["spec"]["profiles"][0])
    result = apply(cluster, doc)
    assert result.returncode != 0 and "catalog.entry.duplicate" in result.stderr


def test_dry_run_server_stores_nothing(cluster: Any, namespace: str) -> None:
    apply(cluster, catalog("c2", namespace), check=True)
    result = apply(cluster, installation("dry", namespace, "c2"), "--dry-run=server")
    assert result.returncode == 0 and "(server dry run)" in result.stdout
    assert not exists(cluster, "pi", "dry", namespace)
    denied = apply(cluster, installation("dry", namespace, "c2", version="7.0.0"), "--dry-run=server")
    assert denied.returncode != 0 and "installation.version.not-found" in denied.stderr


@pytest.mark.parametrize(
    ("user", "groups", "target", "allowed"),
    [
        ("alice", (), "granted", True),  # namespace listed
        ("alice", (), "other", False),  # namespace not listed, no group
        ("bob", ("team-b",), "labelled", True),  # namespace matches the selector
        ("carol", ("platform-admins",), "other", True),  # group grant, anywhere
        ("dave", (), "labelled-wrong", False),  # selector does not match
    ],
)
def test_access_matrix(cluster: Any, user: str, groups: tuple[str, ...], target: str, allowed: bool) -> None:
    """Namespaces x users x groups, through impersonation: the webhook decides, RBAC allows all of them."""
    import uuid

    suffix = uuid.uuid4().hex[:6]
    owner, ns = f"owner-{suffix}", f"{target}-{suffix}"
    cluster.kubectl("create", "namespace", owner)
    cluster.kubectl("create", "namespace", ns)
    tier = {"labelled": "gold", "labelled-wrong": "tin"}.get(target)
    if tier:
        cluster.kubectl("label", "namespace", ns, f"tier={tier}")
    try:
        access = {
            "namespaces": [f"granted-{suffix}"],
            "namespaceSelector": {"matchLabels": {"tier": "gold"}},
            "groups": ["platform-admins"],
        }
        # a name of its own: namespaces never finish deleting on this control plane (no namespace controller), so
        # a catalog left behind must not share a name that another module resolves without a namespace
        name = f"locked-{suffix}"
        apply(cluster, catalog(name, owner, access=access), check=True)
        args = ["--as", user, *[a for g in groups for a in ("--as-group", g)]]
        doc = installation("app", ns, name)
        doc["spec"]["catalog"]["namespace"] = owner
        result = apply(cluster, doc, *args)
        assert (result.returncode == 0) is allowed, result.stderr
        if not allowed:
            assert "installation.access.denied" in result.stderr and "ask the catalog's owners" in result.stderr
    finally:
        cluster.kubectl("delete", "namespace", owner, ns, "--wait=false", check=False)


def test_token_users_are_decided_by_their_groups(cluster: Any, namespace: str) -> None:
    apply(cluster, catalog("by-group", namespace, access={"groups": ["team-a"]}), check=True)
    assert apply(cluster, installation("a", namespace, "by-group"), user="alice").returncode == 0
    denied = apply(cluster, installation("b", namespace, "by-group"), user="bob")
    assert denied.returncode != 0 and "installation.access.denied" in denied.stderr


def test_revocation_warning_reaches_kubectl(cluster: Any, namespace: str) -> None:
    apply(cluster, catalog("shared", namespace, access={"namespaces": [namespace]}), check=True)
    apply(cluster, installation("in-use", namespace, "shared"), check=True)
    result = apply(cluster, catalog("shared", namespace, access={"namespaces": ["elsewhere"]}))
    assert result.returncode == 0, result.stderr
    assert "Warning: this change revokes access that installations use:" in result.stderr
    assert f"{namespace}/in-use" in result.stderr


def test_downgrade_refused_unless_annotated(cluster: Any, namespace: str) -> None:
    apply(cluster, catalog("c3", namespace), check=True)
    apply(cluster, installation("app", namespace, "c3", version="1.1.0"), check=True)
    denied = apply(cluster, installation("app", namespace, "c3", version="1.0.0"))
    assert denied.returncode != 0 and "installation.downgrade" in denied.stderr
    annotated = installation(
        "app", namespace, "c3", version="1.0.0", annotations={"profiles.weave.works/allow-downgrade": "true"}
    )
    assert apply(cluster, annotated).returncode == 0


def test_delete_of_a_required_installation_is_refused(cluster: Any, namespace: str) -> None:
    doc = catalog("c4", namespace)
    doc["spec"]["profiles"].append(
        {"name": "app", "version": "1.0.0", "url": "https://github.com/e/p", "prerequisites": ["profile nginx"]}
    )
    apply(cluster, doc, check=True)
    apply(cluster, installation("nginx", namespace, "c4"), check=True)
    app = installation("app", namespace, "c4")
    app["spec"]["catalog"]["profile"] = "app"
    apply(cluster, app, check=True)
    refused = cluster.kubectl("delete", "pi", "nginx", "-n", namespace, check=False)
    assert refused.returncode != 0 and "installation.delete.required" in refused.stderr
    cluster.kubectl("annotate", "pi", "nginx", "-n", namespace, "profiles.weave.works/force-delete=true")
    assert cluster.kubectl("delete", "pi", "nginx", "-n", namespace, check=False).returncode == 0


def test_unmet_prerequisite_is_denied(cluster: Any, namespace: str) -> None:
    apply(
        cluster, catalog("c5", namespace, prerequisites=["api example.com/v1/Widget", "kubernetes >=1.19"]), check=True
    )
    result = apply(cluster, installation("p", namespace, "c5"))
    assert result.returncode != 0
    assert "prerequisite 'api example.com/v1/Widget' is not met" in result.stderr
    assert "kubernetes" not in result.stderr.split("denied the request:")[1]  # 1.20 satisfies >=1.19


def test_values_checked_against_the_schema(cluster: Any, namespace: str) -> None:
    schema = {"type": "object", "properties": {"replicas": {"type": "integer"}}}
    apply(cluster, catalog("c6", namespace, valuesSchema=schema), check=True)
    doc = installation("v", namespace, "c6")
    doc["spec"]["values"] = {"replicas": "two"}
    result = apply(cluster, doc)
    assert result.returncode != 0 and "spec.values.replicas: 'two' is not of type 'integer'" in result.stderr
