"""A profile definition (profile.yaml) as data, read from either shape, and a resolved profile tree.

The rules engine reports in detail what is wrong with a definition; this module only turns a usable one into
the model that rendering works on, and refuses an unusable one with one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kubectl_profiles.errors import SourceError
from kubectl_profiles.model.refs import SourceRef, nested_source, normalise_path

ArtifactKind = Literal["chart", "kustomize", "profile"]


@dataclass(frozen=True)
class ChartSpec:
    url: str | None = None
    name: str | None = None
    version: str | None = None
    path: str | None = None
    default_values: str = ""


@dataclass(frozen=True)
class Artifact:
    name: str
    kind: ArtifactKind
    chart: ChartSpec | None = None
    kustomize_path: str | None = None
    profile: SourceRef | None = None
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileDefinition:
    name: str
    description: str = ""
    maintainer: str = ""
    keywords: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    values_schema: Mapping[str, Any] | None = None
    artifacts: tuple[Artifact, ...] = ()


@dataclass(frozen=True)
class ResolvedProfile:
    """A profile read from its source, and every profile it nests, resolved likewise: what render works on
    (sources.resolve_tree makes it)."""

    source: SourceRef
    definition: ProfileDefinition
    directory: Path
    """The profile's directory in a checkout of its source (`show values` reads local charts there)."""
    children: Mapping[str, ResolvedProfile] = field(default_factory=dict)
    """The resolved nested profile of each `profile` artifact, by artifact name."""


def _join(base: str, rel: str) -> str:
    return normalise_path(f"{base}/{rel}" if base not in ("", ".") else rel)


def normalise_definition(doc: Any, *, where: str = "profile.yaml", base_path: str = ".") -> ProfileDefinition:
    """Both shapes into one model; local paths become repository-relative (joined onto `base_path`)."""
    if not isinstance(doc, Mapping) or doc.get("kind") not in ("ProfileDefinition", "Profile"):
        raise SourceError(f"{where} is not a profile definition (kind ProfileDefinition or Profile)")
    meta, spec = doc.get("metadata") or {}, doc.get("spec") or {}
    if not isinstance(meta, Mapping) or not isinstance(spec, Mapping) or not meta.get("name"):
        raise SourceError(f"{where} has no metadata.name", hint="run 'kubectl profiles validate' on it")
    artifacts = []
    for i, raw in enumerate(spec.get("artifacts") or []):
        if not isinstance(raw, Mapping) or not raw.get("name"):
            raise SourceError(f"{where}: spec.artifacts[{i}] has no name")
        name = str(raw["name"])
        depends = tuple(str((d or {}).get("name")) for d in raw.get("dependsOn") or [] if isinstance(d, Mapping))
        old_kind = {"HelmChart": "chart", "Kustomize": "kustomize", "Profile": "profile"}.get(str(raw.get("kind")))
        present = [k for k in ("chart", "kustomize", "profile") if raw.get(k) is not None]
        kind = old_kind or (present[0] if len(present) == 1 else None)
        if kind is None:
            raise SourceError(
                f"{where}: spec.artifacts[{i}] ({name}) needs exactly one of chart, kustomize and profile",
                hint="run 'kubectl profiles validate' on it",
            )
        if kind == "chart":
            raw_chart = raw.get("chart")
            chart: Mapping[str, Any] = raw_chart if isinstance(raw_chart, Mapping) else {}
            local = chart.get("path") or (raw.get("path") if old_kind else None)
            spec_chart = ChartSpec(
                url=chart.get("url"),
                name=chart.get("name"),
                version=chart.get("version"),
                path=_join(base_path, str(local)) if local else None,
                default_values=str(chart.get("defaultValues") or ""),
            )
            artifacts.append(Artifact(name, "chart", chart=spec_chart, depends_on=depends))
        elif kind == "kustomize":
            path = (raw.get("kustomize") or {}).get("path") if not old_kind else raw.get("path")
            artifacts.append(
                Artifact(name, "kustomize", kustomize_path=_join(base_path, str(path or ".")), depends_on=depends)
            )
        else:
            nested = nested_source(raw)
            if nested is None:
                raise SourceError(f"{where}: spec.artifacts[{i}] ({name}) nests a profile without a url")
            artifacts.append(Artifact(name, "profile", profile=nested, depends_on=depends))
    return ProfileDefinition(
        name=str(meta["name"]),
        description=str(spec.get("description") or ""),
        maintainer=str(spec.get("maintainer") or ""),
        keywords=tuple(spec.get("keywords") or ()),
        prerequisites=tuple(str(p) for p in spec.get("prerequisites") or ()),
        values_schema=spec.get("valuesSchema") if isinstance(spec.get("valuesSchema"), Mapping) else None,
        artifacts=tuple(artifacts),
    )
