"""YAML text -> light nodes that keep every scalar's written text and position.

PyYAML's constructors apply YAML 1.1 implicit typing (`1994` -> int, `12:30` ->
750, `NO` -> False, `0500` -> 320), which would change what the author wrote
(SPEC §1).  So chrono reads the parser's event stream (libyaml's C parser when
present) and composes its own nodes: every scalar stays text, no tag is ever
constructed, aliases are shared rather than copied, and the size they would
expand to is counted so an alias bomb is refused before anything grows.
"""

from __future__ import annotations

from typing import Any

import yaml

from chrono.errors import Problem
from chrono.model import KNOWN_FIELDS

try:  # libyaml's parser: the same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MAX_DEPTH", "Map", "Node", "Scalar", "Seq", "compose_documents"]

MAX_DEPTH = 100
_CORE = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    {None, "!"}
    | {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class Node:
    """A composed YAML node at a 1-based line and column."""

    __slots__ = ("column", "line", "size")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.size = 1  # nodes it stands for once aliases are expanded


class Scalar(Node):
    """A scalar as written; `plain` when unquoted and untagged (so `~` may be null)."""

    __slots__ = ("plain", "text")

    def __init__(self, text: str, plain: bool, line: int, column: int) -> None:
        # (Node.__init__ inlined: a file has one of these per value)
        self.line = line
        self.column = column
        self.size = 1
        self.text = text
        self.plain = plain

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in _NULLS


class Seq(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[Node] = []


class Map(Node):
    __slots__ = ("pairs",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.pairs: list[tuple[Node, Node]] = []


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_DocumentEndEvent = yaml.DocumentEndEvent
_StreamEndEvent = yaml.StreamEndEvent


def compose_documents(text: str, path: str) -> tuple[list[Node | None], list[Problem], int]:
    """Every document of `text` as nodes (None for an empty or refused one), the
    problems, and how many documents were left out (refused, or broken by a syntax
    error: that one stands for the rest of the file).

    A syntax error ends the file (the parser cannot go on); refused tags, recursive
    aliases, excessive nesting and alias bombs refuse their document, and the rest
    is read.  One loop over the parser's events, with no call per event: a timeline
    has a few nodes per event, and this is most of the time reading takes.
    """
    loader = _Loader(text)
    get_event = loader.get_event
    documents: list[Node | None] = []
    problems: list[Problem] = []
    stack: list[list[Any]] = []  # [node, its anchor, pending mapping key]
    anchors: dict[str, Node] = {}
    open_anchors: set[str] = set()  # anchors of collections still being composed
    root: Node | None = None
    composed = 0  # nodes composed in this document, aliases not counted
    refused = False  # the document has a problem: it is left out
    left_out = 0

    def refuse(line: int, column: int, message: str) -> None:
        nonlocal refused
        problems.append(Problem(path, line, column, message))
        refused = True

    try:
        while True:
            event: Any = get_event()
            kind = type(event)
            anchor = None
            if kind is _ScalarEvent:
                mark = event.start_mark
                if event.tag is not None and event.tag not in _SAFE_TAGS:
                    refuse(mark.line + 1, mark.column + 1, _refused_tag(event.tag))
                node: Node = Scalar(event.value, event.implicit[0], mark.line + 1, mark.column + 1)
                anchor = event.anchor
                composed += 1
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                mark = event.start_mark
                if event.tag is not None and event.tag not in _SAFE_TAGS:
                    refuse(mark.line + 1, mark.column + 1, _refused_tag(event.tag))
                if len(stack) >= MAX_DEPTH:
                    refuse(
                        mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels"
                    )
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                cls = Map if kind is _MappingStartEvent else Seq
                stack.append([cls(mark.line + 1, mark.column + 1), event.anchor, None])
                continue
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                node, anchor, _ = stack.pop()
                if anchor is not None:
                    open_anchors.discard(anchor)
                composed += 1
            elif kind is _AliasEvent:
                mark, name = event.start_mark, event.anchor
                target = None if name in open_anchors else anchors.get(name)
                if target is None:  # (the parser reports undefined aliases itself)
                    why = (
                        "refers to a node that contains it"
                        if name in open_anchors
                        else "names no anchor"
                    )
                    refuse(mark.line + 1, mark.column + 1, f"alias '*{name}' {why}")
                    continue
                node = target  # shared, not copied: counted by the size it stands for
            elif kind is _DocumentStartEvent:
                root, anchors, composed, refused = None, {}, 0, False
                continue
            elif kind is _DocumentEndEvent:
                documents.append(None if refused else root)
                left_out += refused
                continue
            elif kind is _StreamEndEvent:
                break
            else:  # the stream's start
                continue
            if anchor is not None:
                anchors[anchor] = node
            if not stack:
                root = node
                continue
            entry = stack[-1]
            parent = entry[0]
            parent.size += node.size
            if type(parent) is Seq:
                parent.items.append(node)
            elif entry[2] is None:
                entry[2] = node
            else:
                parent.pairs.append((entry[2], node))
                entry[2] = None
            # An alias bomb is a small stream whose aliases stand for a huge tree.
            if parent.size > 10 * composed + 100_000 and not refused:
                refuse(
                    node.line, node.column, "YAML aliases expand to too many nodes (an alias bomb?)"
                )
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(exc, text, path))
        left_out += 1
    finally:
        loader.dispose()
    return documents, problems, left_out


def _refused_tag(tag: str) -> str:
    """Any tag but YAML's core ones refuses the whole document: its data may not mean
    what it says."""
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"refused YAML tag '{shown}' (chrono reads plain data only)"


def _quote_hint(text: str, line: int, column: int) -> str:
    """For `title: Baku: talks` (a second `: ` in a value), how to write the line; ""
    where the line is not that (an indentation gone wrong)."""
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    key, sep, value = written[:column].partition(": ")
    key = key.strip().removeprefix("- ").lstrip("{ ")
    value = (value + written[column:]).strip().removesuffix("}").strip()
    if not sep or not key or '"' in value or "\\" in value:
        return ""
    before = written[:column].split()
    if before and before[-1] in KNOWN_FIELDS:  # (`date: 2025-08-08 title: Talks`)
        return f" (each field goes on its own line: '{before[-1]}:' starts one)"
    return f' (a value with ": " in it is written in quotes: {key}: "{value}")'


def _syntax_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    context, begun = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    unclosed = "end of stream" in message or "document separator" in message
    if (
        mark is not None
        and begun is not None
        and context
        and "quoted scalar" in context
        and unclosed
    ):
        # (a quote never closed: at the quote, not at the end of the file)
        return Problem(path, begun.line + 1, begun.column + 1, "invalid YAML: the quote "
                       f"opened here is not closed ({message} at line {mark.line + 1})")  # fmt: skip
    if "mapping values are not allowed" in message and mark is not None:
        message += _quote_hint(text, mark.line, mark.column)
    if mark is not None:
        return Problem(path, mark.line + 1, mark.column + 1, f"invalid YAML: {message}")
    position = getattr(exc, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(path, line, column, f"invalid YAML: {message}")
