"""Wording: bureaucratic or administrative phrasing, each with a plain replacement.

The guide ("Pratiques gagnantes", tip 3) asks organisations to write in a less formal, less
bureaucratic, more conversational language. Lina la Locataire reads French as a second language:
plain words matter most for her.

The phrases come from rules/lexicons/<lang>/wording.yaml (the project's own selection from public
plain-language guidance, sources in each file's header). They are matched on lemmas, so that
"procéder à la vérification", "nous procéderons à la vérification" and "procédons aux
vérifications" are one entry. A phrase is compiled into a sequence of keys:

- a word's lemma (spaCy's lookup table, completed by the lexicon's `grammar.lemmas`), or the word
  itself when the entry lists it in `exact`;
- a determiner's class (definite, indefinite, demonstrative, possessive), so that "la" matches
  "les", "l'" and the article inside "aux", and with `determiners: any` any determiner at all;
- a reflexive pronoun's class ("se" matches "vous" in "vous vous prévalez").

French contractions are read both ways ("du" is "de" + definite article; "des" is that or an
indefinite article). A match never skips a word: an adverb in the middle ("procéder rapidement à")
breaks it, which keeps false alarms down. An entry can stay quiet before or after given words
(`unless_next`, `unless_prev`: "dans le cadre du tableau" is a picture frame).

Cost: each entry knows the words a text must hold for it to match (every word of the phrase, in
all its forms, indexed by the rarest); a draft that holds all the words of no entry is left before
its language is detected or its Doc built, and only the entries it may hold are tried on its tokens
(a dict lookup per token). This own matcher rather than spaCy's PhraseMatcher: the determiner
classes, contractions, optional determiners and `unless_*` conditions don't fit the latter, and the
whole rule costs some 20-30 µs a draft on the bench corpus.

A strategy file adds and silences entries through the rule's parameters:
`rules: {wording: {add: [{phrase: ..., replacement: ..., lang: fr}], silence: [dans le cadre de]}}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache

from postlint import nlp
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.resources import load_lexicon, rules_dir

LEXICON = "wording"
CLASSES = ("definite", "indefinite", "demonstrative", "possessive")
DET = "#determiner"
REFL = "#reflexive"
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


def _norm(word: str) -> str:
    """Lower case, straight apostrophe, œ and æ spelt out (as in spaCy's lemma tables)."""
    return str(word).lower().replace("’", "'").replace("œ", "oe").replace("æ", "ae")


def _norm_phrase(phrase: str) -> str:
    return " ".join(_norm(phrase).split())


# --- the lexicon's grammar ------------------------------------------------------------------------


class Grammar:
    """What a language's lexicon says of its small words, and the lemma table: turns a text token
    into the keys it can match and a phrase's words into the keys they require."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.table = nlp.lemma_table(lang)
        self.lemmas = {_norm(k): _norm(v) for k, v in (data.get("lemmas") or {}).items()}
        self.classes: dict[str, str] = {}
        for name in CLASSES:
            for word in (data.get("determiners") or {}).get(name) or ():
                self.classes[_norm(word)] = "#" + name
        self.reflexive = {_norm(w) for w in data.get("reflexive") or ()}
        self.subjects = {_norm(w) for w in data.get("subject_pronouns") or ()}  # "nous" is both
        # the same words as the prefilter cuts them (`l'` is `l`)
        self.piece_classes = {p: k for w, k in self.classes.items() for p in _WORDS.findall(w)}
        self.reflexive_pieces = {p for w in self.reflexive for p in _WORDS.findall(w)}
        self.contractions = {
            _norm(word): tuple(tuple(self._item(i) for i in reading) for reading in readings)
            for word, readings in (data.get("contractions") or {}).items()
        }
        # "du" is "de le" written as one word; the words that drop their vowel before another
        merged = data.get("merged") or {}
        self.merged = {_norm(w): (_norm(a), _norm(b)) for w, (a, b) in merged.items()}
        self.merges = {pair: word for word, pair in self.merged.items()}
        self.elision = {_norm(w): _norm(e) for w, e in (data.get("elision") or {}).items()}
        self.function_words = {_norm(w) for w in data.get("function_words") or ()}
        self.verb_endings = tuple(data.get("verb_endings") or ())
        self.irregular = {k: tuple(v) for k, v in (data.get("irregular") or {}).items()}
        self.irregular_forms = {
            _norm(verb): {_norm(form): str(cat) for form, cat in forms.items()}
            for verb, forms in (data.get("irregular_forms") or {}).items()
        }
        self.not_inflected = {_norm(w) for w in data.get("not_inflected") or ()}
        self.verb_forms_min = int(data.get("verb_forms_min") or 6)
        self.mute_endings = tuple(data.get("mute_endings") or ())
        self.guesses = tuple((str(a), str(b)) for a, b in data.get("guesses") or ())
        self.guesses_unknown = tuple((str(a), str(b)) for a, b in data.get("guesses_unknown") or ())
        self._readings: dict[str, tuple] = {}
        self._inverse: dict[str, list[str]] = {}

    def _item(self, item: str) -> str:
        return "#" + item if item in CLASSES else _norm(item)

    def lemma(self, word: str) -> str:
        w = _norm(word)
        return self.lemmas.get(w) or self.table.get(w) or w

    def readings(self, text: str) -> tuple[tuple[frozenset, ...], ...]:
        """The ways a text token can be read: each a sequence of key sets (a contraction is two)."""
        found = self._readings.get(text)
        if found is not None:
            return found
        w = _norm(text)
        if w in self.contractions:
            found = tuple(
                tuple(frozenset({k, DET}) if k.startswith("#") else frozenset({k, "=" + k}) for k in reading)
                for reading in self.contractions[w]
            )
        elif w in self.classes:
            found = ((frozenset({self.classes[w], DET, "=" + w}),),)
        else:
            keys = {w, "=" + w, self.table.get(w) or w, *self._guessed(w)}
            if w in self.lemmas:
                keys.add(self.lemmas[w])
            if w in self.reflexive:
                keys.add(REFL)
            found = ((frozenset(keys),),)
        self._readings[text] = found
        return found

    def _guessed(self, word: str) -> set[str]:
        """Lemmas the word may have beside the table's (`procédé` is a noun there, and also a form
        of `procéder`): the lexicon's ending rules (`guesses`, and `guesses_unknown` for words the
        table doesn't know: `œuvre` is a noun, not a form of `œuvrer`)."""
        found = set()
        rules = self.guesses if word in self.table else self.guesses + self.guesses_unknown
        for ending, lemma_ending in rules:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                stem = word[: len(word) - len(ending)]
                found.add(stem + lemma_ending)
                if "è" in stem[-3:]:
                    found.add(stem[::-1].replace("è", "é", 1)[::-1] + lemma_ending)
        return found

    def pattern(self, word: str, exact: bool, any_determiner: bool) -> tuple[str, ...]:
        """The keys a phrase's word requires (two for a contraction)."""
        w = _norm(word)
        if exact:
            return ("=" + w,)
        if w in self.contractions:
            keys = self.contractions[w][0]
        elif w in self.classes:
            keys = (self.classes[w],)
        elif w in self.reflexive and w not in self.subjects:
            keys = (REFL,)
        else:
            keys = (self.lemma(w),)
        if any_determiner:
            keys = tuple(DET if k.startswith("#") and k != REFL else k for k in keys)
        return keys

    def table_forms(self, key: str) -> set[str]:
        """The forms the lemma table gives `key` (lower case), and `key` itself."""
        if key not in self._inverse:
            self.prepare({key})
        return {key, *self._inverse[key]}

    def prepare(self, keys) -> None:
        """Read the lemma table once for the forms of all these keys (a pass over the whole
        table costs some 15 ms in French: one pass for a whole lexicon, not one per word)."""
        wanted = {k: [] for k in keys if k not in self._inverse}
        if not wanted:
            return
        for form, lemma in self.table.items():
            if lemma in wanted:
                wanted[lemma].append(form.lower())
        for form, lemma in self.lemmas.items():
            if lemma in wanted:
                wanted[lemma].append(form)
        self._inverse.update(wanted)

    def forms(self, key: str) -> frozenset[str]:
        """Every word (lower case, as `\\w+` cuts it) whose readings may include `key`: the
        prefilter's words. A few more than needed do no harm."""
        if key.startswith("="):
            found = {key[1:]}
        elif key.startswith("#"):  # a class: its words, and the contractions that hold one
            found = {w for w, k in self.classes.items() if k == key}
            found |= {w for w, readings in self.contractions.items() for r in readings if key in r}
            if key == REFL:
                found |= self.reflexive
        else:
            found = self.table_forms(key)
            for ending, lemma_ending in self.guesses + self.guesses_unknown:  # `_guessed` read back
                if key.endswith(lemma_ending):
                    found.add(key[: len(key) - len(lemma_ending)] + ending)
            for word, readings in self.contractions.items():
                if any(key in reading for reading in readings):
                    found.add(word)
        return frozenset(piece for f in found for piece in _WORDS.findall(f) or [f])

    def is_verb(self, word: str) -> bool:
        """A word with many forms in the lemma table is a verb (French nouns have two, adjectives
        four; English nouns two): the lexicon's `verb_forms_min`."""
        return len(self.table_forms(self.lemma(word))) >= self.verb_forms_min


