"""The bridges end to end (issue #13): `export` to TimelineJS and Markwhen, `import` of
their files (a `.json` told by what it holds), their errors, and a chronology that goes
through both tools and comes back the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from chrono.dates import parse_date
from chrono.loading import load_paths, load_text
from chrono.merging import merge_events
from chrono.model import Event
from chrono.precision import Precision
from tests.conftest import DATA, ROOT

Run = Callable[..., Result]
SHIPPED = str(ROOT / "timelines")


def _imported(run: Run, path: Path, text: str, *options: str) -> tuple[Path, Result]:
    """`chrono import` of a file of this text, and the file."""
    path.write_text(text, encoding="utf-8")
    return path, run("import", *options, str(path))


# A TimelineJS file as its users write them (the shape of Knight Lab's JSON docs):
# strings for numbers, a display date of their own, HTML text with a link, a group.
STORY = """\
{
  "title": {"text": {"headline": "Whitney <i>Houston</i>", "text": "<p>A life</p>"}},
  "events": [
    {
      "start_date": {"year": "1963", "month": "8", "day": "9"},
      "text": {"headline": "Born in Newark", "text": "<p>Her mother is <b>Cissy</b> Houston.</p>"},
      "media": {"url": "https://example.org/photo.jpg"},
      "group": "Life"
    },
    {
      "start_date": {"year": "1985"},
      "end_date": {"year": "1986"},
      "display_date": "Mid-eighties",
      "text": {"headline": "First album", "text": "See <a href='https://example.org/album'>the album</a>."},
      "unique_id": "first-album"
    },
    {
      "start_date": {"year": -44, "month": 3, "day": 15},
      "text": {"headline": "An older date"}
    }
  ]
}
"""


def events_of(yaml_text: str) -> tuple[Event, ...]:
    loaded = load_text(yaml_text, "imported.yaml")
    assert [p for p in loaded.problems if p.is_error] == []
    return merge_events(loaded.events).events


def kept(events: tuple[Event, ...]) -> list[tuple[object, ...]]:
    """What both bridges keep of an event: the date's meaning and every field chrono knows
    (not a `timezone`, other keys or conflicts)."""
    return [
        (e.date.meaning(), e.title, e.description, e.location, e.tags, e.sources, e.id)
        for e in events
    ]


# --------------------------------------------------------------------------- export


def test_export_timelinejs_tells_every_event(run: Run) -> None:
    result = run("export", SHIPPED, "--format", "timelinejs")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    shipped = merge_events(load_paths([SHIPPED]).events).events
    assert len(document["events"]) == len(shipped)
    assert [html_text(s["text"]["headline"]) for s in document["events"]] == [
        e.title for e in shipped
    ]
    assert all("group" not in s for s in document["events"])  # --groups none by default
    ids = [s["unique_id"] for s in document["events"]]
    assert len(set(ids)) == len(ids)
    assert run("export", SHIPPED, "--format", "timelinejs").stdout == result.stdout  # stable


def html_text(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.parametrize(
    ("by", "groups"), [("tag", ["nato"] * 3), ("source", ["azerbaijan-nato.yaml"] * 3)]
)
def test_export_timelinejs_groups_by_first_tag_or_source(
    run: Run, by: str, groups: list[str]
) -> None:
    result = run("export", SHIPPED, "--format", "timelinejs", "--groups", by, "--tag", "pfp")
    assert result.exit_code == 0, result.stderr
    assert [s["group"] for s in json.loads(result.stdout)["events"]] == groups


def test_groups_is_a_usage_error_with_another_format_or_value(run: Run) -> None:
    result = run("export", SHIPPED, "--format", "md", "--groups", "tag")
    assert result.exit_code == 2
    assert "--groups is an option of timelinejs, not of md" in result.stderr
    assert run("export", SHIPPED, "--format", "timelinejs", "--groups", "year").exit_code == 2


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("x.mw", "44 BCE: Year of the Ides\n"),  # Markwhen
        ("x.timelinejs.json", '{\n  "events": ['),  # TimelineJS: the longest suffix wins
        ("x.json", '[\n  {\n    "title": "Year of the Ides"'),  # chrono's JSON
    ],
)
def test_export_takes_the_format_from_the_suffix(
    run: Run, tmp_path: Path, name: str, starts: str
) -> None:
    out = tmp_path / name
    result = run("export", str(DATA / "bce_and_decades.yaml"), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith(starts)


# --------------------------------------------------------------------------- import


@pytest.mark.parametrize("suffix", [".mw", ".timelinejs.json", ".json"])
def test_export_then_import_gives_back_the_same_events(
    run: Run, tmp_path: Path, suffix: str
) -> None:
    source = str(DATA / "hostile_text.yaml")
    out = tmp_path / f"hostile{suffix}"
    fmt = "timelinejs" if suffix == ".json" else None  # a TimelineJS file named .json
    args = ["--format", fmt] if fmt else []
    assert run("export", source, "-o", str(out), *args).exit_code == 0
    imported = run("import", str(out))
    assert imported.exit_code == 0, imported.stderr
    assert kept(events_of(imported.stdout)) == kept(
        merge_events(load_paths([source]).events).events
    )


def test_import_tells_timelinejs_from_chronos_json_by_content(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(STORY, encoding="utf-8")
    result = run("import", str(story))
    assert result.exit_code == 0
    assert "the title slide's text is left out" in result.stderr  # (its `A life`)
    events = events_of(result.stdout)
    assert load_text(result.stdout).titles == ("Whitney Houston",)
    by_title = {e.title: e for e in events}
    born, album, older = (by_title[t] for t in ("Born in Newark", "First album", "An older date"))
    assert (older.title, older.date.display()) == ("An older date", "15 Mar 44 BCE")
    assert (born.date.text, born.tags, born.description) == (
        "1963-08-09",
        ("Life",),
        "Her mother is Cissy Houston.",
    )
    assert born.sources == ("https://example.org/photo.jpg",)
    assert (album.date.text, album.id, album.sources) == (
        "1985/1986",
        "first-album",
        ("https://example.org/album",),
    )
    assert album.extra["display_date"] == "Mid-eighties"  # not a date: kept as read
    as_json = tmp_path / "events.json"
    assert run("export", str(DATA / "bce_and_decades.yaml"), "-o", str(as_json)).exit_code == 0
    back = run("import", str(as_json))
    assert back.exit_code == 0, back.stderr
    assert len(events_of(back.stdout)) == 5  # chrono's own JSON, read as JSON


def test_import_format_chooses_without_looking(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(STORY, encoding="utf-8")
    result = run("import", str(story), "--format", "json")
    assert result.exit_code == 1
    assert (
        f"{story}:1:1: this is TimelineJS's JSON, not chrono's: import it with --format timelinejs"
        in result.stderr
    )
    mw = "title: Plans\n\n2025-08: Launch #space\n"
    from_stdin = run("import", "-", "--format", "markwhen", stdin=mw)
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert [(e.date.text, e.title, e.tags) for e in events_of(from_stdin.stdout)] == [
        ("2025-08", "Launch", ("space",))
    ]
    assert run("import", "-", stdin=mw).exit_code == 2  # stdin needs --format
    assert run("import", str(story), "--format", "nope").exit_code == 2


def test_import_of_a_markwhen_document_users_write(run: Run) -> None:
    result = run("import", str(DATA / "markwhen" / "project-plan.mw"))
    assert result.exit_code == 0, result.stderr
    events = {e.title: e for e in events_of(result.stdout)}
    assert events["Wireframes"].date.text == "2025-03-04/2025-03-17"  # after !kickoff 2 weeks
    assert events["Design sprint"].location == "Berlin"
    assert events["Design sprint"].id == "design"
    assert events["Budget approved"].tags == ("finance", "Planning", "planning")
    assert events["Launch party"].date.text == "2025-07-01T15:00"  # 3pm
    assert events["Hiring round"].date.text == "2025-04"  # 04/2025


def test_import_reads_markwhens_older_groups_as_sections(run: Run) -> None:
    """`group Name` ... `endGroup` (Markwhen before 1.0) tag the events inside."""
    result = run("import", str(DATA / "markwhen_legacy_groups.mw"))
    assert result.exit_code == 0, result.stderr
    assert [(e.title, e.tags) for e in events_of(result.stdout)] == [
        ("Start", ("Phase 1", "alpha")),
        ("Finish", ("Later",)),
        ("After", ()),
    ]


def test_import_leaves_out_lines_of_no_event_with_a_warning(run: Run, tmp_path: Path) -> None:
    mw = tmp_path / "plans.mw"
    mw.write_text("title: Plans\n\n# Phase 1\nloose note\n2025-08: Fine\n", encoding="utf-8")
    result = run("import", str(mw))
    assert result.exit_code == 0
    assert result.stderr == f"{mw}:4:1: warning: not part of an event, left out: 'loose note'\n"
    assert [e.title for e in events_of(result.stdout)] == ["Fine"]


def test_import_errors_name_the_file_and_line(run: Run, tmp_path: Path) -> None:
    mw = tmp_path / "plans.mw"
    mw.write_text(
        "title: Plans\n\n2025-08: Fine\n\nAug 8: No year\n\nafter !nothing 2 days: Lost\n",
        encoding="utf-8",
    )
    result = run("import", str(mw))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{mw}:5:1: date 'Aug 8' has no year (Markwhen would take this year's)",
        f"{mw}:7:1: relative date 'after !nothing 2 days': no event before it has id 'nothing'",
        "chrono: nothing imported (--skip-invalid imports the rest)",
    ]
    skipped = run("import", str(mw), "--skip-invalid")
    assert skipped.exit_code == 0
    assert [e.title for e in events_of(skipped.stdout)] == ["Fine"]
    story = tmp_path / "story.json"
    story.write_text(
        '{"events": [\n  {"start_date": {"year": 1994}, "text": {"headline": "Fine"}},\n'
        '  {"start_date": {"month": 5}, "text": {"headline": "No year"}}\n]}\n',
        encoding="utf-8",
    )
    result = run("import", str(story))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{story}:3:3: slide 2: start_date has no year"
    broken = tmp_path / "broken.timelinejs.json"
    broken.write_text('{"events": [\n  {"start_date": }\n]}', encoding="utf-8")
    result = run("import", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{broken}:2:18: invalid JSON: Expecting value")


# --------------------------------------------------------------------------- across tools


@pytest.mark.parametrize(
    "source", [SHIPPED, str(DATA / "hostile_text.yaml"), str(DATA / "bce_and_decades.yaml")]
)
def test_a_chronology_through_timelinejs_and_markwhen_comes_back_the_same(
    run: Run, tmp_path: Path, source: str
) -> None:
    """chrono YAML -> TimelineJS JSON -> chrono -> Markwhen -> chrono."""
    story, first, plans, second = (tmp_path / n for n in ("story.json", "a.yaml", "p.mw", "b.yaml"))
    assert run("export", source, "--format", "timelinejs", "-o", str(story)).exit_code == 0
    assert run("import", str(story), "-o", str(first)).exit_code == 0
    assert run("export", str(first), "-o", str(plans)).exit_code == 0
    assert run("import", str(plans), "-o", str(second)).exit_code == 0
    original = merge_events(load_paths([source]).events).events
    again = merge_events(load_paths([str(second)]).events).events
    assert kept(again) == kept(original)
    assert run("show", str(second)).stdout == run("show", source).stdout


def test_a_title_slides_text_is_said_to_be_left_out(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(
        '{"title": {"text": {"headline": "Story", "text": "<p>An intro</p>"}},\n'
        ' "events": [{"start_date": {"year": 1994}, "text": {"headline": "A"}}]}\n',
        encoding="utf-8",
    )
    result = run("import", str(story))
    assert result.exit_code == 0
    assert (
        f"{story}:1:1: warning: the title slide's text is left out: a timeline file keeps "
        "only its title" in result.stderr
    )
    assert "title: Story" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000, "1:1: invalid JSON: nested too deeply to read"),
        ('{"events": [{"start_date": {"year": 1994}, "text": {"headline": "a\\ud800b"}}]}',
         "1:67: invalid JSON: half a surrogate pair ('ud800' alone is no character)"),
        ('[{"date": "1994", "title": "\\udc00"}]',
         "1:29: invalid JSON: half a surrogate pair ('udc00' alone is no character)"),
    ],
)  # fmt: skip
def test_json_chrono_cannot_hold_is_an_error_not_a_traceback(
    run: Run, tmp_path: Path, text: str, message: str
) -> None:
    path, result = _imported(run, tmp_path / "odd.json", text)
    assert result.exit_code == 1
    assert f"{path}:{message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pair_of_surrogates_and_an_escaped_backslash_are_fine(run: Run, tmp_path: Path) -> None:
    _, result = _imported(
        run, tmp_path / "fine.json", '[{"date": "1994", "title": "\\ud83d\\ude00 and \\\\ud800"}]'
    )
    assert result.exit_code == 0, result.stderr
    assert events_of(result.stdout)[0].title == "😀 and \\ud800"


def test_slide_text_that_goes_on_after_chronos_list_imports_at_once(
    run: Run, tmp_path: Path
) -> None:
    """(Its pattern once took seconds for each two more sources: a hang at forty.)"""
    text = '<p class="chrono-sources">Sources:</p><ul class="chrono-sources">'
    text += "<li>a</li>" * 60 + "a note added in TimelineJS"
    doc = {"events": [{"start_date": {"year": 1994}, "text": {"headline": "A", "text": text}}]}
    _, result = _imported(run, tmp_path / "story.json", json.dumps(doc))
    assert result.exit_code == 0
    assert "a note added in TimelineJS" in result.stdout


def test_a_long_markwhen_line_that_is_no_date_is_read_at_once(run: Run, tmp_path: Path) -> None:
    _, result = _imported(
        run, tmp_path / "long.mw", "2025-01-01: First\n\n1 day" + " " * 20_000 + "x: y\n"
    )
    assert result.exit_code == 0
    assert "First" in result.stdout


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ({"year": 1994, "month": -1}, "start_date.month must be from 1 to 12, not -1"),
        ({"year": 1994, "month": 1, "day": 1, "hour": -3}, "start_date.hour must be from 0 to 23, not -3"),
        ({"year": 1994, "month": 1, "day": 1, "hour": 1, "minute": 2, "second": 3, "millisecond": 1500},
         "start_date.millisecond must be from 0 to 999, not 1500"),
        ({"year": 1994, "day": 5}, "start_date has a day but no month"),
        ({"year": 1994, "month": 1, "day": 1, "minute": 30}, "start_date has a minute but no hour"),
        ({"year": "1_994"}, "start_date.year must be a whole number, not '1_994'"),
        ({"year": "١٩٩٤"}, "start_date.year must be a whole number, not '١٩٩٤'"),
        ({"year": True}, "start_date.year must be a whole number, not True"),
    ],
)  # fmt: skip
def test_timelinejs_fields_out_of_range_are_errors_not_other_dates(
    run: Run, tmp_path: Path, date: dict[str, object], message: str
) -> None:
    """Each of these once came back as another date (`1994--1` read as January 1994),
    or with a field dropped, without a word."""
    path = tmp_path / "story.json"
    doc = {"events": [{"start_date": date, "text": {"headline": "A"}}]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"slide 1: {message}" in result.stderr


def test_timelinejs_keeps_groups_as_text_free_display_dates_and_zoned_order(
    run: Run, tmp_path: Path
) -> None:
    """A tag `R&D <b>` is a group TimelineJS shows as written and that comes back;
    a display date that is no date (`Summer 1994`) goes out again as it came in; clock
    times in a named zone are placed by their instant, as offsets are."""
    timeline = tmp_path / "t.yaml"
    timeline.write_text(
        "timezone: America/New_York\nevents:\n"
        "- {date: 1994-06/1994-08, title: A summer, tags: ['R&D <b>'], display_date: Summer 1994}\n"
        "- {date: '2025-08-08T23:30', title: Late in New York}\n"
        "- {date: '2025-08-09T02:00Z', title: Early in London}\n",
        encoding="utf-8",
    )
    out = json.loads(
        run("export", str(timeline), "--format", "timelinejs", "--groups", "tag").stdout
    )
    slides = {s["text"]["headline"]: s for s in out["events"]}
    summer, late = slides["A summer"], slides["Late in New York"]
    # in chrono's order, which is TimelineJS's: 02:00 UTC before 23:30 in New York
    assert [s["text"]["headline"] for s in out["events"]][1:] == [
        "Early in London",
        "Late in New York",
    ]
    assert summer["group"] == "R&amp;D &lt;b&gt;"
    assert summer["display_date"] == "Summer 1994"
    assert (late["start_date"]["day"], late["start_date"]["hour"]) == (9, 3)  # 03:30 UTC
    assert late["display_date"] == "2025-08-08T23:30"
    path = tmp_path / "t.timelinejs.json"
    path.write_text(json.dumps(out), encoding="utf-8")
    back = {e.title: e for e in events_of(run("import", str(path)).stdout)}
    assert back["A summer"].tags == ("R&D <b>",)
    assert back["A summer"].extra["display_date"] == "Summer 1994"


def test_timelinejs_keeps_an_id_two_events_share_under_dedupe_none(
    run: Run, tmp_path: Path
) -> None:
    """A slide's unique_id must be its own, so the second event of one id got a made
    one, and its id was gone after import (an audit found it)."""
    (tmp_path / "a.yaml").write_text("- {id: x1, date: 2025-08-08, title: Signing}\n")
    (tmp_path / "b.yaml").write_text("- {id: x1, date: 2025-08-09, title: Signing ceremony}\n")
    out = tmp_path / "n.timelinejs.json"
    exported = run("export", "--dedupe", "none", str(tmp_path), "-f", "timelinejs", "-o", str(out))
    assert exported.exit_code == 0, exported.stderr
    slides = json.loads(out.read_text())["events"]
    assert len({slide["unique_id"] for slide in slides}) == 2
    imported = run("import", str(out))
    assert imported.exit_code == 0, imported.stderr
    records = yaml.safe_load(imported.stdout)["events"]  # (as read, before merging by id)
    assert [(r["title"], r.get("id")) for r in records] == [
        ("Signing", "x1"),
        ("Signing ceremony", "x1"),
    ]


def test_timelinejs_import_names_the_slide_and_what_it_leaves_out(run: Run, tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(
        '{"scale": "human", "eras": [{"start_date": {"year": 1990}}],\n'
        ' "events": [\n'
        '  {"start_date": {"year": 1994}, "text": {"headline": "Fine"},'
        ' "media": {"url": "https://example.org/p.jpg", "caption": "A photo", "credit": "AP"}},\n'
        '  {"text": {"headline": "No date"}},\n'
        '  {"start_date": {"year": "abc"}, "text": {}}\n]}\n',
        encoding="utf-8",
    )
    result = run("import", str(story), "--skip-invalid")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:5] == [  # (in reading order)
        f"{story}:1:1: warning: left out: the timeline's eras and scale",
        f"{story}:3:3: warning: slide 1: left out: media caption, media credit",
        f"{story}:4:3: slide 2: start_date must be an object with a year",
        # (both of a slide's problems: it said only the first)
        (
            f"{story}:5:3: slide 3: has no headline (text.headline), which chrono needs as its "
            "title; start_date.year must be a whole number, not 'abc'"
        ),
        "chrono: skipped 2 invalid events",
    ]


def test_json_import_reports_impossible_dates_as_the_other_importers_do(
    run: Run, tmp_path: Path
) -> None:
    """(It wrote them into YAML that chrono then refused.)"""
    path = tmp_path / "bad.json"
    path.write_text(
        '[{"title": "fine", "date": "1994"}, {"title": "bad", "date": "2025-02-30"},\n'
        ' {"title": "worse", "date": "not a date"}]',
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 1
    # at the date, as the YAML reader says (they said `event 2` and no line)
    assert f"{path}:1:62: event 2: impossible date '2025-02-30'" in result.stderr
    assert f"{path}:2:29: event 3: " in result.stderr
    assert "Traceback" not in result.stderr


_BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("name", "first_line"),
    [
        ("story.yaml", b"- {date: 1996, title: ok}\n"),
        ("story.mw", b"1996: ok\n"),
        ("story.csv", b"date,title\n"),
        ("story.json", b"[\n"),
    ],
)
@pytest.mark.parametrize("bom", [b"", _BOM])
def test_invalid_utf8_is_reported_at_its_byte_with_or_without_a_bom(
    run: Run, tmp_path: Path, name: str, first_line: bytes, bom: bytes
) -> None:
    """(After a BOM it was reported three bytes early: `1:24`, the wrong byte.)"""
    path = tmp_path / name
    path.write_bytes(bom + first_line + b"ab\xff\n")
    result = run("show", str(path)) if name.endswith(".yaml") else run("import", str(path))
    said = "warning: not UTF-8" if name.endswith(".csv") else "invalid UTF-8"  # (cp1252)
    assert f"{path}:2:3: {said} (byte 0xff)" in result.stderr
    assert "Traceback" not in result.stderr


def test_markwhen_export_says_which_other_keys_it_leaves_out(run: Run, tmp_path: Path) -> None:
    """A key with no value went with no word (a new user's report), as a key Markwhen's
    property lines cannot name (its `\\w` is ASCII) goes with one."""
    path = tmp_path / "t.yaml"
    path.write_text("- {date: 2025, title: a, empty: , ключ: x, kept: 1}\n", encoding="utf-8")
    result = run("export", str(path), "--format", "markwhen", "-q")
    assert result.stdout == '2025: a\nkept: "1"\n'
    warned = run("export", str(path), "--format", "markwhen").stderr.splitlines()
    assert warned[-2:] == [
        "chrono: warning: markwhen: left out other keys that cannot be property names: 'ключ'",
        "chrono: warning: markwhen: left out other keys with no value: 'empty'",
    ]


@pytest.mark.parametrize(
    "tags", [["Foreign policy", "nato"], ["nato", "Foreign policy"], ["a b", "x", "c d", "y"]]
)
def test_markwhen_round_trip_keeps_the_order_of_tags(
    run: Run, tmp_path: Path, tags: list[str]
) -> None:
    """The first tag draws `--lanes tag` and TimelineJS's groups: its order is meaning."""
    source = tmp_path / "t.yaml"
    source.write_text(yaml.safe_dump([{"date": "1994", "title": "PfP", "tags": tags}]))
    exported = run("export", "--format", "markwhen", str(source))
    (tmp_path / "t.mw").write_text(exported.stdout, encoding="utf-8")
    imported = run("import", str(tmp_path / "t.mw"))
    assert events_of(imported.stdout)[0].tags == tuple(tags)
    (tmp_path / "back.yaml").write_text(imported.stdout, encoding="utf-8")
    again = run("export", "--format", "markwhen", str(tmp_path / "back.yaml"))
    assert again.stdout == exported.stdout


def test_json_keeps_fields_named_as_its_own_keys_under_other(run: Run, tmp_path: Path) -> None:
    """(`origins`, `precision`, `approximate` and `uncertain` of the user's were dropped.)"""
    source = tmp_path / "t.yaml"
    fields = {"origins": "my grandma", "precision": "exact", "approximate": "no",
              "uncertain": "maybe", "other": "kept too", "note": "plain"}  # fmt: skip
    source.write_text(yaml.safe_dump([{"date": "1996", "title": "t", **fields}]))
    exported = run("export", "--format", "json", str(source))
    record = json.loads(exported.stdout)[0]
    assert record["precision"] == "year"  # chrono's own
    assert record["note"] == "plain"
    assert record["other"] == {k: v for k, v in fields.items() if k != "note"}
    imported = run("import", "--format", "json", "-", stdin=exported.stdout)
    assert imported.exit_code == 0, imported.stderr
    (tmp_path / "back.yaml").write_text(imported.stdout, encoding="utf-8")
    assert {k: events_of(imported.stdout)[0].extra[k] for k in fields} == fields
    again = json.loads(run("export", "--format", "json", str(tmp_path / "back.yaml")).stdout)[0]
    assert {k: v for k, v in again.items() if k != "origins"} == {
        k: v for k, v in record.items() if k != "origins"
    }


def test_csv_round_trip_keeps_an_apostrophe_written_before_a_formula_sign(
    run: Run, tmp_path: Path
) -> None:
    """(The apostrophe that keeps `=x` from being a formula was indistinguishable from
    one written: `'=x` came back `=x`.)"""
    source = tmp_path / "t.yaml"
    event = {"date": "1994", "title": "'=x", "location": "'-5", "tags": ["'@a", "=b"],
             "description": "'plain", "sources": ["''+1"]}  # fmt: skip
    source.write_text(yaml.safe_dump([event]))
    exported = run("export", "--format", "csv", str(source))
    assert "''=x" in exported.stdout
    (tmp_path / "t.csv").write_text(exported.stdout, encoding="utf-8")
    imported = events_of(run("import", str(tmp_path / "t.csv")).stdout)[0]
    assert (imported.title, imported.location, imported.tags, imported.description) == (
        "'=x", "'-5", ("'@a", "=b"), "'plain")  # fmt: skip
    assert imported.sources == ("''+1",)


def test_markwhen_writes_any_line_break_as_one_so_the_round_trip_holds(
    run: Run, tmp_path: Path
) -> None:
    """(A CR was written raw inside a line; reading took CR LF as LF: another export.)"""
    source = tmp_path / "t.yaml"
    source.write_text(yaml.safe_dump([{"date": "1994", "title": "t",
                                       "description": "line1\nline2\r\nx\ry"}]))  # fmt: skip
    exported = run("export", "--format", "markwhen", str(source)).stdout
    assert "\r" not in exported
    (tmp_path / "t.mw").write_text(exported, encoding="utf-8", newline="")
    imported = run("import", str(tmp_path / "t.mw")).stdout
    assert events_of(imported)[0].description == "line1\nline2\nx\ny"
    (tmp_path / "back.yaml").write_text(imported, encoding="utf-8")
    assert run("export", "--format", "markwhen", str(tmp_path / "back.yaml")).stdout == exported


def test_timelinejs_round_trip_keeps_the_zone_of_a_clock_time(run: Run, tmp_path: Path) -> None:
    """(It came back as the UTC fields, floating, with the written date left in a stray
    `display_date` field.)"""
    source = tmp_path / "k.yaml"
    source.write_text(
        "title: T\ntimezone: Asia/Kathmandu\nevents:\n"
        "- {date: 2025-08-08T14:30, title: floating kathmandu}\n"
        "- {date: '2025-08-08T14:30:00+05:45', title: offset}\n",
        encoding="utf-8",
    )
    exported = run("export", "--format", "timelinejs", str(source)).stdout
    assert "Time zone: Asia/Kathmandu" in exported
    (tmp_path / "k.json").write_text(exported, encoding="utf-8")
    imported = run("import", str(tmp_path / "k.json")).stdout
    first = events_of(imported)[0]
    assert (first.date.text, first.timezone) == ("2025-08-08T14:30", "Asia/Kathmandu")
    assert "display_date" not in imported
    (tmp_path / "back.yaml").write_text(imported, encoding="utf-8")
    assert run("export", "--format", "timelinejs", str(tmp_path / "back.yaml")).stdout == exported


def test_csv_round_trip_keeps_the_zone_of_a_clock_time(run: Run, tmp_path: Path) -> None:
    """(CSV had no column for it: the time came back floating, and sorted elsewhere.)"""
    source = tmp_path / "k.yaml"
    source.write_text(
        "timezone: Asia/Kathmandu\nevents:\n- {date: 2025-08-08T14:30, title: in Kathmandu}\n"
        "- {date: 2025-08-08, title: a day}\n",
        encoding="utf-8",
    )
    exported = run("export", "--format", "csv", str(source)).stdout
    assert exported.splitlines()[0] == "date,title,description,location,tags,sources,id,timezone"
    (tmp_path / "k.csv").write_text(exported, encoding="utf-8", newline="")
    imported = run("import", str(tmp_path / "k.csv")).stdout
    assert [e.timezone for e in events_of(imported)] == [None, "Asia/Kathmandu"]
    (tmp_path / "back.yaml").write_text(imported, encoding="utf-8")
    assert run("export", "--format", "csv", str(tmp_path / "back.yaml")).stdout == exported


def test_json_import_takes_from_other_only_fields_named_as_chronos_keys(
    run: Run, tmp_path: Path
) -> None:
    """(`other` overwrote the title, date and tags; a zone was not checked.)"""
    path = tmp_path / "o.json"
    path.write_text(json.dumps([
        {"date": "2020", "title": "A", "other": {"title": "Z", "date": "2021", "precision": "p"}},
        {"date": "2020", "title": "B", "timezone": "Mars/Base"},
    ]), encoding="utf-8")  # fmt: skip
    result = run("import", "--skip-invalid", str(path))
    (event,) = events_of(result.stdout)
    assert (event.title, event.date.text, event.extra["precision"]) == ("A", "2020", "p")
    assert event.extra["other"] == {"title": "Z", "date": "2021"}  # (kept, not lost)
    assert f"{path}:1:136: event 2: unknown time zone 'Mars/Base'" in result.stderr


def test_json_import_keeps_an_other_it_cannot_take_apart(run: Run, tmp_path: Path) -> None:
    """An `other` that is not an object, or an object with fields of any name, was
    dropped without a word (an audit found it)."""
    path = tmp_path / "o.json"
    path.write_text(json.dumps([
        {"date": "2020", "title": "A", "other": "plain"},
        {"date": "2021", "title": "B", "other": {"notes": "x", "precision": "p"}},
    ]), encoding="utf-8")  # fmt: skip
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    a, b = events_of(result.stdout)
    assert a.extra == {"other": "plain"}
    assert b.extra == {"notes": "x", "precision": "p"}


def test_json_import_keeps_start_and_end_of_other_where_they_were(run: Run, tmp_path: Path) -> None:
    """`start` and `end` are the sides of an interval in a timeline file: lifted out of
    `other` beside a `date`, they made a timeline chrono refuses ("give either 'date'
    or 'start'/'end'"). They stay in `other`."""
    path = tmp_path / "o.json"
    path.write_text(json.dumps([
        {"date": "2020", "title": "A", "other": {"end": "x", "notes": "n"}},
    ]), encoding="utf-8")  # fmt: skip
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    (event,) = events_of(result.stdout)  # (read back by chrono: the file is valid)
    assert event.extra == {"notes": "n", "other": {"end": "x"}}


def test_ics_import_reports_invalid_utf8_and_reads_with_day_first(run: Run, tmp_path: Path) -> None:
    """(A bad byte became U+FFFD silently; `--day-first` was not passed to the dates.)"""
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
                    b"DTSTART;VALUE=DATE:20250101\r\nSUMMARY:ab\xff\r\nEND:VEVENT\r\n"
                    b"END:VCALENDAR\r\n")  # fmt: skip
    result = run("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:7:11: invalid UTF-8 (byte 0xff)" in result.stderr
    source = tmp_path / "df.yaml"
    source.write_text("- {date: '4.5.2025', title: Ambiguous}\n", encoding="utf-8")
    exported = run("export", "--day-first", "--format", "ics", str(source))
    (tmp_path / "df.ics").write_text(exported.stdout, encoding="utf-8", newline="")
    imported = run("import", "--day-first", str(tmp_path / "df.ics"))
    assert imported.exit_code == 0, imported.stderr
    assert "date: 4.5.2025" in imported.stdout  # (as written, as the timeline had it)


def test_a_csv_column_named_time_zone_stays_the_users_field(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "z.csv"
    path.write_text("date,title,time zone\n2020-01-02T10:00,b,UTC+4 (Baku)\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    (event,) = events_of(result.stdout)
    assert (event.timezone, event.extra["time zone"]) == (None, "UTC+4 (Baku)")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param("date,title,description\n2025-01-01,A,one,two,three\n",
                     ":2:1: row has 5 cells, the header 3: the last 2 have no column",
                     id="cells-past-the-header"),
        pytest.param("date,title,notes,notes\n2025-01-01,A,first note,second note\n",
                     ":1:1: column 'notes' is named twice in the header (columns 3 and 4)",
                     id="one-name-twice"),
    ],
)  # fmt: skip
def test_csv_import_says_what_it_cannot_keep(
    run: Run, tmp_path: Path, text: str, error: str
) -> None:
    """Cells past the header and the first of two columns of one name were dropped
    without a word (an audit found it)."""
    path, result = _imported(run, tmp_path / "c.csv", text)
    assert result.exit_code == 1
    assert f"{path}{error}" in result.stderr


def test_csv_import_ends_at_the_end_time_of_the_start_day(run: Run, tmp_path: Path) -> None:
    """An `End Time` without an `End Date` was dropped: the meeting became an instant."""
    path = tmp_path / "m.csv"
    path.write_text("Subject,Start Date,Start Time,End Time\nMeeting,2025-08-15,10:00,11:30\n")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    (event,) = events_of(result.stdout)
    assert event.date.text == "2025-08-15 10:00/2025-08-15 11:30"


def test_json_import_refuses_an_empty_title(run: Run, tmp_path: Path) -> None:
    """(It wrote `title: ''`, which chrono then refused.)"""
    path = tmp_path / "e.json"
    path.write_text('[{"date": "2020", "title": " "}, {"date": "2020", "title": "ok"}]')
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"{path}:1:28: event 1: 'title' is empty" in result.stderr


def test_json_import_says_what_is_wrong_with_a_record(run: Run, tmp_path: Path) -> None:
    """Every one of these said "expected an object with a date and a title" (a new
    user's report: `"date": 2026` is natural, as `date: 2026` is fine in YAML)."""
    path = tmp_path / "e.json"
    path.write_text(
        '[{"title": "A", "date": 2026},\n {"title": 5, "date": "2026"},\n'
        ' {"date": "2026-01-01"},\n {"title": "D"},\n 7]',
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:5] == [
        f"{path}:1:25: event 1: 'date' must be text (\"2026\"), not 2026",
        f"{path}:2:12: event 2: 'title' must be text, not 5",
        f"{path}:3:2: event 3: no 'title'",
        f"{path}:4:2: event 4: no 'date' (nor 'start' or 'end')",
        f"{path}:5:2: event 5: expected an object with a date and a title, not 7",
    ]


def test_json_import_refuses_a_key_written_twice(run: Run, tmp_path: Path) -> None:
    """JSON readers keep one of two values of a key (Python's, the last): the event came
    in dated 2021 without a word. As the YAML reader, chrono says where, and refuses
    the event, which two tools would read two ways (RFC 8259 §4); the file's other
    problems are said in the same run (they were hidden until the key was mended)."""
    path, result = _imported(
        run,
        tmp_path / "twice.json",
        '[{"date": "2020", "title": "A",\n  "date": "2021"},\n'
        ' {"date": "2022", "title": "B", "other": {"x": 1, "x": 2}},\n'
        ' {"date": "2022-13", "title": "C"},\n'
        ' {"date": "2023", "title": "D"}]',
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:3] == [
        f"{path}:2:3: event 1: duplicate key 'date' (first at line 1)",
        f"{path}:3:51: event 2: duplicate key 'x' (first at line 3)",
        f"{path}:4:11: event 3: impossible date '2022-13' (there is no month 13)",
    ]
    kept = run("import", "--skip-invalid", str(path))
    assert [e.title for e in events_of(kept.stdout)] == ["D"]


def test_timelinejs_import_refuses_a_slide_with_a_key_written_twice(
    run: Run, tmp_path: Path
) -> None:
    """A slide with a key twice is refused, the others read; a key twice outside the
    slides leaves what the file holds unknown: nothing is read."""
    slides = ('{"start_date": {"year": 2020}, "text": {"headline": "A"}}, '
              '{"start_date": {"year": 2021}, "start_date": {"year": 2022}, '
              '"text": {"headline": "B"}}')  # fmt: skip
    path, result = _imported(
        run, tmp_path / "story.json", '{"events": [' + slides + "]}", "--skip-invalid"
    )
    assert [e.title for e in events_of(result.stdout)] == ["A"]
    assert "slide 2: duplicate key 'start_date' (first at line 1)" in result.stderr
    path.write_text('{"events": [' + slides + '], "events": []}', encoding="utf-8")
    result = run("import", "--skip-invalid", "--format", "timelinejs", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "duplicate key 'events' (first at line 1)" in result.stderr


def test_json_import_reads_a_record_by_its_start_and_end(run: Run, tmp_path: Path) -> None:
    """A record a tool wrote with `start` and `end` (chrono's own keys for a date's
    first and last day) and no `date` was refused: it is read as the days it spans, and
    a side that is missing or null is open, as `start:` alone is in a timeline file."""
    path = tmp_path / "spans.json"
    path.write_text(json.dumps([
        {"title": "Term", "start": "2025-01-06", "end": "2025-03-28"},
        {"title": "Day", "start": "2025-08-08", "end": "2025-08-08", "precision": "day"},
        {"title": "Moment", "start": "2025-08-08T14:30+04:00", "end": "2025-08-08T14:30+04:00"},
        {"title": "Open", "start": "1994-01-01", "end": None},
        {"title": "Until", "start": None, "end": "1990-12-31"},
        {"title": "From", "start": "2020-01-01"},
    ]), encoding="utf-8")  # fmt: skip
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    dates = {event.title: event.date.text for event in events_of(result.stdout)}
    assert dates == {
        "Term": "2025-01-06/2025-03-28", "Day": "2025-08-08",
        "Moment": "2025-08-08T14:30+04:00", "Open": "1994-01-01/..",
        "Until": "../1990-12-31", "From": "2020-01-01/..",
    }  # fmt: skip


def test_json_import_refuses_start_and_end_that_cannot_say_the_date(
    run: Run, tmp_path: Path
) -> None:
    """`start`/`end` are first and last days or instants: they cannot say a year, `~`
    or `?`, which the same record's `precision`, `approximate` or `uncertain` say. Such
    a record came in as days (`~1990` as `1990-01-01/1990-12-31`); it is refused at
    the record, as is an `end` that is not text (it was dropped)."""
    path = tmp_path / "spans.json"
    path.write_text(json.dumps([
        {"title": "About", "start": "1990-01-01", "end": "1990-12-31", "precision": "year",
         "approximate": True, "uncertain": False},
        {"title": "Maybe", "start": "1066-01-01", "end": "1066-01-01", "uncertain": True},
        {"title": "Number", "start": "2020-01-01", "end": 2021},
    ]), encoding="utf-8")  # fmt: skip
    result = run("import", str(path))
    assert result.exit_code == 1
    said = result.stderr
    assert (f"{path}:1:2: event 1: no 'date', and 'start'/'end' cannot say year "
            "precision, approximate: give the date as written") in said  # fmt: skip
    assert "event 2: no 'date', and 'start'/'end' cannot say uncertain" in said
    assert "event 3: 'end' must be a date as text, not 2021" in said


def test_an_outlook_all_day_event_is_the_days_it_covers(run: Run, tmp_path: Path) -> None:
    """Outlook writes an all-day event as midnight to the next midnight (`All day event`
    True, `12:00:00 AM` both ends): it came in as a 24-hour interval of clock times
    ending on the next day. It is the day (or days), as the calendar shows it; an end
    written on the start's day (as Google's CSV has it) is that day."""
    path = tmp_path / "outlook.csv"
    path.write_text(
        '"Subject","Start Date","Start Time","End Date","End Time","All day event","Categories"\n'
        '"Holiday","8/8/2025","12:00:00 AM","8/9/2025","12:00:00 AM","True","Personal;Travel"\n'
        '"Conference","9/1/2025","12:00:00 AM","9/4/2025","12:00:00 AM","True",""\n'
        '"Inclusive","9/10/2025","","9/10/2025","","True",""\n'
        '"Meeting","8/8/2025","10:00:00 AM","8/8/2025","11:00:00 AM","False",""\n',
        encoding="utf-8",
    )
    result = run("import", "--month-first", str(path))
    assert result.exit_code == 0, result.stderr
    events = events_of(result.stdout)
    assert [(e.title, e.date.text) for e in events] == [
        ("Holiday", "2025-08-08"),
        ("Meeting", "2025-08-08T10:00/2025-08-08T11:00"),
        ("Conference", "2025-09-01/2025-09-03"),
        ("Inclusive", "2025-09-10"),
    ]
    assert events[0].tags == ("Personal", "Travel")  # (Outlook's list, `;` with no space)
    assert "All day event" not in events[0].extra  # (read, as Start Time is: the date
    # says it, and a field would be warned about on every run)


def test_csv_import_keeps_a_calendar_s_times_to_the_minute(run: Run, tmp_path: Path) -> None:
    """Outlook writes `10:00:00 AM` whatever the event: its `:00` seconds are padding,
    and came in as a time to the second, a precision the calendar never had (a new
    user's report). Seconds that are not `:00` are kept."""
    _, result = _imported(
        run,
        tmp_path / "outlook.csv",
        "Subject,Start Date,Start Time,End Time\n"
        "Meeting,2025-08-08,11:30:00 AM,12:00:00 PM\n"
        "Stamp,2025-08-08,11:30:15,\n"
        "Tenth,2025-08-08,11:30:00.5,\n",
    )
    assert result.exit_code == 0, result.stderr
    dates = {event.title: event.date for event in events_of(result.stdout)}
    assert dates["Meeting"].text == "2025-08-08 11:30 AM/2025-08-08 12:00 PM"
    assert dates["Meeting"].precision is Precision.MINUTE
    assert dates["Stamp"].text == "2025-08-08 11:30:15"
    assert dates["Tenth"].text == "2025-08-08 11:30:00.5"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Subject,Start Date,Start Time\rA,2025-08-15,10:00 AM\r", id="cr"),
        pytest.param(
            "Subject\tStart Date\tStart Time\r\nA\t2025-08-15\t10:00 AM\r\n".encode("utf-16"),
            id="utf-16-tabs",
        ),
        pytest.param(b"Subject;Start Date;Start Time\nA;2025-08-15;10:00 AM\n", id="semicolons"),
    ],
)
def test_csv_import_reads_what_spreadsheets_write(run: Run, tmp_path: Path, data: bytes) -> None:
    """Line ends of CR alone (old Mac Excel) were a traceback, and so was Excel's
    "Unicode text" (UTF-16, tabs) with CRLF; with LF it came in as Windows-1252, and
    it and a `;`-separated CSV (Excel in much of Europe) had "no date column"."""
    path = tmp_path / "sheet.csv"
    path.write_bytes(data)
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    (event,) = events_of(result.stdout)
    assert (event.title, event.date.text) == ("A", "2025-08-15 10:00 AM")


