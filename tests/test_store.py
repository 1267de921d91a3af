"""The stored chronology (chrono.caches.stored) changes speed, never output (issue #5)."""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono import caches
from chrono.caches.stored import CHUNK, ChronologyCache, CorruptEntry, event_row, row_event
from chrono.dedupe import Dedupe
from chrono.loading import load_paths
from chrono.merging import merge_events
from chrono.model import Event
from tests.conftest import DATA, ROOT
from tests.test_properties import _events

Run = Callable[..., Result]
CLEAN = ["bce_and_decades", "control_chars", "hostile_text", "merge_keys", "multi_document",
         "yaml_typing"]  # fmt: skip


def _age(path: Path, seconds: float = 3600) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped timelines and the clean test timelines, old enough to cache."""
    target = tmp_path / "timelines"
    target.mkdir()
    sources = [*(ROOT / "timelines").glob("*.yaml"), *(DATA / f"{n}.yaml" for n in CLEAN)]
    for source in sources:
        (target / source.name).write_bytes(source.read_bytes())
        _age(target / source.name)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CHRONO_CACHE_DIR", str(directory))
    return directory


def _entries(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.glob("chronology-*"))


def _same_fields(a: Event, b: Event) -> bool:
    return a == b and dict(a.extra) == dict(b.extra) and dict(a.conflicts) == dict(b.conflicts)


def test_rows_read_back_to_the_same_events(folder: Path) -> None:
    events = merge_events(load_paths([str(folder)]).events, Dedupe.FUZZY).events
    assert any(e.conflicts for e in events)
    assert any(e.extra for e in events)
    for event in events:
        back = row_event(marshal.loads(marshal.dumps(event_row(event))))
        assert _same_fields(back, event)
        assert back.date.meaning() == event.date.meaning()
        assert back.date.display() == event.date.display()


@given(st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_rows_read_back_for_any_merged_events(data: st.DataObject) -> None:
    for event in merge_events(data.draw(st.composite(_events)())).events:
        assert _same_fields(row_event(marshal.loads(marshal.dumps(event_row(event)))), event)


QUERIES = [
    ["show"],
    ["show", "--grep", "nato"],
    ["show", "--grep", "STRASSE"],  # casefolded: matches Straße in a title, if any
    ["show", "--grep", "ides", "--reverse", "--limit", "1"],
    ["show", "--tag", "nato", "--from", "2000", "--to", "2025-08"],
    ["show", "--reverse", "--limit", "3", "--columns", "date,title,tags,origin"],
    ["show", "--grep", "nothing matches this"],
    ["show", "--dedupe", "fuzzy"],
    ["show", "--dedupe", "none", "--grep", "peace"],
    ["export", "--format", "json"],
    ["export", "--format", "json", "--grep", "peace", "--reverse"],
    ["export", "--format", "json", "--limit", "2"],
    ["export", "--format", "json", "--grep", "no such words"],
    ["export", "--format", "md"],
    ["export", "--format", "ics"],
    ["export", "--format", "csv", "--tag", "nato"],
    ["export", "--format", "mermaid"],
    ["merge"],
]


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_warm_runs_print_what_cold_runs_print(
    args: list[str], folder: Path, cache_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ICS stamps the time of export: the same for all four runs, even across a second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    cold = run(*args, str(folder), "--no-cache")
    first = run(*args, str(folder))  # fills the cache
    assert _entries(cache_dir), "the chronology was not stored"
    warm = run(*args, str(folder))  # reads it
    again = run(*args, str(folder))  # JSON: reads the records the warm run stored
    assert cold.exit_code == first.exit_code == warm.exit_code == again.exit_code == 0
    assert cold.stdout == first.stdout == warm.stdout == again.stdout
    assert cold.stderr == warm.stderr


def test_json_records_are_stored_and_used(folder: Path, cache_dir: Path, run: Run) -> None:
    cold = run("export", "--format", "json", str(folder)).stdout
    (records,) = cache_dir.glob("chronology-*.json")
    records.write_bytes(records.read_bytes()[:-10])  # truncated: ignored and rebuilt
    assert run("export", "--format", "json", str(folder)).stdout == cold
    assert run("export", "--format", "json", str(folder)).stdout == cold


def test_grep_never_matches_across_title_and_description(folder: Path, run: Run) -> None:
    path = folder / "split.yaml"
    path.write_text("- {date: 1994, title: Alpha, description: Beta}\n")
    _age(path)
    for needle in ("alphabeta", "alpha\nbeta", "alpha\x01beta", "alpha beta"):
        cold = run("show", "--grep", needle, str(path), "--no-cache").stdout
        assert run("show", "--grep", needle, str(path)).stdout == cold
        assert run("show", "--grep", needle, str(path)).stdout == cold
        assert "Alpha" not in cold
    assert "Alpha" in run("show", "--grep", "BETA", str(path)).stdout


def test_many_chunks(tmp_path: Path, cache_dir: Path, run: Run) -> None:
    path = tmp_path / "many.yaml"
    n = CHUNK * 3 + 5
    path.write_text("".join(f"- {{date: {1000 + i}, title: Event {i}}}\n" for i in range(n)))
    _age(path)
    cold = run("show", "--grep", "event 1", str(path), "--no-cache").stdout
    run("show", str(path))
    assert run("show", "--grep", "event 1", str(path)).stdout == cold
    assert cold.count("Event 1") == 1 + 10 + 100 + (n - 1000 if n > 1000 else 0)


def test_an_edited_file_replaces_the_entry(folder: Path, cache_dir: Path, run: Run) -> None:
    run("show", str(folder))
    (entry,) = _entries(cache_dir)
    path = folder / "multi_document.yaml"
    path.write_text("- {date: 1994, title: Only this one now}\n")
    _age(path, 1800)
    shown = run("show", str(folder)).stdout
    assert "Only this one now" in shown
    assert run("show", str(folder)).stdout == shown
    assert _entries(cache_dir) == [entry]  # the same slot, rewritten


def test_an_added_or_removed_file_is_seen(folder: Path, cache_dir: Path, run: Run) -> None:
    run("show", str(folder))
    added = folder / "added.yaml"
    added.write_text("- {date: 1994, title: A new file}\n")
    _age(added)
    assert "A new file" in run("show", str(folder)).stdout
    added.unlink()
    assert "A new file" not in run("show", str(folder)).stdout


def test_recently_modified_files_are_not_stored(folder: Path, cache_dir: Path, run: Run) -> None:
    os.utime(folder / "hostile_text.yaml")  # now
    run("show", str(folder))
    assert not _entries(cache_dir)


def test_loads_with_problems_are_never_stored(folder: Path, cache_dir: Path, run: Run) -> None:
    bad = folder / "bad.yaml"
    bad.write_text("- {date: 1994}\n- {date: 1995, title: Fine}\n")
    _age(bad)
    for _ in range(2):
        result = run("show", str(folder), "--skip-invalid")
        assert "bad.yaml:1:3: event has no title" in result.stderr
    assert not _entries(cache_dir)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"chrono-chronology\n\0\0\0\0junk"])
def test_a_corrupt_entry_is_ignored_and_replaced(
    damage: bytes, folder: Path, cache_dir: Path, run: Run
) -> None:
    expected = run("show", str(folder)).stdout
    (entry,) = cache_dir.glob("chronology-*")
    entry.write_bytes(damage)
    assert run("show", str(folder)).stdout == expected
    assert entry.read_bytes() != damage
    assert run("show", str(folder)).stdout == expected


def test_verbose_runs_report_merges_on_repeat_runs(folder: Path, run: Run) -> None:
    run("show", str(folder))
    result = run("show", str(folder), "-v", "--tag", "nato")
    assert "chrono: merged " in result.stderr
    assert "--tag left out" in result.stderr


def test_options_are_part_of_the_key(folder: Path, cache_dir: Path) -> None:
    store = ChronologyCache(str(cache_dir))
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    exact = caches.key(files, (None, "exact", 0.35))
    assert exact is not None
    assert caches.key(files, (None, "fuzzy", 0.35)) != exact
    assert caches.key(files, (True, "exact", 0.35)) != exact
    assert caches.key(files[1:], (None, "exact", 0.35)) != exact
    assert caches.key(["-"], (None, "exact", 0.35)) is None
    assert store.slot(exact) != store.slot(caches.key(files, (None, "fuzzy", 0.35)) or exact)


def test_a_warm_run_reads_no_timeline(
    folder: Path, cache_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [run(*args, str(folder)).stdout for args in QUERIES[:4]]

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm run read the timelines")

    monkeypatch.setattr("chrono.chronology.load_files", no_reading)
    assert [run(*args, str(folder)).stdout for args in QUERIES[:4]] == expected


@pytest.mark.parametrize("args", [["show", "--grep", "nato"], ["show"], ["export", "-f", "json"]])
def test_a_damaged_chunk_means_reading_afresh(
    args: list[str], folder: Path, cache_dir: Path, run: Run
) -> None:
    expected = run(*args, str(folder), "--no-cache").stdout
    run("show", str(folder))  # stores the chronology, not yet JSON records
    (entry,) = cache_dir.glob("chronology-*")
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0xFF  # inside the last chunk: the head is intact
    entry.write_bytes(bytes(data))
    _age(entry)
    assert run(*args, str(folder)).stdout == expected
    assert run(*args, str(folder)).stdout == expected


def test_the_index_is_read_only_when_a_filter_needs_it(
    folder: Path, cache_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unfiltered repeat export reads events, not the filters' index; a filter that
    needs a damaged part of the index reads the timelines afresh, same output."""
    from chrono.caches.sections import Sections
    from chrono.caches.stored import _INDEX

    unfiltered = run("export", "-f", "json", str(folder), "--no-cache").stdout
    grep = run("show", "--grep", "nato", str(folder), "--no-cache").stdout
    run("show", str(folder))  # stores the chronology
    (entry,) = cache_dir.glob("chronology-*")
    sections = Sections(str(entry))
    search = sections.head["index"] + _INDEX.index("search")
    data = bytearray(entry.read_bytes())
    data[sections.offsets[search] + 1] ^= 0xFF  # inside the stored search text
    entry.write_bytes(bytes(data))
    _age(entry)
    assert run("show", "--grep", "nato", str(folder)).stdout == grep  # read afresh
    (entry,) = cache_dir.glob("chronology-*")  # stored again, whole
    entry.write_bytes(bytes(data))  # damaged again, then an unfiltered export:
    _age(entry)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the timelines were read")

    monkeypatch.setattr("chrono.chronology.load_files", no_reading)
    assert run("export", "-f", "json", str(folder)).stdout == unfiltered


