"""PL140 fold: what shows before "see more" must hold some of the organisation's own words."""

from __future__ import annotations

import pytest
import yaml

from postlint import engine
from postlint.checks.fold import has_own_words
from postlint.draft import read_draft

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"
BODY_LINE = 6  # ---, platform, image, alt, ---

TAGS = (
    "@centraide @accorderierosemont @moissonmontreal @VilledeMontreal "
    "#CuisineCollective #SécuritéAlimentaire #Rosemont #Entraide #Solidarité"
)
WORDS = "Samedi, 40 familles sont reparties avec six pots de soupe chacune. Merci à nos partenaires !"


def findings(write, body, platform="instagram", strategy=None, lang="en"):
    write("postlint.yaml", yaml.safe_dump(strategy or {}))
    front = f"platforms: [{', '.join(platform)}]" if isinstance(platform, list) else f"platform: {platform}"
    path = write("draft.md", f"---\n{front}\n{IMAGE}---\n{body}\n")
    report = engine.check_paths([str(path)], engine.Options(lang=lang))
    return [f for f in report.findings if f.code == "PL140"]


def test_tags_and_mentions_before_the_fold_on_instagram(write):
    assert len(TAGS) > 125
    found = findings(write, f"{TAGS}\n\n{WORDS}")
    assert len(found) == 1
    (f,) = found
    assert f.severity == "warning"
    assert (f.line, f.column) == (BODY_LINE, 1)
    assert (f.end_line, f.end_column) == (BODY_LINE, 126)  # the first 125 characters
    assert "Instagram" in f.message and "125" in f.message and "hook" in f.message


def test_french_message(write):
    (f,) = findings(write, f"{TAGS}\n\n{WORDS}", lang="fr")
    assert "Voir plus" in f.message and "accroche" in f.message


def test_a_real_first_sentence_is_quiet(write):
    assert findings(write, f"{WORDS}\n\n{TAGS}") == []


def test_a_short_post_has_no_fold(write):
    assert findings(write, "#FêteDeQuartier #Rosemont @centraide", "facebook") == []


def test_one_word_before_the_fold_is_enough(write):
    body = f"{TAGS[:100]} Merci {TAGS[100:]}\n\n{WORDS}"
    assert findings(write, body) == []


def test_words_just_after_the_fold_do_not_count(write):
    head = (TAGS + " #CuisineCollective")[:126].rsplit(" ", 1)[0]  # tags only, ending before 125
    body = head + " " * (125 - len(head)) + WORDS
    assert len(body.split("Samedi")[0]) == 125
    assert len(findings(write, body)) == 1


def test_emoji_links_and_punctuation_are_not_words(write):
    body = (
        "👉👉 https://comitelogement.example.org/soupe-populaire-du-samedi?source=facebook … !!! "
        "🍲🍲 — 2026 — exemple.ca/inscription " + "🥕" * 10
    )
    assert len(body) > 125
    found = findings(write, f"{body}\n\n{WORDS}", "facebook")
    assert len(found) == 1


def test_each_platform_has_its_own_fold(write):
    body = f"{TAGS} @CocoMontreal @ToitPourToutes {WORDS}"
    assert 125 < body.index("Samedi") < 210
    found = findings(write, body, ["instagram", "linkedin", "x"])
    assert ["Instagram" in f.message for f in found] == [True]


def test_youtube_and_tiktok(write):
    body = (
        "#Atelier #Logement #Rosemont #Quartier "
        "@centraide @accorderierosemont @moissonmontreal @VilledeMontreal " + WORDS
    )
    assert 100 < body.index("Samedi") < 150
    assert len(findings(write, body, "youtube")) == 1
    assert findings(write, body, "tiktok") == []


def test_fold_in_the_strategy_file(write):
    body = "#Rosemont #Logement " + WORDS
    assert findings(write, body, "facebook") == []
    strategy = {"platform_settings": {"facebook": {"fold": 15}}}
    assert len(findings(write, body, "facebook", strategy)) == 1


@pytest.mark.parametrize(
    "text,end,expected",
    [
        ("Bonjour à tous", 5, True),
        ("Bonjour. #Rosemont", 18, True),  # a word with a period: looked up the slow way
        ("#Rosemont @centraide", 20, False),
        ("#Rosemont @comite@mastodon.social", 33, False),
        ("exemple.ca/inscription et plus", 22, False),  # a bare link has letters, not words
        ("exemple.ca/inscription et plus", 25, True),
        ("https://exemple.org/a 2026 !!! 🎉", 32, False),
        ("🎉🎉 Merci", 2, False),
        ("#Rosemont: bienvenue", 20, True),
        ("@centraide: merci", 11, False),
        ("", 10, False),
    ],
)
def test_has_own_words(write, text, end, expected):
    path = write("draft.md", f"---\nplatform: facebook\n---\n{text}\n")
    draft = read_draft(path, "draft.md")
    assert has_own_words(draft, end) is expected
