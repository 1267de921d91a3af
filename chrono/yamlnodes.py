"""YAML text -> light nodes that keep every scalar's written text and position.

PyYAML's constructors apply YAML 1.1 implicit typing (`1994` -> int, `12:30` ->
750, `NO` -> False, `0500` -> 320), which would change what the author wrote
(SPEC §1).  So chrono reads the parser's event stream (libyaml's C parser when
present) and composes its own nodes: every scalar stays text, no tag is ever
constructed, aliases are shared rather than copied, and the size they would
expand to is counted so an alias bomb is refused before anything grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from chrono.errors import Problem

try:  # libyaml's parser: the same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MAX_DEPTH", "Map", "Node", "Scalar", "Seq", "compose_documents", "compose_general",
           "compose_simple"]  # fmt: skip

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


def compose_documents(text: str, path: str) -> tuple[list[Node | None], list[Problem]]:
    """Every document of `text` as nodes (None for an empty one), and the problems.

    A syntax error ends the file (the parser cannot go on); refused tags, recursive
    aliases, excessive nesting and alias bombs are reported and the rest is read.
    """
    simple = compose_simple(text)
    if simple is not None:
        return simple, []
    return compose_general(text, path)


def compose_general(text: str, path: str) -> tuple[list[Node | None], list[Problem]]:
    """`compose_documents` without the short path: any YAML, every check."""
    composer = _Composer(path)
    feed = composer.feed
    try:
        for event in _events(text):
            feed(event)
    except yaml.YAMLError as exc:
        composer.problems.append(_syntax_problem(exc, text, path))
    return composer.documents, composer.problems


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_DocumentEndEvent = yaml.DocumentEndEvent
_StreamEndEvent = yaml.StreamEndEvent
_SIMPLE_DEPTH = 32


def compose_simple(text: str) -> list[Node | None] | None:
    """The documents of a plain timeline file, composed in one tight loop, or None.

    Timelines are scalars, lists and mappings, nested a few levels.  This composes
    just that, with no call per event, and gives up (None) at the first thing beyond
    it: an anchor, alias or tag, deep nesting, or a syntax error.  The general
    composer then reads the file with all its checks and reports.  Where this one
    answers, it gives the same nodes as the general one (a test compares them).
    """
    loader = _Loader(text)
    get_event = loader.get_event
    documents: list[Node | None] = []
    stack: list[list[Any]] = []  # [node, pending mapping key]
    root: Node | None = None
    try:
        while True:
            event: Any = get_event()
            kind = type(event)
            if kind is _ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    return None
                mark = event.start_mark
                node: Node = Scalar(event.value, event.implicit[0], mark.line + 1, mark.column + 1)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    return None
                if len(stack) >= _SIMPLE_DEPTH:
                    return None
                mark = event.start_mark
                cls = Map if kind is _MappingStartEvent else Seq
                stack.append([cls(mark.line + 1, mark.column + 1), None])
                continue
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                node = stack.pop()[0]
            elif kind is _DocumentStartEvent:
                root = None
                continue
            elif kind is _DocumentEndEvent:
                documents.append(root)
                continue
            elif kind is _StreamEndEvent:
                return documents
            elif kind is yaml.StreamStartEvent:
                continue
            else:  # an alias
                return None
            # _Composer._attach, inlined (the point of this path), without alias counting;
            # tests/test_yaml_short_path.py holds the two to the same nodes.
            if not stack:
                root = node
                continue
            entry = stack[-1]
            parent = entry[0]
            if type(parent) is Seq:
                parent.items.append(node)
            elif entry[1] is None:
                entry[1] = node
            else:
                parent.pairs.append((entry[1], node))
                entry[1] = None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            yield event
            if type(event) is yaml.StreamEndEvent:
                return
    finally:
        loader.dispose()


class _Composer:
    """Builds nodes from parser events with an explicit stack (no recursion limit)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.documents: list[Node | None] = []
        self.problems: list[Problem] = []
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        # stack entries: [node, anchor, pending mapping key]
        self.stack: list[list[Any]] = []
        self.root: Node | None = None
        self.composed = 0
        self.refused = False

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._open(event, Map if kind is yaml.MappingStartEvent else Seq)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node, anchor, _ = self.stack.pop()
            if anchor is not None:
                self.open_anchors.discard(anchor)
            self._add(node, anchor)
        elif kind is yaml.AliasEvent:
            self._alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.root, self.anchors, self.composed, self.refused = None, {}, 0, False
        elif kind is yaml.DocumentEndEvent:
            self.documents.append(None if self.refused else self.root)

    def _scalar(self, event: Any) -> None:
        """The common case, kept short: most events of a timeline are plain scalars."""
        if event.tag is not None:
            self._check_tag(event)
        mark = event.start_mark
        node = Scalar(event.value, event.implicit[0], mark.line + 1, mark.column + 1)
        self._add(node, event.anchor)

    def _open(self, event: Any, cls: type[Map | Seq]) -> None:
        self._check_tag(event)
        mark = event.start_mark
        if len(self.stack) >= MAX_DEPTH:
            self._refuse(mark, f"nesting deeper than {MAX_DEPTH} levels")
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append([cls(mark.line + 1, mark.column + 1), event.anchor, None])

    def _alias(self, event: Any) -> None:
        name = event.anchor
        if name in self.open_anchors:
            self._refuse(event.start_mark, f"alias '*{name}' refers to a node that contains it")
            return
        target = self.anchors.get(name)
        if target is None:  # the parser reports undefined aliases itself; be safe
            self._refuse(event.start_mark, f"alias '*{name}' names no anchor")
            return
        self._attach(target, counted=False)

    def _add(self, node: Node, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = node
        self._attach(node, counted=True)

    def _attach(self, node: Node, *, counted: bool) -> None:
        if counted:
            self.composed += 1
        if not self.stack:
            self.root = node
            return
        entry = self.stack[-1]
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
        if parent.size > 10 * self.composed + 100_000 and not self.refused:
            self._refuse_at(node, "YAML aliases expand to too many nodes (an alias bomb?)")

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag not in _SAFE_TAGS:
            shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
            # The whole document is refused: its data may not mean what it says.
            self._refuse(
                event.start_mark, f"refused YAML tag '{shown}' (chrono reads plain data only)"
            )

    def _refuse(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))
        self.refused = True

    def _refuse_at(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, message))
        self.refused = True


def _syntax_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    if mark is not None:
        return Problem(path, mark.line + 1, mark.column + 1, f"invalid YAML: {message}")
    position = getattr(exc, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(path, line, column, f"invalid YAML: {message}")
