"""Personas: who the draft is for (`persona` or `audience`), against what the strategy file says of
them: that they exist, the languages they read, the platforms they use and, as a hint, their age
against the audience the guide reports for each platform.

The guide ("Comprendre son public") asks each organisation to picture the people it writes for, with
their languages and the platforms where they are, and to write each message for them. Its worked
example has three personas (Mélanie la Militante, Lina la Locataire, Pascha la Professionnelle).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import lru_cache

from postlint import languages, nlp, platforms
from postlint.draft import Draft
from postlint.findings import Finding

# --- what the draft and the strategy say ----------------------------------------------------------


def _named(draft: Draft) -> list[tuple[str, tuple]]:
    """(name, front-matter path) of each persona the draft names, in order."""
    found = []
    for key in ("persona", "audience"):
        value = draft.front.get(key)
        if isinstance(value, str):
            found.append((value, (key,)))
        elif isinstance(value, list):
            found.extend((v, (key, i)) for i, v in enumerate(value) if isinstance(v, str))
    return found


def _personas(ctx) -> dict[str, dict]:
    """The strategy's personas, id -> description (a description that isn't a mapping counts as empty)."""
    found = ctx.settings.personas
    if not isinstance(found, dict):
        return {}
    return {str(pid): (p if isinstance(p, dict) else {}) for pid, p in found.items()}


def _resolve(name: str, personas: dict[str, dict]) -> str | None:
    """The persona id a name stands for: its id, or its id or full name written with other capitals
    or accents (`Lina`, `Mélanie`, `Lina la Locataire`)."""
    if name in personas:
        return name
    folded = languages.fold(name)
    for pid, persona in personas.items():
        full = persona.get("name")
        if folded == languages.fold(pid) or (isinstance(full, str) and folded == languages.fold(full)):
            return pid
    return None


def _targets(draft: Draft, ctx) -> list[tuple[str, dict, tuple]]:
    """(id, description, front-matter path) of each known persona the draft targets, once each."""
    if not draft.personas:
        return []
    personas = _personas(ctx)
    found, seen = [], set()
    for name, path in _named(draft):
        pid = _resolve(name, personas)
        if pid is not None and pid not in seen:
            seen.add(pid)
            found.append((pid, personas[pid], path))
    return found


def _display(pid: str, persona: dict) -> str:
    name = persona.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else pid


def _join(ctx, items: list[str], word: str) -> str:
    """`a, b et c` / `a, b or c`: the last two joined by the rule's message `word`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {ctx.msg(word)} {items[-1]}"


# --- unknown-persona -------------------------------------------------------------------------------


def _closest(name: str, personas: dict[str, dict]) -> str | None:
    """The id of the persona whose id or name is nearest to `name`, for a 'did you mean'."""
    choices = {}
    for pid, persona in personas.items():
        choices[languages.fold(pid)] = pid
        words = persona["name"].split() if isinstance(persona.get("name"), str) else []
        if words:
            choices[languages.fold(persona["name"])] = pid
            choices[languages.fold(words[0])] = pid  # `Lina` of `Lina la Locataire`
    match = difflib.get_close_matches(languages.fold(name), list(choices), n=1, cutoff=0.6)
    return choices[match[0]] if match else None


def no_personas(draft: Draft, ctx) -> Iterator[Finding]:
    """The draft names personas, but the strategy describes none: nothing to check against.

    Guide: "Comprendre son public". One note per draft (info), on the first persona's line, so that
    the silence of the language, platform and age checks is explained rather than hidden.
    """
    named = _named(draft)
    if not named or _personas(ctx):
        return
    key = "no_strategy" if ctx.settings.path is None else "no_personas"
    names = list(dict.fromkeys(name for name, _path in named))
    yield ctx.report(key, draft.front_line(named[0][1]), n=len(names), names=_join(ctx, names, "and"))


