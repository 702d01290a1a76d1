"""Tone (PL310): the score's rules (negation, intensifiers, capitals, "!", emoji, phrases), the
threshold parameter, the opt-out, both languages, the lexicon files and the evaluation script."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from postlint import catalogue, engine, nlp
from postlint.checks import tone
from postlint.resources import rules_dir
from tests.conftest import ROOT

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"
ANGRY_FR = (
    "Encore une hausse de loyer scandaleuse ! C’est honteux : les propriétaires abusent "
    "et la Ville s’en fout complètement. Vous aussi, vous en avez marre ?"
)
ANGRY_EN = (
    "Another outrageous rent hike! Landlords are greedy and the city just doesn't care. "
    "We are sick and tired of it. Are you?"
)


def tone_of(text: str, lang: str = "fr") -> tone.Tone:
    """The tone of a text, as the rule computes it for a draft with that text."""
    return tone.score(nlp.pipeline(lang, lemmas=True)(text), lang, text)


def words_of(text: str, lang: str = "fr") -> dict[str, float]:
    """The scored words of a text (as the finding names them) and their final scores."""
    found = tone_of(text, lang)
    return {text[w.start : w.end]: w.score for s in found.sentences for w in s.words}


def plain(message: str) -> str:
    """A message with French typography's no-break spaces made ordinary spaces."""
    return message.replace("\u00a0", " ").replace("\u202f", " ")


def findings(write, body, front="platform: facebook\n", strategy=None, lang="fr"):
    write("postlint.yaml", yaml.safe_dump(strategy or {"language": "fr"}, allow_unicode=True))
    path = write("draft.md", f"---\n{front}lang: {lang}\n{IMAGE}---\n{body}\n")
    report = engine.check_paths([str(path)], engine.Options(lang="fr"))
    return [f for f in report.findings if f.code == "PL310"]


# --- negation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("C’est pas mal du tout !", "fr"),
        ("Ce n’est pas mal.", "fr"),
        ("Sans problème, on s’en occupe.", "fr"),
        ("Aucun problème pour cette fois.", "fr"),
        ("Not bad at all!", "en"),
        ("It wasn't bad.", "en"),
    ],
)
def test_a_negated_negative_word_turns_positive(text, lang):
    result = tone_of(text, lang)
    assert result.negativity == 0 and result.compound > 0


@pytest.mark.parametrize(
    ("text", "negated", "lang"),
    [
        ("Nous ne sommes pas contents.", "pas contents", "fr"),
        ("On n’est jamais contents de ces rencontres.", "jamais contents", "fr"),
        ("We are not happy.", "not happy", "en"),
        ("The city doesn't care.", "doesn't care", "en"),
    ],
)
def test_a_negated_positive_word_turns_negative_and_is_named_with_its_negation(text, negated, lang):
    assert words_of(text, lang)[negated] < 0
    assert tone_of(text, lang).negativity > 0


def test_a_negation_weakens_as_well_as_turns_around():
    assert words_of("Pas content.")["Pas content"] == pytest.approx(-0.74 * words_of("Content.")["Content"])


def test_a_negation_does_not_reach_past_a_comma():
    assert words_of("Pas question, c’est triste.")["triste"] < 0


def test_ne_and_pas_together_turn_a_word_around_once():
    assert words_of("Je ne suis pas triste.")["pas triste"] > 0


# --- intensifiers, softeners, capitals, "!" --------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "stronger", "lang"),
    [
        ("C’est triste.", "C’est très triste.", "fr"),
        ("C’est triste.", "C’est vraiment triste.", "fr"),
        ("That is sad.", "That is so sad.", "en"),
        ("That is sad.", "That is really sad.", "en"),
        ("C’est triste.", "C’est TRISTE.", "fr"),
        ("That is sad.", "That is SAD.", "en"),
        ("C’est triste.", "C’est triste !!!", "fr"),
        ("That is sad.", "That is sad!!", "en"),
    ],
)
def test_intensifiers_capitals_and_exclamation_marks_make_a_sentence_more_negative(plain, stronger, lang):
    assert tone_of(stronger, lang).negativity > tone_of(plain, lang).negativity > 0


def test_a_softener_makes_a_word_weaker():
    assert 0 < tone_of("C’est un peu triste.").negativity < tone_of("C’est triste.").negativity


