"""Persona rules: unknown persona (PL200), persona language (PL201), declared language (PL202),
persona platform (PL203), persona age (PL204)."""

from __future__ import annotations

import pytest
import yaml

from postlint import config, engine

CODES = ("PL200", "PL201", "PL202", "PL203", "PL204", "PL205")
IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"

LINA = {"name": "Lina la Locataire", "age": 65, "languages": ["fr"], "platforms": ["facebook", "email"]}
PASCHA = {
    "name": "Pascha la Professionnelle",
    "age": 35,
    "languages": ["fr", "en", "ar"],
    "platforms": ["facebook", "linkedin", "email"],
}
MELANIE = {
    "name": "Mélanie la Militante",
    "age": 26,
    "languages": ["fr"],
    "platforms": ["Twitter", "Facebook"],
}
GUIDE = {"language": "fr", "personas": {"lina": LINA, "pascha": PASCHA, "melanie": MELANIE}}

FRENCH = "Mardi, on vous attend au local pour l’atelier sur vos droits de locataire. Apportez votre bail !"
ENGLISH = "Join us on Tuesday at our office for a workshop about your rights as a tenant. Bring your lease!"


def findings(write, body, front, strategy=GUIDE, lang="en"):
    """The persona rules' findings on a draft with `front` (front-matter lines) and `body`."""
    if strategy is not None:
        write("postlint.yaml", yaml.safe_dump(strategy, allow_unicode=True))
    path = write("draft.md", f"---\n{front}{IMAGE}---\n{body}\n")
    report = engine.check_paths([str(path)], engine.Options(lang=lang))
    return [f for f in report.findings if f.code in CODES]


def codes(found):
    return sorted(f.code for f in found)


# --- PL200 unknown-persona --------------------------------------------------------------------------


def test_unknown_persona_is_an_error_with_the_closest_as_suggestion(write):
    found = findings(write, FRENCH, "platform: facebook\npersona: linna\n")
    assert codes(found) == ["PL200"]
    (f,) = found
    assert (f.severity, f.line, f.suggestion) == ("error", 3, "lina")
    assert "linna" in f.message and "lina" in f.message


def test_unknown_persona_in_an_audience_list_is_reported_on_its_item(write):
    found = findings(write, FRENCH, "platform: facebook\naudience:\n  - lina\n  - pasha\n")
    assert [(f.code, f.line, f.suggestion) for f in found] == [("PL200", 5, "pascha")]


def test_unknown_persona_far_from_every_name_lists_the_known_ones(write):
    (f,) = findings(write, FRENCH, "platform: facebook\npersona: journalistes\n")
    assert f.suggestion is None
    assert "melanie" in f.message and "lina" in f.message and "pascha" in f.message


@pytest.mark.parametrize("name", ["Lina", "LINA", "Lina la Locataire", "mélanie", "Melanie"])
def test_a_persona_written_with_other_capitals_accents_or_its_full_name_is_known(write, name):
    body = "Samedi, on marche pour le droit au logement. Départ à 13 h au métro Laurier, tu viens ?"
    assert findings(write, body, f"platform: facebook\npersona: {name}\n") == []


def test_no_personas_in_the_strategy_gives_one_info_not_errors(write):
    strategy = {"language": "fr", "platforms": ["facebook"]}
    found = findings(write, FRENCH, "platform: facebook\naudience: [lina, pascha, melanie]\n", strategy)
    assert codes(found) == ["PL205"]
    (f,) = found
    assert f.severity == "info" and f.line == 3
    assert "lina" in f.message and "pascha" in f.message and "personas:" in f.message


def test_no_strategy_file_at_all_gives_one_info(tmp_path, monkeypatch):
    folder = tmp_path / "sans-strategie"
    folder.mkdir()
    monkeypatch.chdir(folder)
    draft = folder / "draft.md"
    draft.write_text(f"---\nplatform: facebook\npersona: lina\n{IMAGE}---\n{FRENCH}\n", encoding="utf-8")
    if config.find_config(folder) is not None:
        pytest.skip("a strategy file above the temporary folder applies")
    report = engine.check_paths([str(draft)], engine.Options(lang="fr"))
    found = [f for f in report.findings if f.code in CODES]
    assert [(f.code, f.severity) for f in found] == [("PL205", "info")]
    assert "fichier de stratégie" in found[0].message


