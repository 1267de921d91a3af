"""`--format html`: one self-contained page to explore the chronology (SPEC §8).

The page holds the same picture as `--format svg`, inline, and what a screen adds:
zoom (buttons, `+`/`-`, Ctrl and the wheel) with the page's own scrolling to pan;
the details of an event (its date as written, description, tags, location,
sources as links, origins) on a click or when it takes the keyboard's focus (Tab);
a filter by tag; dark mode; and a print stylesheet that prints the whole chronology
as a list, which paginates, instead of the picture. The page holds the layout as data
and its script draws only the labels in view (boxes when zoomed out too far to read
them), so that a page of many thousand events opens at once.

Nothing is fetched: the style, the script and the events' details (a JSON island,
`<` written `\\u003c` so that no title can close it) are in the page. Every piece of
event text is escaped, and the script sets text with `textContent` only.
"""

from __future__ import annotations

import base64
import html
import json
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from operator import attrgetter, ne
from typing import Any

from chrono.formats import Format, Rendered, Settings
from chrono.formats.records import as_url
from chrono.formats.svg import LANES_OPTION, axis_svg, describe, svg_lines
from chrono.model import Event
from chrono.pictures import BAR, FONT, ROW, SPACE, Mark, Picture, lay_out

__all__ = ["FORMAT"]

_STYLE = """\
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #57606a;
        --line: #d0d7de; --accent: #0969da; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d;
          --accent: #4493f8; --panel: #161b22; }
}
body { margin: 0; background: var(--bg); color: var(--fg); height: 100vh;
       display: flex; flex-direction: column;
       font: 14px/1.45 'DejaVu Sans', Verdana, Arial, sans-serif; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; flex: none;
         padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--bg); }
main { flex: 1; min-height: 0; display: flex; flex-direction: column; }
header h1 { font-size: 17px; margin: 0 12px 0 0; }
header button, header select { font: inherit; padding: 2px 10px; }
#picture { overflow: auto; flex: 1; min-height: 150px; }
#picture svg { display: block; transform-origin: 0 0; }
#axis { position: sticky; top: 0; z-index: 1; pointer-events: none; }
#axis .axis-background { fill: var(--bg); }
#picture g.event { cursor: pointer; outline: none; }
#picture g.event:focus text.label, #picture g.event.chosen text.label { fill: var(--accent); }
#picture g.event:focus .point, #picture g.event:focus .bar { stroke-width: 3; }
#all-marks .dots { stroke: var(--accent); stroke-width: 8; stroke-linecap: round; fill: none; }
#all-marks .approximate .dots { stroke-opacity: 0.35; }
#label-boxes { fill: var(--muted); fill-opacity: 0.45; }
#details { border-top: 1px solid var(--line); background: var(--panel); padding: 10px 16px;
           flex: none; min-height: 120px; max-height: 40vh; overflow: auto;
           box-sizing: border-box; }
#details h2 { font-size: 15px; margin: 0 0 4px; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; white-space: pre-wrap; }
#details a { color: var(--accent); }
.print-list, #print-note { display: none; }
@media print {
  body, main { display: block; height: auto; }
  header { border: none; padding: 0; }
  header > :not(h1), #picture, #details { display: none; }
  #print-note:not(:empty), .print-list { display: block; }
  .print-list li { break-inside: avoid; margin-bottom: 6px; }
  .print-list li.filtered { display: none; }
  .print-list .description, .print-list .sources { white-space: pre-wrap; }
}"""

