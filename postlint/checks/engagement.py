"""Engagement: the post invites a response (PL300), and engagement bait does not count (PL301).

Everything these rules know is in rules/lexicons/<lang>/engagement.yaml (questions without a
question mark, invitations to respond) and rules/lexicons/<lang>/engagement-bait.yaml (Facebook's
kinds of engagement bait), in the phrase notation of postlint/phrase_patterns.py. French and
English lexicons are both read for every draft: posts mix them ("likez si…"). No spaCy Doc is
built: a '?' settles most drafts at once, the phrase patterns are regular expressions over the
text, and the lookup lemmas are read (once) only to spell out each `<verb>`'s forms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from postlint import platforms
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.phrase_patterns import PhraseBook, compile_entries, draft_words, previous_word, word_set
from postlint.resources import load_lexicon

LANGUAGES = ("fr", "en")
_SENTENCE_END = regex.compile(r"[.!?？؟…\n]")
_CLAUSE_BREAK = frozenset('.!?？؟…:;,\n()[]«»"“”–—-•*·>')
_EMOJI_END = regex.compile(r"[\p{Extended_Pictographic}\uFE0F\p{Emoji_Modifier}\u200D]$")
_HYPHENS = "-‐‑"
_INVERSION = regex.compile(
    r"(?<=\p{L})[-‐‑](?:t[-‐‑])?(tu|il|elle|on|ils|elles|je|vous|nous)(?![\p{L}\p{N}\-‐‑])", regex.IGNORECASE
)
_VERB_BEFORE = regex.compile(r"(?<![\p{L}\p{N}\-‐‑])\p{L}+$")
_LOOKBACK = 80  # characters looked at before a phrase to decide where its clause starts


# --- where a phrase stands -----------------------------------------------------------------------


def _clause_start(text: str, start: int, openers: frozenset[str]) -> bool:
    """`start` begins a clause: the text or a line starts there, or punctuation, an emoji or one
    of the `openers` ("and", "et", "svp") comes just before."""
    before = text[max(0, start - _LOOKBACK) : start].rstrip()
    if not before or before[-1] in _CLAUSE_BREAK or _EMOJI_END.search(before):
        return True
    word = previous_word(text, start, _LOOKBACK)
    return word is not None and word in openers


def _sentence_end(text: str, end: int) -> int:
    m = _SENTENCE_END.search(text, end)
    return m.start() if m else len(text)


def _exclaims(text: str, end: int) -> bool:
    """The sentence around `end` ends with "!": an exclamation, not a question."""
    stop = _sentence_end(text, end)
    return stop < len(text) and text[stop] == "!"


def _outside(spans, start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


# --- questions and invitations ----------------------------------------------------------------


_QUESTION_MARK = regex.compile(r"[?？؟¿]")
_QUOTE_OR_COMMA = frozenset(',»”"')


def question_mark(draft: Draft) -> int | None:
    """The offset of the first '?' (or its Arabic, Spanish or full-width forms) outside the links,
    or None: a question, however spaced ("Qui l'eût cru ?", "Ready?", a narrow no-break space...)."""
    text = draft.text
    for m in _QUESTION_MARK.finditer(text):
        if _outside(draft.urls, m.start(), m.end()):
            return m.start()
    return None


@cache
def _phrase_book() -> PhraseBook:
    """The question phrases and invitations of every language; sections are "question" and
    "invitation"."""
    sections = []
    for lang in LANGUAGES:
        data = load_lexicon(lang, "engagement")
        sections.append(("question", lang, data.get("question_phrases")))
        sections.append(("invitation", lang, data.get("invitations")))
    return PhraseBook(sections, name="engagement")


@cache
def _french_inversion() -> tuple[frozenset, frozenset, frozenset]:
    inversion = load_lexicon("fr", "engagement").get("inversion") or {}
    return (
        word_set(inversion.get("pronouns")),
        word_set(inversion.get("vous_verbs")),
        word_set(inversion.get("incise_verbs")),
    )


def _lemma(word: str) -> str:
    from postlint import nlp

    return nlp.lemma(word, "fr")


_NEXT_WORD = regex.compile(r"[^\S\n]*([\p{L}]+)")


def _incise(text: str, start: int, end: int, verb: str, incise_verbs: frozenset) -> bool:
    """A quotation's incise ("», dit-elle", "», a-t-il expliqué"), not a question."""
    before = text[max(0, start - _LOOKBACK) : start].rstrip()
    if not before or before[-1] not in _QUOTE_OR_COMMA:
        return False
    if _lemma(verb) in incise_verbs:
        return True
    after = _NEXT_WORD.match(text, end)
    return bool(after) and _lemma(after.group(1)) in incise_verbs


