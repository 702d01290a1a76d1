"""Messages in French and English: choosing the language and filling in templates.

Every template lives in `rules/` (a rule's own messages in `rules/<rule>.yaml`, the rest in
`rules/messages.yaml`); this module only picks the language and formats numbers the way a reader
of that language expects (French: decimal comma, narrow no-break space between thousands).
"""

from __future__ import annotations

import os

from postlint.resources import load_rules_yaml

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "en"


def locale_language(environ: dict | None = None) -> str | None:
    """The message language from the locale variables (LC_ALL, LC_MESSAGES, LANG), if fr or en."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        code = value.split(":")[0][:2].lower()
        if code in LANGUAGES:
            return code
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return None
    return None


def choose_language(cli: str | None, strategy: str | None) -> str:
    """`--lang`, else the strategy file's `language`, else the locale, else English."""
    for candidate in (cli, strategy, locale_language()):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def format_number(value, lang: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u202f") if lang == "fr" else text
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        if lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text
    return str(value)


_FRENCH_SPACES = (
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def french_typography(template: str) -> str:
    """No-break spaces where French typography wants them (OQLF): before : ; ? ! and inside « »."""
    typeset = _TYPESET.get(template)
    if typeset is None:
        typeset = template
        for plain, spaced in _FRENCH_SPACES:
            typeset = typeset.replace(plain, spaced)
        if len(_TYPESET) < _TYPESET_MAX:  # templates and short texts: a few hundred of them
            _TYPESET[template] = typeset
    return typeset


_TYPESET: dict[str, str] = {}
_TYPESET_MAX = 4096


def fill(template: str, lang: str, fields: dict) -> str:
    """Fill `{name}` placeholders, numbers formatted for `lang`; a field may itself be bilingual."""
    if lang == "fr":
        template = french_typography(template)
    values = {
        key: pick(value, lang) if isinstance(value, dict) else format_number(value, lang)
        for key, value in fields.items()
    }
    return template.format(**values)


def pick(entry: dict | str, lang: str) -> str:
    """The `lang` text of a bilingual entry ({fr: ..., en: ...}); English when one is missing."""
    if isinstance(entry, str):
        return entry
    return entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or next(iter(entry.values()))


def plural(forms, n, lang: str) -> str:
    """Pick the singular or plural form; French uses the singular for 0 and 1."""
    if isinstance(forms, str):
        return forms
    singular = n <= 1 if lang == "fr" else n == 1
    return forms[0] if singular else forms[1]


def text(key: str, lang: str, **fields) -> str:
    """A general message (not a rule's) from rules/messages.yaml; [singular, plural] uses `n`."""
    entry = pick(load_rules_yaml("messages.yaml")[key], lang)
    return fill(plural(entry, fields.get("n", 1), lang), lang, fields)
