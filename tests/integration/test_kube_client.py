"""The client core against the real API server: typed errors from real Status answers, impersonation, the official
loader's kubeconfigs, status writes with optimistic concurrency, leases, events and the reflector.

The plugin is run through real kubectl plugin discovery; the faces are used directly for what only the webhook and
the controller do (status, leases, events, watches).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles import errors, kubeconfig
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.kube.core import Request
from kubectl_profiles.kube.reflector import Reflector
from kubectl_profiles.kube.sync import Kube


def plugin(cluster: Any, *args: str, kubeconfig_path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    cmd = ["kubectl", "profiles", "--kubeconfig", kubeconfig_path or str(cluster.kubeconfig), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def readers(name: str, user: str | None = None, group: str | None = None) -> str:
    """RBAC that lets one user or group run `kubectl profiles get -A`: list installations and catalogs."""
    subject = {"kind": "User", "name": user} if user else {"kind": "Group", "name": group}
    role = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRole",
        "metadata": {"name": name},
        "rules": [
            {
                "apiGroups": ["weave.works"],
                "resources": ["profileinstallations", "profilecatalogsources"],
                "verbs": ["list"],
            }
        ],
    }
    binding = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": name},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
        "subjects": [{**subject, "apiGroup": "rbac.authorization.k8s.io"}],
    }
    return yaml.safe_dump_all([role, binding])


def test_as_acts_as_that_user(cluster: Any) -> None:
    line = one_error_line(plugin(cluster, "audit", "--as", "bob"))
    assert 'User "bob" cannot list resource' in line and "forbidden" in line
    with pytest.raises(errors.Forbidden) as denied:
        Kube.from_options(str(cluster.kubeconfig), None, None, None, impersonate="bob").list("namespaces")
    assert denied.value.code == 403 and denied.value.reason == "Forbidden"

    rbac = readers("as-test-bob", user="bob")
    cluster.kubectl("apply", "-f", "-", input=rbac)
    try:
        ok = plugin(cluster, "get", "-A", "--as", "bob")
        assert ok.returncode == 0, ok.stderr
        assert 'User "erin"' in one_error_line(plugin(cluster, "get", "-A", "--as", "erin"))
    finally:
        cluster.kubectl("delete", "-f", "-", input=rbac)


def test_as_group_reaches_the_api_server(cluster: Any) -> None:
    rbac = readers("as-test-group", group="pi-readers")
    cluster.kubectl("apply", "-f", "-", input=rbac)
    try:
        args = ("get", "-A", "--as", "frank")
        assert 'User "frank"' in one_error_line(plugin(cluster, *args))
        ok = plugin(cluster, *args, "--as-group", "pi-readers")
        assert ok.returncode == 0, ok.stderr
    finally:
        cluster.kubectl("delete", "-f", "-", input=rbac)


def official_kubeconfig(cluster: Any, tmp_path: Path, server_name: str) -> str:
    """The cluster's own kubeconfig with a tls-server-name: a form only the official loader reads."""
    doc = yaml.safe_load(Path(cluster.kubeconfig).read_text())
    for item in doc["clusters"]:
        item["cluster"]["tls-server-name"] = server_name
    path = tmp_path / f"kubeconfig-{server_name}"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def test_a_kubeconfig_only_the_official_loader_reads(cluster: Any, tmp_path: Path) -> None:
    # kube-apiserver's self-signed serving certificate names `kubernetes` (and the loopback address we dial).
    path = official_kubeconfig(cluster, tmp_path, "kubernetes")
    config = kubeconfig.load(path)
    assert "through the kubernetes package" in config.source and config.tls_server_name == "kubernetes"
    listed = plugin(cluster, "list", kubeconfig_path=path)
    assert listed.returncode == 0, listed.stderr
    line = one_error_line(plugin(cluster, "list", kubeconfig_path=official_kubeconfig(cluster, tmp_path, "x.invalid")))
    assert "TLS with the cluster" in line  # the name is really what the certificate is checked against


