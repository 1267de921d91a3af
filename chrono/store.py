"""A cache of whole merged chronologies, for repeat queries of unchanged files (issue #5).

The parse cache (chrono.cache) saves the YAML parsing of each file, but a repeat
run would still rebuild every event, merge and sort them.  This cache stores the
result: the merged, sorted chronology of a set of inputs, read with given options.

- **Never stale.**  The key holds chrono's version, the reading and merging
  options, and the identity (path, size, mtime_ns, inode) of every file the paths
  expand to, taken *before* reading; an added, removed or edited file misses.
  Files modified in the last few seconds, standard input, and loads with any
  problem (even a warning) are never stored, so problems are always reported.
- **Bounded.**  One slot per set of paths and options: a changed file replaces
  its slot's entry instead of adding one; all slots together stay under
  MAX_BYTES, the least recently used going first.
- **Fast to query.**  Events are stored as rows of plain values (marshal) in
  chunks, beside one casefolded text of every title and description, so
  `--grep` finds its events without building the others.  A JSON export's
  records are kept too (UTF-8, in chunks), once one has been made, so a repeat
  export copies them to the output.
- **Safe to read.**  An entry is written as it is made, then renamed into place:
  a magic string, the chunks, the parts of the index the filters choose from
  (read only when a filter needs them), and a head (marshal) with every blob's
  length and CRC, then the head's own length and CRC.  A corrupt, truncated or foreign file
  is ignored and replaced; a chunk found damaged later raises CorruptEntry, and
  the caller reads the timelines afresh.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

from chrono import __version__
from chrono.cache import RACY_SECONDS, default_cache_dir
from chrono.dates import ChronoDate, DatePoint, Precision
from chrono.model import EMPTY, Event, Origin
from chrono.querying import Query, matches_text

__all__ = [
    "ChronologyCache",
    "CorruptEntry",
    "JsonRecords",
    "StoredChronology",
    "event_row",
    "row_event",
]

FORMAT = 3  # bump when rows or the head change shape
CHUNK = 128  # events per marshalled chunk: --grep decodes only the chunks it needs
MAX_BYTES = 2 << 30  # chronologies kept, all together (the least recently used go)
UNUSED = 30 * 86_400  # seconds: parse-cache entries unused this long go
_MAGIC = b"chrono-chronology\n"
_INDEX = ("search", "starts", "lo", "hi", "tags")  # blobs after the events' chunks
_BATCH = 32  # chunks read at once when building many events
_RECORD_SEP = "\x00"  # between events in the search text
_FIELD_SEP = "\x01"  # between an event's title and description
_PRECISIONS = tuple(Precision)

# --------------------------------------------------------------------------- rows


def _point_row(p: DatePoint | None) -> tuple[Any, ...] | None:
    if p is None:
        return None
    return (int(p.precision), p.year, p.month, p.day, p.hour, p.minute, p.second,
            p.microsecond, p.offset, p.approximate, p.uncertain, p.lo, p.hi, p.zone,
            p.fraction_digits)  # fmt: skip


def _row_point(r: tuple[Any, ...] | None) -> DatePoint | None:
    return None if r is None else DatePoint(_PRECISIONS[r[0]], *r[1:])


def event_row(e: Event) -> tuple[Any, ...]:
    """`e` as a tuple of plain values marshal can store; `row_event` reads it back."""
    d = e.date
    return (
        e.title,
        d.text,
        _point_row(d.start),
        0 if d.end is d.start else _point_row(d.end),  # a single date shares its point
        d.interval,
        tuple([(o.path, o.line, o.column) for o in e.origins]),
        e.id,
        e.description,
        e.location,
        e.tags,
        e.sources,
        e.timezone,
        dict(e.extra),
        dict(e.conflicts),
    )


def row_event(r: Sequence[Any]) -> Event:
    start = _row_point(r[2])
    end = start if r[3] == 0 else _row_point(r[3])
    origins = tuple([Origin(*o) for o in r[5]])
    date = ChronoDate(r[1], start, end, r[4])
    return Event(r[0], date, origins, r[6], r[7], r[8], r[9], r[10], r[11],
                 r[12] or EMPTY, r[13] or EMPTY)  # fmt: skip


# --------------------------------------------------------------------------- files


class CorruptEntry(Exception):
    """A cache entry's data does not match its checksum: read the inputs afresh."""


