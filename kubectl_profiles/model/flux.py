"""The one table of Flux kinds this project writes: group, version, plural, and the Flux release that first serves it.

Everything that names a Flux API (the renderer, the API client's paths, the install pre-flight, uninstall and upgrade)
reads it from here. The versions are the GA ones current Flux serves; Flux's roadmap removes the beta versions, so
none is written. A Flux release older than `since` does not serve that kind at that version:

- GitRepository `source.toolkit.fluxcd.io/v1` and Kustomization `kustomize.toolkit.fluxcd.io/v1`: Flux 2.0.
- HelmRepository `source.toolkit.fluxcd.io/v1` and HelmRelease `helm.toolkit.fluxcd.io/v2`: Flux 2.3.
- OCIRepository `source.toolkit.fluxcd.io/v1`: Flux 2.6 (written only for `oci://` charts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kubectl_profiles.model.semver import parse_version

INSTALL_DOCS = "https://fluxcd.io/flux/installation/"


@dataclass(frozen=True, slots=True)
class FluxKind:
    kind: str
    group: str
    version: str
    plural: str
    since: str
    """The first Flux release that serves this kind at this version."""

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}"

    @property
    def crd(self) -> str:
        return f"{self.plural}.{self.group}"


GIT_REPOSITORY = FluxKind("GitRepository", "source.toolkit.fluxcd.io", "v1", "gitrepositories", "2.0.0")
HELM_REPOSITORY = FluxKind("HelmRepository", "source.toolkit.fluxcd.io", "v1", "helmrepositories", "2.3.0")
OCI_REPOSITORY = FluxKind("OCIRepository", "source.toolkit.fluxcd.io", "v1", "ocirepositories", "2.6.0")
HELM_RELEASE = FluxKind("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases", "2.3.0")
KUSTOMIZATION = FluxKind("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "2.0.0")

FLUX_KINDS: tuple[FluxKind, ...] = (GIT_REPOSITORY, HELM_REPOSITORY, OCI_REPOSITORY, HELM_RELEASE, KUSTOMIZATION)
BY_KIND: Mapping[str, FluxKind] = {k.kind: k for k in FLUX_KINDS}

DELETE_ORDER: tuple[str, ...] = ("HelmRelease", "Kustomization", "HelmRepository", "OCIRepository", "GitRepository")
"""Consumers before their sources, so that Flux never sees a release whose source is gone."""


@dataclass(frozen=True, slots=True)
class Missing:
    """A Flux kind the cluster does not serve at the version written here."""

    flux: FluxKind
    served_versions: tuple[str, ...]
    """Versions of the kind's group that the cluster serves (empty: the group is absent, i.e. no Flux)."""


def kinds_of(objects: Iterable[Mapping[str, object]]) -> list[FluxKind]:
    """The Flux kinds among rendered objects, in table order."""
    present = {str(o.get("kind")) for o in objects}
    return [k for k in FLUX_KINDS if k.kind in present]


def missing_kinds(
    needed: Iterable[FluxKind],
    group_versions: Mapping[str, Iterable[str] | None],
    served: Mapping[str, Iterable[str] | None],
) -> list[Missing]:
    """Which of `needed` the cluster lacks, from discovery.

    `group_versions[group]` is the list of versions the API server serves for the group (None: group absent);
    `served[api_version]` the kinds served at that group/version (None: not served).
    """
    out = []
    for flux in needed:
        kinds = served.get(flux.api_version)
        if kinds is not None and flux.kind in set(kinds):
            continue
        versions = group_versions.get(flux.group)
        out.append(Missing(flux, tuple(versions or ())))
    return out


def missing_message(missing: Iterable[Missing]) -> str:
    """One line: what is missing and the Flux release that serves it."""
    items = list(missing)
    need = max((m.flux.since for m in items), key=parse_version)
    absent = all(not m.served_versions for m in items)
    named = ", ".join(
        f"{m.flux.kind} ({m.flux.api_version}"
        + (f"; it serves {', '.join(f'{m.flux.group}/{v}' for v in m.served_versions)}" if m.served_versions else "")
        + ")"
        for m in items
    )
    if absent:
        return f"Flux is not installed: this cluster does not serve {named}; install Flux {need} or newer"
    return f"Flux is too old: this cluster does not serve {named}; upgrade to Flux {need} or newer"
