"""A real headless Chromium (Debian's `chromium`), driven by Playwright, for the pictures.

Outside CI a machine without Chromium skips these tests, saying why; in CI
(CI=true) they are mandatory: .ci/run installs Chromium.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
# The flags this machine needs: no sandbox as root, and no background requests to
# Google's hosts, which a closed network refuses many times a second.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--no-first-run", "--disable-quic",
]  # fmt: skip

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true",
    reason="needs Chromium (Debian: apt-get install chromium; .ci/run installs it)",
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.fail("no Chromium: in CI it must be installed (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, with what it asked the network for and what it
    said on its console."""

    def __init__(self, browser: Any, path: Path, width: int, height: int) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.url = path.as_uri()

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    opened: list[Opened] = []

    def open_(path: Path, width: int = 1400, height: int = 900) -> Opened:
        page = Opened(browser, path, width, height)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()
