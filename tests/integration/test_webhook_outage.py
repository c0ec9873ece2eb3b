"""With the webhook down, `failurePolicy: Fail` refuses objects and stores none; after a restart all works again.

This runs on a control plane of its own, so that stopping the webhook cannot disturb other tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kubectl_profiles.devenv import cluster as cluster_mod
from kubectl_profiles.devenv import webhookreg

CATALOG = {
    "apiVersion": "weave.works/v1alpha1",
    "kind": "ProfileCatalogSource",
    "metadata": {"name": "c", "namespace": "default"},
    "spec": {"profiles": [{"name": "nginx", "version": "1.0.0", "url": "https://github.com/e/p"}]},
}


def install(name: str) -> str:
    return yaml.safe_dump(
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileInstallation",
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"catalog": {"catalog": "c", "profile": "nginx", "version": "1.0.0"}},
        }
    )


@pytest.fixture
def own_cluster(tmp_path: Path) -> Iterator[tuple[cluster_mod.Cluster, str]]:
    """A control plane of this test's own with the webhook registered and catalog `c`; (cluster, webhook URL)."""
    if os.environ.get("PROFILES_TEST_KUBECONFIG"):
        pytest.skip("needs its own local control plane")
    cp = cluster_mod.up(tmp_path / "cp", quiet=True)
    try:
        url = webhookreg.ensure_webhook(cp)
        cp.kubectl("apply", "-f", "-", input=yaml.safe_dump(CATALOG))
        yield cp, url
    finally:
        cluster_mod.down(tmp_path / "cp", quiet=True)


def test_webhook_down_refuses_and_restart_recovers(own_cluster: tuple[cluster_mod.Cluster, str]) -> None:
    cp, url = own_cluster
    assert cp.kubectl("apply", "-f", "-", input=install("before")).returncode == 0

    webhookreg.stop_webhook(cp)
    down = cp.kubectl("apply", "-f", "-", input=install("during"), check=False)
    assert down.returncode != 0
    assert "failed calling webhook" in down.stderr and "connection refused" in down.stderr
    assert cp.kubectl("get", "pi", "during", check=False).returncode != 0

    port = int(url.rsplit(":", 1)[1])
    webhookreg.start_webhook(cp, port=port)  # same URL: the registration stays valid
    webhookreg.wait_until_enforced(cp)
    assert cp.kubectl("apply", "-f", "-", input=install("after")).returncode == 0
    assert cp.kubectl("get", "pi", "after").returncode == 0


def test_restarted_with_policy_flags_enforces_them(own_cluster: tuple[cluster_mod.Cluster, str]) -> None:
    """--forbid-uncatalogued and --catalog-admin-group, through kubectl, after a restart with those flags."""
    cp, url = own_cluster
    source = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "from-git", "namespace": "default"},
        "spec": {"source": {"url": "https://github.com/e/p", "tag": "nginx/1.0.0", "path": "nginx"}},
    }
    assert cp.kubectl("apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(source)).returncode == 0

    webhookreg.stop_webhook(cp)
    webhookreg.start_webhook(
        cp, ("--forbid-uncatalogued", "--catalog-admin-group", "catalog-admins"), port=int(url.rsplit(":", 1)[1])
    )
    webhookreg.wait_until_enforced(cp)

    refused = cp.kubectl("apply", "-f", "-", input=yaml.safe_dump(source), check=False)
    assert refused.returncode != 0 and "installing profiles that no catalog lists is forbidden" in refused.stderr
    assert cp.kubectl("get", "pi", "from-git", check=False).returncode != 0

    changed = {
        **CATALOG,
        "spec": {
            "profiles": [
                *CATALOG["spec"]["profiles"],  # type: ignore[index]
                {"name": "nginx", "version": "1.1.0", "url": "https://github.com/e/p"},
            ]
        },
    }
    by_admin = cp.kubectl("apply", "-f", "-", input=yaml.safe_dump(changed), check=False)
    assert by_admin.returncode != 0 and "may not change catalogs here" in by_admin.stderr
    by_catalog_admin = cp.kubectl(
        "apply",
        "--as=carol",
        "--as-group=catalog-admins",
        "--as-group=system:masters",
        "-f",
        "-",
        input=yaml.safe_dump(changed),
    )
    assert by_catalog_admin.returncode == 0
    versions = cp.kubectl("get", "pcs", "c", "-o", "jsonpath={.spec.profiles[*].version}").stdout.split()
    assert versions == ["1.0.0", "1.1.0"]
    # installing from the catalog is still allowed
    assert cp.kubectl("apply", "-f", "-", input=install("from-catalog")).returncode == 0
