"""Titles compared as the same: what exact de-duplication and ICS UIDs key on (SPEC §3)."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

__all__ = ["CURRENCY", "MINUS", "NORMALIZE_CACHE_SIZE", "normalize_title"]

# Currency signs (Unicode's category Sc, a test checks the list): `$100` is not `€100`.
CURRENCY = (
    "$\u00a2-\u00a5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u09fb\u0af1\u0bf9\u0e3f\u17db"
    "\u20a0-\u20c0\ua838\ufdfc\U00011fdd-\U00011fe0\U0001e2ff\U0001ecb0"
)
# Runs of letters and digits; runs of `+`, `#`, `%`, currency signs and the signs of
# comparison and power (they tell C++ and C# from C, 5% from 5, `> 5%` from `< 5%`, and
# `≠` from `=`: NFKD writes it `=` and U+0338); and a minus sign before a digit, at the
# start or after a space or an opening bracket (-40 is not 40; 2-0, 1994-2025 and
# 5%-10% are dashes).
# A minus sign (`-` or `−`), as a pattern: at the start, or after a space or an opening
# bracket (`chrono.wording` reads the signs of numbers by it too).
MINUS = r"(?<![^\s(\[{])[-\u2212]"
_TOKENS = re.compile(rf"[^\W_]+|[+#%<>=^±≤≥\u0338{CURRENCY}]+|{MINUS}(?=\d)")
_DIGIT_GAP = re.compile(r"\d[\W_]+\d")  # two groups of digits with something between
NORMALIZE_CACHE_SIZE = 1 << 17


@functools.lru_cache(maxsize=NORMALIZE_CACHE_SIZE)
def normalize_title(title: str) -> str:
    """The title with case, spaces, punctuation, dashes, quotes and diacritics folded
    (SPEC §3), keeping what tells titles apart (SPEC §10).

    >>> normalize_title("Azerbaijan–Armenia “Peace” Agreement!")
    'azerbaijanarmeniapeaceagreement'
    >>> normalize_title("Zürich: the ‘Peace’ talks") == normalize_title("zurich the peace talks")
    True
    >>> [normalize_title(t) for t in ("C++ released", "C released", "Version 1.10", "🎉🎉")]
    ['c++released', 'creleased', 'version1.10', '🎉🎉']

    Word boundaries are dropped with the punctuation (`A|B`, `it's`) so that a
    title written with or without a mark folds to the same key; but `+`, `#`, `%`,
    currency signs, `<`, `>`, `=`, `≠`, `≤`, `≥`, `±`, `^` and a minus sign before a
    number are kept, two groups of digits
    stay apart (`1.10` is not `11.0`), and a title with no letter or digit at all (only
    emoji or punctuation) is compared as written.  Cached: merging and the ICS writer's UIDs both need it for every title.
    """
    # No character is both alphanumeric and combining (a test checks every code
    # point), so splitting at what is not alphanumeric drops the diacritics too; and
    # `\w` is exactly `str.isalnum` plus "_".
    text = unicodedata.normalize("NFKD", title.casefold())
    tokens = _TOKENS.findall(text)
    if "\u2212" in text:  # (the minus sign, as the hyphen-minus)
        tokens = [token.replace("\u2212", "-") for token in tokens]
    if not tokens:
        return title
    if _DIGIT_GAP.search(text) is None:  # most titles: no two groups of digits to part
        return "".join(tokens)
    kept = [tokens[0]]
    for before, token in itertools.pairwise(tokens):
        if before[-1].isdigit() and token[0].isdigit():
            kept.append(".")
        kept.append(token)
    return "".join(kept)


def searchable(text: str) -> str:
    """`text` as `--grep` compares it: casefolded and without accents (`Élise` is
    `elise`), as exact merging compares titles; most text is ASCII, and only lowered."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
