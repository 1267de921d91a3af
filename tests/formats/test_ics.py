"""ICS: RFC 5545 that two independent parsers read back to the right values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
import vobject
import yaml
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from chrono.formats import FORMATS
from chrono.formats.ics import escape_text, fold
from chrono.formats.ics_uid import uid
from chrono.loading import load_text
from chrono.model import Event

Run = Callable[..., Result]
Write = Callable[[str, str], str]


def render(
    events: tuple[Event, ...] | list[Event], **options: object
) -> tuple[str, tuple[str, ...]]:
    rendered = FORMATS["ics"].render(events, FORMATS["ics"].settings(now=1_764_460_800, **options))
    return rendered.text, rendered.warnings


def vevents(text: str) -> list[icalendar.Event]:
    (calendar,) = icalendar.Calendar.from_ical(text, multiple=True)
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    ("written", "start"),
    [
        pytest.param("2025-08-08T14:30/2025-08-08T16:00Z", dt.datetime(2025, 8, 8, 14, 30),
                     id="floating-then-utc"),
        pytest.param("2025-08-08T14:30Z/2025-08-08T16:00",
                     dt.datetime(2025, 8, 8, 14, 30, tzinfo=dt.timezone.utc), id="utc-then-floating"),
    ],
)  # fmt: skip
def test_a_floating_end_and_an_instant_make_a_start_and_a_duration(
    written: str, start: dt.datetime
) -> None:
    """DTSTART floating and DTEND in UTC (or the other way): RFC 5545 §3.8.2.2 allows
    a floating DTEND if and only if DTSTART is, so calendars may misread it (an audit
    found it). The start as written, and the length chrono reckons (a floating time
    as if in UTC, SPEC §7). Written as one interval, the offset of one end is now the
    other's too (chrono.dates): such a date is made here of its two ends, as a reader
    of another format could make it."""
    import dataclasses

    from chrono.dates import ChronoDate, parse_date

    (read,) = load_text(f"- {{date: '{written}', title: T}}\n").events
    first, last = (parse_date(end).start for end in written.split("/"))
    (event,) = vevents(render([read])[0])
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(hours=1, minutes=30)
    mixed = dataclasses.replace(read, date=ChronoDate(written, first, last, interval=True))
    text, _ = render([mixed])
    (event,) = vevents(text)
    assert "DTEND" not in event
    assert event["DTSTART"].dt == start
    assert event["DURATION"].dt == dt.timedelta(hours=1, minutes=30)
    assert vobject.readOne(text).vevent.duration.value == dt.timedelta(hours=1, minutes=30)


def test_structure_and_line_endings(shipped: tuple[Event, ...]) -> None:
    text, _ = render(shipped, title="Azerbaijan and NATO")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert text.count("BEGIN:VEVENT") == len(shipped)
    assert "METHOD:PUBLISH\r\n" in text
    assert "X-WR-CALNAME:Azerbaijan and NATO\r\nNAME:" not in text  # NAME first, as written
    assert "NAME:Azerbaijan and NATO\r\n" in text
    assert "X-WR-CALNAME:Azerbaijan and NATO\r\n" in text


def test_icalendar_reads_the_values(shipped: tuple[Event, ...]) -> None:
    text, warnings = render(shipped)
    assert warnings == ()
    parsed = {str(v["UID"]): v for v in vevents(text)}
    assert len(parsed) == len(shipped)
    pfp = parsed[uid(next(e for e in shipped if e.id == "pfp-1994"))]
    assert pfp["DTSTART"].dt == dt.date(1994, 5, 4)
    assert pfp["DTEND"].dt == dt.date(1994, 5, 5)  # all-day, exclusive end
    assert str(pfp["SUMMARY"]) == "Azerbaijan joins NATO's Partnership for Peace"
    assert str(pfp["LOCATION"]) == "Brussels"
    assert [str(c) for c in pfp["CATEGORIES"].cats] == ["nato", "pfp", "caucasus"]
    assert str(pfp["URL"]) == "http://www.mfa.gov.az/en/content/560"
    assert str(pfp["DESCRIPTION"]).startswith(
        "President Heydar Aliyev signs the Partnership for Peace Framework Document.\n\nSources:\n"
        "http://www.mfa.gov.az/en/content/560\n"
    )
    war = next(v for v in parsed.values() if str(v["SUMMARY"]) == "Second Karabakh War")
    assert (war["DTSTART"].dt, war["DTEND"].dt) == (dt.date(2020, 9, 27), dt.date(2020, 11, 11))
    month = next(v for v in parsed.values() if "Trump brokers" in str(v["SUMMARY"]))
    assert str(month["SUMMARY"]) == "Aug 2025: Trump brokers Armenia–Azerbaijan peace deal"
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (dt.date(2025, 8, 1), dt.date(2025, 8, 2))
    meeting = next(v for v in parsed.values() if "Trilateral" in str(v["SUMMARY"]))
    assert meeting["DTSTART"].dt == dt.datetime(2025, 8, 8, 20, 15, tzinfo=dt.timezone.utc)
    assert str(meeting["X-CHRONO-DATE"]) == "2025-08-08T16:15-04:00"


def test_vobject_reads_the_values(shipped: tuple[Event, ...]) -> None:
    text, _ = render(shipped)
    (calendar,) = list(vobject.readComponents(text))
    events = calendar.contents["vevent"]
    assert len(events) == len(shipped)
    by_uid = {e.uid.value: e for e in events}
    for event in shipped:
        parsed = by_uid[uid(event)]
        assert parsed.summary.value.endswith(event.title)
        if event.location:
            assert parsed.location.value == event.location
        if event.tags:
            assert parsed.categories.value == list(event.tags)


def test_hostile_text_cannot_inject_properties(hostile: tuple[Event, ...]) -> None:
    text, _warnings = render(hostile)
    parsed = vevents(text)
    written = [e for e in hostile if e.date.precision.label not in ("decade",) and not e.date.bce]
    lines = text.split("\r\n")
    assert len(parsed) == len(written) == lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    injected = next(v for v in parsed if str(v["SUMMARY"]).startswith("Injection"))
    assert str(injected["SUMMARY"]) == "Injection END:VEVENT BEGIN:VEVENT SUMMARY:pwned"
    assert str(injected["DESCRIPTION"]) == "END:VCALENDAR\nBEGIN:VCALENDAR"
    first = next(v for v in parsed if str(v["SUMMARY"]).startswith("# Not a heading"))
    assert str(first["LOCATION"]) == "Brussels; NATO HQ, Boulevard Léopold III"
    assert [str(c) for c in first["CATEGORIES"].cats] == ["a,b", "semi;colon", "back\\slash"]
    assert str(first["URL"]) == "https://example.org/a%20path?q=1&r=(2)"
    (vcal,) = list(vobject.readComponents(text))
    assert len(vcal.contents["vevent"]) == len(written)


def test_lines_fold_at_75_octets_without_splitting_characters(hostile: tuple[Event, ...]) -> None:
    text, _ = render(hostile)
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    for line in raw.split(b"\r\n"):
        line.decode("utf-8")  # no physical line ends inside a character
    long = next(v for v in vevents(text) if str(v["SUMMARY"]).startswith("Ελλάδα"))
    assert str(long["SUMMARY"]) == next(e.title for e in hostile if e.title.startswith("Ελλάδα"))


def _fold_by_octets(line: str) -> str:
    """RFC 5545 §3.1 folding, octet by octet: 75 on the first line, 74 after the space."""
    data, parts, start, limit = line.encode("utf-8"), [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(parts)


@given(st.text(max_size=400) | st.text(st.characters(max_codepoint=127), max_size=400))
def test_fold_is_folding_by_octets(line: str) -> None:
    assert fold(line) == _fold_by_octets(line)


def test_skipped_and_warned_events(hostile: tuple[Event, ...]) -> None:
    """Each says where its event was read, so that its writer finds it (a novelist's
    trial: the title alone)."""
    _, warnings = render(hostile)
    at = {e.title: f"{e.origins[0]}: " for e in hostile}
    assert warnings == (
        (
            f"{at['Ides of March']}skipped 'Ides of March' (15 Mar 44 BCE): BCE dates cannot be "
            "written in iCalendar"
        ),
        (
            f"{at['Before 1601']}'Before 1601' (1 Jun 1500) is before 1601: Outlook leaves such "
            "events out"
        ),
        (
            f"{at['The nineties']}skipped 'The nineties' (199X): a date with unspecified digits "
            "cannot be written in iCalendar"
        ),
    )


@pytest.mark.parametrize(
    ("partial", "expected"),
    [
        pytest.param("start", (dt.date(2025, 8, 1), dt.date(2025, 8, 2)), id="start"),
        pytest.param("span", (dt.date(2025, 8, 1), dt.date(2025, 9, 1)), id="span"),
        pytest.param("skip", None, id="skip"),
    ],
)
def test_partial_policy(partial: str, expected: tuple[dt.date, dt.date] | None) -> None:
    events = load_text(
        "- {date: 2025-08, title: A month}\n- {date: ~2025-09-03, title: Day}"
    ).events
    text, warnings = render(events, partial=partial)
    month = [v for v in vevents(text) if "A month" in str(v["SUMMARY"])]
    if expected is None:
        assert month == []
        assert warnings == (
            "<stdin>:1: skipped 'A month' (Aug 2025): month precision (--partial skip)",
        )
    else:
        assert (month[0]["DTSTART"].dt, month[0]["DTEND"].dt) == expected
        assert str(month[0]["SUMMARY"]) == "Aug 2025: A month"
    day = next(v for v in vevents(text) if "Day" in str(v["SUMMARY"]))
    assert str(day["SUMMARY"]) == "~3 Sep 2025: Day"  # approximate: the date says so


def test_times_floating_zoned_and_intervals() -> None:
    text = (
        "timezone: Asia/Baku\nevents:\n"
        "  - {date: 2025-08-08T14:30, title: Zoned}\n"
        "  - {date: '2025-08-08T09:00:00Z/2025-08-08T10:30:00Z', title: Span}\n"
    )
    floating = "- {date: 2025-08-08T14:30, title: Floating}\n"
    events = [*load_text(text).events, *load_text(floating).events]
    parsed = {str(v["SUMMARY"]): v for v in vevents(render(events)[0])}
    utc = dt.timezone.utc
    assert parsed["Zoned"]["DTSTART"].dt == dt.datetime(2025, 8, 8, 10, 30, tzinfo=utc)
    assert parsed["Floating"]["DTSTART"].dt == dt.datetime(2025, 8, 8, 14, 30)  # no zone
    assert parsed["Span"]["DTEND"].dt == dt.datetime(2025, 8, 8, 10, 30, tzinfo=utc)


def test_uid_is_stable_and_carries_no_host_data(shipped: tuple[Event, ...]) -> None:
    first, _ = render(shipped)
    again, _ = render(tuple(reversed(shipped)))
    uids = [line for line in first.split("\r\n") if line.startswith("UID:")]
    assert sorted(uids) == sorted(line for line in again.split("\r\n") if line.startswith("UID:"))
    assert len(set(uids)) == len(uids)
    assert all(len(u) == len("UID:") + 36 for u in uids)  # a bare UUID, no @host


def test_dtstamp_comes_from_source_date_epoch(shipped: tuple[Event, ...]) -> None:
    text, _ = render(shipped[:1])
    assert "DTSTAMP:20251130T000000Z\r\n" in text
    assert render(shipped[:1]) == render(shipped[:1])


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=300))
def test_any_text_escapes_folds_and_reads_back(title: str) -> None:
    line = fold(f"SUMMARY:{escape_text(title)}")
    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + line + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = parsed.walk("VEVENT")
    expected = title.replace("\r\n", "\n").replace("\r", "\n")  # tabs kept
    expected = "".join(c for c in expected if c in "\n\t" or not (ord(c) < 32 or ord(c) == 127))
    assert str(event["SUMMARY"]) == expected


@given(st.text(max_size=80))
def test_the_uuid_fast_path_is_uuid5(name: str) -> None:
    """chrono.formats._fast_uuid gives what the uuid module gives (stable UIDs)."""
    import uuid

    from chrono.formats._fast_uuid import uuid5_text
    from chrono.formats.ics_uid import NAMESPACE

    assert uuid5_text(NAMESPACE, name) == str(uuid.uuid5(NAMESPACE, name))


def test_issue_11_dedupe_none_never_writes_one_uid_twice(run: Run, write: Write) -> None:
    path = write("twice.yaml", "- {date: 2025-08-08, title: Peace, id: p}\n"
                               "- {date: 2025-08-09, title: Peace again, id: p}\n"
                               "- {date: 1994, title: Same}\n- {date: 1994, title: same}\n")  # fmt: skip
    kept = run("export", path, "-f", "ics", "--dedupe", "none").stdout
    uids = [line for line in kept.splitlines() if line.startswith("UID:")]
    assert len(uids) == 4
    assert len(set(uids)) == 4
    merged = run("export", path, "-f", "ics").stdout
    assert [line for line in merged.splitlines() if line.startswith("UID:")] == [uids[0], uids[2]]


def test_issue_11_a_mixed_interval_keeps_its_time(run: Run, write: Write) -> None:
    """`2025-08-08T10:00+02:00/2025-08-09` became an all-day event: the 10:00 was gone."""
    path = write("mixed.yaml", "- {date: '2025-08-08T10:00+02:00/2025-08-09', title: Talks}\n")
    calendar = icalendar.Calendar.from_ical(run("export", path, "-f", "ics").stdout_bytes)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == dt.datetime(2025, 8, 8, 8, 0, tzinfo=dt.timezone.utc)
    assert event["DTEND"].dt == dt.datetime(2025, 8, 9, 22, 0, tzinfo=dt.timezone.utc)
    assert str(event["SUMMARY"]) == "8 Aug 2025 10:00 +02:00 – 9 Aug 2025: Talks"


def test_sources_and_a_sources_paragraph_come_back_exactly() -> None:
    """Sources were one a line after `Sources:`: a source with a line break came back as
    two, and a description with its own `Sources:` paragraph lost it to the sources."""
    from chrono.formats import FORMATS
    from chrono.loading import load_text

    yaml_text = (
        "- date: 2025-08-08\n"
        "  title: A\n"
        '  sources: ["line one\\nline two", "https://x.org"]\n'
        "- date: 2025-08-09\n"
        "  title: B\n"
        '  description: "Notes.\\n\\nSources:\\nmy own list"\n'
    )
    events = load_text(yaml_text, "t.yaml").events
    ics = FORMATS["ics"]
    text = ics.render(events, ics.settings(now=0)).text
    assert ics.read is not None
    imported = ics.read(text.encode(), "t.ics", None)
    records = {r["title"]: r for r in imported.records}
    assert records["A"]["sources"] == ["line one\nline two", "https://x.org"]
    assert records["B"]["description"] == "Notes.\n\nSources:\nmy own list"
    assert "sources" not in records["B"]


def _round_trip_cli(run: Run, write: Write, yaml_text: str, *args: str) -> tuple[str, str, str]:
    """Export ICS, import it, export the import: the two exports and the imported YAML."""
    first = run("export", write("first.yaml", yaml_text), "-f", "ics", *args).stdout_bytes.decode()
    imported = run("import", write("first.ics", first)).stdout
    second = run("export", write("second.yaml", imported), "-f", "ics", *args).stdout_bytes.decode()
    return first, imported, second


def test_a_clock_time_read_in_the_timelines_zone_keeps_it_through_import(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`2025-08-08T14:30` in Asia/Kathmandu came back floating: the zone was read from
    DTSTART, which is in UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, imported, second = _round_trip_cli(
        run, write,
        "title: T\ntimezone: Asia/Kathmandu\nevents:\n"
        "  - {date: 2025-08-08T14:30, title: floating kathmandu}\n"
        "  - {date: '2025-08-08T14:30:00+05:45', title: offset}\n",
    )  # fmt: skip
    assert second == first
    instant = dt.datetime(2025, 8, 8, 8, 45, tzinfo=dt.timezone.utc)
    assert [v["DTSTART"].dt for v in vevents(first)] == [instant, instant]  # apps: the instant
    (kathmandu,) = [v for v in vevents(first) if "kathmandu" in str(v["SUMMARY"])]
    assert str(kathmandu["X-CHRONO-TIMEZONE"]) == "Asia/Kathmandu"
    assert imported.count("timezone: Asia/Kathmandu") == 1
    assert "floating kathmandu\n  timezone: Asia/Kathmandu\n" in imported


def test_a_title_that_begins_like_a_date_comes_back_whole(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`4 May 1994: signing` came back as `signing`: the written date was taken off every
    title, not only those that `_summary` had put it before."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, imported, second = _round_trip_cli(
        run, write,
        '- {date: 1994-05-04, title: "4 May 1994: signing"}\n'
        '- {date: 2025-08-08T10:00Z, title: "8 Aug 2025 10:00 UTC: hi"}\n'
        '- {date: 2025-08, title: "Aug 2025: twice"}\n',
    )  # fmt: skip
    assert second == first
    assert "title: '4 May 1994: signing'\n" in imported
    assert "title: '8 Aug 2025 10:00 UTC: hi'\n" in imported
    assert "title: 'Aug 2025: twice'\n" in imported  # the date chrono put first is gone
    assert "SUMMARY:Aug 2025: Aug 2025: twice\r\n" in first


def test_a_source_with_a_space_comes_back_once(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """URL holds the source percent-encoded (`a%20report.pdf`): it was not found among
    the sources as written, and came back as a second source."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, imported, second = _round_trip_cli(
        run, write, '- {date: 1994, title: A, sources: ["https://example.org/a report.pdf"]}\n'
    )
    assert "URL:https://example.org/a%20report.pdf\r\n" in first
    assert second == first
    assert "  sources:\n  - https://example.org/a report.pdf\n" in imported
    assert "%20" not in imported