def test_csv_import_warns_of_an_all_day_cell_it_cannot_read(run: Run, tmp_path: Path) -> None:
    """`Maybe` in `All Day Event` was read as False without a word."""
    path, result = _imported(
        run, tmp_path / "maybe.csv", "Subject,Start Date,All Day Event\nA,2025-08-15,Maybe\n"
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:2:14: warning: 'All Day Event' is 'Maybe', neither True nor False: read as False\n"
    )


def test_csv_import_says_which_times_an_all_day_row_leaves_out(run: Run, tmp_path: Path) -> None:
    """An all-day row's times are midnight, or none; others were left out without a word
    (a new user's report). The row is still the days it covers; a warning names them."""
    path, result = _imported(
        run,
        tmp_path / "outlook.csv",
        "Subject,Start Date,Start Time,End Date,End Time,All day event\n"
        "Fair,8/8/2025,9:00:00 AM,8/9/2025,12:00:00 AM,True\n"
        "Plain,8/10/2025,12:00:00 AM,8/11/2025,12:00:00 AM,True\n",
        "--month-first",
    )
    assert result.exit_code == 0
    assert [e.date.text for e in events_of(result.stdout)] == ["2025-08-08", "2025-08-10"]
    assert result.stderr == (
        f"{path}:2:15: warning: 'All day event' is True, so Start Time '9:00:00 AM' is left out\n"
    )


