"""A plain-text table of any number of rows, written while the rows are read: the text ``tables.table_lines``
writes, without ever holding the rows (``score --all`` on a million accounts).

The rows are read twice: once for what the layout needs, once to write them. The layout of ``table_lines``
depends on each column only through maxima (the widest cell, the longest word of a cell), so a table of
two sample rows (each column's widest cell, each column's wordiest cell) gets exactly the widths the whole
table would get; the rows are then laid out one at a time with those widths.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

from samkit.output.blocks import TableBlock
from samkit.output.tables import (
    GAP,
    Colour,
    _longest_word,
    _row_lines,
    _title_lines,
    footer_lines,
    head_lines,
    layout,
    stacked_lines,
    text_width,
)

Rows = Iterable[Sequence[Sequence[str]]]  # batches of rows: a batch is a list of rows, a row a list of cells


def sample_rows(headers: Sequence[str], batches: Rows, *, words: bool) -> list[list[str]]:
    """Each column's widest cell (first row) and, when ``words``, each column's wordiest cell (second row);
    no rows when there are none."""
    columns = len(headers)
    widest = [""] * columns
    widths = [-1] * columns
    wordiest = [""] * columns
    longest = [-1] * columns
    seen = False
    for batch in batches:
        for row in batch:
            seen = True
            for index, cell in enumerate(row):
                width = len(cell) if cell.isascii() else text_width(cell)
                if width > widths[index]:
                    widths[index], widest[index] = width, cell
                if words and width > longest[index]:  # a word is never wider than its cell
                    word = _longest_word(cell)
                    if word > longest[index]:
                        longest[index], wordiest[index] = word, cell
    if not seen:
        return []
    return [widest, wordiest] if words else [widest]


def streamed_table_lines(
    head: TableBlock,
    batches: Callable[[], Rows],
    width: int | None = None,
    colour: Colour | None = None,
    bold: Colour | None = None,
) -> Iterator[str]:
    """``table_lines`` of ``head`` (title, headers, alignment, short headers; its rows are ignored) with the
    rows ``batches()`` gives, line by line. ``batches`` is called twice and must give the same rows."""
    samples = sample_rows(head.headers, batches(), words=width is not None)
    full = dataclasses.replace(head, rows=samples)
    block, widths = layout(full, width)
    if widths is None:
        assert width is not None
        yield from _stacked(full, batches(), width, colour, bold)
        return
    yield from head_lines(block, widths, width, bold)
    right = [index in block.right_aligned for index in range(len(widths))]
    for batch in batches():
        for cells in batch:
            if width is None and colour is None:  # natural widths: every cell fits, no line wraps
                padded = (_padded(cell, column, side) for cell, column, side in zip(cells, widths, right, strict=True))
                yield GAP.join(padded).rstrip()
            else:
                yield from _row_lines(cells, widths, block.right_aligned, colour)
    yield from footer_lines(block, widths, bold)


def _padded(cell: str, width: int, right: bool) -> str:
    """``tables._pad``, with ``str.rjust``/``ljust`` for ASCII (one terminal cell a character)."""
    if cell.isascii():
        return cell.rjust(width) if right else cell.ljust(width)
    fill = " " * (width - text_width(cell))
    return fill + cell if right else cell + fill


def _stacked(block: TableBlock, batches: Rows, width: int, colour: Colour | None, bold: Colour | None) -> Iterator[str]:
    """``stacked_lines`` a batch at a time: the title once, a blank line before every record after it."""
    yield from _title_lines(block.title, width, bold)
    records = 0
    footer = [block.footer] if block.footer is not None else []
    for batch in itertools.chain(batches, [footer]):
        if not batch:
            continue
        rows = [list(row) for row in batch]
        lines = stacked_lines(dataclasses.replace(block, title="", rows=rows, footer=None), width, colour, bold)
        if records or block.title:
            yield ""
        yield from lines
        records += len(rows)
