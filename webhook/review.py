"""The pure core of the webhook: an AdmissionReview (admission.k8s.io/v1) in, a status code and a body out.

No I/O: the facts come from a callable (the cache, in the server; fixtures, in tests), and the verdict is the
rules engine's, so `kubectl profiles validate` and the webhook give the same rule ids and messages. A malformed
review is the caller's mistake (HTTP 400); a failure inside a rule is ours, and becomes a well-formed denial,
never a 5xx and never a silent allow.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kubectl_profiles import rules
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.violation import Violation

log = logging.getLogger("profiles-webhook.review")

API_VERSION = "admission.k8s.io/v1"
RESOURCES = {"profilecatalogsources": "ProfileCatalogSource", "profileinstallations": "ProfileInstallation"}
OPERATIONS = ("CREATE", "UPDATE", "DELETE", "CONNECT")
MAX_MESSAGE = 3000
MAX_WARNINGS = 20
MAX_WARNING_CHARS = 250

FactsFor = Callable[[UserInfo, Policy], Facts]


class MalformedReview(ValueError):
    """The body is not an AdmissionReview this webhook can answer (HTTP 400)."""


@dataclass
class Outcome:
    uid: str
    allowed: bool
    kind: str
    operation: str
    violations: list[Violation] = field(default_factory=list)
    internal_error: bool = False
    name: str = ""
    """namespace/name of the object, for the log line."""
    unknown_namespace: str = ""
    """Set when the denial is only for want of this namespace's labels: the server may look it up and ask again."""

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.is_error]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if not v.is_error]


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise MalformedReview(message)


def parse_request(body: Any) -> Mapping[str, Any]:
    _require(isinstance(body, Mapping), "the body must be a JSON object")
    _require(body.get("apiVersion") == API_VERSION, f"apiVersion must be {API_VERSION}")
    _require(body.get("kind") == "AdmissionReview", "kind must be AdmissionReview")
    request = body.get("request")
    _require(isinstance(request, Mapping), "request is missing")
    _require(isinstance(request.get("uid"), str) and bool(request.get("uid")), "request.uid is missing")
    _require(request.get("operation") in OPERATIONS, "request.operation is not one of CREATE, UPDATE, DELETE")
    resource = request.get("resource")
    _require(isinstance(resource, Mapping) and isinstance(resource.get("resource"), str), "request.resource is missing")
    for key in ("object", "oldObject"):
        _require(request.get(key) is None or isinstance(request.get(key), Mapping), f"request.{key} must be an object")
    # What the API server always sends; without it there is nothing to check, and allowing would be fail-open.
    operation = request["operation"]
    for key, operations in (("object", ("CREATE", "UPDATE")), ("oldObject", ("UPDATE", "DELETE"))):
        _require(
            request.get(key) is not None or operation not in operations, f"request.{key} is missing for a {operation}"
        )
    user = request.get("userInfo")
    _require(user is None or isinstance(user, Mapping), "request.userInfo must be an object")
    groups = (user or {}).get("groups")
    _require(
        groups is None or (isinstance(groups, list) and all(isinstance(g, str) for g in groups)),
        "request.userInfo.groups must be a list of strings",
    )
    _require(isinstance((user or {}).get("username", ""), str), "request.userInfo.username must be a string")
    _require(isinstance(request.get("namespace", ""), (str, type(None))), "request.namespace must be a string")
    result: Mapping[str, Any] = request
    return result


def _with_namespace(obj: Mapping[str, Any] | None, namespace: str) -> Mapping[str, Any] | None:
    """The object as stored: a create may leave metadata.namespace to the request's namespace."""
    if obj is None:
        return None
    meta = obj.get("metadata")
    if isinstance(meta, Mapping) and meta.get("namespace") == namespace:
        return obj
    out = dict(obj)
    new_meta = dict(meta) if isinstance(meta, Mapping) else {}
    new_meta["namespace"] = namespace
    out["metadata"] = new_meta
    return out


