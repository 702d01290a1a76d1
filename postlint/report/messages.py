"""The report's words, in French and English, from rules/report-messages.yaml."""

from __future__ import annotations

from postlint import i18n
from postlint.resources import load_rules_yaml

FILE = "report-messages.yaml"


def text(key: str, lang: str, **fields) -> str:
    """The `lang` text of `key`, filled in; a [singular, plural] entry is chosen by `n`."""
    entry = i18n.pick(load_rules_yaml(FILE)[key], lang)
    return i18n.fill(i18n.plural(entry, fields.get("n", 1), lang), lang, fields)


def percent(value: float, lang: str) -> str:
    """A share as a whole percentage, written the way `lang` writes it (French: `33 %`)."""
    number = round(value * 100)
    if number == 0 and value > 0:
        return "<\u00a01\u00a0%" if lang == "fr" else "<1%"
    return f"{number}\u00a0%" if lang == "fr" else f"{number}%"


def months(lang: str) -> list[str]:
    """The short names of the months in `lang`."""
    return i18n.pick(load_rules_yaml(FILE)["months"], lang)


def day(value, lang: str) -> str:
    """A date as a reader of `lang` writes it: `24 nov. 2026` / `Nov 24, 2026`."""
    name = months(lang)[value.month - 1]
    if lang == "fr":
        first = "1er" if value.day == 1 else str(value.day)
        return f"{first}\u00a0{name}\u00a0{value.year}"
    return f"{name}\u00a0{value.day}, {value.year}"
