"""Small helpers the rule modules share: safe access into untrusted documents, and URL, path and name forms."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kubectl_profiles.model.facts import Policy
from kubectl_profiles.model.refs import without_credentials
from kubectl_profiles.model.violation import Violation

_SCP_LIKE = re.compile(r"^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+:[^/].*$")
_BAD_REF = re.compile(r"(\.\.|[\x00-\x20~^:?*\[\\\x7f]|@\{|//|^/|/$|\.lock$|^\.|/\.|\.$)")


_EMPTY: Mapping[str, Any] = {}


def mapping(value: Any) -> Mapping[str, Any]:
    # `type(...) is dict` first: parsed YAML and JSON are plain dicts, and the ABC check is slow on the hot path.
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return _EMPTY


def seq(value: Any) -> list[Any]:
    return value if type(value) is list else []


def text(value: Any) -> str:
    return value if type(value) is str else ""


def meta(doc: Mapping[str, Any]) -> tuple[str, str]:
    m = mapping(doc.get("metadata"))
    return text(m.get("name")), text(m.get("namespace")) or "default"


def check_url(url: Any, path: str, rule: str, policy: Policy, what: str = "url") -> list[Violation]:
    """A git URL must be https://, ssh://, git@host:org/repo, or file:// (local development only)."""
    if not isinstance(url, str) or not url.strip():
        return [
            Violation(
                path,
                rule,
                problem=f"{what} is missing",
                fix="give the profile's git repository (https://, ssh://, git@host:org/repo or file://)",
            )
        ]
    if url.startswith(("https://", "ssh://")) and len(url.split("://", 1)[1]) > 0 and " " not in url:
        return []
    if _SCP_LIKE.match(url):
        return []
    if url.startswith("file://"):
        if policy.allow_file_urls:
            return []
        return [
            Violation(
                path,
                rule,
                problem="file:// URLs are for local development and this cluster refuses them",
                fix="use an https:// or ssh:// repository",
            )
        ]
    shown = without_credentials(url)  # messages reach CI logs and terminals: never repeat a secret
    if url.startswith("http://"):
        return [Violation(path, rule, problem=f"{shown!r} uses plain http", fix="use https:// or ssh://")]
    return [
        Violation(
            path,
            rule,
            problem=f"{shown!r} is not a git URL",
            fix="use https://, ssh://, git@host:org/repo or file://",
        )
    ]


def valid_ref_name(name: str) -> bool:
    """Git's rules for tag and branch names (git check-ref-format), enough to catch typos."""
    return bool(name) and not _BAD_REF.search(name)


def check_rel_path(value: Any, path: str, rule: str) -> list[Violation]:
    if value is None:
        return []
    if not isinstance(value, str) or value.startswith("/"):
        return [Violation(path, rule, problem="must be a path relative to the repository, e.g. 'nginx'")]
    if ".." in value.split("/"):
        return [Violation(path, rule, problem=f"{value!r} leaves the repository ('..')", fix="use a path inside it")]
    return []
