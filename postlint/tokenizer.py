"""spaCy's tokenizers, applied without importing spaCy.

Importing spaCy and building its tokenizers takes about half a second, paid by every run whose rules
read words, before the first draft is checked. What a tokenizer does depends only on its rules:
three regular expressions (prefixes, suffixes, infixes), two matches (the language's own words
that stay whole, links), and its special cases (exceptions such as "aujourd'hui" or "c.-à-d.").
Those rules are read from spaCy once (`derived`), kept on disk (postlint.table_store, worked out
again when spaCy or this file changes), and applied here the way spaCy's tokenizer applies them
(its `Tokenizer.__call__`, documented at https://spacy.io/usage/linguistic-features#how-tokenizer-works):

1. the text is cut at whitespace; a single space after a piece is that piece's trailing space,
   any other whitespace is a token of its own;
2. a piece that is a special case becomes its tokens;
3. otherwise prefixes and suffixes are split off, one at a time from each end, until the piece
   left is a special case or the language's token match holds, or nothing more comes off;
4. what is left is one token when it is a special case, the token match or the link match
   holds, or no infix is found; else it is cut at its infixes;
5. last, the special cases that hold a prefix, suffix, infix or space are looked for among the
   tokens, the longest first, and replace the tokens they cover.

The token attributes the rules read (is it punctuation, does it look like a link) are spaCy's
lexical attributes, worked out the same way (`is_punct`, `like_url`). tests/test_tokenizer.py
compares the tokens with spaCy's own, offset by offset, on the fixtures, a generated corpus and
texts chosen for each step, in five languages. When spaCy holds a rule that is no compiled
pattern, nothing is kept and postlint.nlp uses spaCy's tokenizer itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

FORMAT = 1  # of the kept rules: raise it when `derived` changes what it keeps
# Step 1's pieces: text without whitespace; whitespace at the start of the text; after a piece,
# whitespace that starts with another character than a space, or what follows a first space
# (str patterns: \s is what str.isspace() calls whitespace, as spaCy's tokenizer does).
_PIECE = re.compile(r"\S+|\A\s+|(?<=\S)[^\S ]\s*|(?<=\S )\s+")
_WHITESPACE = re.compile(r"\s")


class Token(NamedTuple):
    """A token as the rules read it: its text and its offset in the text."""

    text: str
    idx: int


class Tokenized:
    """A text's tokens, one list per attribute, in order (spaCy's IDX, LENGTH, IS_PUNCT and
    LIKE_URL; 1 or 0 for the last two); iterating gives `Token`s."""

    __slots__ = ("text", "starts", "lengths", "punct", "like_url")

    def __init__(
        self, text: str, starts: list[int], lengths: list[int], punct: list[int], like_url: list[int]
    ):
        self.text = text
        self.starts = starts
        self.lengths = lengths
        self.punct = punct
        self.like_url = like_url

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self):
        text = self.text
        for start, length in zip(self.starts, self.lengths, strict=True):
            yield Token(text[start : start + length], start)


class Tokenizer:
    """A language's tokenizer from its kept rules (`rules`) and the rules every language shares
    (`shared_rules`): call it on a text."""

    def __init__(self, kept: dict, shared: dict):
        self.prefix_search = _compiled(kept["prefix"]).search if kept["prefix"] else None
        self.suffix_search = _compiled(kept["suffix"]).search if kept["suffix"] else None
        self.infix_finditer = _compiled(kept["infix"]).finditer if kept["infix"] else None
        self.token_match = _token_match(kept["token_match"])
        self.url_match = _compiled(kept["url_match"]).match if kept["url_match"] else None
        self.specials: dict[str, tuple[str, ...]] = kept["specials"]
        self.shared = shared
        # step 5: the special cases looked for among the tokens, by their first token
        self.spanning: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in sorted(self.specials):
            if not kept["faster_heuristics"] or _holds_affix(self, key):
                pieces = tuple(self._plain_tokens(key))
                if len(pieces) == 1 and pieces == self.specials[key]:
                    continue  # one token put back as it was (" ", "'"): no other match is longer than it
                self.spanning.setdefault(pieces[0], []).append((pieces, key))
        # A special case without whitespace can only be spelled by the tokens of one piece of text
        # without whitespace: step 5 is done piece by piece, and remembered with the piece, unless
        # the text holds a special case with whitespace (a few in Spanish and Arabic, none in French
        # or English): then the whole text is done as spaCy does it.
        spread = sorted(
            {key for found in self.spanning.values() for _pieces, key in found if _WHITESPACE.search(key)},
            key=len,
            reverse=True,
        )
        self.spread_search = re.compile("|".join(map(re.escape, spread))).search if spread else None
        # a piece of text without whitespace -> its tokens' (offsets, lengths, IS_PUNCT, LIKE_URL)
        self._known: dict[str, tuple[tuple[int, ...], ...]] = {}

    def __call__(self, text: str) -> Tokenized:
        if self.spread_search is not None and self.spread_search(text):
            return self._whole(text)
        starts: list[int] = []
        lengths: list[int] = []
        punct: list[int] = []
        links: list[int] = []
        known = self._known
        for found in _PIECE.finditer(text):
            piece = found.group()
            entry = known.get(piece)
            if entry is None:
                entry = self._entry(piece)
            offsets, sizes, is_punct, like_url = entry
            if len(sizes) == 1:
                starts.append(found.start())
                lengths.append(sizes[0])
                punct.append(is_punct[0])
                links.append(like_url[0])
            else:
                start = found.start()
                starts.extend([start + offset for offset in offsets])
                lengths.extend(sizes)
                punct.extend(is_punct)
                links.extend(like_url)
        return Tokenized(text, starts, lengths, punct, links)

    def _entry(self, piece: str) -> tuple[tuple[int, ...], ...]:
        """A piece's tokens, steps 2 to 5, remembered."""
        starts, lengths, firsts = [], [], []
        self._add_pieces(piece, 0, starts, lengths, firsts)
        if firsts:
            _spanning_specials(self, piece, starts, lengths, firsts)
        punct, links = self._attributes(piece, starts, lengths)
        found = (tuple(starts), tuple(lengths), tuple(punct), tuple(links))
        if len(self._known) < _MAX_KNOWN:
            self._known[piece] = found
        return found

    def _whole(self, text: str) -> Tokenized:
        """The tokens of a text, step 5 done over the whole text."""
        starts: list[int] = []
        lengths: list[int] = []
        firsts: list[int] = []
        for found in _PIECE.finditer(text):
            self._add_pieces(found.group(), found.start(), starts, lengths, firsts)
        if firsts:
            _spanning_specials(self, text, starts, lengths, firsts)
        return Tokenized(text, starts, lengths, *self._attributes(text, starts, lengths))

    def _add_pieces(self, piece: str, at: int, starts: list, lengths: list, firsts: list) -> None:
        """Add the tokens of `piece`, which starts at `at`, steps 2 to 4; `firsts`: those that may
        start a spanning special case."""
        for token in self._pieces(piece, with_specials=True):
            if token in self.spanning:
                firsts.append(len(starts))
            starts.append(at)
            lengths.append(len(token))
            at += len(token)

    def _attributes(self, text: str, starts: list[int], lengths: list[int]) -> tuple[list[int], list[int]]:
        """IS_PUNCT and LIKE_URL of each token, 1 or 0."""
        tokens = [text[start : start + length] for start, length in zip(starts, lengths, strict=True)]
        return [int(is_punct(token)) for token in tokens], [
            int(like_url(token, self.shared)) for token in tokens
        ]

    def _plain_tokens(self, text: str) -> list[str]:
        """The tokens of `text` without the special cases (what step 5 looks for)."""
        return [token for found in _PIECE.finditer(text) for token in self._pieces(found.group(), False)]

    def _pieces(self, piece: str, with_specials: bool) -> list[str]:
        """The tokens of a piece of text without whitespace (steps 2 to 4)."""
        specials = self.specials if with_specials else {}
        if piece in specials:
            return list(specials[piece])
        prefixes, middle, suffixes = self._split_affixes(piece, specials)
        tokens = prefixes
        if middle:
            if middle in specials:
                tokens.extend(specials[middle])
            elif (self.token_match and self.token_match(middle)) or (
                self.url_match and self.url_match(middle)
            ):
                tokens.append(middle)
            else:
                tokens.extend(self._infixed(middle))
        tokens.extend(reversed(suffixes))
        return tokens

    def _split_affixes(self, text: str, specials: dict) -> tuple[list[str], str, list[str]]:
        """The prefixes split off `text`, what is left, and the suffixes (last one split first)."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = -1
        while text and len(text) != last_size:
            if self.token_match and self.token_match(text):
                break
            if text in specials:
                break
            last_size = len(text)
            pre_len = _length(self.prefix_search, text)
            if pre_len:
                prefix, minus_pre = text[:pre_len], text[pre_len:]
                if minus_pre and minus_pre in specials:
                    prefixes.append(prefix)
                    text = minus_pre
                    break
            suf_len = _length(self.suffix_search, text[pre_len:])
            if suf_len:
                suffix, minus_suf = text[-suf_len:], text[:-suf_len]
                if minus_suf and minus_suf in specials:
                    suffixes.append(suffix)
                    text = minus_suf
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(text):
                prefixes.append(prefix)
                suffixes.append(suffix)
                text = text[pre_len:-suf_len]
            elif pre_len:
                prefixes.append(prefix)
                text = minus_pre
            elif suf_len:
                suffixes.append(suffix)
                text = minus_suf
        return prefixes, text, suffixes

    def _infixed(self, text: str) -> list[str]:
        """`text` cut at its infixes (an infix at its very start is no cut)."""
        matches = list(self.infix_finditer(text)) if self.infix_finditer else []
        if not matches:
            return [text]
        tokens, start = [], 0
        for match in matches:
            infix_start, infix_end = match.span()
            if infix_start == 0:
                continue
            if infix_start != start:
                tokens.append(text[start:infix_start])
            if infix_start != infix_end:
                tokens.append(text[infix_start:infix_end])
            start = infix_end
        if text[start:]:
            tokens.append(text[start:])
        return tokens


_MAX_KNOWN = 50_000  # pieces whose tokens are remembered (spaCy's own cache keeps 10,000 kinds)


def _length(search, text: str) -> int:
    if search is None:
        return 0
    found = search(text)
    return found.end() - found.start() if found is not None else 0


def _holds_affix(tokenizer: Tokenizer, key: str) -> bool:
    return bool(
        _length(tokenizer.prefix_search, key)
        or (tokenizer.infix_finditer and list(tokenizer.infix_finditer(key)))
        or _length(tokenizer.suffix_search, key)
        or " " in key
    )


def _spanning_specials(
    tokenizer: Tokenizer, text: str, starts: list[int], lengths: list[int], firsts: list[int]
) -> None:
    """Step 5, in place: every run of tokens that spells a spanning special case (starting at one of
    the tokens `firsts`), the longest first (at equal length, the first), replaced by the special
    case's tokens when the run's text, whitespace included, is the special case."""
    spanning, count = tokenizer.spanning, len(starts)

    def token(index: int) -> str:
        return text[starts[index] : starts[index] + lengths[index]]

    found = []  # (length in tokens, -start, start, end)
    for index in firsts:
        for pieces, _key in spanning[token(index)]:
            end = index + len(pieces)
            if end <= count and all(token(index + at) == piece for at, piece in enumerate(pieces)):
                found.append((len(pieces), -index, index, end))
    seen: set[int] = set()
    kept = []
    for _size, _minus, start, end in sorted(found, reverse=True):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
        seen.update(range(start, end))
    for start, end in sorted(kept, reverse=True):  # from the end: the indexes before stay true
        first = starts[start]
        special = tokenizer.specials.get(text[first : starts[end - 1] + lengths[end - 1]])
        if special is None:
            continue
        offsets, at = [], first
        for piece in special:
            offsets.append(at)
            at += len(piece)
        starts[start:end] = offsets
        lengths[start:end] = [len(piece) for piece in special]


def _compiled(kept: tuple[str, int, str]):
    pattern, flags, module = kept
    if module == "regex":
        import regex

        return regex.compile(pattern, flags)
    return re.compile(pattern, flags)


def _token_match(kept):
    """The language's token match from its kept form: None, a pattern, or postlint's French one
    (a pattern asked only about words holding a joiner: postlint.nlp._with_joiner)."""
    if kept is None:
        return None
    pattern, joiner = kept
    match = _compiled(pattern).match
    if joiner:
        from postlint.nlp import _with_joiner

        match = _with_joiner(match)
    return match


# --- the lexical attributes the rules read ------------------------------------------------------


def is_punct(text: str) -> bool:
    """spaCy's IS_PUNCT: every character is punctuation (Unicode category P...)."""
    return all(unicodedata.category(char).startswith("P") for char in text)


