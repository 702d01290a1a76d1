"""Big word tables from other packages, kept on disk as plain text that reads back fast.

spacy-lookups-data ships the French lookup lemmas as gzipped JSON: 216,000 entries that take about
0.2 s to decompress, parse and tidy in every run (a quarter of a pre-commit run on one draft).
The same table written out once as tab-separated lines reads back in half that time. This
module keeps such tables in a folder of the user's (not the drafts'):

- `POSTLINT_DATA_CACHE` when set (`off`: keep nothing, always read the package's own file);
- else `$XDG_CACHE_HOME/postlint`, else `~/.cache/postlint`.

A table is found by its name and by the size and modification time of the file it was built from
(a new version of the package is built again). The file starts with a header that says how many
entries follow: a file cut short, edited or of another format is built again and rewritten, never
a crash. It is written to a temporary file in the same folder, then renamed, so that two runs at
once never read half a table. A folder that can't be written just means the table is built in
memory each time, as without this module. These are no results of postlint's: `--no-cache` (the
result cache) does not concern them.

What is worked out from such tables at every start (the forms that may make a text negative, out
of the 216,000 French forms) is kept the same way (`kept_value`), as Python's `marshal` writes
it, under a digest of everything it was worked out from.
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
_HEADER = "postlint-table"


def folder() -> Path | None:
    """Where tables are kept, or None when `POSTLINT_DATA_CACHE=off`."""
    chosen = os.environ.get("POSTLINT_DATA_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "postlint"


def _file_for(name: str, source: Path) -> Path | None:
    where = folder()
    if where is None:
        return None
    try:
        state = os.stat(source)
    except OSError:
        return None
    return where / f"{name}-{state.st_size}-{state.st_mtime_ns}.tsv"


def _read(path: Path) -> dict[str, str] | None:
    """The table in `path`, or None when it is absent or not a whole table of this format."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    header, _, body = text.partition("\n")
    fields = header.split("\t")
    if len(fields) != 3 or fields[0] != _HEADER or fields[1] != FORMAT or not fields[2].isdigit():
        return None
    count = int(fields[2])
    if count == 0:
        return {} if not body else None
    parts = body.replace("\n", "\t").split("\t")
    if len(parts) != 2 * count:
        return None
    pairs = iter(parts)
    table = dict(zip(pairs, pairs, strict=True))
    return table if len(table) == count else None


def _writable(table: dict[str, str]) -> bool:
    """True when no word of the table holds a tab or a line break (the file's separators)."""
    return not any("\t" in k or "\n" in k or "\t" in v or "\n" in v for k, v in table.items())


def _write(path: Path, table: dict[str, str]) -> None:
    """Write `table` to `path` in one step; tables of the same name built from older files go."""
    lines = [f"{_HEADER}\t{FORMAT}\t{len(table)}"]
    lines.extend(f"{key}\t{value}" for key, value in table.items())
    stem = path.name.split("-", 1)[0]
    replace_file(path, "\n".join(lines).encode("utf-8"), f"{stem}-*.tsv")


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


def kept_table(name: str, source: Path, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The word -> word table `name` built by `build` from the file `source`: read from the kept
    copy when there is a whole one for this very file, else built and kept for the next runs.
    `name` must not hold a dash (the kept file is `<name>-<size>-<mtime>.tsv`)."""
    path = _file_for(name, source)
    if path is not None:
        table = _read(path)
        if table is not None:
            return table
    table = build()
    if path is not None and _writable(table):
        _write(path, table)
    return table


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
    write_marshal(path, header, (value,), f"{name}-*.marshal")
    return value
