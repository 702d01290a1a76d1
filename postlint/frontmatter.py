"""Check a draft's front matter: value types, platform names, language codes, likely typos."""

from __future__ import annotations

import datetime as dt
import difflib

from postlint import languages, platforms, schema
from postlint.draft import Draft, Problem

DRAFT_SCHEMA = "draft.schema.json"


def known_keys() -> list[str]:
    return list(schema.load(DRAFT_SCHEMA)["properties"])


def _for_validation(front: dict) -> dict:
    """YAML turns `2026-11-24` into a date: compare such values as the text the user wrote."""
    copy = {}
    for key, value in front.items():
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        copy[key] = value
    return copy


def check_front_matter(draft: Draft) -> list[Problem]:
    problems = []
    front = draft.front
    for found in schema.validate(_for_validation(front), DRAFT_SCHEMA, suggest=languages.suggest):
        if found.key_problem and len(found.path) == 1:
            continue  # unknown top-level keys are the user's own; typos are caught below
        line = draft.front_line(found.path, key=found.key_problem)
        problems.append(Problem("front-matter-value", "schema", line, fields={"detail": found.message}))
    lang = front.get("lang")
    if isinstance(lang, str) and not languages.is_known(lang) and languages.looks_like_code(lang):
        hint = languages.suggest("language", lang)
        problems.append(
            Problem(
                "front-matter-value",
                "schema",
                draft.front_line(("lang",)),
                fields={"detail": languages.unknown_message("lang", lang, hint)},
            )
        )
    for path, name in draft._platform_names():
        if platforms.resolve(name) is None:
            hint = platforms.closest(name)
            problems.append(
                Problem(
                    "unknown-platform",
                    "unknown_hint" if hint else "unknown",
                    draft.front_line(path),
                    fields={"name": name, "hint": hint or "", "known": ", ".join(platforms.known())},
                    suggestion=hint,
                )
            )
    known = known_keys()
    for key in front:
        if key in known:
            continue
        match = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.8)
        if match:
            problems.append(
                Problem(
                    "unknown-key",
                    "typo",
                    draft.front_line((key,), key=True),
                    fields={"key": key, "hint": match[0]},
                    suggestion=match[0],
                )
            )
    if all(front.get(key) in (None, "", []) for key in ("platform", "platforms")):
        problems.append(Problem("no-platform", "missing", 1 if draft.front_doc else draft.body_line))
    return problems
