"""Reading what `validate` checks: files, directories and standard input, as documents with their lines.

Files are read as a CI check of a whole repository needs: the files of Helm charts and templates/ directories, and
files holding Go template markers (`{{ }}`) instead of YAML, are skipped with a note (listed with -v), as is
whatever `--exclude` matches; a file that cannot be read or parsed is one problem, and the others are still read.
A document keeps its file's text and where it sits in its stream, so that a finding's line can be looked for
when it is printed (engine), not for every document read.
"""

from __future__ import annotations

import fnmatch
import gc
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kubectl_profiles.errors import InputError, UsageError
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.validation.report import Finding, Note
from kubectl_profiles.yamldocs import load_all, yaml_error

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ALIASES = 10_000
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]+")
_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(slots=True)
class Document:
    file: str
    index: int
    line: int
    """The line the document starts on."""
    body: Any
    text: str | None = None
    """The file's text (one string shared by its documents), to find a field's line when there is a violation."""
    stream: int = 0
    """Which document of the file's YAML stream holds this one."""
    prefix: tuple[str | int, ...] = ()
    """Where in that stream document this one sits: () itself, ('items', k) in a List, (k,) in a JSON array."""


@dataclass
class Inputs:
    documents: list[Document] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    """One error per file that could not be read or parsed."""
    notes: list[Note] = field(default_factory=list)
    """Files skipped: Helm chart templates and other files that are not manifests, and --exclude matches."""


