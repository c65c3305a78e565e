"""The one plain-text table style of every command: fits the terminal, never pads a line with blanks.

A table is laid out in columns separated by two spaces, a dashed rule under the header, and a rule above
the totals row. On a terminal of a given width:

1. a table that fits is printed at its natural width;
2. otherwise headers and cells wrap between words, text columns down to their longest word, figure columns
   down to their figures (a cell's first word), so a figure is never cropped or broken while a note beside
   it ("4 (single-threaded)") wraps under it;
3. when even that is too wide, each row is printed as a stacked record, ``Header  value`` a line.

Piped (no width), a table is as wide as its content needs. Lines never end in blanks. Colour (``Style``) is
added after the layout, so it never changes a width. Written for speed: a 500,000-row table costs a few
microseconds a row, where rich's ``Table`` costs close to a millisecond.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samkit.output.blocks import TableBlock

GAP = "  "
RULE = "-"
Colour = Callable[[str], str]  # styles one cell's text (already laid out); identity without colour


def text_width(text: str) -> int:
    """Terminal cells a string takes: East Asian wide characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for character in text:
        if unicodedata.combining(character):
            continue
        width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - text_width(text))
    return fill + text if right else text + fill


def wrap_words(text: str, width: int) -> list[str]:
    """Break ``text`` between words into lines of at most ``width`` cells (a longer word gets a line of its own)."""
    if text_width(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split():
        for number, piece in enumerate(_segments(word)):
            joiner = "" if number else " "  # a path's pieces join without a blank
            candidate = f"{current}{joiner}{piece}" if current else piece
            if current and text_width(candidate) > width:
                lines.append(current)
                current = piece
            else:
                current = candidate
    lines.append(current)
    return lines


# where a long word may break: after a path's "/", and after a hyphen between letters ("single-" "threaded"),
# never inside a date or a figure ("2026-01-12", "-$400")
_SEGMENT = re.compile(r"[^/]*?(?:/|(?<=[^\W\d_])-(?=[^\W\d_]))|.+")


def _segments(word: str) -> list[str]:
    """A word with the places it may break (``plans/`` ``emea/`` ``acme.yaml``; ``(single-`` ``threaded)``)."""
    return _SEGMENT.findall(word) if "/" in word or "-" in word else [word]


def _hard_wrap(text: str, width: int) -> list[str]:
    """Between words where it can; a word wider than the whole line (the last resort) is cut between characters,
    so nothing ever runs past the edge of the terminal."""
    lines: list[str] = []
    for line in wrap_words(text, width) or [""]:
        while text_width(line) > width:
            cut, used = 0, 0
            for cut, character in enumerate(line):  # noqa: B007 - the index where the line is cut
                used += text_width(character)
                if used > width:
                    break
            lines.append(line[: max(cut, 1)])
            line = line[max(cut, 1) :]
        lines.append(line)
    return lines


def _longest_word(text: str) -> int:
    return max((text_width(piece) for word in text.split() for piece in _segments(word)), default=0)


def _first_word(text: str) -> int:
    words = text.split()
    return text_width(words[0]) if words else 0


def natural_widths(block: TableBlock) -> list[int]:
    rows = [block.headers, *block.rows, *([block.footer] if block.footer is not None else [])]
    return [max(text_width(cell) for cell in column) for column in zip(*rows, strict=True)]


def _row_width(widths: Sequence[int]) -> int:
    return sum(widths) + len(GAP) * (len(widths) - 1)


def fitted_widths(block: TableBlock, width: int) -> list[int] | None:
    """Column widths that fit ``width``, or None when only a stacked layout fits."""
    natural = natural_widths(block)
    if _row_width(natural) <= width:
        return natural
    body = [*block.rows, *([block.footer] if block.footer is not None else [])]
    columns = list(zip(*body, strict=True)) if body else [() for _ in block.headers]
    # every column may wrap down to its longest word; when that is still too wide, a figure column down to its
    # figures (a cell's first word, "$1,200,000"), so a figure is never broken while a note beside it
    # ("3 (single-threaded)") wraps under it
    minimums = [
        max(_longest_word(header), max((_longest_word(cell) for cell in cells), default=0))
        for header, cells in zip(block.headers, columns, strict=True)
    ]
    if _row_width(minimums) > width:
        minimums = [
            max(_longest_word(header), max((_first_word(cell) for cell in cells), default=0))
            if index in block.right_aligned
            else minimums[index]
            for index, (header, cells) in enumerate(zip(block.headers, columns, strict=True))
        ]
    if _row_width(minimums) > width:
        return None
    # share what is left among the columns that want more: first so that cells need not wrap, then so that
    # headers need not; each in proportion to what each column still wants
    widths = list(minimums)
    cells_natural = [max((text_width(cell) for cell in cells), default=0) for cells in columns]
    for target in ([max(pair) for pair in zip(minimums, cells_natural, strict=True)], natural):
        spare = width - _row_width(widths)
        wants = [max(target[index] - widths[index], 0) for index in range(len(widths))]
        total_want = sum(wants)
        if not total_want or spare <= 0:
            continue
        if total_want <= spare:
            widths = [current + want for current, want in zip(widths, wants, strict=True)]
        else:
            widths = [current + want * spare // total_want for current, want in zip(widths, wants, strict=True)]
    return widths


def table_lines(
    block: TableBlock, width: int | None = None, colour: Colour | None = None, bold: Colour | None = None
) -> list[str]:
    """The table as lines, fitted to ``width`` cells (None: its natural width)."""
    laid, widths = layout(block, width)
    if widths is None:
        assert width is not None
        return stacked_lines(block, width, colour, bold)
    lines = head_lines(laid, widths, width, bold)
    for cells in laid.rows:
        lines += _row_lines(cells, widths, laid.right_aligned, colour)
    return lines + footer_lines(laid, widths, bold)


def layout(block: TableBlock, width: int | None) -> tuple[TableBlock, list[int] | None]:
    """The block as laid out in ``width`` cells (None: its natural width): with its short headers when the full
    ones would make it wider, and its column widths; None when the columns do not fit (the rows are stacked)."""
    short = block.short_headers
    if width is not None and short and len(short) == len(block.headers) and _row_width(natural_widths(block)) > width:
        block = dataclasses.replace(block, headers=short)
    return block, natural_widths(block) if width is None else fitted_widths(block, width)


def head_lines(block: TableBlock, widths: Sequence[int], width: int | None, bold: Colour | None) -> list[str]:
    """The title, the headers and the rule under them."""
    lines = _title_lines(block.title, width, bold)
    lines += _row_lines(block.headers, widths, block.right_aligned, None)
    lines.append(GAP.join(RULE * column for column in widths))
    return lines


def footer_lines(block: TableBlock, widths: Sequence[int], bold: Colour | None) -> list[str]:
    """The rule above the footer and the footer (in bold when asked), or nothing without one."""
    if block.footer is None:
        return []
    footer = _row_lines(block.footer, widths, block.right_aligned, None)
    return [GAP.join(RULE * column for column in widths), *([bold(line) for line in footer] if bold else footer)]


def _row_lines(cells: Sequence[str], widths: Sequence[int], right: frozenset[int], colour: Colour | None) -> list[str]:
    if all(text_width(cell) <= column for cell, column in zip(cells, widths, strict=True)):
        padded = [
            _pad(cell, column, index in right) for index, (cell, column) in enumerate(zip(cells, widths, strict=True))
        ]
        if colour is not None:
            padded = [
                piece.replace(cell, colour(cell)) if cell else piece for piece, cell in zip(padded, cells, strict=True)
            ]
        return [GAP.join(padded).rstrip()]
    wrapped = [_hard_wrap(cell, column) for cell, column in zip(cells, widths, strict=True)]
    height = max(len(parts) for parts in wrapped)
    lines = []
    for line in range(height):
        pieces = []
        for index, (parts, column) in enumerate(zip(wrapped, widths, strict=True)):
            part = parts[line] if line < len(parts) else ""
            piece = _pad(part, column, index in right)
            pieces.append(piece.replace(part, colour(part)) if colour is not None and part else piece)
        lines.append(GAP.join(pieces).rstrip())
    return lines


def stacked_lines(block: TableBlock, width: int, colour: Colour | None = None, bold: Colour | None = None) -> list[str]:
    """One record per row: ``Header  value`` a line, values wrapped beside the headers, a blank line between."""
    label_width = min(max(text_width(header) for header in block.headers), width // 2)
    value_width = max(width - label_width - len(GAP), 1)
    lines = _title_lines(block.title, width, bold)
    records = [*block.rows, *([block.footer] if block.footer is not None else [])]
    for number, cells in enumerate(records):
        if number or block.title:
            lines.append("")
        for header, cell in zip(block.headers, cells, strict=True):
            labels = _hard_wrap(header, label_width)
            parts = _hard_wrap(cell, value_width)
            for index in range(max(len(labels), len(parts))):
                part = parts[index] if index < len(parts) else ""
                label = _pad(labels[index] if index < len(labels) else "", label_width, False)
                shown = colour(part) if colour is not None and part else part
                lines.append(f"{label}{GAP}{shown}".rstrip())
    return lines


def _title_lines(title: str, width: int | None, bold: Colour | None) -> list[str]:
    if not title:
        return []
    lines = _hard_wrap(title, width) if width is not None else [title]
    return [bold(line) for line in lines] if bold else lines


# ---------------------------------------------------------------------------------------------- colour

_ANSI = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "dim": "2"}
_WORD_STYLES = {
    "Strategic": ("bold", "green"),
    "Key": ("yellow",),
    "Standard": ("dim",),
    "error": ("bold", "red"),
    "warning": ("yellow",),
}
_CODE = re.compile(r"SAM\d{3}")


def ansi(text: str, *styles: str) -> str:
    return f"\x1b[{';'.join(_ANSI[style] for style in styles)}m{text}\x1b[0m"


def highlight(text: str) -> str:
    """Colour a cell that is a tier, a severity or a rule code (ruff-like); anything else as it is."""
    styles = _WORD_STYLES.get(text)
    if styles is not None:
        return ansi(text, *styles)
    if _CODE.fullmatch(text):
        return ansi(text, "bold", "red")
    return text


def embolden(text: str) -> str:
    return ansi(text, "bold")
