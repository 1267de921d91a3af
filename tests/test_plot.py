"""`chrono plot`: the chronology as a time axis in the terminal (SPEC §8)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from chrono.formats.cells import width
from chrono.loading import load_text
from chrono.merging import merge_events
from chrono.plot import plot_lines
from tests.conftest import DATA, ROOT
from tests.formats.conftest import chronology
from tests.pictures.test_svg import dense

Run = Callable[..., Result]
SCENARIOS = {
    "shipped": lambda: chronology(str(ROOT / "timelines")),
    "bce": lambda: chronology(str(DATA / "bce_to_today.yaml")),
    "hostile": lambda: chronology(str(DATA / "hostile_text.yaml")),
    "dense": dense,
}


@pytest.mark.parametrize("columns", [40, 80, 132])
@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_event_in_order_and_no_line_too_wide(
    scenario: str, ascii_only: bool, columns: int
) -> None:
    events = SCENARIOS[scenario]()
    lines = list(plot_lines(events, columns, ascii_only=ascii_only))
    assert all(width(line) <= columns for line in lines), max(lines, key=width)
    if ascii_only:
        assert all(line.isascii() for line in lines)
    # one line an event, in order, each starting with the event's date (or its cut)
    # (the axis' dates and the stretches left out are the lines that begin with spaces)
    event_lines = [line for line in lines[1:] if not line.startswith(" ")]
    event_lines = event_lines[: len(events)]
    assert len(event_lines) == len(events)
    for line, event in zip(event_lines, events, strict=True):
        date = event.date.display()
        assert line.startswith(date[:10] if date.isascii() or not ascii_only else "")


def test_the_shipped_plot(run: Run) -> None:
    result = run("plot", env={"COLUMNS": "110"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (lines[0][:4], lines[0][-4:]) == ("1992", "2025")
    ticks = [int(year) for year in lines[1].split()]  # the ticks' dates, under the axis
    assert ticks == sorted(ticks)
    assert 1992 <= ticks[0] <= ticks[-1] <= 2025
    lines = [line for line in lines if not line.startswith(" ")]
    for gap in ("⋮ 6 years", "⋮ 16 years"):
        assert gap in result.stdout
    assert lines[1].startswith("Mar 1992")
    assert "█" in lines[1]  # a month: a bar
    assert lines[2].startswith("4 May 1994")
    assert "●" in lines[2]  # a day: a point
    assert any(line.startswith("~Nov 2025") and "░" in line for line in lines)  # approximate
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_a_plot_to_scale_between_cuts() -> None:
    events = merge_events(
        load_text(
            "- {date: 2020-01-01, title: A}\n- {date: 2020-01-11, title: B}\n"
            "- {date: 2020-01-31, title: C}\n"
        ).events
    ).events
    lines = list(plot_lines(events, 100))
    columns = [next(i for i, c in enumerate(line) if c == "●") for line in lines[2:5]]
    # B is a third of the way from A to C (10 days of 30), to the nearest column
    assert abs((columns[1] - columns[0]) - (columns[2] - columns[0]) / 3) <= 1


def test_an_empty_selection_says_so(run: Run) -> None:
    result = run("plot", "--from", "3000")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "chrono: no events to plot\n"


def _on_a_terminal(env: dict[str, str]) -> bytes:
    """chrono plot's output on a pseudo-terminal (where colour is allowed)."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "chrono", "plot", "--no-pager", str(ROOT / "timelines")],
        stdout=secondary, stderr=subprocess.DEVNULL, cwd=ROOT,
        env={**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT), **env},
    )  # fmt: skip
    os.close(secondary)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(main)
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals: POSIX")
def test_colour_on_a_terminal_never_with_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _on_a_terminal({"TERM": "xterm", **{k: env[k] for k in () if k in env}})
    assert b"\x1b[" in coloured
    plain = _on_a_terminal({"NO_COLOR": "1", "TERM": "xterm"})
    assert b"\x1b[" not in plain
    assert b"Azerbaijan joins" in plain


