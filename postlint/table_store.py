"""Big word tables from other packages, and what is worked out from them, kept on disk in a form
that reads back fast.

spacy-lookups-data ships the French lookup lemmas as gzipped JSON: 216,000 entries that take about
0.2 s to decompress, parse and tidy in every run (a quarter of a pre-commit run on one draft).
What is read or worked out from such files at every start (that table, wordfreq's lists, the forms
that may make a text negative...) is kept (`kept_value`) as Python's `marshal` writes it, in a
folder of the user's (not the drafts'):

- `POSTLINT_DATA_CACHE` when set (`off`: keep nothing, always work it out again);
- else `$XDG_CACHE_HOME/postlint`, else `~/.cache/postlint`.

A value is found by its name and a digest of everything it was worked out from (the files' sizes
and modification times among them: a new version of a package is worked out again). The file
starts with a header and a checksum: a file cut short, edited or of another format is worked out
again and rewritten, never a crash. It is written to a temporary file in the same folder, then
renamed, so that two runs at once never read half a value. A folder that can't be written just
means the value is worked out in memory each time, as without this module. These are no results
of postlint's: `--no-cache` (the result cache) does not concern them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

FORMAT = "1"


def folder() -> Path | None:
    """Where tables are kept, or None when `POSTLINT_DATA_CACHE=off`."""
    chosen = os.environ.get("POSTLINT_DATA_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "postlint"


def replace_file(path: Path, data: bytes, older: str) -> None:
    """Write `data` to `path` in one step (a temporary file in the same folder, renamed over it),
    then remove the files of that folder matching the glob `older` (what older sources made). A
    folder that can't be written is no error: nothing is kept."""
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
        for old in path.parent.glob(older):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()


def read_marshal(path: Path, header: bytes):
    """The value `write_marshal` wrote in `path` under `header`; None when the file is absent, of
    another header or not whole (its checksum)."""
    import marshal
    import zlib

    try:
        data = path.read_bytes()
    except OSError:
        return None
    first, _, body = data.partition(b"\n")
    head, _, checksum = first.rpartition(b" ")
    if head != header or checksum != b"%08x" % zlib.crc32(body):
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def write_marshal(path: Path, header: bytes, value, older: str) -> None:
    """Write `value` (plain types) to `path` in one step under `header` and a checksum; the files
    matching `older` go (see `replace_file`). A value marshal can't write is not kept."""
    import marshal
    import zlib

    try:
        body = marshal.dumps(value)
    except ValueError:
        return
    replace_file(path, b"%s %08x\n" % (header, zlib.crc32(body)) + body, older)


def source_state(path) -> tuple[str, int, int] | None:
    """A file as a kept value's inputs name it: its path, size and modification time (None: no
    such file)."""
    try:
        state = os.stat(path)
    except (OSError, TypeError, ValueError):
        return None
    return (str(path), state.st_size, state.st_mtime_ns)


def kept_value(name: str, inputs, build: Callable[[], T]) -> T:
    """The value `build` works out from `inputs` (everything it depends on, such as `source_state`s
    of files): read from the kept copy made from the same inputs, else built and kept, the copy made
    from other inputs removed. Inputs and value must be of plain types (marshal's: numbers, strings,
    bytes, tuples, lists, dicts, sets and frozensets; inputs that aren't: built and not kept);
    `name` must not hold a dash."""
    import marshal

    where = folder()
    if where is None:
        return build()
    from postlint.cache import digest

    try:
        described = marshal.dumps(inputs, 2)  # one version: the same bytes in every run
    except ValueError:
        return build()
    path = where / f"{name}-{digest(described)}.marshal"
    header = f"postlint-value {FORMAT} {name}".encode()
    found = read_marshal(path, header)
    if isinstance(found, tuple) and len(found) == 1:
        return found[0]
    value = build()
    write_marshal(path, header, (value,), f"{name}-*")  # and what an older format kept under the name
    return value