def test_a_sentence_all_in_capitals_gets_no_capitals_bonus():
    assert tone_of("C’EST TRISTE.").negativity == pytest.approx(tone_of("C’est triste.").negativity)


def test_quebec_pas_mal_before_a_scored_word_is_an_intensifier():
    assert tone_of("C’est pas mal pire que l’an passé.").negativity > tone_of("C’est pire.").negativity


def test_an_intensifier_that_is_also_a_word_counts_once():
    assert list(words_of("C’est super triste.")) == ["triste"]
    assert words_of("C’est super !")["super"] > 0


def test_after_but_words_count_more_than_before():
    assert tone_of("C’est bien, mais c’est triste.").negativity > 0
    assert tone_of("It is sad, but it is great.").negativity == 0


# --- emoji, phrases, names, compounds, remedies ----------------------------------------------------


def test_emoji_and_emoticons_count_and_are_not_turned_around():
    assert words_of("Encore des coupes 😡")["😡"] < 0
    assert words_of("Bravo 👍🏽")["👍"] > 0  # the skin tone is a token of its own
    assert words_of("Merci ❤️")["❤"] > 0  # with a variation selector
    assert words_of("Je n’ai pas tout compris 😂")["😂"] > 0
    assert tone_of("Bad day :(", "en").negativity > tone_of("Bad day", "en").negativity


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("C’est du grand n’importe quoi.", "n’importe quoi"), ("Ça suffit !", "Ça suffit")],
)
def test_phrases_of_several_words_are_scored_as_one(text, phrase):
    assert words_of(text)[phrase] < 0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La piscine ouvrira plus tard, faute de personnel.", "fr"),
        ("Conférence sur la crise du logement jeudi.", "fr"),
        ("On lâche rien !", "fr"),
        ("Mauvaise nouvelle, mais on ne lâche pas.", "fr"),
        ("Bad news, but we're not giving up.", "en"),
        ("A talk on the housing crisis on Thursday.", "en"),
        ("The new bus stop is open.", "en"),
    ],
)
def test_phrases_that_are_not_negative(text, lang):
    assert tone_of(text, lang).negativity == 0


def test_a_name_in_the_middle_of_a_sentence_is_not_scored():
    assert "Triste" not in words_of("Rencontre avec Paul Triste jeudi.")
    assert words_of("Triste nouvelle.")["Triste"] < 0  # first word of the sentence
    assert words_of("Quelle journée #Honte")["Honte"] < 0  # a hashtag


def test_words_of_a_camel_case_hashtag_are_scored():
    assert words_of("Quelle journée #HonteÀLaVille")["HonteÀLaVille"] < 0


def test_a_hyphenated_compound_is_not_scored_by_its_parts():
    assert words_of("A stress-free afternoon.", "en") == {}


def test_lemmas_match_inflected_forms():
    assert words_of("Ils sont furieux.")["furieux"] < 0
    assert words_of("Elles sont furieuses.")["furieuses"] < 0  # lemma "furieux"
    assert words_of("Nous détruisons tout.")["détruisons"] < 0  # lemma "détruire"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Aidez-nous à prévenir les expulsions abusives.", "fr"),
        ("Une marche contre la violence.", "fr"),
        ("Help us prevent abusive evictions.", "en"),
        ("A walk against violence.", "en"),
    ],
)
def test_a_problem_being_solved_is_not_negative(text, lang):
    assert tone_of(text, lang).negativity == 0


def test_a_question_about_a_problem_counts_half():
    asked = tone_of("Un problème avec votre propriétaire ?").negativity
    stated = tone_of("Un problème avec votre propriétaire.").negativity
    assert 0 < asked < stated


def test_a_long_post_is_judged_on_its_density():
    neutral = " Le local est ouvert du lundi au jeudi, de 9 h à 17 h, au 5350 rue Lafond."
    short = tone_of("Quelle honte.")
    long = tone_of("Quelle honte." + neutral * 5)
    assert short.negativity > long.negativity > 0


def test_a_form_pinned_at_zero_is_not_read_as_its_lemma():
    assert tone.lexicon("fr").words.get("privée") == 0  # its lemma, "priver", is negative
    assert tone_of("Une entreprise privée italienne.").negativity == 0


def test_worst_sentence_and_a_language_without_lexicon():
    result = tone_of("Merci à tous. C’est scandaleux et honteux. Bonne journée.")
    worst = result.worst()
    assert worst is not None and "scandaleux" in [w.text for w in worst.words]
    assert tone.score(nlp.pipeline("es", lemmas=True)("Es terrible."), "es") is None


