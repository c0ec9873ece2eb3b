"""Every output format in one place: kubectl-style tables (aligned, no trailing spaces), JSON, YAML, names."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import click


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [c.ljust(widths[i]) if i < len(row) - 1 else c for i, c in enumerate(row)]
        lines.append("   ".join(padded).rstrip())
    return "\n".join(lines)


def to_yaml(doc: Any) -> str:
    import yaml

    if isinstance(doc, list):
        return yaml.safe_dump_all(doc, sort_keys=False).rstrip()
    return yaml.safe_dump(doc, sort_keys=False).rstrip()


def emit(
    fmt: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    docs: Sequence[Mapping[str, Any]],
    names: Sequence[str],
    *,
    wide_headers: Sequence[str] = (),
    wide_rows: Sequence[Sequence[Any]] = (),
    empty: str = "No resources found.",
) -> None:
    """Print data to stdout in the chosen format; a table with no rows says so on stderr, as kubectl does."""
    if fmt == "json":
        click.echo(json.dumps({"apiVersion": "v1", "kind": "List", "items": list(docs)}, indent=2))
    elif fmt == "yaml":
        click.echo(to_yaml({"apiVersion": "v1", "kind": "List", "items": list(docs)}))
    elif fmt == "name":
        for name in names:
            click.echo(name)
    elif not rows:
        click.echo(empty, err=True)
    elif fmt == "wide" and wide_headers:
        click.echo(table(wide_headers, wide_rows))
    else:
        click.echo(table(headers, rows))


def truncate(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
