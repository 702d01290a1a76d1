"""Tone: a post whose sentences are mostly negative (anger, complaint, gloom).

The guide ("Pratiques gagnantes", tip 4) asks organisations to stay positive as much as they can:
congratulate, thank volunteers, point out social change. It allows indignation now and then, but
an online presence that is always angry or pessimistic rarely works for a community organisation.

The score is VADER's (Hutto & Gilbert, ICWSM 2014), computed sentence by sentence on the draft's
shared tokens (nlp.draft_tokens: spaCy's token offsets and sentence starts): each word of the
language's lexicon (rules/lexicons/<lang>/: French from vaderSentiment-fr and textblob-fr, curated;
English from vaderSentiment's own lexicon, with the changes of tone.yaml) has a score from -4 to +4,
matched on its lower-cased form or its lemma, and a phrase of several words is scored as one; a negation in
the three words before a word ("pas mal", "not bad", "ne … jamais", "sans", "aucun") turns it
around and weakens it; an intensifier ("très", "vraiment", "so", "really") or a word in capitals
among words that are not makes it stronger; after a contrast word ("mais", "but") words count more;
"!" makes a sentence stronger. Emoji and emoticons have scores too. Then postlint's own rules, for
posts rather than tweets: after a "remedy" word ("prévenir", "contre", "prevent") a problem being
solved is not negative; a question counts half; a post longer than 30 words is judged on its
density (sum x 30 / words); a name in the middle of a sentence (a capital initial), the parts of a
hyphenated compound, links and mentions are not scored. The post's sum becomes a compound from -1
to +1 (sum / sqrt(sum² + 15)); its negative part is the post's negativity, from 0 to 1, and the
rule speaks when it is above the `threshold` parameter.

`might_be_negative(text, links)` looks first, without the Doc or language detection, for a negative
word, a negation and a positive word, or a negative emoji in any language, outside the links (the
score skips the tokens of a link: ":/" is in every "https://"); `score(doc, lang, text)` is the
whole judgement, which eval/tone_eval.py measures on labelled tweets (`score_tokens` the same on
a draft's tokens, nlp.draft_tokens).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from postlint import nlp
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.resources import load_rules_yaml, package_folder, rules_dir

# VADER's constants (vaderSentiment 3.3.2)
NEGATION = -0.74  # N_SCALAR: a negated word turns around and weakens
CAPS = 0.733  # C_INCR: a word in capitals among words that are not
DECAY = (1.0, 0.95, 0.9)  # an intensifier's effect 1, 2 and 3 words before the scored word
EXCLAMATION = 0.292  # per "!", up to 4
QUESTION = 0.18  # per "?" when there are 2 or 3; 0.96 for more
BEFORE_CONTRAST, AFTER_CONTRAST = 0.5, 1.5
ALPHA = 15  # sum -> compound: sum / sqrt(sum² + ALPHA)
QUESTION_WEIGHT = 0.5  # a question about a problem is more often an offer of help than a complaint
REFERENCE_WORDS = 30  # a longer post is judged on its density: sum x 30 / words
MAX_WORDS = 3  # words named in a finding

_NOT_BREAKS = frozenset("#'’-_@&*")  # punctuation that does not end a clause
_OPENERS = frozenset('#"«“(:-—–*_[')  # after these, a capital does not make a name
_CAMEL = regex.compile(r"\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+")
_SEEN_MAX = 200_000  # words remembered per language
_EMOJI_NOISE = dict.fromkeys(map(ord, "\ufe0f\ufe0e\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"))


def _key(word: str) -> str:
    """How the lexicons spell a word: lower case, straight apostrophe, "oe" for "œ"."""
    word = word.lower()
    if "’" in word:
        word = word.replace("’", "'")
    if "œ" in word:
        word = word.replace("œ", "oe")
    return word


@dataclass(frozen=True)
class Lexicon:
    lang: str
    words: dict[str, float]  # word or lemma -> score (-4 .. +4)
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]]  # first word -> (rest, score)
    negators: frozenset[str]
    boosters: dict[str, float]
    contrast: frozenset[str]
    emoji: dict[str, float]
    remedies: frozenset[str]  # "prévenir", "contre": what follows is a problem being solved
    lemmas: dict[str, str]  # spacy-lookups-data's word -> lemma
    seen: dict[str, tuple] = field(default_factory=dict)  # token text -> what it is (_kind)


def _vader_words() -> dict[str, float]:
    """vaderSentiment's own lexicon (MIT), read from the installed package."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    words = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if len(fields) >= 2:
            words[fields[0].lower()] = float(fields[1])
    return words


