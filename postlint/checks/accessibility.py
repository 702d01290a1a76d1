"""Accessibility: fancy Unicode letters, too many emoji, emoji in place of words, sentences in capitals.

What screen readers do with a post's text (PLATFORMS.md, "Accessibility practice"; WCAG 2.2): they
read each emoji's name, spell out or skip symbol "letters", and may spell out words in capitals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import regex

from postlint import platforms
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.resources import load_lexicon

# --- fancy-text ------------------------------------------------------------------------------

# What may stand between two fancy letters of one run: spaces, punctuation, combining marks and the
# accented letters that the generators can't make (𝐅ê𝐭𝐞).
_GAP = r"[ \t\u00a0\u202f\p{P}\p{M}À-ÖØ-öø-ÿŒœ]"
_EMOJI_CHAR = regex.compile(r"\p{Emoji}")


def _ranges(spec) -> list[tuple[int, int]]:
    result = []
    for item in spec or ():
        low, _, high = str(item).partition("-")
        result.append((int(low, 16), int(high or low, 16)))
    return result


def _char_class(ranges, chars: str) -> str:
    parts = [f"\\U{low:08X}-\\U{high:08X}" for low, high in ranges]
    parts.extend(f"\\U{ord(c):08X}" for c in chars)
    return "[" + "".join(parts) + "]"


@cache
def _fancy(letters: tuple, holes: str, small: str, from_a: tuple):
    """(run pattern, small-capital map, ranges counted from A) for these params."""
    small_map = {pair[0]: pair[1:] for pair in small.split() if len(pair) >= 2}
    from_a_ranges = _ranges(from_a)
    fancy = _char_class(_ranges(letters) + from_a_ranges, "".join(small_map))
    hole = _char_class([], holes) if holes else None
    inner = f"(?:{fancy}|{hole})" if hole else fancy
    lead = f"{hole}*" if hole else ""
    pattern = regex.compile(f"{lead}{fancy}(?:{_GAP}*{inner})*\\p{{M}}*")
    # a run needs at least one of the fancy characters: the standard library finds that first,
    # about three times faster than the full pattern on ordinary French text
    return re.compile(fancy), pattern, small_map, from_a_ranges


def _plain(run: str, small_map: dict, from_a: list[tuple[int, int]]) -> str:
    out = []
    for char in run:
        code = ord(char)
        if char in small_map:
            out.append(small_map[char])
            continue
        base = next((low for low, high in from_a if low <= code <= high), None)
        if base is not None:
            out.append(chr(ord("A") + code - base))
            continue
        plain = unicodedata.normalize("NFKC", char)
        if len(plain) == 3 and plain[0] == "(" and plain[2] == ")":
            plain = plain[1]  # parenthesized letters: (a) -> a
        out.append(plain)
    return unicodedata.normalize("NFC", "".join(out))


def fancy_text(draft: Draft, ctx) -> Iterator[Finding]:
    """ "Fancy" Unicode letters (mathematical bold, script, fullwidth, circled...) instead of text.

    Accessibility practice (PLATFORMS.md; WCAG 2.2 1.3.1): screen readers spell such symbols out by
    their names or skip them, and search doesn't find them. The suggestion is the plain text.
    """
    text = draft.text
    if text.isascii():
        return
    p = ctx.params
    first, pattern, small_map, from_a = _fancy(
        tuple(p.get("letters") or ()),
        str(p.get("hole_letters") or ""),
        str(p.get("small_capitals") or ""),
        tuple(p.get("capitals_from_a") or ()),
    )
    if not first.search(text):
        return
    for m in pattern.finditer(text):
        run = m.group()
        letters = run.replace("\ufe0f", "")
        if len(letters) == 1 and _EMOJI_CHAR.match(letters):
            continue  # 🅿️, Ⓜ️: an emoji, not a letter
        yield ctx.at_text("fancy", m.start(), m.end(), suggestion=_plain(letters, small_map, from_a))


# --- emoji -----------------------------------------------------------------------------------


def _emoji(draft: Draft, not_emoji: str) -> list:
    """The draft's emoji, without the typographic symbols (©, ®, ™) that only look like them."""
    return [e for e in draft.emoji if not (len(e.text) <= 2 and e.text[0] in not_emoji)]


def emoji_count(draft: Draft, ctx) -> Iterator[Finding]:
    """More emoji than the chosen limit (default 5; platform_settings: {emoji_max: N}).

    Accessibility practice (PLATFORMS.md): emoji sparingly; a screen reader reads every one's name.
    """
    if not draft.emoji:
        return
    default = int(ctx.params.get("max", 5))
    limits: dict[int, list[str | None]] = {}
    for key in draft.platforms or [None]:
        override = (ctx.settings.platform_settings.get(key) or {}) if key else {}
        limit = override.get("emoji_max", default)
        if isinstance(limit, int):
            limits.setdefault(limit, []).append(key)
    if not limits or len(draft.emoji) <= min(limits):
        return
    found = _emoji(draft, str(ctx.params.get("not_emoji", "")))
    for limit, keys in sorted(limits.items()):
        if len(found) <= limit:
            continue
        first = found[limit]
        overridden = any(k and "emoji_max" in (ctx.settings.platform_settings.get(k) or {}) for k in keys)
        fields = {"count": len(found), "max": limit}
        if overridden:
            names = ", ".join(platforms.display_name(k) for k in keys if k)
            yield ctx.at_text("too_many_on", first.start, first.end, platform=names, **fields)
        else:
            yield ctx.at_text("too_many", first.start, first.end, **fields)


