"""The synchronous face of the client: the plugin's, over `http.client`, one kept-alive connection per command.

Not the official `kubernetes` package: importing it alone takes 0.3 to 0.6 s here, and the plugin's commands must
answer in about the time kubectl does (`list -A` within 1.5x of `kubectl get -A -o json`). Requests are built and
answers read by kubectl_profiles.kube.core; this module only moves bytes, and turns transport failures into
`Unreachable` (chained with `from`).
"""

from __future__ import annotations

import builtins
import http.client
import ssl
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from kubectl_profiles import kubeconfig
from kubectl_profiles.errors import ClusterError, KubeAPIError, NotFound, Unreachable
from kubectl_profiles.kube import core
from kubectl_profiles.kube.core import Request
from kubectl_profiles.model.facts import UserInfo
from kubectl_profiles.model.refs import require_name

T = TypeVar("T")


class _HTTPSConnection(http.client.HTTPSConnection):
    """HTTPS whose certificate is checked against the kubeconfig's `tls-server-name` instead of the URL's host."""

    def __init__(self, host: str, port: int, *, server_name: str, context: ssl.SSLContext, **kw: Any) -> None:
        super().__init__(host, port, context=context, **kw)
        self._server_name = server_name
        self._ssl = context

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)  # TCP, and the proxy's CONNECT tunnel when there is one
        self.sock = self._ssl.wrap_socket(self.sock, server_hostname=self._server_name)


