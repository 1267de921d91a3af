"""Hypothesis properties: invariants that must hold for every input, not just examples."""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.cli import cli
from chrono.dates import ChronoDate, days_in_month, parse_date
from chrono.loading import load_text
from chrono.merging import merge_events, sort_events
from chrono.model import Event

ZONES = [None, "Asia/Baku", "America/New_York", "UTC"]


KINDS = ["year", "quarter", "month", "day", "minute", "second", "decade", "bce"]
QUALIFIERS = ["", "", "~", "?", "%"]
OFFSETS = ["", "Z", "+04:00", "-05:30"]
NO_FRACTION = [""]
YEARS = st.integers(-2000, 2500)


@st.composite
def written_points(
    draw: st.DrawFn,
    kinds: list[str] = KINDS,
    qualifiers: list[str] = QUALIFIERS,
    offsets: list[str] = OFFSETS,
    fractions: list[str] = NO_FRACTION,
    years: st.SearchStrategy[int] = YEARS,
) -> str:
    """A single date as an author may write it, in any form of SPEC §2 (or of the
    kinds, qualifiers, offsets, fractions of a second and years given)."""
    year = draw(years)
    ytext = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    kind = draw(st.sampled_from(kinds))
    if kind == "quarter":
        quarter = draw(st.integers(1, 4))
        text = draw(st.sampled_from([f"{ytext}-Q{quarter}", f"{ytext}-{32 + quarter}"]))
    elif kind == "decade" and year >= 1000:
        text = f"{ytext[:3]}X" if draw(st.booleans()) else f"{ytext[:2]}XX"
    elif kind == "bce":
        text = f"{draw(st.integers(1, 3000))} BCE"
    elif kind == "year":
        text = ytext
    else:
        month = draw(st.integers(1, 12))
        text = f"{ytext}-{month:02d}"
        if kind != "month":
            text += f"-{draw(st.integers(1, days_in_month(year, month))):02d}"
        if kind in ("minute", "second"):
            text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
            if kind == "second":
                text += f":{draw(st.integers(0, 59)):02d}" + draw(st.sampled_from(fractions))
            text += draw(st.sampled_from(offsets))
    return text + draw(st.sampled_from(qualifiers))


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    first = draw(written_points())
    if draw(st.integers(0, 4)):
        return first
    second = draw(written_points())
    a, b = sorted([first, second], key=lambda t: parse_date(t).lo)
    if parse_date(b).hi <= parse_date(a).lo:
        return a
    return draw(st.sampled_from([f"{a}/{b}", f"{a}/..", f"../{b}"]))


@given(written_points(), st.sampled_from(ZONES))
def test_display_reads_back_to_the_same_meaning(text: str, zone: str | None) -> None:
    """Display keeps precision and qualifiers: it is never more (or less) precise."""
    date = parse_date(text, zone=zone)
    again = parse_date(date.display(), zone=zone)
    assert again.meaning() == date.meaning()
    assert again.precision == date.precision


@given(written_points(), st.sampled_from(ZONES))
def test_a_single_date_displays_as_its_point(text: str, zone: str | None) -> None:
    """A single date reads as its point does (tables show it, ICS summaries quote it)."""
    date = parse_date(text, zone=zone)
    assert date.start is not None
    assert date.display() == date.start.display()


@st.composite
def dates_alike(draw: st.DrawFn) -> list[tuple[str, str | None]]:
    """Dates of a few forms, each form a kind, qualifier, offset and fraction of a second
    (single, or for each side of an interval), the forms differing in one of these;
    their numbers drawn anew for each date; each with the time zone of its file."""
    choices = [KINDS, QUALIFIERS, OFFSETS, ["", ".5", ".250", ".123456"]]
    # (years of few digits, which read with their era, often the same year)
    years = st.sampled_from([-1000, -43, 0, 1, 9, 10, 99, 100, 999]) | st.integers(1000, 2500)

    def forms() -> list[st.SearchStrategy[str]]:
        base = [draw(st.sampled_from(c)) for c in choices]
        found = [base]
        for _ in range(draw(st.integers(1, 3))):  # others, each unlike it in one way
            which = draw(st.integers(0, len(choices) - 1))
            found.append([*base[:which], draw(st.sampled_from(choices[which])), *base[which + 1 :]])
        return [written_points(*([x] for x in form), years=years) for form in found]

    firsts, lasts = forms(), forms()
    shapes = draw(
        st.lists(st.sampled_from(["single", "a/b", "a/..", "../b"]), min_size=1, max_size=2)
    )
    written: list[tuple[str, str | None]] = []
    for _ in range(draw(st.integers(2, 24))):
        a, b = draw(draw(st.sampled_from(firsts))), draw(draw(st.sampled_from(lasts)))
        shape, zone = draw(st.sampled_from(shapes)), draw(st.sampled_from(ZONES))
        if shape == "single":
            written.append((a, zone))
        elif shape == "a/..":
            written.append((f"{a}/..", zone))
        elif shape == "../b":
            written.append((f"../{b}", zone))
        # (in the zone it is read in: `1000/1000-01-01T00:00` in Baku ends before 1000)
        elif parse_date(a, zone=zone).lo < parse_date(b, zone=zone).hi:
            written.append((f"{a}/{b}", zone))
    return written


