"""The catalog API on the real API server: bearer tokens reviewed by TokenReview, catalogs shown per namespace as
SubjectAccessReview decides, by the webhook running as its own least-privilege identity (the chart's rules).

Callers are service accounts with tokens from the TokenRequest API (`kubectl create token`), made fresh here, so
that what other tests grant the static-token users cannot change what these callers may see.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import yaml


def _catalog(name: str, namespace: str, url: str = "https://github.com/example/profiles") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"profiles": [{"name": "nginx", "version": "1.0.0", "url": url}]},
    }


def get(cluster: Any, path: str, token: str | None) -> tuple[int, Any]:
    ctx = ssl.create_default_context(cafile=str(cluster.state_dir / "webhook-tls" / "ca.crt"))
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(cluster.webhook_url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, context=ctx, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def tenants(cluster: Any) -> Iterator[dict[str, str]]:
    """Namespaces a and b with a catalog each, and tokens: `reader` may list catalogs in a only, `nobody` has no
    rights at all, `admin` is the static-token cluster admin."""
    if not getattr(cluster, "webhook_url", None):
        pytest.skip("needs the webhook started by the tests (its URL and CA)")
    suffix = uuid.uuid4().hex[:6]
    a, b = f"cat-a-{suffix}", f"cat-b-{suffix}"
    for ns in (a, b):
        cluster.kubectl("create", "namespace", ns)
    try:
        docs = [
            _catalog("team", a, url="https://deploy:s3cret@github.com/example/profiles"),
            _catalog("team", b),
            _catalog("secret-plans", b),
            {
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "Role",
                "metadata": {"name": "catalog-reader", "namespace": a},
                "rules": [{"apiGroups": ["weave.works"], "resources": ["profilecatalogsources"], "verbs": ["list"]}],
            },
            {
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "RoleBinding",
                "metadata": {"name": "catalog-reader", "namespace": a},
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "catalog-reader"},
                "subjects": [{"kind": "ServiceAccount", "name": "reader", "namespace": a}],
            },
        ]
        cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(docs))
        tokens = {"a": a, "b": b, "admin": cluster.tokens["admin"]}
        for account in ("reader", "nobody"):
            cluster.kubectl("create", "serviceaccount", account, "-n", a)
            tokens[account] = cluster.kubectl("create", "token", account, "-n", a).stdout.strip()
        yield tokens
    finally:
        cluster.kubectl("delete", "namespace", a, b, "--wait=false", check=False)


def test_no_token_or_a_forged_one_is_401(cluster: Any, tenants: dict[str, str]) -> None:
    for token in (None, "forged-token", tenants["reader"][:-4] + "AAAA"):
        status, body = get(cluster, "/v1/profiles", token)
        assert status == 401, body


def test_a_caller_sees_only_the_namespaces_rbac_lets_them_list(cluster: Any, tenants: dict[str, str]) -> None:
    a, b = tenants["a"], tenants["b"]
    # What RBAC says, asked the way kubectl asks it, so that the API is checked against the cluster, not our guess.
    reader = f"system:serviceaccount:{a}:reader"
    can = lambda ns: cluster.kubectl("auth", "can-i", "list", "pcs", "-n", ns, "--as", reader, check=False)  # noqa: E731
    assert (can(a).stdout.strip(), can(b).stdout.strip()) == ("yes", "no")

    status, found = get(cluster, "/v1/profiles", tenants["reader"])
    assert status == 200
    assert {(e["catalogSource"], e["namespace"]) for e in found} == {("team", a)}
    status, versions = get(cluster, "/v1/profiles/team/nginx", tenants["reader"])  # b's `team` is not there for it
    assert status == 200 and [(e["namespace"], e["version"]) for e in versions] == [(a, "1.0.0")]
    assert get(cluster, "/v1/profiles/secret-plans/nginx/latest", tenants["reader"])[0] == 404

    status, found = get(cluster, "/v1/profiles", tenants["nobody"])
    assert (status, found) == (200, [])
    assert get(cluster, "/v1/profiles/team/nginx", tenants["nobody"])[0] == 404

    status, found = get(cluster, "/v1/profiles", tenants["admin"])
    mine = {(e["catalogSource"], e["namespace"]) for e in found if e["namespace"] in (a, b)}
    assert status == 200 and mine == {("team", a), ("team", b), ("secret-plans", b)}


def test_credentials_in_urls_are_warned_about_and_never_served(cluster: Any, tenants: dict[str, str]) -> None:
    a = tenants["a"]
    leaky = _catalog("leaky", a, url="https://deploy:s3cret@github.com/example/profiles")
    result = cluster.kubectl("create", "-f", "-", input=yaml.safe_dump(leaky))
    assert "Warning: spec.profiles[0].url: the URL carries credentials" in result.stderr
    assert "[catalog.url.credentials]" in result.stderr and "s3cret" not in result.stderr
    for path in ("/v1/profiles/leaky/nginx/latest", "/v1/profiles/team/nginx/latest"):
        status, found = get(cluster, path, tenants["reader"])
        assert status == 200 and found["url"] == "https://github.com/example/profiles"