class _SectionWriter:
    """Writes a sectioned file as its blobs come: the magic string, the blobs, then the
    head (marshal, with each blob's length and CRC), its length and its CRC.  The file
    appears whole under its name at `finish`, or not at all: a cache that cannot be
    written is no error, and is not worth an fsync (the CRCs catch a torn file)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.blobs: list[tuple[int, int]] = []
        self._temporary: str | None = None
        self._file: Any = None
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, self._temporary = tempfile.mkstemp(prefix=".chrono-", dir=os.path.dirname(path))
            self._file = os.fdopen(fd, "wb")
            self._file.write(_MAGIC)
        except OSError:
            self.abandon()

    def add(self, blob: bytes) -> None:
        if self._file is None:
            return
        try:
            self._file.write(blob)
        except OSError:
            self.abandon()
        self.blobs.append((len(blob), zlib.crc32(blob)))

    def finish(self, head: dict[str, Any]) -> None:
        if self._file is None or self._temporary is None:
            return
        payload = marshal.dumps({**head, "blobs": self.blobs})
        try:
            self._file.write(payload)
            self._file.write(
                len(payload).to_bytes(8, "big") + zlib.crc32(payload).to_bytes(4, "big")
            )
            self._file.close()
            os.replace(self._temporary, self.path)
        except OSError:
            self.abandon()
        self._file = None

    def abandon(self) -> None:
        with contextlib.suppress(OSError):
            if self._file is not None:
                self._file.close()
            if self._temporary is not None:
                os.unlink(self._temporary)
        self._file = None


class _Sections:
    """A file written by `_SectionWriter`: its head, and its blobs on demand.

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
        self._offsets = [len(_MAGIC)]
        for length, _ in blobs:
            self._offsets.append(self._offsets[-1] + length)
        if self._offsets[-1] != end - size:
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
                    handle.seek(self._offsets[index])
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


# --------------------------------------------------------------------------- cache