@cache
def _lexicon_data(lang: str) -> dict:
    return load_lexicon(lang, LEXICON)


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a wording lexicon."""
    base = rules_dir() / "lexicons"
    return tuple(sorted(p.parent.name for p in base.glob(f"*/{LEXICON}.yaml")))


@cache
def grammar(lang: str) -> Grammar:
    return Grammar(lang, _lexicon_data(lang).get("grammar") or {})


# --- entries ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    phrase: str
    replacement: str
    kind: str
    lang: str
    keys: tuple[str, ...]
    words: tuple[str, ...]  # the phrase's tokens, lower case, as written
    head: int  # index in `words` (and in the matched tokens) of the first word that isn't a pronoun
    unless_next: frozenset = field(default_factory=frozenset)
    unless_prev: frozenset = field(default_factory=frozenset)
    inflect: bool = True
    added: bool = False
    example: str | None = None


def _tokens(lang: str, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(lang)(text) if not t.text.isspace()]


def _words_of(value, g: Grammar) -> frozenset:
    found = set()
    for item in [value] if isinstance(value, str) else value or ():
        item = str(item)
        if item in CLASSES:
            found.add("#" + item)
        elif item == "reflexive":
            found.add(REFL)
        else:
            found.add(g.lemma(item))
    return frozenset(found)


def _check(raw) -> None:
    """Raise ValueError when a raw entry can't be used (no phrase, a replacement that isn't text)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("phrase"), str) or not raw["phrase"].strip():
        raise ValueError(f"a wording entry needs a phrase: {raw!r}")
    replacement = raw.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise ValueError(f"the replacement of {raw['phrase']!r} must be text")


