"""X's count takes shortcuts around twitter-text's slow scans; these hold them to its answers."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from postlint import counting
from tests.test_counting import tweet_text


def _table():
    """twitter-text's own emoji module (its import needs pkg_resources, as parse_tweet's does)."""
    from twitter_text.regexp import emoji as table

    return table


def _listed_emoji() -> list[str]:
    return ["".join(chr(int(code, 16)) for code in entry.codepoint.split()) for entry in _table().emoji_list]


def _reference(text: str) -> dict[int, int]:
    from twitter_text import extract_emojis_with_indices

    return {e["indices"][0]: e["indices"][1] for e in extract_emojis_with_indices(text)}


def test_the_emoji_read_from_the_table_are_twitter_texts():
    _start, singles, sequences, _lengths = counting._twitter_emoji_table()
    listed = _listed_emoji()
    assert sequences == {e for e in listed if len(e) > 1}
    pattern = re.compile("[" + _table().single_codepoint_emoji_raw + "]")
    assert singles == {chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and pattern.match(chr(c))}


def test_counting_for_x_imports_neither_the_emoji_pattern_nor_a_bare_package():
    probe = (
        "import sys\n"
        "from postlint import counting\n"
        "counting.measure('Voir exemple.ca \U0001f600', 'weighted')\n"
        "assert 'twitter_text.regexp.emoji' not in sys.modules\n"
        "assert 'twitter_text' not in sys.modules\n"
        "from twitter_text import parse_tweet\n"
        "print(parse_tweet('Voir exemple.ca \U0001f600').weightedLength)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(len("Voir ") + 23 + 1 + 2)


def test_every_listed_emoji_is_where_the_quick_scan_looks():
    start, singles, _sequences, _lengths = counting._twitter_emoji_table()
    for emoji in _listed_emoji():
        assert start.match(emoji), emoji
    for char in singles:
        assert start.match(char), hex(ord(char))


emoji_text = st.lists(
    st.one_of(
        st.sampled_from(_listed_emoji()),
        st.sampled_from(["1", "#", "*", "\ufe0f", "\u20e3", "\u200d", "\U0001f3fd", " ", "a", "©"]),
        st.text(max_size=3),
    ),
    max_size=15,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(emoji_text, tweet_text))
def test_the_quick_emoji_scan_finds_what_twitter_text_finds(text):
    assert counting._twitter_emoji(text) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(emoji_text, tweet_text))
def test_x_count_with_emoji_matches_twitter_text(text):
    assert counting.measure(text, "weighted").length == parse_tweet(text).weightedLength


def _alternatives(pattern: re.Pattern) -> list[str]:
    source = pattern.pattern
    inner = source[source.index("(?:(?:") + len("(?:(?:") : source.rindex(")(?=")]
    return inner.split("|")


def test_every_url_twitter_text_finds_has_a_dot_and_a_word_character():
    """The URL scan is skipped for a text without `.` then a word character: every domain ends
    with `.` and a top-level domain (or `xn--` punycode), whose first letter, in any case the
    case-insensitive URL pattern accepts, is a word character."""
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_domain import valid_domain
    from twitter_text.regexp.valid_domain_name import valid_domain_name
    from twitter_text.regexp.valid_gtld import valid_gtld
    from twitter_text.regexp.valid_punycode import valid_punycode

    assert valid_domain_name.pattern.endswith(r"\.)")
    assert "#{" not in valid_domain.pattern
    for part in (valid_gtld.pattern, valid_cctld.pattern, valid_punycode.pattern):
        assert part in valid_domain.pattern
    firsts = {alt[0] for alt in _alternatives(valid_gtld) + _alternatives(valid_cctld)} | {"x"}
    assert valid_punycode.pattern.startswith("(?:xn--")
    same = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]", re.IGNORECASE)
    every_char = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert all(re.fullmatch(r"\w", c) for c in same.findall(every_char))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["exemple.ca", "https://x.co/a", "a.b", ".", "Ça.Va", "t.co/abc", " ", "é."]),
            st.text(max_size=4),
        ),
        max_size=10,
    ).map("".join)
)
def test_x_count_with_links_matches_twitter_text(text):
    assert counting.measure(text, "weighted").length == parse_tweet(text).weightedLength


def _reference_plain(text: str, unit: str, skip: dict) -> tuple:
    """Cluster by cluster, as the guide's units are defined: the model the list operations of
    `_measure_plain` must agree with."""
    atoms, emoji_count, emoji_weight, heavy = [], 0, 0, 0
    for m in counting._GRAPHEME.finditer(text):
        start, end = m.span()
        if any(start < s_end and end > s_start for s_start, s_end in skip.items()):
            continue
        cluster = m.group()
        emoji = counting.is_emoji_cluster(cluster)
        if unit == "graphemes":
            weight = 1
        elif unit == "emoji-bytes" and emoji:
            weight = len(cluster.encode("utf-8"))
        elif unit == "utf16":
            weight = sum(2 if ord(c) > 0xFFFF else 1 for c in cluster)
        elif unit == "bytes":
            weight = sum(len(c.encode("utf-8", "surrogatepass")) for c in cluster)
        else:
            weight = len(cluster)
        if emoji:
            emoji_count += 1
            emoji_weight += weight
        elif weight > len(cluster):
            heavy += 1
        atoms.append((start, end, weight))
    return atoms, emoji_count, emoji_weight, heavy


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(emoji_text, tweet_text, st.text(max_size=40)),
    st.sampled_from(["graphemes", "characters", "utf16", "bytes", "emoji-bytes"]),
    st.booleans(),
)
def test_plain_measure_agrees_with_the_cluster_by_cluster_model(text, unit, mention):
    if mention:
        text = f"@marie@mastodon.social {text} @{text[:3]}@a.b"
    skip = {m.end(1): m.end() for m in counting._FEDI_MENTION.finditer(text)}
    result = counting.Measure(unit=unit, length=0, atoms=[])
    counting._measure_plain(text, 0, len(text), unit, skip, result)
    assert (result.atoms, result.emoji, result.emoji_weight, result.heavy) == _reference_plain(
        text, unit, skip
    )


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(emoji_text, tweet_text, st.text(max_size=40)).map(
        lambda t: f"{t} @marie@mastodon.social https://a.b {t[:4]}"
    )
    | st.one_of(emoji_text, tweet_text),
    st.sampled_from(["graphemes", "characters", "utf16", "bytes", "emoji-bytes"]),
    st.sampled_from([{}, {"urls": 23}, {"links": "shorten"}, {"urls": 23, "mentions": "local"}]),
)
def test_the_bound_is_never_under_the_length_and_fast_length_is_exact(text, unit, options):
    length = counting.measure(text, unit, options).length
    assert counting.at_most(text, unit, options) >= length
    quick = counting.fast_length(text, unit, options)
    assert quick is None or quick == length
