"""Schema checks generated from the CRDs (see kubectl_profiles/schema.py); do not edit the modules here."""
