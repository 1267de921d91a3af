"""`--format html`: one self-contained page to explore the chronology (SPEC §8).

The page holds the same picture as `--format svg`, inline, and what a screen adds:
zoom (buttons, `+`/`-`, Ctrl and the wheel) with the page's own scrolling to pan;
the details of an event (its date as written, description, tags, location,
sources as links, origins) on a click or when it takes the keyboard's focus (Tab);
a filter by tag; dark mode; and a print stylesheet that prints the whole chronology
as a list, which paginates, instead of the picture.

Nothing is fetched: the style, the script and the events' details (a JSON island,
`<` written `\\u003c` so that no title can close it) are in the page. Every piece of
event text is escaped, and the script sets text with `textContent` only.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from typing import Any

from chrono.formats import Format, Rendered, Settings
from chrono.formats.records import as_url
from chrono.formats.svg import LANES_OPTION, describe, svg_lines
from chrono.model import Event
from chrono.pictures import lay_out

__all__ = ["FORMAT"]

_STYLE = """\
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #57606a;
        --line: #d0d7de; --accent: #0969da; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d;
          --accent: #4493f8; --panel: #161b22; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 14px/1.45 'DejaVu Sans', Verdana, Arial, sans-serif; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
         padding: 10px 16px; border-bottom: 1px solid var(--line); position: sticky; top: 0;
         background: var(--bg); z-index: 1; }
header h1 { font-size: 17px; margin: 0 12px 0 0; }
header button, header select { font: inherit; padding: 2px 10px; }
#picture { overflow: auto; height: calc(100vh - 220px); min-height: 200px; }
#picture svg { display: block; transform-origin: 0 0; }
#picture g.event { cursor: pointer; outline: none; }
#picture g.event:focus text.label, #picture g.event.chosen text.label { fill: var(--accent); }
#picture g.event:focus .point, #picture g.event:focus .bar { stroke-width: 3; }
#picture .filtered { display: none; }
#details { border-top: 1px solid var(--line); background: var(--panel); padding: 10px 16px;
           min-height: 120px; }