class StoredChronology:
    """A merged chronology read back from the cache; events are built when asked for."""

    def __init__(
        self,
        cache: ChronologyCache,
        key: tuple[Any, ...],
        entry: dict[str, Any],
        chunks: Callable[[Sequence[int]], list[bytes]],
    ) -> None:
        self._cache = cache
        self.key = key
        self.titles: tuple[str, ...] = tuple(entry["titles"])
        self.paths: tuple[str, ...] = tuple(entry["paths"])
        self._count: int = entry["count"]
        self._read_chunks = chunks
        self._rows: dict[int, list[Any]] = {}
        self._built: dict[int, list[Event | None]] = {}
        # What the filters choose from: given (just stored), or blobs after the
        # events' chunks, read only when a filter needs them (an unfiltered export
        # of a million events needs none of their 200 MB).
        self._index: dict[str, Any] = {name: entry[name] for name in _INDEX if name in entry}
        self._first_index_blob: int = entry.get("index", 0)
        complete = len(self._index) == len(_INDEX)
        if not isinstance(self._count, int) or not (
            complete or (isinstance(self._first_index_blob, int) and "index" in entry)
        ):
            raise TypeError("not a stored chronology")

    def _part(self, name: str) -> Any:
        """One part of the index, read and checked when first asked for; CorruptEntry
        if it is damaged (the caller then reads the inputs afresh)."""
        found = self._index.get(name)
        if found is None:
            try:
                (data,) = self._read_chunks([self._first_index_blob + _INDEX.index(name)])
                found = marshal.loads(data)
            except (EOFError, ValueError, TypeError, IndexError) as exc:
                raise CorruptEntry(str(exc)) from None
            kind = str if name == "search" else dict if name == "tags" else list
            if not isinstance(found, kind) or (kind is list and len(found) != self._count):
                raise CorruptEntry(f"cache entry index '{name}' does not fit")
            self._index[name] = found
        return found

    def __len__(self) -> int:
        return self._count

    def event(self, index: int) -> Event:
        n, k = divmod(index, CHUNK)
        built = self._built.get(n)
        if built is None or built[k] is None:
            self._build(n, [k], self._rows.get(n) or self._decode([n])[0])
            built = self._built[n]
        event = built[k]
        assert event is not None
        return event

    def events(self, indices: Sequence[int] | None = None) -> list[Event]:
        if indices is None:
            indices = range(self._count)
        wanted: dict[int, list[int]] = {}
        for i in indices:
            n, k = divmod(i, CHUNK)
            built = self._built.get(n)
            if built is None or built[k] is None:
                wanted.setdefault(n, []).append(k)
        chunks = sorted(wanted)
        for first in range(0, len(chunks), _BATCH):  # a few chunks' rows at a time
            batch = chunks[first : first + _BATCH]
            for n, rows in zip(batch, self._decode(batch, keep=False), strict=True):
                self._build(n, wanted[n], rows)
        return [self.event(i) for i in indices]

    def _decode(self, chunks: Sequence[int], *, keep: bool = True) -> list[list[Any]]:
        """The rows of these chunks.  Events are built from them only as asked for (a
        broad --grep touches most chunks but wants few events of each), and only the
        last chunk read one event at a time keeps its rows (a lazy export reads in
        order), so a query never holds the whole chronology twice."""
        found = []
        for n, data in zip(chunks, self._read_chunks(chunks), strict=True):
            try:
                rows = marshal.loads(data)
            except (EOFError, ValueError, TypeError) as exc:
                raise CorruptEntry(str(exc)) from None
            if not isinstance(rows, list) or len(rows) != min(CHUNK, self._count - n * CHUNK):
                raise CorruptEntry(f"chunk {n} does not fit")
            found.append(rows)
            if keep:
                self._rows = {n: rows}
        return found

    def _build(self, n: int, wanted: Iterable[int], rows: list[Any]) -> None:
        built = self._built.setdefault(n, [None] * len(rows))
        for k in wanted:
            if built[k] is None:
                try:
                    built[k] = row_event(rows[k])
                except (ValueError, TypeError, IndexError) as exc:
                    raise CorruptEntry(str(exc)) from None

    def view(self, indices: Sequence[int]) -> Sequence[Event]:
        """The events at `indices`, built when first read."""
        return _View(self, indices)

    def select(self, query: Query) -> list[int]:
        """Where the events `query` keeps are, in its order: what `query.select` keeps
        of the whole chronology, chosen from the dates, tags and text stored beside
        the events, without building them."""
        kept: Iterable[int] = range(self._count)
        if query.start is not None:
            lo, his = query.start.lo, self._part("hi")
            kept = [i for i in kept if his[i] > lo]
        if query.end is not None:
            hi, los = query.end.hi, self._part("lo")
            kept = [i for i in kept if los[i] < hi]
        if query.tags:
            tagged: set[int] = set()
            index = self._part("tags")
            for tag in {t.casefold() for t in query.tags}:
                tagged.update(index.get(tag, ()))
            kept = [i for i in kept if i in tagged]
        if query.grep:
            found = self.grep(query.grep)
            if found is None:  # text the search cannot look for: ask the events
                needle = query.grep.casefold()
                found = [i for i in range(self._count) if matches_text(self.event(i), needle)]
            matching = set(found)
            kept = [i for i in kept if i in matching]
        chosen = list(kept)
        if query.reverse:
            chosen.reverse()
        return chosen[: query.limit] if query.limit is not None else chosen

    def grep(self, needle: str) -> list[int] | None:
        """Indices of the events whose title or description contains `needle`
        (casefolded, as `Query` compares), or None when the text cannot say."""
        needle = needle.casefold()
        if not needle or _RECORD_SEP in needle or _FIELD_SEP in needle:
            return None
        text, starts, found = self._part("search"), self._part("starts"), []
        at = text.find(needle)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            found.append(index)
            following = index + 1
            if following >= len(starts):
                break
            at = text.find(needle, starts[following])
        return found

    def json_records(self) -> JsonRecords | None:
        """Each event's JSON record, if a JSON export stored them."""
        sections = _Sections(self._cache.slot(self.key) + ".json")
        head = sections.head
        if not isinstance(head, dict) or head.get("key") != repr(self.key):
            return None
        try:
            records = JsonRecords(head["ends"], sections.read)
        except (KeyError, TypeError):
            return None
        return records if len(records) == self._count else None

    def discard(self) -> None:
        """Remove this entry and its JSON records (found damaged)."""
        for suffix in ("", ".json"):
            with contextlib.suppress(OSError):
                os.unlink(self._cache.slot(self.key) + suffix)

    def write_json_records(self, records: Iterable[str]) -> Iterator[bytes]:
        """The JSON list of `records` (one per event, in order) in UTF-8 pieces, stored
        chunk by chunk as they are made, so that a later export writes them as they are.
        Nothing is stored unless the list is made to its end."""
        writer = _SectionWriter(self._cache.slot(self.key) + ".json")
        ends: list[list[int]] = []
        piece: list[bytes] = []
        try:
            for record in records:
                piece.append(record.encode("utf-8"))
                if len(piece) == JSON_CHUNK:
                    yield self._json_chunk(piece, ends, writer)
                    piece = []
            if piece:
                yield self._json_chunk(piece, ends, writer)
            yield b"\n]\n" if ends else b"[]\n"
            writer.finish({"key": repr(self.key), "ends": ends})
            self._cache.prune(keep=self._cache.slot(self.key))
        finally:
            writer.abandon()  # unless finished

    @staticmethod
    def _json_chunk(records: list[bytes], ends: list[list[int]], writer: _SectionWriter) -> bytes:
        first = not ends
        blob = _join_records(records, ends)
        writer.add(blob)
        return (b"[\n  " if first else _SEPARATOR) + blob


