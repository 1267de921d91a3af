"""Draw a Mermaid diagram with Mermaid's own code in headless Chromium, as a Markdown
renderer does (`mermaid.render` of the diagram's text), and print, as JSON, the texts
the drawing shows and any error.

Run in a process of its own (`python -m tests.formats.mermaid_page FILE`): Playwright's
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

SCRIPT = ROOT / "tests" / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
DRAW = """async source => {
    mermaid.initialize({startOnLoad: false});
    const {svg} = await mermaid.render('chrono', source);
    const host = document.createElement('div');
    host.innerHTML = svg;
    document.body.appendChild(host);
    return [...host.querySelectorAll('svg text')].map(text => text.textContent);
}"""


def draw(source: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = Path(folder) / "diagram.html"
        page_path.write_text(  # (UTF-8 said: Mermaid's own entity marks are not ASCII)
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<script src='{SCRIPT.as_uri()}'></script></head><body></body></html>",
            encoding="utf-8",
        )
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        texts = page.evaluate(DRAW, source)
        browser.close()
        return {"texts": texts, "errors": errors}


if __name__ == "__main__":
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    print(json.dumps(draw(text.removeprefix("```mermaid\n").removesuffix("```\n"))))
