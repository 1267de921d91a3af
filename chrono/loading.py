"""Paths, folders and stdin -> Events and Problems (SPEC §1, §6).

Nothing here raises for bad data: every problem becomes a `Problem` at the
position of the YAML node it concerns, and the caller decides what to do.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chrono.dates import (
    ChronoDate,
    DateError,
    clock_cautions,
    load_zone,
    parse_date,
    zone_caution,
)
from chrono.errors import Problem, Severity, invalid_utf8
from chrono.model import (
    EMPTY,
    KNOWN_FIELDS,
    STDIN,
    STDIN_NAME,
    Event,
    Origin,
    floating_clock,
    floating_point,
)
from chrono.precision import Precision
from chrono.yamlnodes import Map, Node, Scalar, Seq, compose_documents

if TYPE_CHECKING:
    from chrono.caches.parse import ParseCache

__all__ = ["STDIN", "Loaded", "expand_paths", "load_files", "load_paths", "load_text"]

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a load produced: the valid events, every problem, and some counts."""

    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    titles: tuple[str, ...] = ()  # timeline titles, one per document that has one
    paths: tuple[str, ...] = ()  # the files read, folders expanded
    invalid: int = 0  # events reported as invalid (not in `events`)
    unread: int = 0  # files that could not be read at all
    unread_documents: int = 0  # YAML documents left out: refused, or a syntax error's

    @property
    def files(self) -> int:
        return len(self.paths)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(slots=True)
class _Sink:
    """Accumulates one file's results."""

    path: str
    day_first: bool | None
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    invalid: int = 0
    unread: int = 0
    unread_documents: int = 0
    errors: int = 0

    def error(self, node: Node, message: str) -> None:
        self.errors += 1
        self.problems.append(Problem(self.path, node.line, node.column, message))

    def warn(self, node: Node | None, message: str) -> None:
        line, column = (node.line, node.column) if node is not None else (1, 1)
        self.problems.append(Problem(self.path, line, column, message, Severity.WARNING))


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """Files to read, in order: a folder means its YAML files, recursively, sorted.

    Hidden files and folders (`.git`, `.cache`) are skipped, as `git` and most
    tools skip them.  A folder without timeline files is a warning.  A file named
    twice (`x.yaml ./x.yaml`, a folder and a file in it) is read once, where first
    named, as `git` reads a path given twice.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = sorted(_walk(path))
            if not found:
                problems.append(
                    Problem(path, 0, 0, "no *.yaml or *.yml files in this folder", Severity.WARNING)
                )
            files.extend(os.path.join(path, rel) for rel in found)
        else:
            files.append(path)
    once: dict[object, str] = {}
    for file in files:
        once.setdefault(_identity(file), file)
    return list(once.values()), problems


def _identity(path: str) -> object:
    """What tells one file from another: its device and inode (a link, `./x`, `a/../x`),
    else its absolute path (a file that does not exist: said when read)."""
    if path == STDIN:
        return STDIN
    try:
        stat = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return (stat.st_dev, stat.st_ino)


def _walk(top: str) -> Iterator[str]:
    for root, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(root, top)
        for name in names:
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield name if rel == "." else os.path.join(rel, name).replace(os.sep, "/")


# Below this many bytes to parse (about 0.15 s of work), starting a worker process
# costs more than it saves; at 1.8 MB (10k events) it saves 15%.
PARALLEL_BYTES = 1_000_000


def load_paths(
    paths: Sequence[str],
    *,
    day_first: bool | None = None,
    cache: ParseCache | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Read every file named (folders expanded; `-` is standard input)."""
    files, problems = expand_paths(paths)
    return load_files(
        files, problems, day_first=day_first, cache=cache, workers=workers, progress=progress
    )


