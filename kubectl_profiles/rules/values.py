"""Install values checked against a catalog entry's `valuesSchema` (a JSON schema, any draft).

Validators are compiled once per distinct schema (keyed by its canonical JSON) and kept in a small bounded cache:
the webhook sees the same few schemas over and over. Schemas are untrusted input, so remote `$ref`s are never
fetched (the default jsonschema registry does not retrieve), and errors reported per value are capped.

Regular expressions (`pattern`, `patternProperties`) are untrusted too, and so are the values they meet. Python's
`re` backtracks: `^(a+)+$` against thirty `a` and a `!` takes seconds, and it would hold the webhook's event loop
for every tenant. So patterns run on RE2 (the `google-re2` binding), which is what Kubernetes itself uses for
OpenAPI patterns (Go's regexp is RE2) and runs in time linear in the input. The three keywords that evaluate
patterns are replaced with RE2 versions through jsonschema's public `validators.extend`; a schema whose patterns
RE2 cannot express (look-around, back-references) is refused when the catalog is admitted, with RE2's reason.
`unevaluatedProperties` evaluates `patternProperties` inside jsonschema's own helpers, out of reach of `extend`,
so a schema combining the two is refused with the fix (use `additionalProperties`).
"""

from __future__ import annotations

import functools
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import re2

from kubectl_profiles.model.violation import WARNING, Violation, join_path

_CACHE: OrderedDict[str, tuple[Any, Callable[[Any], Any] | None]] = OrderedDict()
_BY_ID: dict[int, tuple[Mapping[str, Any], Any, Callable[[Any], Any] | None]] = {}
"""id(schema) -> (schema, validator): the same schema object (a cached catalog entry's) is found again without
computing its canonical JSON, which cost more than validating small values. Holding the schema keeps its id from
being reused; schemas are read-only once parsed."""
_CACHE_SIZE = 256
MAX_ERRORS = 10
_PATTERN_CACHE = 1024
_SHOWN = 60
"""How much of a value a message quotes."""
_MAX_PATTERN_MEMORY = 8 << 20
"""RE2's memory budget for one compiled pattern; a pattern needing more is refused rather than allowed to grow."""

# Keywords whose value is a subschema, a list of subschemas, or a map of name -> subschema (every draft).
_ONE = ("additionalProperties", "additionalItems", "items", "contains", "not", "if", "then", "else",
        "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema")  # fmt: skip
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_MAP = ("properties", "patternProperties", "dependentSchemas", "definitions", "$defs", "dependencies")


class PatternError(ValueError):
    """A pattern RE2 cannot compile (the message is RE2's reason)."""


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # the reason is reported to the user; RE2 must not also write it to stderr
    options.max_mem = _MAX_PATTERN_MEMORY
    return options


_OPTIONS = _options()


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def compile_pattern(pattern: str) -> Any:
    """The RE2 program for a schema pattern; raises PatternError with RE2's reason."""
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None


def _search(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).search(text) is not None


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    import jsonschema

    if validator.is_type(instance, "string") and not _search(pattern, instance):
        shown = instance if len(instance) <= _SHOWN else instance[:_SHOWN] + "..."  # values can be huge
        yield jsonschema.ValidationError(f"{shown!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if _search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, extra: Any, instance: Any, schema: Any) -> Iterator[Any]:
    import jsonschema

    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = sorted((k for k in instance if k not in properties and not any(_search(p, k) for p in patterns)), key=str)
    if validator.is_type(extra, "object"):
        for key in extras:
            yield from validator.descend(instance[key], extra, path=key)
    elif extra is False and extras:
        names = ", ".join(repr(k) for k in extras)
        if patterns:
            yield jsonschema.ValidationError(
                f"{names} {'does' if len(extras) == 1 else 'do'} not match any of the regexes: "
                + ", ".join(repr(p) for p in sorted(patterns))
            )
        else:
            yield jsonschema.ValidationError(
                f"Additional properties are not allowed ({names} {'was' if len(extras) == 1 else 'were'} unexpected)"
            )


_RE2_KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}


@functools.cache
def _re2_class(base: type) -> Any:
    import jsonschema

    return jsonschema.validators.extend(base, _RE2_KEYWORDS)


