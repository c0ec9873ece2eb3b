"""`validate -o json`'s report written through orjson, in the layout `json.dumps(indent=2)` gives.

With an indent the standard library falls back to its pure-Python encoder, which took a tenth of a 20,000-document
run to write its report; orjson writes the same text (strings, integers, booleans, null; non-ASCII characters as
UTF-8 rather than escaped) in a fraction of that. orjson is imported only here, when a report is written: loading
the extension costs a short run more than it saves.
"""

from __future__ import annotations

import json
from typing import Any


def dumps_indented(doc: Any) -> str:
    """`json.dumps(doc, indent=2, ensure_ascii=False)` for data of strings, integers, booleans and null (floats
    are written in another notation), faster."""
    import orjson

    try:
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # a value orjson cannot write (an int beyond 64 bits): the standard library can
        return json.dumps(doc, indent=2, ensure_ascii=False)
