"""The plain-text table: natural width when piped, fitted (wrapped, shorter headers, stacked) on a terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock, blocks_text
from samkit.output.tables import highlight, table_lines, text_width, wrap_words

ANSI = re.compile(r"\x1b\[[0-9;]*m")

PIPELINE = TableBlock(
    "Open pipeline per plan",
    ["Account", "Recurring", "One-time", "Total", "Weighted recurring"],
    [
        ["Atlas Precision Manufacturing", "$720,000", "$42,750.25", "$762,750.25", "$360,000"],
        ["Blue Harbor Logistics", "$24,000", "$0", "$24,000", "$12,000"],
    ],
    right_aligned=frozenset({1, 2, 3, 4}),
    footer=["Total", "$744,000", "$42,750.25", "$786,750.25", "$372,000"],
)


def test_piped_a_table_is_as_wide_as_its_content_and_has_no_trailing_blanks() -> None:
    lines = table_lines(PIPELINE)
    assert lines[0] == "Open pipeline per plan"
    assert lines[1].index("Recurring") == len("Atlas Precision Manufacturing") + 2  # the header is the widest cell
    assert all(line == line.rstrip() for line in lines)
    assert "$786,750.25" in lines[-1] and lines[-2].startswith("-----")
    widths = {len(line) for line in lines[1:]}
    assert max(widths) == len(lines[2])  # the rule is as wide as the widest row


def test_a_narrow_terminal_wraps_text_between_words_and_keeps_figures_whole() -> None:
    lines = table_lines(PIPELINE, width=60)
    assert all(text_width(line) <= 60 for line in lines)
    shown = "\n".join(lines)
    for cells in [*PIPELINE.rows, PIPELINE.footer]:
        assert cells is not None
        for figure in cells[1:]:
            assert figure in shown  # never cropped, never broken
    assert "Manufacturing" in shown and "Manufactur\n" not in shown
    assert any(line.startswith("Weighted") or " Weighted" in line for line in lines)  # the header wrapped


def test_too_narrow_for_columns_each_row_becomes_a_record() -> None:
    lines = table_lines(PIPELINE, width=50)
    assert all(text_width(line) <= 50 for line in lines)
    assert "Account             Atlas Precision Manufacturing" in lines
    assert "Weighted recurring  $360,000" in lines
    assert "Total               $786,750.25" in lines


def test_short_headers_are_used_when_the_full_ones_do_not_fit() -> None:
    block = TableBlock(
        "", ["Account", "Relationships"], [["Acme", "3"]], frozenset({1}), short_headers=["Account", "Rel."]
    )
    assert table_lines(block)[0].split() == ["Account", "Relationships"]
    assert table_lines(block, width=15)[0].split() == ["Account", "Rel."]


def test_wide_characters_take_two_cells() -> None:
    block = TableBlock("", ["Account", "ARR"], [["東京電力", "$1"], ["Acme", "$2"]], frozenset({1}))
    lines = table_lines(block)
    assert text_width(lines[2]) == text_width(lines[3]) == len(lines[1])


def test_colour_marks_tiers_severities_and_codes_without_moving_columns() -> None:
    block = TableBlock("", ["Tier", "Code"], [["Strategic", "SAM101"], ["Key", "x"]])
    plain = table_lines(block)
    coloured = table_lines(block, colour=highlight)
    assert [ANSI.sub("", line) for line in coloured] == plain
    assert "\x1b[1;32mStrategic\x1b[0m" in coloured[2] and "\x1b[1;31mSAM101\x1b[0m" in coloured[2]
    assert "\x1b[" not in coloured[3].replace("\x1b[33mKey\x1b[0m", "")


def test_blocks_text_wraps_prose_on_a_terminal_only() -> None:
    sentence = "word " * 30
    blocks: list[Block] = [Heading("Title"), Paragraph(sentence.strip()), Bullets([sentence.strip()]), PIPELINE]
    piped = blocks_text(blocks)
    assert sentence.strip() in piped.splitlines()
    fitted = blocks_text(blocks, width=50)
    assert all(len(line) <= 50 for line in fitted.splitlines())
    assert all(line == line.rstrip() for line in fitted.splitlines())


def test_wrap_words_never_breaks_a_word() -> None:
    assert wrap_words("Atlas Precision Manufacturing", 10) == ["Atlas", "Precision", "Manufacturing"]
    assert wrap_words("a b c", 3) == ["a b", "c"]


cell = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=30)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6), width=st.integers(20, 120))
def test_no_line_is_wider_than_the_terminal(rows: list[list[str]], width: int) -> None:
    rows = [[" ".join(text.split()) for text in row] for row in rows]
    block = TableBlock(
        "A title that is rather long for a narrow terminal", ["Name", "Value", "Note"], rows, frozenset({1})
    )
    for line in table_lines(block, width):
        assert text_width(line) <= width, line
        assert line == line.rstrip()


@pytest.mark.parametrize("width", [None, 80])
def test_a_table_without_rows_still_has_its_header(width: int | None) -> None:
    lines = table_lines(TableBlock("Empty", ["A", "B"], []), width)
    assert lines[:2] == ["Empty", "A  B"]


def test_at_80_columns_a_table_wraps_its_text_before_it_stacks_records() -> None:
    """Issue #21: a figure column's note wraps under its figure and a path breaks after a slash, so a portfolio
    table stays a table at 80 columns instead of one stacked record per account."""
    block = TableBlock(
        "Accounts",
        ["Account", "Manager", "Tier", "ARR", "Health", "Mapped", "Pipeline", "Reviewed"],
        [
            [
                f"Global Financial Corp {number}",
                "Maria Rodriguez",
                "Strategic",
                "$850,000",
                "82",
                "2 (single-threaded)",
                "$885,000",
                "2026-01-12 (overdue)",
            ]
            for number in range(25)
        ],
        right_aligned=frozenset({3, 4, 5, 6}),
    )
    lines = table_lines(block, 80)
    assert lines[1].split() == block.headers  # a header row: not stacked records
    assert all(text_width(line) <= 80 for line in lines)
    assert len(lines) < 25 * len(block.headers)  # far fewer than stacked records (a line per cell)
    assert "2026-01-12" in shown_lines(lines)  # a date never breaks
    shown = "\n".join(lines)
    assert "$850,000" in shown
    paths = TableBlock("Overdue", ["Account", "Path"], [["Acme", "plans/region-000/emea/account-00024.yaml"]])
    assert table_lines(paths, 30)[-3:] == [
        "Acme     plans/region-000/",
        "         emea/",
        "         account-00024.yaml",
    ]


def shown_lines(lines: list[str]) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("plans/emea/acme.yaml", ["Acme", "plans/", "emea/", "acme.yaml"]),
        ("(single-threaded)", ["(single-", "threaded)"]),
        ("2026-01-12", ["2026-01-12"]),
    ],
)
def test_long_words_break_after_a_slash_or_a_hyphen_between_letters(text: str, pieces: list[str]) -> None:
    assert wrap_words(f"Acme {text}" if pieces[0] == "Acme" else text, 9) == pieces
