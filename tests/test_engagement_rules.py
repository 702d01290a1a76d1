"""Engagement (PL300: the post invites a response) and engagement bait (PL301), with the phrase
notation of their lexicons (postlint/phrase_patterns.py)."""

from __future__ import annotations

import pytest
import yaml

from postlint import engine, phrase_patterns
from postlint.checks import engagement
from postlint.resources import load_rules_yaml, rules_dir

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"


@pytest.fixture
def check(tmp_path):
    """Findings of the engagement rules on one draft: [(code, line, column, end column, severity,
    message)]."""

    def _check(body: str, platform: str = "facebook", strategy: dict | None = None, lang: str = "en"):
        (tmp_path / "postlint.yaml").write_text(
            yaml.safe_dump(strategy or {}, allow_unicode=True), encoding="utf-8"
        )
        draft = tmp_path / "draft.md"
        draft.write_text(f"---\nplatform: {platform}\n{IMAGE}---\n{body}\n", encoding="utf-8")
        report = engine.check_paths([str(draft)], engine.Options(lang=lang, select=["PL300", "PL301"]))
        return [(f.code, f.line, f.column, f.end_column, f.severity, f.message) for f in report.findings]

    return _check


def codes(found) -> list[str]:
    return [f[0] for f in found]


# --- PL300 engagement: questions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Atelier sur le bail mardi. Qu’aimeriez-vous apprendre?",
        "Atelier sur le bail mardi. Qu’aimeriez-vous apprendre ?",
        "Atelier sur le bail mardi. Qu’aimeriez-vous apprendre\u202f?",
        "Atelier sur le bail mardi. Qu’aimeriez-vous apprendre\u00a0?",
        "Atelier sur le bail mardi (qui vient ?) au local.",
        "Après deux ans, la toiture est enfin refaite. Qui l’eût cru ?",
        "Our lease workshop is back on Tuesday. Ready?",
        "Nuestro taller vuelve el martes. ¿Vienes?",
    ],
)
def test_a_question_mark_however_spaced_is_a_question(check, body):
    assert check(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "La ruelle verte fleurit. Dites-nous ce que vous en pensez.",
        "La ruelle verte fleurit. Dites nous ce que vous aimeriez y planter.",
        "La fête a réuni 300 voisins. Racontez-nous votre meilleur moment.",
        "Avez-vous déjà reçu un avis de hausse de loyer. On en parle mardi.",
        "Le saviez-vous : un avis de hausse n’est pas une obligation.",
        "Y a-t-il un bail plus compliqué que le vôtre. Venez le montrer mardi.",
        "Les informations de notre fiche sont-elles claires. Notre fiche est en ligne.",
        "Est-ce que votre propriétaire a refusé des réparations. Le comité peut aider.",
        "Voici notre nouveau logo, qu’en pensez-vous.",
        "Selon vous, faut-il agrandir le jardin collectif.",
        "Votre avis compte pour la suite du projet de ruelle verte.",
        "Partagez vos meilleurs trucs pour économiser l’énergie cet hiver.",
        "Écrivez-nous en message privé pour la corvée de samedi.",
        "Our workshop is back. Let us know which topics you want us to cover.",
        "Our workshop is back. Tell us what you want to learn.",
        "Did you know that you can refuse a rent increase and keep your home.",
        "What do you think of the new schedule.",
        "Share your best moment of the block party in the comments.",
        "Have you ever had a landlord refuse repairs. We can help.",
    ],
)
def test_questions_and_invitations_without_a_question_mark(check, body):
    assert check(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Mardi à 14 h, atelier sur votre bail au local du comité. Le café est offert.",
        "Qu’est-ce qu’on s’est amusés à la fête de quartier samedi ! Merci à tous.",
        "Atelier mardi. Inscrivez-vous au local, et rendez-vous au sous-sol de l’église.",
        "« On a enfin gagné », lance-t-elle devant le 5400 Masson.",
        "« On a enfin gagné », a-t-elle expliqué devant le 5400 Masson.",
        "Inscription à l’atelier : comitelogement.example.org/inscription?atelier=bail",
        "Thank you to the 40 volunteers of the block party. Have a great weekend, everyone.",
        "What a day it was! More than 300 neighbours came to the block party.",
        "Lien en commentaire pour le formulaire d’inscription.",
    ],
)
def test_no_question_and_no_invitation_is_a_warning(check, body):
    assert codes(check(body)) == ["PL300"]