_SPACE = " \t\u00a0\u202f\u2009\ufe0f"
_APOSTROPHES = "'’"
_NOT_BASE = regex.compile(r"[\uFE0E\uFE0F\U0001F3FB-\U0001F3FF]")


@cache
def _emoji_words(lexicon: str, lang: str) -> dict:
    data = load_lexicon(lang, lexicon)
    return {_NOT_BASE.sub("", str(k)): v for k, v in (data.get("emoji") or {}).items() if isinstance(v, dict)}


def _post_language(draft: Draft, ctx) -> str:
    for value in (draft.front.get("lang"), ctx.settings.language):
        if isinstance(value, str) and value[:2].lower() in ("fr", "en"):
            return value[:2].lower()
    return ctx.lang


def _groups(found: list, text: str) -> list[tuple[int, int, str]]:
    """Emoji next to each other (only spaces between) as one group: (start, end, first emoji)."""
    groups: list[list] = []
    for e in found:
        if groups and not text[groups[-1][1] : e.start].strip(_SPACE):
            groups[-1][1] = e.end
        else:
            groups.append([e.start, e.end, e.text])
    return [tuple(g) for g in groups]


def _letter_before(text: str, start: int) -> int | None:
    """Index of the letter that stands right before `start` on the same line (spaces skipped)."""
    i = start - 1
    while i >= 0 and text[i] in _SPACE:
        i -= 1
    if i >= 1 and text[i] in _APOSTROPHES:  # J'❤️
        i -= 1
    return i if i >= 0 and text[i].isalpha() else None


def _letter_after(text: str, end: int) -> int | None:
    i = end
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i if i < len(text) and text[i].isalpha() else None


def emoji_for_words(draft: Draft, ctx) -> Iterator[Finding]:
    """An emoji inside a sentence, in place of a word ("On ❤️ nos bénévoles").

    Accessibility practice (PLATFORMS.md): emoji never in place of words; a screen reader says the
    emoji's name, which breaks the sentence. The word is suggested for common emoji (lexicon).
    """
    if not draft.emoji:
        return
    text = draft.text
    found = _emoji(draft, str(ctx.params.get("not_emoji", "")))
    candidates = []
    for start, end, first in _groups(found, text):
        before = _letter_before(text, start)
        after = _letter_after(text, end) if before is not None else None
        if after is not None:
            candidates.append((start, end, first, before, after))
    if not candidates:
        return
    entities = [*draft.urls, *draft.hashtags, *draft.mentions]
    words = _emoji_words(str(ctx.params.get("lexicon", "emoji-words")), _post_language(draft, ctx))
    for start, end, first, before, after in candidates:
        if any(e.start <= i < e.end for e in entities for i in (before, after)):
            continue  # next to a link, a hashtag or a mention: not in place of a word
        if text[after].isupper():
            continue  # a new sentence starts: the emoji ends the previous one
        entry = words.get(_NOT_BASE.sub("", first))
        if entry is None:
            yield ctx.at_text("in_sentence", start, end)
        else:
            word, name = str(entry.get("word", "")), str(entry.get("name", ""))
            yield ctx.at_text("in_place", start, end, word=word, name=name, suggestion=word or None)


# --- all-caps --------------------------------------------------------------------------------

_TWO_CAPS = regex.compile(r"\p{Lu}\p{Lu}")
_SENTENCE = re.compile(r"[^.!?…\n]+")  # up to a sentence end or a line end
_CAPS_WORD = regex.compile(r"\p{Lu}[\p{Lu}\p{M}]+")
_CAPITAL = regex.compile(r"\p{Lu}")


def _masked(draft: Draft) -> str:
    """The text with links, hashtags and mentions blanked out (same length, same offsets)."""
    spans = sorted((e.start, e.end) for group in (draft.urls, draft.hashtags, draft.mentions) for e in group)
    if not spans:
        return draft.text
    text, parts, cursor = draft.text, [], 0
    for start, end in spans:
        if start >= cursor:
            parts.append(text[cursor:start])
            parts.append(" " * (end - start))
            cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def all_caps(draft: Draft, ctx) -> Iterator[Finding]:
    """A whole sentence in capitals (at least min_words words and min_letters letters).

    Accessibility practice (WCAG 2.2, 3.1 Readable): screen readers may spell capitals out as
    acronyms, and capitals read as shouting. Acronyms and short shouts stay under the threshold.
    """
    if not _TWO_CAPS.search(draft.text):
        return
    min_words = int(ctx.params.get("min_words", 4))
    min_letters = int(ctx.params.get("min_letters", 15))
    text = _masked(draft)
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if sentence.upper() != sentence or sentence.lower() == sentence:
            continue  # a lower-case letter, or no letter with a case at all
        # concurrent=False: `regex` otherwise lets go of the GIL and takes it back around every match
        words = _CAPS_WORD.findall(sentence, concurrent=False)
        if len(words) < min_words or len(_CAPITAL.findall(sentence, concurrent=False)) < min_letters:
            continue
        start = m.start() + len(sentence) - len(sentence.lstrip())
        end = m.end() - (len(sentence) - len(sentence.rstrip()))
        yield ctx.at_text("shouting", start, end)