def _french_inversion_question(text: str, text_words: frozenset[str]) -> int | None:
    """The offset of a French question by inversion without '?': "Avez-vous déjà…", "Y a-t-il…",
    "Les informations sont-elles…"; not an imperative ("inscrivez-vous", "rendez-vous"), not a
    quotation's incise ("…, dit-elle"), not in a sentence that ends with "!"."""
    if "-" not in text and "‐" not in text and "‑" not in text:
        return None
    pronouns, vous_verbs, incise_verbs = _french_inversion()
    if pronouns.isdisjoint(text_words) and "vous" not in text_words and "nous" not in text_words:
        return None
    for m in _INVERSION.finditer(text):
        verb = _VERB_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if verb is None:
            continue  # "Jean-Il…": the hyphen is inside a longer compound
        pronoun = m.group(1).lower()
        if pronoun in ("vous", "nous"):
            if _lemma(verb.group()) not in vous_verbs:
                continue
        elif pronoun not in pronouns or _incise(text, verb.start(), m.end(), verb.group(), incise_verbs):
            continue
        if not _exclaims(text, m.end()):
            return verb.start()
    return None


@cache
def _english_questions() -> tuple[regex.Pattern | None, frozenset]:
    """The pattern of English questions by word order, and the openers a clause may start with."""
    inversion = load_lexicon("en", "engagement").get("inversion") or {}

    def alternatives(key: str) -> str:
        # the longest first, then in order: the same pattern in every run (a set's order changes
        # from run to run, and a new pattern is compiled again, not taken from postlint.pattern_store)
        words = sorted(word_set(inversion.get(key)), key=lambda word: (-len(word), word))
        return "|".join(regex.escape(w).replace("'", "['’]") for w in words)

    aux, subjects, wh = alternatives("auxiliaries"), alternatives("subjects"), alternatives("question_words")
    glued = alternatives("contractions")
    if not (aux and subjects and wh):
        return None, frozenset()
    pattern = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’])(?:(?:{aux})\s+(?:{subjects})|(?:{wh})(?:\s+(?:{aux})|(?:{glued})))"
        r"(?![\p{L}\p{N}])",
        regex.IGNORECASE,
    )
    return pattern, word_set(inversion.get("openers"))


@cache
def _english_prefilter() -> tuple[frozenset, frozenset, frozenset]:
    """The words an English question by word order needs: an auxiliary and a subject, or a
    question word (first words only: "don't" is "don", "y'all" is "y")."""
    inversion = load_lexicon("en", "engagement").get("inversion") or {}

    def firsts(key: str) -> frozenset[str]:
        return frozenset(w.split("'")[0] for w in word_set(inversion.get(key)))

    return firsts("auxiliaries"), firsts("subjects"), firsts("question_words")


def _english_question(text: str, text_words: frozenset[str]) -> int | None:
    """The offset of an English question by word order without '?', at the start of a clause:
    "Have you ever…", "Did you know…", "What do you…", "How's everyone…"."""
    auxiliaries, subjects, question_words = _english_prefilter()
    if question_words.isdisjoint(text_words) and (
        auxiliaries.isdisjoint(text_words) or subjects.isdisjoint(text_words)
    ):
        return None
    pattern, openers = _english_questions()
    if pattern is None:
        return None
    for m in pattern.finditer(text):
        if _clause_start(text, m.start(), openers) and not _exclaims(text, m.end()):
            return m.start()
    return None


