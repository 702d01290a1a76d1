"""The wording rule (PL320) and its lexicons: every entry parses, has a replacement and matches its
own inflected example; look-alikes stay quiet; suggestions follow the text's form; the strategy file
adds and silences entries."""

from __future__ import annotations

import pytest
import yaml

from postlint import catalogue, engine
from postlint.checks import wording
from postlint.resources import rules_dir

LANGS = ("fr", "en")
ENTRIES = [(lang, raw) for lang in LANGS for raw in wording._lexicon_data(lang)["entries"]]


def _tokens(lang, text):
    return wording._tokens(lang, text)


def _matches(lang, text, lexicon=None):
    """The phrases found in `text`, as the rule keeps them (longest, no overlap)."""
    lexicon = lexicon or wording.lexicon(lang)
    tokens = _tokens(lang, text)
    return [
        (m.entry.phrase, " ".join(tokens[m.start : m.end]))
        for m in wording.best_matches(lexicon.find(tokens))
    ]


def _suggest(lang, text):
    tokens = _tokens(lang, text)
    (match,) = wording.best_matches(wording.lexicon(lang).find(tokens))
    return wording.suggestion(match.entry, tokens, match)


# --- the lexicons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_has_at_least_150_entries(lang):
    assert len(wording.base_entries(lang)) >= 150


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_header_names_its_sources_and_licence(lang):
    header = (
        (rules_dir() / "lexicons" / lang / "wording.yaml").read_text(encoding="utf-8").split("grammar:")[0]
    )
    assert "Source" in header and "Licen" in header
    assert "plainlanguage.gov" in header if lang == "en" else "OQLF" in header


@pytest.mark.parametrize("lang, raw", ENTRIES, ids=lambda v: v if isinstance(v, str) else v.get("phrase"))
def test_entry_parses_has_a_replacement_and_matches_its_example(lang, raw):
    entry = wording.compile_entry(raw, lang)
    assert entry.keys
    assert isinstance(raw.get("replacement"), str) and raw["replacement"].strip()
    assert raw.get("example"), "every entry has an inflected example sentence"
    assert f"why_{entry.kind}" in catalogue.get("wording").messages, entry.kind
    lexicon = wording.lexicon(lang)
    (compiled,) = [e for e in lexicon.entries if e.phrase == entry.phrase]
    tokens = _tokens(lang, raw["example"])
    assert any(m.entry is compiled for m in lexicon.find(tokens)), raw["example"]
    words = set(wording._WORDS.findall(wording._norm(raw["example"])))
    assert lexicon.entries.index(compiled) in lexicon.candidates(words), "the prefilter lets it through"


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_entries_are_the_same_phrase(lang):
    seen = {}
    for entry in wording.base_entries(lang):
        assert entry.keys not in seen, f"{entry.phrase!r} is {seen.get(entry.keys)!r} again"
        seen[entry.keys] = entry.phrase