def load_files(
    files: Sequence[str],
    problems: Sequence[Problem] = (),
    *,
    day_first: bool | None = None,
    cache: ParseCache | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Read these files (`-` is standard input), after `problems` found naming them.

    With a `cache`, files read before and unchanged since come from it.  Large
    loads parse files in `workers` processes (default: one per core); the result
    is the same as a serial load, in the same order.  `progress` is called with
    each file's size in bytes as it is done.
    """
    files = list(files)
    sizes = [_size(path) for path in files]
    if workers is None:
        workers = (os.cpu_count() or 1) if sum(sizes) >= PARALLEL_BYTES else 1
    workers = min(workers, len(files))
    with collector_paused():
        if workers > 1 and STDIN not in files:
            results = _load_parallel(files, sizes, day_first, cache, workers, progress)
        else:
            results = []
            for path, size in zip(files, sizes, strict=True):
                results.append(_load_cached(path, day_first, cache))
                if progress is not None:
                    progress(size)
        return _combine(results, list(problems), files)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: loading builds only acyclic data, and
    the collector would re-walk every live object again and again as the heap grows
    (issue #5).  Restores the collector's state on the way out."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != STDIN else 0
    except OSError:
        return 0


def _load_parallel(
    files: list[str],
    sizes: list[int],
    day_first: bool | None,
    cache: ParseCache | None,
    workers: int,
    progress: Callable[[int], None] | None,
) -> list[_Sink]:
    """Parse files in `workers` processes, this one included: worker processes take
    files from the front, this process from the back (its results need no copying
    between processes), until they meet.  Results come back in the files' order."""
    from concurrent.futures import ProcessPoolExecutor

    results: list[_Sink | None] = [None] * len(files)
    reported = 0

    def report(upto: int) -> int:
        """Report the files done from the front, in order, up to the first not done."""
        while upto < len(files) and (results[upto] is not None or futures[upto].done()):
            if progress is not None:
                progress(sizes[upto])
            upto += 1
        return upto

    with ProcessPoolExecutor(max_workers=workers - 1) as pool:
        futures = [pool.submit(_load_cached, path, day_first, cache) for path in files]
        for n in reversed(range(len(files))):
            if not futures[n].cancel():  # a worker has it: the two ends met
                break
            results[n] = _load_cached(files[n], day_first, cache)
            reported = report(reported)
        for n, future in enumerate(futures):
            if results[n] is None:
                results[n] = future.result()
        report(reported)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def _load_cached(path: str, day_first: bool | None, cache: ParseCache | None) -> _Sink:
    with collector_paused():  # also in worker processes, which may not inherit it
        return _load_one(path, day_first, cache)


def _load_one(path: str, day_first: bool | None, cache: ParseCache | None) -> _Sink:
    key = None
    if cache is not None and path != STDIN:
        key, stored = cache.get(path, (day_first,))
        if stored is not None:  # (warnings are stored, and reported on every run)
            sink = _Sink(path, day_first)
            events, titles, warnings = stored
            sink.events, sink.titles, sink.problems = list(events), list(titles), list(warnings)
            return sink
    sink = _load_file(path, day_first)
    if key is not None and cache is not None and not any(p.is_error for p in sink.problems):
        cache.put(key, (tuple(sink.events), tuple(sink.titles), tuple(sink.problems)))
    return sink


def load_text(text: str, path: str = STDIN_NAME, *, day_first: bool | None = None) -> Loaded:
    """Read timeline YAML from a string (tests, and the library API)."""
    sink = _Sink(path, day_first)
    with collector_paused():
        _read_text(text, sink)
    return _combine([sink], [], [path])


def _combine(results: list[_Sink], problems: list[Problem], files: list[str]) -> Loaded:
    events = [e for r in results for e in r.events]
    problems = [*problems, *(p for r in results for p in r.problems)]
    problems += _one_id_two_events(events) + _floating_among_zoned(events)
    return Loaded(
        events=tuple(events),
        problems=tuple(problems),
        titles=tuple(t for r in results for t in r.titles),
        paths=tuple(files),
        invalid=sum(r.invalid for r in results),
        unread=sum(r.unread for r in results),
        unread_documents=sum(r.unread_documents for r in results),
    )


_MINUTE = Precision.MINUTE  # (a global: an enum's member looked up on its class is slow)


def _floating_among_zoned(events: Sequence[Event]) -> list[Problem]:
    """One warning where clock times with no zone or offset (floating, SPEC §2) are read
    beside clock times that have one: a floating time is sorted as if in UTC (SPEC
    §7), which its writer may not have meant (`15:00` in a file without `timezone:`,
    merged with a New York timeline, sorted four hours early).  Said once, at the
    first of them, with how many there are."""
    floating: list[Event] = []
    zoned = False
    for event in events:
        start, end = event.date.start, event.date.end
        for point in (start, end) if event.date.interval else (start,):
            if point is not None and point.precision >= _MINUTE:
                if point.floating:
                    floating.append(event)
                    break
                zoned = True
    if not (zoned and floating):
        return []
    o, more = floating[0].origin, len(floating) - 1
    message = (f"clock time with no time zone or offset ('{floating[0].date.text}') beside "
               "clock times with one: it is sorted as if in UTC; give its timeline a "
               "`timezone:`, or the time an offset")  # fmt: skip
    if more:
        message += f" ({more} more event{'s' if more > 1 else ''} with one)"
    return [Problem(o.path, o.line, o.column, message, Severity.WARNING)]


def _one_id_two_events(events: Iterable[Event]) -> list[Problem]:
    """A warning for each event whose `id` an earlier event has with another date or
    title: events with one id are one event (SPEC §3), so they merge, the differences
    kept as conflicts; said here, so that `validate` says it (SPEC §10)."""
    from chrono.titles import normalize_title

    first: dict[str, Event] = {}
    found = []
    for event in events:
        if event.id is None:
            continue
        seen = first.setdefault(event.id, event)
        differs = [name for name, same in (
            ("date", seen.date.meaning() == event.date.meaning()),
            ("title", normalize_title(seen.title) == normalize_title(event.title)),
        ) if not same]  # fmt: skip
        if seen is not event and differs:
            o = event.origin
            kept = ("the one revised last gives its values, the other's kept as conflicts"
                    if "revised" in event.extra or "revised" in seen.extra
                    else "the other values kept as conflicts")  # fmt: skip
            message = (f"id '{event.id}' is also the id of '{seen.title}' ({seen.date.text}, "
                       f"{seen.origin}), with another {' and '.join(differs)}: one id is one "
                       f"event, so they merge, {kept}")  # fmt: skip
            found.append(Problem(o.path, o.line, o.column, message, Severity.WARNING))
    return found


# Files of the formats `chrono import` reads, which are never timelines: one error that
# says so, not a page of YAML's (`chrono show google.ics`: "mapping values are not
# allowed"). A `.json` is read (JSON is YAML: a timeline may be written in it) unless
# it holds chrono's JSON export or a TimelineJS story.
_IMPORTED = {".ics": "an iCalendar file", ".ical": "an iCalendar file", ".csv": "a CSV file",
             ".mw": "a Markwhen document"}  # fmt: skip


def _import_it(path: str) -> str:
    stem = os.path.splitext(path)[0]
    return f"`chrono import {path} -o {stem}.yaml` turns it into one"


def _load_file(path: str, day_first: bool | None) -> _Sink:
    name = STDIN_NAME if path == STDIN else path
    sink = _Sink(name, day_first)
    suffix = os.path.splitext(path)[1].lower() if path != STDIN else ""
    if suffix in _IMPORTED:
        sink.problems.append(Problem(name, 1, 1, f"{_IMPORTED[suffix]}, not a timeline: "
                                                 f"{_import_it(path)}"))  # fmt: skip
        sink.unread = 1
        return sink
    try:
        data = sys.stdin.buffer.read() if path == STDIN else _read_bytes(path)
    except OSError as exc:
        sink.problems.append(Problem(name, 0, 0, f"cannot read file: {exc.strerror or exc}"))
        sink.unread = 1
        return sink
    text = _decode(data, sink)
    if text is None:  # not UTF-8: none of it is read
        sink.unread = 1
    else:
        kind = _json_kind(text) if suffix == ".json" else None
        if kind is not None:
            sink.problems.append(Problem(name, 1, 1, f"{kind}, not a timeline: {_import_it(path)}"))
            sink.unread = 1
        else:
            _read_text(text, sink)
    return sink


def _json_kind(text: str) -> str | None:
    """What a `.json` file that `chrono import` reads holds, None for any other (a
    timeline written in JSON, or a file in error, which reading it will say)."""
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):  # (nested too deep: reading it says so)
        return None
    slides = found.get("events") if isinstance(found, dict) else None
    if isinstance(slides, list) and any(isinstance(s, dict) and "start_date" in s for s in slides):
        return "a TimelineJS file"
    if isinstance(found, list) and any(isinstance(item, dict) and "precision" in item
                                       and "origins" in item for item in found):  # fmt: skip
        return "chrono's JSON export"
    return None


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _decode(data: bytes, sink: _Sink) -> str | None:
    """Strict UTF-8 (a BOM is allowed); a bad byte is reported where it is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        sink.problems.append(invalid_utf8(sink.path, data, exc))
        return None


# --------------------------------------------------------------------------- documents


def _read_text(text: str, sink: _Sink) -> None:
    documents, problems, sink.unread_documents = compose_documents(text, sink.path)
    sink.problems.extend(problems)
    before = len(sink.events)
    for document in documents:
        if document is not None:
            _read_document(document, sink)
    if before == len(sink.events) and not sink.invalid and not sink.problems:
        sink.warn(None, "file has no events")


def _read_document(root: Node, sink: _Sink) -> None:
    if isinstance(root, Seq):
        _read_events(root, sink, None)
    elif isinstance(root, Map):
        fields = _fields(root, sink)
        _warn_unknown_top(root, fields, sink)
        zone = _zone(fields.get("timezone"), sink)
        title = fields.get("title")
        if isinstance(title, Scalar) and not title.is_null:
            sink.titles.append(_one_line(title.text))
        events = fields.get("events")
        if events is None:
            sink.error(root, "expected an 'events' list, or a list of events")
        elif isinstance(events, Seq):
            # (a timezone chrono does not know: clock times read in it are refused, never
            # read as floating, a meaning the author did not give them)
            refused = fields.get("timezone") if zone is None else None
            if isinstance(refused, Scalar) and (refused.is_null or not refused.text.strip()):
                refused = None  # (an empty timezone is none: clock times float)
            _read_events(events, sink, zone, refused)
        elif not (isinstance(events, Scalar) and events.is_null):
            sink.error(events, "'events' must be a list of events")
    elif isinstance(root, Scalar) and not root.is_null:
        sink.error(root, "expected a list of events or a mapping with 'events'")


def _read_events(seq: Seq, sink: _Sink, zone: str | None, refused: Node | None = None) -> None:
    for item in seq.items:
        event = _read_event(item, sink, zone, refused) if isinstance(item, Map) else None
        if event is None:
            sink.invalid += 1
            if not isinstance(item, Map):
                sink.error(item, "an event must be a mapping with 'date' and 'title'")
        else:
            sink.events.append(event)


def _fields(node: Map, sink: _Sink) -> dict[str, Node]:
    """A mapping's keys and values; YAML merge keys (`<<`) applied, repeats refused."""
    fields: dict[str, Node] = {}
    seen: dict[str, int] = {}
    merged: list[Map] = []
    for key, value in node.pairs:
        if not isinstance(key, Scalar):
            sink.error(key, "a key must be plain text")
            continue
        if key.text == "<<" and key.plain:
            merged.extend(_merge_sources(value, sink))
            continue
        if key.text in seen:
            sink.error(key, f"duplicate key '{key.text}' (first at line {seen[key.text]})")
            continue
        seen[key.text] = key.line
        fields[key.text] = value
    for source in merged:
        for name, value in _fields(source, sink).items():
            fields.setdefault(name, value)
    return fields


