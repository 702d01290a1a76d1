"""The language foundation: detection and spaCy pipelines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from postlint import nlp

FR = (
    "Mardi, on vous attend au local pour l’atelier sur vos droits de locataire ! "
    "Qu’aimeriez-vous savoir sur votre bail ?"
)
EN = "Join us on Tuesday for the tenant rights workshop! What would you like to know about your lease?"
CANDIDATES = nlp.candidates_for(["fr", "en", "ar"])


def test_detects_french_and_english():
    assert nlp.detect(FR, CANDIDATES).languages == ["fr"]
    assert nlp.detect(EN, CANDIDATES).languages == ["en"]
    main = nlp.detect(FR, CANDIDATES).main
    assert main.lang == "fr" and main.probability > 0.95


def test_bilingual_post_is_both_paragraph_by_paragraph():
    text = f"{FR}\n\n{EN}"
    detection = nlp.detect(text, CANDIDATES)
    assert detection.languages == ["fr", "en"]
    french, english = detection.guesses
    assert text[french.start : french.end] == FR
    assert text[english.start : english.end] == EN


def test_abstains_on_short_or_empty_text():
    for text in ("Merci !", "#logement @centraide https://exemple.ca 🎉 2026", ""):
        assert nlp.detect(text, CANDIDATES).abstained


def test_noise_is_cleaned_before_judging():
    noisy = f"{FR} https://exemple.ca/en/english/page @TenantsUnion #HousingForAll"
    assert nlp.detect(noisy, CANDIDATES).languages == ["fr"]


def test_always_french_and_english_among_candidates():
    assert nlp.candidates_for([]) == ("en", "fr")
    assert nlp.candidates_for(["ar", None, "fr"]) == ("ar", "en", "fr")


def test_detection_is_deterministic():
    text = "Bonjour, hello, merci, thanks, à bientôt"
    first = nlp.detect(text, CANDIDATES)
    assert all(nlp.detect(text, CANDIDATES) == first for _ in range(5))


def test_importing_nlp_loads_no_model():
    probe = (
        "import sys, postlint.nlp;print([m for m in ('spacy', 'langdetect', 'wordfreq') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


SENTENCES = [
    "Aujourd'hui, c'est peut-être la fête à l'Accorderie de Rosemont.",
    "Le porte-parole du comité a rencontré les locataires de la rue Saint-Hubert cet après-midi.",
    "Qu’aimeriez-vous savoir sur votre bail ? Écrivez-nous jusqu'à vendredi !",
    "Les États-Unis, la Côte-des-Neiges et Notre-Dame-de-Grâce : vis-à-vis du rond-point.",
    "Grand'mère et l'arc-en-ciel du sous-sol, c'est-à-dire l'ex-président anti-inflammatoire.",
]


def test_fast_french_tokenizer_splits_like_spacys_own():
    stock = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, spacy; nlp = spacy.blank('fr');"
            "print(json.dumps([[t.text for t in nlp(s)] for s in json.loads(sys.argv[1])]))",
            json.dumps(SENTENCES),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(stock.stdout)
    ours = nlp.pipeline("fr")
    assert [[t.text for t in ours(s)] for s in SENTENCES] == expected


@pytest.mark.slow
def test_fast_french_token_match_accepts_what_spacys_accepts():
    """The compact pattern against spaCy's own (compiled the slow way) on every exception and
    a list of hyphenated and elided words."""
    probe = r"""
import json, re, sys
import spacy.lang.fr.tokenizer_exceptions as exc
words = list(exc.TOKENIZER_EXCEPTIONS) + json.loads(sys.argv[1])
print(json.dumps([bool(exc.TOKEN_MATCH(w)) for w in words]))
"""
    extra = [
        "peut-être",
        "porte-parole",
        "saut-de-ski",
        "entr'abat",
        "vis-à-vis",
        "rond-point",
        "Saint-Esprit",
        "arc-en-ciel",
        "Notre-Dame-de-Grâce",
        "grand'mère",
        "sous-sol",
        "après-midi",
        "anti-inflammatoire",
        "ex-président",
        "mini-golf",
        "co-op",
        "bonjour",
    ]
    match = nlp._french_token_match()  # first, so that spaCy's French data is imported our way
    assert "regex" in type(match.full.__self__).__module__, "the compact pattern is in use"
    import spacy.lang.fr.tokenizer_exceptions as exc

    words = list(exc.TOKENIZER_EXCEPTIONS) + extra
    stock = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(extra)], capture_output=True, text=True, check=True
    )
    expected = json.loads(stock.stdout)
    assert [bool(match(w)) for w in words] == expected


def test_french_token_match_refuses_words_without_a_joiner_at_once_only_when_the_pattern_needs_one():
    match = nlp._french_token_match()
    assert callable(match.full), "every alternative of spaCy's pattern needs a hyphen or an apostrophe"
    words = ["bonjour", "Rosemont!", "https://x.com", "l'équipe", "aujourd'hui", "porte-parole"]
    words += ["sous‑sol", "arc–en–ciel", "grand’mère", "co-op", "Saint-Esprit", "#logement", "1-800"]
    assert [match(w) is not None for w in words] == [match.full(w) is not None for w in words]
    assert match("porte-parole") and match("bonjour") is None
    # what a pattern must be for the shortcut: each alternative has a joiner it can't do without
    assert nlp._alternatives("(?iu)(?:^a[-–]b$)|(?:^c(?:d|e)'f$)") == ["^a[-–]b$", "^c(?:d|e)'f$"]
    assert all(map(nlp._needs_joiner, ["^a[-–]b$", "^a'b$", "^a[-–]+b$", "^x(?:y|z)-w$"]))
    optional_or_not_only = ["^ab(?:-c)?$", "^a[-–]?b$", "^a[-–]*b$", "^a[a-z]+$", "^a['-’]b$", "^a\\-b$", ""]
    unreadable = ["^x|-y$", "^a(?:b(?:c(?:-d)))$"]  # an alternation, a group nested too deep
    assert not any(map(nlp._needs_joiner, optional_or_not_only + unreadable))
    assert nlp._alternatives("a|b") == ["", ""]  # not the shape: no alternative counts as needing one
    assert nlp._alternatives("(?i)(?:a)b(?:x|-)|(?:c-)") == ["", "c-"]  # the first is no one group


def test_lookup_lemmas_in_french_and_english():
    fr = nlp.pipeline("fr", lemmas=True)
    assert [t.lemma_ for t in fr("Nous procéderons à la vérification des dossiers.")][1] == "procéder"
    en = nlp.pipeline("en", lemmas=True)
    assert [t.lemma_ for t in en("Tenants were evicted.")][1:3] == ["be", "evict"]
    sentences = list(fr("Venez nombreux ! On vous attend. Merci.").sents)
    assert len(sentences) == 3
