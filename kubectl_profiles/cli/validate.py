"""`kubectl profiles validate`: the webhook's rules, offline, over files (SPEC §4).

Catalogs found among the inputs are the catalogs that installations are checked against; flags stand in for the
facts a cluster would give (`--kubernetes-version`, `--api`, `--user`, `--group`, `--namespace-labels`). Nested
profiles are resolved among the given definitions: a definition says where it lives with the annotation
`profiles.weave.works/source: URL@REF` (optionally `URL@REF#PATH`), and a nested `profile.source` naming the same
repository, ref and directory is that definition. Sources not among the files are checked for form only, unless
`--resolve-remote` lets validate read them from git; `--cluster` adds the live cluster's catalogs and facts.

Files are read as a CI check of a whole repository needs: the files of Helm charts and templates/ directories, and
files holding Go template markers (`{{ }}`) instead of YAML, are skipped with a note (listed with -v), as is
whatever `--exclude` matches; a file that cannot be read or parsed is one error, and the run goes on. Each finding
names the line of the offending field, looked for only when a finding is printed (yamldocs.Locator).

Exit codes: 0 all valid, 1 any violation (warnings too with --strict) or a file that cannot be read or parsed,
2 a bad flag or a path that does not exist.
"""

from __future__ import annotations

import fnmatch
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click

from kubectl_profiles import fastjson
from kubectl_profiles.errors import InputError, UsageError
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.refs import SourceRef, source_ref, version_from_tag
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.yamldocs import Locator, load_all, path_tokens, yaml_error

SOURCE_ANNOTATION = "profiles.weave.works/source"
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
class Finding:
    file: str
    index: int
    where: int | Callable[[], int]
    """The line, or how to find it: found when first asked for (`line`), so that checking pays nothing for it."""
    kind: str
    name: str
    violation: Violation

    @property
    def line(self) -> int:
        """The line of the offending field (of the document's start when it cannot be told)."""
        if not isinstance(self.where, int):
            self.where = self.where()
        return self.where


@dataclass(frozen=True)
class Note:
    """A file or document not checked, and why: shown with -v."""

    file: str
    reason: str
    line: int | None = None


@dataclass
class Inputs:
    documents: list[Document] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    """One error per file that could not be read or parsed."""
    notes: list[Note] = field(default_factory=list)
    """Files skipped: Helm chart templates and other files that are not manifests, and --exclude matches."""


@dataclass
class Report:
    documents: int = 0
    skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped_documents: list[Note] = field(default_factory=list)
    skipped_files: list[Note] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.violation.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


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


def _parse_source_annotation(value: str) -> SourceRef | None:
    """`URL@REF[#PATH]`. A REF ending in a version (`nginx/v1.0.0`) is a tag, and without #PATH its prefix is the
    directory, as for nested sources (refs.source_ref); any other REF is read as a branch, at the root."""
    head, _, path = value.partition("#")
    url, sep, ref = head.rpartition("@")
    if not sep or not url or not ref:
        return None
    if version_from_tag(ref) is not None:
        return source_ref(url, tag=ref, path=path or None)
    return source_ref(url, branch=ref, path=path or None)


def _definition_source(body: Mapping[str, Any]) -> SourceRef | None:
    annotations = body.get("metadata", {}).get("annotations") if isinstance(body.get("metadata"), Mapping) else None
    value = annotations.get(SOURCE_ANNOTATION) if isinstance(annotations, Mapping) else None
    return _parse_source_annotation(value) if isinstance(value, str) else None


def _key(src: SourceRef) -> tuple[str, str, str]:
    # Tags and branches share one namespace for matching: `@main` names a branch as readily as a tag.
    url, _, path = src.key()
    return (url, src.ref, path)


