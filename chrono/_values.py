"""A base for chrono's frozen value classes."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_NAMES: dict[type, tuple[str, ...]] = {}


class Value:
    """Pickled through the constructor: a frozen dataclass's default pickling sets its
    fields one by one from Python and loads several times slower, and the parse cache
    (chrono.caches.parse) loads hundreds of thousands of these."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        names = _NAMES.get(cls)
        if names is None:  # dataclasses.fields() is slow; once per class is enough
            names = _NAMES[cls] = tuple(f.name for f in fields(self))  # type: ignore[arg-type]
        return (cls, tuple([getattr(self, name) for name in names]))
