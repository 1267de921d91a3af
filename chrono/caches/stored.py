"""The stored chronology: a merged chronology kept for repeat queries of unchanged files.

The parse cache saves the YAML parsing of each file, but a repeat run would still
rebuild every event, merge and sort them.  This cache stores the result: the merged,
sorted chronology of a set of inputs, read with given options (`chrono.caches`
says how entries are keyed, named and pruned).

- **Never stale.**  Files modified in the last few seconds, standard input, and
  loads with any problem (even a warning) are never stored, so problems are always
  reported.
- **Fast to query.**  Events are stored as rows of plain values (marshal) in
  chunks.  Beside them is what `Query`'s filters look at (`chrono.querying.Index`):
  each event's date bounds, a tag index, and one casefolded text of every title and
  description, so that a repeat `--grep` finds its events without building the
  others.  The filters are `Query`'s own; this is only a faster index for them.
- **Records of record-wise formats.**  A format written as one text per event
  (JSON) may keep those texts beside the entry, once one export has made them,
  so that a repeat export copies them to the output.
- **Safe to read.**  An entry is a sectioned file (`chrono.caches.sections`); the
  parts of the index are read only when a filter needs them.  A chunk found
  damaged raises CorruptEntry, and the caller reads the timelines afresh.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from chrono import caches
from chrono.caches.sections import CorruptEntry, Sections, SectionWriter
from chrono.dates import ChronoDate, DatePoint
from chrono.errors import Problem, Severity
from chrono.model import EMPTY, Event, Origin
from chrono.precision import Precision
from chrono.querying import matches_text
from chrono.titles import searchable

if TYPE_CHECKING:
    import numpy as np

    from chrono.formats import Records

__all__ = ["ChronologyCache", "CorruptEntry", "StoredChronology", "event_row", "row_event"]

CHUNK = 128  # events per marshalled chunk: --grep decodes only the chunks it needs
RECORDS_CHUNK = 4096  # records per chunk of a format's stored records
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


def _problem_row(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.path, p.line, p.column, p.message, p.severity.value)


def _row_problem(row: Sequence[Any]) -> Problem:
    path, line, column, message, severity = row
    return Problem(path, line, column, message, Severity(severity))


# --------------------------------------------------------------------------- the entry


class StoredChronology:
    """A merged chronology read back from the cache, and the `Index` its filters
    choose from; events are built when asked for."""

    def __init__(
        self,
        cache: ChronologyCache,
        key: caches.Key,
        entry: dict[str, Any],
        chunks: Callable[[Sequence[int]], list[bytes]],
    ) -> None:
        self._cache = cache
        self.key = key
        self.titles: tuple[str, ...] = tuple(entry["titles"])
        self.warnings = tuple(_row_problem(row) for row in entry["warnings"])
        self.paths: tuple[str, ...] = tuple(entry["paths"])
        self._count: int = entry["count"]
        self._read_chunks = chunks
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

    @property
    def slot(self) -> str:
        return self._cache.slot(self.key)

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

    # ------------------------------------------------------------------ the Index

    def __len__(self) -> int:
        return self._count

    def starts(self) -> list[int]:
        lo: list[int] = self._part("lo")
        return lo

    def ends(self) -> list[int]:
        hi: list[int] = self._part("hi")
        return hi

    def tagged(self, tags: Collection[str]) -> set[int]:
        index, found = self._part("tags"), set()
        for tag in tags:
            found.update(index.get(tag, ()))
        return found

    def containing(self, needle: str) -> list[int]:
        """Positions of the events whose title or description contains `needle`,
        found in the stored text (separators cannot be searched for there: the
        events are asked instead)."""
        if _RECORD_SEP in needle or _FIELD_SEP in needle:
            return [i for i, e in enumerate(self.events(range(self._count)))
                    if matches_text(e, needle)]  # fmt: skip
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

    def events(self, positions: Sequence[int]) -> list[Event]:
        """The events at `positions`, built from their chunks a batch at a time."""
        wanted: dict[int, list[int]] = {}
        for i in positions:
            n, k = divmod(i, CHUNK)
            built = self._built.get(n)
            if built is None or built[k] is None:
                wanted.setdefault(n, []).append(k)
        chunks = sorted(wanted)
        for first in range(0, len(chunks), _BATCH):  # a few chunks' rows at a time
            batch = chunks[first : first + _BATCH]
            for n, rows in zip(batch, self._decode(batch), strict=True):
                self._build(n, wanted[n], rows)
        return [self._event(i) for i in positions]

    # ------------------------------------------------------------------ events

    def _event(self, index: int) -> Event:
        n, k = divmod(index, CHUNK)
        event = self._built[n][k]
        assert event is not None
        return event

    def _decode(self, chunks: Sequence[int]) -> list[list[Any]]:
        """The rows of these chunks.  Events are built from them only as asked for
        (a broad --grep touches most chunks but wants few events of each), and the
        rows are not kept, so a query never holds the whole chronology twice."""
        found = []
        for n, data in zip(chunks, self._read_chunks(chunks), strict=True):
            try:
                rows = marshal.loads(data)
            except (EOFError, ValueError, TypeError) as exc:
                raise CorruptEntry(str(exc)) from None
            if not isinstance(rows, list) or len(rows) != min(CHUNK, self._count - n * CHUNK):
                raise CorruptEntry(f"chunk {n} does not fit")
            found.append(rows)
        return found

    def _build(self, n: int, wanted: Iterable[int], rows: list[Any]) -> None:
        built = self._built.setdefault(n, [None] * len(rows))
        for k in wanted:
            if built[k] is None:
                try:
                    built[k] = row_event(rows[k])
                except (ValueError, TypeError, IndexError) as exc:
                    raise CorruptEntry(str(exc)) from None

    # ------------------------------------------------------------------ records

    def records(
        self,
        name: str,
        form: Records,
        positions: Sequence[int],
        events: Callable[[], Iterable[Event]],
    ) -> Iterator[bytes]:
        """The output of the record-wise format `name` for the events at `positions`
        (`events()`, asked for only if needed), in UTF-8 pieces: from its stored
        records if an export stored them; else made from the events, and stored as
        they are made when they are the whole chronology in order.  CorruptEntry
        from the first piece if stored records are found damaged."""
        stored = self._stored_records(name, form)
        if stored is not None:
            return stored.pieces(positions)
        texts = _texts(form, events)
        if list(positions) != list(range(self._count)):
            return (text.encode("utf-8") for text in form.join(texts))
        return self._store_records(name, form, texts)

    def _stored_records(self, name: str, form: Records) -> _StoredRecords | None:
        sections = Sections(f"{self.slot}.{name}")
        head = sections.head
        if not isinstance(head, dict) or head.get("key") != repr(self.key):
            return None
        if head.get("chunk") != RECORDS_CHUNK:  # (slices are found by this size)
            return None
        try:
            found = _StoredRecords(form, head["ends"], sections.read)
        except (KeyError, TypeError):
            return None
        return found if len(found) == self._count else None

    def _store_records(self, name: str, form: Records, texts: Iterable[str]) -> Iterator[bytes]:
        """`form.join(texts)` in UTF-8 pieces, stored chunk by chunk as they are made,
        so that a later export writes them as they are.  Nothing is stored unless
        the output is made to its end."""
        writer = SectionWriter(f"{self.slot}.{name}")
        ends: list[list[int]] = []
        between = form.between.encode("utf-8")
        piece: list[bytes] = []

        def chunk() -> bytes:
            offsets, position = [], 0
            for record in piece:
                position += len(record)
                offsets.append(position)
                position += len(between)
            blob = between.join(piece)
            writer.add(blob)
            ends.append(offsets)
            return (form.first if len(ends) == 1 else form.between).encode("utf-8") + blob

        try:
            for text in texts:
                piece.append(text.encode("utf-8"))
                if len(piece) == RECORDS_CHUNK:
                    yield chunk()
                    piece = []
            if piece:
                yield chunk()
            yield (form.last if ends else form.empty).encode("utf-8")
            writer.finish({"key": repr(self.key), "ends": ends, "chunk": RECORDS_CHUNK})
            self._cache.prune(keep=self.slot)
        finally:
            writer.abandon()  # unless finished

    def meaning(self, signal: str, make: Callable[[], np.ndarray | None]) -> np.ndarray | None:
        """The events' meaning vectors (chrono.meaning), in order: stored beside the
        chronology, or made by `make()` and stored for the next run (None, where
        meaning does not count, is not stored).  `signal` names what makes them
        (model and versions): vectors stored by another are made afresh.  A damaged
        or foreign file is made afresh too."""
        import numpy as np

        sections = Sections(f"{self.slot}.meaning")
        head = sections.head
        if (isinstance(head, dict) and head.get("key") == repr(self.key)
                and head.get("signal") == signal):  # fmt: skip
            try:
                rows, columns = head["shape"]
                (data,) = sections.read([0])
                found = np.frombuffer(data, dtype=np.float32)
                if rows == self._count and found.size == rows * columns:
                    return found.reshape(rows, columns)
            except (CorruptEntry, KeyError, TypeError, ValueError):
                pass
        made = make()
        if made is None:
            return None
        writer = SectionWriter(f"{self.slot}.meaning")
        try:
            writer.add(np.ascontiguousarray(made, dtype=np.float32).tobytes())
            writer.finish({"key": repr(self.key), "signal": signal, "shape": list(made.shape)})
            self._cache.prune(keep=self.slot)
        finally:
            writer.abandon()  # unless finished
        return made

    def discard(self) -> None:
        """Remove this entry and what is stored beside it (found damaged)."""
        folder, name = os.path.split(self.slot)
        with contextlib.suppress(OSError):
            for found in os.listdir(folder):
                if found.split(".", 1)[0] == name:
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, found))


def _texts(form: Records, events: Callable[[], Iterable[Event]]) -> Iterator[str]:
    """Each event's record, the events asked for when the first is wanted."""
    for event in events():
        yield form.record(event)


