"""postlint.word_lists gives wordfreq's answers without importing wordfreq: the same dictionaries
(entries and order), the same languages, the same Zipf values, and wordfreq's own answer whenever
a word, a language code or a data file is not one it can read the same way."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
import wordfreq

from postlint import word_lists

_CACHED = ("frequencies", "languages", "_data_folder", "_file", "_commonest", "_finder")


@pytest.fixture(autouse=True)
def fresh_caches():
    for name in _CACHED:
        getattr(word_lists, name).cache_clear()
    yield
    for name in _CACHED:
        getattr(word_lists, name).cache_clear()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("wordlist", ["small", "large", "best"])
def test_the_dictionaries_are_wordfreqs(lang, wordlist):
    ours = word_lists.frequencies(lang, wordlist)
    theirs = wordfreq.get_frequency_dict(lang, wordlist)
    assert ours == theirs
    assert list(ours) == list(theirs)  # the same order too


def test_the_languages_are_wordfreqs():
    assert word_lists.languages() == frozenset(wordfreq.available_languages())


def _words() -> list[str]:
    rnd = random.Random(7)
    found = []
    for lang in ("fr", "en"):
        common = list(wordfreq.get_frequency_dict(lang, "small"))
        found += rnd.sample(common, 3000)
    letters = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüœ"
    found += ["".join(rnd.choice(letters) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    # what the tokenizer changes or splits: wordfreq answers these itself
    found += ["Bonjour", "l'été", "aujourd’hui", "covid19", "straße", "ﬁn", "東京", "naïve", "e\u0301te", ""]
    return found


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_zipf_is_wordfreqs_for_every_word(lang):
    mismatches = [w for w in _words() if word_lists.zipf(w, lang) != wordfreq.zipf_frequency(w, lang)]
    assert mismatches == []


def test_a_language_code_wordfreq_matches_loosely_is_its_answer():
    for code in ("fr-CA", "FR", "fra", "tlh"):
        assert word_lists.frequencies(code, "small") == wordfreq.get_frequency_dict(code, "small"), code


def test_a_damaged_data_file_is_left_to_wordfreq(tmp_path, monkeypatch):
    (tmp_path / "small_fr.msgpack.gz").write_bytes(b"not gzip at all")
    (tmp_path / "large_fr.msgpack.gz").write_bytes(b"\x1f\x8b\x08\x00")  # a gzip header cut short
    monkeypatch.setattr(word_lists, "_data_folder", lambda: tmp_path)
    assert word_lists.frequencies("fr", "small") == wordfreq.get_frequency_dict("fr", "small")
    assert word_lists.frequencies("fr", "best") == wordfreq.get_frequency_dict("fr", "best")


def test_reading_the_lists_imports_no_wordfreq():
    probe = (
        "import sys\n"
        "from postlint import word_lists\n"
        "assert len(word_lists.frequencies('fr', 'small')) > 10000\n"
        "assert word_lists.zipf('bonjour', 'fr') > 4 and word_lists.zipf('hello', 'en') > 4\n"
        "assert word_lists.zipf_at_least('bonjour', 'fr', 2.5) > 4\n"
        "assert 'fr' in word_lists.languages()\n"
        "print('wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _words_of_every_frequency(lang: str, count: int) -> list[str]:
    """Words of the large list from its commonest to its rarest, evenly spread."""
    words = list(wordfreq.get_frequency_dict(lang, "large"))
    return words[:: max(1, len(words) // count)]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("floor", [-1.0, 0.0, 1.5, 2.5, 2.8, 4.0, 7.5])
def test_zipf_at_least_is_wordfreqs_above_the_floor_and_below_it_otherwise(lang, floor):
    for word in _words_of_every_frequency(lang, 2000) + _words():
        theirs = wordfreq.zipf_frequency(word, lang)
        ours = word_lists.zipf_at_least(word, lang, floor)
        if theirs >= floor:
            assert ours == theirs, word
        else:
            assert ours < floor, word


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("in_bytes", [0, 10_000])
def test_rare_words_found_in_the_files_bytes_or_in_the_dictionary(lang, in_bytes, monkeypatch):
    monkeypatch.setattr(word_lists, "_LOOKUPS_IN_BYTES", in_bytes)
    words = _words_of_every_frequency(lang, 400) + ["droitaulogement", "zzzqx", "ment"]
    assert [word_lists.zipf(w, lang) for w in words] == [wordfreq.zipf_frequency(w, lang) for w in words]


def _pack(folder, buckets) -> None:
    import gzip

    import msgpack

    data = msgpack.packb([{"format": "cB", "version": 1}, *buckets], use_bin_type=True)
    (folder / "large_fr.msgpack.gz").write_bytes(gzip.compress(data))


def test_a_word_whose_bytes_end_a_longer_word_is_found_in_its_own_list(tmp_path, monkeypatch):
    # "äment" is C3 A4 "ment" in UTF-8, and A4 "ment" is how "ment" itself is packed
    _pack(tmp_path, [["le"], ["ment"], [], ["äment", "mentir"]])
    monkeypatch.setattr(word_lists, "_data_folder", lambda: tmp_path)
    assert (
        word_lists._bucket_in_bytes("ment", *word_lists._bytes_and_starts(tmp_path / "large_fr.msgpack.gz"))
        == 1
    )
    assert word_lists.zipf("ment", "fr") == word_lists._zipf_of(10 ** (-1 / 100))
    assert (
        word_lists.zipf("äment", "fr")
        == word_lists.zipf("mentir", "fr")
        == word_lists._zipf_of(10 ** (-3 / 100))
    )
    assert word_lists.zipf("men", "fr") == 0.0


def test_a_word_found_only_inside_a_longer_word_is_not_in_the_list(tmp_path, monkeypatch):
    _pack(tmp_path, [["le"], ["äment"]])
    monkeypatch.setattr(word_lists, "_data_folder", lambda: tmp_path)
    assert word_lists.zipf("ment", "fr") == 0.0
    assert word_lists.zipf_at_least("ment", "fr", 2.5) < 2.5
    assert word_lists.zipf_at_least("le", "fr", 2.5) == word_lists._zipf_of(1.0)


def test_a_damaged_file_read_in_part_is_left_to_wordfreq(tmp_path, monkeypatch):
    (tmp_path / "large_fr.msgpack.gz").write_bytes(b"\x1f\x8b\x08\x00")  # a gzip header cut short
    monkeypatch.setattr(word_lists, "_data_folder", lambda: tmp_path)
    # wordfreq's own reading of the list (of its own file, here left as it is) stands in
    monkeypatch.setattr(wordfreq, "get_frequency_dict", lambda lang, wordlist: {"bonjour": 1e-3})
    assert word_lists._commonest("fr", 2.5) is None
    assert word_lists._bytes_and_starts(tmp_path / "large_fr.msgpack.gz") is None
    assert word_lists.zipf_at_least("bonjour", "fr", 2.5) == 6.0
    assert word_lists.zipf_at_least("salut", "fr", 2.5) == 0.0


def test_what_is_read_from_a_list_is_kept_and_follows_its_file(tmp_path, monkeypatch):
    # the data folder keeps the dictionary, the head of the list and the decompressed file: read
    # back at the next start without unpacking the file, and read again when the file changes
    _pack(tmp_path, [["le"], ["ment"], [], ["mentir"]])
    monkeypatch.setattr(word_lists, "_data_folder", lambda: tmp_path)
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path / "data"))
    first = (
        word_lists.frequencies("fr", "large"),
        word_lists._commonest("fr", 8.995),
        word_lists.zipf("ment", "fr"),
    )
    assert first[0] == {"le": 1.0, "ment": 10 ** (-1 / 100), "mentir": 10 ** (-3 / 100)} and first[1] == {
        "le": 9.0
    }
    assert len(list((tmp_path / "data").glob("words_*-*.marshal"))) == 3
    unpacked = []
    for name in ("_read_pack", "_leading_buckets", "_bytes_and_starts"):
        real = getattr(word_lists, name)
        monkeypatch.setattr(
            word_lists, name, lambda *a, real=real, name=name: unpacked.append(name) or real(*a)
        )
    for name in ("frequencies", "_file", "_commonest", "_finder"):  # a new start
        getattr(word_lists, name).cache_clear()
    assert (
        word_lists.frequencies("fr", "large"),
        word_lists._commonest("fr", 8.995),
        word_lists.zipf("ment", "fr"),
    ) == first
    assert unpacked == []
    _pack(tmp_path, [["le"], [], ["ment"]])
    os.utime(tmp_path / "large_fr.msgpack.gz", ns=(1, 1))  # another state, even within the same tick
    for name in ("frequencies", "_file", "_commonest", "_finder"):  # a new start
        getattr(word_lists, name).cache_clear()
    assert word_lists.frequencies("fr", "large") == {"le": 1.0, "ment": 10 ** (-2 / 100)}
    assert word_lists.zipf("ment", "fr") == word_lists._zipf_of(10 ** (-2 / 100))
    assert unpacked == ["_read_pack", "_bytes_and_starts"]
    assert len(list((tmp_path / "data").glob("words_*-*.marshal"))) == 3  # the old copies removed
