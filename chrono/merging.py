"""One chronology from many sources: exact de-duplication and lossless merging (SPEC §3).

Events are grouped by shared keys (same `id`, or same date meaning and same
normalised title) with a union-find, so a group is the same set whatever order
the files came in; each group is then merged in (path, line) order.  Near-duplicate
detection (`--dedupe fuzzy`) will plug in as another source of keys.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from chrono.dates import revised_at
from chrono.dedupe import DEFAULT_MIN_SCORE, Dedupe
from chrono.model import EMPTY, Event, needs_timezone
from chrono.progress import Progress
from chrono.titles import NORMALIZE_CACHE_SIZE, normalize_title

if TYPE_CHECKING:
    import numpy as np

    from chrono.similarity import NearDuplicate

__all__ = [
    "Dedupe",
    "MergeGroup",
    "Merged",
    "NearGroup",
    "merge_events",
    "near_groups",
    "normalize_title",
    "sort_events",
]


@dataclass(frozen=True, slots=True)
class MergeGroup:
    """Several events read as one: what came in and what came out (for `-v`)."""

    merged: Event
    members: tuple[Event, ...]
    near: tuple[NearDuplicate, ...] = ()  # the links of a near-duplicate merge


@dataclass(frozen=True, slots=True)
class Merged:
    events: tuple[Event, ...]  # sorted chronologically
    groups: tuple[MergeGroup, ...]  # only groups of two or more


@dataclass(frozen=True, slots=True)
class NearGroup:
    """Events that near-duplicate links join (what `--dedupe fuzzy` merges)."""

    members: tuple[Event, ...]  # in origin order
    links: tuple[NearDuplicate, ...]  # most similar first

    @property
    def score(self) -> float:
        return max(link.score for link in self.links)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Chronological order, total and stable (SPEC §2, §7)."""
    return sorted(events, key=Event.sort_key)


def merge_events(
    events: Sequence[Event],
    dedupe: Dedupe = Dedupe.EXACT,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    meaning: bool = True,
    progress: Progress | None = None,
) -> Merged:
    """Merge events that are the same (SPEC §3) and sort the result.

    Exact and id duplicates merge first; with `Dedupe.FUZZY` the near-duplicate
    groups of the result merge too (by similar meaning too, with `meaning` and
    wordllama installed), and exact merging runs again after them.
    """
    if dedupe is Dedupe.NONE:
        return Merged(tuple(sort_events(events)), ())
    merging = _Merging(events)
    merging.merge_exact()
    near: dict[int, tuple[NearDuplicate, ...]] = {}
    if dedupe is Dedupe.FUZZY:
        # The exact keys are made again after the search rather than held through it:
        # at 1M events they took 200 MB, which the search needs more.  Their hashes
        # stay, to find again the events that may share one with a merged event.
        merging.forget_keys()
        groups = near_groups(merging.current, min_score, meaning=meaning, progress=progress)
        merged = merging.merge([list(g.members) for g in groups])
        for event, group in zip(merged, groups, strict=True):
            near[id(event)] = group.links
        merging.merge_exact(merged)
    return merging.result(near)


