"""Reading timeline files (SPEC §1) and reporting what is wrong with them (SPEC §6, §7)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chrono.loading import expand_paths, load_paths, load_text
from chrono.merging import merge_events


def messages(loaded_problems: object) -> list[str]:
    return [str(p) for p in loaded_problems]  # type: ignore[attr-defined]


def test_yaml_implicit_typing_keeps_the_written_text(timeline: Callable[[str], str]) -> None:
    loaded = load_paths([timeline("yaml_typing")])
    assert not loaded.has_errors  # (`time` and `code` are fields chrono does not know)
    assert [p.message.split(" (")[0].split(";")[0] for p in loaded.problems] == [
        "unknown field 'time'",
        "unknown field 'code'",
    ]
    by_title = {e.title: e for e in loaded.events}
    trap = by_title["2025"]  # `title: 2025` stays text
    assert trap.date.text == "1994"
    assert trap.tags == ("NO", "on", "yes", "null", "2025", "1.0")
    assert dict(trap.extra) == {"time": "12:30", "code": "0500"}  # not 750, not 320
    assert by_title["Quoted: yes"].location == "NO"  # not False
    assert by_title["Octal year"].date.display() == "500 CE"  # not year 320
    assert by_title["Octal BCE year"].date.display() == "44 BCE"  # not -35


def test_both_shapes_and_several_documents(timeline: Callable[[str], str]) -> None:
    loaded = load_paths([timeline("multi_document")])
    assert [e.title for e in loaded.events] == ["One", "Two", "Three"]
    assert loaded.titles == ("First document", "Third")
    three = loaded.events[2]
    assert three.timezone == "America/New_York"
    # (the clock time as written, with New York's offset then: an instant, SPEC §7)
    assert three.date.iso_bounds() == ("2003-01-01T09:00-05:00", "2003-01-01T09:00-05:00")


def test_every_event_remembers_file_and_line(timeline: Callable[[str], str]) -> None:
    path = timeline("multi_document")
    origins = [(e.origin.path, e.origin.line) for e in load_paths([path]).events]
    assert origins == [(path, 3), (path, 5), (path, 12)]


def test_merge_keys_apply_and_explicit_keys_win(timeline: Callable[[str], str]) -> None:
    events = load_paths([timeline("merge_keys")]).events
    assert [(e.tags, e.location) for e in events] == [
        (("nato",), "Brussels"),
        (("nato",), "Madrid"),
    ]


def test_folders_are_read_recursively_in_sorted_order(
    write: Callable[[str, str], str], tmp_path: Path
) -> None:
    write("b.yaml", "- {date: 2002, title: B}\n")
    write("a/z.yml", "- {date: 2001, title: AZ}\n")
    write("a/c.yaml", "- {date: 2003, title: AC}\n")
    write(".hidden/x.yaml", "- {date: 2004, title: hidden}\n")
    write("notes.txt", "not a timeline")
    files, problems = expand_paths([str(tmp_path)])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == [
        "a/c.yaml",
        "a/z.yml",
        "b.yaml",
    ]
    assert problems == []


def test_a_file_named_twice_is_read_once(
    run: Callable[..., Any], write: Callable[[str, str], str]
) -> None:
    """`x.yaml ./x.yaml`, or a folder and a file in it, read the file twice: each event
    "merged" with itself, and printed twice with `--dedupe none` (a new user's report)."""
    one = write("t/one.yaml", "- {date: 2025-08-08, title: Only one}\n")
    folder = str(Path(one).parent)
    files, _ = expand_paths([one, folder, str(Path(folder) / "." / "one.yaml"), one])
    assert files == [one]
    result = run("show", one, folder, "--dedupe", "none", "-v", "--no-cache")
    assert result.stdout.count("Only one") == 1
    assert "merged" not in result.stderr


def test_empty_folder_and_empty_file_are_warnings(
    write: Callable[[str, str], str], tmp_path: Path
) -> None:
    (tmp_path / "nothing").mkdir()
    empty = write("empty.yaml", "")
    loaded = load_paths([str(tmp_path / "nothing"), empty])
    assert messages(loaded.problems) == [
        f"{tmp_path / 'nothing'}: warning: no *.yaml or *.yml files in this folder",
        f"{empty}:1:1: warning: file has no events",
    ]
    assert not loaded.has_errors


def test_every_problem_in_one_run_at_the_node(timeline: Callable[[str], str]) -> None:
    path = timeline("bad_events")
    loaded = load_paths([path])
    assert [e.title for e in loaded.events] == ["good event"]
    assert loaded.invalid == 10
    assert [m.replace(path, "F") for m in messages(loaded.problems)] == [
        "F:3:11: impossible date '2025-02-30' (February 2025 has 28 days)",
        "F:5:5: event has no date",
        "F:6:5: event has no title",
        "F:8:12: title must be text",
        (
            "F:9:11: unknown date form 'sometime' (e.g. 1994, 1994-05, 1994-05-04, "
            "2025-08-08T14:30, ~2025-08, 199X, -0043-03-15, 1994/..)"
        ),
        "F:15:5: duplicate key 'title' (first at line 14)",
        "F:18:12: tags must be text or a list of text",
        "F:19:5: an event must be a mapping with 'date' and 'title'",
        "F:21:10: interval '2000/1990' ends before it starts",
        "F:25:15: unknown time zone 'Mars/Olympus' (expected an IANA name such as Asia/Baku)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("events: 3\n", "1:9: 'events' must be a list of events", id="events-scalar"),
        pytest.param(
            "title: x\n", "1:1: expected an 'events' list, or a list of events", id="no-events"
        ),
        pytest.param(
            "just text\n",
            "1:1: expected a list of events or a mapping with 'events'",
            id="scalar-doc",
        ),
        pytest.param("- {date: 1994, title: [x\n", "2:1: invalid YAML:", id="syntax"),
        pytest.param(  # (was at the end of the file: "found unexpected end of stream")
            "- {date: 1994, title: a}\n- {date: 1995, title: 'b}\n- {date: 1996, title: c}\n",
            "2:23: invalid YAML: the quote opened here is not closed (found unexpected end "
            "of stream at line 4)",
            id="unclosed-quote",
        ),
        pytest.param(  # (a new user's trial: PyYAML's words alone did not say what to do)
            "- date: 2025-08-08\n  title: Colon: in title\n",
            "2:15: invalid YAML: mapping values are not allowed in this context (a value "
            'with ": " in it is written in quotes: title: "Colon: in title")',
            id="colon-in-a-value",
        ),
        pytest.param(  # (a reviewer's: the hint said to quote where a line break was lost)
            "- date: 2025-08-08 title: Talks\n",
            "1:25: invalid YAML: mapping values are not allowed in this context (each field "
            "goes on its own line: 'title:' starts one)",
            id="two-fields-on-a-line",
        ),
        pytest.param(  # (a reviewer's: not every problem in a quoted text is its quote)
            '- {date: 1994, title: "a \\q b"}\n',
            "1:26: invalid YAML: found unknown escape",
            id="bad-escape-in-a-quote",
        ),
        pytest.param(
            "- {date: 1994, title: x, tags: *nope}\n",
            "1:32: alias '*nope' names no anchor",
            id="undefined-alias",
        ),
        pytest.param(
            "- &a {date: 1994, title: x, self: *a}\n",
            "1:35: alias '*a' refers to a node that contains it",
            id="recursive-alias",
        ),
        pytest.param("- {date: 1994, title: '  '}\n", "1:23: title is empty", id="blank-title"),
        pytest.param("- {end: 1994, title: x}\n", "1:9: 'end' needs a 'start'", id="end-only"),
        pytest.param(
            "- {date: 1994, start: 1990, title: x}\n",
            "1:23: give either 'date' or 'start'/'end', not both",
            id="date-and-start",
        ),
        pytest.param(
            "- {date: [1994], title: x}\n", "1:10: a date must be written as text", id="date-list"
        ),
        pytest.param(
            "- {date: 1994, title: x, location: [a]}\n",
            "1:36: location must be text",
            id="location-list",
        ),
        pytest.param(
            "- {date: 1994, title: !custom x}\n", "1:23: refused YAML tag '!custom'", id="local-tag"
        ),
    ],
)
def test_problem_positions(text: str, expected: str) -> None:
    loaded = load_text(text, "t.yaml")
    assert any(m.startswith(f"t.yaml:{expected}") for m in messages(loaded.problems)), messages(
        loaded.problems
    )
    assert loaded.has_errors


