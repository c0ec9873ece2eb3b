"""The transport-agnostic core of the Kubernetes client: what to send, and what an answer means.

Both faces (sync.py over http.client for the plugin, aio.py over aiohttp for the webhook and the controller) build
their requests here and hand every answer back here, so that paths, query parameters, patch types, the reading of
a `Status` into a typed error (kubectl_profiles.errors), the watch stream's framing and discovery exist once.

Operations that take several requests (discovery) are written as generators that yield a `Request` and receive
the decoded answer, or have the error thrown in at the `yield` (sans-I/O, as h11 and lightkube's generic client
do); `drive` in each face runs them. So discovery is one piece of code that both faces run.
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

from kubectl_profiles.errors import (
    AlreadyExists,
    BadRequest,
    Conflict,
    Forbidden,
    Gone,
    Invalid,
    KubeAPIError,
    NotFound,
    Timeout,
    Unauthorized,
    Unavailable,
    UsageError,
)
from kubectl_profiles.model.facts import UserInfo
from kubectl_profiles.model.flux import FLUX_KINDS
from kubectl_profiles.model.refs import require_name

# --- resources --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    api_version: str  # "v1" or "group/version"
    plural: str
    kind: str
    namespaced: bool

    @property
    def prefix(self) -> str:
        return f"/api/{self.api_version}" if "/" not in self.api_version else f"/apis/{self.api_version}"


def _table(*rows: tuple[str, str, str, bool]) -> dict[str, Resource]:
    return {plural: Resource(api_version, plural, kind, namespaced) for api_version, plural, kind, namespaced in rows}


RESOURCES: dict[str, Resource] = _table(
    ("weave.works/v1alpha1", "profilecatalogsources", "ProfileCatalogSource", True),
    ("weave.works/v1alpha1", "profileinstallations", "ProfileInstallation", True),
    ("weave.works/v1alpha1", "profilesubscriptions", "ProfileSubscription", True),  # the original's, where kept
    ("v1", "namespaces", "Namespace", False),
    ("v1", "configmaps", "ConfigMap", True),
    ("v1", "secrets", "Secret", True),
    ("v1", "events", "Event", True),
    ("apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition", False),
    ("coordination.k8s.io/v1", "leases", "Lease", True),
    ("authentication.k8s.io/v1", "tokenreviews", "TokenReview", False),
    ("authorization.k8s.io/v1", "subjectaccessreviews", "SubjectAccessReview", False),
    ("authorization.k8s.io/v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", False),
    *((f.api_version, f.plural, f.kind, True) for f in FLUX_KINDS),  # Flux's kinds from their one table
)
KIND_TO_RESOURCE = {r.kind: plural for plural, r in RESOURCES.items()}


def resource(plural: str) -> Resource:
    found = RESOURCES.get(plural)
    if found is None:
        raise UsageError(f"unknown resource {plural!r}")
    return found


def resource_for(obj: Mapping[str, Any]) -> str:
    kind = str(obj.get("kind"))
    if kind not in KIND_TO_RESOURCE:
        raise UsageError(f"kubectl-profiles does not manage objects of kind {kind}")
    return KIND_TO_RESOURCE[kind]


def path(plural: str, namespace: str | None = None, name: str | None = None, subresource: str | None = None) -> str:
    """`/apis/G/V[/namespaces/NS]/PLURAL[/NAME[/SUB]]`; a namespaced kind without a namespace means all of them.

    Names become parts of the path only once they are Kubernetes names (a UsageError otherwise)."""
    res = resource(plural)
    out = res.prefix
    if res.namespaced and namespace:
        out += f"/namespaces/{require_name(namespace, 'namespace')}"
    out += f"/{plural}"
    if name is not None:
        out += f"/{require_name(name, f'{res.kind} name', subdomain=res.kind != 'Namespace')}"
        if subresource:
            out += f"/{subresource}"
    return out


# --- requests ---------------------------------------------------------------------------------------------------

PatchType = Literal["merge", "json", "strategic", "apply"]
Body = Mapping[str, Any] | Sequence[Mapping[str, Any]] | bytes | None
"""A request body: an object, a JSON patch (a list of operations), or bytes as they are."""
PATCH_CONTENT_TYPES: dict[str, str] = {
    "merge": "application/merge-patch+json",
    "json": "application/json-patch+json",
    "strategic": "application/strategic-merge-patch+json",
    "apply": "application/apply-patch+yaml",
}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)
    body: Body = None
    content_type: str = "application/json"
    absent_ok: bool = False  # a 404 answers None instead of raising NotFound

    @property
    def url_path(self) -> str:
        return self.path + ("?" + urllib.parse.urlencode(self.params) if self.params else "")

    def data(self) -> bytes | None:
        if self.body is None:
            return None
        return self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()


def write_params(
    *, dry_run: bool = False, field_manager: str | None = None, force: bool | None = None
) -> dict[str, str]:
    params: dict[str, str] = {}
    if dry_run:
        params["dryRun"] = "All"
    if field_manager:
        params["fieldManager"] = field_manager
    if force is not None:
        params["force"] = "true" if force else "false"
    return params


def list_request(
    plural: str,
    namespace: str | None = None,
    *,
    label_selector: str | None = None,
    field_selector: str | None = None,
) -> Request:
    params = {"labelSelector": label_selector or "", "fieldSelector": field_selector or ""}
    return Request("GET", path(plural, namespace), {k: v for k, v in params.items() if v})


def watch_request(
    plural: str,
    namespace: str | None,
    resource_version: str,
    *,
    label_selector: str | None = None,
    field_selector: str | None = None,
    timeout_seconds: int = 290,
) -> Request:
    listed = list_request(plural, namespace, label_selector=label_selector, field_selector=field_selector)
    params = {
        **listed.params,
        "watch": "1",
        "resourceVersion": resource_version,
        "allowWatchBookmarks": "true",
        "timeoutSeconds": str(timeout_seconds),
    }
    return Request("GET", listed.path, params)


def get_request(plural: str, name: str, namespace: str | None = None) -> Request:
    return Request("GET", path(plural, namespace, name), absent_ok=True)


def _namespace_of(obj: Mapping[str, Any], plural: str, default: str | None) -> str | None:
    return ((obj.get("metadata") or {}).get("namespace") or default) if RESOURCES[plural].namespaced else None


def create_request(obj: Mapping[str, Any], default_namespace: str | None, *, dry_run: bool = False) -> Request:
    """POST of a new object (or a review: TokenReview, SubjectAccessReview); its kind says where."""
    plural = resource_for(obj)
    namespace = _namespace_of(obj, plural, default_namespace)
    return Request("POST", path(plural, namespace), write_params(dry_run=dry_run), dict(obj))


def replace_request(
    obj: Mapping[str, Any], default_namespace: str | None, *, subresource: str | None = None, dry_run: bool = False
) -> Request:
    """PUT of an object as read and changed: its metadata.resourceVersion makes the write conditional (the API
    server answers Conflict when someone else changed the object in between)."""
    plural = resource_for(obj)
    meta = obj.get("metadata") or {}
    if not meta.get("resourceVersion"):
        raise UsageError("replace needs the object as read, with metadata.resourceVersion")
    target = path(plural, _namespace_of(obj, plural, default_namespace), str(meta.get("name")), subresource)
    return Request("PUT", target, write_params(dry_run=dry_run), dict(obj))


def patch_request(
    plural: str,
    name: str,
    namespace: str | None,
    patch: Body,
    *,
    patch_type: PatchType = "merge",
    subresource: str | None = None,
    dry_run: bool = False,
    field_manager: str | None = None,
    force: bool | None = None,
) -> Request:
    if patch_type == "apply" and not field_manager:
        raise UsageError("server-side apply needs a field manager")
    return Request(
        "PATCH",
        path(plural, namespace, name, subresource),
        write_params(dry_run=dry_run, field_manager=field_manager, force=force),
        patch,
        PATCH_CONTENT_TYPES[patch_type],
    )


def apply_request(
    obj: Mapping[str, Any], default_namespace: str | None, *, field_manager: str, force: bool, dry_run: bool
) -> Request:
    plural = resource_for(obj)
    name = str((obj.get("metadata") or {}).get("name"))
    namespace = _namespace_of(obj, plural, default_namespace)
    return patch_request(
        plural,
        name,
        namespace,
        dict(obj),
        patch_type="apply",
        dry_run=dry_run,
        field_manager=field_manager,
        force=force,
    )


def delete_request(plural: str, name: str, namespace: str | None, *, dry_run: bool = False) -> Request:
    return Request("DELETE", path(plural, namespace, name), write_params(dry_run=dry_run), absent_ok=True)


class ObjectReference(TypedDict, total=False):
    apiVersion: str
    kind: str
    name: str
    namespace: str
    uid: str
    resourceVersion: str


def event_body(
    involved: Mapping[str, Any],
    reason: str,
    message: str,
    *,
    event_type: Literal["Normal", "Warning"] = "Normal",
    component: str,
    now: str,
) -> dict[str, Any]:
    """A core/v1 Event about `involved` (an object as read), as `kubectl describe` shows them."""
    meta = involved.get("metadata") or {}
    ref: ObjectReference = {
        "apiVersion": str(involved.get("apiVersion") or ""),
        "kind": str(involved.get("kind") or ""),
        "name": str(meta.get("name") or ""),
        "namespace": str(meta.get("namespace") or "default"),
        "uid": str(meta.get("uid") or ""),
        "resourceVersion": str(meta.get("resourceVersion") or ""),
    }
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"generateName": f"{ref['name']}.", "namespace": ref["namespace"]},
        "involvedObject": ref,
        "reason": reason,
        "message": message[:1024],
        "type": event_type,
        "source": {"component": component},
        "reportingComponent": component,
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
    }


# --- answers ----------------------------------------------------------------------------------------------------


class StatusCause(TypedDict, total=False):
    reason: str
    message: str
    field: str


_BY_REASON: dict[str, type[KubeAPIError]] = {
    "AlreadyExists": AlreadyExists,
    "Conflict": Conflict,
    "NotFound": NotFound,
    "Gone": Gone,
    "Expired": Gone,
    "Invalid": Invalid,
    "Forbidden": Forbidden,
    "Unauthorized": Unauthorized,
    "Timeout": Timeout,
    "ServerTimeout": Timeout,
    "ServiceUnavailable": Unavailable,
    "TooManyRequests": Unavailable,
    "BadRequest": BadRequest,
}
_BY_CODE: dict[int, type[KubeAPIError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    410: Gone,
    422: Invalid,
    429: Unavailable,
    503: Unavailable,
    504: Timeout,
}


def secret_data(secret: Mapping[str, Any] | None) -> dict[str, str]:
    """A Secret's `data`, decoded from base64 to text; a value that is not base64 of UTF-8 text is left out."""
    decoded = {}
    for key, value in ((secret or {}).get("data") or {}).items():
        try:
            decoded[str(key)] = base64.b64decode(value, validate=True).decode()
        except (TypeError, ValueError):  # binascii.Error and UnicodeDecodeError are ValueErrors
            continue
    return decoded