def test_dedupe_none_copy_uid_is_not_another_events_uid(run: Run, write: Write) -> None:
    """The second copy of id `x` had the UID made from `id:x/copy 2`, which is also what
    id `x/copy 2` gives: two VEVENTs with one UID (SPEC §10)."""
    path = write("copies.yaml", "- {id: x, date: 1994, title: A}\n"
                                "- {id: x, date: 1994, title: A}\n"
                                "- {id: 'x/copy 2', date: 1995, title: B}\n")  # fmt: skip
    kept = run("export", path, "-f", "ics", "--dedupe", "none").stdout
    uids = [line.removeprefix("UID:") for line in kept.splitlines() if line.startswith("UID:")]
    assert len(uids) == 3
    assert len(set(uids)) == 3
    loaded = load_text("- {id: x, date: 1994, title: A}\n- {id: 'x/copy 2', date: 1995, title: B}")
    assert uids[0] == uid(loaded.events[0])  # an event's first UID is as it was
    assert uids[2] == uid(loaded.events[1])


@pytest.mark.parametrize(
    ("date", "args", "days"),
    [
        pytest.param("9999-12-31", (), 1, id="last-day"),
        pytest.param("9999", ("--partial", "span"), 365, id="last-year-span"),
        pytest.param("9999-12", ("--partial", "span"), 31, id="last-month-span"),
        pytest.param("9999-12-01/9999-12-31", (), 31, id="interval-to-the-last-day"),
    ],
)
def test_an_event_ending_with_9999_is_valid_ics(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch, date: str, args: tuple[str, ...],
    days: int,
) -> None:  # fmt: skip
    """`9999-12-31` wrote `DTEND;VALUE=DATE:100000101`, a date of five year digits that
    no parser reads; the length is a DURATION of days instead (RFC 5545 §3.8.2.5)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, _, second = _round_trip_cli(run, write, f"- {{date: '{date}', title: last}}\n", *args)
    assert second == first
    assert "DTEND" not in first
    assert f"DURATION:P{days}D\r\n" in first
    (event,) = vevents(first)
    assert event["DURATION"].dt == dt.timedelta(days=days)
    (vcal,) = list(vobject.readComponents(first))
    assert vcal.vevent.duration.value == dt.timedelta(days=days)


@pytest.mark.parametrize(
    "date",
    [
        pytest.param("9999-12-31T23:30-05:00", id="instant-past-9999-in-utc"),
        pytest.param("0001-01-01T00:30+05:00", id="instant-before-0001-in-utc"),
        pytest.param("2025-08-08T10:00/9999-12-31", id="floating-time-to-the-last-day"),
    ],
)
def test_an_instant_outside_the_years_ics_holds_is_skipped(
    run: Run, write: Write, date: str
) -> None:
    """In UTC `9999-12-31T23:30-05:00` is in the year 10000: skipped with a warning,
    never a broken file (SPEC §5)."""
    result = run("export", write("t.yaml", f"- {{date: '{date}', title: edge}}\n"), "-f", "ics")
    assert result.exit_code == 0
    assert "BEGIN:VEVENT" not in result.stdout
    assert "skipped 'edge'" in result.stderr
    assert "outside the years iCalendar can write (1–9999)" in result.stderr


def _calendar(*events: tuple[str, str, str]) -> str:
    """A calendar of VEVENTs, each given by its UID, its date lines and its SUMMARY."""
    vevent = (
        "BEGIN:VEVENT\r\nUID:{}\r\nDTSTAMP:19700101T000001Z\r\n{}\r\nSUMMARY:{}\r\nEND:VEVENT\r\n"
    )
    body = "".join(vevent.format(*event) for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n"


def test_a_calendars_duration_to_the_end_of_9999_is_imported(run: Run, write: Write) -> None:
    """DTSTART 9999-12-31 with DURATION P1D was a traceback (OverflowError): the day
    after it is not a Python date."""
    path = write("late.ics", _calendar(
        ("a@x", "DTSTART;VALUE=DATE:99991201\r\nDURATION:P31D", "December"),
        ("b@x", "DTSTART:99991231T100000Z\r\nDURATION:P2D", "Past"),
    ))  # fmt: skip
    result = run("import", "--skip-invalid", path)
    assert result.exit_code == 0
    assert "- date: 9999-12-01/9999-12-31\n  title: December\n" in result.stdout
    assert result.stderr == (
        f"{path}:11:1: cannot import 'Past': its DURATION ends after the year 9999\n"
        "chrono: skipped 1 invalid event\n"
    )


def test_a_tab_in_text_comes_back_and_a_carriage_return_is_a_line_break(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab became a space: RFC 5545 TEXT holds a tab as it is (§3.3.11, TSAFE-CHAR is
    WSP). A carriage return has no place in TEXT and no escape: it is a line break."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, imported, second = _round_trip_cli(
        run, write,
        '- {date: 1994, title: T, description: "\\ttab\\tinside\\r\\nCRLF\\rCR",\n'
        '   location: "a\\tb", tags: ["x\\ty"]}\n',
    )  # fmt: skip
    assert second == first
    assert "DESCRIPTION:\ttab\tinside\\nCRLF\\nCR\r\n" in first
    (event,) = load_text(imported).events
    expected = ("\ttab\tinside\nCRLF\nCR", "a\tb", ("x\ty",))
    assert (event.description, event.location, event.tags) == expected
    (parsed,) = vevents(first)
    assert str(parsed["DESCRIPTION"]) == "\ttab\tinside\nCRLF\nCR"
    assert str(parsed["LOCATION"]) == "a\tb"
    (vcal,) = list(vobject.readComponents(first))
    assert vcal.vevent.description.value == "\ttab\tinside\nCRLF\nCR"
    assert vcal.vevent.categories.value == ["x\ty"]


def test_a_backslash_before_a_comma_in_a_tag_comes_back(
    run: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`a\\,b` came back as `a,b`: icalendar had unescaped CATEGORIES already, and the
    import unescaped `\\,` once more."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    first, imported, second = _round_trip_cli(
        run, write, "- {date: 1994, title: T, tags: ['a\\,b', 'c,d', 'e\\f', 'g\\\\,h']}\n"
    )
    assert "CATEGORIES:a\\\\\\,b,c\\,d,e\\\\f,g\\\\\\\\\\,h\r\n" in first
    assert second == first
    (event,) = load_text(imported).events
    assert event.tags == ("a\\,b", "c,d", "e\\f", "g\\\\,h")
    (parsed,) = vevents(first)
    assert [str(c) for c in parsed["CATEGORIES"].cats] == list(event.tags)


def test_a_moved_occurrence_of_a_recurring_event_is_an_event_of_its_own(
    run: Run, write: Write
) -> None:
    """An override (same UID, with RECURRENCE-ID) came in with the series' id, so any
    later `show` merged the two by id and the moved occurrence was gone."""
    vevent = "BEGIN:VEVENT\r\nUID:rec1@example.com\r\nDTSTAMP:20250101T000000Z\r\n{}END:VEVENT\r\n"
    path = write("cal.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + vevent.format("DTSTART:20250801T100000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Weekly\r\n")
        + vevent.format("RECURRENCE-ID;TZID=Europe/Berlin:20250815T120000\r\n"
                        "DTSTART:20250816T090000Z\r\nSUMMARY:Weekly, moved\r\n")
        + vevent.format("RECURRENCE-ID;VALUE=DATE:20250822\r\n"
                        "DTSTART;VALUE=DATE:20250823\r\nSUMMARY:Weekly, a day later\r\n")
        + "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
        "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\nEND:VCALENDAR\r\n")  # fmt: skip
    imported = run("import", path)
    assert imported.exit_code == 0, imported.stderr
    events = load_text(imported.stdout).events
    assert [(e.title, e.id) for e in events] == [
        ("Weekly", "rec1@example.com"),
        ("Weekly, moved", "rec1@example.com#20250815T100000Z"),  # the occurrence, in UTC
        ("Weekly, a day later", "rec1@example.com#20250822"),
    ]
    shown = run("show", "--columns", "date,title", write("cal.yaml", imported.stdout)).stdout
    assert "Weekly, moved" in shown
    assert "Weekly, a day later" in shown


def _import_one(run: Run, write: Write, lines: str) -> tuple[Event, str]:
    """A calendar of one VEVENT (its `lines` after UID and DTSTAMP) imported: the
    event as chrono reads the output, and what import said on stderr."""
    path = write(
        "one.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
        f"UID:u1\r\nDTSTAMP:20250101T000000Z\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    imported = run("import", path)
    assert imported.exit_code == 0, imported.stderr
    (event,) = load_text(imported.stdout).events
    return event, imported.stderr


def test_every_url_is_a_source_and_extra_occurrences_are_said_to_be_left_out(
    run: Run, write: Write
) -> None:
    """Two URL lines came in as one source, the Python repr of a list
    (`[vUri('https://one.example'), …]`); RDATE and EXDATE were dropped without a word."""
    event, said = _import_one(run, write, "DTSTART;VALUE=DATE:20250801\r\nSUMMARY:Weekly\r\n"
        "URL:https://one.example\r\nURL:https://two.example/a%20b\r\nRRULE:FREQ=WEEKLY\r\n"
        "RDATE;VALUE=DATE:20250901\r\nEXDATE;VALUE=DATE:20250815\r\n")  # fmt: skip
    assert event.sources == ("https://one.example", "https://two.example/a%20b")
    assert "'Weekly': its RDATE and EXDATE" in said
    assert "not imported" in said


@pytest.mark.parametrize(
    ("start", "end", "date", "zone"),
    [
        pytest.param("DTSTART;TZID=Europe/Berlin:20250815T100000",
                     "DTEND;TZID=America/New_York:20250815T123000",
                     "2025-08-15T10:00/2025-08-15T18:30", "Europe/Berlin", id="two-zones"),
        pytest.param("DTSTART:20250815T080000Z", "DTEND:20250815T123000",
                     "2025-08-15T08:00Z/2025-08-15T12:30Z", None, id="utc-then-floating"),
        pytest.param("DTSTART:20250815T080000Z", "DTEND;TZID=Europe/Berlin:20250815T123000",
                     "2025-08-15T08:00Z/2025-08-15T10:30Z", None, id="utc-then-zone"),
    ],
)  # fmt: skip
def test_an_end_in_another_zone_is_read_in_the_start_s(
    run: Run, write: Write, start: str, end: str, date: str, zone: str | None
) -> None:
    """A Berlin 10:00 to New York 12:30 flight came in as 10:00 to 12:30 Berlin time
    (2½ hours where it is 8½), and a UTC start's floating end came in floating."""
    event, _ = _import_one(run, write, f"{start}\r\n{end}\r\nSUMMARY:Flight\r\n")
    assert (event.date.text, event.timezone) == (date, zone)


