"""Fundraising asks: `asks(draft, settings)` for other checks, and the rule fundraising-ask
(PL330), off unless the strategy file turns it on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from postlint import catalogue, config, engine, phrase_patterns
from postlint.checks.fundraising import Ask, asks
from postlint.draft import Draft
from postlint.resources import load_rules_yaml, rules_dir

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles trient des denrées au sous-sol\n"
ASK = "La guignolée bat son plein. Faites un don en ligne avant le 24 décembre ! Vous venez ?"


def _draft(text: str) -> Draft:
    draft = Draft(path="draft.md", file=Path("draft.md"))
    draft.text = text
    return draft


def found(text: str, settings=None) -> list[tuple[str, str, str]]:
    return [(a.kind, a.text, a.source) for a in asks(_draft(text), settings)]


# --- asks() ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("Faites un don pour la guignolée.", "money", "Faites un don"),
        ("Pour faire un petit don : passez au local.", "money", "faire un petit don"),
        ("Donnez généreusement !", "money", "Donnez généreusement"),
        ("Donnez 20 $ et offrez un repas.", "money", "Donnez 20 $"),
        ("Soutenez-nous financièrement.", "money", "Soutenez-nous financièrement"),
        ("Un reçu fiscal sera émis.", "money", "reçu fiscal"),
        ("Donate to the food drive.", "money", "Donate"),
        ("Make a donation today.", "money", "Make a donation"),
        ("Give $20 and feed a family.", "money", "Give $20"),
        ("Devenez bénévole au comité.", "volunteers", "Devenez bénévole"),
        ("Nous recherchons des bénévoles pour la corvée.", "volunteers", "Nous recherchons des bénévoles"),
        ("On a besoin de bras samedi matin.", "volunteers", "besoin de bras"),
        ("Join us as a volunteer.", "volunteers", "Join us as a volunteer"),
        ("We need volunteers for the move.", "volunteers", "We need volunteers"),
        ("Volunteers needed on Saturday.", "volunteers", "Volunteers needed"),
    ],
)
def test_asks_in_words(text, kind, words):
    assert found(text) == [(kind, words, "words")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tous les détails : zeffy.com/fr-CA/donation-form/guignolee", "money"),
        ("Tous les détails : https://www.canadahelps.org/fr/organismes/comite/", "money"),
        ("Tous les détails : comitelogement.example.org/don", "money"),
        ("Tous les détails : comitelogement.example.org/fr/faire-un-don.html", "money"),
        ("All the details: https://example.org/en/donate?campaign=winter", "money"),
        ("Tous les détails : comitelogement.example.org/benevolat", "volunteers"),
        ("Tous les détails : https://www.jebenevole.ca/organismes/comite", "volunteers"),
    ],
)
def test_asks_by_link(text, kind):
    ((got_kind, words, source),) = found(text)
    assert (got_kind, source) == (kind, "link")
    assert text.endswith(words)


@pytest.mark.parametrize(
    "text",
    [
        "Collecte d’Héma-Québec mardi : faites un don de sang, ça prend une heure.",
        "Merci à tous ceux qui ont fait un don à la guignolée !",
        "Nous donnons généreusement à la banque alimentaire chaque année.",
        "Donnez-nous votre avis sur les heures d’ouverture.",
        "Merci à nos 40 bénévoles !",
        "Donnez au suivant : le frigo du quartier est ouvert.",
        "Thanks to everyone who donated to the food drive!",
        "We donate our leftovers to the community fridge.",
        "Donate blood on Tuesday in the church basement.",
        "Lien vers la page : exemple.org/dons-de-sang-info",
        "Tous les détails : exemple.org/donnees/rapport-annuel",
    ],
)
def test_look_alikes_are_not_asks(text):
    assert found(text) == []


def test_asks_in_text_order_without_overlaps():
    text = "On cherche des bénévoles pour samedi. Sinon, faites un don : exemple.org/don"
    assert found(text) == [
        ("volunteers", "On cherche des bénévoles", "words"),
        ("money", "faites un don", "words"),
        ("money", "exemple.org/don", "link"),
    ]


def test_asks_is_pure():
    draft = _draft(ASK)
    first = asks(draft)
    assert asks(draft) == first
    assert all(isinstance(a, Ask) for a in first)
    assert draft.text == ASK


def test_asks_are_found_once_per_draft_and_strategy(monkeypatch, tmp_path):
    # the rule and the facts of the checks across drafts both ask: the second gets the first's
    from postlint.checks import fundraising

    calls = []
    real = fundraising._asks
    monkeypatch.setattr(
        fundraising, "_asks", lambda draft, settings: calls.append(settings) or real(draft, settings)
    )
    other = config.default_settings(tmp_path)
    draft = _draft(ASK)
    first = asks(draft)
    first.clear()  # a caller's list is its own
    assert asks(draft) == asks(draft, None) != []
    assert asks(draft, other) == asks(draft)  # default params either way
    assert calls == [None, other, None]  # a new strategy asks again; back to the first, again


def test_the_strategy_can_add_donation_sites_without_turning_the_rule_on(tmp_path):
    path = tmp_path / "postlint.yaml"
    rules = {"fundraising-ask": {"enabled": False, "donation_domains": ["dons.exemple.org"]}}
    path.write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")
    settings = config.load_settings(path)
    text = "Tous les détails : https://dons.exemple.org/guignolee"
    assert found(text) == []
    assert found(text, settings) == [("money", "https://dons.exemple.org/guignolee", "link")]
    assert "fundraising-ask" not in [r.name for r in engine.Engine(engine.Options()).rules_for(settings)]


# --- PL330 fundraising-ask -----------------------------------------------------------------------


@pytest.fixture
def check(tmp_path):
    """PL330 findings on one draft: [(line, column, severity, message)]."""

    def _check(body: str, strategy: dict | None = None, select: list[str] | None = None):
        (tmp_path / "postlint.yaml").write_text(
            yaml.safe_dump(strategy or {}, allow_unicode=True), encoding="utf-8"
        )
        draft = tmp_path / "draft.md"
        draft.write_text(f"---\nplatform: facebook\n{IMAGE}---\n{body}\n", encoding="utf-8")
        report = engine.check_paths([str(draft)], engine.Options(lang="en", select=select))
        return [(f.line, f.column, f.severity, f.message) for f in report.findings if f.code == "PL330"]

    return _check


def test_the_rule_is_off_by_default(check):
    assert catalogue.get("fundraising-ask").enabled is False
    assert check(ASK) == []


@pytest.mark.parametrize(
    "setting",
    ["info", "on", True, {"severity": "info"}, {"enabled": True}, {"donation_domains": ["zeffy.com"]}],
)
def test_the_strategy_turns_it_on(check, setting):
    found = check(ASK, {"rules": {"fundraising-ask": setting}})
    assert [(line, column, severity) for line, column, severity, _m in found] == [(6, 29, "info")]
    assert '"Faites un don"' in found[0][3]


def test_a_strategy_may_make_it_a_warning(check):
    assert [f[2] for f in check(ASK, {"rules": {"fundraising-ask": "warning"}})] == ["warning"]


def test_select_turns_it_on(check):
    assert len(check(ASK, select=["fundraising-ask"])) == 1
    assert len(check(ASK, {"select": ["PL330"]})) == 1


@pytest.mark.parametrize("setting", ["off", False, {"enabled": False}, {"severity": "off"}])
def test_off_stays_off(check, setting):
    assert check(ASK, {"rules": {"fundraising-ask": setting}}) == []


def test_one_finding_per_kind_of_ask(check):
    body = "On cherche des bénévoles pour le tri.\nSinon, faites un don : exemple.org/don. Vous venez ?"
    found = check(body, {"rules": {"fundraising-ask": "info"}})
    assert [(line, column) for line, column, _s, _m in found] == [(6, 1), (7, 8)]
    assert "volunteers" in found[0][3] and "money" in found[1][3]


def test_a_post_without_an_ask_says_nothing(check):
    assert (
        check("Merci à nos bénévoles ! Qu’avez-vous préféré ?", {"rules": {"fundraising-ask": "info"}}) == []
    )


# --- the lexicons ----------------------------------------------------------------------------------

LANGS = [
    lang for lang in ("fr", "en") if (rules_dir() / "lexicons" / lang / "fundraising-asks.yaml").is_file()
]


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_files_name_their_sources_and_licence(lang):
    header = (rules_dir() / "lexicons" / lang / "fundraising-asks.yaml").read_text(encoding="utf-8")[:2000]
    assert "Source" in header and "Licence" in header


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_parses_and_matches_one_of_its_examples(lang):
    data = load_rules_yaml(f"lexicons/{lang}/fundraising-asks.yaml")
    examples = data.get("examples") or {}
    missing = []
    for section in ("money", "volunteers", "not_followed_by"):
        for entry in data.get(section) or ():
            pattern = phrase_patterns.entry_pattern(entry, lang)
            if not any(pattern.search(text) for text in examples.get(section) or ()):
                missing.append(f"{section}: {entry}")
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_ask_phrase_finds_its_example_through_asks(lang):
    data = load_rules_yaml(f"lexicons/{lang}/fundraising-asks.yaml")
    for section in ("money", "volunteers"):
        for example in data["examples"][section]:
            assert [a.kind for a in asks(_draft(example))] == [section], example