JSON_CHUNK = 4096  # records per chunk of a stored JSON export
_SEPARATOR = b",\n  "


def _join_records(records: list[bytes], ends: list[list[int]]) -> bytes:
    offsets, position = [], 0
    for record in records:
        position += len(record)
        offsets.append(position)
        position += len(_SEPARATOR)
    ends.append(offsets)
    return _SEPARATOR.join(records)


class JsonRecords:
    """A chronology's JSON records as UTF-8 chunks, each the records joined as in the
    list: a whole export is the chunks written one after the other, and a
    selection is slices of them."""

    def __init__(
        self, ends: list[list[int]], chunks: Callable[[Sequence[int]], list[bytes]]
    ) -> None:
        if not isinstance(ends, list) or not all(isinstance(e, list) for e in ends):
            raise TypeError("not JSON records")
        self._ends = ends
        self._read = chunks
        self._count = sum(len(e) for e in ends)

    def __len__(self) -> int:
        return self._count

    def pieces(self, indices: Sequence[int]) -> Iterator[bytes]:
        """The JSON list of the records at `indices`, in pieces; CorruptEntry from the
        first piece if the stored chunks are damaged."""
        if not indices:
            yield b"[]\n"
            return
        whole = len(indices) == self._count and list(indices) == list(range(self._count))
        if whole:  # the common case: every chunk as it is
            for n in range(len(self._ends)):
                (data,) = self._read([n])
                yield (b"[\n  " if n == 0 else _SEPARATOR) + data
            yield b"\n]\n"
            return
        # A selection is in chronological order or its reverse: each chunk is read
        # when its first record is wanted, and only that one is held (another order
        # would read a chunk again, never wrongly).
        current, data, ends = -1, b"", []
        for n, i in enumerate(indices):
            if i // JSON_CHUNK != current:
                current = i // JSON_CHUNK
                (data,) = self._read([current])
                ends = self._ends[current]
            k = i % JSON_CHUNK
            first = ends[k - 1] + len(_SEPARATOR) if k else 0
            yield (b",\n  " if n else b"[\n  ") + data[first : ends[k]]
        yield b"\n]\n"


class _View(Sequence[Event]):
    def __init__(self, stored: StoredChronology, indices: Sequence[int]) -> None:
        self._stored = stored
        self._indices = indices

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, item: int) -> Event: ...
    @overload
    def __getitem__(self, item: slice) -> Sequence[Event]: ...
    def __getitem__(self, item: int | slice) -> Event | Sequence[Event]:
        if isinstance(item, slice):
            return _View(self._stored, self._indices[item])
        return self._stored.event(self._indices[item])

    def __iter__(self) -> Iterator[Event]:
        event = self._stored.event
        return (event(i) for i in self._indices)


