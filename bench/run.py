"""Time postlint as whole processes, the way users and pre-commit run it.

    python bench/run.py                    # 10,000 drafts, 5 runs of each step
    python bench/run.py --count 2000 --runs 3

Builds the corpus in bench/corpus/ first when it is missing or was made with another count (see
make_corpus.py). Each step is a fresh `python` process started with subprocess; the figure is the
median wall-clock time of --runs runs, after one untimed warm-up run (which fills the OS file cache
and Python's bytecode cache, as on a machine where postlint already ran). postlint's own result
cache, when the installed version has one, is turned off with --no-cache so that every run does
the whole work. The whole corpus is checked with `--jobs 1` and, when the installed postlint has
the option, `--jobs 2`. Prints a Markdown table, the ratio of the one-draft run to `import spacy`
(the start-up goal: at most 1.5), and the machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import make_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def ensure_corpus(out: Path, count: int, seed: int) -> dict:
    manifest = make_corpus.read_manifest(out)
    wanted = {"generator": make_corpus.VERSION, "count": count, "seed": seed}
    if manifest is None or any(manifest.get(key) != value for key, value in wanted.items()):
        print(f"building a corpus of {count:,} drafts in {out} ...", file=sys.stderr)
        manifest = make_corpus.build(count, out, seed)
    return manifest


def postlint_has_option(option: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--help"], capture_output=True, text=True, check=True
    )
    return option in done.stdout


def child_env() -> dict[str, str]:
    """The environment of the timed processes: this one, with Python's bytecode cache allowed.

    A user's Python writes `__pycache__` once and reads it at every later start; a session started
    with PYTHONDONTWRITEBYTECODE=1 would compile postlint's modules again in every run."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class CommandFailed(SystemExit):
    """A timed command exited with an unexpected code; uncaught, it stops the benchmark with the
    command's error output."""


