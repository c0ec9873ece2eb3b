"""Schema checks generated from the CRDs (see kubectl_profiles/schema.py); do not edit the modules here.

Each module's `validate(data)` raises the exception below when a document does not conform to its CRD's schema.
"""

from __future__ import annotations


class SchemaMismatch(ValueError):
    """A document does not conform (the generated checks stop at the first problem; jsonschema then lists all)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
