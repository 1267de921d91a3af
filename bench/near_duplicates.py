"""Precision and recall of near-duplicate detection on the labelled sets.

    python bench/near_duplicates.py [--min-score 0.5] [--set PATH]... [--show]
                                    [--words-only] [--linkage]

Reads labelled sets: groups of titles for one real event each.  By default both
`tests/data/near_duplicates.yaml` (the project's own set, around one story) and
`bench/data_near_duplicates/broad.yaml` (a broad set: many domains, languages and
scripts; issue #14).  A labelled pair is either two entries of one group (a
duplicate) or two entries of different groups whose dates are compatible (a hard
negative: same period, often the same place and actors, different events).

Two measures per set: the pairs `find_near_duplicates` links, and the pairs that
`chrono dupes` reports, i.e. two members of one of its groups (after grouping).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chrono.dedupe import DEFAULT_MIN_SCORE
from chrono.loading import load_text
from chrono.merging import near_groups
from chrono.model import Event, Origin
from chrono.similarity import date_relation, find_near_duplicates

CURRENT = ROOT / "tests" / "data" / "near_duplicates.yaml"
BROAD = ROOT / "bench" / "data_near_duplicates" / "broad.yaml"


def labelled(path: Path = CURRENT) -> tuple[list[Event], dict[frozenset[Origin], bool]]:
    import yaml

    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    events, group_of = [], {}
    for g, group in enumerate(groups):
        text = yaml.safe_dump(
            [{"date": str(e["date"]), "title": e["title"]} for e in group], allow_unicode=True
        )
        for event in load_text(text, f"group{g:03d}.yaml").events:
            group_of[event.origin] = g
            events.append(event)
    pairs = {}
    for a, b in itertools.combinations(events, 2):
        same = group_of[a.origin] == group_of[b.origin]
        if same or date_relation(a.date, b.date) is not None:
            pairs[frozenset((a.origin, b.origin))] = same
    return events, pairs


def _score(
    events: list[Event],
    pairs: dict[frozenset[Origin], bool],
    predicted: Collection[frozenset[Origin]],
) -> tuple[float, float, list[str]]:
    tp = sum(1 for key, same in pairs.items() if same and key in predicted)
    fp = sum(1 for key in predicted if not pairs.get(key, False))
    fn = sum(1 for same in pairs.values() if same) - tp
    notes = []
    title = {e.origin: e for e in events}
    for key, same in pairs.items():
        if same != (key in predicted):
            a, b = sorted(key)
            kind = "missed" if same else "wrong"
            notes.append(f"{kind}: {title[a].title!r} ~ {title[b].title!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, notes


def evaluate(
    min_score: float, path: Path = CURRENT, *, meaning: bool = True
) -> tuple[float, float, int, int, list[str]]:
    """Precision and recall of the pairs `find_near_duplicates` links."""
    events, pairs = labelled(path)
    found = find_near_duplicates(events, min_score, meaning=meaning)
    predicted = {frozenset((n.a.origin, n.b.origin)) for n in found}
    precision, recall, notes = _score(events, pairs, predicted)
    positives = sum(pairs.values())
    return precision, recall, positives, len(pairs) - positives, notes


def evaluate_groups(
    min_score: float, path: Path = CURRENT, *, meaning: bool = True
) -> tuple[float, float, list[str]]:
    """Precision and recall of what `chrono dupes` reports: every two members of
    one of its groups are a predicted duplicate pair."""
    events, pairs = labelled(path)
    predicted = {
        frozenset((a.origin, b.origin))
        for group in near_groups(events, min_score, meaning=meaning)
        for a, b in itertools.combinations(group.members, 2)
    }
    return _score(events, pairs, predicted)


def average_linkage(
    min_score: float, path: Path = CURRENT, floor: float = 0.15
) -> tuple[float, float]:
    """Precision and recall had groups joined by average linkage instead: two groups
    join when the mean score of their pairs is at least `min_score`, pairs scoring
    below `floor` (or not compared) counting as 0.  The measure behind choosing
    complete linkage (README, `chrono dupes`)."""
    events, pairs = labelled(path)
    links = find_near_duplicates(events, floor)
    score = {}
    for link in links:
        score[id(link.a), id(link.b)] = score[id(link.b), id(link.a)] = link.score
    group_of: dict[int, list[Event]] = {}
    for link in links:
        if link.score < min_score:
            break  # (links come best first)
        first = group_of.get(id(link.a), [link.a])
        second = group_of.get(id(link.b), [link.b])
        if first is second:
            continue
        scores = [score.get((id(x), id(y)), 0.0) for x in first for y in second]
        if sum(scores) / len(scores) >= min_score:
            for event in (joined := first + second):
                group_of[id(event)] = joined
    groups = {id(g): g for g in group_of.values()}.values()
    predicted = {
        frozenset((a.origin, b.origin)) for g in groups for a, b in itertools.combinations(g, 2)
    }
    precision, recall, _ = _score(events, pairs, predicted)
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    parser.add_argument(
        "--set",
        dest="sets",
        type=Path,
        action="append",
        metavar="PATH",
        help="a labelled set (repeatable); default: the current set and the broad one",
    )
    parser.add_argument("--show", action="store_true", help="list the pairs it got wrong")
    parser.add_argument(
        "--words-only", action="store_true", help="without similar meaning (chrono[meaning])"
    )
    parser.add_argument(
        "--linkage",
        action="store_true",
        help="also complete against average linkage at min-scores 0.30, 0.35, 0.40",
    )
    args = parser.parse_args()
    meaning = not args.words_only
    for n, path in enumerate(args.sets or [CURRENT, BROAD]):
        events, _ = labelled(path)
        groups = len({e.origin.path for e in events})
        name = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        print(("\n" if n else "") + f"{name}: {len(events)} events in {groups} groups")
        precision, recall, positives, negatives, notes = evaluate(
            args.min_score, path, meaning=meaning
        )
        print(f"labelled pairs: {positives} duplicates, {negatives} hard negatives")
        print(f"min-score {args.min_score}: precision {precision:.3f}, recall {recall:.3f}")
        g_precision, g_recall, g_notes = evaluate_groups(args.min_score, path, meaning=meaning)
        print(
            f"  as `dupes` reports them (after grouping): precision {g_precision:.3f}, "
            f"recall {g_recall:.3f}"
        )
        if args.linkage:
            for score in (0.30, 0.35, 0.40):
                complete = evaluate_groups(score, path, meaning=meaning)[:2]
                average = average_linkage(score, path)
                print(
                    f"  min-score {score:.2f}: complete linkage P {complete[0]:.3f} R"
                    f" {complete[1]:.3f}, average linkage P {average[0]:.3f} R {average[1]:.3f}"
                )
        if args.show:
            print("\n".join(["pairs linked:", *notes, "after grouping:", *g_notes]))


if __name__ == "__main__":
    main()