def unknown_persona(draft: Draft, ctx) -> Iterator[Finding]:
    """A persona named in `persona` or `audience` that the strategy file doesn't describe.

    Guide: "Comprendre son public" (write for the people you described). Error at the name, with the
    closest persona as suggestion. When the strategy describes no persona at all, no-personas
    speaks instead.
    """
    named = _named(draft)
    personas = _personas(ctx)
    if not named or not personas:
        return  # with no personas described, no-personas says so
    known = ", ".join(personas)
    seen = set()
    for name, path in named:
        if name in seen or _resolve(name, personas) is not None:
            continue
        seen.add(name)
        hint = _closest(name, personas)
        yield ctx.report(
            "unknown_hint" if hint else "unknown",
            draft.front_line(path),
            suggestion=hint,
            name=name,
            hint=hint or "",
            known=known,
        )


# --- persona-language and declared-language -------------------------------------------------------


def _codes(value) -> list[str]:
    """The text items of a persona's list (`languages`, `platforms`), stripped and lower-cased."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [item.strip().lower() for item in items if isinstance(item, str) and item.strip()]


def _probability(value: float) -> float:
    """Two decimals, and never 1: the detector is sure, not certain."""
    return min(round(value, 2), 0.99)


def _language(ctx, key: str, code: str) -> str:
    """A language's name in one of the rule's phrasings (`reads_language`: `en français`)."""
    return ctx.msg(key, language=languages.name(code, ctx.lang))


def _detected(ctx, detection) -> str:
    """`en anglais (0,97)` for each detected language, in order."""
    parts = []
    for code in detection.languages:
        probability = _probability(detection.best(code).probability)
        parts.append(ctx.msg("detected", language=languages.name(code, ctx.lang), probability=probability))
    return _join(ctx, parts, "and")


def persona_language(draft: Draft, ctx) -> Iterator[Finding]:
    """The post is in a language that a persona it targets doesn't read.

    Guide: "Comprendre son public" (each persona's languages: Lina reads French, which is not her
    mother tongue; Pascha reads French, English and Arabic). The post's languages are detected
    paragraph by paragraph (postlint/nlp.py); a post in two languages passes when each persona reads
    one of them. Quiet when detection abstains (a text too short or unsure) and for personas whose
    languages the strategy doesn't give. The finding is on the first paragraph in the wrong language.
    """
    targets = [(pid, persona, _codes(persona.get("languages"))) for pid, persona, _ in _targets(draft, ctx)]
    targets = [target for target in targets if target[2]]
    if not targets:
        return
    detection = nlp.draft_languages(draft, ctx.settings)
    if detection.abstained:
        return
    found = detection.languages
    for pid, persona, reads in targets:
        if any(code in found for code in reads):
            continue
        wrong = next(g for g in detection.guesses if g.lang not in reads)
        yield ctx.at_text(
            "not_read",
            wrong.start,
            wrong.end,
            persona=_display(pid, persona),
            reads=_join(ctx, [_language(ctx, "reads_language", code) for code in reads], "or"),
            detected=_detected(ctx, detection),
        )


def declared_language(draft: Draft, ctx) -> Iterator[Finding]:
    """The draft's declared `lang:` is not the language its text is written in.

    Guide: "Comprendre son public" (the language is part of writing for someone). The rules that
    read the words choose their word lists from the declared language, so a wrong one misleads them.
    Quiet when detection abstains, and when the declared language is one of those detected (a post
    in two languages). Suggests the detected language when there is only one.
    """
    declared = draft.front.get("lang")
    if not isinstance(declared, str) or not languages.is_known(declared.strip().lower()):
        return  # an unknown code is front-matter-value's to report
    declared = declared.strip().lower()
    detection = nlp.draft_languages(draft, ctx.settings)
    if detection.abstained or declared in detection.languages:
        return
    found = detection.languages
    yield ctx.report(
        "differs",
        draft.front_line(("lang",)),
        suggestion=found[0] if len(found) == 1 else None,
        declared=declared,
        language=languages.name(declared, ctx.lang),
        detected=_detected(ctx, detection),
    )


# --- persona-platform and persona-age -------------------------------------------------------------


def _draft_platforms(draft: Draft) -> list[tuple[str, tuple]]:
    """(platform key, front-matter path) of each known platform of the draft, once each."""
    found: dict[str, tuple] = {}
    for key in ("platform", "platforms"):
        value = draft.front.get(key)
        if isinstance(value, str):
            entries = [(value, (key,))]
        elif isinstance(value, list):
            entries = [(v, (key, i)) for i, v in enumerate(value) if isinstance(v, str)]
        else:
            entries = []
        for name, path in entries:
            resolved = platforms.resolve(name)
            if resolved and resolved not in found:
                found[resolved] = path
    return list(found.items())


def _channels(persona: dict) -> tuple[str, ...]:
    """A persona's platforms as platform keys (`Twitter` -> `x`); other channels (`email`) as written."""
    return _channel_keys(tuple(_codes(persona.get("platforms"))))


