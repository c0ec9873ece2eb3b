"""Helm chart repositories as catalogs: an `index.yaml` into catalog entries, a chart archive into its files.

Pure: callers bring the bytes (sources/helmrepo.py fetches them).

A chart is a profile when its `Chart.yaml` carries the annotation `weave.works/profile: NAME` (the form Weave
GitOps published its profiles in); NAME is the profile's name, which may differ from the chart's. Every version
of such a chart in the index becomes one entry, in the shape of `spec.profiles[]`, with the chart in `chart`:
`{url: <repository>, name: <chart>, archive: <absolute .tgz URL>, digest}`. The annotations `weave.works/category`,
`weave.works/layer` and `weave.works/links` become `category`, `layer` and `links`; Helm's `kubeVersion` becomes
the prerequisite `kubernetes RANGE` (Masterminds' comma "and" written as a space, as npm ranges want).

`weave.works/links` has no published grammar; read here, like Artifact Hub's `artifacthub.io/links`, as a YAML
list of `{name, url}` mappings, or a list of URLs, or URLs separated by white space or commas.

Speed. The largest public indexes hold tens of thousands of chart versions (20 MB and more), and a general YAML
parser builds every one of them although few, if any, are profiles. So the index is first cut into its chart
versions by their indentation (the block layout that `helm repo index` writes and every other generator copies),
and only the versions whose text mentions the annotation are parsed. The cut is checked, not trusted: a line
that is neither a chart key nor a list item at the expected indentation, a piece that does not parse as one
mapping, or any other layout (JSON, flow style, aliases) sends the whole file to the full parser. The price: a
syntax error inside a version that is not a profile goes unnoticed, as it changes no entry.
"""

from __future__ import annotations

import gzip
import io
import json
import posixpath
import re
import tarfile
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from kubectl_profiles import yamldocs
from kubectl_profiles.errors import SourceError
from kubectl_profiles.model.semver import is_semver

PROFILE_ANNOTATION = "weave.works/profile"
CATEGORY_ANNOTATION = "weave.works/category"
LAYER_ANNOTATION = "weave.works/layer"
LINKS_ANNOTATION = "weave.works/links"

MAX_ARCHIVE_BYTES = 16 * 1024 * 1024
"""A chart archive, compressed; Helm's own limit for a chart is smaller than this."""
MAX_MEMBER_BYTES = 4 * 1024 * 1024
"""One file read out of a chart archive (values.yaml, Chart.yaml)."""
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""Everything a chart archive unpacks to; more is a decompression bomb, not a chart."""

Warn = Callable[[str], None]


def _load(text: str) -> Any:
    """One YAML document, read as YAML 1.2 on the fast path (yamldocs.load_core): an index's fields are strings."""
    return yamldocs.load_core(text)


# --- cutting an index into its chart versions ----------------------------------------------------------------
_ENTRIES = re.compile(r"^entries:[ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)
# Each pattern starts with a literal character, so that the engine skips ahead with a fast search over 20 MB.
_TOP_KEY = re.compile(r"\n([^\s#-][^\n]*)")
_TOP_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*:(?:[ \t]|$)")
_ALIAS = re.compile(r"\*(?<![^\s\[{,]\*)[A-Za-z0-9_]")
_NEXT_LINE = re.compile(r"\n( *)(?=[^ \n\r#])")
_FIRST_ITEM = re.compile(r"\n( *)-(?: |\r?\n)")
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*|'[^'\n]*'|\"[^\"\\\n]*\"):[ \t]*(?:#.*)?")


class _Layout(Exception):
    """The index is not in the block layout the cut understands; read it whole."""


def _pieces(text: str) -> tuple[int, list[tuple[str, int, int]]]:
    """The versions' indentation and (chart key, start, end) of every version's text; raises _Layout."""
    found = _ENTRIES.search(text)
    if found is None:
        raise _Layout
    if _ALIAS.search(text) is not None:
        raise _Layout  # an alias may copy a profile's fields into a version whose text does not mention them
    top = _TOP_KEY.search(text, found.end())
    end = top.start() + 1 if top is not None else len(text)
    if top is not None and not _TOP_FIELD.match(top.group(1)):
        raise _Layout  # a line at column 0 that is no key: something the cut does not understand
    first = _NEXT_LINE.search(text, found.end(), end)
    if first is None:
        return 0, []
    key_indent = len(first.group(1))
    item = _FIRST_ITEM.search(text, first.end(), end)
    if key_indent == 0 or item is None:
        raise _Layout
    item_indent = len(item.group(1))
    if item_indent < key_indent:
        raise _Layout
    # Every line that starts at or left of the versions' indentation is a chart key or a version's `- `.
    boundary = re.compile(rf"\n( {{0,{item_indent}}})(?=[^ \n\r#])")
    pieces: list[tuple[str, int, int]] = []
    key: str | None = None
    piece_start = -1
    pos = first.start()
    while True:
        hit = boundary.search(text, pos, end)
        if piece_start >= 0 and key is not None:
            pieces.append((key, piece_start, hit.start() + 1 if hit is not None else end))
            piece_start = -1
        if hit is None:
            return item_indent, pieces
        line_start = hit.end()
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end < 0 else line_end
        line = text[line_start:line_end].rstrip("\r")
        indent = len(hit.group(1))
        if indent == item_indent and (line.startswith("- ") or line == "-"):
            if key is None:
                raise _Layout
            piece_start = hit.start() + 1
        elif indent == key_indent:
            match = _KEY.fullmatch(line)
            if match is None:
                raise _Layout
            key = match.group(1).strip("'\"")
        else:
            raise _Layout
        pos = line_end


