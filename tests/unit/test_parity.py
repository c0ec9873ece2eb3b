"""Parity: the whole fixture corpus through `validate` and through the webhook gives identical verdicts.

For every document that the webhook would see (catalog sources and installations), the webhook is given the same
facts that `validate` derives from the files (the catalogs and installations among them), and must return the
same allow/deny verdict and the same error rule ids. The original's ProfileSubscriptions, which no webhook sees,
are compared through the installation `kubectl profiles migrate` makes of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kubectl_profiles.model.facts import Facts, Policy
from kubectl_profiles.model.subscription import to_installation
from kubectl_profiles.rules.subscription import form_violations
from kubectl_profiles.validation.engine import validate_documents
from kubectl_profiles.validation.inputs import parse_documents
from tests.webhook_support import admission, filled_cache
from webhook.server import answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted((FIXTURES / "valid").iterdir()) + sorted((FIXTURES / "invalid").iterdir())
RESOURCES = {"ProfileCatalogSource": "profilecatalogsources", "ProfileInstallation": "profileinstallations"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_validate_and_webhook_agree(path: Path) -> None:
    docs = parse_documents(str(path), path.read_text())
    report = validate_documents(docs, Facts())
    bodies = [d.body for d in docs]
    catalogs = [b for b in bodies if isinstance(b, dict) and b.get("kind") == "ProfileCatalogSource"]
    installs = [b for b in bodies if isinstance(b, dict) and b.get("kind") == "ProfileInstallation"]
    namespaces = {b.get("metadata", {}).get("namespace", "default"): {} for b in bodies if isinstance(b, dict)}
    cache = filled_cache(*catalogs, installations=tuple(installs), namespaces=namespaces)
    cache.server_version, cache.served_apis = None, None  # validate was given no cluster facts either
    compared = 0
    for doc in docs:
        resource = RESOURCES.get(doc.body.get("kind")) if isinstance(doc.body, dict) else None
        body = doc.body
        if isinstance(body, dict) and body.get("kind") == "ProfileSubscription":
            # The webhook never sees the original's subscriptions; what it would say of the installation that
            # `migrate` writes for one must be what `validate` says of the subscription.
            if form_violations(body):
                continue
            resource, body = RESOURCES["ProfileInstallation"], to_installation(body).installation
        if resource is None:
            continue
        ns = body.get("metadata", {}).get("namespace", "default")
        review = admission(body, resource=resource, namespace=ns, user="", groups=())
        status, body, outcome = answer(__import__("json").dumps(review).encode(), resource, cache, Policy())
        assert status == 200 and outcome is not None
        expected = sorted(f.violation.rule for f in report.findings if f.index == doc.index and f.violation.is_error)
        assert sorted(v.rule for v in outcome.errors) == expected
        assert body["response"]["allowed"] is (not expected)
        compared += 1
    assert compared or all(
        not isinstance(d.body, dict) or d.body.get("kind") not in (*RESOURCES, "ProfileSubscription") for d in docs
    )