def catalog(name: str, namespace: str) -> dict[str, Any]:
    """A catalog whose name no other test uses: catalog names are looked up across namespaces."""
    name = f"client-core-{name}"
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"profiles": [{"name": "nginx", "version": "1.0.0", "url": "https://github.com/example/profiles"}]},
    }


async def test_async_face_against_the_real_api_server(cluster: Any, namespace: str) -> None:
    async with AsyncKube(kubeconfig.load(str(cluster.kubeconfig)), field_manager="profiles-test") as kube:
        created = await kube.create(catalog("c1", namespace))
        with pytest.raises(errors.AlreadyExists) as taken:
            await kube.create(catalog("c1", namespace))
        assert taken.value.code == 409 and taken.value.details.get("name") == "client-core-c1"
        bad = catalog("c2", namespace)
        bad["spec"]["profiles"] = "not a list"
        with pytest.raises(errors.Invalid) as invalid:
            await kube.create(bad)
        assert any(c.get("field") == "spec.profiles" for c in invalid.value.causes), invalid.value.causes
        assert await kube.get("profilecatalogsources", "missing", namespace) is None
        with pytest.raises(errors.NotFound):
            await kube.send(
                Request("GET", f"/apis/weave.works/v1alpha1/namespaces/{namespace}/profilecatalogsources/x")
            )

        rv = created["metadata"]["resourceVersion"]
        status = {"profileCount": 1}
        patched = await kube.patch_status(
            "profilecatalogsources", "client-core-c1", namespace, status, resource_version=rv
        )
        assert patched["status"] == status
        with pytest.raises(errors.Conflict):
            await kube.patch_status(
                "profilecatalogsources", "client-core-c1", namespace, {"profileCount": 2}, resource_version=rv
            )
        with pytest.raises(errors.Conflict):
            await kube.update_status({**created, "status": {"profileCount": 3}})
        updated = await kube.update_status({**patched, "status": {"profileCount": 3}})
        assert updated["status"] == {"profileCount": 3}

        event = await kube.create_event(updated, "Scanned", "one profile", event_type="Normal")
        listed = await kube.get("events", event["metadata"]["name"], namespace) or {}
        assert listed["involvedObject"]["uid"] == created["metadata"]["uid"]

        spec = {"holderIdentity": "a", "leaseDurationSeconds": 15}
        lease = await kube.create_lease(namespace, {"metadata": {"name": "leader"}, "spec": spec})
        with pytest.raises(errors.AlreadyExists):
            await kube.create_lease(namespace, {"metadata": {"name": "leader"}, "spec": {"holderIdentity": "b"}})
        renewed = await kube.update_lease(namespace, "leader", {**lease, "spec": {**spec, "leaseTransitions": 1}})
        with pytest.raises(errors.Conflict):
            await kube.update_lease(namespace, "leader", {**lease, "spec": {"holderIdentity": "b"}})
        assert (await kube.get_lease(namespace, "leader") or {})["spec"] == renewed["spec"]

        token = cluster.tokens["bob"]
        review = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}}
        answered = await kube.create(review)
        assert answered["status"]["user"]["username"] == "bob"


async def test_reflector_against_the_real_api_server(cluster: Any, namespace: str) -> None:
    seen: list[tuple[str, str]] = []
    async with AsyncKube(kubeconfig.load(str(cluster.kubeconfig))) as kube:
        reflector = Reflector(
            kube,
            "profilecatalogsources",
            namespace=namespace,
            label_selector="reflected=yes",
            on_event=lambda kind, obj: seen.append((kind, obj["metadata"]["name"])),
        )
        task = reflector.start()
        try:
            await asyncio.wait_for(reflector.synced.wait(), 10)
            labelled = catalog("r1", namespace)
            labelled["metadata"]["labels"] = {"reflected": "yes"}
            await kube.create(labelled)
            await kube.create(catalog("unlabelled", namespace))
            await kube.delete("profilecatalogsources", "client-core-r1", namespace)
            for _ in range(200):
                if ("DELETED", "client-core-r1") in seen:
                    break
                await asyncio.sleep(0.05)
            assert seen == [("ADDED", "client-core-r1"), ("DELETED", "client-core-r1")] and reflector.store == {}
        finally:
            task.cancel()