def status_error(code: int, status: Mapping[str, Any], request: Request | None = None) -> KubeAPIError:
    """The typed error for a failure `Status` (an HTTP error body, or a watch's ERROR event object)."""
    code = int(status.get("code") or code or 0)
    reason = str(status.get("reason") or "")
    message = " ".join(str(status.get("message") or "").split())
    details: Mapping[str, Any] = status.get("details") or {}
    causes = tuple(c for c in details.get("causes") or () if isinstance(c, Mapping))
    cls = _BY_REASON.get(reason) or _BY_CODE.get(code) or KubeAPIError
    where = f"{request.method} {request.path}" if request is not None else "the request"
    hint = None
    if cls is Unauthorized:
        message = f"the cluster refused our credentials: {message or 'unauthorized'}"
        hint = "log in again or check the kubeconfig's user"
    elif not message:
        message = f"{where} failed with HTTP {code}" + (f" ({reason})" if reason else "")
    return cls(message, reason=reason, code=code, causes=causes, details=details, hint=hint)


def error_from_body(code: int, raw: bytes, request: Request) -> KubeAPIError:
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    if not isinstance(doc, Mapping):  # a proxy's or a load balancer's page, not a Status
        doc = {"message": raw[:200].decode(errors="replace")}
    return status_error(code, doc, request)


