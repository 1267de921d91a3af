"""Clock times from several zones: when an output mixes zones, each time says its zone.

Two files give the same wall-clock time, 14:30, in Baku and in Washington: eight
hours apart. Shown bare, the two rows look like one moment (issue #11, 13).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from chrono.dates import parse_date, zones_differ

Run = Callable[..., Result]


@pytest.fixture
def two_zones(tmp_path: Path) -> Path:
    (tmp_path / "baku.yaml").write_text(
        "timezone: Asia/Baku\n"
        "events:\n"
        "- {date: 2025-08-08T14:30, title: Watched live in Baku}\n"
        "- {date: 2025-08-08, title: A whole day}\n",
        encoding="utf-8",
    )
    (tmp_path / "dc.yaml").write_text(
        "timezone: America/New_York\n"
        "events:\n"
        "- {date: 2025-08-08T14:30, title: Signed at the White House}\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("cache", ["--no-cache", "--quiet"])  # (the cache is the default)
def test_show_names_each_zone_when_they_differ(
    run: Run, two_zones: Path, cache: str, tmp_path: Path
) -> None:
    env = {"CHRONO_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the second run from the stored chronology
        result = run("show", str(two_zones), cache, env=env)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[2:] == [
            "8 Aug 2025                         A whole day",
            "8 Aug 2025 14:30 Asia/Baku         Watched live in Baku",
            "8 Aug 2025 14:30 America/New_York  Signed at the White House",
        ]


def test_one_zone_needs_no_name(run: Run, two_zones: Path) -> None:
    result = run("show", str(two_zones / "baku.yaml"), "--no-cache")
    assert "8 Aug 2025 14:30  Watched live in Baku" in result.stdout
    # and a filter that leaves one zone shows none
    result = run("show", str(two_zones), "--no-cache", "--grep", "Baku")
    assert "8 Aug 2025 14:30  Watched live in Baku" in result.stdout


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("md", "- **8 Aug 2025 14:30 America/New\\_York** — Signed at the White House"),
        ("mermaid", "        8 Aug 2025 14#58;30 America/New_York : Signed at the White House"),
    ],
)
def test_exports_for_readers_name_the_zones(
    run: Run, two_zones: Path, fmt: str, expected: str
) -> None:
    result = run("export", str(two_zones), "--format", fmt, "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout.splitlines()
    assert "Asia/Baku" in result.stdout


def test_dupes_names_the_zones_of_a_pair(run: Run, tmp_path: Path) -> None:
    """One instant written in two zones: 14:30 in Baku is 11:30 in London."""
    (tmp_path / "a.yaml").write_text(
        "timezone: Asia/Baku\nevents:\n- {date: 2025-08-08T14:30, title: Peace deal signed}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "timezone: Europe/London\nevents:\n- {date: 2025-08-08T11:30, title: Peace deal signed}\n",
        encoding="utf-8",
    )
    result = run("dupes", str(tmp_path), "--no-cache", "--all")
    assert "8 Aug 2025 14:30 Asia/Baku" in result.stdout
    assert "8 Aug 2025 11:30 Europe/London" in result.stdout


@pytest.mark.parametrize(
    ("dates", "differ"),
    [
        ([("2025-08-08T14:30", "Asia/Baku"), ("2025-08-09T09:00", "Asia/Baku")], False),
        ([("2025-08-08T14:30", "Asia/Baku"), ("2025-08-08T14:30", "Europe/Paris")], True),
        ([("2025-08-08T14:30", "Asia/Baku"), ("2025-08-08T14:30", None)], True),  # floating
        ([("2025-08-08T14:30", "Asia/Baku"), ("2025-08-08T10:30+04:00", None)], True),
        ([("2025-08-08T14:30", "Asia/Baku"), ("2025-08-08", "Europe/Paris")], False),  # a day
        ([("2025-08-08/2025-08-09T10:00", "Asia/Baku"), ("2025-08-08T14:30", None)], True),
        ([], False),
    ],
)
def test_when_zones_differ(dates: list[tuple[str, str | None]], differ: bool) -> None:
    assert zones_differ(parse_date(text, zone=zone) for text, zone in dates) is differ


ZONES = st.sampled_from([None, "Asia/Baku", "Europe/Paris", "America/New_York"])
TEXTS = st.sampled_from(["2025-08-08T14:30", "2025-08-08", "2025-08", "2025-08-08T09:15:30"])


@given(st.lists(st.tuples(TEXTS, ZONES), max_size=6))
def test_a_zone_is_shown_exactly_when_the_clock_times_differ_in_zone(
    dates: list[tuple[str, str | None]],
) -> None:
    parsed = [parse_date(text, zone=zone) for text, zone in dates]
    timed = {zone for text, zone in dates if "T" in text}
    shown = zones_differ(parsed)
    assert shown is (len(timed) > 1)
    for date, (text, zone) in zip(parsed, dates, strict=True):
        named = shown and "T" in text and zone is not None
        assert date.display(zones=shown).endswith(f" {zone}") is named
        assert date.display(zones=shown).startswith(date.display())


def test_plot_names_each_zone_when_they_differ(two_zones: Path) -> None:
    from chrono.plot import plot_lines
    from tests.formats.conftest import chronology

    lines = list(plot_lines(chronology(str(two_zones)), 120))
    assert any(line.startswith("8 Aug 2025 14:30 Asia/Baku") for line in lines)
    assert any(line.startswith("8 Aug 2025 14:30 America/New_York") for line in lines)


@pytest.mark.parametrize("dedupe", [[], ["--dedupe", "fuzzy"]])
def test_a_merged_clock_time_keeps_the_zone_it_was_read_in(
    run: Run, tmp_path: Path, dedupe: list[str]
) -> None:
    """The most precise date wins a merge, and its zone goes with it: a clock time read
    in New York stays New York's, though the first origin's timeline is in Paris."""
    (tmp_path / "p.yaml").write_text(
        "timezone: Europe/Paris\nevents:\n- {id: m, date: 2025-08, title: Meeting}\n",
        encoding="utf-8",
    )
    (tmp_path / "q.yaml").write_text(
        "timezone: America/New_York\nevents:\n- {id: m, date: 2025-08-08T10:00, title: Meeting}\n",
        encoding="utf-8",
    )
    inputs = [str(tmp_path / "p.yaml"), str(tmp_path / "q.yaml")]
    direct = run("export", "--format", "json", *dedupe, *inputs)
    assert '"timezone": "America/New_York"' in direct.output
    assert "Europe/Paris" not in direct.output.split('"conflicts"')[0]
    merged = run("merge", *dedupe, "-o", str(tmp_path / "pq.yaml"), *inputs)
    assert merged.exit_code == 0, merged.output
    ics = [run("export", "--format", "ics", *dedupe, *paths).output for paths in
           (inputs, [str(tmp_path / "pq.yaml")])]  # fmt: skip
    assert "DTSTART:20250808T140000Z" in ics[0]
    assert "DTSTART:20250808T140000Z" in ics[1]  # (not 08:00Z, Paris's 10:00)


def test_a_zone_no_clock_time_was_read_in_is_no_conflict(run: Run, tmp_path: Path) -> None:
    """Whole days of a Paris and a New York timeline merged with `conflicts: {timezone:
    [America/New_York]}`, though neither zone changes what a day means (an audit found
    it); a clock time read in another zone than the kept one is still a conflict."""
    for name, zone, date in (("p", "Europe/Paris", "2025-08-08"),
                             ("q", "America/New_York", "2025-08-08"),
                             ("r", "Asia/Baku", "8 Aug 2025")):  # fmt: skip
        (tmp_path / f"{name}.yaml").write_text(
            f"timezone: {zone}\nevents:\n- {{date: {date}, title: Signing}}\n", encoding="utf-8"
        )
    days = [str(tmp_path / f"{name}.yaml") for name in "pqr"]
    merged = run("export", "--format", "json", *days)
    assert merged.exit_code == 0, merged.output
    (record,) = json.loads(merged.stdout)
    assert "conflicts" not in record
    (tmp_path / "t.yaml").write_text(
        "timezone: Asia/Tokyo\nevents:\n- {id: s, date: 2025-08-08T10:00, title: Signing}\n"
        "- {id: s, date: 2025-08-08T10:00, title: Signing, timezone: America/New_York}\n",
        encoding="utf-8",
    )
    clocks = run("export", "--format", "json", str(tmp_path / "t.yaml"))
    (record,) = json.loads(clocks.stdout)
    assert record["conflicts"]["timezone"] == ["America/New_York"]


def test_clock_times_a_zone_skips_or_repeats_are_read_as_rfc_5545_reads_them() -> None:
    """RFC 5545 §3.3.5: a time in a gap takes the offset before it, a repeated time is
    the first; the time is still shown as written."""
    skipped = parse_date("2025-03-09T02:30", zone="America/New_York")
    assert skipped.lo == parse_date("2025-03-09T07:30Z").lo  # 02:30 EST
    assert skipped.display() == "9 Mar 2025 02:30"
    twice = parse_date("2025-11-02T01:30", zone="America/New_York")
    assert twice.lo == parse_date("2025-11-02T05:30Z").lo  # 01:30 EDT, the first


def test_json_start_and_end_of_a_clock_time_in_a_zone_carry_its_offset(
    run: Run, two_zones: Path
) -> None:
    """SPEC §7: `start`/`end` with the offset for instants; a clock time read in a named
    zone is one (it was written bare, so a reader had to work out DST from `timezone`)."""
    records = json.loads(run("export", "--format", "json", str(two_zones)).stdout)
    baku = next(r for r in records if r["title"] == "Watched live in Baku")
    dc = next(r for r in records if r["title"] == "Signed at the White House")
    assert (baku["start"], baku["end"]) == ("2025-08-08T14:30+04:00", "2025-08-08T14:30+04:00")
    assert dc["start"] == "2025-08-08T14:30-04:00"  # (EDT in August)
    floating = parse_date("2025-08-08T14:30")
    assert floating.iso_bounds() == ("2025-08-08T14:30", "2025-08-08T14:30")  # no zone: none


@pytest.mark.parametrize(
    ("zone", "utc", "midnight"),
    [  # local mean time: +05:41:16, and Dublin Mean Time, -00:25:21
        ("Asia/Kathmandu", "1900-01-01T06:18:44Z", "18991231T181844Z"),
        ("Europe/Dublin", "1900-01-01T12:25:21Z", "19000101T002521Z"),
    ],
)
def test_a_zone_offset_of_minutes_and_seconds_keeps_its_seconds(
    run: Run, tmp_path: Path, zone: str, utc: str, midnight: str
) -> None:
    """Before standard time a zone's offset had seconds (the tz database's LMT): the
    instant keeps them, and the ISO text, which has no offset of seconds (RFC 3339),
    says it in UTC rather than 16 or 39 seconds off."""
    placed = parse_date("1900-01-01T12:00", zone=zone)
    assert placed.lo == parse_date(utc).lo
    assert placed.start is not None
    assert placed.start.iso_bounds() == (utc, utc)
    assert placed.display() == "1 Jan 1900 12:00"  # shown as written

    def export(date: str, form: str) -> str:
        path = tmp_path / "old.yaml"
        path.write_text(
            f"timezone: {zone}\nevents:\n- {{date: '{date}', title: Noon}}\n",
            encoding="utf-8",
        )
        return run("export", "--format", form, str(path)).stdout

    assert "DTSTART:" + utc.replace("-", "").replace(":", "") in export(placed.text, "ics")
    (record,) = json.loads(export(placed.text, "json"))
    assert record["start"] == utc
    story = json.loads(export(placed.text, "timelinejs"))
    start = story["events"][0]["start_date"]
    assert [int(start[unit]) for unit in ("hour", "minute", "second")] == [
        int(part) for part in utc[11:19].split(":")
    ]
    # and a day beside a clock time starts at that zone's midnight, to the second
    assert f"DTSTART:{midnight}" in export("1900-01-01/1900-01-02T12:00", "ics")


@pytest.mark.parametrize("cache", ["--no-cache", "--quiet"])
def test_a_from_or_to_clock_time_is_read_in_each_timeline_s_zone(
    run: Run, two_zones: Path, cache: str, tmp_path: Path
) -> None:
    """`--from 2025-08-08T14:00` in a Baku timeline means 14:00 in Baku, as the
    timeline's own clock times do (SPEC §7); it was read in UTC, so 14:30 in Baku
    (10:30 UTC) was left out. With two zones, each event's own."""
    env = {"CHRONO_CACHE_DIR": str(tmp_path / "cache")}

    def titles(*options: str) -> list[str]:
        result = run("show", str(two_zones), cache, "--columns", "title", *options, env=env)
        assert result.exit_code == 0, result.stderr
        return result.stdout.splitlines()[2:]

    clocks = ["Watched live in Baku", "Signed at the White House"]
    assert titles("--from", "2025-08-08T14:00") == ["A whole day", *clocks]  # (the whole
    assert titles("--from", "2025-08-08T14:31") == ["A whole day"]  # day overlaps)
    assert titles("--to", "2025-08-08T14:30") == ["A whole day", *clocks]
    assert titles("--to", "2025-08-08T14:29") == ["A whole day"]
    # an offset says which instant: 14:00 UTC is after 14:30 in Baku, before in Washington
    assert titles("--from", "2025-08-08T14:00Z") == ["A whole day", "Signed at the White House"]


