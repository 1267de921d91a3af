"""Mermaid: what Mermaid's own parser reads from chrono's export is the chronology."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chrono.formats import FORMATS
from chrono.formats.grouping import period_label
from chrono.model import Event
from tests.conftest import ROOT
from tests.pictures.conftest import needs_chromium

SCRIPT = ROOT / "tests" / "js" / "mermaid_parse.mjs"
NODE = shutil.which("node")
INSTALLED = (ROOT / "tests" / "js" / "node_modules" / "mermaid").exists()

# Outside CI a machine without Node.js or without `npm ci` in tests/js skips this;
# in CI (CI=true) nothing is skipped: .ci/run installs both.
pytestmark = pytest.mark.skipif(
    not (NODE and INSTALLED) and os.environ.get("CI") != "true",
    reason="needs Node.js and `npm ci` in tests/js (the README's test command does it)",
)


def parse_with_mermaid(text: str, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "diagram.mmd"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [NODE or "node", str(SCRIPT), str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def expected_tasks(events: tuple[Event, ...], by: str = "decade") -> list[dict[str, object]]:
    tasks: list[dict[str, object]] = []
    for event in events:
        section, period = period_label(event.date, by), event.date.display()
        if tasks and tasks[-1]["period"] == period and tasks[-1]["section"] == section:
            tasks[-1]["events"].append(event.title)  # type: ignore[attr-defined]
        else:
            tasks.append({"section": section, "period": period, "events": [event.title]})
    return tasks


@pytest.mark.parametrize("scenario", ["shipped", "hostile"])
def test_mermaid_reads_every_period_and_event(
    scenario: str, shipped: tuple[Event, ...], hostile: tuple[Event, ...], tmp_path: Path
) -> None:
    events = shipped if scenario == "shipped" else hostile
    mermaid = FORMATS["mermaid"]
    text = mermaid.render(events, mermaid.settings(title="Hostile: #1; 50%")).text
    parsed = parse_with_mermaid(text, tmp_path)
    assert parsed["type"] == "timeline"
    assert parsed["tasks"] == expected_tasks(events)


@needs_chromium
def test_mermaid_draws_every_title_as_written(hostile: tuple[Event, ...], tmp_path: Path) -> None:
    """What a reader sees, drawn by Mermaid in Chromium as a Markdown renderer draws it:
    every section, date and title as chrono has it, with `:` `;` `#` `%` `<` `&amp;` shown
    as themselves (chrono writes the first ones as Mermaid's entity codes). Mermaid wraps
    words onto lines, so the texts are compared without their white space."""
    mermaid = FORMATS["mermaid"]
    title = "Hostile: text; #1 | 50% <b>"
    path = tmp_path / "diagram.mmd"
    path.write_text(mermaid.render(hostile, mermaid.settings(title=title)).text, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tests.formats.mermaid_page", str(path)],
        capture_output=True, text=True, timeout=180, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    drawn = json.loads(result.stdout)
    assert drawn["errors"] == []
    expected: list[str] = []
    sections: list[object] = []
    for task in expected_tasks(hostile):
        if not sections or task["section"] != sections[-1]:
            sections.append(task["section"])
            expected.append(str(task["section"]))
        expected += [str(task["period"]), *task["events"]]  # type: ignore[misc]
    squeezed = ["".join(text.split()) for text in drawn["texts"]]
    assert squeezed == ["".join(text.split()) for text in [*expected, title]]
