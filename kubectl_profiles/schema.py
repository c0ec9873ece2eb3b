"""The CRD schemas, loaded once from the package's copies of `crds/` and compiled for speed.

The CRDs' `openAPIV3Schema` is the project's one schema: nothing restates it in code. A test keeps
`kubectl_profiles/crds/` identical to `crds/`.

Validation is two-speed. Each schema is turned into Python code (`checker_source`) that only says yes or no,
which is what lets `validate` check tens of thousands of documents a second; a document it refuses is checked
again with `jsonschema`, which lists every error with its exact path. Valid documents, the common case, pay only
for the fast check. The fast check's verdict is jsonschema's (Draft 7, without a format checker, as the slow
path runs it): tests compare the two on generated documents, so the slow path never contradicts the fast one.

The fast checks' code is generated ahead of time into `kubectl_profiles/generated/` (`make sync-crds`, or
`python -m kubectl_profiles.schema`), because reading three CRDs and compiling them cost a short `validate` run
half its time. A unit test regenerates the code from `crds/` and compares, so it cannot drift from the CRDs. The
generator is this module's own, not fastjsonschema's: fastjsonschema's code copied every object's keys into a set
and removed the known ones one by one, even where no `additionalProperties` asks about the others, and tried
`anyOf` alternatives through exceptions; the checks took three times as long (a quarter of `validate`'s time).

Kubernetes' own keywords (`x-kubernetes-*`) mean nothing to JSON Schema and are dropped; `format`s that JSON
Schema does not define (`int64`) are dropped too, as the API server treats them as hints.
"""

from __future__ import annotations

import copy
import importlib
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kubectl_profiles.generated import SchemaMismatch
from kubectl_profiles.model.violation import Violation, join_path

# kind -> CRD file name (package data). The v0.0.5 `Profile` shape is read with ProfileDefinition's schema.
CRD_FILES = {
    "ProfileCatalogSource": "profilecatalogsources.yaml",
    "ProfileInstallation": "profileinstallations.yaml",
    "ProfileDefinition": "profiledefinitions.yaml",
}
_KNOWN_FORMATS = {"date-time", "date", "time", "email", "hostname", "ipv4", "ipv6", "uri", "regex"}


def crd_text(kind: str) -> str:
    return resources.files("kubectl_profiles").joinpath("crds", CRD_FILES[kind]).read_text(encoding="utf-8")


@cache
def crd(kind: str) -> Mapping[str, Any]:
    import yaml  # only when a document fails its fast check, or code is generated

    doc = yaml.safe_load(crd_text(kind))
    if not isinstance(doc, dict):  # pragma: no cover - a packaging mistake
        raise RuntimeError(f"CRD for {kind} is not a mapping")
    return doc


