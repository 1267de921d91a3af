"""Near-duplicate detection: which events are probably the same (SPEC §3, issues #4, #14).

Two events are near-duplicates when their dates are compatible (their spans
overlap, widened for approximate dates and by a day of slack for day and clock
precision, so a day written in two time zones still meets) and their titles are
similar: a weighted Jaccard similarity over their words (`chrono.wording`: folded,
in Latin letters, stemmed, a few synonyms mapped; an initialism written in capitals
meets the name it stands for).  Words weigh by their rarity in the chronology, so
stop-words and very common words count for little.  With wordllama installed
(`chrono.meaning`) and up to MEANING_MOST events, the titles' meaning counts too:
the stronger of the two scores plus half the weaker.  What tells two titles apart
(`wording.contrast`) multiplies the score by CONTRAST.

Candidates are blocked, never all pairs: each event is indexed under its rarest
words in each period (of 8 days, 64 days and a year) its date can reach, and only
events that share such a key are compared (with meaning, events whose spans meet
are also compared by meaning alone).  In chronologies of more than EXHAUSTIVE events
the keys are pairs of a title's three rarest words, and in a year's buckets the three
together.  Groups (`merging.near_groups`) join pairs most similar first with complete
linkage, so they do not depend on input order.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chrono import meaning
from chrono.dates import ChronoDate, zones_differ
from chrono.dedupe import DEFAULT_MIN_SCORE
from chrono.model import Event
from chrono.precision import US_PER_DAY, Precision, days_from_civil
from chrono.progress import Progress
from chrono.wording import (
    CONTRAST,
    Initials,
    Name,
    acronyms_of,
    as_written,
    contrast,
    may_name,
    names_of,
    raw_words,
    words,
    words_of,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["DEFAULT_MIN_SCORE", "NearDuplicate", "TitleIndex", "find_near_duplicates", "words"]


EXHAUSTIVE = 20_000  # chronologies up to this size index every word of a title
CROWDED = 16  # events sharing a word in one period before pairs of words are required
CLOSE_DATES = 0.85  # score factor for dates that only meet through the day of slack
PERIOD = 0.5  # score factor for a period and a moment in it (`_period_and_moment`)


def _skeleton(word: str) -> str:
    """Consonants, with `c`/`j` and `k`/`q` merged: Azerbaycan ~ Azerbaijan."""
    return re.sub(r"[aeiouy]", "", word.replace("c", "j").replace("q", "k"))


BLOCK_LETTERS = 6  # a word is indexed under its first six letters, so that words of
# one stem (dissolved, dissolution) meet


def score_text(score: float) -> str:
    """A score as people read it, two decimals, never rounded up: 0.346 reads 0.34, so
    a pair shown at 0.35 is one that `--min-score 0.35` keeps."""
    return f"{math.floor(score * 100) / 100:.2f}"


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Two events that are probably the same, and why."""

    a: Event
    b: Event
    score: float
    shared: tuple[str, ...]  # the words the titles share
    relation: str  # how the dates relate: same, contains, overlaps, close
    meaning: float | None = None  # the titles' cosine, when similar meaning counted
    differs: str | None = None  # what tells them apart, when something does
    across: bool = False  # `meaning` is the multilingual encoder's (chrono.meaning)

    @property
    def dates(self) -> str:
        """How the dates relate, in words, for reports (made only when asked for), with
        their clock times' zones where the two differ in zone."""
        return self._dates(zones_differ((self.a.date, self.b.date)))

    def _dates(self, zones: bool) -> str:
        return explain_dates(self.a.date, self.b.date, self.relation, zones)

    def _written(self) -> Iterator[str]:
        """The shared words as the titles write them, not as compared (`collaps`, the
        stem of `collapses`): `x/y` where the two write one word two ways (`deal` is
        compared as `agreement`), `x~y` for words alike in spelling."""
        raws = raw_words(self.a.title), raw_words(self.b.title)
        for word in self.shared:
            if " = " in word:  # (an initialism and its name, as written already)
                yield word
                continue
            if "~" in word:  # (either title may write either word)
                yield "~".join(_either(raws, part) for part in word.split("~"))
                continue
            written = [as_written(r, word) or word for r in raws]
            yield written[0] if written[0] == written[1] else "/".join(written)

    @property
    def why(self) -> str:
        """What made the two look alike, and what tells them apart, in words."""
        return self.explain(zones_differ((self.a.date, self.b.date)))

    def explain(self, zones: bool) -> str:
        """`why`, its clock times with their zones or without (a report of several
        pairs decides for all of them: `dates.zones_differ`)."""
        reasons = [self._dates(zones), "words: " + (", ".join(self._written()) or "none")]
        if self.meaning is not None:
            across = " across languages" if self.across else ""
            reasons.append(f"similar meaning{across} {score_text(self.meaning)}")
        if self.differs is not None:
            reasons.append(f"but {self.differs}")
        return "; ".join(reasons)


