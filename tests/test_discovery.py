"""Finding the drafts: the absolute and shown paths the walk works out once per folder are
os.path.abspath's and shown_path's, whatever the path given; exclusion and the other drafts of a
folder read them the same way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postlint.discovery import collect, drafts_under, excluded, shown_path


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in ("a.md", "sous/b.markdown", "sous/plus/c.md", "sous/notes.txt", ".cache/d.md"):
        path = tmp_path / "contenu" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\nplatform: x\n---\nBonjour\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "contenu" / "sous")
    return tmp_path / "contenu"


@pytest.mark.parametrize(
    "given", [".", "..", "../sous/", "plus", "./plus/", "../../contenu", "ABSOLUTE", "../a.md", "plus/c.md"]
)
def test_each_candidate_knows_its_absolute_and_shown_paths(tree, given):
    path = str(tree) if given == "ABSOLUTE" else given
    found = list(collect([path]))
    assert found
    for candidate in found:
        assert candidate.absolute_path() == os.path.abspath(candidate.file)
        assert candidate.absolute == os.path.abspath(candidate.file)
        assert candidate.shown == shown_path(candidate.file)
        if not candidate.explicit:  # found by the walk: the path given, then the folders and name
            inside = os.path.relpath(candidate.absolute, os.path.abspath(path))
            assert candidate.file == Path(path) / inside and os.path.isfile(candidate.file)


@pytest.mark.parametrize("root", ["ABSOLUTE", "..", "../"])
def test_exclusion_reads_relative_and_absolute_roots_alike(tree, root):
    root = tree if root == "ABSOLUTE" else root
    for given in ("plus/c.md", str(tree / "sous" / "plus" / "c.md")):
        assert excluded(given, root, ["sous/plus/**"])
        assert not excluded(given, root, ["archive/**"])
    assert not excluded("plus/c.md", root, [])


def test_the_drafts_left_out_are_not_listed(tree):
    root = str(tree)
    everything = [file for file, _state in drafts_under(root)]
    assert everything == [
        os.path.join(root, "a.md"),
        os.path.join(root, "sous", "b.markdown"),
        os.path.join(root, "sous", "plus", "c.md"),
    ]
    left = drafts_under(root, leave_out={everything[1]})
    assert [file for file, _state in left] == [everything[0], everything[2]]
    assert all(state is not None and state[0] > 0 for _file, state in left)