def _words_file(name: str) -> dict[str, float]:
    """A tab-separated word list of rules/lexicons (word, score, source; # comments)."""
    words = {}
    for line in (rules_dir() / "lexicons" / name).read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        word, score = line.split("\t")[:2]
        words[word] = float(score)
    return words


@cache
def languages() -> tuple[str, ...]:
    """The languages with a tone lexicon (rules/lexicons/<lang>/tone.yaml)."""
    return tuple(sorted(p.parent.name for p in (rules_dir() / "lexicons").glob("*/tone.yaml")))


@cache
def _entries(lang: str) -> tuple[dict[str, float], dict]:
    """A language's scored words and phrases (lexicon keys) and its tone.yaml; no spaCy needed."""
    conf = load_rules_yaml(f"lexicons/{lang}/tone.yaml") or {}
    return _kept_keys(lang, conf), conf


def _kept_keys(lang: str, conf: dict) -> dict[str, float]:
    """`_keys`, kept in the data folder (postlint.table_store) under postlint's code and rules and
    vaderSentiment's lexicon file: reading the two word lists and turning each word into its key
    took some 15-20 ms of every start."""
    from postlint.cache import code_fingerprint
    from postlint.table_store import kept_value, source_state

    vader = None
    if conf.get("words_from") == "vaderSentiment":
        folder = package_folder("vaderSentiment")
        vader = source_state(folder / "vader_lexicon.txt") if folder is not None else None
    return kept_value(f"tone_keys_{lang}", (code_fingerprint(), vader), lambda: _keys(lang, conf))


def _keys(lang: str, conf: dict) -> dict[str, float]:
    """The scored words and phrases of a language's list and its tone.yaml, as lexicon keys."""
    source = conf.get("words_from")
    words = _vader_words() if source == "vaderSentiment" else _words_file(f"{lang}/{source}")
    for word, score in (conf.get("words") or {}).items():
        if score is None:
            words.pop(str(word), None)
        else:
            words[str(word)] = float(score)
    return {_key(w): s for w, s in words.items()}


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The tone lexicon of a language, or None when it has none. Phrases are cut into words by the
    language's tokenizer, as the text is."""
    if lang not in languages():
        return None
    entries, conf = _entries(lang)
    words = dict(entries)
    tokenizer = nlp.tokenizer(lang)
    boosters = {_key(w): float(s) for w, s in (conf.get("boosters") or {}).items()}
    phrases: dict[str, list] = {}
    for key in [w for w in [*words, *boosters] if " " in w]:
        parts = tuple(_key(t.text) for t in tokenizer(key))
        score = words.pop(key) if key in words else None  # None: an intensifier of several words
        phrases.setdefault(parts[0], []).append((parts[1:], score))
    return Lexicon(
        lang=lang,
        words=words,
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
        negators=frozenset(_key(w) for w in conf.get("negators") or ()),
        boosters=boosters,
        contrast=frozenset(_key(w) for w in conf.get("contrast") or ()),
        emoji={str(e).translate(_EMOJI_NOISE): float(s) for e, s in (conf.get("emoji") or {}).items()},
        remedies=frozenset(_key(w) for w in conf.get("remedies") or ()),
        lemmas=nlp.lemma_table(lang),
    )


