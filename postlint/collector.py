"""When Python's cyclic garbage collector runs during a run of the command line.

By default the collector runs after every 700 new objects and walks the whole heap each time the
heap has grown by a quarter. Loading the language data builds millions of objects that live as long
as the run, so at start-up the collector walked them again and again: a fifth of the start-up of a
10,000-draft run, and more of its end (bench/speed.py). The command line makes it run less often,
and the first batch (the one that loads the data) runs with it paused.

Worker processes keep the same rhythm. Checking a draft makes and drops thousands of objects, and
the collector, every 700 of them, walked those of the draft still in use and moved them to an older
generation, to walk them again there: with a young generation of 20,000 objects, most are gone by
the time it runs: 2 to 7% less CPU a draft (`python bench/collector_rhythm.py`, batches of each
rhythm in turns in one process, three runs). Nothing piles up meanwhile: checking a draft leaves no
reference cycle behind (a test checks it on the fixtures; the script counts what the bench corpus
leaves: nothing), and a cycle made by an odd draft is young, so found by the next young collection
as before.
"""

from __future__ import annotations

import contextlib
import gc

STARTUP_THRESHOLDS = (20_000, 20, 20)


def collect_less_often() -> None:
    """Raise the collector's thresholds for this process and the workers it forks (never lower
    ones already raised)."""
    if gc.get_threshold()[0] < STARTUP_THRESHOLDS[0]:
        gc.set_threshold(*STARTUP_THRESHOLDS)


@contextlib.contextmanager
def paused():
    """No cyclic collection inside the block (it leaves little cyclic garbage, collected once the
    collector is back); the collector is on again after it, also when the block raises."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
