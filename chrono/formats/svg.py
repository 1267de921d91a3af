"""`--format svg`: the whole chronology as one standalone SVG picture (SPEC §8).

Laid out by `chrono.pictures`; this writes it: no script, no external reference,
text as text, a `<title>` and `<desc>`, dark colours on a white background of its
own, so that it reads on any page in any theme (the HTML page's picture follows
`prefers-color-scheme` instead). Each label's text is given its laid-out length (`textLength`), so that no font makes
two labels meet or one run out of the picture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from chrono.formats import Format, Option, Rendered, Settings
from chrono.model import Event
from chrono.pictures import (
    APPROXIMATE,
    BAR,
    BAR_KIND,
    FONT,
    LANES,
    LEGEND_ROOM,
    LEGEND_TEXT,
    MARGIN,
    OPEN_END,
    OPEN_START,
    ROW,
    SMALL,
    SPACE,
    TITLE,
    UNCERTAIN,
    Lane,
    Mark,
    Picture,
    lay_out,
    text_width,
)
from chrono.precision import US_PER_DAY, civil_from_days, year_text

__all__ = ["FORMAT", "svg_lines"]

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STYLE = """\
text { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; font-size: 12px; fill: #1f2328; }
.date { font-weight: bold; }
.label { paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.muted { fill: #57606a; font-size: 11px; }
.axis, .leader, .break { stroke: #8c959f; fill: none; }
.leader { stroke-width: 0.6; stroke-opacity: 0.7; }
.crowded .leader { stroke-opacity: 0.2; }
.point, .bar { fill: #0969da; stroke: #0969da; }
.approximate .point, .approximate .bar { fill-opacity: 0.35; stroke-dasharray: 2 2; }
.uncertain .point, .uncertain .bar { fill: none; stroke-width: 1.5; }
.open { stroke: #1f2328; fill: none; stroke-width: 1.5; }"""
# The page's picture follows the reader's dark mode (the page's background does too);
# a standalone picture stays dark on its own white, whatever is around it.
_DARK = """\
@media (prefers-color-scheme: dark) {
  text { fill: #e6edf3; }
  .label { stroke: #0d1117; }
  .muted { fill: #9198a1; }
  .axis, .leader, .break { stroke: #6e7681; }
  .point, .bar { fill: #4493f8; stroke: #4493f8; }
  .open { stroke: #e6edf3; }
  .uncertain .point, .uncertain .bar { fill: none; }
}"""


CROWDED = 40  # more leaders than this longer than this many rows: drawn fainter


def xml(text: str) -> str:
    """Text for an XML element or a double-quoted attribute."""
    # (most text: printable, so none of the characters XML refuses, and no markup; these
    # checks in C take half the time of the pattern's search)
    if text.isprintable() and not ("&" in text or "<" in text or ">" in text or '"' in text):
        return text
    text = _NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _n(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


# An event's classes, by whether its date is approximate and uncertain (`Mark.kind`).
_CLASSES = {
    approximate | uncertain: " ".join(
        ["event", *(["approximate"] if approximate else []), *(["uncertain"] if uncertain else [])]
    )
    for approximate in (0, APPROXIMATE)
    for uncertain in (0, UNCERTAIN)
}
_DATE_KINDS = APPROXIMATE | UNCERTAIN


# Each mark's parts, its numbers written to a tenth of a pixel by `%` (one call for a
# whole part: a quarter quicker than an f-string's field by field; `_n` for each would
# be a quarter of the writing's time).
_BAR = '<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="' + f"{BAR:.1f}" + '" rx="1"/>'
_POINT = '<circle class="point" cx="%.1f" cy="%.1f" r="4"/>'
_OPENED = '<path class="open" d="M%.1f %.1fl-6 5l6 5"/>'  # it began before, no one says when
_CLOSED = '<path class="open" d="M%.1f %.1fl6 5l-6 5"/>'
_HEAD = '<g class="%s" data-index="%d"><title>%s: %s</title>'
_LABEL = (
    '<text class="label" x="%.1f" y="%.1f" textLength="%.1f" lengthAdjust="spacingAndGlyphs">'
    '<tspan class="date">%s</tspan> %s</text></g>'
)
_LINES = '<text class="label" x="%.1f" y="%.1f">'
_FIRST_LINE = (
    '<tspan textLength="%.1f" lengthAdjust="spacingAndGlyphs"><tspan class="date">%s</tspan> '
    "%s</tspan>"
)
_NEXT_LINE = (
    '%s<tspan x="%.1f" dy="' + f"{ROW:.1f}" + '" textLength="%.1f" '
    'lengthAdjust="spacingAndGlyphs">%s</tspan>'
)
# A whole mark of the usual kinds: a point or a bar, without open sides, its label one line.
_POINT_MARK = _HEAD + _POINT + _LABEL
_BAR_MARK = _HEAD + _BAR + _LABEL
_OPEN = OPEN_START | OPEN_END
_LEADER = '<path class="leader" data-index="%d" d="M%.1f %.1fV%.1f"/>'


def _mark(mark: Mark) -> str:
    date, title = xml(mark.date), xml(mark.event.title)
    x0, y, kind = mark.x0, mark.y, mark.kind
    x, baseline, lines = mark.left, mark.top + FONT, mark.lines
    classes = _CLASSES[kind & _DATE_KINDS]
    if len(lines) == 1 and not kind & _OPEN:  # most marks: one template, one `%`
        index, width = mark.index, mark.width
        if kind & BAR_KIND:
            length = mark.x1 - x0
            return _BAR_MARK % (classes, index, date, title, x0, y, length, x, baseline, width,
                                date, title)  # fmt: skip
        return _POINT_MARK % (classes, index, date, title, x0, y, x, baseline, width, date, title)
    parts = [_HEAD % (classes, mark.index, date, title)]
    parts.append(_BAR % (x0, y, mark.x1 - x0) if kind & BAR_KIND else _POINT % (x0, y))
    middle = y + BAR / 2
    if kind & OPEN_START:
        parts.append(_OPENED % (x0 + 6, middle - 5))
    if kind & OPEN_END:
        parts.append(_CLOSED % (mark.x1 - 6, middle - 5))
    if len(lines) == 1:
        parts.append(_LABEL % (x, baseline, mark.width, date, title))
        return "".join(parts)
    # A long title in lines, each given its own length (the first after the date).
    first, first_width, _ = lines[0]
    parts.append(_LINES % (x, baseline))
    parts.append(_FIRST_LINE % (mark.date_width + SPACE + first_width, date, xml(first)))
    for text, width, sep in lines[1:]:
        parts.append(_NEXT_LINE % (sep, x, width, xml(text)))
    parts.append("</text></g>")
    return "".join(parts)


def svg_lines(picture: Picture, description: str, page: bool = False) -> Iterator[str]:
    """The picture as SVG text, a line at a time: a standalone image, or with `page`
    the frame of the HTML page's picture (title, axes, lanes, legend) with an empty
    group `#drawn` where the page's script draws the events in view. The page's
    picture is a group (an image's parts are not for screen readers)."""
    w, h = picture.width, picture.height
    yield (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(w)}" '
        f'height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}" role="{"group" if page else "img"}" '
        f'aria-labelledby="chrono-title chrono-desc">'
    )
    yield f'<title id="chrono-title">{xml(picture.title)}</title>'
    yield f'<desc id="chrono-desc">{xml(description)}</desc>'
    yield f"<style>\n{_STYLE}\n{_DARK}\n</style>" if page else f"<style>\n{_STYLE}\n</style>"
    if not page:
        yield '<rect class="background" width="100%" height="100%" fill="#ffffff"/>'
    if not page:  # (the page has its own heading)
        yield _text(MARGIN, 20, picture.title, "heading", TITLE, bold=True)
    if picture.count:
        yield from _axis_line(picture, picture.axis_y)
        yield from _axis(picture)
    else:
        yield _text(MARGIN, picture.axis_y, "No events.", "muted", SMALL)
    for lane in picture.lanes:
        yield f'<g class="lane" data-lane="{xml(lane.name or "")}">'
        if lane.name is not None:
            yield _text(MARGIN, lane.top + 14, lane.name, "muted lane-name", SMALL, bold=True)
        yield from _axis_line(picture, lane.axis_y)
        if not page:
            yield from _events(lane)
        yield "</g>"
    if page:
        yield '<g id="all-marks" aria-hidden="true"></g><g id="leaders"></g><g id="drawn"></g>'
    yield from _legend(picture)
    yield "</svg>"


def axis_svg(picture: Picture) -> str:
    """The picture's top, its time axis with ticks and breaks, on its own: the HTML page
    keeps it over the picture as it scrolls."""
    w, h = picture.width, picture.lanes[0].top if picture.lanes else picture.axis_y + 16
    parts = [
        (
            f'<svg id="axis" xmlns="http://www.w3.org/2000/svg" width="{_n(w)}" '
            f'height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}" aria-hidden="true" '
            f'style="margin-bottom: -{_n(h)}px">'
        ),
        '<rect class="axis-background" width="100%" height="100%"/>',
        *(_axis_line(picture, picture.axis_y) if picture.count else ()),
        *(_axis(picture) if picture.count else ()),
        "</svg>",
    ]
    return "".join(parts)


def _events(lane: Lane) -> Iterator[str]:
    # leaders first: a label's halo hides those that pass behind it
    # Where leaders cross many rows of labels they are a curtain: fainter there.
    crowded = sum(1 for m in lane.marks if m.top - m.y > CROWDED * ROW) > CROWDED
    yield f'<g class="leaders{" crowded" if crowded else ""}">'
    for mark in lane.marks:
        top = mark.y + (BAR if mark.kind & BAR_KIND else 4)
        yield _LEADER % (mark.index, mark.x0, top, mark.top + 2)
    yield "</g>"
    for mark in lane.marks:
        yield _mark(mark)


def _axis(picture: Picture) -> Iterator[str]:
    """Ticks with their dates above the axis; under it, each break with the time it
    leaves out, and where each segment too short for ticks begins."""
    y, o = picture.axis_y, picture.origin
    yield '<g class="axis-labels">'
    for label in picture.axis_labels:
        if label.kind == "break":
            m = label.mark
            yield f'<path class="break" d="M{_n(m - 5)} {_n(y + 5)}l4 -10M{_n(m + 1)} {_n(y + 5)}l4 -10"/>'
        else:
            yield f'<path class="axis" d="M{_n(label.mark)} {_n(y - 3)}V{_n(y + 3)}"/>'
        yield _small_text(label.x, label.y + SMALL, label.width, label.text, label.kind + "-label")
    last = -1e9
    for tick in picture.ticks:
        x = o + tick.x
        size = text_width(tick.label, SMALL)
        # centred on its tick, but inside the picture
        left = min(max(x - size / 2, 2.0), picture.width - 2 - size)
        if left < last + 8:
            continue
        last = left + size
        yield f'<path class="axis" d="M{_n(x)} {_n(y - 4)}V{_n(y + 2)}"/>'
        yield _small_text(left, y - 8, size, tick.label, "tick-label")
    yield "</g>"


def _small_text(x: float, baseline: float, width: float, text: str, kind: str) -> str:
    return _text(x, baseline, text, f"muted {kind}", SMALL, length=width)


def _text(
    x: float, baseline: float, text: str, classes: str, size: float,
    bold: bool = False, length: float | None = None,
) -> str:  # fmt: skip
    """A line of text given its laid-out length, so that no font changes it."""
    if length is None:
        length = text_width(text, size, bold=bold)
    style = f"font-size: {_n(size)}px" + ("; font-weight: bold" if bold else "")
    return (
        f'<text class="{classes}" x="{_n(x)}" y="{_n(baseline)}" style="{style}" '
        f'textLength="{_n(length)}" lengthAdjust="spacingAndGlyphs">{xml(text)}</text>'
    )


def _axis_line(picture: Picture, y: float) -> Iterator[str]:
    for seg in picture.scale.segments:
        x0, x1 = picture.origin + seg.x0, picture.origin + seg.x1
        yield f'<path class="axis" d="M{_n(x0)} {_n(y)}H{_n(x1)}"/>'


def _legend(picture: Picture) -> Iterator[str]:
    y = picture.height - 18
    x = MARGIN
    yield '<g class="legend">'
    classes = {"approximate": "event approximate", "uncertain": "event uncertain"}
    for kind in picture.legend:
        text = LEGEND_TEXT[kind]
        yield f'<g class="{classes.get(kind, "event")}">'
        if kind in ("bar", "open"):
            yield f'<rect class="bar" x="{_n(x)}" y="{_n(y - 3)}" width="16" height="{_n(BAR)}"/>'
            if kind == "open":
                yield f'<path class="open" d="M{_n(x + 10)} {_n(y - 5)}l6 5l-6 5"/>'
        else:
            yield f'<circle class="point" cx="{_n(x + 4)}" cy="{_n(y)}" r="4"/>'
        x += LEGEND_ROOM[kind] - 18
        size = text_width(text, SMALL)
        yield (
            f'<text class="muted" x="{_n(x)}" y="{_n(y + 4)}" textLength="{_n(size)}" '
            f'lengthAdjust="spacingAndGlyphs">{xml(text)}</text></g>'
        )
        x += size + 18
    yield "</g>"


def describe(picture: Picture) -> str:
    if not picture.count:
        return "No events."
    lo, hi = picture.time
    first = year_text(civil_from_days(lo // US_PER_DAY)[0])
    last = year_text(civil_from_days(max(hi - 1, lo) // US_PER_DAY)[0])  # (a point: hi is lo)
    count = f"{picture.count:,} event{'s' if picture.count != 1 else ''}"
    return f"A chronology of {count}, from {first} to {last}."


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    title = settings.title or "Chronology"
    picture = lay_out(events, title, settings.option("lanes") or "none")
    return Rendered(line + "\n" for line in svg_lines(picture, describe(picture)))


LANES_OPTION = Option(
    "lanes",
    "SVG and HTML: a band of the picture for each first tag, each source file, or none.",
    choices=LANES,
    default="none",
)
FORMAT = Format(
    "svg", (".svg",), "a picture of the whole chronology, to scale, to embed or print", render,
    options=(LANES_OPTION,),
)  # fmt: skip
