"""The parse cache: a file's events, so that a repeat run skips parsing an unchanged file.

Only files read without errors are cached, so a file with errors is read again every
time and its errors are always reported; a file's warnings are stored with its
events and reported on every run.  Entries are pickles read with an
unpickler that builds nothing but chrono's own value classes and plain containers,
so a corrupt or foreign file in the cache directory is ignored (and replaced),
never executed.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Sequence
from typing import Any

from chrono import caches
from chrono.errors import Problem
from chrono.model import Event
from chrono.writing import write_atomic

__all__ = ["ParseCache"]

_ALLOWED = {
    ("chrono.model", "Event"),
    ("chrono.model", "Origin"),
    ("chrono.model", "EMPTY"),
    ("chrono.dates", "ChronoDate"),
    ("chrono.dates", "DatePoint"),
    ("chrono.precision", "Precision"),
    ("chrono.errors", "Problem"),
    ("chrono.errors", "Severity"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}

# a file's events, its titles, and its warnings
Parsed = tuple[Sequence[Event], Sequence[str], Sequence[Problem]]


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in chrono's cache")
        return super().find_class(module, name)


class ParseCache:
    """Events of files already read, by file identity (`chrono.caches.key`)."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or caches.default_cache_dir()

    def get(self, path: str, options: tuple[Any, ...]) -> tuple[caches.Key | None, Parsed | None]:
        """The file's key now (None: not to be cached), and what was stored under it."""
        key = caches.key([path], options)
        if key is None:
            return None, None
        entry = self._slot(key)
        try:
            with open(entry, "rb") as handle:
                stored_key, value = _Unpickler(io.BytesIO(handle.read())).load()
        except (OSError, EOFError, ValueError, TypeError, AttributeError, IndexError,
                pickle.UnpicklingError):  # fmt: skip
            return key, None
        if stored_key != key:
            return key, None
        caches.touch(entry)  # used now: the last to be pruned
        return key, value

    def put(self, key: caches.Key, value: Parsed) -> None:
        """Store `value` atomically; a cache that cannot be written is no error."""
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            write_atomic(self._slot(key), data, durable=False)

    def _slot(self, key: caches.Key) -> str:
        return caches.slot("parse-", self.directory, key)
