"""The `chrono` command: options -> one call into the library -> output (SPEC §4, §6).

Only click is imported at start-up; each command imports what it needs, so
`chrono --help` starts about as fast as click itself.  The commands are in
`chrono.cli.commands`, their shared options in `chrono.cli.options`.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from typing import Any, TextIO

import click

from chrono import __version__
from chrono.cli import commands
from chrono.cli.options import Failed, ProblemsFound

__all__ = ["cli", "main"]

# import name -> package name, for the message when one is missing
_DEPENDENCIES = {
    "tabulate": "tabulate",
    "yaml": "PyYAML",
    "dateutil": "python-dateutil",
    "icalendar": "icalendar",
}


class ChronoGroup(click.Group):
    """`chrono FILE...` means `chrono show FILE...`; the one place where the library's
    exceptions become messages and exit statuses."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or self._is_show_argument(args[0]):
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def _is_show_argument(self, first: str) -> bool:
        if first in self.commands or first in ("--help", "-h", "--version", "-V"):
            return False
        # A first word that is a path (or looks like one) is a file for `show`;
        # any other word is a command, so a typo gets "No such command".
        looks_like_path = first.endswith((".yaml", ".yml")) or "/" in first or os.sep in first
        return first.startswith("-") or looks_like_path or os.path.exists(first)

    def invoke(self, ctx: click.Context) -> Any:
        from chrono.errors import ChronoError, DamagedCache

        try:
            return super().invoke(ctx)
        except ChronoError as exc:  # problems that stop the run (errors.Policy)
            raise ProblemsFound(exc.problems, exc.hint) from None
        except DamagedCache as exc:  # (found while writing, write_output says more)
            raise Failed(f"{exc}: run the command again") from None
        except BrokenPipeError:  # the reader closed the pipe (`| head`): it has what it
            _silence(sys.stdout)  # wanted, so this ends quietly, and whenever it came
            raise click.exceptions.Exit(0) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRORS:
                raise
            raise Failed(_cannot_write(exc)) from None
        except ModuleNotFoundError as exc:  # run outside the environment chrono was installed in
            package = _DEPENDENCIES.get((exc.name or "").split(".")[0])
            if package is None:
                raise
            raise click.ClickException(
                f"chrono needs the Python package {package}, which this Python does not have: "
                f"install chrono with pip (pip install .) and run the chrono it installs"
            ) from None


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


for _command in commands.COMMANDS:
    cli.add_command(_command)


# What a failed write to standard output says (SPEC §10); other OSErrors are bugs.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EBADF}
INTERRUPTED = 130  # 128 + SIGINT: what shells report for a program stopped by Ctrl-C


def _cannot_write(exc: OSError) -> str:
    return f"cannot write output: {exc.strerror or exc}"


def _silence(stream: TextIO) -> None:
    """Point a stream whose reader has gone at /dev/null, so that nothing written or
    flushed later fails again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def main() -> None:
    """Console-script entry point."""
    # chrono builds hundreds of thousands of acyclic objects and exits: the cyclic
    # garbage collector would re-walk all of them again and again as the heap grows
    # (a third of the run time on 100k events) and free nothing.
    gc.disable()
    try:
        result = cli.main(prog_name="chrono", standalone_mode=False)
        status = result if isinstance(result, int) else 0  # (Exit's code, or 0)
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    except click.exceptions.Abort:  # Ctrl-C (click has ended the line ^C began)
        status = INTERRUPTED
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
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone: as in the command (ChronoGroup)
        _silence(sys.stdout)
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):
            print(f"chrono: {_cannot_write(exc)}", file=sys.stderr)
        status = status or 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)
