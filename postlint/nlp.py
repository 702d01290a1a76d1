"""Language tools, built lazily and once per process: language detection and spaCy pipelines.

Nothing here is imported by a run whose rules need no language: checks ask this module, and this
module imports langdetect or spaCy only when asked.

Detection (`detect`) uses langdetect with only the candidate languages' profiles loaded, a fixed
seed, text cleaned of links, mentions, hashtags, emoji and numbers, paragraph by paragraph; it
abstains when the text is too short or the best probability too low (rules/language-detection.yaml).

Pipelines (`pipeline`) are blank spaCy pipelines with a sentencizer and, when asked, lookup lemmas
(spacy-lookups-data's tables, read directly, lower-cased): no trained model is needed, in French or
in English. The rules only tokenize (`tokenizer`: the pipeline's tokenizer rules, read from spaCy
once, kept on disk and applied without importing spaCy, see postlint.tokenizer; sentences and
lemmas are read from the tokens, see `tokens_of` and `lemma_table`). Importing spaCy's
French language data compiles a 1.45-million-character regular expression (TOKEN_MATCH: about
2 s); `_french_token_match` compiles the same expression with each spelled-out list of letters
written as one Unicode property instead (10,000 characters, ~40 ms), and a test checks that both
accept and refuse the same tokens.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from functools import cache, reduce
from itertools import compress, repeat
from operator import add
from pathlib import Path
from typing import NamedTuple

import regex

from postlint.resources import load_rules_yaml

_LOCK = threading.Lock()

# --- language detection ------------------------------------------------------------------------

_NOISE = regex.compile(
    r"https?://\S+|www\.\S+|(?<![\w@])[@#][\w.@-]+|\p{Extended_Pictographic}|[\uFE0F\u200D]|\d+",
)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class LanguageGuess:
    """One stretch of the text (text offsets) and the language it is in, with its probability."""

    lang: str
    probability: float
    start: int
    end: int


@dataclass(frozen=True)
class Detection:
    guesses: tuple[LanguageGuess, ...]  # confident stretches, in order

    @property
    def abstained(self) -> bool:
        return not self.guesses

    @property
    def languages(self) -> list[str]:
        """The languages found, in order of first appearance."""
        return list(dict.fromkeys(g.lang for g in self.guesses))

    def best(self, lang: str) -> LanguageGuess | None:
        """The most probable stretch in `lang`."""
        found = [g for g in self.guesses if g.lang == lang]
        return max(found, key=lambda g: g.probability) if found else None

    @property
    def main(self) -> LanguageGuess | None:
        """The language of the most text."""
        if not self.guesses:
            return None
        weight: dict[str, int] = {}
        for g in self.guesses:
            weight[g.lang] = weight.get(g.lang, 0) + (g.end - g.start)
        lang = max(weight, key=weight.get)
        return self.best(lang)


def settings() -> dict:
    return load_rules_yaml("language-detection.yaml")


def clean(text: str) -> str:
    """The words only: links, mentions, hashtags, emoji and numbers removed."""
    return " ".join(_NOISE.sub(" ", text).split())


@cache
def _profiles_dir() -> Path:
    import langdetect

    return Path(langdetect.__file__).parent / "profiles"


@cache
def _factory(candidates: tuple[str, ...]):
    """A langdetect factory with only these languages' profiles, seeded."""
    from langdetect.detector_factory import DetectorFactory

    names = settings().get("profile_names") or {}
    profiles = []
    for code in candidates:
        path = _profiles_dir() / names.get(code, code)
        if path.is_file():
            profiles.append(path.read_text(encoding="utf-8"))
    if len(profiles) < 2:
        return None  # one language can't be told from nothing
    factory = DetectorFactory()
    factory.load_json_profile(profiles)
    factory.set_seed(0)
    return factory


def candidates_for(*groups) -> tuple[str, ...]:
    """The candidate languages: the given ones plus French and English, sorted, deduplicated."""
    found = set(settings().get("always") or ())
    for group in groups:
        found.update(code for code in group if isinstance(code, str))
    return tuple(sorted(found))


