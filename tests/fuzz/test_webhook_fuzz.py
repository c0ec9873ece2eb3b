"""Hostile input: no body may crash the webhook, get a 5xx, or get anything but a well-formed reply.

Three sources of bodies, 100,000 and more in all:
- a seeded mutator over valid reviews (keys dropped, values replaced by other types, deep nesting, huge strings,
  truncated and corrupted bytes), fed through `answer()`, the handler's whole decision without the socket;
- hypothesis generating arbitrary JSON, through the same function;
- a sample of the mutated bodies over real HTTP, through aiohttp's test client, for what the socket layer adds.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubectl_profiles.model.facts import Policy
from tests.webhook_support import admission, catalog, filled_cache, installation
from webhook.config import Config
from webhook.server import answer, make_app

CACHE = filled_cache(catalog(entries=5, valuesSchema={"type": "object", "properties": {"r": {"type": "integer"}}}))
SEEDS = [
    admission(installation("1.2.0")),
    admission(installation("1.2.0"), operation="UPDATE", old=installation("1.3.0")),
    admission(None, operation="DELETE", old=installation()),
    admission(catalog(entries=3), resource="profilecatalogsources"),
    admission(catalog(entries=2), resource="profilecatalogsources", operation="UPDATE", old=catalog()),
]
NASTY: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5e308,
    "",
    "x" * 10_000,
    [],
    {},
    [[[]]],
    {"a": {"b": {}}},
    "../../etc/passwd",
    "\u0000\ud7ff",
    "${jndi:ldap://x}",
    float("nan"),
]


def check(status: int, body: dict[str, Any], expected_uid: str | None = None) -> None:
    assert status in (200, 400), status
    json.dumps(body)  # serialisable
    if status == 400:
        assert isinstance(body.get("error"), str)
        return
    assert body["apiVersion"] == "admission.k8s.io/v1" and body["kind"] == "AdmissionReview"
    resp = body["response"]
    assert isinstance(resp["uid"], str) and isinstance(resp["allowed"], bool)
    if not resp["allowed"]:
        assert isinstance(resp["status"]["message"], str) and resp["status"]["message"]
    for w in resp.get("warnings", []):
        assert isinstance(w, str) and len(w) <= 250


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


def mutate(rng: random.Random, doc: Any) -> bytes:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 4)):
        targets = paths(doc)[1:]
        if not targets:
            break
        path = rng.choice(targets)
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = rng.random()
        if action < 0.3 and isinstance(parent, dict):
            del parent[key]
        elif action < 0.8:
            parent[key] = copy.deepcopy(rng.choice(NASTY) if rng.random() < 0.7 else rng.choice(SEEDS)["request"])
        else:
            nested: Any = "leaf"
            for _ in range(rng.randint(10, 200)):
                nested = [nested] if rng.random() < 0.5 else {"k": nested}
            parent[key] = nested
    raw = json.dumps(doc, allow_nan=True).encode()
    roll = rng.random()
    if roll < 0.05:
        raw = raw[: rng.randint(0, len(raw))]
    elif roll < 0.08:
        pos = rng.randrange(len(raw))
        raw = raw[:pos] + bytes([rng.randrange(256)]) + raw[pos + 1 :]
    elif roll < 0.09:
        raw = b"[" * 100_000 + b"]" * 100_000  # deep nesting in the JSON itself
    return raw


def test_hundred_thousand_mutated_reviews() -> None:
    rng = random.Random(20261124)
    counts = {200: 0, 400: 0}
    for i in range(100_000):
        seed = SEEDS[i % len(SEEDS)]
        raw = mutate(rng, seed)
        expected = seed["request"]["resource"]["resource"]
        status, body, _ = answer(raw, expected, CACHE, Policy())
        check(status, body)
        counts[status] += 1
    # Both kinds of reply happen: the mutator reaches the rules, not only the parser.
    assert counts[200] > 10_000 and counts[400] > 10_000, counts


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    request=st.dictionaries(
        st.sampled_from(["uid", "operation", "resource", "object", "oldObject", "userInfo", "namespace", "dryRun"]),
        json_values,
    )
)
def test_arbitrary_requests(request: dict[str, Any]) -> None:
    body = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request}
    status, reply, _ = answer(json.dumps(body).encode(), "profileinstallations", CACHE, Policy())
    check(status, reply)


async def test_mutated_reviews_over_http(aiohttp_client: Any) -> None:
    client = await aiohttp_client(make_app(Config(max_body_bytes=256 * 1024), CACHE))
    rng = random.Random(7)
    for i in range(1500):
        seed = SEEDS[i % len(SEEDS)]
        resp = await client.post(f"/validate/{seed['request']['resource']['resource']}", data=mutate(rng, seed))
        assert resp.status in (200, 400, 413), resp.status
        if resp.status != 413:
            check(resp.status, await resp.json())


# Patterns that make a backtracking engine take exponential time, or that RE2 refuses, and values built to hit them.
HOSTILE_PATTERNS = ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(x+x+)+y", "^(\\w+\\s?)*$", "(?=a)", "(a)\\1", "(?<!b)a",
                    "[", "a{2,1}", "\\p{Nope}", "(" * 300 + ")" * 300, "a{1001}", "((a{100}){100}){100}"]  # fmt: skip
HOSTILE_VALUES = ["a" * 5000 + "!", "x" * 5000, "word " * 2000 + "!", "", "\u0000" * 100, "aa" * 3000 + "b"]


def test_hostile_value_schemas_and_values_are_decided_fast() -> None:
    import time

    rng = random.Random(99)
    slowest = 0.0
    for i in range(400):
        pattern = rng.choice(HOSTILE_PATTERNS)
        schema = rng.choice(
            [
                {"type": "object", "properties": {"v": {"type": "string", "pattern": pattern}}},
                {"type": "object", "patternProperties": {pattern: {"type": "integer"}}},
                {"type": "object", "patternProperties": {pattern: {}}, "additionalProperties": False},
                {"type": "object", "additionalProperties": {"type": "string", "pattern": pattern}},
            ]
        )
        value = rng.choice(HOSTILE_VALUES)
        cache = filled_cache(catalog(valuesSchema=schema))
        inst = installation("1.0.0")
        inst["spec"]["values"] = {"v": value, value[:300]: value}
        for review in (admission(catalog(valuesSchema=schema), resource="profilecatalogsources"), admission(inst)):
            start = time.perf_counter()
            status, body, _ = answer(json.dumps(review).encode(), review["request"]["resource"]["resource"], cache,
                                     Policy())  # fmt: skip
            slowest = max(slowest, time.perf_counter() - start)
            check(status, body)
            assert status == 200, (i, pattern)
    # One review of a few kilobytes against any of these must never hold the event loop for long.
    assert slowest < 0.25, slowest