def _walk(schema: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every subschema of `schema` with its JSON path, keyword-aware (a property named `pattern` is no pattern)."""
    if not isinstance(schema, Mapping):
        return
    yield path, schema
    for key in _ONE:
        if isinstance(schema.get(key), Mapping):
            yield from _walk(schema[key], f"{path}.{key}")
    for key in _MANY:
        if isinstance(schema.get(key), list):
            for i, sub in enumerate(schema[key]):
                yield from _walk(sub, f"{path}.{key}[{i}]")
    for key in _MAP:
        if isinstance(schema.get(key), Mapping):
            for name, sub in schema[key].items():
                yield from _walk(sub, f"{path}.{key}.{name}")


def pattern_problems(schema: Mapping[str, Any]) -> list[str]:
    """Why patterns in `schema` cannot be evaluated in linear time here; [] when they all can."""
    out = []
    has_pattern_properties = has_unevaluated = False
    for where, sub in _walk(schema, ""):
        label = where[1:] or "the schema"
        patterns = [("pattern", sub["pattern"])] if isinstance(sub.get("pattern"), str) else []
        if isinstance(sub.get("patternProperties"), Mapping):
            has_pattern_properties = True
            patterns += [("patternProperties", p) for p in sub["patternProperties"]]
        has_unevaluated = has_unevaluated or "unevaluatedProperties" in sub
        for keyword, pattern in patterns:
            try:
                compile_pattern(pattern)
            except PatternError as exc:
                out.append(
                    f"{label}: {keyword} {pattern!r} is not an RE2 expression ({exc}); Kubernetes evaluates "
                    "patterns with RE2, which has no look-around or back-references: rewrite it without them"
                )
    if has_pattern_properties and has_unevaluated:
        out.append(
            "patternProperties cannot be combined with unevaluatedProperties here (patterns must run in linear "
            "time); use additionalProperties"
        )
    return out


def _regex_format_checker(cls: Any) -> Any:
    """The metaschema's format checker, with `regex` judged by RE2 instead of Python's `re`."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=[f for f in cls.FORMAT_CHECKER.checkers if f != "regex"])
    checker.checks("regex", raises=PatternError)(_is_re2)
    return checker


def _is_re2(value: object) -> bool:
    if isinstance(value, str):
        compile_pattern(value)
    return True


def _validator(schema: Mapping[str, Any]) -> Any:
    return _checks(schema)[0]


def _checks(schema: Mapping[str, Any]) -> tuple[Any, Callable[[Any], Any] | None]:
    """(jsonschema validator, fast check or None) for a schema; raises jsonschema.SchemaError."""
    hit = _BY_ID.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1], hit[2]
    validator, fast = _checks_by_content(schema)
    if len(_BY_ID) >= _CACHE_SIZE:
        _BY_ID.clear()
    _BY_ID[id(schema)] = (schema, validator, fast)
    return validator, fast


def _checks_by_content(schema: Mapping[str, Any]) -> tuple[Any, Callable[[Any], Any] | None]:
    import jsonschema

    key = json.dumps(schema, sort_keys=True, default=str)
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    base = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    problems = pattern_problems(schema)  # first: its message names the subschema and RE2's reason
    if problems:
        raise jsonschema.SchemaError(problems[0])
    base.check_schema(schema, format_checker=_regex_format_checker(base))
    validator = _re2_class(base)(schema)
    fast = _fast_check(schema)
    _CACHE[key] = (validator, fast)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return validator, fast


# --- the fast check ---------------------------------------------------------------------------------------
# jsonschema walks a schema keyword by keyword for every value checked, which made values the dearest part of a
# webhook review. Where a schema uses only the keywords below, fastjsonschema's generated code answers first: when
# it accepts the values, so would jsonschema, and that is the answer; when it refuses them, jsonschema decides
# and describes. Only keywords whose meaning fastjsonschema (draft 7) shares with every draft from 6 on, and only
# monotone combinations (allOf, anyOf: no `not`, no `oneOf`, where a refusal would turn into an acceptance), so
# that "fast accepts" can never hide a violation. Patterns and formats stay with jsonschema (RE2, annotations).
_FAST_DRAFTS = {
    None,
    "http://json-schema.org/draft-06/schema#",
    "http://json-schema.org/draft-06/schema",
    "http://json-schema.org/draft-07/schema#",
    "http://json-schema.org/draft-07/schema",
    "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2020-12/schema",
}
_FAST_TYPES = {"string", "number", "integer", "boolean", "object", "array", "null"}
_FAST_NUMBERS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_FAST_COUNTS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
_FAST_NOTES = ("title", "description", "default", "examples", "$comment", "readOnly", "writeOnly", "deprecated")


