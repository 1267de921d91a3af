"""What reading commands share: their options, the one way problems reach the user,
and the calls into the core.

A reading command gets `read: ReadOptions` (the sources, how to read them, what
problems do) and, with the filters, `query: Query`.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from chrono.dedupe import DEFAULT_MIN_SCORE, Dedupe

if TYPE_CHECKING:
    from chrono.chronology import Chronology, Excerpt, Reading
    from chrono.dates import ChronoDate
    from chrono.errors import Policy, Problem
    from chrono.loading import Loaded
    from chrono.merging import MergeGroup
    from chrono.model import Event
    from chrono.querying import Query

F = TypeVar("F", bound=Callable[..., Any])

# --------------------------------------------------------------------------- problems


class Failed(click.ClickException):
    """A run that cannot go on: `chrono: message` on stderr, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"chrono: {self.message}", err=True)


class ProblemsFound(Failed):
    """The input has errors: print every problem, `FILE:LINE:COL: message`, then the
    hint, exit 1."""

    def __init__(self, problems: Sequence[Problem], hint: str = "") -> None:
        super().__init__(hint)
        self.problems = problems

    def show(self, file: Any = None) -> None:
        echo_problems(self.problems)
        if self.message:
            super().show(file)


def echo_problems(problems: Iterable[Problem]) -> None:
    from chrono.writing import strip_controls

    for problem in problems:
        click.echo(strip_controls(str(problem)), err=True)


def report(
    problems: Sequence[Problem],
    policy: Policy,
    hint: str,
    invalid: int = 0,
    unread: int = 0,
    documents: int = 0,
) -> None:
    """Problems to stderr as the policy says; ChronoError (exit 1, see the group) when
    they stop the run, else a note of what was skipped: invalid events, files that
    could not be read at all, and YAML `documents` left out whole (a refused tag or a
    syntax error: the events in them are not counted, as they were never read)."""
    echo_problems(policy.check(problems, hint))
    if any(p.is_error for p in problems):
        skipped = [count(invalid, "invalid event")] if invalid or not (unread or documents) else []
        skipped += [count(unread, "unreadable file")] if unread else []
        skipped += [count(documents, "unreadable YAML document")] if documents else []
        click.echo(f"chrono: skipped {' and '.join(skipped)}", err=True)


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- reading


class ReadOptions(NamedTuple):
    """The sources the user named, how to read them, and what problems do."""

    paths: tuple[str, ...]
    reading: Reading
    policy: Policy
    verbose: bool = False

    @property
    def quiet(self) -> bool:
        return self.policy.quiet


@contextlib.contextmanager
def _progress_bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    with click.progressbar(length=total, label=label, file=sys.stderr) as shown:
        yield shown.update


def progress(read: ReadOptions) -> Callable[[int, str], Any] | None:
    """A progress bar on stderr for long work, when stderr is a terminal."""
    return None if read.quiet or not sys.stderr.isatty() else _progress_bar


@contextlib.contextmanager
def _sources() -> Iterator[None]:
    """No sources to read is a usage error (exit 2), said in the command's context."""
    from chrono.chronology import NoSources

    try:
        yield
    except NoSources as exc:
        raise click.UsageError(str(exc)) from None


def read_chronology(read: ReadOptions) -> Chronology:
    """The merged chronology of the sources, its problems reported by the policy."""
    from chrono import chronology

    with _sources():
        found = chronology.read(read.paths, read.reading, progress(read))
    errors = sum(p.is_error for p in found.problems)
    hint = f"{count(errors, 'error')}; --skip-invalid goes on without the invalid events"
    report(found.problems, read.policy, hint, found.invalid, found.unread, found.unread_documents)
    if read.reading.dedupe is Dedupe.FUZZY:  # (after the problems: not when they stop it)
        note_words_only(read)
        note_too_many_for_meaning(read, len(found))
    if read.verbose:
        _report_merges(found.merges)
    return found


def note_words_only(read: ReadOptions) -> None:
    """Say once, unless quiet, that near-duplicates are found by words alone when
    the meaning signal is not installed."""
    from chrono import meaning

    if not read.quiet and not meaning.available():
        click.echo(
            "chrono: near-duplicates are found by their words only; for similar meaning"
            " too, install chrono's meaning extra (in chrono's folder: pip install"
            " '.[meaning]')",
            err=True,
        )


