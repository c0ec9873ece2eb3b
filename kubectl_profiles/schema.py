"""The CRD schemas, loaded once from the package's copies of `crds/` and compiled for speed.

The CRDs' `openAPIV3Schema` is the project's one schema: nothing restates it in code. A test keeps
`kubectl_profiles/crds/` identical to `crds/`.

Validation is two-speed. `fastjsonschema` turns each schema into Python code, which is what lets `validate`
check tens of thousands of documents a second; but it stops at the first error and reports it loosely. So a
document that fails the fast check is checked again with `jsonschema`, which lists every error with its exact
path. Valid documents, the common case, pay only for the fast check.

The fast checks' code is generated ahead of time into `kubectl_profiles/generated/` (`make sync-crds`, or
`python -m kubectl_profiles.schema`), because reading three CRDs and compiling them cost a short `validate` run
half its time. A unit test regenerates the code from `crds/` and compares, so it cannot drift from the CRDs.

Kubernetes' own keywords (`x-kubernetes-*`) mean nothing to JSON Schema and are dropped; `format`s that JSON
Schema does not define (`int64`) are dropped too, as the API server treats them as hints.
"""

from __future__ import annotations

import copy
import importlib
import sys
from collections.abc import Callable, Iterator, Mapping
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


_FASTJSONSCHEMA_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"


def generated_source(kind: str) -> str:
    """The text of `kind`'s generated module, from the package's copy of its CRD.

    Exceptions without details (the slow path describes errors), raised from `kubectl_profiles.generated` so that
    a check does not import fastjsonschema's code generators."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(dict(json_schema(kind)), detailed_exceptions=False)
    if _FASTJSONSCHEMA_IMPORT not in code:  # pragma: no cover - a fastjsonschema release changed its output
        raise RuntimeError("fastjsonschema's generated code no longer imports its exceptions as expected")
    code = code.replace(
        _FASTJSONSCHEMA_IMPORT,
        "from kubectl_profiles.generated import JsonSchemaValueException, JsonSchemaValuesException\n",
    )
    header = (
        f"# Generated from crds/{CRD_FILES[kind]} by `python -m kubectl_profiles.schema` (fastjsonschema\n"
        "# compile_to_code); do not edit. tests/unit/test_generated_validators.py regenerates it and compares.\n"
        "# fmt: off\n"
    )
    return header + code.rstrip() + "\n"


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