def test_test_alias_bomb_refused_without_growing(timeline: Callable[[str], str]) -> None:
    path = timeline("alias_bomb")
    loaded = load_paths([path])
    assert loaded.events == ()
    assert messages(loaded.problems) == [
        f"{path}:5:4: YAML aliases expand to too many nodes (an alias bomb?)"
    ]


def test_python_object_tags_refused(timeline: Callable[[str], str]) -> None:
    path = timeline("python_tag")
    loaded = load_paths([path])
    assert loaded.events == ()
    assert messages(loaded.problems) == [
        (
            f"{path}:3:12: refused YAML tag '!!python/object/apply:os.system' "
            "(chrono reads plain data only)"
        )
    ]


def test_invalid_utf8_points_at_the_first_bad_byte(write: Callable[[str, bytes], str]) -> None:
    path = write("latin1.yaml", "events:\n  - date: 1994\n    title: café\n".encode("latin-1"))
    assert messages(load_paths([path]).problems) == [
        f"{path}:3:15: invalid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_utf8_bom_is_accepted(write: Callable[[str, bytes], str]) -> None:
    path = write("bom.yaml", "\ufeff- {date: 1994, title: Baku}\n".encode())
    loaded = load_paths([path])
    assert [e.title for e in loaded.events] == ["Baku"]
    assert loaded.problems == ()


def test_unreadable_file_is_reported_without_position(write: Callable[[str, str], str]) -> None:
    path = write("dir.yaml/inner.yaml", "")  # a folder named like a file
    loaded = load_paths([path.rsplit("/", 1)[0] + "/missing.yaml"])
    (problem,) = loaded.problems
    assert str(problem).endswith("missing.yaml: cannot read file: No such file or directory")


def test_titles_fold_line_breaks_and_descriptions_keep_them() -> None:
    text = "- date: 1994\n  title: |\n    two\n    lines\n  description: |\n    a\n    b\n"
    (event,) = load_text(text).events
    assert event.title == "two lines"
    assert event.description == "a\nb"


def test_start_and_end_are_an_interval() -> None:
    text = "- {start: 1994, end: 2025-08-08, title: A}\n- {start: 1994, title: B}\n"
    a, b = load_text(text).events
    assert (a.date.text, a.date.display()) == ("1994/2025-08-08", "1994 – 8 Aug 2025")
    assert (
        a.date.meaning()
        == load_text("- {date: 1994/2025-08-08, title: A}").events[0].date.meaning()
    )
    assert b.date.text == "1994/.."


def test_single_tag_and_source_strings_are_lists() -> None:
    (event,) = load_text("- {date: 1994, title: x, tags: nato, sources: 'NATO archive'}").events
    assert (event.tags, event.sources) == (("nato",), ("NATO archive",))


def test_a_blank_description_is_no_description() -> None:
    """Found by the YAML round-trip property: " " became "" and then None."""
    (event,) = load_text("- {date: 1994, title: A, description: ' '}").events
    assert event.description is None


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        pytest.param("tag", "did you mean 'tags'?", id="tag"),
        pytest.param("source", "did you mean 'sources'?", id="source"),
        pytest.param("url", "did you mean 'sources'?", id="url"),
        pytest.param("desc", "did you mean 'description'?", id="desc"),
        pytest.param("place", "did you mean 'location'?", id="place"),
        pytest.param("Title", "did you mean 'title'?", id="capital"),
        pytest.param("descripton", "did you mean 'description'?", id="typo"),
        pytest.param("time", "a time of day goes in the date: date: 2025-08-08T14:30", id="time"),
    ],
)
def test_issue_11_a_misspelt_key_is_a_warning_at_the_key(key: str, hint: str) -> None:
    """`tag: nato` passed validate, and `--tag nato` then found nothing."""
    loaded = load_text(f"- date: 2025-08-08\n  title: Talks\n  {key}: nato\n", "t.yaml")
    (problem,) = loaded.problems
    assert str(problem) == f"t.yaml:3:3: warning: unknown field '{key}' ({hint}); kept as it is"
    (event,) = loaded.events
    assert event.extra[key] == "nato"  # still kept, and exported as another key


