"""The parse cache and parallel loading change speed, never results (issue #5)."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from chrono import caches as cache_module
from chrono.caches.parse import ParseCache
from chrono.loading import load_paths
from tests.conftest import DATA, ROOT


@pytest.fixture
def old_files(tmp_path: Path) -> Path:
    """A copy of the shipped timelines and test data, with mtimes old enough to cache."""
    folder = tmp_path / "timelines"
    folder.mkdir()
    sources = [*(ROOT / "timelines").glob("*.yaml"), DATA / "hostile_text.yaml",
               DATA / "bad_events.yaml", DATA / "multi_document.yaml"]  # fmt: skip
    past = time.time() - 3600
    for source in sources:
        target = folder / source.name
        target.write_bytes(source.read_bytes())
        os.utime(target, (past, past))
    return folder


def _snapshot(loaded: object) -> tuple[object, ...]:
    events = loaded.events  # type: ignore[attr-defined]
    return (events, tuple(str(p) for p in loaded.problems), loaded.titles, loaded.invalid)  # type: ignore[attr-defined]


def test_cached_results_equal_fresh_ones(old_files: Path, tmp_path: Path) -> None:
    cache = ParseCache(str(tmp_path / "cache"))
    fresh = load_paths([str(old_files)])
    first = load_paths([str(old_files)], cache=cache)
    entries = sorted((tmp_path / "cache").iterdir())
    assert len(entries) == 4  # bad_events.yaml has errors: never cached
    second = load_paths([str(old_files)], cache=cache)
    assert _snapshot(fresh) == _snapshot(first) == _snapshot(second)
    assert [e.extra for e in fresh.events] == [e.extra for e in second.events]


def test_errors_are_reported_on_every_run(old_files: Path, tmp_path: Path) -> None:
    cache = ParseCache(str(tmp_path / "cache"))
    for _ in range(2):
        loaded = load_paths([str(old_files / "bad_events.yaml")], cache=cache)
        assert len(loaded.problems) == 10


def test_a_changed_file_is_read_again(old_files: Path, tmp_path: Path) -> None:
    cache = ParseCache(str(tmp_path / "cache"))
    path = old_files / "multi_document.yaml"
    assert len(load_paths([str(path)], cache=cache).events) == 3
    path.write_text("- {date: 1994, title: Only one now}\n")
    past = time.time() - 3600
    os.utime(path, (past, past))  # even with an old mtime, the size differs
    assert [e.title for e in load_paths([str(path)], cache=cache).events] == ["Only one now"]
    assert [e.title for e in load_paths([str(path)], cache=cache).events] == ["Only one now"]
    assert len(list((tmp_path / "cache").iterdir())) == 1  # replaced: no entry per edit


def test_recently_modified_files_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text("- {date: 1994, title: Fresh}\n")
    cache = ParseCache(str(tmp_path / "cache"))
    load_paths([str(path)], cache=cache)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"not a pickle", id="garbage"),
        pytest.param(b"", id="empty"),
        pytest.param(pickle.dumps(("other key", ("x",))), id="foreign-key"),
        pytest.param(pickle.dumps(os.system), id="forbidden-object"),
    ],
)
def test_corrupt_or_foreign_entries_are_ignored_and_replaced(
    old_files: Path, tmp_path: Path, content: bytes
) -> None:
    cache = ParseCache(str(tmp_path / "cache"))
    path = str(old_files / "hostile_text.yaml")
    expected = _snapshot(load_paths([path], cache=cache))
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(content)
    assert _snapshot(load_paths([path], cache=cache)) == expected
    assert entry.read_bytes() != content  # rebuilt


def test_parallel_load_equals_serial(old_files: Path) -> None:
    serial = load_paths([str(old_files)], workers=1)
    parallel = load_paths([str(old_files)], workers=2)
    assert _snapshot(serial) == _snapshot(parallel)


def test_cli_no_cache_and_cache_dir(old_files: Path, tmp_path: Path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    directory = tmp_path / "mine"
    monkeypatch.setenv("CHRONO_CACHE_DIR", str(directory))
    path = str(old_files / "azerbaijan-nato.yaml")
    assert run("show", path, "--no-cache").exit_code == 0
    assert not directory.exists()
    first = run("show", path)
    names = sorted(p.name for p in directory.iterdir())
    assert len(names) == 2  # the file's parse, and the merged chronology
    assert sum(n.startswith("chronology-") for n in names) == 1
    assert sum(n.startswith("parse-") for n in names) == 1
    assert run("show", path).stdout == first.stdout


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHRONO_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    monkeypatch.setattr(cache_module.sys, "platform", "linux")
    assert cache_module.default_cache_dir() == "/somewhere/chrono"


def test_events_without_extras_share_one_empty_mapping(old_files: Path, tmp_path: Path) -> None:
    """Memory at scale: no empty dict per event, fresh, cached or parallel."""
    from chrono.model import EMPTY

    cache = ParseCache(str(tmp_path / "cache"))
    for loaded in (load_paths([str(old_files)], cache=cache),
                   load_paths([str(old_files)], cache=cache),
                   load_paths([str(old_files)], workers=2)):  # fmt: skip
        plain = [e for e in loaded.events if not e.extra and not e.conflicts]
        assert plain
        assert all(e.extra is EMPTY and e.conflicts is EMPTY for e in plain)
    assert EMPTY == {}
    assert pickle.loads(pickle.dumps(EMPTY)) is EMPTY


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_load_reports_every_file_once(
    old_files: Path, tmp_path: Path, workers: int
) -> None:
    copies = []  # (four copies: enough for both ends to work; a file named twice is read once)
    for copy in range(4):
        for path in sorted(old_files.iterdir()):
            copies.append(tmp_path / f"copy-{copy}" / path.name)
            copies[-1].parent.mkdir(exist_ok=True)
            copies[-1].write_bytes(path.read_bytes())
    files = [str(f) for f in copies]
    done: list[int] = []
    parallel = load_paths(files, workers=workers, progress=done.append)
    assert sorted(done) == sorted(os.path.getsize(f) for f in files)
    assert _snapshot(parallel) == _snapshot(load_paths(files, workers=1))


@pytest.mark.parametrize("folder", [False, True])
def test_an_edit_of_the_same_size_with_its_old_mtime_is_read_again(
    tmp_path: Path,
    run,
    monkeypatch,
    folder: bool,  # type: ignore[no-untyped-def]
) -> None:
    """`touch -r`, `cp -p` over a file and sync tools restore a modification time; the
    change time (which no tool sets) still tells the edit."""
    monkeypatch.setenv("CHRONO_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "tl").mkdir()
    path = tmp_path / "tl" / "a.yaml"
    past = time.time() - 3600
    path.write_text("- {date: 1994, title: Alpha}\n", encoding="utf-8")
    os.utime(path, (past, past))
    target = str(path.parent if folder else path)
    assert "Alpha" in run("show", target).stdout
    assert "Alpha" in run("show", target).stdout  # (from the caches)
    path.write_text("- {date: 1995, title: Bravo}\n", encoding="utf-8")  # the same size
    os.utime(path, (past, past))
    assert "Bravo" in run("show", target).stdout
    assert "Bravo" in run("show", target).stdout
