"""Events as plain data, shared by the JSON, YAML and CSV formats (SPEC §7)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from chrono.model import Event, needs_timezone

__all__ = [
    "OWN_JSON_KEYS", "as_url", "left_out", "needs_timezone", "plain_record", "timeline_record",
]  # fmt: skip

# A web address's schemes, in lower case (every format asks `as_url` of every source)
_SCHEMES = ("http", "https", "ftp")
_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
# What quote() leaves as it is: ASCII letters and digits, `_.-~`, and _SAFE.
_URI_CHARACTERS = re.compile(f"[A-Za-z0-9{re.escape(_SAFE + '_.-~')}]*")
_URI_BYTES = bytes(c for c in range(128) if _URI_CHARACTERS.fullmatch(chr(c)))


def as_url(source: str) -> str | None:
    """A source that is a web address, as a valid URI (spaces and the like
    percent-encoded); None for a citation such as "Archive box 7".

    >>> as_url("https://example.org/a path?q=(1)"), as_url("Archive box 7")
    ('https://example.org/a%20path?q=(1)', None)
    """
    source = source.strip()
    # http, https or ftp in any case, `://`, then neither a space nor a slash (string
    # methods in C: a third of a pattern's cost)
    scheme, colon_slashes, rest = source.partition("://")
    if not (colon_slashes and rest and scheme.isascii() and scheme.lower() in _SCHEMES):
        return None
    if rest[0].isspace() or rest[0] == "/":
        return None
    # Most addresses: nothing to encode (`_URI_CHARACTERS.fullmatch`, in C without a
    # pattern: the bytes left when those characters are taken out).
    data = source.encode()
    if source.isascii() and not data.translate(None, _URI_BYTES):
        return source
    after = len(scheme) + 3
    authority = _AUTHORITY.match(source, after)[0]  # type: ignore[index]
    if not authority.isascii():  # a host such as `bücher.de`: as clients resolve it
        source = source[:after] + _idna(authority) + source[after + len(authority) :]
    return "".join(map(_PERCENT.__getitem__, source.encode()))


_AUTHORITY = re.compile(r"[^/?#]*")  # (after `scheme://`: user, host and port)
# Letters IDNA 2003 (Python's codec) maps to others where IDNA 2008 and browsers keep
# them (`straße.de` is not `strasse.de`): such a host stays percent-encoded.
_DEVIATIONS = frozenset("ß\u03c2\u200c\u200d")


def _idna(authority: str) -> str:
    """The authority with its host in IDNA (`xn--bcher-kva.de`), or as it is where the
    codec cannot write it (it is then percent-encoded, as before)."""
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.rpartition(":")
    if not colon or not port.isdigit():
        host, colon, port = hostport, "", ""
    if _DEVIATIONS.intersection(host):
        return authority
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:  # (an empty or overlong label, a character IDNA refuses)
        return authority
    return f"{userinfo}{at}{host}{colon}{port}"


# `urllib.parse.quote(source, safe=_SAFE)` byte by byte, as a table: each byte as itself
# when it is one of _URI_BYTES, else as %XX (a tenth of quote's time).
_PERCENT = tuple(chr(b) if b in _URI_BYTES else f"%{b:02X}" for b in range(256))


def timeline_record(event: Event) -> dict[str, Any]:
    """The event as a timeline file writes it: what chrono reads back to the same event."""
    record: dict[str, Any] = {"date": event.date.text, "title": event.title}
    for name in ("id", "description", "location"):
        value = getattr(event, name)
        if value is not None:
            record[name] = value
    if event.tags:
        record["tags"] = list(event.tags)
    if event.sources:
        record["sources"] = list(event.sources)
    if needs_timezone(event):
        record["timezone"] = event.timezone
    record.update(event.extra)
    if event.conflicts:
        record["conflicts"] = {name: list(values) for name, values in event.conflicts.items()}
    return record


# Keys of a JSON record besides the event's own fields: a field of an event named as
# one of these (or as one of its own: `timezone`) is written in the record's `other`.
OWN_JSON_KEYS = frozenset(
    {"start", "end", "precision", "approximate", "uncertain", "origins", "conflicts", "other"}
)


def plain_record(event: Event) -> dict[str, Any]:
    """The event for other tools: written date plus what it means, and its origins."""
    date = event.date
    start, end = date.iso_bounds()
    record: dict[str, Any] = {
        "title": event.title,
        "date": date.text,
        "start": start,
        "end": end,
        "precision": date.precision.label,
        "approximate": date.approximate,
        "uncertain": date.uncertain,
        "id": event.id,
        "description": event.description,
        "location": event.location,
        "tags": list(event.tags),
        "sources": list(event.sources),
    }
    if needs_timezone(event):
        record["timezone"] = event.timezone
    other: dict[str, Any] = {}
    for key, value in event.extra.items():  # (a field named as one of chrono's: `other`)
        if key in record or key in OWN_JSON_KEYS:
            other[key] = value
        else:
            record[key] = value
    if other:
        record["other"] = other
    record["origins"] = [{"path": o.path, "line": o.line} for o in event.origins]
    if event.conflicts:
        record["conflicts"] = {name: list(values) for name, values in event.conflicts.items()}
    return record


def left_out(events: Sequence[Event], format_name: str, kept: frozenset[str]) -> list[str]:
    """The warning, if any, that a format with no place for fields other than `kept`
    gives once: which of them its events have, and how many events have each (a
    field left out without a word is data lost without a word: SPEC §6)."""
    counts: dict[str, int] = {}
    for event in events:
        if event.extra:  # (most events have none: one shared empty mapping)
            for name in event.extra:
                if name not in kept:
                    counts[name] = counts.get(name, 0) + 1
    if not counts:
        return []
    named = ", ".join(f"{name!r}" + (f" ({n} events)" if n > 1 else "")
                      for name, n in sorted(counts.items()))  # fmt: skip
    return [f"{format_name} has no place for {named}: left out (JSON and YAML keep them)"]
