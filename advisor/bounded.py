"""Bounded reads of input files for the CLI and the TUI: a tail of a regular file, a capped read of a pipe or
device, and a clear refusal of binary data (``advisor explain /dev/zero``, ``advisor report weights.bin``)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

#: What `explain` reads: the last MAX_EXPLAIN_BYTES of the input (explain itself keeps the last 200 kB of text).
MAX_EXPLAIN_BYTES = 1_000_000
#: A report written by --report is well under a megabyte; `advisor report` refuses more than this.
MAX_REPORT_BYTES = 20_000_000
#: A pipe or device is read for at most this much before giving up (``explain /dev/zero``).
MAX_STREAM_BYTES = 16_000_000


class InputError(Exception):
    """An input file the command cannot use: unreadable, binary or too large (exit 2 with one Error: line)."""


def read_bounded(source: str | Path | None, *, keep: int, limit: int = MAX_STREAM_BYTES, what: str = "input",
                 whole: bool = False) -> str:
    """Text from a file, ``-``/None (stdin) or a device: at most the last ``keep`` bytes (all of it or an error
    when ``whole``), never more than ``limit`` read; refuses binary data (see looks_binary).

    Raises InputError with a message for one Error: line.
    """
    name = "stdin" if source in (None, "-") else str(source)
    try:
        if source in (None, "-"):
            stream = getattr(sys.stdin, "buffer", None)
            data = _read_tail(stream, keep, limit, whole) if stream is not None else sys.stdin.read(keep).encode()
        else:
            with open(source, "rb") as handle:  # a device or FIFO is fine: reads are bounded
                data = _read_tail(handle, keep, limit, whole)
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror or err}") from None
    if looks_binary(data):
        raise InputError(f"{name} is binary data, not {what}")
    return data.decode("utf-8", errors="replace")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: more than 1% NUL bytes, or more than 10% bytes that are not UTF-8."""
    if not data:
        return False
    if data.count(0) * 100 > len(data):
        return True
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count(
        "\ufffd")
    return bad * 10 > len(data)


def _read_tail(handle: Any, keep: int, limit: int, whole: bool = False) -> bytes:
    """The last ``keep`` bytes of ``handle``: a regular file seeks to its tail, a stream stops after ``limit``."""
    try:
        size = os.fstat(handle.fileno()).st_size if stat.S_ISREG(os.fstat(handle.fileno()).st_mode) else -1
    except (OSError, ValueError, AttributeError):  # typer's test runner gives stdin without a file descriptor
        size = -1
    if size > keep and whole:
        raise OSError(f"{size} bytes is more than expected (at most {keep})")
    if size > keep:
        handle.seek(size - keep)
    tail, total = b"", 0
    while True:
        chunk = handle.read(min(65536, keep))
        if not chunk:
            return tail
        total += len(chunk)
        if looks_binary(chunk):  # binary: no need to read on (``/dev/zero`` never ends)
            return chunk
        if (size < 0 or whole) and total > limit:
            raise OSError(f"more than {limit // 1_000_000} MB and still going; give a file instead")
        tail = (tail + chunk)[-keep:]