def test_a_draft_naming_no_persona_gets_no_persona_finding(write):
    assert findings(write, ENGLISH, "platform: instagram\n", {"language": "fr"}) == []


# --- PL201 persona-language --------------------------------------------------------------------------


def test_lina_with_an_english_post_gets_a_warning_naming_her_and_the_languages(write):
    found = findings(write, ENGLISH, "platform: facebook\npersona: lina\n", lang="fr")
    assert codes(found) == ["PL201"]
    (f,) = found
    assert f.severity == "warning"
    assert f.line == 7  # ---, platform, persona, image, alt, ---: the text starts on line 7
    assert "Lina la Locataire" in f.message and "français" in f.message and "anglais" in f.message
    assert "(0,99)" in f.message  # the probability, with a decimal comma, never shown as 1


def test_the_message_in_english_names_the_languages_in_english(write):
    (f,) = findings(write, ENGLISH, "platform: facebook\npersona: lina\n")
    assert "reads French" in f.message and "in English (0.99)" in f.message


def test_the_right_language_is_quiet(write):
    assert findings(write, FRENCH, "platform: facebook\npersona: lina\n") == []


def test_a_bilingual_post_passes_when_each_persona_reads_one_of_its_languages(write):
    body = f"{FRENCH}\n\n{ENGLISH}"
    assert findings(write, body, "platform: facebook\naudience: [pascha, lina]\n") == []


def test_an_english_only_post_for_two_personas_warns_only_for_the_one_who_cannot_read_it(write):
    found = findings(write, ENGLISH, "platform: facebook\naudience: [pascha, lina]\n")
    assert codes(found) == ["PL201"]
    assert "Lina" in found[0].message


def test_the_finding_covers_the_first_paragraph_in_a_language_the_persona_does_not_read(write):
    strategy = {"language": "fr", "personas": {"amal": {"name": "Amal", "languages": ["ar"]}}}
    found = findings(write, f"{ENGLISH}\n\n{FRENCH}", "persona: amal\n", strategy)
    assert codes(found) == ["PL201"]
    (f,) = found
    assert (f.line, f.column, f.end_line) == (6, 1, 6)  # ---, persona, image, alt, ---: line 6
    assert "in English (0.99) and in French (0.99)" in f.message


@pytest.mark.parametrize("body", ["Merci !", "Thanks!", "OK 👍 https://exemple.org #Rosemont"])
def test_a_text_too_short_to_judge_is_quiet(write, body):
    assert findings(write, body, "platform: facebook\npersona: lina\n") == []


def test_a_persona_without_languages_is_not_checked(write):
    strategy = {"personas": {"lina": {"name": "Lina", "platforms": ["facebook"]}}}
    assert findings(write, ENGLISH, "platform: facebook\npersona: lina\n", strategy) == []


# --- PL202 declared-language --------------------------------------------------------------------------


def test_a_declared_language_that_is_not_the_text_s_gets_a_warning_on_the_lang_line(write):
    found = findings(write, FRENCH, "platform: facebook\npersona: pascha\nlang: en\n", lang="fr")
    assert codes(found) == ["PL202"]
    (f,) = found
    assert (f.severity, f.line, f.suggestion) == ("warning", 4, "fr")
    assert "lang: en" in f.message and "en français (0,99)" in f.message


def test_a_declared_language_among_those_of_a_bilingual_post_is_quiet(write):
    body = f"{FRENCH}\n\n{ENGLISH}"
    assert findings(write, body, "platform: facebook\npersona: pascha\nlang: en\n") == []


def test_a_declared_language_on_a_text_too_short_is_quiet(write):
    assert findings(write, "Merci !", "platform: facebook\npersona: pascha\nlang: en\n") == []


def test_a_right_declared_language_is_quiet(write):
    assert findings(write, FRENCH, "platform: facebook\npersona: pascha\nlang: fr\n") == []


# --- PL203 persona-platform --------------------------------------------------------------------------


def test_lina_on_instagram_is_a_warning_naming_her_channels(write):
    found = findings(write, FRENCH, "platform: instagram\npersona: lina\n", lang="fr")
    assert codes(found) == ["PL203", "PL204"]
    (f,) = [f for f in found if f.code == "PL203"]
    assert (f.severity, f.line) == ("warning", 2)
    assert "Instagram" in f.message and "Facebook et courriel" in f.message


