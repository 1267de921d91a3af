"""Putting text in front of the user safely (SPEC §4, §6)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from typing import BinaryIO

__all__ = ["STDOUT", "AtomicFile", "clobbers_input", "strip_controls", "write_atomic"]

# C0 and C1 control characters (ESC starts terminal escape sequences) and the
# Unicode bidirectional overrides that can make text display other than it reads.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r]+")


# The characters strip_controls removes or replaces (those of _CONTROLS and _BREAKS).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls_all(texts: list[str]) -> list[str]:
    """`strip_controls` of each text; a whole column at once when none needs it (most)."""
    if _UNSAFE.search("".join(texts)) is None:
        return texts
    return [strip_controls(text) for text in texts]


def strip_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control characters removed, tabs and breaks spaced.

    >>> strip_controls("Baku\\x1b[31m summit\\x07")
    'Baku[31m summit'
    """
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\t", " ")
        return _CONTROLS.sub("", text.replace("\r", "\n"))
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


STDOUT = "-"


def clobbers_input(output: str, inputs: Iterable[str]) -> str | None:
    """The input file that writing `output` would overwrite, if any (SPEC §4)."""
    if output == STDOUT or not os.path.exists(output):
        return None
    for path in inputs:
        if path != STDOUT and os.path.exists(path) and os.path.samefile(path, output):
            return path
    return None


def utf8(text: str) -> bytes:
    """`text` as UTF-8.  A file name that is not UTF-8 reaches chrono with its bytes
    escaped (PEP 383); in output they become U+FFFD, as a file manager shows them,
    so that every file chrono writes is valid UTF-8."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "replace").encode("utf-8")


class AtomicFile:
    """A file written whole or not at all: a temporary file beside `path`, renamed
    over it by `commit`.  A reader never sees half a file, and a failure (or
    `abandon`) leaves the old file as it was.  `durable` files are synced to disk
    before the rename (output the user asked for; a cache need not be).

    The new file gets the permissions a plain `open(path, "w")` would give it.
    """

    def __init__(self, path: str, *, durable: bool = True) -> None:
        self.path = path
        self.durable = durable
        directory = os.path.dirname(os.path.abspath(path))
        fd, self._temporary = tempfile.mkstemp(prefix=".chrono-", suffix=".tmp", dir=directory)
        self._handle: BinaryIO | None = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        assert self._handle is not None, "written after commit or abandon"
        self._handle.write(data)

    def commit(self) -> None:
        handle, self._handle = self._handle, None
        assert handle is not None, "committed twice"
        try:
            handle.flush()
            if self.durable:
                os.fsync(handle.fileno())
            handle.close()
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._temporary, 0o666 & ~umask)
            os.replace(self._temporary, self.path)
        except BaseException:
            self._remove()
            raise

    def abandon(self) -> None:
        """Drop what was written (no error if committed or abandoned already)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
            self._remove()

    def _remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._temporary)


def write_atomic(path: str, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write `data` (bytes, or pieces of it) to `path` with an `AtomicFile`."""
    handle = AtomicFile(path, durable=durable)
    try:
        for chunk in (data,) if isinstance(data, bytes) else data:
            handle.write(chunk)
    except BaseException:
        handle.abandon()
        raise
    handle.commit()
