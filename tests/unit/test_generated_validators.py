"""The generated schema checks (kubectl_profiles/generated/) are what the CRDs say today."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubectl_profiles import schema
from kubectl_profiles.generated import SchemaMismatch

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(schema.CRD_FILES))
def test_regenerating_from_the_crds_gives_the_shipped_code(kind: str) -> None:
    """Edit a CRD and forget `make sync-crds`, and this fails: the shipped code cannot go stale."""
    module = importlib.import_module(schema.generated_module(kind))
    assert module.__file__ is not None
    shipped = Path(module.__file__).read_text(encoding="utf-8")
    assert shipped == schema.generated_source(kind), f"run `make sync-crds` to regenerate {module.__file__}"


@pytest.mark.parametrize("kind", sorted(schema.CRD_FILES))
def test_the_package_copy_the_code_comes_from_is_crds(kind: str) -> None:
    assert schema.crd_text(kind) == (ROOT / "crds" / schema.CRD_FILES[kind]).read_text(encoding="utf-8")


def test_the_fast_check_is_the_generated_one_and_still_catches_errors() -> None:
    fast = schema._fast("ProfileInstallation")
    assert fast.__module__ == "kubectl_profiles.generated.profileinstallations"
    good = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "a"},
        "spec": {"catalog": {"catalog": "c", "profile": "p", "version": "1.0.0"}},
    }
    assert schema.schema_violations("ProfileInstallation", good) == []
    bad = {**good, "spec": {"catalog": {"catalog": "c", "profile": "p", "version": "one"}}}
    [violation] = schema.schema_violations("ProfileInstallation", bad)
    assert violation.path == "$.spec.catalog.version" and violation.rule == "schema"


def _validate_in_a_new_process(tmp_path: Path, text: str, after: str) -> str:
    doc = tmp_path / "one.yaml"
    doc.write_text(text)
    code = (
        "import sys, kubectl_profiles.schema as s\n"
        "def refuse(*a, **k): raise SystemExit('read a CRD at run time')\n"
        "s.crd_text = refuse\n"
        "from kubectl_profiles.cli.main import main\n"
        f"sys.argv = ['kubectl-profiles', 'validate', {str(doc)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
        f"{after}\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stderr + result.stdout


CATALOG = (
    "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata: {name: c, namespace: n}\n"
    "spec:\n  profiles:\n  - {name: p, version: 1.0.0, url: 'https://github.com/example/profiles'}\n"
)
INSTALLATION = (
    "apiVersion: weave.works/v1alpha1\nkind: ProfileInstallation\nmetadata: {name: i, namespace: n}\n"
    "spec:\n  catalog: {catalog: c, namespace: n, profile: p, version: 1.0.0}\n"
)


def test_valid_documents_are_checked_without_reading_a_crd_or_loading_what_they_do_not_need(tmp_path: Path) -> None:
    out = _validate_in_a_new_process(
        tmp_path,
        CATALOG + "---\n" + INSTALLATION,
        "assert 'fastjsonschema' not in sys.modules, 'fastjsonschema'\nassert 'orjson' not in sys.modules, 'orjson'\n"
        "assert 'yaml' not in sys.modules, 'PyYAML'",
    )
    assert "2 documents (0 skipped): 0 errors" in out


def test_a_file_without_catalogs_does_not_load_semantic_version(tmp_path: Path) -> None:
    """semantic_version reads its package metadata on import: a tenth of a short run, when no version is parsed."""
    out = _validate_in_a_new_process(
        tmp_path,
        INSTALLATION,
        "assert 'semantic_version' not in sys.modules, 'semantic_version'",
    )
    assert "1 documents (0 skipped): 1 errors" in out  # the catalog it names is not in the file


# --- the fast checks' verdicts are jsonschema's -------------------------------------------------------------------
# The slow path (`schema._full`) is a Draft7Validator without a format checker; a fast check that accepted what it
# refuses would let an invalid document through, and one that refused what it accepts would only cost time. The
# tests below hold the generated code to exactly jsonschema's verdict, on the CRDs and on schemas that use the
# generator's other forms (additionalProperties: false, no declared type, type lists, numbers).

Check = Callable[[Any], bool]


def _accepts(validate: Callable[[Any], Any]) -> Check:
    def accepts(doc: Any) -> bool:
        try:
            validate(doc)  # any exception but SchemaMismatch fails the test: the check must not crash either
        except SchemaMismatch:
            return False
        return True

    return accepts


def _compiled(source: str) -> Check:
    return _accepts(_exec(source))


def _shipped(kind: str) -> Check:
    return _accepts(importlib.import_module(schema.generated_module(kind)).validate)


def _jsonschema(node: Mapping[str, Any]) -> Check:
    return jsonschema.Draft7Validator(node).is_valid


SYNTHETIC: list[dict[str, Any]] = [
    {  # unknown keys refused, nested arrays of objects, an enum, integers and numbers
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 8, "pattern": "^[a-z]+$"},
            "count": {"type": "integer"},
            "ratio": {"type": "number"},
            "on": {"type": "boolean"},
            "mode": {"type": "string", "enum": ["In", "NotIn"]},
            "rows": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {
                    "type": "array",
                    "maxItems": 2,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "anyOf": [{"required": ["a"]}, {"required": ["b", "c"]}],
                        "properties": {"a": {"type": "string"}, "b": {"type": "null"}, "c": {"type": "integer"}},
                    },
                },
            },
            "labels": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 3}},
            "extra": {
                "type": "object",
                "properties": {"k": {"type": "string"}},
                "additionalProperties": {"type": "integer"},
            },
            "closed": {"type": "object", "additionalProperties": False},
        },
    },
    {  # no declared type, or a list of types: each keyword applies to its own type only
        "properties": {
            "loose": {"maxLength": 2, "maxItems": 1, "required": ["x"], "pattern": "b$"},
            "either": {"type": ["string", "null", "array"], "minLength": 2, "items": {"type": "integer"}},
            "nested": {"properties": {"deep": {"type": "string"}}, "items": {"enum": ["x"]}},
            "any": {"anyOf": [{"required": ["p"]}, {"required": []}]},
        },
        "required": ["loose"],
    },
]

_WILD = [None, True, False, 0, 1, 2**70, -1, 1.0, 1.5, float("inf"), "", "s", "A", "a\n", [], ["s"], [1], {}, {"k": "v"}]  # fmt: skip


def _sample(node: Mapping[str, Any]) -> Any:
    """A value `node` accepts, with every property present (the base the mutations below start from)."""
    kind = node.get("type", "object" if "properties" in node else "string")
    kind = kind[0] if isinstance(kind, list) else kind
    if "enum" in node:
        return node["enum"][0]
    if kind == "object":
        out = {name: _sample(sub) for name, sub in node.get("properties", {}).items()}
        for alternative in node.get("anyOf", []):
            out.update({key: _sample(node["properties"][key]) for key in alternative.get("required", [])})
        return out
    if kind == "array":
        return [_sample(node["items"])] if "items" in node else []
    if kind == "string":
        pattern, low, high = node.get("pattern"), node.get("minLength", 0), node.get("maxLength", 64)
        for candidate in ("a", "ab", "1.0.0", "1m", "nginx", "x" * low):
            if low <= len(candidate) <= high and (pattern is None or re.search(pattern, candidate)):
                return candidate
        raise AssertionError(f"no sample string for {node}: add one to _sample")
    return {"integer": 1, "number": 0.5, "boolean": True, "null": None}[kind]


def _string_edges(node: Mapping[str, Any], sample: str) -> list[str]:
    """Lengths around each bound (padded so that the pattern still matches where it can), the pattern missed."""
    out = ["", sample + "\n", "\n" + sample, sample.upper() + "_", "é" * len(sample)]
    for bound in (node.get("maxLength"), node.get("minLength")):
        if bound is not None:
            for n in (bound - 1, bound, bound + 1):
                if n >= 0:
                    out += ["a" * n, (sample * (n + 1))[:n], (sample + "-" + "a" * n)[: max(n, len(sample) + 1)]]
    return out


def _mutations(node: Mapping[str, Any], value: Any) -> Iterator[Any]:
    """Values in place of `value` that probe every check of `node`: other types, bounds, missing and unknown keys."""
    yield from _WILD
    if isinstance(value, str):
        yield from _string_edges(node, value)
    if "enum" in node:
        yield from node["enum"]
        yield from (v.lower() for v in node["enum"])
        yield from (v + " " for v in node["enum"])
    if isinstance(value, list):
        for n in (node.get("maxItems"), node.get("minItems")):
            if n is not None and value:
                yield from ([value[0]] * k for k in (n - 1, n, n + 1) if k >= 0)
        yield [*value, *value]
    if isinstance(value, dict):
        for key in value:
            yield {k: v for k, v in value.items() if k != key}  # each key missing
        yield {}
        minimal = {k: v for k, v in value.items() if k in node.get("required", [])}
        yield minimal  # and with what each anyOf alternative requires: some alternatives hold, or none
        yield from ({**minimal, **{k: value[k] for k in alt.get("required", [])}} for alt in node.get("anyOf", []))
        yield {**value, "unknownField": "x"}
        yield {**value, 1: "x"}
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            yield {**value, "more": _sample(extra)}
            yield from ({**value, "more": w} for w in _WILD)


def _walk(node: Mapping[str, Any], value: Any, put: Callable[[Any], Any]) -> Iterator[tuple[str, Any]]:
    """(where, document) for every mutation at every node of the schema, each alone in an otherwise valid document."""
    for mutated in _mutations(node, value):
        yield node.get("description", "") or str(sorted(node)), put(mutated)
    if isinstance(value, dict):
        for name, sub in node.get("properties", {}).items():
            if name in value:
                yield from _walk(sub, value[name], lambda v, name=name: put({**value, name: v}))
    if isinstance(value, list) and value and isinstance(node.get("items"), dict):
        yield from _walk(node["items"], value[0], lambda v: put([v, *value[1:]]))


def _disagreements(validate: Callable[[Any], Any], node: Mapping[str, Any]) -> tuple[list[Any], set[str]]:
    """The documents on which `validate` and jsonschema differ, and the messages of the refusals it raised."""
    slow = _jsonschema(node)
    base = _sample(node)
    assert _accepts(validate)(base) and slow(base), "the sample document must conform"
    differ, raised = [], set()
    for _, doc in _walk(node, base, lambda v: v):
        try:
            validate(doc)
            fast = True
        except SchemaMismatch as exc:
            fast = False
            raised.add(exc.message)
        if fast != slow(doc):
            differ.append(doc)
    return differ, raised


def _raises_in(source: str) -> set[str]:
    """Every refusal the generated code can raise, by its message (one per node that checks anything)."""
    return set(re.findall(r"raise SchemaMismatch\('([^']*)'\)", source))


@pytest.mark.parametrize("kind", sorted(schema.CRD_FILES))
def test_the_shipped_checks_agree_with_jsonschema_on_a_mutation_at_every_node(kind: str) -> None:
    module = importlib.import_module(schema.generated_module(kind))
    differ, raised = _disagreements(module.validate, schema.json_schema(kind))
    assert differ == []
    # every check in the module refused some document here, so each was compared at least once both ways
    assert raised == _raises_in(schema.generated_source(kind))


def _exec(source: str) -> Callable[[Any], Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, "<generated>", "exec"), namespace)  # the generator's output, as the package ships it
    validate: Callable[[Any], Any] = namespace["validate"]
    return validate


@pytest.mark.parametrize("index", range(len(SYNTHETIC)))
def test_the_generators_other_forms_agree_with_jsonschema(index: int) -> None:
    node = SYNTHETIC[index]
    source = schema.checker_source(node)
    differ, raised = _disagreements(_exec(source), node)
    assert differ == []
    assert raised == _raises_in(source)


@pytest.mark.parametrize(
    ("breakage", "broken", "kind"),
    [
        ("> 63", "> 64", "ProfileCatalogSource"),  # a name's length limit off by one
        ("('tag' in v3)", "True", "ProfileCatalogSource"),  # anyOf: an entry with neither version nor tag
        ("'url' not in v4 or ", "", "ProfileCatalogSource"),  # a required key not checked (then read: a crash)
        ("_PATTERN_0.search", "bool", "ProfileInstallation"),  # a pattern not applied
        ("isinstance(v3, str)", "isinstance(v3, (str, list))", "ProfileDefinition"),  # a wrong type let through
        ("'Secret'", "'ConfigMap'", "ProfileInstallation"),  # an enum value dropped
        ("list) or len(v2) > 256", "list) or len(v2) > 257", "ProfileDefinition"),  # maxItems off by one
    ],
)
def test_the_comparison_catches_a_broken_check(breakage: str, broken: str, kind: str) -> None:
    """The differential test can fail: the shipped code with one check broken disagrees with jsonschema."""
    source = schema.generated_source(kind)
    assert breakage in source
    try:
        differ, _ = _disagreements(_exec(source.replace(breakage, broken)), schema.json_schema(kind))
    except KeyError:
        return  # the broken check read a key it no longer made sure of: the comparison fails too
    assert differ


def test_unknown_keys_are_refused_only_where_additional_properties_is_false() -> None:
    node = SYNTHETIC[0]
    fast = _compiled(schema.checker_source(node))
    good = _sample(node)
    assert fast(good)
    assert not fast({**good, "other": 1})
    assert not fast({**good, "rows": [[{"a": "x", "z": 1}]]})
    assert not fast({**good, "closed": {"k": 1}})
    assert fast({**good, "extra": {"k": "s", "n": 1}, "labels": {"a": "abc"}})
    assert not fast({**good, "extra": {"k": "s", "n": "1"}})
    assert not fast({**good, "extra": {"k": 1}})
    assert fast({**good, "rows": [[{"b": None, "c": 2}], []]})
    assert not fast({**good, "rows": [[{"b": None}]]})  # neither alternative of anyOf
    crd_fast = _shipped("ProfileInstallation")
    assert crd_fast({**_sample(schema.json_schema("ProfileInstallation")), "unknownTopLevel": {"x": 1}})


@pytest.mark.parametrize(
    "keyword",
    [
        {"oneOf": [{"type": "string"}]},
        {"not": {"type": "string"}},
        {"$ref": "#/definitions/x"},
        {"patternProperties": {"^a": {}}},
        {"minimum": 0},
        {"enum": [1, "a"]},
        {"items": [{"type": "string"}]},
        {"anyOf": [{"type": "string"}]},
        {"type": "object", "properties": {"a": True}},
        {"type": "decimal"},
    ],
)
def test_the_generator_refuses_what_it_does_not_handle(keyword: dict[str, Any]) -> None:
    """A CRD that starts using another keyword fails `make sync-crds` rather than going unchecked."""
    with pytest.raises(ValueError, match=r"the schema generator"):
        schema.checker_source({"type": "object", "properties": {"field": keyword}})


# Random documents: several faults at once, at any depth, drawn from the schema.
_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)


@st.composite
def _documents(draw: st.DrawFn, node: Mapping[str, Any]) -> Any:
    if draw(st.integers(0, 30)) == 0:
        return draw(_ANY_JSON)
    declared = node.get("type", "object" if "properties" in node else "string")
    kind = draw(st.sampled_from(declared)) if isinstance(declared, list) else declared
    if "enum" in node:
        return draw(st.sampled_from([*node["enum"], "other"]))
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", []))
        out = {}
        for name, sub in properties.items():
            if draw(st.integers(0, 20)) < (19 if name in required else 8):
                out[name] = draw(_documents(sub))
        extra = node.get("additionalProperties")
        if draw(st.integers(0, 10)) == 0:
            out["unknownField"] = draw(_documents(extra) if isinstance(extra, dict) else _ANY_JSON)
        return out
    if kind == "array":
        items = node.get("items", {})
        high = node.get("maxItems", 3)
        size = draw(st.integers(0, min(high + 1, 4)) | st.sampled_from([high, high + 1]))
        return [draw(_documents(items)) for _ in range(size)] if size <= 4 else [draw(_documents(items))] * size
    if kind == "string":
        pattern, high = node.get("pattern"), node.get("maxLength", 8)
        options = st.text(max_size=6) | st.integers(max(0, high - 1), high + 1).map(lambda n: "a" * n)
        if pattern is not None:
            options |= st.from_regex(pattern)
        return draw(options)
    if kind in ("integer", "number"):
        return draw(st.integers() | st.floats(allow_nan=False) | st.booleans())
    return draw(_ANY_JSON)


_NODES = [schema.json_schema(kind) for kind in sorted(schema.CRD_FILES)] + SYNTHETIC


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), index=st.integers(0, len(_NODES) - 1))
def test_random_documents_get_jsonschemas_verdict(data: st.DataObject, index: int) -> None:
    node = _NODES[index]
    kinds = sorted(schema.CRD_FILES)
    fast = _shipped(kinds[index]) if index < len(kinds) else _compiled(schema.checker_source(node))
    doc = data.draw(_documents(node))
    assert fast(doc) == _jsonschema(node)(doc), doc
