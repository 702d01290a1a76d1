"""Hashtags: the platform's cap, its usual advice, and CamelCase so that screen readers read the words."""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from postlint import platforms
from postlint.counting import fast_length
from postlint.draft import Draft
from postlint.entities import Entity
from postlint.findings import Finding


def _distinct(tags: list[Entity]) -> list[Entity]:
    """The first occurrence of each different hashtag (#Rosemont and #rosemont are one tag)."""
    seen, found = set(), []
    for tag in tags:
        key = tag.body.casefold()
        if key not in seen:
            seen.add(key)
            found.append(tag)
    return found


def _override(ctx, key: str) -> dict:
    return ctx.settings.platform_settings.get(key) or {}


def _per_platform(draft: Draft, ctx) -> Iterator[tuple[str, dict, dict, list]]:
    """For each platform of a draft that has hashtags: its key, hashtag facts, the organisation's
    overrides and the distinct tags."""
    if not draft.hashtags:
        return
    distinct = _distinct(draft.hashtags)
    for key in draft.platforms:
        yield key, platforms.facts(key, "hashtags"), _override(ctx, key), distinct


def hashtag_limit(draft: Draft, ctx) -> Iterator[Finding]:
    """More hashtags than the platform takes (Instagram 5 since December 2025; over 60, YouTube
    ignores them all), or a Bluesky tag longer than 64 graphemes.

    Platform rules, not the guide: facts and sources in rules/platforms.yaml (`hashtags.max`,
    `hashtags.tag_max`); `hashtags_max` under platform_settings sets an organisation's own cap.
    Tags are counted once each, whatever their case. The finding is on the first tag past the cap.
    """
    tags = draft.hashtags
    for key, facts, override, distinct in _per_platform(draft, ctx):
        name = platforms.display_name(key)
        cap = override.get("hashtags_max", facts.get("max"))
        if cap is not None and len(distinct) > cap:
            first = distinct[cap]
            own = "hashtags_max" in override
            after = ""
            if not own and facts.get("over") == "ignore-all":
                after = ctx.msg("all_ignored", platform=name)
            yield ctx.at_text(
                "over_own" if own else "over",
                first.start,
                first.end,
                soft=not own and facts.get("status") == "reported",
                n=len(distinct),
                count=len(distinct),
                max=cap,
                platform=name,
                after=after,
            )
        tag_max = facts.get("tag_max")
        if tag_max is not None:
            unit = facts.get("unit", "graphemes")
            for tag in tags:
                if len(tag.body) <= tag_max:  # a grapheme is at least one code point
                    continue
                length = fast_length(tag.body, unit)
                if length is not None and length > tag_max:
                    yield ctx.at_text(
                        "tag_too_long", tag.start, tag.end, count=length, max=tag_max, platform=name
                    )


def hashtag_advice(draft: Draft, ctx) -> Iterator[Finding]:
    """More hashtags than the platform's usual advice: X 1-2, Facebook 1-2, LinkedIn 3-5, Threads 1.

    Reported practice (platform help pages and scheduling vendors, see rules/platforms.yaml
    `hashtags.recommended_max`), hence a warning; `hashtags_recommended` under platform_settings
    changes it. Quiet where the hard cap (hashtag-limit) is already passed.
    """
    for key, facts, override, distinct in _per_platform(draft, ctx):
        advice = override.get("hashtags_recommended", facts.get("recommended_max"))
        if advice is None or len(distinct) <= advice:
            continue
        cap = override.get("hashtags_max", facts.get("max"))
        if cap is not None and len(distinct) > cap:
            continue  # hashtag-limit says it, as an error
        if "hashtags_recommended" in override:
            source = ctx.msg("source_settings")
        else:
            source = facts.get("source") or "rules/platforms.yaml"
        first = distinct[advice]
        yield ctx.at_text(
            "over",
            first.start,
            first.end,
            soft=True,
            n=len(distinct),
            count=len(distinct),
            max=advice,
            platform=platforms.display_name(key),
            source=source,
        )


# --- CamelCase --------------------------------------------------------------------------------


def _candidate(body: str, min_letters: int, max_letters: int) -> str | None:
    """The tag's letters (NFC) when it is all lower-case letters of a length worth splitting."""
    if len(body) < min_letters or not body.islower():
        return None
    if not body.isalpha():
        body = unicodedata.normalize("NFC", body)  # a decomposed accent is a letter and a mark
        if not body.isalpha():
            return None  # digits, underscores, hyphens: not a run of words glued together
    return body if min_letters <= len(body) <= max_letters else None


def _language_code(value) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip().lower().replace("_", "-").split("-")[0] or None


def _languages(draft: Draft, ctx) -> tuple[str, ...]:
    """The word lists to try: the draft's `lang`, else the strategy's `language`, then the others."""
    known = [str(code) for code in ctx.params["languages"]]
    order = []
    for code in (_language_code(draft.front.get("lang")), _language_code(ctx.settings.language)):
        if code in known and code not in order:
            order.append(code)
            break
    order.extend(code for code in known if code not in order)
    return tuple(order)