def validate_documents(
    docs: Sequence[Document], facts: Facts, extra_catalogs: Sequence[Mapping[str, Any]] = (), remote: Any = None
) -> Report:
    """Check every document; `remote`, when given, resolves nested sources that are not among the files."""
    from kubectl_profiles import rules
    from kubectl_profiles.catalog import CatalogIndex

    report = Report(documents=len(docs))
    kinds = [rules.kind_of(d.body) if isinstance(d.body, Mapping) else None for d in docs]
    catalogs = [d.body for d, k in zip(docs, kinds, strict=True) if k == "ProfileCatalogSource"]
    catalogs += list(extra_catalogs)
    installations = [d.body for d, k in zip(docs, kinds, strict=True) if k == "ProfileInstallation"]
    definitions: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    sources: dict[int, SourceRef | None] = {}
    for i, (d, k) in enumerate(zip(docs, kinds, strict=True)):
        if k == "ProfileDefinition":
            src = sources[i] = _definition_source(d.body)
            if src is not None:
                definitions[_key(src)] = d.body
    facts = Facts(
        catalogs=catalogs,
        installations=[*facts.installations, *installations],
        namespace_labels=facts.namespace_labels,
        server_version=facts.server_version,
        served_apis=facts.served_apis,
        user=facts.user,
        policy=facts.policy,
        allow_downgrade=facts.allow_downgrade,
        index=CatalogIndex(catalogs),
    )

    def resolver(src: SourceRef) -> Mapping[str, Any] | None:
        found = definitions.get(_key(src))
        if found is None and remote is not None:
            fetched: Mapping[str, Any] | None = remote(src)
            return fetched
        return found

    lines = _Lines()
    for i, (d, kind) in enumerate(zip(docs, kinds, strict=True)):
        body = d.body
        if kind is None:
            if isinstance(body, Mapping) and _is_own_crd(body):
                found = _check_crd(body)
                kind = "CustomResourceDefinition"
            else:
                report.skipped += 1
                report.skipped_documents.append(Note(d.file, _not_ours(body), d.line))
                continue
        else:
            found = rules.check_document(body, facts, resolver=resolver, source=sources.get(i), kind=kind)
        if found:
            meta = body.get("metadata") if isinstance(body.get("metadata"), Mapping) else {}
            name = str(meta.get("name") or "")
            report.findings.extend(Finding(d.file, d.index, lines.finder(d, v.path), kind, name, v) for v in found)
    return report


class _Lines:
    """Lines of fields, looked for only for the violations reported; one Locator per file's text.

    A finding keeps what it needs to find its line (the file's text and where its document sits), not the parsed
    document: the documents are freed while the garbage collector is still paused (collector_paused), so that its
    first pass afterwards has only the report to walk.
    """

    def __init__(self) -> None:
        self._locators: dict[int, Locator] = {}

    def finder(self, doc: Document, path: str) -> int | Callable[[], int]:
        text, stream, prefix, line = doc.text, doc.stream, doc.prefix, doc.line
        if text is None:
            return line
        return lambda: self.of(text, stream, [*prefix, *path_tokens(path)], line)

    def of(self, text: str, stream: int, tokens: list[str | int], default: int) -> int:
        locator = self._locators.get(id(text))
        if locator is None:
            locator = self._locators[id(text)] = Locator(text)
        found = locator.line(stream, tokens)
        return default if found is None else found


def _not_ours(body: Any) -> str:
    if not isinstance(body, Mapping) or not isinstance(body.get("kind"), str):
        return "not a Kubernetes object (no kind)"
    return f"kind {body.get('apiVersion')}/{body['kind']} is not one this tool checks"


def _is_own_crd(body: Mapping[str, Any]) -> bool:
    spec = body.get("spec")
    return (
        body.get("kind") == "CustomResourceDefinition"
        and isinstance(spec, Mapping)
        and spec.get("group") == "weave.works"
    )


def _check_crd(body: Mapping[str, Any]) -> list[Violation]:
    """The project's own CRDs: each served version has a structural schema that compiles."""
    import jsonschema

    out: list[Violation] = []
    spec = body["spec"]
    versions = spec.get("versions") if isinstance(spec.get("versions"), list) else []
    if not versions:
        out.append(Violation("$.spec.versions", "crd.versions", problem="a CRD needs at least one version"))
    for i, version in enumerate(versions):
        schema = (version.get("schema") or {}).get("openAPIV3Schema") if isinstance(version, Mapping) else None
        if not isinstance(schema, Mapping) or schema.get("type") != "object":
            out.append(
                Violation(
                    f"$.spec.versions[{i}].schema",
                    "crd.schema",
                    problem="a structural schema of type object is required",
                    field=f"spec.versions[{i}].schema.openAPIV3Schema",
                )
            )
            continue
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            out.append(
                Violation(
                    f"$.spec.versions[{i}].schema",
                    "crd.schema",
                    problem=str(exc.message),
                    field=f"spec.versions[{i}].schema.openAPIV3Schema",
                )
            )
    return out


