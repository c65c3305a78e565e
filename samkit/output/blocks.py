"""The small document model the reports share: headings, paragraphs, bullet lists and tables of plain strings.

A report is built once as a list of blocks; the same blocks are printed as tables for people or written as
Markdown, so the two never drift.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samkit.output.markdown import escape_flat

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class TableBlock:
    title: str
    headers: list[str]
    rows: list[list[str]]
    right_aligned: frozenset[int] = frozenset()
    footer: list[str] | None = None  # a totals row, set apart from the data


Block = Heading | Paragraph | Bullets | TableBlock


# --- Markdown ------------------------------------------------------------------------------------------------------


def markdown_table(table: TableBlock) -> str:
    def row(cells: Sequence[str], bold: bool = False) -> str:
        escaped = [escape_flat(cell) for cell in cells]
        if bold:
            escaped = [f"**{cell}**" if cell else cell for cell in escaped]
        return "| " + " | ".join(escaped) + " |"

    separator = "|" + "|".join("---:" if index in table.right_aligned else "---" for index in range(len(table.headers)))
    lines = [row(table.headers), separator + "|"]
    lines += [row(cells) for cells in table.rows]
    if table.footer is not None:
        lines.append(row(table.footer, bold=True))
    return "\n".join(lines)


def render_markdown(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + escape_flat(block.text))
        elif isinstance(block, Paragraph):
            parts.append(escape_flat(block.text))
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {escape_flat(item)}" for item in block.items))
        else:
            table = markdown_table(block)
            parts.append(f"**{escape_flat(block.title)}**\n\n{table}" if block.title else table)
    return "\n\n".join(parts) + "\n"


# --- rich (the default for people) ----------------------------------------------------------------------------------


def print_blocks(blocks: Iterable[Block]) -> None:
    from samkit.output.console import safe_text, stdout_console

    console = stdout_console()
    piped = not console.is_terminal
    first = True
    for block in blocks:
        if isinstance(block, Heading):
            if not first:
                console.print()
            console.print(safe_text(block.text, style="bold underline" if block.level <= 1 else "bold"))
        elif isinstance(block, Paragraph):
            console.print(safe_text(block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                # a hanging indent, wrapped here: far cheaper than a rich grid per list
                wrapped = textwrap.fill(item, width=max(console.width, 40), initial_indent="- ", subsequent_indent="  ")
                console.print(safe_text(wrapped), soft_wrap=True)
        else:
            print_table(console, block, piped)
        first = False


def print_table(console: Console, block: TableBlock, piped: bool) -> None:
    from rich import box
    from rich.table import Table

    from samkit.output.console import safe_text

    width = console.width
    natural = _natural_widths(block)
    # Too wide for the terminal: figures keep their width (headers one word a line) and the text columns share
    # what is left, down to their longest word. Rich would otherwise crop figures, which must never happen.
    compact = not piped and _table_width(natural) > width
    caps = _text_caps(block, natural, width) if compact else natural
    table = Table(title=safe_text(block.title, style="bold") if block.title else None, box=box.SIMPLE_HEAD)
    for index, header in enumerate(block.headers):
        numeric = index in block.right_aligned
        table.add_column(
            safe_text(header.replace(" ", "\n") if compact and numeric else header),
            justify="right" if numeric else "left",
            no_wrap=numeric,
            max_width=None if numeric else max(caps[index], 1),
        )
    for index, cells in enumerate(block.rows):
        last = index == len(block.rows) - 1
        table.add_row(*(safe_text(cell) for cell in cells), end_section=last and block.footer is not None)
    if block.footer is not None:
        table.add_row(*(safe_text(cell, style="bold") for cell in block.footer))
    # piped output has no terminal width, and a table whose narrowest form is too wide is better wrapped by the
    # terminal than cropped: widen the console for this table (tables do not expand, so nothing else changes)
    console.width = max(width, _table_width(caps))
    console.print(table)
    console.width = width


def _text_caps(block: TableBlock, natural: list[int], width: int) -> list[int]:
    """Figures at full width (header one word a line); text columns share the rest, never below their longest word."""
    minimums = _minimum_widths(block)
    numeric = [index in block.right_aligned for index in range(len(natural))]
    fixed = sum(minimums[index] for index, is_numeric in enumerate(numeric) if is_numeric)
    text_natural = sum(natural[index] for index, is_numeric in enumerate(numeric) if not is_numeric)
    available = width - _table_width([0] * len(natural)) - fixed
    caps = []
    for index, is_numeric in enumerate(numeric):
        if is_numeric or not text_natural:
            caps.append(minimums[index])
        else:
            share = natural[index] * max(available, 0) // text_natural
            caps.append(min(natural[index], max(minimums[index], share)))
    return caps


def _columns(table: TableBlock, with_header: bool = True) -> list[tuple[str, ...]]:
    rows = [*([table.headers] if with_header else []), *table.rows, *([table.footer] if table.footer else [])]
    return list(zip(*rows, strict=True)) if rows else [() for _ in table.headers]


def _natural_widths(table: TableBlock) -> list[int]:
    from rich.cells import cell_len

    return [max((cell_len(cell) for cell in column), default=0) for column in _columns(table)]


def _minimum_widths(table: TableBlock) -> list[int]:
    """Figures keep their full width; text may wrap down to its longest word (at most 20 columns)."""
    from rich.cells import cell_len

    def longest_word(cells: tuple[str, ...]) -> int:
        return max((cell_len(word) for cell in cells for word in cell.split()), default=1)

    widths = []
    for index, (header, column) in enumerate(zip(table.headers, _columns(table, with_header=False), strict=True)):
        if index in table.right_aligned:
            widths.append(max(max((cell_len(cell) for cell in column), default=0), longest_word((header,))))
        else:
            widths.append(min(20, longest_word((header, *column))))
    return widths


def _table_width(column_widths: list[int]) -> int:
    """The width of a table with these columns: one space of padding each side, separators, edges (an upper bound;
    a console a little too wide changes nothing, tables do not expand)."""
    return sum(width + 3 for width in column_widths) + 2