def _to_json_schema(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.startswith("x-kubernetes-") or (key == "format" and value not in _KNOWN_FORMATS):
                continue
            out[key] = _to_json_schema(value)
        return out
    if isinstance(node, list):
        return [_to_json_schema(v) for v in node]
    return node


@cache
def json_schema(kind: str) -> Mapping[str, Any]:
    """The served version's openAPIV3Schema as a plain JSON schema."""
    version = next(v for v in crd(kind)["spec"]["versions"] if v.get("storage"))
    schema = _to_json_schema(copy.deepcopy(version["schema"]["openAPIV3Schema"]))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return schema  # type: ignore[no-any-return]


def generated_module(kind: str) -> str:
    """The module holding `kind`'s generated fast check, named after its CRD file."""
    return "kubectl_profiles.generated." + CRD_FILES[kind].removesuffix(".yaml")


# Keywords the generator reads. `format` is among them but checks nothing: the slow path's validator has no format
# checker, so to jsonschema a `format` is an annotation, and the fast check must agree with it.
_ANNOTATIONS = frozenset({"$schema", "description", "title", "default", "examples", "format"})
_KEYWORDS = _ANNOTATIONS | {
    "type", "properties", "required", "additionalProperties", "items", "anyOf", "enum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems",
}  # fmt: skip
# jsonschema's Draft 7 type checker, written out ({} is the instance); bool is not an integer, 1.0 is.
_TYPE_TESTS = {
    "object": "isinstance({}, dict)",
    "array": "isinstance({}, list)",
    "string": "isinstance({}, str)",
    "boolean": "isinstance({}, bool)",
    "null": "{} is None",
    "integer": "(isinstance({0}, int) and not isinstance({0}, bool) or isinstance({0}, float) and {0}.is_integer())",
    "number": "(isinstance({0}, _Number) and not isinstance({0}, bool))",
}


class _Generator:
    """Python code that accepts exactly the documents jsonschema's Draft7Validator accepts for one CRD schema.

    Written for the keywords the CRDs use (`_KEYWORDS`); any other keyword, or a form of one it does not know, stops
    generation with an error rather than being skipped. Each node becomes one `if` holding every condition that
    refuses it (its type first, so that the rest may assume it), then its properties (looked up only when present:
    `"k" in obj` and a subscript is the cheapest test CPython has) and its items. An object's keys are never copied:
    `additionalProperties: false` is a subset test against a frozenset made at import.
    """

    def __init__(self) -> None:
        self.constants: list[str] = []
        self._patterns: dict[str, str] = {}
        self._key_sets: dict[tuple[str, ...], str] = {}
        self.uses_number = False

    @property
    def uses_re(self) -> bool:
        return bool(self._patterns)

    def _pattern(self, pattern: str) -> str:
        if pattern not in self._patterns:
            re.compile(pattern)  # a pattern Python cannot read fails generation, not the import of the module
            name = self._patterns[pattern] = f"_PATTERN_{len(self._patterns)}"
            self.constants.append(f"{name} = re.compile({pattern!r})")  # jsonschema: re.search(pattern, instance)
        return self._patterns[pattern]

    def _keys(self, keys: tuple[str, ...]) -> str:
        if keys not in self._key_sets:
            name = self._key_sets[keys] = f"_KEYS_{len(self._key_sets)}"
            self.constants.append(f"{name} = frozenset({keys!r})")
        return self._key_sets[keys]

    def _type_test(self, family: str, var: str) -> str:
        if family not in _TYPE_TESTS:
            raise ValueError(f"the schema generator does not know the type {family!r}")
        self.uses_number |= family == "number"
        return _TYPE_TESTS[family].format(var)

    def node(self, schema: Any, var: str, where: str, depth: int) -> list[str]:
        """The lines checking `var` (at `where`, for messages) against `schema`, indented from column 0."""
        if not isinstance(schema, dict):
            raise ValueError(f"{where}: the schema generator handles object schemas only, not {schema!r}")
        unknown = sorted(set(schema) - _KEYWORDS)
        if unknown:
            raise ValueError(f"{where}: the schema generator does not handle {', '.join(unknown)}; extend it")
        declared = schema.get("type")
        types = [declared] if isinstance(declared, str) else declared
        if types is not None and (not isinstance(types, list) or not types):
            raise ValueError(f"{where}: type {declared!r} is neither a name nor a list of names")
        only = types[0] if types is not None and len(types) == 1 else None
        refusals: list[str] = []
        if types is not None:
            tests = [self._type_test(t, var) for t in types]
            refusals.append(f"not {tests[0]}" if len(tests) == 1 else f"not ({' or '.join(tests)})")

        def guarded(family: str, conditions: list[str]) -> None:
            """Keywords that apply to one type only: unguarded when the type is already enforced."""
            if conditions:
                if only == family:
                    refusals.extend(conditions)
                else:
                    refusals.append(f"({self._type_test(family, var)} and ({' or '.join(conditions)}))")

        strings = []
        if "maxLength" in schema:
            strings.append(f"len({var}) > {_count(schema, 'maxLength', where)}")
        if "minLength" in schema:
            strings.append(f"len({var}) < {_count(schema, 'minLength', where)}")
        if "pattern" in schema:
            strings.append(f"not {self._pattern(schema['pattern'])}.search({var})")
        guarded("string", strings)
        arrays = []
        if "maxItems" in schema:
            arrays.append(f"len({var}) > {_count(schema, 'maxItems', where)}")
        if "minItems" in schema:
            arrays.append(f"len({var}) < {_count(schema, 'minItems', where)}")
        guarded("array", arrays)
        objects = [f"{key!r} not in {var}" for key in _names(schema.get("required", []), where)]
        if "anyOf" in schema:
            if not isinstance(schema["anyOf"], list) or not schema["anyOf"]:
                raise ValueError(f"{where}: anyOf must be a non-empty list")
            alternatives = [self._required_only(alt, var, f"{where}.anyOf") for alt in schema["anyOf"]]
            if all(alternatives):  # an alternative without conditions accepts everything
                objects.append(f"not ({' or '.join(alternatives)})")
        properties = schema.get("properties", {})
        if not isinstance(properties, dict):
            raise ValueError(f"{where}: properties must be a mapping")
        known = tuple(_names(list(properties), where))
        extra = schema.get("additionalProperties", True)
        if extra is False:
            objects.append(f"not {self._keys(known)}.issuperset({var})")
        guarded("object", objects)
        if "enum" in schema:
            values = schema["enum"]
            if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                raise ValueError(f"{where}: the schema generator handles enums of strings only")
            # jsonschema compares a string with == (its `equal`), as a tuple's `in` does
            refusals.append(f"{var} not in {tuple(values)!r}")

        lines = []
        if refusals:
            lines += [f"if {' or '.join(refusals)}:", f"    raise SchemaMismatch({where + ' does not conform'!r})"]
        child = f"v{depth + 1}"
        inner: list[str] = []
        required = set(schema.get("required", [])) if only == "object" else set()
        for name, sub in properties.items():
            body = self.node(sub, child, f"{where}.{name}", depth + 1)
            if body and name in required:  # present, or the object was refused above
                inner += [f"{child} = {var}[{name!r}]", *body]
            elif body:
                inner += [f"if {name!r} in {var}:", f"    {child} = {var}[{name!r}]", *_indent(body)]
        if extra not in (True, False):
            body = self.node(extra, child, f"{where}.*", depth + 1)
            if body and known:
                key = f"k{depth + 1}"
                inner += [f"for {key}, {child} in {var}.items():", f"    if {key} not in {self._keys(known)}:"]
                inner += _indent(_indent(body))
            elif body:
                inner += [f"for {child} in {var}.values():", *_indent(body)]
        lines += inner if only == "object" or not inner else [f"if {self._type_test('object', var)}:", *_indent(inner)]
        if "items" in schema:
            body = self.node(schema["items"], child, f"{where}[]", depth + 1)
            if body:
                loop = [f"for {child} in {var}:", *_indent(body)]
                lines += loop if only == "array" else [f"if {self._type_test('array', var)}:", *_indent(loop)]
        return lines

    def _required_only(self, schema: Any, var: str, where: str) -> str:
        """An anyOf alternative that only requires keys: the test that it holds (empty: it always does)."""
        if not isinstance(schema, dict) or set(schema) - _ANNOTATIONS - {"required"}:
            raise ValueError(f"{where}: the schema generator handles alternatives made of `required` only")
        keys = _names(schema.get("required", []), where)
        return "(" + " and ".join(f"{key!r} in {var}" for key in keys) + ")" if keys else ""


def _count(schema: Mapping[str, Any], keyword: str, where: str) -> int:
    value = schema[keyword]
    if type(value) is not int or value < 0:
        raise ValueError(f"{where}: {keyword} must be a non-negative integer")
    return value


def _names(values: Any, where: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: expected a list of property names")
    return values


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def checker_source(schema: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """A module whose `validate(data)` raises SchemaMismatch exactly when jsonschema's Draft7Validator, without a
    format checker, finds `data` invalid under `schema`; ValueError for a keyword the generator does not handle."""
    generator = _Generator()
    body = generator.node(dict(schema), "data", "data", 0)
    imports = [
        *(["import re"] if generator.uses_re else []),
        *(["from numbers import Number as _Number"] if generator.uses_number else []),
    ]
    return "\n".join(
        [
            *header,
            "# fmt: off",
            *imports,
            *([""] if imports else []),
            "from kubectl_profiles.generated import SchemaMismatch",
            "",
            *([*generator.constants, ""] if generator.constants else []),
            "",
            "def validate(data):",
            '    """Raise SchemaMismatch unless `data` conforms (the first problem found; jsonschema lists them all)."""',
            *_indent(body),
            "",
        ]
    )


def generated_source(kind: str) -> str:
    """The text of `kind`'s generated module, from the package's copy of its CRD."""
    return checker_source(
        json_schema(kind),
        header=[
            f"# Generated from crds/{CRD_FILES[kind]} by `python -m kubectl_profiles.schema`; do not edit.",
            "# tests/unit/test_generated_validators.py regenerates it and compares, and holds its verdicts to",
            "# jsonschema's (Draft 7, no format checker) on the same schema.",
        ],
    )


@cache
def _fast(kind: str) -> Callable[[Any], Any]:
    validate: Callable[[Any], Any] = importlib.import_module(generated_module(kind)).validate
    return validate


@cache
def _full(kind: str) -> Any:
    import jsonschema

    return jsonschema.Draft7Validator(json_schema(kind))


def _path(parts: Iterator[Any] | Any) -> str:
    return join_path("$", *list(parts))


def schema_violations(kind: str, doc: Mapping[str, Any]) -> list[Violation]:
    """Every way `doc` breaks its CRD schema; empty when it conforms."""
    try:
        _fast(kind)(doc)
        return []
    except SchemaMismatch:
        pass
    out: list[Violation] = []
    for error in sorted(_full(kind).iter_errors(doc), key=lambda e: list(e.absolute_path)):
        path = _path(error.absolute_path)
        problem, fix = _describe(error)
        # The schema's sentences always name a field; at the root, that is the document.
        field = None if error.absolute_path else "document"
        out.append(Violation(path, "schema", problem=problem, fix=fix, field=field))
    return out


def _describe(error: Any) -> tuple[str, str]:
    """(problem, fix) for one schema error."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        return str(error.message), "add it"
    if validator == "type":
        return f"must be of type {value}, not {type(error.instance).__name__}", ""
    if validator == "pattern":
        return f"{error.instance!r} does not match the required pattern {value}", ""
    if validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, value))}", ""
    if validator in ("maxLength", "maxItems"):
        return f"is too long (at most {value})", ""
    return str(error.message), ""


def write_generated(folder: Path | None = None) -> list[Path]:
    """(Re)write the generated modules; returns the paths written."""
    folder = folder or Path(__file__).resolve().parent / "generated"
    written = []
    for kind in CRD_FILES:
        path = folder / (generated_module(kind).rpartition(".")[2] + ".py")
        path.write_text(generated_source(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written in write_generated():
        print(f"wrote {written}", file=sys.stderr)
