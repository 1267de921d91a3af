"""A file of blobs with a checked head: the stored chronology's on-disk layout.

The file is the magic string, the blobs one after the other, then the head
(marshal, with each blob's length and CRC), the head's length and its CRC.  It is
written as its blobs come and appears whole under its name, or not at all; a
reader checks the head when it opens the file and each blob when it reads it, so a
torn, truncated or foreign file is never mistaken for an entry.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Sequence
from typing import Any

from chrono.writing import AtomicFile

__all__ = ["CorruptEntry", "SectionWriter", "Sections"]

_MAGIC = b"chrono-chronology\n"


class CorruptEntry(Exception):
    """A cache entry's data does not match its checksum: read the inputs afresh."""


class SectionWriter:
    """Writes a sectioned file as its blobs come.  A cache that cannot be written is
    no error (nothing is stored), and is not worth an fsync (the CRCs catch a torn
    file)."""

    def __init__(self, path: str) -> None:
        self.blobs: list[tuple[int, int]] = []
        self._file: AtomicFile | None = None
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            self._file = AtomicFile(path, durable=False)
            self._file.write(_MAGIC)
        except OSError:
            self.abandon()

    def add(self, blob: bytes) -> None:
        self.blobs.append((len(blob), zlib.crc32(blob)))
        if self._file is not None:
            try:
                self._file.write(blob)
            except OSError:
                self.abandon()

    def finish(self, head: dict[str, Any]) -> None:
        if self._file is None:
            return
        payload = marshal.dumps({**head, "blobs": self.blobs})
        trailer = len(payload).to_bytes(8, "big") + zlib.crc32(payload).to_bytes(4, "big")
        try:
            self._file.write(payload + trailer)
            self._file.commit()
        except OSError:
            self.abandon()
        self._file = None

    def abandon(self) -> None:
        if self._file is not None:
            self._file.abandon()
        self._file = None


class Sections:
    """A file written by `SectionWriter`: its head (None if the file is not a whole
    one), and its blobs on demand.

    No file stays open: blobs are read by opening the file again, and a file that
    is no longer the one whose head was read (replaced by another run) is damaged
    as far as this reader is concerned.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.head: Any = None
        try:
            with open(path, "rb") as handle:
                identity = _identity(handle)
                if handle.read(len(_MAGIC)) != _MAGIC or identity[1] < len(_MAGIC) + 12:
                    return
                handle.seek(-12, os.SEEK_END)
                trailer = handle.read(12)
                size = int.from_bytes(trailer[:8], "big")
                end = identity[1] - 12
                if size > end - len(_MAGIC):
                    return
                handle.seek(end - size)
                payload = handle.read(size)
        except OSError:
            return
        try:
            if zlib.crc32(payload) != int.from_bytes(trailer[8:], "big"):
                raise ValueError("damaged")
            head = marshal.loads(payload)
            blobs = [(int(length), int(crc)) for length, crc in head["blobs"]]
        except (EOFError, ValueError, TypeError, KeyError):
            return
        self.offsets = [len(_MAGIC)]
        for length, _ in blobs:
            self.offsets.append(self.offsets[-1] + length)
        if self.offsets[-1] != end - size:
            return
        self.head, self._identity, self._blobs = head, identity, blobs

    def read(self, indices: Sequence[int]) -> list[bytes]:
        """The blobs at `indices`; CorruptEntry if any is damaged or the file changed."""
        found = []
        try:
            with open(self.path, "rb") as handle:
                if _identity(handle) != self._identity:
                    raise CorruptEntry(f"cache entry {self.path} was replaced")
                for index in indices:
                    length, crc = self._blobs[index]
                    handle.seek(self.offsets[index])
                    data = handle.read(length)
                    if len(data) != length or zlib.crc32(data) != crc:
                        raise CorruptEntry(f"cache entry {self.path} is damaged")
                    found.append(data)
        except OSError as exc:
            raise CorruptEntry(str(exc)) from None
        return found


def _identity(handle: Any) -> tuple[int, int, int]:
    st = os.fstat(handle.fileno())
    return (st.st_ino, st.st_size, st.st_mtime_ns)
