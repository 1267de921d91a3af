"""The core (chrono.chronology): one query, whatever the chronology is read from.

A stored chronology is only a faster index for `Query`'s own filters: for any
timelines and any query, reading afresh, reading and storing, and reading the
stored chronology give the same events in the same order (issue #10).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.chronology import NoSources, Reading, read, resolve
from chrono.dates import parse_date
from chrono.dedupe import Dedupe
from chrono.formats import FORMATS
from chrono.model import Event
from chrono.querying import Filter, Query, where
from tests.test_properties import written_dates

WORDS = ["Baku", "summit", "NATO", "peace", "Straße", "treaty", "é", "talks"]
TAGS = ["nato", "NATO", "peace", "pfp"]


@st.composite
def timelines(draw: st.DrawFn) -> list[str]:
    """A few timeline files' YAML, with events that merge, and tags and text to find."""
    files = []
    for _ in range(draw(st.integers(1, 3))):
        lines = ["events:"]
        for _ in range(draw(st.integers(0, 6))):
            title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
            lines.append(f"  - date: '{draw(written_dates())}'")
            lines.append(f"    title: '{title}'")
            tags = draw(st.lists(st.sampled_from(TAGS), max_size=2))
            if tags:
                lines.append(f"    tags: [{', '.join(tags)}]")
            if draw(st.booleans()):
                lines.append(f"    description: '{draw(st.sampled_from(WORDS))} notes'")
            if draw(st.booleans()):
                lines.append(f"    location: '{draw(st.sampled_from(['Baku', 'Brussels']))}'")
        files.append("\n".join(lines) + "\n")
    return files


@st.composite
def queries(draw: st.DrawFn) -> Query:
    start = draw(st.none() | written_dates())
    end = draw(st.none() | written_dates())
    return Query(
        start=parse_date(start) if start else None,
        end=parse_date(end) if end else None,
        tags=tuple(draw(st.lists(st.sampled_from([*TAGS, "none-such"]), max_size=2))),
        grep=draw(st.none() | st.sampled_from(["", *WORDS, "STRASSE", "notes", "\x01", "a"])),
        limit=draw(st.none() | st.integers(0, 5)),
        reverse=draw(st.booleans()),
    )


def _write_old(folder: Path, texts: list[str]) -> None:
    """Timeline files old enough for the caches (recent files are never cached)."""
    past = time.time() - 3600
    for n, text in enumerate(texts):
        path = folder / f"t{n}.yaml"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (past, past))


def _seen(events: object) -> list[tuple[str, str, tuple[object, ...]]]:
    return [(e.title, e.date.text, e.origins) for e in events]  # type: ignore[attr-defined]