def _exact(raw: dict):
    """True (every word as written) or the set of words to take as written."""
    exact = raw.get("exact") or ()
    if exact is True:
        return True
    return {_norm(w) for w in ([exact] if isinstance(exact, str) else exact)}


def compile_entry(raw: dict, lang: str, added: bool = False) -> Entry:
    """One lexicon entry, its phrase tokenised as spaCy tokenises drafts and turned into keys.
    Raises ValueError when it can't be used."""
    _check(raw)
    g = grammar(lang)
    phrase = raw["phrase"].strip()
    exact = _exact(raw)
    any_det = raw.get("determiners") == "any"
    words = tuple(_norm(t) for t in _tokens(lang, phrase))
    keys: list[str] = []
    for word in words:
        keys.extend(g.pattern(word, exact is True or word in exact, any_det))
    head = 0
    while head < len(words) - 1 and REFL in g.pattern(words[head], False, False):
        head += 1
    return Entry(
        phrase=phrase,
        replacement=(raw.get("replacement") or "").strip(),
        kind=str(raw.get("kind") or "wordy"),
        lang=lang,
        keys=tuple(keys),
        words=words,
        head=head,
        unless_next=_words_of(raw.get("unless_next"), g),
        unless_prev=_words_of(raw.get("unless_prev"), g),
        inflect=raw.get("inflect", True) is not False,
        added=added,
        example=raw.get("example"),
    )