#details h2 { font-size: 15px; margin: 0 0 4px; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; white-space: pre-wrap; }
#details a { color: var(--accent); }
.print-list { display: none; }
@media print {
  header, #picture, #details { display: none; }
  .print-list { display: block; }
  .print-list li { break-inside: avoid; margin-bottom: 6px; }
  .print-list .description { white-space: pre-wrap; }
}"""

_SCRIPT = """\
(() => {
  const data = JSON.parse(document.getElementById('chrono-data').textContent);
  const box = document.getElementById('picture');
  const svg = box.querySelector('svg');
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  let zoom = 1;
  const setZoom = (z, cx, cy) => {
    const before = zoom;
    zoom = Math.min(8, Math.max(0.1, z));
    svg.setAttribute('width', width * zoom);
    svg.setAttribute('height', height * zoom);
    if (cx !== undefined) {  // keep the point under the pointer where it is
      box.scrollLeft = (box.scrollLeft + cx) * zoom / before - cx;
      box.scrollTop = (box.scrollTop + cy) * zoom / before - cy;
    }
    document.getElementById('zoom-level').textContent = Math.round(zoom * 100) + '%';
  };
  document.getElementById('zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
  document.getElementById('zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
  document.getElementById('zoom-fit').addEventListener('click',
    () => setZoom(box.clientWidth / width));
  box.addEventListener('wheel', (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    const r = box.getBoundingClientRect();
    setZoom(zoom * (e.deltaY < 0 ? 1.15 : 1 / 1.15), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  document.addEventListener('keydown', (e) => {
    if (e.target.tagName === 'SELECT') return;
    if (e.key === '+' || e.key === '=') setZoom(zoom * 1.25);
    else if (e.key === '-') setZoom(zoom / 1.25);
  });
  const details = document.getElementById('details');
  const hint = details.firstElementChild;
  const show = (g) => {
    const event = data.events[+g.dataset.index];
    box.querySelectorAll('g.event.chosen').forEach((x) => x.classList.remove('chosen'));
    g.classList.add('chosen');
    details.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = event.title;
    const dl = document.createElement('dl');
    const row = (name, value) => {
      if (value === null || value === undefined || value.length === 0) return;
      const dt = document.createElement('dt'); dt.textContent = name;
      const dd = document.createElement('dd');
      if (value instanceof Node) dd.append(value); else dd.textContent = value;
      dl.append(dt, dd);
    };
    row('Date', event.date);
    row('Shown as', event.shown);
    row('Description', event.description);
    row('Tags', event.tags.join(', '));
    row('Location', event.location);
    if (event.sources.length) {
      const list = document.createElement('span');
      event.sources.forEach(([text, url], i) => {
        if (i) list.append(', ');
        if (url) {
          const a = document.createElement('a');
          a.href = url; a.textContent = text; a.rel = 'noopener noreferrer';
          list.append(a);
        } else list.append(text);
      });
      row('Sources', list);
    }
    row('From', event.origins.join(', '));
    details.append(h, dl);
  };
  box.addEventListener('click', (e) => {
    const g = e.target.closest('g.event[data-index]');
    if (g) { g.focus(); show(g); }
  });
  box.addEventListener('focusin', (e) => {
    const g = e.target.closest('g.event[data-index]');
    if (g) show(g);
  });
  const filter = document.getElementById('tag');
  filter.addEventListener('change', () => {
    const tag = filter.value;
    box.querySelectorAll('[data-index]').forEach((el) => {
      const tags = data.events[+el.dataset.index].tags;
      el.classList.toggle('filtered', tag !== '' && !tags.includes(tag));
    });
    const chosen = box.querySelector('g.event.chosen');
    if (chosen && chosen.classList.contains('filtered')) {  // its details go with it
      chosen.classList.remove('chosen');
      details.replaceChildren(hint);
    }
    document.getElementById('count').textContent = tag === '' ? data.events.length
      : data.events.filter((e) => e.tags.includes(tag)).length;
  });
})();"""


def _details(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "date": event.date.text,
        "shown": event.date.display(),
        "description": event.description,
        "tags": list(event.tags),
        "location": event.location,
        "sources": [[s, as_url(s)] for s in event.sources],
        "origins": [str(o) for o in event.origins],
    }


def _island(events: Sequence[Event]) -> str:
    """The events' details as JSON inside <script>: `<` escaped, so nothing closes it."""
    text = json.dumps({"events": [_details(e) for e in events]}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _print_list(events: Sequence[Event]) -> Iterator[str]:
    yield '<ol class="print-list">'
    for event in events:
        parts = [f"<strong>{html.escape(event.date.display())}</strong> {html.escape(event.title)}"]
        if event.location:
            parts.append(html.escape(event.location))
        if event.tags:
            parts.append(html.escape(", ".join(event.tags)))
        line = " — ".join(parts)
        if event.description:
            line += f'<div class="description">{html.escape(event.description)}</div>'
        yield f"<li>{line}</li>"
    yield "</ol>"


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    title = settings.title or "Chronology"
    picture = lay_out(events, title, settings.option("lanes") or "none")
    tags = sorted({t for e in events for t in e.tags}, key=str.casefold)
    options = "".join(f'<option value="{html.escape(t)}">{html.escape(t)}</option>' for t in tags)

    def pieces() -> Iterator[str]:
        yield "<!DOCTYPE html>\n"
        yield '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        yield f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n"
        yield "<body>\n<header>\n"
        yield f"<h1>{html.escape(title)}</h1>\n"
        yield (
            '<button id="zoom-out" type="button" aria-label="Zoom out">−</button>'
            '<span id="zoom-level" aria-live="polite">100%</span>'
            '<button id="zoom-in" type="button" aria-label="Zoom in">+</button>'
            '<button id="zoom-fit" type="button">Fit width</button>\n'
            f'<label>Tag <select id="tag"><option value="">all</option>{options}</select></label>'
            f' <span><span id="count">{len(events)}</span> events</span>\n'
        )
        yield "</header>\n<main>\n"
        yield '<div id="picture" tabindex="-1">\n'
        for line in svg_lines(picture, describe(events), page=True):
            yield line + "\n"
        yield "</div>\n"
        yield (
            '<section id="details" aria-live="polite"><p>Click an event, or move to one '
            "with Tab, to see its details. Zoom with + and −, or Ctrl and the wheel.</p>"
            "</section>\n"
        )
        yield from (line + "\n" for line in _print_list(events))
        yield "</main>\n"
        yield f'<script type="application/json" id="chrono-data">{_island(events)}</script>\n'
        yield f"<script>\n{_SCRIPT}\n</script>\n</body>\n</html>\n"

    return Rendered(pieces())


FORMAT = Format(
    "html", (".html", ".htm"), "one page to explore the picture: zoom, details, tags", render,
    options=(LANES_OPTION,),
)  # fmt: skip