# --- the cheap look before the Doc: could this text be negative at all? ---------------------------

_LETTERS = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")  # words, CamelCase split


_LOWER_LATIN = re.compile("[a-zß-öø-ÿœ]+")  # only lower-case letters: a key that is its own run


def _longest_run(key: str) -> str:
    """The longest run of letters of a lexicon key: a text holding the key holds this run (found
    without the regex for most keys, which are one word in lower case: 20,000 of them at start-up)."""
    if _LOWER_LATIN.fullmatch(key):
        return key
    return max(_LETTERS.findall(key) or [key], key=len).lower()


@dataclass(frozen=True)
class _Triggers:
    negative: frozenset[str]  # a word (any form) or phrase that scores below zero: a run of its letters
    positive: frozenset[str]  # one above zero: a negation before it makes it negative
    negators: frozenset[str]
    emoji: _AnyOf | None  # finds any emoji or emoticon below zero (None: none)
    # words whose letters make no run of two ("h8", "d:<", "o_o"): found as they are written
    negative_written: re.Pattern | None
    positive_written: re.Pattern | None


def _pattern(texts) -> re.Pattern | None:
    """One pattern that finds any of `texts` (the longest first, then in order: the same pattern
    in every run), or None when there is none."""
    ordered = sorted(texts, key=lambda text: (-len(text), text))
    return re.compile("|".join(map(re.escape, ordered))) if texts else None


class _AnyOf:
    """Finds the first of some texts in a text, as `_pattern(texts).search` does, but looks first
    for the places where one may start. Emoji and emoticons start with few characters (`:`, `<`
    and the emoji), and a text has few of them; `re` tries the alternatives at every character, and
    its test of a set of emoji is slow: ~8 µs for a post, against ~2 µs this way. The first
    characters above ASCII are looked for as one range (from the smallest to the largest): more
    places tried, not fewer."""

    def __init__(self, texts):
        self.pattern = _pattern(texts)
        firsts = sorted({text[0] for text in texts if text})
        ascii_firsts = "".join(re.escape(first) for first in firsts if first.isascii())
        wide = [first for first in firsts if not first.isascii()]
        span = f"{re.escape(wide[0])}-{re.escape(wide[-1])}" if wide else ""
        self.starts = re.compile(f"[{ascii_firsts}{span}]" if all(texts) else "")  # "" is anywhere

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _AnyOf) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def search(self, text: str) -> re.Match | None:
        match, starts = self.pattern.match, self.starts.search
        start = starts(text)
        while start is not None:
            found = match(text, start.start())
            if found is not None:
                return found
            start = starts(text, start.start() + 1)
        return None


@cache
def _triggers() -> _Triggers:
    """What a text must hold to possibly be negative, in every language with a lexicon: the forms
    of the negative and positive words (their lemmas' forms too, from the lookup tables read
    backwards), the negations and the negative emoji. Reading the 216,000 French forms takes
    about 60 ms: the words found are kept (postlint.table_store) under the lexicons, the lookup
    tables' files and this module's own file, and read back in a few."""
    from postlint.table_store import kept_value, source_state

    inputs = [source_state(__file__)]
    for lang in languages():
        entries, conf = _entries(lang)
        inputs.append((lang, entries, repr(conf.get("negators")), repr(conf.get("emoji"))))
        inputs.append(source_state(nlp.lemma_source(lang)))
    negative, positive, negators, emoji, negative_written, positive_written = kept_value(
        "tone_triggers", inputs, _trigger_words
    )
    return _Triggers(
        negative,
        positive,
        negators,
        _AnyOf(emoji) if emoji else None,
        _pattern(negative_written),
        _pattern(positive_written),
    )