# --- the rule: threshold, opt-out, both languages, the finding -------------------------------------


def test_a_negative_french_post_fires_on_its_worst_sentence(write):
    (finding,) = findings(write, ANGRY_FR)
    assert finding.severity == "warning" and finding.line == 7
    message = plain(finding.message)
    assert "« honteux »" in message and "« abusent »" in message and "« C’est honteux" in message
    assert "ignore: [tone]" in message and "indignation" in message and "remerciez" in message


def test_a_negative_english_post_fires(write):
    (finding,) = findings(write, ANGRY_EN, lang="en")
    assert "« sick »" in plain(finding.message) and "« tired »" in plain(finding.message)


@pytest.mark.parametrize(
    "body",
    [
        "Pas mal du tout, notre soirée d’hier ! Merci aux 40 voisins venus : on recommence le 12 mars ?",
        "Merci à nos bénévoles ! Malgré la pluie et le froid, vous avez cogné à 700 portes. Bravo !",
        "Vous avez reçu un avis de hausse ? Vous pouvez refuser la hausse sans perdre votre logement. "
        "Venez nous voir mardi : on vous aide à écrire votre réponse.",
    ],
)
def test_look_alikes_stay_quiet(write, body):
    assert findings(write, body) == []


def test_the_threshold_parameter_changes_what_fires(write):
    body = "La réunion est reportée, malheureusement. On vous tient au courant."
    score = tone_of(body).negativity
    assert 0.2 < score < 0.9
    assert len(findings(write, body)) == 1  # shipped threshold
    assert findings(write, body, strategy={"language": "fr", "rules": {"tone": {"threshold": 0.9}}}) == []
    low = {"language": "fr", "rules": {"tone": {"threshold": 0.1}}}
    assert len(findings(write, "C’est un peu bizarre.", strategy=low)) == 1
    assert findings(write, "C’est un peu bizarre.") == []


def test_a_draft_can_opt_out_in_its_front_matter(write):
    front = "platform: facebook\npostlint: {ignore: [tone]}\n"
    assert findings(write, ANGRY_FR, front=front) == []


def test_the_score_in_the_message_is_written_the_french_way(write):
    (finding,) = findings(write, ANGRY_FR)
    assert re.search(r"score 0,\d+", finding.message) and "seuil 0,2)" in finding.message


# --- lexicons ------------------------------------------------------------------------------------


def test_the_french_word_list_names_its_sources_and_licences_and_parses():
    text = (rules_dir() / "lexicons" / "fr" / "tone-words.txt").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.split("\n") if line.startswith("#"))
    for needed in ("vaderSentiment-fr", "MIT", "textblob-fr", "PDDL", "Pattern", "No NRC- or FEEL"):
        assert needed in header
    entries = [line for line in text.split("\n") if line and not line.startswith("#")]
    assert len(entries) > 2000
    for line in entries:
        word, score, source = line.split("\t")
        assert word == word.lower().strip() and -4 <= float(score) <= 4
        assert source in ("vader-fr", "textblob-fr", "postlint")


def test_the_english_lexicon_is_vaders_with_the_changes_of_tone_yaml():
    lex = tone.lexicon("en")
    assert lex.words["horrible"] < 0 and "poverty" not in lex.words and "no" not in lex.words
    assert "no" in lex.negators  # a negation, not a word of its own


def test_emoji_are_scored_the_same_in_every_language():
    assert tone.lexicon("fr").emoji == tone.lexicon("en").emoji


def test_every_rule_file_of_tone_names_its_source():
    for lang in ("fr", "en"):
        head = (rules_dir() / "lexicons" / lang / "tone.yaml").read_text(encoding="utf-8")[:1500]
        assert "VADER" in head and "MIT" in head and "postlint" in head


def test_the_shipped_threshold_is_the_one_documented():
    rule = catalogue.get("tone")
    assert rule.params["threshold"] == 0.2
    assert rule.guide == {"section": "Pratiques gagnantes", "tip": 4}


# --- the evaluation script ----------------------------------------------------------------------


def test_the_evaluation_skips_cleanly_without_data(tmp_path, capsys):
    from eval import tone_eval

    assert tone_eval.main(["--data", str(tmp_path)]) == 0
    assert "nothing to measure" in capsys.readouterr().out