def _merge_sources(value: Node, sink: _Sink) -> list[Map]:
    items = value.items if isinstance(value, Seq) else [value]
    maps = [item for item in items if isinstance(item, Map)]
    if len(maps) != len(items):
        sink.error(value, "a merge key '<<' takes a mapping or a list of mappings")
    return maps


# --------------------------------------------------------------------------- events


def _read_event(
    node: Map, sink: _Sink, file_zone: str | None, refused_zone: Node | None = None
) -> Event | None:
    errors_before = sink.errors
    fields = _fields(node, sink)
    zone = _zone(fields.get("timezone"), sink) if "timezone" in fields else file_zone
    title = _title(node, fields.get("title"), sink)
    date = _date(node, fields, sink, zone)
    if refused_zone is not None and "timezone" not in fields and floating_clock(date):
        at_end = date is not None and not floating_point(date.start)  # (the end's clock)
        where = fields.get("date") or fields.get("end" if at_end else "start") or node
        sink.error(where, "a clock time read in the timeline's timezone, which is unknown "
                   f"(line {refused_zone.line}): give an offset or fix the zone")  # fmt: skip
    values = {
        name: _text(fields.get(name), name, sink) for name in ("id", "description", "location")
    }
    tags = _strings(fields.get("tags"), "tags", sink)
    sources = _strings(fields.get("sources"), "sources", sink)
    extra = {k: _plain(v) for k, v in fields.items() if k not in KNOWN_FIELDS} or EMPTY
    if extra:
        _warn_unknown(node, extra, sink)
    conflicts = _conflicts(fields.get("conflicts"), sink)
    if sink.errors > errors_before or title is None or date is None:
        return None
    description = values["description"]
    return Event(
        title=title,
        date=date,
        origins=(Origin(sink.path, node.line, node.column),),
        id=values["id"],
        description=(description.rstrip() or None) if description else None,
        location=values["location"],
        tags=tags,
        sources=sources,
        timezone=zone,
        extra=extra,
        conflicts=conflicts,
    )


