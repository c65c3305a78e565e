"""The pure-Python ``csv`` reader: reads any roster and reports every bad row by its physical line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from samkit.config import ScoringConfig
from samkit.fileio.delimited import detect_delimiter
from samkit.roster.cells import BLANK, RowProblem, is_blank, parse_arr, source_points
from samkit.roster.layout import (
    ProgressCallback,
    RosterError,
    RosterLayout,
    content_line,
    resolve_layout,
)


@dataclass(frozen=True)
class RosterRow:
    line: int
    cells: tuple[str, ...]
    account: str
    points: dict[str, Decimal]
    arr: Decimal | None


@dataclass(frozen=True)
class RowsRead:
    """The pure-Python reader's result: the valid rows, and every problem found."""

    layout: RosterLayout
    rows: list[RosterRow]
    problems: list[RowProblem]


def read_rows(
    text: str,
    forced: str | None,
    scoring: ScoringConfig,
    path: str,
    progress: ProgressCallback | None,
    currency: str | None = None,
) -> RowsRead:
    delimiter = forced or detect_delimiter(content_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    total_lines = text.count("\n") + 1
    layout: RosterLayout | None = None
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    cache: dict[tuple[int, str], Decimal | str] = {}
    for count, (start, end, record) in enumerate(_records(reader)):
        if isinstance(record, RowProblem):
            problems.append(record)
            break
        if all(is_blank(cell) for cell in record):
            continue
        if layout is None:
            layout = resolve_layout(record, delimiter, scoring, path, start, currency)
            continue
        row = _row(layout, start, end, record, cache, problems)
        if row is not None:
            rows.append(row)
        if progress is not None and count % 20_000 == 0:
            progress("reading", end, total_lines)
    if layout is None:
        raise RosterError(f"{path}: the roster is empty; expected a header line naming the columns")
    return RowsRead(layout, rows, problems)


def _records(reader: Any) -> Iterator[tuple[int, int, list[str] | RowProblem]]:
    """Each record with the physical lines it starts and ends on; a csv error ends reading with a problem."""
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            record: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, start, RowProblem(start, None, f"cannot read this row: {error}")
            return
        previous_end = reader.line_num
        yield start, previous_end, record


def _row(
    layout: RosterLayout,
    start: int,
    end: int,
    record: list[str],
    cache: dict[tuple[int, str], Decimal | str],
    problems: list[RowProblem],
) -> RosterRow | None:
    width = len(layout.header)
    if len(record) != width:
        spans = f"; the row runs from line {start} to {end}: is a closing quote missing?" if end > start else ""
        problems.append(RowProblem(start, None, f"{len(record)} fields, but the header has {width}{spans}"))
        return None
    before = len(problems)
    account = record[layout.account].strip(BLANK)
    if not account:
        problems.append(RowProblem(start, layout.account + 1, f"{layout.label(layout.account)}: missing value"))
    arr: Decimal | None = None
    if layout.arr is not None:
        try:
            arr = parse_arr(record[layout.arr], layout.currency)
        except ValueError as error:
            problems.append(RowProblem(start, layout.arr + 1, f"{layout.label(layout.arr)}: {error}"))
    points: dict[str, Decimal] = {}
    for source in layout.sources:
        cell = record[source.index]
        parsed = cache.get((source.index, cell))
        if parsed is None:
            try:
                parsed = source_points(source, cell, layout.currency)
            except ValueError as error:
                parsed = str(error)
            if len(cache) < 100_000:  # points repeat a lot; bound the memory for rosters where they do not
                cache[(source.index, cell)] = parsed
        if isinstance(parsed, str):
            problem = RowProblem(start, source.index + 1, f"{source.header}: {parsed}")
            # the ARR column can also be a band column: one bad cell, one report
            if problem not in problems[before:]:
                problems.append(problem)
        else:
            points[source.dimension] = parsed
    if len(problems) > before:
        return None
    return RosterRow(start, tuple(record), account, points, arr)
