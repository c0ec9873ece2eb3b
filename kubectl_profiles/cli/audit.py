"""`audit`: every installation that breaks a rule today (revoked access, removed entry, unmet prerequisite).

The webhook checks an installation when it is written; catalogs and clusters change afterwards. This runs the same
rules over every installation with today's facts. Access is judged by namespace only: who installed an object is
not recorded, so group grants cannot be re-checked.
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
    index = common.catalog_index(ctx)
    facts = common.cluster_facts(ctx, index, installations=k.list("profileinstallations"))
    rows, docs = [], []
    for inst in installations:
        for v in rules.check_installation(inst, facts):
            if not v.is_error:
                continue
            rows.append(
                [inst["metadata"]["namespace"], inst["metadata"]["name"], v.rule, output_mod.truncate(v.message, 100)]
            )
            docs.append({"namespace": inst["metadata"]["namespace"], "name": inst["metadata"]["name"], **v.to_dict()})
    output_mod.emit(
        output,
        ["NAMESPACE", "NAME", "RULE", "MESSAGE"],
        rows,
        docs,
        [f"profileinstallation.weave.works/{d['name']}" for d in docs],
        empty=f"All {len(installations)} installations follow the rules.",
    )
    if rows:
        ctx.exit(1)
