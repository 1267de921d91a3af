"""The `chrono` command: options -> library calls -> output (SPEC §4, §6).

Only click is imported at start-up; each command imports what it needs, so
`chrono --help` starts about as fast as click itself.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from chrono import __version__

if TYPE_CHECKING:
    from chrono.dates import ChronoDate
    from chrono.errors import Problem
    from chrono.loading import Loaded
    from chrono.merging import Merged
    from chrono.model import Event
    from chrono.querying import Query
    from chrono.store import ChronologyCache, StoredChronology

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_FOLDER = "timelines"
NO_TIMELINES = (
    "no timelines to read: name files or folders (chrono show FILE...), "
    "set CHRONO_PATH, or run chrono in a folder that has a timelines/ folder"
)


# --------------------------------------------------------------------------- errors


class ProblemsFound(click.ClickException):
    """The input has errors: print every problem, `FILE:LINE:COL: message`, exit 1."""

    exit_code = 1

    def __init__(self, problems: Sequence[Problem], hint: str = "") -> None:
        super().__init__(hint)
        self.problems = problems
        self.hint = hint

    def show(self, file: Any = None) -> None:
        echo_problems(self.problems)
        if self.hint:
            click.echo(f"chrono: {self.hint}", err=True)


def echo_problems(problems: Iterable[Problem]) -> None:
    from chrono.errors import sorted_problems
    from chrono.writing import strip_controls

    for problem in sorted_problems(problems):
        click.echo(strip_controls(str(problem)), err=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# import name -> package name, for the message when one is missing
_DEPENDENCIES = {
    "tabulate": "tabulate",
    "yaml": "PyYAML",
    "dateutil": "python-dateutil",
    "icalendar": "icalendar",
}


class ChronoGroup(click.Group):
    """`chrono FILE...` means `chrono show FILE...`; data errors exit 1, not a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or self._is_show_argument(args[0]):
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def _is_show_argument(self, first: str) -> bool:
        if first in self.commands or first in ("--help", "-h", "--version"):
            return False
        # A first word that is a path (or looks like one) is a file for `show`;
        # any other word is a command, so a typo gets "No such command".
        looks_like_path = first.endswith((".yaml", ".yml")) or "/" in first or os.sep in first
        return first.startswith("-") or looks_like_path or os.path.exists(first)

    def invoke(self, ctx: click.Context) -> Any:
        from chrono.errors import ChronoError

        try:
            return super().invoke(ctx)
        except ChronoError as exc:
            raise ProblemsFound(exc.problems) from None
        except ModuleNotFoundError as exc:  # run outside the environment chrono was installed in
            package = _DEPENDENCIES.get((exc.name or "").split(".")[0])
            if package is None:
                raise
            raise click.ClickException(
                f"chrono needs the Python package {package}, which this Python does not have: "
                f"install chrono with pip (pip install .) and run the chrono it installs"
            ) from None


# --------------------------------------------------------------------------- options


def _date_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> ChronoDate | None:
    """A `--from`/`--to` date in any form of SPEC §2; a bad one is a usage error."""
    if value is None:
        return None
    from chrono.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


class ReadOptions(NamedTuple):
    """How to read the inputs; shared by every command that reads timelines."""

    paths: tuple[str, ...]
    day_first: bool | None
    skip_invalid: bool
    verbose: bool
    quiet: bool
    cache: bool = True


_READ_OPTIONS = (
    click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True)),
    click.option("--day-first", "order", flag_value="day", help="Read 04/05/2025 as 4 May."),
    click.option("--month-first", "order", flag_value="month", help="Read 04/05/2025 as April 5."),
    click.option(
        "--skip-invalid", is_flag=True, help="Report invalid events, then go on with the rest."
    ),
    click.option("-v", "--verbose", is_flag=True, help="Report merged events and filter counts."),
    click.option("-q", "--quiet", is_flag=True, help="Print no warnings and no progress."),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Read every file afresh (default: unchanged files come from the parse cache "
        "in $CHRONO_CACHE_DIR or the user cache directory).",
    ),
)