def test_a_cancelled_event_is_imported_with_its_status_and_a_warning(tmp_path: Path) -> None:
    """(It came in as an ordinary event: a meeting that never took place.)"""
    from click.testing import CliRunner

    from chrono.cli import cli

    path = tmp_path / "c.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTART;VALUE=DATE:20250101\r\nSUMMARY:Board meeting\r\nSTATUS:CANCELLED\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8", newline="",
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "status: CANCELLED" in result.stdout
    assert "'Board meeting' is cancelled in the calendar" in result.stderr


def test_an_offset_of_minutes_and_seconds_comes_in_to_its_second(run: Run, write: Write) -> None:
    """A VTIMEZONE may give an offset with seconds (RFC 5545 §3.3.14: local mean time,
    +05:41:16); it came in as `+05:41`, 16 seconds off. chrono's dates write an offset
    in minutes, so the instant comes in in UTC."""
    path = write("lmt.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\n"
        "TZID:Kathmandu LMT\r\nBEGIN:STANDARD\r\nDTSTART:18000101T000000\r\n"
        "TZOFFSETFROM:+054116\r\nTZOFFSETTO:+054116\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;TZID=Kathmandu LMT:19000101T120000\r\nSUMMARY:Noon\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n")  # fmt: skip
    imported = run("import", path)
    (event,) = load_text(imported.stdout).events
    assert event.date.text == "1900-01-01T06:18:44Z"