def note_too_many_for_meaning(read: ReadOptions, events: int) -> None:
    """Say, unless quiet, that a chronology this large is searched by words only."""
    from chrono import meaning
    from chrono.similarity import MEANING_MOST

    if not read.quiet and events > MEANING_MOST and meaning.available():
        click.echo(
            f"chrono: more than {MEANING_MOST:,} events: near-duplicates are found by"
            " their words only, among titles that share two of their rarest words",
            err=True,
        )


def load(read: ReadOptions) -> Loaded:
    """Every event and problem of the sources, unmerged (for `validate`)."""
    from chrono import chronology

    with _sources():
        return chronology.load(read.paths, read.reading, progress(read))


def read_and_select(read: ReadOptions, query: Query) -> tuple[Chronology, Excerpt]:
    """The chronology, and the events `query` keeps of it; `-v` says what it left out."""
    found = read_chronology(read)
    selected = found.select(query)
    if read.verbose:
        for option, n in selected.filtered:
            click.echo(f"chrono: {option} left out {count(n, 'event')}", err=True)
    return found, selected


def _report_merges(groups: Iterable[MergeGroup]) -> None:
    from chrono.merging import field_value
    from chrono.similarity import score_text

    for group in groups:
        event = group.merged
        where = ", ".join(str(o) for o in event.origins)
        click.echo(f"chrono: merged '{event.title}' ({event.date.display()}): {where}", err=True)
        for link in group.near:  # (which two: a group of three has three links)
            pair = f"{link.a.origins[0]} ~ {link.b.origins[0]}"
            score = score_text(link.score)
            click.echo(f"chrono:   near-duplicate {pair}, score {score}: {link.why}", err=True)
        for name, values in event.conflicts.items():  # (and which source said what)
            others = "; ".join(_short(v) + _read_at(group, name, v) for v in values)
            kept = _kept_date(event, values) if name == "date" else "the first"  # (SPEC §3, §7)
            kept += _read_at(group, name, field_value(event, name))
            click.echo(f"chrono:   {name} differs, kept {kept}; also: {others}", err=True)


def _read_at(group: MergeGroup, name: str, value: Any) -> str:
    """Where the events that gave `value` for the field `name` were read: ` (a.yaml:2)`;
    nothing for a value a merged file's `conflicts` brought."""
    from chrono.merging import field_value

    where = [str(o) for e in group.members if field_value(e, name) == value for o in e.origins]
    return f" ({', '.join(where)})" if where else ""


def _kept_date(event: Event, others: Sequence[Any]) -> str:
    """Which date a merge kept (SPEC §3): the most precise, the first of those."""
    from chrono.dates import parse_date
    from chrono.errors import DateError

    try:
        precisions = [parse_date(str(text)).precision for text in others]
    except DateError:
        return "the first of the most precise"
    if all(p < event.date.precision for p in precisions):
        return "the most precise"
    if all(p == event.date.precision for p in precisions):
        return "the first"
    return "the first of the most precise"


def _short(value: Any, limit: int = 60) -> str:
    from chrono.writing import strip_controls

    text = strip_controls(str(value))
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# (readable=False: a file that cannot be read is the loader's to report, exit 1, as
# it is when a folder holds it; only a path that does not exist is a usage error.)
PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, readable=False)
)
DAY_FIRST = click.option("--day-first", is_flag=True, help="Read 04/05/2025 as 4 May.")
MONTH_FIRST = click.option("--month-first", is_flag=True, help="Read 04/05/2025 as April 5.")
SKIP_INVALID = click.option(
    "--skip-invalid", is_flag=True, help="Report invalid events, then go on with the rest."
)
VERBOSE = click.option(
    "-v", "--verbose", is_flag=True, help="Report merged events and filter counts."
)
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print no warnings and no progress.")
NO_CACHE = click.option(
    "--no-cache",
    is_flag=True,
    help="Read every file afresh (default: unchanged files come from the parse cache "
    "in $CHRONO_CACHE_DIR or the user cache directory).",
)