def test_the_warning_is_on_the_first_line_of_the_text(check):
    (found,) = check("Atelier mardi à 14 h au local.\nLe café est offert.")
    code, line, column, end_column, severity, message = found
    assert (code, line, column, end_column, severity) == ("PL300", 6, 1, 31, "warning")
    assert "question" in message


def test_the_message_is_in_french_with_french_typography(check):
    (found,) = check("Atelier mardi à 14 h au local. Le café est offert.", lang="fr")
    assert "question" in found[5] and "\u202f?" in found[5]


def test_engagement_bait_counts_as_a_request_so_only_the_bait_is_reported(check):
    assert codes(check("Le jardin ouvre samedi. Commentez OUI pour une parcelle.")) == ["PL301"]


def test_a_text_in_a_language_without_lexicon_is_left_alone(check):
    body = "El martes a las dos, taller sobre su contrato de alquiler en el local del comité."
    assert check(body, strategy={"language": "fr", "personas": {"p": {"languages": ["es"]}}}) == []


# --- PL300 engagement: per platform ---------------------------------------------------------------

NO_QUESTION = "Mardi à 14 h, atelier sur votre bail au local du comité. Le café est offert."


def test_platforms_off_silences_the_rule_for_drafts_only_for_those_platforms(check):
    strategy = {"rules": {"engagement": {"platforms_off": ["linkedin"]}}}
    assert check(NO_QUESTION, "linkedin", strategy) == []
    assert codes(check(NO_QUESTION, "[linkedin, facebook]", strategy)) == ["PL300"]
    assert codes(check(NO_QUESTION, "facebook", strategy)) == ["PL300"]


def test_platforms_off_takes_platform_aliases(check):
    strategy = {"rules": {"engagement": {"platforms_off": ["Twitter", "nowhere"]}}}
    assert check(NO_QUESTION, "x", strategy) == []


def test_platforms_info_lowers_the_finding_to_an_info(check):
    strategy = {"rules": {"engagement": {"platforms_info": ["linkedin"], "platforms_off": ["x"]}}}
    assert [f[4] for f in check(NO_QUESTION, "linkedin", strategy)] == ["info"]
    assert [f[4] for f in check(NO_QUESTION, "[linkedin, x]", strategy)] == ["info"]
    assert [f[4] for f in check(NO_QUESTION, "[linkedin, facebook]", strategy)] == ["warning"]


def test_the_rule_can_be_turned_off(check):
    assert check(NO_QUESTION, strategy={"rules": {"PL300": "off"}}) == []


