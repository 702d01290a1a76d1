"""Shared test helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "posts"
SHARED = ROOT.parent / "shared"


def generated_corpus(out: Path, count: int) -> Path:
    """`count` drafts from the bench's generator (broken drafts, CRLF, both languages...) in `out`."""
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(count), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(autouse=True, scope="session")
def _cache_out_of_the_tree(tmp_path_factory):
    """The command line caches results by default, beside the strategy file: during the tests, in
    one folder of their own instead, so that the repository's fixtures stay as they are (and every
    test that runs the command twice also checks that a cached result is the same)."""
    folder = tmp_path_factory.mktemp("postlint-cache")
    tables = tmp_path_factory.mktemp("postlint-tables")  # postlint.table_store: not the user's
    previous = {name: os.environ.get(name) for name in ("POSTLINT_CACHE_DIR", "POSTLINT_DATA_CACHE")}
    os.environ["POSTLINT_CACHE_DIR"] = str(folder)
    os.environ["POSTLINT_DATA_CACHE"] = str(tables)
    yield folder
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content, mode: str = "text") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
