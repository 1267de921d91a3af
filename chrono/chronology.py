"""The core: the user's sources -> one merged chronology -> the events a query keeps.

    from chrono.chronology import Reading, read
    from chrono.querying import Query

    chronology = read(["timelines/"], Reading())
    for event in chronology.select(Query(tags=("nato",))).events:
        print(event.date.display(), event.title)

Commands say what the user asked for; how it is done is decided here: paths are
resolved and expanded once, files come from the parse cache or are parsed (in
parallel when there is enough to parse), and a repeat run of unchanged files takes
the merged chronology from the stored one, building only the events it outputs.
Problems and merge reports come back as data; nothing here prints or exits.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from chrono.caches.sections import CorruptEntry
from chrono.dedupe import DEFAULT_MIN_SCORE, Dedupe
from chrono.errors import DamagedCache, Problem
from chrono.loading import Loaded, expand_paths, load_files
from chrono.model import STDIN
from chrono.progress import Progress
from chrono.querying import EventIndex, Index, Query

if TYPE_CHECKING:
    import numpy as np

    from chrono import caches
    from chrono.caches.stored import ChronologyCache, StoredChronology
    from chrono.formats import Format, Rendered, Settings
    from chrono.merging import MergeGroup
    from chrono.model import Event

__all__ = ["Chronology", "Excerpt", "NoSources", "Reading", "load", "read", "resolve"]

DEFAULT_FOLDER = "timelines"
NO_TIMELINES = (
    "no timelines to read: name files or folders after the command, "
    "set CHRONO_PATH, or run chrono in a folder that has a timelines/ folder"
)
PROGRESS_BYTES = 8_000_000  # about a second of parsing: below it, no progress is shown


class NoSources(Exception):
    """Raised when the sources name nothing to read: no PATHS, no `CHRONO_PATH`, no
    `timelines/` folder, or a `CHRONO_PATH` entry that does not exist (SPEC §7: a
    usage error)."""


class Reading(NamedTuple):
    """How to read and merge the sources: what every reading command shares."""

    day_first: bool | None = None  # `04/05/2025`: None refuses the ambiguous
    dedupe: Dedupe = Dedupe.EXACT
    min_score: float = DEFAULT_MIN_SCORE  # for Dedupe.FUZZY
    cache: bool = True  # use and fill the caches
    report_merges: bool = False  # keep what merged (`-v`, `dupes --all`): merge afresh


def resolve(paths: Sequence[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    """PATHS, else `$CHRONO_PATH`, else `./timelines` (SPEC §4); NoSources if none."""
    if paths:
        return list(paths)
    chosen = [p for p in environ.get("CHRONO_PATH", "").split(os.pathsep) if p]
    if chosen:
        missing = [p for p in chosen if not os.path.exists(p)]
        if missing:
            raise NoSources(f"CHRONO_PATH names a path that does not exist: '{missing[0]}'")
        return chosen
    if os.path.isdir(DEFAULT_FOLDER):
        return [DEFAULT_FOLDER]
    raise NoSources(NO_TIMELINES)


def load(sources: Sequence[str], reading: Reading, progress: Progress | None = None) -> Loaded:
    """Every event and problem of the sources, unmerged (what `validate` checks)."""
    files, problems = expand_paths(resolve(sources))
    return _load(files, problems, reading, progress)


def _load(
    files: list[str], problems: list[Problem], reading: Reading, progress: Progress | None
) -> Loaded:
    from chrono.caches.parse import ParseCache

    cache = ParseCache() if reading.cache else None
    total = sum(_size(path) for path in files)
    if progress is None or total < PROGRESS_BYTES:
        return load_files(files, problems, day_first=reading.day_first, cache=cache)
    with progress(total, "reading") as update:
        return load_files(
            files, problems, day_first=reading.day_first, cache=cache, progress=update
        )


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != STDIN else 0
    except OSError:
        return 0


def read(sources: Sequence[str], reading: Reading, progress: Progress | None = None) -> Chronology:
    """The merged, sorted chronology of the sources (SPEC §3).

    Invalid events are left out and reported in `problems`; what to do about them
    is the caller's choice.  `progress`, if given, is used when reading takes long
    enough to want it.
    """
    files, problems = expand_paths(resolve(sources))
    if not reading.cache or reading.report_merges or problems:
        return _read(files, problems, reading, progress)
    from chrono import caches
    from chrono.caches.stored import ChronologyCache

    fuzzy = reading.dedupe is Dedupe.FUZZY
    score = reading.min_score if fuzzy else None
    signals = _signals() if fuzzy else None
    key = caches.key(files, (reading.day_first, reading.dedupe.value, score, signals))
    if key is None:  # standard input, or a file modified just now
        return _read(files, problems, reading, progress)
    store = ChronologyCache()
    stored = store.get(key)
    if stored is None:
        return _read(files, problems, reading, progress, store, key)
    fresh = functools.partial(_read, files, problems, reading, progress, store, key)
    return Chronology(stored, stored, _shared_title(stored.titles), stored.paths,
                      problems=stored.warnings, refresh=fresh)  # fmt: skip


def _signals() -> str:
    """What near-duplicates are found by here (in the cache's key: a result found by
    words alone is never served where meaning counts, nor the other way round)."""
    from chrono import meaning

    return f"{meaning.MODEL} {meaning.version()}" if meaning.available() else "words"


def _read(
    files: list[str],
    problems: list[Problem],
    reading: Reading,
    progress: Progress | None,
    store: ChronologyCache | None = None,
    key: caches.Key | None = None,
) -> Chronology:
    """Read and merge; store the result under `key` if there was no problem."""
    from chrono.merging import merge_events  # (not needed when the cache answers)

    loaded = _load(files, problems, reading, progress)
    merged = merge_events(loaded.events, reading.dedupe, reading.min_score, progress=progress)
    stored = None
    if store is not None and key is not None and not loaded.has_errors:
        stored = store.put(key, merged.events, loaded.titles, loaded.paths, loaded.problems)
    return Chronology(
        EventIndex(merged.events),
        stored,
        _shared_title(loaded.titles),
        loaded.paths,
        problems=loaded.problems,
        invalid=loaded.invalid,
        unread=loaded.unread,
        unread_documents=loaded.unread_documents,
        merges=merged.groups,
    )


def _shared_title(titles: Iterable[str]) -> str | None:
    unique = set(titles)
    return unique.pop() if len(unique) == 1 else None


class Chronology:
    """A merged, sorted chronology: the events, whatever they were read from, and
    what reading them found.

    `problems` are every problem found (the invalid events are not in the
    chronology; `invalid` counts them, `unread` the files that could not be read at
    all, `unread_documents` the YAML documents left out), `merges` the groups of
    events that merged when the reading asked for them.
    """

    def __init__(
        self,
        index: Index,
        stored: StoredChronology | None,
        title: str | None,
        files: Sequence[str],
        *,
        problems: Sequence[Problem] = (),
        invalid: int = 0,
        unread: int = 0,
        unread_documents: int = 0,
        merges: Sequence[MergeGroup] = (),
        refresh: Callable[[], Chronology] | None = None,
    ) -> None:
        self._index = index
        self._stored = stored
        self._refresh = refresh
        self.title = title
        self.files = tuple(files)
        self.problems = tuple(problems)
        self.invalid = invalid
        self.unread = unread
        self.unread_documents = unread_documents
        self.merges = tuple(merges)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def events(self) -> Sequence[Event]:
        """Every event, in order."""
        return self.select(Query()).events

    def meaning(self, progress: Progress | None = None) -> np.ndarray | None:
        """The events' meaning vectors for near-duplicate search, in order, or None
        where meaning does not count (`similarity.meaning_vectors`); kept beside the
        stored chronology, so that a repeat run does not make them again."""
        from chrono import meaning
        from chrono.similarity import meaning_vectors

        if not meaning.available():  # (nor NumPy, which reads the stored vectors)
            return None

        def make() -> np.ndarray | None:
            return meaning_vectors([e.title for e in self.events], progress)

        return make() if self._stored is None else self._stored.meaning(_signals(), make)

    def select(self, query: Query) -> Excerpt:
        """The events `query` keeps, chosen without building the others."""
        try:
            return Excerpt(self, query)
        except CorruptEntry:  # the stored chronology is damaged: read afresh
            return Excerpt(self._afresh(), query)

    def _afresh(self) -> Chronology:
        """This chronology read from the timelines, after its stored copy was found
        damaged; DamagedCache if they now have errors (they changed since this run
        found them unchanged, and what it has reported would not be all)."""
        assert self._refresh is not None, "only a stored chronology can be damaged"
        fresh = self._refresh()
        if any(p.is_error for p in fresh.problems):
            raise DamagedCache("the timelines changed while chrono read them")
        self._index, self._stored, self._refresh = fresh._index, fresh._stored, None
        return self


class Excerpt:
    """The events a query keeps of a chronology, in the query's order; built when
    first asked for."""

    def __init__(self, chronology: Chronology, query: Query) -> None:
        self._chronology = chronology
        self._query = query
        self.positions, self.filtered = query.run(chronology._index)  # (`filtered`: for -v)
        self._built: Sequence[Event] | None = None

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def events(self) -> Sequence[Event]:
        if self._built is None:
            try:
                self._built = self._chronology._index.events(self.positions)
            except CorruptEntry:  # damaged: read afresh, and ask again
                again = Excerpt(self._chronology._afresh(), self._query)
                self.positions, self.filtered = again.positions, again.filtered
                self._built = again.events
        return self._built

    def render(self, fmt: Format, settings: Settings) -> Rendered:
        """The selection in a format.  A record-wise format's records may come from,
        or go to, the stored chronology; the output is the same either way."""
        from chrono.formats import Rendered

        stored, form = self._chronology._stored, fmt.records
        if stored is None or form is None:
            return fmt.render(self.events, settings)
        pieces = stored.records(fmt.name, form, self.positions, lambda: self.events)
        return Rendered(_guarded(pieces, stored))


def _guarded(pieces: Iterator[bytes], stored: StoredChronology) -> Iterator[bytes]:
    """Stored records as they are read; damaged ones found on the way (after some
    output may be written) remove the entry and end the run with DamagedCache."""
    try:
        yield from pieces
    except CorruptEntry as exc:
        stored.discard()
        raise DamagedCache(f"{exc}: it is removed, run the command again") from None
