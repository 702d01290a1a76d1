"""Writing a report to a file without ever harming a draft.

The text goes to a temporary file in the same folder, then replaces the target in one step
(os.replace), so that a reader never sees half a report; through a symbolic link, the file it
leads to is replaced. A target that is no regular file (/dev/null, a pipe, a terminal) is written
straight through: there is no file to replace, and replacing it would put a file in its place. A
target that is one of the checked drafts, or that starts with a front matter block, is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class Refused(Exception):
    """The target looks like a draft."""


def looks_like_draft(path: Path, drafts: set[str] = frozenset()) -> bool:
    """True when `path` is one of `drafts` (absolute paths) or an existing file opening with `---`."""
    if str(path.absolute()) in drafts or str(path.resolve()) in drafts:
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # opening a pipe to read it would wait for a writer
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError:
        return False
    return start.lstrip(b"\xef\xbb\xbf").startswith(b"---")


def write_atomically(path: Path, text: str, drafts: set[str] = frozenset()) -> None:
    """Write `text` (UTF-8) to `path` in one step; Refused when `path` looks like a draft."""
    path = Path(path)
    if looks_like_draft(path, drafts):
        raise Refused(str(path))
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # absent (or unreachable: the write below says why)
        special = False
    if special:
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.absolute().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
