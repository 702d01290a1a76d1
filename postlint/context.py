"""The other drafts of a content folder, which the checks across drafts look at besides the drafts
passed (pre-commit passes a commit's files): found, keyed for the cache, and their facts read.

Their facts come, cheapest first, from the folder's facts pack (one file in the cache holding the
facts of every draft of the folder, each with the file's size, modification time and inode, as git's
index keeps them), from the draft's own cache entry (keyed by its bytes), or from reading the draft
(and are then kept). A file changed in the last seconds is always judged by its bytes: a change
within the same tick of the clock would not show in its state.
"""

from __future__ import annotations

import os
import time
from array import array
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from postlint import config
from postlint.cache import digest, probe
from postlint.discovery import drafts_under, excluded_relative
from postlint.facts import DraftFacts, facts_of

RECENT_NS = 3_000_000_000  # a file changed within this many nanoseconds is judged by its bytes


class OtherDraft:
    """A draft of the folder that was not passed: its absolute file, its state, and (once needed)
    the hash of its bytes."""

    __slots__ = ("file", "state", "probe")

    def __init__(self, file: str, state: list[int] | None):
        self.file = file
        self.state = state
        self.probe = None


def other_drafts(engine, settings: config.Settings, passed: set[str]) -> list[OtherDraft]:
    """The other drafts under the strategy file's folder (those it applies to)."""
    root = os.path.abspath(settings.root)
    # a nested strategy file rules the drafts of its folder, unless --config forces this one
    nested = config.CONFIG_NAMES if engine._forced is None else ()
    patterns = settings.exclude
    start = len(root.rstrip(os.sep)) + 1
    found = []
    for file, state in drafts_under(root, nested, passed):
        if patterns and excluded_relative(file[start:].replace(os.sep, "/"), patterns):
            continue
        found.append(OtherDraft(file, state))
    return found


def _recent() -> int:
    return time.time_ns() - RECENT_NS


def across_key(
    engine, store, settings, passed: list[DraftFacts], others: list[OtherDraft], whole: bool
) -> str:
    """The cache key of the findings across drafts: the settings, the drafts passed by the hash of
    their bytes, the other drafts by their state (by their bytes when changed just now)."""
    recent = _recent()
    limit = engine.max_bytes(settings)
    passed_parts = []
    for draft in sorted(passed, key=lambda d: d.file):
        known = engine.probes.get(draft.file)
        passed_parts.append((draft.file, known.digest if known else draft.readable))
    just_changed = []
    for index, other in enumerate(others):
        if other.state is not None and other.state[1] >= recent:
            other.probe = probe(other.file, limit)
            just_changed.append((index, other.probe.digest if other.probe else None))
    # the others' names and states packed as bytes: this key is what a cached run spends its time on
    names = "\0".join(other.file for other in others).encode("utf-8", "surrogateescape")
    try:
        states = array("q", chain.from_iterable(other.state or _NO_STATE for other in others)).tobytes()
    except OverflowError:  # an inode number beyond 2**63 (some network file systems)
        states = repr([other.state for other in others]).encode()
    described = repr((store.settings_key, "across", whole, passed_parts, just_changed)).encode(
        "utf-8", "surrogateescape"
    )
    return digest(b"\n".join([described, names, states]))


_NO_STATE = (-1, -1, -1)


def facts_of_others(engine, settings: config.Settings, others: list[OtherDraft]) -> Iterator[DraftFacts]:
    """The facts of the other drafts (readable ones only). They are never reported on, so they are
    named by their absolute file."""
    root = str(settings.root)
    store = engine.cache_for(settings)
    if store is None:
        for facts in _in_workers(engine, settings, others, None):
            if facts is not None:
                yield facts
        return
    pack_key = digest(f"{store.settings_key}\nfacts of the folder\n{root}".encode("utf-8", "surrogateescape"))
    pack = store.load_pack(pack_key, root)
    recent = _recent()
    found: list[DraftFacts | None] = []
    missing: list[int] = []
    for other in others:
        packed = pack.get(other.file) if _settled(other.state, recent) else None
        if packed is not None and packed[0] == other.state:
            found.append(packed[1])
        else:
            missing.append(len(found))
            found.append(None)
    if missing:
        read = _in_workers(engine, settings, [others[index] for index in missing], store)
        for index, facts in zip(missing, read, strict=True):
            found[index] = facts
    kept = {
        other.file: (other.state, facts)
        for other, facts in zip(others, found, strict=True)
        if _settled(other.state, recent)
    }
    if kept.keys() != pack.keys() or any(pack[file][0] != kept[file][0] for file in kept):
        store.store_pack(pack_key, kept)
    yield from (facts for facts in found if facts is not None)


def _settled(state: list[int] | None, recent: int) -> bool:
    """A file that exists and was last changed before `recent` (its state can stand for its bytes)."""
    return state is not None and state[1] < recent


# What forked workers inherit: the engine, the settings, the drafts to read and the cache.
_TASK: tuple | None = None
_CHUNK = 256  # drafts a worker reads at a time


def _in_workers(engine, settings, others: list[OtherDraft], store) -> list[DraftFacts | None]:
    """The facts of `others` (from their cache entries when `store` has them), in order; read in
    forked workers when there are many and --jobs allows (a help: should a worker fail, the drafts
    are read here instead)."""
    global _TASK
    from postlint.engine import fork_context, usable_cores
    from postlint.streams import flush_std_streams

    jobs = engine.options.jobs or usable_cores()
    context = fork_context() if jobs > 1 and len(others) >= 2 * _CHUNK else None
    if context is None:
        return [_one(engine, settings, other, store) for other in others]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _TASK = (engine, settings, others, store)
    flush_std_streams()
    chunks = [range(start, min(start + _CHUNK, len(others))) for start in range(0, len(others), _CHUNK)]
    try:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context) as pool:
            return [facts for part in pool.map(_read_chunk, chunks) for facts in part]
    except BrokenProcessPool:
        return [_one(engine, settings, other, store) for other in others]
    finally:
        _TASK = None


def _read_chunk(chunk: range) -> list[DraftFacts | None]:
    engine, settings, others, store = _TASK
    return [_one(engine, settings, others[index], store) for index in chunk]


def _one(engine, settings, other: OtherDraft, store) -> DraftFacts | None:
    if store is None:
        return _read(engine, settings, other.file)
    return _cached_or_read(engine, settings, store, other, engine.max_bytes(settings))


def _cached_or_read(engine, settings, store, other: OtherDraft, limit: int) -> DraftFacts | None:
    if other.probe is None:
        other.probe = probe(other.file, limit)
    known = other.probe
    if known is None:
        return _read(engine, settings, other.file)
    key = store.key(other.file, known.digest)
    entry = store.load(key, other.file, other.file, str(settings.root))
    if entry is not None and entry.facts is not None:
        return entry.facts if entry.facts.readable else None
    facts = _read(engine, settings, other.file)
    if facts is not None and known.unchanged():
        store.store(key, None, facts)
    return facts


def _read(engine, settings, file: str) -> DraftFacts | None:
    from postlint.draft import read_draft

    try:
        draft = read_draft(Path(file), file, engine._plan(settings).limits)
        return facts_of(draft, str(settings.root), settings) if draft.readable else None
    except Exception:  # noqa: BLE001 - context is a help: an unreadable draft is left out
        return None
