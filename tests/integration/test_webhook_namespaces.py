"""A namespace the webhook's cache has not seen is read from the real API server, with the webhook's own identity
(the chart's rights), and decides the review by its real labels; one that cannot be read is a denial."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles import kubeconfig
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.model.facts import Policy
from tests.webhook_support import admission, catalog, installation
from webhook.cache import Cache
from webhook.config import Config
from webhook.server import answer, make_app


@pytest.fixture
def webhook_kubeconfig(cluster: Any) -> Path:
    """The webhook's own identity where the local control plane made one, else the cluster's kubeconfig."""
    path = getattr(cluster, "webhook_kubeconfig", None)
    return Path(path) if path is not None and Path(path).exists() else Path(cluster.kubeconfig)


def _kubeconfig_for(cluster: Any, token: str, path: Path) -> Path:
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {"name": "c", "cluster": {"server": cluster.server, "certificate-authority": str(cluster.ca_file)}}
        ],
        "users": [{"name": "u", "user": {"token": token}}],
        "contexts": [{"name": "c", "context": {"cluster": "c", "user": "u"}}],
        "current-context": "c",
    }
    path.write_text(yaml.safe_dump(doc))
    path.chmod(0o600)
    return path


async def test_unseen_namespace_is_looked_up_and_decides_by_its_labels(
    cluster: Any, namespace: str, webhook_kubeconfig: Path, aiohttp_client: Any
) -> None:
    cluster.kubectl("label", "namespace", namespace, "tier=gold")
    gold_only = catalog(namespace="default")
    gold_only["spec"]["access"] = {"namespaceSelector": {"matchLabels": {"tier": "gold"}}}
    client = AsyncKube(kubeconfig.load(str(webhook_kubeconfig)))
    try:
        cache = Cache()  # no watch has run: every namespace is unseen
        cache.replace("profilecatalogsources", [gold_only])
        cache.client = client
        app = await aiohttp_client(make_app(Config(), cache))
        resp = await app.post("/validate/profileinstallations", json=admission(installation(), namespace=namespace))
        body = (await resp.json())["response"]
        assert body["allowed"] is True and "warnings" not in body
        assert cache.namespace_labels()[namespace]["tier"] == "gold"

        missing = f"gone-{uuid.uuid4().hex[:6]}"
        resp = await app.post("/validate/profileinstallations", json=admission(installation(), namespace=missing))
        body = (await resp.json())["response"]
        assert body["allowed"] is False
        assert (
            f"namespace {missing} is not known to the profiles webhook (namespace {missing} does not exist)"
            in (body["status"]["message"])
        )
    finally:
        await client.close()


async def test_a_namespace_the_webhook_may_not_read_is_a_denial(cluster: Any, namespace: str, tmp_path: Path) -> None:
    """An identity without `get namespaces` (a chart that forgot it) gets the API server's 403, and denies."""
    cluster.kubectl("create", "serviceaccount", "no-rights", "-n", namespace)
    token = cluster.kubectl("create", "token", "no-rights", "-n", namespace).stdout.strip()
    client = AsyncKube(kubeconfig.load(str(_kubeconfig_for(cluster, token, tmp_path / "kubeconfig"))))
    try:
        cache = Cache()
        cache.client = client
        problem = await cache.lookup_namespace(namespace, timeout=5)
        assert problem is not None and "HTTP 403" in problem and "forbidden" in problem
        _, body, outcome = answer(
            json.dumps(admission(installation(), namespace=namespace)).encode(),
            "profileinstallations",
            cache,
            Policy(),
        )
        assert body["response"]["allowed"] is False and outcome is not None and outcome.unknown_namespace == namespace
    finally:
        await client.close()
