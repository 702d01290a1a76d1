"""Partner rules: named but not tagged (PL210), tagged with another platform's handle (PL211), and
the fact "this draft involves partner P" (partners_involved)."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from postlint import config, engine
from postlint.checks import partners as partner_checks
from postlint.checks.partners import fold, partners_involved
from postlint.draft import read_draft

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"
BODY_LINE = 6  # ---, platform, image, alt, --- : the body starts on line 6

PARTNERS = [
    {
        "name": "Centraide",
        "handles": {"twitter": "@CentraideMtl", "fb": "@centraide", "instagram": "centraide"},
        "domains": ["https://www.centraide.org/"],
    },
    {
        "name": "Accorderie de Rosemont",
        "aliases": ["Accorderie"],
        "handles": {"facebook": "@accorderierosemont"},
    },
    {"name": "Banque alimentaire de Rosemont", "handles": {"facebook": "@banquealimentairerosemont"}},
    {"name": "Société d’entraide économique", "handles": {"facebook": "@entraideeco"}},
]


def _write(write, body, platform="facebook", partners=PARTNERS, lang="en"):
    strategy = {"language": lang, "partners": partners} if partners is not None else {"language": lang}
    write("postlint.yaml", yaml.safe_dump(strategy, allow_unicode=True))
    if isinstance(platform, list):
        platform = "[" + ", ".join(platform) + "]"
    return write("draft.md", f"---\nplatform: {platform}\n{IMAGE}---\n{body}\n")


def findings(write, body, platform="facebook", partners=PARTNERS, lang="en"):
    path = _write(write, body, platform, partners, lang)
    report = engine.check_paths([str(path)], engine.Options(lang=lang))
    return [f for f in report.findings if f.code in ("PL210", "PL211")]


def involved(write, body, platform="facebook", partners=PARTNERS):
    path = _write(write, body, platform, partners)
    draft = read_draft(path, "draft.md")
    settings = config.load_settings(path.parent / "postlint.yaml")
    return partners_involved(draft, settings)


def codes(found):
    return [f.code for f in found]


def span(found, body):
    """The text of `body` a finding on the body's first line covers."""
    (f,) = found
    assert f.line == BODY_LINE and f.end_line == BODY_LINE
    return body[f.column - 1 : f.end_column - 1]