@pytest.mark.parametrize(
    ("row", "column"),
    [  # an end before its start: chrono would then refuse the file it wrote; at its end
        ("Back,8/9/2025,12:00:00 AM,8/8/2025,12:00:00 AM,True", 27),
        ("Back,8/9/2025,10:00 AM,8/8/2025,10:00 AM,False", 24),
    ],
)
def test_csv_import_refuses_a_row_that_ends_before_it_starts(
    run: Run, tmp_path: Path, row: str, column: int
) -> None:
    path, result = _imported(
        run,
        tmp_path / "back.csv",
        "Subject,Start Date,Start Time,End Date,End Time,All day event\n" + row + "\n",
        "--month-first",
    )
    assert result.exit_code == 1
    assert f"{path}:2:{column}: " in result.stderr
    assert "ends before it starts" in result.stderr


def test_csv_import_problems_are_at_their_cell(run: Run, tmp_path: Path) -> None:
    """Every row problem was at column 1 (a new user's report); it is at the cell that
    says why, past quoted separators, a quoted line break and a `;` separator."""
    path, result = _imported(
        run,
        tmp_path / "cells.csv",
        "Subject;Start Date;Start Time;All day event\n"
        '"A; b";2025-13-01;;False\n'
        '"C\nD";2025-08-08;7:00 AM;True\n'
        ";2025-08-09;;\n",
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"{path}:2:8: impossible date '2025-13-01' (there is no month 13)",
        f"{path}:4:15: warning: 'All day event' is True, so Start Time '7:00 AM' is left out",
        f"{path}:5:1: row has no title",
    ]


