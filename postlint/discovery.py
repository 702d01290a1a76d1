"""Which files to check: drafts under the paths given, minus hidden folders and excluded globs."""

from __future__ import annotations

import fnmatch
import os
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


def shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


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
                yield Candidate(path, shown_path(path), True)
        else:
            yield Candidate(path, shown_path(path), True, missing=True)


def _walk(folder: Path, seen: set[str]) -> Iterator[Candidate]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if is_draft_name(entry.name):
                yield Candidate(path, shown_path(path), False, folder=True)
            yield from _walk(path, seen)
        elif is_draft_name(entry.name):
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield Candidate(path, shown_path(path), False)


def excluded(file: Path, root: Path, patterns: list[str]) -> bool:
    """True when `file` matches one of the strategy file's `exclude` globs (relative to `root`)."""
    if not patterns:
        return False
    try:
        relative = Path(os.path.abspath(file)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return False
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if pattern.startswith("./"):
            pattern = pattern[2:]
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern + "/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False