# Keys people write for a field chrono knows, and what they mean (SPEC §10).
_LOOKS_LIKE = {
    "tag": "tags", "category": "tags", "categories": "tags", "keywords": "tags",
    "source": "sources", "url": "sources", "urls": "sources", "link": "sources",
    "links": "sources", "ref": "sources", "refs": "sources", "references": "sources",
    "desc": "description", "details": "description", "notes": "description",
    "summary": "description", "body": "description", "text": "description",
    "place": "location", "where": "location", "venue": "location", "city": "location",
    "when": "date", "day": "date", "year": "date", "name": "title", "event": "title",
    "headline": "title", "begin": "start", "from": "start", "until": "end", "to": "end",
    "tz": "timezone", "zone": "timezone",
}  # fmt: skip
# Keys chrono writes itself besides the fields it reads (`chrono import` of a
# recurring, cancelled or revised calendar event or a Markwhen event, of a TimelineJS
# display date that is not a date): no warning.
_WRITTEN_BY_CHRONO = frozenset({"rrule", "status", "revised", "recurrence", "display_date"})


def _warn_unknown(event: Map, extra: Mapping[str, Any], sink: _Sink) -> None:
    """A key chrono does not know is kept, with a warning at the key: `tag: nato`
    would otherwise leave the event out of `--tag nato` without a word (SPEC §10)."""
    for name in extra:
        if name in _WRITTEN_BY_CHRONO:
            continue
        key = next((k for k, _ in event.pairs if isinstance(k, Scalar) and k.text == name), None)
        sink.warn(key or event, f"unknown field '{name}'{_suggestion(name)}; kept as it is")


