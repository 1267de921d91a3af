"""Formats: one module each, and the registry that knows them all (STYLE §5).

A format module declares `FORMAT = Format(...)`: its name, file suffixes, a pure
`render(events, settings) -> Rendered`, its own options, and `read` when chrono
can import it.  Everything else is derived from the registry: `export --format`'s
choices, the format an `-o FILE` suffix names, `import`'s formats and the options
`export` takes.  Adding a format is one module plus one line in `_MODULES`; the
modules load on first use, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from chrono.errors import Problem, Severity

if TYPE_CHECKING:
    from chrono.model import Event

__all__ = [
    "FORMATS",
    "Format",
    "Imported",
    "Option",
    "Records",
    "Rendered",
    "Settings",
    "format_for_path",
    "register",
]

# The format modules, in the order their names are listed.  (Plain records are named
# tuples here: start-up pays for every class made, and a dataclass costs ten times as much.)
_MODULES = (
    "chrono.formats.markdown",
    "chrono.formats.ics",
    "chrono.formats.json_",
    "chrono.formats.csv_",
    "chrono.formats.yaml_",
    "chrono.formats.mermaid",
    "chrono.formats.svg",
    "chrono.formats.html",
    "chrono.formats.timelinejs",
    "chrono.formats.markwhen",
)


class Option(NamedTuple):
    """An option of one or more formats, `--md-style` for `md_style` on `export`.

    `choices` limit the values; `default` None means the format decides.
    """

    name: str
    help: str
    choices: tuple[str, ...] | None = None
    default: str | None = None
    metavar: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


class Settings(NamedTuple):
    """What a format is given besides the events: the title the inputs share, the
    time to stamp output with (seconds since the epoch; None: the clock's), and the
    format's own options by name (`Format.settings` fills in their defaults)."""

    title: str | None = None
    now: int | None = None
    options: Mapping[str, Any] = MappingProxyType({})

    def option(self, name: str) -> Any:
        return self.options[name]

    def time(self) -> int:
        """`now`, else the clock's seconds since the epoch (read once by a render)."""
        import time

        return self.now if self.now is not None else int(time.time())


class Rendered:
    """A format's text, and warnings for stderr (events left out, and why).

    The text may come as an iterable of pieces, written as they are made, so that a
    large export is never whole in memory; `text` joins them (once) when asked.
    Pieces are text, or UTF-8 bytes (stored records, written as they are).
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


class Records(NamedTuple):
    """How a record-wise format is written: one text per event (`record`, a function
    of the event alone), between fixed framing.  A stored chronology may keep the
    texts, so that a repeat export copies them."""

    record: Callable[[Event], str]
    first: str  # before the first record
    between: str  # between two records
    last: str  # after the last record
    empty: str  # the whole text when there is no record

    def join(self, texts: Iterable[str]) -> Iterator[str]:
        first = True
        for text in texts:
            yield (self.first if first else self.between) + text
            first = False
        yield self.empty if first else self.last


class Imported(NamedTuple):
    """What reading a file of another format gave: timeline records (as a timeline
    file holds them), the timeline's title, the problems found, and how many of its
    events could not be read."""

    records: tuple[dict[str, Any], ...]
    title: str | None
    problems: tuple[Problem, ...]
    invalid: int = 0


Render = Callable[[Sequence["Event"], Settings], Rendered]
Read = Callable[[bytes, str, "bool | None"], Imported]  # data, path, day_first


class Format(NamedTuple):
    """A format chrono writes (`export --format NAME`), and reads when it has `read`."""

    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    summary: str  # what it is for, in a few words, for --help
    render: Render
    options: tuple[Option, ...] = ()
    read: Read | None = None
    records: Records | None = None

    def settings(self, *, title: str | None = None, now: int | None = None,
                 **values: Any) -> Settings:  # fmt: skip
        """Settings for this format: its options' defaults, then `values` (None: the
        default)."""
        known = {o.name: o.default for o in self.options}
        unknown = set(values) - set(known)
        if unknown:
            raise TypeError(f"format {self.name} has no option {min(unknown)!r}")
        chosen = {name: value for name, value in values.items() if value is not None}
        return Settings(title, now, {**known, **chosen})

    def imports(self, data: bytes, path: str, day_first: bool | None = None) -> Imported:
        """`read`, except that a file of nothing but white space (and a BOM) holds no
        events, said as a warning, in every format (SPEC §6: an empty file is a
        warning, not an error; CSV and JSON readers called one an error)."""
        if self.read is None:
            raise TypeError(f"format {self.name} is not read")
        if not data.removeprefix(b"\xef\xbb\xbf").strip():
            said = Problem(path, 0, 0, "no events to import", Severity.WARNING)
            return Imported((), None, (said,))
        return self.read(data, path, day_first)


class _Registry(Mapping[str, Format]):
    """Formats by name, loaded from `_MODULES` when first asked for."""

    def __init__(self) -> None:
        self._formats: dict[str, Format] | None = None

    def _all(self) -> dict[str, Format]:
        if self._formats is None:
            found = [importlib.import_module(module).FORMAT for module in _MODULES]
            self._formats = {}
            for fmt in found:
                self.register(fmt)
        return self._formats

    def __getitem__(self, name: str) -> Format:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def register(self, fmt: Format) -> None:
        """Add a format (after the built-in ones).  Its name and suffixes must be new,
        and an option it shares with another format must be the same option."""
        formats = self._all()
        if fmt.records is not None and fmt.options:
            raise ValueError(f"format {fmt.name}: a record-wise format takes no options")
        if fmt.name in formats:
            raise ValueError(f"a format named {fmt.name!r} is registered already")
        taken = {s for f in formats.values() for s in f.suffixes}
        if taken & set(fmt.suffixes):
            raise ValueError(f"format {fmt.name}: suffix {min(taken & set(fmt.suffixes))} "
                             "is taken")  # fmt: skip
        options = {o.name: o for f in formats.values() for o in f.options}
        for option in fmt.options:
            if options.get(option.name, option) != option:
                raise ValueError(f"format {fmt.name}: option {option.flag} differs from "
                                 "the one other formats share")  # fmt: skip
        formats[fmt.name] = fmt

    def unregister(self, name: str) -> None:
        del self._all()[name]

    def options(self) -> list[Option]:
        """Every format's options, each once, in the order formats declare them."""
        return list({o.name: o for f in self.values() for o in f.options}.values())

    def readers(self) -> list[Format]:
        """The formats chrono can import."""
        return [f for f in self.values() if f.read is not None]


FORMATS = _Registry()
register = FORMATS.register


def format_for_path(path: str, formats: Iterable[Format] | None = None) -> Format | None:
    """The format a file's suffix names (`out.ics` -> ics), if any; the longest suffix
    wins (`x.timelinejs.json` is TimelineJS, `x.json` chrono's JSON)."""
    lowered = path.lower()
    found = [
        (len(suffix), fmt)
        for fmt in (FORMATS.values() if formats is None else formats)
        for suffix in fmt.suffixes
        if lowered.endswith(suffix)
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None
