"""Which files to check: drafts under the paths given, minus hidden folders and excluded globs."""

from __future__ import annotations

import fnmatch
import functools
import operator
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DRAFT_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Candidate:
    file: Path
    shown: str  # the path as the user will read it
    explicit: bool  # named on the command line (checked even if hidden)
    missing: bool = False  # named on the command line but absent
    folder: bool = False  # a folder named like a draft
    absolute: str = ""  # os.path.abspath(file), as the walk found it ("" when not worked out)

    def absolute_path(self) -> str:
        return self.absolute or os.path.abspath(self.file)


def shown_path(path: Path) -> str:
    """The path from the current folder (os.path.relpath's answer, reached without its cost for
    the usual relative path under the current folder)."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        normal = os.path.normpath(text)
        if normal != ".." and not normal.startswith(".." + os.sep):
            return normal
    try:
        return os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text


def is_draft_name(name: str) -> bool:
    return name.lower().endswith(DRAFT_SUFFIXES)


def collect(paths: list[str]) -> Iterator[Candidate]:
    """Every draft under `paths`, in a stable order; folders are walked, files taken as given."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            present = is_dir or path.exists() or path.is_symlink()
        except OSError:  # the system refuses to look (name too long...): reading the file says why
            is_dir, present = False, True
        if is_dir:
            if is_draft_name(path.name):
                yield Candidate(path, shown_path(path), True, folder=True)
            yield from _walk(path, seen)
        elif present:
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield Candidate(path, shown_path(path), True, absolute=key)
        else:
            yield Candidate(path, shown_path(path), True, missing=True)


def _visible(folder) -> Iterator[tuple[os.DirEntry, bool]]:
    """The entries of `folder` that are not hidden, by name, each with whether it is a folder (a
    link to one is not followed)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        yield entry, is_dir


def _walk(folder: Path, seen: set[str]) -> Iterator[Candidate]:
    # once per folder: an entry's name holds no separator and is never "." or "..", so its
    # absolute and shown paths are the folder's with the name added (os.path.join's answer, in one
    # step: a folder's path ends with a separator only when it is the root)
    inside = os.path.abspath(folder)
    inside += "" if inside.endswith(os.sep) else os.sep
    shown_folder = shown_path(folder)
    shown_folder = (
        "" if shown_folder == "." else shown_folder + ("" if shown_folder.endswith(os.sep) else os.sep)
    )
    for entry, is_dir in _visible(folder):
        name = entry.name
        if is_dir:
            path = folder / name
            if is_draft_name(name):
                yield Candidate(path, shown_path(path), False, folder=True)
            yield from _walk(path, seen)
        elif is_draft_name(name):
            key = inside + name
            if key not in seen:
                seen.add(key)
                yield Candidate(folder / name, shown_folder + name, False, absolute=key)


def drafts_under(
    root: str, strategy_names: tuple[str, ...] = (), leave_out: set[str] | frozenset[str] = frozenset()
) -> list[tuple[str, list[int] | None]]:
    """The absolute paths of the drafts under the folder `root`, as `collect` walks them (hidden
    folders and files left out, names sorted), without the cost of showing them, each with its
    state (`postlint.cache.file_state`: size, modification time, inode; None when it can't be
    read), taken on the way. Folders holding one of `strategy_names` below `root` are left out
    with their drafts: their strategy file rules them; so are the paths of `leave_out` (the drafts
    already checked, not looked at again). (A cached run over one draft walks the whole content
    folder this way: it is written for speed.)"""
    found: list[tuple[str, list[int] | None]] = []
    by_name = operator.attrgetter("name")

    def visit(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        entries.sort(key=by_name)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if not any(os.path.isfile(os.path.join(entry.path, n)) for n in strategy_names):
                    visit(entry.path)
            elif name.lower().endswith(DRAFT_SUFFIXES):
                if entry.path in leave_out:
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    found.append((entry.path, None))
                    continue
                found.append((entry.path, [info.st_size, info.st_mtime_ns, info.st_ino]))

    visit(root)
    return found


def excluded(file: Path | str, root: Path, patterns: list[str]) -> bool:
    """True when `file` matches one of the strategy file's `exclude` globs (relative to `root`)."""
    if not patterns:
        return False
    inside = _inside(root)
    file = os.path.abspath(file)
    if not file.startswith(inside):
        return False
    return excluded_relative(file[len(inside) :].replace(os.sep, "/"), patterns)


def _inside(root: Path | str) -> str:
    """The absolute path of the folder `root`, ending with a separator."""
    text = os.fspath(root)
    return _inside_absolute(text) if os.path.isabs(text) else os.path.abspath(text).rstrip(os.sep) + os.sep


@functools.lru_cache(maxsize=64)
def _inside_absolute(root: str) -> str:  # kept: it does not depend on the current folder
    return os.path.normpath(root).rstrip(os.sep) + os.sep


def excluded_relative(relative: str, patterns: list[str]) -> bool:
    """True when `relative` (a path from the strategy file's folder, with /) matches one of the
    `exclude` globs: the whole path (or a folder holding it), or, for a pattern without /, any one
    part of it."""
    whole, part = _exclusion(tuple(patterns))
    if whole is not None and whole.match(relative):
        return True
    return part is not None and any(part.match(name) for name in relative.split("/"))


@functools.lru_cache(maxsize=32)
def _exclusion(patterns: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The `exclude` globs as two expressions (fnmatch's): for the whole path, for one part."""
    whole, part = [], []
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if pattern.startswith("./"):
            pattern = pattern[2:]
        whole += [fnmatch.translate(pattern), fnmatch.translate(pattern + "/*")]
        if "/" not in pattern:
            part.append(fnmatch.translate(pattern))

    def joined(found: list[str]) -> re.Pattern | None:
        return re.compile("|".join(f"(?:{one})" for one in found)) if found else None

    return joined(whole), joined(part)
