"""The Helm chart, rendered and linted by Helm's own engine (helm-python-sdk embeds it as a library).

Assertions are on the parsed objects, for the default values and for each option.
"""

from __future__ import annotations

import base64
import filecmp
import json
from pathlib import Path
from typing import Any

import pytest
import trustme
import yaml
from cryptography import x509

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extras")
_native = pytest.importorskip("helm_python._native")

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "kubectl-profiles"


def render_files(
    values: dict[str, Any] | None = None, namespace: str = "profiles-system", kube_version: str | None = None
) -> dict[str, str]:
    """The rendered files by template path, with no cluster (`lookup` finds nothing).

    Helm renders for its own default Kubernetes version; `kube_version` sets another, as `helm template
    --kube-version` does. helm-python-sdk's `Chart.render` does not expose that option, so it is passed to the
    library's render call directly, the same call `Chart.render` makes.
    """
    chart = helm.Chart.load(str(CHART))
    try:
        if kube_version is None:
            return chart.render(values or {}, name="profiles", namespace=namespace, is_install=True)
        opts = {"name": "profiles", "namespace": namespace, "is_install": True, "kube_version": kube_version}
        rendered = _native.call_string("helm_render", chart._raw(), json.dumps(values or {}), json.dumps(opts))
        return dict(json.loads(rendered))
    finally:
        chart.close()