def decode(request: Request, code: int, raw: bytes) -> Any:
    """The answer's JSON, None for an absent object the caller allowed, or the typed error raised."""
    if code == 404 and request.absent_ok:
        return None
    if code >= 400:
        raise error_from_body(code, raw, request)
    return json.loads(raw) if raw else None


class WatchEvent(TypedDict):
    type: str  # ADDED, MODIFIED, DELETED, BOOKMARK (ERROR events are raised, never yielded)
    object: dict[str, Any]


class WatchFramer:
    """Splits a watch stream into events: one JSON document per line, however the chunks fall.

    Lines are split by hand: one event can be larger than a reader's line limit (a big catalog).
    """

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, chunk: bytes) -> Iterator[WatchEvent]:
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                yield watch_event(json.loads(line))


def watch_event(doc: Mapping[str, Any]) -> WatchEvent:
    obj = doc.get("object") or {}
    if doc.get("type") == "ERROR":
        raise status_error(int(obj.get("code") or 0), obj)
    return {"type": str(doc.get("type") or ""), "object": dict(obj)}


def with_kind(items: list[dict[str, Any]], plural: str) -> list[dict[str, Any]]:
    """List items carry no kind or apiVersion; add them, so that the rules can dispatch on them."""
    res = resource(plural)
    for item in items:
        item.setdefault("kind", res.kind)
        item.setdefault("apiVersion", res.api_version)
    return items


def not_served(plural: str, exc: NotFound) -> NotFound:
    """A list's 404: the kind itself is not served (its CRD is not installed); raise it `from exc`."""
    return NotFound(
        f"the cluster does not serve {plural}",
        reason=exc.reason,
        code=exc.code,
        details=exc.details,
        hint="install the CRDs: kubectl apply -f crds/",
    )


