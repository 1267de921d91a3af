"""A per-file parse cache: repeat runs on unchanged files skip YAML parsing (issue #5).

An entry is keyed on the path as given and as absolute, the file's size,
modification time in nanoseconds and inode, chrono's version and the reading
options, so any change to the file (or to chrono) misses the cache.  As git does for
its index, a file modified in the last few seconds is not cached at all: a second
write within one tick of a coarse file-system clock could otherwise leave the size
and time unchanged.  Only files read without problems are cached, so a file with
errors is read again every time and its errors are always reported.

Entries are pickles read with an unpickler that builds nothing but chrono's own
value classes and plain containers, so a corrupt or foreign file in the cache
directory is ignored (and replaced), never executed.  Writes are atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import time
from typing import Any

from chrono import __version__

__all__ = ["ParseCache", "default_cache_dir"]

FORMAT = 2  # bump when the pickled classes change shape
RACY_SECONDS = 3  # files modified this recently are not cached

_ALLOWED = {
    ("chrono.model", "Event"),
    ("chrono.model", "Origin"),
    ("chrono.model", "EMPTY"),
    ("chrono.dates", "ChronoDate"),
    ("chrono.dates", "DatePoint"),
    ("chrono.dates", "Precision"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


def default_cache_dir() -> str:
    """`$CHRONO_CACHE_DIR`, else the platform's user cache directory + `chrono`."""
    explicit = os.environ.get("CHRONO_CACHE_DIR")
    if explicit:
        return explicit
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "chrono", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/chrono")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "chrono")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in chrono's cache")
        return super().find_class(module, name)


class ParseCache:
    """Events of files already read, by file identity."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def key(self, path: str, options: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The file's identity now, or None when it must not be cached (racy, unstat-able)."""
        try:
            st = os.stat(path)
            absolute = os.path.abspath(path)  # (the current folder may be gone)
        except OSError:
            return None
        if time.time() - st.st_mtime < RACY_SECONDS:
            return None
        return (FORMAT, __version__, path, absolute, st.st_size, st.st_mtime_ns, st.st_ino,
                options)  # fmt: skip

    def _file(self, key: tuple[Any, ...]) -> str:
        """The entry's file: named by the file and options, not by the file's state, so
        an edited file's new entry replaces the old one (the cache does not grow with
        every edit); the whole key is checked when the entry is read."""
        where = key[:4] + key[-1:]  # format, version, path, absolute path, options
        digest = hashlib.sha256(repr(where).encode("utf-8", "surrogateescape")).hexdigest()
        return os.path.join(self.directory, digest[:40] + ".pickle")

    def get(self, key: tuple[Any, ...]) -> Any | None:
        """What was stored for `key`, or None (missing, corrupt, foreign, other key)."""
        path = self._file(key)
        try:
            with open(path, "rb") as handle:
                stored_key, value = _Unpickler(io.BytesIO(handle.read())).load()
                st = os.fstat(handle.fileno())
            if stored_key == key:  # used now (see chrono.store's pruning)
                os.utime(path, ns=(time.time_ns(), st.st_mtime_ns))
        except (OSError, EOFError, ValueError, TypeError, AttributeError, IndexError,
                pickle.UnpicklingError):  # fmt: skip
            return None
        return value if stored_key == key else None

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        """Store `value` atomically; a cache that cannot be written is no error."""
        from chrono.writing import write_atomic

        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            write_atomic(self._file(key), data)