def test_a_replaced_entry_is_not_mixed_with_the_old_one(folder: Path, cache_dir: Path) -> None:
    store = ChronologyCache(str(cache_dir))
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    key = caches.key(files, (None, "exact", 0.35))
    assert key is not None
    events = merge_events(load_paths(files).events).events
    store.put(key, events, (), ())
    stored = store.get(key)
    assert stored is not None
    store.put(key, events[::-1], (), ())  # another run rewrites the slot
    with pytest.raises(CorruptEntry):
        stored.events(range(len(stored)))


@pytest.mark.parametrize(
    "args",
    [[], ["--reverse"], ["--limit", "4"], ["--grep", "a"], ["--tag", "nato", "--reverse"]],
    ids=" ".join,
)
def test_json_records_in_small_chunks(
    args: list[str], folder: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Selections cut across chunk boundaries (three records a chunk here)."""
    monkeypatch.setattr("chrono.caches.stored.RECORDS_CHUNK", 3)
    monkeypatch.setattr("chrono.caches.stored.CHUNK", 2)
    expected = run("export", "-f", "json", *args, str(folder), "--no-cache").stdout
    run("export", "-f", "json", str(folder))  # stores the chronology and its records
    for _ in range(2):
        assert run("export", "-f", "json", *args, str(folder)).stdout == expected


@pytest.mark.parametrize("args", QUERIES[:6], ids=" ".join)
def test_events_built_from_many_small_chunks(
    args: list[str], folder: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of two events read three at a time: queries that want some events of
    many chunks build just those, batch after batch, and print what cold runs print."""
    monkeypatch.setattr("chrono.caches.stored.CHUNK", 2)
    monkeypatch.setattr("chrono.caches.stored._BATCH", 3)
    expected = run(*args, str(folder), "--no-cache").stdout
    run("show", str(folder))  # stores the chronology
    for _ in range(2):
        assert run(*args, str(folder)).stdout == expected


def test_a_json_chunk_damaged_while_writing_is_an_error_then_rebuilt(
    folder: Path, cache_dir: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("chrono.caches.stored.RECORDS_CHUNK", 3)
    expected = run("export", "-f", "json", str(folder), "--no-cache").stdout
    run("export", "-f", "json", str(folder))
    (records,) = cache_dir.glob("chronology-*.json")
    data = bytearray(records.read_bytes())
    data[len(data) // 2] ^= 0xFF  # in a later chunk; the head at the end is intact
    records.write_bytes(bytes(data))
    _age(records)
    target = tmp_path / "out.json"
    target.write_text("old")
    failed = run("export", "-f", "json", str(folder), "-o", str(target))
    assert failed.exit_code == 1
    assert "is damaged" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert target.read_text() == "old"
    assert not list(cache_dir.glob("chronology-*"))  # removed
    assert run("export", "-f", "json", str(folder)).stdout == expected
    assert run("export", "-f", "json", str(folder)).stdout == expected


def test_the_least_recently_used_chronologies_go_first(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chronology cache stays under MAX_BYTES, least recently used first; the entry
    just written stays, and temporary files of runs that died go."""
    cache_dir.mkdir()
    now = time.time()
    for name, age in (("older", 300), ("old", 200), ("new", 100)):
        used = now - age
        for suffix in ("", ".json"):
            path = cache_dir / f"chronology-{name}{suffix}"
            path.write_bytes(b"x" * 50)
            os.utime(path, (used, used))
    stale, fresh = cache_dir / ".chrono-died", cache_dir / ".chrono-writing"
    for path, age in ((stale, 7200), (fresh, 10)):
        path.write_bytes(b"x")
        _age(path, age)
    monkeypatch.setattr("chrono.caches.MAX_BYTES", 250)
    store = ChronologyCache(str(cache_dir))
    store.prune(keep=str(cache_dir / "chronology-older"))
    assert _entries(cache_dir) == sorted(
        ["chronology-new", "chronology-new.json", "chronology-older", "chronology-older.json"]
    )
    assert not stale.exists()
    assert fresh.exists()


def test_reading_an_entry_marks_it_used(folder: Path, cache_dir: Path, run: Run) -> None:
    files = sorted(folder.glob("*.yaml"))
    run("show", str(files[0]))
    (entry,) = _entries(cache_dir)
    path = cache_dir / entry
    os.utime(path, (time.time() - 3600, path.stat().st_mtime))
    mtime = path.stat().st_mtime_ns
    run("show", str(files[0]))
    assert time.time() - path.stat().st_atime < 60
    assert path.stat().st_mtime_ns == mtime  # what identifies the entry is unchanged


def test_unused_parse_entries_go_after_a_while(
    folder: Path, cache_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(folder.glob("*.yaml"))
    run("show", str(files[0]))
    (used,) = cache_dir.glob("parse-*")  # (not told apart by mtime: the file system's
    run("show", str(files[1]))  # clock may tick only every few milliseconds)
    (unused,) = set(cache_dir.glob("parse-*")) - {used}
    for entry in (used, unused):
        _age(entry, 40 * 86_400)  # both written long ago ...
    run("show", str(files[0]), "--dedupe", "none")  # ... and one read just now
    run("show", str(files[2]))  # storing a chronology prunes
    assert used.exists()
    assert not unused.exists()


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.sampled_from([None, "1994", "2025-08", "~2025-11", "2025-08-08T16:00Z", "-0100"]),
    end=st.sampled_from([None, "1997", "2025-08-08", "2026", "44 BCE"]),
    tags=st.lists(
        st.sampled_from(["nato", "NATO", "peace", "pfp", "usa", "none-such"]), max_size=2
    ),
    grep=st.sampled_from([None, "", "peace", "AZERBAIJAN", "é", "march", "\x01"]),
    limit=st.sampled_from([None, 0, 1, 3]),
    reverse=st.booleans(),
)
def test_stored_selection_is_what_query_selects(
    folder: Path, tmp_path: Path, start: str | None, end: str | None, tags: list[str],
    grep: str | None, limit: int | None, reverse: bool,
) -> None:  # fmt: skip
    """Choosing events from the stored dates, tag index and text gives the events
    Query.select gives, in its order, without building the others."""
    from chrono.dates import parse_date
    from chrono.querying import EventIndex, Query

    events = merge_events(load_paths([str(folder)]).events).events
    store = ChronologyCache(str(tmp_path / "select-cache"))
    key = caches.key(sorted(str(p) for p in folder.glob("*.yaml")), ("select",))
    assert key is not None
    stored = store.put(key, events, (), ())
    query = Query(
        parse_date(start) if start else None, parse_date(end) if end else None,
        tuple(tags), grep, limit, reverse,
    )  # fmt: skip
    expected = [events.index(e) for e in query.filter(events)]
    assert list(query.run(stored).positions) == expected
    assert query.run(stored).filtered == query.run(EventIndex(events)).filtered
    assert [e.title for e in stored.events(expected)] == [events[i].title for i in expected]


def test_grep_ignores_accents_both_ways_cached_or_not(folder: Path, run: Run) -> None:
    """`--grep elise` found nothing where `Élise` did, though exact merging ignores
    accents (a novelist's trial): the needle and the text are both compared without
    their accents, from the files and from the cache alike."""
    path = folder / "saga.yaml"
    path.write_text("- {date: 1850, title: Élise marries Henri}\n"
                    "- {date: 1851, title: Henri leaves, description: a letter to elise}\n")  # fmt: skip
    _age(path)
    for needle in ("elise", "Élise", "ÉLISE", "élise"):
        cold = run("show", "--grep", needle, str(path), "--no-cache").stdout
        assert "Élise marries Henri" in cold
        assert "Henri leaves" in cold
        assert run("show", "--grep", needle, str(path)).stdout == cold
        assert run("show", "--grep", needle, str(path)).stdout == cold
