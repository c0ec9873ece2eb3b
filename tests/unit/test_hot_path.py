"""The review path's shortcuts (issue 15): each must save work without changing a verdict."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp import web

from kubectl_profiles.model import semver
from kubectl_profiles.model.semver import Range, Version
from kubectl_profiles.rules import values as values_mod
from tests.webhook_support import admission, catalog, filled_cache, installation
from webhook.config import Config
from webhook.server import make_app


def test_the_values_validator_is_found_again_without_reserialising_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}}
    calls = []
    real_dumps = json.dumps

    def counting_dumps(*args: Any, **kwargs: Any) -> str:
        calls.append(args)
        return real_dumps(*args, **kwargs)

    monkeypatch.setattr(values_mod.json, "dumps", counting_dumps)
    assert values_mod.values_violations({"replicas": 2}, schema, "$.spec.values", "x") == []
    first = len(calls)
    for _ in range(5):
        assert values_mod.values_violations({"replicas": 2}, schema, "$.spec.values", "x") == []
    assert len(calls) == first  # the same schema object: no canonical key computed again
    [bad] = values_mod.values_violations({"replicas": 0}, schema, "$.spec.values", "x")
    assert bad.path == "$.spec.values.replicas" and bad.rule == "installation.values.schema"


def test_an_equal_schema_in_another_object_and_a_different_schema_get_their_own_verdicts() -> None:
    strict = {"type": "object", "properties": {"replicas": {"type": "integer"}}, "additionalProperties": False}
    loose = {"type": "object", "properties": {"replicas": {"type": "integer"}}}
    assert values_mod.values_violations({"extra": 1}, strict, "$", "x")
    assert values_mod.values_violations({"extra": 1}, loose, "$", "x") == []
    copy_of_strict = json.loads(json.dumps(strict))
    assert values_mod.values_violations({"extra": 1}, copy_of_strict, "$", "x")
    assert values_mod.values_violations({"replicas": 1}, copy_of_strict, "$", "x") == []


class _CountingSpec:
    def __init__(self, spec: Any) -> None:
        self.spec, self.calls = spec, 0

    def __contains__(self, version: Version) -> bool:
        self.calls += 1
        return version in self.spec


def test_a_range_decides_each_version_once_and_keeps_devel_and_builds_apart() -> None:
    r = Range("^1.2")
    counting = _CountingSpec(r._spec)
    r._spec = counting  # type: ignore[assignment]
    v = Version("1.4.0")
    assert all(r.admits(v) for _ in range(10))
    assert counting.calls == 1
    rc = Version("1.3.0-rc.1")
    assert r.admits(rc) is False and r.admits(rc, devel=True) is True and r.admits(rc) is False
    assert r.admits(Version("2.0.0")) is False and r.admits(Version("1.2.0+build.7")) is True
    assert r.admits(Version("1.1.9+build.7")) is False


def test_a_range_memo_stays_bounded_against_many_distinct_versions() -> None:
    r = semver.parse_range(">=1.0.0")
    for patch in range(5000):
        assert r.admits(Version(f"1.0.{patch}"))
    assert len(r._memo) <= semver.RANGE_MEMO


@pytest.fixture
def app() -> web.Application:
    return make_app(Config(), filled_cache(catalog(entries=3)))


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
async def test_json_that_is_not_rfc_8259_is_refused(aiohttp_client: Any, app: web.Application, number: float) -> None:
    """NaN and Infinity are not JSON; the API server never sends them, and the webhook does not guess."""
    client = await aiohttp_client(app)
    obj = installation("1.1.0")
    obj["spec"]["values"] = {"replicas": number}
    raw = json.dumps(admission(obj)).encode()  # Python writes NaN / Infinity where JSON has nothing
    response = await client.post("/validate/profileinstallations", data=raw)
    assert response.status == 400
    assert "not JSON" in (await response.json())["error"]


async def test_answers_are_json_with_the_content_type(aiohttp_client: Any, app: web.Application) -> None:
    client = await aiohttp_client(app)
    review = admission(installation("1.1.0"))
    response = await client.post("/validate/profileinstallations", json=review)
    assert response.status == 200 and response.content_type == "application/json"
    body = json.loads(await response.read())
    assert body == {
        "apiVersion": "admission.k8s.io/v1",
        "kind": "AdmissionReview",
        "response": {"uid": review["request"]["uid"], "allowed": True},
    }
    denied = await client.post("/validate/profileinstallations", json=admission(installation("9.0.0")))
    assert denied.content_type == "application/json"
    assert json.loads(await denied.read())["response"]["status"]["code"] == 422


# --- the values fast check: it may only ever answer "valid" where jsonschema would -----------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TYPES = st.sampled_from(["string", "number", "integer", "boolean", "object", "array", "null"])
_NUM = st.one_of(st.integers(-3, 3), st.floats(-3, 3, allow_nan=False))
_LEAF = st.fixed_dictionaries(
    {},
    optional={
        "type": st.one_of(_TYPES, st.lists(_TYPES, min_size=1, max_size=3, unique=True)),
        "minimum": _NUM,
        "exclusiveMaximum": _NUM,
        "maxLength": st.integers(0, 3),
        "minItems": st.integers(0, 2),
        "maxProperties": st.integers(0, 2),
        "enum": st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", ""])), min_size=1, max_size=3),
        "const": st.sampled_from(["a", None]),
        "description": st.just("d"),
        "default": st.just(1),
    },
)
_SCHEMAS = st.recursive(
    st.one_of(_LEAF, st.booleans()),
    lambda inner: st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("object")},
            optional={
                "properties": st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3),
                "required": st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True),
                "additionalProperties": inner,
            },
        ),
        st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
        st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"allOf": st.lists(inner, min_size=1, max_size=3)}),
    ),
    max_leaves=8,
)
_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-4, 4), st.floats(-4, 4, allow_nan=False), st.text("ab", max_size=4)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(schema=_SCHEMAS.filter(lambda s: isinstance(s, dict)), value=_VALUES)
def test_the_fast_check_never_accepts_what_jsonschema_refuses(schema: dict[str, Any], value: Any) -> None:
    # Everything generated here is in the fast subset; fastjsonschema still declines a few schemas it cannot
    # compile (`required` with an empty `additionalProperties`), and then jsonschema alone decides.
    fast = values_mod._fast_check(schema)
    before = json.dumps(value, sort_keys=True)
    accepted = False
    if fast is not None:
        try:
            fast(value)
            accepted = True
        except ValueError:
            pass
    assert json.dumps(value, sort_keys=True) == before  # defaults are never written into the values
    full = list(values_mod._validator(schema).iter_errors(value))
    if accepted:
        assert full == [], (schema, value, [e.message for e in full])
    as_installed = value if value is not None else {}  # no values at all are checked as {}
    expected = list(values_mod._validator(schema).iter_errors(as_installed))
    assert bool(values_mod.values_violations(value, schema, "$", "x")) == bool(expected)


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"type": "object", "properties": {"on": {"enum": [1, 2]}}}, {"on": True}),  # True == 1 in Python only
        ({"const": 0}, False),
        ({"uniqueItems": True}, [1, True]),
        ({"type": "string", "pattern": "^[0-9]+$"}, "٣"),  # an Arabic-Indic digit: \d in Python, not in RE2
        ({"type": "object", "not": {"type": "integer"}}, {}),
        ({"type": "string", "format": "email"}, "not an email"),  # an annotation in 2020-12
        ({"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": True, "minimum": 1}, 1),
        # strings that would be written into generated code take the slow path: a schema is untrusted
        ({"type": "object", "properties": {'a" + x + "': {"type": "string"}}}, {'a" + x + "': 1}),
        ({"type": "object", "required": ["\\\" + __import__('os').getpid() + \""]}, {}),
        ({"enum": ["{x}", None]}, "{x}"),
        ({"const": "line\nbreak"}, "line\nbreak"),
    ],
)
def test_schemas_outside_the_fast_subset_are_left_to_jsonschema(schema: dict[str, Any], value: Any) -> None:
    assert values_mod._fast_check(schema) is None
    expected = list(values_mod._validator(schema).iter_errors(value))
    assert bool(values_mod.values_violations(value, schema, "$", "x")) == bool(expected)


def test_the_fast_check_is_used_and_a_refusal_is_described_by_jsonschema() -> None:
    schema = {"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}, "required": ["replicas"]}
    _, fast = values_mod._checks(schema)
    assert fast is not None
    assert values_mod.values_violations({"replicas": 3}, schema, "$.spec.values", "x") == []
    [missing] = values_mod.values_violations({}, schema, "$.spec.values", "x")
    assert "'replicas' is a required property" in missing.message
    [low] = values_mod.values_violations({"replicas": 0}, schema, "$.spec.values", "x")
    assert low.path == "$.spec.values.replicas"
