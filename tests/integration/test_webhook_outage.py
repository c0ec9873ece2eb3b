"""With the webhook down, `failurePolicy: Fail` refuses objects and stores none; after a restart all works again.

This runs on a control plane of its own, so that stopping the webhook cannot disturb other tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from kubectl_profiles.devenv import cluster as cluster_mod
from kubectl_profiles.devenv import webhookreg

CATALOG = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileCatalogSource",
           "metadata": {"name": "c", "namespace": "default"},
           "spec": {"profiles": [{"name": "nginx", "version": "1.0.0", "url": "https://github.com/e/p"}]}}


def install(name: str) -> str:
    return yaml.safe_dump({"apiVersion": "weave.works/v1alpha1", "kind": "ProfileInstallation",
                           "metadata": {"name": name, "namespace": "default"},
                           "spec": {"catalog": {"catalog": "c", "profile": "nginx", "version": "1.0.0"}}})


@pytest.mark.skipif(bool(os.environ.get("PROFILES_TEST_KUBECONFIG")), reason="needs its own local control plane")
def test_webhook_down_refuses_and_restart_recovers(tmp_path: Path) -> None:
    cp = cluster_mod.up(tmp_path / "cp", quiet=True)
    try:
        url = webhookreg.ensure_webhook(cp)
        cp.kubectl("apply", "-f", "-", input=yaml.safe_dump(CATALOG))
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
    finally:
        cluster_mod.down(tmp_path / "cp", quiet=True)
