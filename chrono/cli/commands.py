"""chrono's commands: each turns its options into one call into the library and one
writer.  Options shared between commands are in `chrono.cli.options`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from chrono.cli.options import (
    DAY_FIRST,
    MONTH_FIRST,
    QUIET,
    SKIP_INVALID,
    ReadOptions,
    choose_day_first,
    count,
    echo_problems,
    load,
    min_score_option,
    note_too_many_for_meaning,
    note_words_only,
    progress,
    query_options,
    read_and_select,
    read_chronology,
    read_options,
    report,
    with_reading,
)
from chrono.cli.output import (
    FORCE,
    OUTPUT,
    FormatCommand,
    choose_format,
    format_values,
    registered,
    source_date_epoch,
    table_width,
    write_output,
)

if TYPE_CHECKING:
    from chrono.model import Event
    from chrono.querying import Query


# --------------------------------------------------------------------------- show


def _check_tablefmt(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "simple":  # chrono's own (chrono.formats.table): no tabulate needed
        return value
    from tabulate import tabulate_formats

    if value not in tabulate_formats:
        from chrono.formats import FORMATS

        if value in FORMATS:  # (a file format, asked of show: say where it is)
            raise click.BadParameter(
                f"'{value}' is a format of chrono export (chrono export --format {value}); "
                "show's --format is a table style: " + ", ".join(tabulate_formats)
            )
        raise click.BadParameter(f"'{value}' is not one of: {', '.join(tabulate_formats)}")
    return value


def _check_columns(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    from chrono.formats.table import COLUMNS

    if value is None:
        return None
    names = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in names if c not in COLUMNS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown column '{unknown[0] if unknown else value}' (choose from {', '.join(COLUMNS)})"
        )
    return names


@click.command()
@read_options()
@query_options
@click.option(
    "--format",
    "tablefmt",
    default="simple",
    show_default=True,
    metavar="STYLE",
    callback=_check_tablefmt,
    help="Table style: any tabulate format (simple, github, grid, plain, …).",
)
@click.option(
    "--columns",
    callback=_check_columns,
    help="Comma-separated, from: date, title, tags, location, source, sources, description, "
    "id, origin.  [default: date,title,tags,location, leaving out empty ones]",
)
@click.option(
    "--pager/--no-pager",
    default=True,
    show_default=True,
    help="Page a table longer than the terminal ($PAGER, else less).",
)
def show(
    read: ReadOptions, query: Query, tablefmt: str, columns: tuple[str, ...] | None, pager: bool
) -> None:
    """Print the merged chronology as a table (the default command).

    \b
    Examples:
      chrono show                          ./timelines, or $CHRONO_PATH
      chrono show timelines/ extra.yaml --tag nato --tag peace
      chrono show --from 2000 --to "Aug 2025" --grep baku
      chrono show --reverse --limit 5      the five most recent events
      chrono show --format github --columns date,title,source
      chrono show sources/ --dedupe fuzzy -v  merge near-duplicates, say which
      cat events.yaml | chrono show -
    """
    from chrono.formats.table import DEFAULT_COLUMNS, iter_table

    events = _selected(read, query, "show")
    if not events:
        return
    chosen = columns or DEFAULT_COLUMNS
    pieces = iter_table(events, chosen, tablefmt, table_width(), drop_empty=columns is None)
    _page(pieces, len(events), pager)


@click.command()
@read_options()
@query_options
@click.option(
    "--ascii",
    "ascii_only",
    is_flag=True,
    help="Only ASCII characters (also when the output cannot encode others).",
)
@click.option(
    "--pager/--no-pager",
    default=True,
    show_default=True,
    help="Page a plot longer than the terminal ($PAGER, else less).",
)
def plot(read: ReadOptions, query: Query, ascii_only: bool, pager: bool) -> None:
    """Draw the merged chronology as a time axis in the terminal.

    One line an event: its date, a track where time runs to scale (long empty
    stretches cut out and told, ⋮ 16 years), its title. Colours by tag on a
    terminal, never with NO_COLOR or in a pipe.

    \b
    Examples:
      chrono plot                             ./timelines, or $CHRONO_PATH
      chrono plot --tag nato --from 2000
      COLUMNS=100 chrono plot --ascii > axis.txt
      NO_COLOR=1 chrono plot --no-pager       no colour, and no pager when long
    """
    import os
    import shutil

    from chrono.plot import plot_lines

    events = _selected(read, query, "plot")
    if not events:
        return
    columns = table_width() or shutil.get_terminal_size().columns
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("-", "")
    ascii_only = ascii_only or encoding not in ("utf8", "utf16", "utf32")
    colour = (
        sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    )
    lines = plot_lines(events, columns, ascii_only=ascii_only, colour=colour)
    _page((line + "\n" for line in lines), len(events) + 2, pager)


def _selected(read: ReadOptions, query: Query, verb: str) -> Sequence[Event]:
    """The events to show or plot; when there are none, a line on stderr says so."""
    _, excerpt = read_and_select(read, query)
    if not excerpt.events and not read.quiet:
        click.echo(f"chrono: no events to {verb}", err=True)
    return excerpt.events


def _page(pieces: Iterable[str], rows: int, pager: bool) -> None:
    """As git does: long output on a terminal goes to the pager, which shows the first
    screen while the rest is still being made."""
    import shutil

    if pager and sys.stdout.isatty() and rows >= shutil.get_terminal_size().lines:
        click.echo_via_pager(pieces)
    else:
        for piece in pieces:
            click.echo(piece, nl=False)


# --------------------------------------------------------------------------- validate


@click.command()
@read_options(merging=False)
@click.option(
    "--strict", is_flag=True, help="Warnings are errors too (exit 1): for timelines linted in CI."
)
def validate(read: ReadOptions, strict: bool) -> None:
    """Check timeline files and report every problem, FILE:LINE:COL: message.

    Exit status 0 when the files are valid (warnings allowed, unless --strict), 1
    when any has an error.

    \b
    Examples:
      chrono validate                      ./timelines, or $CHRONO_PATH
      chrono validate notes.yaml sources/
    """
    loaded = load(read)
    errors = sum(p.is_error for p in loaded.problems)
    warnings = len(loaded.problems) - errors
    summary = f"{count(loaded.files, 'file')}, {count(len(loaded.events), 'valid event')}"
    found = f"{count(errors, 'error')}, {count(warnings, 'warning')} in {summary}"
    echo_problems(read.policy._replace(strict=strict).check(loaded.problems, found))
    click.echo(f"ok: {summary}" + (f", {count(warnings, 'warning')}" if warnings else ""))


# --------------------------------------------------------------------------- export, merge


@click.command(cls=FormatCommand)
@read_options()
@query_options
@OUTPUT
@FORCE
@click.option(
    "--title",
    metavar="TEXT",
    help="The title of the document, calendar or picture, where the format has one "
    "(default: the title the files share; 'Chronology' where they differ).",
)
def export(
    read: ReadOptions,
    query: Query,
    format_name: str | None,
    output: str | None,
    force: bool,
    title: str | None,
    **values: Any,
) -> None:
    """Export the merged chronology in another format (--format, below).

    \b
    Examples:
      chrono export --format md > timeline.md        for writers (GitHub Markdown)
      chrono export -o nato.ics --tag nato            for calendar apps
      chrono export --format json timelines/ | jq '.[0]'
      chrono export --format csv -o events.csv        opens safely in spreadsheets
      chrono export --format mermaid --group-by year  a diagram GitHub draws
      chrono export --format svg -o timeline.svg      a picture to embed or print
      chrono export -o timeline.html --lanes tag      a page to explore
      chrono export -o story.timelinejs.json          for Knight Lab's TimelineJS3
      chrono export -o plan.mw                        for Markwhen
      chrono export --format md --md-style table --from 2000
      chrono export timelines/ --format svg --title "Azerbaijan and NATO"
    """
    fmt = choose_format(format_name, output, registered())
    chronology, excerpt = read_and_select(read, query)
    settings = fmt.settings(
        title=title or chronology.title, now=source_date_epoch(), **format_values(fmt, values)
    )
    rendered = excerpt.render(fmt, settings)
    write_output(rendered, output, chronology.files, force, quiet=read.quiet, verbose=read.verbose)


@click.command()
@read_options()
@query_options
@OUTPUT
@FORCE
def merge(read: ReadOptions, query: Query, output: str | None, force: bool) -> None:
    """Merge timelines into one sorted, de-duplicated timeline file (YAML).

    Fields that merged events gave differently are kept under `conflicts`; the file
    reads back to the same events.

    \b
    Examples:
      chrono merge timelines/ extra.yaml -o all.yaml
      chrono merge sources/ --tag nato > nato.yaml
      chrono merge a.yaml b.yaml -v -o merged.yaml   report what was merged
      chrono merge sources/ --dedupe fuzzy --min-score 0.5 -o merged.yaml
    """
    from chrono.formats import FORMATS

    chronology, excerpt = read_and_select(read, query)
    yaml = FORMATS["yaml"]
    rendered = excerpt.render(yaml, yaml.settings(title=chronology.title))
    write_output(rendered, output, chronology.files, force, quiet=read.quiet, verbose=read.verbose)


# --------------------------------------------------------------------------- import


@click.command("import", cls=FormatCommand, readers=True, options=False)
@click.argument(
    "source", metavar="FILE", type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@OUTPUT
@FORCE
@DAY_FIRST
@MONTH_FIRST
@SKIP_INVALID
@QUIET
def import_(
    source: str,
    format_name: str | None,
    output: str | None,
    force: bool,
    day_first: bool,
    month_first: bool,
    skip_invalid: bool,
    quiet: bool,
) -> None:
    """Turn a file of another format (--format, below) into a timeline file (YAML).

    ICS keeps all-day and timed events, time zones, categories (as tags), URL and
    description; a recurring event comes in as its first occurrence with its rule
    in an `rrule` field.  CSV takes chrono's own columns and those of common
    calendar exports (Subject, Start Date, Start Time, …).  A .json file is chrono's
    JSON or TimelineJS's, told apart by what it holds; .mw is Markwhen.

    \b
    Examples:
      chrono import calendar.ics -o timelines/calendar.yaml
      chrono import events.csv --day-first > events.yaml
      chrono export -o nato.ics && chrono import nato.ics   round trip
      chrono import story.json -o story.yaml                a TimelineJS3 timeline
      chrono import plans.mw > plans.yaml                   a Markwhen document
    """
    from chrono.errors import Policy
    from chrono.formats import Rendered, format_for_path
    from chrono.formats.yaml_ import dump_timeline

    if source == "-" and format_name is None:
        raise click.UsageError("name the format of standard input with --format")
    written = format_for_path(output) if output and output != "-" else None
    if written is not None and written.name != "yaml":  # import writes timeline files
        raise click.UsageError(
            f"-o {output}: import writes a timeline file (.yaml), not {written.name}"
        )
    fmt = choose_format(format_name, source, registered(readers=True), "a FILE")
    data = sys.stdin.buffer.read() if source == "-" else _read_source(source)
    if format_name is None and fmt.name == "json":  # chrono's JSON, or TimelineJS's
        from chrono.formats import FORMATS
        from chrono.formats.json_ import sniff

        fmt = FORMATS[sniff(data)]
    name = "<stdin>" if source == "-" else source
    imported = fmt.imports(data, name, choose_day_first(day_first, month_first))
    hint = "nothing imported" + (" (--skip-invalid imports the rest)" if imported.invalid else "")
    # (--skip-invalid skips invalid events; a file refused whole has none: it stops)
    skip = skip_invalid and imported.invalid > 0
    report(imported.problems, Policy(skip, quiet), hint, imported.invalid)
    rendered = Rendered(dump_timeline(imported.records, imported.title))
    write_output(rendered, output, [source], force, quiet=quiet)


def _read_source(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise click.FileError(path, exc.strerror) from None


# --------------------------------------------------------------------------- dupes


@click.command()
@read_options()
@min_score_option("How alike two events must be, 0 to 1; lower finds more (and more mistakes).")
@click.option("--all", "show_all", is_flag=True, help="Also list exact and same-id duplicates.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def dupes(read: ReadOptions, min_score: float, show_all: bool, as_json: bool) -> None:
    """List groups of likely duplicate events, and why they look alike.

    These are the groups `--dedupe fuzzy` merges: dates that can denote the same
    time (a month contains its days; approximate dates widen; half a day of slack
    each side for time zones) and titles whose words match, rare words counting most (`IMF` meets
    `International Monetary Fund`), or whose meaning is alike when chrono[meaning]
    is installed (in other languages too: `Spain wins the World Cup` ~ `España gana
    el Mundial`); words that tell events apart (resigns / reinstated, semi-final /
    final, different numbers) count against.  Exit status 0 whether or not any are
    found.

    \b
    Examples:
      chrono dupes                         near-duplicates in ./timelines
      chrono dupes sources/ --min-score 0.3
      chrono dupes --all --json | jq '.[].members[].title'
    """
    from chrono.formats.dupes import render_groups
    from chrono.merging import near_groups

    chronology = read_chronology(with_reading(read, report_merges=read.verbose or show_all))
    note_words_only(read)  # (after the problems: not when they stop the run)
    note_too_many_for_meaning(read, len(chronology))
    vectors = chronology.meaning(progress(read))
    groups = near_groups(chronology.events, min_score, vectors=vectors)
    exact = chronology.merges if show_all else ()
    text = render_groups(groups, exact, as_json=as_json)
    if text:
        click.echo(text, nl=False)
    if not as_json and not read.quiet:
        found = count(len(groups), "group") + " of near-duplicates"
        more = f", {count(len(exact), 'group')} merged as exact duplicates" if show_all else ""
        click.echo(f"chrono: {found} (min-score {min_score:.2f}){more}", err=True)


COMMANDS = (show, plot, validate, export, merge, import_, dupes)
