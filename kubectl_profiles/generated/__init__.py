"""Schema checks generated from the CRDs (see kubectl_profiles/schema.py); do not edit the modules here.

The generated code raises the exception below instead of importing fastjsonschema's, so that running a check does
not load fastjsonschema's code generators.
"""

from __future__ import annotations

from typing import Any


class SchemaMismatch(ValueError):
    """A document does not conform (the generated checks stop at the first problem; jsonschema then lists all)."""

    def __init__(self, message: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(message)
        self.message = message


# The names fastjsonschema's generated code imports.
JsonSchemaValueException = JsonSchemaValuesException = SchemaMismatch