def namespace_unknown(outcome: Outcome, namespace: str, why: str) -> Outcome:
    """The denial for an installation whose namespace's labels are not known: they decide access, so no guess."""
    violation = Violation(
        "$.metadata.namespace",
        "installation.namespace.unknown",
        problem=f"namespace {namespace} is not known to the profiles webhook ({why})",
        fix="its labels decide access, so it denies rather than guess: retry in a moment",
    )
    return Outcome(
        outcome.uid, False, outcome.kind, outcome.operation, [violation], name=outcome.name, unknown_namespace=namespace
    )


def decide(request: Mapping[str, Any], facts_for: FactsFor, policy: Policy) -> Outcome:
    uid, operation = str(request["uid"]), str(request["operation"])
    resource = str(request["resource"]["resource"])
    kind = RESOURCES.get(resource)
    if kind is None or operation == "CONNECT":
        return Outcome(uid, True, kind or resource, operation)
    user_raw = request.get("userInfo") or {}
    user = UserInfo(str(user_raw.get("username") or ""), tuple(user_raw.get("groups") or ()))
    namespace = str(request.get("namespace") or "default")
    obj = _with_namespace(request.get("object"), namespace)
    old = _with_namespace(request.get("oldObject"), namespace)
    target = obj if obj is not None else old
    meta = target.get("metadata") if target is not None else None
    name = f"{namespace}/{meta.get('name') if isinstance(meta, Mapping) else request.get('name') or ''}"
    try:
        facts = facts_for(user, policy)
        # parse_request guarantees `object` for CREATE and UPDATE and `oldObject` for UPDATE and DELETE.
        previous = old if operation == "UPDATE" else None
        if kind == "ProfileCatalogSource":
            found = [] if operation == "DELETE" else rules.check_catalog_source(obj or {}, facts, old=previous)
        elif operation == "DELETE":
            found = rules.check_installation_delete(old or {}, facts)
        elif facts.namespace_labels is not None and namespace not in facts.namespace_labels:
            return namespace_unknown(Outcome(uid, False, kind, operation, name=name), namespace, "not seen yet")
        else:
            found = rules.check_installation(obj or {}, facts, old=previous)
    except Exception:
        log.exception("rule evaluation failed for %s %s uid=%s", operation, kind, uid)
        internal = Violation(
            "$",
            "internal.error",
            problem="the profiles webhook failed while checking this object",
            fix="retry, and report it if it persists (see the webhook's log)",
        )
        return Outcome(uid, False, kind, operation, [internal], internal_error=True, name=name)
    allowed = not any(v.is_error for v in found)
    return Outcome(uid, allowed, kind, operation, found, name=name)


def response(outcome: Outcome) -> dict[str, Any]:
    body: dict[str, Any] = {"uid": outcome.uid, "allowed": outcome.allowed}
    if not outcome.allowed:
        message = "; ".join(f"{v.message} [{v.rule}]" for v in outcome.errors)
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 20] + " ... (truncated)"
        code = (
            403
            if any(v.rule.endswith(("access.denied", "admin.forbidden", "source.forbidden")) for v in outcome.errors)
            else 422
        )
        body["status"] = {"code": code, "reason": "Forbidden" if code == 403 else "Invalid", "message": message}
    warnings = [f"{v.message} [{v.rule}]"[:MAX_WARNING_CHARS] for v in outcome.warnings[:MAX_WARNINGS]]
    if warnings:
        body["warnings"] = warnings
    return {"apiVersion": API_VERSION, "kind": "AdmissionReview", "response": body}


def review(body: Any, facts_for: FactsFor, policy: Policy) -> tuple[int, dict[str, Any], Outcome | None]:
    """(HTTP status, JSON body, outcome) for one decoded request body."""
    try:
        request = parse_request(body)
    except MalformedReview as exc:
        return 400, {"error": f"malformed AdmissionReview: {exc}"}, None
    outcome = decide(copy.copy(request), facts_for, policy)
    return 200, response(outcome), outcome
