"""The format registry: a format declared in one place reaches every command (issue #10)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import Result

from chrono.formats import FORMATS, Format, Imported, Option, Rendered, Settings, register
from chrono.loading import load_text
from chrono.model import Event

Run = Callable[..., Result]

SHOUT = Option("shout", "Toy: capital letters or not.", choices=("yes", "no"), default="no")


def _render(events: Sequence[Event], settings: Settings) -> Rendered:
    lines = [f"{e.date.text} | {e.title}" for e in events]
    text = "\n".join(lines) + "\n"
    return Rendered(text.upper() if settings.option("shout") == "yes" else text)


def _read(data: bytes, path: str, day_first: bool | None) -> Imported:
    records = []
    for line in data.decode("utf-8").splitlines():
        date, _, title = line.partition(" | ")
        records.append({"date": date, "title": title})
    return Imported(tuple(records), "Toys", ())


TOY = Format("toy", (".toy",), "a toy format for tests", _render, options=(SHOUT,), read=_read)


@pytest.fixture
def toy() -> Iterator[Format]:
    register(TOY)
    yield TOY
    FORMATS.unregister("toy")


def test_a_registered_format_is_in_export_help(run: Run, toy: Format) -> None:
    help_text = run("export", "--help").stdout
    assert "[md|ics|json|csv|yaml|mermaid|svg|html|timelinejs|markwhen|toy]" in help_text
    assert "--shout [yes|no]" in help_text
    assert "Toy: capital letters or not." in help_text
    assert ".toy" in help_text


def test_export_format_toy_with_its_option(run: Run, toy: Format) -> None:
    result = run("export", "timelines", "--format", "toy", "--grep", "White House")
    assert result.exit_code == 0
    assert "2025-08-08 | Azerbaijan–Armenia peace agreement signed at the White House" in (
        result.stdout
    )
    shouted = run("export", "timelines", "-f", "toy", "--shout", "yes", "--limit", "1").stdout
    assert shouted == shouted.upper()
    assert shouted.strip()


def test_the_suffix_names_the_format(run: Run, toy: Format, tmp_path: Path) -> None:
    out = tmp_path / "x.toy"
    assert run("export", "timelines", "-o", str(out)).exit_code == 0
    assert " | Azerbaijan joins NATO's Partnership for Peace" in out.read_text()


def test_import_reads_a_registered_reader(run: Run, toy: Format, tmp_path: Path) -> None:
    source = tmp_path / "in.toy"
    source.write_text("1994 | Partnership for Peace\n2025-Q3 | A quarter\n")
    result = run("import", str(source))
    assert result.exit_code == 0
    loaded = load_text(result.stdout)
    assert [e.title for e in loaded.events] == ["Partnership for Peace", "A quarter"]
    assert loaded.titles == ("Toys",)
    assert "[ics|json|csv|timelinejs|markwhen|toy]" in run("import", "--help").stdout


def test_without_a_reader_a_format_cannot_be_imported(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.md"
    source.write_text("# nothing\n")
    result = run("import", str(source))
    assert result.exit_code == 2
    assert "name a format with --format, or a FILE whose suffix names one" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        pytest.param(Format("md", (".x",), "", _render), "a format named 'md'", id="name-taken"),
        pytest.param(Format("x", (".md",), "", _render), "suffix .md is taken", id="suffix"),
        pytest.param(
            Format("x", (".x",), "", _render, options=(Option("group_by", "other"),)),
            "option --group-by differs",
            id="option-differs",
        ),
    ],
)
def test_a_clash_is_refused(fmt: Format, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        register(fmt)


def test_settings_fill_in_defaults_and_refuse_unknown_options() -> None:
    md = FORMATS["md"]
    assert md.settings(title="T", md_style=None).options == {"md_style": "list", "group_by": None}
    with pytest.raises(TypeError, match="format md has no option 'partial'"):
        md.settings(partial="span")


def test_a_format_registered_again_with_other_options_is_seen(run: Run) -> None:
    register(TOY)
    try:
        assert "--shout" in run("export", "--help").stdout
    finally:
        FORMATS.unregister("toy")
    quiet = Option("whisper", "Toy: small letters.", choices=("yes", "no"), default="no")
    register(Format("toy", (".toy",), "a toy", _render, options=(quiet,)))
    try:
        help_text = run("export", "--help").stdout
        assert "--whisper" in help_text
        assert "--shout" not in help_text
    finally:
        FORMATS.unregister("toy")


def test_a_format_option_may_not_be_one_of_the_commands_own(run: Run) -> None:
    register(Format("toy", (".toy",), "a toy", _render, options=(Option("limit", "clash"),)))
    try:
        with pytest.raises(RuntimeError, match="option --limit is the command's own"):
            run("export", "--help")
    finally:
        FORMATS.unregister("toy")


def test_import_counts_the_events_it_skipped(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("date,title\n1994,Fine\nsometime,Broken\n,No date\n")
    result = run("import", str(source), "--skip-invalid")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "chrono: skipped 2 invalid events"
    assert [e.title for e in load_text(result.stdout).events] == ["Fine"]
