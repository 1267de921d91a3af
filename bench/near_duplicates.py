"""Precision and recall of near-duplicate detection on the labelled set.

    python bench/near_duplicates.py [--min-score 0.5] [--show]

Reads tests/data/near_duplicates.yaml: groups of titles for one real event each.
A labelled pair is either two entries of one group (a duplicate) or two entries of
different groups whose dates are compatible (a hard negative: same period, often
the same place and actors, different events).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chrono.dedupe import DEFAULT_MIN_SCORE
from chrono.loading import load_text
from chrono.similarity import date_relation, find_near_duplicates


def labelled(path: Path = ROOT / "tests" / "data" / "near_duplicates.yaml"):
    import yaml

    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    events, group_of = [], {}
    for g, group in enumerate(groups):
        text = "\n".join(f"- {{date: '{e['date']}', title: \"{e['title']}\"}}" for e in group)
        for event in load_text(text, f"group{g:03d}.yaml").events:
            group_of[event.origin] = g
            events.append(event)
    pairs = {}
    for a, b in itertools.combinations(events, 2):
        same = group_of[a.origin] == group_of[b.origin]
        if same or date_relation(a.date, b.date) is not None:
            pairs[frozenset((a.origin, b.origin))] = same
    return events, pairs


def evaluate(min_score: float) -> tuple[float, float, int, int, list[str]]:
    events, pairs = labelled()
    found = find_near_duplicates(events, min_score)
    predicted = {frozenset((n.a.origin, n.b.origin)): n for n in found}
    tp = sum(1 for key, same in pairs.items() if same and key in predicted)
    fp = sum(1 for key in predicted if not pairs.get(key, False))
    fn = sum(1 for same in pairs.values() if same) - tp
    notes = []
    for key, same in pairs.items():
        if same != (key in predicted):
            a, b = sorted(key)
            title = {e.origin: e for e in events}
            kind = "missed" if same else "wrong"
            notes.append(f"{kind}: {title[a].title!r} ~ {title[b].title!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    positives = sum(pairs.values())
    return precision, recall, positives, len(pairs) - positives, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    parser.add_argument("--show", action="store_true", help="list the pairs it got wrong")
    args = parser.parse_args()
    precision, recall, positives, negatives, notes = evaluate(args.min_score)
    print(f"labelled pairs: {positives} duplicates, {negatives} hard negatives")
    print(f"min-score {args.min_score}: precision {precision:.3f}, recall {recall:.3f}")
    if args.show:
        print("\n".join(notes))


if __name__ == "__main__":
    main()
