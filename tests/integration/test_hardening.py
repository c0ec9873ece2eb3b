"""Issue 14 on the real API server: what an attacker and an unlucky user found, each pinned by a test.

The local control plane has no controller manager, so no namespace controller: where a test needs a namespace
to finish terminating, it makes the namespace controller's own calls (a collection delete of each kind, then the
`finalize` subresource and the final delete), through real kubectl.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import yaml

INSTALLATIONS = "/apis/weave.works/v1alpha1/namespaces/{ns}/profileinstallations"
CATALOGS = "/apis/weave.works/v1alpha1/namespaces/{ns}/profilecatalogsources"


def apply(cluster: Any, doc: dict[str, Any], *args: str, user: str | None = None, check: bool = True) -> Any:
    return cluster.kubectl("apply", "-f", "-", *args, input=yaml.safe_dump(doc), user=user, check=check)


def eventually(predicate: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


# --- 5. installations that require each other can be deleted together --------------------------------------


def requiring_catalog(namespace: str, requires: dict[str, list[str]], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    names = sorted({*requires, *(d for deps in requires.values() for d in deps), *extra})
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": namespace},
        "spec": {
            "profiles": [
                {
                    "name": n,
                    "version": "1.0.0",
                    "url": "https://github.com/example/profiles",
                    **({"prerequisites": [f"profile {d}" for d in requires[n]]} if requires.get(n) else {}),
                }
                for n in names
            ]
        },
    }


def pi(name: str, namespace: str) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"catalog": {"catalog": "apps", "namespace": namespace, "profile": name, "version": "1.0.0"}},
    }


def make_cycle(cluster: Any, namespace: str, chain: bool = False) -> None:
    """a and b require each other (and, with `chain`, e requires d). A cycle cannot be created as one: b first, a
    requiring it, then the catalog is changed so that b requires a, as happens when a catalog moves on."""
    first = {"a": ["b"], **({"e": ["d"]} if chain else {})}
    apply(cluster, requiring_catalog(namespace, first))
    for name in ["b", "a", *(["d", "e"] if chain else [])]:
        apply(cluster, pi(name, namespace))
    apply(cluster, requiring_catalog(namespace, {**first, "b": ["a"]}, extra=("probe",)))
    # The webhook has the changed catalog once an installation of its new entry is admitted.
    eventually(
        lambda: apply(cluster, pi("probe", namespace), "--dry-run=server", check=False).returncode == 0,
        "the webhook to see the changed catalog",
    )


def installations(cluster: Any, namespace: str) -> list[str]:
    out = cluster.kubectl("get", "pi", "-n", namespace, "-o", "name").stdout
    return sorted(out.split())


def delete_collection(cluster: Any, path: str, attempts: int = 5) -> Any:
    """The namespace controller's call. The API server deletes the items in parallel and gives up at the first
    refusal; a dependent deleted in the same pass may still be in the webhook's cache, so a bounded retry."""
    result = None
    for _ in range(attempts):
        result = cluster.kubectl("delete", "--raw", path, check=False)
        if result.returncode == 0:
            return result
        time.sleep(1)
    return result


def test_collection_delete_of_installations_that_require_each_other(cluster: Any, namespace: str) -> None:
    make_cycle(cluster, namespace)
    result = delete_collection(cluster, INSTALLATIONS.format(ns=namespace))
    assert result.returncode == 0, result.stderr
    assert installations(cluster, namespace) == []


def test_a_plain_delete_of_a_required_installation_is_still_refused(cluster: Any, namespace: str) -> None:
    apply(cluster, requiring_catalog(namespace, {"e": ["d"]}))
    apply(cluster, pi("d", namespace))
    apply(cluster, pi("e", namespace))
    refused = cluster.kubectl("delete", "pi", "d", "-n", namespace, check=False)
    assert refused.returncode != 0 and "installation.delete.required" in refused.stderr
    assert installations(cluster, namespace) == [
        "profileinstallation.weave.works/d",
        "profileinstallation.weave.works/e",
    ]


def test_a_namespace_holding_them_finishes_terminating(cluster: Any) -> None:
    namespace = f"t-{uuid.uuid4().hex[:8]}"
    cluster.kubectl("create", "namespace", namespace)
    make_cycle(cluster, namespace, chain=True)
    cluster.kubectl("delete", "namespace", namespace, "--wait=false")
    # Once the webhook sees the namespace terminating, even d, which e requires, may go.
    eventually(
        lambda: cluster.kubectl("delete", "pi", "d", "-n", namespace, "--dry-run=server", check=False).returncode == 0,
        "deletes to be allowed in the terminating namespace",
    )
    # What the namespace controller does: delete each kind as a collection, then finalize and delete.
    for path in (INSTALLATIONS, CATALOGS):
        result = delete_collection(cluster, path.format(ns=namespace))
        assert result.returncode == 0, result.stderr
    assert installations(cluster, namespace) == []
    ns = json.loads(cluster.kubectl("get", "namespace", namespace, "-o", "json").stdout)
    assert ns["status"]["phase"] == "Terminating"
    ns["spec"]["finalizers"] = []
    cluster.kubectl("replace", "--raw", f"/api/v1/namespaces/{namespace}/finalize", "-f", "-", input=json.dumps(ns))
    cluster.kubectl("delete", "namespace", namespace, "--wait=true", "--timeout=30s", check=False)
    gone = cluster.kubectl("get", "namespace", namespace, check=False)
    assert gone.returncode != 0 and "NotFound" in gone.stderr
