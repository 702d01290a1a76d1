"""`json.dumps(value, ensure_ascii=False, indent=2)`, the same text, written faster.

Python's json writes indented text with its encoder written in Python (its C encoder only writes
text without indentation), one call per value. Most of a report is small dicts of plain values (a
finding, a region): json's C encoder writes each of them here, told to put a line break and the
indent of their level after each comma, and the braces get theirs. The rest (the lists and dicts
that hold others) is walked in Python, as json does. For the 48,000 findings of 10,000 drafts, the
JSON report takes 0.33 s to write instead of 0.52 s, SARIF 1.24 s instead of 1.72 s (`python
bench/output_formats.py`).

Only what the reports hold is written this way: dicts with string keys, lists and tuples, strings,
booleans, None, integers and floats; anything else (a key of another type, a subclass of these)
leaves the whole value to json itself, so that the text is json's in every case.
"""

from __future__ import annotations

import json
from functools import cache
from json.encoder import c_make_encoder, encode_basestring  # json's C encoder and quoting

INDENT = "  "
_PLAIN = frozenset({str, int, float, bool, type(None)})
_KEY = frozenset({str})


class _Other(Exception):
    """A value this writer leaves to json."""


def dumps(value) -> str:
    """The text of `json.dumps(value, ensure_ascii=False, indent=2)`."""
    if c_make_encoder is None:  # a Python without json's C module
        return json.dumps(value, ensure_ascii=False, indent=2)
    parts: list[str] = []
    try:
        _write(value, parts, "\n")
    except (_Other, RecursionError):  # json says what is wrong with a cycle
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(parts)


@cache
def _encoder(inner: str):
    """json's C encoder as json.dumps makes it for one value, but with a line break and the indent
    `inner` after each item's comma: a function of a value that returns the pieces of its text.
    No check for cycles: it only writes dicts and lists of plain values."""
    encoder = c_make_encoder(None, None, encode_basestring, None, ": ", "," + inner, False, False, True)
    return lambda value: "".join(encoder(value, 0))


def _write(value, parts: list[str], newline: str) -> None:
    """Add the text of `value` to `parts`; `newline` is a line break and the indent of its level."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + INDENT
        if not set(map(type, value)) <= _KEY:
            raise _Other
        if set(map(type, value.values())) <= _PLAIN:
            parts += ("{", inner, _encoder(inner)(value)[1:-1], newline, "}")
            return
        opening = "{" + inner
        for key, item in value.items():
            parts += (opening, encode_basestring(key), ": ")
            _write(item, parts, inner)
            opening = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + INDENT
        if set(map(type, value)) <= _PLAIN:
            parts += ("[", inner, _encoder(inner)(value)[1:-1], newline, "]")
            return
        opening = "[" + inner
        for item in value:
            parts.append(opening)
            _write(item, parts, inner)
            opening = "," + inner
        parts.append(newline + "]")
    elif kind in _PLAIN:
        parts.append(_encoder(newline)(value))
    else:
        raise _Other