def _trigger_words() -> tuple[frozenset[str], ...]:
    """The sets of `_Triggers`: negative and positive words, negations, negative emoji, and the
    words found as they are written, negative and positive."""
    negative, positive, negators, emoji = set(), set(), set(), set()
    written: dict[bool, set[str]] = {True: set(), False: set()}  # below zero?

    def add(key: str, score: float) -> None:
        if " " not in key and not key[0].isalpha():
            return  # a word of one token is scored only when it starts with a letter (_kind)
        run = _longest_run(key)
        if len(run) < 2 and " " not in key:
            written[score < 0].add(key)  # "h8": "h" is in any text with "l'h…"
        else:
            (negative if score < 0 else positive).add(run)

    for lang in languages():
        entries, conf = _entries(lang)
        by_sign = {key: score for key, score in entries.items() if score}
        for key, score in by_sign.items():
            add(key, score)
        get = by_sign.get
        for form, lemma in nlp.lemma_table(lang).items():  # lower case already
            score = get(lemma)
            if score is None and ("œ" in lemma or "’" in lemma or not lemma.islower()):
                score = get(_key(lemma))
            if score and " " not in form:
                add(_key(form), score)
        negators.update(_longest_run(_key(w)) for w in conf.get("negators") or ())
        emoji.update(str(e) for e, s in (conf.get("emoji") or {}).items() if s < 0)
    return tuple(map(frozenset, (negative, positive, negators, emoji, written[True], written[False])))


def _without(text: str, links) -> str:
    """The text with each link (start, end) replaced by a space."""
    pieces, at = [], 0
    for start, end in links:
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(pieces)


def might_be_negative(text: str, links=()) -> bool:
    """False when the text, outside its `links` ((start, end), in order), holds no negative word, no
    negated positive word and no negative emoji in any language: then the rule needs no language
    detection and no Doc. `score_tokens` with the same links finds nothing negative there."""
    found = _triggers()
    if links:
        text = _without(text, links)
    if found.emoji is not None and found.emoji.search(text):
        return True
    # concurrent=False: `regex` otherwise lets go of the GIL and takes it back around every match
    words = {w.lower().replace("œ", "oe") for w in _LETTERS.findall(text, concurrent=False)}
    if not words.isdisjoint(found.negative):
        return True
    if found.negative_written is not None and found.negative_written.search(_key(text)):
        return True
    if words.isdisjoint(found.negators):
        return False
    if not words.isdisjoint(found.positive):
        return True
    return found.positive_written is not None and found.positive_written.search(_key(text)) is not None


@dataclass(frozen=True)
class Word:
    """A scored word of a sentence: its place in the text and its score once modified."""

    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    total: float  # the sum of its words' scores, with "!" and "?" emphasis
    words: tuple[Word, ...]

    @property
    def negativity(self) -> float:
        return max(0.0, -self.total / math.sqrt(self.total * self.total + ALPHA))


@dataclass(frozen=True)
class Tone:
    negativity: float  # 0 (not negative) .. 1
    compound: float  # VADER's compound, -1 .. +1
    sentences: tuple[Sentence, ...]  # the sentences with a scored word

    def worst(self) -> Sentence | None:
        """The most negative sentence."""
        found = [s for s in self.sentences if s.total < 0]
        return min(found, key=lambda s: s.total) if found else None


# A word while a sentence is read: [key, score or None, text, start, end, in capitals, a word
# (not an emoji)]
_BREAK = None


def _score(key: str, text: str, words_get, lemmas_get) -> float | None:
    """A word's score: its own, else its lemma's; None when it has none or is pinned at 0 (a form
    that is not its lemma's word: "privée" is not "priver")."""
    score = words_get(key)
    if score is None:
        lemma = lemmas_get(key) or lemmas_get(text)
        if lemma is not None:
            score = words_get(_key(lemma))
    return score or None


@cache
def _attributes() -> list[int]:
    """The token attributes read from a Doc: offset, length, sentence start, looks like a link."""
    from spacy.attrs import IDX, LENGTH, LIKE_URL, SENT_START

    return [IDX, LENGTH, SENT_START, LIKE_URL]


