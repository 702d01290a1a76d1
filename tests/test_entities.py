"""Links, hashtags, mentions and emoji found in a post's text."""

from __future__ import annotations

from postlint import entities

TEXT = (
    "Voir exemple.ca/page, https://x.org/a_(b). Écrivez à info@comite.ca ou @Comite_Rosemont "
    "et @marie@mastodon.social #DroitsDesLocataires #1 #2026 #été "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f1e8\U0001f1e6 1\ufe0f\u20e3 \u2764\ufe0f"
)


def texts(found):
    return [entity.text for entity in found]


def test_urls_with_and_without_scheme_and_balanced_parentheses():
    assert texts(entities.urls(TEXT)) == ["exemple.ca/page", "https://x.org/a_(b)"]
    assert texts(entities.urls("(voir www.site.ca!)")) == ["www.site.ca"]
    assert entities.urls("Fin. Début") == []


def test_hashtags_need_a_letter_and_keep_accents():
    assert texts(entities.hashtags(TEXT)) == ["#DroitsDesLocataires", "#été"]
    assert entities.hashtags("https://exemple.ca/#section") == []


def test_mentions_are_not_email_addresses():
    assert texts(entities.mentions(TEXT)) == ["@Comite_Rosemont", "@marie@mastodon.social"]


def test_emoji_sequences_count_once():
    assert len(entities.emoji(TEXT)) == 4
    assert entities.emoji("plain ascii :) <3") == []


def test_positions_are_text_offsets():
    for finder in (entities.urls, entities.hashtags, entities.mentions, entities.emoji):
        for entity in finder(TEXT):
            assert TEXT[entity.start : entity.end] == entity.text