# --- matching on lemmas ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Il faut procéder à la vérification des compteurs.",
        "Nous procéderons à la vérification des compteurs.",
        "Procédons à la vérification des compteurs.",
        "Le comité a procédé aux vérifications.",
        "On procède à une vérification complète.",
    ],
)
def test_the_issue_forms_all_match(text):
    assert [phrase for phrase, _ in _matches("fr", text)] == ["procéder à la vérification"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "La vérification des faits est au cœur de notre travail."),
        ("fr", "Dans le cadre du tableau, on voit la rue Masson en 1950."),
        ("fr", "Dans un cadre de verdure, venez pique-niquer avec nous."),
        ("fr", "À la fin du mois, nous ferons le bilan."),
        ("fr", "Au terme de la soirée, on danse !"),
        ("fr", "Un stage en maîtrise d'œuvre pour les jeunes."),
        ("fr", "Nous attendons que la Ville réponde."),
        ("fr", "Nous considérons que le loyer est trop cher."),
        ("fr", "Lire la suite à la page 3."),
        ("fr", "Prenez des notes pendant l'atelier."),
        ("fr", "Un remède à la crise du logement."),
        ("fr", "Elle arrive toujours ponctuellement à ses rendez-vous."),
        ("fr", "Le colis s'achemine vers Québec."),
        ("fr", "On a lu des contes à la lumière des bougies."),
        ("fr", "Les conditions requises sont simples."),
        ("fr", "Nous procédons rapidement à la vérification."),
        ("fr", "Merci à nos bénévoles, on vous aime !"),
        ("en", "Fact checking matters to us."),
        ("en", "The number of people on the waiting list keeps growing."),
        ("en", "She treated us kindly."),
        ("en", "The workshop is facilitated by Maria."),
        ("en", "Assisted living residents are welcome."),
        ("en", "The public inquiry opens on Monday."),
        ("en", "Make a quick decision and join us."),
        ("en", "I can relate to that."),
        ("en", "Best regards, the committee."),
        ("en", "The commencement is on Friday."),
        ("en", "Thanks to all our volunteers!"),
        ("en", "Rights of persons with disabilities: join our workshop."),
        ("en", "Many of our members live on social assistance."),
        ("en", "The flu can be transmitted to seniors."),
    ],
)
def test_look_alikes_stay_quiet(lang, text):
    assert _matches(lang, text) == []


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("fr", "Nous procéderons à la vérification des détecteurs.", ("vérifierons", False)),
        ("fr", "Le comité a procédé à l'envoi des reçus.", ("envoyé", False)),
        ("fr", "Procédez au renouvellement de votre carte.", ("Renouvelez", False)),
        ("fr", "Nous procéderons à des modifications de l'horaire.", ("changerons", False)),
        ("fr", "Le comité procède aux inscriptions dès 9 h.", ("inscrire", True)),
        ("fr", "Venez au sein du comité.", ("dans le", False)),
        ("fr", "Les questions relativement aux travaux.", ("sur les", False)),
        ("fr", "Le local est à proximité du métro.", ("près du", False)),
        ("fr", "Venez tôt en vue d'obtenir une place.", ("pour ", False)),
        ("fr", "Il est recommandé d'arriver tôt.", ("On vous conseille d'", False)),
        ("fr", "Veuillez prendre note que le local est fermé.", ("Notez", False)),
        ("en", "We utilized the hall.", ("used", False)),
        ("en", "The board made a decision.", ("decided", False)),
        ("en", "The board has made a contribution.", ("given", False)),
        ("en", "Everyone made a contribution.", ("gave", False)),
        ("en", "We are ascertaining who can vote.", ("finding out", False)),
        ("en", "The article makes reference to our work.", ("mentions", False)),
        ("en", "Here are the action items.", ("tasks", False)),
        ("en", "The rule is applicable to everyone.", ("applies to", False)),
        ("en", "Prior to the meeting, eat.", ("Before", False)),
    ],
)
def test_suggestion_follows_the_text(lang, text, expected):
    assert _suggest(lang, text) == expected


def test_the_longest_phrase_wins():
    assert _matches("fr", "Veuillez prendre note que le local est fermé.") == [
        ("veuillez prendre note", "Veuillez prendre note")
    ]


# --- the rule, through the engine ---------------------------------------------------------------------


def _run(write, body, strategy=None, lang="fr"):
    write("postlint.yaml", yaml.safe_dump(strategy or {}, allow_unicode=True))
    path = write("draft.md", f"---\nplatform: facebook\n---\n{body}\n")
    report = engine.check_paths([str(path)], engine.Options(lang=lang))
    return [f for f in report.findings if f.code == "PL320"]


FRENCH = (
    "Dans le cadre de la fête des voisins, nous ferons le point sur l'année et nous procéderons "
    "à l'élection du nouveau comité. Apportez vos idées et votre bonne humeur, on vous attend !"
)


def test_finding_names_the_words_and_offers_the_replacement(write):
    found = _run(write, FRENCH)
    assert [f.suggestion for f in found] == ["Pour", "élire"]
    first = found[0]
    assert first.severity == "warning"
    assert (first.line, first.column) == (4, 1)
    assert first.end_column == len("Dans le cadre de") + 1
    assert "« Dans le cadre de »" in first.message.replace("\u00a0", " ")
    assert "« élire » (à conjuguer)" in found[1].message.replace("\u00a0", " ")


def test_english_message(write):
    body = "Prior to the meeting, we utilized the hall to welcome all our new neighbours and friends."
    found = _run(write, body, lang="en")
    assert [f.suggestion for f in found] == ["Before", "used"]
    assert "“utilized”" in found[1].message and "second language" in found[1].message


def test_strategy_adds_and_silences_entries(write):
    strategy = {
        "rules": {
            "wording": {
                "add": [{"phrase": "faire le point sur", "replacement": "revoir", "lang": "fr"}],
                "silence": ["dans le cadre du"],
            }
        }
    }
    found = _run(write, FRENCH, strategy)
    assert [f.suggestion for f in found] == ["revoir", "élire"]
    assert "postlint.yaml" in found[0].message


def test_strategy_entry_without_lang_takes_the_strategy_language(write):
    strategy = {
        "language": "en",
        "rules": {"wording": {"add": [{"phrase": "touch base with", "replacement": "talk to"}]}},
    }
    body = "We touched base with the city councillor about the repairs, and we will keep pushing for them."
    found = _run(write, body, strategy, lang="en")
    assert [f.suggestion for f in found] == ["talked to"]


