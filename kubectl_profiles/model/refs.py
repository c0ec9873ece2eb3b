"""References users type and objects carry: `CATALOG/PROFILE[@VERSION|@RANGE]` and git sources.

pctl's form `CATALOG/PROFILE/VERSION` is accepted too, so that its users' muscle memory keeps working.

Tags follow the original project's convention `<directory>/<semver>` (or a bare `<semver>` for a repository holding
one profile at its root): the tag says both which version it is and where the profile lives. `version_from_tag`,
`path_from_tag` and `source_ref` are the one place that reads that convention, for catalog entries, nested
profiles, installations and `install --url --tag`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.semver import is_semver

_NAME = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_RE = re.compile(rf"^{_NAME}$")
DNS1123_SUBDOMAIN_RE = re.compile(rf"^{_NAME}(\.{_NAME})*$")


def is_dns_label(value: str) -> bool:
    # fullmatch: `$` alone admits a final newline, which must not reach a path
    return len(value) <= 63 and bool(DNS1123_LABEL_RE.fullmatch(value))


def is_dns_subdomain(value: str) -> bool:
    return len(value) <= 253 and bool(DNS1123_SUBDOMAIN_RE.fullmatch(value))


def require_name(value: object, what: str, *, subdomain: bool = False) -> str:
    """`value`, if it is a Kubernetes name: a DNS-1123 label (namespaces, installations), or a DNS-1123 subdomain
    (other objects). Names become parts of API paths and file paths; nothing else may get that far."""
    if isinstance(value, str) and (is_dns_subdomain(value) if subdomain else is_dns_label(value)):
        return value
    chars = "lower-case letters, digits, '-' and '.'" if subdomain else "lower-case letters, digits and '-'"
    raise UsageError(
        f"{what} {value!r} is not a valid Kubernetes name",
        hint=f"use {chars}, at most {253 if subdomain else 63} characters",
    )


@dataclass(frozen=True, slots=True)
class ProfileRef:
    catalog: str
    profile: str
    version: str | None = None
    """An exact version, a range, or None for "the latest"."""

    def __str__(self) -> str:
        base = f"{self.catalog}/{self.profile}"
        return base if self.version is None else f"{base}@{self.version}"


def parse_profile_ref(text: str) -> ProfileRef:
    """Parse `catalog/profile`, `catalog/profile@1.2.3`, `catalog/profile@^1.2` or `catalog/profile/1.2.3`."""
    raw = text.strip()
    version: str | None = None
    if "@" in raw:
        raw, version = raw.split("@", 1)
        version = version.strip() or None
    parts = raw.split("/")
    if len(parts) == 3 and version is None:
        parts, version = parts[:2], parts[2] or None
    if len(parts) != 2 or not all(parts):
        raise UsageError(
            f"{text!r} is not a profile reference", hint="write CATALOG/PROFILE, CATALOG/PROFILE@VERSION or @RANGE"
        )
    catalog, profile = parts
    for what, value in (("catalog", catalog), ("profile", profile)):
        if not is_dns_subdomain(value):
            raise UsageError(
                f"{what} name {value!r} in {text!r} is not a valid Kubernetes name",
                hint="use lower-case letters, digits and '-'",
            )
    return ProfileRef(catalog, profile, version)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A profile in a git repository: one of tag or branch, and the directory holding profile.yaml."""

    url: str
    tag: str | None = None
    branch: str | None = None
    path: str = "."

    @property
    def ref(self) -> str:
        return self.tag or self.branch or "HEAD"

    def key(self) -> tuple[str, str, str]:
        """Identity used for cycle detection: the same repository, ref and directory is the same profile."""
        return (normalise_url(self.url), self.ref, normalise_path(self.path))

    def __str__(self) -> str:
        return f"{self.url}@{self.ref}:{normalise_path(self.path)}"


def normalise_path(path: str | None) -> str:
    cleaned = "/".join(p for p in (path or ".").split("/") if p not in ("", "."))
    return cleaned or "."


def normalise_url(url: str) -> str:
    out = url.strip().rstrip("/")
    return out[:-4] if out.endswith(".git") else out


_SCP_URL = re.compile(r"^(?:[A-Za-z0-9_.-]+@)?([A-Za-z0-9.-]+):(?!//)(.*)$")
_DEFAULT_PORTS = {"https": "443", "http": "80", "ssh": "22", "git": "9418"}


def repo_key(url: str) -> str:
    """The repository a git URL names, whatever the spelling: access rules compare repositories, not strings.

    `https://user:pw@GitHub.com/Org/Repo.git/`, `ssh://git@github.com:22/org/repo` and `git@github.com:org/repo`
    all give `github.com/org/repo`. Scheme, credentials, default ports, a trailing `.git` or `/` and letter case are
    dropped, `%xx`, `.` and `..` read as a server reads them: the large hosts treat paths case-insensitively, and for an access check a false match only restricts.
    `file://` URLs keep their scheme so that a local path never equals a host.
    """
    raw = url.strip()
    scheme, sep, rest = raw.partition("://")
    if not sep:
        scp = _SCP_URL.match(raw)
        host, path = (scp.group(1), scp.group(2)) if scp else ("", raw)
    elif scheme.lower() == "file":
        host, path = "file:", rest
    else:
        authority, _, path = rest.partition("/")
        host = authority.rpartition("@")[2]
        name, colon, port = host.rpartition(":")
        if colon and port == _DEFAULT_PORTS.get(scheme.lower()):
            host = name
    parts: list[str] = []
    for part in unquote(path).split("/"):  # as a server would read it: decoded, with `.` and `..` applied
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    path = "/".join(parts)
    path = path[:-4] if path.lower().endswith(".git") else path
    return f"{host}/{path}".lower()


