"""chrono: merge dated events from YAML files into one chronology.

The library API (the CLI is a thin layer over it)::

    from chrono import load_paths, merge_events, Query
    loaded = load_paths(["timelines/"])
    merged = merge_events(loaded.events)
    for event in Query(tags=("nato",)).select(merged.events).events:
        print(event.date.display(), event.title)

Names are imported on first use so that `chrono --help` starts fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0.dev0"

_EXPORTS = {
    "ChronoDate": "chrono.dates",
    "DateError": "chrono.errors",
    "Precision": "chrono.dates",
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
}

__all__ = [
    "ChronoDate",
    "ChronoError",
    "DateError",
    "Dedupe",
    "Event",
    "Loaded",
    "Merged",
    "Origin",
    "Precision",
    "Problem",
    "Query",
    "Severity",
    "__version__",
    "load_paths",
    "load_text",
    "merge_events",
    "parse_date",
    "sort_events",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'chrono' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
