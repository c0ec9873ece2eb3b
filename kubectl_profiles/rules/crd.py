"""The project's own CustomResourceDefinitions (`crds/`, shipped in a chart's crds/ too): each served version has
a structural schema that compiles.

`validate` meets them in a repository beside the profiles; no webhook serves CRDs. The check is a rule like the
others, reached through `rules.check_document`, so that it is part of what the rules say of a document and not a
rule of validate's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubectl_profiles.model.violation import Violation

CRD_KIND = "CustomResourceDefinition"


def is_own_crd(body: Mapping[str, Any]) -> bool:
    spec = body.get("spec")
    return body.get("kind") == CRD_KIND and isinstance(spec, Mapping) and spec.get("group") == "weave.works"


def check_crd(body: Mapping[str, Any]) -> list[Violation]:
    """The project's own CRDs: each served version has a structural schema that compiles."""
    import jsonschema  # here: slow to import, and only CRDs need it

    out: list[Violation] = []
    spec = body["spec"]
    versions = spec.get("versions") if isinstance(spec.get("versions"), list) else []
    if not versions:
        out.append(Violation("$.spec.versions", "crd.versions", problem="a CRD needs at least one version"))
    for i, version in enumerate(versions):
        schema = (version.get("schema") or {}).get("openAPIV3Schema") if isinstance(version, Mapping) else None
        if not isinstance(schema, Mapping) or schema.get("type") != "object":
            out.append(
                Violation(
                    f"$.spec.versions[{i}].schema",
                    "crd.schema",
                    problem="a structural schema of type object is required",
                    field=f"spec.versions[{i}].schema.openAPIV3Schema",
                )
            )
            continue
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            out.append(
                Violation(
                    f"$.spec.versions[{i}].schema",
                    "crd.schema",
                    problem=str(exc.message),
                    field=f"spec.versions[{i}].schema.openAPIV3Schema",
                )
            )
    return out