_TOP_LEVEL = ("title", "timezone", "events")


def _warn_unknown_top(root: Map, fields: Mapping[str, Node], sink: _Sink) -> None:
    """A key chrono does not read at a file's top level is a warning at the key: a typo
    (`Events:`, `timezon:`) would otherwise lose events or their zone without a word."""
    for name in fields:
        if name in _TOP_LEVEL:
            continue
        import difflib

        lowered = name.casefold().strip()
        close = difflib.get_close_matches(lowered, _TOP_LEVEL, n=1, cutoff=0.8)
        meant = f" (did you mean '{close[0]}'?)" if close else ""
        key = next((k for k, _ in root.pairs if isinstance(k, Scalar) and k.text == name), None)
        sink.warn(key or root, f"unknown key '{name}' at the top level{meant}; not read: "
                  "chrono reads 'title', 'timezone' and 'events' there")  # fmt: skip


def _suggestion(name: str) -> str:
    """What an unknown key probably meant, as the warning says it ("" if nothing)."""
    lowered = name.casefold().strip()
    if lowered == "time":
        return " (a time of day goes in the date: date: 2025-08-08T14:30)"
    meant = _LOOKS_LIKE.get(lowered) or (lowered if lowered in KNOWN_FIELDS else None)
    if meant is None:
        import difflib

        close = difflib.get_close_matches(lowered, sorted(KNOWN_FIELDS), n=1, cutoff=0.8)
        meant = close[0] if close else None
    return f" (did you mean '{meant}'?)" if meant is not None else ""


def _one_line(text: str) -> str:
    """A title is one line: line breaks fold to spaces (SPEC §7)."""
    return " ".join(text.split())


def _title(event: Map, node: Node | None, sink: _Sink) -> str | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        sink.error(event, "event has no title")
        return None
    if not isinstance(node, Scalar):
        sink.error(node, "title must be text")
        return None
    title = _one_line(node.text)
    if not title:
        sink.error(node, "title is empty")
        return None
    return title