def test_a_line_separator_inside_a_value_does_not_move_the_line_said(
    run: Run, write: Write
) -> None:
    """Lines are counted as iCalendar ends them (CRLF); a U+2028 in a SUMMARY made the
    next event's message point one line too far."""
    path = write("sep.ics", _calendar(
        ("a", "DTSTART;VALUE=DATE:20250801", "One\u2028two"), ("b", "DTSTART:2020", "Bad")
    ))  # fmt: skip
    result = run("import", "--skip-invalid", path)
    assert f"{path}:10:1: cannot import 'Bad'" in result.stderr


def test_a_calendars_status_goes_back_and_a_rule_is_said_not_to(run: Run, write: Write) -> None:
    """A cancelled meeting and a weekly call, imported from a calendar, went back out as
    a meeting held and a single call without a word (a new user's trial). `status`
    goes back as STATUS. An `rrule` does not: written against chrono's DTSTART in UTC,
    a weekly 10:00 in Paris moved an hour at each change of clocks, and a series lost
    its exceptions (a reviewer's); its first occurrence goes, and that is said."""
    path = write("club.yaml", (
        "- {date: 2025-03-01, title: Workshop, status: CANCELLED}\n"
        "- date: '2025-01-06T10:00'\n  timezone: Europe/Paris\n  title: Committee call\n"
        "  rrule: FREQ=WEEKLY;BYDAY=MO\n"
        "- {date: 2025-03-05, title: Dinner, status: tentative}\n"
    ))  # fmt: skip
    result = run("export", path, "-f", "ics")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"chrono: warning: {path}:2: 'Committee call' repeats (rrule) in the calendar it came from: "
        "the ICS has its first occurrence only (JSON and YAML keep the rule)\n"
    )
    read = {str(e["SUMMARY"]): e for e in vevents(result.stdout)}
    assert str(read["Workshop"]["STATUS"]) == "CANCELLED"
    assert str(read["Dinner"]["STATUS"]) == "TENTATIVE"
    assert "RRULE" not in read["Committee call"]
    assert "STATUS" not in read["Committee call"]
    back = run("import", write("club.ics", result.stdout)).stdout
    assert "status: CANCELLED" in back


