"""Reporters: a validate report as the text each output format (`-o`) prints, one class per format.

Every reporter renders the whole report to one string for standard output ('' prints nothing); the summary and
the skipped files and documents (-v) go to standard error, the same for every format (`summary`, `skipped`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from kubectl_profiles import fastjson
from kubectl_profiles.errors import UsageError
from kubectl_profiles.validation.report import Report


class Reporter(ABC):
    name: ClassVar[str]
    """The format's name, as `-o` takes it."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        """--strict: warnings fail the run too; a format that tells failures apart (JUnit) counts them as such."""

    @abstractmethod
    def render(self, report: Report) -> str: ...


class TextReporter(Reporter):
    """`FILE:LINE: severity: PATH: message [rule]`, one line per finding."""

    name = "text"

    def render(self, report: Report) -> str:
        lines = []
        for f in report.findings:
            v = f.violation
            label = "error" if v.is_error else "warning"
            lines.append(f"{f.file}:{f.line}: {label}: {v.path}: {v.detail} [{v.rule}]")
        return "\n".join(lines)


class JsonReporter(Reporter):
    name = "json"

    def render(self, report: Report) -> str:
        doc = {
            "summary": {
                "documents": report.documents,
                "skipped": report.skipped,
                "errors": report.errors,
                "warnings": report.warnings,
            },
            "violations": [
                {
                    "file": f.file,
                    "document": f.index,
                    "line": f.line,
                    "kind": f.kind,
                    "name": f.name,
                    **f.violation.to_dict(),
                }
                for f in report.findings
            ],
            "skipped_files": [{"file": n.file, "reason": n.reason} for n in report.skipped_files],
        }
        return fastjson.dumps_indented(doc)


class JunitReporter(Reporter):
    """One test case per finding: errors (and with --strict warnings) are failures, other warnings system-out."""

    name = "junit"

    def render(self, report: Report) -> str:
        from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib, which no other output needs

        strict = self.strict
        failing = [f for f in report.findings if f.violation.is_error or strict]
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<testsuites name="kubectl-profiles validate" tests="{report.documents}" failures="{len(failing)}">',
            f'  <testsuite name="validate" tests="{report.documents}" failures="{len(failing)}" '
            f'skipped="{report.skipped}">',
        ]
        for f in report.findings:
            v = f.violation
            name = quoteattr(f"{f.file}#{f.index} {f.kind}/{f.name} {v.path}")
            out.append(f"    <testcase classname={quoteattr(f.file)} name={name}>")
            tag = "failure" if (v.is_error or strict) else "system-out"
            if tag == "failure":
                out.append(f"      <failure type={quoteattr(v.rule)} message={quoteattr(v.message)}/>")
            else:
                out.append(f"      <system-out>{escape(f'warning [{v.rule}] {v.message}')}</system-out>")
            out.append("    </testcase>")
        out += ["  </testsuite>", "</testsuites>"]
        return "\n".join(out)


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding."""

    name = "github"

    def render(self, report: Report) -> str:
        lines = []
        for f in report.findings:
            v = f.violation
            level = "error" if v.is_error else "warning"
            title = _gh_escape(f"{v.rule} {v.path}", prop=True)
            lines.append(
                f"::{level} file={_gh_escape(f.file, True)},line={f.line},title={title}::{_gh_escape(v.message)}"
            )
        return "\n".join(lines)


REPORTERS: dict[str, type[Reporter]] = {r.name: r for r in (TextReporter, JsonReporter, JunitReporter, GithubReporter)}
FORMATS = tuple(REPORTERS)
"""The names `-o` takes, text (the default) first."""


def reporter(name: str, *, strict: bool = False) -> Reporter:
    """The reporter for a format's name."""
    found = REPORTERS.get(name)
    if found is None:
        raise UsageError(f"-o {name!r}: the formats are {', '.join(FORMATS)}")
    return found(strict=strict)


def skipped(report: Report) -> list[str]:
    """The files and documents not checked, and why (printed with -v)."""
    lines = [f"skipped {note.file}: {note.reason}" for note in report.skipped_files]
    lines += [f"skipped {note.file}:{note.line}: {note.reason}" for note in report.skipped_documents]
    return lines


def summary(report: Report) -> str:
    files = f" and skipped {len(report.skipped_files)} files" if report.skipped_files else ""
    return (
        f"checked {report.documents} documents ({report.skipped} skipped){files}: {report.errors} errors, "
        f"{report.warnings} warnings"
    )
