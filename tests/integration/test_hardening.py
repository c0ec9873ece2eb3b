"""Attacks that worked once, tried again on the real API server with the webhook registered over TLS.

Two tenants: alice (group team-a) and bob (group team-b), each allowed by RBAC to manage profiles anywhere (the
webhook tests' grants), so that the webhook, not RBAC, is what stops them.
"""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.integration.test_webhook import RBAC as INSTALLERS

REPO = "https://github.com/example/team-a-profiles"
# An open catalog listing a repository opens it to `spec.source` installs: tests that restrict one use their own
# repository, so that another test's catalog (its namespace may still be terminating) cannot open it.
EVIL = "^(a+)+$"


@pytest.fixture(scope="module", autouse=True)
def tenants(cluster: Any) -> None:
    cluster.kubectl("apply", "-f", "-", input=INSTALLERS)  # the same grants as the webhook tests: idempotent


def apply(cluster: Any, doc: dict[str, Any], *, user: str | None = None) -> subprocess.CompletedProcess[str]:
    return cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(doc), user=user, check=False)


def catalog(name: str, namespace: str, *, access: Any = None, schema: Any = None, url: str = REPO) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": "nginx", "version": "1.0.0", "url": url}
    if schema is not None:
        entry["valuesSchema"] = schema
    spec: dict[str, Any] = {"profiles": [entry]}
    if access is not None:
        spec["access"] = access
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def installation(name: str, namespace: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def denied_eventually(cluster: Any, doc: dict[str, Any], user: str, timeout: float = 15) -> str:
    """The webhook's cache follows the API server by watch: a catalog applied a moment ago may not be in it yet.
    Poll with server-side dry runs until the webhook denies `doc`; return kubectl's message."""
    deadline = time.monotonic() + timeout
    while True:
        result = cluster.kubectl(
            "apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(doc), user=user, check=False
        )
        if result.returncode != 0 or time.monotonic() > deadline:
            assert result.returncode != 0, f"still admitted after {timeout:.0f}s"
            return result.stderr
        time.sleep(0.2)


def healthz_seconds(url: str, ca: Path) -> float:
    context = ssl.create_default_context(cafile=str(ca))
    start = time.perf_counter()
    with urllib.request.urlopen(f"{url}/healthz", context=context, timeout=10) as reply:
        assert reply.status == 200
    return time.perf_counter() - start


def test_a_backtracking_pattern_cannot_stall_the_webhook(cluster: Any, namespace: str) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": EVIL}}}
    assert apply(cluster, catalog("evil", namespace, schema=schema), user="alice").returncode == 0
    hostile = installation("x", namespace, {"catalog": {"catalog": "evil", "profile": "nginx", "version": "1.0.0"}})
    hostile["spec"]["values"] = {"name": "a" * 4000 + "!"}
    denied_eventually(cluster, hostile, "bob")  # the catalog has reached the webhook's cache
    health: list[float] = []
    prober = threading.Thread(
        target=lambda: health.append(healthz_seconds(cluster.webhook_url, cluster.state_dir / "webhook-tls/ca.crt"))
    )
    start = time.perf_counter()
    prober.start()
    result = apply(cluster, hostile, user="bob")
    elapsed = time.perf_counter() - start
    prober.join(15)
    assert result.returncode != 0
    assert "spec.values.name: " in result.stderr and "does not match '^(a+)+$'" in result.stderr
    assert "[installation.values.schema]" in result.stderr
    # kubectl's own start-up and the round trip dominate; backtracking over 4000 characters would never finish
    assert elapsed < 10, elapsed
    assert health and health[0] < 5, health
    hostile["spec"]["values"] = {"name": "aaaa"}
    assert apply(cluster, hostile, user="bob").returncode == 0


def test_a_pattern_re2_cannot_express_is_refused_at_catalog_admission(cluster: Any, namespace: str) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": "^(?!admin).*$"}}}
    result = apply(cluster, catalog("lookahead", namespace, schema=schema), user="alice")
    assert result.returncode != 0
    assert "spec.profiles[0].valuesSchema: not a usable JSON schema: properties.name: pattern" in result.stderr
    assert "is not an RE2 expression" in result.stderr and "[catalog.values-schema]" in result.stderr
    assert cluster.kubectl("get", "pcs", "lookahead", "-n", namespace, check=False).returncode != 0


def test_spec_source_is_no_way_around_a_catalogs_access_rules(cluster: Any, namespace: str) -> None:
    team_a, team_b = f"{namespace}-a", f"{namespace}-b"
    for ns in (team_a, team_b):
        cluster.kubectl("create", "namespace", ns)
    try:
        repo = f"https://github.com/{namespace}/team-a-profiles"
        restricted = catalog("team-a", team_a, access={"namespaces": [team_a]}, url=repo)
        assert apply(cluster, restricted, user="alice").returncode == 0
        for url in (repo, repo + ".git", f"git@github.com:{namespace}/team-a-profiles.git"):
            sneaky = installation("sneaky", team_b, {"source": {"url": url, "tag": "nginx/1.0.0", "path": "nginx"}})
            denied_eventually(cluster, sneaky, "bob")
            result = apply(cluster, sneaky, user="bob")
            assert result.returncode != 0, url
            assert "[installation.source.access.denied]" in result.stderr
            assert f"spec.source.url: {url} is a repository of access-restricted catalogs" in result.stderr
        allowed = installation("mine", team_a, {"source": {"url": repo, "tag": "nginx/1.0.0", "path": "nginx"}})
        assert apply(cluster, allowed, user="alice").returncode == 0
    finally:
        for ns in (team_a, team_b):
            cluster.kubectl("delete", "namespace", ns, "--wait=false", check=False)


def test_audit_reports_source_installs_whose_repository_was_restricted_later(cluster: Any, namespace: str) -> None:
    other = f"{namespace}-b"
    cluster.kubectl("create", "namespace", other)
    try:
        repo = f"https://github.com/{namespace}/team-a-profiles"
        assert apply(cluster, catalog("team-a", namespace, url=repo), user="alice").returncode == 0  # open for now
        early = installation("early", other, {"source": {"url": repo, "tag": "nginx/1.0.0", "path": "nginx"}})
        assert apply(cluster, early, user="bob").returncode == 0
        closed = catalog("team-a", namespace, access={"namespaces": [namespace]}, url=repo)
        warning = f"this change revokes access that installations use: {other}/early"
        deadline = time.monotonic() + 15
        while True:  # until the webhook's cache holds `early`, the revocation cannot be seen
            probe = cluster.kubectl(
                "apply", "--dry-run=server", "-f", "-", input=yaml.safe_dump(closed), user="alice", check=False
            )
            if warning in probe.stderr or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        result = apply(cluster, closed, user="alice")
        assert result.returncode == 0, result.stderr
        assert warning in result.stderr
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
        result = subprocess.run(
            ["kubectl", "profiles", "--kubeconfig", str(cluster.kubeconfig), "audit", "-n", other, "-o", "yaml"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        found = yaml.safe_load(result.stdout)
        rows = found if isinstance(found, list) else found["items"]
        assert [(r["namespace"], r["name"], r["rule"]) for r in rows] == [
            (other, "early", "installation.source.access.denied")
        ]
    finally:
        cluster.kubectl("delete", "namespace", other, "--wait=false", check=False)