_BATCH = 500
"""Chart versions parsed at a time: memory holds one batch of parsed versions, not the whole index's."""
_UNUSED = ("apiVersion", "appVersion", "created", "dependencies", "home", "icon", "sources", "type")
"""Fields of an index entry that no catalog entry uses; removed from the text before parsing (half of it)."""


def _unused_fields(key_indent: int) -> re.Pattern[str]:
    """A field at the versions' key indentation and its value: the lines below it that are deeper, or list items
    at its own indentation (helm's layout), or blank."""
    names = "|".join(_UNUSED)
    return re.compile(
        rf"\n {{{key_indent}}}(?:{names}):[^\n]*(?:\n(?: {{{key_indent + 1},}}[^\n]*| {{{key_indent}}}- [^\n]*|[ \t]*(?=\n)))*"
    )


def _batches(text: str) -> Iterator[list[tuple[str, Mapping[str, Any]]]]:
    """(chart key, version mapping) for each version whose text mentions the annotation, a batch at a time.

    Raises _Layout when the index must be read whole instead.
    """
    item_indent, pieces = _pieces(text)
    unused = _unused_fields(item_indent + 2)
    keys: list[str] = []
    chunks: list[str] = []
    mention = text.find(PROFILE_ANNOTATION, pieces[0][1]) if pieces else -1
    for n, (key, start, end) in enumerate(pieces):
        if mention >= 0:
            if mention < start:
                mention = text.find(PROFILE_ANNOTATION, start)
            if 0 <= mention < end:
                keys.append(key)
                chunks.append(text[start:end])
                mention = text.find(PROFILE_ANNOTATION, end)
        if chunks and (len(chunks) == _BATCH or mention < 0 or n == len(pieces) - 1):
            # The pieces keep their indentation: a block sequence may start indented, so they join into one document.
            joined = unused.sub("", "\n" + "".join(c if c.endswith("\n") else c + "\n" for c in chunks))
            try:
                parsed = _load(joined)
            except yaml.YAMLError:
                raise _Layout from None
            if not isinstance(parsed, list) or len(parsed) != len(chunks):
                raise _Layout
            if not all(isinstance(p, Mapping) for p in parsed):
                raise _Layout
            yield list(zip(keys, parsed, strict=True))
            keys, chunks = [], []
        if mention < 0 and not chunks:
            return


def _cut_versions(text: str) -> list[tuple[str, Mapping[str, Any]]] | None:
    """Every batch at once, or None when the index must be read whole (for tests and small indexes)."""
    try:
        return [item for batch in _batches(text) for item in batch]
    except _Layout:
        return None


def _whole(text: str) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        doc = json.loads(text) if text.lstrip().startswith("{") else _load(text)
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise SourceError(f"not a valid index.yaml{where}", hint="the repository serves a broken index") from exc
    if not isinstance(doc, Mapping):
        raise SourceError("not a Helm repository index (no mapping at the top)")
    entries = doc.get("entries")
    if entries is None:
        entries = {}
    if not isinstance(entries, Mapping):
        raise SourceError("not a Helm repository index ('entries' is not a mapping of chart names)")
    out: list[tuple[str, Mapping[str, Any]]] = []
    for key, versions in entries.items():
        for item in versions if isinstance(versions, list) else ():
            if isinstance(item, Mapping):
                out.append((str(key), item))
    return out


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError("not a valid index.yaml (not UTF-8 text)") from exc


# --- chart versions into catalog entries ---------------------------------------------------------------------
def _str(value: Any) -> str:
    # `type(...) is str` first: parsed values are plain str, and this runs a dozen times per chart version.
    return value if type(value) is str else "" if value is None else str(value)