# What a token is, remembered per text (most tokens of a post are common ones):
#  (_WORD, key, score, in capitals, capital initial, parts of a CamelCase word as (key, score) or ())
#  (_SPACE, holds a line break)   (_SKIP,)   (_EMOJI, score)
#  (_PUNCT, ends a clause, "!" count, "?" count, a capital after it is no name, is "#")
_WORD, _SPACE, _SKIP, _EMOJI, _PUNCT = range(5)


def _kind(text: str, lex: Lexicon) -> tuple:
    head = text[0]
    if head.isalpha():
        key = _key(text)
        score = _score(key, text, lex.words.get, lex.lemmas.get)
        capitals = len(text) > 1 and text.isupper()
        parts = ()
        if not capitals and not text.islower():
            found = _CAMEL.findall(text)  # HonteÀLaVille: Honte, À, La, Ville (in a hashtag)
            if len(found) > 1:
                # a part in capitals is an acronym (#ConfPB2014: "PB" is no "problème")
                parts = tuple(
                    (_key(p), None if p.isupper() else _score(_key(p), p, lex.words.get, lex.lemmas.get))
                    for p in found
                )
        return (_WORD, key, score, capitals, not capitals and head.isupper(), parts)
    if head.isspace():
        return (_SPACE, "\n" in text)
    if head.isdigit() or head == "@":
        return (_SKIP,)
    score = lex.emoji.get(text)
    if score is None and not head.isascii():
        score = lex.emoji.get(text.translate(_EMOJI_NOISE))
    if score is not None:
        return (_EMOJI, score)
    ends = unicodedata.category(head)[0] == "P" and head not in _NOT_BREAKS
    return (_PUNCT, ends, text.count("!"), text.count("?"), head in _OPENERS, text == "#")


def _read(tokens, text: str, lex: Lexicon, links=()) -> tuple[list, int, int]:
    """The words of every sentence (from the tokens' offsets, lengths, sentence starts and whether
    they look like links: nlp.Tokens), with clause breaks as _BREAK, and how many words are all
    capitals and how many are not. A token that looks like a link, or overlaps one of `links`
    ((start, end), in order), is no word."""
    seen = lex.seen
    if len(seen) > _SEEN_MAX:
        seen.clear()
    sentences: list = []
    upper = lower = 0
    items: list = []
    exclamations = questions = last = 0
    first = -1  # where the sentence's first word is
    opener = True  # the next word may have a capital without being a name
    after_hash = False
    word_end = hyphen_end = -1  # where the last word ended; where a hyphen right after it ended
    links = iter(links)
    link = next(links, None)
    for start, length, sentence_start, like_url in zip(*tokens, strict=True):
        if sentence_start == 1 and items:
            sentences.append((first, last, items, exclamations, questions))
            items = []
            exclamations = questions = 0
            first = -1
            opener, after_hash = True, False
        end = start + length
        if link is not None:
            while link is not None and link[1] <= start:
                link = next(links, None)
            if link is not None and link[0] < end:  # a piece of a link
                last = end
                continue
        token = text[start:end]
        kind = seen.get(token)
        if kind is None:
            if like_url:
                last = end
                continue
            kind = seen[token] = _kind(token, lex)
        what = kind[0]
        if what == _WORD:
            if first < 0:
                first = start
            if start == hyphen_end and items and items[-1] is not _BREAK:
                items[-1][1] = None  # "drop-in", "bien-être": a compound is not its parts
            last = end
            if after_hash and kind[5]:
                items.extend([key, score, token, start, end, False, True] for key, score in kind[5])
                lower += 1
            else:
                score = kind[2] if start != hyphen_end else None
                if kind[3]:
                    upper += 1
                else:
                    lower += 1
                    if score is not None and kind[4] and not opener:
                        score = None  # a name in the middle of a sentence
                items.append([kind[1], score, token, start, end, kind[3], True])
            opener = after_hash = False
            word_end = end
        elif what == _SPACE:
            opener = opener or kind[1]
        elif what == _PUNCT:
            last = end
            if token == "-" and start == word_end:
                hyphen_end = end
            if kind[1]:
                exclamations += kind[2]
                questions += kind[3]
                items.append(_BREAK)
            opener, after_hash = kind[4], kind[5]
        else:
            last = end
            if what == _EMOJI:
                if first < 0:
                    first = start
                items.append([token, kind[1], token, start, end, False, False])
            opener = after_hash = False
    if items:
        sentences.append((first, last, items, exclamations, questions))
    return sentences, upper, lower


