"""Links: dead links on Instagram, too many links on Threads, bare links, Markdown link syntax."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from urllib.parse import unquote

import regex

from postlint import platforms
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.resources import load_lexicon

_WORD = regex.compile(r"[^\W\d_]+")
_AUTOLINK = regex.compile(r"<(https?://[^\s<>]+)>", regex.IGNORECASE)
_SCHEME = regex.compile(r"^(?:https?://)?(?:www\.)?", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")


@cache
def _bio_phrases(lexicon: str) -> regex.Pattern | None:
    """One pattern for the French and English phrases that point to the bio."""
    phrases = []
    for lang in ("fr", "en"):
        data = load_lexicon(lang, lexicon)
        phrases.extend(str(p).strip() for p in data.get("phrases") or () if str(p).strip())
    if not phrases:
        return None
    words = (r"\s+".join(regex.escape(w) for w in p.split()) for p in phrases)
    return regex.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", regex.IGNORECASE)


def link_not_clickable(draft: Draft, ctx) -> Iterator[Finding]:
    """A link in the text of a platform whose links can't be clicked (Instagram captions).

    Guide: "Choisir ses plateformes" (Instagram's technical limits). Fact: rules/platforms.yaml,
    links.clickable. Quiet when the text already sends readers to the bio or a story sticker.
    """
    dead = [key for key in draft.platforms if platforms.facts(key, "links").get("clickable") is False]
    if not dead or not draft.urls:
        return
    pattern = _bio_phrases(str(ctx.params.get("lexicon", "link-in-bio")))
    if pattern is not None and pattern.search(draft.text):
        return
    names = ", ".join(platforms.display_name(key) for key in dead)
    for url in draft.urls:
        yield ctx.at_text("dead", url.start, url.end, platform=names)


def _link_key(url: str) -> str:
    """The same link written differently (scheme, www., trailing slash, host case) is one link."""
    bare = _SCHEME.sub("", url).rstrip("/")
    host, slash, rest = bare.partition("/")
    return host.lower() + slash + rest


def link_count(draft: Draft, ctx) -> Iterator[Finding]:
    """More distinct links than the platform accepts (Threads: 5).

    Source: Threads API (rules/platforms.yaml, links.max_distinct); over a documented maximum the
    post is refused: error; over a reported one: warning.
    """
    if len(draft.urls) < 2:
        return
    keys = [_link_key(url.text) for url in draft.urls]
    distinct = len(set(keys))
    for key in draft.platforms:
        facts = platforms.facts(key, "links")
        limit = facts.get("max_distinct")
        if not isinstance(limit, int) or distinct <= limit:
            continue
        seen: set[str] = set()
        first_over = draft.urls[-1]
        for url, link in zip(draft.urls, keys, strict=True):
            seen.add(link)
            if len(seen) > limit:
                first_over = url
                break
        yield ctx.at_text(
            "too_many",
            first_over.start,
            first_over.end,
            soft=facts.get("status") != "doc",
            count=distinct,
            max=limit,
            excess=distinct - limit,
            platform=platforms.display_name(key),
        )


def link_only(draft: Draft, ctx) -> Iterator[Finding]:
    """A post that is only a link (with perhaps hashtags, mentions, emoji): no comment of one's own.

    Guide: "Ressources": curation (sharing others' content) is a valid passive strategy when the
    content comes with a brief comment from the organisation.
    """
    urls = draft.urls
    if not urls:
        return
    text = draft.text
    spans = sorted(
        (e.start, e.end) for group in (urls, draft.hashtags, draft.mentions, draft.emoji) for e in group
    )
    parts, cursor = [], 0
    for start, end in spans:
        if start > cursor:
            parts.append(text[cursor:start])
        cursor = max(cursor, end)
    parts.append(text[cursor:])
    minimum = int(ctx.params.get("min_words", 3))
    # concurrent=False: `regex` otherwise lets go of the GIL and takes it back around every match
    for words, _ in enumerate(_WORD.finditer(" ".join(parts), concurrent=False), start=1):
        if words >= minimum:
            return
    yield ctx.at_text("bare", urls[0].start, urls[0].end)


def _label_end(source: str) -> int:
    """Index of the `]` that closes the label opened at source[0] (labels may nest brackets)."""
    depth, i = 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _plain_form(source: str, target: str) -> str:
    """`[text](url)` -> `text url`, or just `url` when the text is the address."""
    close = _label_end(source)
    label = _SPACES.sub(" ", source[1:close]).strip() if close > 0 else ""
    url = unquote(target)
    rest = source[close + 1 :] if close > 0 else ""
    if rest.startswith("(") and rest.endswith(")"):
        destination = rest[1:-1].strip()
        if destination.startswith("<"):
            url = destination[1 : destination.find(">")] if ">" in destination else destination[1:]
        elif destination:
            url = destination.split()[0]
    if not label or "![" in label or _link_key(label) == _link_key(url):
        return url
    return f"{label} {url}"


def markdown_link(draft: Draft, ctx) -> Iterator[Finding]:
    """Markdown link syntax that platforms show literally: `[text](url)` and `<https://...>`.

    Platforms post plain text (rules/platforms.yaml): the brackets would show. The suggestion is
    the plain form, which most platforms make clickable by themselves.
    """
    for piece in draft.pieces:
        if piece.kind != "link":
            continue
        source = draft.body[piece.start : piece.end]
        line, column = draft.file_position(draft.body_offset + piece.start)
        end_line, end_column = draft.file_position(draft.body_offset + piece.end)
        yield ctx.report(
            "markdown",
            line,
            column,
            end_line=end_line,
            end_column=end_column,
            suggestion=_plain_form(source, piece.target),
        )
    text = draft.text
    if "<" not in text:
        return
    for m in _AUTOLINK.finditer(text):
        yield ctx.at_text("autolink", m.start(), m.end(), suggestion=m.group(1))
