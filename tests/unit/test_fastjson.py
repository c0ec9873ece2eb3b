"""kubectl_profiles.fastjson reads and writes exactly what the standard library would."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubectl_profiles import fastjson

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_reading_agrees_with_the_standard_library(value: Any) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False), json.dumps(value, indent=3)):
        assert fastjson.loads(text) == json.loads(text)
        assert repr(fastjson.loads(text)) == repr(json.loads(text))  # 1 stays 1, 1.0 stays 1.0


@pytest.mark.parametrize(
    "text",
    [
        '{"a": NaN}',
        "[Infinity, -Infinity]",
        '{"big": 123456789012345678901234567890}',
        '{"big": -18446744073709551617, "ok": 9223372036854775807}',
        '"\\ud800"',
        '{"a": 1, "a": 2}',
        "[1e400]",
        "[" * 2000 + "]" * 2000,
    ],
)
def test_what_orjson_refuses_is_read_by_the_standard_library(text: str) -> None:
    try:
        expected: Any = json.loads(text)
    except RecursionError:
        with pytest.raises(RecursionError):
            fastjson.loads(text)
        return
    assert repr(fastjson.loads(text)) == repr(expected)


@pytest.mark.parametrize("text", ["{", '{"a": }', "[1,]", ""])
def test_broken_json_raises_as_the_standard_library_does(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        fastjson.loads(text)


_REPORT = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _REPORT, max_size=5))
def test_the_report_layout_is_json_dumps_indent_2(doc: dict[str, Any]) -> None:
    assert fastjson.dumps_indented(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


def test_integers_beyond_64_bits_are_still_written() -> None:
    assert fastjson.dumps_indented({"n": 2**70}) == json.dumps({"n": 2**70}, indent=2)
