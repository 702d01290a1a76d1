"""How each platform counts the length of a post.

A text is cut into atoms, each with a start, an end and a weight in the unit the platform counts
(`rules/platforms.yaml` names the unit and its options for each limit). Summing the weights gives the
length; the first atom past the limit is where the post stops fitting. X is counted with the
twitter-text primitives (the same URL and emoji extraction and character weights as
`twitter_text.parse_tweet`, which a test checks it against).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

_GRAPHEME = regex.compile(r"\X")
_EMOJI_IN_CLUSTER = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]")
# A link as Mastodon sees it: scheme, then anything up to white space, minus closing punctuation.
_SCHEME_URL = regex.compile(r"https?://[^\s<>\"]+?(?=[.,;:!?)\]»'\"]*(?:\s|$))")
_FEDI_MENTION = regex.compile(r"(?<![\w@])@(\w+)@[\w-]+(?:\.[\w-]+)+")

_WEIGHT = operator.itemgetter(2)  # of an atom

UNITS = ("weighted", "graphemes", "characters", "utf16", "bytes", "emoji-bytes")


@dataclass
class Measure:
    """The length of a text in one unit, with what made it long."""

    unit: str
    length: int
    atoms: list[tuple[int, int, int]] = field(repr=False)  # (start, end, weight) in code points
    links: int = 0
    link_length: int | None = None
    emoji: int = 0
    emoji_weight: int = 0
    heavy: int = 0  # characters that weigh more than 1 (not links, not emoji)

    def cut(self, limit: int) -> int | None:
        """Code-point index of the first atom that goes past `limit`, or None when it fits."""
        # running totals never go down (weights are not negative): the first one past the limit
        # is found by bisection, the totals summed in C
        totals = list(itertools.accumulate(map(_WEIGHT, self.atoms)))
        index = bisect.bisect_right(totals, limit)
        return self.atoms[index][0] if index < len(totals) else None


def is_emoji_cluster(cluster: str) -> bool:
    return bool(_EMOJI_IN_CLUSTER.search(cluster))


def _link_spans(text: str, options: dict) -> list[tuple[int, int]]:
    if not options.get("urls") and options.get("links") != "shorten":
        return []
    return [m.span() for m in _SCHEME_URL.finditer(text)]


def short_link(url: str) -> str:
    """A link as the Bluesky app shows it: host, then at most 13 characters of the rest and '...'."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    rest = "" if parts.path == "/" else parts.path
    rest += (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return host + (rest[:13] + "..." if len(rest) > 15 else rest)


def _plain_length(text: str, unit: str) -> int:
    scratch = Measure(unit=unit, length=0, atoms=[])
    _measure_plain(text, 0, len(text), unit, {}, scratch)
    return sum(map(_WEIGHT, scratch.atoms))


def fast_length(text: str, unit: str, options: dict | None = None) -> int | None:
    """The length without the detail (atoms, reasons), when it can be had in one C-speed pass;
    None when only `measure` can tell (X, links or mentions that count differently)."""
    options = options or {}
    if unit == "weighted":
        return None
    # a link or a remote mention counts differently only where the pattern finds one
    if (options.get("urls") or options.get("links")) and "://" in text and _SCHEME_URL.search(text):
        return None
    if options.get("mentions") and "@" in text and _FEDI_MENTION.search(text):
        return None
    if unit == "characters":
        return len(text)
    if unit == "utf16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    if unit == "bytes":
        return len(text.encode("utf-8", "surrogatepass"))
    if unit == "graphemes":
        # concurrent=False: `regex` otherwise lets go of the GIL and takes it back around every match
        return len(_GRAPHEME.findall(text, concurrent=False))
    if unit == "emoji-bytes" and (text.isascii() or not _EMOJI_IN_CLUSTER.search(text)):
        return len(text)  # without emoji, a cluster weighs its code points
    return None


def at_most(text: str, unit: str, options: dict | None = None) -> int | None:
    """A bound the length can't exceed, had in one C-speed pass; None for X (NFC may lengthen
    the text). A post far under its limit needs no exact count.

    No cluster weighs more than its UTF-8 bytes in any of these units (an emoji counted as its
    bytes weighs exactly that); a link counted as `urls` weighs that instead of its characters,
    and each link holds its own "://"; a shortened link is made of the link's own characters."""
    if unit == "weighted":
        return None
    bound = len(text.encode("utf-8", "surrogatepass"))
    per_link = (options or {}).get("urls")
    if per_link:
        bound += int(per_link) * text.count("://")
    return bound


def measure(text: str, unit: str, options: dict | None = None) -> Measure:
    """Measure `text` in `unit`; `options` are the limit's (`urls`, `links`, `mentions`)."""
    options = options or {}
    key = tuple(sorted((k, str(v)) for k, v in options.items() if k in _COUNTING_OPTIONS))
    return _measure_cached(text, unit, key)


_COUNTING_OPTIONS = ("urls", "links", "mentions")


@lru_cache(maxsize=32)
def _measure_cached(text: str, unit: str, key: tuple) -> Measure:
    """The hard limit and the guide's advice often measure the same text in the same unit."""
    return _measure(text, unit, {k: (int(v) if k == "urls" else v) for k, v in key})


def _measure(text: str, unit: str, options: dict) -> Measure:
    if unit == "weighted":
        return _measure_twitter(text)
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    atoms: list[tuple[int, int, int]] = []
    result = Measure(unit=unit, length=0, atoms=atoms)
    link_length = options.get("urls")
    spans = _link_spans(text, options)
    skip: dict[int, int] = {}  # start -> end of characters that do not count (mention domains)
    if options.get("mentions") == "local":
        for m in _FEDI_MENTION.finditer(text):
            skip[m.end(1)] = m.end()
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        _measure_plain(text, pos, start, unit, skip, result)
        if end > start:
            weight = link_length or _plain_length(short_link(text[start:end]), unit)
            atoms.append((start, end, weight))
            result.links += 1
            result.link_length = link_length
        pos = end
    result.length = sum(map(_WEIGHT, atoms))
    return result


def _measure_plain(text: str, pos: int, stop: int, unit: str, skip: dict, result: Measure) -> None:
    # A post has hundreds of clusters: their bounds and weights are made with list operations,
    # and the emoji code points are found in one pass, then each is put in its cluster (asking
    # each cluster on its own whether it holds one was half the time of measuring a post).
    clusters = _GRAPHEME.findall(text, pos, stop, concurrent=False)  # they follow each other: no gaps
    sizes = list(map(len, clusters))
    bounds = list(itertools.accumulate(sizes, initial=pos))
    marks = _EMOJI_IN_CLUSTER.finditer(text, pos, stop, concurrent=False)
    emoji = {bisect.bisect_right(bounds, m.start()) - 1 for m in marks}
    if unit == "graphemes":
        weights = [1] * len(clusters)
    elif unit in ("characters", "emoji-bytes"):
        weights = list(sizes)
    elif unit == "bytes":
        weights = [len(cluster.encode("utf-8", "surrogatepass")) for cluster in clusters]
    else:
        weights = [len(cluster.encode("utf-16-le", "surrogatepass")) // 2 for cluster in clusters]
    keep = range(len(clusters))
    if skip:
        keep = [
            i
            for i in keep
            if not any(bounds[i] < s_end and bounds[i + 1] > s_start for s_start, s_end in skip.items())
        ]
    for i in sorted(emoji.intersection(keep)):
        if unit == "emoji-bytes":
            weights[i] = len(clusters[i].encode("utf-8"))
        result.emoji += 1
        result.emoji_weight += weights[i]
    if unit in ("utf16", "bytes") and (skip or emoji):
        result.heavy += sum(1 for i in keep if weights[i] > sizes[i] and i not in emoji)
    elif unit in ("utf16", "bytes"):
        result.heavy += sum(map(operator.gt, weights, sizes))
    if skip:
        result.atoms.extend((bounds[i], bounds[i + 1], weights[i]) for i in keep)
    else:
        result.atoms.extend(zip(bounds[:-1], bounds[1:], weights, strict=True))


def _measure_twitter(text: str) -> Measure:
    """twitter-text v3, as `parse_tweet` counts: NFC, URLs 23, emoji 2, weighted ranges."""
    config, extract_urls_with_indices, _weight = _twitter_text()

    options = config["defaults"]
    scale = options["scale"]
    normalized, back = _nfc_with_positions(text)
    urls = {}
    if _MAYBE_DOMAIN.search(normalized):  # the URL scan is slow: skip it when no domain can match
        urls = {e["indices"][0]: e["indices"][1] for e in extract_urls_with_indices(normalized)}
    emojis = {}
    if _EMOJI_IN_CLUSTER.search(normalized):  # no emoji can match without one of these
        emojis = _twitter_emoji(normalized)
    weights = _character_weights(normalized)
    atoms: list[tuple[int, int, int]] = []
    result = Measure(unit="weighted", length=0, atoms=atoms)
    total = 0

    def plain(start: int, end: int) -> None:
        # characters one by one, each its own atom: list operations rather than a loop in Python
        nonlocal total
        chars = [weights[c] for c in normalized[start:end]]
        counted = [w // scale for w in chars]
        atoms.extend(zip(back[start:end], back[start + 1 : end + 1], counted, strict=True))
        total += sum(chars)
        result.heavy += sum(map(scale.__lt__, chars))

    # As parse_tweet walks the text: a link where one starts (it wins over an emoji starting at
    # the same place), else an emoji, else one character; what starts inside a link or an emoji
    # is part of it.
    index = 0
    for start in sorted(urls.keys() | emojis.keys()):
        if start < index:
            continue
        plain(index, start)
        if start in urls:
            end = urls[start]
            weight = options["transformed_url_length"] * scale
            result.links += 1
            result.link_length = options["transformed_url_length"]
        else:
            end = emojis[start]
            weight = options["default_weight"]
            result.emoji += 1
            result.emoji_weight += weight // scale
        atoms.append((back[start], back[end], weight // scale))
        total += weight
        index = end
    plain(index, len(normalized))
    result.length = int(total / scale)
    return result


# Every URL twitter-text extracts has a domain, which ends with a dot and the first letter of a
# top-level domain (a test checks, against the installed twitter-text, that those are all word
# characters): a text without a dot followed by a word character has no URL to find.
_MAYBE_DOMAIN = re.compile(r"\.\w")

_WEIGHTS: dict[str, int] = {}


def _character_weights(text: str) -> dict[str, int]:
    """twitter-text's weight of each distinct character of `text`, remembered across drafts
    (asking `get_character_weight` for every character was a tenth of the count's time)."""
    config, _urls, get_character_weight = _twitter_text()
    options = config["defaults"]
    if len(_WEIGHTS) > 10_000:  # a bound for odd input, far above the characters of real posts
        _WEIGHTS.clear()
    for char in set(text).difference(_WEIGHTS):
        _WEIGHTS[char] = get_character_weight(char, options)
    return _WEIGHTS


@cache
def _twitter_emoji_table() -> tuple[re.Pattern, frozenset, frozenset, list[int]]:
    """twitter-text's emoji, read for a quicker scan: where an emoji may start, the single code
    points and the sequences that are emoji, and the sequences' lengths, longest first.

    They come from the file twitter-text builds its emoji pattern from (Unicode's emoji-test.txt,
    in the package): every emoji of every status, but for the Component group (skin tones and hair
    styles alone). A test checks them against twitter-text's own list and pattern."""
    from postlint.resources import package_folder

    table = package_folder("twitter_text") / "regexp" / "emoji-test.txt"
    singles: set[int] = set()
    sequences: set[str] = set()
    group = None
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
        elif line == "# Status Counts":  # the statistics after the list
            break
        elif line and not line.startswith("#") and ";" in line and group != "Component":
            codes = [int(code, 16) for code in line.split(";", 1)[0].split()]
            if len(codes) == 1:
                singles.add(codes[0])
            else:
                sequences.add("".join(map(chr, codes)))
    # Where an emoji may start: a single emoji, or the first code point of a sequence. Past the
    # BMP, any code point (a long list of ranges is slow to test, and such characters are rare in
    # posts but for emoji). ASCII first code points (digits, # and *: keycaps) are common in posts:
    # only followed by the second code point of one of their sequences.
    starts = singles | {ord(s[0]) for s in sequences if not s[0].isascii()}
    bmp = "".join(_range(low, high) for low, high in _runs(sorted(c for c in starts if c <= 0xFFFF)))
    keycaps = sorted({ord(s[0]) for s in sequences if s[0].isascii()})
    after = sorted({ord(s[1]) for s in sequences if s[0].isascii()})
    pattern = f"[{bmp}{_range(0x10000, 0x10FFFF)}]"
    if keycaps:
        pattern += f"|[{''.join(_range(c, c) for c in keycaps)}](?=[{''.join(_range(c, c) for c in after)}])"
    lengths = sorted({len(s) for s in sequences}, reverse=True)
    return re.compile(pattern), frozenset(map(chr, singles)), frozenset(sequences), lengths


def _runs(points: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) runs of consecutive ones."""
    runs: list[list[int]] = []
    for point in points:
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [(low, high) for low, high in runs]


def _range(low: int, high: int) -> str:
    return f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"


def _twitter_emoji(text: str) -> dict[int, int]:
    """start -> end of each emoji as twitter-text's `extract_emojis_with_indices` finds them.

    Its pattern lists every emoji sequence, longest first, then the single code points, and
    Python's `re` tries the thousands of alternatives at every position of the text (about a
    millisecond a post). The same answer, found faster: at each place where an emoji may start,
    the longest listed sequence that the text continues with, else a single emoji code point,
    then the scan goes on after it.
    """
    start, singles, sequences, lengths = _twitter_emoji_table()
    found: dict[int, int] = {}
    size = len(text)
    pos = 0
    while (m := start.search(text, pos)) is not None:
        at = m.start()
        end = next((at + n for n in lengths if at + n <= size and text[at : at + n] in sequences), None)
        if end is None and text[at] in singles:
            end = at + 1
        if end is None:
            pos = at + 1
            continue
        found[at] = end
        pos = end
    return found


@cache
def _twitter_text():
    """The twitter-text primitives postlint uses: its configuration, URL extraction and
    character weights.

    The package's `__init__` also imports `parse_tweet` and the emoji extraction, which compiles
    a pattern of some 3,800 emoji (a quarter of a second in every process that counts for X) and
    reads its table through `pkg_resources` (gone from recent setuptools). postlint finds emoji
    itself from the same table (`_twitter_emoji`), so when the package is not imported yet, the
    three modules are imported under the bare package, which is then taken away: an
    `import twitter_text` elsewhere still runs the whole package."""
    import sys
    from importlib.util import find_spec, module_from_spec

    bare = None
    if "twitter_text" not in sys.modules:
        bare = module_from_spec(find_spec("twitter_text"))  # not executed: no __init__
        sys.modules["twitter_text"] = bare
    try:
        from twitter_text.config import config
        from twitter_text.extract_urls import extract_urls_with_indices
        from twitter_text.get_character_weight import get_character_weight
    finally:
        if bare is not None and sys.modules.get("twitter_text") is bare:
            del sys.modules["twitter_text"]
    return config, extract_urls_with_indices, get_character_weight


def _nfc_with_positions(text: str) -> tuple[str, list[int]]:
    """The text as twitter-text sees it (NFC, line breaks as \\n) and, for each of its indexes
    (plus the end), the index in `text` it comes from. Normalisation never crosses a grapheme
    cluster, so each cluster is normalised on its own."""
    if "\r" not in text and unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    back: list[int] = []
    for m in _GRAPHEME.finditer(text, concurrent=False):
        cluster = unicodedata.normalize("NFC", m.group()).replace("\r\n", "\n").replace("\r", "\n")
        parts.append(cluster)
        back.extend([m.start()] * len(cluster))
    back.append(len(text))
    return "".join(parts), back
