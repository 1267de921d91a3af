"""chrono's benchmark suite: its commands against "the floor", on generated timelines.

    python bench/run.py                       # 10k and 100k events, 3 runs each
    python bench/run.py --sizes 10k,100k,1m --repeat 3 --out bench/results/latest.md

The floor is what any YAML tool does: one process loading every file with PyYAML's
libyaml `CSafeLoader`.  Each command runs as its own process, as a user runs it; the
table gives the median wall time, its ratio to the floor's, and the peak resident
memory.  Cold runs use `--no-cache`; warm runs read the caches filled by a run
before them.  Data comes from `../shared/bench/gen_timelines.py` (or `--gen`) and is
kept in `bench/data/` between runs.  Timing lives here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GEN = ROOT.parent / "shared" / "bench" / "gen_timelines.py"
SIZES = {"10k": (10_000, 10), "100k": (100_000, 100), "1m": (1_000_000, 100)}
FLOOR = (
    "import glob, sys, yaml\n"
    "documents = []  # kept, as a tool that merges them must\n"
    "for name in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
    "    with open(name, 'rb') as f: documents.append(yaml.load(f, Loader=yaml.CSafeLoader))\n"
)
FLOOR_NO_GC = "import gc; gc.disable()\n" + FLOOR
# Rendering alone, in one process, after loading and merging (issue #5 asks what ICS and
# Markdown add to the floor's time).
RENDER = (
    "import gc, sys, time\n"
    "gc.disable()\n"
    "from chrono.formats import FORMATS\n"
    "from chrono.loading import load_paths\n"
    "from chrono.merging import merge_events\n"
    "events = merge_events(load_paths([sys.argv[1]]).events).events\n"
    "from chrono.formats.table import DEFAULT_COLUMNS, iter_table\n"
    "for name in sys.argv[2:]:\n"
    "    start = time.perf_counter()\n"
    "    if name == 'plot':  # plot's first screen, 50 lines of 120 columns\n"
    "        from itertools import islice\n"
    "        from chrono.plot import plot_lines\n"
    "        list(islice(plot_lines(events, 120), 50))\n"
    "    elif name.startswith('table'):  # show's first chunk, for a pipe or a terminal\n"
    "        width = int(name[5:]) if name[5:] else None\n"
    "        next(iter_table(events, DEFAULT_COLUMNS, width=width, drop_empty=True))\n"
    "    else:\n"
    "        fmt = FORMATS[name]\n"
    "        for piece in fmt.render(events, fmt.settings()).pieces(): pass\n"
    "    print(name, time.perf_counter() - start)\n"
)
# (label, chrono arguments, cache: "cold" | "warm")
COMMANDS = [
    ("show", ["show"], "cold"),
    ("export json", ["export", "--format", "json"], "cold"),
    ("export ics", ["export", "--format", "ics"], "cold"),
    ("export md", ["export", "--format", "md"], "cold"),
    ("export svg", ["export", "--format", "svg"], "cold"),
    ("merge", ["merge"], "cold"),
    ("dupes", ["dupes", "-q"], "cold"),
    ("show --dedupe fuzzy", ["show", "--dedupe", "fuzzy"], "cold"),
    ("export json (warm)", ["export", "--format", "json"], "warm"),
    ("show --grep (warm)", ["show", "--grep", "Baku summit"], "warm"),
]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB and exit status of one process."""
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: warnings can be long
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            stderr.seek(0)
            err = stderr.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{err[-2000:]}")
    return wall, usage.ru_maxrss, code