def base_entries(lang: str) -> tuple[Entry, ...]:
    """The shipped lexicon's entries, compiled."""
    return lexicon(lang).entries


# --- the matcher --------------------------------------------------------------------------------------


@dataclass
class Match:
    start: int  # index of the first token
    end: int  # index after the last token
    entry: Entry
    carried: tuple  # what is left of the last token when the phrase ends inside a contraction


class Lexicon:
    """A language's entries, with the prefilter's index: for each entry, the words a text must
    hold for it to match (every word of the phrase, in all its forms), indexed by the rarest.

    The prefilter needs only the lemma table; the entries are compiled (their phrases tokenised by
    spaCy) the first time a draft may hold one, so that a run whose drafts hold none never loads a
    pipeline for this rule. `state`: all of it as an earlier run worked it out (`kept_lexicon`)."""

    def __init__(
        self,
        lang: str,
        raws: tuple[tuple[dict, bool], ...],
        silence: tuple[str, ...] = (),
        state: tuple | None = None,
    ):
        self.lang = lang
        self.grammar = grammar(lang)
        self.raws = raws  # (raw entry, added by the strategy file), all usable
        self.silence = silence
        self._entries: tuple[Entry, ...] | None = None
        self._silenced: frozenset[int] | None = None
        self.by_trigger: dict[str, list[tuple[int, tuple[frozenset, ...]]]] = {}
        self._prepared: set[str] = set()  # the keys whose forms the lemma table gave (`prepare`)
        if state is not None:
            self._take(state)
        else:
            needs = [self._needs(raw) for raw, _added in raws]
            self._prepare({k for need in needs for k, _piece in need})
            for i, need in enumerate(needs):
                forms = [self.grammar.forms(key) for key, _piece in need]
                for word in forms[0] if forms else ():
                    self.by_trigger.setdefault(word, []).append((i, tuple(forms[1:])))
        self.triggers = frozenset(self.by_trigger)

    def _prepare(self, keys: set[str]) -> None:
        self.grammar.prepare(keys)
        self._prepared |= keys

    def state(self) -> tuple:
        """What this lexicon worked out, in plain values (see `kept_lexicon`): the prefilter's
        index, the compiled entries, and the lemma table's forms of the keys it looked up."""
        names = [f.name for f in fields(Entry)]
        entries = tuple(tuple(getattr(entry, name) for name in names) for entry in self.entries)
        inverse = {key: self.grammar._inverse[key] for key in sorted(self._prepared)}
        return self.by_trigger, entries, inverse

    def _take(self, state: tuple) -> None:
        by_trigger, entries, inverse = state
        self.by_trigger = by_trigger
        self._entries = tuple(Entry(*values) for values in entries)
        for key, forms in inverse.items():
            self.grammar._inverse.setdefault(key, forms)
        self._prepared = set(inverse)

    def _needs(self, raw: dict) -> list[tuple[str, str]]:
        """(key, word) for each word of the phrase a text must hold, the rarest first (function
        words last, then the shortest). Contractions and reflexive pronouns are left out, and so are
        determiners when any will do: fewer needs only let more drafts through."""
        g = self.grammar
        exact = _exact(raw)
        any_det = raw.get("determiners") == "any"
        found = {}
        for piece in _WORDS.findall(_norm(raw["phrase"])):
            if exact is True or piece in exact:
                found["=" + piece] = piece
            elif piece in g.piece_classes:
                if not any_det:
                    found[g.piece_classes[piece]] = piece
            elif piece not in g.contractions and piece not in g.reflexive_pieces:
                found[g.lemma(piece)] = piece

        def rarest_first(item):
            key, piece = item
            return (piece in g.function_words or key.startswith("#"), -len(piece))

        return sorted(found.items(), key=rarest_first)

    @property
    def entries(self) -> tuple[Entry, ...]:
        if self._entries is None:
            self._entries = tuple(compile_entry(raw, self.lang, added) for raw, added in self.raws)
            g = self.grammar
            self._prepare({g.lemma(e.words[e.head]) for e in self._entries})  # for `is_verb`, in one pass
        return self._entries

    @property
    def silenced(self) -> frozenset[int]:
        """The ids of the entries the strategy file silenced: still matched, so that the words
        they cover stay quiet (a shorter entry inside them, "procéder à", doesn't speak in their
        place). A silenced phrase names an entry as written, or in a form the entry matches to its
        end ("dans le cadre du" silences "dans le cadre de")."""
        if self._silenced is None:
            names = {_norm_phrase(s) for s in self.silence}
            quiet = {id(e) for e in self.entries if _norm_phrase(e.phrase) in names}
            for phrase in self.silence:
                tokens = _tokens(self.lang, phrase)
                quiet.update(id(m.entry) for m in self.find(tokens) if m.end == len(tokens))
            self._silenced = frozenset(quiet)
        return self._silenced

    def candidates(self, words: set[str]) -> list[int]:
        """The indexes of the entries whose every word is among the text's `words` (lower case)."""
        found = []
        for word in words & self.triggers:
            for i, others in self.by_trigger[word]:
                if all(not words.isdisjoint(forms) for forms in others):
                    found.append(i)
        return found

    def find(self, tokens: list[str], indexes: list[int] | None = None) -> list[Match]:
        """Every match of the entries (those of `indexes`, or all) in a sequence of token texts,
        overlapping ones included."""
        readings = [self.grammar.readings(t) for t in tokens]
        entries = self.entries
        index: dict[str, list[Entry]] = {}
        for entry in entries if indexes is None else (entries[i] for i in indexes):
            if entry.keys:
                index.setdefault(entry.keys[0], []).append(entry)
        found = []
        for i, token_readings in enumerate(readings):
            seen = set()
            for reading in token_readings:
                for key in reading[0]:
                    for entry in index.get(key, ()):
                        if id(entry) in seen:
                            continue
                        seen.add(id(entry))
                        end = _walk(readings, i, entry.keys, 0)
                        if end is not None and self._allowed(readings, i, end, entry):
                            found.append(Match(i, end[0], entry, end[1]))
        return found

    def _allowed(self, readings, start: int, end: tuple, entry: Entry) -> bool:
        before = readings[start - 1] if start > 0 else ()
        if entry.unless_prev and any(entry.unless_prev & keys for r in before for keys in r):
            return False
        if entry.unless_next:
            i = end[0]
            while i < len(readings) and all(DET in r[0] and len(r) == 1 for r in readings[i]):
                i += 1  # the words after the articles
            if i < len(readings) and any(entry.unless_next & keys for r in readings[i] for keys in r):
                return False
        return True


