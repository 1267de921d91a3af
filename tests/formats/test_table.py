"""chrono's own `simple` table is the table tabulate writes (the default style)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from tabulate import _type, tabulate

from chrono.cli import cli
from chrono.formats._simple_table import simple, simple_columns
from chrono.formats.cells import Wrapper, cell, width
from chrono.formats.table import _tabulate
from chrono.writing import strip_controls, strip_controls_all

# No hyphen: where a hyphenated word is wider than its column, tabulate's wrapper cuts
# it at the width (`000000-0|0`) and chrono's, the standard library's, at the hyphen
# (`000000-|00`); see test_a_long_hyphenated_word_breaks_at_its_hyphen.
TEXT = st.lists(
    st.characters(
        codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"], exclude_characters="-"
    )
    | st.just(" ")
    # two terminal columns, or none: CJK, emoji, a combining accent, a joiner
    | st.sampled_from(["東", "京", "서", "🇦🇿", "👩\u200d👧", "\u0301", "❤\ufe0f", "\u200b"]),
    max_size=30,
).map("".join)
CELL = TEXT | st.lists(TEXT, min_size=2, max_size=3).map("\n".join)  # descriptions: lines


@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(st.text("DTLabc", min_size=1, max_size=10), min_size=n, max_size=n),
            st.lists(
                st.lists(CELL, min_size=n, max_size=n).filter(lambda row: row[0].strip()),
                max_size=6,
            ),
            st.lists(st.none() | st.integers(8, 40), min_size=n, max_size=n),
        )
    ),
    st.booleans(),
)
@settings(max_examples=300)
def test_simple_is_what_tabulate_writes(
    table: tuple[list[str], list[list[str]], list[int | None]], wrapped: bool
) -> None:
    headers, rows, widths = table
    limits = widths if wrapped else None
    if wrapped and any(_type(cell, True) is not str for row in rows for cell in row):
        reject()  # tabulate's wrapping casts such cells ("False" -> "True"): no oracle
    if wrapped and any(width(c) != len(c) for row in rows for c in row):
        # A line of wide or zero-width characters is wrapped by wcwidth's wrapper, whose
        # breaks differ from tabulate's own: the oracle is tabulate laying out the cells
        # chrono wrapped (as every other style gets them).
        expected = _tabulate(rows, headers, "simple", limits)
    else:
        try:
            expected = tabulate(
                rows, headers=headers, tablefmt="simple", maxcolwidths=limits, disable_numparse=True
            )
        except ValueError:  # tabulate's own failure on some blank wrapped cells: no oracle
            reject()
    assert "".join(simple(rows, headers, limits, chunk=1000)) == expected + "\n"
    assert "".join(simple(rows, headers, limits, chunk=2)) == expected + "\n"
    # As show makes it: by columns, each known printable (one line a cell) or not.
    columns = [[row[i] for row in rows] for i in range(len(headers))]
    printable = ["".join(column).isprintable() for column in columns]
    made = simple_columns(columns, headers, limits, 2, printable)
    assert "".join(made) == expected + "\n"


def test_a_long_hyphenated_word_breaks_at_its_hyphen() -> None:
    lines = "".join(simple([["1994", "Zangezur-corridor"]], ["Date", "Title"], [None, 12], 10))
    assert lines.splitlines()[2:] == ["1994    Zangezur-", "        corridor"]


def test_wrapped_tabulate_styles_keep_text_that_looks_like_a_value() -> None:
    """tabulate's own wrapping reads cells as values: "False" printed as "True" and
    "1,000" failed (python-tabulate #428).  chrono wraps for it."""
    rows = [["False", "1,000"], ["True", "a location long enough to be wrapped"]]
    table = _tabulate(rows, ["Title", "Location"], "grid", [None, 12])
    cells = [c.strip() for line in table.splitlines() for c in line.split("|")]
    assert cells[cells.index("False") : cells.index("False") + 2] == ["False", "1,000"]
    assert "a location" in cells
    assert "True" in cells


@given(st.lists(st.text() | st.sampled_from(["Baku\x1b[31m", "a\tb", "\u202eevil", "é\xa0x"])))
def test_a_column_is_stripped_as_each_of_its_cells(texts: list[str]) -> None:
    assert strip_controls_all(texts) == [strip_controls(t) for t in texts]


def test_every_character_measured_by_its_length_is_one_column_wide() -> None:
    """The shortcut that spares loading wcwidth for Latin, Greek and Cyrillic text."""
    import wcwidth

    from chrono.formats.cells import _NARROW

    ranges = _NARROW.pattern.strip("[]*")
    chars = [chr(c) for c in range(0x110000) if _NARROW.fullmatch(chr(c))]
    assert len(chars) > 1200, ranges  # (the shipped timeline's – and ’ among them)
    assert {"–", "’", "ə"} <= set(chars)
    assert [c for c in chars if wcwidth.wcwidth(c) != 1] == []


def test_wide_and_combining_characters_line_up_in_show(tmp_path: Path) -> None:
    """CJK and emoji take two columns on a terminal, a combining accent none: the
    columns after them start at the same place on the screen in every row."""
    (tmp_path / "t.yaml").write_text(
        "- {date: 2025-01-01, title: 東京 opens an office, tags: [a]}\n"
        "- {date: 2025-01-02, title: 🎉 launch party, tags: [b]}\n"
        "- {date: 2025-01-03, title: Cafe\u0301 in Baku, tags: [c]}\n"
        "- {date: 2025-01-04, title: Plain ASCII title, tags: [d]}\n",
        encoding="utf-8",
    )
    for style in ("simple", "github", "grid"):
        out = CliRunner().invoke(cli, ["show", str(tmp_path), "--no-cache", "--format", style])
        assert out.exit_code == 0, out.output
        rows = [line for line in out.stdout.splitlines() if "2025" in line]
        assert len(rows) == 4
        starts = {
            _screen_columns(row[: row.rindex(t)]) for row, t in zip(rows, "abcd", strict=True)
        }
        assert len(starts) == 1, (style, out.stdout)


def _screen_columns(text: str) -> int:
    """Columns on screen, by the Unicode tables (not by wcwidth, which chrono uses)."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    zero = sum(unicodedata.combining(c) > 0 for c in text)
    return len(text) + wide - zero


@given(TEXT, st.integers(2, 30))
def test_wrapped_lines_fit_their_column_on_screen(text: str, limit: int) -> None:
    """Wrapping counts terminal columns: no line is wider than its column (a single
    wide character in a column of two at least), and no text is lost."""
    lines = cell(text, Wrapper(limit))
    assert all(width(line) <= limit for line in lines), lines
    assert "".join("".join(lines).split()) == "".join(text.split())


SHIPPED = Path(__file__).resolve().parents[2] / "timelines"


def test_a_narrow_terminal_gets_dates_on_two_lines_and_the_table_fits() -> None:
    """At `COLUMNS=60` the shipped table was 69 wide: a date never gave up width.
    Where the table does not fit else, an interval's ends and a date's clock time go
    on lines of their own, and the lines fit the terminal."""
    out = CliRunner().invoke(cli, ["show", str(SHIPPED), "--no-cache"], env={"COLUMNS": "60"})
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert max(map(width, lines)) <= 60
    war = next(n for n, line in enumerate(lines) if "Second Karabakh War" in line)
    assert lines[war].startswith("27 Sep 2020 –  ")
    assert lines[war + 1].startswith("10 Nov 2020  ")
    clock = next(n for n, line in enumerate(lines) if "Trump meets Aliyev" in line)
    assert lines[clock].startswith("8 Aug 2025  ")
    assert lines[clock + 1].startswith("18:30 UTC  ")


def test_a_date_is_whole_when_the_table_fits() -> None:
    out = CliRunner().invoke(cli, ["show", str(SHIPPED), "--no-cache"], env={"COLUMNS": "80"})
    lines = out.stdout.splitlines()
    assert max(map(width, lines)) <= 80
    assert any(line.startswith("27 Sep 2020 – 10 Nov 2020  ") for line in lines)


def test_a_long_date_is_never_wrapped_as_words(tmp_path: Path) -> None:
    """A zoned interval wider than 30 was wrapped as words: `8 Aug 2025 14:30 +04:00
    – 8` over `Aug 2025 16:00 +04:00`."""
    (tmp_path / "t.yaml").write_text(
        '- {date: "2025-08-08T14:30+04:00/2025-08-09T16:00+04:00", title: A session}\n'
        '- {date: "2025-08-09T10:00+02:00", title: Another}\n',
        encoding="utf-8",
    )
    for columns in ("30", "50", "70"):
        out = CliRunner().invoke(
            cli, ["show", str(tmp_path), "--no-cache"], env={"COLUMNS": columns}
        )
        dates = [line.split("  ")[0] for line in out.stdout.splitlines()[2:]]
        assert dates in (
            ["8 Aug 2025 14:30 +04:00 – 9 Aug 2025 16:00 +04:00", "9 Aug 2025 10:00 +02:00"],
            [
                "8 Aug 2025",
                "14:30 +04:00 –",
                "9 Aug 2025",
                "16:00 +04:00",
                "9 Aug 2025",
                "10:00 +02:00",
            ],
        ), (columns, out.stdout)


def test_dates_go_on_lines_only_where_the_table_cannot_fit_otherwise() -> None:
    """One column short of the table's natural width, every interval went on two
    lines (its lines took less room than a title wrapped once), while 15 columns
    narrower none did (a reviewer's)."""
    wide = CliRunner().invoke(cli, ["show", str(SHIPPED), "--no-cache"], env={"COLUMNS": "400"})
    natural = max(map(width, wide.stdout.splitlines()))
    for columns in (natural - 1, natural - 15, 80):
        out = CliRunner().invoke(
            cli, ["show", str(SHIPPED), "--no-cache"], env={"COLUMNS": str(columns)}
        )
        assert any(line.startswith("27 Sep 2020 – 10 Nov 2020") for line in out.stdout.splitlines())