class _StoredRecords:
    """A format's records as UTF-8 chunks, each the records joined as in the output
    (`Records.between`): a whole output is the chunks written one after the other
    between the framing, and a selection is slices of them."""

    def __init__(
        self, form: Records, ends: list[list[int]], chunks: Callable[[Sequence[int]], list[bytes]]
    ) -> None:
        if not isinstance(ends, list) or not all(isinstance(e, list) for e in ends):
            raise TypeError("not stored records")
        self._form = form
        self._ends = ends
        self._read = chunks
        self._count = sum(len(e) for e in ends)

    def __len__(self) -> int:
        return self._count

    def pieces(self, positions: Sequence[int]) -> Iterator[bytes]:
        form = self._form
        first, between = form.first.encode("utf-8"), form.between.encode("utf-8")
        if not positions:
            yield form.empty.encode("utf-8")
            return
        whole = len(positions) == self._count and list(positions) == list(range(self._count))
        if whole:  # the common case: every chunk as it is
            for n in range(len(self._ends)):
                (data,) = self._read([n])
                yield (first if n == 0 else between) + data
            yield form.last.encode("utf-8")
            return
        # A selection is in chronological order or its reverse: each chunk is read
        # when its first record is wanted, and only that one is held (another order
        # would read a chunk again, never wrongly).
        current, data, ends = -1, b"", []
        for n, i in enumerate(positions):
            if i // RECORDS_CHUNK != current:
                current = i // RECORDS_CHUNK
                (data,) = self._read([current])
                ends = self._ends[current]
            k = i % RECORDS_CHUNK
            start = ends[k - 1] + len(between) if k else 0
            yield (between if n else first) + data[start : ends[k]]
        yield form.last.encode("utf-8")