def test_csv_import_an_end_date_alone_that_is_the_start_s_adds_nothing(
    run: Run, tmp_path: Path
) -> None:
    """A start time and an end date that is the start's, with no end time (as Google's
    CSV may have it), came in as 10:00 to the end of that day, shown `5 Jun 2020 10:00 –
    5 Jun 2020` (a new user's report): it is the start time. Another end date stays."""
    _, result = _imported(
        run,
        tmp_path / "ends.csv",
        "Subject,Start Date,Start Time,End Date,End Time\n"
        "A,06/05/2020,10:00:00 AM,06/05/2020,\nB,06/05/2020,10:00:00 AM,06/07/2020,\n",
        "--month-first",
    )
    assert result.exit_code == 0, result.stderr
    dates = [e.date.text for e in events_of(result.stdout)]
    assert dates == ["2020-06-05T10:00", "2020-06-05T10:00/2020-06-07"]


@pytest.mark.parametrize(
    ("text", "options", "said"),
    [
        pytest.param('Title,Date\n12" record,2025-13-01\n5" disk,2025-01-01\n', (),
                     ":2:12: impossible date", id="a-quote-inside-a-cell"),
        pytest.param("Subject;Start Date;Start Time\nx;2025-01-01;25:00\n", (),
                     ":2:14: impossible time '25:00'", id="the-time"),
        pytest.param("Subject,Start Date,Start Time,End Date,End Time\n"
                     "x,2025-01-01,10:00,2025-01-02,99:00\n", (),
                     ":2:31: impossible time '99:00'", id="the-end-time"),
        pytest.param("date,title,timezone\n2025-01-01 10:00,x,Nowhere/Zone\n", (),
                     ":2:20: unknown time zone 'Nowhere/Zone'", id="the-zone"),
    ],
)  # fmt: skip
def test_csv_import_places_a_problem_at_the_cell_that_says_it(
    run: Run, tmp_path: Path, text: str, options: tuple[str, ...], said: str
) -> None:
    """A quote inside an unquoted cell is a letter, not the start of a quoted cell; a
    bad time or zone is at its own cell, not the date's (a reviewer's findings)."""
    path, result = _imported(run, tmp_path / "cells.csv", text, *options)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}{said}")


