"""How each platform counts the length of a post.

A text is cut into atoms, each with a start, an end and a weight in the unit the platform counts
(`rules/platforms.yaml` names the unit and its options for each limit). Summing the weights gives the
length; the first atom past the limit is where the post stops fitting. X is counted with the
twitter-text primitives (the same URL and emoji extraction and character weights as
`twitter_text.parse_tweet`, which a test checks it against).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

_GRAPHEME = regex.compile(r"\X")
_EMOJI_IN_CLUSTER = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]")
# A link as Mastodon sees it: scheme, then anything up to white space, minus closing punctuation.
_SCHEME_URL = regex.compile(r"https?://[^\s<>\"]+?(?=[.,;:!?)\]»'\"]*(?:\s|$))")
_FEDI_MENTION = regex.compile(r"(?<![\w@])@(\w+)@[\w-]+(?:\.[\w-]+)+")

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
        total = 0
        for start, _end, weight in self.atoms:
            total += weight
            if total > limit:
                return start
        return None


def is_emoji_cluster(cluster: str) -> bool:
    return bool(_EMOJI_IN_CLUSTER.search(cluster))


def _char_weight(char: str, unit: str) -> int:
    if unit == "utf16":
        return 2 if ord(char) > 0xFFFF else 1
    if unit == "bytes":
        return len(char.encode("utf-8", "surrogatepass"))
    return 1


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
    return sum(weight for _s, _e, weight in scratch.atoms)


def fast_length(text: str, unit: str, options: dict | None = None) -> int | None:
    """The length without the detail (atoms, reasons), when it can be had in one C-speed pass;
    None when only `measure` can tell (X, links or mentions that count differently)."""
    options = options or {}
    if unit == "weighted":
        return None
    if (options.get("urls") or options.get("links")) and "://" in text:
        return None
    if options.get("mentions") and "@" in text:
        return None
    if unit == "characters":
        return len(text)
    if unit == "utf16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    if unit == "bytes":
        return len(text.encode("utf-8", "surrogatepass"))
    if unit == "graphemes":
        return len(_GRAPHEME.findall(text))
    if unit == "emoji-bytes" and text.isascii():
        return len(text)
    return None


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
    result.length = sum(weight for _s, _e, weight in atoms)
    return result


def _measure_plain(text: str, pos: int, stop: int, unit: str, skip: dict, result: Measure) -> None:
    atoms = result.atoms
    for m in _GRAPHEME.finditer(text, pos, stop):
        start, end = m.span()
        if skip and any(start < s_end and end > s_start for s_start, s_end in skip.items()):
            continue
        cluster = m.group()
        emoji = is_emoji_cluster(cluster)
        if unit == "graphemes":
            weight = 1
        elif unit == "emoji-bytes" and emoji:
            weight = len(cluster.encode("utf-8"))
        elif unit == "emoji-bytes":
            weight = len(cluster)
        else:
            weight = sum(_char_weight(c, unit) for c in cluster)
        if emoji:
            result.emoji += 1
            result.emoji_weight += weight
        elif weight > len(cluster):
            result.heavy += 1
        atoms.append((start, end, weight))


def _measure_twitter(text: str) -> Measure:
    """twitter-text v3, as `parse_tweet` counts: NFC, URLs 23, emoji 2, weighted ranges."""
    config, extract_emojis_with_indices, extract_urls_with_indices, get_character_weight = _twitter_text()

    options = config["defaults"]
    scale = options["scale"]
    normalized, back = _nfc_with_positions(text)
    urls = {e["indices"][0]: e["indices"][1] for e in extract_urls_with_indices(normalized)}
    emojis = {}
    if _EMOJI_IN_CLUSTER.search(normalized):  # the emoji scan is slow: skip it when none can match
        emojis = {e["indices"][0]: e["indices"][1] for e in extract_emojis_with_indices(normalized)}
    atoms: list[tuple[int, int, int]] = []
    result = Measure(unit="weighted", length=0, atoms=atoms)
    index = 0
    total = 0
    while index < len(normalized):
        if index in urls:
            end = urls[index]
            weight = options["transformed_url_length"] * scale
            result.links += 1
            result.link_length = options["transformed_url_length"]
        elif index in emojis:
            end = emojis[index]
            weight = options["default_weight"]
            result.emoji += 1
            result.emoji_weight += weight // scale
        else:
            end = index + 1
            weight = get_character_weight(normalized[index], options)
            if weight > scale:
                result.heavy += 1
        atoms.append((back[index], back[end], weight // scale))
        total += weight
        index = end
    result.length = int(total / scale)
    return result


@cache
def _twitter_text():
    """The twitter-text primitives. Its emoji table is read at import through `pkg_resources`, which
    recent setuptools no longer ships (and which costs ~70 ms to import): a one-function stand-in
    serves that single read, and the real module (if any) is put back afterwards."""
    import sys
    import types
    from pathlib import Path

    def resource_string(module: str, name: str) -> bytes:
        return (Path(sys.modules[module].__file__).parent / name).read_bytes()

    stand_in = types.ModuleType("pkg_resources")
    stand_in.resource_string = resource_string
    missing = object()
    previous = sys.modules.get("pkg_resources", missing)
    sys.modules["pkg_resources"] = stand_in
    try:
        from twitter_text.config import config
        from twitter_text.extract_emojis import extract_emojis_with_indices
        from twitter_text.extract_urls import extract_urls_with_indices
        from twitter_text.get_character_weight import get_character_weight
    finally:
        if previous is missing:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = previous
    return config, extract_emojis_with_indices, extract_urls_with_indices, get_character_weight


def _nfc_with_positions(text: str) -> tuple[str, list[int]]:
    """The text as twitter-text sees it (NFC, line breaks as \\n) and, for each of its indexes
    (plus the end), the index in `text` it comes from. Normalisation never crosses a grapheme
    cluster, so each cluster is normalised on its own."""
    if "\r" not in text and unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    back: list[int] = []
    for m in _GRAPHEME.finditer(text):
        cluster = unicodedata.normalize("NFC", m.group()).replace("\r\n", "\n").replace("\r", "\n")
        parts.append(cluster)
        back.extend([m.start()] * len(cluster))
    back.append(len(text))
    return "".join(parts), back