@given(dates_alike(), st.booleans())
@settings(max_examples=300)
def test_dates_of_one_shape_display_equally_wide(
    written: list[tuple[str, str | None]], zones: bool
) -> None:
    """`chrono plot` makes its date column as wide as the widest date by displaying one
    date of each shape: dates of one shape must display as equally wide text, in
    Unicode and in ASCII; and (shapes with zones) one date of each shape tells whether
    clock times need their zones as all the dates do."""
    from chrono.dates import zones_differ
    from chrono.formats.cells import width
    from chrono.plot import _ascii

    dates = [parse_date(text, zone=zone) for text, zone in written]
    widths: dict[object, set[tuple[int, int, int]]] = {}
    for date in dates:
        shown = date.display(zones)
        found = widths.setdefault(date.shape(zones), set())
        found.add((len(shown), width(shown), width(_ascii(shown))))
    assert all(len(found) == 1 for found in widths.values()), widths
    one_of_each = {date.shape(zones=True): date for date in dates}.values()
    assert zones_differ(one_of_each) == zones_differ(dates)


@given(written_dates())
def test_a_date_denotes_a_non_empty_span(text: str) -> None:
    date = parse_date(text)
    assert date.lo < date.hi
    first, last = date.iso_bounds()
    assert first is None or last is None or first <= last or first.startswith("-")


@given(written_dates(), st.sampled_from([None, "Asia/Baku", "America/New_York"]))
def test_iso_bounds_are_the_first_and_last_day_of_the_span(text: str, zone: str | None) -> None:
    """The ISO text of a date's bounds (JSON start/end, ICS UIDs) is the days its span
    begins and ends on, however it is computed."""
    from chrono.precision import US_PER_DAY, Precision, civil_from_days

    for point in (p for p in (parse_date(text, zone=zone).start,) if p is not None):
        if point.precision < Precision.MINUTE:
            first = civil_from_days(point.lo // US_PER_DAY)
            last = civil_from_days((point.hi - 1) // US_PER_DAY)
            days = tuple(f"{y:04d}-{m:02d}-{d:02d}" if y >= 0 else f"-{-y:04d}-{m:02d}-{d:02d}"
                         for y, m, d in (first, last))  # fmt: skip
            assert point.iso_bounds() == days


def _events(draw: st.DrawFn) -> list[Event]:
    """Events from a few files, with titles, dates and ids drawn from small pools so
    that exact duplicates (by id, or by date and normalised title) are common."""
    titles = ["Peace signed", "peace  SIGNED.", "NATO visit", "Zürich talks", "Zurich talks"]
    pool = draw(st.lists(written_dates(), min_size=1, max_size=4))
    files = []
    for n in range(draw(st.integers(1, 4))):
        lines = []
        for _ in range(draw(st.integers(0, 5))):
            item = {
                "date": draw(st.sampled_from(pool)),
                "title": draw(st.sampled_from(titles)),
                "tags": draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2)),
                "sources": draw(st.lists(st.sampled_from(["s1", "s2"]), max_size=2)),
            }
            if draw(st.booleans()):
                item["description"] = draw(st.sampled_from(["one", "two"]))
            if draw(st.integers(0, 3)) == 0:
                item["id"] = draw(st.sampled_from(["x", "y"]))
            fields = ", ".join(
                f"{k}: [{', '.join(v)}]" if isinstance(v, list) else f"{k}: '{v}'"
                for k, v in item.items()
            )
            lines.append(f"- {{{fields}}}")
        files.append((f"f{n}.yaml", "\n".join(lines) or "[]"))
    return [e for path, text in files for e in load_text(text, path).events]


def _snapshot(events: tuple[Event, ...]) -> list[tuple[object, ...]]:
    return [
        (e.title, e.date.text, e.tags, e.sources, e.description, e.origins, dict(e.conflicts))
        for e in events
    ]