def invitation(draft: Draft) -> tuple[int, int] | None:
    """Where the draft invites a response: the span of its first '?', of a question or invitation
    without one ("Dites-nous…", "Avez-vous…", "let us know"), or of engagement bait; None when it
    has none. Cheap tests first: most drafts are settled by a '?'."""
    text = draft.text
    mark = question_mark(draft)
    if mark is not None:
        return mark, mark + 1
    text_words = draft_words(draft)
    for phrase, m in _phrase_book().scan(text, text_words, len(draft.emoji)):
        if not _outside(draft.urls, m.start(), m.end()):
            continue
        if phrase.section == "question" and _exclaims(text, m.end()):
            continue  # "Qu'est-ce qu'on s'est amusés !"
        return m.start(), m.end()
    for finder in (_french_inversion_question, _english_question):
        start = finder(text, text_words)
        if start is not None:
            return start, start + 1
    found = baits(draft)
    if found:
        return found[0].start, found[0].end
    return None


# --- engagement bait --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bait:
    """One piece of engagement bait: its kind (comment, tag, conditional, vote, react, prize), text
    offsets and words."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _BaitLexicon:
    """What decides, in one language, whether a matched phrase is bait."""

    not_after: frozenset[str]
    clause_start_kinds: frozenset[str]
    openers: frozenset[str]
    genuine_kinds: frozenset[str]
    genuine: regex.Pattern | None


@cache
def _bait_book() -> tuple[PhraseBook, dict[str, _BaitLexicon]]:
    """The bait phrases of every language (sections: (lang, kind)) and each language's rules."""
    sections, rules = [], {}
    for lang in LANGUAGES:
        data = load_lexicon(lang, "engagement-bait")
        if not data:
            continue
        for kind, entries in (data.get("kinds") or {}).items():
            sections.append(((lang, str(kind)), lang, entries))
        genuine = data.get("genuine") or {}
        rules[lang] = _BaitLexicon(
            not_after=word_set(data.get("not_after")),
            clause_start_kinds=frozenset(map(str, data.get("clause_start_kinds") or ())),
            openers=word_set(data.get("openers")),
            genuine_kinds=frozenset(map(str, genuine.get("kinds") or ())),
            genuine=compile_entries(genuine.get("words"), lang, name=f"bait_genuine_{lang}"),
        )
    return PhraseBook(sections, name="engagement_bait"), rules


def _is_bait(text: str, m, kind: str, lexicon: _BaitLexicon) -> bool:
    start = m.start()
    before = previous_word(text, start, _LOOKBACK)
    if before is not None and before in lexicon.not_after:
        return False  # "on partage si…", "I like this post": a statement, not a request
    if kind in lexicon.clause_start_kinds and not _clause_start(text, start, lexicon.openers):
        return False  # "it looks like if…"
    if kind in lexicon.genuine_kinds and lexicon.genuine is not None:
        stop = _sentence_end(text, m.end())
        if lexicon.genuine.search(text, m.end(), stop):
            return False  # "tag someone who might be interested": a request for help
    return True


