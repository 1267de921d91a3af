"""Putting text in front of the user safely (SPEC §4, §6)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
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
    """A file written whole or not at all: a temporary file beside the file `path`
    names, renamed over it by `commit`.  A reader never sees half a file, and a
    failure (or `abandon`) leaves the old file as it was.  `durable` files are
    synced to disk before the rename (output the user asked for; a cache need not
    be).  SPEC §10:

    - `path` is written where it leads: through a symbolic link to its target (the
      link stays a link);
    - what is not a regular file (a FIFO, a terminal, `/dev/null`, `/dev/stdout`)
      is opened and written as it is, never replaced by a file;
    - a file replaced keeps its permission bits, and its owner and group where the
      user may keep them; a new file gets what `open(path, "w")` would give it.
    """

    def __init__(self, path: str, *, durable: bool = True) -> None:
        self.durable = durable
        self._temporary: str | None = None
        self._was: os.stat_result | None = None
        with contextlib.suppress(FileNotFoundError):
            self._was = os.stat(path)  # (follows links)
        if path.startswith("/dev/") or (self._was and not stat.S_ISREG(self._was.st_mode)):
            self.path = path
            self._handle: BinaryIO | None = open(path, "wb")  # noqa: SIM115 - closed by commit
            return
        self.path = os.path.realpath(path)  # the link's target, if it is a link
        directory = os.path.dirname(self.path)
        fd, self._temporary = tempfile.mkstemp(prefix=".chrono-", suffix=".tmp", dir=directory)
        self._handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        assert self._handle is not None, "written after commit or abandon"
        self._handle.write(data)

    def commit(self) -> None:
        handle, self._handle = self._handle, None
        assert handle is not None, "committed twice"
        if self._temporary is None:  # written in place
            handle.close()
            return
        try:
            handle.flush()
            if self.durable:
                os.fsync(handle.fileno())
            handle.close()
            self._keep_access(self._temporary)
            os.replace(self._temporary, self.path)
        except BaseException:
            self._remove()
            raise

    def _keep_access(self, temporary: str) -> None:
        """The replaced file's mode, owner and group (as far as the user may set them),
        else the mode a new file gets."""
        was = self._was
        if was is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            return
        if hasattr(os, "chown"):  # (not on Windows)
            for owner in ((was.st_uid, was.st_gid), (-1, was.st_gid)):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(temporary, *owner)
                    break
        os.chmod(temporary, stat.S_IMODE(was.st_mode))

    def abandon(self) -> None:
        """Drop what was written (no error if committed or abandoned already); a file
        written in place keeps what was written to it."""
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
            self._remove()

    def _remove(self) -> None:
        if self._temporary is not None:
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
