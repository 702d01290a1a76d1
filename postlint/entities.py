"""What a post's text holds besides words: links, hashtags, mentions and emoji, with positions.

Each finder is one compiled pass over the text (no per-character Python loop), with a cheap
pre-filter when the text can't hold the thing at all (no '#', no '@', ASCII only for emoji).
Offsets are code-point indexes into the draft's text (see Draft.text_position).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from postlint.resources import load_rules_yaml


@dataclass(frozen=True)
class Entity:
    kind: str  # url | hashtag | mention | emoji
    start: int
    end: int
    text: str

    @property
    def body(self) -> str:
        """A hashtag's or a mention's name without its sign."""
        return self.text[1:] if self.kind in ("hashtag", "mention") else self.text


_TRAILING = ".,;:!?)]}»'\"…"
_HASHTAG = regex.compile(r"(?<![\w&#/])#(?=\w*[^\W\d_])[\w]+(?:[\w·-]*\w)?", regex.V1)
_MENTION = regex.compile(r"(?<![\w@/.])@[\w](?:[\w.]*\w)?(?:@[\w-]+(?:\.[\w-]+)+)?")
_EMOJI = regex.compile(
    r"\p{RI}\p{RI}"
    r"|[#*0-9]\uFE0F?\u20E3"
    # a pictograph shown as an emoji: emoji by default, or asked for with U+FE0F or a skin tone
    # (©, ®, ™, ‼ alone are text: Emoji_Presentation=No, as Unicode's emoji data says)
    r"|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}(?=[\uFE0F\p{Emoji_Modifier}]))"
    r"[\uFE0F\p{Emoji_Modifier}]*"
    r"(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*)*"
    r"[\U000E0020-\U000E007F]*"
)


_SCHEME_OR_WWW = regex.compile(r"(?<![\w@./-])(?:https?://|www\.)[^\s<>\"\[\]]+", regex.IGNORECASE)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
_PATH = regex.compile(r"/[^\s<>\"]*")


@cache
def _domain_ending() -> regex.Pattern:
    """A dot and a known domain ending (rules/entities.yaml), not followed by more of a name."""
    tlds = sorted(load_rules_yaml("entities.yaml")["tlds"], key=len, reverse=True)
    alternatives = "|".join(regex.escape(t) for t in tlds)
    return regex.compile(rf"\.(?:{alternatives})(?![\w-])", regex.IGNORECASE)


def urls(text: str) -> list[Entity]:
    """Links, with or without http:// (a bare `exemple.ca/page` is a link on most platforms)."""
    if "." not in text:
        return []
    return list(_urls(text))


def _trim(value: str) -> str:
    while value and value[-1] in _TRAILING:
        if value[-1] == ")" and value.count("(") >= value.count(")"):
            break  # a balanced parenthesis belongs to the link (wiki-style paths)
        value = value[:-1]
    return value


@lru_cache(maxsize=16)
def _urls(text: str) -> tuple[Entity, ...]:
    found = []
    for m in _SCHEME_OR_WWW.finditer(text):
        value = _trim(m.group())
        found.append(Entity("url", m.start(), m.start() + len(value), value))
    # bare domains: found from their ending, then widened back to where the name starts
    for m in _domain_ending().finditer(text):
        if any(e.start <= m.start() < e.end for e in found):
            continue
        start = m.start()
        while start > 0 and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        while start < m.start() and not text[start].isalnum():
            start += 1
        if start == m.start() or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@_/")):
            continue
        end = m.end()
        path = _PATH.match(text, end)
        value = _trim(text[start : path.end() if path else end])
        found.append(Entity("url", start, start + len(value), value))
    found.sort(key=lambda e: e.start)
    return tuple(found)


def _outside(spans: list[Entity], start: int) -> bool:
    return not any(s.start <= start < s.end for s in spans)


def hashtags(text: str) -> list[Entity]:
    """`#Tag` (letters, digits, underscores; at least one letter), not inside links."""
    if "#" not in text:
        return []
    links = urls(text)
    return [
        Entity("hashtag", m.start(), m.end(), m.group())
        for m in _HASHTAG.finditer(text)
        if _outside(links, m.start())
    ]


def mentions(text: str) -> list[Entity]:
    """`@handle` or `@user@server`, not e-mail addresses, not inside links."""
    if "@" not in text:
        return []
    links = urls(text)
    return [
        Entity("mention", m.start(), m.end(), m.group().rstrip("."))
        for m in _MENTION.finditer(text)
        if _outside(links, m.start())
    ]


def emoji(text: str) -> list[Entity]:
    """Emoji as a reader sees them: one per sequence (ZWJ families, skin tones, flags, keycaps)."""
    if text.isascii():
        return []
    return [Entity("emoji", m.start(), m.end(), m.group()) for m in _EMOJI.finditer(text)]
