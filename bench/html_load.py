"""How soon a page of `chrono export --format html` is usable in headless Chromium.

    python bench/html_load.py FOLDER [--repeat 3]

Exports FOLDER's chronology as HTML, then opens it in Chromium (Playwright driving
the system's `chromium`) and reports, median of the runs: until the page's `load`
event, and until a click on the first event's mark has shown its details.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


_FIRST_MARK = """() => {
  const marks = JSON.parse(document.getElementById('chrono-data').textContent).marks;
  const first = (t) => new Float32Array(Uint8Array.from(atob(t), (c) => c.charCodeAt(0)).buffer)[0];
  const [x0, y] = [first(marks.x0), first(marks.y)];
  const r = document.querySelector('#picture svg:not(#axis)').getBoundingClientRect();
  return [r.left + x0 + 1, r.top + y + 1];
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "page.html"
        subprocess.run(
            [sys.executable, "-m", "chrono", "export", args.folder, "-q", "--format", "html",
             "-o", str(page_path)], check=True,
        )  # fmt: skip
        size = page_path.stat().st_size
        loads, clicks = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=FLAGS
            )
            for _ in range(args.repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="load")
                loaded = time.perf_counter() - start
                loads.append(loaded)
                # a click on the first event's mark, on the axis at the top (where it is
                # is read first, untimed)
                x, y = page.evaluate(_FIRST_MARK)
                start = time.perf_counter()
                page.mouse.click(x, y)
                page.wait_for_selector("#details dt")
                clicks.append(loaded + time.perf_counter() - start)
                page.close()
            browser.close()
    print(f"page {size / 1e6:.1f} MB: load {statistics.median(loads):.2f} s, "
          f"first details {statistics.median(clicks):.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