def test_an_unknown_key_without_a_likeness_warns_plainly_and_rrule_not_at_all() -> None:
    loaded = load_text("- {date: 1994, title: A, mood: calm, rrule: FREQ=YEARLY}\n", "t.yaml")
    assert [p.message for p in loaded.problems] == ["unknown field 'mood'; kept as it is"]


def test_an_unknown_key_at_the_top_level_is_a_warning_at_the_key() -> None:
    """`Events:` lost its events and `timezon:` its zone, with no word, even under
    `validate --strict` (a new user's report)."""
    loaded = load_text("title: T\ntimezon: Asia/Baku\nEvents:\n- {date: 2025, title: lost}\n"
                       "author: me\nevents:\n- {date: 2025-08-08T10:00, title: kept}\n",
                       "t.yaml")  # fmt: skip
    said = "; not read: chrono reads 'title', 'timezone' and 'events' there"
    assert [str(p) for p in loaded.problems] == [
        f"t.yaml:2:1: warning: unknown key 'timezon' at the top level (did you mean 'timezone'?){said}",
        f"t.yaml:3:1: warning: unknown key 'Events' at the top level (did you mean 'events'?){said}",
        f"t.yaml:5:1: warning: unknown key 'author' at the top level{said}",
    ]  # fmt: skip
    assert [e.title for e in loaded.events] == ["kept"]


