"""A Violation is data: where (JSON path), which rule, what is wrong, what to do, and how serious.

The webhook, `validate` and `install`'s pre-checks all report these same objects, so a rule id and message are
identical wherever a user meets them. Rules say the problem and the fix apart from the path; the sentence users
read, `field: problem; fix`, is composed here (`message`) and by the renderers, never parsed back.

The field a sentence names is the one at `path`, except where a rule reports at one path and names another
(a whole entry, or a schema's parent), or names none (a sentence about the whole object): those pass `field`.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
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
    _: KW_ONLY
    problem: str
    """What is wrong, without the field: `'1.x' is not a semantic version`."""
    fix: str = ""
    """What to do about it; empty where there is nothing more to say than the problem."""
    severity: Severity = ERROR
    field: str | None = None
    """The field the sentence names when it is not the one at `path`; `""` names none. None: `path`'s field."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def shown_field(self) -> str:
        """The field the sentence starts with (`""` for none): `path` without its `$.` unless `field` says."""
        return self.path[2:] if self.field is None else self.field

    @property
    def sentence(self) -> str:
        """Problem and fix, without the field."""
        return f"{self.problem}; {self.fix}" if self.fix else self.problem

    @property
    def message(self) -> str:
        """The sentence users read: `field: problem; fix`."""
        field = self.shown_field
        return f"{field}: {self.sentence}" if field else self.sentence

    @property
    def detail(self) -> str:
        """What follows a printed `path: `: the sentence, with its field only when that is not the path's."""
        return self.sentence if self.shown_field == self.path[2:] else self.message

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "rule": self.rule,
            "message": self.message,
            "severity": self.severity,
            "problem": self.problem,
            "fix": self.fix,
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


def join_path(base: str, *parts: str | int) -> str:
    """`join_path("$.spec", "profiles", 0, "name")` -> `$.spec.profiles[0].name`."""
    out = base
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
