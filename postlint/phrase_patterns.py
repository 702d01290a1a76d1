"""Phrase patterns, the small notation of the phrase lexicons in rules/lexicons/<lang>/.

An entry is a phrase written the way a comms person would write it, with a few signs:

- words are separated by spaces; a space matches any run of spaces (a line break included);
- `a|b|c`: one of these words (`votre|vos|ton|tes avis`); an alternative is one word: for
  phrases, put the alternatives in parentheses (`(à votre avis|selon vous)`, `est-ce (que|qu')`);
- `<lemma>`: any form of that word in the lexicon's language (`<commenter>` is "commente",
  "commentez", "commentons", "commenter"...), from the lookup lemmas of spacy-lookups-data
  (nlp.lemma_table) read backwards; it can be glued to a literal part (`<dire>-nous`) or sit among
  alternatives (`<partager>|partage|share`). The lookup tables miss some forms ("faites",
  "partage", "likez"): write those as plain alternatives;
- a hyphen in a word matches a hyphen or a space ("dites-nous", "dites nous"); an apostrophe
  matches ' or ’;
- `*`: up to two more words (`<identifier> * amis`: "identifiez vos amis", "identifie ton
  meilleur ami"); `…`: up to six more words, commas and quotes allowed, on the same line;
- `$word`: a word given to type: a word in capitals (OUI, YES), a number, a short text in quotes
  or an emoji; `$emoji`: an emoji; `$num`: a number from two up (digits, or a word from two to ten);
  `$money`: an amount ("20 $", "$20", "20 dollars"); `$end`: the end of a clause follows
  (punctuation, a line break, an emoji, the end of the text).

Matching ignores case (except for `$word`'s capitals) and needs whole words at both ends.

Speed: one regular expression with hundreds of alternatives costs 100-400 µs on a post (neither
`re` nor `regex` builds a trie), so a `PhraseBook` keeps each entry's own pattern with its
*requirements*, the words the text must hold for it to match, indexed by its rarest word, and runs
only the entries whose requirements are among the draft's words (`words`: the lower-cased words of
the text, computed once per draft). `compile_entries` makes one pattern of a short list (for
small look-ups); `entry_pattern` compiles one entry (for tests).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache

import regex

_WORD = r"[\p{L}\p{N}][\p{L}\p{N}'’]*"
_PICTOGRAPH = r"\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*"
_EMOJI = rf"{_PICTOGRAPH}(?:\u200D{_PICTOGRAPH})*"
_NUMBER_WORDS = "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|two|three|four|five|seven|eight|nine|ten"
_SLOTS = {
    "$word": (
        r"(?:(?-i:\p{Lu}[\p{Lu}\p{N}]*)(?![\p{L}\p{N}])"
        r"|\d{1,3}(?!\p{N})"
        r"|[«\"“‘']\s*[^«»\"“”‘’'\n]{1,25}?\s*[»\"”’']"
        rf"|{_EMOJI})"
    ),
    "$emoji": _EMOJI,
    "$money": (
        r"(?:\d[\d\u00a0\u202f .,]*[^\S\n]?(?:\$|dollars(?![\p{L}])|€|euros(?![\p{L}]))"
        r"|\$[^\S\n]?\d[\d,.]*)"
    ),
    "$num": rf"(?:\d{{1,3}}(?!\p{{N}})|(?:{_NUMBER_WORDS})(?![\p{{L}}\p{{N}}]))",
}
_END = r"(?=[^\S\n]*(?:$|\n|[.!?,;:…)\]]|" + _EMOJI + "))"
_GAPS = {
    "*": r"(?:(?:\s+|-(?=\p{L}))" + _WORD + r"){0,2}",
    "…": r"(?:(?:[^\S\n]+|[^\S\n]*[,;«»\"“”()][^\S\n]*)" + _WORD + r"){0,6}",
}
_PUNCTUATED_SPACE = r"(?:[^\S\n]*[,;«»\"“”()]+[^\S\n]*|\s+)"
_PUNCTUATED_OR_NOT = r"(?:[^\S\n]*[,;«»\"“”()]+)?\s*"
_LEMMA = regex.compile(r"<([^<>\s]+)>")
_ANY_EMOJI = regex.compile(r"\p{Extended_Pictographic}")
_TEXT_WORDS = re.compile(r"[^\W_]+")  # the standard library's re: faster than regex here
_BEFORE = r"(?<![\p{L}\p{N}_-])"
_AFTER = r"(?![\p{L}\p{N}_])"


class PatternError(ValueError):
    """A lexicon entry that can't be read."""


