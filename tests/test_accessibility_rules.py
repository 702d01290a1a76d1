"""Accessibility: fancy letters (PL150), too many emoji (PL151), emoji in place of words (PL152),
whole sentences in capitals (PL153)."""

from __future__ import annotations

import pytest
import yaml

from postlint import engine


@pytest.fixture
def check(tmp_path):
    """Findings of the accessibility rules on one draft: [(code, line, column, end_column, suggestion,
    message)]."""

    def _check(body: str, platform="mastodon", strategy=None, lang="en", front=""):
        (tmp_path / "postlint.yaml").write_text(yaml.safe_dump(strategy or {}), encoding="utf-8")
        draft = tmp_path / "draft.md"
        draft.write_text(f"---\nplatform: {platform}\n{front}---\n{body}\n", encoding="utf-8")
        report = engine.check_paths([str(draft)], engine.Options(lang=lang, select=["accessibility"]))
        return [(f.code, f.line, f.column, f.end_column, f.suggestion, f.message) for f in report.findings]

    return _check


def of(findings, code):
    return [f for f in findings if f[0] == code]


# --- PL150 fancy-text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fancy", "plain"),
    [
        ("𝐆𝐫𝐚𝐧𝐝𝐞 𝐟𝐞̂𝐭𝐞", "Grande fête"),  # bold, with a combining accent
        ("𝐅ê𝐭𝐞", "Fête"),  # an ordinary accented letter inside the run
        ("𝑀𝑒𝑟𝑐𝑖 ℎ𝑖𝑒𝑟", "Merci hier"),  # italic, with ℎ filling the hole of the alphabet
        ("𝒫𝓁ℯ𝒶𝓈ℯ", "Please"),  # script with ℯ
        ("𝔊𝔬𝔱𝔥𝔦𝔮𝔲𝔢", "Gothique"),  # fraktur
        ("𝕄𝕠𝕟𝕥𝕣é𝕒𝕝", "Montréal"),  # double-struck
        ("𝚌𝚘𝚍𝚎 𝟸𝟶𝟸𝟼", "code 2026"),  # monospace letters and digits
        ("ＦＵＬＬ ｗｉｄｔｈ １２", "FULL width 12"),  # fullwidth
        ("Ⓒⓘⓡⓒⓛⓔ", "Circle"),  # circled
        ("⒜⒝⒞", "abc"),  # parenthesized small
        ("🄰🄱🄲", "ABC"),  # parenthesized capitals
        ("🄰🄱 🅰🅱", "AB AB"),  # squared, negative squared (no Unicode equivalent)
        ("🅼🅴🆁🅲🅸", "MERCI"),
        ("ᴍᴇʀᴄɪ", "merci"),  # small capitals
    ],
)
def test_fancy_letters_get_their_plain_text(check, fancy, plain):
    found = check(f"{fancy} à tous")
    assert [(f[0], f[1], f[2], f[4]) for f in found] == [("PL150", 4, 1, plain)]


def test_each_run_is_one_finding_with_its_span(check):
    found = check("Venez samedi : 𝐟𝐞̂𝐭𝐞 𝐝𝐞 𝐪𝐮𝐚𝐫𝐭𝐢𝐞𝐫 puis ＢＢＱ.")
    assert [(f[2], f[3], f[4]) for f in found] == [(16, 33, "fête de quartier"), (39, 42, "BBQ")]


@pytest.mark.parametrize(
    "body",
    [
        "Plain ASCII text only.",
        "Assemblée le 1er décembre : 15 °C, 2 m², ½ prix, n° 3, № 4, l’été, « guillemets » — œuvre.",
        "ℝ seul, ℎ seul : une lettre du bloc des symboles, pas une suite décorative.",
        "Stationnement 🅿️ gratuit et métro Ⓜ️ à deux pas.",
        "日本語のテキスト、アラビア語 العربية, ελληνικά.",
    ],
)
def test_ordinary_text_is_quiet(check, body):
    assert of(check(body), "PL150") == []


# --- PL151 emoji-count -------------------------------------------------------------------------


def test_five_emoji_is_the_default_limit(check):
    assert of(check("Fête 🎉 ballons 🎈 gâteau 🍰 musique 🎶 jeux 🥳"), "PL151") == []


def test_the_sixth_emoji_is_reported(check):
    body = "Fête 🎉 ballons 🎈 gâteau 🍰 musique 🎶 jeux 🥳 et confettis 🎊"
    found = of(check(body), "PL151")
    assert [(f[1], f[2]) for f in found] == [(4, body.index("🎊") + 1)]
    assert found[0][5].startswith("6 emoji:") and "Keep 5 at most" in found[0][5]


def test_sequences_count_once_and_symbols_not_at_all(check):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    body = f"{family} 🇨🇦 1\ufe0f\u20e3 👋🏾 ❤️ © ® ™ Centraide®"
    assert of(check(body), "PL151") == []
    assert of(check(body + " 🎉"), "PL151") != []


