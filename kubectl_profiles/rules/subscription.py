"""Rules for the original's ProfileSubscription (SPEC §1.2): the installation rules, on what it stands for.

A subscription is checked as the ProfileInstallation `model.subscription.to_installation` makes of it, so that the
same rule ids fire for both; only saying which profile it names is checked here, in the subscription's own terms.
The installation's violations are moved to the subscription's fields: the path through the conversion's map, and
the message's leading `path: ` (every message starts with its path, model.violation) with it.
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
                "spec: a ProfileSubscription needs profileURL (a git repository, with version as its tag) or "
                "profile_catalog_description {catalog, profile_name, version}; add one",
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
                    f"{base[2:]}.{key}: missing; give {what}, or name the repository with spec.profileURL",
                )
            )
    return out


def moved(violations: list[Violation], paths: Mapping[str, str]) -> list[Violation]:
    out = []
    for v in violations:
        new_path = subscription_path(v.path, paths)
        if new_path == v.path:
            out.append(v)
            continue
        old_prefix = f"{v.path[2:]}: " if v.path.startswith("$.") else ""
        message = v.message
        if old_prefix and message.startswith(old_prefix):
            message = f"{new_path[2:]}: " + message[len(old_prefix) :]
        out.append(replace(v, path=new_path, message=message))
    return out