class ChronologyCache:
    """Merged chronologies by the identity of every input file and the options."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def key(self, files: Sequence[str], options: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The inputs' identity now, or None when they must not be cached."""
        now = time.time()
        identities = []
        for path in files:
            try:
                st = os.stat(path)
            except OSError:
                return None
            if path == "-" or now - st.st_mtime < RACY_SECONDS:
                return None
            identities.append((path, st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev))
        try:
            here = os.getcwd()
        except OSError:  # run from a folder since deleted: no cache
            return None
        where = (here, sys.version_info[:2], FORMAT, __version__, options)
        return (where, tuple(identities))

    def slot(self, key: tuple[Any, ...]) -> str:
        """The entry's file: by place, options and paths, not by the files' state, so a
        changed file replaces its old entry."""
        where, identities = key
        paths = tuple(identity[0] for identity in identities)
        digest = hashlib.sha256(repr((where, paths)).encode("utf-8", "surrogateescape"))
        return os.path.join(self.directory, "chronology-" + digest.hexdigest()[:40])

    def get(self, key: tuple[Any, ...]) -> StoredChronology | None:
        """The chronology stored for `key`, or None.  Its head (titles, search text) is
        checked now; events are read when asked for, and a damaged chunk raises
        CorruptEntry then."""
        sections = _Sections(self.slot(key))
        entry = sections.head
        if not isinstance(entry, dict) or entry.get("key") != repr(key):
            return None
        try:
            stored = StoredChronology(self, key, entry, sections.read)
        except (KeyError, TypeError):
            return None
        with contextlib.suppress(OSError):  # used now: the last to be pruned (by atime,
            st = os.stat(sections.path)  # keeping mtime, which identifies the entry)
            os.utime(sections.path, ns=(time.time_ns(), st.st_mtime_ns))
        return stored

    def put(
        self,
        key: tuple[Any, ...],
        events: Sequence[Event],
        titles: Sequence[str],
        paths: Sequence[str],
    ) -> StoredChronology:
        """Store a merged chronology; what a later run will read back."""
        starts, texts, position = [], [], 0
        tags: dict[str, list[int]] = {}
        for n, event in enumerate(events):
            text = f"{event.title.casefold()}{_FIELD_SEP}{(event.description or '').casefold()}"
            starts.append(position)
            texts.append(text)
            position += len(text) + 1
            for tag in {t.casefold() for t in event.tags}:
                tags.setdefault(tag, []).append(n)
        head = {"key": repr(key), "count": len(events), "titles": list(titles),
                "paths": list(paths)}  # fmt: skip
        index: dict[str, Any] = {
            "search": _RECORD_SEP.join(texts),
            "starts": starts,
            "lo": [e.date.lo for e in events],
            "hi": [e.date.hi for e in events],
            "tags": tags,
        }
        writer = _SectionWriter(self.slot(key))
        for first in range(0, len(events), CHUNK):
            writer.add(marshal.dumps([event_row(e) for e in events[first : first + CHUNK]]))
        first_index_blob = len(writer.blobs)
        for name in _INDEX:
            writer.add(marshal.dumps(index[name]))
        writer.finish({**head, "index": first_index_blob})
        entry = {**head, **index}
        self.prune(keep=self.slot(key))
        return StoredChronology(self, key, entry, lambda wanted: self._read(key, wanted))

    def prune(self, keep: str | None = None) -> None:
        """Remove the least recently used chronologies until all of them take at most
        MAX_BYTES (never `keep`), parse-cache entries unused for UNUSED seconds (30 days) (files no
        longer read, and entries of other chrono versions), and temporary files left
        by runs that died.  Removing an entry is always safe: a miss, not an error."""
        try:
            names = os.listdir(self.directory)
        except OSError:
            return
        slots: dict[str, list[float]] = {}  # slot -> [bytes, last used]
        now = time.time()
        for name in names:
            path = os.path.join(self.directory, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            stale = (name.startswith(".chrono-") and now - st.st_mtime > 3600) or (
                name.endswith(".pickle") and now - max(st.st_atime, st.st_mtime) > UNUSED
            )
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            elif name.startswith("chronology-"):
                slot = slots.setdefault(path.removesuffix(".json"), [0, 0.0])
                slot[0] += st.st_size
                slot[1] = max(slot[1], st.st_atime)
        total = sum(size for size, _ in slots.values())
        for path, (size, _) in sorted(slots.items(), key=lambda item: item[1][1]):
            if total <= MAX_BYTES:
                break
            if path != keep:
                for suffix in ("", ".json"):
                    with contextlib.suppress(OSError):
                        os.unlink(path + suffix)
                total -= size

    def _read(self, key: tuple[Any, ...], wanted: Sequence[int]) -> list[bytes]:
        sections = _Sections(self.slot(key))
        if not isinstance(sections.head, dict) or sections.head.get("key") != repr(key):
            raise CorruptEntry(f"cache entry {sections.path} is missing")
        return sections.read(wanted)
