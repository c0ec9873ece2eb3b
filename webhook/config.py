"""The webhook's configuration: flags, each with a PROFILES_WEBHOOK_* environment fallback."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field

from kubectl_profiles.model.facts import Policy


@dataclass(frozen=True)
class Config:
    host: str = "0.0.0.0"  # noqa: S104 - a webhook in a pod listens on its pod address
    port: int = 8443
    tls_cert_file: str | None = None
    tls_private_key_file: str | None = None
    kubeconfig: str | None = None
    log_format: str = "json"
    log_level: str = "info"
    max_body_bytes: int = 1024 * 1024
    shutdown_timeout: float = 20.0
    cert_reload_seconds: float = 2.0
    policy: Policy = field(default_factory=Policy)


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"PROFILES_WEBHOOK_{name}", default)


def listen_address(parser: argparse.ArgumentParser, listen: str) -> tuple[str, int]:
    """`--listen HOST:PORT` (also `[::1]:PORT` and `:PORT`) as (host, port); a usage error names the flag otherwise.
    The webhook and the controller share it."""
    host, sep, port = str(listen).rpartition(":")
    if not sep or not port.isdigit():
        parser.error(f"--listen {listen!r}: write HOST:PORT")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - a server in a pod listens on all interfaces


def parse_args(argv: list[str] | None = None) -> Config:
    p = argparse.ArgumentParser(
        prog="profiles-webhook", description="Validating admission webhook and catalog API for kubectl-profiles."
    )
    p.add_argument("--listen", default=_env("LISTEN", "0.0.0.0:8443"), help="HOST:PORT (default 0.0.0.0:8443)")
    p.add_argument(
        "--tls-cert-file", default=_env("TLS_CERT_FILE"), help="serving certificate (PEM); reloaded when it changes"
    )
    p.add_argument("--tls-private-key-file", default=_env("TLS_PRIVATE_KEY_FILE"), help="its private key (PEM)")
    p.add_argument("--kubeconfig", default=_env("KUBECONFIG"), help="default: in-cluster, else $KUBECONFIG")
    p.add_argument(
        "--default-catalog-access",
        choices=["all", "same-namespace"],
        default=_env("DEFAULT_CATALOG_ACCESS", "all"),
        help="who may install from a catalog without spec.access",
    )
    p.add_argument(
        "--forbid-uncatalogued",
        action="store_true",
        default=_env("FORBID_UNCATALOGUED", "false") == "true",
        help="refuse installations from sources no catalog lists, everywhere",
    )
    p.add_argument(
        "--catalog-admin-group",
        action="append",
        default=None,
        help="only these groups may create or change catalogs (repeatable)",
    )
    p.add_argument(
        "--allow-file-urls",
        action=argparse.BooleanOptionalAction,
        default=_env("ALLOW_FILE_URLS", "true") == "true",
        help="accept file:// profile URLs (local development)",
    )
    p.add_argument("--log-format", choices=["json", "text"], default=_env("LOG_FORMAT", "json"))
    p.add_argument(
        "--log-level",
        choices=["debug", "info", "warning"],
        default=_env("LOG_LEVEL", "info"),
        help="info: denied and failed reviews, one line each; debug: allowed ones too",
    )
    p.add_argument("--max-body-bytes", type=int, default=int(_env("MAX_BODY_BYTES", str(1024 * 1024)) or 0))
    p.add_argument("--shutdown-timeout", type=float, default=20.0, help="seconds to drain in-flight reviews")
    args = p.parse_args(argv)
    host, port = listen_address(p, args.listen)
    if bool(args.tls_cert_file) != bool(args.tls_private_key_file):
        p.error("--tls-cert-file and --tls-private-key-file go together")
    admin_groups = args.catalog_admin_group
    if admin_groups is None and _env("CATALOG_ADMIN_GROUPS"):
        admin_groups = [g for g in (_env("CATALOG_ADMIN_GROUPS") or "").split(",") if g]
    policy = Policy(
        default_catalog_access=args.default_catalog_access,
        forbid_uncatalogued=args.forbid_uncatalogued,
        catalog_admin_groups=tuple(admin_groups or ()),
        allow_file_urls=args.allow_file_urls,
    )
    return Config(
        host=host,
        port=port,
        tls_cert_file=args.tls_cert_file,
        tls_private_key_file=args.tls_private_key_file,
        kubeconfig=args.kubeconfig,
        log_format=args.log_format,
        log_level=args.log_level,
        max_body_bytes=args.max_body_bytes,
        shutdown_timeout=args.shutdown_timeout,
        policy=policy,
    )