def first_line(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds until the first line reaches a pipe, and until the process ends."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    first = time.perf_counter() - start
    for _ in iter(lambda: proc.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
        pass
    proc.wait()
    return first, time.perf_counter() - start


def render_times(folder: Path, env: dict[str, str], repeat: int) -> dict[str, tuple[float, float]]:
    """Per format, the median seconds to render the merged chronology in one process,
    and the median of its ratios to the floor run just before it. The machine's speed
    drifts by a third within minutes here (a shared host): a ratio of two neighbouring
    runs holds still where one of two medians taken minutes apart does not."""
    names = ["ics", "md", "json", "svg", "html", "plot", "table", "table120"]
    runs: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(repeat):
        floor = run_once([sys.executable, "-c", FLOOR, str(folder)], env)[0]
        out = subprocess.run(
            [sys.executable, "-c", RENDER, str(folder), *names],
            env=env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        for line in out.splitlines():
            name, seconds = line.split()
            runs[name].append(float(seconds))
            ratios[name].append(float(seconds) / floor)
    return {
        name: (statistics.median(runs[name]), statistics.median(ratios[name])) for name in names
    }


def measure(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, int]:
    runs = [run_once(argv, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def ensure_data(name: str, data: Path, gen: Path) -> Path:
    events, files = SIZES[name]
    folder = data / name
    if not (folder / f"timeline-{files - 1:04d}.yaml").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(gen), str(folder), "-n", str(events), "-f", str(files)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def chrono_argv() -> list[str]:
    return [sys.executable, "-m", "chrono"]


def bench_size(name: str, folder: Path, repeat: int, commands: list[str] | None) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CHRONO_PATH", None)
    floor, floor_rss = measure([sys.executable, "-c", FLOOR, str(folder)], env, repeat)
    floor_nogc, _ = measure([sys.executable, "-c", FLOOR_NO_GC, str(folder)], env, repeat)
    rows = [
        f"| {name} | floor: CSafeLoader load | {floor:.2f} | 1.00 | {floor_rss / 1024:.0f} |",
        f"| {name} | floor with gc disabled | {floor_nogc:.2f} | {floor_nogc / floor:.2f} | |",
    ]
    with tempfile.TemporaryDirectory(prefix="chrono-bench-cache-") as cache:
        cache_env = {**env, "CHRONO_CACHE_DIR": cache}
        for label, args, kind in COMMANDS:
            if commands and label.split(" (")[0] not in commands and label not in commands:
                continue
            argv = [*chrono_argv(), *args, str(folder)]
            if kind == "cold":
                argv.append("--no-cache")
            else:
                run_once(argv, cache_env)  # the same command ran before: caches filled
            wall, rss = measure(argv, cache_env, repeat)
            rows.append(
                f"| {name} | {label} | {wall:.2f} | {wall / floor:.2f} | {rss / 1024:.0f} |"
            )
            print(rows[-1], flush=True)
    if commands is None or "first line" in commands:
        firsts = [first_line([*chrono_argv(), "show", str(folder), "--no-cache"], env)
                  for _ in range(repeat)]  # fmt: skip
        one, _ = measure([*chrono_argv(), "show", "--limit", "1", str(folder), "--no-cache"],
                         env, repeat)  # fmt: skip
        first = statistics.median(f for f, _ in firsts)
        rows.append(f"| {name} | show --limit 1 (load, merge, sort) | {one:.2f} | "
                    f"{one / floor:.2f} | |")  # fmt: skip
        rows.append(f"| {name} | show: first line reaches a pipe | {first:.2f} | "
                    f"{first / floor:.2f} | |")  # fmt: skip
        rows.append(f"| {name} | show: first line after --limit 1's time | "
                    f"{first - one:.2f} | {(first - one) / floor:.2f} | |")  # fmt: skip
        print("\n".join(rows[-3:]), flush=True)
    if commands is None or "render" in commands:
        labels = {
            "table": "show: first chunk of the table, for a pipe (in one process)",
            "table120": "show: first chunk, wrapped to 120 columns (in one process)",
            "plot": "plot: first screen, 50 lines of 120 columns (in one process)",
        }
        # (× floor: the median of each run's ratio to a floor run just before it)
        for fmt, (seconds, ratio) in render_times(folder, env, repeat).items():
            label = labels.get(fmt, f"render {fmt} only (in one process)")
            rows.append(f"| {name} | {label} | {seconds:.2f} | {ratio:.2f} | |")
            print(rows[-1], flush=True)
    return rows


def startup_rows(env: dict[str, str], runs: int = 21) -> list[str]:
    """Start-up against bare imports (issue #5), medians of many short runs."""
    python = sys.executable
    pairs = [
        ("chrono --help", [*chrono_argv(), "--help"], "import click", "import click"),
        ("chrono show (shipped timelines)", [*chrono_argv(), "show", str(ROOT / "timelines")],
         "import click, yaml, tabulate", "import click, yaml, tabulate"),
    ]  # fmt: skip
    rows = []
    cache = tempfile.mkdtemp(prefix="chrono-bench-cache-")
    env = {**env, "CHRONO_CACHE_DIR": cache}  # repeat runs, as a user's are
    for label, argv, base_label, code in pairs:
        ours = statistics.median(run_once(argv, env)[0] for _ in range(runs))
        base = statistics.median(run_once([python, "-c", code], env)[0] for _ in range(runs))
        rows.append(f"| start-up | {label} vs `{base_label}` | {ours * 1000:.0f} ms | "
                    f"{ours / base:.2f}× ({base * 1000:.0f} ms) | |")  # fmt: skip
    shutil.rmtree(cache, ignore_errors=True)
    return rows


def growth_rows(data: Path, gen: Path, repeat: int) -> list[str]:
    """Cold `export --format json` at 100k and 1M events, runs interleaved so that
    both sizes meet the same machine (issue #5: 1M within 12x the 100k time)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CHRONO_PATH", None)
    folders = {name: ensure_data(name, data, gen) for name in ("100k", "1m")}
    times: dict[str, list[float]] = {name: [] for name in folders}
    for _ in range(repeat):
        for name, folder in folders.items():
            argv = [*chrono_argv(), "export", "--format", "json", str(folder), "--no-cache"]
            times[name].append(run_once(argv, env)[0])
    small, large = (statistics.median(times[name]) for name in folders)
    label = "cold export json, 1M / 100k, interleaved runs"
    return [f"| growth | {label} | {large:.2f} / {small:.2f} | {large / small:.1f}× | |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data")
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN, help="gen_timelines.py")
    parser.add_argument(
        "--only",
        help="comma-separated command labels to run (also: start-up, first line, render, "
        "growth: 100k against 1M, interleaved)",
    )
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if not args.gen.exists():
        raise SystemExit(f"no generator at {args.gen}: pass --gen PATH/gen_timelines.py")
    only = args.only.split(",") if args.only else None
    header = [
        (
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, {platform.system()}; median of {args.repeat} runs."
        ),
        "",
        "| events | command | wall s | × floor | peak RSS MiB |",
        "|---|---|---|---|---|",
    ]
    print("\n".join(header), flush=True)
    # As pip installs it: chrono's modules compiled (PYTHONDONTWRITEBYTECODE would
    # otherwise have every run compile them from source).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "chrono")], check=True)
    rows: list[str] = []
    if only is None or "start-up" in only:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("CHRONO_PATH", None)
        rows += startup_rows(env)
        print("\n".join(rows), flush=True)
    for name in args.sizes.split(","):
        if only is not None and only == ["growth"]:
            break
        folder = ensure_data(name, args.data, args.gen)
        rows += bench_size(name, folder, args.repeat, only)
    if only is not None and "growth" in only:
        rows += growth_rows(args.data, args.gen, args.repeat)
        print(rows[-1], flush=True)
    table = "\n".join(header + rows) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
