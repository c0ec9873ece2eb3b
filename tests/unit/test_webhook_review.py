"""The webhook's pure core: parsing, verdicts, messages, warnings, and failures inside rules."""

from __future__ import annotations

from typing import Any

import pytest

from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from tests.webhook_support import admission, catalog, filled_cache, installation
from webhook import review as review_mod
from webhook.review import review


def facts_from(*catalogs: dict[str, Any], **kw: Any):
    cache = filled_cache(*catalogs, **kw)
    return lambda user, policy: cache.facts(user, policy)


def test_allows_a_valid_installation() -> None:
    status, body, outcome = review(admission(installation()), facts_from(catalog()), Policy())
    assert status == 200 and body["response"]["allowed"] is True and "status" not in body["response"]
    assert outcome is not None and outcome.violations == []


def test_denial_names_field_rule_and_fix() -> None:
    req = admission(installation("9.9.9"))
    status, body, _ = review(req, facts_from(catalog()), Policy())
    resp = body["response"]
    assert status == 200 and resp["uid"] == req["request"]["uid"] and resp["allowed"] is False
    assert resp["status"]["code"] == 422
    assert resp["status"]["message"] == (
        "spec.catalog.version: apps/nginx has no version 9.9.9; available: 1.0.0 [installation.version.not-found]"
    )


def test_access_denial_is_403_and_groups_come_from_user_info() -> None:
    locked = catalog(namespace="platform")
    locked["spec"]["access"] = {"groups": ["platform-admins"]}
    _, body, _ = review(admission(installation()), facts_from(locked), Policy())
    assert (
        body["response"]["status"]["code"] == 403
        and "installation.access.denied" in body["response"]["status"]["message"]
    )
    _, body, _ = review(
        admission(installation(), user="carol", groups=("platform-admins",)), facts_from(locked), Policy()
    )
    assert body["response"]["allowed"] is True


def test_warnings_for_deprecated_entries() -> None:
    _, body, _ = review(admission(installation()), facts_from(catalog(deprecated="use 2.x")), Policy())
    assert body["response"]["allowed"] is True
    assert body["response"]["warnings"] == ["apps/nginx 1.0.0 is deprecated: use 2.x [installation.entry.deprecated]"]


def test_namespace_comes_from_the_request() -> None:
    obj = installation()
    del obj["metadata"]["namespace"]
    locked = catalog()
    locked["spec"]["access"] = {"namespaces": ["web"]}
    _, body, _ = review(admission(obj, namespace="web"), facts_from(locked), Policy())
    assert body["response"]["allowed"] is True
    _, body, _ = review(admission(obj, namespace="other"), facts_from(locked), Policy())
    assert body["response"]["allowed"] is False


def test_delete_uses_old_object() -> None:
    cat = catalog()
    cat["spec"]["profiles"].append(
        {"name": "app", "version": "1.0.0", "url": "https://e.com/r", "prerequisites": ["profile nginx"]}
    )
    app = installation(name="app")
    app["spec"]["catalog"]["profile"] = "app"
    facts = facts_from(cat, installations=(installation(), app))
    _, body, _ = review(admission(None, operation="DELETE", old=installation()), facts, Policy())
    assert (
        body["response"]["allowed"] is False and "installation.delete.required" in body["response"]["status"]["message"]
    )


def test_an_installation_in_a_namespace_the_facts_lack_is_denied() -> None:
    """Fail closed: the namespace's labels decide access and the uncatalogued-install policy, so a review for a
    namespace the cache has not seen is not allowed on a guess (the server looks the namespace up first)."""
    selective = catalog()
    selective["spec"]["access"] = {"namespaceSelector": {"matchLabels": {"tier": "gold"}}}
    _, body, outcome = review(admission(installation(), namespace="fresh"), facts_from(selective), Policy())
    assert body["response"]["allowed"] is False and outcome is not None and outcome.unknown_namespace == "fresh"
    assert [v.rule for v in outcome.violations] == ["installation.namespace.unknown"]
    assert body["response"]["status"]["message"].startswith("metadata.namespace: namespace fresh is not known")
    # Deletes and catalogs do not depend on the namespace's labels.
    _, body, _ = review(
        admission(None, operation="DELETE", old=installation(), namespace="fresh"), facts_from(), Policy()
    )
    assert body["response"]["allowed"] is True
    _, body, _ = review(
        admission(catalog(), resource="profilecatalogsources", namespace="fresh"), facts_from(), Policy()
    )
    assert body["response"]["allowed"] is True


def test_catalog_admin_policy() -> None:
    policy = Policy(catalog_admin_groups=("platform-admins",))
    req = admission(catalog(), resource="profilecatalogsources", user="bob", groups=("team-b",))
    _, body, _ = review(req, facts_from(), policy)
    assert body["response"]["allowed"] is False


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        "x",
        {},
        {"apiVersion": "admission.k8s.io/v1beta1", "kind": "AdmissionReview", "request": {}},
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"},
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u"}},
        {
            "apiVersion": "admission.k8s.io/v1",
            "kind": "AdmissionReview",
            "request": {"uid": "u", "operation": "CREATE", "resource": {"resource": "x"}, "object": []},
        },
        {
            "apiVersion": "admission.k8s.io/v1",
            "kind": "AdmissionReview",
            "request": {"uid": "u", "operation": "CREATE", "resource": {"resource": "x"}, "userInfo": {"groups": "g"}},
        },
    ],
)
def test_malformed_reviews_are_400(body: Any) -> None:
    status, reply, outcome = review(body, facts_from(), Policy())
    assert status == 400 and outcome is None and reply["error"].startswith("malformed AdmissionReview")


@pytest.mark.parametrize(
    ("operation", "obj", "old", "missing"),
    [
        ("CREATE", None, None, "request.object"),
        ("UPDATE", None, installation(), "request.object"),
        ("UPDATE", installation(), None, "request.oldObject"),
        ("DELETE", None, None, "request.oldObject"),
    ],
)
@pytest.mark.parametrize("resource", ["profileinstallations", "profilecatalogsources"])
def test_a_review_without_the_object_it_is_about_is_400(
    operation: str, obj: Any, old: Any, missing: str, resource: str
) -> None:
    """The API server always sends `object` for CREATE and UPDATE and `oldObject` for UPDATE and DELETE: a review
    without them is malformed, not something to allow for want of anything to check."""
    status, reply, outcome = review(
        admission(obj, operation=operation, old=old, resource=resource), facts_from(catalog()), Policy()
    )
    assert status == 400 and outcome is None
    assert reply["error"] == f"malformed AdmissionReview: {missing} is missing for a {operation}"


def test_delete_needs_no_object() -> None:
    status, body, _ = review(admission(None, operation="DELETE", old=installation()), facts_from(catalog()), Policy())
    assert status == 200 and body["response"]["allowed"] is True


def test_a_failing_rule_denies_never_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(review_mod.rules, "check_installation", boom)
    status, body, outcome = review(admission(installation()), facts_from(catalog()), Policy())
    assert status == 200 and body["response"]["allowed"] is False
    assert "internal.error" in body["response"]["status"]["message"] and outcome is not None


def test_same_verdict_as_the_rules() -> None:
    """Parity on one object: the webhook's rule ids are exactly what the rules engine returns."""
    from kubectl_profiles import rules

    doc, cat = installation("9.9.9"), catalog()
    expected = [v.rule for v in rules.check_installation(doc, Facts(catalogs=[cat], user=UserInfo("alice")))]
    _, _, outcome = review(admission(doc), facts_from(cat), Policy())
    assert outcome is not None and [v.rule for v in outcome.violations] == expected
