"""Two trees of chrono, each command of the suite run on both in turn.

    git worktree add ../chrono-before <commit>
    python bench/compare.py ../chrono-before . --sizes 10k,100k --repeat 3

The machine's speed drifts between runs, so two suite runs made one after the other
compare badly (each ratio is to its own run's floor).  Here every command runs on
the two trees in turn, with the floor between them, and both trees' times are
divided by the one floor: what a change does to a command, and nothing else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import COMMANDS, DEFAULT_GEN, FLOOR, ROOT, ensure_data


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)  # fmt: skip
    return time.perf_counter() - start


def compare(trees: dict[str, Path], name: str, folder: Path, repeat: int) -> list[str]:
    """Table rows for one size: each command's median on each tree, and its ratio to
    the floor measured between them."""
    python = sys.executable
    caches = {label: tempfile.mkdtemp(prefix="chrono-compare-") for label in trees}

    def env(label: str) -> dict[str, str]:  # -m chrono runs the tree it starts in
        return {**os.environ, "PYTHONPATH": str(trees[label]), "CHRONO_CACHE_DIR": caches[label]}

    floors: list[float] = []
    medians: list[tuple[str, list[float]]] = []
    for label, args, kind in COMMANDS:
        argv = [python, "-m", "chrono", *args, str(folder)]
        if kind == "cold":
            argv.append("--no-cache")
        else:  # the same command ran before: caches filled
            for tree, where in trees.items():
                _run(argv, where, env(tree))
        times: dict[str, list[float]] = {tree: [] for tree in trees}
        for _ in range(repeat):
            floors.append(_run([python, "-c", FLOOR, str(folder)], ROOT, dict(os.environ)))
            for tree, where in trees.items():
                times[tree].append(_run(argv, where, env(tree)))
        medians.append((label, [statistics.median(times[tree]) for tree in trees]))
    floor = statistics.median(floors)
    rows = [f"| {name} | floor: CSafeLoader load | {floor:.2f} | 1.00 | {floor:.2f} | 1.00 | |"]
    for label, (before, after) in medians:
        rows.append(f"| {name} | {label} | {before:.2f} | {before / floor:.2f} | {after:.2f} | "
                    f"{after / floor:.2f} | {(after / before - 1) * 100:+.0f}% |")  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="a tree of chrono (e.g. a git worktree)")
    parser.add_argument("after", type=Path, help="another tree")
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command and tree")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data")
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN, help="gen_timelines.py")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    for tree in trees.values():  # compiled, as pip installs them
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "chrono")],
                       check=True)  # fmt: skip
    print("| events | command | before: wall s | before: × floor | after: wall s | "
          "after: × floor | change |\n|---|---|---|---|---|---|---|", flush=True)  # fmt: skip
    for name in args.sizes.split(","):
        folder = ensure_data(name, args.data, args.gen)
        print("\n".join(compare(trees, name, folder, args.repeat)), flush=True)


if __name__ == "__main__":
    main()