_FAST_TEXT = re.compile(r"[A-Za-z0-9_.\-/@ ]{0,256}")
"""Strings a schema may hand to the fast check. fastjsonschema writes Python source from the schema and runs it;
the version pinned here escapes what it embeds, but a schema is untrusted, so only plain names and words reach the
generated code at all: anything else takes the slower path, with the same verdict."""


def _plain_text(value: Any) -> bool:
    return isinstance(value, str) and _FAST_TEXT.fullmatch(value) is not None


def _plain_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fast_eligible(node: Any, root: bool = False) -> bool:
    if isinstance(node, bool):
        return True
    if not isinstance(node, Mapping):
        return False
    for key, value in node.items():
        if key == "$schema":
            ok = root and value in _FAST_DRAFTS
        elif key == "type":
            names = value if isinstance(value, list) else [value]
            ok = bool(names) and all(isinstance(n, str) and n in _FAST_TYPES for n in names)
        elif key == "properties":
            ok = isinstance(value, Mapping) and all(_plain_text(k) and _fast_eligible(v) for k, v in value.items())
        elif key in ("items", "additionalProperties"):
            ok = _fast_eligible(value)
        elif key in ("allOf", "anyOf"):
            ok = isinstance(value, list) and bool(value) and all(_fast_eligible(v) for v in value)
        elif key == "required":
            ok = isinstance(value, list) and all(_plain_text(v) for v in value)
        elif key == "enum":  # strings and null only: True == 1 in Python, not in JSON Schema
            ok = isinstance(value, list) and all(v is None or _plain_text(v) for v in value)
        elif key == "const":
            ok = value is None or _plain_text(value)
        elif key in _FAST_NUMBERS:
            ok = _plain_number(value)
        elif key in _FAST_COUNTS:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = key in _FAST_NOTES
        if not ok:
            return False
    return True


def _fast_check(schema: Mapping[str, Any]) -> Callable[[Any], Any] | None:
    """fastjsonschema's check for a schema within the subset above, else None. Defaults are never filled in."""
    if not _fast_eligible(schema, root=True):
        return None
    import fastjsonschema

    draft7 = {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    try:
        check: Callable[[Any], Any] = fastjsonschema.compile(draft7, use_default=False, use_formats=False)
    except (fastjsonschema.JsonSchemaDefinitionException, RecursionError):  # pragma: no cover - jsonschema accepted it
        return None
    return check


def schema_problem(schema: Any) -> str | None:
    """Why `schema` is not a usable JSON schema, or None."""
    import jsonschema

    if not isinstance(schema, Mapping):
        return "it must be an object"
    try:
        _validator(schema)
    except jsonschema.SchemaError as exc:
        return str(exc.message)
    return None


def values_violations(values: Any, schema: Mapping[str, Any], path: str, what: str) -> list[Violation]:
    import jsonschema

    try:
        validator, fast = _checks(schema)
    except jsonschema.SchemaError as exc:
        # The webhook refuses such a catalog entry, but one admitted before that rule, or read into a catalog's
        # status by the controller, can still be installed: say that its values go unchecked, never stay silent.
        reason = " ".join(str(exc.message).split())[:200]
        return [
            Violation(
                path,
                "installation.values.unchecked",
                problem=f"the values schema of {what} cannot be used ({reason}), so the values are not checked",
                fix="ask the catalog's owner to fix its valuesSchema",
                severity=WARNING,
            )
        ]
    instance = values if values is not None else {}
    if fast is not None:
        import fastjsonschema

        try:
            fast(instance)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # jsonschema decides, and says where
    out = []
    for error in validator.iter_errors(instance):
        where = join_path(path, *list(error.absolute_path))
        out.append(
            Violation(
                where,
                "installation.values.schema",
                problem=f"{error.message} (the values schema of {what})",
                fix="fix the value",
            )
        )
        if len(out) >= MAX_ERRORS:
            break
    return out