def _phrases(items: list, lex: Lexicon) -> None:
    """Score the phrases of the lexicon (several words) on their first word; an intensifier of
    several words ("pas mal" in Quebec: "pas mal pire") is one only before a scored word."""
    for i, item in enumerate(items):
        if item is _BREAK:
            continue
        found = lex.phrases.get(item[0])
        if not found:
            continue
        for rest, score in found:
            end = i + 1 + len(rest)
            if end > len(items):
                continue
            following = items[i + 1 : end]
            if not all(w is not _BREAK and w[0] == part for w, part in zip(following, rest, strict=True)):
                continue
            if score is None and (end == len(items) or items[end] is _BREAK or items[end][1] is None):
                continue  # an intensifier with nothing to intensify: its words count as words
            item[0] = " ".join((item[0], *rest))  # no longer a negation: a phrase, or an intensifier
            item[1] = score or None  # 0: a neutral phrase ("faute de", "bus stop")
            item[4] = following[-1][4]
            for w in following:
                w[0], w[1] = "", None
            break


def _sentence(start, end, items, exclamations, questions, lex: Lexicon, caps: bool) -> Sentence | None:
    scored = []  # (position, Word)
    contrast_at = None
    boosters = lex.boosters
    negators = lex.negators
    remedies = lex.remedies
    for i, item in enumerate(items):
        if item is _BREAK:
            continue
        key, base = item[0], item[1]
        if contrast_at is None and key in lex.contrast:
            contrast_at = i
        if base is None or key in remedies:
            continue
        if key in boosters and i + 1 < len(items) and items[i + 1] is not _BREAK and items[i + 1][1]:
            continue  # "super triste": an intensifier here, not a word of its own
        value = base
        begin = item[3]
        if item[6]:  # a word, not an emoji: capitals, intensifiers, negations, remedies
            if caps and item[5]:
                value += CAPS if value > 0 else -CAPS
            negated = remedied = False
            for k in range(1, 4):
                j = i - k
                if j < 0 or items[j] is _BREAK:
                    break
                before = items[j]
                boost = boosters.get(before[0])
                if boost is not None and (before[1] is None or before[0] in boosters):
                    step = boost if value > 0 else -boost
                    if caps and before[5]:
                        step += CAPS if value > 0 else -CAPS
                    value += step * DECAY[k - 1]
                if before[0] in negators:
                    if not negated:  # the nearest negation, named with the word: "pas mal"
                        begin = before[3]
                        if j and items[j - 1] is not _BREAK and items[j - 1][4] == begin:
                            begin = items[j - 1][3]  # "doesn't care", not "n't care"
                    negated = True
                elif before[0] in remedies:
                    remedied = True
            if negated:
                value *= NEGATION
            if remedied and value < 0:
                continue  # "prévenir les expulsions abusives": a problem being solved
        scored.append((i, Word(begin, item[4], item[2], value)))
    if not scored:
        return None
    if contrast_at is not None:
        weights = {True: AFTER_CONTRAST, False: BEFORE_CONTRAST}
        scored = [(i, Word(w.start, w.end, w.text, w.score * weights[i > contrast_at])) for i, w in scored]
    total = sum(w.score for _, w in scored)
    if questions:
        total *= QUESTION_WEIGHT
    if total:
        emphasis = min(exclamations, 4) * EXCLAMATION
        if questions > 1:
            emphasis += QUESTION * questions if questions <= 3 else 0.96
        total += emphasis if total > 0 else -emphasis
    return Sentence(start, end, total, tuple(w for _, w in scored))


