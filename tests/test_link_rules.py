"""Links: dead links on Instagram (PL130), too many on Threads (PL131), bare links (PL132),
Markdown link syntax (PL133)."""

from __future__ import annotations

import pytest
import yaml

from postlint import engine
from postlint.checks.links import _link_key, _plain_form


@pytest.fixture
def check(tmp_path):
    """Findings of the link rules on one draft: [(code, line, column, severity, suggestion)]."""

    def _check(body: str, platform: str = "facebook", strategy: dict | None = None, lang: str = "en"):
        (tmp_path / "postlint.yaml").write_text(yaml.safe_dump(strategy or {}), encoding="utf-8")
        draft = tmp_path / "draft.md"
        draft.write_text(f"---\nplatform: {platform}\n---\n{body}\n", encoding="utf-8")
        options = engine.Options(lang=lang, select=["links"])
        report = engine.check_paths([str(draft)], options)
        return [(f.code, f.line, f.column, f.severity, f.suggestion, f.message) for f in report.findings]

    return _check


def codes(findings):
    return [f[0] for f in findings]


def only(findings, code):
    return [f for f in findings if f[0] == code]


# --- PL130 link-not-clickable ------------------------------------------------------------------


def test_a_link_in_an_instagram_caption_is_dead(check):
    found = check("Corvée samedi ! Infos : comitelogement.ca/corvee", "instagram")
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [("PL130", 4, 25, "warning")]
    assert "link in bio" in found[0][5]


def test_each_link_of_the_caption_is_reported(check):
    found = check("Infos : exemple.ca et https://autre.org/page", "instagram")
    assert codes(only(found, "PL130")) == ["PL130", "PL130"]


def test_links_are_fine_where_they_are_clickable(check):
    assert "PL130" not in codes(check("Infos : comitelogement.ca/corvee", "facebook"))


def test_only_the_platform_with_dead_links_is_named(check):
    found = only(check("Infos : comitelogement.ca/corvee", "[facebook, instagram]"), "PL130")
    assert codes(found) == ["PL130"]
    assert "On Instagram," in found[0][5] and "Facebook" not in found[0][5]


def test_an_email_address_is_not_a_link(check):
    assert check("Écrivez à benevolat@comitelogement.ca pour en parler.", "instagram") == []


@pytest.mark.parametrize(
    "body",
    [
        "Inscriptions : lien dans la bio (comitelogement.ca/corvee)",
        "Le formulaire est dans notre bio : comitelogement.ca/corvee",
        "Sign up with the LINK IN BIO: comitelogement.ca/corvee",
        "Tap the link sticker in our story, or type comitelogement.ca/corvee",
    ],
)
def test_a_caption_that_points_to_the_bio_is_quiet(check, body):
    assert "PL130" not in codes(check(body, "instagram"))


def test_french_message(check):
    found = only(check("Infos : comitelogement.ca/corvee", "instagram", lang="fr"), "PL130")
    assert "«\u00a0lien dans la bio\u00a0»" in found[0][5]


# --- PL131 link-count --------------------------------------------------------------------------

SIX = "Fiches : a.ca/1 b.ca/2 c.ca/3 d.ca/4 e.ca/5 et f.ca/6, merci de partager."


def test_six_distinct_links_on_threads_is_an_error_on_the_sixth(check):
    found = [f for f in check(SIX, "threads") if f[0] == "PL131"]
    assert [(f[1], f[2], f[3]) for f in found] == [(4, SIX.index("f.ca") + 1, "error")]
    assert "6 distinct links" in found[0][5] and "at most 5" in found[0][5]


def test_the_same_link_written_twice_counts_once(check):
    body = "Fiches : a.ca/1 b.ca/2 c.ca/3 d.ca/4 e.ca/5 et https://www.A.ca/1/ encore, merci de partager."
    assert "PL131" not in codes(check(body, "threads"))


def test_other_platforms_have_no_link_maximum(check):
    assert "PL131" not in codes(check(SIX, "mastodon"))