def _letters_guess(candidates: tuple[str, ...], text: str) -> tuple[str, float] | None:
    """langdetect's best language and probability for `text`, or None."""
    factory = _factory(candidates)
    if factory is None:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    conf = settings()
    names = {v: k for k, v in (conf.get("profile_names") or {}).items()}
    with _LOCK:  # langdetect's factory seed and random state are shared
        detector = factory.create(alpha=conf.get("alpha", 0.5))
        detector.n_trial = conf.get("trials", 7)
        detector.set_max_text_length(conf.get("max_text_length", 600))
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None
    return names.get(best.lang, best.lang), best.prob


@cache
def _word_table(lang: str) -> dict[str, float] | None:
    """wordfreq's word list for `lang` (word -> frequency), or None when it has none."""
    from postlint.word_lists import frequencies

    conf = settings()
    name = (conf.get("wordlist_names") or {}).get(lang, lang)
    try:
        return frequencies(name, conf.get("wordlist", "small"))
    except (LookupError, ValueError, OSError):
        return None


_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
_MEMO_MAX = 200_000  # words remembered per set of candidates
_NOT_MET = object()  # a word not in the memo yet


@cache
def _word_scores(candidates: tuple[str, ...]) -> tuple[tuple[str, ...], dict] | None:
    """The candidates that have a word list, in order, and a memo (filled as words are met) of
    each word as written -> its log10 frequency in each of those lists, or None when no list
    knows it; None when fewer than two candidates have a list."""
    langs = tuple(lang for lang in candidates if _word_table(lang))
    return (langs, {}) if len(langs) >= 2 else None


def _word_score(word: str, langs: tuple[str, ...], log_floor: float) -> tuple[float, ...] | None:
    lower = word.lower()
    found = [_word_table(lang).get(lower) for lang in langs]
    if not any(found):
        return None
    return tuple(math.log10(frequency) if frequency else log_floor for frequency in found)


def _words_guess(candidates: tuple[str, ...], words: list[str]) -> tuple[str, float] | None:
    """The language whose word list makes `words` (as `_WORD` finds them) likeliest, with a
    probability; None when no word is known in any candidate's list."""
    scorer = _word_scores(candidates)
    if scorer is None or not words:
        return None
    langs, memo = scorer
    if len(memo) > _MEMO_MAX:
        memo.clear()
    conf = settings()
    log_floor = math.log10(conf.get("floor", 1e-8))
    rows = list(map(memo.get, words, repeat(_NOT_MET)))  # the memo's rows; None: in no list
    if _NOT_MET in rows:
        for i, row in enumerate(rows):
            if row is _NOT_MET:
                word = words[i]
                if word not in memo:
                    memo[word] = _word_score(word, langs, log_floor)
                rows[i] = memo[word]
    unknown = rows.count(None)
    if unknown == len(rows):
        return None
    if unknown:
        floors = (log_floor,) * len(langs)
        rows = [floors if row is None else row for row in rows]
    # each language's sum is added up word by word, in text order (reduce, not sum(): Python 3.12's
    # sum() compensates rounding, and the probabilities must not depend on the Python version)
    scores = [reduce(add, column, 0.0) for column in zip(*rows, strict=True)]
    top = max(scores)
    scale = math.log(10) / conf.get("temperature", 1.0)
    weights = [math.exp((score - top) * scale) for score in scores]
    best = max(range(len(langs)), key=weights.__getitem__)
    return langs[best], weights[best] / sum(weights)


def _judge(
    candidates: tuple[str, ...], parts: list[str], words: list[str], letters: int
) -> tuple[str, float] | None:
    """Both judges on one stretch of text (`parts`: its paragraphs without noise, `words`: their
    words): the word lists first, then langdetect on the cleaned text."""
    conf = settings()
    guess = _words_guess(candidates, words)
    if guess is not None:
        return guess if guess[1] >= conf["min_probability"] else None
    if letters < conf.get("letters_min_letters", 20):
        return None
    guess = _letters_guess(candidates, " ".join(" ".join(part.split()) for part in parts))
    if guess and guess[1] >= conf.get("letters_min_probability", 0.9):
        return guess
    return None