def test_a_window_of_a_clock_time_and_an_instant_is_not_refused(run: Run, two_zones: Path) -> None:
    """`--from 2025-08-08T14:00` (14:00 in each timeline's zone: 10:00 UTC in Baku) to
    `--to 2025-08-08T11:00Z` keeps Baku's 14:30 (10:30 UTC); it was refused as a usage
    error, "--from is after --to", the first read in UTC."""
    result = run(
        "show", str(two_zones / "baku.yaml"), "--no-cache", "--columns", "title",
        "--from", "2025-08-08T14:00", "--to", "2025-08-08T11:00Z",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == ["A whole day", "Watched live in Baku"]


@pytest.mark.parametrize(
    ("zone", "said", "status"),
    [
        ("EST", "warning: time zone 'EST' is UTC-05:00 all year, without summer time", 0),
        ("Etc/GMT+4", "warning: time zone 'Etc/GMT+4' is UTC-04:00 (POSIX's sign, the other", 0),
        ("GMT+4", "unknown time zone 'GMT+4' (a time zone is a place's IANA name", 1),
    ],
)
def test_a_zone_that_is_not_a_place_s_time_is_said(
    run: Run, tmp_path: Path, zone: str, said: str, status: int
) -> None:
    """`timezone: EST` read a summer 14:30 an hour off New York's (IANA's EST has no
    summer time), `Etc/GMT+4` is four hours behind UTC, and `GMT+4` was told "did you
    mean 'GMT+0'?" (a new user's trial). The first two are IANA names that a calendar's
    import keeps (`TZID=EST`), so they warn: a reviewer found them refused there."""
    path = tmp_path / "t.yaml"
    path.write_text(f"timezone: {zone}\nevents:\n- {{date: 2025-08-08T14:30, title: A}}\n")
    result = run("validate", str(path))
    assert result.exit_code == status
    assert f"{path}:1:11: {said}" in result.stderr


def test_a_floating_clock_time_beside_zoned_ones_is_said_once(run: Run, tmp_path: Path) -> None:
    """`15:00` in a file without `timezone:`, read with a New York timeline, was sorted
    as UTC, four hours early, without a word (a new user's trial). Said once, at the
    first, with how many more; floating times alone are as written, and say nothing."""
    bare = tmp_path / "bare.yaml"
    bare.write_text(
        "- {date: 2025-08-08T15:00, title: Bare}\n- {date: 2025-08-08T16:00, title: B}\n"
    )
    ny = tmp_path / "ny.yaml"
    ny.write_text("timezone: America/New_York\nevents:\n- {date: 2025-08-08T14:00, title: NY}\n")
    both = run("show", str(bare), str(ny), "--no-cache")
    assert both.exit_code == 0
    said = (
        f"{bare}:1:3: warning: clock time with no time zone or offset ('2025-08-08T15:00') "
        "beside clock times with one: it is sorted as if in UTC; give its timeline a "
        "`timezone:`, or the time an offset (1 more event with one)"
    )
    assert both.stderr.splitlines() == [said]
    alone = run("show", str(bare), "--no-cache")
    assert (alone.exit_code, alone.stderr) == (0, "")


def test_a_calendar_s_fixed_zones_import_and_read_back(run: Run, tmp_path: Path) -> None:
    """A calendar's `TZID=EST` and `TZID=Etc/GMT-4` were imported as `timezone:` and
    then refused on reading, the events lost under --skip-invalid (a reviewer's)."""
    ics = tmp_path / "c.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        "DTSTAMP:20250101T000000Z\r\nDTSTART;TZID=Etc/GMT-4:20250808T143000\r\n"
        "SUMMARY:Meeting in Baku\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2@x\r\n"
        "DTSTAMP:20250101T000000Z\r\nDTSTART;TZID=EST:20250108T143000\r\n"
        "SUMMARY:Winter call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    out = tmp_path / "c.yaml"
    assert run("import", str(ics), "-o", str(out)).exit_code == 0
    shown = run("export", str(out), "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    starts = {e["title"]: e["start"] for e in json.loads(shown.stdout)}
    assert starts == {
        "Winter call": "2025-01-08T14:30-05:00",
        "Meeting in Baku": "2025-08-08T14:30+04:00",
    }


SKIPPED = (
    "did not happen in Europe/Berlin (its clocks went forward): read as 02:30 +01:00,"
    " which its clocks called 03:30"
)


def test_a_clock_time_the_zone_skipped_or_repeated_is_said() -> None:
    """`2025-03-30T02:30` in Berlin, a time its clocks skipped, and `02:30` on the night
    they went back, which happened twice, were read without a word (a new user's
    trial): each is read as RFC 5545 reads it, with a warning at the date that says
    what it was read as."""
    from chrono.loading import load_text

    text = (
        "timezone: Europe/Berlin\nevents:\n"
        "- {date: 2025-03-30T02:30, title: Skipped}\n"
        "- {date: 2025-10-26T02:30, title: Twice}\n"
        "- {date: 2025-10-26T02:30+01:00, title: Said}\n"
        "- {date: 2025-03-30T03:30, title: After}\n"
        "- {start: 2025-06-01T10:00, end: 2025-10-26T02:15, title: Ends twice}\n"
        "- {date: 2025-03-30T02:30, timezone: Asia/Baku, title: Baku}\n"
    )
    loaded = load_text(text, "t.yaml")
    warned = [str(p) for p in loaded.problems]
    twice = "happened twice in Europe/Berlin (its clocks went back): read as the first, +02:00"
    assert warned == [
        f"t.yaml:3:10: warning: 30 Mar 2025 02:30 {SKIPPED}",
        f"t.yaml:4:10: warning: 26 Oct 2025 02:30 {twice}; write the offset to choose",
        f"t.yaml:7:34: warning: 26 Oct 2025 02:15 {twice}; write the offset to choose",
    ]
    assert len(loaded.events) == 6