# --- PL301 engagement-bait ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "words"),
    [
        ("Le jardin ouvre samedi. Commentez OUI si vous voulez une parcelle.", "comment", "Commentez OUI si"),
        ("Le jardin ouvre samedi. Commente OUI pour une parcelle.", "comment", "Commente OUI pour"),
        ("Le jardin ouvre samedi. Tapez 1 si vous venez.", "comment", "Tapez 1 si"),
        (
            "Le jardin ouvre samedi. Écrivez « moi » en commentaire.",
            "comment",
            "Écrivez « moi » en commentaire",
        ),
        ("Souper vendredi au local. Identifiez un ami qui adore cuisiner !", "tag", "Identifiez un ami"),
        ("Souper vendredi au local. Identifie ton meilleur ami !", "tag", "Identifie ton meilleur ami"),
        ("Souper vendredi au local. Taguez 3 personnes !", "tag", "Taguez 3 personnes"),
        (
            "Un registre des loyers nous protégerait. Partagez si vous êtes d’accord !",
            "conditional",
            "Partagez si",
        ),
        (
            "Un registre des loyers nous protégerait. Partage-le si t’es d’accord !",
            "conditional",
            "Partage-le si",
        ),
        ("La fête revient le 14 juin. Likez si vous serez là !", "conditional", "Likez si"),
        ("Si vous êtes d’accord, partagez !", "conditional", "Si vous êtes d’accord, partagez"),
        ("Projet de ruelle : ❤️ pour un jardin, 👍 pour des jeux.", "vote", "❤️ pour un jardin, 👍 pour"),
        ("Votez avec une réaction pour le projet de ruelle.", "vote", "Votez avec une réaction"),
        ("Aimez cette publication pour nous encourager.", "react", "Aimez cette publication"),
        ("Partagez cette publication pour courir la chance de gagner deux billets.", "prize", None),
        ("The garden opens Saturday. Comment YES if you want a plot!", "comment", "Comment YES if"),
        ("The roof is finally being fixed. Type AMEN below!", "comment", "Type AMEN below"),
        ("Community supper on Friday. Tag a friend who loves to cook!", "tag", "Tag a friend"),
        ("A rent registry would protect us all. Like if you agree!", "conditional", "Like if"),
        ("A rent registry would protect us all. Share if you agree!", "conditional", "Share if"),
        ("Alley project: vote with a reaction, ❤️ for a garden, 👍 for a playground.", "vote", None),
        ("Share this post for a chance to win two tickets!", "prize", None),
    ],
)
def test_engagement_bait(check, body, kind, words):
    found = check(body)
    assert codes(found) == ["PL301"]
    bait = engagement.baits(_draft(body))
    assert [b.kind for b in bait] == [kind]
    if words:
        assert bait[0].text == words
        assert f'"{words}"' in found[0][5]
    assert "December 2017" in found[0][5]


@pytest.mark.parametrize(
    "body",
    [
        "Le comité embauche. Partagez l’offre d’emploi à quelqu’un qui pourrait être intéressé.",
        "La pétition en est à 2 000 signatures. Aidez-nous à la faire connaître autour de vous !",
        "Le plan du jardin est affiché. Commentez AVANT vendredi, on vous écoute.",
        "On embauche. Identifiez quelqu’un qui pourrait être intéressé par le poste.",
        "Partagez si vous connaissez quelqu’un qui cherche un logement.",
        "Samedi, on marche pour le droit au logement. Dites OUI au logement social !",
        "Nous avons identifié deux personnes ressources pour la permanence.",
        "On partage si souvent nos idées au comité.",
        "J’aime cette photo de la fête de quartier.",
        "Identifiez-nous dans vos photos de la fête.",
        "Partagez s’il vous plaît la date de l’assemblée.",
        "Our free legal clinic is open every Tuesday. Share this with someone who needs it.",
        "Saturday at 1 pm, we march for the right to housing. Say NO to renovictions!",
        "More than 300 neighbours came. Tag us in your photos!",
        "It looks like if we all sign, the city will listen.",
        "Like and share to spread the word about the rent registry.",
        "Tag someone who might be interested in this job.",
        "Lien vers le formulaire : exemple.org/partagez-si-vous-aimez",
    ],
)
def test_genuine_requests_and_look_alikes_are_not_bait(check, body):
    assert "PL301" not in codes(check(body))


def test_bait_is_reported_on_its_words(check):
    (found,) = check("Le jardin ouvre samedi.\nCommentez OUI si vous voulez une parcelle.")
    assert found[:5] == ("PL301", 7, 1, 17, "warning")


def test_each_bait_is_reported_once(check):
    found = check("Identifiez un ami ! Et partagez si vous êtes d’accord.")
    assert codes(found) == ["PL301", "PL301"]


def _draft(text: str):
    from pathlib import Path

    from postlint.draft import Draft

    draft = Draft(path="draft.md", file=Path("draft.md"))
    draft.text = text
    return draft


def test_baits_are_computed_once_per_draft():
    draft = _draft("Tag a friend!")
    assert engagement.baits(draft) is engagement.baits(draft)


# --- the lexicons ----------------------------------------------------------------------------------

LEXICONS = [
    (lang, name)
    for lang in ("fr", "en")
    for name in ("engagement", "engagement-bait")
    if (rules_dir() / "lexicons" / lang / f"{name}.yaml").is_file()
]