_SCRIPT = """\
(() => {
  const data = JSON.parse(document.getElementById('chrono-data').textContent);
  const { events } = data;
  // The layout's numbers come packed (see `_floats`): 32-bit floats, read to a tenth.
  const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const floats = (text) => Float64Array.from(new Float32Array(bytes(text).buffer),
    (x) => Math.round(x * 10) / 10);
  const marks = { flags: bytes(data.marks.flags), lines: data.marks.lines };
  for (const name of ['x0', 'x1', 'y', 'left', 'top', 'width']) marks[name] = floats(data.marks[name]);
  const [FONT, ROW, BAR] = data.sizes;
  const n = events.title.length;
  const NS = 'http://www.w3.org/2000/svg';
  const box = document.getElementById('picture');
  const svg = box.querySelector('svg:not(#axis)');
  // The time axis stays over the picture as it scrolls (a copy of its top, see the page).
  const axis = document.getElementById('axis');
  const axisHeight = axis.height.baseVal.value;
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  const allMarks = document.getElementById('all-marks');
  const leaders = document.getElementById('leaders');
  const drawn = document.getElementById('drawn');
  const details = document.getElementById('details');
  const hint = details.firstElementChild;
  // Below this zoom a label's text is too small to read: labels are drawn as boxes.
  const TEXT_ZOOM = 0.5;
  const shown = new Uint8Array(n).fill(1);  // 0: left out by the tag filter
  // Where each event is drawn, a list for each number: its mark from x0 to x1 (x0 for a
  // point) at y, and its flags (1 a bar, 2 open start, 4 open end, 8 approximate,
  // 16 uncertain); its label's box from left and top, width wide, and for a title in
  // more lines, lines[i]: each line's text, length and what parts it from the line
  // before (the first line's length takes in the date before it).
  const mark = (i) => [marks.x0[i], marks.x1[i], marks.y[i], marks.flags[i]];
  const label = (i) => [marks.left[i], marks.top[i], marks.width[i], marks.lines[i]];
  const rows = (i) => (marks.lines[i] ? marks.lines[i].length : 1);
  // The events' details, a list for each field; sources and origins are lists of all
  // events' in turn, `count[i]` of them event i's: a source is its text, `address[k]`
  // the k-th's address where that differs (null: none), and an origin is its file (a
  // number, `files[file]` its path) and its line.
  const from = (count) => {  // where each event's items begin in such a list
    const first = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) first[i + 1] = first[i] + count[i];
    return first;
  };
  const { sources, origins } = events;
  const sourceFrom = from(sources.count), originFrom = from(origins.count);
  const range = (first, i) => Array.from({ length: first[i + 1] - first[i] }, (_, k) => first[i] + k);
  const about = (i) => ({
    title: events.title[i], date: events.date[i], shown: events.shown[i],
    description: events.description[i], tags: events.tags[i], location: events.location[i],
    sources: range(sourceFrom, i).map((k) => [sources.text[k],
      k in sources.address ? sources.address[k] : sources.text[k]]),
    origins: range(originFrom, i).map((k) => `${origins.files[origins.file[k]]}:${origins.line[k]}`),
  });
  const byTop = Array.from({ length: n }, (_, i) => i).sort((a, b) => marks.top[a] - marks.top[b]);
  const tops = Float64Array.from(byTop, (i) => marks.top[i]);
  const tallest = ROW * Object.values(marks.lines).reduce((most, l) => Math.max(most, l.length), 1);
  const firstFrom = (y) => {  // the first label, in byTop, whose top is at or after y
    let lo = 0, hi = n;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tops[mid] < y) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const f1 = (x) => x.toFixed(1);
  const el = (name, attributes, parent) => {
    const e = document.createElementNS(NS, name);
    for (const key in attributes) e.setAttribute(key, attributes[key]);
    if (parent) parent.append(e);
    return e;
  };
  const classes = (f) => 'event' + (f & 8 ? ' approximate' : '') + (f & 16 ? ' uncertain' : '');

  // Every shown event's mark, in a few paths (drawn once, and again when the filter changes).
  const drawMarks = () => {
    const paths = {};
    const add = (kind, text) => { (paths[kind] = paths[kind] || []).push(text); };
    for (let i = 0; i < n; i++) {
      if (!shown[i]) continue;
      const [x0, x1, y, f] = mark(i);
      const kind = f & 16 ? ' uncertain' : f & 8 ? ' approximate' : '';
      if (f & 1) add('bar' + kind, `M${x0} ${y}h${f1(x1 - x0)}v${BAR}h${f1(x0 - x1)}z`);
      else if (f & 16) add('point' + kind, `M${f1(x0 - 4)} ${y}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0`);
      else add('dots' + kind, `M${x0} ${y}h0`);
      const middle = y + BAR / 2;
      if (f & 2) add('open', `M${f1(x0 + 6)} ${f1(middle - 5)}l-6 5l6 5`);
      if (f & 4) add('open', `M${f1(x1 - 6)} ${f1(middle - 5)}l6 5l-6 5`);
    }
    allMarks.replaceChildren();
    for (const key in paths) {
      const [shape, kind] = key.split(' ');
      const g = el('g', { class: kind || '' }, allMarks);
      el('path', { class: shape, d: paths[key].join('') }, g);
    }
  };

  // The events whose labels are in view, each a group that takes the keyboard's focus.
  const nodes = new Map();  // index -> [group, leader]
  let chosen = -1, zoom = 1, frame = 0;
  const drawEvent = (i) => {
    const [x0, x1, y, f] = mark(i), [lx, ly, w, lines] = label(i), event = about(i);
    const g = el('g', { class: classes(f), 'data-index': i, tabindex: 0, role: 'button' });
    el('title', {}, g).textContent = `${event.shown}: ${event.title}`;
    if (f & 1) el('rect', { class: 'bar', x: x0, y, width: f1(x1 - x0), height: BAR, rx: 1 }, g);
    else el('circle', { class: 'point', cx: x0, cy: y, r: 4 }, g);
    const middle = y + BAR / 2;
    if (f & 2) el('path', { class: 'open', d: `M${f1(x0 + 6)} ${f1(middle - 5)}l-6 5l6 5` }, g);
    if (f & 4) el('path', { class: 'open', d: `M${f1(x1 - 6)} ${f1(middle - 5)}l6 5l-6 5` }, g);
    const text = el('text', { class: 'label', x: lx, y: f1(ly + FONT) }, g);
    const fitted = { lengthAdjust: 'spacingAndGlyphs' };
    const first = lines ? el('tspan', { ...fitted, textLength: lines[0][1] }, text) : text;
    if (!lines) { text.setAttribute('textLength', w); text.setAttribute('lengthAdjust', 'spacingAndGlyphs'); }
    el('tspan', { class: 'date' }, first).textContent = event.shown;
    first.append(' ' + (lines ? lines[0][0] : event.title));
    for (const [line, lw, sep] of lines ? lines.slice(1) : []) {
      if (sep) text.append(sep);
      el('tspan', { ...fitted, x: lx, dy: ROW, textLength: lw }, text).textContent = line;
    }
    if (i === chosen) g.classList.add('chosen');
    const leader = el('path', { class: 'leader', 'data-index': i,
      d: `M${x0} ${f1(y + (f & 1 ? BAR : 4))}V${f1(ly + 2)}` });
    return [g, leader];
  };
  const inView = () => {
    const z = zoom;
    return [box.scrollLeft / z, (box.scrollLeft + box.clientWidth) / z,
            box.scrollTop / z, (box.scrollTop + box.clientHeight) / z];
  };
  const update = () => {
    frame = 0;
    const [x0, x1, y0, y1] = inView();
    const wanted = [], boxes = [];
    for (let k = firstFrom(y0 - tallest); k < n && tops[k] <= y1; k++) {
      const i = byTop[k], [left, top, w] = label(i);
      if (!shown[i] || top + rows(i) * ROW < y0 || left > x1 || left + w < x0) continue;
      if (zoom >= TEXT_ZOOM) wanted.push(i);
      else boxes.push(`M${left} ${top}h${w}v${rows(i) * ROW - 4}h${-w}z`);
    }
    const keep = new Set(wanted);
    for (const [i, [g, leader]] of nodes) {
      if (keep.has(i) || g.contains(document.activeElement)) continue;
      g.remove(); leader.remove(); nodes.delete(i);
    }
    // new groups go in among the others in the chronology's order (moving one that
    // has the focus would lose it)
    wanted.sort((a, b) => a - b);
    const there = [...nodes.keys()].sort((a, b) => a - b);
    let next = 0;
    for (const i of wanted) {
      while (next < there.length && there[next] < i) next++;
      if (nodes.has(i)) continue;
      const [g, leader] = drawEvent(i);
      nodes.set(i, [g, leader]);
      drawn.insertBefore(g, next < there.length ? nodes.get(there[next])[0] : null);
      leaders.append(leader);
    }
    let density = document.getElementById('label-boxes');
    if (!density) density = el('path', { id: 'label-boxes', class: 'label-box' }, drawn.parentNode);
    density.setAttribute('d', boxes.join(''));
  };
  const later = () => { if (!frame) frame = requestAnimationFrame(update); };
  box.addEventListener('scroll', later);
  window.addEventListener('resize', later);

  // A zoom keeps the point under the pointer (the wheel) or the middle of the view
  // (buttons and keys) where it is.
  const setZoom = (z, cx = box.clientWidth / 2, cy = box.clientHeight / 2) => {
    const before = zoom;
    // (Chromium lays nothing out beyond about 33 million pixels.)
    zoom = Math.min(8, 3e7 / height, Math.max(0.05, z));
    svg.setAttribute('width', width * zoom);
    svg.setAttribute('height', height * zoom);
    axis.setAttribute('width', width * zoom);
    axis.setAttribute('height', axisHeight * zoom);
    axis.style.marginBottom = `${-axisHeight * zoom}px`;
    // (zoomed far in, the axis would cover much of the view: it stays at the top then)
    axis.style.position = axisHeight * zoom > box.clientHeight / 4 ? 'static' : 'sticky';
    box.scrollLeft = (box.scrollLeft + cx) * zoom / before - cx;
    box.scrollTop = (box.scrollTop + cy) * zoom / before - cy;
    document.getElementById('zoom-level').textContent = Math.round(zoom * 100) + '%';
    update();
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

  const show = (i) => {
    const event = about(i);
    chosen = i;
    drawn.querySelectorAll('g.event.chosen').forEach((x) => x.classList.remove('chosen'));
    if (nodes.has(i)) nodes.get(i)[0].classList.add('chosen');
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
  // An event's label brought into view and drawn, at a zoom where it can be read.
  const reveal = (i) => {
    if (zoom < TEXT_ZOOM) setZoom(1);
    const top = marks.top[i] * zoom, left = marks.left[i] * zoom;
    // (the part of the view under the axis, when it stays in view, does not count)
    const covered = axis.style.position === 'static' ? 0 : axisHeight * zoom;
    if (top < box.scrollTop + covered || top + ROW * zoom > box.scrollTop + box.clientHeight)
      box.scrollTop = top - Math.max(box.clientHeight / 3, covered + ROW * zoom);
    if (left < box.scrollLeft || left > box.scrollLeft + box.clientWidth - 40)
      box.scrollLeft = Math.max(0, left - 40);
    update();
    return nodes.get(i)[0];
  };
  const eventOf = (target) => target.closest && target.closest('g.event[data-index]');
  // Where a click lands in the picture, in its own units.
  const at = (e) => {
    const r = svg.getBoundingClientRect();
    return [(e.clientX - r.left) / zoom, (e.clientY - r.top) / zoom];
  };
  // (a mark takes no focus from the pointer: the click below chooses among the marks there)
  box.addEventListener('mousedown', (e) => {
    if (eventOf(e.target) && !e.target.closest('text')) e.preventDefault();
  });
  box.addEventListener('click', (e) => {
    const g = eventOf(e.target);
    if (g && e.target.closest('text')) { g.focus(); show(+g.dataset.index); return; }
    const [x, y] = at(e);  // on a mark, drawn alone or in the shared paths
    if (zoom < TEXT_ZOOM) { setZoom(1, e.clientX - box.getBoundingClientRect().left,
                                    e.clientY - box.getBoundingClientRect().top); return; }
    // a mark of the strip, drawn in one of the shared paths: the nearest, and at a
    // place where several meet, the next of them at each click
    const near = [];
    for (let i = 0; i < n; i++) {
      if (!shown[i]) continue;
      const [x0, x1, my, f] = mark(i);
      const dx = Math.max(x0 - x, 0, x - x1), dy = f & 1 ? Math.max(my - y, 0, y - my - BAR)
        : Math.abs(y - my);
      if (Math.max(dx, dy) < 6) near.push([Math.max(dx, dy), i]);
    }
    if (!near.length) return;
    near.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const current = near.findIndex(([, i]) => i === chosen);
    const best = near[current >= 0 ? (current + 1) % near.length : 0][1];
    reveal(best).focus();
    show(best);
  });
  box.addEventListener('focusin', (e) => {
    const g = eventOf(e.target);
    if (g) show(+g.dataset.index);
  });
  // Tab and Shift+Tab walk the whole chronology in order, not only what is drawn.
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const g = eventOf(e.target);
    if (!g && e.target !== box) return;
    const step = e.shiftKey ? -1 : 1;
    let i = g ? +g.dataset.index + step : (step > 0 ? 0 : n - 1);
    while (i >= 0 && i < n && !shown[i]) i += step;
    if (i < 0 || i >= n) return;  // out of the picture, as the browser does it
    e.preventDefault();
    reveal(i).focus();
  });

  const filter = document.getElementById('tag');
  filter.addEventListener('change', () => {
    const tag = filter.value === '' ? '' : data.tags[+filter.value];  // (by its number)
    let count = 0;
    for (let i = 0; i < n; i++) {
      shown[i] = tag === '' || events.tags[i].includes(tag) ? 1 : 0;
      count += shown[i];
    }
    if (chosen >= 0 && !shown[chosen]) {  // its details go with it
      chosen = -1;
      details.replaceChildren(hint);
    }
    if (document.activeElement && eventOf(document.activeElement)
        && !shown[+document.activeElement.dataset.index]) box.focus();
    drawMarks();
    update();
    if (count && !nodes.size && zoom >= TEXT_ZOOM) {  // none in view: go to the first
      reveal(shown.indexOf(1));
    }
    document.getElementById('count').textContent = count;
    [...printList.children].forEach((li, i) => li.classList.toggle('filtered', !shown[i]));
    document.getElementById('print-note').textContent = tag === '' ? ''
      : `Events tagged “${tag}”: ${count} of ${n}.`;
  });
  // The list that prints: every event, made a slice at a time when the page is idle
  // (and the rest at once if printing comes first).
  const printList = document.getElementById('print-list');
  let listed = 0;
  const listSome = (upTo) => {
    const items = document.createDocumentFragment();
    for (; listed < Math.min(upTo, n); listed++) {
      const event = about(listed);
      const li = document.createElement('li');
      const date = document.createElement('strong');
      date.textContent = event.shown;
      const parts = [event.title];
      if (event.location) parts.push(event.location);
      if (event.tags.length) parts.push(event.tags.join(', '));
      li.append(date, ' ' + parts.join(' — '));
      for (const [name, text] of [['description', event.description],
        ['sources', event.sources.length ? 'Sources: '
          + event.sources.map(([source]) => source).join(', ') : '']]) {
        if (!text) continue;
        const block = document.createElement('div');
        block.className = name;
        block.textContent = text;
        li.append(block);
      }
      if (!shown[listed]) li.className = 'filtered';
      items.append(li);
    }
    printList.append(items);
  };
  const idle = window.requestIdleCallback
    || ((f) => setTimeout(() => f({ timeRemaining: () => 8 }), 1));
  const listLater = (deadline) => {
    while (listed < n && deadline.timeRemaining() > 2) listSome(listed + 500);
    if (listed < n) idle(listLater);
  };
  window.addEventListener('beforeprint', () => listSome(n));
  drawMarks();
  update();
  idle(listLater);
})();"""