def test_a_persona_platform_written_twitter_matches_the_x_platform(write):
    body = "Samedi, on marche pour le droit au logement. Départ à 13 h au métro Laurier, tu viens ?"
    assert findings(write, body, "platform: x\npersona: melanie\n") == []
    assert findings(write, body, "platform: Twitter\npersona: melanie\n") == []


def test_email_is_named_but_never_matches_a_platform(write):
    strategy = {"personas": {"lina": {"name": "Lina", "languages": ["fr"], "platforms": ["email"]}}}
    found = findings(write, FRENCH, "platform: facebook\npersona: lina\n", strategy)
    assert codes(found) == ["PL203"]
    assert "email" in found[0].message


def test_each_platform_of_the_draft_is_checked_on_its_own_line(write):
    found = findings(write, FRENCH, "platforms:\n  - facebook\n  - mastodon\npersona: lina\n")
    assert [(f.code, f.line) for f in found] == [("PL203", 4)]


def test_a_persona_without_platforms_is_not_checked(write):
    strategy = {"personas": {"lina": {"name": "Lina", "languages": ["fr"]}}}
    assert findings(write, FRENCH, "platform: mastodon\npersona: lina\n", strategy) == []


def test_pascha_on_linkedin_is_quiet(write):
    assert findings(write, FRENCH, "platform: linkedin\npersona: pascha\n") == []


# --- PL204 persona-age -------------------------------------------------------------------------------


def test_a_persona_older_than_the_instagram_audience_gets_an_info(write):
    found = findings(write, FRENCH, "platform: instagram\npersona: pascha\n")
    (f,) = [f for f in found if f.code == "PL204"]
    assert (f.severity, f.line) == ("info", 2)
    assert "35" in f.message and "90% of Instagram users are under 30" in f.message


def test_an_age_inside_the_linkedin_audience_is_quiet(write):
    strategy = {"personas": {"p": {"name": "P", "age": 45}}}
    assert findings(write, FRENCH, "platform: linkedin\npersona: p\n", strategy) == []


def test_an_age_under_the_linkedin_audience_gets_an_info(write):
    strategy = {"personas": {"p": {"name": "P", "age": 22}}}
    found = findings(write, FRENCH, "platform: linkedin\npersona: p\n", strategy)
    assert codes(found) == ["PL204"]


def test_a_platform_the_strategy_says_the_persona_uses_is_not_second_guessed(write):
    strategy = {"personas": {"lina": {"name": "Lina", "age": 65, "platforms": ["instagram", "facebook"]}}}
    assert findings(write, FRENCH, "platform: instagram\npersona: lina\n", strategy) == []


def test_no_age_or_no_audience_fact_is_quiet(write):
    strategy = {"personas": {"lina": {"name": "Lina"}, "old": {"name": "Old", "age": 80}}}
    assert findings(write, FRENCH, "platform: instagram\npersona: lina\n", strategy) == []
    assert findings(write, FRENCH, "platform: facebook\npersona: old\n", strategy) == []


# --- all together --------------------------------------------------------------------------------------


def test_an_audience_of_two_personas_is_checked_for_each(write):
    found = findings(write, ENGLISH, "platform: instagram\naudience: [lina, pascha]\n")
    summary = sorted((f.code, f.message.split(" ")[0]) for f in found)
    assert summary == [
        ("PL201", "Lina"),  # Pascha reads English
        ("PL203", "Lina"),
        ("PL203", "Pascha"),
        ("PL204", "Lina"),
        ("PL204", "Pascha"),
    ]


def test_the_same_persona_twice_is_checked_once(write):
    found = findings(write, ENGLISH, "platform: facebook\npersona: lina\naudience: [lina, Lina]\n")
    assert codes(found) == ["PL201"]


def test_rules_can_be_turned_off_in_the_strategy(write):
    strategy = {**GUIDE, "rules": {"persona": "off"}}
    assert findings(write, ENGLISH, "platform: instagram\npersona: linna\n", strategy) == []


def test_an_unknown_declared_code_is_left_to_front_matter_value(write):
    found = findings(write, FRENCH, "platform: facebook\npersona: pascha\nlang: zz\n")
    assert "PL202" not in codes(found)


# --- documentation -----------------------------------------------------------------------------------


def test_explain_shows_the_strategy_an_example_runs_under():
    from postlint import catalogue
    from postlint.explain import explain_rule

    page = explain_rule(catalogue.get("persona-platform"), "en")
    assert "# postlint.yaml" in page and "Lina la Locataire" in page and "platform: instagram" in page