def test_what_a_calendar_cannot_hold_is_said_once(run: Run, write: Write) -> None:
    """Other fields, a status a calendar does not know and a rule it cannot read were
    left out without a word: they are left out (never a broken file), and said."""
    path = write("odd.yaml", (
        "- {date: 2025-03-01, title: Kickoff, mood: hopeful, attendees: [Ann, Bob]}\n"
        "- {date: 2025-03-02, title: Second, mood: tired, status: maybe}\n"
        "- {date: 2025-03-03, title: Third, rrule: every week}\n"
    ))  # fmt: skip
    result = run("export", path, "-f", "ics")
    assert result.exit_code == 0, result.stderr
    assert "RRULE" not in result.stdout
    assert "STATUS" not in result.stdout
    assert len(vevents(result.stdout)) == 3
    lines = result.stderr.splitlines()
    assert any("'Second'" in line and "status 'maybe'" in line for line in lines)
    assert any("'Third' repeats (rrule)" in line for line in lines)
    (fields,) = [line for line in lines if "no place" in line]
    assert "'attendees'" in fields
    assert "'mood' (2 events)" in fields


def test_chronos_own_import_of_a_status_validates_strictly(run: Run, write: Write) -> None:
    """`chrono import` writes `status`, which every later run called an unknown field,
    so `validate --strict` failed on chrono's own output."""
    path = write("s.yaml", "- {date: 2025-03-01, title: Workshop, status: CANCELLED}\n")
    result = run("validate", "--strict", path)
    assert result.exit_code == 0, result.stderr
    assert "unknown field" not in result.stderr


