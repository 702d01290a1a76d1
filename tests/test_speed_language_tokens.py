"""The tokens read in bulk (nlp.tokens_of, nlp.draft_tokens) are the pipeline's own: same offsets,
same sentences as spaCy's sentencizer, same links; and the tone rule scores them as it scores a Doc."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LENGTH,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    NORM,
    ORTH,
    SENT_START,
    SHAPE,
    SPACY,
)

from postlint import nlp
from postlint.checks import tone

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "posts"

TEXTS = [
    "",
    " ",
    "!",
    "...",
    "Fin. ",
    "Quoi ?! Non… Oui. « Bon » ! (voilà). Et 3.5 $ ? 。中文。",
    "Venez nombreux ! On vous attend. Merci.\n\nInfo : https://exemple.ca/a.b?c=d — à mardi !!!",
    "We're SO angry... Why?? Because rents went up 20%. Not OK! See www.example.org.",
    "Premier paragraphe\n\nDeuxième sans point\n- une liste\n- deux",
    "Oui !? Non ! ! Peut-être... ? « Vraiment ! » dit-elle. !!! ?? Fin!",
    "¡Hola! ¿Qué tal? 「はい。」 ok。 ؟ لا. Wait!!!And then?",
]


def _texts() -> list[str]:
    found = list(TEXTS)
    for path in sorted(FIXTURES.rglob("*.md"))[:80]:
        text = path.read_text(encoding="utf-8", errors="replace")
        found.append(text.split("---", 2)[-1] if text.startswith("---") else text)
    return found


def _reference(lang: str, text: str) -> list[list[int]]:
    """The pipeline's own attributes, sentences from its sentencizer (1: starts one, else -1)."""
    doc = nlp.pipeline(lang, lemmas=True)(text)
    starts, lengths, sentence_starts, like_url = doc.to_array([IDX, LENGTH, SENT_START, LIKE_URL]).T.tolist()
    return [starts, lengths, [1 if s == 1 else -1 for s in sentence_starts], like_url]


@pytest.mark.parametrize("lang", ["fr", "en", "ar", "zz"])
def test_the_rules_tokenizer_is_the_pipelines(lang):
    """Built without the pipeline (nlp.spacy_tokenizer, whose rules nlp.tokenizer keeps), the same
    tokens with the same attributes ("zz": no such language, both fall back to the multi-language
    one)."""
    attributes = [ORTH, IDX, LENGTH, SPACY, LOWER, NORM, SHAPE]
    attributes += [IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, LIKE_URL]  # read from the vocabulary's getters
    ours, theirs = nlp.spacy_tokenizer(lang), nlp.pipeline(lang).tokenizer
    assert ours is not theirs
    for text in _texts():
        first, second = ours(text), theirs(text)
        assert [t.text for t in first] == [t.text for t in second], text
        assert first.to_array(attributes).tolist() == second.to_array(attributes).tolist(), text


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_tokens_are_the_pipelines_own(lang):
    tokenizer = nlp.tokenizer(lang)
    for text in _texts():
        assert list(nlp.tokens_of(tokenizer(text), lang, text)) == _reference(lang, text), text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tone_scores_tokens_as_it_scores_the_doc(lang):
    tokenizer = nlp.tokenizer(lang)
    for text in _texts():
        from_doc = tone.score(nlp.pipeline(lang, lemmas=True)(text), lang, text)
        assert tone.score_tokens(nlp.tokens_of(tokenizer(text), lang, text), lang, text) == from_doc, text
