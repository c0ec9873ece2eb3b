"""The fast YAML path must give exactly PyYAML's documents, or step aside."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kubectl_profiles import yamldocs
from kubectl_profiles.yamldocs import load_all, needs_pyyaml


def pyyaml(text: str) -> list[Any]:
    return list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def agrees(text: str) -> bool:
    """Both loaders give the same documents, or both refuse the text."""
    try:
        expected = pyyaml(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            load_all(text)
        return True
    return same(load_all(text), expected)


def same(a: Any, b: Any) -> bool:
    """Equality that also holds between two NaNs and tells 1 from True from 1.0."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# Plain scalars chosen where YAML 1.1 and 1.2 disagree, and ordinary ones around them.
TRICKY = [
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "null",
    "~",
    "Null",
    "0777",
    "012",
    "089",
    "0o17",
    "0O17",
    "0x1F",
    "0X1F",
    "-0x1F",
    "0b101",
    "0x_1F",
    "1_000",
    "1_0.5",
    "1e3",
    "1E3",
    "1.5e3",
    "1.5e+3",
    "1.5E-3",
    "+.5",
    "-.5",
    ".5",
    "1.",
    "1.0",
    "-1.5",
    "+5",
    "-0",
    "+0",
    "0",
    "42",
    "1:20",
    "1:20.5",
    "190:20:30",
    ".inf",
    "-.inf",
    "+.Inf",
    ".NaN",
    ".nan",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "123456789012345678901234567890",
    "9223372036854775807",
    "9223372036854775808",
    "<<",
    "=",
    "1.2.3",
    "v0.2.1",
    "0.2.1-build.1",
    "nginx:1.19",
    "a b",
    "on call",
    "x-on",
    "3e5a1f",
    "sha256:0123ab",
]


def test_divergent_scalars_agree_in_every_position() -> None:
    for token in TRICKY:
        for text in (f"a: {token}\n", f"- {token}\n", f"{token}: a\n", f"a: [{token}, x]\n", f"a: {{k: {token}}}\n"):
            assert agrees(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate keys: ryaml refuses, PyYAML keeps the last
        "a: &x 1\nb: *x\n",
        "b: &x {c: 1}\na: {<<: *x, d: 2}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
        "%YAML 1.1\n---\na: yes\n",
        "",
        "# only a comment\n",
        "---\n",
        "a: 1\n---\n",
        "a: 1\n...\n---\nb: 2\n",
        "\ufeffa: 1\n",
        "a: b\r\nc: d\r\n",
        "a: |\n  multi\n  line\n",
        "a: >-\n  folded\n  text\n",
        "a: 'yes'\nb: \"on\"\n",
        "a: plain\n  on\n",
        # line breaks YAML 1.1 knows and 1.2 does not, escapes, a lone surrogate
        "a: x\u2028y\n",
        "a: x\x85y\n",
        "a: 'x\u2028y'\n",
        'a: "\\x41\\N\\_"\n',
        "a: x\ry\n",
        "a: b\rc: d\r",
        "a:\tb\n",
        "a: x#c\n",
        'a: "\\ud83d"\n',
    ],
)
def test_edge_cases_agree(text: str) -> None:
    assert agrees(text)


def test_ordinary_manifests_take_the_fast_path() -> None:
    text = yaml.safe_dump_all(
        [
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileInstallation",
                "metadata": {"name": "a"},
                "spec": {"catalog": {"catalog": "c", "profile": "p", "version": "1.0.0"}, "values": {"replicas": 2}},
            },
            {
                "kind": "ProfileCatalogSource",
                "spec": {
                    "profiles": [
                        {"name": "n", "version": "0.2.1-build.1", "tag": "n/v0.2.1", "description": "Runs on nodes"}
                    ]
                },
            },
        ]
    )
    assert not needs_pyyaml(text)


def test_errors_still_carry_pyyaml_lines() -> None:
    with pytest.raises(yaml.YAMLError) as info:
        load_all("a: 1\nb: [\n")
    assert getattr(info.value, "problem_mark", None) is not None


def test_without_ryaml_everything_takes_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldocs, "_ryaml", None)
    assert load_all("a: yes\n---\nb: 1\n") == [{"a": True}, {"b": 1}]