def _sections(data: dict) -> dict[str, list]:
    found = {key: data[key] for key in ("question_phrases", "invitations") if key in data}
    found.update(data.get("kinds") or {})
    if data.get("genuine"):
        found["genuine"] = data["genuine"]["words"]
    return found


@pytest.mark.parametrize(("lang", "name"), LEXICONS, ids=lambda v: str(v))
def test_lexicon_files_name_their_sources_and_licence(lang, name):
    header = (rules_dir() / "lexicons" / lang / f"{name}.yaml").read_text(encoding="utf-8")[:2000]
    assert "Source" in header and "Licence" in header


@pytest.mark.parametrize(("lang", "name"), LEXICONS, ids=lambda v: str(v))
def test_every_lexicon_entry_parses_and_matches_one_of_its_examples(lang, name):
    data = load_rules_yaml(f"lexicons/{lang}/{name}.yaml")
    examples = data.get("examples") or {}
    missing = []
    for section, entries in _sections(data).items():
        for entry in entries:
            pattern = phrase_patterns.entry_pattern(entry, lang)
            if not any(pattern.search(text) for text in examples.get(section) or ()):
                missing.append(f"{section}: {entry}")
    assert missing == []


def test_the_phrase_books_find_every_entry_in_its_examples():
    """The word index (requirements) must never hide an entry that matches."""
    books = {"engagement": engagement._phrase_book(), "engagement-bait": engagement._bait_book()[0]}
    names = {"question": "question_phrases", "invitation": "invitations"}
    hidden = []
    for name, book in books.items():
        for phrase in book.phrases:
            section = phrase.section if isinstance(phrase.section, str) else phrase.section[1]
            data = load_rules_yaml(f"lexicons/{phrase.lang}/{name}.yaml")
            texts = (data.get("examples") or {}).get(names.get(section, section)) or []
            if not any(found is phrase for text in texts for found, _m in book.scan(text)):
                hidden.append(phrase.entry)
    assert hidden == []


# --- the phrase notation -----------------------------------------------------------------------


def matches(entry: str, text: str, lang: str = "fr") -> str | None:
    m = phrase_patterns.entry_pattern(entry, lang).search(text)
    return m.group() if m else None


@pytest.mark.parametrize("form", ["commente", "commentez", "commentons", "commenter", "Commentez"])
def test_a_lemma_matches_the_forms_of_its_verb(form):
    assert matches("<commenter> $word", f"{form} OUI") == f"{form} OUI"


def test_alternatives_groups_and_whole_words():
    assert matches("votre|vos avis", "Donnez vos avis") == "vos avis"
    assert matches("(à votre avis|selon vous)", "Selon vous, quoi ?") == "Selon vous"
    assert matches("est-ce (que|qu')", "Est-ce qu’il pleut") == "Est-ce qu’"
    assert matches("avis", "les aviseurs") is None


def test_hyphens_and_apostrophes_are_flexible():
    assert matches("<dire>-nous", "dites nous tout") == "dites nous"
    assert matches("<dire>-nous", "Dis-nous tout") == "Dis-nous"
    assert matches("qu'en pensez-vous", "Qu’en pensez-vous") == "Qu’en pensez-vous"


def test_gaps():
    assert matches("<identifier> * amis", "identifiez tous vos amis") == "identifiez tous vos amis"
    assert matches("<identifier> * amis", "identifiez un, deux, trois amis") is None
    assert (
        matches("$emoji pour … $emoji pour", "❤️ pour le parc, 👍 pour la ruelle") == "❤️ pour le parc, 👍 pour"
    )


def test_slots():
    assert matches("tapez $word $end", "Tapez OUI !") == "Tapez OUI"
    assert matches("tapez $word $end", "Tapez oui !") is None  # a given word is in capitals, a number…
    assert matches("tapez $word $end", "Tapez « oui ».") == "Tapez « oui »"
    assert matches("tapez $word $end", "Tapez AVANT vendredi") is None  # …and ends the clause
    assert matches("partagez avec $num amis", "Partagez avec 10 amis") == "Partagez avec 10 amis"
    assert matches("partagez avec $num amis", "Partagez avec un ami") is None
    assert matches("give $money", "Give $20 today", "en") == "Give $20"
    assert matches("donnez $money", "Donnez 20 $ aujourd’hui") == "Donnez 20 $"


