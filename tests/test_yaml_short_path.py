"""The short composing path gives the general composer's nodes, or gives up (issue #5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.yamlnodes import Map, Node, Scalar, Seq, compose_general, compose_simple
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


def check(text: str) -> bool:
    """True when the short path answered (and then agreed with the general one)."""
    simple = compose_simple(text)
    documents, problems = compose_general(text, "t.yaml")
    if simple is None:
        return False
    assert not problems
    assert [shape(d) for d in simple] == [shape(d) for d in documents]
    return True


FILES = sorted([*DATA.glob("*.yaml"), *(ROOT / "timelines").glob("*.yaml"),
                *(ROOT / "examples").glob("*.yaml")])  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_data_file(path: Path) -> None:
    check(path.read_text(encoding="utf-8", errors="replace"))


def test_the_short_path_answers_for_plain_timelines_and_not_for_anchors() -> None:
    assert check((ROOT / "timelines" / "azerbaijan-nato.yaml").read_text(encoding="utf-8"))
    assert not check("- &a {date: 1994, title: A}\n- *a\n")
    assert not check("- !!str 1994\n")
    assert not check("- [unclosed\n")
    assert check("---\n- a\n---\n- b\n...\n")


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
