"""Which character separates a CSV file's cells: the one fact the roster reader and every import share.

A CRM writes commas; the same export opened and saved again by a spreadsheet in a European locale has
semicolons (and ``1.234,50`` amounts, which the readers handle on their own); a copy from a spreadsheet
has tabs. The header line decides: the most frequent of ``,`` ``;`` and tab outside quotes, ``,`` on a tie
or when it has none.

A quoted cell that is never closed (``"Call with Ann,2026-11-03`` and no closing quote) would make the csv
module read the rest of the file, quietly, as the text of that one cell; the reader here stops with a
``csv.Error`` instead, and ``quote_left_open`` says where that quote opens.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TextIO

DETECTED_DELIMITERS: tuple[str, ...] = (",", ";", "\t")

_QUOTED_SPAN_RE = re.compile(r'"(?:[^"]|"")*"')


def detect_delimiter(header_line: str) -> str:
    """The most frequent of ``,`` ``;`` tab outside quotes in the header line (``,`` on a tie or when none)."""
    unquoted = _QUOTED_SPAN_RE.sub("", header_line)
    count, candidate = max((unquoted.count(each), -rank) for rank, each in enumerate(DETECTED_DELIMITERS))
    return DETECTED_DELIMITERS[-candidate] if count else ","


# The line the reader is given after a file's last one. Between two records (a file whose quotes all close)
# it reads as a record of one blank cell, which every reader skips as it skips a blank line. Inside a quoted
# cell (the file ended in one) its quote closes the cell, and the carriage return then stops the csv module
# with a ``csv.Error`` ("new-line character seen in unquoted field"), which a line of the file itself never
# does: read with ``newline=""``, a line has a carriage return only at its end. The csv module alone would
# return that cell, the rest of the file as its text, as the last row. One more line for the reader to take,
# not a look at every line: the rows are read at the csv module's own speed.
_END_LINE = '"\r '


def delimited_rows(handle: TextIO) -> Iterator[list[str]]:
    """``csv.reader`` over ``handle`` (a text file opened with ``newline=""``, at its start) with the
    delimiter its first line uses; the reader's ``line_num`` counts from the file's first line.

    The last row is a blank one (after the file's own rows); a ``csv.Error`` from the reader may be a quoted
    cell still open at the end of the file (``quote_left_open`` tells)."""
    first = handle.readline()
    handle.seek(0)
    lines = chain(handle, (_END_LINE,)) if first else handle  # an empty file has no row: the caller says so
    return csv.reader(lines, delimiter=detect_delimiter(first))


class RecordError(Exception):
    """The reader's ``csv.Error`` in the record that starts on line ``start`` (the header's: 1)."""

    def __init__(self, start: int, error: csv.Error) -> None:
        super().__init__(str(error))
        self.start = start


def quote_left_open(handle: TextIO, start: int) -> tuple[int, int] | None:
    """Where the quoted cell opens (line and column, in characters, both from 1) that the record starting on
    line ``start`` leaves open at the end of the file, or None when that record ends (the reader's error was
    another one: a cell over the size limit). ``handle`` is the file ``delimited_rows`` read: it is read again,
    from its start to find the delimiter and from that line on, only when reading it failed."""
    handle.seek(0)
    delimiter = detect_delimiter(handle.readline())
    handle.seek(0)
    try:
        found = _open_quote(islice(handle, start - 1, None), delimiter)
    except UnicodeDecodeError:  # past where the reader stopped: the file is not text there
        return None
    return None if found is None else (start + found[0], found[1] + 1)


def _open_quote(lines: Iterable[str], delimiter: str) -> tuple[int, int] | None:
    """The (line from 0, column from 0) of the quote of a cell that one record, the first of ``lines``,
    leaves open when the lines run out; None when the record ends. Read as the csv module reads (not strict):
    ``""`` in a quoted cell is a quote, and text after a closing quote goes on with the cell, unquoted."""
    opened: tuple[int, int] | None = None  # the quote of the cell being read, while it is open
    at_start = True  # at the start of a cell (not inside an unquoted one)
    for number, line in enumerate(lines):
        end = len(line.rstrip("\r\n"))  # what follows ends the record, unless inside quotes
        position = 0
        while True:
            if opened is not None:
                quote = line.find('"', position)
                if quote < 0:
                    break  # the cell goes on with the line break and the next line
                after = line[quote + 1 : quote + 2]
                if after == '"':
                    position = quote + 2
                    continue
                opened = None
                if after == delimiter:
                    at_start, position = True, quote + 2
                elif quote + 1 >= end:
                    return None  # the quote closes the cell at the end of its line: the record ends
                else:
                    at_start, position = False, quote + 1
                continue
            if at_start:
                if position >= end:
                    return None
                if line[position] == '"':
                    opened, position = (number, position), position + 1
                    continue
            separator = line.find(delimiter, position, end)
            if separator < 0:
                return None  # an unquoted cell ends the line, and the record
            at_start, position = True, separator + 1
    return opened
