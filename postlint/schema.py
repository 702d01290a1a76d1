"""Validate YAML data against postlint's JSON Schemas, with plain bilingual messages.

A compiled check (fastjsonschema) first tells whether the data is valid at all; only when it is not
does jsonschema find the problems, and this module turns each into a key path
(`personas.lina.languages[0]`) and a sentence in French and English that says what was expected,
with a "did you mean" when a close known value exists. Schemas may carry `x-what` (what a value
should be, in both languages) and `x-choices` (a rules/ file whose keys are the accepted values,
for suggestions).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import dataclass
from functools import cache

from postlint import i18n
from postlint.resources import package_folder, schema_path

_TYPE_NAMES = {
    "string": {"fr": "du texte", "en": "text"},
    "array": {"fr": "une liste", "en": "a list"},
    "object": {"fr": "des paires « clé: valeur »", "en": "a mapping of keys to values"},
    "integer": {"fr": "un nombre entier", "en": "a whole number"},
    "number": {"fr": "un nombre", "en": "a number"},
    "boolean": {"fr": "true ou false", "en": "true or false"},
    "null": {"fr": "une valeur vide", "en": "an empty value"},
}


@dataclass
class SchemaProblem:
    path: tuple
    key_problem: bool  # the problem is the key itself (unknown key), not its value
    message: dict  # {"fr": ..., "en": ...}


@cache
def load(name: str) -> dict:
    """The schema `name`, as shipped in postlint/schemas/."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@cache
