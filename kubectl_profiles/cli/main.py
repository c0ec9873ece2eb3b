"""The `kubectl-profiles` entry point: the command group, kubectl's global flags, and the error edge.

Subcommands are imported only when they run (LazyGroup): `kubectl profiles --help` must stay fast, and the
Kubernetes client and jsonschema are heavy to import. Errors are printed here, once, as one `error: ...` line;
a traceback only with `--debug`.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from typing import Any

import click

from kubectl_profiles import __version__
from kubectl_profiles.errors import ProfilesError

# name -> "module:attribute"; the order is the order `--help` shows.
COMMANDS: dict[str, str] = {
    "list": "kubectl_profiles.cli.find:list_cmd",
    "describe": "kubectl_profiles.cli.find:describe_cmd",
    "install": "kubectl_profiles.cli.install:install_cmd",
    "template": "kubectl_profiles.cli.template:template_cmd",
    "show": "kubectl_profiles.cli.show:show_group",
    "get": "kubectl_profiles.cli.track:get_cmd",
    "status": "kubectl_profiles.cli.status:status_cmd",
    "outdated": "kubectl_profiles.cli.track:outdated_cmd",
    "upgrade": "kubectl_profiles.cli.upgrade:upgrade_cmd",
    "uninstall": "kubectl_profiles.cli.uninstall:uninstall_cmd",
    "catalog": "kubectl_profiles.cli.catalog:catalog_group",
    "validate": "kubectl_profiles.cli.validate:validate_cmd",
    "audit": "kubectl_profiles.cli.audit:audit_cmd",
    "migrate": "kubectl_profiles.cli.migrate:migrate_cmd",
    "version": "kubectl_profiles.cli.main:version_cmd",
    "completion": "kubectl_profiles.cli.complete:completion_cmd",
}
ALIASES = {"search": "list", "installed": "get"}
SHORT_HELP = {
    "list": "List and search profiles in the cluster's catalogs (alias: search).",
    "describe": "Show a profile: versions, artifacts, prerequisites, access, installations.",
    "install": "Install a profile into the cluster, or as files for a GitOps repository.",
    "template": "Print the objects install would write (no cluster needed with --url or --catalog-file).",
    "show": "Show a profile's default values (show values REF).",
    "get": "List installations, their health and available updates (alias: installed).",
    "status": "Show an installation's Ready condition and each of its Flux objects.",
    "outdated": "List installations that have a newer version in their catalog.",
    "upgrade": "Move an installation to another version.",
    "uninstall": "Remove an installation and the objects it created.",
    "catalog": "Manage catalog sources: list, add, remove, scan.",
    "validate": "Check profile manifests offline (for CI).",
    "audit": "List every installation that breaks a rule now.",
    "migrate": "Rewrite the original's ProfileSubscriptions as ProfileInstallations.",
    "version": "Print the plugin's version.",
    "completion": "Print a shell completion script (bash, zsh, fish).",
}


@dataclass
class GlobalOptions:
    """kubectl's global flags, shared by every command through click's context object."""

    kubeconfig: str | None = None
    context: str | None = None
    namespace: str | None = None
    all_namespaces: bool = False
    request_timeout: str | None = None
    impersonate: str | None = None
    impersonate_groups: tuple[str, ...] = ()
    debug: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class LazyGroup(click.Group):
    def __init__(self, *args: Any, lazy: dict[str, str], aliases: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        self.aliases = aliases

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = self.aliases.get(cmd_name, cmd_name)
        target = self.lazy.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
            raise TypeError(f"{target} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from a table, so that `--help` imports no subcommand module.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.lazy]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    aliases=ALIASES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.option("--kubeconfig", envvar="KUBECONFIG", metavar="PATH", help="Path to the kubeconfig file.")
@click.option("--context", "kube_context", metavar="NAME", help="The kubeconfig context to use.")
@click.option("-n", "--namespace", metavar="NS", help="Namespace (default: the context's, else 'default').")
@click.option("-A", "--all-namespaces", is_flag=True, help="Act on every namespace.")
@click.option("--request-timeout", metavar="DURATION", help="API request timeout, e.g. 30s (0: none).")
@click.option("--as", "impersonate", metavar="USER", help="Act as this user (impersonation, as kubectl --as).")
@click.option(
    "--as-group", "impersonate_groups", metavar="GROUP", multiple=True, help="Act as a member of GROUP (repeatable)."
)
@click.option("--debug", is_flag=True, envvar="KUBECTL_PROFILES_DEBUG", help="Show tracebacks on errors.")
@click.version_option(__version__, "--version", prog_name="kubectl-profiles")
@click.pass_context
def cli(
    ctx: click.Context,
    kubeconfig: str | None,
    kube_context: str | None,
    namespace: str | None,
    all_namespaces: bool,
    request_timeout: str | None,
    impersonate: str | None,
    impersonate_groups: tuple[str, ...],
    debug: bool,
) -> None:
    """Find, install and track GitOps profiles from the cluster's catalogs.

    \b
    Examples:
      kubectl profiles list nginx
      kubectl profiles describe weaveworks/nginx
      kubectl profiles install weaveworks/nginx@^1.0 -n web
      kubectl profiles validate ./manifests
    """
    ctx.obj = GlobalOptions(
        kubeconfig=kubeconfig,
        context=kube_context,
        namespace=namespace,
        all_namespaces=all_namespaces,
        request_timeout=request_timeout,
        impersonate=impersonate,
        impersonate_groups=impersonate_groups,
        debug=debug,
    )


@click.command("version")
@click.option("-o", "--output", type=click.Choice(["text", "json", "yaml"]), default="text")
def version_cmd(output: str) -> None:
    """Print the plugin's version."""
    if output == "text":
        click.echo(f"kubectl-profiles {__version__}")
    else:
        import json

        doc = {"clientVersion": {"version": __version__, "python": sys.version.split()[0]}}
        click.echo(json.dumps(doc, indent=2) if output == "json" else f"clientVersion:\n  version: {__version__}")


_GLOBAL_WITH_VALUE = {"--kubeconfig", "--context", "-n", "--namespace", "--request-timeout", "--as", "--as-group"}
_GLOBAL_FLAGS = {"-A", "--all-namespaces", "--debug"}


def hoist_global_flags(args: list[str]) -> list[str]:
    """Move kubectl's global flags in front of the subcommand, where click expects them.

    kubectl users write `kubectl profiles get -A -n web`; the flags belong to the group, not to `get`.
    Everything after `--` is left alone.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg in _GLOBAL_FLAGS:
            front.append(arg)
        elif name in _GLOBAL_WITH_VALUE and "=" in arg:
            front.append(arg)
        elif arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front += [arg, args[i + 1]]
            i += 1
        elif arg.startswith("-n") and len(arg) > 2 and not arg.startswith("--"):
            front.append(arg)  # -nweb
        else:
            rest.append(arg)
        i += 1
    return front + rest


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return (and exit with) 0, 1 or 2. Errors are printed once, here."""
    args = hoist_global_flags(sys.argv[1:] if argv is None else list(argv))
    debug = "--debug" in args
    try:
        # With standalone_mode=False click returns ctx.exit()'s code instead of exiting.
        code = cli.main(args=args, prog_name="kubectl profiles", standalone_mode=False)
        if isinstance(code, int) and code != 0:
            sys.exit(code)
    except ProfilesError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
