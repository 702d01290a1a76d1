"""The word tables kept on disk (postlint.table_store): read back as built, rebuilt when the
source changes or the kept file is damaged, and never a failure when the folder can't be used."""

from __future__ import annotations

import os

import pytest

from postlint import table_store

TABLE = {"procédons": "procéder", "yeux": "œil", "aujourd'hui": "aujourd'hui", "été": "être"}


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """A source file, a kept-tables folder of the test's own, and a build that counts its calls."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path / "tables"))
    source = tmp_path / "source.json.gz"
    source.write_bytes(b"the package's file")
    calls = []

    def build(table=TABLE):
        calls.append(1)
        return dict(table)

    return source, build, calls


def kept_files(tmp_path):
    return sorted((tmp_path / "tables").glob("*.tsv"))


def test_a_table_is_built_once_then_read_back_the_same(kept, tmp_path):
    source, build, calls = kept
    first = table_store.kept_table("words", source, build)
    second = table_store.kept_table("words", source, build)
    assert first == second == TABLE
    assert list(second) == list(TABLE)  # the order of the entries too
    assert len(calls) == 1
    assert len(kept_files(tmp_path)) == 1


def test_an_empty_table_round_trips(kept, tmp_path):
    source, build, calls = kept
    assert table_store.kept_table("empty", source, lambda: build({})) == {}
    assert table_store.kept_table("empty", source, lambda: build({})) == {}
    assert len(calls) == 1


def test_a_changed_source_builds_again_and_the_old_copy_goes(kept, tmp_path):
    source, build, calls = kept
    table_store.kept_table("words", source, build)
    source.write_bytes(b"a new version of the package's file")
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    changed = {**TABLE, "allons": "aller"}
    assert table_store.kept_table("words", source, lambda: build(changed)) == changed
    assert len(calls) == 2
    assert len(kept_files(tmp_path)) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace("postlint-table", "something-else", 1),  # another format
        lambda text: text.replace("\t4\n", "\t5\n", 1),  # the count does not match
        lambda text: text + "\nextra\tline",
        lambda text: "",
    ],
)
def test_a_damaged_copy_is_built_again_and_rewritten(kept, tmp_path, damage):
    source, build, calls = kept
    table_store.kept_table("words", source, build)
    [path] = kept_files(tmp_path)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert table_store.kept_table("words", source, build) == TABLE
    assert len(calls) == 2
    assert table_store.kept_table("words", source, build) == TABLE
    assert len(calls) == 2  # rewritten whole


def test_a_copy_that_is_not_utf8_is_built_again(kept, tmp_path):
    source, build, calls = kept
    table_store.kept_table("words", source, build)
    [path] = kept_files(tmp_path)
    path.write_bytes(b"postlint-table\t1\t1\n\xff\xfe\tx")
    assert table_store.kept_table("words", source, build) == TABLE
    assert len(calls) == 2


def test_words_with_tabs_or_line_breaks_are_not_kept(kept, tmp_path):
    source, build, calls = kept
    odd = {"a\tb": "c", "d": "e\nf"}
    assert table_store.kept_table("odd", source, lambda: build(odd)) == odd
    assert table_store.kept_table("odd", source, lambda: build(odd)) == odd
    assert len(calls) == 2
    assert kept_files(tmp_path) == []


@pytest.mark.parametrize(
    ("module", "function", "error"),
    [
        (table_store.tempfile, "mkstemp", PermissionError(13, "Permission denied")),  # a read-only folder
        (table_store.os, "replace", OSError(28, "No space left on device")),  # a full disk
    ],
)
def test_a_table_that_cannot_be_written_is_still_given_and_leaves_no_file(
    kept, tmp_path, monkeypatch, module, function, error
):
    source, build, calls = kept

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(module, function, failing)
    assert table_store.kept_table("words", source, build) == TABLE
    assert table_store.kept_table("words", source, build) == TABLE
    assert len(calls) == 2
    assert not (tmp_path / "tables").exists() or list((tmp_path / "tables").iterdir()) == []


def test_a_folder_that_is_a_file_still_gives_the_table(kept, tmp_path):
    source, build, calls = kept
    (tmp_path / "tables").write_text("not a folder", encoding="utf-8")
    assert table_store.kept_table("words", source, build) == TABLE
    assert len(calls) == 1


def test_off_keeps_nothing(kept, tmp_path, monkeypatch):
    source, build, calls = kept
    monkeypatch.setenv("POSTLINT_DATA_CACHE", "off")
    table_store.kept_table("words", source, build)
    table_store.kept_table("words", source, build)
    assert len(calls) == 2
    assert not (tmp_path / "tables").exists()


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("POSTLINT_DATA_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert table_store.folder() == tmp_path / "postlint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert table_store.folder() == tmp_path / "home" / ".cache" / "postlint"


def test_the_french_lemmas_read_back_are_the_packages_own(tmp_path, monkeypatch):
    """The kept copy of a real table (spacy-lookups-data's French lemmas) gives the same entries
    as the package's JSON, in the same order."""
    from pathlib import Path

    spacy_lookups_data = pytest.importorskip("spacy_lookups_data")
    from postlint import nlp

    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path / "tables"))
    source = Path(spacy_lookups_data.__file__).parent / "data" / "fr_lemma_lookup.json.gz"
    built = nlp._lemma_json(source)
    table_store.kept_table("lemmas_fr", source, lambda: built)
    read_back = table_store.kept_table("lemmas_fr", source, lambda: pytest.fail("built again"))
    assert read_back == built
    assert list(read_back) == list(built)
    assert read_back["procédons"] == "procéder"