def score(doc, lang: str, text: str | None = None) -> Tone | None:
    """The tone of a Doc (nlp.draft_doc, or the same pipeline on any text) in `lang`; `text` is
    the Doc's text when the caller has it (spaCy rebuilds doc.text at each call). None when `lang`
    has no tone lexicon."""
    if lexicon(lang) is None:
        return None
    return score_tokens(doc.to_array(_attributes()).T.tolist(), lang, doc.text if text is None else text)


def score_tokens(tokens, lang: str, text: str, links=()) -> Tone | None:
    """`score` on a text's tokens (nlp.Tokens, or the same four lists: offsets, lengths, sentence
    starts, looks like a link), which `nlp.draft_tokens` reads once per draft; the tokens that overlap
    one of `links` ((start, end), in order) are skipped. None when `lang` has no tone lexicon."""
    lex = lexicon(lang)
    if lex is None:
        return None
    read, upper, lower = _read(tokens, text, lex, links)
    caps = upper > 0 and lower > 0
    phrases = lex.phrases
    sentences = []
    for start, end, items, exclamations, questions in read:
        if not any(item is not _BREAK and (item[1] is not None or item[0] in phrases) for item in items):
            continue
        _phrases(items, lex)
        found = _sentence(start, end, items, exclamations, questions, lex, caps)
        if found is not None:
            sentences.append(found)
    total = sum(s.total for s in sentences)
    words = upper + lower
    if words > REFERENCE_WORDS:
        total *= REFERENCE_WORDS / words
    compound = total / math.sqrt(total * total + ALPHA)
    return Tone(max(0.0, -compound), compound, tuple(sentences))


def _excerpt(text: str, limit: int = 100) -> str:
    """A sentence on one line, cut at a word boundary when it is long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def tone(draft: Draft, ctx) -> Iterator[Finding]:
    """A post whose overall tone is negative past the threshold (negativity from 0 to 1, the
    `threshold` parameter).

    The guide ("Pratiques gagnantes", tip 4): stay positive as much as possible — congratulate,
    thank volunteers, point out social change; indignation now and then is fine, a presence that is
    always angry or pessimistic is not. The finding is on the most negative sentence and names the
    words that weighed most there; a post meant to be indignant opts out in its front matter
    (`postlint: {ignore: [tone]}`). Quiet in a language without a tone lexicon (there are French
    and English ones).
    """
    links = [(link.start, link.end) for link in draft.urls]
    if not might_be_negative(draft.text, links):
        return
    lang = nlp.draft_language(draft, ctx.settings)
    if lang not in languages():
        return
    result = score_tokens(nlp.draft_tokens(draft, ctx.settings), lang, draft.text, links)
    threshold = float(ctx.params["threshold"])
    if result is None or result.negativity <= threshold:
        return
    worst = result.worst()
    if worst is None:
        return
    drivers: dict[str, Word] = {}  # the most negative words, each once
    for word in sorted((w for w in worst.words if w.score < 0), key=lambda w: w.score):
        drivers.setdefault(draft.text[word.start : word.end].lower(), word)
    named = sorted(list(drivers.values())[:MAX_WORDS], key=lambda w: w.start)
    others = sum(1 for s in result.sentences if s is not worst and s.negativity > threshold)
    yield ctx.at_text(
        "negative",
        worst.start,
        worst.end,
        sentence=_excerpt(draft.text[worst.start : worst.end]),
        words=", ".join(ctx.msg("quote", word=draft.text[w.start : w.end]) for w in named),
        score=round(result.negativity, 2),
        threshold=threshold,
        others=ctx.msg("others", n=others) if others else "",
    )