# --- output ---------------------------------------------------------------------------------------------------
def render_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        v = f.violation
        label = "error" if v.is_error else "warning"
        lines.append(f"{f.file}:{f.line}: {label}: {v.path}: {v.detail} [{v.rule}]")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    doc = {
        "summary": {
            "documents": report.documents,
            "skipped": report.skipped,
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "violations": [
            {
                "file": f.file,
                "document": f.index,
                "line": f.line,
                "kind": f.kind,
                "name": f.name,
                **f.violation.to_dict(),
            }
            for f in report.findings
        ],
        "skipped_files": [{"file": n.file, "reason": n.reason} for n in report.skipped_files],
    }
    return fastjson.dumps_indented(doc)


def render_junit(report: Report, strict: bool) -> str:
    from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib, which no other output needs

    failing = [f for f in report.findings if f.violation.is_error or strict]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="kubectl-profiles validate" tests="{report.documents}" failures="{len(failing)}">',
        f'  <testsuite name="validate" tests="{report.documents}" failures="{len(failing)}" '
        f'skipped="{report.skipped}">',
    ]
    for f in report.findings:
        v = f.violation
        name = quoteattr(f"{f.file}#{f.index} {f.kind}/{f.name} {v.path}")
        out.append(f"    <testcase classname={quoteattr(f.file)} name={name}>")
        tag = "failure" if (v.is_error or strict) else "system-out"
        if tag == "failure":
            out.append(f"      <failure type={quoteattr(v.rule)} message={quoteattr(v.message)}/>")
        else:
            out.append(f"      <system-out>{escape(f'warning [{v.rule}] {v.message}')}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out)


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(report: Report) -> str:
    lines = []
    for f in report.findings:
        v = f.violation
        level = "error" if v.is_error else "warning"
        title = _gh_escape(f"{v.rule} {v.path}", prop=True)
        lines.append(f"::{level} file={_gh_escape(f.file, True)},line={f.line},title={title}::{_gh_escape(v.message)}")
    return "\n".join(lines)


def _namespace_labels(values: Sequence[str]) -> dict[str, dict[str, str]] | None:
    if not values:
        return None
    out: dict[str, dict[str, str]] = {}
    for raw in values:
        ns, sep, label = raw.partition("=")
        key, sep2, value = label.partition("=")
        if not sep or not sep2 or not ns or not key:
            raise UsageError(f"--namespace-labels {raw!r}: write NAMESPACE=KEY=VALUE")
        out.setdefault(ns, {})[key] = value
    return out


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH|-...")
@click.option(
    "-o",
    "--output",
    type=click.Choice(["text", "json", "junit", "github"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("--kubernetes-version", metavar="VERSION", help="Stand-in for the API server's version, e.g. 1.29.")
@click.option(
    "--api",
    "apis",
    multiple=True,
    metavar="GROUP/VERSION/KIND",
    help="Stand-in for a served API (repeatable), e.g. cert-manager.io/v1/Certificate.",
)
@click.option("--user", default="", help="Stand-in for the requesting user.")
@click.option("--group", "groups", multiple=True, help="Stand-in for the user's groups (repeatable).")
@click.option(
    "--namespace-labels",
    "ns_labels",
    multiple=True,
    metavar="NS=KEY=VALUE",
    help="Stand-in for a namespace's labels (repeatable), for namespaceSelector access rules.",
)
@click.option(
    "--default-catalog-access",
    type=click.Choice(["all", "same-namespace"]),
    default="all",
    show_default=True,
    help="As the webhook's flag of the same name.",
)
@click.option("--forbid-uncatalogued", is_flag=True, help="As the webhook's flag: refuse spec.source installs.")
@click.option("--cluster", "use_cluster", is_flag=True, help="Add the live cluster's catalogs and facts.")
@click.option(
    "--resolve-remote",
    is_flag=True,
    help="Read nested profiles that are not among the files from their git repositories.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="GLOB",
    help="Skip files and directories whose path (relative to the argument) or name matches (repeatable).",
)
@click.option("-v", "--verbose", is_flag=True, help="List the files and documents skipped, and why.")
@click.pass_context
def validate_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    output: str,
    kubernetes_version: str | None,
    apis: tuple[str, ...],
    user: str,
    groups: tuple[str, ...],
    ns_labels: tuple[str, ...],
    default_catalog_access: str,
    forbid_uncatalogued: bool,
    use_cluster: bool,
    resolve_remote: bool,
    strict: bool,
    excludes: tuple[str, ...],
    verbose: bool,
) -> None:
    """Check profile manifests offline, with the webhook's rules (for CI).

    Reads files, directories (recursively: *.yaml, *.yml, *.json) and - (standard input). In a profile
    repository, Helm charts (directories with Chart.yaml, except their crds/) and templates/ directories are
    skipped, as are files that hold {{ template }} markers instead of YAML. Exit codes: 0 valid, 1 violations or
    a file that cannot be read or parsed, 2 a bad flag or a path that does not exist.
    """
    from kubectl_profiles.model.semver import coerce_version

    if kubernetes_version is not None and coerce_version(kubernetes_version) is None:
        raise UsageError(f"--kubernetes-version {kubernetes_version!r} is not a version", hint="e.g. 1.29")
    for api in apis:
        if api.count("/") not in (1, 2):
            raise UsageError(f"--api {api!r}: write GROUP/VERSION/KIND or v1/KIND")
    facts = Facts(
        server_version=kubernetes_version,
        served_apis=frozenset(apis) if apis else None,
        namespace_labels=_namespace_labels(ns_labels),
        user=UserInfo(user, tuple(groups)),
        policy=Policy(
            default_catalog_access="same-namespace" if default_catalog_access == "same-namespace" else "all",
            forbid_uncatalogued=forbid_uncatalogued,
        ),
    )
    extra: list[Mapping[str, Any]] = []
    if use_cluster:
        facts, extra = _cluster_facts(ctx, facts)
    remote = None
    if resolve_remote:
        from kubectl_profiles.cli.common import git_timeout
        from kubectl_profiles.sources import GitCache, make_resolver

        remote = make_resolver(GitCache(timeout=git_timeout(ctx)))
    with collector_paused():
        inputs = read_inputs(paths, excludes)
        report = validate_documents(inputs.documents, facts, extra, remote)
        inputs.documents = []  # freed now, while the collector is paused (see _Lines)
    report.skipped_files = inputs.notes
    if inputs.problems:
        order = {name: i for i, name in enumerate(dict.fromkeys(f.file for f in [*inputs.problems, *report.findings]))}
        report.findings = sorted([*inputs.problems, *report.findings], key=lambda f: order[f.file])
    rendered = {"text": render_text, "json": render_json, "github": render_github}.get(output)
    body = rendered(report) if rendered else render_junit(report, strict)
    if body:
        click.echo(body)
    if verbose:
        for note in report.skipped_files:
            click.echo(f"skipped {note.file}: {note.reason}", err=True)
        for note in report.skipped_documents:
            click.echo(f"skipped {note.file}:{note.line}: {note.reason}", err=True)
    files = f" and skipped {len(report.skipped_files)} files" if report.skipped_files else ""
    click.echo(
        f"checked {report.documents} documents ({report.skipped} skipped){files}: {report.errors} errors, "
        f"{report.warnings} warnings",
        err=True,
    )
    if report.errors or (strict and report.warnings):
        ctx.exit(1)


def _cluster_facts(ctx: click.Context, facts: Facts) -> tuple[Facts, list[Mapping[str, Any]]]:
    """Facts from the live cluster: one list per kind, plus the server's version and APIs."""
    from kubectl_profiles.cli import common

    kube = common.kube(ctx)
    catalogs: list[Mapping[str, Any]] = [*kube.list("profilecatalogsources")]
    installations = kube.list("profileinstallations")
    new = Facts(
        catalogs=(),
        installations=installations,
        namespace_labels=facts.namespace_labels or kube.namespace_labels(),
        server_version=facts.server_version or kube.server_version(),
        served_apis=facts.served_apis or kube.served_apis(),
        user=facts.user,
        policy=facts.policy,
    )
    return new, catalogs
