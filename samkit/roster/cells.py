"""Roster cells: what is blank, points, ARR, band points, and the exact scaled integers of the columnar reader."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from samkit.config import Band
from samkit.plan.currency import other_currency
from samkit.plan.values import parse_money

# What counts as an empty cell; NO-BREAK SPACE too, because spreadsheets pad cells with it.
BLANK = " \t\u00a0"
POINTS_RANGE = "0-10"
# What a spreadsheet runs as a formula when a cell starts with it (CSV output neutralises such cells).
FORMULA_START = "=+-@\t\r"
FORMULA_PATTERN = r"^[=+\-@\t\r]"

_POINTS_RE = re.compile(r"[ \t\u00a0]*([+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))[ \t\u00a0]*")


@dataclass(frozen=True)
class RowProblem:
    """One invalid cell or row, at its physical line (and field number, when it is about one cell)."""

    line: int
    column: int | None
    message: str

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}:{self.column}" if self.column is not None else f"{path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class DimensionSource:
    """Where a dimension's points come from: its own column of points, or a raw column and bands."""

    dimension: str
    index: int
    header: str
    band: Band | None = None


# ---------------------------------------------------------------------------------------------- cells


def is_blank(cell: str) -> bool:
    return not cell.strip(BLANK)


def parse_points(cell: str) -> Decimal:
    """``8``, ``7.5``, ``7,5`` (decimal comma), `` 10 `` → points from 0 to 10; ValueError says what is wrong."""
    if is_blank(cell):
        raise ValueError("missing value")
    match = _POINTS_RE.fullmatch(cell)
    if match is None:
        raise ValueError(f"{cell.strip(BLANK)!r} is not a number of points ({POINTS_RANGE})")
    points = Decimal(match[1].replace(",", "."))
    if not Decimal(0) <= points <= Decimal(10):
        raise ValueError(f"{match[1]} is outside {POINTS_RANGE}")
    return abs(points)  # "-0" is 0: no sign carried into the output


def parse_arr(cell: str, currency: str | None = None) -> Decimal | None:
    """Money form (``$850K``, ``1,250,000``); None for an empty cell. With the program's ``currency``, a sign
    of another currency (``€1.2M`` in USD) is a ValueError, as for a plan's money (SAM312)."""
    if is_blank(cell):
        return None
    if currency is not None and (problem := other_currency(cell, currency)) is not None:
        raise ValueError(problem)
    return parse_money(cell)


def band_points(band: Band, value: Decimal) -> Decimal:
    points = band.points_for(value)
    if points is None:
        raise ValueError(f"{value} is below the lowest band minimum ({band.bands[-1][0]}); add a band with minimum 0")
    return points


def source_points(source: DimensionSource, cell: str, currency: str | None = None) -> Decimal:
    if source.band is None:
        return parse_points(cell)
    value = parse_arr(cell, currency)
    if value is None:
        raise ValueError("missing value")
    return band_points(source.band, value)


def decimal_digits(value: Decimal) -> int:
    """How many digits after the point ``value`` needs (``8.50`` → 1, ``10`` → 0)."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def ceil_scaled(value: Decimal, scale: int) -> int:
    """``ceil(value × 10**scale)`` exactly: the least integer that reaches a scaled threshold."""
    return int(value.scaleb(scale).to_integral_value(rounding=ROUND_CEILING))


def weight_scale(weights: Iterable[Decimal]) -> int:
    return max((decimal_digits(weight) for weight in weights), default=0)
