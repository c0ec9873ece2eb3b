"""Install values checked against a catalog entry's `valuesSchema` (a JSON schema, any draft).

Validators are compiled once per distinct schema (keyed by its canonical JSON) and kept in a small bounded cache:
the webhook sees the same few schemas over and over. Schemas are untrusted input, so remote `$ref`s are never
fetched (the default jsonschema registry does not retrieve), and errors reported per value are capped.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from kubectl_profiles.model.violation import Violation, join_path

_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 256
MAX_ERRORS = 10


def _validator(schema: Mapping[str, Any]) -> Any:
    import jsonschema

    key = json.dumps(schema, sort_keys=True, default=str)
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    validator = cls(schema)
    _CACHE[key] = validator
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return validator


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
        validator = _validator(schema)
    except jsonschema.SchemaError:
        return []  # reported against the catalog entry, not the installation
    out = []
    for error in validator.iter_errors(values if values is not None else {}):
        where = join_path(path, *list(error.absolute_path))
        out.append(
            Violation(
                where,
                "installation.values.schema",
                f"{where[2:]}: {error.message} (the values schema of {what}); fix the value",
            )
        )
        if len(out) >= MAX_ERRORS:
            break
    return out