@pytest.mark.parametrize("zone", ['"W. Europe Standard Time"', "Europe/Berlin"])
def test_outlooks_all_day_event_from_midnight_to_midnight_is_its_days(
    run: Run, write: Write, zone: str
) -> None:
    """Outlook writes an all-day event as midnight to midnight in its zone, marked
    X-MICROSOFT-CDO-ALLDAYEVENT: it came in as a timed event (`2025-05-01T00:00+02:00/
    2025-05-02T00:00+02:00`; a new user's trial), where its CSV export's is the day."""

    def vevent(uid: str, start: str, end: str, flag: str = "TRUE") -> str:
        return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID={zone}:{start}\r\n"
                f"DTEND;TZID={zone}:{end}\r\nSUMMARY:{uid}\r\n"
                f"X-MICROSOFT-CDO-ALLDAYEVENT:{flag}\r\nEND:VEVENT\r\n")  # fmt: skip

    path = write("outlook.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
                 + vevent("Labour day", "20250501T000000", "20250502T000000")
                 + vevent("Long weekend", "20250501T000000", "20250505T000000")
                 + vevent("Not all day", "20250501T000000", "20250502T000000", "FALSE")
                 + vevent("Says all day at noon", "20250501T120000", "20250502T120000")
                 + "END:VCALENDAR\r\n")  # fmt: skip
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    dates = {e["title"]: e for e in yaml.safe_load(result.stdout)["events"]}
    assert dates["Labour day"]["date"] == "2025-05-01"
    assert "timezone" not in dates["Labour day"]
    assert dates["Long weekend"]["date"] == "2025-05-01/2025-05-04"
    assert dates["Not all day"]["date"].startswith("2025-05-01T00:00")
    assert dates["Says all day at noon"]["date"].startswith("2025-05-01T12:00")


