"""Where the time of one `postlint check --jobs 2 --no-cache` run over the corpus goes.

    python bench/phases.py                  # bench/corpus (10,000 drafts, built when missing)
    python bench/phases.py --count 2000 --runs 5

Row 3 of `speed.py` gives one figure for the whole run; this splits it. Each run is a fresh
process, as in `speed.py`: it runs this file with `--child`, which checks the corpus as
`python -m postlint check --jobs 2 --no-cache drafts` does (postlint's own command line, its output
thrown away) and notes, where the engine's steps start and end, the clock and the CPU time used so
far by the process and by its workers (`time.process_time`, `resource.getrusage`). Prints the
median of `--runs` runs, after one warm-up run, as a Markdown table: each phase's wall time, and
how many of the machine's cores it keeps busy. On 2 cores, the phases before and after the workers
use one core, so the other sits idle. Those are the part of the run that a second core does not
shorten.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

JOBS = 2
OK = (0, 1)  # postlint exits 1 when it finds something

# (name, the mark it starts at, the mark it ends at); "run" is the parent's clock around the process
PHASES = (
    ("Python's start, imports, the files collected, the strategy file read", "begin", "check all"),
    ("the first batch, in this process: it loads what the rules need", "check all", "pool"),
    ("the workers check the other batches", "pool", "pool end"),
    ("the checks across drafts", "pool end", "across"),
    ("the findings gathered, the report rendered as text", "across", "rendered"),
    ("the report printed, the command's end", "rendered", "end"),
)


def child(marks_file: str) -> None:
    """Check `drafts` in this process as `python -m postlint check` does, noting at each step the
    clock and the CPU time used so far by this process and by its workers once they have ended;
    the marks go to `marks_file` as JSON."""
    import resource

    began = time.perf_counter()
    marks: dict[str, tuple[float, float]] = {}

    def mark(name: str) -> None:
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() + workers.ru_utime + workers.ru_stime
        marks[name] = (time.perf_counter() - began, cpu)

    mark("begin")
    from postlint import cli, corpus, engine, output

    def noted(function, before: str | None = None, after: str | None = None):
        def wrapper(*args, **kwargs):
            if before:
                mark(before)
            result = function(*args, **kwargs)
            if after:
                mark(after)
            return result

        return wrapper

    engine._check_all = noted(engine._check_all, before="check all")
    engine._run_batches = noted(engine._run_batches, before="pool", after="pool end")  # workers reaped
    corpus.corpus_findings = noted(corpus.corpus_findings, after="across")
    output.render = noted(output.render, after="rendered")
    try:
        cli.main(["check", "--jobs", str(JOBS), "--no-cache", "drafts"])
    except SystemExit as done:
        if done.code not in OK:
            raise
    sys.stdout.flush()
    mark("end")
    Path(marks_file).write_text(json.dumps(marks))
    os._exit(0)  # as `postlint` itself ends (postlint.cli.run)


def one_run(folder: Path) -> dict:
    """The marks of one run, and the parent's wall clock around the whole process ("run")."""
    from run import CommandFailed, run_once

    with tempfile.TemporaryDirectory() as tmp:
        marks_file = Path(tmp) / "marks.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(marks_file)]
        elapsed = run_once(command, folder, (0,))  # stops the bench with the error output otherwise
        marks = json.loads(marks_file.read_text())
    if "pool" not in marks:
        raise CommandFailed("the drafts were checked in one process (too few for two jobs)")
    marks["run"] = elapsed
    return marks


def table(runs: list[dict]) -> str:
    """The phases' medians; "cores busy" is the CPU time of the phase (this process and its workers)
    over its wall time."""

    def median(function) -> float:
        return statistics.median(function(marks) for marks in runs)

    total = median(lambda m: m["run"])
    lines = ["| phase | wall (s) | share | cores busy |", "|---|---:|---:|---:|"]
    for name, start, end in PHASES:
        if start == "begin":  # the interpreter starts before this process's clock and CPU count
            wall = median(lambda m, end=end: m[end][0] + m["run"] - m["end"][0])
            cpu = median(lambda m, end=end: m[end][1])
            name += " (and the exit)"
        else:
            wall = median(lambda m, start=start, end=end: m[end][0] - m[start][0])
            cpu = median(lambda m, start=start, end=end: m[end][1] - m[start][1])
        lines.append(f"| {name} | {wall:.3f} | {wall / total:.0%} | {cpu / wall:.2f} |")
    lines.append(f"| **the whole run** | **{total:.3f}** | 100% | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:  # in the timed process: nothing of the bench's own imported
        child(argv[1])
    from growth import corpus_folder
    from run import ensure_corpus, machine

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="drafts in the corpus (default 10,000)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus seed (default 2026)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs, after a warm-up run (default 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    folder = corpus_folder(args.count).resolve()
    ensure_corpus(folder, args.count, args.seed)
    one_run(folder)  # warm-up: the OS file cache, Python's bytecode, postlint's kept tables
    runs = [one_run(folder) for _ in range(args.runs)]
    heading = f"`postlint check --jobs {JOBS} --no-cache` on {args.count:,} drafts"
    print(f"{heading}; medians of {args.runs} runs.\n")
    print(table(runs))
    print(f"\nMachine: {machine()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
