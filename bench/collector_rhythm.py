"""A worker's time a draft under the collector's rhythms: Python's default and the command line's.

    python bench/collector_rhythm.py                  # bench/corpus (10,000 drafts, built when missing)
    python bench/collector_rhythm.py --count 2000

Does in one process what a worker of `postlint check --jobs 2` does: loads what the rules need by
checking a first batch with the collector paused, freezes it (`gc.freeze`, as the engine does
before forking), then checks the rest of the corpus a batch at a time (`Engine.check_batch`, 64
drafts). The batches go in turns, two at a time, under the default thresholds (700, 10, 10) and
under the command line's (`collector.STARTUP_THRESHOLDS`), the one that goes first changing every
round, so that both meet the host at the same moments. Prints the CPU time a draft under each
(mean and median of their batches, `time.process_time`) and the cyclic garbage that the checked
drafts left (none is expected: see tests/test_jobs.py).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time

from growth import corpus_from_command_line
from run import machine

from postlint import collector, engine, pattern_store
from postlint.discovery import collect

BATCH = 64
RHYTHMS = {"default (700, 10, 10)": (700, 10, 10), "command line": collector.STARTUP_THRESHOLDS}


def main(argv: list[str] | None = None) -> int:
    folder, count = corpus_from_command_line(__doc__, argv)

    pattern_store.install()  # as the command line does
    collector.collect_less_often()
    options = engine.Options(jobs=2)
    drafts = [str(folder / "drafts")]
    engine.use_rules_snapshot(drafts, options)
    checker = engine.Engine(options)
    work = [(c, checker.settings_for(c.absolute_path()), None) for c in collect(drafts)]
    with collector.paused():
        checker.check_batch(work[:BATCH])
    gc.freeze()

    seconds: dict[str, list[float]] = {name: [] for name in RHYTHMS}
    names = list(RHYTHMS)
    start, turn = BATCH, 0
    while start + 2 * BATCH * len(names) <= len(work):
        for name in names[turn % 2 :] + names[: turn % 2]:
            gc.set_threshold(*RHYTHMS[name])
            began = time.process_time()
            for _ in range(2):
                checker.check_batch(work[start : start + BATCH])
                start += BATCH
            seconds[name].append((time.process_time() - began) / (2 * BATCH))
        turn += 1
    gc.disable()
    checker.check_batch(work[BATCH : 3 * BATCH])
    left = gc.collect()
    gc.enable()

    print(f"{count:,} drafts, {turn} rounds of 2 x {BATCH} drafts under each rhythm\n")
    print("| collector thresholds | µs a draft (mean) | µs a draft (median) |")
    print("|---|---|---|")
    for name, found in seconds.items():
        mean, median = statistics.mean(found) * 1e6, statistics.median(found) * 1e6
        print(f"| {name} | {mean:,.0f} | {median:,.0f} |")
    print(f"\nUnreachable objects left by checking {2 * BATCH} drafts: {left}.")
    print(f"Machine: {machine()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