def test_ascii_when_the_output_cannot_take_more(run: Run) -> None:
    result = run("plot", "--ascii", env={"COLUMNS": "80"})
    assert result.stdout.isascii()
    proc = subprocess.run(
        [sys.executable, "-m", "chrono", "plot", str(ROOT / "timelines")],
        capture_output=True, cwd=ROOT, check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert b": 16 years" in proc.stdout


def test_plot_takes_shows_filters(run: Run, tmp_path: Path) -> None:
    result = run("plot", "--tag", "peace", "--from", "2025", env={"COLUMNS": "100"})
    titles = [line for line in result.stdout.splitlines()[1:] if line.startswith(("2", "8", "A"))]
    assert titles
    assert all("Aug 2025" in line for line in titles)


def test_reversed_the_stretches_left_out_stay_between_their_events(run: Run) -> None:
    lines = run("plot", "--reverse", "--no-pager", env={"COLUMNS": "100"}).stdout.splitlines()
    order = [line.strip().split("  ")[0] for line in lines[2:]]
    gap = order.index("⋮ 16 years")
    assert order[gap - 1].startswith("27 Sep 2020")  # after the Karabakh war, going back
    assert order[gap + 1] == "2004"


def test_no_stretch_is_cut_inside_an_open_interval() -> None:
    events = merge_events(
        load_text(
            "- {date: 1994/.., title: Ongoing}\n- {date: 2025-08-08, title: A}\n"
            "- {date: 2025-08-09, title: B}\n"
        ).events
    ).events
    lines = list(plot_lines(events, 100))
    assert not any("⋮ " in line for line in lines[:-1])  # (the legend names the glyph)


def test_ascii_never_writes_a_question_mark_for_a_character() -> None:
    """And writes other scripts in Latin letters: they were underscores, so that a title
    in Chinese or Arabic read `_____ _______` (a new user's report)."""
    events = merge_events(
        load_text("- {date: 1066, title: Hastings 🏹 東京 Гагарин مرحبا}\n").events
    ).events
    (line,) = [line for line in plot_lines(events, 120, ascii_only=True) if "Hastings" in line]
    assert line.endswith(
        "Hastings :bow_and_arrow: DongJing Gagarin mrhb"
    )  # (alef: none, as anyascii has it)


def test_a_span_s_date_is_whole_where_the_terminal_has_room() -> None:
    """`12 Jun 2025 10:45 – 12 Ju…` on a 200-column terminal: the date column stopped at
    26 columns, and the end of the span was lost (a new user's report)."""
    text = "- {date: 2025-06-12T10:45/2025-06-13T12:30, title: Session A}\n- {date: 2025-06-14, title: B}\n"
    events = merge_events(load_text(text).events).events
    wide = [line for line in plot_lines(events, 200) if "Session A" in line]
    assert wide[0].startswith("12 Jun 2025 10:45 – 13 Jun 2025 12:30  ")
    narrow = [line for line in plot_lines(events, 60) if "Session" in line]
    assert narrow[0].startswith("12 Jun 2025 10:45 – 13 Ju…")  # (cut where it must be)
    # (a span of one day says its day once, and then fits: a new user's trial)
    one_day = "- {date: 2025-06-12T10:45/2025-06-12T12:30, title: Session C}\n"
    events = merge_events(load_text(one_day).events).events
    narrow = [line for line in plot_lines(events, 60) if "Session" in line]
    assert narrow[0].startswith("12 Jun 2025 10:45 – 12:30  ")


def test_colours_say_which_tag_and_leave_the_cuts_plain() -> None:
    from chrono.plot import plot_lines
    from tests.formats.conftest import chronology

    lines = list(plot_lines(chronology(str(ROOT / "timelines")), 100, colour=True))
    assert not any(re.search("\x1b\\[3\\dm[^\x1b]*⋮", line) for line in lines)  # cuts plain
    assert "\x1b[34m█\x1b[0m nato" in lines[-1] + lines[-2]  # the key: first tags' colours
    nato = next(line for line in lines if "NATO's Partnership" in line)
    assert "\x1b[34m●\x1b[0m" in nato
    key = [line for line in lines if "\x1b[" in line and "Azerbaijan" not in line]
    assert all(len(re.sub("\x1b\\[[0-9;]*m", "", line)) <= 100 for line in key)


def test_the_colour_key_fits_and_is_ascii_when_asked() -> None:
    from chrono.loading import load_text
    from chrono.merging import merge_events
    from chrono.plot import plot_lines

    text = "- {date: 1994, title: A, tags: [défense-et-sécurité-très-longue-étiquette-de-test]}\n"
    events = merge_events(load_text(text).events).events
    lines = list(plot_lines(events, 30, ascii_only=True, colour=True))
    plain = [re.sub("\x1b\\[[0-9;]*m", "", line) for line in lines]
    assert all(len(line) <= 30 for line in plain), plain
    assert all(line.isascii() for line in plain), plain
    assert plain[-1].startswith("# defense-et-securite")


def test_the_legend_names_the_marks_the_plot_draws() -> None:
    """It named every kind of mark, those the plot did not draw too (a new user's
    report)."""
    days = "- {date: 1994-05-04, title: A}\n- {date: 1995-06-01, title: B}\n"
    assert list(plot_lines(merge_events(load_text(days).events).events, 80))[-1] == (
        "● a day or an instant"
    )
    vague = "- {date: ~1994-05-04, title: A}\n- {date: 1995-06-01?, title: B}\n- {date: 1996/1997, title: C}\n"
    legend = list(plot_lines(merge_events(load_text(vague).events).events, 100))[-1]
    assert legend == "● a day or an instant  █ a span  ○░ approximate  ? uncertain"


def test_an_axis_of_hours_is_ticked_in_the_events_zone_or_in_utc() -> None:
    """Six events of one day had no tick between them. Ticks are round hours, read in
    the events' zone (`12:00` New York time under the 12:00 event), or in UTC, said,
    where the events' zones differ."""
    times = ("09:00", "11:30", "13:00", "16:15", "17:40", "19:00")
    text = "timezone: America/New_York\nevents:\n" + "".join(
        f"- {{date: 2025-08-08T{t}, title: Event at {t}}}\n" for t in times
    )
    lines = list(plot_lines(merge_events(load_text(text).events).events, 100))
    axis, labels = lines[0], lines[1]
    assert re.findall(r"\d\d:\d\d", labels) == ["12:00", "18:00"]
    column = {t: next(line for line in lines if f"Event at {t}" in line).index("●") for t in times}
    assert column["11:30"] < labels.index("12:00") < column["13:00"]
    assert column["17:40"] < labels.index("18:00") < column["19:00"]
    assert axis[labels.index("12:00")] == axis[labels.index("18:00")] == "┼"
    other = text + "- {date: '2025-08-08T20:00+04:00', title: In Baku}\n"
    labels = list(plot_lines(merge_events(load_text(other).events).events, 100))[1]
    assert re.findall(r"\d\d:\d\d UTC", labels)
    assert re.findall(r"\d\d:\d\d(?! UTC)", labels) == []


def test_days_and_midnights_meet_on_an_axis_read_in_the_events_zone() -> None:
    """In a Baku timeline, 7 Aug 00:00 sat on a tick labelled `6 Aug 2025`, and a whole
    day (8 Aug) was drawn from midnight UTC, four hours after 8 Aug 00:00 (a new user's
    trial): days are ticked, and drawn, from their midnight in the events' zone."""
    text = "timezone: Asia/Baku\nevents:\n" + "".join(
        f"- {{date: '{d}', title: {t}}}\n"
        for d, t in [
            ("2025-08-07T00:00", "Seventh"),
            ("2025-08-08T00:00", "Midnight"),
            ("2025-08-08", "Whole day"),
            ("2025-08-09T00:00", "Ninth"),
            ("2025-08-10T12:00", "Tenth"),
        ]
    )
    lines = list(plot_lines(merge_events(load_text(text).events).events, 80))
    labels = lines[1]
    column = {t: next(line for line in lines if line.endswith(t)).index("●") for t in
              ("Seventh", "Midnight", "Whole day", "Ninth")}  # fmt: skip
    assert labels.index("8 Aug 2025") == column["Midnight"]  # (ticks every two days)
    assert column["Whole day"] == column["Midnight"]
    assert "6 Aug" not in labels


def test_a_year_is_read_where_its_days_are_placed() -> None:
    """In a Tokyo timeline, 1 Jan 2020, placed from Tokyo's midnight (15:00 UTC the day
    before), had its stretch of the axis labelled 2019 (a reviewer's)."""
    from chrono.formats import FORMATS

    text = ("timezone: Asia/Tokyo\nevents:\n- {date: 2020-01-01, title: New year}\n"
            "- {date: 2024-05-01T10:00, title: Meeting}\n- {date: 2024-06-01, title: June}\n")  # fmt: skip
    events = merge_events(load_text(text).events).events
    assert next(iter(plot_lines(events, 80))).startswith("2020 ")
    svg = FORMATS["svg"].render(events, FORMATS["svg"].settings(now=0)).text
    assert re.findall(r'segment-label"[^>]*>([^<]*)<', svg) == ["2020"]


def test_a_short_axis_says_its_days_at_its_ends() -> None:
    """A summit's two days were drawn between `2025` and `2025`, and the ticks said only
    `12:00 UTC` (a new user's trial): an axis of under two months gives the days at its
    ends, one of under two years its months."""
    summit = (
        "- {date: '2025-08-08T10:30-04:00', title: Leaders arrive}\n"
        "- {date: '2025-08-08T14:30+04:00/2025-08-08T16:00', title: Baku briefing}\n"
        "- {date: 2025-08-09, title: Reactions}\n"
    )
    axis = next(iter(plot_lines(merge_events(load_text(summit).events).events, 100)))
    assert (axis[: len("8 Aug 2025 ")], axis[-len("  9 Aug 2025") :]) == (
        "8 Aug 2025 ",
        "  9 Aug 2025",
    )
    months = "- {date: 2025-03-02, title: A}\n- {date: 2025-11-20, title: B}\n"
    axis = next(iter(plot_lines(merge_events(load_text(months).events).events, 100)))
    assert (axis[: len("Mar 2025 ")], axis[-len("  Nov 2025") :]) == ("Mar 2025 ", "  Nov 2025")
    years = "- {date: 2019, title: A}\n- {date: 2025-11-20, title: B}\n"
    axis = next(iter(plot_lines(merge_events(load_text(years).events).events, 100)))
    assert (axis[: len("2019 ")], axis[-len("  2025") :]) == ("2019 ", "  2025")


def test_a_plot_ending_on_new_years_day_ends_in_its_year() -> None:
    """The axis of a plot whose last event is 1 Jan 2025 ended `2024`: a day is a point
    at its midnight, and the axis read the instant before it."""
    text = "- {date: 2019-05-01, title: A}\n- {date: 2025-01-01, title: B}\n"
    axis = next(iter(plot_lines(merge_events(load_text(text).events).events, 80)))
    assert (axis[: len("2019 ")], axis[-len("  2025") :]) == ("2019 ", "  2025")


def test_an_event_next_to_a_cut_is_never_drawn_on_it() -> None:
    """`Nov 1826`, the first event after 1,867 years left out, was drawn on the cut's
    column, as if in the time left out, and the README's `2004` span covered its cut
    (a novelist's trial): a time just after a cut is drawn after it, just before it
    before it, and every event's line keeps the cut."""
    text = (
        "- {date: 50 BC/42 BC, title: Exile}\n- {date: 15 Mar 44 BCE, title: Ides}\n"
        "- {date: 1826-11, title: Henri born}\n- {date: 1828-04-12, title: Elise born}\n"
        "- {date: 1848/1849, title: Cholera}\n- {date: 1860?, title: Letters}\n"
        "- {date: 1920, title: End}\n"
    )
    events = merge_events(load_text(text).events).events
    for columns in (80, 110, 140):
        lines = list(plot_lines(events, columns))
        axis = lines[0]
        cuts = [i for i, ch in enumerate(axis) if ch == "⋮"]
        assert cuts
        for line in lines[2 : 2 + len(events) + 1]:
            if "years" not in line:  # (the line that says what was left out)
                assert all(line[i] == "⋮" for i in cuts), (columns, line)
