"""Which character separates a CSV file's cells: the one fact the roster reader and every import share.

A CRM writes commas; the same export opened and saved again by a spreadsheet in a European locale has
semicolons (and ``1.234,50`` amounts, which the readers handle on their own); a copy from a spreadsheet
has tabs. The header line decides: the most frequent of ``,`` ``;`` and tab outside quotes, ``,`` on a tie
or when it has none.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import TextIO

DETECTED_DELIMITERS: tuple[str, ...] = (",", ";", "\t")

_QUOTED_SPAN_RE = re.compile(r'"(?:[^"]|"")*"')


def detect_delimiter(header_line: str) -> str:
    """The most frequent of ``,`` ``;`` tab outside quotes in the header line (``,`` on a tie or when none)."""
    unquoted = _QUOTED_SPAN_RE.sub("", header_line)
    count, candidate = max((unquoted.count(each), -rank) for rank, each in enumerate(DETECTED_DELIMITERS))
    return DETECTED_DELIMITERS[-candidate] if count else ","


def delimited_rows(handle: TextIO) -> Iterator[list[str]]:
    """``csv.reader`` over ``handle`` (a text file opened with ``newline=""``, at its start) with the
    delimiter its first line uses; the reader's ``line_num`` counts from the file's first line."""
    first = handle.readline()
    handle.seek(0)
    return csv.reader(handle, delimiter=detect_delimiter(first))
