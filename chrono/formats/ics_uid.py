"""The UIDs chrono gives the events it writes in a calendar (SPEC §5): a UUIDv5 of the
event's `id`, else of its date's meaning and its title, with no host or user name in
it.  `chrono import` knows its own by them: a calendar app that keeps UIDs but drops
chrono's `X-CHRONO-*` properties gives back an event whose UID is made from its date
and title, which is no `id` an author gave."""

from __future__ import annotations

import uuid

from chrono.dates import ChronoDate
from chrono.formats._fast_uuid import uuid5_text
from chrono.model import Event
from chrono.titles import normalize_title

__all__ = ["NAMESPACE", "content_uid", "uid"]

# UUIDv5 namespace for chrono's UIDs: a UID is a function of the event alone.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chrono:event")


def uid(event: Event, copy: int = 1) -> str:
    """Stable across runs and input orders: from `id`, else the date's meaning and title.

    Events that merging would make one (`--dedupe none` keeps them apart) would share
    a UID, and a calendar would keep one of them: the second and later `copy` of a
    UID has its number in the name the UID is made from.  The number comes first,
    `copy 2:id:x`, where no event's own name can be (those begin `id:` or `event:`): as
    a suffix, `id:x/copy 2` was also the name of the event whose id is `x/copy 2`.
    """
    key = f"id:{event.id}" if event.id is not None else _content(event.date, event.title)
    if copy > 1:
        key = f"copy {copy}:{key}"
    return uuid5_text(NAMESPACE, key)  # str(uuid.uuid5(NAMESPACE, key)), the fast path


def content_uid(date: ChronoDate, title: str) -> str:
    """The UID of an event with no `id`, this date and this title."""
    return uuid5_text(NAMESPACE, _content(date, title))


def _content(date: ChronoDate, title: str) -> str:
    first, last = date.iso_bounds()
    marks = ("~" if date.approximate else "") + ("?" if date.uncertain else "")
    return f"event:{first}/{last}/{date.precision.label}{marks}/{normalize_title(title)}"
