"""The Helm chart, rendered and linted by Helm's own engine (helm-python-sdk embeds it as a library).

Assertions are on the parsed objects, for the default values and for each option.
"""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any

import pytest
import yaml

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extras")

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "kubectl-profiles"


def render(values: dict[str, Any] | None = None, namespace: str = "profiles-system") -> dict[tuple[str, str], Any]:
    chart = helm.Chart.load(str(CHART))
    try:
        files = chart.render(values or {}, name="profiles", namespace=namespace, is_install=True)
    finally:
        chart.close()
    objects: dict[tuple[str, str], Any] = {}
    for name, text in files.items():
        if not name.endswith(".yaml"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def test_lint_has_no_errors() -> None:
    result = helm.lint(str(CHART), kube_version="1.29.0")
    assert result["errors"] == []
    assert not [m for m in result["messages"] if m["severity"] >= 3]


def test_values_schema_rejects_bad_values() -> None:
    with pytest.raises(helm.HelmError):
        render({"replicaCount": "two"})
    with pytest.raises(helm.HelmError):
        render({"webhook": {"defaultCatalogAccess": "everyone"}})


def test_crds_are_identical_to_crds_dir() -> None:
    names = sorted(p.name for p in (ROOT / "crds").glob("*.yaml"))
    assert names == sorted(p.name for p in (CHART / "crds").glob("*.yaml"))
    _, mismatch, errors = filecmp.cmpfiles(ROOT / "crds", CHART / "crds", names, shallow=False)
    assert mismatch == [] and errors == [], "copy crds/*.yaml into charts/kubectl-profiles/crds/"


WEBHOOK_RBAC_RULES = [
    {
        "apiGroups": ["weave.works"],
        "resources": ["profilecatalogsources", "profileinstallations"],
        "verbs": ["get", "list", "watch"],
    },
    {"apiGroups": [""], "resources": ["namespaces"], "verbs": ["get", "list", "watch"]},
    # Reviews of catalog API callers: the API server answers them and stores nothing.
    {"apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]},
    {"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]},
]


def test_defaults() -> None:
    objects = render()
    assert set(objects) == {
        ("ServiceAccount", "profiles-webhook"),
        ("ClusterRole", "profiles-webhook"),
        ("ClusterRoleBinding", "profiles-webhook"),
        ("Deployment", "profiles-webhook"),
        ("PodDisruptionBudget", "profiles-webhook"),
        ("Service", "profiles-webhook"),
        ("Secret", "profiles-webhook-tls"),
        ("ValidatingWebhookConfiguration", "profiles-webhook"),
    }
    deploy = objects[("Deployment", "profiles-webhook")]["spec"]
    assert deploy["replicas"] == 2
    pod = deploy["template"]["spec"]
    assert pod["securityContext"] == {
        "runAsNonRoot": True,
        "runAsUser": 65532,
        "runAsGroup": 65532,
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    assert pod["affinity"]["podAntiAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"]
    container = pod["containers"][0]
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "https", "scheme": "HTTPS"}
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["resources"]["limits"] and container["resources"]["requests"]
    assert "--no-allow-file-urls" in container["args"] and "--default-catalog-access=all" in container["args"]
    assert "--log-level=info" in container["args"]
    assert objects[("ClusterRole", "profiles-webhook")]["rules"] == WEBHOOK_RBAC_RULES
    assert objects[("PodDisruptionBudget", "profiles-webhook")]["spec"]["minAvailable"] == 1
    hooks = objects[("ValidatingWebhookConfiguration", "profiles-webhook")]["webhooks"]
    assert [h["name"] for h in hooks] == [
        "profilecatalogsources.profiles.weave.works",
        "profileinstallations.profiles.weave.works",
    ]
    for h in hooks:
        assert (h["failurePolicy"], h["timeoutSeconds"], h["sideEffects"]) == ("Fail", 5, "None")
        assert h["namespaceSelector"]["matchExpressions"][0]["values"] == ["kube-system", "profiles-system"]
        assert h["clientConfig"]["caBundle"] == objects[("Secret", "profiles-webhook-tls")]["data"]["ca.crt"]
    assert hooks[1]["rules"][0]["operations"] == ["CREATE", "UPDATE", "DELETE"]


def test_cert_manager_option() -> None:
    objects = render({"certManager": {"enabled": True}})
    assert ("Secret", "profiles-webhook-tls") not in objects
    assert objects[("Certificate", "profiles-webhook")]["spec"]["secretName"] == "profiles-webhook-tls"
    vwc = objects[("ValidatingWebhookConfiguration", "profiles-webhook")]
    assert vwc["metadata"]["annotations"]["cert-manager.io/inject-ca-from"] == "profiles-system/profiles-webhook"
    assert all("caBundle" not in h["clientConfig"] for h in vwc["webhooks"])


def test_webhook_options_become_flags() -> None:
    objects = render(
        {
            "replicaCount": 3,
            "webhook": {
                "forbidUncatalogued": True,
                "catalogAdminGroups": ["a", "b"],
                "defaultCatalogAccess": "same-namespace",
                "logLevel": "debug",
            },
        }
    )
    deploy = objects[("Deployment", "profiles-webhook")]["spec"]
    args = deploy["template"]["spec"]["containers"][0]["args"]
    assert deploy["replicas"] == 3
    assert {
        "--forbid-uncatalogued",
        "--catalog-admin-group=a",
        "--catalog-admin-group=b",
        "--default-catalog-access=same-namespace",
        "--log-level=debug",
    } <= set(args)


def test_optional_service_monitor_and_network_policy() -> None:
    assert ("ServiceMonitor", "profiles-webhook") not in render()
    objects = render({"metrics": {"serviceMonitor": {"enabled": True}}, "networkPolicy": {"enabled": True}})
    assert objects[("ServiceMonitor", "profiles-webhook")]["spec"]["endpoints"][0]["path"] == "/metrics"
    policy = objects[("NetworkPolicy", "profiles-webhook")]["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    assert policy["ingress"][0]["ports"] == [{"port": 8443, "protocol": "TCP"}]