def test_malformed_additions_are_left_out(write):
    strategy = {"rules": {"wording": {"add": ["dans le cadre de", {"replacement": "x"}, {"phrase": 3}]}}}
    assert [f.suggestion for f in _run(write, FRENCH, strategy)] == ["Pour", "élire"]


def test_silence_by_the_exact_phrase(write):
    strategy = {"rules": {"wording": {"silence": ["Dans le cadre de", "procéder à l'élection"]}}}
    assert _run(write, FRENCH, strategy) == []


def test_english_paragraph_of_a_french_post_uses_the_english_lexicon(write):
    body = (
        "Grande fête des voisins samedi au parc Lafond : musique, jeux pour les enfants et repas "
        "partagé. Apportez un plat à partager, on s'occupe du reste !\n\n"
        "Big neighbourhood party on Saturday at Lafond Park. Please register prior to the event so "
        "that we can plan enough food for everyone."
    )
    found = _run(write, body)
    assert [f.suggestion for f in found] == ["before"]
    assert found[0].line == 6


def test_urls_and_hashtags_are_not_read(write):
    body = (
        "Tous les détails sont sur https://exemple.org/au-sein-du-comite et on vous attend nombreux samedi !"
    )
    assert _run(write, body) == []


def test_drafts_without_candidate_words_never_build_a_doc(write, monkeypatch):
    from postlint import nlp

    def boom(*args, **kwargs):
        raise AssertionError("the Doc was built")

    monkeypatch.setattr(nlp, "draft_doc", boom)
    body = "Merci à nos bénévoles pour la belle fête de samedi ! On se revoit le mois prochain."
    assert _run(write, body) == []


# --- the lexicon kept in the data folder -----------------------------------------------------------


def _fresh_lexicons():
    wording.lexicon.cache_clear()
    wording._plain_lexicons.cache_clear()
    wording.grammar.cache_clear()


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """An empty data folder (postlint.table_store), and lexicons built anew before and after."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    _fresh_lexicons()
    yield tmp_path
    _fresh_lexicons()


def _what_it_finds(lexicon, lang):
    """Every entry's example as the lexicon reads it: the prefilter, the matches, the suggestions."""
    found = []
    for raw, _added in lexicon.raws:
        example = raw.get("example") or raw["phrase"]
        tokens = _tokens(lang, example)
        words = set(wording._WORDS.findall(wording._norm(example)))
        matches = wording.best_matches(lexicon.find(tokens, lexicon.candidates(words)))
        found.append(
            (sorted(lexicon.candidates(words)), [(m.start, m.end, m.entry.phrase) for m in matches])
            + tuple(wording.suggestion(m.entry, tokens, m) for m in matches)
        )
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_kept_lexicon_reads_as_the_one_built(data_folder, monkeypatch, lang):
    built = wording.lexicon(lang)
    expected = _what_it_finds(built, lang)
    assert len(list(data_folder.glob(f"wording_{lang}-*.marshal"))) == 1
    _fresh_lexicons()

    def not_again(*args, **kwargs):
        raise AssertionError("built again")

    with monkeypatch.context() as patched:  # read back: no phrase compiled, no pass over the lemma table
        patched.setattr(wording, "compile_entry", not_again)
        patched.setattr(wording.Grammar, "prepare", not_again)
        patched.setattr(wording.Lexicon, "_needs", not_again)
        kept = wording.lexicon(lang)
        assert kept is not built
        assert kept.entries == built.entries and kept.by_trigger == built.by_trigger
        assert kept.triggers == built.triggers
        assert _what_it_finds(kept, lang) == expected


def test_a_strategy_files_additions_are_kept_apart(data_folder):
    added = '[{"phrase": "faire le point sur", "replacement": "revoir"}]'
    plain, more = wording.lexicon("fr"), wording.lexicon("fr", added)
    assert len(more.entries) == len(plain.entries) + 1 and more.entries[-1].added
    assert len(list(data_folder.glob("wording_fr-*.marshal"))) == 1
    assert len(list(data_folder.glob("wording_fr_added-*.marshal"))) == 1
    _fresh_lexicons()
    assert wording.lexicon("fr", added).entries == more.entries  # each read back as it was kept
    assert wording.lexicon("fr").entries == plain.entries


def test_without_a_data_folder_the_entries_wait_for_a_draft_that_may_hold_one(data_folder, monkeypatch):
    monkeypatch.setenv("POSTLINT_DATA_CACHE", "off")
    lexicon = wording.lexicon("fr")
    assert lexicon._entries is None  # compiled only when first asked for
    assert len(lexicon.entries) >= 150
    assert not list(data_folder.iterdir())