def _walk(readings, i: int, keys: tuple[str, ...], j: int):
    """(token index after the match, carried keys) when `keys[j:]` matches from token `i`."""
    if j == len(keys):
        return i, ()
    if keys[j] == DET and j > 0:  # "make recommendations": a phrase's determiner may be left out
        found = _walk(readings, i, keys, j + 1)
        if found is not None:
            return found
    if i >= len(readings):
        return None
    for reading in readings[i]:
        k = 0
        while k < len(reading):
            if j + k == len(keys):
                return i + 1, reading[k:]
            if keys[j + k] not in reading[k]:
                break
            k += 1
        else:
            found = _walk(readings, i + 1, keys, j + k)
            if found is not None:
                return found
    return None


def best_matches(matches: list[Match]) -> list[Match]:
    """The longest match at each place, no two overlapping, in text order."""
    chosen, last_end = [], -1
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= last_end:
            chosen.append(match)
            last_end = match.end
    return chosen


def _freeze(value) -> str:
    return json.dumps(
        value if isinstance(value, list) else [], sort_keys=True, ensure_ascii=False, default=str
    )


def _usable(raw) -> bool:
    try:
        _check(raw)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=64)
def lexicon(lang: str, added: str = "[]", silenced: str = "[]") -> Lexicon:
    """The language's lexicon, with a strategy file's additions (malformed ones left out, the
    others still count) and its silenced phrases."""
    raws = [(raw, False) for raw in _lexicon_data(lang).get("entries") or ()]
    raws += [(raw, True) for raw in json.loads(added) if _usable(raw)]
    silence = tuple(s for s in json.loads(silenced) if isinstance(s, str) and s.strip())
    return kept_lexicon(lang, tuple(raws), silence, added)


