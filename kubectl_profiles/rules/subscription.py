"""Rules for the original's ProfileSubscription (SPEC §1.2): the installation rules, on what it stands for.

A subscription is checked as the ProfileInstallation `model.subscription.to_installation` makes of it, so that the
same rule ids fire for both; only saying which profile it names is checked here, in the subscription's own terms.
The installation's violations are moved to the subscription's fields through the conversion's map; a message
that names its path's field names the new field with it (model.violation composes the message).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kubectl_profiles.model.subscription import PROFILE_KEYS, profile_key, subscription_path
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.rules._common import mapping, text


def form_violations(doc: Mapping[str, Any]) -> list[Violation]:
    """What is missing for the subscription to name a profile at all (empty when it names one)."""
    spec = mapping(doc.get("spec"))
    if spec.get("profileURL") is not None:
        return []
    described = spec.get("profile_catalog_description")
    if not isinstance(described, Mapping):
        return [
            Violation(
                "$.spec",
                "subscription.profile.missing",
                problem="a ProfileSubscription needs profileURL (a git repository, with version as its tag) or "
                "profile_catalog_description {catalog, profile_name, version}",
                fix="add one",
            )
        ]
    base = "$.spec.profile_catalog_description"
    out = []
    for key in ("catalog", profile_key(described), "version"):
        if not text(described.get(key)):
            what = "the profile's name" if key in PROFILE_KEYS else f"the {key}"
            out.append(
                Violation(
                    f"{base}.{key}",
                    "subscription.profile.missing",
                    problem="missing",
                    fix=f"give {what}, or name the repository with spec.profileURL",
                )
            )
    return out


def moved(violations: list[Violation], paths: Mapping[str, str]) -> list[Violation]:
    out = []
    for v in violations:
        new_path = subscription_path(v.path, paths)
        out.append(v if new_path == v.path else replace(v, path=new_path))
    return out
