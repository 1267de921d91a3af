"""`chrono plot`: the chronology as a time axis in the terminal (SPEC §8).

One line an event, in the chronology's order: its date, a track where time runs
left to right to scale (`chrono.timescale`: long empty stretches cut out, each cut
drawn `⋮` on the track and told on a line of its own, `⋮ 16 years`), and its
title. A day or an instant is a point, a longer span a bar of its length, an
open interval a bar to the track's end with an arrow; approximate dates are
hollow or shaded, uncertain ones end in `?`. Every line fits the width given;
titles are cut (`…`) to fit, counted in terminal columns.

Colour (by an event's first tag) only when asked; an ASCII form for terminals that
cannot show the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from chrono.formats.cells import ljust
from chrono.formats.cells import width as shown_width
from chrono.model import Event
from chrono.pictures import axis_zone, bounds, held, in_zone
from chrono.timescale import Scale, Tick, end_text, fit

__all__ = ["Glyphs", "plot_lines"]


class Glyphs(NamedTuple):
    point: str
    approximate_point: str
    bar: str
    approximate_bar: str
    track: str
    cut: str
    tick: str
    open_left: str
    open_right: str
    ellipsis: str
    gap: str


UNICODE = Glyphs("●", "○", "█", "░", "─", "⋮", "┼", "◀", "▶", "…", "⋮")
ASCII = Glyphs("*", "o", "#", "=", "-", ":", "+", "<", ">", "...", ":")
# Colours for the first tags, in order of first appearance (ANSI 8 colours, bright
# enough on dark and light terminals).
_COLOURS = ("34", "32", "35", "36", "33", "31", "94", "92", "95", "96")


def plot_lines(
    events: Sequence[Event], columns: int, *, ascii_only: bool = False, colour: bool = False
) -> Iterator[str]:
    """The plot, a line at a time (without line ends), none wider than `columns`."""
    glyphs = ASCII if ascii_only else UNICODE
    if not events:
        return
    text = _ascii if ascii_only else str
    # One pass over the events (each touched once: a large chronology's events are far
    # apart in memory): each one's place in time, and one date of each shape. Dates of
    # one shape display equally wide and have the same clock times' zones, so the date
    # column's width, and whether times need their zones (as show: `14:30 Asia/Baku`),
    # come from these few; a line displays its own date when it is written.
    spans, shapes = [], {}
    for event in events:
        spans.append(bounds(event))
        shapes[event.date.shape(zones=True)] = event.date
    zones, zone = axis_zone(list(shapes.values()))
    if zone is not None:  # (days from their midnight there, as the axis reads them)
        spans = in_zone(events, spans, zone)
    widest = max(shown_width(text(date.display(zones))) for date in shapes.values())
    # (a date is cut only where the terminal is narrow: its end is the span's)
    date_width = min(widest, max(40 if zones else 26, columns - 34))
    track = max(10, min(60, (columns - date_width - 4) // 2))
    known = held(spans)
    scale = fit(known, track - 1.0, gap=1.0, point=1.0)
    # each cut's column, and where its break begins (a time after it is drawn after it)
    cuts = {round(x0 + 0.5): x0 for x0, _, _ in scale.breaks()}
    # (the last instant drawn: a span's end is the first instant after it, a point's is
    # itself, so a plot ending on 1 Jan 2025 does not end in 2024)
    last = max(hi - (hi > lo) for lo, hi in known)
    yield from _axis(scale.ticks(spacing=12.0, zone=zone, utc=zones), zone, scale, track,
                     date_width, cuts, glyphs, columns, last)  # fmt: skip
    tags: dict[str, str] = {}
    breaks = list(scale.breaks())
    first = next((lo for lo, _, open_start, *_ in spans if not open_start), None)
    # the segment of the last event's start (the last one's with --reverse)
    segment = 0 if first is None else scale.segments.index(scale.segment(first))
    room = columns - date_width - track - 4  # for the title
    for event, (lo, hi, open_start, open_end, bar) in zip(events, spans, strict=True):
        here = scale.segments.index(scale.segment(lo))
        if not open_start and here != segment:  # stretches of time left out
            passed = breaks[min(here, segment) : max(here, segment)]
            for _, _, left_out in passed if here > segment else reversed(passed):  # (--reverse)
                yield _fit(" " * (date_width + 2) + f"{glyphs.gap} {left_out}", columns, glyphs)
            segment = here
        cells = _track(scale, track, cuts, glyphs, lo, hi, open_start, open_end, bar, event)
        title = _cut(text(event.title), room, glyphs) if room > 0 else ""
        date = text(event.date.display(zones))
        shown = ljust(_cut(date, date_width, glyphs), date_width)
        line = f"{shown}  {cells}  {title}".rstrip()
        if shown_width(line) > columns:  # a terminal too narrow for date and track
            yield _fit(line, columns, glyphs)
        elif colour and event.tags:
            code = tags.setdefault(event.tags[0], _COLOURS[len(tags) % len(_COLOURS)])
            yield f"{shown}  {_paint(cells, code, glyphs)}  {title}".rstrip()
        else:
            yield line
    # The key to the marks this plot draws (a legend of marks it does not have is noise).
    drawn = [
        (any(not bar for *_, bar in spans), f"{glyphs.point} a day or an instant"),
        (any(bar for *_, bar in spans), f"{glyphs.bar} a span"),
        (any(e.date.approximate for e in events),
         f"{glyphs.approximate_point}{glyphs.approximate_bar} approximate"),
        (any(e.date.uncertain for e in events), "? uncertain"),
        (bool(cuts), f"{glyphs.cut} time left out"),
    ]  # fmt: skip
    yield from _lines([key for shown_here, key in drawn if shown_here], columns, glyphs)
    if tags:  # which colour is which first tag (a name cut to fit the width)
        names = {tag: _cut(text(tag), max(columns - 2, 1), glyphs) for tag in tags}
        keys = [(f"\x1b[{code}m{glyphs.bar}\x1b[0m {names[tag]}", 2 + shown_width(names[tag]))
                for tag, code in tags.items()]  # fmt: skip
        yield from _lines([key for key, _ in keys], columns, glyphs, [w for _, w in keys])


def _lines(
    items: list[str], columns: int, glyphs: Glyphs, widths: list[int] | None = None
) -> Iterator[str]:
    """Items two spaces apart, on as many lines as the width needs (`widths`: the items'
    widths when they hold colour codes, which take none)."""
    sizes = widths or [shown_width(item) for item in items]
    line, used = "", 0
    for item, size in zip(items, sizes, strict=True):
        if line and used + 2 + size > columns:
            yield line if widths else _fit(line, columns, glyphs)
            line, used = "", 0
        line, used = (f"{line}  {item}", used + 2 + size) if line else (item, size)
    yield line if widths else _fit(line, columns, glyphs)


def _paint(cells: str, code: str, glyphs: Glyphs) -> str:
    """The track in a tag's colour: its marks, not the cuts or the space between."""
    marks = f"[^ {re.escape(glyphs.cut)}]+"
    return re.sub(marks, lambda m: f"\x1b[{code}m{m[0]}\x1b[0m", cells)


