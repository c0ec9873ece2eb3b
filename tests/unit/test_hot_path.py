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
