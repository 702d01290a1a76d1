"""Language detection's shortcuts change nothing it decides: langdetect reads the same cleaned text,
and the word judge's memo gives the same probabilities as a first reading."""

from __future__ import annotations

from postlint import nlp

CANDIDATES = nlp.candidates_for(["fr", "en", "ar"])


def test_langdetect_reads_the_cleaned_paragraphs_joined_by_a_space(monkeypatch):
    read = []

    def letters_guess(candidates, text):
        read.append(text)
        return None

    monkeypatch.setattr(nlp, "_letters_guess", letters_guess)
    first, second = "🎉  #fete 2026 @centraide", "Zorglub   Blorptakk\nFrimbulax https://exemple.ca Quenzorix"
    nlp.detect(f"{first}\n\n{second}", CANDIDATES)
    assert read == [f"{nlp.clean(first)} {nlp.clean(second)}"]


def test_word_judge_is_the_same_with_its_memo_filled():
    texts = [
        "Mardi, on vous attend au local pour l’atelier sur vos droits de locataire !",
        "Join us on Tuesday for the tenant rights workshop!\n\nMerci à toutes et à tous.",
        "Bonjour, hello, merci, thanks, à bientôt",
    ]
    first = [nlp.detect(text, CANDIDATES) for text in texts]
    nlp._word_scores(CANDIDATES)[1].clear()
    assert [nlp.detect(text, CANDIDATES) for text in reversed(texts)] == first[::-1]
    assert [nlp.detect(text, CANDIDATES) for text in texts] == first