def choose_day_first(day: bool, month: bool) -> bool | None:
    """`--day-first` or `--month-first`, as `parse_date` takes it (None: neither)."""
    if day and month:
        raise click.UsageError("--day-first and --month-first contradict each other: give one")
    return True if day else False if month else None


def read_options(*, merging: bool = True) -> Callable[[F], F]:
    """Add PATHS and the reading options; the command gets `read: ReadOptions`.
    Without `merging` (validate), no `--skip-invalid` or `-v`: they do nothing there."""
    chosen = [PATHS, DAY_FIRST, MONTH_FIRST, QUIET, NO_CACHE]
    if merging:
        chosen[3:3] = [SKIP_INVALID, VERBOSE]

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(
            paths: tuple[str, ...],
            day_first: bool,
            month_first: bool,
            quiet: bool,
            no_cache: bool,
            skip_invalid: bool = False,
            verbose: bool = False,
            **kwargs: Any,
        ) -> Any:
            from chrono.chronology import Reading
            from chrono.errors import Policy

            reading = Reading(
                day_first=choose_day_first(day_first, month_first),
                cache=not no_cache,
                report_merges=verbose,
            )
            read = ReadOptions(paths, reading, Policy(skip_invalid, quiet), verbose)
            return command(read=read, **kwargs)

        for option in reversed(chosen):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


def with_reading(read: ReadOptions, **changes: Any) -> ReadOptions:
    """`read` with some of its `Reading` changed."""
    return read._replace(reading=read.reading._replace(**changes))


# --------------------------------------------------------------------------- filters


def _tag_option(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """A tag is never empty (a timeline's empty tag is none): `--tag ""`, from an unset
    shell variable, would keep nothing and say only that."""
    if any(not value.strip() for value in values):
        raise click.BadParameter("a tag cannot be empty", ctx, param)
    return values


def _date_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> ChronoDate | None:
    """A `--from`/`--to` date in any form of SPEC §2; a bad one is a usage error."""
    if value is None:
        return None
    from chrono.dates import DateError, ZoneNamed, parse_date

    try:
        return parse_date(value)
    except ZoneNamed as exc:  # (a query has no `timezone:` to write it in)
        raise click.BadParameter(exc.said(None)) from None
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def min_score_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--min-score",
        type=click.FloatRange(0, 1),
        default=DEFAULT_MIN_SCORE,
        show_default=True,
        help=help_text,
    )


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
        callback=_tag_option,
        help="Keep events with this tag (repeat: any).",
    ),
    click.option("--grep", metavar="TEXT", help="Keep events whose title or description has TEXT."),
    click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Keep the first N."),
    click.option("--reverse", is_flag=True, help="Newest first (before --limit)."),
    click.option(
        "--dedupe",
        type=click.Choice([mode.value for mode in Dedupe]),
        default=Dedupe.EXACT.value,
        show_default=True,
        help="exact: same id, or same date and title; fuzzy: also near-duplicates "
        "(see `chrono dupes`); none: keep every event.",
    ),
    min_score_option("How alike near-duplicates must be, 0 to 1 (with --dedupe fuzzy)."),
)


def query_options(command: F) -> F:
    """Add the filters and `--dedupe` of SPEC §4 (under `read_options`); the command
    gets `query: Query`, and `read` with the de-duplication asked for."""

    @functools.wraps(command)
    def wrapper(
        read: ReadOptions,
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
        from chrono.querying import Query, floating_clock

        # (a clock time with no offset is read in each event's zone: against an
        # instant, it may be before or after, event by event)
        comparable = (floating_clock(start, first=True) is None) == (
            floating_clock(end, first=False) is None
        )
        if start is not None and end is not None and comparable and start.lo >= end.hi:
            raise click.UsageError(
                f"--from {start.text} is after --to {end.text}: no event could be kept"
            )
        given = click.get_current_context().get_parameter_source("min_score")
        if dedupe != Dedupe.FUZZY.value and given is click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--min-score applies to --dedupe fuzzy only: give both")
        read = with_reading(read, dedupe=Dedupe(dedupe), min_score=min_score)
        return command(read=read, query=Query(start, end, tags, grep, limit, reverse), **kwargs)

    for option in reversed(_QUERY_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]
