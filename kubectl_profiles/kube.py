"""The only module of the plugin that talks to the API server.

A small synchronous client over `http.client` with one kept-alive connection per command. It is used instead of
the official `kubernetes` package, whose import alone takes about 0.9 s here: the plugin's commands must answer in
about the time kubectl does (`list -A` within 1.5x of `kubectl get -A -o json`). Configuration comes from the
same kubeconfig rules as kubectl (kubectl_profiles.kubeconfig). Every failure becomes a ClusterError or
NotFoundError with one line that keeps the API server's own message (the webhook's denial, for example).
"""

from __future__ import annotations

import builtins
import http.client
import json
import ssl
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kubectl_profiles import kubeconfig
from kubectl_profiles.errors import ClusterError, NotFoundError, UsageError

# plural -> (API path prefix, kind, namespaced)
RESOURCES: dict[str, tuple[str, str, bool]] = {
    "profilecatalogsources": ("/apis/weave.works/v1alpha1", "ProfileCatalogSource", True),
    "profileinstallations": ("/apis/weave.works/v1alpha1", "ProfileInstallation", True),
    "profilesubscriptions": ("/apis/weave.works/v1alpha1", "ProfileSubscription", True),  # the original's, if kept
    "namespaces": ("/api/v1", "Namespace", False),
    "customresourcedefinitions": ("/apis/apiextensions.k8s.io/v1", "CustomResourceDefinition", False),
    "gitrepositories": ("/apis/source.toolkit.fluxcd.io/v1beta2", "GitRepository", True),
    "helmrepositories": ("/apis/source.toolkit.fluxcd.io/v1beta2", "HelmRepository", True),
    "helmreleases": ("/apis/helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", True),
    "kustomizations": ("/apis/kustomize.toolkit.fluxcd.io/v1beta2", "Kustomization", True),
    "configmaps": ("/api/v1", "ConfigMap", True),
    "secrets": ("/api/v1", "Secret", True),
}
KIND_TO_RESOURCE = {kind: plural for plural, (_, kind, _) in RESOURCES.items()}


def parse_duration(text: str | None) -> float | None:
    """kubectl's --request-timeout: `0` (none), `30`, `30s`, `1m`, `1h`."""
    if text is None or text in ("", "0"):
        return None
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    for suffix in ("ms", "s", "m", "h"):
        if text.endswith(suffix):
            number = text[: -len(suffix)]
            break
    else:
        suffix, number = "s", text
    try:
        return float(number) * units[suffix]
    except ValueError as exc:
        raise UsageError(f"--request-timeout {text!r} is not a duration", hint="e.g. 30s, 1m or 0") from exc