_KEPT_FORMAT = "1"


def kept_lexicon(lang: str, raws: tuple, silence: tuple[str, ...], added: str) -> Lexicon:
    """The lexicon, built the first time and then read back from the data folder
    (postlint.table_store): a run that checks French and English drafts spent some 80 ms building
    the two lexicons (the lemma table's forms of each phrase's words, the phrases tokenised), on
    one core before the workers start. Kept under postlint's code and rules, the lemma table's
    file, spaCy's tokenizer rules and the strategy file's additions (`added`, as JSON). Without a
    data folder, built here and its entries compiled only when a draft may hold one."""
    from postlint import tokenizer
    from postlint.cache import code_fingerprint
    from postlint.table_store import folder, kept_value, source_state

    if folder() is None:
        return Lexicon(lang, raws, silence)
    built: list[Lexicon] = []

    def build() -> tuple:
        built.append(Lexicon(lang, raws, silence))
        return built[0].state()

    source = nlp.lemma_source(lang)
    inputs = (_KEPT_FORMAT, lang, added, code_fingerprint(), source_state(source), tokenizer.spacy_state())
    # a lexicon with additions under a name of its own: the two don't wipe each other out
    name = f"wording_{lang}" if added == "[]" else f"wording_{lang}_added"
    state = kept_value(name, inputs, build)
    return built[0] if built else Lexicon(lang, raws, silence, state)


def lexicons_for(params: dict, default_lang: str) -> dict[str, Lexicon]:
    """Every language's lexicon under a rule's parameters (`add`, `silence`)."""
    if not params.get("add") and not params.get("silence"):
        return _plain_lexicons()
    added: dict[str, list] = {}
    for raw in params.get("add") or ():
        if isinstance(raw, dict):
            lang = str(raw.get("lang") or default_lang)[:2].lower()
            added.setdefault(lang, []).append({k: v for k, v in raw.items() if k != "lang"})
    silenced = _freeze(params.get("silence"))
    found = {}
    for lang in sorted(set(languages()) | set(added)):
        lex = lexicon(lang, _freeze(added.get(lang)), silenced)
        if lex.raws:
            found[lang] = lex
    return found


@cache
def _plain_lexicons() -> dict[str, Lexicon]:
    return {lang: lex for lang in languages() if (lex := lexicon(lang)).raws}


# --- suggestions ---------------------------------------------------------------------------------------


def _inflect_fr(g: Grammar, written: str, form: str, replacement: str, after_auxiliary: bool) -> str | None:
    """The replacement's first verb in the form the text used, for -er verbs; None when unsure."""
    first, space, rest = replacement.partition(" ")
    if not (written.endswith("er") and first.endswith("er") and len(first) > 3):
        return None
    if first in g.not_inflected:
        return None
    stem = written[:-2]
    ending = None
    for candidate in (stem, re.sub(r"[eé]([^aeiouyéèê]+)$", r"è\1", stem)):
        if form.startswith(candidate) and form[len(candidate) :] in g.verb_endings:
            ending = form[len(candidate) :]
            break
    if ending is None:
        return None
    new = first[:-2]
    mute = ending in g.mute_endings or ending.startswith("er")
    if mute and (new.endswith("y") or re.search(r"[eé][^aeiouyéèêàâîïôû]+$", new)):
        return None  # achète, appelle, paie: a stem that changes
    if ending[0] in "ao" and new.endswith("c"):
        new = new[:-1] + "ç"
    elif ending[0] in "ao" and new.endswith("g"):
        new += "e"
    return new + ending + space + rest


def _en_category(g: Grammar, written: str, form: str) -> str | None:
    if form in g.irregular_forms.get(written, {}):
        return g.irregular_forms[written][form]
    for verb, (past, participle) in g.irregular.items():
        if verb == written:
            if form == past == participle:
                return "ed"
            if form == past:
                return "past"
            if form == participle:
                return "participle"
    if form.endswith("ing"):
        return "ing"
    if form.endswith("ed") or (written.endswith("e") and form == written + "d"):
        return "ed"
    if form in (written + "s", written + "es") or (written.endswith("y") and form == written[:-1] + "ies"):
        return "s"
    return None


