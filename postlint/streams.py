"""The standard streams, flushed before a fork or a quick exit."""

from __future__ import annotations

import contextlib
import sys


def flush_std_streams() -> None:
    """Flush what this process buffered: before a fork (or each forked worker would write it out
    again on exit) and before `os._exit` (which flushes nothing)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # closed, replaced, a closed pipe
            stream.flush()
