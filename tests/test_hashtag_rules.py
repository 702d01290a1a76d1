"""Hashtag rules: the platform's cap (PL120), its usual advice (PL121), CamelCase (PL122)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from postlint import catalogue, engine
from postlint.checks.hashtags import _config, camel_case
from tests.conftest import ROOT

IMAGE = "image: https://exemple.org/photo.jpg\nalt: Des bénévoles devant le local du comité\n"


def findings(write, body, platform="facebook", strategy=None, front="", lang="en"):
    """The findings of the hashtag rules on a draft with `body`, under `strategy`."""
    write("postlint.yaml", yaml.safe_dump(strategy or {}, allow_unicode=True))
    path = write("draft.md", f"---\nplatform: {platform}\n{IMAGE}{front}---\n{body}\n")
    report = engine.check_paths([str(path)], engine.Options(lang=lang))
    return [f for f in report.findings if f.code in ("PL120", "PL121", "PL122")]


def codes(found):
    return [f.code for f in found]


BODY_LINE = 6  # ---, platform, image, alt, --- : the body starts on line 6


# --- PL120 hashtag-limit --------------------------------------------------------------------------


def test_instagram_six_hashtags_is_an_error_on_the_sixth(write):
    body = "Merci à tous ! #Un #Deux #Trois #Quatre #Cinq #Six #Sept"
    found = findings(write, body, "instagram")
    assert codes(found) == ["PL120"]
    (f,) = found
    assert f.severity == "error"
    assert (f.line, f.column) == (BODY_LINE, body.index("#Six") + 1)
    assert f.end_column == body.index("#Six") + len("#Six") + 1
    assert "7" in f.message and "5" in f.message and "Instagram" in f.message


def test_instagram_five_hashtags_is_quiet(write):
    assert findings(write, "Merci ! #Un #Deux #Trois #Quatre #Cinq", "instagram") == []


def test_the_same_tag_twice_counts_once(write):
    body = "Merci ! #Rosemont #Deux #Trois #Quatre #Cinq #rosemont #ROSEMONT"
    assert findings(write, body, "instagram") == []


def test_youtube_over_sixty_says_all_are_ignored(write):
    tags = " ".join(f"#Sujet{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(61))
    found = findings(write, "Notre atelier en vidéo. " + tags, "youtube")
    assert codes(found) == ["PL120"]
    assert "ignores all of them" in found[0].message
    fr = findings(write, "Notre atelier en vidéo. " + tags, "youtube", lang="fr")
    assert "les ignore tous" in fr[0].message
    assert findings(write, "Notre atelier en vidéo. " + tags.rsplit(" ", 1)[0], "youtube") == []


def test_hashtags_max_in_the_strategy_file_sets_an_own_cap(write):
    strategy = {"platform_settings": {"facebook": {"hashtags_max": 1, "hashtags_recommended": 1}}}
    found = findings(write, "Merci ! #Rosemont #Logement", "facebook", strategy)
    assert codes(found) == ["PL120"]  # the advice is not repeated when the cap is passed
    assert found[0].severity == "error"
    assert "strategy file" in found[0].message and "hashtags_max" in found[0].message


def test_hashtags_max_can_raise_instagrams_cap(write):
    strategy = {"platform_settings": {"instagram": {"hashtags_max": 10}}}
    body = "Merci ! #Un #Deux #Trois #Quatre #Cinq #Six #Sept"
    assert findings(write, body, "instagram", strategy) == []


def test_bluesky_tag_over_64_graphemes(write):
    long_tag = "#" + "Logement" * 8 + "X"  # 65 letters
    found = findings(write, f"Merci ! {long_tag}", "bluesky")
    assert codes(found) == ["PL120"]
    assert "65" in found[0].message and "64" in found[0].message
    assert findings(write, "Merci ! #" + "Logement" * 8, "bluesky") == []


def test_bluesky_counts_graphemes_not_code_points(write):
    tag = "#" + "Te\u0301le\u0301" * 16  # 64 graphemes, 96 code points
    assert findings(write, f"Merci ! {tag}", "bluesky") == []


def test_no_hashtags_no_finding(write):
    assert findings(write, "Merci à tous nos bénévoles !", "instagram") == []


# --- PL121 hashtag-advice -------------------------------------------------------------------------


def test_x_three_hashtags_is_a_warning_citing_its_source(write):
    body = "Salle comble ! #Rosemont #Logement #Locataires"
    found = findings(write, body, "x")
    assert codes(found) == ["PL121"]
    (f,) = found
    assert f.severity == "warning"
    assert f.column == body.index("#Locataires") + 1
    assert "X help center" in f.message and "2" in f.message


def test_x_two_hashtags_is_quiet(write):
    assert findings(write, "Salle comble ! #Rosemont #Logement", "x") == []


def test_linkedin_four_is_quiet_six_is_not(write):
    assert findings(write, "Merci ! #Un #Deux #Trois #Quatre", "linkedin") == []
    assert codes(findings(write, "Merci ! #Un #Deux #Trois #Quatre #Cinq #Six", "linkedin")) == ["PL121"]


def test_threads_advises_one_topic(write):
    assert codes(findings(write, "Merci ! #Rosemont #Logement", "threads")) == ["PL121"]
    assert findings(write, "Merci ! #Rosemont", "threads") == []


def test_hashtags_recommended_in_the_strategy_file(write):
    strategy = {"platform_settings": {"x": {"hashtags_recommended": 3}}}
    assert findings(write, "Merci ! #Un #Deux #Trois", "x", strategy) == []
    found = findings(write, "Merci ! #Un #Deux #Trois #Quatre", "x", strategy, lang="fr")
    assert codes(found) == ["PL121"]
    assert "fichier de stratégie" in found[0].message


def test_advice_is_a_warning_even_when_the_rule_is_not_configured(write):
    found = findings(write, "Merci ! #Un #Deux #Trois", "facebook")
    assert [f.severity for f in found] == ["warning"]


def test_each_platform_is_judged_on_its_own(write):
    write("postlint.yaml", "{}")
    path = write(
        "draft.md",
        f"---\nplatforms: [instagram, x, linkedin]\n{IMAGE}---\n"
        "Merci ! #Un #Deux #Trois #Quatre #Cinq #Six\n",
    )
    report = engine.check_paths([str(path)], engine.Options(lang="en"))
    found = [(f.code, f.message.split(":")[0]) for f in report.findings if f.code in ("PL120", "PL121")]
    assert sorted(found) == [
        ("PL120", "6 hashtags on Instagram"),
        ("PL121", "6 hashtags on LinkedIn"),
        ("PL121", "6 hashtags on X"),
    ]


# --- PL122 hashtag-case: the split, measured ------------------------------------------------------

# Realistic hashtags of Montreal community groups, with the CamelCase the rule must suggest. The
# language is the draft's; the rule tries it first, then the other.
SPLITS = {
    "fr": {
        "droitsdeslocataires": "DroitsDesLocataires",
        "logementsocial": "LogementSocial",
        "journéedelafemme": "JournéeDeLaFemme",
        "rosemontpetitepatrie": "RosemontPetitePatrie",
        "droitaulogement": "DroitAuLogement",
        "sécuritéalimentaire": "SécuritéAlimentaire",
        "jardinscollectifs": "JardinsCollectifs",
        "crisedulogement": "CriseDuLogement",
        "logementpourtous": "LogementPourTous",
        "actioncommunautaire": "ActionCommunautaire",
        "aidealimentaire": "AideAlimentaire",
        "banquealimentaire": "BanqueAlimentaire",
        "cuisinecollective": "CuisineCollective",
        "justicesociale": "JusticeSociale",
        "fêtedequartier": "FêteDeQuartier",
        "semainedubénévolat": "SemaineDuBénévolat",
        "journéedelaterre": "JournéeDeLaTerre",
        "vivreensemble": "VivreEnsemble",
        "achatlocal": "AchatLocal",
        "petitepatrie": "PetitePatrie",
        "plateaumontroyal": "PlateauMontRoyal",
        "assembléegénérale": "AssembléeGénérale",
        "appelauxbénévoles": "AppelAuxBénévoles",
        "haussedesloyers": "HausseDesLoyers",
        "logementabordable": "LogementAbordable",
        "transitionécologique": "TransitionÉcologique",
        "santémentale": "SantéMentale",
        "prochesaidants": "ProchesAidants",
        "éducationpopulaire": "ÉducationPopulaire",
        "mercibénévoles": "MerciBénévoles",
        "montréalnord": "MontréalNord",
        "jesuisbénévole": "JeSuisBénévole",
        "onlâchepas": "OnLâchePas",
        "quartierhochelaga": "QuartierHochelaga",
        "hochelagamaisonneuve": "HochelagaMaisonneuve",
        "saintmichel": "SaintMichel",
        "parcextension": "ParcExtension",
        "notredamedegrâce": "NotreDameDeGrâce",
        "pointesaintcharles": "PointeSaintCharles",
        "côtedesneiges": "CôteDesNeiges",
        "rivièredesprairies": "RivièreDesPrairies",
    },
    "en": {
        "foodbank": "FoodBank",
        "givingtuesday": "GivingTuesday",
        "mutualaid": "MutualAid",
        "housingforall": "HousingForAll",
        "tenantrights": "TenantRights",
        "affordablehousing": "AffordableHousing",
        "communitykitchen": "CommunityKitchen",
        "foodsecurity": "FoodSecurity",
        "volunteerappreciation": "VolunteerAppreciation",
        "nationalvolunteerweek": "NationalVolunteerWeek",
        "blackhistorymonth": "BlackHistoryMonth",
        "earthday": "EarthDay",
        "mentalhealth": "MentalHealth",
        "togetherwecan": "TogetherWeCan",
        "supportlocal": "SupportLocal",
        "shoplocal": "ShopLocal",
        "endhomelessness": "EndHomelessness",
        "climatejustice": "ClimateJustice",
        "internationalwomensday": "InternationalWomensDay",
        "youthleadership": "YouthLeadership",
        "backtoschool": "BackToSchool",
        "wearehiring": "WeAreHiring",
        "expertsexchange": "ExpertsExchange",
        "therapistfinder": "TherapistFinder",
        "montrealvolunteers": "MontrealVolunteers",
        "blacklivesmatter": "BlackLivesMatter",
        "volunteerwithus": "VolunteerWithUs",
        "donatetoday": "DonateToday",
        "canadaday": "CanadaDay",
        "summercamp": "SummerCamp",
        "fridaysforfuture": "FridaysForFuture",
    },
}

# One word each (common words, place and organisation names, rare words): never a suggestion.
_SINGLE_FR = (
    "bénévolat montreal montréal solidarité communautaire entraide locataires itinérance "
    "villeray alimentation environnement bienvenue aujourdhui printemps bibliothèque outremont "
    "rosemont ahuntsic hochelaga maisonneuve pierrefonds westmount griffintown cartierville "
    "centraide accorderie desjardins bénévoles logement féminisme antiracisme écoquartier "
    "covoiturage compostage permaculture biodiversité inclusivité francisation déneigement "
    "embourgeoisement gentrification décroissance intersectionnalité écoanxiété autochtones "
    "réconciliation philanthropie mobilisation sensibilisation agroalimentaire autofinancement "
    "intergénérationnel décolonisation vélorution québécois montréalais montréalaise quartiers "
    "halloween bienveillance résilience persévérance coopérative épicerie friperie ressourcerie "
    "écocentre ludothèque longueuil terrebonne repentigny boucherville sherbrooke gatineau"
)
_SINGLE_EN = (
    "neighbourhood volunteer volunteering homelessness community nonprofit fundraiser heatwave "
    "snowstorm everyone together newsletter playground sustainability inclusion accessibility "
    "volunteers philanthropy thanksgiving wellbeing mindfulness storytelling grassroots "
    "fundraising crowdfunding giveaway outreach workshop downtown landlord neighbours "
    "stewardship empowerment advocacy resilience caregivers caregiving underserved "
    "intersectionality decolonization reconciliation indigenous"
)
SINGLE_WORDS = {"fr": _SINGLE_FR.split(), "en": _SINGLE_EN.split()}

# Several words, but no split the rule can be sure of: it stays quiet, by design.
UNSURE = {
    "en": {
        "mtlmoments": "'mtl', an abbreviation, is too rare as a short word",
        "thankyouvolunteers": "'thankyou' is itself a frequent token: ThankYou or Thankyou?",
    },
    "fr": {
        "coopdhabitation": "the elided d' is not a word on its own",
    },
}


@pytest.fixture(scope="module")
def config():
    return _config(catalogue.get("hashtag-case").params)


def _order(lang):
    return (lang, "en" if lang == "fr" else "fr")


@pytest.mark.parametrize(
    "lang,tag,expected", [(lang, tag, camel) for lang, tags in SPLITS.items() for tag, camel in tags.items()]
)
def test_confident_splits(lang, tag, expected, config):
    assert camel_case(tag, _order(lang), config) == expected


@pytest.mark.parametrize("lang,tag", [(lang, tag) for lang, tags in SINGLE_WORDS.items() for tag in tags])
def test_no_suggestion_on_a_single_word(lang, tag, config):
    assert camel_case(tag, _order(lang), config) is None


@pytest.mark.parametrize("lang,tag", [(lang, tag) for lang, tags in UNSURE.items() for tag in tags])
def test_no_suggestion_when_unsure(lang, tag, config):
    assert camel_case(tag, _order(lang), config) is None


def test_the_language_order_does_not_change_the_splits(config):
    """A French tag in an English draft (and the other way round) gets the same suggestion."""
    wrong_first = {
        tag: camel_case(tag, _order(lang)[::-1], config) for lang, tags in SPLITS.items() for tag in tags
    }
    changed = {
        tag: got
        for tag, got in wrong_first.items()
        if got not in (None, SPLITS["fr"].get(tag, SPLITS["en"].get(tag)))
    }
    assert changed == {}


def test_the_measured_list_is_large_enough():
    assert sum(len(t) for t in SPLITS.values()) >= 60
    assert sum(len(t) for t in SINGLE_WORDS.values()) >= 60


# --- PL122 hashtag-case: the rule -----------------------------------------------------------------


def test_lowercase_multi_word_hashtag_gets_a_camel_case_suggestion(write):
    body = "Merci aux locataires venus ce soir ! #droitsdeslocataires"
    found = findings(write, body, lang="fr")
    assert codes(found) == ["PL122"]
    (f,) = found
    assert f.severity == "warning"
    assert f.suggestion == "#DroitsDesLocataires"
    assert (f.line, f.column) == (BODY_LINE, body.index("#") + 1)
    assert f.end_column == len(body) + 1
    assert "#DroitsDesLocataires" in f.message and "lecteurs d’écran" in f.message


@pytest.mark.parametrize(
    "tag",
    [
        "#solidarité",  # one word
        "#montreal",  # one word
        "#DroitsDesLocataires",  # already CamelCase
        "#Droitsdeslocataires",  # already has a capital
        "#droits2026",  # digits
        "#droits_des_locataires",  # underscores already separate the words
        "#logement",  # one word (8 letters: long enough to be looked up)
        "#foodie",  # under min_letters
    ],
)
def test_quiet_tags(write, tag):
    assert findings(write, f"Merci à tous ! {tag}") == []


def test_decomposed_accents_are_letters(write):
    found = findings(write, "Merci ! #journe\u0301edelafemme", lang="fr")
    assert [f.suggestion for f in found] == ["#JournéeDeLaFemme"]


def test_the_drafts_language_comes_first(write):
    found = findings(write, "Thanks! #foodbank", front="lang: en-CA\n")
    assert [f.suggestion for f in found] == ["#FoodBank"]


def test_a_very_long_tag_is_left_alone(write):
    assert findings(write, "Merci ! #" + "logementsocial" * 6) == []


def test_thresholds_come_from_the_params(write):
    assert [f.suggestion for f in findings(write, "Merci ! #sécuritéalimentaire")] == ["#SécuritéAlimentaire"]
    strict = {"rules": {"hashtag-case": {"margin": 50}}}
    assert findings(write, "Merci ! #sécuritéalimentaire", strategy=strict) == []
    rare = {"rules": {"hashtag-case": {"word_zipf": 6}}}
    assert findings(write, "Merci ! #droitsdeslocataires", strategy=rare) == []
    shorter = {"rules": {"hashtag-case": {"min_letters": 20}}}
    assert findings(write, "Merci ! #droitsdeslocataires", strategy=shorter) == []


def test_a_language_wordfreq_lacks_is_skipped(write, config):
    assert camel_case("droitsdeslocataires", ("xx", "fr"), config) == "DroitsDesLocataires"
    assert camel_case("droitsdeslocataires", ("xx",), config) is None
    strategy = {"rules": {"hashtag-case": {"languages": ["tlh", "fr"]}}}
    found = findings(write, "Merci ! #droitsdeslocataires", strategy=strategy, front="lang: tlh\n")
    assert [f.suggestion for f in found] == ["#DroitsDesLocataires"]


def test_wordfreq_is_not_loaded_without_a_lowercase_hashtag(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"---\nplatform: instagram\n{IMAGE}---\nMerci ! #DroitsDesLocataires #MTL #jeunes #Un #Deux #Trois\n",
        encoding="utf-8",
    )
    (tmp_path / "postlint.yaml").write_text("{}", encoding="utf-8")
    code = (
        "import sys\n"
        "from postlint import engine\n"
        f"report = engine.check_paths([{str(draft)!r}], engine.Options(lang='en'))\n"
        "assert any(f.code == 'PL120' for f in report.findings), report.findings\n"
        "from postlint.checks import hashtags\n"
        "assert hashtags.camel_case.cache_info().currsize == 0  # no tag to split: no large list read\n"
        "assert 'wordfreq' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
