"""The "see more" fold: what shows before it is what people decide on, so it must hold words."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from postlint import platforms
from postlint.draft import Draft
from postlint.findings import Finding

_LETTER = regex.compile(r"[^\W\d_]")
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"\s", regex.REVERSE)
_ENTITY_SIGNS = frozenset("#@./:")


def _fold_at(key: str, ctx) -> int | None:
    override = ctx.settings.platform_settings.get(key) or {}
    return override.get("fold", platforms.facts(key, "fold").get("at"))


def _plain_word_at(text: str, index: int) -> bool:
    """True when the letter at `index` sits in a word that can't be a hashtag, mention or link
    (no # @ . / : in it): the common case, answered without finding the entities."""
    after = _SPACE.search(text, index)
    before = _SPACE_BEFORE.search(text, 0, index)
    token = text[before.end() if before else 0 : after.start() if after else len(text)]
    return _ENTITY_SIGNS.isdisjoint(token)


def has_own_words(draft: Draft, end: int) -> bool:
    """Whether the text's first `end` characters hold a letter outside hashtags, mentions and links.

    Emoji need no blanking: they hold no letters. Digits and punctuation are not words.
    """
    text = draft.text
    first = _LETTER.search(text, 0, end)
    if first is None:
        return False
    if _plain_word_at(text, first.start()):
        return True
    spans = sorted(
        (e.start, e.end)
        for found in (draft.hashtags, draft.mentions, draft.urls)
        for e in found
        if e.start < end
    )
    position = first.start()
    for start, stop in spans:
        if stop <= position:
            continue
        if start > position and _LETTER.search(text, position, min(start, end)):
            return True
        position = max(position, stop)
        if position >= end:
            return False
    return position < end and _LETTER.search(text, position, end) is not None


def fold(draft: Draft, ctx) -> Iterator[Finding]:
    """Before the platform's "see more" (Instagram and Facebook ~125 characters, LinkedIn ~210,
    TikTok ~150, YouTube ~100) there are only hashtags, mentions, emoji, links or punctuation.

    Guide: "Pratiques gagnantes", tip 5 (is the information interesting to your public?): what
    shows before the fold is what people decide on. Fold points are reported practice
    (rules/platforms.yaml `fold.at`; `fold` under platform_settings), hence a warning. A post no
    longer than the fold has no fold.
    """
    text = draft.text
    answers: dict[int, bool] = {}
    for key in draft.platforms:
        at = _fold_at(key, ctx)
        if not at or len(text) <= at:
            continue
        if at not in answers:
            answers[at] = has_own_words(draft, at)
        if not answers[at]:
            yield ctx.at_text("hook", 0, at, soft=True, platform=platforms.display_name(key), at=at)