BEFORE = (
    "'End before start': DTEND 2025-08-18 is before DTSTART 2025-08-20: read as its DTSTART alone"
)


def test_what_a_calendar_holds_that_chrono_does_not_import_is_said(run: Run, write: Write) -> None:
    """ORGANIZER, ATTENDEE, GEO and a to-do (VTODO) were dropped without a word, an
    ATTACH link was not a source though every URL is, and an all-day DTEND before its
    DTSTART was passed over (a new user's trial, an Apple Calendar export)."""
    path = write("apple.ics", (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        "BEGIN:VEVENT\r\nUID:A1\r\nDTSTART;VALUE=DATE:20250601\r\nSUMMARY:Hiking trip\r\n"
        "ORGANIZER;CN=Ann:mailto:ann@example.com\r\n"
        "ATTENDEE;CN=Bob:mailto:bob@example.com\r\nATTENDEE;CN=Cy:mailto:cy@example.com\r\n"
        "ATTACH:https://example.com/map.pdf\r\nGEO:37.8;-119.5\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:A2\r\nDTSTART;VALUE=DATE:20250820\r\n"
        "DTEND;VALUE=DATE:20250818\r\nSUMMARY:End before start\r\n"
        "ATTENDEE:mailto:dee@example.com\r\nEND:VEVENT\r\n"
        "BEGIN:VTODO\r\nUID:T1\r\nSUMMARY:A to-do\r\nDUE:20250620T120000Z\r\nEND:VTODO\r\n"
        "END:VCALENDAR\r\n"
    ))  # fmt: skip
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    hiking, late = load_text(result.stdout).events
    assert hiking.sources == ("https://example.com/map.pdf",)
    assert late.date.text == "2025-08-20"
    said = result.stderr.splitlines()
    assert f"{path}:14:1: warning: {BEFORE}" in said
    unread = "ATTENDEE (2 events), GEO, ORGANIZER"
    assert f"{path}: warning: not imported, chrono has no field for them: {unread}" in said
    assert f"{path}: warning: not imported: 1 to-do (VTODO); chrono imports events (VEVENT)" in said


def test_an_export_whose_chrono_properties_an_app_dropped_comes_back_as_it_was(
    run: Run, write: Write
) -> None:
    """A calendar app that keeps UIDs but drops X- properties (a trip through Google
    Calendar) gave back `~Sep 2025: Rumoured layoffs` on 1 Sep 2025, with a made-up
    `id`, beside the event it was: a chronology of both had every vague event twice
    (a new user's trial). chrono knows its own UIDs: such an event comes back with its
    written date and title, and no id; a title that only begins like a date stays."""
    notes = write("notes.yaml", (
        "- {date: ~2025-09, title: Rumoured layoffs}\n- {date: '2025', title: A year}\n"
        "- {date: 2025-08-08, title: Peace agreement signed}\n"
        "- {date: 1968-04-02, title: '2001: A Space Odyssey premieres'}\n"
    ))  # fmt: skip
    exported = run("export", notes, "-f", "ics").stdout
    stripped = "".join(
        line for line in exported.splitlines(keepends=True) if not line.startswith(("X-", " "))
    )
    foreign = ("BEGIN:VEVENT\r\nUID:g1@google.com\r\nDTSTART;VALUE=DATE:20250101\r\n"
               "SUMMARY:2025: A year in review\r\nEND:VEVENT\r\n")  # fmt: skip
    back = run(
        "import", write("google.ics", stripped.replace("END:VCALENDAR", foreign + "END:VCALENDAR"))
    )
    assert back.exit_code == 0, back.stderr
    records = {e["title"]: e for e in yaml.safe_load(back.stdout)["events"]}
    assert records["Rumoured layoffs"] == {"date": "~Sep 2025", "title": "Rumoured layoffs"}
    assert records["A year"] == {"date": "2025", "title": "A year"}
    assert "id" not in records["Peace agreement signed"]
    assert records["2025: A year in review"]["date"] == "2025-01-01"
    both = run("show", notes, write("back.yaml", back.stdout), "--columns", "date,title")
    assert both.stdout.count("Rumoured layoffs") == 1
    assert both.stdout.count("A year\n") == 1


