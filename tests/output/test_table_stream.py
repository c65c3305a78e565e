"""A table streamed batch by batch is the text ``table_lines`` writes for the whole table."""

from __future__ import annotations

import pytest

from samkit.output.blocks import TableBlock
from samkit.output.table_stream import streamed_table_lines
from samkit.output.tables import table_lines

# the widest cell is a path, which may break after its slashes; the longest piece that cannot break is in
# another, narrower cell, so a sample that judged words without their break points would miss it
ROWS = [
    ["plans/emea/north/acme.yaml", "Strategic"],
    ["unbreakablename", "Key"],
    ["short", "Standard"],
]


@pytest.mark.parametrize("width", [None, 80, 30, 24, 20, 12])
@pytest.mark.parametrize("footer", [None, ["Total", "3"]])
def test_streamed_rows_are_laid_out_as_the_whole_table(width: int | None, footer: list[str] | None) -> None:
    block = TableBlock("Plans", ["Plan file", "Tier"], ROWS, footer=footer)
    head = TableBlock("Plans", ["Plan file", "Tier"], [], footer=footer)
    streamed = list(streamed_table_lines(head, lambda: [ROWS[:1], ROWS[1:]], width))
    assert streamed == table_lines(block, width)
