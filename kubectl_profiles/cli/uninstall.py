"""`uninstall`: remove an installation and every object labelled with it.

Refuses while other installations in the namespace require it (a `profile NAME` prerequisite of their catalog
entry), unless `--force`, which also sets the annotation the webhook honours.
"""

from __future__ import annotations

from dataclasses import replace

import click

from kubectl_profiles.cli import common
from kubectl_profiles.model.labels import FORCE_DELETE


@click.command("uninstall")
@click.argument("name")
@click.option("--force", is_flag=True, help="Remove it even if other installations require it.")
@click.option("--dry-run", is_flag=True, help="Say what would be removed; remove nothing.")
@click.pass_context
def uninstall_cmd(ctx: click.Context, name: str, force: bool, dry_run: bool) -> None:
    """Remove installation NAME and the Flux objects it created."""
    from kubectl_profiles import rules
    from kubectl_profiles.errors import NotFoundError, ValidationFailed
    from kubectl_profiles.kube import KIND_TO_RESOURCE

    k = common.kube(ctx)
    current = k.get("profileinstallations", name, k.namespace)
    if current is None:
        raise NotFoundError(f"installation {name!r} not found in namespace {k.namespace}")
    index = common.catalog_index(ctx)
    facts = common.cluster_facts(ctx, index, discovery=False)
    found = [v for v in rules.check_installation_delete(current, facts) if v.is_error]
    if found and not force:
        # The rule's fix names the annotation the webhook honours; here the flag that sets it is the fix.
        raise ValidationFailed(replace(found[0], fix="uninstall those first, or add --force").message, found)
    owned = common.owned_objects(ctx, name)
    if dry_run:
        click.echo(f"would delete profileinstallation/{name} and {len(owned)} objects it owns")
        for kind, obj_name in owned:
            click.echo(f"  {kind.lower()}/{obj_name}")
        return
    if found:
        k.patch_merge("profileinstallations", name, k.namespace, {"metadata": {"annotations": {FORCE_DELETE: "true"}}})
    k.delete("profileinstallations", name, k.namespace)
    click.echo(f"profileinstallation.weave.works/{name} deleted")
    for kind, obj_name in owned:
        k.delete(KIND_TO_RESOURCE[kind], obj_name, k.namespace)
        click.echo(f"{kind.lower()}/{obj_name} deleted")
