"""`template`: the objects `install` would write, printed, like `helm template`.

It is `install --dry-run=client` under its own name, with the same flags for choosing the profile and its settings
(the two cannot drift apart: the options are install's). With `--url` or `--catalog-file` it touches no cluster and
needs no kubeconfig.
"""

from __future__ import annotations

from typing import Any

import click

from kubectl_profiles.cli.install import install_cmd

_INSTALL_ONLY = {"dry_run", "output", "output_dir", "commit", "push", "create_pr", "message"}


@click.command(
    "template",
    params=[
        *(p for p in install_cmd.params if p.name not in _INSTALL_ONLY),
        click.Option(["-o", "--output"], type=click.Choice(["yaml", "json"]), default="yaml", show_default=True),
    ],
)
@click.pass_context
def template_cmd(ctx: click.Context, /, output: str, **options: Any) -> None:
    """Print the ProfileInstallation and Flux objects that install would write (no cluster with --url or
    --catalog-file)."""
    ctx.invoke(
        install_cmd,
        **options,
        dry_run="client",
        output=output,
        output_dir=None,
        commit=False,
        push=False,
        create_pr=False,
        message=None,
    )