def test_link_key_ignores_scheme_www_trailing_slash_and_host_case():
    assert _link_key("https://www.Exemple.CA/Page/") == _link_key("exemple.ca/Page")
    assert _link_key("exemple.ca/Page") != _link_key("exemple.ca/page")


# --- PL132 link-only ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "https://www.ledevoir.com/societe/logement/registre",
        "https://www.ledevoir.com/registre #logement @centraide 🏠",
        "À lire : https://www.ledevoir.com/registre",
        "New! 👉 https://www.cbc.ca/news/rent-registry",
        "exemple.ca/a\nexemple.ca/b",
    ],
)
def test_a_post_that_is_only_a_link_fires(check, body):
    found = check(body, "mastodon")
    assert [(f[0], f[3]) for f in found] == [("PL132", "warning")]


def test_the_finding_is_on_the_first_link(check):
    found = check("À lire : https://www.ledevoir.com/registre", "mastodon")
    assert found[0][1:3] == (4, 10)


def test_a_link_with_a_comment_of_ones_own_is_quiet(check):
    body = "Le calcul du TAL vous dit si votre hausse est raisonnable :\nhttps://www.tal.gouv.qc.ca/fr/calcul"
    assert check(body, "facebook") == []


def test_a_post_without_a_link_is_not_link_only(check):
    assert check("#logement @centraide 🏠", "mastodon") == []


def test_min_words_is_a_setting(check):
    strategy = {"rules": {"link-only": {"min_words": 6}}}
    body = "Notre avis sur ce texte : https://www.ledevoir.com/registre"
    assert codes(check(body, "mastodon", strategy)) == ["PL132"]
    assert check(body, "mastodon") == []


# --- PL133 markdown-link -----------------------------------------------------------------------


def test_markdown_link_with_the_plain_form_as_suggestion(check):
    found = check("Lisez [notre rapport](https://exemple.ca/rapport) ce soir.", "mastodon")
    assert [(f[0], f[1], f[2], f[4]) for f in found] == [
        ("PL133", 4, 7, "notre rapport https://exemple.ca/rapport")
    ]


def test_markdown_link_whose_text_is_the_address(check):
    found = only(check("Voir [https://exemple.ca/](https://exemple.ca) !", "mastodon"), "PL133")
    assert [f[4] for f in found] == ["https://exemple.ca"]


def test_autolink_suggests_the_bare_address(check):
    found = only(check("Sources : <https://exemple.ca/sources>", "mastodon"), "PL133")
    assert [(f[0], f[2], f[4]) for f in found] == [("PL133", 11, "https://exemple.ca/sources")]


def test_markdown_link_on_a_later_line_has_its_file_position(check):
    found = check("Bonjour.\n\n- point : [lien](https://exemple.ca/x)", "mastodon")
    assert [(f[1], f[2]) for f in found] == [(6, 11)]


def test_plain_links_and_brackets_are_quiet(check):
    assert check("Lisez-le [vite] : https://exemple.ca/memoire (c'est court)", "mastodon") == []


@pytest.mark.parametrize(
    ("source", "target", "plain"),
    [
        ("[texte](https://a.ca/x)", "https://a.ca/x", "texte https://a.ca/x"),
        ('[texte](https://a.ca/x "titre")', "https://a.ca/x", "texte https://a.ca/x"),
        ("[texte](<https://a.ca/x y>)", "https://a.ca/x%20y", "texte https://a.ca/x y"),
        ("[rapport été](https://a.ca/été)", "https://a.ca/%C3%A9t%C3%A9", "rapport été https://a.ca/été"),
        ("[un [beau]\nlien](https://a.ca/(x))", "https://a.ca/(x)", "un [beau] lien https://a.ca/(x)"),
        ("[ref][r]", "https://ref.ca/%C3%A9", "ref https://ref.ca/é"),
        ("[www.a.ca](https://www.a.ca/)", "https://www.a.ca/", "https://www.a.ca/"),
    ],
)
def test_plain_form(source, target, plain):
    assert _plain_form(source, target) == plain