def test_an_empty_id_or_location_is_absent() -> None:
    """`location: ''` came through merge while `description: ''` did not, and two events
    with `id: ""` merged as one (a new user's report): an empty field is absent."""
    loaded = load_text("timezone: ''\nevents:\n- {date: 2025, title: a, id: '', location: ''}\n"
                       "- {date: 2025, title: b, id: ' ', timezone: ''}\n", "t.yaml")  # fmt: skip
    assert [(e.id, e.location) for e in loaded.events] == [(None, None), (None, None)]
    assert [e.timezone for e in loaded.events] == [None, None]  # (was: unknown time zone '')
    clock = load_text("timezone: ''\nevents:\n- {date: 2025-08-08T10:00, title: c}\n", "t.yaml")
    assert (clock.problems, clock.invalid) == ((), 0)  # (floating, as with no timezone)
    assert loaded.problems == ()
    assert len(merge_events(loaded.events).events) == 2


def test_clock_times_in_an_unknown_timeline_zone_are_invalid_not_floating() -> None:
    """With --skip-invalid, `timezone: Asia/Bakuu` left its clock times floating, a
    meaning the author did not give them, and "skipped 0 invalid events" (a new user's
    report). They are invalid; days, offsets and an event's own zone are read."""
    loaded = load_text("timezone: Asia/Bakuu\nevents:\n"
                       "- {date: 2025-08-08T14:30, title: Clock}\n"
                       "- {date: 2025-08-08, title: Day}\n"
                       "- {date: 2025-08-08T14:30+04:00, title: Offset}\n"
                       "- {date: 2025-08-08T14:30, title: Own, timezone: Asia/Baku}\n",
                       "t.yaml")  # fmt: skip
    assert [e.title for e in loaded.events] == ["Day", "Offset", "Own"]
    assert loaded.invalid == 1
    at_end = load_text("timezone: Asia/Bakuu\nevents:\n"
                       "- {start: 2025-08-08, end: 2025-08-09T10:00, title: e}\n", "t.yaml")  # fmt: skip
    assert str(at_end.problems[1]).startswith("t.yaml:3:28: a clock time")  # (at its `end`)
    assert [str(p) for p in loaded.problems][1] == (
        "t.yaml:3:10: a clock time read in the timeline's timezone, which is unknown (line "
        "1): give an offset or fix the zone"
    )


def test_issue_11_one_id_two_dates_is_a_warning() -> None:
    loaded = load_text("- {date: 2025-08-08, title: Peace, id: p}\n"
                       "- {date: 2025-08-09, title: Peace, id: p}\n"
                       "- {date: 2025-08-08, title: Peace, id: p}\n", "t.yaml")  # fmt: skip
    (problem,) = loaded.problems  # the third agrees with the first
    assert problem.line == 2
    assert "id 'p' is also the id of 'Peace' (2025-08-08, t.yaml:1), with another date" in (
        problem.message
    )


def test_keys_the_bridges_import_writes_are_not_unknown() -> None:
    """`chrono import` of Markwhen and TimelineJS writes `recurrence` and `display_date`;
    reading its own output must not warn about them."""
    text = "- {date: 1994, title: A, recurrence: every year, display_date: Summer 1994}\n"
    assert load_text(text, "t.yaml").problems == ()


def test_an_indentation_gone_wrong_gets_no_quoting_advice() -> None:
    """The hint to quote a value with `: ` was given where a line was indented too far
    (a reviewer's)."""
    loaded = load_text("- date: 2025-08-08\n  title: Talks\n   tags: x\n", "t.yaml")
    assert messages(loaded.problems) == [
        "t.yaml:3:8: invalid YAML: mapping values are not allowed in this context"
    ]


def test_start_or_end_written_as_dots_is_an_open_side() -> None:
    """`start: 1850` with `end: ..` was refused (`unknown date form '..'`), though
    `date: 1850/..` is read (a novelist's trial)."""
    text = ("- {start: 1850, end: .., title: Open end}\n"
            "- {start: .., end: 1850, title: Open start}\n")  # fmt: skip
    loaded = load_text(text, "t.yaml")
    assert not loaded.problems
    assert [e.date.text for e in loaded.events] == ["1850/..", "../1850"]