def test_the_evaluation_reads_rows_on_newlines_only(tmp_path, capsys):
    from eval import tone_eval

    data = (
        "label\ttext\tsplit\n"
        "negative\tC’est honteux\u2028et scandaleux !\ttrain\n"
        "positive\tMerci à tous !\ttrain\n"
    )
    (tmp_path / "fr_deft2017_train_val.tsv").write_text(data, encoding="utf-8")
    rows = tone_eval.read_rows(tmp_path / "fr_deft2017_train_val.tsv")
    assert [r["label"] for r in rows] == ["negative", "positive"]
    assert tone_eval.main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "100.0%" in out and "shipped threshold" in out


def test_a_draft_that_cannot_be_negative_loads_no_language_tool(tmp_path):
    """No negative word, no negation of a positive word, no negative emoji: the rule says nothing
    without detecting the language or building the Doc (no spaCy, no wordfreq, no langdetect)."""
    draft = tmp_path / "draft.md"
    body = "Merci à toutes et à tous ! Bravo 🎉"
    draft.write_text(f"---\nplatform: facebook\n{IMAGE}---\n{body}\n", encoding="utf-8")
    (tmp_path / "postlint.yaml").write_text("{}", encoding="utf-8")
    code = (
        "import sys\n"
        "from postlint import engine\n"
        f"report = engine.check_paths([{str(draft)!r}], engine.Options(lang='en', select=['tone']))\n"
        "assert report.findings == [], report.findings\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'wordfreq', 'langdetect')]\n"
        "assert heavy == [], heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_cheap_look_never_skips_what_the_score_would_report():
    for text in (ANGRY_FR, ANGRY_EN, "Pas content.", "Quelle journée #HonteÀLaVille", "Bravo 😡", "Ouin :("):
        assert tone.might_be_negative(text)
    assert not tone.might_be_negative("Merci à toutes et à tous ! Bravo 🎉")


def test_the_cheap_look_skips_what_is_only_in_links_or_elisions():
    link = "Tous les détails : https://www.example.org/rapport :/ ici"
    assert tone.might_be_negative(link)  # the emoticon after the link is one
    quiet = "Merci à l'équipe d'accueil ! Tous les détails : https://www.example.org/rapport-annuel.pdf"
    assert not tone.might_be_negative(
        quiet, [(m.start(), m.end()) for m in re.finditer(r"https://\S+", quiet)]
    )
    assert tone.might_be_negative("Quelle semaine h8 !")  # "h8": no run of two letters, found as written


def _mixed_texts(count: int) -> list[str]:
    """Texts made of every kind of piece the cheap look must not overlook: words of the lexicons
    (negative, positive, negations), elisions, emoji and emoticons, links (bare, Markdown, cut
    short), hashtags, capitals and punctuation, in random order."""
    import random

    rnd = random.Random(11)
    entries = [tone._entries(lang)[0] for lang in tone.languages()]
    negative = sorted({k for e in entries for k, v in e.items() if v < 0})
    positive = sorted({k for e in entries for k, v in e.items() if v > 0})
    negators = sorted({str(w) for lang in tone.languages() for w in tone._entries(lang)[1]["negators"]})
    plain = ["le", "la", "les", "un", "une", "des", "et", "à", "de", "pour", "avec", "nous", "vous"]
    plain += ["the", "a", "of", "and", "to", "we", "you", "our", "quartier"]
    odd = ["l'été", "d'accord", "n'est", "c'est", "qu'on", "h8", "d:<", "o_o", ":/", ":(", ":)"]
    odd += ["😡", "🎉", "😢"]
    links = [
        "https://www.example.org/rapport-annuel-2026.pdf",
        "[le rapport](https://www.example.org/triste-nouvelle)",
        "exemple.ca/crise",
        "https://",
        "http://x",
        "bit.ly/3xYz9Qk",
    ]
    tags = ["#HonteÀLaVille", "#crise", "#MTL", "#DroitAuLogement"]
    marks = [".", "!", "?", ",", ":", "\n\n", "—"]
    # each kind of piece up to its share of the pieces, added up (negative words 4%, positive 10%...)
    shares = [(0.04, negative), (0.14, positive), (0.22, negators), (0.34, odd), (0.42, links)]
    shares += [(0.46, tags), (0.56, marks), (1.0, plain)]
    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rnd.randint(3, 25)):
            kind = rnd.random()
            pieces.append(rnd.choice(next(words for share, words in shares if kind < share)))
            if rnd.random() < 0.1:
                pieces[-1] = pieces[-1].upper()
        texts.append(" ".join(pieces) if rnd.random() < 0.8 else "".join(pieces))
    return texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_cheap_look_is_false_only_when_the_score_finds_nothing_negative(lang):
    from postlint import entities

    pipe = nlp.pipeline(lang)
    quiet = 0
    for text in _mixed_texts(1500):
        links = [(link.start, link.end) for link in entities.urls(text)]
        if tone.might_be_negative(text, links):
            continue
        quiet += 1
        doc = pipe.tokenizer(text)
        result = tone.score_tokens(nlp.tokens_of(doc, lang, text), lang, text, links)
        assert not [w for s in result.sentences for w in s.words if w.score < 0], text
    assert quiet > 100  # the property was tried on enough texts


