"""Parity: the whole fixture corpus through `validate` and through the webhook gives identical verdicts.

For every document that the webhook would see (catalog sources and installations), the webhook is given the same
facts that `validate` derives from the files (the catalogs and installations among them), and must return the
same allow/deny verdict and the same error rule ids. The original's ProfileSubscriptions, which no webhook sees,
are compared through the installation `kubectl profiles migrate` makes of them.

No webhook serves the project's CRDs, which `validate` also checks. For them the parity is with the rules
registry (`rules.check_document`), the functions the webhook calls: validate must report of a CRD exactly what
the registry says, and of any document nothing the registry does not know the kind of, so that it holds no rule
of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kubectl_profiles import rules
from kubectl_profiles.model.facts import Facts, Policy
from kubectl_profiles.model.subscription import to_installation
from kubectl_profiles.rules.subscription import form_violations
from kubectl_profiles.validation.engine import validate_documents
from kubectl_profiles.validation.inputs import parse_documents
from tests.webhook_support import admission, filled_cache
from webhook.server import answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted((FIXTURES / "valid").iterdir()) + sorted((FIXTURES / "invalid").iterdir())
CRDS = sorted((Path(__file__).resolve().parents[2] / "crds").iterdir())
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


def _own_crd(body: object) -> bool:
    """A CRD of the project's group, told apart here without the rules, as a witness of what they must check."""
    if not isinstance(body, dict) or body.get("kind") != "CustomResourceDefinition":
        return False
    spec = body.get("spec")
    return isinstance(spec, dict) and spec.get("group") == "weave.works"


@pytest.mark.parametrize("path", FILES + CRDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_validate_reports_what_the_rules_registry_says(path: Path) -> None:
    docs = parse_documents(str(path), path.read_text())
    report = validate_documents(docs, Facts())
    crds = skipped = 0
    for doc in docs:
        kind = rules.kind_of(doc.body) if isinstance(doc.body, dict) else None
        found = [f for f in report.findings if f.index == doc.index]
        if kind is None:
            assert found == [], "validate reported a document of no kind the rules know"
            skipped += 1
            continue
        assert {f.kind for f in found} <= {kind}
        if _own_crd(doc.body):
            assert kind == rules.CRD_KIND
            assert [f.violation for f in found] == rules.check_document(doc.body, Facts())
            crds += 1
    assert report.skipped == skipped
    assert crds == sum(1 for d in docs if _own_crd(d.body))
    assert crds or path not in CRDS


def test_the_crd_rule_is_in_the_corpus() -> None:
    """The registry's CRD rule has an invalid fixture, which the fixture and parity tests above run."""
    bodies = [d.body for p in FILES for d in parse_documents(str(p), p.read_text())]
    found = {v.rule for b in bodies if _own_crd(b) for v in rules.check_document(b, Facts())}
    assert found == {"crd.versions", "crd.schema"}
