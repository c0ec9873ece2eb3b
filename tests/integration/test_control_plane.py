"""The local control plane is real: RBAC, CRDs with their schemas, plugin discovery, and up/down semantics."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from kubectl_profiles.devenv import cluster as cluster_mod
from kubectl_profiles.model.subscription import to_installation
from kubectl_profiles.validation.inputs import parse_documents

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "valid"


def test_rbac_is_enforced(cluster) -> None:
    denied = cluster.kubectl("get", "secrets", "-n", "default", user="dave", check=False)
    assert denied.returncode != 0 and "forbidden" in denied.stderr.lower()
    assert cluster.kubectl("auth", "can-i", "list", "secrets", "--as", "dave", check=False).stdout.strip() == "no"
    assert cluster.kubectl("auth", "can-i", "list", "secrets").stdout.strip() == "yes"


def test_crds_are_established_with_short_names(cluster) -> None:
    for name in cluster_mod.CRD_NAMES:
        out = cluster.kubectl(
            "get", "crd", name, "-o", "jsonpath={.status.conditions[?(@.type=='Established')].status}"
        )
        assert out.stdout == "True"
    assert cluster.kubectl("get", "pcs", "-A").returncode == 0
    assert cluster.kubectl("get", "pi", "-A").returncode == 0


def test_api_server_rejects_a_bad_version_itself(cluster, namespace: str) -> None:
    doc = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "bad", "namespace": namespace},
        "spec": {"profiles": [{"name": "nginx", "version": "0.not.1", "url": "https://e.com/r"}]},
    }
    result = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(doc), check=False)
    assert result.returncode != 0
    assert "spec.profiles.version" in result.stderr or "spec.profiles[0].version" in result.stderr


@pytest.mark.parametrize("path", sorted(VALID.iterdir()), ids=lambda p: p.name)
def test_every_valid_fixture_is_accepted_by_the_api_server(cluster, namespace: str, path: Path) -> None:
    """Schema and code cannot drift apart: what validate accepts, the API server's CRD schema accepts."""
    docs = [d.body for d in parse_documents(str(path), path.read_text())]
    # The original's ProfileSubscription is served by no CRD of this project: what the API server gets is the
    # ProfileInstallation that `kubectl profiles migrate` writes for it.
    docs = [to_installation(d).installation if d.get("kind") == "ProfileSubscription" else d for d in docs]
    for doc in docs:
        if doc.get("kind") == "Profile":
            continue  # the v0.0.5 profile.yaml shape is a file format, not a served kind
        if doc.get("apiVersion", "").startswith("weave.works/"):
            doc.setdefault("metadata", {})["namespace"] = namespace
    served = [d for d in docs if d.get("kind") != "Profile"]
    # Catalogs first, so that the webhook (when registered) sees them before the installations.
    served.sort(key=lambda d: d.get("kind") != "ProfileCatalogSource")
    for doc in served:
        if doc.get("kind") == "ProfileCatalogSource":
            cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(doc))
    for doc in served:
        if doc.get("kind") != "ProfileCatalogSource":
            result = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(doc), check=False)
            assert result.returncode == 0, result.stderr


def test_plugin_is_found_by_kubectl(cluster) -> None:
    bindir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=f"{bindir}:{os.environ.get('PATH', '')}")
    assert shutil.which("kubectl-profiles", path=env["PATH"]), "pip install -e . puts kubectl-profiles on PATH"
    import subprocess

    result = subprocess.run(
        ["kubectl", "profiles", "--kubeconfig", str(cluster.kubeconfig), "version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("kubectl-profiles ")
    listed = subprocess.run(["kubectl", "plugin", "list"], capture_output=True, text=True, env=env, check=False)
    assert "kubectl-profiles" in listed.stdout


def test_up_is_idempotent_and_down_then_up_works(tmp_path: Path) -> None:
    if os.environ.get("PROFILES_TEST_KUBECONFIG"):
        pytest.skip("an external cluster was given; this test starts its own control plane")
    state = tmp_path / "cp"
    first = cluster_mod.up(state, quiet=True, crds=False)
    try:
        again = cluster_mod.up(state, quiet=True, crds=False)
        assert again.pids == first.pids and again.api_port == first.api_port
        cluster_mod.down(state, quiet=True)
        assert not state.exists()
        assert not any(cluster_mod._pid_alive(p) for p in first.pids.values())
        cluster_mod.down(state, quiet=True)  # twice is fine
        second = cluster_mod.up(state, quiet=True, crds=False)
        assert second.ready()
    finally:
        cluster_mod.down(state, quiet=True)