def _table(lang: str) -> dict[str, str]:
    from postlint import nlp

    return nlp.lemma_table(lang)


@cache
def _forms_index(lang: str, lemmas: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Every form of each of `lemmas` that the lookup table of `lang` knows, the lemma first (one
    pass over the table: ask for all the lemmas of a lexicon at once)."""
    found: dict[str, set[str]] = {lemma: {lemma} for lemma in lemmas}
    if lemmas:
        for form, lemma in _table(lang).items():
            if lemma in found and " " not in form:
                found[lemma].add(form.lower())
    return {lemma: tuple(sorted(forms, key=lambda f: (-len(f), f))) for lemma, forms in found.items()}


def lemmas_in(entries) -> frozenset[str]:
    """The `<lemma>` names used by `entries`."""
    return frozenset(name.lower() for entry in entries for name in _LEMMA.findall(str(entry)))


def _literal(text: str) -> str:
    out = []
    for char in text:
        if char == "-":
            out.append(r"[-‐‑\s]")
        elif char in "'’":
            out.append(r"['’]\s?")
        else:
            out.append(regex.escape(char))
    return "".join(out)


def _alternative(text: str, forms: dict[str, tuple[str, ...]]) -> str:
    parts, last = [], 0
    for m in _LEMMA.finditer(text):
        parts.append(_literal(text[last : m.start()]))
        parts.append("(?:" + "|".join(regex.escape(f) for f in forms[m.group(1).lower()]) + ")")
        last = m.end()
    parts.append(_literal(text[last:]))
    return "".join(parts)


def _is_wordy(alternatives: list[str]) -> tuple[bool, bool]:
    """(starts with a letter or digit, ends with one) for every alternative of a token."""

    def edge(text: str, index: int) -> bool:
        text = _LEMMA.sub("x", text)
        return bool(text) and text[index].isalnum()

    return all(edge(a, 0) for a in alternatives), all(edge(a, -1) for a in alternatives)


def _split(text: str, separator: str) -> list[str]:
    """`text` split on `separator` (a space: any whitespace) outside parentheses."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise PatternError(f"unbalanced parenthesis in {text!r}")
        if depth == 0 and (char.isspace() if separator == " " else char == separator):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth:
        raise PatternError(f"unbalanced parenthesis in {text!r}")
    parts.append("".join(current))
    return [p for p in parts if p] if separator == " " else parts


def _token(token: str, forms: dict) -> tuple[str, bool, bool]:
    """(regex, starts with a word character, ends with one) of one token."""
    if token in _SLOTS:
        wordy = token in ("$num", "$money")
        return _SLOTS[token], wordy, token == "$num"
    if token.startswith("$"):
        raise PatternError(f"unknown slot {token}")
    if token.startswith("(") and token.endswith(")") and _split(token[1:-1], "|"):
        compiled = [_sequence(_split(phrase, " "), forms) for phrase in _split(token[1:-1], "|")]
        if any(not pattern for pattern, _s, _e in compiled):
            raise PatternError(f"empty alternative in {token!r}")
        patterns = sorted((pattern for pattern, _s, _e in compiled), key=len, reverse=True)
        starts = all(s for _p, s, _e in compiled)
        ends = all(e for _p, _s, e in compiled)
        return "(?:" + "|".join(patterns) + ")", starts, ends
    if "(" in token or ")" in token:
        raise PatternError(f"a group must be a whole word: {token!r}")
    alternatives = token.split("|")
    if not all(alternatives):
        raise PatternError(f"empty alternative in {token!r}")
    starts, ends = _is_wordy(alternatives)
    compiled = sorted((_alternative(a, forms) for a in alternatives), key=len, reverse=True)
    return "(?:" + "|".join(compiled) + ")", starts, ends


def _sequence(tokens: list[str], forms: dict) -> tuple[str, bool, bool]:
    """(regex, starts with a word character, ends with one) of a run of tokens."""
    out: list[str] = []
    previous_ends = None  # does the last matched token end with a word character?
    first_starts = False
    after_gap = False  # the last token was `…`, which may leave punctuation before the next one
    for token in tokens:
        if token in _GAPS:
            out.append(_GAPS[token])
            after_gap = token == "…"
            continue
        if token == "$end":
            out.append(_END)
            continue
        pattern, starts, ends = _token(token, forms)
        if previous_ends is None:
            first_starts = starts
        elif after_gap:
            out.append(_PUNCTUATED_SPACE if previous_ends and starts else _PUNCTUATED_OR_NOT)
        else:
            out.append(r"\s+" if previous_ends and starts else r"\s*")
        out.append(pattern)
        previous_ends, after_gap = ends, False
    return "".join(out), first_starts, bool(previous_ends)


def entry_regex(entry: str, lang: str, forms: dict | None = None) -> str:
    """The regular expression of one entry (see the module docstring)."""
    tokens = _split(str(entry), " ")
    if not tokens or all(t in _GAPS or t == "$end" for t in tokens):
        raise PatternError(f"nothing to match in {entry!r}")
    if forms is None:
        forms = _forms_index(lang, lemmas_in([entry]))
    body, starts, ends = _sequence(tokens, forms)
    return (_BEFORE if starts else "") + body + (_AFTER if ends else "")


def compile_entries(entries, lang: str, name: str | None = None) -> regex.Pattern | None:
    """One pattern for all `entries` of a lexicon section in `lang` (None when there are none).
    `name` (no dash): its expression is kept in the data folder, as a phrase book's are (spelling
    out a `<lemma>`'s forms is a pass over the lookup table, some 15 ms in French)."""
    entries = [str(e).strip() for e in entries or () if str(e).strip()]
    if not entries:
        return None
    if name is None:
        source = _entries_source(entries, lang)
    else:
        from postlint.table_store import kept_value

        inputs = _book_inputs([("entries", lang, entries)])
        source = kept_value(f"entries_{name}", inputs, lambda: _entries_source(entries, lang))
    return regex.compile(source, regex.IGNORECASE)


def _entries_source(entries: list[str], lang: str) -> str:
    forms = _forms_index(lang, lemmas_in(entries))
    return "|".join(f"(?:{entry_regex(entry, lang, forms)})" for entry in entries)


def entry_pattern(entry: str, lang: str) -> regex.Pattern:
    return regex.compile(entry_regex(entry, lang), regex.IGNORECASE)


# --- requirements and the phrase book ------------------------------------------------------------


def words(text: str) -> frozenset[str]:
    """The lower-cased words of `text` (letters and digits; apostrophes and hyphens split words)."""
    return frozenset(_TEXT_WORDS.findall(text.lower()))


def draft_words(draft) -> frozenset[str]:
    """`words(draft.text)`, computed once per draft."""
    memo = draft.__dict__.get("_postlint_words")
    if memo is None:
        memo = draft.__dict__["_postlint_words"] = words(draft.text)
    return memo


def _token_alternatives(token: str, forms: dict) -> tuple[frozenset[str], ...] | None:
    """For a token made of words, the words of each of its alternatives (the text must hold all
    the words of at least one); None for a slot, a gap, or a token that may be punctuation."""
    if token.startswith("$") or token in _GAPS:
        return None
    if token.startswith("(") and token.endswith(")"):
        grouped: list[frozenset[str]] = []
        for phrase in _split(token[1:-1], "|"):
            needs: set[str] = set()
            for part in _split(phrase, " "):
                alternatives = _token_alternatives(part, forms)
                if alternatives is not None and len(alternatives) == 1:
                    needs |= alternatives[0]  # a word the phrase always has
            if not needs:
                return None
            grouped.append(frozenset(needs))
        return tuple(grouped)
    found: list[frozenset[str]] = []
    for alternative in token.split("|"):
        m = _LEMMA.match(alternative)
        if m:
            rest = alternative[m.end() :]
            if rest[:1].isalnum():
                return None  # a lemma glued to letters: its words are not the forms
            rest_words = words(_LEMMA.sub("", rest))
            for form in forms[m.group(1).lower()]:
                found.append(words(form) | rest_words)
            continue
        if not alternative[:1].isalnum():
            return None  # "«", "=", ",": no word to look for
        needs = words(_LEMMA.sub("", alternative))
        if not needs:
            return None
        found.append(needs)
    return tuple(found) or None


def entry_requirements(entry: str, lang: str, forms: dict | None = None) -> list[tuple[frozenset[str], ...]]:
    """For each token of an entry that is made of words, the words of each of its alternatives:
    the text must hold every word of one alternative of every such token for the entry to match."""
    if forms is None:
        forms = _forms_index(lang, lemmas_in([entry]))
    found = []
    for token in _split(str(entry), " "):
        alternatives = _token_alternatives(token, forms)
        if alternatives is not None:
            found.append(alternatives)
    return found


def _key_word(alternative: frozenset[str]) -> str:
    return max(alternative, key=lambda w: (len(w), w))


def _rarest(requirements: list[tuple[frozenset[str], ...]]) -> int:
    """The requirement least likely to be met by chance: the one whose alternatives' longest
    words are longest (short words are the common ones: "à", "on", "vos", "the")."""
    return max(
        range(len(requirements)),
        key=lambda i: (min(len(_key_word(alt)) for alt in requirements[i]), i),
    )


_Need = tuple[frozenset[str], tuple[frozenset[str], ...]]


def _split_alternatives(need: tuple[frozenset[str], ...]) -> _Need:
    """A requirement's alternatives of one word (as one set of words) and the others."""
    singles = frozenset(word for alternative in need if len(alternative) == 1 for word in alternative)
    return singles, tuple(alternative for alternative in need if len(alternative) != 1)


class _LazyPattern:
    """A regular expression compiled the first time it is used: most entries of a lexicon never
    meet a text that holds their words, and compiling them all would cost a quarter of a second."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled = None

    def finditer(self, text: str, *args):
        if self._compiled is None:
            self._compiled = regex.compile(self.source, regex.IGNORECASE)
        return self._compiled.finditer(text, *args)

    def search(self, text: str, *args):
        if self._compiled is None:
            self._compiled = regex.compile(self.source, regex.IGNORECASE)
        return self._compiled.search(text, *args)


@dataclass(frozen=True)
class Phrase:
    section: Hashable
    entry: str
    lang: str
    pattern: _LazyPattern
    requirements: tuple[tuple[frozenset[str], ...], ...] = ()
    emoji_needed: int = 0  # the emoji slots of an entry: the text must have at least as many


def _book(sections: list[tuple[Hashable, str, list[str]]]) -> tuple[list, dict, list, list]:
    """A phrase book's contents, of plain types: each phrase as (section, entry, language, regular
    expression, requirements, emoji slots), the index of the phrases by a word of their rarest
    requirement, the phrases without requirements, and each phrase's requirements as `_Need`s."""
    phrases: list[tuple] = []
    index: dict[str, list[int]] = {}
    always: list[int] = []
    needs: list[tuple[_Need, ...]] = []
    lemmas: dict[str, set[str]] = {}
    for _section, lang, entries in sections:
        lemmas.setdefault(lang, set()).update(lemmas_in(entries))
    forms_of = {lang: _forms_index(lang, frozenset(names)) for lang, names in lemmas.items()}
    for section, lang, entries in sections:
        forms = forms_of[lang]
        for entry in entries:
            requirements = tuple(entry_requirements(entry, lang, forms))
            emoji_needed = _split(entry, " ").count("$emoji")
            number = len(phrases)
            source = entry_regex(entry, lang, forms)
            phrases.append((section, entry, lang, source, requirements, emoji_needed))
            needs.append(tuple(_split_alternatives(need) for need in requirements))
            if not requirements:
                always.append(number)
                continue
            for alternative in requirements[_rarest(requirements)]:
                index.setdefault(_key_word(alternative), []).append(number)
    return phrases, index, always, needs


