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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import click

from kubectl_profiles import fastjson
from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.refs import SourceRef, source_ref, version_from_tag
from kubectl_profiles.model.violation import Violation
from kubectl_profiles.validation.inputs import Document, collector_paused, read_inputs
from kubectl_profiles.validation.report import Finding, Note, Report
from kubectl_profiles.yamldocs import Locator, path_tokens

SOURCE_ANNOTATION = "profiles.weave.works/source"


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
        out.append(Violation("$.spec.versions", "crd.versions", "spec.versions: a CRD needs at least one version"))
    for i, version in enumerate(versions):
        schema = (version.get("schema") or {}).get("openAPIV3Schema") if isinstance(version, Mapping) else None
        if not isinstance(schema, Mapping) or schema.get("type") != "object":
            out.append(
                Violation(
                    f"$.spec.versions[{i}].schema",
                    "crd.schema",
                    f"spec.versions[{i}].schema.openAPIV3Schema: a structural schema of type object is required",
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
                    f"spec.versions[{i}].schema.openAPIV3Schema: {exc.message}",
                )
            )
    return out


# --- output ---------------------------------------------------------------------------------------------------
def render_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        v = f.violation
        label = "error" if v.is_error else "warning"
        lines.append(f"{f.file}:{f.line}: {label}: {v.path}: {_strip_path(v)} [{v.rule}]")
    return "\n".join(lines)


def _strip_path(v: Violation) -> str:
    prefix = v.path[2:] + ": "
    return v.message[len(prefix) :] if v.path.startswith("$.") and v.message.startswith(prefix) else v.message


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
