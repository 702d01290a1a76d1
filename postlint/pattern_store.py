"""Long regular expressions, compiled once and kept on disk.

A run compiles about 320 expressions before it checks its first draft, most of them in libraries
(spaCy's tokenizer prefixes and suffixes, twitter-text's link patterns) and in postlint's phrase
books: about a quarter of a second of a run's start. Python's `re` compiles an expression in two
steps: Python code parses it and writes its program (a list of numbers), then the C function
`_sre.compile` makes the pattern from that program; the `regex` package does the same with
`_regex.compile`. This module keeps the programs of the long expressions that took long to
compile and, next time, hands them straight to the C function: the same patterns, without the
first step.

The programs are kept in the folder of `postlint.table_store` (`POSTLINT_DATA_CACHE`; `off`:
nothing is kept), in one file per Python build (the program of an expression may change with it;
those of `regex` are kept with its version). The file holds a checksum of its contents: a file cut
short or edited is ignored and written again, and a kept program that the C function refuses is
compiled the usual way. It is written to a temporary file, then renamed. Only the command line
installs this (`install`): postlint used as a library leaves `re` and `regex` alone.

Forked workers write nothing: they hand what they compiled (the phrase books' expressions are
compiled at their first use, often in a worker) and the kept programs they used back with their
results (`taken`), and the process that installed keeps them with its own (`absorb`).
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

FORMAT = "2"
_HEADER = b"postlint-patterns"
KEEP_ABOVE = 0.0005  # seconds: an expression compiled faster than this is not worth a file read
MIN_LENGTH = 100  # characters: shorter expressions are compiled the usual way (fast, or rare)
MAX_KEPT = 400  # programs in the file; those this run did not use are dropped first

_state: _Store | None = None


class _Spy:
    """Stands in for the C module of a regex compiler while it compiles: sees what is handed to
    its `compile`."""

    def __init__(self, real):
        self._real = real
        self.seen: tuple | None = None

    def __getattr__(self, name):
        return getattr(self._real, name)

    def compile(self, *args):
        self.seen = args
        return self._real.compile(*args)


class _Engine:
    """One regex compiler: the Python module whose C module is spied on, and how the arguments
    of the C `compile` become plain values and back (the program as the bytes of its 32-bit
    numbers: read back in one step, and only when used)."""

    def __init__(self, name: str, compiler, c_name: str, shape: tuple[str, ...]):
        self.name = name  # in the keys: "re", or "regex" and its version
        self.compiler = compiler
        self.c_name = c_name
        self.c_module = getattr(compiler, c_name)
        self.shape = shape  # what each argument is (see _PLAIN)

    def plain(self, args: tuple) -> tuple | None:
        """The arguments with plain types (marshal keeps no int subclasses); None when they are
        not what this module knows."""
        if len(args) != len(self.shape) or array("I").itemsize != 4:
            return None
        try:
            return tuple(_PLAIN[kind](value) for kind, value in zip(self.shape, args, strict=True))
        except (TypeError, ValueError, AttributeError, OverflowError):
            return None

    def made(self, program: tuple):
        """The pattern made from kept arguments by the C module."""
        args = (
            array("I", v).tolist() if kind == "code" else v
            for kind, v in zip(self.shape, program, strict=True)
        )
        return self.c_module.compile(*args)


def _text(value) -> str:
    if type(value) is not str:
        raise TypeError("not a str")
    return value


def _empty(value):
    if value:
        raise ValueError("named lists are not kept")
    return value


_PLAIN = {
    "text": _text,
    "int": int,
    "code": lambda value: array("I", value).tobytes(),
    "ints": lambda value: tuple(map(int, value)),
    "group_of": lambda value: {str(name): int(index) for name, index in value.items()},
    "name_list": lambda value: tuple(None if name is None else str(name) for name in value),
    "name_of": lambda value: {int(index): str(name) for index, name in value.items()},
    "empty": _empty,
}


class _Store:
    def __init__(self, path: Path):
        self.path = path
        self.kept: dict | None = None  # read at the first long expression
        self.used: set[tuple] = set()
        self.new: dict[tuple, tuple] = {}
        self.made: dict[tuple, object] = {}  # the patterns made here, by key
        self.lock = threading.RLock()  # a compile may compile another (regex with re)
        self.pid = os.getpid()

    def through(self, engine: _Engine, key: tuple, compile_now):
        """The pattern of `key` (engine, expression, flags): from the kept program when there is
        one, else `compile_now()`, whose program is kept when it took long enough."""
        made = self.made.get(key)
        if made is not None:
            return made
        if self.kept is None:
            self.kept = _read(self.path)
        program = self.kept.get(key)
        if program is not None:
            try:
                compiled = engine.made(program)
            except Exception:  # noqa: BLE001 - refused: compiled the usual way below
                del self.kept[key]
            else:
                self.used.add(key)
                self.made[key] = compiled
                return compiled
        with self.lock:
            spy = _Spy(engine.c_module)
            started = time.perf_counter()
            setattr(engine.compiler, engine.c_name, spy)
            try:
                compiled = compile_now()
            finally:
                setattr(engine.compiler, engine.c_name, engine.c_module)
            took = time.perf_counter() - started
        if took >= KEEP_ABOVE and spy.seen is not None and spy.seen[0] is key[1]:
            program = engine.plain(spy.seen)
            if program is not None:
                self.new[key] = program
                self.used.add(key)
        self.made[key] = compiled
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


def _wants(pattern, flags, debug: int) -> bool:
    return type(pattern) is str and len(pattern) >= MIN_LENGTH and not flags & debug


def _install_re(store: _Store) -> None:
    """Python's `re`: its compiler's `compile(pattern, flags)` ends in `_sre.compile`. (`re`
    keeps the patterns it made itself: only new expressions get here.)"""
    try:
        from re import _compiler as compiler
    except ImportError:  # Python 3.10
        import sre_compile as compiler
    shape = ("text", "int", "code", "int", "group_of", "name_list")
    engine = _Engine("re", compiler, "_sre", shape)
    original = compiler.compile

    def compile_(pattern, flags=0):
        if not _wants(pattern, flags, re.DEBUG):  # bytes, a parsed pattern, short, a debug print
            return original(pattern, flags)
        return store.through(engine, ("re", pattern, int(flags)), lambda: original(pattern, flags))

    compiler.compile = compile_


def _install_regex(store: _Store, compiler) -> None:
    """The `regex` package (`compiler`: its module `regex._main`): its `_compile` ends in
    `_regex.compile`. Only expressions without named lists (keyword arguments) are kept."""
    shape = ("text", "int", "code", "group_of", "name_of", "empty", "empty", "int", "ints", "int", "int")
    engine = _Engine(f"regex {compiler.__version__}", compiler, "_regex", shape)
    original = compiler._compile

    def compile_(pattern, flags, ignore_unused, kwargs, cache_it):
        # regex.DEFAULT_VERSION changes what an expression without a version flag compiles to:
        # programs are kept for the default one only
        default = getattr(sys.modules.get("regex"), "DEFAULT_VERSION", compiler.VERSION0)
        if kwargs or default != compiler.VERSION0 or not _wants(pattern, flags, compiler.DEBUG):
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (engine.name, pattern, int(flags))
        return store.through(engine, key, lambda: original(pattern, flags, ignore_unused, kwargs, cache_it))

    compiler._compile = compile_


class _WhenImported:
    """An import hook that calls `then(module)` once the module `name` has run, and leaves: so
    that hooking into `regex` does not import it (10 ms) in a run that does not need it."""

    def __init__(self, name: str, then):
        self.name = name
        self.then = then

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(fullname, path, target)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec  # not a plain file: imported as usual, not hooked
        run = loader.exec_module

        def exec_module(module):
            run(module)
            self.then(module)

        loader.exec_module = exec_module
        return spec


def _file() -> Path | None:
    from postlint import table_store

    where = table_store.folder()
    if where is None:
        return None
    build = zlib.crc32(f"{sys.implementation.cache_tag} {sys.version}".encode())
    return where / f"patterns-{sys.implementation.cache_tag}-{build:08x}.marshal"


def _read(path: Path) -> dict:
    """The kept programs in `path`; empty when it is absent or not whole."""
    from postlint.table_store import read_marshal

    table = read_marshal(path, b"%s %s" % (_HEADER, FORMAT.encode()))
    return table if isinstance(table, dict) else {}


def _write(path: Path, table: dict) -> None:
    from postlint.table_store import write_marshal

    older = f"patterns-{sys.implementation.cache_tag}-*.marshal"
    write_marshal(path, b"%s %s" % (_HEADER, FORMAT.encode()), table, older)


def _forked() -> None:
    """In a forked child: what it compiles and uses from now on is its own to hand back."""
    if _state is not None:
        _state.new, _state.used = {}, set()


def install() -> None:
    """Compile the long expressions of `re` and `regex` from the kept programs from now on, in
    this process and the processes it forks (once; nothing when no folder is kept)."""
    global _state
    if _state is not None:
        return
    path = _file()
    if path is None:
        return
    _state = _Store(path)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_forked)
    _install_re(_state)
    store = _state
    if "regex._main" in sys.modules:
        _install_regex(store, sys.modules["regex._main"])
    else:
        sys.meta_path.insert(0, _WhenImported("regex._main", lambda module: _install_regex(store, module)))


def keep() -> None:
    """Keep what this run compiled for the next runs (the process that installed only)."""
    if _state is not None and _state.pid == os.getpid():
        _state.keep()


def taken() -> tuple[dict, list] | None:
    """In a forked worker: the programs it compiled and the keys of the kept ones it used since
    the last call, for `absorb` in the process that installed; None anywhere else, or when there
    is nothing new."""
    store = _state
    if store is None or store.pid == os.getpid():
        return None
    with store.lock:
        if not store.new and not store.used:
            return None
        found = (store.new, list(store.used))
        store.new, store.used = {}, set()
    return found


def absorb(found: tuple[dict, list] | None) -> None:
    """Add what a forked worker handed back (`taken`) to what this run keeps."""
    store = _state
    if not found or store is None or store.pid != os.getpid():
        return
    programs, used = found
    with store.lock:
        for key, program in programs.items():
            store.new.setdefault(key, program)
        store.used.update(used)