def _piece(text: str) -> tuple[list[str], list[str], int]:
    """A paragraph without its noise (`clean` but for the spaces, which only langdetect needs
    gathered), its words and its number of letters (every letter is in a word; a word is letters
    and the apostrophes between them)."""
    # concurrent=False: `regex` otherwise lets go of the GIL and takes it back around every match
    quiet = _NOISE.sub(" ", text, concurrent=False)
    words = _WORD.findall(quiet, concurrent=False)
    joined = "".join(words)
    return [quiet], words, len(joined) - joined.count("'") - joined.count("’")


def detect(text: str, candidates: tuple[str, ...]) -> Detection:
    """The languages of `text`, paragraph by paragraph, among `candidates`; empty when unsure."""
    conf = settings()
    candidates = tuple(sorted(set(candidates)))
    min_letters = conf["min_letters"]
    pieces = []  # [start, end, paragraphs without noise, their words, letters]
    start = 0
    for m in [*_PARAGRAPHS.finditer(text), None]:
        end = m.start() if m else len(text)
        pieces.append([start, end, *_piece(text[start:end])])
        start = m.end() if m else len(text)
    # paragraphs too short to judge alone are judged with the next (or previous) one
    merged: list[list] = []
    for piece in pieces:
        if merged and merged[-1][4] < min_letters:
            last = merged[-1]
            merged[-1] = [last[0], piece[1], last[2] + piece[2], last[3] + piece[3], last[4] + piece[4]]
        else:
            merged.append(piece)
    if len(merged) > 1 and merged[-1][4] < min_letters:
        tail = merged.pop()
        last = merged[-1]
        merged[-1] = [last[0], tail[1], last[2] + tail[2], last[3] + tail[3], last[4] + tail[4]]
    guesses = []
    for start, end, parts, words, letters in merged:
        if letters < min_letters:
            continue
        guess = _judge(candidates, parts, words, letters)
        if guess:
            guesses.append(LanguageGuess(guess[0], guess[1], start, end))
    return Detection(tuple(guesses))


# --- spaCy pipelines ---------------------------------------------------------------------------

_HUGE = 500_000  # characters: only spaCy's French TOKEN_MATCH is this long


