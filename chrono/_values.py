"""A base for chrono's frozen value classes."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


class Value:
    """Pickled through the constructor: a frozen dataclass's default pickling sets its
    fields one by one from Python and loads several times slower, and the parse cache
    (chrono.cache) loads hundreds of thousands of these."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))  # type: ignore[arg-type]
