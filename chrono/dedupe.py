"""How events are recognised as the same: the modes of `--dedupe`, and how alike
near-duplicates must be by default (SPEC §3).  Kept apart from `merging` and
`similarity` so that the command line can name them without loading either."""

from __future__ import annotations

import enum

__all__ = ["DEFAULT_MIN_SCORE", "Dedupe"]

# Precision and recall of `chrono dupes` at this score: bench/near_duplicates.py.
DEFAULT_MIN_SCORE = 0.35


class Dedupe(enum.Enum):
    """`--dedupe`: exact (same id, or same date and title), fuzzy (near-duplicates
    too) or none (every event as read)."""

    EXACT = "exact"
    FUZZY = "fuzzy"
    NONE = "none"