@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_merge_does_not_depend_on_input_order(data: st.DataObject) -> None:
    events = data.draw(st.composite(_events)())
    shuffled = data.draw(st.permutations(events))
    assert _snapshot(merge_events(events).events) == _snapshot(merge_events(shuffled).events)


@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_merge_is_idempotent_and_loses_no_tag_source_or_origin(data: st.DataObject) -> None:
    events = data.draw(st.composite(_events)())
    merged = merge_events(events).events
    assert _snapshot(merge_events(list(merged)).events) == _snapshot(merged)
    assert {t for e in events for t in e.tags} == {t for e in merged for t in e.tags}
    assert {s for e in events for s in e.sources} == {s for e in merged for s in e.sources}
    assert sorted(o for e in events for o in e.origins) == sorted(
        o for e in merged for o in e.origins
    )


@given(st.lists(written_dates(), min_size=1, max_size=12), st.randoms())
def test_sorting_is_total_and_independent_of_input_order(texts: list[str], rnd: object) -> None:
    text = "\n".join(f"- {{date: '{t}', title: 'T{i % 3}'}}" for i, t in enumerate(texts))
    events = list(load_text(text).events)
    ordered = sort_events(events)
    shuffled = list(events)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert sort_events(shuffled) == ordered
    keys = [e.sort_key() for e in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # total: no two events tie
    dates: list[ChronoDate] = [e.date for e in ordered]
    assert all(a.lo <= b.lo for a, b in itertools.pairwise(dates))


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_loading_any_text_reports_problems_and_never_raises(text: str) -> None:
    loaded = load_text(text, "fuzz.yaml")
    for problem in loaded.problems:
        assert str(problem).startswith("fuzz.yaml:")


@given(st.binary(max_size=120))
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_validate_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(b"- {date: 1994, title: x}\n" + content)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output


# Text as people paste it: markup, URLs (broken ones too), quotes, controls, any Unicode.
_PIECES = st.sampled_from(
    ["http://", "https://www.", "[", "]", "(", "<b>", "*", "|", "#", "1,000", "False", "yes",
     "~", ";", ",", "\\", "\n", "\r\n", "\t", "\x1b[31m", "\u202e", "\u2028", "—", "Zürich",
     "Бакы", "🕊", " ", "'", '"', ": ", "- ", "1994-05-04", "%", "&amp;", "`", "$x$"]
)  # fmt: skip
_TEXT = st.lists(_PIECES | st.text(max_size=6), max_size=8).map("".join)


# Timelines of such text, as YAML: every field an event can have.
_PASTED = st.lists(
    st.fixed_dictionaries(
        {"date": written_dates(), "title": _TEXT.filter(lambda t: t.strip())},
        optional={
            "description": _TEXT,
            "location": _TEXT,
            "id": _TEXT,
            "tags": st.lists(_TEXT, max_size=3),
            "sources": st.lists(_TEXT | _TEXT.map(lambda t: "http://" + t), max_size=3),
        },
    ),
    min_size=1,
    max_size=5,
).map(lambda records: yaml.safe_dump(records, allow_unicode=True))


@given(_PASTED)
@settings(max_examples=150)
def test_every_format_renders_any_events_without_failing(text: str) -> None:
    """Whatever text events hold, every output chrono makes of them is made: no
    exception escapes a renderer (a traceback for the user's data)."""
    from chrono.formats import FORMATS
    from chrono.formats.table import COLUMNS, iter_table

    loaded = load_text(text, "fuzz.yaml")
    events = merge_events(loaded.events).events
    assert len(events) + loaded.invalid >= 1  # every record is an event or reported
    for fmt in FORMATS.values():
        fmt.render(events, fmt.settings(now=0)).text  # noqa: B018 - made, whole
    for style in ("simple", "grid", "github"):
        for width in (None, 40):
            "".join(iter_table(events, list(COLUMNS), style, width))


@given(_PASTED)
@settings(max_examples=25)
def test_every_command_takes_any_events_from_stdin(text: str) -> None:
    """The same through the CLI, warnings and output writing included: exit 0."""
    runs = [["show", "-", "--format", "grid"], ["merge", "-"], ["dupes", "-", "--all"]]
    runs += [["export", "-", "--format", f] for f in ("md", "ics", "json", "csv", "mermaid")]
    for args in runs:
        result = CliRunner().invoke(cli, [*args, "--no-cache"], input=text, env={"COLUMNS": "50"})
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert result.exit_code == 0, (args, result.output)