def test_the_limit_is_a_setting(check):
    strategy = {"rules": {"emoji-count": {"max": 2}}}
    found = of(check("Fête 🎉 ballons 🎈 gâteau 🍰", strategy=strategy), "PL151")
    assert [f[5][:8] for f in found] == ["3 emoji:"]


def test_a_platform_can_have_its_own_limit(check):
    strategy = {"platform_settings": {"x": {"emoji_max": 1}}}
    found = of(check("Fête 🎉 ballons 🎈", platform="[x, mastodon]", strategy=strategy), "PL151")
    assert [f[5].split(":")[0] for f in found] == ["2 emoji on X"]


def test_french_plural(check):
    found = of(check("🎉🎈🍰🎶🥳🎊 Fête !", lang="fr"), "PL151")
    assert found[0][5].startswith("6 émojis")


# --- PL152 emoji-for-words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang", "word"),
    [
        ("On ❤️ nos bénévoles.", "fr", "aime"),
        ("J’❤️ mon quartier.", "fr", "aime"),
        ("We ❤️ our volunteers.", "en", "love"),
        ("I 🙏 you all.", "en", "thank"),
        ("On apporte le ☕ et les biscuits.", "fr", "café"),
        ("Viens à la 🏠 de quartier.", "fr", "maison"),
        ("We 💙🧡 our neighbours.", "en", "love"),  # a group of emoji is one finding
    ],
)
def test_emoji_in_place_of_a_word(check, body, lang, word):
    found = check(body, front=f"lang: {lang}\n")
    assert [(f[0], f[4]) for f in of(found, "PL152")] == [("PL152", word)]


def test_the_suggestion_follows_the_post_language_not_the_message_language(check):
    found = of(check("On ❤️ nos bénévoles.", front="lang: fr\n", lang="en"), "PL152")
    assert found[0][4] == "aime" and '"red heart"' not in found[0][5]
    found = of(check("We ❤️ our volunteers.", strategy={"language": "en"}, lang="fr"), "PL152")
    assert found[0][4] == "love"


def test_an_emoji_missing_from_the_lexicon_is_reported_without_suggestion(check):
    found = of(check("Joyeuses fêtes 🎄 de la part de toute l’équipe."), "PL152")
    assert [(f[2], f[4]) for f in found] == [(16, None)]


@pytest.mark.parametrize(
    "body",
    [
        "Merci ! 🎉",
        "Merci à nos bénévoles 🎉",
        "Merci 🎉 Bonne soirée à tous.",  # a capital follows: the emoji ends the sentence
        "Merci à tous ❤️ On se revoit lundi.",
        "🎉🎉🎉",
        "🎉 On a gagné !",
        "Merci, 🎉 et à bientôt.",
        "Infos 👉 exemple.ca/fete et #Rosemont 🏠 @centraide 💙 merci",
        "Centraide® vous invite, Logo™ inclus.",
        "Merci à tous\n🎉 fête lundi",
    ],
)
def test_emoji_that_does_not_stand_for_a_word_is_quiet(check, body):
    assert of(check(body), "PL152") == []


# --- PL153 all-caps ----------------------------------------------------------------------------


def test_a_whole_sentence_in_capitals(check):
    body = "Bonjour. DERNIÈRE CHANCE POUR VOUS INSCRIRE À L’ATELIER ! C’est jeudi."
    found = of(check(body), "PL153")
    start = body.index("DERNIÈRE") + 1
    assert [(f[1], f[2], f[3]) for f in found] == [
        (4, start, start + len("DERNIÈRE CHANCE POUR VOUS INSCRIRE À L’ATELIER"))
    ]


@pytest.mark.parametrize(
    "body",
    [
        "MERCI À TOUS !",  # a short shout
        "La CSST, la CNESST et la SAAQ seront là.",  # acronyms in a sentence
        "CSST, SAAQ, TAL",  # a line of acronyms, under the threshold
        "ASSEMBLÉE GÉNÉRALE\nJeudi à 18 h.",  # a two-word title
        "Grande manif dimanche #LOGEMENT #MTL @FRAPRU",  # capitals only in hashtags and mentions
        "مرحبا بكم في اللجنة يوم الخميس",  # Arabic has no case
        "Rendez-vous à 18 h 30, 5400 Masson.",
    ],
)
def test_acronyms_and_short_shouts_are_quiet(check, body):
    assert of(check(body), "PL153") == []


def test_links_hashtags_and_mentions_do_not_hide_a_shout(check):
    found = of(check("GRANDE MANIF POUR LE LOGEMENT DIMANCHE #logement exemple.ca/manif"), "PL153")
    assert len(found) == 1


def test_thresholds_are_settings(check):
    strategy = {"rules": {"all-caps": {"min_words": 2, "min_letters": 8}}}
    assert of(check("MERCI À TOUS !", strategy=strategy), "PL153") != []
