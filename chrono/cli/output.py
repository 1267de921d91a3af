"""Where output goes, and which format it is in: `-o`, `--force`, `--format` and the
options formats declare (the format registry makes them when a command is used)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from chrono.formats import Format, Rendered


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
    from chrono.errors import DamagedCache
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
    try:
        if target == STDOUT:
            sys.stdout.flush()  # bytes as they are: ICS and CSV keep their CRLF
            for chunk in data:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
        else:
            write_atomic(target, data)
    except DamagedCache as exc:  # found while writing, so too late to read afresh
        left = "the output is incomplete" if target == STDOUT else f"{target} is left as it was"
        raise click.ClickException(f"{exc} ({left})") from None
    except OSError as exc:  # disk full, no permission, ...: FILE is left as it was
        if target == STDOUT:
            raise
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
        other = format_for_path(path) if path and path != "-" else None
        if other is not None and other.name == "yaml":
            raise click.UsageError(f"{path} is a timeline file already: chrono reads it as it is")
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
        self._made: tuple[tuple[Format, ...], list[click.Parameter]] | None = None

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        formats = tuple(registered(readers=self._readers))
        *params, help_option = super().get_params(ctx)
        if self._made is None or self._made[0] != formats:
            self._made = (formats, self._format_params(formats, {p.name for p in params}))
        return [*params, *self._made[1], help_option]

    def _format_params(
        self, formats: Sequence[Format], taken: set[str | None]
    ) -> list[click.Parameter]:
        from chrono.formats import FORMATS

        choices = "; ".join(f"{f.name} ({' '.join(f.suffixes)}): {f.summary}" for f in formats)
        made: list[click.Parameter] = [
            click.Option(
                ["-f", "--format", "format_name"],
                type=click.Choice([f.name for f in formats]),
                help=f"{choices}.  [default: from the file's suffix]",
            )
        ]
        for option in FORMATS.options() if self._options else ():
            if option.name in taken:  # a format's mistake, caught where it would bite
                raise RuntimeError(f"a format's option {option.flag} is the command's own")
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
    """The values of `fmt`'s own options, of all the format options given; an option
    given that `fmt` does not have is a usage error (it would do nothing)."""
    own = {option.name for option in fmt.options}
    ctx = click.get_current_context()
    given = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    for name in values:
        if name not in own and ctx.get_parameter_source(name) in given:
            flag = "--" + name.replace("_", "-")
            having = [f.name for f in registered() if any(o.name == name for o in f.options)]
            raise click.UsageError(
                f"{flag} is an option of {' and '.join(having)}, not of {fmt.name}"
            )
    return {option.name: values.get(option.name) for option in fmt.options}


def table_width() -> int | None:
    """`COLUMNS` when set, else the terminal's width; None (no wrapping) for a pipe."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None
