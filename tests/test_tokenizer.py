"""postlint.tokenizer: spaCy's tokenizer rules, kept on disk and applied without spaCy, give spaCy's
tokens, with the same IS_PUNCT and LIKE_URL; a check run then does not import spaCy at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.attrs import IDX, IS_PUNCT, LENGTH, LIKE_URL

from postlint import nlp
from postlint import tokenizer as kept
from tests.conftest import FIXTURES, ROOT, generated_corpus

# What each step of the tokenizer meets: whitespace of every kind, prefixes and suffixes in piles,
# infixes, special cases (whole, inside affixes, and spread over several tokens: "c.-à-d.",
# "Mr.Smith"), the French words kept whole, links, e-mails, emoticons, numbers.
TRICKY = [
    "",
    " ",
    "  ",
    "\n",
    " \n\n  x",
    "a  b\tc\u00a0d\u202fe \n f  ",
    "trailing  ",
    "don't Can't y'all 'cause ain't gonna Let's go! \"don't\" (U.S.) (a.m.) (e.g. this) N.Y. i.e., vs.",
    "c.-à-d. (c.-à-d.) «c.-à-d.» aujourd'hui Aujourd’hui M. St-Jean qu'est-ce peut-être Mme 1er (1er)",
    "Mr.Smith 10a.m. 3p.m. :) <3 o.O :-( ;) =) <3<3 ^_^ 8-)",
    "Voir https://exemple.ca/a.b?c=d, www.exemple.org. et exemple.qc.ca/chemin/ ou info@exemple.ca !",
    "20% 3,5 $ 1 000 $ 12h30 2026-11-22 n°5 km² (voilà…) « Bonjour » — oui ?! ... !!! ???",
    "#LogementPourTous @CentraideMtl 🎉🎉 👍🏽 l'été, l’hiver, jusqu'à, presqu'île, entr'ouvert",
    "porte-parole porte-paroles rendez-vous va-t-il dit-elle Saint-Jean-sur-Richelieu -t-on",
    "¡Hola! ¿Qué tal? 「はい。」 ok。 ؟ لا. Wait!!!And then?",
    "Los EE. UU. y (EE. UU.) o Ee. Uu., ب. م و م. س",  # special cases holding a space (es, ar)
]

LANGS = ["fr", "en", "es", "ar", "zz"]  # zz: no such language, both fall back to the multi-language one


def _texts(tmp_path_factory) -> list[str]:
    found = list(TRICKY)
    for path in sorted(FIXTURES.rglob("*.md")):
        found.append(path.read_text(encoding="utf-8", errors="replace"))
    corpus = generated_corpus(tmp_path_factory.mktemp("corpus"), 300)
    for path in sorted(corpus.rglob("*.md")):
        found.append(path.read_text(encoding="utf-8", errors="replace"))
    return found


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[str]:
    return _texts(tmp_path_factory)


def _spacy(lang: str, text: str) -> list[list[int]]:
    doc = nlp.spacy_tokenizer(lang)(text)
    if not len(doc):
        return [[], [], [], []]
    return doc.to_array([IDX, LENGTH, IS_PUNCT, LIKE_URL]).T.tolist()


def _ours(lang: str, text: str) -> list[list[int]]:
    tokens = nlp.tokenizer(lang)(text)
    return [tokens.starts, tokens.lengths, tokens.punct, tokens.like_url]


@pytest.mark.parametrize("lang", LANGS)
def test_the_kept_rules_give_spacys_tokens(lang, texts):
    assert isinstance(nlp.tokenizer(lang), kept.Tokenizer)
    for text in texts:
        assert _ours(lang, text) == _spacy(lang, text), text
        # the same text again: from the tokens remembered for each piece
        assert _ours(lang, text) == _spacy(lang, text), text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_special_cases_spread_over_several_tokens_are_put_back_together(lang):
    tokenizer = nlp.tokenizer(lang)
    assert tokenizer.spanning  # both languages have some: the test below means something
    for text in ["c.-à-d.", "(c.-à-d.)", "Mr.Smith", "«c.-à-d.»"]:
        tokens = [token.text for token in tokenizer(text)]
        assert tokens == [token.text for token in nlp.spacy_tokenizer(lang)(text)]
    # "d." and "Mr." are special cases that only show once the affixes are split
    assert [token.text for token in tokenizer("(c.-à-d.)")] == ["(", "c.-à", "-", "d.", ")"]
    assert [token.text for token in tokenizer("Mr.Smith")] == ["Mr.", "Smith"]


def test_a_special_case_holding_a_space_is_put_back_together():
    tokenizer = nlp.tokenizer("es")
    assert tokenizer.spread_search is not None
    assert [token.text for token in tokenizer("Los EE. UU. hoy")] == ["Los", "EE. UU.", "hoy"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_iterating_gives_each_token_its_text_and_offset(lang):
    text = "Bonjour, c'est l'été !\n\nOn s’y voit ?"
    tokens = nlp.tokenizer(lang)(text)
    assert [(token.text, token.idx) for token in tokens] == [
        (t.text, t.idx) for t in nlp.spacy_tokenizer(lang)(text)
    ]
    assert len(tokens) == len(list(tokens))


def test_the_lexical_attributes_are_spacys():
    from spacy.lang import lex_attrs

    words = [
        "!",
        "...",
        "«",
        "—",
        "a!",
        "",
        "http://x",
        "https://a.b",
        "www.",
        "www.ab",
        ".com",
        "a.com.",
        "x@y.ca",
    ]
    words += ["exemple.ca", "exemple.zzzz", "a.b/", "exemple.ca:8080", "localhost:80/x", "3.5", "a.b.c.qc.ca"]
    shared = kept.shared_rules()
    for word in words:
        assert kept.is_punct(word) == lex_attrs.is_punct(word), word
        if word:
            assert kept.like_url(word, shared) == lex_attrs.like_url(word), word


def test_rules_that_cannot_be_kept_leave_spacys_tokenizer(monkeypatch):
    """A rule of spaCy's that is no compiled pattern (a function of its own, say) can't be kept:
    postlint then uses spaCy's tokenizer itself."""
    assert kept._pattern_of(None) is None
    assert kept._pattern_of(lambda text: None) is False
    assert kept._pattern_of(kept._PIECE.search) == (kept._PIECE.pattern, kept._PIECE.flags, "re")
    nlp._kept_tokenizer.cache_clear()
    try:
        with monkeypatch.context() as patched:
            patched.setattr(kept, "rules", lambda lang: None)
            assert nlp.tokenizer("fr") is nlp.spacy_tokenizer("fr")
    finally:
        nlp._kept_tokenizer.cache_clear()
    assert isinstance(nlp.tokenizer("fr"), kept.Tokenizer)


PROBE = """
import json, sys
from postlint.cli import main
try:
    main(["check", "--no-cache", "--format", "json", "-o", sys.argv[2], sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))))
"""


def test_a_check_run_reads_the_kept_rules_and_imports_no_spacy(tmp_path):
    """The first run reads the rules from spaCy and keeps them; the next imports no spaCy at all,
    for the same report."""
    env = dict(os.environ, POSTLINT_DATA_CACHE=str(tmp_path / "tables"))

    def run(name: str) -> tuple[list[str], dict]:
        out = tmp_path / f"{name}.json"
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(FIXTURES), str(out)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=ROOT,
        )
        return json.loads(done.stdout.strip().splitlines()[-1]), json.loads(out.read_text(encoding="utf-8"))

    first_modules, first = run("first")
    assert "spacy" in first_modules  # the rules were read from spaCy
    assert sorted(Path(env["POSTLINT_DATA_CACHE"]).glob("tokenizer_fr-*.marshal"))
    second_modules, second = run("second")
    assert second_modules == []
    assert second == first
