"""The controller's configuration: flags, each with a PROFILES_CONTROLLER_* environment fallback."""

from __future__ import annotations

import argparse
import os
import socket
import uuid
from dataclasses import dataclass

from webhook.config import listen_address


@dataclass(frozen=True)
class Config:
    host: str = "0.0.0.0"  # noqa: S104 - health and metrics in a pod listen on its pod address
    port: int = 8080
    kubeconfig: str | None = None
    log_format: str = "json"
    log_level: str = "info"
    lease_namespace: str = "default"
    lease_name: str = "profiles-controller"
    identity: str = ""
    lease_duration: float = 10.0
    renew_deadline: float = 6.0
    retry_period: float = 1.0
    resync_seconds: float = 600.0
    cache_dir: str = ""
    installation_workers: int = 4
    scan_workers: int = 2
    allow_file_urls: bool = False


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"PROFILES_CONTROLLER_{name}", default)


def _namespace() -> str:
    try:
        with open("/var/run/secrets/kubernetes.io/serviceaccount/namespace", encoding="utf-8") as fh:
            return fh.read().strip() or "default"
    except OSError:
        return os.environ.get("POD_NAMESPACE", "default")


def parse_args(argv: list[str] | None = None) -> Config:
    p = argparse.ArgumentParser(
        prog="profiles-controller",
        description="Reconciles ProfileCatalogSources (scans their repositories) and ProfileInstallations "
        "(status from their Flux objects).",
    )
    p.add_argument("--listen", default=_env("LISTEN", "0.0.0.0:8080"), help="HOST:PORT of /healthz, /readyz, /metrics")
    p.add_argument("--kubeconfig", default=_env("KUBECONFIG"), help="default: in-cluster, else $KUBECONFIG")
    p.add_argument("--log-format", choices=["json", "text"], default=_env("LOG_FORMAT", "json"))
    p.add_argument("--log-level", choices=["debug", "info", "warning"], default=_env("LOG_LEVEL", "info"))
    p.add_argument(
        "--lease-namespace", default=_env("LEASE_NAMESPACE") or _namespace(), help="default: the pod's namespace"
    )
    p.add_argument("--lease-name", default=_env("LEASE_NAME", "profiles-controller"))
    p.add_argument("--identity", default=_env("IDENTITY"), help="this replica's name in the Lease (default: host + id)")
    p.add_argument("--lease-duration", type=float, default=10.0, help="seconds a leader's Lease holds unrenewed")
    p.add_argument("--renew-deadline", type=float, default=6.0, help="seconds a leader may fail to renew")
    p.add_argument("--retry-period", type=float, default=1.0, help="seconds between attempts to take or renew")
    p.add_argument("--resync", type=float, default=600.0, help="seconds between full resyncs of every installation")
    p.add_argument("--cache-dir", default=_env("CACHE_DIR", ""), help="git checkouts (default: the user's cache)")
    p.add_argument("--installation-workers", type=int, default=4)
    p.add_argument("--scan-workers", type=int, default=2)
    p.add_argument(
        "--allow-file-urls",
        action=argparse.BooleanOptionalAction,
        default=_env("ALLOW_FILE_URLS", "false") == "true",
        help="read http:// and file:// Helm repositories (local development only, as the webhook's flag)",
    )
    args = p.parse_args(argv)
    host, port = listen_address(p, args.listen)
    if not 0 < args.renew_deadline < args.lease_duration or not 0 < args.retry_period < args.renew_deadline:
        p.error("leader election needs 0 < --retry-period < --renew-deadline < --lease-duration")
    return Config(
        host=host,
        port=port,
        kubeconfig=args.kubeconfig,
        log_format=args.log_format,
        log_level=args.log_level,
        lease_namespace=args.lease_namespace,
        lease_name=args.lease_name,
        identity=args.identity or f"{socket.gethostname()}_{uuid.uuid4().hex[:8]}",
        lease_duration=args.lease_duration,
        renew_deadline=args.renew_deadline,
        retry_period=args.retry_period,
        resync_seconds=args.resync,
        cache_dir=args.cache_dir,
        installation_workers=max(1, args.installation_workers),
        scan_workers=max(1, args.scan_workers),
        allow_file_urls=args.allow_file_urls,
    )
