"""`migrate FILE...`: the original's ProfileSubscriptions rewritten as ProfileInstallations (SPEC §1.2).

The conversion is `model.subscription.to_installation`, the same one `validate` and `audit` check subscriptions
through. Without `-i`, the installations go to standard output (`-o yaml`, or `-o json`: one object, or a `List`
of several), ready for `kubectl apply -f -`. With `-i`, each file is rewritten in place: only the documents that
were subscriptions change, the others keep their text and comments, and the file is replaced atomically (written
beside it, then renamed). Every subscription is checked first: if any names no profile, nothing is written.
Fields that have no place in an installation are named on standard error.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import click
import yaml

from kubectl_profiles.errors import ProfilesError, UsageError, ValidationFailed

_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)")


@dataclass
class _File:
    name: str
    text: str
    json: bool = False
    chunks: list[str] = field(default_factory=list)
    """The YAML text split at its document markers; each chunk holds at most one document."""
    changed: bool = False


def _chunks(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines(keepends=True):
        if _MARKER.match(line) and current:
            out.append("".join(current))
            current = []
        current.append(line)
    if current:
        out.append("".join(current))
    return out


def _dump(doc: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(doc), sort_keys=False, default_flow_style=False)


class _Migration:
    def __init__(self) -> None:
        self.installations: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.notes: list[str] = []

    def convert(self, doc: Any, where: str) -> dict[str, Any] | None:
        """The installation a subscription stands for; None for any other document (or a subscription that names
        no profile, which is recorded as a problem)."""
        from kubectl_profiles import rules
        from kubectl_profiles.model.subscription import to_installation
        from kubectl_profiles.rules.subscription import form_violations

        if not isinstance(doc, Mapping) or rules.kind_of(doc) != "ProfileSubscription":
            return None
        name = str((doc.get("metadata") or {}).get("name") or "")
        found = form_violations(doc)
        if found:
            self.problems += [f"{where}: profilesubscription/{name}: {v.message} [{v.rule}]" for v in found]
            return None
        conversion = to_installation(doc)
        for path, why in conversion.dropped:
            self.notes.append(f"{where}: profilesubscription/{name}: {path} is not carried over: {why}")
        self.installations.append(conversion.installation)
        return conversion.installation

    def file(self, name: str, text: str) -> _File:
        from kubectl_profiles.yamldocs import load_all

        display = "<stdin>" if name == "-" else name
        if text.lstrip().startswith(("{", "[")):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if parsed is not None:
                items = parsed if isinstance(parsed, list) else [parsed]
                out = _File(name, text, json=True)
                converted = [self._document(item, display) for item in items]
                if any(c is not None for c in converted):
                    new = [c if c is not None else item for c, item in zip(converted, items, strict=True)]
                    out.text = json.dumps(new if isinstance(parsed, list) else new[0], indent=2) + "\n"
                    out.changed = True
                return out
        out = _File(name, text, chunks=_chunks(text))
        for i, chunk in enumerate(out.chunks):
            try:
                docs = [d for d in load_all(chunk) if d is not None]
            except yaml.YAMLError as exc:
                raise ProfilesError(f"{display}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
            if len(docs) != 1:
                continue
            new_doc = self._document(docs[0], display)
            if new_doc is None:
                continue
            lines = chunk.splitlines(keepends=True)
            head = ["---\n"] if _MARKER.match(lines[0]) else []
            for line in lines[len(head) :]:  # the comments above the document stay with it
                if line.strip() and not line.lstrip().startswith("#"):
                    break
                head.append(line)
            out.chunks[i] = "".join(head) + _dump(new_doc)
            out.changed = True
        out.text = "".join(out.chunks)
        return out

    def _document(self, doc: Any, where: str) -> dict[str, Any] | None:
        """A document with every subscription in it converted (a `List`'s items too); None when it holds none."""
        if isinstance(doc, Mapping) and doc.get("kind") == "List" and isinstance(doc.get("items"), list):
            items = [self.convert(item, where) for item in doc["items"]]
            if all(i is None for i in items):
                return None
            new_items = [n if n is not None else o for n, o in zip(items, doc["items"], strict=True)]
            return {**doc, "items": new_items}
        return self.convert(doc, where)


def _write_atomically(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@click.command("migrate")
@click.argument("files", nargs=-1, required=True, metavar="FILE|-...")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite each file, replacing its subscriptions.")
@click.option(
    "-o",
    "--output",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="Format on standard output (default yaml); -i keeps each file's own format.",
)
def migrate_cmd(files: tuple[str, ...], in_place: bool, output: str | None) -> None:
    """Rewrite the original's ProfileSubscriptions as ProfileInstallations.

    \b
    Examples:
      kubectl profiles migrate subscription.yaml | kubectl apply -f -
      kubectl profiles migrate -i gitops/*.yaml
    """
    from kubectl_profiles.validation.inputs import FileProblem, read_text

    if in_place and output is not None:
        raise UsageError("-o sets the format of standard output; -i rewrites each file in its own format")
    if in_place and "-" in files:
        raise UsageError("-i cannot rewrite standard input; name the files")
    migration = _Migration()
    parsed = []
    for name in files:
        if name != "-" and not os.path.isfile(name):
            raise UsageError(f"{name}: no such file", hint="name YAML or JSON files")
        try:
            text = read_text(name)
        except FileProblem as exc:
            raise ProfilesError(f"{name}: {exc}") from exc
        parsed.append(migration.file(name, text))
    if migration.problems:
        for line in migration.problems[:-1]:
            click.echo(f"error: {line}", err=True)
        raise ValidationFailed(migration.problems[-1] + "; nothing was written")
    for note in migration.notes:
        click.echo(f"note: {note}", err=True)
    if not migration.installations:
        raise ProfilesError("no ProfileSubscription found in " + ", ".join(files))
    if in_place:
        for f in parsed:
            if f.changed:
                _write_atomically(f.name, f.text)
                click.echo(f"{f.name}: migrated", err=True)
        return
    if output == "json":
        items = migration.installations
        body = items[0] if len(items) == 1 else {"apiVersion": "v1", "kind": "List", "items": items}
        click.echo(json.dumps(body, indent=2))
    else:
        click.echo(yaml.safe_dump_all(migration.installations, sort_keys=False).rstrip())
