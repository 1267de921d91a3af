"""Where `show --dedupe fuzzy` spends its time, phase by phase, in one process.

    python bench/fuzzy_phases.py FOLDER

Loads FOLDER as `chrono` does (worker processes for large loads), merges exact
duplicates, finds near-duplicates by words alone (as above 20,000 events), merges
them and exact duplicates again, and prints each phase's wall seconds; the search's
own phases are timed by wrapping its functions.  The cyclic collector is off, as in
`chrono`.  Figures are for comparing phases, not for the targets: `bench/run.py`
measures the commands themselves.
"""

from __future__ import annotations

import argparse
import functools
import gc
import time
from collections.abc import Callable
from typing import Any

from chrono import similarity
from chrono.loading import load_paths
from chrono.merging import _Merging, near_groups

TIMES: dict[str, float] = {}


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name] = TIMES.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    folder = parser.parse_args().folder
    gc.disable()
    of = similarity.TitleIndex.of.__func__  # type: ignore[attr-defined]
    similarity.TitleIndex.of = classmethod(timed("  reading the titles", of))  # type: ignore[method-assign,assignment]
    buckets = timed("  buckets (_shared_buckets)", similarity._shared_buckets)

    def keys_then_buckets(filed: Any, spans: Any, keys: int) -> Any:
        start = time.perf_counter()
        entries = list(filed)  # (a generator: its time is the keys')
        TIMES["  keys (_filed)"] = time.perf_counter() - start
        return buckets(entries, spans, keys)

    similarity._shared_buckets = keys_then_buckets
    similarity._score = timed("  scoring candidate pairs", similarity._score)

    events = timed("loading", load_paths)([folder]).events
    merging = _Merging(events)
    timed("first exact merge", merging.merge_exact)()
    merging.forget_keys()
    groups = timed("near-duplicate search", near_groups)(merging.current, meaning=False)

    def merge_again() -> None:
        merging.merge_exact(merging.merge([list(g.members) for g in groups]))

    timed("merging the groups, second exact merge", merge_again)()
    search = TIMES["near-duplicate search"]
    parts = sum(v for k, v in TIMES.items() if k.startswith("  "))
    TIMES["  the rest (spans, pairs, sorting, grouping)"] = search - parts
    order = ["loading", "first exact merge", "near-duplicate search", "  reading the titles",
             "  keys (_filed)", "  buckets (_shared_buckets)", "  scoring candidate pairs",
             "  the rest (spans, pairs, sorting, grouping)",
             "merging the groups, second exact merge"]  # fmt: skip
    print(f"{len(events):,} events, {len(groups):,} groups of near-duplicates")
    for name in order:
        print(f"{name:<46} {TIMES[name]:8.2f} s")


if __name__ == "__main__":
    main()
