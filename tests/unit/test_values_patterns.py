"""valuesSchema patterns run with RE2 semantics in linear time (SPEC §3), and catalogs whose patterns RE2 cannot
express are refused at admission with the reason.

The hostile cases are the ones that stalled the webhook: `^(a+)+$` against many `a` and one `!` takes Python's
backtracking `re` exponential time (forty `a` ran for over ten minutes). Each is bounded here by a wall-clock budget
far above RE2's microseconds and far below what backtracking needs even for the shortest input used.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from kubectl_profiles import rules
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.rules.values import schema_problem, values_violations

EVIL = "^(a+)+$"
EVIL_INPUT = "a" * 40 + "!"
BUDGET_S = 0.5


def catalog(schema: Any) -> dict[str, Any]:
    entry = {"name": "nginx", "version": "1.0.0", "url": "https://github.com/example/profiles", "valuesSchema": schema}
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": "default"},
        "spec": {"profiles": [entry]},
    }


def installation(values: Any) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "nginx", "namespace": "web"},
        "spec": {"catalog": {"catalog": "apps", "profile": "nginx", "version": "1.0.0"}, "values": values},
    }


def timed_violations(schema: dict[str, Any], values: Any) -> tuple[list[str], float]:
    start = time.perf_counter()
    found = values_violations(values, schema, "$.spec.values", "apps/nginx 1.0.0")
    return [v.path for v in found], time.perf_counter() - start


def test_the_stand_in_is_really_hostile_to_backtracking() -> None:
    # Python's re needs noticeable time for just 22 characters; the inputs below are far longer.
    start = time.perf_counter()
    assert re.search(EVIL, "a" * 22 + "!") is None
    assert time.perf_counter() - start > 0.05


@pytest.mark.parametrize(
    ("schema", "values", "path"),
    [
        ({"type": "object", "properties": {"name": {"type": "string", "pattern": EVIL}}}, {"name": EVIL_INPUT},
         "$.spec.values.name"),
        ({"type": "object", "patternProperties": {EVIL: {"type": "integer"}}}, {"a" * 40: "not an int", EVIL_INPUT: 1},
         "$.spec.values." + "a" * 40),
        ({"type": "object", "patternProperties": {EVIL: {}}, "additionalProperties": False}, {EVIL_INPUT: 1},
         "$.spec.values"),
        ({"type": "array", "items": {"type": "string", "pattern": EVIL}}, [EVIL_INPUT * 100] * 50, "$.spec.values[0]"),
    ],
    ids=["pattern", "patternProperties", "additionalProperties", "long-values"],
)  # fmt: skip
def test_hostile_patterns_are_decided_in_linear_time(schema: dict[str, Any], values: Any, path: str) -> None:
    paths, elapsed = timed_violations(schema, values)
    assert elapsed < BUDGET_S, f"took {elapsed:.3f}s"
    assert path in paths


def test_patterns_search_as_json_schema_says_not_full_match() -> None:
    schema = {"properties": {"host": {"type": "string", "pattern": "a\\.b"}}}
    assert timed_violations(schema, {"host": "xa.by"})[0] == []
    assert timed_violations(schema, {"host": "ab"})[0] == ["$.spec.values.host"]


def test_re2_syntax_that_python_lacks_is_accepted() -> None:
    schema = {"properties": {"name": {"type": "string", "pattern": "^\\pL+$"}}}
    assert schema_problem(schema) is None
    assert timed_violations(schema, {"name": "héllo"})[0] == []
    assert timed_violations(schema, {"name": "h3llo"})[0] == ["$.spec.values.name"]


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ({"properties": {"x": {"pattern": "^(?=a)a$"}}}, ["properties.x", "pattern", "RE2", "look-around"]),
        ({"properties": {"x": {"pattern": "(a)\\1"}}}, ["properties.x", "back-references"]),
        ({"patternProperties": {"(?!x)y": {}}}, ["patternProperties", "'(?!x)y'"]),
        ({"allOf": [{"items": {"pattern": "(?<=a)b"}}]}, ["allOf[0].items"]),
        ({"patternProperties": {"^a": {}}, "unevaluatedProperties": False},
         ["unevaluatedProperties", "use additionalProperties"]),
    ],
)  # fmt: skip
def test_patterns_re2_cannot_express_are_refused_with_the_reason(schema: dict[str, Any], words: list[str]) -> None:
    found = rules.check_catalog_source(catalog(schema), Facts())
    messages = [v.message for v in found if v.rule == "catalog.values-schema" and v.is_error]
    assert len(messages) == 1, found
    for word in words:
        assert word in messages[0]
    assert messages[0].startswith("spec.profiles[0].valuesSchema: not a usable JSON schema: ")


def test_a_property_called_pattern_is_not_a_pattern() -> None:
    schema = {"properties": {"pattern": {"type": "string"}, "patternProperties": {"type": "object"}}}
    assert schema_problem(schema) is None


def test_the_webhook_rule_denies_a_hostile_value_quickly() -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": EVIL}}}
    facts = Facts(catalogs=[catalog(schema)])
    start = time.perf_counter()
    found = rules.check_installation(installation({"name": "a" * 100_000 + "!"}), facts)
    assert time.perf_counter() - start < BUDGET_S
    assert [v.rule for v in found if v.is_error] == ["installation.values.schema"]
    assert len(found[0].message) < 300  # the value is quoted in part: a huge value makes no huge message
    assert rules.check_installation(installation({"name": "aaaa"}), facts) == []


def test_an_entry_whose_values_schema_cannot_be_used_warns_that_values_go_unchecked() -> None:
    # as a catalog admitted before patterns had to suit RE2 has it, or one the controller read from a repository
    facts = Facts(catalogs=[catalog({"type": "object", "properties": {"name": {"pattern": "(?!admin)"}}})])
    found = rules.check_installation(installation({"name": "admin"}), facts)
    assert [(v.rule, v.severity, v.path) for v in found] == [
        ("installation.values.unchecked", "warning", "$.spec.values")
    ]
    assert "cannot be used" in found[0].message and "RE2" in found[0].message
    assert found[0].message.endswith("so the values are not checked; ask the catalog's owner to fix its valuesSchema")
