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

A large list holds 300,000 words, and building its dictionary takes a tenth of a second, where
hashtag-case asks a few hundred words of it, nearly all of them common. So `zipf_at_least` reads
only the head of the file, the words at least as common as the rule needs (a fifth of the list,
commonest first: a hundredth of a second), and `zipf` finds the first few rarer words it is asked
for in the file's bytes (a millisecond each) before it builds the whole dictionary. What these read
from a file (a dictionary, the head of a list, a list decompressed) is kept in postlint's data
folder and read back at the next start (`_kept`).
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

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


def _is_header(header) -> bool:
    return isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1


def _decompressed(path: Path) -> bytes:
    """A whole gzipped file, decompressed in one call (a fifth quicker than reading it through
    `gzip.open`)."""
    import gzip

    return gzip.decompress(path.read_bytes())


def _read_pack(path: Path) -> list | None:
    """The word lists of a cBpack file, or None when it is not one."""
    import zlib

    import msgpack

    try:
        data = msgpack.unpackb(_decompressed(path), raw=False)
    except (OSError, EOFError, ValueError, zlib.error, msgpack.UnpackException):
        return None  # wordfreq then reads it, and says what is wrong
    if not data or not isinstance(data, list) or not _is_header(data[0]):
        return None
    return data[1:]


def _leading_buckets(path: Path, count: int) -> list[list[str]] | None:
    """The first `count` word lists of a cBpack file (the commonest words), read without
    decompressing or unpacking the rest; None when it is not such a file."""
    import gzip
    import zlib

    import msgpack

    try:
        with gzip.open(path, "rb") as handle:
            unpacker = msgpack.Unpacker(handle, raw=False)
            size = unpacker.read_array_header()
            if size < 1 or not _is_header(unpacker.unpack()):
                return None
            buckets = [unpacker.unpack() for _ in range(min(count, size - 1))]
    except (OSError, EOFError, ValueError, zlib.error, msgpack.UnpackException):
        return None
    return buckets if all(isinstance(bucket, list) for bucket in buckets) else None


def _bucket_frequency(index: int) -> float:
    """The frequency of the words of a cBpack file's list number `index` (index centibels)."""
    return 10 ** (-index / 100)


@cache
def frequencies(lang: str, wordlist: str = "best") -> dict[str, float]:
    """`wordfreq.get_frequency_dict(lang, wordlist)`: word -> frequency. Raises LookupError, as
    wordfreq does, for a language it has no list for."""
    path = _file(lang, wordlist)
    found = _kept("dict", path, _frequency_dict) if path is not None else None
    if found is None:
        import wordfreq

        return wordfreq.get_frequency_dict(lang, wordlist)
    return found


def _frequency_dict(path: Path) -> dict[str, float] | None:
    """word -> frequency of a cBpack file, or None when it is not one."""
    pack = _read_pack(path)
    if pack is None:
        return None
    found: dict[str, float] = {}
    for index, bucket in enumerate(pack):
        found.update(dict.fromkeys(bucket, _bucket_frequency(index)))  # a word met again: its last bucket
    return found


def _kept(kind: str, path: Path, build: Callable[..., T], *arguments) -> T:
    """`build(path, *arguments)`, kept in postlint's data folder (postlint.table_store.kept_value)
    under the file's state, the arguments and this module: read back, a list's words cost half or
    less of unpacking its file again (the head of a large list: 10 instead of 20 ms; the file
    decompressed for `_Finder`: nothing instead of 15 ms)."""
    from postlint.table_store import kept_value, source_state

    inputs = (source_state(__file__), source_state(path), arguments)
    name = "words_" + kind + "_" + path.name.split(".")[0].replace("-", "_")
    return kept_value(name, inputs, lambda: build(path, *arguments))


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


def _zipf_of(frequency: float | None) -> float:
    """wordfreq's Zipf value for a word of one token with this frequency (None: not in the list):
    1 / (1 / f), three significant digits, minimum 0."""
    if frequency is None:
        found = _MINIMUM
    else:
        unrounded = max(1.0 / (0.0 + 1.0 / frequency), _MINIMUM)
        found = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(found, 10) + 9, 2)


