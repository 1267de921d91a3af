"""Output formats: one module each, registered here (STYLE §5).

A format is a pure `render(events, options) -> Rendered`; the CLI writes the text
and prints the warnings.  Modules load on first use so start-up stays fast; adding a
format is one module plus one line in `_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chrono.model import Event

__all__ = ["FORMATS", "Format", "RenderOptions", "Rendered", "format_for_path"]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Everything a format may need besides the events; defaults follow SPEC §7."""

    title: str | None = None  # the timeline's title, when the inputs share one
    md_style: str = "list"  # Markdown: list | table
    group_by: str | None = None  # year | decade | none; None = the format's default
    partial: str = "start"  # ICS month/year dates: start | span | skip
    calendar_name: str | None = None
    dtstamp: int | None = None  # ICS DTSTAMP, seconds since the epoch (SOURCE_DATE_EPOCH)


class Rendered:
    """A format's text, and warnings for stderr (events left out, and why).

    The text may come as an iterable of pieces, written as they are made, so that a
    large export is never whole in memory; `text` joins them (once) when asked.
    Pieces are text, or UTF-8 bytes (stored JSON records, written as they are).
    """

    __slots__ = ("_text", "warnings")

    def __init__(
        self, text: str | Iterable[str] | Iterable[bytes], warnings: Iterable[str] = ()
    ) -> None:
        self._text = text
        self.warnings = tuple(warnings)

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            self._text = "".join(p if isinstance(p, str) else p.decode("utf-8") for p in self._text)
        return self._text

    def pieces(self) -> Iterable[str | bytes]:
        """The text in pieces, to write one after the other (only once)."""
        return (self._text,) if isinstance(self._text, str) else self._text


RenderFunction = Callable[[Sequence["Event"], RenderOptions], Rendered]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str

    @property
    def render(self) -> RenderFunction:
        render: RenderFunction = importlib.import_module(self.module).render
        return render


# name -> (module, file suffixes)
_MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "md": ("chrono.formats.markdown", (".md", ".markdown")),
    "ics": ("chrono.formats.ics", (".ics", ".ical")),
    "json": ("chrono.formats.json_", (".json",)),
    "csv": ("chrono.formats.csv_", (".csv",)),
    "yaml": ("chrono.formats.yaml_", (".yaml", ".yml")),
    "mermaid": ("chrono.formats.mermaid", (".mmd", ".mermaid")),
}


FORMATS: Mapping[str, Format] = {
    name: Format(name, suffixes, module) for name, (module, suffixes) in _MODULES.items()
}


def format_for_path(path: str) -> Format | None:
    """The format an output file's suffix names (`out.ics` -> ics), if any."""
    lowered = path.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.suffixes):
            return fmt
    return None