def resource_version(obj: Mapping[str, Any]) -> str:
    return str((obj.get("metadata") or {}).get("resourceVersion") or "")


# --- discovery (one implementation; each face runs it with its `drive`) -------------------------------------------

Flow = Generator[Request, Any, Any]


def server_version_flow() -> Generator[Request, Any, str]:
    """The API server's version without the `v`: "1.20.2"."""
    found = yield Request("GET", "/version")
    return str((found or {}).get("gitVersion") or "").lstrip("v")


def served_apis_flow() -> Generator[Request, Any, frozenset[str]]:
    """Every `group/version/Kind` the server serves now (`v1/ConfigMap` for the core group).

    A group whose discovery fails (an aggregated API that is down) is left out: its kinds are not served now.
    """
    core = yield Request("GET", "/api/v1")
    served = {f"v1/{r['kind']}" for r in (core or {}).get("resources", []) if "/" not in r["name"]}
    groups = yield Request("GET", "/apis")
    for group in (groups or {}).get("groups", []):
        for gv in group.get("versions", []):
            try:
                found = yield Request("GET", f"/apis/{gv['groupVersion']}")
            except KubeAPIError:
                continue
            served.update(
                f"{gv['groupVersion']}/{r['kind']}" for r in (found or {}).get("resources", []) if "/" not in r["name"]
            )
    return frozenset(served)


def group_versions_flow(group: str) -> Generator[Request, Any, list[str] | None]:
    """The versions the server serves for an API group, or None when it serves none."""
    found = yield Request("GET", f"/apis/{group}", absent_ok=True)
    if not found:
        return None
    return [str(v.get("version")) for v in found.get("versions") or []]


def served_kinds_flow(api_version: str) -> Generator[Request, Any, frozenset[str] | None]:
    """The kinds served at `group/version`, or None when that group/version is not served."""
    found = yield Request("GET", f"/apis/{api_version}", absent_ok=True)
    if found is None:
        return None
    return frozenset(str(r["kind"]) for r in found.get("resources") or [] if "/" not in str(r.get("name")))


def user_info_flow() -> Generator[Request, Any, UserInfo | None]:
    """Who the API server takes this client for (SelfSubjectReview, Kubernetes 1.26 and later); None where the
    server cannot say."""
    for version in ("v1", "v1beta1", "v1alpha1"):
        body = {"apiVersion": f"authentication.k8s.io/{version}", "kind": "SelfSubjectReview"}
        try:
            review = yield Request(
                "POST", f"/apis/authentication.k8s.io/{version}/selfsubjectreviews", {}, body, absent_ok=True
            )
        except KubeAPIError:
            return None
        if review is not None:
            info = (review.get("status") or {}).get("userInfo") or {}
            return UserInfo(str(info.get("username") or ""), tuple(str(g) for g in info.get("groups") or ()))
    return None


_START = object()


def advance(flow: Flow, outcome: Any = _START) -> tuple[Request | None, Any]:
    """One step of a flow: its next request (None when it is done) and, once done, its result.

    `outcome` is the previous request's decoded answer, or the KubeAPIError it raised (thrown into the flow).
    """
    try:
        if outcome is _START:
            return next(flow), None
        if isinstance(outcome, KubeAPIError):
            return flow.throw(outcome), None
        return flow.send(outcome), None
    except StopIteration as done:
        return None, done.value


def outcome(request: Request, code: int, raw: bytes) -> Any:
    """`decode`, with a failure returned instead of raised (for `advance`)."""
    try:
        return decode(request, code, raw)
    except KubeAPIError as exc:
        return exc


# --- durations ----------------------------------------------------------------------------------------------------

_GO_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_GO_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def go_duration(text: str) -> float:
    """Seconds in a Go duration (`1h30m`, `500ms`, `2.5s`) or a bare number of seconds (`30`), as kubectl reads
    --request-timeout and the API server writes `?timeout=`. Raises ValueError for anything else."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    pos, total = 0, 0.0
    while pos < len(text):
        match = _GO_PART.match(text, pos)
        if match is None:
            raise ValueError(f"{text!r} is not a duration")
        total += float(match.group(1)) * _GO_UNITS[match.group(2)]
        pos = match.end()
    if not text:
        raise ValueError("an empty duration")
    return total


def parse_duration(text: str | None) -> float | None:
    """kubectl's --request-timeout: seconds, or None for no limit (`0` or absent). Bad input is a UsageError."""
    if text is None or text.strip() in ("", "0"):
        return None
    try:
        seconds = go_duration(text)
    except ValueError as exc:
        raise UsageError(f"--request-timeout {text!r} is not a duration", hint="e.g. 30s, 1m or 0") from exc
    return seconds or None