def like_url(text: str, kept: dict) -> bool:
    """spaCy's LIKE_URL: what works as a link in a text, valid or not (`kept`: `shared_rules()`)."""
    if text.startswith(("http://", "https://")):
        return True
    if text.startswith("www.") and len(text) >= 5:
        return True
    if text[0] == "." or text[-1] == "." or "@" in text or "." not in text:
        return False
    tld = text.rsplit(".", 1)[1].split(":", 1)[0]
    if tld.endswith("/"):
        return True
    if tld.isalpha() and tld in kept["tlds"]:
        return True
    return bool(_url_match(kept["url"])(text))


@cache
def _url_match(pattern: tuple[str, int, str]):
    return _compiled(pattern).match


# --- the rules, read from spaCy once and kept ---------------------------------------------------


@cache
def spacy_state() -> tuple:
    """What the kept rules are worked out from: spaCy's files (found without importing spaCy) and
    the two postlint files that read them."""
    from postlint import nlp
    from postlint.resources import package_folder
    from postlint.table_store import source_state

    spacy_folder = package_folder("spacy")
    return (
        FORMAT,
        source_state(__file__),
        source_state(nlp.__file__),
        source_state(spacy_folder / "about.py") if spacy_folder else None,
    )


@cache
def rules(lang: str) -> dict | None:
    """The kept rules of the tokenizer `postlint.nlp.spacy_tokenizer(lang)` (None when spaCy's
    tokenizer has a rule that can't be kept: then spaCy's own is used)."""
    from postlint.table_store import kept_value

    return kept_value(f"tokenizer_{lang}", (lang, *spacy_state()), lambda: derived(lang))