@pytest.mark.parametrize(
    ("text", "options", "dates"),
    [
        pytest.param("Start Date;Subject;Notes, comments\n2025-01-01;Hello;x\n", (),
                     ["2025-01-01"], id="a-comma-in-a-name"),
        pytest.param("Subject,Start Date,Start Time,End Date\nx,1/2/2025,10:00,01/02/2025\n",
                     ("--month-first",), ["2025-01-02T10:00"], id="one-day-two-ways"),
        pytest.param('Title,Date\nx,"10/5/2025 8:00 AM"\n', ("--month-first",),
                     ["2025-10-05T08:00"], id="numeric-with-its-time"),
        pytest.param("Subject,Start Date,Start Time\nx,2025/01/02,9:00:00 PM\n",
                     ("--day-first",), ["2025-01-02T21:00"], id="year-first-day-first"),
        pytest.param("Title,Date,Notes\nx,2025-01-01," + "a" * 200_000 + "\n", (),
                     ["2025-01-01"], id="a-long-cell"),
    ],
)  # fmt: skip
def test_csv_import_reads_rows_a_reviewer_found_misread(
    run: Run, tmp_path: Path, text: str, options: tuple[str, ...], dates: list[str]
) -> None:
    """A `;` CSV whose header has a comma in a name was read as commas ("no date
    column"); `01/02/2025` as the end of `1/2/2025 10:00` was an interval; a numeric
    date with its time in one cell stayed ambiguous; `--day-first` read `2025/01/02` as
    1 February; a cell over 128 KiB refused the file."""
    _, result = _imported(run, tmp_path / "rows.csv", text, *options)
    assert result.exit_code == 0, result.stderr
    assert [e.date.text for e in events_of(result.stdout)] == dates


