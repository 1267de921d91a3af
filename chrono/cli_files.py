"""The commands that write files: `export`, `merge` and `import` (SPEC §4, §5).

Registered on the `chrono` group by `chrono.cli`; options and the reading pipeline
come from there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from chrono.cli import (
    Chronology,
    Dedup,
    ProblemsFound,
    ReadOptions,
    cli,
    echo_problems,
    query_options,
    read_options,
    select,
)

if TYPE_CHECKING:
    from chrono.formats import Rendered
    from chrono.querying import Query
    from chrono.store import StoredChronology


# --------------------------------------------------------------------------- writing


def _check_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`-o FILE` must name a file in a folder that exists: said before any reading."""
    if value is None or value == "-":
        return value
    folder = os.path.dirname(value) or "."
    if not os.path.isdir(folder):
        raise click.BadParameter(f"cannot write '{value}': there is no folder '{folder}'")
    if os.path.isdir(value):
        raise click.BadParameter(f"'{value}' is a folder; name a file")
    return value


_OUTPUT = click.option(
    "-o",
    "--output",
    metavar="FILE",
    callback=_check_output,
    help="Write to FILE (atomically) instead of standard output ('-').",
)
_FORCE = click.option("--force", is_flag=True, help="Allow -o to overwrite one of the inputs.")


