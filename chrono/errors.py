"""Problems found in user data, and the exception that carries them to the CLI."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


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


class DateError(ValueError):
    """Raised when a written date is not one chrono can read (SPEC §2)."""


class ChronoError(Exception):
    """Raised by the library when the input has errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted_problems(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
