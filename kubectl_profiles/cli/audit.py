"""`audit`: every installation that breaks a rule today (revoked access, removed entry, unmet prerequisite).

The webhook checks an installation when it is written; catalogs and clusters change afterwards. This runs the same
rules over every installation with today's facts. Access is judged by namespace only: who installed an object is
not recorded, so group grants cannot be re-checked.

The original's ProfileSubscriptions, where a cluster still serves them, are installations too and are checked by
the same rules (`rules.check_subscription`); they are named `profilesubscription/NAME`.
"""

from __future__ import annotations

import click

from kubectl_profiles.cli import common
from kubectl_profiles.cli import output as output_mod


@click.command("audit")
@common.output_option()
@click.pass_context
def audit_cmd(ctx: click.Context, output: str) -> None:
    """List every installation that breaks a rule now; exit 1 when there is any."""
    from kubectl_profiles import rules

    k = common.kube(ctx)
    installations = k.list("profileinstallations", common.scope(ctx))
    subscriptions = k.list("profilesubscriptions", common.scope(ctx), if_served=True)
    index = common.catalog_index(ctx)
    facts = common.cluster_facts(ctx, index, installations=k.list("profileinstallations"))
    rows, docs, names = [], [], []
    checked = [(inst, "", "profileinstallation") for inst in installations]
    checked += [(sub, "profilesubscription/", "profilesubscription") for sub in subscriptions]
    for obj, shown, resource in checked:
        namespace, name = obj["metadata"].get("namespace", ""), obj["metadata"]["name"]
        found = rules.check_subscription(obj, facts) if shown else rules.check_installation(obj, facts)
        for v in found:
            if not v.is_error:
                continue
            rows.append([namespace, shown + name, v.rule, output_mod.truncate(v.message, 100)])
            docs.append({"namespace": namespace, "name": name, "kind": obj.get("kind", ""), **v.to_dict()})
            names.append(f"{resource}.weave.works/{name}")
    total = len(installations) + len(subscriptions)
    output_mod.emit(
        output,
        ["NAMESPACE", "NAME", "RULE", "MESSAGE"],
        rows,
        docs,
        names,
        empty=f"All {total} installations follow the rules.",
    )
    if rows:
        ctx.exit(1)
