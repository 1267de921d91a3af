"""`chrono export`, `merge` and `import` end to end: files, goldens, round trips."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from chrono.loading import load_paths, load_text
from chrono.merging import merge_events
from chrono.model import Event
from tests.conftest import DATA, ROOT

Run = Callable[..., Result]
EPOCH = {"SOURCE_DATE_EPOCH": "1764460800"}  # 2025-11-30T00:00:00Z


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("fmt", "extra"),
    [
        pytest.param("md", [], id="md"),
        pytest.param("md", ["--md-style", "table", "--group-by", "decade"], id="md-table"),
        pytest.param("ics", [], id="ics"),
        pytest.param("json", [], id="json"),
        pytest.param("csv", [], id="csv"),
        pytest.param("yaml", [], id="yaml"),
        pytest.param("mermaid", [], id="mermaid"),
    ],
)
def test_golden_exports_of_the_shipped_timeline(
    run: Run, in_root: None, golden: Callable[[str, str], None], fmt: str, extra: list[str]
) -> None:
    result = run("export", "--format", fmt, *extra, env=EPOCH)
    assert (result.exit_code, result.stderr) == (0, "")
    name = "-".join(["shipped", *[a.lstrip("-") for a in extra]])
    golden(f"{name}.{fmt}", result.stdout_bytes.decode("utf-8"))  # CRLF kept


def test_output_file_from_suffix_is_written_whole(run: Run, in_root: None, tmp_path: Path) -> None:
    out = tmp_path / "nato.ics"
    result = run("export", "-o", str(out), "--tag", "nato", env=EPOCH)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.count(b"BEGIN:VEVENT") == 8
    assert [p.name for p in tmp_path.iterdir()] == ["nato.ics"]  # no temporary file left
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_format_must_be_known(run: Run, in_root: None) -> None:
    result = run("export", "-o", "out.txt")
    assert result.exit_code == 2
    assert "name a format with --format, or an -o FILE whose suffix names one" in result.stderr
    assert not Path("out.txt").exists()


def test_output_that_names_an_input_is_refused(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "t.yaml"
    source.write_text("- {date: 1994, title: One}\n")
    before = source.read_bytes()
    refused = run("merge", str(source), "-o", str(source))
    assert refused.exit_code == 2
    assert f"would overwrite the input {source} (--force allows it)" in refused.stderr
    assert source.read_bytes() == before
    folder = run("export", str(tmp_path), "-o", str(source))
    assert folder.exit_code == 2  # also when the input is named through its folder
    forced = run("merge", str(source), "-o", str(source), "--force")
    assert forced.exit_code == 0
    assert load_paths([str(source)]).events[0].title == "One"


def test_ics_warnings_go_to_stderr(run: Run) -> None:
    result = run("export", str(DATA / "hostile_text.yaml"), "--format", "ics", env=EPOCH)
    assert result.exit_code == 0
    hostile = DATA / "hostile_text.yaml"
    assert result.stderr.splitlines() == [
        (
            f"{DATA / 'hostile_text.yaml'}:36:5: warning: clock time with no time zone or offset "
            "('2025-08-08T14:30') beside clock times with one: it is sorted as if in UTC; give "
            "its timeline a `timezone:`, or the time an offset"
        ),
        (
            f"chrono: warning: {hostile}:28: skipped 'Ides of March' (15 Mar 44 BCE): BCE dates "
            "cannot be written in iCalendar"
        ),
        (
            f"chrono: warning: {hostile}:42: 'Before 1601' (1 Jun 1500) is before 1601: Outlook "
            "leaves such events out"
        ),
        (
            f"chrono: warning: {hostile}:30: skipped 'The nineties' (199X): a date with unspecified "
            "digits cannot be written in iCalendar"
        ),
    ]
    assert run("export", str(DATA / "hostile_text.yaml"), "-f", "ics", "-q").stderr == ""


def test_calendar_name(run: Run, in_root: None) -> None:
    default = run("export", "-f", "ics").stdout
    assert "X-WR-CALNAME:chrono\n" in default  # titles differ; CliRunner .stdout has LF
    one = run("export", "-f", "ics", "timelines/azerbaijan-nato.yaml").stdout
    assert "X-WR-CALNAME:Azerbaijan and NATO\n" in one
    named = run("export", "-f", "ics", "--calendar-name", "NATO; 1994, 2025").stdout
    assert "X-WR-CALNAME:NATO\\; 1994\\, 2025\n" in named


def test_bad_source_date_epoch_is_a_usage_error(run: Run, in_root: None) -> None:
    result = run("export", "-f", "ics", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be whole seconds, not 'yesterday'" in result.stderr


def _fields(events: tuple[Event, ...] | list[Event]) -> list[tuple[object, ...]]:
    return [
        (e.date.text, e.title, e.tags, e.sources, e.description, e.location, e.id) for e in events
    ]


def test_merge_writes_a_timeline_that_reads_back_the_same(
    run: Run, in_root: None, tmp_path: Path
) -> None:
    out = tmp_path / "merged.yaml"
    assert run("merge", "-o", str(out)).exit_code == 0
    original = merge_events(load_paths(["timelines"]).events).events
    again = merge_events(load_paths([str(out)]).events).events
    assert _fields(again) == _fields(original)
    assert [dict(e.conflicts) for e in again] == [dict(e.conflicts) for e in original]
    assert run("show", str(out)).stdout == run("show").stdout


def test_ics_export_then_import_gives_back_the_same_events(
    run: Run, in_root: None, tmp_path: Path
) -> None:
    ics = tmp_path / "nato.ics"
    assert run("export", "-o", str(ics)).exit_code == 0
    imported = run("import", str(ics))
    assert imported.exit_code == 0, imported.stderr
    again = merge_events(load_text(imported.stdout).events).events
    original = merge_events(load_paths(["timelines"]).events).events
    assert _fields(again) == _fields(original)


def test_ics_import_reads_an_event_moved_in_a_calendar_app(run: Run, tmp_path: Path) -> None:
    """An event moved in a calendar app kept the date chrono had exported, with no word
    (a new user's report): apps keep X-CHRONO-DATE, which they do not show, and change
    DTSTART. The calendar's date is read, with a warning; the same instants written
    with a TZID, or either `--partial`, are not a move."""
    source = tmp_path / "t.yaml"
    source.write_text("- {date: 2025-08-09, title: Signing}\n- {date: 2025-08, title: Month}\n"
                      "- {date: 2025-08-08T14:30, title: Talks, timezone: Asia/Baku}\n")  # fmt: skip
    ics = tmp_path / "t.ics"
    for partial in ("start", "span"):
        assert run("export", str(source), "-o", str(ics), "--partial", partial).exit_code == 0
        assert run("import", str(ics)).stderr == ""
    text = ics.read_bytes().decode()
    moved = text.replace("DTSTART;VALUE=DATE:20250809\r\nDTEND;VALUE=DATE:20250810",
                         "DTSTART;VALUE=DATE:20250815\r\nDTEND;VALUE=DATE:20250816")  # fmt: skip
    moved = moved.replace("DTSTART:20250808T103000Z", "DTSTART;TZID=Asia/Baku:20250808T143000")
    assert moved.count("20250815") == 1
    assert "TZID" in moved
    ics.write_bytes(moved.encode())
    result = run("import", str(ics))
    assert result.exit_code == 0
    dates = {e.title: e.date.text for e in load_text(result.stdout).events}
    assert dates == {"Signing": "2025-08-15", "Month": "2025-08", "Talks": "2025-08-08T14:30"}
    assert result.stderr.endswith(
        ": warning: 'Signing' was moved in a calendar app: its date there, 2025-08-15, is "
        "read (chrono had written 2025-08-09)\n"
    )
    assert result.stderr.count("\n") == 1


def test_ics_import_keeps_a_moved_clock_time_in_its_zone(run: Run, tmp_path: Path) -> None:
    """A clock time chrono read in Paris, moved an hour later in a calendar app, came
    back as `13:30Z` with no zone, and the warning set it beside `14:30` (a reviewer's
    finding): it is 15:30 in Paris, as written and as said."""
    source, ics = tmp_path / "t.yaml", tmp_path / "t.ics"
    source.write_text("- {date: 2025-08-08T14:30, title: Zoned, timezone: Europe/Paris}\n")
    assert run("export", str(source), "-o", str(ics)).exit_code == 0
    text = ics.read_bytes().decode()
    ics.write_bytes(text.replace("DTSTART:20250808T123000Z", "DTSTART:20250808T133000Z").encode())
    result = run("import", str(ics))
    (event,) = load_text(result.stdout).events
    assert (event.date.text, event.timezone) == ("2025-08-08T15:30", "Europe/Paris")
    assert "its date there, 2025-08-08T15:30, is read (chrono had written 2025-08-08T14:30)" in (
        result.stderr
    )


def test_ics_import_takes_the_timeline_s_title_not_the_calendar_s_name(
    run: Run, tmp_path: Path
) -> None:
    """Importing chrono's export of timelines with no shared title added `title: chrono`,
    the calendar name made up for apps (a new user's report); `--calendar-name` is the
    apps' too. A calendar app's file is titled by its name, as before."""
    path, ics = tmp_path / "t.yaml", tmp_path / "t.ics"
    for text, options, title in [
        ("- {date: 2025, title: x}\n", (), None),
        ("title: Field notes\nevents:\n- {date: 2025, title: x}\n", ("--calendar-name", "Work"),
         "Field notes"),
    ]:  # fmt: skip
        path.write_text(text)
        assert run("export", str(path), "-o", str(ics), *options).exit_code == 0
        assert load_text(run("import", str(ics)).stdout).titles == ((title,) if title else ())
    ics.write_text("BEGIN:VCALENDAR\nX-WR-CALNAME:Holidays\nBEGIN:VEVENT\nDTSTART:20250808\n"
                   "END:VEVENT\nEND:VCALENDAR\n")  # fmt: skip
    result = run("import", str(ics))
    assert load_text(result.stdout).titles == ("Holidays",)
    assert result.stderr == f"{ics}:3:1: warning: no SUMMARY: titled '(untitled)'\n"


def test_csv_export_then_import_gives_back_the_same_events(run: Run, tmp_path: Path) -> None:
    csv_file = tmp_path / "hostile.csv"
    source = str(DATA / "hostile_text.yaml")
    assert run("export", source, "-o", str(csv_file)).exit_code == 0
    imported = run("import", str(csv_file))
    assert imported.exit_code == 0, imported.stderr
    original = merge_events(load_paths([source]).events).events
    again = merge_events(load_text(imported.stdout).events).events
    assert _fields(again) == _fields(original)


def test_csv_export_says_what_will_not_read_back(run: Run, tmp_path: Path) -> None:
    """A source `Smith; Jones 2001` came back from CSV as two, and a list in another key
    as text, with no word (a new user's report): the CSV is written, and each is said."""
    path = tmp_path / "t.yaml"
    path.write_text("- {date: 2025, title: x, tags: ['a; b', c], sources: ['Smith; Jones 2001'],"
                    " custom: [1, 2], other: null}\n- {date: 2026, title: y, tags: [d]}\n")  # fmt: skip
    result = run("export", str(path), "--format", "csv")
    assert result.exit_code == 0
    assert "x,,,a; b; c,Smith; Jones 2001,," in result.stdout
    assert result.stderr.splitlines()[2:] == [  # (after the unknown fields' warnings)
        "chrono: warning: csv: 'x' (2025): 'a; b', 'Smith; Jones 2001' will read back as more than one, split at '; '",
        "chrono: warning: csv: lists and mappings in 'custom' are written as text, and read back as text",
        "chrono: warning: csv: left out other keys with no value: 'other'",
    ]  # fmt: skip


def test_import_of_a_calendar_app_export(run: Run) -> None:
    result = run("import", str(DATA / "calendar_export.ics"))
    assert result.exit_code == 0
    events = {e.title: e for e in load_text(result.stdout).events}
    summit = events["Summit at the White House"]
    assert summit.date.text == "2025-08-08T14:30/2025-08-08T16:15"
    assert summit.timezone == "America/New_York"
    assert summit.date.lo == load_text("- {date: 2025-08-08T18:30Z, title: x}").events[0].date.lo
    assert (summit.location, summit.tags, summit.sources) == (
        "Washington, D.C.",
        ("peace", "usa"),
        ("https://example.org/summit",),
    )
    assert summit.description == "Leaders meet.\nA second line."
    assert summit.id == "summit-2025@example.com"
    assert events["Three-day conference"].date.text == "2025-08-20/2025-08-22"
    assert events["Call"].date.text == "2025-09-01T09:00Z/2025-09-01T09:30Z"
    anniversary = events["PfP anniversary"]
    assert (anniversary.date.text, anniversary.extra["rrule"]) == ("1994-05-04", "FREQ=YEARLY")


def test_import_of_a_spreadsheet_csv(run: Run) -> None:
    ambiguous = run("import", str(DATA / "google_export.csv"))
    assert ambiguous.exit_code == 0  # 12/25/2025 and 05/05/2025 can be read only one way
    events = load_text(ambiguous.stdout).events
    assert [(e.title, e.date.text) for e in events] == [
        ("Board meeting", "2025-12-25T10:00/2025-12-25T11:00"),
        ("Holiday", "2025-05-05"),
    ]


def test_import_refuses_an_ambiguous_date_without_an_order(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("date,title\n04/05/2025,Talks\n")
    refused = run("import", str(path))
    assert refused.exit_code == 1
    assert f"{path}:2:1: ambiguous date '04/05/2025'" in refused.stderr
    chosen = run("import", str(path), "--day-first")
    assert load_text(chosen.stdout).events[0].date.text == "2025-05-04"


def test_import_refuses_what_is_not_a_calendar(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_text("hello\n")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}: not an iCalendar file")


@pytest.mark.parametrize("cut", [-len("END:VCALENDAR\r\n"), -200], ids=["its-end", "in-an-event"])
def test_import_refuses_a_calendar_cut_short(
    run: Run, in_root: None, tmp_path: Path, cut: int
) -> None:
    """A calendar cut short (a download, a copy) imported as no events, exit 0, and
    wrote `events: []` (a new user's report): icalendar gives no calendar and says
    nothing. Each component left open is an error at its BEGIN; nothing is written,
    with or without --skip-invalid."""
    whole = tmp_path / "whole.ics"
    assert run("export", "-o", str(whole)).exit_code == 0
    path = tmp_path / "cut.ics"
    path.write_bytes(whole.read_bytes()[:cut])
    out = tmp_path / "out.yaml"
    for options in ((), ("--skip-invalid",)):
        result = run("import", str(path), "-o", str(out), *options)
        assert result.exit_code == 1
        assert not out.exists()
        assert result.stderr.startswith(
            f"{path}:1:1: BEGIN:VCALENDAR is never closed: the file ends before its "
            "END:VCALENDAR (is it cut short?)\n"
        )
        lines = path.read_bytes().decode().split("\r\n")
        begun = len(lines) - lines[::-1].index("BEGIN:VEVENT")  # (the last one)
        assert (f"{path}:{begun}:1: BEGIN:VEVENT" in result.stderr) == (cut == -200)


def test_import_names_a_component_left_open_by_its_name_alone(run: Run, tmp_path: Path) -> None:
    """A file with CR-only line ends is one line: the message named the whole file as
    the component (a reviewer's finding)."""
    path = tmp_path / "cr.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\rVERSION:2.0\rBEGIN:VEVENT\rSUMMARY:x\r")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:1: BEGIN:VCALENDAR is never closed")


def test_import_says_where_a_calendar_s_components_do_not_pair(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "odd.ics"
    path.write_text("BEGIN:VCALENDAR\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20250808\n"
                    "SUMMARY:x\nEND:VCALENDAR\n")  # fmt: skip
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{path}:2:1: END:VEVENT without BEGIN:VEVENT",
        f"{path}:3:1: BEGIN:VEVENT is not closed before END:VCALENDAR (line 6)",
    ]


def test_import_of_a_windows_csv(run: Run, tmp_path: Path) -> None:
    """Excel and Outlook write CSV in Windows-1252: read so, with a warning, never
    with letters silently replaced; bytes that are neither are an error."""
    path = tmp_path / "outlook.csv"
    path.write_bytes("Subject,Start Date\nCafé in Genève,2025-08-08\n".encode("cp1252"))
    result = run("import", str(path))
    assert result.exit_code == 0
    assert load_text(result.stdout).events[0].title == "Café in Genève"
    assert result.stderr == (
        f"{path}:2:4: warning: not UTF-8 (byte 0xe9): read as Windows-1252, as Excel "
        "writes CSV; check the accented letters\n"
    )
    assert run("import", str(path), "-q").stderr == ""
    path.write_bytes(b"Subject,Start Date\nx\x81,2025-08-08\n")
    refused = run("import", str(path))
    assert refused.exit_code == 1
    assert f"{path}:2:2: invalid UTF-8 (byte 0x81); save the file as UTF-8" in refused.stderr


def test_import_of_a_calendar_without_events_says_so(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    result = run("import", str(path))
    assert result.exit_code == 0
    assert result.stdout == "events: []\n"
    assert result.stderr == f"{path}: warning: no events to import\n"


def test_many_warnings_are_summarised_unless_verbose(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bce.yaml"
    path.write_text("".join(f"- {{date: {n} BCE, title: Year {n}}}\n" for n in range(1, 13)))
    short = run("export", str(path), "-f", "ics").stderr.splitlines()
    assert len(short) == 11
    assert short[-1] == "chrono: warning: … and 2 more like these (-v lists them)"
    assert len(run("export", str(path), "-f", "ics", "-v").stderr.splitlines()) == 12


def test_output_into_a_missing_folder_is_a_usage_error(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """-o is checked before anything is read: no traceback, exit 2, nothing written."""
    for target in (tmp_path / "no" / "such" / "x.json", tmp_path):
        result = run("export", "-f", "json", str(ROOT / "timelines"), "-o", str(target))
        assert result.exit_code == 2
        assert "Invalid value for '-o' / '--output'" in result.stderr
    assert not (tmp_path / "no").exists()


def test_a_file_that_cannot_be_written_is_an_error(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    import chrono.writing

    def full(path: str, data: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(chrono.writing, "write_atomic", full)
    target = tmp_path / "out.json"
    result = run("export", "-f", "json", str(ROOT / "timelines"), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: No space left on device\n"
    assert not target.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8: Linux")
@pytest.mark.parametrize("fmt", ["json", "ics", "md", "csv", "yaml", "mermaid"])
def test_a_file_name_that_is_not_utf8(fmt: str, run: Run, tmp_path: Path) -> None:
    """Its bytes come to chrono escaped; every file chrono writes is still UTF-8."""
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text("- {date: 1994-05-04, title: Peace}\n")
    result = run("export", "-f", fmt, str(folder))
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")  # raises if it is not UTF-8
    assert "Peace" in text
    if fmt == "json":
        assert json.loads(text)[0]["origins"][0]["path"].endswith("caf\ufffd.yaml")


def test_import_says_what_it_could_not_take_from_a_calendar(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "odd.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:1\nSUMMARY:On Mars\nDTSTART;TZID=Mars/Olympus:20250808T100000\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\nUID:2\nSUMMARY:Whenever\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:y\nDTSTART:2025134\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:w\nDTSTART:20250808T100000Z\nDURATION:P1Q\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    refused = run("import", str(path))
    assert refused.exit_code == 1
    result = run("import", str(path), "--skip-invalid")
    assert result.exit_code == 0
    (event,) = load_text(result.stdout).events
    assert event.date.text == "2025-08-08T10:00"
    assert result.stderr.splitlines() == [
        (
            f"{path}:3:1: warning: 'On Mars': unknown time zone 'Mars/Olympus'; "
            "its clock time is kept without a zone"
        ),
        f"{path}:8:1: cannot import 'Whenever': no DTSTART",  # (at its BEGIN:VEVENT)
        # (were icalendar's words: "Cannot access 'dt' on broken property 'DTSTART'
        # (expected 'vDDDTypes'): Expected time, got: 2025134")
        f"{path}:12:1: cannot import 'y': DTSTART '2025134' is not a date or date-time",
        f"{path}:16:1: cannot import 'w': DURATION 'P1Q' is not a duration (such as PT1H or P2D)",
        "chrono: skipped 3 invalid events",  # as every command says it
    ]


# --------------------------------------------------------------------------- -o writes where it leads (SPEC §10)


def test_issue_11_o_writes_through_a_symlink_to_its_target(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "t.md").write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real / "t.md")
    assert run("export", "timelines", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert (real / "t.md").read_text().startswith("## 1992")
    assert not [p for p in real.iterdir() if p.name.startswith(".chrono-")]  # no temporary left


def test_issue_11_o_through_a_dangling_symlink_creates_its_target(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "new.md")
    assert run("export", "timelines", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert (tmp_path / "new.md").read_text().startswith("## 1992")


def test_issue_11_o_keeps_the_mode_of_a_file_it_replaces(run: Run, tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("notes\n")
    private.chmod(0o600)
    assert run("export", "timelines", "-o", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("## 1992")
    shared = tmp_path / "shared.md"
    shared.write_text("x")
    shared.chmod(0o664)
    run("export", "timelines", "-o", str(shared))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


def test_issue_11_o_writes_into_a_fifo_and_leaves_it_one(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "chrono", "export", "timelines", "-f", "md", "-o", str(fifo)],
        cwd=ROOT, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got[0].startswith(b"## 1992")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_issue_11_o_writes_to_a_device_as_it_is(device: str) -> None:
    before = os.stat("/dev/null")
    done = subprocess.run(
        [sys.executable, "-m", "chrono", "export", "timelines", "-f", "csv", "-o", device],
        cwd=ROOT, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.stat("/dev/null").st_ino == before.st_ino
    if device == "/dev/stdout":
        assert done.stdout.startswith(b"date,title,")


# --------------------------------------------------------------------------- found by a new user


def test_an_open_start_has_a_heading_of_its_own(run: Run, write: Callable[..., str]) -> None:
    """`../1994` sorts before every date; filed under 1994, it split 1994 in two."""
    path = write("open.yaml", "- {date: ../1994, title: Before}\n- {date: -0043, title: Ides}\n"
                              "- {date: 1994-05-04, title: PfP}\n")  # fmt: skip
    headings = [line for line in run("export", path, "-f", "md").stdout.splitlines()
                if line.startswith("## ")]  # fmt: skip
    assert headings == ["## … – 1994", "## 44 BCE", "## 1994"]
    sections = [line.strip() for line in run("export", path, "-f", "mermaid").stdout.splitlines()
                if "section" in line]  # fmt: skip
    assert sections == ["section … – 1990s", "section 40s BCE", "section 1990s"]


def test_verbose_says_the_most_precise_date_was_kept(run: Run, write: Callable[..., str]) -> None:
    path = write("t.yaml", "- {date: 2025-Q3, title: Summit in Baku, id: s}\n"
                           "- {date: 2025-07-08, title: Summit in Baku, id: s}\n")  # fmt: skip
    result = run("show", path, "-v")
    assert (
        f"chrono:   date differs, kept the most precise ({path}:2); also: '2025-Q3' ({path}:1)"
        in result.stderr
    )


def test_import_writes_yaml_only(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("date,title\n1994,Fine\n")
    result = run("import", str(source), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2
    assert "import writes a timeline file (.yaml), not json" in result.stderr
    assert run("import", str(source), "-o", str(tmp_path / "out.yml")).exit_code == 0


def test_import_hints_at_skip_invalid_only_when_it_would_help(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("when,what\n1994,Fine\n")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "chrono: nothing imported"
    assert "import [OPTIONS] FILE" in run("import").stderr


def test_show_format_points_to_export_for_a_file_format(run: Run) -> None:
    result = run("show", "timelines", "--format", "md")
    assert result.exit_code == 2
    assert "'md' is a format of chrono export (chrono export --format md)" in result.stderr


@pytest.mark.parametrize("command", ["show", "import"])
def test_day_first_and_month_first_together_are_refused(run: Run, command: str) -> None:
    path = "timelines" if command == "show" else str(DATA / "google_export.csv")
    result = run(command, path, "--day-first", "--month-first")
    assert result.exit_code == 2
    assert "--day-first and --month-first contradict each other" in result.stderr


def test_an_option_of_another_format_is_a_usage_error(run: Run) -> None:
    """`--lanes` with Markdown would do nothing; chrono says so instead of ignoring it."""
    result = run("export", "--format", "md", "--lanes", "tag")
    assert result.exit_code == 2
    assert "--lanes is an option of svg and html, not of md" in result.stderr
    assert run("export", "--format", "json", "--md-style", "table").exit_code == 2
    assert run("export", "--format", "mermaid", "--group-by", "year").exit_code == 0
