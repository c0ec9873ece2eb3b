"""Multi-document YAML loading that gives PyYAML's answers, faster.

kubectl reads YAML with YAML 1.1 rules (`yes` and `on` are booleans, `0777` is octal, `1e3` is a string), and so
does PyYAML, which is why validate uses it: a verdict must be about the object the API server would receive. But
PyYAML builds its Python objects in Python, and on large catalogs that is most of validate's time.

`ryaml` (a Rust YAML 1.2 parser) builds them natively, about four times faster, and agrees with PyYAML on every
plain scalar except a known set: the YAML 1.1 booleans (`yes`, `No`, `ON`, `off`...), numbers with a leading zero,
underscores, `0o`, a colon (base 60) or an exponent, signed floats without a leading digit, dates, integers too
large for 64 bits, the merge key `<<` and the value key `=`. Tags (`!...`), anchors (`&`) and directives (`%`) are
also left to PyYAML. So the fast path is taken only when a scan of the text finds none of these where a plain
scalar can start; otherwise, and whenever the fast parser refuses the text (duplicate keys, complex keys), PyYAML
reads it as before. The scan is conservative: it may send a file to PyYAML that did not need it (a comment saying
`on`), never the other way round; `tests/unit/test_yamldocs.py` checks the two paths agree on generated documents.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_ryaml: Any
try:  # an optional speed-up: without it every file takes the PyYAML path
    import ryaml as _ryaml
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _ryaml = None


@functools.cache
def _safe_loader() -> Any:
    """PyYAML's safe loader, C if built; PyYAML is imported only for a text the fast path leaves to it (importing
    it was a sixth of a short `validate` run)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_error() -> type[Exception]:
    """PyYAML's error class, for `except yaml_error():`, which is evaluated only when something was raised."""
    import yaml

    return yaml.YAMLError


# Each pattern starts with a character class, which lets the regular expression engine skip ahead quickly; the
# fixed-width negative look-behind then asks that the character before it starts a scalar: line start, white
# space, a flow indicator, `:`, `?` or `-` (or the start of the text, where there is no such character).
_AT_START = r"(?<![^\s\[{,:?-].)"
# A word is divergent only as a whole scalar: then comes the end of the line, a comment, a flow indicator, or
# `: ` making it a key.
_END = r"(?=[ \t]*(?:#.*)?\r?$|[ \t]*[,\]}]|:(?:[ \t]|\r?$))"
_WORDS = re.compile(
    r"[YyNnOo<=]"
    + _AT_START
    + r"(?:(?<=[Yy])es|(?<=Y)ES|(?<=[Nn])o|(?<=N)O|(?<=[Oo])n|(?<=O)N|(?<=[Oo])ff|(?<=O)FF|(?<=<)<|(?<==))"
    + _END,
    re.MULTILINE,
)
# A number is divergent by how it starts, whatever follows.
_NUMBERS = re.compile(
    r"[-+0-9.]" + _AT_START + r"(?:"
    # a sign, then a leading zero, 0o, upper-case prefixes, underscores, exponents, base 60, `.5`, `.inf`
    r"(?<=[-+])(?:0[0-9_oOXB]|0x[0-9a-fA-F]*_|[0-9.][0-9.]*[_eE]|[0-9][0-9_]*:[0-9]|\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|\.[0-9]|[0-9]{19})"
    r"|(?<=0)(?:[0-9_oOXB]|x[0-9a-fA-F]*_)"  # leading zero: octal in 1.1, a string in 1.2
    r"|(?<=[0-9.])[0-9.]*[_eE]"  # underscores; exponents (1.2 takes `1e3`, 1.1 wants a dot and a sign)
    r"|(?<=[0-9])(?:[0-9_]*:[0-9]|[0-9]{3}-[0-9]|[0-9]{18})"  # base 60, dates, beyond 64 bits
    r"|(?<=\.)(?:inf|Inf|INF|nan|NaN|NAN)"
    r")",
    re.MULTILINE,
)
# Tags, anchors and aliases after white space or a flow indicator; directives (`%`) likewise, conservatively.
_MARKS = re.compile(r"[!&*%](?<![^\s\[{,].)")


def needs_pyyaml(text: str) -> bool:
    """True when the text may hold a scalar that YAML 1.1 and 1.2 read differently (or a tag, anchor, directive)."""
    return any(p.search(text) is not None for p in (_MARKS, _WORDS, _NUMBERS))


def load_all(text: str) -> list[Any]:
    """Every document of a YAML stream, as PyYAML's safe loader would return them; raises yaml.YAMLError."""
    if _ryaml is not None and not needs_pyyaml(text):
        try:
            docs = _ryaml.loads_all(text)
        except Exception:  # noqa: BLE001 - any refusal goes to PyYAML, which gives the error with its line
            docs = None
        # A stream of only comments is no document to PyYAML and one empty document to ryaml: let PyYAML say.
        if docs is not None and docs != [None]:
            return list(docs)
    import yaml

    return list(yaml.load_all(text, Loader=_safe_loader()))


