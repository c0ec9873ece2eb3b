"""`status NAME` and `--wait`: an installation's health, from its conditions and its Flux objects.

`status` reads the Flux objects themselves (not only the installation's `status.objects`), so that it shows the
truth even when the controller is not running; each object's readiness is judged by the same function the
controller uses (kubectl_profiles.status.object_status). `--wait` polls the installation until the controller
reports `Ready=True` for the current generation (a Ready=True left from before an upgrade does not count), fails
at once on `Stalled=True`, and otherwise gives up at the timeout with the last message it saw.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

import click

from kubectl_profiles.cli import common
from kubectl_profiles.cli import output as output_mod


def _condition(obj: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    conditions = (obj.get("status") or {}).get("conditions")
    if not isinstance(conditions, list):
        return None
    return next((c for c in conditions if isinstance(c, Mapping) and c.get("type") == kind), None)


def flux_objects(ctx: click.Context, name: str, namespace: str) -> list[dict[str, Any]]:
    """The Flux objects labelled with the installation's name, of every Flux kind the cluster serves."""
    from kubectl_profiles.model.flux import FLUX_KINDS
    from kubectl_profiles.model.labels import INSTALLATION_LABEL

    k = common.kube(ctx)
    found: list[dict[str, Any]] = []
    for flux in FLUX_KINDS:  # a Flux kind the cluster does not serve holds no objects of ours
        found.extend(k.list(flux.plural, namespace, label_selector=f"{INSTALLATION_LABEL}={name}", if_served=True))
    return found


@click.command("status")
@click.argument("name")
@click.option("-o", "--output", type=click.Choice(["text", "json", "yaml"]), default="text", show_default=True)
@click.pass_context
def status_cmd(ctx: click.Context, name: str, output: str) -> None:
    """Show installation NAME's Ready condition and each of its Flux objects (like `flux tree`)."""
    import json

    from kubectl_profiles.errors import NotFoundError
    from kubectl_profiles.status import object_status

    k = common.kube(ctx)
    inst = k.get("profileinstallations", name, k.namespace)
    if inst is None:
        raise NotFoundError(
            f"installation {name!r} not found in namespace {k.namespace}", hint="list them with 'kubectl profiles get'"
        )
    seen = sorted(
        (object_status(o) for o in flux_objects(ctx, name, k.namespace)),
        key=lambda s: (0 if s.kind.endswith("Repository") else 1, s.kind, s.name),
    )
    ready = _condition(inst, "Ready")
    status = inst.get("status") or {}
    if output != "text":
        doc = {
            "name": name,
            "namespace": k.namespace,
            "ready": dict(ready) if ready else None,
            "resolvedVersion": status.get("resolvedVersion"),
            "availableUpdates": status.get("availableUpdates") or [],
            "objects": [{**s.as_dict(), "reason": s.reason} for s in seen],
        }
        click.echo(json.dumps(doc, indent=2) if output == "json" else output_mod.to_yaml(doc))
        return
    spec = inst.get("spec") or {}
    ref = spec.get("catalog") or {}
    what = (
        f"{ref.get('catalog')}/{ref.get('profile')} {ref.get('version')}"
        if ref
        else f"{(spec.get('source') or {}).get('url')} {status.get('resolvedVersion') or ''}".rstrip()
    )
    click.echo(f"profileinstallation/{name} ({what})")
    if ready is None:
        click.echo("  Ready: - (no status yet: is profiles-controller running?)")
    else:
        click.echo(f"  Ready: {ready.get('status')} {ready.get('reason') or ''}: {ready.get('message') or ''}".rstrip())
        generation = (inst.get("metadata") or {}).get("generation")
        if isinstance(generation, int) and isinstance(status.get("observedGeneration"), int):
            if status["observedGeneration"] < generation:
                click.echo(f"  (status is of generation {status['observedGeneration']}; the spec is at {generation})")
    if status.get("availableUpdates"):
        click.echo(f"  Updates: {', '.join(map(str, status['availableUpdates']))}")
    if not seen:
        click.echo("  (no Flux objects labelled with this installation)")
    for i, s in enumerate(seen):
        branch = "└──" if i == len(seen) - 1 else "├──"
        detail = f" {s.message}" if s.message else ""
        click.echo(f"  {branch} {s.kind}/{s.name} Ready={s.ready}{detail}")


def parse_timeout(text: str) -> float:
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.kube import parse_duration

    try:
        seconds = parse_duration(text)
    except UsageError as exc:
        raise UsageError(f"--timeout {text!r} is not a duration", hint="e.g. 90s, 5m") from exc
    return seconds if seconds is not None else float("inf")


def wait_ready(
    ctx: click.Context,
    name: str,
    namespace: str,
    timeout: float,
    *,
    interval: float = 1.0,
    say: Callable[[str], None] | None = None,
) -> Mapping[str, Any]:
    """Wait until installation NAME is Ready=True for its current generation; return that condition."""
    from kubectl_profiles.errors import ProfilesError

    k = common.kube(ctx)
    say = say or (lambda m: click.echo(f"... {m}", err=True) if sys.stderr.isatty() else None)
    deadline = time.monotonic() + timeout
    last = ""
    while True:
        inst = k.get("profileinstallations", name, namespace)
        if inst is None:
            raise ProfilesError(f"installation {name!r} disappeared while waiting for it")
        generation = (inst.get("metadata") or {}).get("generation")
        ready, stalled = _condition(inst, "Ready"), _condition(inst, "Stalled")
        current = ready is not None and (
            not isinstance(generation, int) or ready.get("observedGeneration") in (None, generation)
        )
        if current and ready is not None:
            if ready.get("status") == "True":
                return ready
            if stalled is not None and stalled.get("status") == "True":
                raise ProfilesError(f"{name} is stalled: {stalled.get('message') or ready.get('message')}")
        message = str(ready.get("message") or "") if current and ready is not None else "waiting for the controller"
        if message != last:
            say(f"{name}: {message}")
            last = message
        if time.monotonic() >= deadline:
            hint = "is profiles-controller running?" if ready is None else "see 'kubectl profiles status " + name + "'"
            raise ProfilesError(f"timed out waiting for {name} to be Ready: {message}", hint=hint)
        time.sleep(min(interval, max(0.0, deadline - time.monotonic())))
