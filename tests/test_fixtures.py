"""Every fixture draft in fixtures/posts/ gets exactly the findings its sidecar declares.

A draft `name.md` has a sidecar `name.expected` beside it: one expected finding per line, as
`LINE CODE` (for example `5 PL100`); `#` starts a comment; an empty sidecar means no finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint import engine
from tests.conftest import FIXTURES

DRAFTS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".markdown"))


def expected_for(draft: Path) -> list[tuple[int, str]]:
    sidecar = draft.with_suffix(".expected")
    found = []
    for raw in sidecar.read_text(encoding="utf-8").split("\n"):
        line = raw.split("#", 1)[0].strip()
        if line:
            number, code = line.split()
            found.append((int(number), code))
    return sorted(found)


@pytest.fixture(scope="module")
def findings_by_file():
    report = engine.check_paths([str(FIXTURES)], engine.Options(lang="en"))
    by_file: dict[str, list[tuple[int, str]]] = {}
    for finding in report.findings:
        key = str(Path(finding.path).resolve())
        by_file.setdefault(key, []).append((finding.line, finding.code))
    return by_file


def test_there_are_enough_fixtures():
    assert len(DRAFTS) >= 20


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_findings(draft, findings_by_file):
    assert draft.with_suffix(".expected").is_file(), f"{draft.name} has no .expected sidecar"
    actual = sorted(findings_by_file.get(str(draft.resolve()), []))
    assert actual == expected_for(draft)