@pytest.mark.parametrize(
    ("row", "said"),
    [
        pytest.param("2/30/2025,8:00:00 AM,,", ":2:3: impossible date '2/30/2025' (February "
                     "2025 has 28 days)", id="the-date-alone"),
        pytest.param("2/3/2025,13:00:00 PM,,", ":2:12: impossible time '13:00:00 PM' "
                     "(13:00:00 PM: a time past 12:59 has no AM or PM)", id="the-time-as-written"),
        pytest.param("2/3/2025,8h,,", ":2:12: unknown time '8h' (write a time as e.g. 14:30 "
                     "or 2:30 PM)", id="not-a-time"),
        pytest.param("2025-02-03 10:00,11:00,,", ":2:20: a second time '11:00': the date "
                     "'2025-02-03 10:00' has its own", id="two-times"),  # (was read as 11:00)
        pytest.param("2/3/2025,10:00 11:00,,", ":2:12: two times in '10:00 11:00': write one, "
                     "or the end in its own column", id="two-times-in-the-time-cell"),
        pytest.param("2/3/2025,2:30 PM Europe/Paris,,", ":2:12: a time zone's name cannot be "
                     "in a time ('2:30 PM Europe/Paris'): write 2:30 PM, with Europe/Paris in a "
                     "timezone column, or its offset: 2:30 PM +01:00", id="zone-in-time"),
        pytest.param("2/3/2025,8:00:00 AM,2/2/2025,9:00:00 AM", ":2:23: ends before it starts: "
                     "'2/3/2025 8:00:00 AM' to '2/2/2025 9:00:00 AM'", id="the-cells-of-an-end"),
    ],
)  # fmt: skip
def test_csv_import_quotes_the_cells_as_written(
    run: Run, tmp_path: Path, row: str, said: str
) -> None:
    """A message quoted the date as chrono rebuilt it, joined to its time and without
    its seconds (`impossible date '2/30/2025 8:00 AM'` for the cells `2/30/2025` and
    `8:00:00 AM`): a user looks in the file for what it quotes (a new user's report)."""
    path, result = _imported(
        run,
        tmp_path / "cells.csv",
        "Subject,Start Date,Start Time,End Date,End Time\nx," + row + "\n",
        "--month-first",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}{said}\n")