def _date(event: Map, fields: dict[str, Node], sink: _Sink, zone: str | None) -> ChronoDate | None:
    date, start, end = (fields.get(k) for k in ("date", "start", "end"))
    if date is not None:
        for extra in (start, end):
            if extra is not None:
                sink.error(extra, "give either 'date' or 'start'/'end', not both")
        return _parse(date, sink, zone)
    if start is None:
        if end is not None:
            sink.error(end, "'end' needs a 'start' (or write date: START/END)")
        else:
            sink.error(event, "event has no date")
        return None
    # (`..`, as in `date: 1850/..`, is an open side: one of the two at most)
    open_start, open_end = _dots(start), end is not None and _dots(end)
    if open_start and (end is None or open_end):
        sink.error(start, "'start: ..' needs an 'end' (an interval is open at one side)")
        return None
    first = None if open_start else _parse(start, sink, zone)
    last = _parse(end, sink, zone) if end is not None and not open_end else None
    if (first is None and not open_start) or (end is not None and not open_end and last is None):
        return None
    if (first is not None and first.interval) or (last is not None and last.interval):
        sink.error(start if first is not None and first.interval else end or start,
                   "'start' and 'end' take one date each")  # fmt: skip
        return None
    text = f"{first.text if first is not None else '..'}/{last.text if last is not None else '..'}"
    try:
        return parse_date(text, zone=zone, day_first=sink.day_first)
    except DateError as exc:
        sink.error(end or start, str(exc))
        return None


def _dots(node: Node) -> bool:
    """Whether a `start` or `end` is `..`, an open side (as in `date: 1850/..`)."""
    return isinstance(node, Scalar) and not node.is_null and node.text.strip() == ".."


def _parse(node: Node, sink: _Sink, zone: str | None) -> ChronoDate | None:
    if not isinstance(node, Scalar) or node.is_null:
        sink.error(node, "a date must be written as text, e.g. 1994-05-04")
        return None
    try:
        parsed = parse_date(node.text, zone=zone, day_first=sink.day_first)
    except DateError as exc:
        sink.error(node, str(exc))
        return None
    if zone is not None and parsed.start is not None and parsed.start.zone is not None:
        for caution in clock_cautions(parsed):  # (a night the zone's clocks changed)
            sink.warn(node, caution)
    return parsed


def _zone(node: Node | None, sink: _Sink) -> str | None:
    if node is None or (isinstance(node, Scalar) and (node.is_null or not node.text.strip())):
        return None  # (an empty field is absent)
    if not isinstance(node, Scalar):
        sink.error(node, "timezone must be an IANA name such as Asia/Baku")
        return None
    try:
        load_zone(node.text.strip())
    except DateError as exc:
        sink.error(node, str(exc))
        return None
    if caution := zone_caution(node.text.strip()):
        sink.warn(node, caution)
    return node.text.strip()


def _text(node: Node | None, name: str, sink: _Sink) -> str | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None
    if not isinstance(node, Scalar):
        sink.error(node, f"{name} must be text")
        return None
    if not node.text.strip():  # (an empty field is absent: `id: ""` is no id)
        return None
    return node.text.strip() if name != "description" else node.text


def _strings(node: Node | None, name: str, sink: _Sink) -> tuple[str, ...]:
    """A list of strings; a single string is a list of one (SPEC §1).

    List items keep their text even when YAML 1.1 would read them as null or a
    boolean (`NO`, `null`): the author wrote a tag.
    """
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return ()
    items = node.items if isinstance(node, Seq) else [node]
    values: list[str] = []
    for item in items:
        if not isinstance(item, Scalar):
            sink.error(item, f"{name} must be text or a list of text")
            continue
        text = item.text.strip()
        if text and text not in values:
            # Tags repeat across events: one string each, not one per use.  Sources
            # are mostly unique: interning them would only grow the interned table.
            values.append(sys.intern(text) if name == "tags" else text)
    return tuple(values)


def _conflicts(node: Node | None, sink: _Sink) -> Mapping[str, tuple[Any, ...]]:
    """`conflicts:` as `chrono merge` writes it: field -> other values given (SPEC §7)."""
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return EMPTY
    if not isinstance(node, Map):
        sink.error(node, "conflicts must map a field to the other values it was given")
        return EMPTY
    values = _plain(node)
    return {k: tuple(v) if isinstance(v, list) else (v,) for k, v in values.items()} or EMPTY


def _plain(node: Node) -> Any:
    """An unknown field as plain data: scalars keep their written text."""
    if isinstance(node, Scalar):
        return None if node.is_null else node.text
    if isinstance(node, Seq):
        return [_plain(item) for item in node.items]
    assert isinstance(node, Map)
    return {
        key.text if isinstance(key, Scalar) else str(_plain(key)): _plain(value)
        for key, value in node.pairs
    }