# --- folding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Société d’Entraide", "societe d'entraide"),
        ("ÉCONOMIQUE", "economique"),
        ("CAFÉ İstanbul ß", "cafe istanbul ß"),
        ("plain ASCII Text", "plain ascii text"),
        ("l’ʼ‘", "l'''"),
    ],
)
def test_fold_lowers_drops_accents_and_keeps_the_length(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_fold_keeps_the_length_of_decomposed_text_and_emoji():
    text = unicodedata.normalize("NFD", "Crédit Société") + " 👩🏽‍🍳 🇨🇦"
    assert len(fold(text)) == len(text)


# --- PL210 partner-not-tagged ----------------------------------------------------------------------


def test_named_not_tagged_warns_on_the_name_with_the_handle(write):
    body = "Merci à Centraide pour son soutien !"
    found = findings(write, body, "x")
    assert codes(found) == ["PL210"]
    (f,) = found
    assert f.severity == "warning"
    assert f.suggestion == "@CentraideMtl"  # the `twitter` key of the strategy resolved to X
    assert span(found, body) == "Centraide"
    assert "Centraide" in f.message and "@CentraideMtl" in f.message and "X" in f.message


def test_the_french_message(write):
    found = findings(write, "Merci à Centraide pour son soutien !", "x", lang="fr")
    assert found[0].message == (
        "Vous nommez Centraide sans l’identifier sur X\u00a0: ajoutez @CentraideMtl pour que "
        "l’organisme voie le message et puisse le partager."
    )


def test_the_handle_of_the_drafts_platform_is_suggested(write):
    assert findings(write, "Merci à Centraide !", "facebook")[0].suggestion == "@centraide"
    # a handle written without @ in the strategy file gets one
    assert findings(write, "Merci à Centraide !", "instagram")[0].suggestion == "@centraide"


def test_case_and_accents_do_not_count(write):
    body = "Merci à la SOCIETE D'ENTRAIDE ECONOMIQUE pour les chaises."
    found = findings(write, body)
    assert codes(found) == ["PL210"]
    assert span(found, body) == "SOCIETE D'ENTRAIDE ECONOMIQUE"
    assert found[0].suggestion == "@entraideeco"
    assert "Société d’entraide économique" in found[0].message  # the partner's own name


@pytest.mark.parametrize("article", ["l'", "l’", "d'", "d’", "L’"])
def test_french_elision_names_the_partner(write, article):
    body = f"Un grand merci à {article}Accorderie pour le prêt des tables."
    found = findings(write, body)
    assert codes(found) == ["PL210"]
    assert span(found, body) == "Accorderie"
    assert found[0].suggestion == "@accorderierosemont"


def test_the_longest_name_wins(write):
    body = "Merci à l’Accorderie de Rosemont pour les tables."
    found = findings(write, body)
    assert span(found, body) == "Accorderie de Rosemont"


def test_multi_word_name_across_a_line_break_and_a_no_break_space(write):
    body = "Merci à la Banque\nalimentaire\u00a0de Rosemont pour les denrées."
    found = findings(write, body)
    assert codes(found) == ["PL210"]
    (f,) = found
    assert (f.line, f.column) == (BODY_LINE, body.index("Banque") + 1)
    assert (f.end_line, f.end_column) == (BODY_LINE + 1, len("alimentaire\u00a0de Rosemont") + 1)


def test_decomposed_accents_still_match_and_positions_stay_exact(write):
    body = unicodedata.normalize("NFD", "Bravo à la Société d’entraide économique !")
    found = findings(write, body)
    assert codes(found) == ["PL210"]
    assert unicodedata.normalize("NFC", span(found, body)) == "Société d’entraide économique"


@pytest.mark.parametrize(
    "body",
    [
        "Voyez https://exemple.org/centraide-merci pour les détails.",
        "Voyez exemple.org/merci-a-centraide pour les détails.",
        "Merci ! #Centraide #Rosemont",
        "Écrivez à info@centraide pour les détails.",
        "Nos amis des Centraides du Québec et de l’Accorderiethèque.",
        unicodedata.normalize("NFD", "Une précentraide et une éaccorderie."),
    ],
)
def test_not_a_name_inside_a_link_a_hashtag_an_address_or_a_longer_word(write, body):
    assert findings(write, body) == []


def test_a_mention_of_the_right_handle_is_quiet_whatever_its_case(write):
    assert findings(write, "Merci à Centraide (@CENTRAIDE) !", "facebook") == []


def test_another_platforms_handle_is_left_to_pl211(write):
    found = findings(write, "Merci à Centraide (@CentraideMtl) !", "facebook")
    assert codes(found) == ["PL211"]


def test_quiet_when_the_partner_has_no_handle_for_the_platform(write):
    assert findings(write, "Merci à l’Accorderie et à Centraide !", "mastodon") == []
    found = findings(write, "Merci à l’Accorderie et à Centraide !", "instagram")
    assert [f.suggestion for f in found] == ["@centraide"]  # the Accorderie has no Instagram account


@pytest.mark.parametrize(
    "link", ["https://www.centraide.org/donner", "centraide.org", "http://dons.centraide.org/campagne"]
)
def test_a_link_to_the_partners_domain_involves_it(write, link):
    assert findings(write, f"Centraide finance notre permanence : {link}") == []


def test_a_link_to_another_domain_does_not(write):
    found = findings(write, "Centraide finance notre permanence : https://pascentraide.org/")
    assert codes(found) == ["PL210"]


def test_one_finding_per_partner_on_its_first_name(write):
    body = "Centraide nous aide. Merci Centraide ! Et merci à l’Accorderie."
    found = findings(write, body)
    assert [(f.column, f.suggestion) for f in found] == [
        (1, "@centraide"),
        (body.index("Accorderie") + 1, "@accorderierosemont"),
    ]


def test_several_platforms_one_finding_per_handle(write):
    found = findings(write, "Merci à Centraide !", ["x", "facebook", "instagram"])
    assert [f.suggestion for f in found] == ["@CentraideMtl", "@centraide"]
    assert "Facebook and Instagram" in found[1].message


def test_no_partners_no_findings(write):
    assert findings(write, "Merci à Centraide !", partners=None) == []
    assert findings(write, "Merci à Centraide !", partners=[]) == []


# --- PL211 partner-wrong-handle --------------------------------------------------------------------


def test_the_x_handle_on_instagram(write):
    body = "Merci @CentraideMtl pour votre soutien !"
    found = findings(write, body, "instagram")
    assert codes(found) == ["PL211"]
    (f,) = found
    assert f.severity == "warning"
    assert f.suggestion == "@centraide"
    assert span(found, body) == "@CentraideMtl"
    assert "X" in f.message and "Instagram" in f.message


def test_the_french_message_of_pl211(write):
    found = findings(write, "Merci @centraide !", "x", lang="fr")
    assert found[0].message == (
        "@centraide est le compte Facebook et Instagram de Centraide\u202f; sur X, son compte est "
        "@CentraideMtl. Corrigez la mention pour que l’organisme voie le message."
    )


def test_the_same_handle_on_both_platforms_is_quiet(write):
    assert findings(write, "Merci @centraide !", "instagram") == []
    assert findings(write, "Merci @Centraide !", "facebook") == []  # case does not count


def test_quiet_when_the_partner_has_no_handle_on_the_platform(write):
    assert findings(write, "Merci @accorderierosemont !", "instagram") == []
    assert findings(write, "Merci @CentraideMtl !", "mastodon") == []


def test_a_mention_that_is_nobodys_handle_is_quiet(write):
    assert findings(write, "Merci @VilledeMontreal !", "instagram") == []


# --- partners_involved -----------------------------------------------------------------------------


def test_involved_by_name_tag_or_link_in_the_strategys_order(write):
    assert involved(write, "Merci à l’Accorderie et à Centraide !") == ["Centraide", "Accorderie de Rosemont"]
    assert involved(write, "Merci @accorderierosemont !") == ["Accorderie de Rosemont"]
    assert involved(write, "Merci @CentraideMtl !", "instagram") == ["Centraide"]  # any platform's handle
    assert involved(write, "Donnez sur centraide.org/donner") == ["Centraide"]
    assert involved(write, "Merci à la banque alimentaire de Rosemont") == ["Banque alimentaire de Rosemont"]


def test_involved_is_empty_without_a_partner(write):
    assert involved(write, "Merci à nos bénévoles ! #Centraide https://exemple.org/centraide") == []
    assert involved(write, "Merci à Centraide !", partners=None) == []


def test_involved_does_not_need_a_platform_handle(write):
    assert involved(write, "Merci à l’Accorderie !", "mastodon") == ["Accorderie de Rosemont"]


# --- speed ---------------------------------------------------------------------------------------


def test_one_pattern_per_strategy():
    key = (("Centraide",), ("Accorderie de Rosemont", "Accorderie"))
    assert partner_checks._names(key) is partner_checks._names(key)
    assert partner_checks._names(key).alternatives[0] == "accorderie de rosemont"
