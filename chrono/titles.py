"""Titles compared as the same: what exact de-duplication and ICS UIDs key on (SPEC §3)."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["NORMALIZE_CACHE_SIZE", "normalize_title"]

_ALNUM_RUNS = re.compile(r"[^\W_]+")
NORMALIZE_CACHE_SIZE = 1 << 17


@functools.lru_cache(maxsize=NORMALIZE_CACHE_SIZE)
def normalize_title(title: str) -> str:
    """The title with case, spaces, punctuation, dashes, quotes and diacritics folded.

    >>> normalize_title("Azerbaijan–Armenia “Peace” Agreement!")
    'azerbaijanarmeniapeaceagreement'
    >>> normalize_title("Zürich: the ‘Peace’ talks") == normalize_title("zurich the peace talks")
    True

    Word boundaries are dropped with the punctuation (`A|B`, `it's`) so that a
    title written with or without a mark folds to the same key.  Cached: merging
    and the ICS writer's UIDs both need it for every title.
    """
    # No character is both alphanumeric and combining (a test checks every code
    # point), so dropping what is not alphanumeric drops the diacritics too; and
    # `\w` is exactly `str.isalnum` plus "_".
    return "".join(_ALNUM_RUNS.findall(unicodedata.normalize("NFKD", title.casefold())))