def _floats(values: Iterable[float]) -> str:
    """Numbers packed for the page's script: base64 of little-endian 32-bit floats, as
    precise as the browser's own SVG geometry and a quarter of the time it takes to
    write each number as text."""
    packed = array("f", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return json.dumps(base64.b64encode(packed).decode("ascii"))


def _bytes(values: Iterable[int]) -> str:
    """Small numbers packed for the page's script: base64 of a byte each."""
    return json.dumps(base64.b64encode(bytes(values)).decode("ascii"))


def _object(members: dict[str, str]) -> str:
    """A JSON object of members already written in JSON."""
    return "{" + ",".join(f"{json.dumps(name)}:{value}" for name, value in members.items()) + "}"


def _lines(mark: Mark) -> list[list[Any]]:
    """A title in lines, each with its length (the first's after the date) and what
    parts it from the line before."""
    first_length = mark.date_width + SPACE + mark.lines[0][1]
    return [
        [text, round(first_length if k == 0 else length, 1), sep]
        for k, (text, length, sep) in enumerate(mark.lines)
    ]


def _sources(events: Sequence[Event]) -> dict[str, Any]:
    """All events' sources in turn, `count` of them each event's; an `address` for each
    (by its place in the list) that is not its text: its URI, or None for a citation."""
    texts = [source for e in events for source in e.sources]
    addresses = list(map(as_url, texts))
    differ = compress(range(len(texts)), map(ne, texts, addresses))
    return {
        "text": texts,
        "count": list(map(len, map(attrgetter("sources"), events))),
        "address": {k: addresses[k] for k in differ},
    }


def _origins(events: Sequence[Event]) -> dict[str, Any]:
    """All events' origins in turn, `count` of them each event's: each its file (a
    number, `files` the paths) and its line."""
    origins = [origin for e in events for origin in e.origins]
    paths = list(map(attrgetter("path"), origins))
    files = {path: k for k, path in enumerate(dict.fromkeys(paths))}
    return {
        "count": list(map(len, map(attrgetter("origins"), events))),
        "file": list(map(files.__getitem__, paths)),
        "line": list(map(attrgetter("line"), origins)),
        "files": list(files),
    }


def _island(events: Sequence[Event], picture: Picture, tags: Sequence[str]) -> str:
    """The events' details and where each is drawn, as JSON inside <script>, a list for
    each field (see `about` and `mark` in the script). Written in ASCII, with `<`
    escaped, so that no text can close the script."""
    marks = sorted((m for lane in picture.lanes for m in lane.marks), key=attrgetter("index"))
    details = {
        "title": [e.title for e in events],
        "date": [e.date.text for e in events],
        "shown": [m.date for m in marks],
        "description": [e.description for e in events],
        "tags": [e.tags for e in events],
        "location": [e.location for e in events],
        "sources": _sources(events),
        "origins": _origins(events),
    }
    lines = {m.index: _lines(m) for m in marks if len(m.lines) > 1}
    layout = {
        "x0": _floats(map(attrgetter("x0"), marks)),
        "x1": _floats(map(attrgetter("x1"), marks)),
        "y": _floats(map(attrgetter("y"), marks)),
        "flags": _bytes(map(attrgetter("kind"), marks)),  # (see `mark` in the script)
        "left": _floats(map(attrgetter("left"), marks)),
        "top": _floats(map(attrgetter("top"), marks)),
        "width": _floats(map(attrgetter("width"), marks)),
        "lines": json.dumps(lines, separators=(",", ":")),
    }
    text = _object(
        {
            "sizes": json.dumps([FONT, ROW, BAR]),
            "tags": json.dumps(tags),  # the filter's, in its order
            "events": json.dumps(details, separators=(",", ":"), check_circular=False),
            "marks": _object(layout),
        }
    )
    return text.replace("<", "\\u003c")


def render(events: Sequence[Event], settings: Settings) -> Rendered:
    title = settings.title or "Chronology"
    picture = lay_out(events, title, settings.option("lanes") or "none")
    tags = sorted({t for e in events for t in e.tags}, key=str.casefold)
    # Each option's value is its tag's number: a tag as an attribute would not come back
    # as written (the page's parser makes NUL U+FFFD, and the filter would find nothing).
    options = "".join(f'<option value="{k}">{html.escape(t)}</option>' for k, t in enumerate(tags))

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
        yield (
            "<noscript><p>This page draws its events with JavaScript, which is off. "
            "<code>chrono export --format svg</code> makes the same picture without it."
            "</p></noscript>\n"
        )
        yield '<div id="picture" tabindex="-1">\n'
        yield axis_svg(picture) + "\n"
        for line in svg_lines(picture, describe(picture), page=True):
            yield line + "\n"
        yield "</div>\n"
        yield (
            '<section id="details" aria-live="polite"><p>Click an event, or move to one '
            "with Tab, to see its details. Zoom with + and −, or Ctrl and the wheel.</p>"
            "</section>\n"
        )
        yield '<p id="print-note"></p><ol class="print-list" id="print-list"></ol>\n'
        yield "</main>\n"
        yield f'<script type="application/json" id="chrono-data">{_island(events, picture, tags)}</script>\n'
        yield f"<script>\n{_SCRIPT}\n</script>\n</body>\n</html>\n"

    return Rendered(pieces())


FORMAT = Format(
    "html", (".html", ".htm"), "one page to explore the picture: zoom, details, tags", render,
    options=(LANES_OPTION,),
)  # fmt: skip