def read_options(command: F) -> F:
    """Add PATHS and the reading options; the command gets `read: ReadOptions`."""

    @functools.wraps(command)
    def wrapper(
        paths: tuple[str, ...],
        order: str | None,
        skip_invalid: bool,
        verbose: bool,
        quiet: bool,
        no_cache: bool,
        **kwargs: Any,
    ) -> Any:
        day_first = None if order is None else order == "day"
        read = ReadOptions(paths, day_first, skip_invalid, verbose, quiet, not no_cache)
        return command(read=read, **kwargs)

    for option in reversed(_READ_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


_QUERY_OPTIONS = (
    click.option(
        "--from",
        "start",
        metavar="DATE",
        callback=_date_option,
        help="Keep events that reach this date or later.",
    ),
    click.option(
        "--to",
        "end",
        metavar="DATE",
        callback=_date_option,
        help="Keep events up to this date (inclusive).",
    ),
    click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        help="Keep events with this tag (repeat: any).",
    ),
    click.option("--grep", metavar="TEXT", help="Keep events whose title or description has TEXT."),
    click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Keep the first N."),
    click.option("--reverse", is_flag=True, help="Newest first (before --limit)."),
    click.option(
        "--dedupe",
        type=click.Choice(["exact", "fuzzy", "none"]),
        default="exact",
        show_default=True,
        help="exact: same id, or same date and title; fuzzy: also near-duplicates "
        "(see `chrono dupes`); none: keep every event.",
    ),
    click.option(
        "--min-score",
        type=click.FloatRange(0, 1),
        default=0.35,
        show_default=True,
        help="How alike near-duplicates must be, 0 to 1 (with --dedupe fuzzy).",
    ),
)


class Dedup(NamedTuple):
    """`--dedupe` and `--min-score`."""

    mode: str = "exact"
    min_score: float = 0.35


