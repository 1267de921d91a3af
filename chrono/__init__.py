"""chrono: merge dated events from YAML files into one chronology.

The library API (the command line is a thin layer over it):

>>> from chrono import Query, Reading, read
>>> chronology = read(["timelines/"], Reading(cache=False))
>>> for event in chronology.select(Query(tags=("pfp",))).events:
...     print(event.date.display(), "|", event.title)
4 May 1994 | Azerbaijan joins NATO's Partnership for Peace
1996 | Azerbaijan submits its PfP Presentation Document
1997 | Azerbaijan joins NATO's Planning and Review Process
>>> chronology.problems
()

`read` returns a `Chronology`: its events, `select(query)`, and the problems and
merges found, as data; `FORMATS` renders events in any format chrono writes.
Names are imported on first use so that `chrono --help` starts fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0.dev0"

_EXPORTS = {
    "ChronoDate": "chrono.dates",
    "DateError": "chrono.errors",
    "Precision": "chrono.precision",
    "parse_date": "chrono.dates",
    "ChronoError": "chrono.errors",
    "Problem": "chrono.errors",
    "Severity": "chrono.errors",
    "Event": "chrono.model",
    "Origin": "chrono.model",
    "Loaded": "chrono.loading",
    "load_paths": "chrono.loading",
    "load_text": "chrono.loading",
    "Dedupe": "chrono.dedupe",
    "Merged": "chrono.merging",
    "merge_events": "chrono.merging",
    "sort_events": "chrono.merging",
    "Query": "chrono.querying",
    "Chronology": "chrono.chronology",
    "Reading": "chrono.chronology",
    "read": "chrono.chronology",
    "FORMATS": "chrono.formats",
}

__all__ = [
    "FORMATS",
    "ChronoDate",
    "ChronoError",
    "Chronology",
    "DateError",
    "Dedupe",
    "Event",
    "Loaded",
    "Merged",
    "Origin",
    "Precision",
    "Problem",
    "Query",
    "Reading",
    "Severity",
    "__version__",
    "load_paths",
    "load_text",
    "merge_events",
    "parse_date",
    "read",
    "sort_events",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'chrono' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