def parse_links(raw: Any) -> list[dict[str, str]]:
    """`weave.works/links` as [{name, url}]; see the module docstring for the forms read."""
    if not isinstance(raw, str) or not raw.strip():
        return []
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError:
        doc = raw
    items: list[Any] = doc if isinstance(doc, list) else re.split(r"[\s,]+", raw.strip())
    out = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("url"), str):
            out.append({"name": _str(item.get("name")) or item["url"], "url": item["url"]})
        elif isinstance(item, str) and item.strip():
            out.append({"name": item.strip(), "url": item.strip()})
    return out


def archive_url(repository: str, urls: Any) -> str:
    """The chart archive's absolute URL: Helm resolves a relative `urls[0]` against the repository URL."""
    first = urls[0] if isinstance(urls, list) and urls and isinstance(urls[0], str) else ""
    if not first or "://" in first:
        return first
    if first[0] not in "/.?#" and "/../" not in first:
        return repository.rstrip("/") + "/" + first  # what urljoin gives, without its cost per version
    return urllib.parse.urljoin(repository.rstrip("/") + "/", first)


def kube_prerequisite(kube_version: Any) -> str | None:
    """Helm's `kubeVersion` constraint as the prerequisite `kubernetes RANGE`."""
    text = _str(kube_version).strip()
    if not text:
        return None
    return "kubernetes " + (re.sub(r"\s*,\s*", " ", text) if "," in text else text)


_DIGEST = re.compile(r"(sha256:)?[0-9a-f]{64}")


def entry_from_chart(item: Mapping[str, Any], repository: str, key: str = "") -> dict[str, Any] | None:
    """A catalog entry from one chart version of an index; None when the chart is not annotated as a profile."""
    annotations = item.get("annotations")
    annotations = annotations if type(annotations) is dict or isinstance(annotations, Mapping) else {}
    profile = _str(annotations.get(PROFILE_ANNOTATION)).strip()
    if not profile:
        return None
    chart = _str(item.get("name")) or key
    version = _str(item.get("version"))
    entry: dict[str, Any] = {"name": profile, "version": version}
    chart_ref: dict[str, Any] = {"url": repository, "name": chart}
    archive = archive_url(repository, item.get("urls"))
    if archive:
        chart_ref["archive"] = archive
    digest = item.get("digest")
    # A digest of only digits would have been read as a number: then it is unusable, and left out.
    if type(digest) is str and _DIGEST.fullmatch(digest):
        chart_ref["digest"] = digest
    entry["chart"] = chart_ref
    description = _str(item.get("description"))
    if description:
        entry["description"] = description
    keywords = item.get("keywords")
    if isinstance(keywords, list) and keywords:
        entry["keywords"] = [_str(k) for k in keywords if k is not None]
    maintainers = item.get("maintainers")
    if isinstance(maintainers, list):
        names = [_str(m.get("name")) for m in maintainers if type(m) is dict and m.get("name")]
        if names:
            entry["maintainer"] = ", ".join(names)
    for field, annotation in (("category", CATEGORY_ANNOTATION), ("layer", LAYER_ANNOTATION)):
        value = _str(annotations.get(annotation)).strip()
        if value:
            entry[field] = value
    if LINKS_ANNOTATION in annotations:
        links = parse_links(annotations[LINKS_ANNOTATION])
        if links:
            entry["links"] = links
    prerequisite = kube_prerequisite(item.get("kubeVersion"))
    if prerequisite:
        entry["prerequisites"] = [prerequisite]
    if item.get("deprecated") is True:
        entry["deprecated"] = "the chart is marked deprecated in its repository"
    return entry