class FileProblem(InputError):
    """A file that cannot be read or parsed; `validate` reports it as one error and goes on."""

    def __init__(self, message: str, *, rule: str, line: int = 1, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.rule = rule
        self.line = line


def _excluded(path: str, root: str, patterns: Sequence[str]) -> str | None:
    """The first --exclude glob matching a path (relative to the argument it was found under), or its name."""
    if not patterns:
        return None
    rel = os.path.relpath(path, root).replace(os.sep, "/") if path != root else os.path.basename(path)
    name = os.path.basename(path.rstrip(os.sep)) or path
    for pattern in patterns:
        if (
            fnmatch.fnmatchcase(rel, pattern)
            or fnmatch.fnmatchcase(name, pattern)
            or fnmatch.fnmatchcase(path, pattern)
        ):
            return pattern
    return None


def _files(paths: Sequence[str], exclude: Sequence[str], inputs: Inputs) -> Iterator[str]:
    for raw in paths:
        if raw == "-":
            yield "-"
        elif os.path.isdir(raw):
            yield from _walk(raw, exclude, inputs)
        elif os.path.exists(raw):
            pattern = _excluded(raw, raw, exclude)
            if pattern is not None:
                inputs.notes.append(Note(raw, f"excluded by --exclude {pattern!r}"))
            else:
                yield raw
        else:
            raise UsageError(f"{raw}: no such file or directory", hint="check the path")


def _walk(root: str, exclude: Sequence[str] = (), inputs: Inputs | None = None) -> list[str]:
    """Manifest files under a directory, recursively, in path order (os.scandir: a CI tree can hold thousands).

    Noted rather than read, as they are not manifests: the files of a Helm chart (a directory holding Chart.yaml:
    its templates are Go templates, its Chart.yaml and values.yaml no Kubernetes objects), except the chart's
    `crds/`, which Helm applies as they are; any other `templates/` directory; and whatever an --exclude glob
    matches (a directory's whole subtree).
    """
    found: list[str] = []
    notes: list[Note] = []
    pending: list[tuple[str, str | None]] = [(root, None)]  # (folder, why its files are not read, if so)
    while pending:
        folder, why = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            message = f"cannot read the directory: {exc.strerror}"
            if inputs is None:
                raise FileProblem(f"{folder}: {message}", rule="input.unreadable") from exc
            inputs.problems.append(_problem(folder, message, "input.unreadable"))
            continue
        chart_root = why is None and any(e.name == "Chart.yaml" and e.is_file() for e in entries)
        if chart_root:
            why = f"part of the Helm chart in {folder} (chart files are not manifests)"
        for entry in entries:
            pattern = _excluded(entry.path, root, exclude)
            if pattern is not None:
                notes.append(Note(entry.path, f"excluded by --exclude {pattern!r}"))
            elif entry.is_dir(follow_symlinks=False):
                if chart_root and entry.name == "crds":
                    pending.append((entry.path, None))  # a chart's CRDs are plain manifests
                elif why is None and entry.name == "templates":
                    pending.append((entry.path, f"in the templates directory {entry.path} (not manifests)"))
                else:
                    pending.append((entry.path, why))
            elif os.path.splitext(entry.name)[1] in _SUFFIXES and entry.is_file():
                if why is None:
                    found.append(entry.path)
                else:
                    notes.append(Note(entry.path, why))
    found.sort(key=lambda path: path.split(os.sep))
    if inputs is not None:
        inputs.notes.extend(sorted(notes, key=lambda note: note.file.split(os.sep)))
    return found


def _problem(name: str, message: str, rule: str, line: int = 1) -> Finding:
    display = "<stdin>" if name == "-" else name
    return Finding(display, 0, line, "", "", Violation("$", rule, problem=message))


def read_text(name: str) -> str:
    """A file's text (`-`: standard input), capped at MAX_FILE_BYTES; raises FileProblem."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            data = _read_bytes(name)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror}", rule="input.unreadable") from exc
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; split the file", rule="input.unreadable")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"not UTF-8 text (byte {exc.start})", rule="input.unreadable") from exc


def _read_bytes(name: str) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes, with one read for a regular file (no buffered reader to set up)."""
    fd = os.open(name, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        chunks: list[bytes] = []
        total = 0
        want = min(size, MAX_FILE_BYTES) + 1 if size else 1 << 16
        while total <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(want, MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 16
        return b"".join(chunks)  # one chunk comes back as itself, not a copy
    finally:
        os.close(fd)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while documents are parsed and checked.

    Parsed YAML and JSON are trees, which reference counting frees as soon as they are dropped; the cyclic
    collector has nothing to find in them. Yet it runs after every 700 new objects and walks them all, which
    took a third of validate's time on a large corpus (mypy and other batch tools pause or slow it for the same
    reason). What it could still collect here, a rare self-referencing YAML alias or an exception's frame, is
    bounded by the input (each file is capped at MAX_FILE_BYTES) and freed when the collector resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_inputs(paths: Sequence[str], exclude: Sequence[str] = ()) -> Inputs:
    """Every document of every file named (directories recursively, `-` for standard input); a file that cannot
    be read or parsed becomes one problem and the others are still read. A path that does not exist is a usage
    error."""
    inputs = Inputs()
    for name in _files(paths, exclude, inputs):
        text = ""
        try:
            text = read_text(name)
            inputs.documents.extend(parse_documents(name, text))
        except FileProblem as exc:
            if exc.rule == "input.parse" and "{{" in text:
                inputs.notes.append(Note(name, "a template ({{ ... }}), not YAML"))
            else:
                inputs.problems.append(_problem(name, str(exc), exc.rule, exc.line))
    return inputs


def read_documents(paths: Sequence[str]) -> list[Document]:
    """The documents of `read_inputs`; the first file that cannot be read or parsed raises its FileProblem."""
    inputs = read_inputs(paths)
    if inputs.problems:
        first = inputs.problems[0]
        raise FileProblem(f"{first.file}: {first.violation.message}", rule=first.violation.rule, line=first.line)
    return inputs.documents


def _doc_lines(text: str) -> list[int]:
    """1-based first line of each YAML document, for annotations (`---` separators)."""
    lines = [1]
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("---") and number > 1:
            lines.append(number + 1)
    return lines


def parse_documents(name: str, text: str) -> list[Document]:
    """Every document in a file: multi-document YAML, JSON, JSON arrays and `kind: List`. Raises FileProblem."""
    display = "<stdin>" if name == "-" else name
    stripped = text.lstrip()
    bodies: list[Any]
    if stripped.startswith(("{", "[")):
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if isinstance(parsed, list):
                return _expand(display, text, parsed, [1] * len(parsed), array=True)
            return _expand(display, text, [parsed], [1])
    if "&" in text and len(_ALIAS.findall(text)) > MAX_ALIASES:
        raise FileProblem(
            f"more than {MAX_ALIASES} YAML aliases; expand them (this guard stops alias bombs)", rule="input.parse"
        )
    try:
        bodies = load_all(text)
    except yaml_error() as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else 1
        raise FileProblem(f"not valid YAML: {problem}", rule="input.parse", line=line) from exc
    starts = _doc_lines(text)
    return _expand(display, text, bodies, starts)


def _expand(name: str, text: str, bodies: list[Any], starts: list[int], *, array: bool = False) -> list[Document]:
    out: list[Document] = []
    source: str | None = text
    if "\n" not in text.strip():
        source, starts = None, []  # a file on one line (JSON often is): every field is on line 1; keep no text
    for i, body in enumerate(bodies):
        if body is None:
            continue
        line = starts[i] if i < len(starts) else 1
        stream, prefix = (0, (i,)) if array else (i, ())
        if isinstance(body, Mapping) and body.get("kind") == "List" and isinstance(body.get("items"), list):
            out.extend(
                Document(name, len(out), line, item, source, stream, (*prefix, "items", k))
                for k, item in enumerate(body["items"])
            )
        else:
            out.append(Document(name, len(out), line, body, source, stream, prefix))
    return out
