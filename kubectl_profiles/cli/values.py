"""Install values: `-f FILE` (merged in order) and `--set a.b=c` (Helm-like typing), one clear line on errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kubectl_profiles.errors import InputError, UsageError
from kubectl_profiles.render import merge


def _typed(text: str) -> Any:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    try:
        return (
            int(text)
            if text.lstrip("-").isdigit() and not (text.lstrip("-").startswith("0") and len(text.lstrip("-")) > 1)
            else float(text)
            if _is_float(text)
            else text
        )
    except ValueError:
        return text


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return any(c.isdigit() for c in text) and "." in text


def parse_set(items: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or any(not part for part in key.split(".")):
            raise UsageError(f"--set {item!r}: write KEY=VALUE, with dots for nesting (server.replicaCount=2)")
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[parts[-1]] = _typed(value)
    return out


def load_values(files: Sequence[str], sets: Sequence[str], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    import yaml

    merged: Any = dict(base or {})
    for name in files:
        try:
            with open(name, encoding="utf-8") as fh:
                doc = yaml.safe_load(fh)
        except OSError as exc:
            raise InputError(f"values file {name}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f": line {mark.line + 1}" if mark is not None else ""
            raise InputError(
                f"values file {name}{where}: {getattr(exc, 'problem', None) or 'not valid YAML'}", hint="fix the YAML"
            ) from exc
        if doc is None:
            continue
        if not isinstance(doc, Mapping):
            raise InputError(f"values file {name}: must be a mapping of artifact names to values")
        merged = merge(merged, doc)
    result: dict[str, Any] = merge(merged, parse_set(sets)) if sets else merged
    return result


def parse_values_from(items: Sequence[str]) -> list[dict[str, Any]]:
    """`--values-from configmap/NAME[:KEY]` or `secret/NAME[:KEY]` as `spec.valuesFrom` entries."""
    out: list[dict[str, Any]] = []
    for item in items:
        kind, sep, rest = item.partition("/")
        name, _, key = rest.partition(":")
        canonical = {"configmap": "ConfigMap", "secret": "Secret"}.get(kind.lower())
        if not sep or canonical is None or not name:
            raise UsageError(
                f"--values-from {item!r}: write configmap/NAME or secret/NAME, with :KEY for a key other than "
                "values.yaml"
            )
        out.append({"kind": canonical, "name": name, **({"valuesKey": key} if key else {})})
    return out


def load_patches(path: str | None) -> list[dict[str, Any]]:
    """`--patches FILE`: a YAML list of `{artifact, target, patch}`, the shape of `spec.patches`."""
    import yaml

    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except OSError as exc:
        raise InputError(f"patches file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"patches file {path} is not valid YAML", hint="fix the YAML") from exc
    if not isinstance(doc, list) or not all(isinstance(p, Mapping) for p in doc):
        raise InputError(
            f"patches file {path}: must be a list of {{artifact, target, patch}}",
            hint="see spec.patches in the ProfileInstallation reference",
        )
    return [dict(p) for p in doc]
