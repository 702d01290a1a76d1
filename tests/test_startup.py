"""Start-up: a run whose rules need no language model loads neither spaCy nor langdetect."""

from __future__ import annotations

import json
import os
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


SPACY_PROBE = """
import json, sys
from postlint import nlp
doc = nlp.spacy_tokenizer("fr")("Bonjour, c'est l'été !")
tools = sorted({m.split(".")[0] for m in sys.modules} & {"weasel", "httpx", "rich", "typer"})
import spacy
info_works = callable(spacy.info)
import spacy.cli
print(json.dumps([[t.text for t in doc], tools, info_works, hasattr(spacy.cli, "download")]))
"""


def test_spacy_loads_without_its_command_line():
    # spaCy's command-line tools (weasel, httpx, rich, typer) are not imported by a run; spacy.info
    # and a later `import spacy.cli` still work
    result = subprocess.run([sys.executable, "-c", SPACY_PROBE], capture_output=True, text=True, check=True)
    tokens, tools, info_works, cli_works = json.loads(result.stdout.strip().splitlines()[-1])
    assert tokens == ["Bonjour", ",", "c'", "est", "l'", "été", "!"]
    assert tools == []
    assert info_works and cli_works


BLAS_PROBE = "import os, postlint.cli; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def test_the_command_line_asks_numpy_for_one_blas_thread_unless_told_otherwise():
    """postlint does no linear algebra: OpenBLAS's polling threads would only take CPU from the
    workers. A value the user set wins."""
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}

    def threads() -> str:
        probe = subprocess.run([sys.executable, "-c", BLAS_PROBE], capture_output=True, text=True, env=env)
        return probe.stdout.strip()

    assert threads() == "1"
    env["OPENBLAS_NUM_THREADS"] = "4"
    assert threads() == "4"


INDEX_PROBE = """
import json, sys
from postlint.similarity import Neighbours, signature
texts = ["We gather on Saturday at the park to plant trees with the neighbours, come along",
         "We gather on Saturday at the park to plant trees with the neighbours, come with us",
         "Nous serons au parc samedi pour planter des arbres avec les voisins du quartier"]
index = Neighbours([signature(t) for t in texts], 0.5)
print(json.dumps([[other for other, _ in index.of(0)], "numpy.ma" in sys.modules]))
"""


def test_the_duplicates_index_does_not_import_numpy_masked_arrays():
    # np.unique imports numpy.ma (about 10 ms at the end of a run): the index sorts and dedupes itself
    result = subprocess.run([sys.executable, "-c", INDEX_PROBE], capture_output=True, text=True, check=True)
    found, masked = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == [1]
    assert masked is False