def validator(name: str):
    import jsonschema

    schema = load(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@cache
def _compiled(name: str):
    """The schema compiled to Python by fastjsonschema, or None when it can't compile it.

    Validating a draft's front matter with jsonschema took about a third of reading it; the
    compiled check is some twenty times faster, and it saves importing jsonschema (~50 ms) in a
    run where every file is valid. The check is kept compiled (`_kept_check`)."""
    kept = _kept_check(name)
    if kept is not None:
        namespace = {"JsonSchemaValueException": _Invalid, "JsonSchemaValuesException": _Invalid}
        try:
            code, function = kept
            exec(code, namespace)
            return namespace[function]
        except Exception:  # not what _generated made: compiled again below
            pass
    import fastjsonschema

    try:
        # use_default=False: it must never fill defaults into the data it checks; messages are
        # jsonschema's, so none are built here (that halves the compile time)
        return fastjsonschema.compile(
            load(name), handlers=_NO_FETCH, use_default=False, detailed_exceptions=False
        )
    except Exception:  # a keyword it does not know, a $ref outside the file: jsonschema alone decides
        return None


class _Invalid(ValueError):
    """What a kept check raises on data the schema refuses (fastjsonschema's own exceptions, without
    importing it)."""


_KEPT_FORMAT = "1"
_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
_ROOT = re.compile(r"^def (\w+)\(data\b", re.MULTILINE)


def _kept_check(name: str) -> tuple | None:
    """(code, name of its function) of the schema's compiled check, kept in the data folder
    (postlint.table_store) as Python's bytecode: making it (fastjsonschema's import, writing the
    Python, compiling it) took some 25 ms of every start for the two schemas a run reads. Kept
    under this Python's version (bytecode is made for one), the schema's file, fastjsonschema's
    version and this module, as `__pycache__` keeps a module's; None without a data folder or when
    fastjsonschema's code is not as expected."""
    from postlint.table_store import folder, kept_value, source_state

    package = package_folder("fastjsonschema") if folder() is not None else None
    if package is None:
        return None
    tag = sys.implementation.cache_tag or "python"
    inputs = (
        _KEPT_FORMAT,
        tag,
        source_state(schema_path(name)),
        source_state(package / "version.py"),
        source_state(__file__),
    )
    kept_name = "check_" + re.sub(r"\W", "_", f"{name.split('.')[0]}_{tag}")
    return kept_value(kept_name, inputs, lambda: _generated(name))


def _generated(name: str) -> tuple | None:
    """The schema's check as fastjsonschema writes it in Python, compiled, with its exceptions taken
    from the module that runs it rather than imported; None when it can't be made so."""
    import fastjsonschema

    try:
        source = fastjsonschema.compile_to_code(
            load(name), handlers=_NO_FETCH, use_default=False, detailed_exceptions=False
        )
    except Exception:
        return None
    root = _ROOT.search(source)  # the schema's own function comes first, those of its $refs after
    if _IMPORT not in source or root is None:
        return None
    return compile(source.replace(_IMPORT, ""), f"<postlint: the check of {name}>", "exec"), root.group(1)


def _refuse_fetch(uri: str):
    raise LookupError(f"postlint's schemas are self-contained; not fetching {uri}")


# fastjsonschema fetches a $ref it can't find in the schema with urlopen unless a handler serves
# the scheme: postlint never goes on the network to check a file.
_NO_FETCH = dict.fromkeys(("", "http", "https", "file", "ftp", "data"), _refuse_fetch)


def _surely_valid(instance, name: str) -> bool:
    """True when the compiled check accepts `instance`. It is never more lenient than jsonschema
    for postlint's schemas (it reads `$` as the end of the text, so it is stricter there), so
    any doubt, including an error inside it, leaves the answer to jsonschema."""
    check = _compiled(name)
    if check is None:
        return False
    try:
        check(instance)
    except Exception:
        return False
    return True


def dotted(path: tuple | list) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _show(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def closest(value: str, choices) -> str | None:
    match = difflib.get_close_matches(str(value).lower(), [str(c) for c in choices], 1, 0.6)
    return match[0] if match else None


def _both(key: str, **fields) -> dict:
    return {lang: i18n.text(key, lang, **fields) for lang in i18n.LANGUAGES}


def _expected(types) -> dict:
    types = [types] if isinstance(types, str) else list(types)
    return {
        lang: (" or " if lang == "en" else " ou ").join(_TYPE_NAMES[t][lang] for t in types)
        for lang in i18n.LANGUAGES
    }


def validate(instance, schema_name: str, suggest=None) -> list[SchemaProblem]:
    """Every problem of `instance` against the schema, most specific first, in document order.

    `suggest(kind, value)` may return a close known value for a `x-choices` kind.
    """
    if _surely_valid(instance, schema_name):
        return []
    problems = []
    for error in _leaf_errors(validator(schema_name).iter_errors(instance)):
        problems.append(_describe(error, suggest))
    problems.sort(key=lambda p: [str(s) for s in p.path])
    return problems


def _leaf_errors(errors):
    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf"):
            # report the alternative that got furthest rather than "is not valid under any"
            best = max(error.context, key=lambda e: len(e.absolute_path))
            if len(best.absolute_path) > len(error.absolute_path):
                yield best
                continue
        yield error


def _describe(error, suggest) -> SchemaProblem:
    path = tuple(error.absolute_path)
    where = dotted(path) or "(racine)"
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    if error.validator == "additionalProperties":
        extra = sorted(set(value) - set(schema.get("properties", {})))
        unknown = extra[0] if extra else "?"
        hint = closest(unknown, schema.get("properties", {}))
        key = "schema_unknown_key_hint" if hint else "schema_unknown_key"
        message = _both(key, path=dotted((*path, unknown)), hint=hint or "")
        return SchemaProblem((*path, unknown), True, message)
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "?"
        return SchemaProblem(path, False, _both("schema_required", path=where, key=missing))
    what = schema.get("x-what")
    kind = schema.get("x-choices")
    if error.validator == "type" and not what:
        expected = _expected(error.validator_value)
        actual = _TYPE_NAMES[_type_of(value)]
        message = {
            lang: i18n.text(
                "schema_type",
                lang,
                path=where,
                expected=expected[lang],
                actual=actual[lang],
                value=_show(value),
            )
            for lang in i18n.LANGUAGES
        }
        return SchemaProblem(path, False, message)
    if error.validator == "enum":
        hint = closest(value, error.validator_value) if isinstance(value, str) else None
        choices = ", ".join(str(c) for c in error.validator_value)
        key = "schema_enum_hint" if hint else "schema_enum"
        return SchemaProblem(
            path, False, _both(key, path=where, value=_show(value), choices=choices, hint=hint or "")
        )
    if what:
        hint = suggest(kind, value) if (suggest and kind and isinstance(value, str)) else None
        message = {
            lang: i18n.text(
                "schema_what_hint" if hint else "schema_what",
                lang,
                path=where,
                value=_show(value),
                what=i18n.pick(what, lang),
                hint=hint or "",
            )
            for lang in i18n.LANGUAGES
        }
        return SchemaProblem(path, False, message)
    return SchemaProblem(path, False, _both("schema_other", path=where, detail=error.message))