def test_csv_import_says_how_to_cross_midnight(run: Run, tmp_path: Path) -> None:
    """11:30 PM to 12:30 AM with no end date ends on the start's day, before it starts:
    the error said only that (a new user's report); it says to give the end date."""
    path, result = _imported(
        run,
        tmp_path / "late.csv",
        "Subject,Start Date,Start Time,End Time\nLate,2025-08-15,11:30 PM,12:30 AM\n",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{path}:2:26: ends before it starts: '2025-08-15 11:30 PM' to '12:30 AM'; "
        "'End Time' with no end date is on the start's day: give the end date\n"
    )


def test_an_all_day_end_at_noon_or_in_bce_is_read_right(run: Run, tmp_path: Path) -> None:
    """`12:00` with no AM is noon on a 24-hour clock, not midnight: it is the end's own
    day; and the day before a midnight end in a BCE year is found as in any other."""
    _, result = _imported(
        run,
        tmp_path / "days.csv",
        "Subject,Start Date,Start Time,End Date,End Time,All day event\n"
        "Noon,2025-08-08,00:00,2025-08-09,12:00,True\n"
        "Ides,-0043-03-15,,-0043-03-16,12:00 AM,True\n",
    )
    assert result.exit_code == 0, result.stderr
    dates = {event.title: event.date.text for event in events_of(result.stdout)}
    assert dates == {"Noon": "2025-08-08/2025-08-09", "Ides": "-0043-03-15"}


def test_timelinejs_fields_of_a_zoned_clock_time_are_utc_without_display_date(
    run: Run, tmp_path: Path
) -> None:
    """chrono writes a zoned clock time's fields in UTC and names the zone in the text;
    when the display date is gone (edited to free text), the fields came back read in
    that zone: 14:30 in Baku (10:30 UTC) came back as 10:30 in Baku, 4 hours early."""
    source = tmp_path / "b.yaml"
    source.write_text(
        "timezone: Asia/Baku\nevents:\n- {date: 2025-08-08T14:30, title: Signed}\n",
        encoding="utf-8",
    )
    story = json.loads(run("export", "--format", "timelinejs", str(source)).stdout)
    story["events"][0]["display_date"] = "Friday afternoon"
    edited = tmp_path / "b.json"
    edited.write_text(json.dumps(story), encoding="utf-8")
    result = run("import", "--format", "timelinejs", str(edited))
    assert result.exit_code == 0, result.stderr
    (event,) = events_of(result.stdout)
    assert event.date.lo == parse_date("2025-08-08T14:30", zone="Asia/Baku").lo


def test_csv_import_errors_are_at_the_row_s_first_line(run: Run, tmp_path: Path) -> None:
    """A row with a line break in a quoted cell was reported at its last line."""
    path, result = _imported(
        run,
        tmp_path / "multi.csv",
        'Subject,Start Date,Description\nBridge,2026-02-30,"one\ntwo\nthree"\nFine,2026-03-01,x\n',
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:2:8: impossible date '2026-02-30'")


def test_json_import_says_when_start_is_not_the_date_s(run: Run, tmp_path: Path) -> None:
    """`start` and `end` look editable; an edited one was ignored without a word (a new
    user's report). The date is still what is read; a warning says so, at the key. What
    chrono wrote comes back without one."""
    exported = run("export", "--format", "json", str(ROOT / "timelines")).stdout
    path = tmp_path / "back.json"
    path.write_text(exported, encoding="utf-8")
    assert run("import", str(path)).stderr == ""
    records = json.loads(exported)
    records[0]["start"] = "1992-04-01"
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:5:12: warning: event 1: 'start' 1992-04-01 is not the date's (1992-03-01): "
        "the date '1992-03' is read; 'start' is made from it\n"
    )


def test_csv_import_says_which_columns_later_runs_will_warn_about(run: Run, tmp_path: Path) -> None:
    """Outlook writes 22 columns; those chrono does not read are kept as fields, which
    every later run warns about, one warning each and event. Import was silent about
    it (a new user's report); it says so once, naming them."""
    path, result = _imported(
        run,
        tmp_path / "outlook.csv",
        "Subject,Start Date,Priority,Private,Reminder on/off,Empty\n"
        "A,2026-03-14,Normal,False,False,\nB,2026-03-15,High,False,True,\n",
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:1:1: warning: 3 columns are kept as fields chrono does not read, and "
        "every run will warn about them: 'Priority', 'Private', 'Reminder on/off'; "
        "remove from the timeline those you do not need\n"
    )