class _Merging:
    """The events as they merge, and which input events each one stands for."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.current = list(events)
        # Input events each merged event stands for (an event absent stands for
        # itself), and each event's keys, made once.  Both are by id(): a merged
        # member's entries are dropped, so that a later event given its id (once it
        # is freed) can never find them.
        self.sources: dict[int, tuple[Event, ...]] = {}
        self.keys: dict[int, tuple[Hashable, ...]] = {}
        # normalize_title's cache helps while the titles fit in it (the ICS writer
        # asks again for each title); beyond, every call would miss and evict.
        fits = len(self.current) <= NORMALIZE_CACHE_SIZE
        self.normalize = normalize_title if fits else normalize_title.__wrapped__
        # Once the keys are forgotten (`forget_keys`), the hash of each current
        # event's first and last key, in the order of `current`.
        self.hashes: tuple[array[int], array[int]] | None = None

    def _keys(self, event: Event) -> tuple[Hashable, ...]:
        found = self.keys.get(id(event))
        if found is None:
            found = self.keys[id(event)] = _exact_keys(event, self.normalize)
        return found

    def _sources(self, event: Event) -> tuple[Event, ...]:
        return self.sources.get(id(event), (event,))

    def forget_keys(self) -> None:
        """Drop the events' keys, keeping only each one's hashes (16 bytes an event,
        where the keys took 200 bytes): a key shared with a merged event is looked
        for among the events whose hash is one of its (`_meeting`)."""
        keys = list(map(self._keys, self.current))
        self.hashes = (array("q", map(hash, map(_FIRST, keys))),
                       array("q", map(hash, map(_LAST, keys))))  # fmt: skip
        self.keys.clear()

    def merge(self, groups: list[list[Event]]) -> list[Event]:
        """Merge each group (events not in a group stay); returns the merged events."""
        grouped = {id(e) for group in groups for e in group}
        merged = []
        for members in groups:
            event = merge_group(sorted(members, key=lambda e: e.origins))
            sources = tuple(o for m in members for o in self._sources(m))
            for member in members:
                self.sources.pop(id(member), None)
                self.keys.pop(id(member), None)
            self.sources[id(event)] = sources
            merged.append(event)
        staying = [id(e) not in grouped for e in self.current]
        self.current = [*itertools.compress(self.current, staying), *merged]
        if self.hashes is not None:
            keys = list(map(self._keys, merged))
            first, last = (
                array("q", itertools.compress(hashes, staying)) for hashes in self.hashes
            )
            first.extend(map(hash, map(_FIRST, keys)))
            last.extend(map(hash, map(_LAST, keys)))
            self.hashes = first, last
        return merged

    def merge_exact(self, changed: Sequence[Event] | None = None) -> None:
        """Merge the events that share a key, until none do.  `changed`: the only
        events that may share a key with another (the events merged since the others
        last shared none); None: any event may."""
        # A merged event can take a more precise date (or an id) from one member
        # and so come to share a key with another event: merge again until nothing
        # changes, so that the result depends only on the set of events.  The events
        # that shared no key before still share none with each other: only groups that
        # hold a merged event can form, so only the events that may meet one are keyed.
        while True:
            events = self.current if changed is None else self._meeting(changed)
            groups = _group(events, self._keys, merged_only=True)
            if not groups:
                return
            changed = self.merge(groups)

    def _meeting(self, changed: Sequence[Event]) -> list[Event]:
        """The events that may share a key (`_exact_keys`) with one of `changed`, these
        included, in order: with the keys' hashes kept (`forget_keys`), those with the
        hash of one of their keys; else those with the same id or the same date (the
        other key is the date and the title).  Making every event's keys again took
        11 s at 1M events, and those of every event on one of their dates 6 s."""
        if self.hashes is not None:
            wanted = {hash(key) for event in changed for key in self._keys(event)}
            first, last = self.hashes
            meets = map(
                operator.or_, map(wanted.__contains__, first), map(wanted.__contains__, last)
            )
            return list(itertools.compress(self.current, meets))
        fresh = {id(e) for e in changed}
        ids = {e.id for e in changed if e.id is not None}
        dates = {e.date.meaning() for e in changed}
        return [e for e in self.current
                if id(e) in fresh or e.id in ids or e.date.meaning() in dates]  # fmt: skip

    def result(self, near: dict[int, tuple[NearDuplicate, ...]]) -> Merged:
        reports = [
            MergeGroup(e, tuple(sorted(self._sources(e), key=lambda m: m.origins)),
                       near.get(id(e), ()))
            for e in self.current
            if len(self._sources(e)) > 1
        ]  # fmt: skip
        reports.sort(key=lambda g: g.merged.sort_key())
        return Merged(tuple(sort_events(self.current)), tuple(reports))


def near_groups(
    events: Sequence[Event],
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    meaning: bool = True,
    vectors: np.ndarray | None = None,
    progress: Progress | None = None,
) -> list[NearGroup]:
    """Groups of near-duplicates, in chronological order of their first member.

    Every two members of a group are near-duplicates of each other (complete
    linkage): links join groups most similar first, and a link that would join
    two groups whose members are not all linked is left out, so a chain of
    look-alikes (A ~ B ~ C, but not A ~ C) never merges unrelated events.  Links
    are taken in an order fixed by score and chronology, so the groups do not
    depend on the order of the inputs.  `vectors`, the events' meaning vectors if
    made already (`Chronology.meaning`), are not made again.
    """
    from chrono.similarity import find_near_duplicates  # (the near-duplicate search only)

    # sorted: best first, then by date; meaning counts when installed (chrono.meaning)
    links = find_near_duplicates(
        events, min_score, meaning=meaning, vectors=vectors, progress=progress
    )
    linked = {(id(link.a), id(link.b)) for link in links}
    linked |= {(b, a) for a, b in linked}
    group_of: dict[int, list[Event]] = {}
    joined: dict[int, list[NearDuplicate]] = {}
    for link in links:
        first = group_of.get(id(link.a), [link.a])
        second = group_of.get(id(link.b), [link.b])
        if first is second:
            joined[id(first)].append(link)
            continue
        if not all((id(x), id(y)) in linked for x in first for y in second):
            continue
        merged = first + second
        joined[id(merged)] = joined.pop(id(first), []) + joined.pop(id(second), []) + [link]
        for event in merged:
            group_of[id(event)] = merged
    groups = [
        NearGroup(
            tuple(sorted(members, key=lambda e: e.origins)),
            tuple(
                sorted(
                    joined[id(members)], key=lambda n: (-n.score, n.a.sort_key(), n.b.sort_key())
                )
            ),
        )
        for members in {id(g): g for g in group_of.values()}.values()
    ]
    groups.sort(key=lambda g: min(e.sort_key() for e in g.members))
    return groups


_FIRST, _LAST = operator.itemgetter(0), operator.itemgetter(-1)


def _exact_keys(
    event: Event, normalize: Callable[[str], str] = normalize_title
) -> tuple[Hashable, ...]:
    same = ("same", event.date.meaning(), normalize(event.title))
    return (("id", event.id), same) if event.id is not None else (same,)


def _group(events: Sequence[Event], keys: Any, *, merged_only: bool = False) -> list[list[Event]]:
    """Connected groups of events sharing any key; each sorted by origin.

    With `merged_only`, only the groups of two or more.
    """
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Hashable, int] = {}
    joined: set[int] = set()
    for index, event in enumerate(events):
        for key in keys(event):
            other = owner.setdefault(key, index)
            if other != index:
                joined.update((other, index))
                a, b = find(other), find(index)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    buckets: dict[int, list[Event]] = {}
    for index in sorted(joined) if merged_only else range(len(events)):
        buckets.setdefault(find(index), []).append(events[index])
    return [sorted(group, key=lambda e: e.origins) for group in buckets.values()]


def merge_group(members: Sequence[Event]) -> Event:
    """One event from several, losing nothing (SPEC §3, §7).

    The first origin gives the title and single values; the most precise date wins,
    with the timeline's `timezone` it was read in; tags and sources are united in
    first-seen order; every other value given differently is kept in `conflicts`.
    Where members are versions of one calendar event (one `id`, each `revised`: its
    LAST-MODIFIED, as `chrono import` keeps it), the one revised last gives the title,
    the date and the single values: it is the event as it is now (a match moved to
    another day).
    """
    latest = _latest(members)
    seen = members  # (tags and sources: first-seen by origin, whoever wins)
    if latest is not None:
        members = [latest, *(e for e in members if e is not latest)]
    first = members[0]
    date_holder = first if latest is not None else max(members, key=lambda e: e.date.precision)
    conflicts: dict[str, list[Any]] = {}
    for event in members:  # members that were merged already bring their conflicts
        for name, values in event.conflicts.items():
            conflicts.setdefault(name, []).extend(values)
    _note(conflicts, "title", first.title, (e.title for e in members))
    meaning = date_holder.date.meaning()
    other_dates = (e.date.text for e in members if e.date.meaning() != meaning)
    _note(conflicts, "date", date_holder.date.text, other_dates)
    singles: dict[str, str | None] = {}
    for name in ("id", "description", "location"):
        given = [getattr(e, name) for e in members if getattr(e, name) is not None]
        singles[name] = given[0] if given else None
        _note(conflicts, name, singles[name], given)
    singles["timezone"] = date_holder.timezone  # the zone its clock time was read in
    # (a zone no clock time was read in changes nothing: a day is a day in any zone)
    _note(conflicts, "timezone", date_holder.timezone,
          (e.timezone for e in members if needs_timezone(e)))  # fmt: skip
    extra: dict[str, Any] = {}
    for event in members:
        for key, value in event.extra.items():
            extra.setdefault(key, value)
            _note(conflicts, key, extra[key], [value])
    kept = {"title": first.title, "date": date_holder.date.text, **singles, **extra}
    differing = {
        name: tuple(v for i, v in enumerate(values) if v != kept.get(name) and v not in values[:i])
        for name, values in conflicts.items()
    }
    return replace(
        first,
        date=date_holder.date,
        origins=tuple(sorted(o for e in members for o in e.origins)),
        tags=_union((e.tags for e in seen), str.casefold),  # (as `--tag` matches them)
        sources=_union(e.sources for e in seen),
        extra=extra or EMPTY,
        conflicts={name: values for name, values in differing.items() if values} or EMPTY,
        id=singles["id"],
        description=singles["description"],
        location=singles["location"],
        timezone=singles["timezone"],
    )


def _latest(members: Sequence[Event]) -> Event | None:
    """Of members that are versions of one calendar event (one `id`, each saying when it
    was `revised`), the one revised last; the first by origin of equals, so that the
    result does not depend on how the group was formed.  None where fewer than two
    members are such versions: `revised` does not decide between other events (a
    fuzzy merge keeps its rules: the most precise date wins)."""
    versions = []
    for event in members:
        at = revised_at(event.extra.get("revised")) if event.id is not None else None
        if at is not None:
            versions.append((at, event))
    if len(versions) < 2 or len({e.id for _, e in versions}) > 1:
        return None
    return min(versions, key=lambda version: (-version[0], version[1].origins))[1]


def field_value(event: Event, name: str) -> Any:
    """The value an event gives for the field `name` of its `conflicts` (the date as
    written, a field of its own, or None)."""
    if name == "date":
        return event.date.text
    if name in ("title", "id", "description", "location", "timezone"):
        return getattr(event, name)
    return event.extra.get(name)


def _note(conflicts: dict[str, list[Any]], name: str, kept: Any, values: Iterable[Any]) -> None:
    """Record the values that differ from the one kept (duplicates are dropped later)."""
    conflicts.setdefault(name, []).extend(v for v in values if v != kept)


def _union(lists: Iterable[tuple[str, ...]], key: Callable[[str], str] = str) -> tuple[str, ...]:
    """The items of `lists` in first-seen order, each once (as `key` tells them apart),
    as first written."""
    found: dict[str, str] = {}
    for items in lists:
        for item in items:
            found.setdefault(key(item), item)
    return tuple(found.values())
