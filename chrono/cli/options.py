"""Options shared by chrono's commands, and the one way problems reach the user.

A reading command gets `read: ReadOptions` (the sources, how to read them, what
problems do) and, with the filters, `query: Query`.  `export`'s format options come
from the format registry when the command is used, so a format module's options
appear without any change here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from chrono.dedupe import DEFAULT_MIN_SCORE, Dedupe

if TYPE_CHECKING:
    from chrono.chronology import Chronology, Reading, Selected
    from chrono.dates import ChronoDate
    from chrono.errors import Policy, Problem
    from chrono.formats import Format, Rendered
    from chrono.loading import Loaded
    from chrono.merging import MergeGroup
    from chrono.querying import Query

F = TypeVar("F", bound=Callable[..., Any])

# --------------------------------------------------------------------------- problems


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
    from chrono.writing import strip_controls

    for problem in problems:
        click.echo(strip_controls(str(problem)), err=True)


def report(problems: Sequence[Problem], policy: Policy, hint: str, invalid: int = 0) -> None:
    """Problems to stderr as the policy says; ChronoError (exit 1, see the group) when
    they stop the run, else a note of what was skipped."""
    echo_problems(policy.check(problems, hint))
    if any(p.is_error for p in problems):
        click.echo(f"chrono: skipped {count(invalid, 'invalid event')}", err=True)


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


def _progress_bar(total: int) -> contextlib.AbstractContextManager[Callable[[int], None]]:
    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[int], None]]:
        with click.progressbar(length=total, label="reading", file=sys.stderr) as shown:
            yield shown.update

    return bar()


def _progress(read: ReadOptions) -> Callable[[int], Any] | None:
    """A progress bar on stderr for long reads, when stderr is a terminal."""
    return None if read.quiet or not sys.stderr.isatty() else _progress_bar


def read_chronology(read: ReadOptions) -> Chronology:
    """The merged chronology of the sources, its problems reported by the policy."""
    from chrono import chronology

    try:
        found = chronology.read(read.paths, read.reading, _progress(read))
    except chronology.NoSources as exc:
        raise click.UsageError(str(exc)) from None
    errors = sum(p.is_error for p in found.problems)
    hint = f"{count(errors, 'error')}; --skip-invalid goes on without the invalid events"
    report(found.problems, read.policy, hint, found.invalid)
    if read.verbose:
        _report_merges(found.merges)
    return found


def load(read: ReadOptions) -> Loaded:
    """Every event and problem of the sources, unmerged (for `validate`)."""
    from chrono import chronology

    try:
        return chronology.load(read.paths, read.reading, _progress(read))
    except chronology.NoSources as exc:
        raise click.UsageError(str(exc)) from None


def select(read: ReadOptions, query: Query) -> tuple[Chronology, Selected]:
    """The chronology, and the events `query` keeps of it; `-v` says what it left out."""
    found = read_chronology(read)
    selected = found.select(query)
    if read.verbose:
        for option, n in selected.filtered:
            click.echo(f"chrono: {option} left out {count(n, 'event')}", err=True)
    return found, selected


def _report_merges(groups: Iterable[MergeGroup]) -> None:
    for group in groups:
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


PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True))
DAY_FIRST = click.option("--day-first", "order", flag_value="day", help="Read 04/05/2025 as 4 May.")
MONTH_FIRST = click.option(
    "--month-first", "order", flag_value="month", help="Read 04/05/2025 as April 5."
)
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
            order: str | None,
            quiet: bool,
            no_cache: bool,
            skip_invalid: bool = False,
            verbose: bool = False,
            **kwargs: Any,
        ) -> Any:
            from chrono.chronology import Reading
            from chrono.errors import Policy

            reading = Reading(
                day_first=None if order is None else order == "day",
                cache=not no_cache,
                merges=verbose,
            )
            read = ReadOptions(paths, reading, Policy(skip_invalid, quiet), verbose)
            return command(read=read, **kwargs)

        for option in reversed(chosen):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


def with_reading(read: ReadOptions, **changes: Any) -> ReadOptions:
    """`read` with some of its `Reading` changed."""
    return read._replace(reading=dataclasses.replace(read.reading, **changes))


# --------------------------------------------------------------------------- filters


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
        from chrono.querying import Query

        read = with_reading(read, dedupe=Dedupe(dedupe), min_score=min_score)
        return command(read=read, query=Query(start, end, tags, grep, limit, reverse), **kwargs)

    for option in reversed(_QUERY_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------------- output


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


OUTPUT = click.option(
    "-o",
    "--output",
    metavar="FILE",
    callback=_check_output,
    help="Write to FILE (atomically) instead of standard output ('-').",
)
FORCE = click.option("--force", is_flag=True, help="Allow -o to overwrite one of the inputs.")
MAX_WARNINGS = 10  # per run, unless -v: a large export can skip thousands of events


def source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` (reproducible builds): the time formats stamp output with."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise click.UsageError(f"SOURCE_DATE_EPOCH must be whole seconds, not '{value}'")
    return int(value)


def write_output(
    rendered: Rendered,
    output: str | None,
    inputs: Sequence[str],
    force: bool,
    *,
    quiet: bool = False,
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


# --------------------------------------------------------------------------- formats


def choose_format(
    name: str | None, path: str | None, formats: Iterable[Format], file: str = "an -o FILE"
) -> Format:
    """The format named, else the one the file's suffix names; a usage error if none."""
    from chrono.formats import FORMATS, format_for_path

    if name is not None:
        return FORMATS[name]
    found = format_for_path(path, formats) if path and path != "-" else None
    if found is None:
        raise click.UsageError(f"name a format with --format, or {file} whose suffix names one")
    return found


