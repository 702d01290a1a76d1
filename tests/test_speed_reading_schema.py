"""The compiled schema check (fastjsonschema) only lets through what jsonschema finds valid.

`schema.validate` trusts the compiled check when it accepts the data and asks jsonschema otherwise,
so the findings stay jsonschema's as long as the compiled check is never more lenient.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import schema

SCHEMAS = ["draft.schema.json", "strategy.schema.json"]


def _names(node, found: set) -> set:
    """Every property name and enum value a schema mentions: the keys and values worth trying."""
    if isinstance(node, dict):
        found.update(k for k in node.get("properties", {}) if isinstance(k, str))
        found.update(v for v in node.get("enum", []) if isinstance(v, str))
        for value in node.values():
            _names(value, found)
    elif isinstance(node, list):
        for value in node:
            _names(value, found)
    return found


def _values(names: list[str]):
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-3, max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["", "x", "fr", "en\n", "2026-11-24", "2026-11-24 10:00", "2026-11-24\n", "١٢"]),
        st.sampled_from(names),
        st.text(max_size=6),
        st.dates(),
        st.just(dt.datetime(2026, 11, 24, 10, 0)),
        st.binary(max_size=3),
    )
    keys = st.one_of(st.sampled_from(names), st.text(max_size=4), st.integers(0, 3))
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(keys, inner, max_size=5),
        ),
        max_leaves=25,
    )


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_compiled_check_is_never_more_lenient_than_jsonschema(name):
    names = sorted(_names(schema.load(name), set()))
    objects = st.dictionaries(st.sampled_from(names), _values(names), max_size=8)

    @settings(max_examples=200, deadline=None)
    @given(objects)
    def check(instance):
        if schema._surely_valid(instance, name):
            assert not list(schema.validator(name).iter_errors(instance))

    assert schema._compiled(name) is not None
    check()


def _subschemas(node, path=()):
    """(path, schema) of every schema object inside `node` that says something about a value."""
    if isinstance(node, dict):
        if path and any(k in node for k in ("type", "enum", "$ref", "anyOf", "properties", "items")):
            yield path, node
        for key, value in node.items():
            if key not in ("enum", "required", "x-what"):
                yield from _subschemas(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _subschemas(value, (*path, i))


def _cases():
    for name in SCHEMAS:
        root = schema.load(name)
        for path, sub in _subschemas(root):
            yield pytest.param(name, sub, id=f"{name}:{'/'.join(map(str, path))}")


@pytest.mark.parametrize(("name", "sub"), list(_cases()))
def test_each_part_of_the_schema_is_checked_no_more_leniently(name, sub):
    """Value by value, each part of the schema on its own: most values here are of the right
    shape or close to it, which the whole-document test above rarely reaches."""
    import fastjsonschema
    import jsonschema

    root = schema.load(name)
    alone = {"$schema": root["$schema"], "$id": root["$id"], "$defs": root.get("$defs", {}), **sub}
    compiled = fastjsonschema.compile(
        alone, handlers=schema._NO_FETCH, use_default=False, detailed_exceptions=False
    )
    reference = jsonschema.Draft202012Validator(alone)
    names = sorted(_names(root, set()))

    @settings(max_examples=25, deadline=None)
    @given(_values(names))
    def check(value):
        try:
            compiled(value)
        except fastjsonschema.JsonSchemaValueException:
            return
        assert reference.is_valid(value), value

    check()


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_compiled_check_accepts_the_shipped_examples(name):
    # the fast path is taken for ordinary valid data, not only in theory
    instance = {"platform": "x", "date": "2026-11-24 10:00"} if name.startswith("draft") else {}
    assert schema._surely_valid(instance, name)


def test_a_reference_outside_the_schema_is_never_fetched(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("went on the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(schema, "load", lambda name: {"$ref": "https://postlint.invalid/other.json"})
    schema._compiled.cache_clear()
    try:
        assert schema._compiled("elsewhere.json") is None
    finally:
        schema._compiled.cache_clear()


@pytest.fixture
def fresh_checks(tmp_path, monkeypatch):
    """An empty data folder, and the compiled checks made anew before and after."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    schema._compiled.cache_clear()
    yield tmp_path
    schema._compiled.cache_clear()


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_kept_check_decides_as_fastjsonschemas_own(fresh_checks, monkeypatch, name):
    import fastjsonschema

    own = fastjsonschema.compile(
        schema.load(name), handlers=schema._NO_FETCH, use_default=False, detailed_exceptions=False
    )
    schema._compiled(name)  # made, then kept
    assert len(list(fresh_checks.glob("check_*.marshal"))) == 1
    schema._compiled.cache_clear()

    def not_again(name):
        raise AssertionError("made again")

    monkeypatch.setattr(schema, "_generated", not_again)
    kept = schema._compiled(name)  # read back
    assert kept.__name__ == own.__name__
    assert kept.__globals__["JsonSchemaValueException"] is schema._Invalid  # fastjsonschema not needed
    names = sorted(_names(schema.load(name), set()))

    def accepts(check, instance) -> bool:
        try:
            check(instance)
        except Exception:
            return False
        return True

    @settings(max_examples=150, deadline=None)
    @given(st.dictionaries(st.sampled_from(names), _values(names), max_size=8))
    def check(instance):
        assert accepts(kept, instance) == accepts(own, instance)

    check()
    assert accepts(kept, {}) if name.startswith("strategy") else not accepts(kept, {"platform": 3})


def test_a_check_that_cant_be_kept_is_compiled_as_before(fresh_checks, monkeypatch):
    monkeypatch.setattr(schema, "_generated", lambda name: None)  # fastjsonschema's code not as expected
    import fastjsonschema

    check = schema._compiled("draft.schema.json")
    assert check.__globals__["JsonSchemaValueException"] is fastjsonschema.JsonSchemaValueException
    assert schema._surely_valid({"platform": "x", "date": "2026-11-24 10:00"}, "draft.schema.json")
    assert not schema._surely_valid({"platform": 3}, "draft.schema.json")
