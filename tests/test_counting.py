"""Counting length the way each platform counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from postlint.counting import fast_length, measure

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji sequence, 5 code points
THUMBS_DARK = "\U0001f44d\U0001f3ff"  # emoji + skin tone

tweet_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
        st.sampled_from(
            [
                "https://exemple.ca/a",
                " exemple.ca ",
                FAMILY,
                THUMBS_DARK,
                "\u202f!",
                "…",
                "©",
                "®",
                "™",
                "‼",
                "1\ufe0f\u20e3",
                "#\u20e3",
                "\U0001f1e8\U0001f1e6",
                "\u2764",
                "\u2764\ufe0f",
                "e\u0301",
                "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(tweet_text)
def test_x_weighted_length_matches_twitter_text(text):
    assert measure(text, "weighted").length == parse_tweet(text).weightedLength


def test_x_counts_every_url_as_23_even_without_scheme():
    m = measure("Voir exemple.ca et https://www.exemple.org/un/long/chemin/vers/la/page", "weighted")
    assert m.links == 2
    assert m.length == len("Voir ") + 23 + len(" et ") + 23


def test_x_french_typography_weighs_two():
    # narrow no-break space, ellipsis and euro sign weigh 2; é, no-break space, ’ and — weigh 1
    assert measure("Oui\u202f!", "weighted").length == 3 + 2 + 1
    assert measure("…€", "weighted").length == 4
    assert measure("é\u00a0’—", "weighted").length == 4


def test_x_emoji_sequences_weigh_two_each():
    assert measure(FAMILY + THUMBS_DARK, "weighted").length == 4


def test_graphemes_count_what_a_reader_sees():
    assert measure(FAMILY + "é" + "e\u0301", "graphemes").length == 3


def test_bytes_and_utf16():
    assert measure("é", "bytes").length == 2
    assert measure("\U0001f600", "bytes").length == 4
    assert measure("\U0001f600a", "utf16").length == 3


def test_threads_counts_emoji_as_their_utf8_bytes():
    assert measure("ab\U0001f600", "emoji-bytes").length == 2 + 4
    assert measure("ab" + FAMILY, "emoji-bytes").length == 2 + len(FAMILY.encode())


def test_mastodon_urls_count_23_and_remote_mentions_count_local_part():
    options = {"urls": 23, "mentions": "local"}
    url = "https://exemple.ca/" + "x" * 80
    m = measure(f"Lire {url} merci @marie@mastodon.social", "graphemes", options)
    assert m.links == 1
    assert m.length == len("Lire ") + 23 + len(" merci @marie")
    # without a scheme, Mastodon does not make a link
    assert measure("exemple.ca", "graphemes", options).length == len("exemple.ca")


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=60),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["weighted", "graphemes", "characters", "utf16", "bytes", "emoji-bytes"]),
)
def test_cut_is_where_the_text_stops_fitting(text, limit, unit):
    m = measure(text, unit, {"urls": 23})
    cut = m.cut(limit)
    if m.length <= limit:
        assert cut is None
    else:
        assert cut is not None
        assert sum(w for s, _e, w in m.atoms if s < cut) <= limit
        assert sum(w for s, _e, w in m.atoms if s <= cut) > limit


def test_bluesky_counts_links_as_the_app_shows_them():
    from postlint.counting import short_link

    assert short_link("https://exemple.ca/") == "exemple.ca"
    assert short_link("https://exemple.ca/court") == "exemple.ca/court"
    assert short_link("https://www.exemple.ca/un/chemin/tres/long?x=1") == "www.exemple.ca/un/chemin/tr..."
    text = "Lire https://www.exemple.ca/un/chemin/tres/long?x=1 !"
    m = measure(text, "graphemes", {"links": "shorten"})
    assert m.length == len("Lire ") + len("www.exemple.ca/un/chemin/tr...") + len(" !")


def test_x_positions_point_into_the_original_text_when_nfc_changes_it():
    decomposed = "e\u0301" * 150  # 150 letters é written as e + combining accent
    m = measure(decomposed, "weighted")
    assert m.length == 150
    cut = m.cut(140)
    assert cut == 280  # the 141st letter starts at code point 280 of the original text
    assert decomposed[cut] == "e"


@settings(max_examples=300, deadline=None)
@given(
    tweet_text,
    st.sampled_from(["graphemes", "characters", "utf16", "bytes", "emoji-bytes"]),
    st.sampled_from([{}, {"urls": 23}, {"links": "shorten"}, {"urls": 23, "mentions": "local"}]),
)
def test_fast_length_agrees_with_measure(text, unit, options):
    quick = fast_length(text, unit, options)
    if quick is not None:
        assert quick == measure(text, unit, options).length