def entries_from_index(data: bytes, repository: str, warn: Warn | None = None) -> list[dict[str, Any]]:
    """Catalog entries for every annotated chart version of an index, sorted by profile and version.

    A version that is not semantic, or a second chart claiming the same profile and version, is skipped with a
    warning (the catalog rules would refuse the whole catalog for it). Raises SourceError on a broken index.
    """
    text = _text(data)
    entries: list[dict[str, Any]] = []
    notes: list[str] = []
    seen: dict[tuple[str, str], str] = {}

    def add(versions: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        for key, item in versions:
            entry = entry_from_chart(item, repository, key)
            if entry is None:
                continue
            chart = entry["chart"]["name"]
            if not is_semver(entry["version"]):
                notes.append(f"skipping chart {chart} {entry['version']!r}: not a semantic version")
                continue
            ident = (entry["name"], entry["version"].removeprefix("v"))
            if ident in seen:
                notes.append(
                    f"skipping chart {chart} {entry['version']}: profile {entry['name']} is also chart {seen[ident]}"
                )
                continue
            seen[ident] = chart
            entries.append(entry)

    try:
        if text.lstrip()[:1] in ("{", ""):
            raise _Layout
        if not re.search(r"^apiVersion:", text, re.MULTILINE):
            raise SourceError("not a Helm repository index (no apiVersion)")
        for batch in _batches(text):
            add(batch)
    except _Layout:
        entries.clear()
        notes.clear()
        seen.clear()
        add(_whole(text))
    for note in notes:
        if warn is not None:
            warn(note)
    entries.sort(key=lambda e: (e["name"], e["chart"]["name"], e["version"]))
    return entries


def find_chart(data: bytes, repository: str, name: str, version: str | None) -> dict[str, Any]:
    """`{url, name, archive, digest}` of one chart version in an index, annotated or not (a profile's remote chart).

    `version` None or a range picks the highest release, as Helm does. Raises SourceError when it is not there.
    """
    from kubectl_profiles.model.semver import parse_range, parse_version

    text = _text(data)
    try:
        _, pieces = _pieces(text)
        chunks = "".join(c if c.endswith("\n") else c + "\n" for c in (text[s:e] for k, s, e in pieces if k == name))
        parsed = _load(chunks) if chunks else []
        found = [("", p) for p in parsed if isinstance(p, Mapping)] if isinstance(parsed, list) else None
    except (_Layout, yaml.YAMLError):
        found = None
    versions = found if found is not None else [(k, i) for k, i in _whole(text) if k == name]
    candidates = {_str(i.get("version")): i for _, i in versions if is_semver(_str(i.get("version")))}
    if version and is_semver(version):
        wanted = parse_version(version)
        item = next((i for v, i in candidates.items() if parse_version(v) == wanted), None)
    else:
        best = parse_range(version or "*").best(parse_version(v) for v in candidates)
        item = next((i for v, i in candidates.items() if best is not None and parse_version(v) == best), None)
    if item is None:
        raise SourceError(f"chart {name} {version or ''} is not in the index of {repository}".replace("  ", " "))
    chart: dict[str, Any] = {"url": repository, "name": name, "archive": archive_url(repository, item.get("urls"))}
    if item.get("digest"):
        chart["digest"] = _str(item.get("digest"))
    chart["version"] = _str(item.get("version"))
    return chart


# --- chart archives ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartFiles:
    """What is read out of a chart archive: Chart.yaml (as data) and values.yaml (as written)."""

    chart: Mapping[str, Any]
    values: str

    @property
    def dependencies(self) -> list[dict[str, str]]:
        deps = self.chart.get("dependencies")
        out = []
        for d in deps if isinstance(deps, list) else ():
            if isinstance(d, Mapping) and d.get("name"):
                out.append(
                    {
                        "name": _str(d.get("name")),
                        "version": _str(d.get("version")),
                        "repository": _str(d.get("repository")),
                    }
                )
        return out


def read_chart_archive(data: bytes, where: str) -> ChartFiles:
    """Chart.yaml and values.yaml of a chart archive (a gzip tarball with one top directory).

    Bounded: the archive, each file read and the total unpacked size; members are looked up by name and never
    written anywhere, and a name that climbs out (`..`, absolute) makes the archive unusable.
    """
    if len(data) > MAX_ARCHIVE_BYTES:
        raise SourceError(f"chart archive {where} is larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB")
    if data[:2] != b"\x1f\x8b":
        raise SourceError(f"chart archive {where} is not a gzip tarball", hint="the repository serves a broken chart")
    unpacked = 0
    chart_text = values_text = None
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:
                name = member.name
                norm = posixpath.normpath(name)
                if name.startswith("/") or norm == ".." or norm.startswith("../"):
                    raise SourceError(f"chart archive {where} holds a path outside the chart: {name!r}")
                unpacked += member.size
                if unpacked > MAX_UNPACKED_BYTES:
                    raise SourceError(f"chart archive {where} unpacks to more than 64 MiB")
                parts = norm.split("/")
                if len(parts) != 2 or parts[1] not in ("Chart.yaml", "values.yaml") or not member.isfile():
                    continue
                if member.size > MAX_MEMBER_BYTES:
                    raise SourceError(f"chart archive {where}: {name} is larger than 4 MiB")
                fh = tar.extractfile(member)
                raw = fh.read(MAX_MEMBER_BYTES + 1) if fh is not None else b""
                text = raw.decode("utf-8", errors="replace")
                if parts[1] == "Chart.yaml" and chart_text is None:
                    chart_text = text
                elif parts[1] == "values.yaml" and values_text is None:
                    values_text = text
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, OSError) as exc:
        raise SourceError(f"chart archive {where} is not a readable gzip tarball ({exc})") from exc
    if chart_text is None:
        raise SourceError(f"chart archive {where} has no Chart.yaml at its top directory")
    try:
        chart = yaml.safe_load(chart_text)
    except yaml.YAMLError as exc:
        raise SourceError(f"chart archive {where}: Chart.yaml is not valid YAML") from exc
    return ChartFiles(chart if isinstance(chart, Mapping) else {}, values_text or "")
