"""Fundraising: posts that ask for money or for volunteers (PL330, off unless the strategy asks).

`asks(draft, settings)` is what other checks use (the share of fundraising posts across a folder):
a pure function of the draft and the strategy, returning every ask with its kind and words. The
phrases are in rules/lexicons/<lang>/fundraising-asks.yaml (French and English both read for
every draft); the donation and volunteering links (domains and path segments) are the params of
rules/fundraising-ask.yaml, which a strategy file can extend:
`rules: {fundraising-ask: {donation_domains: [jedonne.example.org]}}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

import regex

from postlint import catalogue
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.phrase_patterns import PhraseBook, compile_entries, draft_words, previous_word, word_set
from postlint.resources import load_lexicon

RULE = "fundraising-ask"
KINDS = ("money", "volunteers")
LANGUAGES = ("fr", "en")
_SCHEME = regex.compile(r"^(?:[a-z][a-z0-9+.-]*://)?", regex.IGNORECASE)
_SEGMENTS = regex.compile(r"[/?#&=]+")


@dataclass(frozen=True)
class Ask:
    """One ask: `kind` is 'money' or 'volunteers'; `start`..`end` are offsets into the draft's
    text and `text` the words (or the link) that ask; `source` is 'words' or 'link'."""

    kind: str
    start: int
    end: int
    text: str
    source: str = "words"


@dataclass(frozen=True)
class _Rules:
    """What, in one language, sets a matched phrase aside."""

    not_followed_by: regex.Pattern | None
    not_after: frozenset[str]


@cache
def _book() -> tuple[PhraseBook, dict[str, _Rules]]:
    """The ask phrases of every language (sections: (lang, kind)) and each language's rules."""
    sections, rules = [], {}
    for lang in LANGUAGES:
        data = load_lexicon(lang, "fundraising-asks")
        if not data:
            continue
        for kind in KINDS:
            sections.append(((lang, kind), lang, data.get(kind)))
        after = compile_entries(data.get("not_followed_by"), lang, name=f"asks_after_{lang}")
        if after is not None:
            after = regex.compile(r"\s*(?:" + after.pattern + ")", regex.IGNORECASE)
        rules[lang] = _Rules(
            not_followed_by=after,
            not_after=word_set(data.get("not_after")),
        )
    return PhraseBook(sections, name="fundraising_asks"), rules


def params(settings) -> dict:
    """The rule's params with the strategy file's on top (they apply even when the rule is off:
    other checks read the asks)."""
    rule = catalogue.get(RULE)
    own = settings.rule(RULE).params if settings is not None else {}
    return {**rule.params, **own}


def _hosts(values) -> tuple[str, ...]:
    return _hosts_of(tuple(map(str, values or ())))


@lru_cache(maxsize=64)
def _hosts_of(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({v.strip().lower().lstrip(".") for v in values if v.strip()}))


def _segments(values) -> frozenset[str]:
    return _segments_of(tuple(map(str, values or ())))


@lru_cache(maxsize=64)
def _segments_of(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip().strip("/").lower() for v in values if v.strip().strip("/"))


def _link_kind(url: str, conf: dict) -> str | None:
    """'money' or 'volunteers' when a link goes to a donation or volunteering page."""
    bare = _SCHEME.sub("", url)
    host, _slash, rest = bare.partition("/")
    host = host.split("@")[-1].split(":")[0].lower()
    if host.startswith("www."):
        host = host[4:]
    parts = [unquote(p).lower() for p in _SEGMENTS.split(rest) if p]
    parts = [p.rsplit(".", 1)[0] if p.endswith((".html", ".htm", ".php", ".aspx")) else p for p in parts]
    for kind, domains, paths in (
        ("money", "donation_domains", "donation_paths"),
        ("volunteers", "volunteer_domains", "volunteer_paths"),
    ):
        if any(host == d or host.endswith("." + d) for d in _hosts(conf.get(domains))):
            return kind
        wanted = _segments(conf.get(paths))
        if wanted and any(p in wanted for p in parts):
            return kind
    return None


def asks(draft: Draft, settings=None) -> list[Ask]:
    """Every ask for money or volunteers in the draft, in text order, overlaps removed: phrases
    ("faites un don", "donate", "devenez bénévole", "join as a volunteer") and links to a donation
    or volunteering page (/don, /donate, canadahelps.org, zeffy.com...). Pure: reads the draft,
    the lexicons and the rule's params (with the strategy's, when `settings` is given). Found once
    per draft and strategy (the rule and the facts of the checks across drafts both ask)."""
    memo = draft.__dict__.get("_postlint_asks")
    if memo is not None and memo[0] is settings:
        return list(memo[1])
    found = _asks(draft, settings)
    draft.__dict__["_postlint_asks"] = (settings, tuple(found))
    return found


def _asks(draft: Draft, settings) -> list[Ask]:
    text = draft.text
    if not text:
        return []
    conf = params(settings)
    links = draft.urls
    found: list[Ask] = []
    for url in links:
        kind = _link_kind(url.text, conf)
        if kind:
            found.append(Ask(kind, url.start, url.end, url.text, "link"))
    book, rules = _book()
    for phrase, m in book.scan(text, draft_words(draft), len(draft.emoji)):
        (_lang, kind), own = phrase.section, rules[phrase.lang]
        if any(u.start < m.end() and m.start() < u.end for u in links):
            continue
        if own.not_followed_by is not None and own.not_followed_by.match(text, m.end()):
            continue  # "faites un don de sang"
        before = previous_word(text, m.start(), 60)
        if before is not None and before in own.not_after:
            continue  # "nous donnons généreusement": what someone does, not an ask
        found.append(Ask(kind, m.start(), m.end(), m.group()))
    found.sort(key=lambda a: (a.start, -a.end))
    kept: list[Ask] = []
    for ask in found:
        if kept and ask.start < kept[-1].end:
            continue
        kept.append(ask)
    return kept


def fundraising_ask(draft: Draft, ctx) -> Iterator[Finding]:
    """The post asks for money or for volunteers: an info, off unless the strategy file turns it on
    (`rules: {fundraising-ask: info}`), for organisations that watch how often they ask.

    Guide: "Définir ses objectifs", "Pièges à éviter" (all objectives about fundraising). One
    finding per kind of ask, on its first words or link.
    """
    seen = set()
    for ask in asks(draft, ctx.settings):
        if ask.kind in seen:
            continue
        seen.add(ask.kind)
        words = " ".join(ask.text.split())
        yield ctx.at_text(ask.kind, ask.start, ask.end, words=words)
