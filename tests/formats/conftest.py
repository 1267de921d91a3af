"""Events to render: the shipped timelines and the hostile-text scenario."""

from __future__ import annotations

import pytest

from chrono.loading import load_paths
from chrono.merging import merge_events
from chrono.model import Event
from tests.conftest import DATA, ROOT


def chronology(*paths: str) -> tuple[Event, ...]:
    loaded = load_paths(list(paths))
    assert not loaded.has_errors, loaded.problems
    return merge_events(loaded.events).events


@pytest.fixture(scope="session")
def shipped() -> tuple[Event, ...]:
    return chronology(str(ROOT / "timelines"))


@pytest.fixture(scope="session")
def hostile() -> tuple[Event, ...]:
    return chronology(str(DATA / "hostile_text.yaml"))