def load_core(text: str) -> Any:
    """One YAML document read as YAML 1.2 (its core schema) where ryaml is present, else by PyYAML.

    For documents written by Go programs and read only for strings, such as a Helm repository's index: there
    the YAML 1.1 readings that `load_all` preserves (dates, `yes`, leading zeros) are not wanted, and skipping the
    scan for them keeps a 20 MB index fast. Whatever ryaml refuses (duplicate keys, complex keys) goes to PyYAML.
    """
    if _ryaml is not None:
        try:
            return _ryaml.loads(text)
        except Exception:  # noqa: BLE001, S110 - any refusal goes to PyYAML, which gives the error with its line
            pass
    import yaml

    return yaml.load(text, Loader=_safe_loader())  # noqa: S506 - the C build of the safe loader


# --- where a field is --------------------------------------------------------------------------------------------
# Lines are looked for only for documents that have violations. Most manifests are block-style YAML, where a field's
# line can be read off the text by indentation alone (`_quick_line`, microseconds); anything else, or anything the
# quick reading is unsure of, is composed again by PyYAML (nodes with their marks, tens of microseconds a
# document). `tests/unit/test_yamldocs.py` checks the quick reading against the composed one on generated text.
_PATH_TOKEN = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
# Lines that start or end documents, or hold directives; group 1: a plain `---` (nothing after it but a comment).
_STREAM_MARKS = re.compile(r"^(?:---(?=[ \t\r]|$)([ \t]*(?:#.*)?\r?$)?|\.\.\.|%)", re.MULTILINE)
_PLAIN_KEY = re.compile(r"([A-Za-z0-9_./$~+][^\s:#]*(?: [^\s:#]+)*)[ \t]*:(?:[ \t]+|$)")
_DOUBLE_KEY = re.compile(r'"([^"\\]*)"[ \t]*:(?:[ \t]+|$)')
_SINGLE_KEY = re.compile(r"'([^']*)'[ \t]*:(?:[ \t]+|$)")


def path_tokens(json_path: str) -> list[str | int]:
    """`$.spec.profiles[0].version` -> ['spec', 'profiles', 0, 'version']."""
    return [int(index) if index else key for key, index in _PATH_TOKEN.findall(json_path.removeprefix("$"))]


def compose_all(text: str) -> list[Any] | None:
    """The node tree of every document in a stream (JSON too), or None when PyYAML cannot read it."""
    import yaml

    try:
        return list(yaml.compose_all(text, Loader=_safe_loader()))
    except yaml.YAMLError:
        return None


def line_of(node: Any, tokens: list[str | int]) -> int:
    """The 1-based line of the deepest node along `tokens` that exists: the key's line for a mapping entry, the
    item's for a sequence. A path into a field that is missing ends at its parent. Keys may hold dots
    (`metadata.annotations.example.com/x`), so a key is matched on the longest run of tokens that names one."""
    import yaml

    line: int = node.start_mark.line + 1
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(node, yaml.SequenceNode) and isinstance(token, int) and 0 <= token < len(node.value):
            node = node.value[token]
            line, i = node.start_mark.line + 1, i + 1
            continue
        if not isinstance(node, yaml.MappingNode) or isinstance(token, int):
            break
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        for end in range(len(tokens), i, -1):
            run = tokens[i:end]
            if all(isinstance(t, str) for t in run) and ".".join(map(str, run)) in keys:
                key, node = keys[".".join(map(str, run))]
                line, i = key.start_mark.line + 1, end
                break
        else:
            break
    return line


def _key_of(text: str) -> tuple[str, str] | None:
    """(key, the rest of the line) for a simple `key: ...` line; None for anything less plain."""
    first = text[0]
    pattern = _DOUBLE_KEY if first == '"' else _SINGLE_KEY if first == "'" else _PLAIN_KEY
    m = pattern.match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    return m.group(1), "" if rest.startswith("#") else rest.rstrip()


def _closes_on_its_line(rest: str) -> bool:
    """A flow collection (`{...}` or `[...]`) that ends on the line it starts on, so all it holds is on that line."""
    if any(c in rest for c in "\"'#"):
        return False
    depth = 0
    for c in rest:
        depth += c in "{["
        depth -= c in "}]"
        if depth == 0:
            return True
    return False


def _next_content(lines: list[str], k: int, hi: int, start: tuple[int, int]) -> tuple[int, int, str] | None:
    """The first line from `k` on that holds content: (line, indentation, text from there), or None. Raises
    ValueError on a tab in the indentation (YAML forbids it, and the quick reading does not guess)."""
    while k < hi:
        if k == start[0]:
            return k, start[1], lines[k][start[1] :]
        raw = lines[k]
        body = raw.lstrip(" ")
        if body and body[0] != "#":
            if body[0] == "\t":
                raise ValueError("tab")
            return k, len(raw) - len(body), body
        k += 1
    return None


