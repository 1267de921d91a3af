"""chrono's two caches, and what they share: keys, layout, versions and pruning.

- `chrono.caches.parse`: one entry per file, its events, so that a repeat run does
  not parse a file read before and unchanged since;
- `chrono.caches.stored`: one entry per set of inputs and options, the merged and
  sorted chronology with the index the filters choose from.

Both live in one directory (`default_cache_dir`) and are keyed by `key`: what made
them (chrono's version and code, `version`), the reading options, and the
identity of every file read (path, size, modification time in nanoseconds, inode),
taken before reading, so an edited, added or removed file misses.  As git does for
its index, a file modified in the last few seconds is never cached: a second write
within one tick of a coarse file-system clock could leave its identity unchanged.
Entries are written atomically; a corrupt or foreign entry is ignored and replaced;
removing any entry is always safe (a miss, not an error).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from chrono import __version__
from chrono.model import STDIN
from chrono.precision import Precision

__all__ = ["RACY_SECONDS", "default_cache_dir", "key", "prune", "slot", "version"]

FORMAT = 5  # bump when what the caches store changes shape (5: --grep's text unaccented)
RACY_SECONDS = 3  # files modified this recently are not cached
MAX_BYTES = 2 << 30  # stored chronologies kept, all together (the least recently used go)
UNUSED = 30 * 86_400  # seconds: parse entries unused this long go

Key = tuple[Any, ...]


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


@functools.cache
def version() -> tuple[Any, ...]:
    """What made an entry: chrono's version and code, and the precisions' names (a new
    precision renumbers the stored dates).  The code is each module's size and time:
    a checkout edited since (where the version stays the same) misses every entry,
    with no number to bump by hand."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith(".py")):
            st = os.stat(os.path.join(folder, name))
            code.append((os.path.relpath(os.path.join(folder, name), package), st.st_size,
                         st.st_mtime_ns))  # fmt: skip
    digest = hashlib.sha256(repr(code).encode()).hexdigest()[:16]
    labels = tuple(p.label for p in Precision)
    return (FORMAT, __version__, sys.version_info[:2], labels, digest)


def key(files: Sequence[str], options: tuple[Any, ...]) -> Key | None:
    """What an entry for `files` read with `options` is stored under, or None when
    they must not be cached (standard input, a file modified just now, a file that
    cannot be examined)."""
    now = time.time()
    identities = []
    for path in files:
        if path == STDIN:
            return None
        try:
            st = os.stat(path)
            absolute = os.path.abspath(path)  # (the current folder may be gone)
        except OSError:
            return None
        if now - st.st_mtime < RACY_SECONDS:
            return None
        # (the change time too: `touch -r` and `cp -p` restore a modification time)
        identities.append(
            (path, absolute, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        )
    return (version(), options, tuple(identities))


def slot(prefix: str, directory: str, entry_key: Key) -> str:
    """The file an entry is stored in: named by the files and options, not by the
    files' state, so a changed file's new entry replaces the old one and the cache
    does not grow with every edit.  The whole key is checked when it is read."""
    version, options, identities = entry_key
    names = tuple(identity[:2] for identity in identities)
    digest = hashlib.sha256(repr((version, options, names)).encode("utf-8", "surrogateescape"))
    return os.path.join(directory, prefix + digest.hexdigest()[:40])


def prune(directory: str, keep: str | None = None) -> None:
    """Remove the least recently used stored chronologies until all of them take at
    most MAX_BYTES (never `keep`), parse entries unused for UNUSED seconds (files no
    longer read, entries of other chrono versions), and temporary files left by
    runs that died."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    slots: dict[str, list[float]] = {}  # slot name -> [bytes, last used]
    now = time.time()
    for name in names:
        path = os.path.join(directory, name)
        try:
            st = os.stat(path)
        except OSError:
            continue
        stale = (name.startswith(".chrono-") and now - st.st_mtime > 3600) or (
            name.startswith("parse-") and now - max(st.st_atime, st.st_mtime) > UNUSED
        )
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(path)
        elif name.startswith("chronology-"):  # the entry, and the records beside it
            entry = slots.setdefault(name.split(".", 1)[0], [0, 0.0])
            entry[0] += st.st_size
            entry[1] = max(entry[1], st.st_atime)
    total = sum(size for size, _ in slots.values())
    kept = os.path.basename(keep) if keep is not None else None
    for slot_name, (size, _) in sorted(slots.items(), key=lambda item: item[1][1]):
        if total <= MAX_BYTES:
            break
        if slot_name != kept:
            for name in names:
                if name.split(".", 1)[0] == slot_name:
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(directory, name))
            total -= size


def touch(path: str) -> None:
    """Mark an entry used now (its access time; the modification time stays)."""
    with contextlib.suppress(OSError):
        st = os.stat(path)
        os.utime(path, ns=(time.time_ns(), st.st_mtime_ns))
