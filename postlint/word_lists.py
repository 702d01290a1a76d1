"""wordfreq's word frequencies, read from its data files without importing wordfreq.

Language detection (nlp) reads wordfreq's small lists and hashtag-case the large ones. `import
wordfreq` brings langcodes, ftfy, msgpack and its tokenizers: 0.085 s before the first word, in
every run that detects a language. What postlint reads is only the lists, which wordfreq keeps as
gzipped msgpack files (`<list>_<lang>.msgpack.gz`, the "cBpack" format: a header, then the words
of each centibel of frequency, commonest first); this module reads those files the same way and
builds the same dictionaries (`get_frequency_dict`), and answers `zipf_frequency` for the words
wordfreq reads as they are written.

wordfreq itself answers whenever this module can't be sure to give its answer: a language code
without a file of exactly that name (wordfreq matches codes loosely), a file of another format,
and any word that its tokenizer may change (capitals, digits, apostrophes, letters outside the
lower-case Latin alphabet of French and English). tests/test_word_lists.py checks both dictionaries
and thousands of answers against wordfreq's.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# Words that wordfreq's French and English tokenizers keep whole and unchanged: NFC and case
# folding leave these letters alone, and a run of letters is one token.
_PLAIN_WORD = re.compile(r"[a-zàâäæçéèêëîïôöùûüÿœ]+")
_PLAIN_LANGUAGES = frozenset({"fr", "en"})
_MINIMUM = 10**0.0 / 1e9  # zipf_frequency's default minimum (Zipf 0), as a frequency


@cache
def _data_folder() -> Path | None:
    spec = find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _file(lang: str, wordlist: str) -> Path | None:
    """The file wordfreq reads for `lang` (an exact code) and `wordlist`, when there is one."""
    folder = _data_folder()
    if folder is None:
        return None
    for name in ("large", "small") if wordlist == "best" else (wordlist,):  # best: large when there is one
        path = folder / f"{name}_{lang}.msgpack.gz"
        if path.is_file():
            return path
    return None


def _read_pack(path: Path) -> list | None:
    """The word lists of a cBpack file, or None when it is not one."""
    import gzip
    import zlib

    import msgpack

    try:
        with gzip.open(path, "rb") as handle:
            data = msgpack.unpackb(handle.read(), raw=False)
    except (OSError, EOFError, ValueError, zlib.error, msgpack.UnpackException):
        return None  # wordfreq then reads it, and says what is wrong
    if not data or not isinstance(data, list):
        return None
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    return data[1:]


@cache
def frequencies(lang: str, wordlist: str = "best") -> dict[str, float]:
    """`wordfreq.get_frequency_dict(lang, wordlist)`: word -> frequency. Raises LookupError, as
    wordfreq does, for a language it has no list for."""
    path = _file(lang, wordlist)
    pack = _read_pack(path) if path is not None else None
    if pack is None:
        import wordfreq

        return wordfreq.get_frequency_dict(lang, wordlist)
    found: dict[str, float] = {}
    for index, bucket in enumerate(pack):
        found.update(dict.fromkeys(bucket, 10 ** (-index / 100)))  # a word met again: its last bucket
    return found


@cache
def languages() -> frozenset[str]:
    """`wordfreq.available_languages()` (the languages of its small and large lists)."""
    folder = _data_folder()
    if folder is None or not folder.is_dir():
        import wordfreq

        return frozenset(wordfreq.available_languages())
    found = set()
    for path in folder.glob("*.msgpack.gz"):
        if path.name.startswith("_"):
            continue
        name, _sep, lang = path.name.split(".")[0].partition("_")
        if name in ("small", "large"):
            found.add(lang)
    return frozenset(found)


def zipf(word: str, lang: str) -> float:
    """`wordfreq.zipf_frequency(word, lang)` (the best list, minimum 0)."""
    if lang not in _PLAIN_LANGUAGES or not _PLAIN_WORD.fullmatch(word) or _file(lang, "best") is None:
        import wordfreq

        return wordfreq.zipf_frequency(word, lang)
    freq = frequencies(lang, "best").get(word)
    if freq is None:
        found = _MINIMUM
    else:  # wordfreq's arithmetic for a word of one token: 1 / (1 / f), three significant digits
        unrounded = max(1.0 / (0.0 + 1.0 / freq), _MINIMUM)
        found = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(found, 10) + 9, 2)
