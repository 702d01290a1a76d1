"""Regular expressions of Python's `re` module, compiled once and kept on disk.

A run compiles about 250 expressions before it checks its first draft, most of them in libraries
(spaCy's tokenizer prefixes and suffixes, twitter-text's link patterns), about 0.15 s of a run's
start. Python compiles an expression in two steps: Python code parses it and writes its program (a
list of numbers), then the C function `_sre.compile` makes the pattern from that program. This
module keeps the programs of the long expressions that took long to compile and, next time,
hands them straight to `_sre.compile`: the same patterns, without the first step.

The programs are kept in the folder of `postlint.table_store` (`POSTLINT_DATA_CACHE`; `off`:
nothing is kept), in one file per Python build (the program of an expression may change with it).
The file holds a checksum of its contents: a file cut short or edited is ignored and written
again, and a kept program that `_sre.compile` refuses is compiled the usual way. It is written to a
temporary file, then renamed. Only the command line installs this (`install`): postlint used as a
library leaves `re` alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import time
import zlib
from array import array
from pathlib import Path

FORMAT = "1"
_HEADER = b"postlint-patterns"
KEEP_ABOVE = 0.0005  # seconds: an expression compiled faster than this is not worth a file read
MIN_LENGTH = 200  # characters: shorter expressions are compiled the usual way (fast, or rare)
MAX_KEPT = 400  # programs in the file; those this run did not use are dropped first

_state: _Store | None = None


class _Spy:
    """Stands in for `_sre` in Python's regex compiler while it compiles: sees what it hands
    to `_sre.compile`."""

    def __init__(self, real):
        self._real = real
        self.seen: tuple | None = None

    def __getattr__(self, name):
        return getattr(self._real, name)

    def compile(self, *args):
        self.seen = args
        return self._real.compile(*args)


class _Store:
    def __init__(self, compiler, path: Path):
        import _sre

        self.compiler = compiler  # re._compiler (sre_compile before Python 3.11)
        self.original = compiler.compile
        self.sre = _sre
        self.path = path
        self.kept: dict | None = None  # read at the first long expression
        self.used: set[tuple[str, int]] = set()
        self.new: dict[tuple[str, int], tuple] = {}
        self.lock = threading.Lock()
        self.pid = os.getpid()

    def compile(self, pattern, flags=0):
        """The compiler's `compile`, from the kept program when there is one."""
        if type(pattern) is not str or len(pattern) < MIN_LENGTH or flags & re.DEBUG:
            return self.original(pattern, flags)  # bytes, a parsed pattern, short, a debug print
        if self.kept is None:
            self.kept = _read(self.path)
        key = (pattern, int(flags))
        program = self.kept.get(key)
        if program is not None:
            pattern_text, final_flags, code, *groups = program
            try:
                compiled = self.sre.compile(pattern_text, final_flags, array("I", code).tolist(), *groups)
            except Exception:  # noqa: BLE001 - refused: compiled the usual way below
                del self.kept[key]
            else:
                self.used.add(key)
                return compiled
        with self.lock:
            spy = _Spy(self.sre)
            started = time.perf_counter()
            self.compiler._sre = spy
            try:
                compiled = self.original(pattern, flags)
            finally:
                self.compiler._sre = self.sre
            took = time.perf_counter() - started
        if took >= KEEP_ABOVE and spy.seen is not None and spy.seen[0] is pattern:
            program = _plain(spy.seen)
            if program is not None:
                self.new[key] = program
                self.used.add(key)
        return compiled

    def keep(self) -> None:
        """Write the file again when this run compiled expressions worth keeping."""
        if not self.new:
            return
        known = {**(self.kept or {}), **self.new}
        merged = {key: known[key] for key in self.used if key in known}  # this run's first
        for key, program in known.items():
            if len(merged) >= MAX_KEPT:
                break
            merged.setdefault(key, program)
        self.kept, self.new = merged, {}
        _write(self.path, merged)


def _plain(args: tuple) -> tuple | None:
    """`_sre.compile`'s arguments with plain types (marshal keeps no int subclasses), the program
    as the bytes of its 32-bit numbers (read back in one step, and only when used); None when
    they are not what this module knows."""
    if len(args) != 6 or array("I").itemsize != 4:
        return None
    pattern, flags, code, groups, groupindex, indexgroup = args
    try:
        return (
            pattern,
            int(flags),
            array("I", code).tobytes(),
            int(groups),
            {str(name): int(index) for name, index in groupindex.items()},
            tuple(indexgroup),
        )
    except (TypeError, ValueError, AttributeError, OverflowError):
        return None


def _file() -> Path | None:
    from postlint import table_store

    where = table_store.folder()
    if where is None:
        return None
    build = zlib.crc32(f"{sys.implementation.cache_tag} {sys.version}".encode())
    return where / f"patterns-{sys.implementation.cache_tag}-{build:08x}.marshal"


def _read(path: Path) -> dict:
    """The kept programs in `path`; empty when it is absent or not whole."""
    import marshal

    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header, _, body = data.partition(b"\n")
    fields = header.split(b" ")
    if len(fields) != 3 or fields[0] != _HEADER or fields[1] != FORMAT.encode():
        return {}
    if fields[2] != b"%08x" % zlib.crc32(body):
        return {}
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _write(path: Path, table: dict) -> None:
    import marshal
    import tempfile

    body = marshal.dumps(table)
    data = b"%s %s %08x\n" % (_HEADER, FORMAT.encode(), zlib.crc32(body)) + body
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        for old in path.parent.glob(f"patterns-{sys.implementation.cache_tag}-*.marshal"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()


def install() -> None:
    """Compile `re` expressions from the kept programs from now on, in this process and the
    processes it forks (once; nothing when no folder is kept)."""
    global _state
    if _state is not None:
        return
    path = _file()
    if path is None:
        return
    try:
        from re import _compiler as compiler
    except ImportError:  # Python 3.10
        import sre_compile as compiler
    _state = _Store(compiler, path)
    compiler.compile = _state.compile


def keep() -> None:
    """Keep what this run compiled for the next runs (the process that installed only)."""
    if _state is not None and _state.pid == os.getpid():
        _state.keep()