class Kube:
    def __init__(
        self, config: kubeconfig.ClusterConfig, namespace: str | None = None, timeout: float | None = None
    ) -> None:
        self.config = config
        self.namespace = namespace or config.namespace
        self.timeout = timeout
        parsed = urllib.parse.urlsplit(config.server)
        if parsed.scheme not in ("https", "http") or not parsed.hostname:
            raise ClusterError(f"the kubeconfig's server {config.server!r} is not an https URL")
        self._host, self._port = parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80)
        self._https = parsed.scheme == "https"
        self._prefix = parsed.path.rstrip("/")
        self._conn: http.client.HTTPConnection | None = None
        self._discovery: frozenset[str] | None = None

    @classmethod
    def from_options(
        cls, kubeconfig_path: str | None, context: str | None, namespace: str | None, request_timeout: str | None
    ) -> Kube:
        return cls(kubeconfig.load(kubeconfig_path, context), namespace, parse_duration(request_timeout))

    # --- transport ----------------------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            if self._https:
                self._conn = http.client.HTTPSConnection(
                    self._host, self._port, context=self.config.ssl_context, timeout=self.timeout
                )
            else:
                self._conn = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        return self._conn

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: Mapping[str, str] | None = None,
        content_type: str = "application/json",
        allow_404: bool = False,
    ) -> Any:
        url = self._prefix + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = {"Accept": "application/json", **self.config.headers()}
        if data is not None:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, url, body=data, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()  # a kept-alive connection the server closed: retry once on a new one
                if attempt == 2:
                    raise self._unreachable(exc) from exc
            except ssl.SSLError as exc:
                self.close()
                raise ClusterError(
                    f"TLS with the cluster at {self.config.server} failed: {exc.reason}",
                    hint="check the kubeconfig's certificate-authority",
                ) from exc
            except (TimeoutError, OSError) as exc:
                self.close()
                raise self._unreachable(exc) from exc
        if resp.status == 404 and allow_404:
            return None
        if resp.status >= 400:
            raise self._status_error(method, path, resp.status, raw)
        return json.loads(raw) if raw else None

    def _unreachable(self, exc: BaseException) -> ClusterError:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return ClusterError(
            f"cannot reach the cluster at {self.config.server} ({reason.lower()})",
            hint="check --kubeconfig and --context, and that the cluster is running",
        )

    def _status_error(self, method: str, path: str, status: int, raw: bytes) -> ClusterError | NotFoundError:
        try:
            message = str(json.loads(raw).get("message") or "")
        except (ValueError, AttributeError):
            message = raw[:200].decode(errors="replace")
        message = " ".join(message.split())
        if status == 401:
            return ClusterError(
                f"the cluster refused our credentials: {message or 'unauthorized'}",
                hint="log in again or check the kubeconfig's user",
            )
        if status == 403:
            return ClusterError(message or f"{method} {path} is forbidden")
        if status == 404:
            return NotFoundError(message or f"{path} not found")
        return ClusterError(message or f"{method} {path} failed with HTTP {status}")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- resources ----------------------------------------------------------------------------------------
    def _path(self, resource: str, namespace: str | None, name: str | None = None) -> str:
        if resource not in RESOURCES:
            raise UsageError(f"unknown resource {resource!r}")
        prefix, _, namespaced = RESOURCES[resource]
        path = prefix + (f"/namespaces/{namespace}" if namespaced and namespace else "") + f"/{resource}"
        return path + (f"/{name}" if name else "")

    def list(
        self,
        resource: str,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        if_served: bool = False,
    ) -> builtins.list[dict[str, Any]]:
        """One API call; `namespace=None` lists every namespace. `if_served`: a resource the cluster does not serve
        has no items (rather than being an error)."""
        params = {"labelSelector": label_selector} if label_selector else None
        try:
            result = self.request("GET", self._path(resource, namespace), params=params)
        except NotFoundError as exc:
            if if_served:
                return []
            raise ClusterError(
                f"the cluster does not serve {resource}", hint="install the CRDs: kubectl apply -f crds/"
            ) from exc
        items: builtins.list[dict[str, Any]] = result.get("items") or []
        kind = RESOURCES[resource][1]
        api_version = RESOURCES[resource][0].removeprefix("/apis/").removeprefix("/api/")
        for item in items:  # list items carry no kind; add it so that the rules can dispatch on it
            item.setdefault("kind", kind)
            item.setdefault("apiVersion", api_version)
        return items

    def get(self, resource: str, name: str, namespace: str | None) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.request("GET", self._path(resource, namespace, name), allow_404=True)
        return found

    def resource_for(self, obj: Mapping[str, Any]) -> str:
        kind = str(obj.get("kind"))
        if kind not in KIND_TO_RESOURCE:
            raise UsageError(f"kubectl-profiles does not manage objects of kind {kind}")
        return KIND_TO_RESOURCE[kind]

    def apply(
        self,
        objects: Sequence[Mapping[str, Any]],
        *,
        dry_run: bool = False,
        field_manager: str = "kubectl-profiles",
        force: bool = True,
    ) -> builtins.list[dict[str, Any]]:
        """Server-side apply, in order; the first failure raises, naming the object."""
        out = []
        for obj in objects:
            resource = self.resource_for(obj)
            meta = obj.get("metadata") or {}
            namespace = meta.get("namespace") or (self.namespace if RESOURCES[resource][2] else None)
            params = {"fieldManager": field_manager, "force": "true" if force else "false"}
            if dry_run:
                params["dryRun"] = "All"
            try:
                out.append(
                    self.request(
                        "PATCH",
                        self._path(resource, namespace, str(meta.get("name"))),
                        obj,
                        params=params,
                        content_type="application/apply-patch+yaml",
                    )
                )
            except ClusterError as exc:
                raise ClusterError(
                    f"{obj.get('kind')} {namespace}/{meta.get('name')}: {exc.message}", hint=exc.hint
                ) from exc
        return out

    def delete(self, resource: str, name: str, namespace: str | None, *, dry_run: bool = False) -> bool:
        params = {"dryRun": "All"} if dry_run else None
        return self.request("DELETE", self._path(resource, namespace, name), params=params, allow_404=True) is not None

    def patch_merge(self, resource: str, name: str, namespace: str | None, patch: Mapping[str, Any]) -> Any:
        return self.request(
            "PATCH", self._path(resource, namespace, name), patch, content_type="application/merge-patch+json"
        )

    # --- cluster facts ------------------------------------------------------------------------------------
    def server_version(self) -> str:
        return str(self.request("GET", "/version").get("gitVersion", "")).lstrip("v")

    def served_apis(self) -> frozenset[str]:
        if self._discovery is None:
            served = {
                f"v1/{r['kind']}" for r in self.request("GET", "/api/v1").get("resources", []) if "/" not in r["name"]
            }
            for group in self.request("GET", "/apis").get("groups", []):
                for gv in group.get("versions", []):
                    try:
                        found = self.request("GET", f"/apis/{gv['groupVersion']}")
                    except ClusterError:
                        continue
                    served.update(
                        f"{gv['groupVersion']}/{r['kind']}" for r in found.get("resources", []) if "/" not in r["name"]
                    )
            self._discovery = frozenset(served)
        return self._discovery

    def missing_crds(self, names: Iterable[str]) -> builtins.list[str]:
        return [n for n in names if self.get("customresourcedefinitions", n, None) is None]

    def namespace_labels(self) -> dict[str, dict[str, str]]:
        return {str(ns["metadata"]["name"]): dict(ns["metadata"].get("labels") or {}) for ns in self.list("namespaces")}
