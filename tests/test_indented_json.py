"""The reports' JSON is written faster than json.dumps(indent=2) writes it, and is the same text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.output import indented_json

PLAIN = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    PLAIN,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=40,
)


def same(value) -> bool:
    return indented_json.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_value_of_plain_data_is_written_as_json_writes_it(value):
    assert same(value)


def test_what_it_does_not_write_itself_is_left_to_json():
    assert same({1: "a", None: [True]})  # keys json turns into strings
    assert same({"a": {2.5: False}})

    class Text(str):
        pass

    assert same({"a": [Text("b")]})
    loop: list = []
    loop.append(loop)
    try:
        indented_json.dumps(loop)
    except ValueError as exc:
        assert "Circular reference" in str(exc)
    else:
        raise AssertionError("a cycle is json's error")


def test_a_report_is_the_same_text_as_before():
    finding = {"code": "PL100", "message": "Trop long : 2 300 caractères « x »\n", "end_line": None}
    document = {"summary": {"error": 1, "total": 1}, "findings": [finding, {**finding, "line": 3}], "x": []}
    assert same(document) and same([[], {}, [{}], {"a": [[1, 2], {"b": [None]}]}])
