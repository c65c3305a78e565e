"""The small document model the reports share: headings, paragraphs, bullet lists and tables of plain strings.

A report is built once as a list of blocks; the same blocks are printed as tables for people or written as
Markdown, so the two never drift.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from samkit.output.markdown import escape_flat


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
    ordered: bool = False  # numbered 1., 2., ... instead of dashes


@dataclass(frozen=True)
class TableBlock:
    title: str
    headers: list[str]
    rows: list[list[str]]
    right_aligned: frozenset[int] = frozenset()
    footer: list[str] | None = None  # a totals row, set apart from the data
    short_headers: list[str] | None = None  # for a terminal too narrow for ``headers`` (same columns)


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
            parts.append(
                "\n".join(f"{_marker(block, number)} {escape_flat(item)}" for number, item in enumerate(block.items, 1))
            )
        else:
            table = markdown_table(block)
            parts.append(f"**{escape_flat(block.title)}**\n\n{table}" if block.title else table)
    return "\n\n".join(parts) + "\n"


# --- plain text (the default for people) --------------------------------------------------------------------------


def _marker(block: Bullets, number: int) -> str:
    return f"{number}." if block.ordered else "-"


def blocks_text(
    blocks: Iterable[Block], width: int | None = None, colour: bool = False, table_width: int | None = None
) -> str:
    """The blocks as text: prose wrapped to ``width`` terminal cells (None: piped, every line as long as it
    needs), tables fitted to ``table_width`` (default ``width``; ``COLUMNS`` when set, even through a pipe)."""
    from samkit.output.tables import embolden, highlight, table_lines

    tables_width = table_width if table_width is not None else width
    lines: list[str] = []
    for block in map(_terminal_safe, blocks):
        if isinstance(block, Heading):
            if lines and lines[-1] != "":
                lines.append("")
            lines.append(embolden(block.text) if colour else block.text)
            continue
        if isinstance(block, Paragraph):
            lines += textwrap.wrap(block.text, width, break_on_hyphens=False) if width else [block.text]
        elif isinstance(block, Bullets):
            for number, item in enumerate(block.items, 1):
                marker = _marker(block, number) + " "
                if width:
                    lines += textwrap.wrap(
                        item,
                        width,
                        initial_indent=marker,
                        subsequent_indent=" " * len(marker),
                        break_on_hyphens=False,
                    )
                else:
                    lines.append(marker + item)
        else:
            if lines and lines[-1] != "":
                lines.append("")
            lines += table_lines(block, tables_width, highlight if colour else None, embolden if colour else None)
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n" if lines else ""


def _terminal_safe(block: Block) -> Block:
    """The block with plan text that could drive a terminal (ESC, CR, bidi overrides) shown as escapes."""
    import dataclasses

    from samkit.output.terminal import terminal_safe

    if isinstance(block, Heading | Paragraph):
        return dataclasses.replace(block, text=terminal_safe(block.text))
    if isinstance(block, Bullets):
        return Bullets([terminal_safe(item) for item in block.items], block.ordered)
    footer = [terminal_safe(cell) for cell in block.footer] if block.footer is not None else None
    return dataclasses.replace(
        block,
        title=terminal_safe(block.title),
        headers=[terminal_safe(header) for header in block.headers],
        rows=[[terminal_safe(cell) for cell in row] for row in block.rows],
        footer=footer,
    )


def print_blocks(blocks: Iterable[Block]) -> None:
    """Print for people: fitted to the terminal and coloured there, natural width and plain when piped."""
    import sys

    from samkit.output.console import stdout_colour, stdout_width, table_width

    sys.stdout.write(blocks_text(blocks, stdout_width(), stdout_colour(), table_width()))