def _short_vowel_end(word: str) -> bool:
    """stop, plan: one syllable ending consonant-vowel-consonant, whose last letter doubles."""
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", word))


def _inflect_en(g: Grammar, written: str, form: str, replacement: str, after_auxiliary: bool) -> str | None:
    category = _en_category(g, written, form)
    first, space, rest = replacement.partition(" ")
    if category is None or not first.isalpha():
        return None
    if category == "base":
        return replacement
    if category == "ed":  # "made" is a past or a participle: "have made" is the participle
        category = "participle" if after_auxiliary else "past"
    if first in g.irregular:
        past, participle = g.irregular[first]
        if category in ("past", "participle"):
            first = participle if category == "participle" else past
            return first + space + rest
    if category == "s":
        if first == "have":
            first = "has"
        elif first.endswith(("s", "x", "z", "ch", "sh", "o")):
            first += "es"
        elif re.search(r"[^aeiou]y$", first):
            first = first[:-1] + "ies"
        else:
            first += "s"
    elif category in ("ed", "past", "participle"):
        if first.endswith("e"):
            first += "d"
        elif re.search(r"[^aeiou]y$", first):
            first = first[:-1] + "ied"
        elif _short_vowel_end(first):
            first += first[-1] + "ed"
        else:
            first += "ed"
    elif category == "ing":
        if first.endswith("ie"):
            first = first[:-2] + "ying"
        elif first.endswith("e") and not first.endswith(("ee", "ye", "oe")):
            first = first[:-1] + "ing"
        elif _short_vowel_end(first):
            first += first[-1] + "ing"
        else:
            first += "ing"
    return first + space + rest


def _after_auxiliary(g: Grammar, tokens: list[str], head: int) -> bool:
    """Whether the word before the head is a form of `have` or `be` (English participles)."""
    if head == 0:
        return False
    keys = set().union(*(k for r in g.readings(tokens[head - 1]) for k in r))
    return bool(keys & {"have", "be"})


def _plural_en(written: str, form: str, text: str) -> str:
    """ "action items" -> "tasks": the replacement's last word plural when the text's last word is."""
    if form not in (written + "s", written + "es") and not (
        written.endswith("y") and form == written[:-1] + "ies"
    ):
        return text
    head, space, last = text.rpartition(" ")
    if not last.isalpha():
        return text
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return head + space + last


