"""chrono's YAML nodes are PyYAML's own, as text: same structure, same text, same positions.

`chrono.yamlnodes` composes nodes from the parser's events in one loop of its own
(it keeps every scalar's written text and refuses tags and alias bombs); PyYAML's
composer is the oracle it is held to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.yamlnodes import Map, Node, Scalar, Seq, compose_documents
from tests.conftest import DATA, ROOT


def shape(node: Node | None) -> object:
    """Everything a node says, positions included."""
    if node is None:
        return None
    where = (type(node).__name__, node.line, node.column)
    if isinstance(node, Scalar):
        return (*where, node.text, node.plain)
    if isinstance(node, Seq):
        return (*where, [shape(item) for item in node.items])
    assert isinstance(node, Map)
    return (*where, [(shape(k), shape(v)) for k, v in node.pairs])


def oracle(node: yaml.Node | None, plain: bool = True) -> object:
    """`shape` of PyYAML's node; `plain` as chrono means it (no quotes, and no tag in
    the text, which these tests do not write)."""
    if node is None:
        return None
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return ("Scalar", *where, node.value, node.style in (None, ""))
    if isinstance(node, yaml.SequenceNode):
        return ("Seq", *where, [oracle(item) for item in node.value])
    assert isinstance(node, yaml.MappingNode)
    return ("Map", *where, [(oracle(k), oracle(v)) for k, v in node.value])


def check(text: str) -> None:
    """Without tags (which chrono refuses), chrono's nodes are PyYAML's; a text PyYAML
    cannot compose is a problem for chrono too, and only such a text is invalid YAML."""
    documents, problems, _ = compose_documents(text, "t.yaml")
    syntax = any("invalid YAML" in p.message for p in problems)
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))  # libyaml's parser, as ours
    except yaml.YAMLError as exc:  # a syntax error, or an alias to no anchor
        # (YAML 1.2 lets an anchor name be used again, for the nodes after it, as
        # libyaml and chrono do; PyYAML's composer refuses it)
        reused = "found duplicate anchor" in str(exc)
    else:
        assert not syntax
        if "!" not in text and not problems:  # a tag, or a document chrono refuses
            assert [shape(d) for d in documents] == [oracle(d) for d in nodes]
        return
    assert problems or reused


FILES = sorted([*DATA.glob("*.yaml"), *(ROOT / "timelines").glob("*.yaml"),
                *(ROOT / "examples").glob("*.yaml")])  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_data_file(path: Path) -> None:
    check(path.read_text(encoding="utf-8", errors="replace"))


def test_anchors_and_aliases_share_a_node() -> None:
    documents, problems, _ = compose_documents("- &a {date: 1994, title: A}\n- *a\n", "t.yaml")
    assert not problems
    root = documents[0]
    assert isinstance(root, Seq)
    assert root.items[0] is root.items[1]
    check("---\n- a\n---\n- b\n...\n")


SCALARS = st.sampled_from(
    ["1994", "'1994'", '"1994"', "~", "null", "", "NO", "a: b", "'it''s'", '"tab\\there"',
     "plain text", "|\n  block\n  text\n", ">-\n  folded\n\n  text\n", "# just a comment",
     "&x 1", "*x", "!!str 3", "!custom x", "[a, b]", "{a: 1}", "- x", "? k\n: v"]
)  # fmt: skip


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Small YAML texts: block mappings and lists of scalars, flows and nests,
    some with anchors, tags and broken syntax."""
    indent = "  " * depth
    if depth >= 3 or draw(st.integers(0, 3)) == 0:
        return draw(SCALARS)
    if draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(["date", "title", "tags", "x", "<<"]), max_size=4))
        lines = [f"{indent}{k}: {draw(documents(depth + 1))}" for k in keys]
    else:
        lines = [f"{indent}- {draw(documents(depth + 1))}" for _ in range(draw(st.integers(0, 3)))]
    return "\n" + "\n".join(lines) if depth else "\n".join(lines)


@given(documents())
@settings(max_examples=300)
def test_generated_documents(text: str) -> None:
    check(text)


@given(st.text(max_size=60))
@settings(max_examples=200)
def test_any_text(text: str) -> None:
    check(text)
