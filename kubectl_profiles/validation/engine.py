"""The engine of `validate`: the rules over documents read from files, with the facts derived from them.

Catalogs found among the documents are the catalogs that installations are checked against, beside those a caller
adds (the live cluster's, with --cluster); the other facts (server version, APIs, user, policy) are given. Nested
profiles are resolved among the given definitions: a definition says where it lives with the annotation
`profiles.weave.works/source: URL@REF` (optionally `URL@REF#PATH`), and a nested `profile.source` naming the same
repository, ref and directory is that definition. Sources not among the documents go to `remote` when one is given
(--resolve-remote reads them from git) and are otherwise checked for form only.

Every rule is in `kubectl_profiles.rules` and reached through `rules.check_document`, as the webhook reaches its
own; the engine holds none. Each finding names the line of the offending field, looked for only when a reporter
asks for it (yamldocs.Locator).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.labels import SOURCE_ANNOTATION
from kubectl_profiles.model.refs import SourceRef, source_ref, version_from_tag
from kubectl_profiles.validation.inputs import Document, Inputs
from kubectl_profiles.validation.report import Finding, Note, Report
from kubectl_profiles.yamldocs import Locator, path_tokens

if TYPE_CHECKING:
    from kubectl_profiles.rules import Resolver


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
    docs: Sequence[Document],
    facts: Facts,
    extra_catalogs: Sequence[Mapping[str, Any]] = (),
    remote: Resolver | None = None,
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
            report.skipped += 1
            report.skipped_documents.append(Note(d.file, _not_ours(body), d.line))
            continue
        found = rules.check_document(body, facts, resolver=resolver, source=sources.get(i), kind=kind)
        if found:
            meta = body.get("metadata") if isinstance(body.get("metadata"), Mapping) else {}
            name = str(meta.get("name") or "")
            report.findings.extend(Finding(d.file, d.index, lines.finder(d, v.path), kind, name, v) for v in found)
    return report


def validate_inputs(
    inputs: Inputs, facts: Facts, extra_catalogs: Sequence[Mapping[str, Any]] = (), remote: Resolver | None = None
) -> Report:
    """The report of a whole run: the errors of the files that could not be read or parsed first, then the
    documents' findings, grouped by file; and the files skipped. Run it while the collector is paused
    (inputs.collector_paused): it drops the documents, so that they are freed before the collector resumes."""
    report = validate_documents(inputs.documents, facts, extra_catalogs, remote)
    inputs.documents = []  # freed now, while the collector is paused (see _Lines)
    report.skipped_files = inputs.notes
    if inputs.problems:
        order = {name: i for i, name in enumerate(dict.fromkeys(f.file for f in [*inputs.problems, *report.findings]))}
        report.findings = sorted([*inputs.problems, *report.findings], key=lambda f: order[f.file])
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