@lru_cache(maxsize=256)
def _channel_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(platforms.resolve(name) or name for name in names))


def _channel_name(ctx, channel: str) -> str:
    if channel in platforms.table():
        return platforms.display_name(channel)
    key = f"channel_{channel}"
    return ctx.msg(key) if key in ctx.rule.messages else channel


def persona_platform(draft: Draft, ctx) -> Iterator[Finding]:
    """The draft is for a platform that a persona it targets doesn't use.

    Guide: "Comprendre son public" (each persona's platforms: Mélanie on Twitter and Facebook, Lina on
    Facebook and email, Pascha on Facebook, LinkedIn and email). Platform names are resolved like the
    draft's (`Twitter` is X); channels that are not platforms (email) are kept in the message but never
    match a platform. Quiet for personas whose platforms the strategy doesn't give.
    """
    targets = [(pid, persona, _channels(persona)) for pid, persona, _ in _targets(draft, ctx)]
    targets = [target for target in targets if target[2]]
    if not targets:
        return
    for key, path in _draft_platforms(draft):
        for pid, persona, channels in targets:
            if key in channels:
                continue
            yield ctx.report(
                "not_used",
                draft.front_line(path),
                persona=_display(pid, persona),
                platform=platforms.display_name(key),
                uses=_join(ctx, [_channel_name(ctx, c) for c in channels], "and"),
            )


def persona_age(draft: Draft, ctx) -> Iterator[Finding]:
    """A persona's age is outside the ages the guide says a platform of the draft reaches.

    Guide: "Choisir ses plateformes" (Instagram: 90% of users under 30; Snapchat: 45% under 24;
    LinkedIn: mostly 30 to 50), facts in rules/platforms.yaml (`audience`). These figures are old and
    broad, so this is a hint (info), not a verdict. Quiet when the persona has no age, when the
    platform has no audience fact, and when the strategy says the persona uses that platform.
    """
    audiences = []
    for key in draft.platforms:
        audience = platforms.facts(key, "audience")
        if audience.get("age_min") is not None or audience.get("age_max") is not None:
            audiences.append((key, audience))
    if not audiences:
        return
    targets = [
        (pid, persona, persona["age"])
        for pid, persona, _ in _targets(draft, ctx)
        if isinstance(persona.get("age"), int) and not isinstance(persona.get("age"), bool)
    ]
    if not targets:
        return
    paths = dict(_draft_platforms(draft))
    for key, audience in audiences:
        low, high = audience.get("age_min"), audience.get("age_max")
        for pid, persona, age in targets:
            if (low is None or age >= low) and (high is None or age <= high):
                continue
            if key in _channels(persona):
                continue  # the organisation knows this persona is there
            yield ctx.report(
                "outside",
                draft.front_line(paths[key]),
                persona=_display(pid, persona),
                age=age,
                platform=platforms.display_name(key),
                fact=audience.get("text") or "",
            )