@pytest.mark.parametrize("entry", ["(a|b", "a) b", "$mot", "(a|)", "* …", "a(b|c)"])
def test_bad_entries_are_refused(entry):
    with pytest.raises(phrase_patterns.PatternError):
        phrase_patterns.entry_pattern(entry, "fr")


def test_a_named_phrase_book_is_kept_worked_out_and_follows_its_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    sections = [
        (("fr", "ask"), "fr", ["<partager> * publication", "selon|d'après vous"]),
        ("q", "en", ["<share> it"]),
    ]
    text = "Partagez notre publication ! Selon vous ? Sharing it."

    def seen(book):
        return [
            (p.section, p.entry, p.lang, p.requirements, p.emoji_needed, m.span()) for p, m in book.scan(text)
        ]

    fresh = seen(phrase_patterns.PhraseBook(sections))  # no name: not kept
    assert list(tmp_path.glob("phrases_*")) == []
    assert seen(phrase_patterns.PhraseBook(sections, name="test")) == fresh
    assert len(fresh) == 3 and len(list(tmp_path.glob("phrases_test-*.marshal"))) == 1

    def not_again(sections):
        raise AssertionError("worked out again")

    with monkeypatch.context() as patched:
        patched.setattr(phrase_patterns, "_book", not_again)
        assert seen(phrase_patterns.PhraseBook(sections, name="test")) == fresh  # read back
    changed = [(("fr", "ask"), "fr", ["<partager> * publication"]), ("q", "en", ["<share> it"])]
    assert len(seen(phrase_patterns.PhraseBook(changed, name="test"))) == 2
    assert len(list(tmp_path.glob("phrases_test-*.marshal"))) == 1  # the other entries' copy went


def test_a_named_pattern_of_entries_is_kept_worked_out_and_follows_its_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    entries = ["<partager>", "selon vous"]
    text = "Nous partagerons, vous partagez, selon vous ? Partageons !"
    fresh = phrase_patterns.compile_entries(entries, "fr")  # no name: not kept
    assert list(tmp_path.glob("entries_*")) == []
    assert len(fresh.findall(text)) == 4
    assert phrase_patterns.compile_entries(entries, "fr", name="test").pattern == fresh.pattern
    assert len(list(tmp_path.glob("entries_test-*.marshal"))) == 1

    def not_again(*args):
        raise AssertionError("worked out again")

    with monkeypatch.context() as patched:
        patched.setattr(phrase_patterns, "_forms_index", not_again)
        patched.setattr(phrase_patterns, "entry_regex", not_again)
        kept = phrase_patterns.compile_entries(entries, "fr", name="test")  # read back
        assert kept.pattern == fresh.pattern and kept.flags == fresh.flags
    fewer = phrase_patterns.compile_entries(entries[:1], "fr", name="test")
    assert fewer.findall(text) == ["partagerons", "partagez", "Partageons"]
    assert len(list(tmp_path.glob("entries_test-*.marshal"))) == 1  # the other entries' copy went
    assert phrase_patterns.compile_entries([" ", ""], "fr", name="test") is None


def test_a_phrase_book_runs_only_the_entries_whose_words_are_in_the_text():
    book = phrase_patterns.PhraseBook(
        [("s", "fr", ["selon|d'après vous", "et vous ,", "$emoji = … $emoji ="])]
    )
    assert [p.entry for p in book.candidates(phrase_patterns.words("Selon vous"), emoji=0)] == [
        "selon|d'après vous"
    ]
    assert [p.entry for p in book.candidates(phrase_patterns.words("vous"), emoji=2)] == [
        "$emoji = … $emoji ="
    ]
    found = book.scan("D’après vous, et vous, rien ?")
    assert [(p.entry, m.group()) for p, m in found] == [
        ("selon|d'après vous", "D’après vous"),
        ("et vous ,", "et vous,"),
    ]
