"""The fixture corpus: every valid file has no errors; every invalid file has exactly the rule ids it declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubectl_profiles.model.facts import Facts
from kubectl_profiles.validation.engine import validate_documents
from kubectl_profiles.validation.inputs import parse_documents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VALID = sorted((FIXTURES / "valid").iterdir())
INVALID = sorted((FIXTURES / "invalid").iterdir())


def _report(path: Path):
    return validate_documents(parse_documents(str(path), path.read_text()), Facts())


def _expected(path: Path) -> set[str]:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# expect:"), f"{path.name} must start with '# expect: rule.id, ...'"
    return {r.strip() for r in first.split(":", 1)[1].split(",")}


def _declared_skips(path: Path) -> int:
    """`# skipped: N` in a valid file's header comment; 0 when absent: every document must be checked, so that a
    kind read as nothing (and so without errors) cannot pass for valid."""
    for line in path.read_text().splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# skipped:"):
            return int(line.split(":", 1)[1])
    return 0


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_errors(path: Path) -> None:
    report = _report(path)
    errors = [str(f.violation) for f in report.findings if f.violation.is_error]
    assert errors == []
    assert report.documents >= 1
    assert report.skipped == _declared_skips(path), [n.reason for n in report.skipped_documents]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_has_exactly_the_declared_rules(path: Path) -> None:
    report = _report(path)
    found = {f.violation.rule for f in report.findings if f.violation.is_error}
    assert found == _expected(path)


def test_corpus_is_not_empty() -> None:
    assert len(VALID) >= 5 and len(INVALID) >= 10