def _club(stamp: str, sequence: int, day: str, title: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:match-42@club\r\n"
        f"DTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\nLAST-MODIFIED:{stamp}\r\n"
        f"DTSTART;VALUE=DATE:{day}\r\nSUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.mark.parametrize("order", ["old-first", "new-first"])
def test_the_newer_import_of_a_calendar_event_wins(run: Run, write: Write, order: str) -> None:
    """Two imports of one calendar event, the later moved to 14 Sep: `show` of both gave
    the stale 7 Sep, because the first path won (a new user's trial), though importing
    a newer export is to merge with the older one. LAST-MODIFIED comes in as `revised`,
    and of one event's versions the latest revised gives its date and title, the other
    kept as conflicts; an export gives LAST-MODIFIED back."""
    old = run(
        "import", write("jan.ics", _club("20250101T000000Z", 0, "20250907", "Lions vs. Bears"))
    )
    new = run(
        "import",
        write("jun.ics", _club("20250601T000000Z", 2, "20250914", "Lions vs. Bears, moved")),
    )
    assert "revised: '2025-06-01T00:00:00Z'" in new.stdout
    paths = [write("a.yaml", old.stdout), write("b.yaml", new.stdout)]
    if order == "new-first":
        paths = [write("a.yaml", new.stdout), write("b.yaml", old.stdout)]
    result = run("export", *paths, "-f", "json", "-q")
    (event,) = json.loads(result.stdout)
    assert (event["date"], event["title"]) == ("2025-09-14", "Lions vs. Bears, moved")
    assert event["conflicts"]["date"] == ["2025-09-07"]
    assert event["conflicts"]["title"] == ["Lions vs. Bears"]
    ics = run("export", *paths, "-f", "ics").stdout
    assert "LAST-MODIFIED:20250601T000000Z" in ics


def test_a_floating_time_is_read_in_the_calendars_own_zone(run: Run, write: Write) -> None:
    """A floating DTSTART in a calendar that names its zone (X-WR-TIMEZONE, as Google
    and Apple write it) was left floating, and every later run warned that it is
    sorted as UTC (a new user's trial): it is read in the calendar's zone, as those
    apps read it. A time with its own TZID, or a day, keeps what it has."""
    path = write("google.ics", (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-WR-TIMEZONE:Europe/Berlin\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20250917T190000\r\nSUMMARY:Club night\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=America/New_York:20250918T090000\r\n"
        "SUMMARY:Call\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20250919\r\nSUMMARY:Day\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ))  # fmt: skip
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    records = {e["title"]: e for e in yaml.safe_load(result.stdout)["events"]}
    assert records["Club night"]["timezone"] == "Europe/Berlin"
    assert records["Call"]["timezone"] == "America/New_York"
    assert "timezone" not in records["Day"]
    shown = run("show", write("back.yaml", result.stdout))
    assert "sorted as" not in shown.stderr


def test_revised_is_written_only_as_an_instant_of_four_digit_years(run: Run, write: Write) -> None:
    """`revised: 9999-12-31T23:00:00-05:00` went out as `LAST-MODIFIED:100000101T…`, a
    nine-digit year; `1970-01-01T00:30+01:00` was refused by its local year (a
    reviewer's). Each is placed in UTC first; one outside years 1–9999, or not an
    instant, is left out and said."""
    path = write("r.yaml", (
        "- {date: 2025-03-01, title: A, revised: '9999-12-31T23:00:00-05:00'}\n"
        "- {date: 2025-03-02, title: B, revised: '1970-01-01T00:30:00+01:00'}\n"
        "- {date: 2025-03-03, title: C, revised: '2025-06-01T10:00Z~'}\n"
    ))  # fmt: skip
    result = run("export", path, "-f", "ics")
    assert result.exit_code == 0
    read = {str(e["SUMMARY"]): e for e in vevents(result.stdout)}
    assert "LAST-MODIFIED" not in read["A"]
    assert read["B"]["LAST-MODIFIED"].dt == dt.datetime(
        1969, 12, 31, 23, 30, tzinfo=dt.timezone.utc
    )
    assert "LAST-MODIFIED" not in read["C"]
    assert "'A': revised '9999-12-31T23:00:00-05:00' left out" in result.stderr
    assert "'C': revised '2025-06-01T10:00Z~' left out" in result.stderr


def test_revised_decides_only_between_versions_of_one_calendar_event(
    run: Run, write: Write
) -> None:
    """Any event with `revised` won every merge, a fuzzy one too: an imported month beat
    a hand-written day of the same event, which was left only under conflicts (a
    reviewer's). `revised` decides between versions of one event (one id)."""
    a = write("f1.yaml", "- {date: 2025-08, title: Azerbaijan Armenia peace agreement signed,"
                         " revised: '2025-06-01T10:00:00Z'}\n")  # fmt: skip
    b = write("f2.yaml", "- {date: 2025-08-08, title: Azerbaijan-Armenia peace agreement signed"
                         " at the White House}\n")  # fmt: skip
    (event,) = json.loads(run("export", a, b, "-f", "json", "--dedupe", "fuzzy", "-q").stdout)
    assert event["date"] == "2025-08-08"


TWICE_MODIFIED = "LAST-MODIFIED:20250101T100000Z\r\nLAST-MODIFIED:20250301T100000Z\r\n"


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ("DTSTART:20250105T100000Z\r\nDTEND:20250101T100000Z\r\n",
         "'E': its end, 2025-01-01T10:00Z, is before its start: read as its start alone"),
        ("DTSTART;VALUE=DATE:20250105\r\nDTEND:20250106T100000Z\r\n",
         "cannot import 'E': DTSTART is a date and DTEND a date-time: RFC 5545 has both of one kind"),
        ("DTSTART:20250105T100000Z\r\nDTSTART:20250106T100000Z\r\n",
         "cannot import 'E': DTSTART is given 2 times (an event has one)"),
        (f"DTSTART:20250105T100000Z\r\n{TWICE_MODIFIED}", ""),
    ],
)  # fmt: skip
def test_a_calendars_odd_times_are_said_not_tracebacks(
    run: Run, write: Write, lines: str, said: str
) -> None:
    """A property given twice raised `'list' object has no attribute 'dt'`, a date DTEND
    after a date-time DTSTART Python's own message, and a timed DTEND before its
    DTSTART made an interval that every later run refused (a reviewer's)."""
    path = write("e.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n"
                 f"SUMMARY:E\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    result = run("import", "--skip-invalid", path)
    assert "Traceback" not in result.stderr
    assert said in result.stderr
    if not said:
        assert "revised: '2025-03-01T10:00:00Z'" in result.stdout  # (the later one)


def test_the_latest_version_keeps_the_tags_in_first_seen_order(run: Run, write: Write) -> None:
    """Moving the version revised last first also moved its tags first, against the
    documented first-seen order by origin (a reviewer's)."""
    a = write(
        "a.yaml",
        "- {date: 2025-09-07, title: Match, id: m, tags: [old], revised: '2025-01-01T00:00Z'}\n",
    )
    b = write(
        "b.yaml",
        "- {date: 2025-09-14, title: Match, id: m, tags: [new], revised: '2025-06-01T00:00Z'}\n",
    )
    (event,) = json.loads(run("export", a, b, "-f", "json", "-q").stdout)
    assert (event["date"], event["tags"]) == ("2025-09-14", ["old", "new"])