class FormatCommand(click.Command):
    """A command with a `--format` from the format registry, and, with `options`,
    every registered format's own options (`export`).  They are made when the
    command is used, so a registered format needs nothing here, and `chrono --help`
    loads no format."""

    def __init__(self, *args: Any, readers: bool = False, options: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self._readers, self._options = readers, options
        self._made: tuple[tuple[str, ...], list[click.Parameter]] | None = None

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        formats = registered(readers=self._readers)
        names = tuple(f.name for f in formats)
        if self._made is None or self._made[0] != names:
            self._made = (names, self._format_params(formats))
        *params, help_option = super().get_params(ctx)
        return [*params, *self._made[1], help_option]

    def _format_params(self, formats: list[Format]) -> list[click.Parameter]:
        suffixes = " ".join(f.suffixes[0] for f in formats)
        verb = "Input" if self._readers else "Output"
        made: list[click.Parameter] = [
            click.Option(
                ["-f", "--format", "format_name"],
                type=click.Choice([f.name for f in formats]),
                help=f"{verb} format; default: from the file's suffix ({suffixes}).",
            )
        ]
        if self._options:
            from chrono.formats import FORMATS

            for option in FORMATS.options():
                made.append(
                    click.Option(
                        [option.flag, option.name],
                        type=click.Choice(option.choices) if option.choices else None,
                        default=option.default,
                        show_default=option.default is not None,
                        metavar=option.metavar,
                        help=option.help,
                    )
                )
        return made


def registered(*, readers: bool = False) -> list[Format]:
    """The formats of the registry; with `readers`, those chrono can import."""
    from chrono.formats import FORMATS

    return FORMATS.readers() if readers else list(FORMATS.values())


def format_values(fmt: Format, values: dict[str, Any]) -> dict[str, Any]:
    """The values of `fmt`'s own options, of all the format options given."""
    return {option.name: values.get(option.name) for option in fmt.options}


def table_width() -> int | None:
    """`COLUMNS` when set, else the terminal's width; None (no wrapping) for a pipe."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None