@cache
def _french_token_match():
    """spaCy's French TOKEN_MATCH, compiled fast (see the module docstring); installs it on
    spaCy's French defaults and returns its `match`."""
    captured: dict[str, str] = {}
    compile_ = re.compile

    def deferring(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > _HUGE:
            captured["pattern"] = pattern
            return _Deferred()
        return compile_(pattern, flags)

    _import_spacy()
    re.compile = deferring
    try:
        import spacy.lang.fr as french
    finally:
        re.compile = compile_
    from spacy.lang import char_classes

    pattern = captured.get("pattern")
    if pattern is None:  # already imported the slow way, or spaCy changed: keep spaCy's own
        return french.FrenchDefaults.token_match
    compact = pattern.replace(char_classes.ALPHA_LOWER, r"\p{L}").replace(char_classes.ALPHA, r"\p{L}")
    match = regex.compile(compact).match
    if all(map(_needs_joiner, _alternatives(compact))):
        match = _with_joiner(match)
    french.FrenchDefaults.token_match = match
    french.tokenizer_exceptions.TOKEN_MATCH = match
    return match


class _Deferred:
    """Stands in for the huge pattern while spaCy's French module is imported."""

    match = None


# Every alternative of the French TOKEN_MATCH is a word joined by a hyphen or an apostrophe
# ("porte-parole", "entr'abat"). spaCy asks it about every new piece of text it splits, most of
# them plain words, and `regex` tries the 266 alternatives on each (about 7 µs a word): a word with
# none of these characters is refused at once, when the pattern is checked to need one.
_JOINERS = "-–—‐‑'’"  # noqa: RUF001 (the dashes and apostrophes the pattern joins words with)
_HAS_JOINER = re.compile(f"[{re.escape(_JOINERS)}]")
_ATOM = re.compile(r"\[[^\]]*\]|\\.|\((?:[^()]|\([^()]*\))*\)|.")  # a class, an escape, a group, a character
_QUANTIFIER = re.compile(r"[?*+]|\{\d*,?\d*\}")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern written `(?flags)(?:A)|(?:B)|...` (none when it is not)."""
    flags = re.match(r"\(\?[a-zA-Z]+\)", pattern)
    body = pattern[flags.end() :] if flags else pattern
    found, depth, start, at = [], 0, 0, 0
    while at < len(body):
        char = body[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = body.find("]", at + 2) + 1 or len(body)
            continue
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            found.append(body[start:at])
            start = at + 1
        at += 1
    found.append(body[start:])
    return [
        alternative[3:-1] if alternative.startswith("(?:") and _ATOM.fullmatch(alternative) else ""
        for alternative in found
    ]


def _needs_joiner(alternative: str) -> bool:
    """Whether the alternative can only match a text holding one of _JOINERS: one of its parts,
    outside any group and not optional, is a class of joiners only or a joiner itself. No, when it
    holds an alternation or a group nested too deep to be read whole."""
    at = 0
    while at < len(alternative):
        atom = _ATOM.match(alternative, at)
        text = atom.group()
        if text in ("(", ")", "|"):
            return False
        quantifier = _QUANTIFIER.match(alternative, atom.end())
        at = quantifier.end() if quantifier else atom.end()
        if quantifier and quantifier.group() != "+":
            continue  # may match nothing
        members = text[1:-1] if text.startswith("[") and len(text) > 2 else text
        only_joiners = "\\" not in members and not members.startswith("^") and set(members) <= set(_JOINERS)
        if only_joiners and ("-" not in members[1:-1]):  # a dash inside: a range, which may hold more
            return True
    return False


def _with_joiner(match):
    """`match` for the texts that hold a joiner; None, at once, for the others."""

    def joined_match(text: str):
        return match(text) if _HAS_JOINER.search(text) else None

    joined_match.full = match  # the pattern's own match, for the tests
    return joined_match


@cache
def lemma_table(lang: str) -> dict[str, str]:
    """spacy-lookups-data's lookup lemmas for `lang` (word -> lemma), read from the package's JSON
    the first time (0.2 s for French; spaCy's own lemmatizer builds hashed tables from the same
    file in about 1 s), then from the copy postlint keeps of it (postlint.table_store). Empty when
    the package has no table for the language."""
    path = lemma_source(lang)
    if path is None:
        return {}
    from postlint.table_store import kept_value, source_state

    return kept_value(
        f"lemmas_{lang}", (source_state(path), source_state(__file__)), lambda: _lemma_json(path)
    )


@cache
def lemma_source(lang: str) -> Path | None:
    """The file of spacy-lookups-data that `lemma_table(lang)` is read from; None without one."""
    from postlint.resources import package_folder

    folder = package_folder("spacy_lookups_data")  # not imported: its import reads a catalogue
    if folder is None:
        return None
    path = folder / "data" / f"{lang}_lemma_lookup.json.gz"
    return path if path.is_file() else None


def _lemma_json(path: Path) -> dict[str, str]:
    """The package's table, each lemma one string shared by all its forms (the French table's
    216,000 forms have 36,000 lemmas: the run holds 180,000 fewer strings, and the kept copy reads
    back in about 85% of the time, measured in fresh processes)."""
    import gzip
    import json

    with gzip.open(path, "rb") as handle:
        table = json.loads(handle.read())
    lemmas: dict[str, str] = {}
    for word, found in table.items():
        if not isinstance(found, str):  # a few words have several lemmas: keep the first
            found = found[0] if found else word
        table[word] = lemmas.setdefault(found, found)
    return table


def lemma(word: str, lang: str) -> str:
    """The lookup lemma of one word, lower-cased (`Procédons` -> `procéder`)."""
    table = lemma_table(lang)
    lower = word.lower()
    return table.get(lower) or table.get(word) or lower


def _lemmatizer(lang: str):
    """A pipeline step that sets each token's lemma from the lookup table, lower-cased."""
    table = lemma_table(lang)
    by_hash: dict[int, int] = {}  # hash of a lower-cased word -> hash of its lemma, filled as met

    def set_lemmas(doc):
        strings = doc.vocab.strings
        for token in doc:
            lower = token.lower
            found = by_hash.get(lower)
            if found is None:
                text = token.lower_
                found = strings.add(table.get(text) or table.get(token.text) or text)
                by_hash[lower] = found
            token.lemma = found
        return doc

    return set_lemmas