def open_connection(config: kubeconfig.ClusterConfig, timeout: float | None) -> http.client.HTTPConnection:
    parsed = urllib.parse.urlsplit(config.server)
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        raise ClusterError(f"the kubeconfig's server {config.server!r} is not an https URL")
    host, port = parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80)
    target_host, target_port = host, port
    if config.proxy_url:
        proxy = urllib.parse.urlsplit(config.proxy_url)
        if proxy.scheme != "http" or not proxy.hostname:
            raise ClusterError(
                f"proxy-url {config.proxy_url!r}: only http:// proxies are supported", hint="use an HTTP CONNECT proxy"
            )
        host, port = proxy.hostname, proxy.port or 80
    conn: http.client.HTTPConnection
    if parsed.scheme == "https":
        conn = _HTTPSConnection(
            host,
            port,
            server_name=config.tls_server_name or target_host,
            context=config.ssl_context,
            timeout=timeout,
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    if config.proxy_url:
        conn.set_tunnel(target_host, target_port)
    return conn


class Kube:
    """The plugin's client: every method is one request (or one discovery walk), and raises typed errors."""

    def __init__(
        self, config: kubeconfig.ClusterConfig, namespace: str | None = None, timeout: float | None = None
    ) -> None:
        self.config = config
        self.namespace = require_name(namespace or config.namespace, "namespace")
        self.timeout = timeout
        self._prefix = urllib.parse.urlsplit(config.server).path.rstrip("/")
        open_connection(config, timeout).close()  # checks the URL now, before anything else is done
        self._conn: http.client.HTTPConnection | None = None
        self._discovery: frozenset[str] | None = None

    @classmethod
    def from_options(
        cls,
        kubeconfig_path: str | None,
        context: str | None,
        namespace: str | None,
        request_timeout: str | None,
        *,
        impersonate: str | None = None,
        impersonate_groups: Sequence[str] = (),
    ) -> Kube:
        config = kubeconfig.load(kubeconfig_path, context)
        config.impersonate(impersonate, tuple(impersonate_groups))
        return cls(config, namespace, core.parse_duration(request_timeout))

    # --- transport ----------------------------------------------------------------------------------------
    def send(self, request: Request) -> Any:
        """One request; its decoded JSON answer (None for an absent object when the request allows it)."""
        return core.decode(request, *self._exchange(request))

    def drive(self, flow: core.Flow) -> Any:
        """Run a multi-request operation from the core (discovery), sending each request it yields."""
        request, result = core.advance(flow)
        while request is not None:
            request, result = core.advance(flow, core.outcome(request, *self._exchange(request)))
        return result

    def _exchange(self, request: Request) -> tuple[int, bytes]:
        data = request.data()
        headers = [("Accept", "application/json"), *self.config.headers()]
        if data is not None:
            headers += [("Content-Type", request.content_type), ("Content-Length", str(len(data)))]
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = open_connection(self.config, self.timeout)
            conn = self._conn
            try:
                conn.putrequest(request.method, self._prefix + request.url_path, skip_accept_encoding=True)
                for name, value in headers:
                    conn.putheader(name, value)
                conn.endheaders(data)
                resp = conn.getresponse()
                return resp.status, resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()  # a kept-alive connection the server closed: retry once on a new one
                if attempt == 2:
                    raise self._unreachable(exc) from exc
            except ssl.SSLError as exc:
                self.close()
                raise Unreachable(
                    f"TLS with the cluster at {self.config.server} failed: {exc.reason or exc}",
                    hint="check the kubeconfig's certificate-authority",
                ) from exc
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                self.close()
                raise self._unreachable(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _unreachable(self, exc: BaseException) -> Unreachable:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return Unreachable(
            f"cannot reach the cluster at {self.config.server} ({reason.lower()})",
            hint="check --kubeconfig and --context, and that the cluster is running",
        )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- resources ----------------------------------------------------------------------------------------
    def list(
        self,
        resource: str,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        if_served: bool = False,
    ) -> builtins.list[dict[str, Any]]:
        """One API call; `namespace=None` lists every namespace. A kind the server does not serve is NotFound, or
        no items with `if_served`."""
        try:
            found = self.send(core.list_request(resource, namespace, label_selector=label_selector))
        except NotFound as exc:
            if if_served:
                return []
            raise core.not_served(resource, exc) from exc
        return core.with_kind(found.get("items") or [], resource)

    def get(self, resource: str, name: str, namespace: str | None) -> dict[str, Any] | None:
        """The object, or None when it does not exist."""
        found: dict[str, Any] | None = self.send(core.get_request(resource, name, namespace))
        return found

    def create(self, obj: Mapping[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        """POST; AlreadyExists (a Conflict) when the name is taken."""
        created: dict[str, Any] = self.send(core.create_request(obj, self.namespace, dry_run=dry_run))
        return created

    def replace(self, obj: Mapping[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        """PUT of an object as read and changed; Conflict when it changed since (optimistic concurrency)."""
        replaced: dict[str, Any] = self.send(core.replace_request(obj, self.namespace, dry_run=dry_run))
        return replaced

    def resource_for(self, obj: Mapping[str, Any]) -> str:
        return core.resource_for(obj)

    def apply(
        self,
        objects: Sequence[Mapping[str, Any]],
        *,
        dry_run: bool = False,
        field_manager: str = "kubectl-profiles",
        force: bool = True,
    ) -> builtins.list[dict[str, Any]]:
        """Server-side apply, in order; the first failure raises (its own type), naming the object."""
        out = []
        for obj in objects:
            request = core.apply_request(obj, self.namespace, field_manager=field_manager, force=force, dry_run=dry_run)
            try:
                out.append(self.send(request))
            except KubeAPIError as exc:
                meta = obj.get("metadata") or {}
                where = f"{obj.get('kind')} {meta.get('namespace') or self.namespace}/{meta.get('name')}"
                raise exc.prefixed(where) from exc
        return out

    def delete(self, resource: str, name: str, namespace: str | None, *, dry_run: bool = False) -> bool:
        """True if it was there to delete."""
        return self.send(core.delete_request(resource, name, namespace, dry_run=dry_run)) is not None

    def patch_merge(self, resource: str, name: str, namespace: str | None, patch: Mapping[str, Any]) -> dict[str, Any]:
        patched: dict[str, Any] = self.send(core.patch_request(resource, name, namespace, patch))
        return patched

    # --- cluster facts ------------------------------------------------------------------------------------
    def server_version(self) -> str:
        version: str = self.drive(core.server_version_flow())
        return version

    def group_versions(self, group: str) -> builtins.list[str] | None:
        found: builtins.list[str] | None = self.drive(core.group_versions_flow(group))
        return found

    def served_kinds(self, api_version: str) -> frozenset[str] | None:
        found: frozenset[str] | None = self.drive(core.served_kinds_flow(api_version))
        return found

    def user_info(self) -> UserInfo | None:
        found: UserInfo | None = self.drive(core.user_info_flow())
        return found

    def served_apis(self) -> frozenset[str]:
        if self._discovery is None:
            self._discovery = self.drive(core.served_apis_flow())
        return self._discovery

    def namespace_labels(self) -> dict[str, dict[str, str]]:
        return {str(ns["metadata"]["name"]): dict(ns["metadata"].get("labels") or {}) for ns in self.list("namespaces")}
