"""Start-up: a run whose rules need no language model loads neither spaCy nor langdetect."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES

PROBE = """
import json, sys
from postlint.cli import main
try:
    # the Writing rules (PL3xx) read the spaCy Doc of the drafts they may match, and fixtures/posts
    # has such drafts; their own tests check that they load nothing for the others
    # (tests/test_tone_rule.py for tone)
    main(["check", "--ignore", "PL3", "--format", "json", "-o", sys.argv[2], sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "langdetect", "thinc", "torch"))
print(json.dumps(heavy))
"""


def test_length_only_run_imports_no_nlp(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(FIXTURES), str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"] >= 2