def run_once(command: list[str], cwd: Path, ok_codes: tuple[int, ...]) -> float:
    """Wall-clock seconds of one run of `command` (its output thrown away); stops the benchmark
    with the command's error output when it exits with a code not in `ok_codes`.

    Reports are never written with `-o /dev/null`: postlint writes `-o` targets through a temporary
    file renamed over them, which, run as root, replaces /dev/null with a regular file."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env()
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise CommandFailed(
            f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return elapsed


def time_command(
    command: list[str],
    cwd: Path,
    runs: int,
    ok_codes: tuple[int, ...],
    before: Callable[[int], object] | None = None,
    after: Callable[[int], object] | None = None,
) -> float:
    """Median wall-clock seconds of `runs` runs of `command`, after one warm-up run.

    `before(attempt)` and `after(attempt)`, when given, run untimed around each run (attempt 0 is
    the warm-up), to change a file before it and put it back after it, say."""
    times = []
    for attempt in range(runs + 1):
        if before:
            before(attempt)
        try:
            elapsed = run_once(command, cwd, ok_codes)
        finally:
            if after:
                after(attempt)
        if attempt:  # the first run is the warm-up
            times.append(elapsed)
    return statistics.median(times)


def time_in_turns(
    commands: list[tuple[list[str], Path]], runs: int, ok_codes: tuple[int, ...]
) -> list[float]:
    """Median wall-clock seconds of `runs` runs of each (command, folder it runs in), the commands
    run in turns (A B A B ...) after one warm-up run of each. Two runs compared this way meet the
    machine at the same moments: a host whose speed drifts over minutes (a shared virtual machine)
    slows both alike, where timing one and then the other would put the drift into their ratio."""
    times: list[list[float]] = [[] for _ in commands]
    for attempt in range(runs + 1):
        for (command, cwd), found in zip(commands, times, strict=True):
            elapsed = run_once(command, cwd, ok_codes)
            if attempt:  # the first round is the warm-up
                found.append(elapsed)
    return [statistics.median(found) for found in times]


def first_draft(corpus: Path) -> Path:
    return sorted((corpus / "drafts").rglob("*.md"))[0]


def json_report(command: list[str], cwd: Path) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "report.json"
        subprocess.run([*command, "-o", str(report_path)], cwd=cwd, capture_output=True)
        try:
            return report_path.read_bytes()
        except OSError:
            return b""


def findings_summary(command: list[str], cwd: Path, parallel: list[str] | None = None) -> str:
    """One more run with the JSON report kept, to say what the corpus triggers; with `parallel`,
    a run of that command too, to say whether its report is the same, byte for byte."""
    data = json_report(command, cwd)
    try:
        report = json.loads(data)
    except ValueError:
        return "findings: (no JSON report)"
    codes = Counter(f["code"] for f in report.get("findings", []))
    by_code = ", ".join(f"{code} {n:,}" for code, n in sorted(codes.items()))
    summary = f"{report.get('files', 0):,} files checked, {sum(codes.values()):,} findings ({by_code})"
    if parallel:
        same = json_report(parallel, cwd) == data
        summary += "; the `--jobs 2` report is " + ("the same, byte for byte" if same else "DIFFERENT")
    return summary


def machine() -> str:
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from postlint import __version__

    return (
        f"{cpu}, {cores} cores ({usable} usable), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); postlint {__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="drafts in the corpus (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each step (default 5)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus seed (default 2026)")
    parser.add_argument("--corpus", type=Path, default=make_corpus.DEFAULT_OUT, help="corpus folder")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.count < 1:
        parser.error("--runs and --count must be at least 1")

    corpus = args.corpus.resolve()
    manifest = ensure_corpus(corpus, args.count, args.seed)
    python = sys.executable
    check = [python, "-m", "postlint", "check", "--format", "json"]
    if postlint_has_option("--no-cache"):
        check.append("--no-cache")
    has_jobs = postlint_has_option("--jobs")
    one = first_draft(corpus).relative_to(corpus).as_posix()
    count = manifest["count"]

    def jobs(n: int) -> list[str]:
        return ["--jobs", str(n)] if has_jobs else []

    steps = [
        ("`python -c pass`", [python, "-c", "pass"], None, (0,)),
        ('`python -c "import click"`', [python, "-c", "import click"], None, (0,)),
        ('`python -c "import spacy"`', [python, "-c", "import spacy"], None, (0,)),
        ("`postlint check` on 1 draft", [*check, one], 1, (0, 1)),
        (
            f"`postlint check{' --jobs 1' if has_jobs else ''}` on {count:,} drafts",
            [*check, *jobs(1), "drafts"],
            count,
            (0, 1),
        ),
    ]
    if has_jobs:
        steps.append(
            (
                f"`postlint check --jobs 2` on {count:,} drafts",
                [*check, *jobs(2), "drafts"],
                count,
                (0, 1),
            )
        )
    rows = []
    seconds_of = {}
    for label, command, drafts, ok in steps:
        print(f"timing {label} ...", file=sys.stderr)
        seconds = time_command(command, corpus, args.runs, ok)
        rate = f"{drafts / seconds:,.0f}" if drafts else "–"
        rows.append((label, seconds, rate))
        seconds_of[label] = seconds

    print(f"Corpus: {count:,} drafts, {manifest['bytes'] / 1e6:.1f} MB (seed {manifest['seed']}); ", end="")
    print(f"medians of {args.runs} runs after one warm-up.\n")
    print("| step | median (s) | drafts/s |")
    print("|---|---:|---:|")
    for label, seconds, rate in rows:
        print(f"| {label} | {seconds:.3f} | {rate} |")
    print()
    ratio = seconds_of["`postlint check` on 1 draft"] / seconds_of['`python -c "import spacy"`']
    print(f"one draft / import spacy = {ratio:.2f} (goal: at most 1.5)")
    print()
    print(f"Machine: {machine()}.")
    parallel = [*check, *jobs(2), "drafts"] if has_jobs else None
    print(f"Corpus result: {findings_summary([*check, *jobs(1), 'drafts'], corpus, parallel)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