def test_ics_round_trip_of_the_first_year(run: Run, tmp_path: Path) -> None:
    """Hypothesis found it: the calendar's DTSTART of year 1 was written back as
    `1-01-01T00:00` (glibc's %Y does not pad), which is not a date, so chrono's own
    export of 0001 could not be imported."""
    source = tmp_path / "first.yaml"
    source.write_text(
        "events:\n- date: 0001-01-01T00:00/0001-01-01T00:00:00Z\n  title: First\n",
        encoding="utf-8",
    )
    calendar = tmp_path / "first.ics"
    assert run("export", str(source), "-o", str(calendar), "-q").exit_code == 0
    result = run("import", str(calendar), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "date: 0001-01-01T00:00/0001-01-01T00:00:00Z" in result.stdout


def test_timelinejs_export_says_which_fields_it_leaves_out(run: Run, tmp_path: Path) -> None:
    """Fields a slide has no place for went with no word (a new user's trial), where
    Markwhen's export names those it leaves out."""
    path = tmp_path / "t.yaml"
    path.write_text("- {date: 2025, title: a, mood: x, display_date: Early 2025}\n"
                    "- {date: 2026, title: b, mood: y}\n", encoding="utf-8")  # fmt: skip
    result = run("export", str(path), "--format", "timelinejs")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "chrono: warning: TimelineJS has no place for 'mood' (2 events): left out"
        " (JSON and YAML keep them)"
    )
    assert '"display_date": "Early 2025"' in result.stdout


def test_import_says_a_dated_line_markwhen_does_not_read_is_left_out(
    run: Run, tmp_path: Path
) -> None:
    """`2025-11-05T09:30:00-05:00: Call` before the first event Markwhen reads was taken
    as a header key and lost without a word (a new user's trial); Markwhen's own
    parser does not read it as an event either, so it is left out, said."""
    mw = tmp_path / "t.mw"
    mw.write_text("2025-11-05T09:30:00-05:00: Call with NYC office\n\n2025-11-06: Next\n")
    result = run("import", str(mw))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{mw}:1:1: warning: not an event Markwhen reads (nor a header key), left out: "
        "'2025-11-05T09:30:00-05:00: Call with NYC office'\n"
    )
    assert [e.title for e in events_of(result.stdout)] == ["Next"]


@pytest.mark.parametrize("name", ["empty.csv", "empty.json", "empty.ics", "empty.mw"])
@pytest.mark.parametrize("text", ["", "\n  \n"])
def test_an_empty_file_imports_nothing_with_a_warning(
    run: Run, tmp_path: Path, name: str, text: str
) -> None:
    """An empty .ics or .mw was a warning and an empty .csv or .json an error (exit 1),
    where SPEC §6 makes an empty file a warning (a new user's trial)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events: []\n"
    assert result.stderr == f"{path}: warning: no events to import\n"


def test_a_german_outlook_export_is_read_as_the_english_one(run: Run, tmp_path: Path) -> None:
    """German Outlook writes `Betreff;Beginnt am;…`, its all-day flag `Ein`/`Aus`: the
    file was refused with chrono's own header only (a new user's trial)."""
    path = tmp_path / "kalender.csv"
    path.write_text(
        "Betreff;Beginnt am;Beginnt um;Endet am;Endet um;Ganztägiges Ereignis;Beschreibung;"
        "Ort;Kategorien\n"
        "Treffen;15.07.2025;14:30:00;15.07.2025;15:30:00;Aus;Notiz;Berlin;Arbeit\n"
        "Feiertag;03.10.2025;00:00:00;04.10.2025;00:00:00;Ein;;;\n",
        encoding="utf-8",
    )
    result = run("import", "--day-first", str(path))
    assert result.exit_code == 0, result.stderr
    events = events_of(result.stdout)
    assert [(e.title, e.date.text, e.location) for e in events] == [
        ("Treffen", "2025-07-15T14:30/2025-07-15T15:30", "Berlin"),
        ("Feiertag", "2025-10-03", None),
    ]
    assert events[0].tags == ("Arbeit",)
    assert events[0].description == "Notiz"
    refused = tmp_path / "other.csv"
    refused.write_text("Wann,Was\n2025,x\n", encoding="utf-8")
    said = run("import", str(refused)).stderr
    assert "Subject" in said
    assert "Betreff" in said


def test_a_csv_whose_other_dates_settle_the_order_says_which(run: Run, tmp_path: Path) -> None:
    """`9/7/2025` is refused without --month-first (SPEC §7), though `9/28/2025` in the
    same file can only be month first (a new user's trial): chrono does not guess,
    but says which option the file's other dates settle."""
    us = tmp_path / "us.csv"
    us.write_text("Subject,Start Date\nA,9/28/2025\nB,9/7/2025\n", encoding="utf-8")
    result = run("import", str(us))
    assert result.exit_code == 1
    assert (f"{us}: warning: the file's other dates are month first (line 2: 9/28/2025): "
            "--month-first reads them so") in result.stderr  # fmt: skip
    both = tmp_path / "both.csv"
    both.write_text("Subject,Start Date\nA,9/28/2025\nB,28/9/2025\nC,9/7/2025\n")
    assert "other dates are" not in run("import", str(both)).stderr


def test_a_header_values_block_line_that_starts_with_a_year_is_the_values(
    run: Run, tmp_path: Path
) -> None:
    """A line of a header value's block (`description: |`, then `  2025 will be busy`)
    was said to be a dated line left out (a reviewer's): it is the value's."""
    mw = tmp_path / "t.mw"
    mw.write_text("---\ntitle: Plans\ndescription: |\n  2025 will be busy\n---\n2025-11-06: Next\n")
    result = run("import", str(mw))
    assert result.exit_code == 0
    assert result.stderr == ""


SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    ",,,,,,,,,Azerbaijan and NATO,A story,,,,,title,,\n"
    '1994,5,4,,,,,,,Partnership for Peace,"<p>Signed in <b>Brussels</b></p>",'
    "https://www.nato.int/pfp,NATO,,,,nato,\n"
    "2025,8,8,2:30 PM,,,,,,Peace agreement signed,,,,,,,peace,\n"
    "-44,3,15,,,,,,Ides of March,Caesar killed,,,,,,,,\n"
    "2020,9,27,,2020,11,10,,,Second Karabakh War,,,,,,,,\n"
    "1990,,,,2000,,,,,The nineties,,,,,,era,,\n"
)


def test_timelinejs_s_google_sheet_saved_as_csv_is_read_as_its_slides(
    run: Run, tmp_path: Path
) -> None:
    """TimelineJS's Google Sheets template (Year, Month, Day, Time, …, Headline, Text,
    Group), saved as CSV, was refused: "a CSV needs a date column" (a new user's
    trial). Each row is the slide TimelineJS makes of it, read as a TimelineJS
    file's: BCE years, `2:30 PM`, spans, groups as tags, the title row's headline
    as the title; an era and a media credit are left out, said."""
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "title: Azerbaijan and NATO" in result.stdout
    events = events_of(result.stdout)
    assert [(e.date.text, e.title, e.tags) for e in events] == [
        ("-0043-03-15", "Caesar killed", ()),
        ("1994-05-04", "Partnership for Peace", ("nato",)),
        ("2020-09-27/2020-11-10", "Second Karabakh War", ()),
        ("2025-08-08T14:30", "Peace agreement signed", ("peace",)),
    ]
    assert events[1].description == "Signed in Brussels"
    assert events[1].sources == ("https://www.nato.int/pfp",)
    assert f"{path}:3:1: warning: left out: media credit" in result.stderr
    assert f"{path}:7:1: warning: an era (Type: era) is left out" in result.stderr


def test_a_timelinejs_slide_with_no_text_keeps_its_group(run: Run, tmp_path: Path) -> None:
    """A slide whose text is empty was taken for chrono's own (an event with no fields),
    and its group, a user's category, was lost."""
    path = tmp_path / "story.json"
    path.write_text('{"events": [{"start_date": {"year": 1994}, "text": {"headline": "PfP",'
                    ' "text": ""}, "group": "nato"}]}', encoding="utf-8")  # fmt: skip
    (event,) = events_of(run("import", str(path)).stdout)
    assert event.tags == ("nato",)