def baits(draft: Draft) -> list[Bait]:
    """The engagement bait in a draft, in text order; overlapping matches are one (the first
    kind kept), and so are matches of one kind in one sentence. Links, mentions and hashtags are
    left out. Computed once per draft."""
    memo = draft.__dict__.get("_postlint_baits")
    if memo is not None:
        return memo
    text = draft.text
    book, rules = _bait_book()
    found: list[Bait] = []
    spans = None
    for phrase, m in book.scan(text, draft_words(draft), len(draft.emoji)):
        lang, kind = phrase.section
        if spans is None:
            spans = [*draft.urls, *draft.mentions, *draft.hashtags]
        if _outside(spans, m.start(), m.end()) and _is_bait(text, m, kind, rules[lang]):
            found.append(Bait(kind, m.start(), m.end(), m.group()))
    merged: list[Bait] = []
    for bait in found:
        last = merged[-1] if merged else None
        if last is not None and bait.start < last.end:
            if bait.end > last.end and bait.kind == last.kind:
                merged[-1] = Bait(last.kind, last.start, bait.end, text[last.start : bait.end])
            continue
        if last is not None and bait.kind == last.kind and _sentence_end(text, last.end) >= bait.start:
            # the same bait, said twice in one sentence ("vote with a reaction: ❤️ for…, 👍 for…")
            merged[-1] = Bait(last.kind, last.start, bait.end, text[last.start : bait.end])
            continue
        merged.append(bait)
    draft.__dict__["_postlint_baits"] = merged
    return merged


# --- the rules -------------------------------------------------------------------------------------


def _platform_keys(values) -> set[str]:
    keys = set()
    for value in values or ():
        key = platforms.resolve(value)
        if key:
            keys.add(key)
    return keys


def _can_read(draft: Draft, ctx) -> bool:
    """The draft is in a language whose lexicons postlint has (else a missing invitation can't be
    told from one written in another language: say nothing). When the strategy, its personas and
    the draft name no other language, no detection is needed: it could only answer French or
    English."""
    from postlint import nlp

    if set(nlp.draft_candidates(draft, ctx.settings)) <= set(LANGUAGES):
        return True
    return nlp.draft_language(draft, ctx.settings) in LANGUAGES


def engagement(draft: Draft, ctx) -> Iterator[Finding]:
    """The post asks nothing of its readers: no question, no invitation to respond or to tell an
    experience. Guide: "Pratiques gagnantes", tip 6 (encourage engagement: ask questions, invite
    comments and participation).

    A sentence ending in '?' (with or without the French space) is a question, rhetorical ones
    included; so are French questions without '?' ("Dites-nous ce que vous en pensez",
    "Avez-vous…", "est-ce que") and English ones ("let us know", "what do you think"): lexicons in
    rules/lexicons/<lang>/engagement.yaml. Engagement bait is a request too (PL301 says what is
    wrong with it). Params: `platforms_off` (platforms where the rule says nothing: a draft only
    for those is not checked) and `platforms_info` (where it is only an info).
    """
    off = _platform_keys(ctx.params.get("platforms_off"))
    lowered = _platform_keys(ctx.params.get("platforms_info"))
    keys = set(draft.platforms)
    if keys and keys <= off:
        return
    if invitation(draft) is not None or not _can_read(draft, ctx):
        return
    line_end = draft.text.find("\n")
    finding = ctx.at_text("none", 0, line_end if line_end > 0 else len(draft.text))
    if keys and keys <= off | lowered:
        finding = dataclasses.replace(finding, severity="info")
    yield finding


def engagement_bait(draft: Draft, ctx) -> Iterator[Finding]:
    """Engagement bait: asking people to comment a given word ("commentez OUI", "type AMEN"), tag
    friends ("identifiez un ami", "tag a friend"), like or share on a condition ("partagez si…",
    "like if"), vote with reactions, or share to win. Facebook demotes such posts since December
    2017 (Facebook Newsroom, "Fighting Engagement Bait on Facebook"); the guide ("Pratiques
    gagnantes", tip 6) asks for real conversation.

    Requests for help or support are not bait ("partagez l'offre à quelqu'un qui pourrait être
    intéressé", "share this with someone who needs it"): the lexicons
    (rules/lexicons/<lang>/engagement-bait.yaml) only hold the manipulative shapes, and set aside
    tags and conditions followed by words of help. One finding per bait, on its words.
    """
    for bait in baits(draft):
        yield ctx.at_text(bait.kind, bait.start, bait.end, words=" ".join(bait.text.split()))
