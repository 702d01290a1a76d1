"""postlint.word_lists gives wordfreq's answers without importing wordfreq: the same dictionaries
(entries and order), the same languages, the same Zipf values, and wordfreq's own answer whenever
a word, a language code or a data file is not one it can read the same way."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import wordfreq

from postlint import word_lists


@pytest.fixture(autouse=True)
def fresh_caches():
    word_lists.frequencies.cache_clear()
    word_lists.languages.cache_clear()
    word_lists._data_folder.cache_clear()
    word_lists._file.cache_clear()
    yield
    word_lists.frequencies.cache_clear()
    word_lists.languages.cache_clear()
    word_lists._data_folder.cache_clear()
    word_lists._file.cache_clear()


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
        "assert 'fr' in word_lists.languages()\n"
        "print('wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
