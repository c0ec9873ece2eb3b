"""kubectl_profiles.fastjson writes exactly what the standard library would."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kubectl_profiles import fastjson

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