def _import_spacy():
    """spaCy, imported without its command-line tools.

    `import spacy` imports `spacy.cli.info` for one function, `spacy.info`, and with it the whole
    command line (weasel, httpx, rich, typer): about 0.17 s of a 0.5 s import, paid at every start.
    The import below finds a stand-in for those two modules, then removes it: `spacy.info` still
    works (it imports the real one when called) and so does any later `import spacy.cli`.
    """
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import types

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_ins = {name: types.ModuleType(name) for name in ("spacy.cli", "spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []
    stand_ins["spacy.cli.info"].info = info
    added = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update({name: stand_ins[name] for name in added})
    try:
        import spacy
    finally:
        for name in added:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del spacy.cli  # the real one is imported when asked for
    return spacy


@cache
def _pipeline(lang: str, lemmas: bool):
    spacy = _import_spacy()

    if lang == "fr":
        _french_token_match()
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    if lemmas:
        from spacy.language import Language

        name = f"postlint_lemmas_{lang}"
        if name not in Language.factories:
            Language.component(name, func=_lemmatizer(lang))
        nlp.add_pipe(name)
    return nlp


def pipeline(lang: str, lemmas: bool = False):
    """A blank spaCy pipeline for `lang` with sentences (and lookup lemmas), built once."""
    with _LOCK:
        return _pipeline(lang, lemmas)


def tokenizer(lang: str):
    """The tokenizer of `pipeline(lang)`: its rules read from spaCy once, kept on disk and applied
    without importing spaCy (postlint.tokenizer: the same tokens), built once; spaCy's own
    (`spacy_tokenizer`) when one of its rules can't be kept."""
    with _LOCK:
        return _kept_tokenizer(lang)


@cache
def _kept_tokenizer(lang: str):
    from postlint import tokenizer as kept

    rules = kept.rules(lang)
    return kept.Tokenizer(rules, kept.shared_rules()) if rules is not None else _tokenizer(lang)


def spacy_tokenizer(lang: str):
    """spaCy's tokenizer of `pipeline(lang)`, the same rules on the same vocabulary, built once
    without the pipeline around it (see `_tokenizer`)."""
    with _LOCK:
        return _tokenizer(lang)


@cache
def _tokenizer(lang: str):
    """What `spacy.blank(lang)` makes of its tokenizer, made directly: the language's vocabulary
    and its registered tokenizer factory, without the configuration and the registries that a
    pipeline is resolved from (about a fifth of building the two tokenizers; a test checks that
    both tokenize the same)."""
    _import_spacy()
    from spacy.language import create_tokenizer
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    if lang == "fr":
        _french_token_match()
    try:
        language = get_lang_class(lang)
    except (ImportError, KeyError, ValueError):
        language = get_lang_class("xx")
    shell = _Shell(language.Defaults, create_vocab(language.lang, language.Defaults))
    return create_tokenizer()(shell)


class _Shell(NamedTuple):
    """The two attributes of a pipeline that spaCy's tokenizer factory reads."""

    Defaults: type  # noqa: N815 (spaCy's name)
    vocab: object


# --- a draft's languages -------------------------------------------------------------------------


def draft_candidates(draft, settings) -> tuple[str, ...]:
    """The languages a draft may be in: the strategy's, its personas', the draft's own `lang`;
    computed once per draft and strategy (most rules that read words ask)."""
    memo = draft.__dict__.get("_postlint_candidates")
    if memo is not None and memo[0] is settings:
        return memo[1]
    declared = draft.front.get("lang")
    persona_languages = [
        code
        for persona in (settings.personas or {}).values()
        if isinstance(persona, dict)
        for code in persona.get("languages") or ()
    ]
    found = candidates_for([settings.language], persona_languages, [declared])
    draft.__dict__["_postlint_candidates"] = (settings, found)
    return found


def draft_languages(draft, settings) -> Detection:
    """The detected languages of a draft's text, computed once per draft and strategy."""
    candidates = draft_candidates(draft, settings)
    memo = draft.__dict__.setdefault("_postlint_languages", {})
    if candidates not in memo:
        memo[candidates] = detect(draft.text, candidates)
    return memo[candidates]


def draft_language(draft, settings) -> str:
    """The language to read a draft in: the detected main language, else its `lang`, else the
    strategy's `language`, else French; decided once per draft and strategy (the writing rules and
    their shared Doc each ask)."""
    memo = draft.__dict__.get("_postlint_language")
    if memo is not None and memo[0] is settings:
        return memo[1]
    found = _main_language(draft, settings)
    draft.__dict__["_postlint_language"] = (settings, found)
    return found


def _main_language(draft, settings) -> str:
    main = draft_languages(draft, settings).main
    if main is not None:
        return main.lang
    for value in (draft.front.get("lang"), getattr(settings, "language", None)):
        if isinstance(value, str) and value:
            return value
    return "fr"


def draft_doc(draft, settings):
    """The draft's text tokenized in the draft's language by `tokenizer` (a
    postlint.tokenizer.Tokenized, or a spaCy Doc when spaCy's own tokenizer is used; other
    languages get the multi-language rules), built once per draft. Tokens only: no sentences and
    no lemmas (the rules read sentences from `draft_tokens` and lemmas from `lemma_table`)."""
    memo = draft.__dict__.setdefault("_postlint_docs", {})
    lang = draft_language(draft, settings)
    if lang not in memo:
        memo[lang] = tokenizer(lang)(draft.text)
    return memo[lang]


def draft_tokens(draft, settings) -> Tokens:
    """`tokens_of` the draft's Doc (`draft_doc`), computed once per draft."""
    memo = draft.__dict__.setdefault("_postlint_tokens", {})
    lang = draft_language(draft, settings)
    if lang not in memo:
        memo[lang] = tokens_of(draft_doc(draft, settings), lang, draft.text)
    return memo[lang]


class Tokens(NamedTuple):
    """A Doc's tokens, one list per attribute (a few objects per draft for the garbage collector
    to walk, not one per token), all in token order; read together with `zip(*tokens)`."""

    starts: list[int]  # character offsets
    lengths: list[int]  # in characters
    sentence_starts: list[int]  # 1 when the token starts a sentence, else -1 (spaCy's SENT_START)
    like_url: list[int]  # 1 when it looks like a link, else 0


@cache
def _sentence_marks(lang: str) -> tuple[frozenset[str], bool]:
    """The punctuation after which the sentencizer of `pipeline(lang)` starts a sentence (what
    add_pipe("sentencizer") gets, kept by postlint.tokenizer), and whether every mark is one
    character."""
    from postlint.tokenizer import shared_rules

    marks = shared_rules()["sentence_marks"]
    return marks, all(len(mark) == 1 for mark in marks)


def tokens_of(doc, lang: str, text: str | None = None) -> Tokens:
    """A Doc's tokens read in bulk (a Token object per token costs more than the reading). The
    sentences are those that `pipeline(lang)`'s sentencizer sets: its rule, on its punctuation,
    without running it on a Doc. `text`: the Doc's text when the caller has it (spaCy rebuilds
    doc.text at each call)."""
    from postlint.tokenizer import Tokenized

    if isinstance(doc, Tokenized):
        text, starts, lengths, punct, like_url = doc.text, doc.starts, doc.lengths, doc.punct, doc.like_url
    else:
        from spacy.attrs import IDX, IS_PUNCT, LENGTH, LIKE_URL

        if text is None:
            text = doc.text
        starts, lengths, punct, like_url = doc.to_array([IDX, LENGTH, IS_PUNCT, LIKE_URL]).T.tolist()
    marks, single = _sentence_marks(lang)
    count = len(starts)
    # spaCy's Sentencizer.predict: the first token starts a sentence, and so does, after a mark,
    # the first token that is neither punctuation nor a mark
    if single:  # only the tokens of one character can be marks: few of them
        is_mark = {i for i in compress(range(count), map((1).__eq__, lengths)) if text[starts[i]] in marks}
    else:
        is_mark = {i for i in range(count) if text[starts[i] : starts[i] + lengths[i]] in marks}
    sentence_starts = [-1] * count
    after = 0  # tokens before this one were read after an earlier mark
    for i in sorted(is_mark):
        if i < after:
            continue
        after = i + 1
        while after < count and (punct[after] or after in is_mark):
            after += 1
        if after < count:
            sentence_starts[after] = 1
    if count:
        sentence_starts[0] = 1
    return Tokens(starts, lengths, sentence_starts, like_url)
