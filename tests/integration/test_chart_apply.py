"""The chart against the real API server.

Rendering is `helm install --dry-run=server` through helm-python-sdk: the templates see the server's version and
API groups, and `lookup` reads the cluster, exactly as in a real install. Helm's dry run does not send the objects
to the server, so each object then passes `kubectl apply --dry-run=server`, and what can exist without nodes is
created for real. The ValidatingWebhookConfiguration points at a Service with no pods and `failurePolicy: Fail`:
it is only dry-run, or registered with an objectSelector that confines it to one test's objects.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.chart.test_chart import CHART, NO_CLUSTER_NOTE, parse

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extras")

EXEMPT_LABEL = "profiles.weave.works/webhook"


def install_dry_run(cluster: Any, namespace: str, values: dict[str, Any] | None = None) -> tuple[dict[Any, Any], str]:
    """The objects and NOTES that `helm install profiles CHART -n NAMESPACE --dry-run=server` renders."""
    config = helm.Config(kubeconfig_path=str(cluster.kubeconfig), namespace=namespace)
    chart = helm.Chart.load(str(CHART))
    try:
        release = config.install(chart, "profiles", values or {}, namespace=namespace, dry_run="server")
    finally:
        chart.close()
        config.close()
    return parse({"manifest.yaml": release["manifest"]}), str(release.get("notes") or "")


def server_minor(cluster: Any) -> int:
    version = json.loads(cluster.kubectl("get", "--raw", "/version").stdout)
    return int("".join(ch for ch in version["minor"] if ch.isdigit()))


@pytest.fixture
def release_namespace(cluster: Any) -> Iterator[str]:
    name = f"profiles-{uuid.uuid4().hex[:6]}"
    cluster.kubectl("create", "namespace", name)
    yield name
    cluster.kubectl("delete", "namespace", name, "--wait=false", check=False)


def dry_run_each(cluster: Any, objects: dict[Any, Any]) -> None:
    for (kind, name), obj in objects.items():
        result = cluster.kubectl("apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(obj), check=False)
        assert result.returncode == 0, f"{kind}/{name}: {result.stderr}"


def test_rendered_chart_applies(cluster: Any, release_namespace: str) -> None:
    namespace = release_namespace
    try:
        objects, _ = install_dry_run(cluster, namespace)
        dry_run_each(cluster, objects)
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
        # The controller's: read what it watches; write status subresources, Events and its own Lease only.
        # (`can-i` answers "no" for a kind the server does not serve: Flux's stand-in CRDs first.)
        flux = Path(__file__).resolve().parents[2] / "examples" / "flux-crds-standin.yaml"
        cluster.kubectl("apply", "-f", str(flux))
        cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(flux))
        csa = f"system:serviceaccount:{namespace}:profiles-controller"
        ccan = lambda *a: cluster.kubectl("auth", "can-i", *a, "--as", csa, check=False).stdout.strip()  # noqa: E731
        assert ccan("watch", "helmreleases.helm.toolkit.fluxcd.io", "-A") == "yes"
        assert ccan("patch", "profileinstallations.weave.works", "--subresource=status", "-A") == "yes"
        assert ccan("patch", "profileinstallations.weave.works", "-A") == "no"
        assert ccan("update", "profilecatalogsources.weave.works", "-A") == "no"
        assert ccan("delete", "helmreleases.helm.toolkit.fluxcd.io", "-A") == "no"
        assert ccan("create", "events", "-n", "default") == "yes"
        assert ccan("list", "secrets", "-A") == "no"
        assert ccan("update", "leases.coordination.k8s.io/profiles-controller", "-n", namespace) == "yes"
        assert ccan("update", "leases.coordination.k8s.io/someone-else", "-n", namespace) == "no"
        assert ccan("create", "leases.coordination.k8s.io", "-n", "default") == "no"
    finally:
        cluster.kubectl("delete", "clusterrole,clusterrolebinding", "profiles-controller", check=False)
        cluster.kubectl("delete", "clusterrole,clusterrolebinding", "profiles-webhook", check=False)


def test_options_apply(cluster: Any, release_namespace: str) -> None:
    # The NetworkPolicy (restricted sources) and the budget (maxUnavailable, in the policy API version the server
    # serves) as the server validates them; with one replica there is no budget at all.
    policy = {"enabled": True, "apiServer": {"cidrs": ["10.0.0.10/32", "fd00::/64"], "ports": [6443]}}
    objects, _ = install_dry_run(cluster, release_namespace, {"replicaCount": 3, "networkPolicy": policy})
    budget = objects[("PodDisruptionBudget", "profiles-webhook")]
    assert budget["spec"]["maxUnavailable"] == 1
    kept = {k: o for k, o in objects.items() if k[0] in ("NetworkPolicy", "PodDisruptionBudget")}
    assert len(kept) == 2
    dry_run_each(cluster, kept)
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(list(kept.values())))
    stored = json.loads(cluster.kubectl("get", "pdb", "profiles-webhook", "-n", release_namespace, "-o", "json").stdout)
    assert stored["spec"]["maxUnavailable"] == 1 and "minAvailable" not in stored["spec"]
    objects, _ = install_dry_run(cluster, release_namespace, {"replicaCount": 1})
    assert ("PodDisruptionBudget", "profiles-webhook") not in objects


def _catalog(namespace: str, marker: dict[str, str]) -> str:
    return json.dumps(
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileCatalogSource",
            "metadata": {"name": "exemption-probe", "namespace": namespace, "labels": marker},
            "spec": {
                "profiles": [
                    {"name": "probe", "version": "0.1.0", "url": "https://github.com/example-org/probe-profiles"}
                ]
            },
        }
    )


def test_kube_system_and_release_namespace_are_never_sent_to_the_webhook(
    cluster: Any, release_namespace: str, namespace: str
) -> None:
    """The rendered namespaceSelector, on this API server: a review it lets through is refused, since the Service
    has no pods and the policy is Fail; one it filters out is admitted without a call."""
    objects, notes = install_dry_run(cluster, release_namespace)
    config = objects[("ValidatingWebhookConfiguration", "profiles-webhook")]
    # A letter first: hex such as `210264e8` is a string to PyYAML but a number to kubectl's YAML reader.
    token = f"t{uuid.uuid4().hex[:8]}"
    marker = {"profiles.weave.works/chart-test": token}
    config["metadata"]["name"] = f"chart-exemption-{token}"
    for hook in config["webhooks"]:
        # Confines the configuration to this test's objects; the namespaceSelector under test is as rendered.
        hook["objectSelector"] = {"matchLabels": marker}
    before_1_21 = server_minor(cluster) < 21
    labelled_kube_system = False

    def create(ns: str) -> Any:
        return cluster.kubectl("create", "--dry-run=server", "-f", "-", input=_catalog(ns, marker), check=False)

    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(config))
    try:
        deadline, refused = time.monotonic() + 30, None
        while time.monotonic() < deadline:
            refused = create(namespace)
            if refused.returncode != 0 and "failed calling webhook" in refused.stderr:
                break
            time.sleep(0.2)
        assert refused is not None and "profilecatalogsources.profiles.weave.works" in refused.stderr
        if before_1_21:
            # Before 1.21 nothing names a namespace by label: NOTES say which namespaces to label, and until then
            # their reviews are sent like any other.
            assert f"kubectl label namespace {release_namespace} {EXEMPT_LABEL}=ignore" in notes
            assert "failed calling webhook" in create(release_namespace).stderr
            cluster.kubectl("label", "namespace", release_namespace, f"{EXEMPT_LABEL}=ignore")
            labels = json.loads(cluster.kubectl("get", "namespace", "kube-system", "-o", "json").stdout)["metadata"]
            if (labels.get("labels") or {}).get(EXEMPT_LABEL) != "ignore":
                cluster.kubectl("label", "namespace", "kube-system", f"{EXEMPT_LABEL}=ignore")
                labelled_kube_system = True
        else:
            assert EXEMPT_LABEL not in notes
        for exempt in ("kube-system", release_namespace):
            result = create(exempt)
            assert result.returncode == 0, f"{exempt}: {result.stderr}"
    finally:
        cluster.kubectl("delete", "validatingwebhookconfiguration", config["metadata"]["name"], check=False)
        if labelled_kube_system:
            cluster.kubectl("label", "namespace", "kube-system", f"{EXEMPT_LABEL}-", check=False)


def test_an_installed_ca_is_kept(cluster: Any, release_namespace: str) -> None:
    """`lookup` finds the Secret of an installed release, so an upgrade keeps its CA and certificate."""
    first, _ = install_dry_run(cluster, release_namespace)
    secret = first[("Secret", "profiles-webhook-tls")]
    # With a cluster to ask, the chart does not add the note it adds to `helm template` output.
    assert NO_CLUSTER_NOTE not in (secret["metadata"].get("annotations") or {})
    # Stored as an install stores it: owned by the release, so that the next install may adopt it.
    owned = {"meta.helm.sh/release-name": "profiles", "meta.helm.sh/release-namespace": release_namespace}
    stored = {**secret, "metadata": {**secret["metadata"], "annotations": owned}}
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(stored))
    again, _ = install_dry_run(cluster, release_namespace)
    assert again[("Secret", "profiles-webhook-tls")]["data"] == secret["data"]
    for hook in again[("ValidatingWebhookConfiguration", "profiles-webhook")]["webhooks"]:
        assert hook["clientConfig"]["caBundle"] == secret["data"]["ca.crt"]