def _either(raws: tuple[Sequence[str], Sequence[str]], word: str) -> str:
    return as_written(raws[0], word) or as_written(raws[1], word) or word


@functools.lru_cache(maxsize=1 << 16)
def _loose_keys(word: str) -> tuple[tuple[str, str], ...]:
    """Keys under which a word matches another loosely: its first six letters and its
    consonant skeleton (words of six letters or more only)."""
    if len(word) < 6:
        return ()
    return (("stem", word[:6]), ("sound", _skeleton(word)))


def _loose(words: frozenset[str]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for word in sorted(words):
        for key in _loose_keys(word):
            found.setdefault(key, word)
    return found


def _read(
    titles: Sequence[str],
) -> tuple[list[tuple[str, ...]], dict[int, frozenset[str]], list[int]]:
    """Titles as `TitleIndex.of` reads them: each one's words (tuples:
    a frozenset a title took 470 MB at 1M), the initialisms each writes in capitals (by
    title number, where any), and the titles that may name one (`may_name`)."""
    rows: list[tuple[str, ...]] = []
    written: dict[int, frozenset[str]] = {}
    named_candidates: list[int] = []
    for i, title in enumerate(titles):
        raws = raw_words(title)
        rows.append(tuple(words_of(raws)))
        if (found := acronyms_of(raws)) and sum(map(str.isupper, title)) >= 2:
            written[i] = found
        if may_name(raws):
            named_candidates.append(i)
    return rows, written, named_candidates


class TitleIndex:
    """Word rarity over a chronology: a word's weight is its inverse document frequency.

    `names` holds, for the titles that have any, the initialisms of their names, and
    `acronyms` the initialisms each title writes in capitals (`wording.names`,
    `wording.acronyms`): a title writing `IMF` matches another's `International
    Monetary Fund` through them."""

    def __init__(
        self,
        titles: Sequence[Collection[str]],
        names: dict[int, dict[str, Name]] | None = None,
        acronyms: dict[int, frozenset[str]] | None = None,
    ) -> None:
        df = Counter(itertools.chain.from_iterable(titles))
        self.df = df
        count = len(titles)
        self.weights = {w: math.log((count + 1) / (n + 1)) + 1.0 for w, n in df.items()}
        self.words = titles
        self.names = names or {}
        self.acronyms = acronyms or {}
        weights = self.weights
        self.totals = array("d", [sum(map(weights.__getitem__, t)) for t in titles])
        # Every word's place in rarity order (then alphabetical): sorting by it is a
        # lookup per word, not a key tuple made per word per title.
        self.rank = {w: n for n, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}

    @classmethod
    def of(cls, titles: Sequence[str]) -> TitleIndex:
        """The index of these titles: their words, and the initialisms that one
        writes in capitals and another spells out."""
        rows, written, named_candidates = _read(titles)
        named: dict[int, dict[str, Name]] = {}
        if written:
            wanted = Initials(frozenset().union(*written.values()))
            for i in named_candidates:
                if spelled := names_of(raw_words(titles[i]), wanted):
                    named[i] = spelled
        keys = frozenset().union(*named.values())
        used = {i: found & keys for i, found in written.items() if found & keys}
        return cls(rows, named, used)

    def similarity(self, i: int, j: int) -> tuple[float, tuple[str, ...]]:
        """How alike titles `i` and `j` are, from 0 to 1, and the words that matched.

        The mean of the weighted Jaccard index (shared weight over the weight of
        both) and the weighted overlap coefficient (shared weight over the weight of
        the shorter title), so that a short headline inside a long one still scores.
        Words alike by stem or transliteration match at 0.8 and count once.  An
        initialism in one title matches the name it stands for in the other, the
        name's words then counting as that one word.
        """
        a, b, w = frozenset(self.words[i]), frozenset(self.words[j]), self.weights
        shared = a & b
        matched = sum(w[x] for x in shared)
        rest_a, rest_b = a - shared, b - shared
        total_a, total_b = self.totals[i], self.totals[j]
        expanded: list[str] = []
        if i in self.acronyms or j in self.acronyms:
            rest = [rest_a, rest_b]
            totals = [total_a, total_b]
            # side 0 writes the initialism, side 1 the name (then the other way round)
            for initialism_side, named_side, writer, namer in ((0, 1, i, j), (1, 0, j, i)):
                capitals = self.acronyms.get(writer, ())
                for key, (name, written) in self.names.get(namer, {}).items():
                    if key in capitals and key in rest[initialism_side]:
                        claimed = name & rest[named_side]  # (not what is shared already)
                        matched += w[key]
                        rest[initialism_side] -= {key}
                        totals[named_side] += w[key] - sum(w[x] for x in claimed)
                        rest[named_side] -= claimed
                        expanded.append(f"{key.upper()} = {written}")
            rest_a, rest_b = rest
            total_a, total_b = totals
        loose: list[tuple[str, str]] = []
        pairs = 0.0
        keys_a = _loose(rest_a) if rest_a else {}
        keys_b = _loose(rest_b) if keys_a and rest_b else {}
        common = keys_a.keys() & keys_b.keys()
        if common:
            used: set[str] = set()
            for loose_key in sorted(common):
                word, other = keys_a[loose_key], keys_b[loose_key]
                if word not in used and other not in used:
                    used.update((word, other))
                    loose.append((word, other))
                    pairs += (w[word] + w[other]) / 2
        if not matched and not pairs:
            return 0.0, ()
        exact = matched
        matched += 0.8 * pairs
        union = total_a + total_b - exact - pairs
        score = (matched / union + min(1.0, matched / min(total_a, total_b))) / 2
        found = tuple(sorted(shared)) + tuple(expanded) + tuple(f"{x}~{y}" for x, y in loose)
        return score, found


# --------------------------------------------------------------------------- dates

_SLACK = (
    US_PER_DAY // 2
)  # per side: one day in all, as the same instant falls on two days in two zones


def _widened(date: ChronoDate) -> tuple[int, int]:
    """The span a date can denote, widened by one of its units when approximate
    (`~2025-11` reaches October and December) and by a day of slack at day precision
    and finer."""
    start = date.start
    if start is not None and start is date.end and not start.approximate:  # most dates
        if start.precision is Precision.DAY:
            return start.lo - _SLACK, start.hi + _SLACK
        return start.lo, start.hi
    lo, hi = date.lo, date.hi
    if date.approximate:
        reach = date.precision.meaning.reach * US_PER_DAY  # one of its units
        lo, hi = lo - reach, hi + reach
    if date.precision is Precision.DAY:
        lo, hi = lo - _SLACK, hi + _SLACK
    return lo, hi


def date_relation(a: ChronoDate, b: ChronoDate) -> str | None:
    """How two dates are compatible: "same", "contains", "overlaps" or "close" (only
    through widening and slack); None when they cannot denote the same time."""
    if a.meaning() == b.meaning():
        return "same"
    if a.contains(b) or b.contains(a):
        return "contains"
    if a.lo < b.hi and b.lo < a.hi:
        return "overlaps"
    lo_a, hi_a = _widened(a)
    lo_b, hi_b = _widened(b)
    if lo_a < hi_b and lo_b < hi_a:
        return "close"
    return None


def _period_and_moment(a: ChronoDate, b: ChronoDate) -> bool:
    """Whether one date is an interval, written as one, four times as long as the
    other or more, which is a month, quarter or year: a period and a time in it
    (`1994/2001-06 The garage years` and `1994 Acme founded in a garage`), more
    likely two events than one, and merging them would leave the period's span only
    under `conflicts`.  (A day is not: `COP29 opens` on the first day of the
    conference is told as the conference, measured on the project's labelled set.)"""
    for outer, inner in ((a, b), (b, a)):
        if outer.interval and not inner.interval and None not in (outer.start, outer.end):
            return (
                Precision.YEAR <= inner.precision <= Precision.MONTH
                and outer.hi - outer.lo >= 4 * (inner.hi - inner.lo)
            )
    return False


def _placed(date: ChronoDate) -> bool:
    """Whether the date's clock times are instants: in a zone or at an offset (a
    floating time is the same clock time anywhere, no instant to be the same as)."""
    return all(p.zone is not None or p.offset is not None
               for p in (date.start, date.end) if p is not None)  # fmt: skip


def explain_dates(a: ChronoDate, b: ChronoDate, kind: str, zones: bool = False) -> str:
    """`date_relation` in words, for reports; with `zones`, clock times name theirs."""
    if kind == "same":  # (one instant told in two zones shows two clock times)
        if a.display() == b.display() or not (_placed(a) and _placed(b)):
            return "same date"
        return f"same instant: {a.display(True)} is {b.display(True)}"
    # (a period and a time in it count half: said, as the score is shown halved)
    half = ", a period and a time in it (half the score)" if _period_and_moment(a, b) else ""
    if kind == "contains":
        outer, inner = (a, b) if a.contains(b) else (b, a)
        return f"{outer.display(zones)} contains {inner.display(zones)}{half}"
    verb = "overlaps" if kind == "overlaps" else "is close to"
    return f"{a.display(zones)} {verb} {b.display(zones)}{half}"


_EPOCH = days_from_civil(0, 1, 1) * US_PER_DAY
# Bucket sizes for blocking, fine to coarse.  A date is filed whole ("coarse") at the
# first size its widened span fits in, and as a finer entry in the larger sizes'
# buckets, so that a month meets its days and a year its months.
_SIZES = (8 * US_PER_DAY, 64 * US_PER_DAY, 365 * US_PER_DAY)


def _level(width: int) -> int:
    """The bucket size a widened span of this width is filed in whole: the first it
    fits in (the largest if none); it is a finer entry in the larger ones."""
    for level, size in enumerate(_SIZES):
        if width <= size:
            return level
    return len(_SIZES) - 1


# --------------------------------------------------------------------------- search


def _blockable(event: Event) -> bool:
    """Dates vaguer than a year, and open intervals, match too much to suggest a
    duplicate: they are left out of near-duplicate detection."""
    date = event.date
    return date.precision >= Precision.YEAR and date.start is not None and date.end is not None


def find_near_duplicates(
    events: Sequence[Event],
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    meaning: bool = True,
    vectors: np.ndarray | None = None,
    progress: Progress | None = None,
) -> list[NearDuplicate]:
    """Pairs of near-duplicate events, most similar first (stable order).

    With `meaning` (and wordllama installed: `chrono.meaning.available()`), in
    chronologies of up to MEANING_MOST events, similar meaning counts too, and pairs
    whose spans meet are compared by meaning even when they share no word.
    `vectors`, one per event, are the events' meaning vectors if made already."""
    index = TitleIndex.of([e.title for e in events])
    spans = _Spans(events)
    # Blocking: each event is filed under its keys (`_filed`) in the buckets of its
    # periods, and only events that share a bucket are compared (`_shared_buckets`).
    exhaustive = len(events) <= EXHAUSTIVE
    combos: dict[int, list[int]] = {}  # (to split crowded buckets: see _split_crowded)
    blocks = _Blocks(index)
    buckets = _shared_buckets(_filed(events, spans, index, blocks, combos), spans, blocks.keys())
    seen: set[int] = set()
    pairs: list[int] = []  # (first * size + second, first < second, as found)
    size = len(events)
    lows, highs = spans.lows, spans.highs
    for entries in buckets:
        for coarse, fine in _split_crowded(entries, combos, exhaustive):
            for x, first in enumerate(coarse):
                lo, hi = lows[first], highs[first]
                for second in itertools.chain(coarse[x + 1 :], fine):
                    other_lo, other_hi = lows[second], highs[second]
                    if other_lo >= hi or lo >= other_hi:  # cannot meet: the cheap test first
                        continue
                    pair = first * size + second if first < second else second * size + first
                    if pair not in seen:
                        seen.add(pair)
                        pairs.append(pair)
    del buckets
    if not meaning:
        vectors = None
    elif vectors is None:
        vectors = meaning_vectors([e.title for e in events], progress)
    score = functools.partial(_score, events, index, vectors, min_score=min_score)
    found = [_near(events, link) for pair in pairs if (link := score(divmod(pair, size)))]
    if vectors is not None:
        for first, second in _meaning_pairs(events, spans, vectors, min_score):
            if first * size + second not in seen and (link := score((first, second))):
                found.append(_near(events, link))
    found.sort(key=lambda n: (-n.score, n.a.sort_key(), n.b.sort_key()))
    return found


class _Spans:
    """Each event's widened span (`_widened`) as two arrays of 64-bit numbers, not a
    tuple of two ints an event (50 MB at 1M events); events that are not blocked,
    whose spans may be open, are 0 (a list holds them if any span is too wide), and
    `blocked` says which are blocked (`_blockable`), one byte an event."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.blocked = bytes(map(_blockable, events))
        spans = [_widened(e.date) if blocked else (0, 0)
                 for e, blocked in zip(events, self.blocked, strict=True)]  # fmt: skip
        self.lows: Sequence[int]
        self.highs: Sequence[int]
        try:
            self.lows = array("q", [lo for lo, _ in spans])
            self.highs = array("q", [hi for _, hi in spans])
        except OverflowError:  # a year of more than a few digits
            self.lows, self.highs = [lo for lo, _ in spans], [hi for _, hi in spans]


_SLOTS = 16_777_213  # counters for the buckets' first count (16 MB; a prime: see _shared_buckets)
_FINER = 4  # a counter's mark: a finer entry falls on it


class _Blocks:
    """Words' blocks as numbers: a word's block is its first BLOCK_LETTERS letters (so
    that words of one stem meet), numbered in order of the rarest word that has it;
    `of_rank[r]` is the block of the word of rarity rank r (`TitleIndex.rank`)."""

    def __init__(self, index: TitleIndex) -> None:
        numbers: dict[str, int] = {}
        self.of_rank = [numbers.setdefault(w[:BLOCK_LETTERS], len(numbers)) for w in index.rank]
        self.count = len(numbers) + 1  # (above every block: pairs of blocks are numbered from it)

    def keys(self) -> int:
        """A bound on the keys that `_filed` makes of these blocks."""
        n = self.count
        return n**3 + n * n + n


_ByLevel = tuple[Sequence[int], Sequence[int], Sequence[int]]


def _filed(
    events: Sequence[Event],
    spans: _Spans,
    index: TitleIndex,
    blocks: _Blocks,
    combos: dict[int, list[int]],
) -> Iterator[tuple[int, _ByLevel]]:
    """Each blocked event's keys at each bucket size (8 days, 64 days, a year).

    Up to EXHAUSTIVE events, every word of a title is a key at every size, so nothing
    is missed that one shared word links (and `combos` gets each event's pairs of rare
    words, to split crowded buckets).  Above, the keys are pairs of its three rarest
    words, and in a year's buckets, which hold so many events, the three words
    together: in a large chronology many titles share a word, and only titles
    sharing two rare words (three in a year) are worth comparing if the work is to
    grow linearly.  Keys are ints: a word's block is a number (`_Blocks`), and a pair
    of blocks or three of them are numbers above all single ones.  Tuples and strings
    made and hashed millions of times cost more than the comparisons."""
    exhaustive = len(events) <= EXHAUSTIVE
    n = blocks.count
    rank_of, names = index.rank, index.names
    rank, block = rank_of.__getitem__, blocks.of_rank.__getitem__
    blocked = spans.blocked
    for i, title_words in enumerate(index.words):
        if i in names:  # filed under its names' initialisms too, where written
            title_words = (*title_words, *(k for k in names[i] if k in rank_of))
        if not title_words or not blocked[i]:
            continue
        rare = list(dict.fromkeys(map(block, sorted(map(rank, title_words)))))  # rarest first
        pairs = [n + (a * n + b if a < b else b * n + a)
                 for a, b in itertools.combinations(rare[:3], 2)] or rare  # fmt: skip
        if exhaustive:
            combos[i] = pairs
            yield i, (rare, rare, rare)
        elif len(rare) > 2:
            a, b, c = sorted(rare[:3])
            yield i, (pairs, pairs, ((a * n + b) * n + c,))
        else:
            yield i, (pairs, pairs, ())


def _shared_buckets(
    filed: Iterable[tuple[int, _ByLevel]], spans: _Spans, keys: int
) -> list[list[int]]:
    """The buckets that hold two entries or more, each a list of the events filed in
    it whole (as 2*i) and the finer events it contains (2*i + 1), the latter only
    where it holds a whole one already: most finer entries would meet nothing.

    An event is filed whole at the first bucket size its widened span fits in
    (`_level`), in each period it reaches, and as a finer entry in the periods of
    the larger sizes.  A bucket is one number: key * span + where, where counts the
    size and the period from the earliest period of any span (`keys` bounds the keys).

    Most buckets hold one event, and keeping every bucket took 500 MB at 1M events.
    So they are counted first, not kept: each bucket's number falls on one of
    _SLOTS counters (the number modulo _SLOTS), which counts its whole entries (up
    to two) and notes a finer one.  Only buckets whose counter says two entries may
    meet there are then kept; a counter that two buckets share keeps one in vain,
    never leaves one out.  Meanwhile the entries wait in arrays of 64-bit numbers,
    made once (where the numbers fit: in lists, where a huge vocabulary or year
    makes them bigger).
    """
    lows, highs = spans.lows, spans.highs
    first = (min(lows, default=0) - _EPOCH) // _SIZES[0]  # (the smallest size has the
    last = (max(highs, default=0) - 1 - _EPOCH) // _SIZES[0]  # most periods)
    low, span = 4 * first, 4 * (last - first + 1)  # (where: level + 4 * period)
    fits = keys * span < 1 << 63
    whole: MutableSequence[int] = array("q") if fits else []
    finer: MutableSequence[int] = array("q") if fits else []
    whole_of, finer_of = array("i"), array("i")  # their events
    counts = bytearray(_SLOTS)  # whole entries, 0 to 2, plus _FINER if a finer one
    levels = len(_SIZES)
    for i, by_level in filed:
        lo, hi = lows[i], highs[i]
        level = _level(hi - lo)
        for at in range(level, levels):
            size, at_keys = _SIZES[at], by_level[at]
            for period in range((lo - _EPOCH) // size, (hi - 1 - _EPOCH) // size + 1):
                where = at + 4 * period - low
                for key in at_keys:
                    bucket = key * span + where
                    slot = bucket % _SLOTS
                    if at == level:
                        whole.append(bucket)
                        whole_of.append(i)
                        if counts[slot] & 3 < 2:
                            counts[slot] += 1
                    else:
                        finer.append(bucket)
                        finer_of.append(i)
                        counts[slot] |= _FINER
    kept = bytes(c & 3 >= 2 or c == 1 | _FINER for c in range(256))  # (a table: fast)
    buckets: dict[int, list[int]] = {}
    for bucket, i in zip(whole, whole_of, strict=True):
        if kept[counts[bucket % _SLOTS]]:
            buckets.setdefault(bucket, []).append(2 * i)
    del whole, whole_of, counts
    for bucket, i in zip(finer, finer_of, strict=True):  # once every whole entry is in
        if (entries := buckets.get(bucket)) is not None:
            entries.append(2 * i + 1)
    return [entries for entries in buckets.values() if len(entries) > 1]


def _split_crowded(
    entries: list[int], combos: dict[int, list[int]], by_word: bool
) -> Iterator[tuple[list[int], list[int]]]:
    """A bucket's (whole, finer) events; when more than `CROWDED` events share one
    word in one period, split by pairs of rare words: a word that common there says
    little, and comparing all of them would grow with the square of the data.
    (Buckets keyed by pairs of words, in large chronologies, are never split.)"""
    if len(entries) <= CROWDED or not by_word:
        yield [e >> 1 for e in entries if not e & 1], [e >> 1 for e in entries if e & 1]
        return
    split: dict[int, tuple[list[int], list[int]]] = {}
    for entry in entries:
        for combo in combos[entry >> 1]:
            split.setdefault(combo, ([], []))[entry & 1].append(entry >> 1)
    for coarse, fine in split.values():
        if coarse:
            yield coarse, fine


MEANING_MOST = EXHAUSTIVE  # events: beyond, near-duplicates are found by words only


def meaning_vectors(titles: Sequence[str], progress: Progress | None = None) -> np.ndarray | None:
    """The titles' meaning vectors (chrono.meaning), or None where meaning does not
    count: without wordllama, or in a chronology of more than MEANING_MOST events,
    where making them would cost more than the rest of the search."""
    if len(titles) > MEANING_MOST or not meaning.available():
        return None
    try:
        return meaning.vectors(titles, progress)
    except ImportError:  # an install found but broken: the words still work
        return None


MEANING_SPAN = 2_000  # most later-starting events a span is compared with by meaning alone


def _meaning_pairs(
    events: Sequence[Event], spans: _Spans, vectors: np.ndarray, min_score: float
) -> Iterator[tuple[int, int]]:
    """Pairs whose widened spans meet and whose meaning alone could score, found by
    date, not by word (a pair that shares a word was compared already): each span
    against the spans starting within it, at most MEANING_SPAN of them, in
    chronological order, so that which ones does not depend on the input's order;
    the cosines by one matrix product a span."""
    import numpy as np

    lows, highs = spans.lows, spans.highs
    blocked = [i for i in range(len(events)) if highs[i] > lows[i]]  # (see _Spans)
    order = sorted(blocked, key=lambda i: (lows[i], events[i].sort_key()))
    starts = [lows[i] for i in order]
    by_start = vectors[order]
    for n, i in enumerate(order):
        end = min(bisect.bisect_left(starts, highs[i], n + 1), n + 1 + MEANING_SPAN)
        if end <= n + 1:
            continue
        counts, _, _ = meaning.compare(by_start[n + 1 : end], vectors[i])
        for k in np.flatnonzero(counts >= min_score):
            j = order[n + 1 + int(k)]
            yield (i, j) if i < j else (j, i)


# A near-duplicate pair as plain data: (i, j, score, shared, relation, meaning,
# differs, across), event i the earlier (see NearDuplicate).
_Link = tuple[int, int, float, tuple[str, ...], str, "float | None", "str | None", bool]


def _score(
    events: Sequence[Event],
    index: TitleIndex,
    vectors: np.ndarray | None,
    pair: tuple[int, int],
    *,
    min_score: float,
) -> _Link | None:
    """The pair as near-duplicates, if their dates are compatible and they score.

    With meaning, the score is the stronger of the word and meaning scores plus half
    the weaker: two signals that agree add up, and one alone can still find a pair."""
    score, shared = index.similarity(*pair)
    cosine = None
    across = False
    if vectors is not None:
        meant, cosine, across = meaning.compare_two(vectors[pair[0]], vectors[pair[1]])
        score = min(1.0, max(score, meant) + min(score, meant) / 2)
        if not meant:
            cosine = None  # (nothing to tell)
    if score < min_score:
        return None
    i, j = pair
    a, b = events[i], events[j]
    kind = date_relation(a.date, b.date)
    if kind is None:
        return None
    if kind == "close":
        score *= CLOSE_DATES  # a day apart: more likely two events than one
    if _period_and_moment(a.date, b.date):
        score *= PERIOD
    if score < min_score:
        return None
    if a.sort_key() > b.sort_key():
        a, b, i, j = b, a, j, i
    years = {p.year for p in (a.date.start, a.date.end, b.date.start, b.date.end) if p}
    differs = contrast(a.title, b.title, years)
    if differs is not None:
        score *= CONTRAST
        if score < min_score:
            return None
    shown = None if cosine is None else round(cosine, 3)
    return (i, j, round(score, 3), shared, kind, shown, differs, across and shown is not None)


def _near(events: Sequence[Event], link: _Link) -> NearDuplicate:
    i, j, score, shared, relation, cosine, differs, across = link
    return NearDuplicate(events[i], events[j], score, shared, relation, cosine, differs, across)
