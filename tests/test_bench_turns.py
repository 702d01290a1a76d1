"""The bench times postlint and proselint in turns, so that a host whose speed drifts slows both alike."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import json
import sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from run import time_in_turns
log = Path({log!r})
commands = [[sys.executable, "-c", f"open({{str(log)!r}}, 'a').write({{letter!r}})"] for letter in "AB"]
print(json.dumps(time_in_turns([(command, log.parent) for command in commands], 2, (0,))))
"""


def test_the_commands_run_in_turns_after_one_warm_up_each(tmp_path):
    log = tmp_path / "log"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(bench=str(ROOT / "bench"), log=str(log))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert log.read_text() == "ABABAB"  # a warm-up round, then two timed rounds
    medians = json.loads(done.stdout)
    assert len(medians) == 2 and all(seconds > 0 for seconds in medians)
