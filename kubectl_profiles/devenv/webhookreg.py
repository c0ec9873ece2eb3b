"""The webhook in the local environment: TLS material, the process, and its registration by URL.

The API server calls the webhook at `https://127.0.0.1:PORT/validate/...` with the CA in `caBundle`, exactly as a
cluster calls a Service, with `failurePolicy: Fail` and `timeoutSeconds: 5`. A new configuration takes a moment to
take effect, so `register` waits until a known-bad object is denied.

kube-system is excluded through a label that `up` sets on it: Kubernetes 1.20 does not yet label namespaces with
`kubernetes.io/metadata.name`, which the Helm chart uses on newer clusters.

The webhook runs as its own identity (`WEBHOOK_USER`) bound to the rules the chart gives its service account
(`WEBHOOK_RULES`, kept equal to the chart's by a test), so that a right the chart forgets fails here first. A
state directory from before that identity existed has no token for it: the webhook then runs as admin.
"""

from __future__ import annotations

import base64
import json
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from kubectl_profiles.devenv.cluster import WEBHOOK_USER, Cluster, _log_tail, _pid_alive, free_port, stop_pid
from kubectl_profiles.devenv.errors import DevenvError
from kubectl_profiles.model.labels import WEBHOOK_EXEMPT_LABEL

CONFIG_NAME = "profiles.weave.works"
PROBE = {
    "apiVersion": "weave.works/v1alpha1",
    "kind": "ProfileInstallation",
    "metadata": {"name": "webhook-probe", "namespace": "default"},
    "spec": {},  # neither catalog nor source: the schema allows it, only the webhook refuses it
}


WEBHOOK_RULES: list[dict[str, list[str]]] = [
    {
        "apiGroups": ["weave.works"],
        "resources": ["profilecatalogsources", "profileinstallations"],
        "verbs": ["get", "list", "watch"],
    },
    {"apiGroups": [""], "resources": ["namespaces"], "verbs": ["get", "list", "watch"]},
    {"apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]},
    {"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]},
]
"""The chart's ClusterRole for the webhook (charts/kubectl-profiles/templates/rbac.yaml)."""


def grant_webhook(cluster: Cluster) -> Path:
    """Bind the webhook's identity to WEBHOOK_RULES; the kubeconfig the webhook should use."""
    if WEBHOOK_USER not in cluster.tokens or not cluster.webhook_kubeconfig.exists():
        return cluster.kubeconfig
    name = "profiles-webhook-devenv"
    docs = [
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": name},
            "rules": WEBHOOK_RULES,
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": name},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
            "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": WEBHOOK_USER}],
        },
    ]
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(docs))
    return cluster.webhook_kubeconfig


def make_tls(state_dir: Path) -> tuple[Path, Path, Path]:
    import trustme

    tls = state_dir / "webhook-tls"
    tls.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = tls / "ca.crt", tls / "tls.crt", tls / "tls.key"
    ca.cert_pem.write_to_path(str(ca_path))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    for extra in cert.cert_chain_pems[1:]:
        extra.write_to_path(str(cert_path), append=True)
    cert.private_key_pem.write_to_path(str(key_path))
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


def _ready(url: str, ca: Path) -> bool:
    ctx = ssl.create_default_context(cafile=str(ca))
    try:
        with urllib.request.urlopen(f"{url}/readyz", context=ctx, timeout=1) as resp:  # noqa: S310 - loopback
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError, ssl.SSLError):
        return False


def start_webhook(
    cluster: Cluster, extra_args: tuple[str, ...] = (), port: int | None = None, timeout: float = 30
) -> str:
    """Start `python -m webhook` for this control plane; return its base URL once /readyz answers."""
    tls = cluster.state_dir / "webhook-tls"
    if not (tls / "tls.crt").exists():
        make_tls(cluster.state_dir)
    kubeconfig = grant_webhook(cluster)
    port = port or free_port()
    url = f"https://127.0.0.1:{port}"
    log = (cluster.state_dir / "webhook.log").open("ab")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "webhook",
            "--listen",
            f"127.0.0.1:{port}",
            "--tls-cert-file",
            str(tls / "tls.crt"),
            "--tls-private-key-file",
            str(tls / "tls.key"),
            "--kubeconfig",
            str(kubeconfig),
            "--log-format",
            "json",
            "--shutdown-timeout",
            "5",
            *extra_args,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.close()
    cluster.pids["webhook"] = proc.pid
    cluster.webhook_url = url
    cluster.save()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _ready(url, tls / "ca.crt"):
            return url
        if proc.poll() is not None:
            raise DevenvError(f"the webhook exited during start: {_log_tail(cluster.state_dir, 'webhook')}")
        time.sleep(0.05)
    raise DevenvError(f"the webhook was not ready in {timeout:.0f}s: {_log_tail(cluster.state_dir, 'webhook')}")


def stop_webhook(cluster: Cluster) -> None:
    pid = cluster.pids.pop("webhook", None)
    if pid is not None:
        stop_pid(pid)
    cluster.save()


def configuration(url: str, ca: Path) -> dict[str, object]:
    bundle = base64.b64encode(ca.read_bytes()).decode()
    selector = {"matchExpressions": [{"key": WEBHOOK_EXEMPT_LABEL, "operator": "NotIn", "values": ["ignore"]}]}

    def hook(resource: str, operations: list[str]) -> dict[str, object]:
        return {
            "name": f"{resource}.profiles.weave.works",
            "clientConfig": {"url": f"{url}/validate/{resource}", "caBundle": bundle},
            "rules": [
                {
                    "apiGroups": ["weave.works"],
                    "apiVersions": ["v1alpha1"],
                    "operations": operations,
                    "resources": [resource],
                    "scope": "Namespaced",
                }
            ],
            "failurePolicy": "Fail",
            "sideEffects": "None",
            "timeoutSeconds": 5,
            "admissionReviewVersions": ["v1"],
            "namespaceSelector": selector,
        }

    return {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "ValidatingWebhookConfiguration",
        "metadata": {"name": CONFIG_NAME},
        "webhooks": [
            hook("profilecatalogsources", ["CREATE", "UPDATE"]),
            hook("profileinstallations", ["CREATE", "UPDATE", "DELETE"]),
        ],
    }


def register(cluster: Cluster, url: str) -> None:
    ca = cluster.state_dir / "webhook-tls" / "ca.crt"
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(configuration(url, ca)))
    wait_until_enforced(cluster)


def wait_until_enforced(cluster: Cluster, timeout: float = 30) -> None:
    body = json.dumps(PROBE)
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        result = cluster.kubectl("create", "--dry-run=server", "-f", "-", input=body, check=False)
        last = result.stderr.strip()
        if result.returncode != 0 and "installation.source.exactly-one" in last:
            return
        time.sleep(0.2)
    raise DevenvError(f"the webhook registration did not take effect in {timeout:.0f}s: {last or 'allowed'}")


def ensure_webhook(cluster: Cluster, extra_args: tuple[str, ...] = ()) -> str:
    """Start and register the webhook unless it already runs for this control plane."""
    ca = cluster.state_dir / "webhook-tls" / "ca.crt"
    pid = cluster.pids.get("webhook")
    if pid is not None and _pid_alive(pid) and cluster.webhook_url and _ready(cluster.webhook_url, ca):
        return cluster.webhook_url
    url = start_webhook(cluster, extra_args)
    register(cluster, url)
    print(f"webhook ready at {url}", file=sys.stderr)
    return url
