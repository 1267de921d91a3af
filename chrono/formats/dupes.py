"""`chrono dupes`: duplicate groups as text or JSON, with the reasons they match."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from chrono.dates import zones_differ
from chrono.merging import MergeGroup, NearGroup
from chrono.model import Event, needs_timezone
from chrono.similarity import NearDuplicate, score_text
from chrono.writing import strip_controls


def _where(event: Event) -> str:
    return ", ".join(str(o) for o in event.origins)


def _exact_reason(group: MergeGroup) -> str:
    from chrono.titles import normalize_title

    members = group.members
    if len({(m.date.meaning(), normalize_title(m.title)) for m in members}) == 1:
        return "same date and title"
    ids = {m.id for m in members}
    if len(ids) == 1 and None not in ids:
        return f"same id '{ids.pop()}'"
    return "same id, or same date and title"


def _from(link: NearDuplicate, first: Event) -> NearDuplicate:
    """The link read from `first`'s side: its reasons name that member's words first
    (`differs` names a's word first; the shared words are written a's way first)."""
    if link.a is first:
        return link
    differs = link.differs
    if differs is not None and differs.count(" / ") == 1:
        differs = " / ".join(reversed(differs.split(" / ")))
    return dataclasses.replace(link, a=link.b, b=link.a, differs=differs)


def _member(event: Event) -> dict[str, Any]:
    member: dict[str, Any] = {"title": event.title, "date": event.date.text}
    if needs_timezone(event):  # (a clock time's zone: without it, the time says little)
        member["timezone"] = event.timezone
    return {**member, "origins": [{"path": o.path, "line": o.line} for o in event.origins]}


def _near_json(group: NearGroup) -> dict[str, Any]:
    index = {id(e): i for i, e in enumerate(group.members)}
    links = [
        {"a": index[id(link.a)], "b": index[id(link.b)], "score": link.score,
         "dates": link.dates, "words": list(link.shared), "meaning": link.meaning,
         "across_languages": link.across, "differs": link.differs}
        for link in group.links
    ]  # fmt: skip
    members = [_member(e) for e in group.members]
    return {"kind": "near", "score": group.score, "members": members, "links": links}


def _exact_json(group: MergeGroup) -> dict[str, Any]:
    members = [_member(e) for e in group.members]
    return {"kind": "exact", "reason": _exact_reason(group), "members": members}


def _lines(members: Sequence[Event], zones: bool, numbered: bool = False) -> list[str]:
    where = [_where(e) for e in members]
    dates = [e.date.display(zones) for e in members]
    width_w, width_d = max(map(len, where)), max(map(len, dates))
    marks = [f"{n}. " for n in range(1, len(members) + 1)] if numbered else [""] * len(members)
    return [
        f"  {m}{w:<{width_w}}  {d:<{width_d}}  {e.title}"
        for m, w, d, e in zip(marks, where, dates, members, strict=True)
    ]


def render_groups(
    near: Sequence[NearGroup], exact: Sequence[MergeGroup], *, as_json: bool = False
) -> str:
    if as_json:
        data = [_near_json(g) for g in near] + [_exact_json(g) for g in exact]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    blocks: list[str] = []
    # Clock times name their zones in every group, or in none: decided once for the
    # report, as a table decides for its column.
    members = [*(e for g in near for e in g.members), *(e for g in exact for e in g.members)]
    zones = zones_differ(e.date for e in members)
    for number, group in enumerate(near, start=1):
        # In a group of three or more, members are numbered and each reason says
        # which two it links; the header gives its weakest link's score too (a new
        # user's: "score 0.98" hid a link at 0.36).
        numbered = len(group.members) > 2
        weakest = score_text(min(link.score for link in group.links))
        score = score_text(group.score)
        said = f"score {score}" if weakest == score else f"scores {weakest}–{score}"
        lines = [
            f"near-duplicates {number}, {said}:",
            *_lines(group.members, zones, numbered),
        ]
        # Each pair as the list numbers it, the lower number first, in that order, its
        # reasons read from that member's side (`sign/signed`, as `why 1~2` says).
        place = {id(e): n for n, e in enumerate(group.members, start=1)}
        pairs = sorted((sorted((place[id(k.a)], place[id(k.b)])), k) for k in group.links)
        for (first, second), link in pairs:
            pair = f" {first}~{second}" if numbered else ""
            oriented = _from(link, group.members[first - 1])
            lines.append(f"  why{pair}: {score_text(link.score)}, {oriented.explain(zones)}")
        blocks.append("\n".join(lines))
    for merged in exact:
        lines = [f"exact duplicates, {_exact_reason(merged)}:", *_lines(merged.members, zones)]
        blocks.append("\n".join(lines))
    return "".join(strip_controls(b, keep_newlines=True) + "\n\n" for b in blocks).rstrip("\n") + (
        "\n" if blocks else ""
    )
