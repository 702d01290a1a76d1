"""What postlint keeps on disk of other packages' tables (postlint.table_store): read back as
built, built again when what it comes from changes or the kept file is damaged, and never a
failure when the folder can't be used."""

from __future__ import annotations

import pytest

from postlint import table_store


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("POSTLINT_DATA_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert table_store.folder() == tmp_path / "postlint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert table_store.folder() == tmp_path / "home" / ".cache" / "postlint"


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


@pytest.mark.parametrize(
    ("module", "function", "error"),
    [
        (table_store.tempfile, "mkstemp", PermissionError(13, "Permission denied")),  # a read-only folder
        (table_store.os, "replace", OSError(28, "No space left on device")),  # a full disk
    ],
)
def test_a_value_that_cannot_be_written_is_still_given_and_leaves_no_file(
    values, tmp_path, monkeypatch, module, function, error
):
    build, calls = values

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(module, function, failing)
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert len(calls) == 2
    assert not (tmp_path / "tables").exists() or list((tmp_path / "tables").iterdir()) == []


def test_a_folder_that_is_a_file_still_gives_the_value(values, tmp_path):
    build, calls = values
    (tmp_path / "tables").write_text("not a folder", encoding="utf-8")
    assert table_store.kept_value("words", b"inputs", build) == VALUE
    assert len(calls) == 1


def test_what_an_older_version_kept_under_the_name_goes(values, tmp_path):
    build, calls = values
    folder = tmp_path / "tables"
    folder.mkdir()
    for name in ("words-716507-1795251901044610625.tsv", "words-0123.marshal", "wordsmith-1.marshal"):
        (folder / name).write_text("kept by an older postlint", encoding="utf-8")
    table_store.kept_value("words", b"inputs", build)
    left = sorted(path.name for path in folder.iterdir())
    assert "wordsmith-1.marshal" in left and len(left) == 2  # another name's file stays


def test_the_lemmas_read_back_are_the_packages_own_with_each_lemma_shared(tmp_path, monkeypatch):
    """The kept copy of a real table (spacy-lookups-data's French lemmas) gives the same entries
    as the package's JSON, in the same order, each lemma one string for all its forms."""
    pytest.importorskip("spacy_lookups_data")
    from postlint import nlp

    monkeypatch.setenv("POSTLINT_DATA_CACHE", str(tmp_path / "tables"))
    expected = nlp._lemma_json(nlp.lemma_source("fr"))
    uncached = nlp.lemma_table.__wrapped__  # not the copy this test run already holds
    assert uncached("fr") == expected
    monkeypatch.setattr(nlp, "_lemma_json", lambda path: pytest.fail("built again"))
    read_back = uncached("fr")
    assert read_back == expected
    assert list(read_back) == list(expected)
    assert read_back["procédons"] == "procéder"
    lemmas = set(read_back.values())
    assert len({id(lemma) for lemma in read_back.values()}) == len(lemmas) < len(read_back) / 4
