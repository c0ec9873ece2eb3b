"""One profile of a catalog, as data: a `spec.profiles[]` (or `status.profiles[]`) item once read.

kubectl_profiles.catalog reads entries from catalog sources (entry_from_dict) and indexes them; the type lives
here, below the rules and the catalog, so that `Facts` can name what a catalog index returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kubectl_profiles.model.semver import Version  # semantic_version is imported only when a version is parsed


@dataclass(frozen=True)
class Entry:
    catalog: str
    namespace: str
    name: str
    version: Version
    raw_version: str
    """The version as written in the catalog (may carry a leading `v`)."""
    tag: str
    url: str
    path: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    maintainer: str = ""
    prerequisites: tuple[str, ...] = ()
    deprecated: str = ""
    values_schema: Mapping[str, Any] | None = None
    index: int = 0
    """Position in the source's `spec.profiles` (for JSON paths)."""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    category: str = ""
    layer: str = ""
    """Profiles installed together are ordered by layer (`weave.works/layer`)."""
    links: tuple[Mapping[str, str], ...] = ()
    chart: Mapping[str, Any] | None = None
    """A profile that is a Helm chart: `{url: repository, name, archive, digest}` (read from helmRepositories)."""

    @property
    def ref(self) -> str:
        return f"{self.catalog}/{self.name}"

    def matches(self, query: str) -> bool:
        q = query.lower()
        return (
            q in self.name.lower()
            or q in self.description.lower()
            or any(q in k.lower() for k in self.keywords)
            or q in self.category.lower()
        )
