"""Measure every goal of issue 7 (speed) in one run and print them as one Markdown table.

    python bench/speed.py                               # 10,000 and 100,000 drafts (several minutes)
    python bench/speed.py --count 2000 --skip-large --runs 1   # a quick look

Every figure is a whole process (`sys.executable -m postlint ...`, started with subprocess), the
median of several runs after one untimed warm-up run; exit codes 0 and 1 both count as a normal
run. The rows: cold start on one draft alone; one draft inside the corpus folder, without cache and
with the cache holding the other drafts; a warm-cache rerun on one unchanged draft; drafts per
second with `--jobs 2` and proselint's files per second on the same files; peak memory; and the
growth from 10,000 to 100,000 drafts. See bench/README.md for what each row measures and why.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from growth import check_command, corpus_folder
from run import (
    CommandFailed,
    child_env,
    ensure_corpus,
    first_draft,
    machine,
    postlint_has_option,
    run_once,
    time_command,
    time_in_turns,
)

HERE = Path(__file__).resolve().parent
OK = (0, 1)  # postlint and proselint exit 1 when they find something
PROSELINT_VERSION = "0.16.0"
PROSELINT_VENV = HERE / ".proselint-venv"
# The files proselint 0.16.0 takes from a folder (its tools.ACCEPTED_EXTENSIONS).
PROSELINT_SUFFIXES = {".md", ".txt", ".rtf", ".html", ".tex", ".markdown"}
MIB = 1024 * 1024


@dataclass
class Row:
    key: str
    what: str
    measured: str
    goal: str = "–"
    holds: str = "–"


def holds(ok: bool) -> str:
    return "yes" if ok else "**no**"


def postlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "postlint", *args]


# --- one draft ---------------------------------------------------------------------------------


def python_c(code: str) -> tuple[list[str], Path]:
    """A baseline: `python -c CODE`, as a (command, folder) pair for run.time_in_turns."""
    return [sys.executable, "-c", code], HERE


def cold_start(corpus: Path, draft: Path, no_cache: list[str], runs: int) -> tuple[float, float]:
    """(postlint, `import spacy`) seconds, timed in turns: one draft copied alone, with the corpus
    strategy file, into a temporary content folder (the checks across drafts have only this draft
    to read)."""
    with tempfile.TemporaryDirectory(prefix="postlint-speed-one-") as tmp:
        folder = Path(tmp)
        shutil.copy2(corpus / "postlint.yaml", folder / "postlint.yaml")
        shutil.copy2(draft, folder / draft.name)
        command = (postlint("check", *no_cache, draft.name), folder)
        cold, spacy = time_in_turns([command, python_c("import spacy")], runs, OK)
        return cold, spacy


def cached_rows(corpus: Path, draft: Path, runs: int) -> tuple[float, float, float]:
    """(warm unchanged draft, `import click`, changed draft) seconds, in a copy of the corpus whose
    cache was filled by one run over the whole folder, with postlint's default cache place and
    settings; the warm run and its baseline timed in turns."""
    with tempfile.TemporaryDirectory(prefix="postlint-speed-cache-") as tmp:
        copy = Path(tmp) / "corpus"
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".postlint_cache"))
        one = draft.relative_to(corpus).as_posix()
        print("  filling the cache (one run over the whole folder) ...", file=sys.stderr)
        run_once(postlint("check", "drafts"), copy, OK)
        warm, click = time_in_turns([(postlint("check", one), copy), python_c("import click")], runs, OK)

        target = copy / one
        original = target.read_bytes()
        nonce = f"{time.time_ns():x}"

        def change(attempt: int) -> None:
            # A new line each run, so that no run finds its own text in the cache.
            line = f"\nLigne ajoutée pour le banc d'essai ({nonce}-{attempt}).\n"
            target.write_bytes(original + line.encode("utf-8"))

        def restore(attempt: int) -> None:
            target.write_bytes(original)

        print("  timing one changed draft ...", file=sys.stderr)
        changed = time_command(postlint("check", one), copy, runs, OK, before=change, after=restore)
        return warm, click, changed


# --- proselint ---------------------------------------------------------------------------------


def proselint_python() -> tuple[Path | None, str]:
    """The Python of bench/.proselint-venv with proselint 0.16.0, made the first time; (None,
    why) when it cannot be installed."""
    python = PROSELINT_VENV / "bin" / "python"
    version = [str(python), "-c", "import importlib.metadata as m; print(m.version('proselint'))"]

    def installed() -> bool:
        done = subprocess.run(version, capture_output=True, text=True) if python.exists() else None
        return bool(done and done.returncode == 0 and done.stdout.strip() == PROSELINT_VERSION)

    if installed():
        return python, ""
    print(f"installing proselint {PROSELINT_VERSION} in {PROSELINT_VENV} ...", file=sys.stderr)
    steps = (
        [sys.executable, "-m", "venv", str(PROSELINT_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", f"proselint=={PROSELINT_VERSION}"],
    )
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines() or [f"exit code {done.returncode}"]
            return None, f"`{' '.join(step[-3:])}` failed: {lines[-1][:160]}"
    return (python, "") if installed() else (None, "installed, but its version is not 0.16.0")


def proselint_files(folder: Path) -> int:
    """The files `proselint check FOLDER` is given: every file of the folder with a suffix it takes
    (the drafts, .md and .markdown, and one .txt note); two Latin-1 drafts make it print an error."""
    return sum(1 for path in folder.rglob("*") if path.is_file() and path.suffix in PROSELINT_SUFFIXES)


# --- memory ------------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """`root` and every process descending from it (read from /proc/*/stat)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the name in parentheses may hold spaces
        children[parent].append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def kib_field(path: str, field: str) -> int:
    """The `field:  N kB` line of a /proc file, in KiB; 0 when the process is gone."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def peak_memory(command: list[str], cwd: Path, interval: float = 0.02) -> tuple[int, int, int]:
    """(peak sum of PSS over the process tree, peak RSS of its largest process, most processes
    seen at once), in bytes, sampling every `interval` seconds while `command` runs.

    PSS (proportional set size) counts a page shared by n processes as 1/n in each, so the sum is
    what the tree takes from the machine, the forked workers' pages shared with their parent counted
    once; RSS counts shared pages in full in every process. VmHWM is the kernel's own high-water
    mark of RSS, so a peak between two samples is not missed."""
    pss_peak = rss_peak = most = 0
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=child_env()
        )
        while process.poll() is None:
            tree = process_tree(process.pid)
            pss = sum(kib_field(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree)
            rss = max(kib_field(f"/proc/{pid}/status", "VmHWM:") for pid in tree)
            pss_peak, rss_peak, most = max(pss_peak, pss), max(rss_peak, rss), max(most, len(tree))
            time.sleep(interval)
        if process.returncode not in OK:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{errors.read().decode()}")
    return pss_peak * 1024, rss_peak * 1024, most


# --- the table ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="drafts in the corpus (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each short step (default 5)")
    parser.add_argument(
        "--long-runs", type=int, help="timed runs of each whole-corpus step (default: --runs, at most 3)"
    )
    parser.add_argument("--large-runs", type=int, default=1, help="timed runs on 10x the drafts (default 1)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus seed (default 2026)")
    parser.add_argument("--skip-large", action="store_true", help="leave out the 10x-drafts growth row")
    parser.add_argument("--skip-proselint", action="store_true", help="leave out proselint")
    args = parser.parse_args(argv)
    long_runs = args.long_runs or min(args.runs, 3)
    if min(args.runs, long_runs, args.large_runs, args.count) < 1:
        parser.error("--count and the run counts must be at least 1")

    count = args.count
    corpus = corpus_folder(count).resolve()
    manifest = ensure_corpus(corpus, count, args.seed)
    draft = first_draft(corpus)
    has_cache = postlint_has_option("--no-cache")
    no_cache = ["--no-cache"] if has_cache else []
    jobs2 = check_command(2)  # postlint check --jobs 2 [--no-cache]
    n = f"{count:,}"
    rows: list[Row] = []

    def step(label: str, function: Callable[[], object]):
        print(f"timing {label} ...", file=sys.stderr)
        return function()

    # The baselines are timed in turns with the rows they judge (run.time_in_turns): `import spacy`
    # with the cold start, `import click` with the warm-cache run.
    base = {"pass": step("python -c 'pass'", lambda: time_command(*python_c("pass"), args.runs, (0,)))}

    # 1. Start-up.
    cold, spacy = step(
        "cold start and `import spacy`, in turns", lambda: cold_start(corpus, draft, no_cache, args.runs)
    )
    base["import spacy"] = spacy
    rows.append(
        Row(
            "1",
            "cold start: one draft alone with the strategy file, all default rules, no cache",
            f"{cold:.3f} s = {cold / spacy:.2f}x `import spacy`",
            "≤ 1.5x `import spacy`",
            holds(cold / spacy <= 1.5),
        )
    )
    one = draft.relative_to(corpus).as_posix()
    inside = step(
        "one draft inside the corpus",
        lambda: time_command(postlint("check", *no_cache, one), corpus, long_runs, OK),
    )
    rows.append(
        Row(
            "1a",
            f"one draft inside the {n}-draft folder, no cache (the checks across drafts read every draft)",
            f"{inside:.3f} s = {inside / spacy:.2f}x `import spacy`",
        )
    )
    # 1b and 2: the cache, in a copy of the corpus.
    changed_what = f"one changed draft inside the {n}-draft folder, the cache holding the others"
    warm_what = f"warm cache: one unchanged draft inside the {n}-draft folder"
    warm_goal, warm_holds = "≤ 3x `import click`", "–"
    if not has_cache:
        changed_measured = warm_measured = "not available (`postlint check` has no `--no-cache` yet)"
    else:
        try:
            warm, click, changed = step("the cache rows", lambda: cached_rows(corpus, draft, args.runs))
            base["import click"] = click
        except CommandFailed as error:  # the other rows are still worth printing
            print(error, file=sys.stderr)
            last = (str(error).strip().splitlines() or [""])[-1]
            changed_measured = warm_measured = f"failed: {last[:200]}"
        else:
            changed_measured = f"{changed:.3f} s = {changed / spacy:.2f}x `import spacy`"
            warm_measured = f"{warm:.3f} s = {warm / click:.2f}x `import click`"
            warm_holds = holds(warm / click <= 3)
    rows.append(Row("1b", changed_what, changed_measured))
    rows.append(Row("2", warm_what, warm_measured, warm_goal, warm_holds))

    # 3. Throughput, and proselint on the same files, the two timed in turns (run.time_in_turns).
    what = f"proselint {PROSELINT_VERSION} (`proselint check drafts`, one process) on the same files"
    label = f"{' '.join(jobs2[3:])} on {n} drafts"
    prose_command, prose_missing = None, "left out (--skip-proselint)"
    if not args.skip_proselint:
        python, why = proselint_python()
        if python is None:
            prose_missing = f"proselint could not be installed: {why}"
        else:
            prose_command = [str(python.parent / "proselint"), "check", "drafts"]
    if prose_command is None:
        seconds = step(label, lambda: time_command([*jobs2, "drafts"], corpus, long_runs, OK))
    else:
        seconds, prose_seconds = step(
            f"{label} and proselint, in turns",
            lambda: time_in_turns([([*jobs2, "drafts"], corpus), (prose_command, corpus)], long_runs, OK),
        )
    rate = count / seconds
    rows.append(
        Row(
            "3",
            f"`{' '.join(jobs2[3:])}`, {n} drafts, all rules",
            f"{rate:,.0f} drafts/s ({seconds:.2f} s)",
            "≥ 1,500 drafts/s",
            holds(rate >= 1500),
        )
    )
    if prose_command is None:
        rows.append(Row("3b", what, prose_missing, "postlint ≥ 5x"))
    else:
        files = proselint_files(corpus / "drafts")
        prose_rate = files / prose_seconds
        rows.append(
            Row(
                "3b",
                what,
                f"{prose_rate:,.0f} files/s ({files:,} files, {prose_seconds:.2f} s); "
                f"postlint {rate / prose_rate:.1f}x",
                "postlint ≥ 5x",
                holds(rate >= 5 * prose_rate),
            )
        )

    # 4. Memory.
    def sample() -> tuple[int, int, int]:
        peaks = [peak_memory([*jobs2, "drafts"], corpus) for _ in range(long_runs)]
        return (
            int(statistics.median(p[0] for p in peaks)),
            int(statistics.median(p[1] for p in peaks)),
            max(p[2] for p in peaks),
        )

    pss, rss, processes = step("peak memory", sample)
    rows.append(
        Row(
            "4",
            f"peak memory, `{' '.join(jobs2[3:])}`, {n} drafts: PSS summed over the process tree "
            "(judged), and the largest process's peak RSS",
            f"{pss / MIB:,.0f} MiB PSS ({processes} processes); largest process {rss / MIB:,.0f} MiB RSS",
            "≤ 400 MiB (PSS sum)",
            holds(pss <= 400 * MIB),
        )
    )

    # 5. Growth.
    large = count * 10
    what = f"{large:,} against {n} drafts, `{' '.join(jobs2[3:])}`"
    if args.skip_large:
        rows.append(Row("5", what, "left out (--skip-large)", "≤ 11x"))
    else:
        folder = corpus_folder(large).resolve()
        ensure_corpus(folder, large, args.seed)
        # in turns with the 10,000 drafts again: the ratio of two runs made at the same moments
        small, big = step(
            f"{large:,} drafts and {n} again, in turns",
            lambda: time_in_turns(
                [([*jobs2, "drafts"], corpus), ([*jobs2, "drafts"], folder)], args.large_runs, OK
            ),
        )
        rows.append(
            Row(
                "5",
                what,
                f"{big / small:.2f}x ({big:.1f} s / {small:.2f} s)",
                "≤ 11x",
                holds(big / small <= 11),
            )
        )

    print(
        f"Corpus: {n} drafts, {manifest['bytes'] / 1e6:.1f} MB (seed {manifest['seed']}); medians after one "
        f"warm-up run: {args.runs} run(s) of each short step, {long_runs} of each whole-corpus step"
        + ("" if args.skip_large else f", {args.large_runs} on {large:,} drafts")
        + ".\n"
    )
    print("| # | what | measured | goal | holds |")
    print("|---|---|---|---|---|")
    for row in rows:
        cells = (row.key, row.what, row.measured, row.goal, row.holds)
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    print()
    print(
        "Baselines: " + ", ".join(f'`python -c "{code}"` {took:.3f} s' for code, took in base.items()) + "."
    )
    print(f"Machine: {machine()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
