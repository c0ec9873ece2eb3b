"""A Violation is data: where (JSON path), which rule, what to do, and how serious.

The webhook, `validate` and `install`'s pre-checks all report these same objects, so a rule id and message are
identical wherever a user meets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    """JSON path into the document, `$.spec.profiles[0].version` style."""
    rule: str
    """Stable rule id, e.g. `catalog.version.semver`; documented in docs/rules.md."""
    message: str
    """One sentence naming the field, what is wrong and the fix."""
    severity: Severity = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "rule": self.rule, "message": self.message, "severity": self.severity}

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


def join_path(base: str, *parts: str | int) -> str:
    """`join_path("$.spec", "profiles", 0, "name")` -> `$.spec.profiles[0].name`."""
    out = base
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