# --- values worked out from tables (kept_value) -----------------------------------------------

VALUE = (frozenset({"triste", "désolé"}), {"fr": ["honte", "peur"]}, 3, 0.5, b"\x00bytes", None)


@pytest.fixture
def values(tmp_path, monkeypatch):
    """A kept-values folder of the test's own, and a build that counts its calls."""
    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path / "tables"))
    calls = []

    def build(value=VALUE):
        calls.append(1)
        return value

    return build, calls


def kept_values(tmp_path):
    return sorted((tmp_path / "tables").glob("*.marshal"))


def test_a_value_is_built_once_then_read_back_the_same(values, tmp_path):
    build, calls = values
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert len(calls) == 1
    assert len(kept_values(tmp_path)) == 1


def test_other_inputs_build_again_and_the_old_value_goes(values, tmp_path):
    build, calls = values
    table_store.kept_value("words", b"inputs", build)
    assert table_store.kept_value("words", b"other inputs", lambda: build("new")) == "new"
    assert table_store.kept_value("words", b"other inputs", lambda: build("new")) == "new"
    assert len(calls) == 2
    assert len(kept_values(tmp_path)) == 1
    table_store.kept_value("other", b"inputs", build)  # another name: its own file
    assert len(kept_values(tmp_path)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"triste", b"tristE"),  # edited under the old checksum
        lambda data: data.replace(b"postlint-value", b"postlint-other", 1),  # another format
        lambda data: b"garbage",
        lambda data: b"",
    ],
)
def test_a_damaged_value_is_built_again_and_rewritten(values, tmp_path, damage):
    build, calls = values
    table_store.kept_value("words", b"inputs", build)
    [path] = kept_values(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert len(calls) == 2  # rewritten whole


def test_a_value_marshal_cannot_write_is_given_and_not_kept(values, tmp_path):
    build, calls = values
    odd = (object(),)
    assert table_store.kept_value("odd", b"inputs", lambda: build(odd)) is odd
    assert table_store.kept_value("odd", b"inputs", lambda: build(odd)) is odd
    assert len(calls) == 2
    assert kept_values(tmp_path) == []


def test_off_keeps_no_value(values, tmp_path, monkeypatch):
    build, calls = values
    monkeypatch.setenv("POSTLINT_DATA_CACHE", "off")
    table_store.kept_value("words", b"inputs", build)
    table_store.kept_value("words", b"inputs", build)
    assert len(calls) == 2
    assert not (tmp_path / "tables").exists()
