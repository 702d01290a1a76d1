"""The time each output format takes to write the report of the bench corpus.

    python bench/output_formats.py                 # bench/corpus (10,000 drafts, built when missing)
    python bench/output_formats.py --count 2000

Checks the corpus once (`--jobs 2`, as a CI job would), then writes its report in every format
(`postlint.output.render`), best of three. For JSON and SARIF it also times the same document
written by `json.dumps(..., ensure_ascii=False, indent=2)`, as they were written before
`postlint/output/indented_json.py`, and says whether the two texts are the same.
"""

from __future__ import annotations

import json
import os
import sys
import time
from unittest import mock

from growth import corpus_from_command_line
from run import machine

from postlint import collector, engine, output
from postlint.output import indented_json

RUNS = 3


def best(write) -> tuple[float, str]:
    """The best time of RUNS writings, and the text written."""
    times, text = [], ""
    for _ in range(RUNS):
        start = time.perf_counter()
        text = write()
        times.append(time.perf_counter() - start)
    return min(times), text


def with_json_dumps(report, fmt: str) -> str:
    """The report in `fmt` written by json.dumps itself."""

    def standard(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2)

    with mock.patch.object(indented_json, "dumps", standard):
        return output.render(report, fmt)


def main(argv: list[str] | None = None) -> int:
    folder, count = corpus_from_command_line(__doc__, argv)
    os.chdir(folder)
    collector.collect_less_often()
    report = engine.check_paths(["drafts"], engine.Options(jobs=2, facts=True))
    print(f"{count:,} drafts, {len(report.findings):,} findings; best of {RUNS}\n")
    print("| format | seconds | with json.dumps(indent=2) | same text |")
    print("|---|---|---|---|")
    same = True
    for fmt in output.FORMATS:
        seconds, text = best(lambda fmt=fmt: output.render(report, fmt))
        row = [fmt, f"{seconds:.3f}", "–", "–"]
        if fmt in ("json", "sarif"):
            before, standard = best(lambda fmt=fmt: with_json_dumps(report, fmt))
            row[2:] = [f"{before:.3f}", "yes" if standard == text else "NO"]
            same = same and standard == text
        print("| " + " | ".join(row) + " |")
    print(f"\nMachine: {machine()}.")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