def _source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` (reproducible builds): the time to write as ICS DTSTAMP."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise click.UsageError(f"SOURCE_DATE_EPOCH must be whole seconds, not '{value}'")
    return int(value)


MAX_WARNINGS = 10  # per run, unless -v: a large export can skip thousands of events


def write_output(
    rendered: Rendered,
    output: str | None,
    inputs: Sequence[str],
    force: bool,
    quiet: bool,
    verbose: bool = False,
) -> None:
    """Print a format's warnings, then write its text to `output` or stdout (SPEC §4)."""
    from chrono.writing import STDOUT, clobbers_input, strip_controls, utf8, write_atomic

    target = output or STDOUT
    clobbered = clobbers_input(target, inputs)
    if clobbered is not None and not force:
        raise click.UsageError(
            f"-o {target} would overwrite the input {clobbered} (--force allows it)"
        )
    if not quiet:
        shown = rendered.warnings if verbose else rendered.warnings[:MAX_WARNINGS]
        for warning in shown:
            click.echo(f"chrono: warning: {strip_controls(warning)}", err=True)
        if len(shown) < len(rendered.warnings):
            more = len(rendered.warnings) - len(shown)
            click.echo(f"chrono: warning: … and {more} more like these (-v lists them)", err=True)
    data = (utf8(p) if isinstance(p, str) else p for p in rendered.pieces())
    if target == STDOUT:
        sys.stdout.flush()  # bytes as they are: ICS and CSV keep their CRLF
        for chunk in data:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomic(target, data)
        except OSError as exc:  # disk full, no permission, ...: FILE is left as it was
            raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None


def _choose_format(name: str | None, output: str | None) -> str:
    from chrono.formats import format_for_path

    if name is not None:
        return name
    found = format_for_path(output) if output and output != "-" else None
    if found is None:
        raise click.UsageError("name a format with --format, or an -o FILE whose suffix names one")
    return found.name


# --------------------------------------------------------------------------- export, merge, import

FORMAT_NAMES = ("md", "ics", "json", "csv", "yaml", "mermaid")


@cli.command()
@read_options
@query_options
@click.option(
    "-f",
    "--format",
    "format_name",
    type=click.Choice(FORMAT_NAMES),
    help="Output format; default: from the -o suffix (.md .ics .json .csv .yaml .mmd).",
)
@_OUTPUT
@_FORCE
@click.option(
    "--md-style",
    type=click.Choice(["list", "table"]),
    default="list",
    show_default=True,
    help="Markdown: a list with descriptions, or a table without.",
)
@click.option(
    "--group-by",
    type=click.Choice(["year", "decade", "none"]),
    help="Markdown and Mermaid headings.  [default: year for md, decade for mermaid]",
)
@click.option(
    "--partial",
    type=click.Choice(["start", "span", "skip"]),
    default="start",
    show_default=True,
    help="ICS, month and year dates: on their first day, over their whole span, or left out.",
)
@click.option(
    "--calendar-name",
    metavar="NAME",
    help="ICS calendar name.  [default: the inputs' shared title, else 'chrono']",
)
def export(
    read: ReadOptions,
    query: Query,
    dedupe: Dedup,
    format_name: str | None,
    output: str | None,
    force: bool,
    md_style: str,
    group_by: str | None,
    partial: str,
    calendar_name: str | None,
) -> None:
    """Export the merged chronology: Markdown, ICS, JSON, CSV, YAML or Mermaid.

    \b
    Examples:
      chrono export --format md > timeline.md        for writers (GitHub Markdown)
      chrono export -o nato.ics --tag nato            for calendar apps
      chrono export --format json timelines/ | jq '.[0]'
      chrono export --format csv -o events.csv        opens safely in spreadsheets
      chrono export --format mermaid --group-by year  a diagram GitHub draws
      chrono export --format md --md-style table --from 2000
    """
    from chrono.formats import FORMATS, RenderOptions

    name = _choose_format(format_name, output)
    chronology = select(read, query, dedupe, lazy=name == "json")
    options = RenderOptions(
        title=chronology.title,
        md_style=md_style,
        group_by=group_by,
        partial=partial,
        calendar_name=calendar_name,
        dtstamp=_source_date_epoch(),
    )
    rendered = None
    if name == "json" and chronology.stored is not None:
        rendered = _stored_json(chronology, chronology.stored)
        if rendered is None:  # the cache entry is damaged: read afresh
            chronology = select(read._replace(cache=False), query, dedupe)
    if rendered is None:
        rendered = FORMATS[name].render(chronology.events, options)
    from chrono.store import CorruptEntry

    try:
        write_output(rendered, output, chronology.files, force, read.quiet, read.verbose)
    except CorruptEntry as exc:  # checked chunk by chunk as written: rare, and now fatal
        assert chronology.stored is not None
        chronology.stored.discard()
        raise click.ClickException(
            f"{exc} (found while writing; -o FILE is left as it was): it is removed, "
            "run the command again"
        ) from None


def _stored_json(chronology: Chronology, stored: StoredChronology) -> Rendered | None:
    """JSON from the records a previous export stored beside the cached chronology;
    the first export of a whole chronology makes and stores them.  None when the
    cache entry is damaged."""
    from chrono.formats import Rendered
    from chrono.formats.json_ import record_text, render_texts
    from chrono.store import CorruptEntry

    records = stored.json_records()
    if records is not None:
        return Rendered(records.pieces(chronology.indices))
    try:
        events = list(chronology.events)  # built now from the cache, if lazy
    except CorruptEntry:
        return None
    if len(chronology.indices) != len(stored):
        return render_texts(record_text(e) for e in events)
    return Rendered(stored.write_json_records(record_text(e) for e in events))


@cli.command()
@read_options
@query_options
@_OUTPUT
@_FORCE
def merge(read: ReadOptions, query: Query, dedupe: Dedup, output: str | None, force: bool) -> None:
    """Merge timelines into one sorted, de-duplicated timeline file (YAML).

    Fields that merged events gave differently are kept under `conflicts`; the file
    reads back to the same events.

    \b
    Examples:
      chrono merge timelines/ extra.yaml -o all.yaml
      chrono merge sources/ --tag nato > nato.yaml
      chrono merge a.yaml b.yaml -v -o merged.yaml   report what was merged
    """
    from chrono.formats import FORMATS, RenderOptions

    chronology = select(read, query, dedupe)
    rendered = FORMATS["yaml"].render(chronology.events, RenderOptions(title=chronology.title))
    write_output(rendered, output, chronology.files, force, read.quiet, read.verbose)


@cli.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "-f",
    "--format",
    "format_name",
    type=click.Choice(["ics", "csv"]),
    help="Input format; default: from the file's suffix.",
)
@_OUTPUT
@_FORCE
@click.option("--day-first", "order", flag_value="day", help="Read 04/05/2025 as 4 May.")
@click.option("--month-first", "order", flag_value="month", help="Read 04/05/2025 as April 5.")
@click.option(
    "--skip-invalid", is_flag=True, help="Report events that cannot be read, import the rest."
)
@click.option("-q", "--quiet", is_flag=True, help="Print no warnings.")
def import_(
    source: str,
    format_name: str | None,
    output: str | None,
    force: bool,
    order: str | None,
    skip_invalid: bool,
    quiet: bool,
) -> None:
    """Turn an iCalendar (.ics) or CSV file into a timeline file (YAML).

    ICS keeps all-day and timed events, time zones, categories (as tags), URL and
    description; a recurring event comes in as its first occurrence with its rule
    in an `rrule` field.  CSV takes chrono's own columns and those of common
    calendar exports (Subject, Start Date, Start Time, …).

    \b
    Examples:
      chrono import calendar.ics -o timelines/calendar.yaml
      chrono import events.csv --day-first > events.yaml
      chrono export -o nato.ics && chrono import nato.ics   round trip
    """
    from chrono.formats import Rendered
    from chrono.formats.yaml_ import dump_timeline
    from chrono.importing import Imported, decode_csv, import_csv, import_ics

    kind = format_name or ("csv" if source.lower().endswith(".csv") else "ics")
    data = sys.stdin.buffer.read() if source == "-" else _read_source(source)
    name = "<stdin>" if source == "-" else source
    day_first = None if order is None else order == "day"
    if kind == "ics":
        imported = import_ics(data, name)
    else:
        text, decoding = decode_csv(data, name)
        if text is None:
            imported = Imported((), None, tuple(decoding))
        else:
            read = import_csv(text, name, day_first=day_first)
            imported = Imported(read.records, read.title, (*decoding, *read.problems))
    errors = [p for p in imported.problems if p.is_error]
    if errors and not skip_invalid:
        raise ProblemsFound(imported.problems, "nothing imported (--skip-invalid imports the rest)")
    echo_problems(p for p in imported.problems if p.is_error or not quiet)
    rendered = Rendered(dump_timeline(imported.records, imported.title))
    write_output(rendered, output, [source], force, quiet)


def _read_source(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise click.FileError(path, exc.strerror) from None
