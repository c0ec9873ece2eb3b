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

import re
from typing import Any

import yaml

_ryaml: Any
try:  # an optional speed-up: without it every file takes the PyYAML path
    import ryaml as _ryaml
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _ryaml = None

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
    return list(yaml.load_all(text, Loader=_SafeLoader))


# --- where a field is --------------------------------------------------------------------------------------------
# Lines are found only for documents that have violations: the text is composed again (nodes with their marks,
# no Python objects built), so that the fast path above stays as fast for the valid files that are the common case.
_PATH_TOKEN = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def path_tokens(json_path: str) -> list[str | int]:
    """`$.spec.profiles[0].version` -> ['spec', 'profiles', 0, 'version']."""
    return [int(index) if index else key for key, index in _PATH_TOKEN.findall(json_path.removeprefix("$"))]


def compose_all(text: str) -> list[Any] | None:
    """The node tree of every document in a stream (JSON too), or None when PyYAML cannot read it."""
    try:
        return list(yaml.compose_all(text, Loader=_SafeLoader))
    except yaml.YAMLError:
        return None


def line_of(node: Any, tokens: list[str | int]) -> int:
    """The 1-based line of the deepest node along `tokens` that exists: the key's line for a mapping entry, the
    item's for a sequence. A path into a field that is missing ends at its parent. Keys may hold dots
    (`metadata.annotations.example.com/x`), so a key is matched on the longest run of tokens that names one."""
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
