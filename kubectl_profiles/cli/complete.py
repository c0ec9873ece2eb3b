"""Shell completion: `completion bash|zsh|fish` scripts from click, and the kubectl completion helper.

kubectl (1.26 and newer) completes a plugin's arguments by running `kubectl_complete-profiles ARGS... INCOMPLETE`
and reading cobra's format: one candidate per line, then `:DIRECTIVE` (4 = no file completion).
"""

from __future__ import annotations

import os
import sys

import click

PROG = "kubectl-profiles"
ENV = "_KUBECTL_PROFILES_COMPLETE"


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_cmd(shell: str) -> None:
    """Print a completion script: e.g. `source <(kubectl profiles completion bash)`."""
    from click.shell_completion import get_completion_class

    from kubectl_profiles.cli.main import cli

    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click knows all three
        raise click.UsageError(f"no completion for {shell}")
    click.echo(cls(cli, {}, PROG, ENV).source())


def candidates(args: list[str]) -> list[str]:
    from click.shell_completion import ShellComplete

    from kubectl_profiles.cli.main import cli

    *words, incomplete = args or [""]
    completer = ShellComplete(cli, {}, PROG, ENV)
    return [item.value for item in completer.get_completions(words, incomplete)]


def main() -> None:
    """The `kubectl_complete-profiles` helper."""
    args = sys.argv[1:]
    if args and args[0] == "__complete":
        args = args[1:]
    os.environ.pop(ENV, None)
    for value in candidates(args):
        print(value)
    print(":4")
