"""`get` (alias `installed`) and `outdated`: installations and the newer versions their catalogs offer."""

from __future__ import annotations

from typing import Any

import click

from kubectl_profiles.cli import common
from kubectl_profiles.cli import output as output_mod
from kubectl_profiles.model.labels import RANGE_ANNOTATION


def _catalog_ref(inst: dict[str, Any]) -> dict[str, Any]:
    ref: dict[str, Any] = (inst.get("spec") or {}).get("catalog") or {}
    return ref


def _updates(index: Any, inst: dict[str, Any]) -> list[Any]:
    from kubectl_profiles.errors import ProfilesError

    ref = _catalog_ref(inst)
    if not ref:
        return []
    try:
        return list(index.updates(ref["catalog"], ref["profile"], ref["version"], ref.get("namespace") or None))
    except (ProfilesError, KeyError):
        return []


def _ready(inst: dict[str, Any]) -> dict[str, Any] | None:
    """The Ready condition the controller wrote, if any."""
    conditions = (inst.get("status") or {}).get("conditions")
    for c in conditions if isinstance(conditions, list) else []:
        if isinstance(c, dict) and c.get("type") == "Ready":
            return c
    return None


@click.command("get")
@click.argument("name", required=False)
@common.output_option()
@click.pass_context
def get_cmd(ctx: click.Context, name: str | None, output: str) -> None:
    """List installations and their available updates (alias: installed)."""
    k = common.kube(ctx)
    namespace = common.scope(ctx)
    installations = k.list("profileinstallations", namespace)
    if name:
        installations = [i for i in installations if i["metadata"]["name"] == name]
        if not installations:
            from kubectl_profiles.errors import NotFoundError

            raise NotFoundError(
                f"installation {name!r} not found in namespace {namespace}",
                hint="list them with 'kubectl profiles get -A'",
            )
    index = common.catalog_index(ctx)
    rows = []
    for inst in installations:
        ref = _catalog_ref(inst)
        source = (inst.get("spec") or {}).get("source") or {}
        updates = ", ".join(e.raw_version for e in _updates(index, inst)) or "-"
        ready = _ready(inst)
        rows.append(
            [
                inst["metadata"]["namespace"],
                inst["metadata"]["name"],
                ref.get("profile") or source.get("url", "-"),
                ref.get("version") or source.get("tag") or source.get("branch") or "-",
                ref.get("catalog") or "-",
                str(ready.get("status") or "-") if ready else "-",
                updates,
                output_mod.truncate(str(ready.get("message") or "")) if ready else "",
            ]
        )
    output_mod.emit(
        output,
        ["NAMESPACE", "NAME", "PROFILE", "VERSION", "CATALOG", "READY", "AVAILABLE UPDATES", "STATUS"],
        rows,
        installations,
        [f"profileinstallation.weave.works/{i['metadata']['name']}" for i in installations],
        empty=f"No installations found{'' if namespace is None else f' in namespace {namespace}'}.",
    )


@click.command("outdated")
@click.option("--devel", is_flag=True, help="Count prereleases as updates.")
@common.output_option()
@click.pass_context
def outdated_cmd(ctx: click.Context, devel: bool, output: str) -> None:
    """List installations that have a newer version in their catalog."""
    from kubectl_profiles.errors import ProfilesError
    from kubectl_profiles.model.semver import parse_range

    k = common.kube(ctx)
    installations = k.list("profileinstallations", common.scope(ctx))
    index = common.catalog_index(ctx)
    rows, docs = [], []
    for inst in installations:
        ref = _catalog_ref(inst)
        newer = _updates(index, inst)
        if not newer:
            continue
        annotations = inst["metadata"].get("annotations") or {}
        wanted = annotations.get(RANGE_ANNOTATION) or f"^{ref['version']}"
        try:
            in_range = parse_range(wanted).best([e.version for e in newer], devel=devel)
        except ProfilesError:
            in_range = None
        latest = newer[0].raw_version
        rows.append(
            [
                inst["metadata"]["namespace"],
                inst["metadata"]["name"],
                ref["profile"],
                ref["version"],
                latest,
                str(in_range) if in_range else "-",
            ]
        )
        docs.append(
            {
                "namespace": inst["metadata"]["namespace"],
                "name": inst["metadata"]["name"],
                "profile": ref["profile"],
                "installed": ref["version"],
                "latest": latest,
                "latestInRange": str(in_range) if in_range else None,
                "range": wanted,
            }
        )
    output_mod.emit(
        output,
        ["NAMESPACE", "NAME", "PROFILE", "INSTALLED", "LATEST", "LATEST-IN-RANGE"],
        rows,
        docs,
        [f"profileinstallation.weave.works/{d['name']}" for d in docs],
        empty="All installations are up to date.",
    )