def _three_runs(texts: list[str], query: Query, reading: Reading) -> list[list[object]]:
    """The query's events read afresh without caches, read and stored, and read from
    what was stored; and how many each filter left out, each time."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHRONO_CACHE_DIR", os.path.join(tmp, "cache"))
        folder = Path(tmp, "timelines")
        folder.mkdir()
        _write_old(folder, texts)
        runs, problems = [], []
        for cached in (False, True, True):
            chronology = read([str(folder)], reading._replace(cache=cached))
            excerpt = chronology.select(query)
            json = FORMATS["json"]  # record-wise: stored records, when there are some
            text = excerpt.render(json, json.settings()).text
            runs.append([_seen(excerpt.events), excerpt.filtered, text])
            problems.append(chronology.problems)
        stored = any(Path(tmp, "cache").glob("chronology-*"))
        assert stored or problems[0], "a load without problems is stored"
        return runs


@given(timelines(), queries(), st.sampled_from(list(Dedupe)))
@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
def test_uncached_cold_and_cached_runs_select_the_same(
    texts: list[str], query: Query, dedupe: Dedupe
) -> None:
    uncached, cold, cached = _three_runs(texts, query, Reading(dedupe=dedupe))
    assert uncached == cold == cached


@dataclass(frozen=True, slots=True)
class LocationQuery(Query):
    """A filter that only the query knows: what a new option (`--location`) adds."""

    location: str | None = None

    def filters(self) -> list[Filter]:
        found = Query.filters(self)
        if self.location is not None:
            wanted = self.location
            found.append(where("--location", lambda e: e.location == wanted))
        return found


def test_a_filter_added_to_the_query_alone_applies_to_cached_runs() -> None:
    texts = [
        (
            "events:\n"
            "  - {date: 1994, title: Partnership, location: Brussels, tags: [nato]}\n"
            "  - {date: 2025-08-08, title: Peace, location: Washington}\n"
            "  - {date: 2025-11-06, title: Delegation, location: Baku, tags: [nato]}\n"
        )
    ]
    query = LocationQuery(tags=("nato",), location="Baku")
    uncached, cold, cached = _three_runs(texts, query, Reading())
    assert uncached == cold == cached
    assert [title for title, _, _ in cached[0]] == ["Delegation"]
    assert '"title": "Delegation"' in cached[2]
    assert cached[1] == (("--tag", 1), ("--location", 1))


def test_a_stored_chronology_is_read_without_reading_the_timelines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_old(tmp_path, ["- {date: 1994, title: One}\n- {date: 1995, title: Two}\n"])
    first = read([str(tmp_path)], Reading()).select(Query(reverse=True)).events

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the timelines were read")

    monkeypatch.setattr("chrono.chronology.load_files", no_reading)
    again = read([str(tmp_path)], Reading())
    assert _seen(again.select(Query(reverse=True)).events) == _seen(first)
    assert again.title is None
    assert again.problems == ()
    assert len(again) == 2


def test_problems_and_merges_come_back_as_data(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: Mine\nevents:\n"
        "  - {date: 1994, title: One}\n  - {date: '1994', title: one}\n"
        "  - {date: 2025-02-30, title: Impossible}\n"
    )
    chronology = read([str(path)], Reading(report_merges=True))
    assert [str(p) for p in chronology.problems] == [
        f"{path}:5:12: impossible date '2025-02-30' (February 2025 has 28 days)"
    ]
    assert chronology.invalid == 1
    assert chronology.title == "Mine"
    (group,) = chronology.merges
    assert [m.title for m in group.members] == ["One", "one"]
    assert isinstance(chronology.events[0], Event)


def test_sources_resolve_from_paths_then_chrono_path_then_timelines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve(["a.yaml"], {}) == ["a.yaml"]
    with pytest.raises(NoSources, match="no timelines to read"):
        resolve([], {})
    with pytest.raises(NoSources, match="CHRONO_PATH names a path that does not exist: 'x'"):
        resolve([], {"CHRONO_PATH": "x"})
    (tmp_path / "timelines").mkdir()
    assert resolve([], {}) == ["timelines"]
    assert resolve([], {"CHRONO_PATH": f"timelines{os.pathsep}"}) == ["timelines"]


def test_a_damaged_store_read_afresh_selects_from_what_is_read_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored chunk found damaged means reading the timelines again, and asking the
    query again of what is read: a file changed since the run began does not shift
    the events chosen, and one that now has an error is not quietly half read."""
    from chrono.errors import DamagedCache

    monkeypatch.setenv("CHRONO_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "timelines"
    folder.mkdir()
    _write_old(folder, ["- {date: 1994, title: One}\n- {date: 1995, title: Two}\n"])
    read([str(folder)], Reading())  # stored
    stored = read([str(folder)], Reading())
    (entry,) = (tmp_path / "cache").glob("chronology-*")
    data = bytearray(entry.read_bytes())
    data[20] ^= 0xFF  # inside the first chunk of events
    entry.write_bytes(bytes(data))
    _write_old(folder, [("- {date: 1993, title: Zero}\n- {date: 1994, title: One}\n"
                        "- {date: 1995, title: Two}\n")])  # fmt: skip
    excerpt = stored.select(Query(reverse=True, limit=1))  # position 1 of the stored two
    assert [e.title for e in excerpt.events] == ["Two"]  # position 2 of the three now
    _write_old(folder, ["- {date: 1993, title: Zero}\n- {date: 1995}\n"])  # an error now
    read([str(folder)], Reading(cache=False))
    again = read([str(folder)], Reading())  # (the error: nothing stored, read afresh)
    assert again.problems
    _write_old(folder, ["- {date: 1994, title: One}\n"])
    read([str(folder)], Reading())  # stored again
    stored = read([str(folder)], Reading())
    (entry,) = (tmp_path / "cache").glob("chronology-*")
    data = bytearray(entry.read_bytes())
    data[20] ^= 0xFF
    entry.write_bytes(bytes(data))
    _write_old(folder, ["- {date: 1994}\n"])  # now invalid
    with pytest.raises(DamagedCache, match="the timelines changed while chrono read them"):
        stored.select(Query()).events  # noqa: B018 - built now