def _column(scale: Scale, t: int, track: int, cuts: dict[int, float] | None = None) -> int:
    """The column of time `t`: never a cut's (`cuts`), which a time just before or after
    the time left out would otherwise take, and be read as inside it."""
    x = scale.position(t)
    column = min(max(int(x + 0.5), 0), track - 1)
    if cuts and column in cuts:
        column = min(column + 1, track - 1) if x > cuts[column] + 0.5 else max(column - 1, 0)
    return column


def _last_column(scale: Scale, hi: int, first: int, track: int, cuts: dict[int, float]) -> int:
    """A span's last column: the one before its end's (`hi` is the first instant after
    it, which begins the next span's column), never a cut's."""
    last = max(_column(scale, hi, track) - 1, first)
    while last in cuts and last > first:  # (a span's end is before its cut)
        last -= 1
    return last


def _track(
    scale: Scale, track: int, cuts: dict[int, float], glyphs: Glyphs,
    lo: int, hi: int, open_start: bool, open_end: bool, bar: bool, event: Event,
) -> str:  # fmt: skip
    cells = [glyphs.cut if i in cuts else " " for i in range(track)]
    approximate = event.date.approximate
    first = 0 if open_start else _column(scale, lo, track, cuts)
    if bar:
        last = track - 1 if open_end else _last_column(scale, hi, first, track, cuts)
        fill = glyphs.approximate_bar if approximate else glyphs.bar
        for i in range(first, last + 1):
            cells[i] = fill
        if open_start:
            cells[first] = glyphs.open_left
        if open_end:
            cells[last] = glyphs.open_right
        end = last
    else:
        cells[first] = glyphs.approximate_point if approximate else glyphs.point
        end = first
    if event.date.uncertain and end + 1 < track and end + 1 not in cuts:
        cells[end + 1] = "?"
    return "".join(cells)


def _axis(
    ticks: list[Tick],
    zone: dt.tzinfo | None,
    scale: Scale,
    track: int,
    date_width: int,
    cuts: dict[int, float],
    glyphs: Glyphs,
    columns: int,
    last: int,
) -> Iterator[str]:
    """The track's axis with its cuts and ticks, its first and `last` dates at its
    ends, and under it the ticks' dates where they fit."""
    cells = [glyphs.cut if i in cuts else glyphs.track for i in range(track)]
    labels = [" "] * (track + 8)
    free = 0
    for tick in ticks:
        at = _column(scale, tick.t, track)
        if cells[at] != glyphs.track:
            continue
        cells[at] = glyphs.tick
        label = _ascii(tick.label) if glyphs is ASCII else tick.label
        if at >= free and at + len(label) <= len(labels):
            labels[at : at + len(label)] = label
            free = at + len(label) + 2
    first = scale.segments[0].lo
    start, end = end_text(first, last - first, zone), end_text(last, last - first, zone)
    yield _fit(f"{ljust(start, date_width)}  {''.join(cells)}  {end}", columns, glyphs)
    if free:
        yield _fit(" " * (date_width + 2) + "".join(labels), columns, glyphs)


_PUNCTUATION = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
                              "…": "...", "·": "."})  # fmt: skip


def _ascii(text: str) -> str:
    """Text in ASCII: accents dropped (`Léopold` → `Leopold`), typographic punctuation
    made plain, other scripts in Latin letters (`Гагарин` → `Gagarin`, as near-duplicates
    read them); never a `?` for a character (`?` means uncertain)."""
    if text.isascii():
        return text
    import unicodedata

    from anyascii import anyascii

    plain = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    kept = "".join(c for c in plain if not unicodedata.combining(c))
    # (a letter anyascii leaves out on purpose, as Arabic's alef, is left out)
    return "".join(c if c.isascii() else anyascii(c) for c in kept)


def _cut(text: str, size: int, glyphs: Glyphs) -> str:
    """`text` cut to `size` terminal columns, ending in an ellipsis when cut."""
    if shown_width(text) <= size:
        return text
    room = size - shown_width(glyphs.ellipsis)
    kept = ""
    for char in text:
        if shown_width(kept + char) > room:
            break
        kept += char
    return kept + glyphs.ellipsis


def _fit(line: str, columns: int, glyphs: Glyphs) -> str:
    return _cut(line.rstrip(), columns, glyphs)
