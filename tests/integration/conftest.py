"""Integration fixtures: one real control plane (etcd + kube-apiserver, and the webhook) for the whole session.

With `PROFILES_TEST_KUBECONFIG` set, the tests use that cluster instead (a kind cluster with the chart installed,
say). Otherwise a private control plane is started in a temporary directory, so that the tests never touch the
`.cluster/` that `make demo` uses, and stopped at the end.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kubectl_profiles.devenv import cluster as cluster_mod


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


class External:
    """A cluster the user points at: only kubectl through its kubeconfig."""

    def __init__(self, kubeconfig: str) -> None:
        self.kubeconfig = Path(kubeconfig)
        self.state_dir = self.kubeconfig.parent
        self.webhook_url: str | None = None

    def kubectl(
        self, *args: str, user: str | None = None, check: bool = True, input: str | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return cluster_mod.run_kubectl(self.kubeconfig, *args, user=user, check=check, input=input, timeout=timeout)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cluster_mod.Cluster | External]:
    external = os.environ.get("PROFILES_TEST_KUBECONFIG")
    if external:
        yield External(external)
        return
    state = tmp_path_factory.mktemp("control-plane")
    running = cluster_mod.up(state, quiet=True)
    try:
        from kubectl_profiles.devenv import webhookreg

        webhookreg.ensure_webhook(running)
        yield running
    finally:
        cluster_mod.down(state, quiet=True)


@pytest.fixture
def namespace(cluster: cluster_mod.Cluster | External) -> Iterator[str]:
    name = f"t-{uuid.uuid4().hex[:8]}"
    cluster.kubectl("create", "namespace", name)
    yield name
    cluster.kubectl("delete", "namespace", name, "--wait=false", check=False)
