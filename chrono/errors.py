"""Problems found in user data, what they do to a run, and the exception that ends one."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Severity(enum.Enum):
    """How bad a problem is: an error stops the run, a warning is only shown."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, at `path:line:column` (1-based; 0 = unknown)."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order a user reads a file: path, line, column."""
    return sorted(set(problems), key=Problem.sort_key)


BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark


def bad_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, int]:
    """Where the first byte of `data` that is not UTF-8 is: line, column (counted in
    characters, a BOM not counted) and the byte, from the error of decoding `data` as
    `utf-8-sig` (which counts from after a BOM)."""
    offset = exc.start + (len(BOM) if data.startswith(BOM) else 0)
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8")  # (valid up to the bad byte)
    column = len(before.removeprefix("\ufeff")) + 1
    return data.count(b"\n", 0, offset) + 1, column, data[offset]


def invalid_utf8(path: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """The error for a file that is not UTF-8, at its first bad byte (`bad_utf8`)."""
    line, column, byte = bad_utf8(data, exc)
    return Problem(path, line, column, f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")


class DateError(ValueError):
    """Raised when a written date is not one chrono can read (SPEC §2)."""


class ChronoError(Exception):
    """Raised when the input has errors that stop the run (`Policy.check`); carries
    the problems to report, sorted, and a hint for the user."""

    def __init__(self, problems: Iterable[Problem], hint: str = "") -> None:
        self.problems = tuple(sorted_problems(problems))
        self.hint = hint
        super().__init__("\n".join([*(str(p) for p in self.problems), hint]).strip())


class DamagedCache(Exception):
    """Raised when a cache entry turns out to be damaged after output has begun (so
    the run cannot read afresh instead); the entry is removed first."""


class Policy(NamedTuple):
    """What the problems found do to a run: the one policy every command follows
    (SPEC §6).  Errors stop the run (exit 1) unless `skip_invalid`; warnings are
    shown unless `quiet`; errors always are.  With `strict` (`validate --strict`,
    SPEC §10) warnings count as errors."""

    skip_invalid: bool = False
    quiet: bool = False
    strict: bool = False

    def check(self, problems: Iterable[Problem], hint: str = "") -> list[Problem]:
        """The problems to show, in reading order; ChronoError with them and `hint`
        when they stop the run."""
        ordered = sorted_problems(problems)
        stopping = [p for p in ordered if p.is_error or self.strict]
        shown = ordered if not self.quiet else stopping
        if stopping and not self.skip_invalid:
            raise ChronoError(shown, hint)
        return shown