def parse(files: dict[str, str]) -> dict[tuple[str, str], Any]:
    objects: dict[tuple[str, str], Any] = {}
    for name, text in files.items():
        if not name.endswith(".yaml"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def render(
    values: dict[str, Any] | None = None, namespace: str = "profiles-system", kube_version: str | None = None
) -> dict[tuple[str, str], Any]:
    return parse(render_files(values, namespace, kube_version))


def test_lint_has_no_errors() -> None:
    result = helm.lint(str(CHART), kube_version="1.29.0")
    assert result["errors"] == []
    assert not [m for m in result["messages"] if m["severity"] >= 3]


def test_values_schema_rejects_bad_values() -> None:
    with pytest.raises(helm.HelmError):
        render({"replicaCount": "two"})
    with pytest.raises(helm.HelmError):
        render({"webhook": {"defaultCatalogAccess": "everyone"}})
    with pytest.raises(helm.HelmError):
        render({"controller": {"cacheSizeLimit": "a lot"}})
    assert render({"controller": {"cacheSizeLimit": "512Mi"}})[("Deployment", "profiles-controller")]["spec"][
        "template"
    ]["spec"]["volumes"][0]["emptyDir"] == {"sizeLimit": "512Mi"}


def test_crds_are_identical_to_crds_dir() -> None:
    names = sorted(p.name for p in (ROOT / "crds").glob("*.yaml"))
    assert names == sorted(p.name for p in (CHART / "crds").glob("*.yaml"))
    _, mismatch, errors = filecmp.cmpfiles(ROOT / "crds", CHART / "crds", names, shallow=False)
    assert mismatch == [] and errors == [], "copy crds/*.yaml into charts/kubectl-profiles/crds/"


CONTROLLER_OBJECTS = {
    (kind, "profiles-controller")
    for kind in ("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment")
}


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
        *CONTROLLER_OBJECTS,
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
    assert objects[("PodDisruptionBudget", "profiles-webhook")]["spec"] == {
        "maxUnavailable": 1,
        "selector": {
            "matchLabels": {"app.kubernetes.io/name": "kubectl-profiles", "app.kubernetes.io/instance": "profiles"}
        },
    }
    hooks = objects[("ValidatingWebhookConfiguration", "profiles-webhook")]["webhooks"]
    assert [h["name"] for h in hooks] == [
        "profilecatalogsources.profiles.weave.works",
        "profileinstallations.profiles.weave.works",
    ]
    for h in hooks:
        assert (h["failurePolicy"], h["timeoutSeconds"], h["sideEffects"]) == ("Fail", 5, "None")
        assert h["namespaceSelector"] == {
            "matchExpressions": [
                {
                    "key": "kubernetes.io/metadata.name",
                    "operator": "NotIn",
                    "values": ["kube-system", "profiles-system"],
                }
            ]
        }
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
    objects = render(
        {
            "metrics": {"serviceMonitor": {"enabled": True}},
            "networkPolicy": {"enabled": True, "apiServer": {"cidrs": ["10.0.0.0/24"]}},
        }
    )
    assert objects[("ServiceMonitor", "profiles-webhook")]["spec"]["endpoints"][0]["path"] == "/metrics"
    policy = objects[("NetworkPolicy", "profiles-webhook")]["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    assert policy["ingress"][0]["ports"] == [{"port": 8443, "protocol": "TCP"}]


def test_controller_runs_two_replicas_with_least_privilege() -> None:
    objects = render()
    deploy = objects[("Deployment", "profiles-controller")]["spec"]
    assert deploy["replicas"] == 2
    webhook_selector = objects[("Deployment", "profiles-webhook")]["spec"]["selector"]["matchLabels"]
    pod_labels = deploy["template"]["metadata"]["labels"]
    assert not all(pod_labels.get(k) == v for k, v in webhook_selector.items()), "webhook selectors must miss these"
    container = deploy["template"]["spec"]["containers"][0]
    assert container["command"] == ["profiles-controller"]
    assert "--lease-name=profiles-controller" in container["args"]
    assert "--lease-namespace=profiles-system" in container["args"]
    # http:// and file:// Helm repositories are read exactly where the webhook admits them (local development)
    assert "--no-allow-file-urls" in container["args"]
    local = render({"webhook": {"allowFileUrls": True}})[("Deployment", "profiles-controller")]["spec"]["template"]
    assert "--allow-file-urls" in local["spec"]["containers"][0]["args"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    # its scratch volume (clones while read, scan memos, the Helm cache) is bounded
    assert deploy["template"]["spec"]["volumes"] == [{"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}}]
    rules = objects[("ClusterRole", "profiles-controller")]["rules"]
    writes = [(tuple(r["resources"]), tuple(r["verbs"])) for r in rules if set(r["verbs"]) - {"get", "list", "watch"}]
    assert writes == [
        (("profilecatalogsources/status", "profileinstallations/status"), ("get", "patch", "update")),
        (("events",), ("create", "patch")),
    ]
    secrets = [r for r in rules if "secrets" in r["resources"]]
    assert [r["verbs"] for r in secrets] == [["get"]]
    lease_rules = objects[("Role", "profiles-controller")]["rules"]
    assert lease_rules == [
        {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["create"]},
        {
            "apiGroups": ["coordination.k8s.io"],
            "resources": ["leases"],
            "resourceNames": ["profiles-controller"],
            "verbs": ["get", "update"],
        },
    ]
    assert not [
        r
        for r in render({"controller": {"readSecrets": False}})[("ClusterRole", "profiles-controller")]["rules"]
        if "secrets" in r["resources"]
    ]
    assert ("Deployment", "profiles-controller") not in render({"controller": {"enabled": False}})


# --- Hardening (issue 14): each test below failed on the chart before its fix. ---


def _budget(values: dict[str, Any]) -> Any:
    return render(values).get(("PodDisruptionBudget", "profiles-webhook"), {}).get("spec")


def test_one_replica_gets_no_budget_that_blocks_draining() -> None:
    # With one replica, minAvailable: 1 (the old default) meant no eviction was ever allowed, so no node running
    # the webhook could be drained. One replica has nothing a budget could keep available: none is made.
    assert ("PodDisruptionBudget", "profiles-webhook") not in render({"replicaCount": 1})
    assert ("PodDisruptionBudget", "profiles-webhook") not in render(
        {"replicaCount": 1, "podDisruptionBudget": {"minAvailable": 1}}
    )
    # Two replicas: one pod at a time may be evicted.
    spec = _budget({"replicaCount": 2})
    assert spec["maxUnavailable"] == 1 and "minAvailable" not in spec
    assert _budget({"replicaCount": 4, "podDisruptionBudget": {"maxUnavailable": "50%"}})["maxUnavailable"] == "50%"
    assert ("PodDisruptionBudget", "profiles-webhook") not in render({"podDisruptionBudget": {"enabled": False}})


def test_min_available_must_leave_a_pod_evictable() -> None:
    spec = _budget({"replicaCount": 3, "podDisruptionBudget": {"minAvailable": 2}})
    assert spec["minAvailable"] == 2 and "maxUnavailable" not in spec
    assert _budget({"replicaCount": 3, "podDisruptionBudget": {"minAvailable": "50%"}})["minAvailable"] == "50%"
    for replicas, min_available in ((2, 2), (3, 5), (2, "100%"), (3, "67%")):
        # 67% of 3 rounds up to 3 pods, as the disruption controller counts it: nothing left to evict.
        with pytest.raises(helm.HelmError, match=r"podDisruptionBudget\.minAvailable"):
            render({"replicaCount": replicas, "podDisruptionBudget": {"minAvailable": min_available}})
    for bad in (0, "0%", "-1", "all"):
        with pytest.raises(helm.HelmError):
            render({"podDisruptionBudget": {"maxUnavailable": bad}})


def _namespace_selectors(objects: dict[tuple[str, str], Any]) -> list[Any]:
    return [h["namespaceSelector"] for h in objects[("ValidatingWebhookConfiguration", "profiles-webhook")]["webhooks"]]


def test_kube_system_is_exempt_on_clusters_without_the_name_label() -> None:
    # Kubernetes sets kubernetes.io/metadata.name on namespaces from 1.21 on; the chart supports 1.20, where only a
    # label an administrator sets can exempt kube-system. Both requirements must hold for a review to be sent.
    by_name = {"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system", "profiles-system"]}
    by_label = {"key": "profiles.weave.works/webhook", "operator": "NotIn", "values": ["ignore"]}
    for selector in _namespace_selectors(render(kube_version="v1.20.2")):
        assert selector == {"matchExpressions": [by_name, by_label]}
    # On 1.21 and newer the name label, which only the API server sets, is enough: the opt-out label, which anyone
    # allowed to label or create namespaces could set, is not honoured there.
    for version in ("v1.21.0", "v1.29.3"):
        for selector in _namespace_selectors(render(kube_version=version)):
            assert selector == {"matchExpressions": [by_name]}


def test_notes_tell_a_1_20_user_to_label_the_exempt_namespaces() -> None:
    notes = render_files(kube_version="v1.20.2")["kubectl-profiles/templates/NOTES.txt"]
    assert "kubectl label namespace kube-system profiles-system profiles.weave.works/webhook=ignore" in notes
    assert (
        "profiles.weave.works/webhook"
        not in render_files(kube_version="v1.21.0")["kubectl-profiles/templates/NOTES.txt"]
    )


def test_network_policy_admits_only_the_api_server_and_the_monitoring_namespace() -> None:
    with pytest.raises(helm.HelmError, match=r"networkPolicy\.apiServer\.cidrs"):
        render({"networkPolicy": {"enabled": True}})
    objects = render(
        {"networkPolicy": {"enabled": True, "apiServer": {"cidrs": ["10.0.0.10/32", "fd00::/64"], "ports": [6443]}}}
    )
    policy = objects[("NetworkPolicy", "profiles-webhook")]["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    webhook_port = [{"port": 8443, "protocol": "TCP"}]
    api_server = [{"ipBlock": {"cidr": "10.0.0.10/32"}}, {"ipBlock": {"cidr": "fd00::/64"}}]
    monitoring = [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
    # Every rule names its sources: a rule without `from` would admit any source.
    assert policy["ingress"] == [
        {"from": api_server, "ports": webhook_port},
        {"from": monitoring, "ports": webhook_port},
    ]
    assert policy["egress"][0] == {"to": api_server, "ports": [{"port": 6443, "protocol": "TCP"}]}
    # The scrapers are configurable, and a value replaces the default rather than adding to it.
    scrapers = [
        {"namespaceSelector": {"matchLabels": {"team": "obs"}}, "podSelector": {"matchLabels": {"app": "prom"}}}
    ]
    values = {"enabled": True, "apiServer": {"cidrs": ["192.0.2.0/24"]}, "metrics": {"from": scrapers}}
    policy = render({"networkPolicy": values})[("NetworkPolicy", "profiles-webhook")]["spec"]
    assert policy["ingress"][1]["from"] == scrapers
    assert policy["egress"][0]["ports"] == [{"port": 443, "protocol": "TCP"}, {"port": 6443, "protocol": "TCP"}]
    # No scrapers: no rule for them, rather than one without `from`.
    values = {"enabled": True, "apiServer": {"cidrs": ["192.0.2.0/24"]}, "metrics": {"from": []}}
    policy = render({"networkPolicy": values})[("NetworkPolicy", "profiles-webhook")]["spec"]
    assert [rule["from"] for rule in policy["ingress"]] == [[{"ipBlock": {"cidr": "192.0.2.0/24"}}]]
    with pytest.raises(helm.HelmError):
        render({"networkPolicy": {"enabled": True, "apiServer": {"cidrs": ["everywhere"]}}})
    with pytest.raises(helm.HelmError):
        render(
            {"networkPolicy": {"enabled": True, "apiServer": {"cidrs": ["192.0.2.0/24"]}, "metrics": {"from": [{}]}}}
        )


def _load_cert(b64: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(base64.b64decode(b64))


def test_service_monitor_verifies_the_webhook_certificate() -> None:
    objects = render({"metrics": {"serviceMonitor": {"enabled": True}}})
    endpoint = objects[("ServiceMonitor", "profiles-webhook")]["spec"]["endpoints"][0]
    assert endpoint["tlsConfig"] == {
        "serverName": "profiles-webhook.profiles-system.svc",
        "ca": {"secret": {"name": "profiles-webhook-tls", "key": "ca.crt"}},
    }
    # The CA in that Secret key signs the serving certificate, which names serverName.
    data = objects[("Secret", "profiles-webhook-tls")]["data"]
    ca, cert = _load_cert(data["ca.crt"]), _load_cert(data["tls.crt"])
    cert.verify_directly_issued_by(ca)
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    assert endpoint["tlsConfig"]["serverName"] in names
    # With cert-manager, the Certificate's Secret has the same key (a self-signed issuer puts the certificate in
    # ca.crt) and names the same host.
    objects = render({"metrics": {"serviceMonitor": {"enabled": True}}, "certManager": {"enabled": True}})
    endpoint = objects[("ServiceMonitor", "profiles-webhook")]["spec"]["endpoints"][0]
    certificate = objects[("Certificate", "profiles-webhook")]["spec"]
    assert endpoint["tlsConfig"]["ca"]["secret"]["name"] == certificate["secretName"]
    assert endpoint["tlsConfig"]["serverName"] in certificate["dnsNames"]


NO_CLUSTER_NOTE = "profiles.weave.works/certificate"


def test_a_ca_generated_without_a_cluster_says_it_is_not_stable() -> None:
    files = render_files()
    text = files["kubectl-profiles/templates/webhook.yaml"]
    assert "helm template" in text and "certManager.enabled" in text and "tls.caCert" in text
    secret = parse(files)[("Secret", "profiles-webhook-tls")]
    assert "new on every render" in secret["metadata"]["annotations"][NO_CLUSTER_NOTE]
    # What the note says: a second render has another CA.
    assert render()[("Secret", "profiles-webhook-tls")]["data"]["ca.crt"] != secret["data"]["ca.crt"]


def _own_tls() -> dict[str, str]:
    ca = trustme.CA()
    cert = ca.issue_cert("profiles-webhook.profiles-system.svc")
    return {
        "caCert": ca.cert_pem.bytes().decode(),
        "cert": cert.cert_chain_pems[0].bytes().decode(),
        "key": cert.private_key_pem.bytes().decode(),
    }


def test_user_supplied_certificates_render_the_same_every_time() -> None:
    tls = _own_tls()
    first, second = render({"tls": tls}), render({"tls": tls})
    secret = first[("Secret", "profiles-webhook-tls")]
    assert secret == second[("Secret", "profiles-webhook-tls")]
    assert NO_CLUSTER_NOTE not in (secret["metadata"].get("annotations") or {})
    assert {k: base64.b64decode(v).decode() for k, v in secret["data"].items()} == {
        "ca.crt": tls["caCert"],
        "tls.crt": tls["cert"],
        "tls.key": tls["key"],
    }
    for hook in first[("ValidatingWebhookConfiguration", "profiles-webhook")]["webhooks"]:
        assert hook["clientConfig"]["caBundle"] == secret["data"]["ca.crt"]


def test_user_supplied_certificates_are_checked() -> None:
    tls = _own_tls()
    with pytest.raises(helm.HelmError, match=r"tls\.key"):
        render({"tls": {"caCert": tls["caCert"], "cert": tls["cert"]}})
    with pytest.raises(helm.HelmError, match=r"tls\.cert"):
        render({"tls": {**tls, "cert": "not a certificate"}})
    with pytest.raises(helm.HelmError, match=r"certManager\.enabled"):
        render({"tls": tls, "certManager": {"enabled": True}})