# --------------------------------------------------------------------------- the cache


class ChronologyCache:
    """Merged chronologies by the identity of every input file and the options."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or caches.default_cache_dir()

    def slot(self, key: caches.Key) -> str:
        return caches.slot("chronology-", self.directory, key)

    def get(self, key: caches.Key) -> StoredChronology | None:
        """The chronology stored for `key`, or None.  Its head (titles, paths) is
        checked now; the rest when asked for, and a damaged chunk raises CorruptEntry
        then."""
        sections = Sections(self.slot(key))
        entry = sections.head
        if not isinstance(entry, dict) or entry.get("key") != repr(key):
            return None
        try:
            stored = StoredChronology(self, key, entry, sections.read)
        except (KeyError, TypeError):
            return None
        caches.touch(sections.path)  # used now: the last to be pruned
        return stored

    def put(
        self,
        key: caches.Key,
        events: Sequence[Event],
        titles: Sequence[str],
        paths: Sequence[str],
        warnings: Sequence[Problem] = (),
    ) -> StoredChronology:
        """Store a merged chronology, and the warnings reading it gave (reported again
        by every run that reads it back); what a later run will read back."""
        starts, texts, position = [], [], 0
        tags: dict[str, list[int]] = {}
        for n, event in enumerate(events):
            text = f"{searchable(event.title)}{_FIELD_SEP}{searchable(event.description or '')}"
            starts.append(position)
            texts.append(text)
            position += len(text) + 1
            for tag in {t.casefold() for t in event.tags}:
                tags.setdefault(tag, []).append(n)
        head = {"key": repr(key), "count": len(events), "titles": list(titles),
                "paths": list(paths), "warnings": [_problem_row(p) for p in warnings]}  # fmt: skip
        index: dict[str, Any] = {
            "search": _RECORD_SEP.join(texts),
            "starts": starts,
            "lo": [e.date.lo for e in events],
            "hi": [e.date.hi for e in events],
            "tags": tags,
        }
        writer = SectionWriter(self.slot(key))
        for first in range(0, len(events), CHUNK):
            writer.add(marshal.dumps([event_row(e) for e in events[first : first + CHUNK]]))
        first_index_blob = len(writer.blobs)
        for name in _INDEX:
            writer.add(marshal.dumps(index[name]))
        writer.finish({**head, "index": first_index_blob})
        self.prune(keep=self.slot(key))
        return StoredChronology(
            self, key, {**head, **index}, lambda wanted: self._read(key, wanted)
        )

    def prune(self, keep: str | None = None) -> None:
        caches.prune(self.directory, keep)

    def _read(self, key: caches.Key, wanted: Sequence[int]) -> list[bytes]:
        sections = Sections(self.slot(key))
        if not isinstance(sections.head, dict) or sections.head.get("key") != repr(key):
            raise CorruptEntry(f"cache entry {sections.path} is missing")
        return sections.read(wanted)