def _config(params: dict) -> tuple:
    """The segmentation parameters, hashable (for the cache)."""

    def per_language(value) -> tuple:
        return tuple(
            sorted((str(lang), frozenset(map(str, words or ()))) for lang, words in (value or {}).items())
        )

    return (
        float(params["word_zipf"]),
        int(params["short_word_letters"]),
        float(params["short_word_zipf"]),
        float(params["single_word_zipf"]),
        float(params["known_word_gap"]),
        float(params["word_cost"]),
        float(params["margin"]),
        int(params["longest_word"]),
        per_language(params["one_letter_words"]),
        per_language(params["two_letter_words"]),
    )


def _top_two(letters: str, lang: str, config: tuple, zipf) -> list[tuple[float, tuple[str, ...]]]:
    """The two best ways to cut `letters` into common words of `lang`, best first.

    A word scores its Zipf frequency minus `word_cost` (a Zipf value is log10 of the frequency per
    billion words, so this is a log-probability with a price per word: fewer, commoner words win).
    Words rarer than the thresholds are not allowed at all; words of one or two letters only from
    the lists (the fragments "ai", "ts" or "is" are frequent, but not words of a hashtag).
    """
    word_zipf, short_letters, short_zipf, _one, _gap, cost, _margin, longest, ones, twos = config
    tiny = {1: dict(ones).get(lang, frozenset()), 2: dict(twos).get(lang, frozenset())}
    n = len(letters)
    best: list[list[tuple[float, tuple[str, ...]]]] = [[] for _ in range(n + 1)]
    best[0] = [(0.0, ())]
    for end in range(1, n + 1):
        options = []
        for start in range(max(0, end - longest), end):
            if not best[start]:
                continue
            word = letters[start:end]
            if len(word) in tiny and word not in tiny[len(word)]:
                continue
            z = zipf(word, lang)
            if z < (short_zipf if len(word) <= short_letters else word_zipf):
                continue
            for score, words in best[start]:
                options.append((score + z - cost, (*words, word)))
        best[end] = heapq.nlargest(2, options)
    return best[n]


@lru_cache(maxsize=4096)
def camel_case(letters: str, languages: tuple[str, ...], config: tuple) -> str | None:
    """`letters` in CamelCase when its split into words is confident, else None.

    The language is the one whose best cut scores highest (on a tie, the first of `languages`).
    Confident: that cut has at least two words and beats the runner-up by `margin` (log10 units);
    and the tag is not itself a word: not at least `single_word_zipf` in any language, and when
    wordfreq knows it at all (a rare word, a name), every word of the cut is at least
    `known_word_gap` more common than it (#centraide is not "cent raide"; #foodbank, a rare
    token, is still "food bank").
    """
    from postlint import word_lists  # only now: the lists are read when a tag needs them

    single_zipf, gap, margin = config[3], config[4], config[6]
    languages = tuple(lang for lang in languages if lang in word_lists.languages())
    if not languages:
        return None
    # every Zipf value the rule compares is at least this one, or only needs to be below it: the
    # words rarer than that are not read (word_lists.zipf_at_least), but for the tag itself
    floor = min(config[0], config[2], single_zipf)

    def zipf(word: str, lang: str) -> float:
        return word_lists.zipf_at_least(word, lang, floor)

    as_word = max(zipf(letters, lang) for lang in languages)
    if as_word >= single_zipf:
        return None  # one word (#solidarité, #montreal): nothing to split
    found = []
    for rank, lang in enumerate(languages):
        top = _top_two(letters, lang, config, zipf)
        if top:
            found.append((top[0][0], -rank, lang, top))
    if not found:
        return None
    _score, _rank, lang, top = max(found)  # the language that reads it best; ties: the draft's
    score, words = top[0]
    if len(words) < 2 or (len(top) > 1 and score - top[1][0] < margin):
        return None
    if as_word < floor:  # rarer than the words read: its own value, when wordfreq knows it at all
        as_word = max(word_lists.zipf(letters, lang) for lang in languages)
    if as_word > 0 and min(zipf(word, lang) for word in words) - as_word < gap:
        return None
    return "".join(word[0].upper() + word[1:] for word in words)


def hashtag_case(draft: Draft, ctx) -> Iterator[Finding]:
    """A hashtag of several words written all in lower case: suggest it in CamelCase, so that screen
    readers read the words (#droitsdeslocataires -> #DroitsDesLocataires).

    Accessibility practice (WCAG; platforms' accessibility help pages). Only where the split is
    confident, from French and English word frequencies (wordfreq, loaded only when a tag needs
    it); never on one word, on tags with digits, or on tags that already have capitals.
    """
    tags = draft.hashtags
    if not tags:
        return
    params = ctx.params
    min_letters, max_letters = int(params["min_letters"]), int(params["max_letters"])
    found = []
    for tag in tags:
        letters = _candidate(tag.body, min_letters, max_letters)
        if letters is not None:
            found.append((tag, letters))
    if not found:
        return
    languages, config = _languages(draft, ctx), _config(params)
    for tag, letters in found:
        camel = camel_case(letters, languages, config)
        if camel:
            suggestion = "#" + camel
            yield ctx.at_text(
                "camel_case", tag.start, tag.end, suggestion=suggestion, tag=tag.text, camel=suggestion
            )
