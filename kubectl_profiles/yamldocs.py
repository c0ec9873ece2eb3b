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