def query_options(command: F) -> F:
    """Add the filters of SPEC §4; the command gets `query: Query` and `dedupe: Dedup`."""

    @functools.wraps(command)
    def wrapper(
        start: ChronoDate | None,
        end: ChronoDate | None,
        tags: tuple[str, ...],
        grep: str | None,
        limit: int | None,
        reverse: bool,
        dedupe: str,
        min_score: float,
        **kwargs: Any,
    ) -> Any:
        from chrono.querying import Query

        query = Query(start, end, tags, grep, limit, reverse)
        return command(query=query, dedupe=Dedup(dedupe, min_score), **kwargs)

    for option in reversed(_QUERY_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------------- pipeline


def resolve_paths(paths: Sequence[str]) -> list[str]:
    """PATHS, else `$CHRONO_PATH`, else `./timelines` (SPEC §4); none is a usage error."""
    if paths:
        return list(paths)
    env = os.environ.get("CHRONO_PATH", "")
    if env.strip():
        chosen = [p for p in env.split(os.pathsep) if p]
        missing = [p for p in chosen if not os.path.exists(p)]
        if missing:
            raise click.UsageError(f"CHRONO_PATH names a path that does not exist: '{missing[0]}'")
        return chosen
    if os.path.isdir(DEFAULT_FOLDER):
        return [DEFAULT_FOLDER]
    raise click.UsageError(NO_TIMELINES)


class Chronology(NamedTuple):
    """What a reading command outputs: the events, their shared title, the files read."""

    events: Sequence[Event]
    title: str | None
    files: tuple[str, ...]
    # From the chronology cache: where the events are in it (for stored JSON records)
    stored: StoredChronology | None = None
    indices: tuple[int, ...] = ()


PROGRESS_BYTES = 8_000_000  # about a second of parsing: below it, no progress bar


def load(read: ReadOptions) -> Loaded:
    """Load the timelines the user named, with the cache and a progress bar on a
    terminal when the load is long enough to want one."""
    from chrono.cache import ParseCache
    from chrono.loading import expand_paths, load_paths

    paths = resolve_paths(read.paths)
    cache = ParseCache() if read.cache else None
    if read.quiet or not sys.stderr.isatty():
        return load_paths(paths, day_first=read.day_first, cache=cache)
    files, _ = expand_paths(paths)
    total = sum(os.path.getsize(f) for f in files if f != "-" and os.path.isfile(f))
    if total < PROGRESS_BYTES:
        return load_paths(paths, day_first=read.day_first, cache=cache)
    with click.progressbar(length=total, label="reading", file=sys.stderr) as bar:
        return load_paths(paths, day_first=read.day_first, cache=cache, progress=bar.update)


def read_chronology(read: ReadOptions, dedupe: Dedup) -> tuple[Merged, Loaded]:
    """Load, check and merge: the sorted chronology every reading command starts from."""
    from chrono.merging import Dedupe, merge_events

    loaded = load(read)
    errors = [p for p in loaded.problems if p.is_error]
    if errors and not read.skip_invalid:
        hint = f"{_count(len(errors), 'error')}; --skip-invalid goes on without the invalid events"
        raise ProblemsFound(loaded.problems if not read.quiet else errors, hint)
    if not read.quiet or errors:
        echo_problems(p for p in loaded.problems if p.is_error or not read.quiet)
    if errors:
        click.echo(f"chrono: skipped {_count(loaded.invalid, 'invalid event')}", err=True)
    merged = merge_events(loaded.events, Dedupe(dedupe.mode), dedupe.min_score)
    if read.verbose:
        _report_merges(merged)
    return merged, loaded


def _report_merges(merged: Merged) -> None:
    for group in merged.groups:
        event = group.merged
        where = ", ".join(str(o) for o in event.origins)
        click.echo(f"chrono: merged '{event.title}' ({event.date.display()}): {where}", err=True)
        for link in group.near:
            words = ", ".join(link.shared)
            click.echo(f"chrono:   near-duplicate, score {link.score:.2f}: {link.dates}; "
                       f"shared words: {words}", err=True)  # fmt: skip
        for name, values in event.conflicts.items():
            others = "; ".join(_short(v) for v in values)
            click.echo(f"chrono:   {name} differs, kept the first; also: {others}", err=True)


def _short(value: Any, limit: int = 60) -> str:
    from chrono.writing import strip_controls

    text = strip_controls(str(value))
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def select(read: ReadOptions, query: Query, dedupe: Dedup, *, lazy: bool = False) -> Chronology:
    """The events a reading command outputs, with `-v` saying what was left out.

    A repeat run on unchanged files takes the merged chronology from the cache
    (chrono.store), building only the events it outputs; `-v` always reads and
    merges, since it reports how.  With `lazy`, events from the cache are built when
    first used, and may then raise CorruptEntry (the caller reads afresh).
    """
    from chrono.store import CorruptEntry

    store, key = _chronology_cache(read, dedupe)
    if store is not None and key is not None:
        stored = store.get(key)
        if stored is not None:
            with contextlib.suppress(CorruptEntry):  # damaged on disk: read afresh
                return _select_stored(stored, query, lazy)
    merged, loaded = read_chronology(read, dedupe)
    selection = query.select(merged.events)
    if read.verbose:
        for option, count in selection.filtered:
            click.echo(f"chrono: {option} left out {_count(count, 'event')}", err=True)
    title = _shared_title(loaded.titles)
    if store is None or key is None or loaded.problems:
        return Chronology(selection.events, title, loaded.paths)
    stored = store.put(key, merged.events, loaded.titles, loaded.paths)
    indices = tuple(stored.select(query))  # where they are, from the index just made
    return Chronology(selection.events, title, loaded.paths, stored, indices)


def _chronology_cache(
    read: ReadOptions, dedupe: Dedup
) -> tuple[ChronologyCache | None, tuple[Any, ...] | None]:
    if not read.cache or read.verbose:
        return None, None
    from chrono.loading import expand_paths
    from chrono.store import ChronologyCache

    files, problems = expand_paths(resolve_paths(read.paths))
    if problems:  # a warning to print: read afresh
        return None, None
    store = ChronologyCache()
    score = dedupe.min_score if dedupe.mode == "fuzzy" else None  # else it changes nothing
    return store, store.key(files, (read.day_first, dedupe.mode, score))


def _select_stored(stored: StoredChronology, query: Query, lazy: bool) -> Chronology:
    """The events `query` keeps, chosen without building the others."""
    indices = stored.select(query)
    events = stored.view(indices) if lazy else stored.events(indices)
    return Chronology(events, _shared_title(stored.titles), stored.paths, stored, tuple(indices))


def _shared_title(titles: Iterable[str]) -> str | None:
    unique = set(titles)
    return unique.pop() if len(unique) == 1 else None


def table_width() -> int | None:
    """`COLUMNS` when set, else the terminal's width; None (no wrapping) for a pipe."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


# --------------------------------------------------------------------------- commands


@click.group(cls=ChronoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="chrono")
def cli() -> None:
    """Merge dated events from YAML timelines into one chronology.

    \b
    Examples:
      chrono                           show ./timelines (or $CHRONO_PATH)
      chrono notes.yaml sources/       show these files and folders
      chrono show --tag nato --from 2000 --to "Aug 2025"
      chrono export --format md -o timeline.md
      chrono export -o calendar.ics --tag nato
      chrono merge timelines/ -o merged.yaml
      chrono import calendar.ics -o timelines/calendar.yaml

    With no command, chrono runs `show`.  Run `chrono COMMAND --help` for more.
    """


def _check_tablefmt(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "simple":  # chrono's own (chrono.formats.table): no tabulate needed
        return value
    from tabulate import tabulate_formats

    if value not in tabulate_formats:
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


@cli.command()
@read_options
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
    read: ReadOptions,
    query: Query,
    dedupe: Dedup,
    tablefmt: str,
    columns: tuple[str, ...] | None,
    pager: bool,
) -> None:
    """Print the merged chronology as a table (the default command).

    \b
    Examples:
      chrono show                          ./timelines, or $CHRONO_PATH
      chrono show timelines/ extra.yaml --tag nato --tag peace
      chrono show --from 2000 --to "Aug 2025" --grep baku
      chrono show --reverse --limit 5      the five most recent events
      chrono show --format github --columns date,title,source
      cat events.yaml | chrono show -
    """
    from chrono.formats.table import DEFAULT_COLUMNS, iter_table

    events = select(read, query, dedupe).events
    if not events:
        if not read.quiet:
            click.echo("chrono: no events to show", err=True)
        return
    chosen = columns or DEFAULT_COLUMNS
    pieces = iter_table(events, chosen, tablefmt, table_width(), drop_empty=columns is None)
    if pager and sys.stdout.isatty() and len(events) >= _terminal_rows():
        # as git does: long output on a terminal pages, and the pager shows the first
        # screen while the rest of the table is still being made
        click.echo_via_pager(pieces)
    else:
        for piece in pieces:
            click.echo(piece, nl=False)


def _terminal_rows() -> int:
    import shutil

    return shutil.get_terminal_size().lines


@cli.command()
@read_options
def validate(read: ReadOptions) -> None:
    """Check timeline files and report every problem, FILE:LINE:COL: message.

    Exit status 0 when the files are valid (warnings allowed), 1 when any has an
    error.

    \b
    Examples:
      chrono validate                      ./timelines, or $CHRONO_PATH
      chrono validate notes.yaml sources/
    """

    loaded = load(read)
    errors = sum(p.is_error for p in loaded.problems)
    warnings = len(loaded.problems) - errors
    echo_problems(p for p in loaded.problems if p.is_error or not read.quiet)
    summary = f"{_count(loaded.files, 'file')}, {_count(len(loaded.events), 'valid event')}"
    if errors:
        raise click.ClickException(
            f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {summary}"
        )  # ClickException prints "Error: …" and exits 1
    suffix = f", {_count(warnings, 'warning')}" if warnings else ""
    click.echo(f"ok: {summary}{suffix}")


@cli.command()
@read_options
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.35,
    show_default=True,
    help="How alike two events must be, 0 to 1; lower finds more (and more mistakes).",
)
@click.option("--all", "show_all", is_flag=True, help="Also list exact and same-id duplicates.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def dupes(read: ReadOptions, min_score: float, show_all: bool, as_json: bool) -> None:
    """List groups of likely duplicate events, and why they look alike.

    These are the groups `--dedupe fuzzy` merges: dates that can denote the same
    time (a month contains its days; approximate dates widen; a day of slack for
    time zones) and titles whose words match, rare words counting most.  Exit
    status 0 whether or not any are found.

    \b
    Examples:
      chrono dupes                         near-duplicates in ./timelines
      chrono dupes sources/ --min-score 0.3
      chrono dupes --all --json | jq '.[].members[].title'
    """
    from chrono.formats.dupes import render_groups
    from chrono.merging import near_groups

    merged, _ = read_chronology(read, Dedup("exact"))
    groups = near_groups(merged.events, min_score)
    exact = merged.groups if show_all else ()
    text = render_groups(groups, exact, as_json=as_json)
    if text:
        click.echo(text, nl=False)
    if not as_json and not read.quiet:
        found = _count(len(groups), "group") + " of near-duplicates"
        more = f", {_count(len(exact), 'group')} merged as exact duplicates" if show_all else ""
        click.echo(f"chrono: {found} (min-score {min_score:.2f}){more}", err=True)


# The commands that write files (export, merge, import) live in their own module;
# importing it registers them on the group.
import chrono.cli_files  # noqa: F401


def main() -> None:
    """Console-script entry point."""
    # chrono builds hundreds of thousands of acyclic objects and exits: the cyclic
    # garbage collector would re-walk all of them again and again as the heap grows
    # (a third of the run time on 100k events) and free nothing.
    gc.disable()
    try:
        cli(prog_name="chrono")
    except SystemExit as stop:
        status = stop.code
    else:  # pragma: no cover - click always ends with SystemExit
        status = 0
    _exit_now(status)


def _exit_now(status: int | str | None) -> None:
    """Exit as `sys.exit(status)` would, but without freeing every object first.

    Tearing down the interpreter frees the whole chronology object by object (0.4 s
    for 100k events) only for the operating system to take the memory back anyway.
    Everything chrono writes goes through the standard streams or is closed by
    then, and no thread or child process is left, so flushing the streams is all
    the cleanup left to do.
    """
    if isinstance(status, str):
        print(status, file=sys.stderr)
        status = 1
    elif status is None:
        status = 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: as click, exit 1
            status = status or 1
    os._exit(status)
