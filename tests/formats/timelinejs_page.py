"""Load a TimelineJS JSON file with TimelineJS3's own code in headless Chromium and print,
as JSON, what the page shows: its slides, console errors, requests, and whether any
event text ran as a script.

Run in a process of its own (`python -m tests.formats.timelinejs_page FILE`): Playwright's
sync API allows one instance a thread, and the pictures' tests keep theirs for the
whole test session.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.pictures.conftest import CHROMIUM, FLAGS

PACKAGE = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
SLIDES = """() => [...document.querySelectorAll('.tl-slide')].map(slide => ({
    title: slide.classList.contains('tl-slide-titleslide'),
    headline: slide.querySelector('.tl-headline')?.textContent ?? '',
    date: slide.querySelector('.tl-headline-date')?.textContent ?? '',
    text: slide.querySelector('.tl-text-content')?.innerText ?? '',
    links: [...slide.querySelectorAll('.tl-text-content a')].map(a => a.href),
}))"""


def show(document: dict[str, Any]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = Path(folder) / "story.html"
        page_path.write_text(
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<link rel='stylesheet' href='{(PACKAGE / 'css' / 'timeline.css').as_uri()}'>"
            f"<script src='{(PACKAGE / 'js' / 'timeline.js').as_uri()}'></script>"
            "</head><body><div id='timeline' style='width: 1200px; height: 700px'></div>"
            "</body></html>",
            encoding="utf-8",
        )
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        # (no `font`: TimelineJS's font styles fetch Google's web fonts; the test is offline)
        page.evaluate(
            "data => { window.timeline = new TL.Timeline('timeline', data, {font: ''}); }",
            document,
        )
        slides = len(document["events"]) + 1
        page.wait_for_function(f"document.querySelectorAll('.tl-slide').length >= {slides}")
        shown = {
            "slides": page.evaluate(SLIDES),
            "errors": errors,
            "requests": [u for u in requests if u != page_path.as_uri()],
            "pwned": page.evaluate("() => window.pwned ?? null"),
            "markup": page.evaluate(
                "() => document.querySelectorAll('.tl-headline b, .tl-headline script').length"
            ),
        }
        browser.close()
    return shown


if __name__ == "__main__":
    print(json.dumps(show(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