def test_the_negative_emoji_are_found_where_one_pattern_of_them_finds_them():
    emoji = tone._triggers().emoji
    texts = _mixed_texts(500) + [
        "",
        ":",
        "::/",
        "a:(b",
        ":-/ :/",
        "☹",
        "x👎",
        "🎉😡",
        "😀 🎉 ✨ :) <3",
        "</3",
    ]
    for text in texts:
        expected = emoji.pattern.search(text)
        found = emoji.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
    assert sum(emoji.search(text) is not None for text in texts) > 50  # tried on texts that have some
    assert tone._AnyOf(["ab", ""]).search("xab").span() == (0, 0)  # as "ab|" finds it


def test_the_longest_run_of_a_key_is_the_same_with_or_without_the_regex():
    from postlint import nlp

    keys = {tone._key(w) for lang in tone.languages() for w in tone._entries(lang)[0]}
    keys |= {tone._key(form) for lang in tone.languages() for form in nlp.lemma_table(lang)}
    keys |= {
        "ça",
        "bien-être",
        "œuvre",
        "l'été",
        "covid19",
        "été2024",
        "ﬁn",
        "东京",
        "straße",
        "ǆ",
        "ÀlaVille",
    }
    by_regex = {key: max(tone._LETTERS.findall(key) or [key], key=len).lower() for key in keys}
    assert {key: tone._longest_run(key) for key in keys} == by_regex
    assert sum(tone._LOWER_LATIN.fullmatch(key) is not None for key in keys) > len(keys) / 2  # the quick way


def test_the_kept_trigger_words_are_the_ones_worked_out_and_follow_the_lexicon(tmp_path, monkeypatch):
    """The words that make a text possibly negative are read back from the data folder as they
    were worked out, and worked out again when a lexicon changes."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    tone._triggers.cache_clear()
    try:
        first = tone._triggers()  # worked out, then kept
        assert len(list(tmp_path.glob("tone_triggers-*.marshal"))) == 1

        def not_again():
            raise AssertionError("worked out again")

        with monkeypatch.context() as patched:
            patched.setattr(tone, "_trigger_words", not_again)
            tone._triggers.cache_clear()
            assert tone._triggers() == first  # read back

        entries = tone._entries

        def one_more_word(lang):
            words, conf = entries(lang)
            return {**words, "zorglub": -2.0}, conf

        monkeypatch.setattr(tone, "_entries", one_more_word)
        tone._triggers.cache_clear()
        changed = tone._triggers()
        assert "zorglub" in changed.negative and "zorglub" not in first.negative
        assert changed.negative - {"zorglub"} == first.negative
    finally:
        tone._triggers.cache_clear()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_kept_lexicon_keys_are_the_ones_read_from_the_word_lists(tmp_path, monkeypatch, lang):
    """A language's scored words are read from its word list once, then back from the data folder;
    read again when postlint's code or rules change."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path))
    conf = tone._entries(lang)[1]
    first = tone._kept_keys(lang, conf)
    assert first == tone._keys(lang, conf) and len(first) > 1000
    assert len(list(tmp_path.glob(f"tone_keys_{lang}-*.marshal"))) == 1
    calls = []

    def counted(lang, conf):
        calls.append(lang)
        return {"zorglub": -2.0}

    monkeypatch.setattr(tone, "_keys", counted)
    assert tone._kept_keys(lang, conf) == first and calls == []  # read back
    from postlint import cache

    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version")
    assert tone._kept_keys(lang, conf) == {"zorglub": -2.0} and calls == [lang]
