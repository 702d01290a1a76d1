"""Front matter built straight from the node tree is what PyYAML's safe constructor builds."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import yamlsafe

PIECES = [
    "a: 1",
    "b: [1, 2]",
    "c: {x: y}",
    "m: &m {k: v}",
    "<<: *m",
    "= : 3",
    "d: 2026-11-24",
    "date: 2026-11-24 10:00",
    "e: 2026-13-45",
    "f: !!binary aGk=",
    "g: !!set {a, b}",
    "h: !!omap [a: 1]",
    "i: !!python/tuple [1]",
    "j: ~",
    "k: yes",
    "l: 0x1F",
    "n: .nan",
    "o: -.inf",
    "p: 12:30",
    "q: !foo bar",
    "r: &a [1, *a]",
    "s: *undefined",
    "t: 'quoted'",
    "u: |\n  block\n",
    "v: !!str 12",
    "w: !!int x",
    "aa: !!seq x",
    "? [a]\n: b",
    "y: &s x",
    "z: *s",
    "1: one",
    "null: n",
    "2026-01-01: d",
    "bb:\n  - 1\n  - 2",
    "cc: {<<: {q: 1}, r: 2}",
    "dd: [&x a, *x]",
    "platform: x",
    "alt: l'été",
]

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=5),
        st.dates(),
        st.just(dt.datetime(2026, 11, 24, 10, 0)),
        st.binary(max_size=3),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3),
    ),
    max_leaves=10,
)


def _shape(value):
    """The value with every type spelled out (1 == 1.0 == True for ==)."""
    if isinstance(value, dict):
        return ("map", [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_shape(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("nan",)
    return (type(value).__name__, value)


def _outcome(text: str):
    try:
        return ("ok", _shape(yamlsafe.load(text, max_nodes=200, max_depth=8).data))
    except yamlsafe.YamlProblem as problem:
        return ("problem", problem.kind, problem.line, problem.column, problem.detail)


def _reference(text: str):
    """The same load with PyYAML's constructor building every document."""
    original = yamlsafe._plain_data
    yamlsafe._plain_data = lambda root, loader: yamlsafe._NOT_PLAIN
    try:
        return _outcome(text)
    finally:
        yamlsafe._plain_data = original


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6), values, st.booleans())
def test_loading_gives_what_the_safe_constructor_gives(lines, data, flow):
    for text in ("\n".join(lines), yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)):
        assert _outcome(text) == _reference(text), text


def test_ordinary_front_matter_takes_the_direct_way():
    loader = yamlsafe._Loader("platform: x\ndate: 2026-11-24\nimages: [a.jpg, {src: b.jpg}]\n")
    try:
        root = loader.get_single_node()
        data = yamlsafe._plain_data(root, loader)
    finally:
        loader.dispose()
    assert data == {
        "platform": "x",
        "date": dt.date(2026, 11, 24),
        "images": ["a.jpg", {"src": "b.jpg"}],
    }


def test_aliases_and_merges_are_left_to_the_constructor():
    for text in ("a: &x [1]\nb: *x\n", "m: &m {k: v}\nn:\n  <<: *m\n"):
        loader = yamlsafe._Loader(text)
        try:
            assert yamlsafe._plain_data(loader.get_single_node(), loader) is yamlsafe._NOT_PLAIN
        finally:
            loader.dispose()


SCALARS = [
    "1",
    "1.5",
    "yes",
    "No",
    "~",
    "null",
    "2026-11-24",
    "2026-11-24 10:00",
    "0x1F",
    ".nan",
    "12:30",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SCALARS), st.sampled_from(["{}", "'{}'", '"{}"'])), max_size=8))
def test_the_remembered_tags_are_those_the_resolver_gives(values):
    # the same text written plain or quoted resolves differently ("1" is a string, 1 a number),
    # whatever was resolved before it
    text = "\n".join(f"k{i}: {quote.format(value)}" for i, (value, quote) in enumerate(values))
    expected = _shape(yaml.load(text, Loader=yaml.SafeLoader))  # PyYAML's own, nothing remembered
    for _ in range(2):
        assert _shape(yamlsafe.load(text, max_nodes=200, max_depth=8).data) == expected, text


def test_the_remembered_tags_stay_few(monkeypatch):
    monkeypatch.setattr(yamlsafe, "_RESOLVED_MAX", 3)
    monkeypatch.setattr(yamlsafe._Loader, "_resolved", {})
    for value in SCALARS:
        yamlsafe.load(f"a: {value}\nb: [{value}]", max_nodes=200, max_depth=8)
        assert len(yamlsafe._Loader._resolved) <= 3
