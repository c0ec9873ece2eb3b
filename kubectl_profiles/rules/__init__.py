"""The rules engine: pure functions from (document, facts) to violations.

The webhook, `kubectl profiles validate` and `install`'s pre-checks call these same functions, so a user meets the
same rule id and message wherever a rule fires. No I/O here: cluster facts arrive as `Facts`, and nested profiles
are read through a `Resolver` the caller supplies.

Public API (stable; other layers import only these names):
    check_document(doc, facts, *, old=None, operation="CREATE", resolver=None) -> list[Violation]
        dispatch on apiVersion/kind; unknown kinds -> [] (callers count them as skipped; see `is_known_kind`)
    check_catalog_source(doc, facts, *, old=None) -> list[Violation]
    check_installation(doc, facts, *, old=None) -> list[Violation]
    check_installation_delete(old, facts) -> list[Violation]
    check_definition(doc, *, resolver=None, max_depth=10) -> list[Violation]
    check_prerequisites(prereqs, namespace, facts, *, path) -> list[Violation]
    access_allows(catalog_source, namespace, facts) -> bool
    revoked_installations(old_source, new_source, facts) -> list[Mapping]   (installations that lose access)
    is_known_kind(doc) -> bool
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kubectl_profiles.model.refs import SourceRef

Resolver = Callable[[SourceRef], Mapping[str, Any] | None]
"""Returns the raw profile.yaml document at a source, or None when it cannot be read (reported as a warning)."""
