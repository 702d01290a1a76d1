"""When Python's cyclic garbage collector runs during a run of the command line.

By default the collector runs after every 700 new objects and walks the whole heap each time the
heap has grown by a quarter. Loading the language data builds millions of objects that live as long
as the run, so at start-up the collector walked them again and again: a fifth of the start-up of a
10,000-draft run, and more of its end (bench/speed.py). The command line makes it run less often,
the first batch (the one that loads the data) runs with it paused, and worker processes put the
usual rhythm back: they make and drop objects for every draft, and the rare full passes would let
their cyclic garbage pile up (a third more memory for the run).
"""

from __future__ import annotations

import contextlib
import gc

STARTUP_THRESHOLDS = (20_000, 20, 20)

_before: tuple[int, int, int] | None = None  # the thresholds `collect_less_often` replaced


def collect_less_often() -> None:
    """Raise the collector's thresholds for this process (never lower ones already raised)."""
    global _before
    current = gc.get_threshold()
    if current[0] < STARTUP_THRESHOLDS[0]:
        _before = current
        gc.set_threshold(*STARTUP_THRESHOLDS)


def as_before() -> None:
    """The thresholds `collect_less_often` found (a worker process: see the module docstring)."""
    if _before is not None:
        gc.set_threshold(*_before)


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