def _quick_line(lines: list[str], lo: int, hi: int, tokens: list[str | int]) -> int | None:
    """The line `line_of` would give, read from block-style text by indentation; None when unsure.

    `lines[lo:hi]` is one document. A node is found by its first content line; a mapping's keys are the lines at
    its indentation, a sequence's items the `- ` lines at its dash column (which may be the parent key's own, as
    PyYAML writes them). A node that starts after an item's dash starts mid-line (`start`).
    """
    pind = -1  # the parent's indentation: a node's lines are indented more (a sequence's dashes may equal it)
    start = (-1, 0)  # (line, column) where the current node starts mid-line
    j, i, n = lo, 0, len(tokens)
    try:
        first = _next_content(lines, lo, hi, start)
        if first is None:
            return None
        result = first[0] + 1
        while i < n:
            found = _next_content(lines, j, hi, start)
            if found is None:
                return None
            k, ind, body = found
            token = tokens[i]
            dash = body[0] == "-" and (len(body) == 1 or body[1] == " ")
            if isinstance(token, str):
                if body[0] == "-" or ind <= pind:
                    return None
                hit = None
                t = k
                while t < hi:
                    seen = _next_content(lines, t, hi, start)
                    if seen is None:
                        break
                    t, col, text = seen
                    t += 1
                    if col < ind:
                        break
                    if col > ind or (text[0] == "-" and (len(text) == 1 or text[1] == " ")):
                        continue  # a child's lines, or the dashes of a sequence written at its key's indentation
                    parsed = _key_of(text)
                    if parsed is None:
                        return None
                    key, rest = parsed
                    if key == token:
                        hit = (t - 1, i + 1, rest)
                    elif key.startswith(f"{token}."):
                        for end in range(n, i + 1, -1):
                            run = tokens[i:end]
                            if all(isinstance(r, str) for r in run) and key == ".".join(map(str, run)):
                                hit = (t - 1, end, rest)
                                break
                    if hit is not None:
                        break
                if hit is None:
                    return None
                t, i, rest = hit
                result = t + 1
                if i == n:
                    return result
                if rest:
                    return result if rest[0] in "{[" and _closes_on_its_line(rest) else None
                j, pind, start = t + 1, ind, (-1, 0)
                continue
            if not dash or ind < pind:
                return None
            count, item, t = -1, None, k
            while t < hi:
                seen = _next_content(lines, t, hi, start)
                if seen is None:
                    break
                t, col, text = seen
                t += 1
                if col > ind:
                    continue
                if col < ind or not (text[0] == "-" and (len(text) == 1 or text[1] == " ")):
                    break
                count += 1
                if count == token:
                    item = (t - 1, text)
                    break
            if item is None:
                return None
            at, text = item
            after = text[1:]
            gap = len(after) - len(after.lstrip(" "))
            after = after.lstrip(" ")
            i += 1
            if not after or after[0] == "#":
                nxt = _next_content(lines, at + 1, hi, (-1, 0))
                if nxt is None or nxt[1] <= ind:
                    return None
                result = nxt[0] + 1
                j, pind, start = nxt[0], ind, (-1, 0)
                if i == n:
                    return result
                continue
            result = at + 1
            if i == n:
                return result
            if after[0] in "{[":
                return result if _closes_on_its_line(after) else None
            if not (after.startswith("- ") or _key_of(after) is not None):
                return None
            j, pind, start = at, ind, (at, ind + 1 + gap)  # a mapping or a sequence, after the dash
        return result
    except ValueError:
        return None


class Locator:
    """Lines of fields in one file's text, for the documents of its YAML stream."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self._spans: list[tuple[int, int]] | None = None
        self._nodes: list[Any] | None = None
        self._composed = False

    def _doc_spans(self) -> list[tuple[int, int]] | None:
        """Line ranges of the stream's documents, as PyYAML counts them; None when the text is not plain enough
        to tell (directives, `...`, content on a `---` line)."""
        text, markers, last, line = self.text, [], 0, 0
        for m in _STREAM_MARKS.finditer(text):
            if not m.group().startswith("---") or m.group(1) is None:
                return None
            line += text.count("\n", last, m.start())
            last = m.start()
            markers.append(line)
        lines = self._lines or []
        bounds = [-1, *markers, len(lines)]
        spans = [(bounds[m] + 1, bounds[m + 1]) for m in range(len(bounds) - 1)]
        lo, hi = spans[0]
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines[lo:hi]):
            spans = spans[1:]  # comments before the first `---` are no document
        return spans

    def line(self, stream: int, tokens: list[str | int]) -> int | None:
        """The line of the field `tokens` names in the stream's document `stream`; None when it cannot be told."""
        text = self.text
        if self._lines is None:
            end = len(text) - 1
            while end >= 0 and text[end] in " \t\r\n":
                end -= 1
            if text.find("\n", 0, end) < 0:
                return 1  # a file on one line, as JSON often is: everything is on line 1
            self._lines = text.split("\n")
            self._spans = self._doc_spans()
        if self._spans is not None and stream < len(self._spans):
            found = _quick_line(self._lines, *self._spans[stream], tokens)
            if found is not None:
                return found
        if not self._composed:
            self._nodes, self._composed = compose_all(text), True
        if self._nodes is None or stream >= len(self._nodes):
            return None
        return line_of(self._nodes[stream], tokens)