def _plain(word: str, lang: str) -> bool:
    """True when the file of `lang`'s best list answers for `word` as wordfreq would."""
    if lang not in _PLAIN_LANGUAGES or _PLAIN_WORD.fullmatch(word) is None:
        return False
    return _file(lang, "best") is not None


def zipf(word: str, lang: str) -> float:
    """`wordfreq.zipf_frequency(word, lang)` (the best list, minimum 0)."""
    if not _plain(word, lang):
        import wordfreq

        return wordfreq.zipf_frequency(word, lang)
    return _zipf_of(_finder(lang).frequency(word))


@cache
def _commonest(lang: str, floor: float) -> dict[str, float] | None:
    """word -> Zipf value of the words of `lang`'s best list whose value is at least `floor`, read
    from the head of the file; None when the file can't be read that way."""
    count = 0  # the lists of the file (one per centibel, commonest first) at or above the floor
    while _zipf_of(_bucket_frequency(count)) >= floor:
        count += 1
    return _kept("head", _file(lang, "best"), _zipfs_of_head, count)


def _zipfs_of_head(path: Path, count: int) -> dict[str, float] | None:
    """word -> Zipf value of the words of the first `count` lists of a cBpack file."""
    buckets = _leading_buckets(path, count)
    if buckets is None:
        return None
    found: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        found.update(dict.fromkeys(bucket, _zipf_of(_bucket_frequency(index))))
    return found


def zipf_at_least(word: str, lang: str, floor: float) -> float:
    """`zipf(word, lang)` when that is at least `floor`, else a value below `floor` (minus infinity,
    or the exact value): only the words of the list at least that common are read (a floor above
    0), where `zipf` needs them all."""
    if floor <= 0 or not _plain(word, lang):
        return zipf(word, lang)
    table = _commonest(lang, floor)
    if table is None:
        return zipf(word, lang)
    return table.get(word, -math.inf)


# A list's words looked up in its file's bytes before its whole dictionary is built instead.
_LOOKUPS_IN_BYTES = 48


@cache
def _finder(lang: str) -> _Finder:
    return _Finder(lang)


class _Finder:
    """Finds the frequency of a word of `lang`'s best list: the first few in the file's bytes (about
    a millisecond each, and the file decompressed once: a hundredth of a second), then from the
    whole dictionary (`frequencies`, a tenth of a second once)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.left = _LOOKUPS_IN_BYTES
        self.raw: tuple[bytes, list[int]] | None = None

    def frequency(self, word: str) -> float | None:
        if self.left > 0:
            self.left -= 1
            if self.raw is None:
                self.raw = _kept("bytes", _file(self.lang, "best"), _bytes_and_starts) or (b"", [])
            if self.raw[1]:
                index = _bucket_in_bytes(word, *self.raw)
                return None if index is None else _bucket_frequency(index)
        return frequencies(self.lang, "best").get(word)


def _bytes_and_starts(path: Path) -> tuple[bytes, list[int]] | None:
    """A cBpack file decompressed, and where each of its lists starts in it (then where the last
    ends); None when it is not such a file."""
    import io
    import zlib

    import msgpack

    try:
        data = _decompressed(path)
        unpacker = msgpack.Unpacker(io.BytesIO(data), raw=False)
        size = unpacker.read_array_header()
        if size < 1 or not _is_header(unpacker.unpack()):
            return None
        starts = []
        for _ in range(size - 1):
            starts.append(unpacker.tell())
            unpacker.skip()
        starts.append(unpacker.tell())
    except (OSError, EOFError, ValueError, zlib.error, msgpack.UnpackException):
        return None
    return data, starts


def _bucket_in_bytes(word: str, data: bytes, starts: list[int]) -> int | None:
    """The number of the last list of the file that holds `word`, or None: the word's packed bytes
    are searched from the end, and a list where they are found is unpacked to make sure (the bytes
    could be inside a longer word)."""
    from bisect import bisect_right

    import msgpack

    packed = msgpack.packb(word)
    end = len(data)
    while (at := data.rfind(packed, 0, end)) >= 0:
        index = bisect_right(starts, at) - 1
        if 0 <= index < len(starts) - 1:
            bucket = msgpack.unpackb(data[starts[index] : starts[index + 1]], raw=False)
            if isinstance(bucket, list) and word in bucket:
                return index
        end = at + len(packed) - 1
    return None