_tokens = st.sampled_from(TRICKY) | st.from_regex(r"[a-z0-9.:_+-]{1,8}", fullmatch=True)
_quoted = _tokens.map(lambda t: f"'{t}'") | _tokens.map(lambda t: f'"{t}"')
_scalar = _tokens | _quoted
_comment = st.sampled_from(["", "  # on", " # yes", "  # 1e3"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        shape = draw(st.integers(0, 4))
        key, value = draw(_tokens.filter(lambda t: ":" not in t and not t.startswith(("-", "?")))), draw(_scalar)
        if shape == 0:
            lines.append(f"{key}: {value}{draw(_comment)}")
        elif shape == 1:
            lines.append(f"{key}:")
            lines.extend(f"  - {draw(_scalar)}{draw(_comment)}" for _ in range(draw(st.integers(1, 3))))
        elif shape == 2:
            lines.append(f"{key}: [{', '.join(draw(st.lists(_scalar, min_size=1, max_size=3)))}]")
        elif shape == 3:
            lines.append(f"{key}: {{k: {value}, j: {draw(_scalar)}}}")
        else:
            lines.append(f"{key}:\n  nested: {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=3))
def test_generated_documents_agree_with_pyyaml(docs: list[str]) -> None:
    text = "---\n".join(docs)
    assert agrees(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",
        "on: x\n",
        "- Off\n",
        "a: [x, no]\n",
        "a: 0777\n",
        "a: 1e3\n",
        "a: 1_000\n",
        "a: 2001-12-14\n",
        "a: 1:20\n",
        "a: +.5\n",
        "a: !!str x\n",
        "a: &x 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 12345678901234567890\n",
        "b: {<<: x}\n",
    ],
)
def test_scan_sends_divergent_text_to_pyyaml(text: str) -> None:
    assert needs_pyyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1.2.3\n",
        "a: v0.2.1\n",
        "a: 0.2.1-build.1\n",
        "a: 42\n",
        "a: 1.5\n",
        "a: nginx:1.19\n",
        "a: on call\n",
        "a: 'yes'\n",
        'a: "0777"\n',
        "a: yesterday\n",
        "a: https://example.com/x?y=1\n",
        "a: -1\n",
        "a: 0\n",
    ],
)
def test_scan_lets_ordinary_text_through(text: str) -> None:
    assert not needs_pyyaml(text)


# --- lines of fields: the quick reading of block text must be the composed one, or step aside -------------------
KEYS = st.sampled_from(["name", "spec", "kind", "version", "a.b", "x-y", "profiles.weave.works/source", "k 1", "Z"])
LEAVES = st.one_of(
    st.sampled_from(["1.0.0", "", "a: b", "- x", "# not a comment", "{x}", "multi\nline\ntext", "x" * 90]),
    st.integers(),
    st.booleans(),
    st.none(),
)
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=14,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[list[Any]]:
    out = [list(prefix)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, *k.split(".")))  # dotted keys come as separate tokens, as in JSON paths
        out.append([*prefix, "missing"])
    elif isinstance(node, list):
        for n, v in enumerate(node):
            out += _paths(v, (*prefix, n))
        out.append([*prefix, len(node)])
    return out


class _IndentedDumper(yaml.SafeDumper):
    """Sequences indented under their key, as people (and ruamel) often write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _styles(doc: Any) -> list[str]:
    return [
        yaml.safe_dump(doc, sort_keys=False),
        yaml.safe_dump(doc, sort_keys=False, indent=4, width=40),
        yaml.dump(doc, Dumper=_IndentedDumper, sort_keys=False),
        yaml.safe_dump(doc, sort_keys=False, default_flow_style=None),
        "# leading comment\n---\n" + yaml.safe_dump(doc, sort_keys=False).replace(":\n", ":  # note\n", 2),
        json.dumps(doc, indent=2),
        "a: 1\n---\n" + yaml.safe_dump(doc, sort_keys=False, explicit_start=False),
    ]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, TREES, min_size=1, max_size=5))
def test_quick_lines_are_the_composed_lines(doc: dict[str, Any]) -> None:
    for text in _styles(doc):
        stream = 1 if text.startswith("a: 1\n---") else 0
        nodes = yaml.compose_all(text, Loader=yaml.SafeLoader)
        node = list(nodes)[stream]
        locator = yamldocs.Locator(text)
        for path in _paths(doc):
            expected = yamldocs.line_of(node, path)
            assert locator.line(stream, path) == expected, (text, path)


def test_quick_lines_need_no_composing_for_block_manifests() -> None:
    text = (
        "# a catalog\n---\napiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata:\n"
        "  name: c\n  annotations:\n    profiles.weave.works/source: x\nspec:\n  profiles:\n  - name: a\n"
        "    version: 1.0\n  -   name: b\n      tag: main\n  - {name: c, version: x}\n---\nkind: Other\n"
    )
    locator = yamldocs.Locator(text)
    cases = {
        "$.spec.profiles[0].version": 12,
        "$.spec.profiles[1].tag": 14,
        "$.spec.profiles[2].version": 15,
        "$.metadata.annotations.profiles.weave.works/source": 8,
        "$.spec.profiles[1].missing": 13,
        "$": 3,
    }
    for path, line in cases.items():
        if not path.endswith("missing"):
            assert locator.line(0, yamldocs.path_tokens(path)) == line, path
    assert locator.line(1, []) == 17
    assert not locator._composed  # read off the text
    # a field that is not there: the quick reading steps aside, and composing gives its parent's line
    assert locator.line(0, yamldocs.path_tokens("$.spec.profiles[1].missing")) == 13
    assert locator._composed