def _book_inputs(sections: list[tuple[Hashable, str, list[str]]]) -> tuple:
    """What a phrase book is worked out from: its sections, the lookup tables' files, this module
    and regex's version."""
    from postlint import nlp
    from postlint.table_store import source_state

    tables = [source_state(nlp.lemma_source(lang)) for lang in sorted({lang for _s, lang, _e in sections})]
    return (sections, tables, source_state(__file__), regex.__version__)


class PhraseBook:
    """Sections of phrase entries (each with its language), searched together. Each entry is
    indexed by a word of its rarest token; `scan` runs an entry's regular expression only when the
    text holds the words of one alternative of each of its word tokens (and as many emoji as the
    entry has emoji slots)."""

    def __init__(self, sections: list[tuple[Hashable, str, list]], name: str | None = None):
        """`sections`: (section, language, entries). `name` (no dash): the book is kept worked out
        in the data folder (postlint.table_store) under that name, its entries, the lookup tables
        it read and this module: spelling out each `<lemma>`'s forms is a pass over a whole
        table, some 50 ms of a start for the three books."""
        sections = [
            (section, lang, [str(e).strip() for e in entries or () if str(e).strip()])
            for section, lang, entries in sections
        ]
        if name is None:
            built = _book(sections)
        else:
            from postlint.table_store import kept_value

            built = kept_value(f"phrases_{name}", _book_inputs(sections), lambda: _book(sections))
        phrases, index, always, needs = built
        self.phrases: list[Phrase] = [
            Phrase(section, entry, lang, _LazyPattern(source), requirements, emoji_needed)
            for section, entry, lang, source, requirements, emoji_needed in phrases
        ]
        self._index: dict[str, list[int]] = index
        self._always: list[int] = always
        # each phrase's requirements as (its one-word alternatives, its others): one set
        # operation in C instead of a test per alternative (a <lemma> has dozens of forms)
        self._needs: list[tuple[_Need, ...]] = needs
        self._keys = frozenset(self._index)

    def candidates(self, text_words: frozenset[str], emoji: int = 1_000_000) -> list[Phrase]:
        """The phrases that may match a text whose words are `text_words`, in lexicon order."""
        index = self._index
        numbers = set(self._always)
        for word in self._keys.intersection(text_words):
            numbers.update(index[word])
        chosen = []
        for number in sorted(numbers):
            phrase = self.phrases[number]
            if phrase.emoji_needed > emoji:
                continue
            for singles, others in self._needs[number]:  # each need: one of its alternatives
                if singles.isdisjoint(text_words) and not any(alt <= text_words for alt in others):
                    break
            else:
                chosen.append(phrase)
        return chosen

    def scan(
        self, text: str, text_words: frozenset[str] | None = None, emoji: int | None = None
    ) -> list[tuple[Phrase, object]]:
        """(phrase, match) for every match of every candidate phrase, in text order. `emoji`: how
        many emoji the text holds (counted when not given)."""
        if text_words is None:
            text_words = words(text)
        if emoji is None:
            emoji = 0 if text.isascii() else len(_ANY_EMOJI.findall(text))
        found = []
        for phrase in self.candidates(text_words, emoji):
            for m in phrase.pattern.finditer(text):
                found.append((phrase, m))
        found.sort(key=lambda pm: (pm[1].start(), -pm[1].end()))
        return found


_PREVIOUS_WORD = regex.compile(r"([\p{L}\p{N}]+['’]?)[^\S\n]*$")


def word_set(values) -> frozenset[str]:
    """A lexicon's list of words, lower-cased, with typographic apostrophes made straight."""
    return frozenset(str(v).lower().replace("’", "'") for v in values or ())


def previous_word(text: str, start: int, lookback: int) -> str | None:
    """The word just before `start` (with its elision apostrophe: "j'"), lower case, or None when
    a line break, punctuation or nothing comes within `lookback` characters first."""
    m = _PREVIOUS_WORD.search(text, max(0, start - lookback), start)
    return m.group(1).lower().replace("’", "'") if m else None