def default_tag(name: str, version: str) -> str:
    return f"{name}/{version}"


def path_from_tag(tag: str) -> str:
    """`team/app/1.2.0` -> `team/app`; `1.2.0` or `v1.2.0` -> `.` (the original's convention)."""
    head, sep, _ = tag.rpartition("/")
    return head if sep and head else "."


_SSH_SCHEMES = ("ssh", "git+ssh", "ssh+git")


def _split_userinfo(url: str) -> tuple[str, str, str] | None:
    """(`scheme://`, userinfo, the rest) of a URL whose authority carries a userinfo; None otherwise.

    By hand rather than urllib: urlsplit raises on some malformed hosts, and a check on untrusted input must not.
    """
    if "@" not in url:  # most URLs: no userinfo, and no need to find where the authority ends
        return None
    scheme, sep, rest = url.partition("://")
    if not sep:
        return None  # scp-like `git@host:org/repo` names a login, and cannot carry a password
    end = min((i for i in (rest.find(c) for c in "/?#") if i != -1), default=len(rest))
    userinfo, at, host = rest[:end].rpartition("@")
    return (scheme + sep, userinfo, host + rest[end:]) if at else None


def url_has_credentials(url: str) -> bool:
    """Does the URL carry a secret? `user:password@` anywhere; over https (and others), any userinfo, since a token
    alone is the usual form (`https://TOKEN@host/...`); over ssh, a user name alone is a login, not a secret."""
    parts = _split_userinfo(url)
    if parts is None:
        return False
    scheme, userinfo, _ = parts
    return ":" in userinfo or scheme[:-3].lower() not in _SSH_SCHEMES


def without_credentials(url: str) -> str:
    """The URL without its secret: the whole userinfo, or over ssh the password only (the login stays)."""
    parts = _split_userinfo(url)
    if parts is None or not url_has_credentials(url):
        return url
    scheme, userinfo, rest = parts
    if scheme[:-3].lower() in _SSH_SCHEMES:
        return f"{scheme}{userinfo.partition(':')[0]}@{rest}"
    return scheme + rest


def version_from_tag(tag: str) -> str | None:
    """The semantic version a tag names in its last segment (`nginx/v1.0.0` -> `v1.0.0`), or None."""
    last = tag.rpartition("/")[2]
    return last if last and is_semver(last) else None


def source_ref(url: str, *, tag: str | None = None, branch: str | None = None, path: str | None = None) -> SourceRef:
    """A git source as written; without a path, a tag's prefix names the profile's directory (the repository's
    root for a tag without one), and a branch means the root."""
    if not path:
        path = path_from_tag(tag) if tag else "."
    return SourceRef(url, tag=tag or None, branch=branch or None, path=path)


Resolver = Callable[[SourceRef], Mapping[str, Any] | None]
"""Reads the raw profile.yaml document at a source; None when it cannot be read. The rules follow nested profiles
through one (pure: the caller decides where documents come from), sources.make_resolver reads them from git."""


def nested_source_block(artifact: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """Where a nested-profile artifact keeps its source: (the field's path below the artifact, its mapping).

    Both shapes: `profile: {source: {url, tag | branch, path}}`, and the v0.0.5 `profile: {url, branch, path,
    version}`, which keeps them on `profile` itself. A `profile` that is not a mapping reads as an empty one.
    """
    profile = artifact.get("profile")
    if not isinstance(profile, Mapping):
        return "profile", {}
    source = profile.get("source")
    return ("profile.source", source) if isinstance(source, Mapping) else ("profile", profile)


def nested_source(artifact: Mapping[str, Any]) -> SourceRef | None:
    """The source a nested-profile artifact points at, or None when it names no repository.

    In the v0.0.5 shape `version` is the tag. Untrusted input: anything that is not a string counts as absent.
    """
    _, src = nested_source_block(artifact)

    def text(key: str) -> str | None:
        value = src.get(key)
        return value if isinstance(value, str) and value else None

    url = text("url")
    if url is None:
        return None
    tag, branch = text("tag"), text("branch")
    if tag is None and branch is None:
        tag = text("version")
    return source_ref(url, tag=tag, branch=branch, path=text("path"))


def nesting_loop(trail: Sequence[SourceRef], src: SourceRef) -> str | None:
    """The cycle `src` closes, spelt out (`a -> b -> a`), when it is reached again on `trail` (the nesting path from
    the root down to its parent); None when it is not. The same repository, ref and directory is the same profile
    (SourceRef.key). The one cycle check of nested profiles: install's resolution and the rules call it."""
    keys = [t.key() for t in trail]
    if src.key() not in keys:
        return None
    return " -> ".join(str(s) for s in (*trail[keys.index(src.key()) :], src))
