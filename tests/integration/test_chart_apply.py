"""The rendered chart against the real API server: every object passes a server-side dry run, and what can exist
without nodes is created for real. The ValidatingWebhookConfiguration is only dry-run: it points at a Service with
no pods behind it and `failurePolicy: Fail`, which would refuse every other test's objects."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import yaml

from tests.chart.test_chart import render

pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extras")


def test_rendered_chart_applies(cluster: Any) -> None:
    namespace = f"profiles-{uuid.uuid4().hex[:6]}"
    cluster.kubectl("create", "namespace", namespace)
    try:
        objects = render(namespace=namespace)
        for (kind, name), obj in objects.items():
            result = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(obj), check=False)
            assert result.returncode == 0, f"{kind}/{name}: {result.stderr}"
        created = {k: o for k, o in objects.items() if k[0] != "ValidatingWebhookConfiguration"}
        cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(list(created.values())))
        for kind, name in created:
            ns_args = [] if kind in ("ClusterRole", "ClusterRoleBinding") else ["-n", namespace]
            assert cluster.kubectl("get", kind, name, *ns_args).returncode == 0
        # The webhook's service account may read what it watches and nothing more.
        sa = f"system:serviceaccount:{namespace}:profiles-webhook"
        can = lambda *a: cluster.kubectl("auth", "can-i", *a, "--as", sa, check=False).stdout.strip()  # noqa: E731
        assert can("watch", "profilecatalogsources.weave.works", "-A") == "yes"
        assert can("list", "namespaces") == "yes"
        assert can("create", "profileinstallations.weave.works", "-A") == "no"
        assert can("get", "secrets", "-A") == "no"
        # The catalog API's callers are checked by reviews, which the API server answers and stores nowhere.
        assert can("create", "tokenreviews.authentication.k8s.io") == "yes"
        assert can("create", "subjectaccessreviews.authorization.k8s.io") == "yes"
        assert can("get", "namespaces") == "yes"
    finally:
        cluster.kubectl("delete", "clusterrole,clusterrolebinding", "profiles-webhook", check=False)
        cluster.kubectl("delete", "namespace", namespace, "--wait=false", check=False)
