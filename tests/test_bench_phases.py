"""bench/phases.py splits a `check --jobs 2` run into its phases, in the order they happen."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, generated_corpus

sys.path.insert(0, str(ROOT / "bench"))

import phases  # noqa: E402


def test_a_run_notes_every_phase_in_order_with_the_workers_cpu(tmp_path):
    corpus = generated_corpus(tmp_path / "corpus", 300)  # enough for two worker processes
    marks_file = tmp_path / "marks.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "phases.py"), "--child", str(marks_file)],
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    marks = json.loads(marks_file.read_text())
    order = ["begin", "check all", "pool", "pool end", "across", "rendered", "end"]
    assert list(marks) == order  # each step noted once, in the order the run takes them
    walls = [marks[name][0] for name in order]
    cpus = [marks[name][1] for name in order]
    assert walls == sorted(walls) and cpus == sorted(cpus)
    # the workers' CPU is counted once they have ended: more than this process alone spent meanwhile
    assert marks["pool end"][1] - marks["pool"][1] > 0.05


def test_the_table_gives_each_phase_its_wall_time_share_and_cores_busy():
    def run(shift: float) -> dict:
        at = {"begin": 0.0, "check all": 0.2, "pool": 1.0, "pool end": 3.0, "across": 3.2}
        at |= {"rendered": 3.3, "end": 3.4}
        cpu = {"begin": 0.1, "check all": 0.3, "pool": 1.1, "pool end": 5.1, "across": 5.3}
        cpu |= {"rendered": 5.4, "end": 5.5}
        marks = {name: (at[name] + shift, cpu[name]) for name in at}
        return marks | {"run": 3.5 + shift}

    rows = phases.table([run(0.0), run(0.0), run(1.0)]).split("\n")  # medians: the first two
    assert len(rows) == 2 + len(phases.PHASES) + 1
    assert rows[2].endswith("| 0.300 | 9% | 1.00 |")  # 0.2 s in the process, 0.1 before its clock
    assert rows[3].endswith("| 0.800 | 23% | 1.00 |")
    assert rows[4].endswith("| 2.000 | 57% | 2.00 |")  # 4 s of CPU in 2 s: both cores
    assert rows[-1] == "| **the whole run** | **3.500** | 100% | |"
