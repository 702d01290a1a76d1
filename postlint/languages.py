"""Language codes: which are known (rules/languages.yaml) and which one a name probably meant."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

from postlint import i18n
from postlint.resources import load_rules_yaml

_CODE = re.compile(r"^[a-z]{2,3}$")


def fold(text: str) -> str:
    """Lower case, without accents: `Mélanie` and `melanie`, `Français` and `francais` are one."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _table() -> dict[str, str]:
    """Every code and every folded name -> code."""
    names = {}
    for code, entry in load_rules_yaml("languages.yaml")["languages"].items():
        names[code] = code
        for lang_names in (entry or {}).values():
            for name in lang_names:
                names[fold(name)] = code
    return names


def codes() -> list[str]:
    return [code for code in load_rules_yaml("languages.yaml")["languages"]]


def is_known(code: str) -> bool:
    return code in load_rules_yaml("languages.yaml")["languages"]


def looks_like_code(value: str) -> bool:
    return bool(_CODE.match(value))


def suggest(kind: str | None, value: str) -> str | None:
    """The language code a value probably meant (`francais` -> `fr`), or None."""
    if kind != "language" or not isinstance(value, str):
        return None
    table = _table()
    folded = fold(value)
    if folded in table:
        return table[folded]
    match = difflib.get_close_matches(folded, list(table), n=1, cutoff=0.75)
    return table[match[0]] if match else None


def unknown_message(path: str, value: str, hint: str | None) -> dict:
    key = "unknown_language_hint" if hint else "unknown_language"
    return {lang: i18n.text(key, lang, path=path, value=value, hint=hint or "") for lang in i18n.LANGUAGES}


def name(code: str, lang: str) -> str:
    """A language's name in the message language (`en`, `fr` -> `anglais`); the code when unknown."""
    entry = load_rules_yaml("languages.yaml")["languages"].get(code) or {}
    names = entry.get(lang) or entry.get(i18n.DEFAULT_LANGUAGE) or ()
    return str(names[0]) if names else code
