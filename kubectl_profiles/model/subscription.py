"""The original's v0.0.5 install record, ProfileSubscription, read as the ProfileInstallation it stands for.

A ProfileSubscription (`weave.works/v1alpha1`) names its profile one of two ways:
- `spec.profile_catalog_description: {catalog, profile_name, version}` -> `spec.catalog`. The profile's key was
  written three ways by the original's releases: `profile_name`, `profile` (what pctl wrote) and `name` (the API
  type at one release); all three are read, in that order;
- `spec.profileURL` with `version` (a git tag) or `branch` (default `main`, as the original's CRD defaulted it),
  and `path` -> `spec.source`. Without a path, a tag's prefix is the profile's directory (`model.refs.source_ref`).
pctl wrote both at once; the catalog form is then the one kept, since the catalog entry also names the repository.
`valuesFrom` carries over as it is; `values`, which went to every HelmRelease of the profile, become
`spec.globalValues` (a ProfileInstallation's `spec.values` are per artifact).

`validate` and `audit` check a subscription by checking its installation; `paths` maps the installation's JSON
paths back to the subscription's fields, so that a violation points at what the user wrote. `migrate` writes the
installation. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kubectl_profiles.model.refs import normalise_path, path_from_tag
from kubectl_profiles.model.semver import is_semver, parse_version

KIND = "ProfileSubscription"
PROFILE_KEYS = ("profile_name", "profile", "name")
_META_KEPT = ("name", "namespace", "labels", "annotations")


@dataclass
class Conversion:
    installation: dict[str, Any]
    form: str
    """`catalog`, `source`, or `none` when the subscription names no profile."""
    paths: dict[str, str] = field(default_factory=dict)
    """Installation JSON path prefix -> the subscription's."""
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """Subscription fields not carried over, as (`spec.FIELD`, why), for `migrate` to say so."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def profile_key(description: Mapping[str, Any]) -> str:
    """Which of the profile-name keys a catalog description uses (the first present; `profile_name` if none)."""
    return next((k for k in PROFILE_KEYS if _text(description.get(k))), PROFILE_KEYS[0])


def catalog_form(spec: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The catalog description, when it names a catalog, a profile and a version."""
    described = spec.get("profile_catalog_description")
    if not isinstance(described, Mapping):
        return None
    if (
        _text(described.get("catalog"))
        and _text(described.get(profile_key(described)))
        and _text(described.get("version"))
    ):
        return described
    return None


def to_installation(doc: Mapping[str, Any]) -> Conversion:
    raw_meta, raw_spec = doc.get("metadata"), doc.get("spec")
    meta: Mapping[str, Any] = raw_meta if isinstance(raw_meta, Mapping) else {}
    spec: Mapping[str, Any] = raw_spec if isinstance(raw_spec, Mapping) else {}
    out_spec: dict[str, Any] = {}
    paths = {"$.spec.globalValues": "$.spec.values", "$.spec.valuesFrom": "$.spec.valuesFrom", "$.spec": "$.spec"}
    dropped: list[tuple[str, str]] = []
    described = catalog_form(spec)
    if described is not None:
        key = profile_key(described)
        version = _text(described.get("version"))
        out_spec["catalog"] = {
            "catalog": described["catalog"],
            "profile": described[key],
            "version": str(parse_version(version)) if is_semver(version) else version,
        }
        base = "$.spec.profile_catalog_description"
        paths.update(
            {
                "$.spec.catalog.catalog": f"{base}.catalog",
                "$.spec.catalog.profile": f"{base}.{key}",
                "$.spec.catalog.version": f"{base}.version",
                "$.spec.catalog": base,
            }
        )
        why = "the catalog entry names the repository and the tag"
        dropped += [(f"spec.{k}", why) for k in ("profileURL", "version", "branch", "path") if spec.get(k) is not None]
        form = "catalog"
    elif spec.get("profileURL") is not None:
        tag, branch, path = _text(spec.get("version")), _text(spec.get("branch")), _text(spec.get("path"))
        source: dict[str, Any] = {"url": spec["profileURL"]}
        if tag:
            source["tag"] = tag
            if branch:
                dropped.append(("spec.branch", "the tag in spec.version pins the profile"))
        else:
            source["branch"] = branch or "main"
        if path:
            source["path"] = path
        elif tag and path_from_tag(tag) != ".":
            source["path"] = normalise_path(path_from_tag(tag))
        out_spec["source"] = source
        paths.update(
            {
                "$.spec.source.url": "$.spec.profileURL",
                "$.spec.source.tag": "$.spec.version",
                "$.spec.source.branch": "$.spec.branch",
                "$.spec.source.path": "$.spec.path" if path else "$.spec.version",
                "$.spec.source": "$.spec",
            }
        )
        if spec.get("profile_catalog_description") is not None:
            dropped.append(("spec.profile_catalog_description", "it does not name a catalog, profile and version"))
        form = "source"
    else:
        form = "none"
    if spec.get("values") is not None:
        out_spec["globalValues"] = spec["values"]
    if spec.get("valuesFrom") is not None:
        out_spec["valuesFrom"] = spec["valuesFrom"]
    known = {"profile_catalog_description", "profileURL", "version", "branch", "path", "values", "valuesFrom"}
    dropped += [(f"spec.{k}", "not a field of the original's ProfileSubscription") for k in spec if k not in known]
    installation = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {k: meta[k] for k in _META_KEPT if meta.get(k) is not None},
        "spec": out_spec,
    }
    return Conversion(installation, form, paths, dropped)


def subscription_path(installation_path: str, paths: Mapping[str, str]) -> str:
    """An installation's JSON path as the subscription's: the longest mapped prefix is replaced."""
    for prefix in sorted(paths, key=len, reverse=True):
        rest = installation_path[len(prefix) :]
        if installation_path.startswith(prefix) and (not rest or rest[0] in ".["):
            return paths[prefix] + rest
    return installation_path