@cache
def shared_rules() -> dict:
    """What every language's tokens need: the link rules of LIKE_URL, the sentencizer's marks."""
    from postlint.table_store import kept_value

    return kept_value("tokenizer_shared", spacy_state(), _derived_shared)


def derived(lang: str) -> dict | None:
    """Read spaCy's tokenizer of `lang` (postlint.nlp.spacy_tokenizer) into plain values."""
    from postlint import nlp

    spacy_tokenizer = nlp._tokenizer(lang)  # the caller, nlp.tokenizer, holds nlp._LOCK
    from spacy.attrs import ORTH

    kept = {
        "prefix": _pattern_of(spacy_tokenizer.prefix_search),
        "suffix": _pattern_of(spacy_tokenizer.suffix_search),
        "infix": _pattern_of(spacy_tokenizer.infix_finditer),
        "url_match": _pattern_of(spacy_tokenizer.url_match),
        "token_match": None,
        "faster_heuristics": bool(spacy_tokenizer.faster_heuristics),
        "specials": {key: tuple(token.get(ORTH, token.get("ORTH")) for token in value)
                     for key, value in spacy_tokenizer.rules.items()},
    }  # fmt: skip
    match = spacy_tokenizer.token_match
    if match is not None:
        full = getattr(match, "full", None)
        kept["token_match"] = (_pattern_of(full or match), full is not None)
    unknown = [name for name in ("prefix", "suffix", "infix", "url_match") if kept[name] is False]
    if unknown or (kept["token_match"] and kept["token_match"][0] is False):
        return None
    return kept


def _pattern_of(method) -> tuple[str, int, str] | bool | None:
    """(pattern, flags, "re" or "regex") of a compiled pattern's bound method; None for None;
    False for anything else."""
    if method is None:
        return None
    owner = getattr(method, "__self__", None)
    pattern = getattr(owner, "pattern", None)
    if not isinstance(pattern, str):
        return False
    module = "regex" if type(owner).__module__.startswith(("regex", "_regex")) else "re"
    return (pattern, int(owner.flags), module)


def _derived_shared() -> dict:
    from postlint import nlp

    nlp._import_spacy()
    from spacy.lang import lex_attrs
    from spacy.pipeline import Sentencizer

    return {
        "tlds": frozenset(lex_attrs._tlds),
        "url": _pattern_of(lex_attrs.URL_MATCH),
        "sentence_marks": frozenset(Sentencizer.default_punct_chars),
    }
