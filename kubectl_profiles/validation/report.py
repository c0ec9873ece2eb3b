"""What a validate run found: the data that the inputs, the engine and the reporters pass along."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kubectl_profiles.model.violation import Violation


@dataclass
class Finding:
    file: str
    index: int
    where: int | Callable[[], int]
    """The line, or how to find it: found when first asked for (`line`), so that checking pays nothing for it."""
    kind: str
    name: str
    violation: Violation

    @property
    def line(self) -> int:
        """The line of the offending field (of the document's start when it cannot be told)."""
        if not isinstance(self.where, int):
            self.where = self.where()
        return self.where


@dataclass(frozen=True)
class Note:
    """A file or document not checked, and why: shown with -v."""

    file: str
    reason: str
    line: int | None = None


@dataclass
class Report:
    documents: int = 0
    skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped_documents: list[Note] = field(default_factory=list)
    skipped_files: list[Note] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.violation.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def failed(self, strict: bool) -> bool:
        """Exit code 1: any error, or with --strict any warning."""
        return bool(self.errors or (strict and self.warnings))
