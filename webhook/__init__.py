"""profiles-webhook: a validating admission webhook over the project's rules, and the read-only catalog API.

Layers: `review.py` is pure (an AdmissionReview in, a response out, facts passed in); `cache.py` keeps the facts
fresh from watches; `server.py` is the aiohttp adapter (TLS, limits, timeouts, metrics). The API client is the
project's client core (kubectl_profiles.kube: its async face and its reflector).
"""
