"""Semantic versions and ranges, as catalogs and users write them.

Built on `semantic_version` (SemVer 2.0 precedence, npm-style ranges) rather than hand-written parsing: ranges
such as `^1.2`, `~1.2.3`, `>=1.0 <2` and `1.x` behave as npm and Helm users expect. What this module adds is the
project's dialect: an optional leading `v`, partial versions (`1.19`) completed with zeros, and the rule that a
range admits prereleases only when asked (`--devel`), as Helm does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kubectl_profiles.errors import UsageError

if TYPE_CHECKING:
    import semantic_version
    from semantic_version import Version as Version


def _sv() -> Any:
    """`semantic_version`, imported on first use: importing it reads its own package metadata (importlib.metadata),
    which cost a short `validate` run a tenth of its time when no version needed parsing."""
    import semantic_version

    return semantic_version


def __getattr__(name: str) -> Any:  # `from kubectl_profiles.model.semver import Version` still works
    if name == "Version":
        return _sv().Version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# SemVer 2.0 with an optional leading "v"; the same pattern sits in the CRD schemas (crds/), keep them equal.
SEMVER_PATTERN = (
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_SEMVER_RE = re.compile(SEMVER_PATTERN)
_PARTIAL_RE = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$")
RANGE_MEMO = 256
"""Verdicts a Range remembers (the webhook asks the same few every review); cleared when full."""


@lru_cache(maxsize=8192)
def is_semver(text: str) -> bool:
    return bool(_SEMVER_RE.match(text))


@lru_cache(maxsize=4096)
def parse_version(text: str) -> Version:
    """Parse `1.2.3` or `v1.2.3` (full SemVer). Raises UsageError naming the value."""
    if not isinstance(text, str) or not _SEMVER_RE.match(text):
        raise UsageError(f"{text!r} is not a semantic version", hint="write MAJOR.MINOR.PATCH, e.g. 1.2.3")
    version: Version = _sv().Version(text[1:] if text.startswith("v") else text)
    return version


@lru_cache(maxsize=256)
def coerce_version(text: str) -> Version | None:
    """Lenient parse for versions reported by servers: `v1.20.2-gke.1`, `1.19`, `1.20+`. None if hopeless."""
    match = _PARTIAL_RE.match(text.strip())
    if not match:
        return None
    major, minor, patch, rest = match.groups()
    rest = rest.rstrip("+")
    candidate = f"{major}.{minor or 0}.{patch or 0}{rest}"
    version_class = _sv().Version
    try:
        return version_class(candidate)
    except ValueError:
        try:
            return version_class(f"{major}.{minor or 0}.{patch or 0}")
        except ValueError:
            return None


class Range:
    """An npm-style version range; `*` or empty admits every version."""

    __slots__ = ("_memo", "_spec", "text")

    def __init__(self, text: str) -> None:
        self.text = text.strip() or "*"
        normalised = re.sub(r"(?<![\w.])v(?=\d)", "", self.text)
        try:
            self._spec: semantic_version.NpmSpec = _sv().NpmSpec(normalised)
        except ValueError as exc:
            raise UsageError(
                f"{text!r} is not a version range", hint="use e.g. 1.2.3, ^1.2, ~1.2.3 or '>=1.0 <2'"
            ) from exc
        self._memo: dict[tuple[Any, ...], bool] = {}

    def admits(self, version: Version, *, devel: bool = False) -> bool:
        # Matching walks semantic_version's clauses (microseconds); the answer for a version never changes. Keyed
        # by every field, build included, so that versions equal in precedence but not in text stay apart.
        key = (version.major, version.minor, version.patch, version.prerelease, version.build, devel)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= RANGE_MEMO:
                self._memo.clear()
            found = self._memo[key] = self._admits(version, devel)
        return found

    def _admits(self, version: Version, devel: bool) -> bool:
        if version.prerelease and devel:
            # Helm's --devel: compare the release part, so `^1.2` admits 1.3.0-rc.1.
            base = _sv().Version(major=version.major, minor=version.minor, patch=version.patch)
            return base in self._spec or version in self._spec
        return version in self._spec

    def best(self, versions: Iterable[Version], *, devel: bool = False) -> Version | None:
        matching = [v for v in versions if self.admits(v, devel=devel) and (devel or not v.prerelease)]
        return max(matching) if matching else None

    def __repr__(self) -> str:
        return f"Range({self.text!r})"


@lru_cache(maxsize=1024)
def parse_range(text: str) -> Range:
    return Range(text)


def is_exact(text: str) -> bool:
    return is_semver(text)