def suggestion(entry: Entry, tokens: list[str], match: Match) -> tuple[str, bool]:
    """The replacement for the matched tokens (inflected like the text when it can be, articles
    kept), and whether the reader still has to put it in the right form."""
    g = grammar(entry.lang)
    text = entry.replacement
    if not text:
        return "", False
    to_adapt = False
    head = match.start + entry.head
    if entry.inflect and head < match.end and entry.head < len(entry.words):
        written, form = entry.words[entry.head], _norm(tokens[head])
        if written != form and any(g.lemma(written) in keys for r in g.readings(form) for keys in r):
            inflect = _inflect_fr if entry.lang == "fr" else _inflect_en
            inflected = inflect(g, written, form, text, _after_auxiliary(g, tokens, head))
            if inflected is not None:
                text = inflected
            elif entry.lang != "fr" or g.is_verb(written):
                to_adapt = True
        elif entry.lang != "fr" and entry.kind != "nominal" and len(entry.words) > 1:
            text = _plural_en(entry.words[-1], _norm(tokens[match.end - 1]), text)
    if g.merged or g.elision:
        last = _norm(tokens[match.end - 1])
        words = text.split(" ")
        if match.carried and last in g.merged:
            article = g.merged[last][1]  # the phrase ends inside "du": its article goes on
            if (words[-1], article) in g.merges:
                words[-1] = g.merges[(words[-1], article)]
            elif g.classes.get(words[-1]) != "#definite":
                words.append(article)
        elif last.endswith("'"):
            if words[-1] in g.elision:
                words[-1] = g.elision[words[-1]]
            elif not words[-1].endswith("'"):
                words[-1] += " "  # "en vue d'obtenir" -> "pour obtenir"
        text = " ".join(words).replace("' ", "'")
    first = tokens[match.start]
    if first[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text, to_adapt


# --- the rule ------------------------------------------------------------------------------------------


def _stretches(draft: Draft, ctx, langs) -> list[tuple[str, int, int, bool]]:
    """(language, start, end, is the main language) of the text to read with each lexicon."""
    main = nlp.draft_language(draft, ctx.settings)
    detection = nlp.draft_languages(draft, ctx.settings)
    found = []
    if main in langs:
        found.append((main, 0, len(draft.text), True))
    for guess in detection.guesses:
        if guess.lang != main and guess.lang in langs:
            found.append((guess.lang, guess.start, guess.end, False))
    return found


def _token_list(tokens, text: str, offset: int, skip: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
    """Token texts and their offsets in the draft (`tokens`: nlp.Tokens of `text`, which starts at
    `offset` in the draft), leaving out spaces (a blank line stays, as a break) and the tokens
    inside other-language stretches."""
    texts, starts = [], []
    for idx, length in zip(tokens.starts, tokens.lengths, strict=True):
        token = text[idx : idx + length]
        if token.isspace() and token.count("\n") < 2:
            continue
        start = idx + offset
        if skip and any(a <= start < b for a, b in skip):
            continue
        texts.append(token)
        starts.append(start)
    return texts, starts


def _in_entity(draft: Draft, start: int, end: int) -> bool:
    return any(e.start < end and start < e.end for e in (*draft.urls, *draft.mentions, *draft.hashtags))


def wording(draft: Draft, ctx) -> Iterator[Finding]:
    """Bureaucratic or administrative phrasing, with a plain replacement as the suggestion.

    Guide: "Pratiques gagnantes", tip 3 (less formal, less bureaucratic, more conversational
    language). The phrases and their replacements are in rules/lexicons/<lang>/wording.yaml,
    matched on lemmas (see the module docstring). Each finding names the words that triggered it
    and why the plain words read better. The strategy file adds entries (`add`) and silences
    others (`silence`) through the rule's parameters.
    """
    text = draft.text
    if not text:
        return
    default_lang = ctx.settings.language if isinstance(ctx.settings.language, str) else "fr"
    lexicons = lexicons_for(ctx.params, default_lang)
    words = set(_WORDS.findall(_norm(text)))
    candidates = {lang: found for lang, lex in lexicons.items() if (found := lex.candidates(words))}
    if not candidates:
        return
    hit = set(candidates)
    stretches = _stretches(draft, ctx, hit)
    others = [(a, b) for _lang, a, b, main in stretches if not main]
    for lang, start, end, main in stretches:
        lex = lexicons[lang]
        if main:
            tokens, starts = _token_list(nlp.draft_tokens(draft, ctx.settings), text, 0, others)
        else:
            stretch = text[start:end]
            found = nlp.tokens_of(nlp.tokenizer(lang)(stretch), lang, stretch)
            tokens, starts = _token_list(found, stretch, start, [])
        silenced = lex.silenced if lex.silence else frozenset()
        for match in best_matches(lex.find(tokens, candidates[lang])):
            if id(match.entry) in silenced:
                continue
            first = starts[match.start]
            last = starts[match.end - 1] + len(tokens[match.end - 1])
            if _in_entity(draft, first, last):
                continue
            yield _finding(ctx, match, tokens, text[first:last], first, last)


def _finding(ctx, match: Match, tokens: list[str], words: str, start: int, end: int) -> Finding:
    entry = match.entry
    replacement, to_adapt = suggestion(entry, tokens, match)
    words = _SPACES.sub(" ", words)
    hint = ctx.msg("to_adapt") if to_adapt else ""
    if entry.added:
        key = "added" if replacement else "added_no_replacement"
        return ctx.at_text(
            key, start, end, suggestion=replacement or None, words=words, replacement=replacement, hint=hint
        )
    why_key = f"why_{entry.kind}" if f"why_{entry.kind}" in ctx.rule.messages else "why_wordy"
    return ctx.at_text(
        "plain",
        start,
        end,
        suggestion=replacement,
        words=words,
        replacement=replacement,
        hint=hint,
        why=ctx.msg(why_key),
    )
