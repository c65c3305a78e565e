"""ARR and other money columns as exact integers, column-wise: the columnar reader's ``values.parse_money``."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from samkit.plan.values import parse_money

if TYPE_CHECKING:
    import polars as pl

_MONEY_PATTERN = (
    r"^[ \t]*[$€£]?[ \t]*(?:(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?|\.(?P<frac_only>[0-9]+))"
    r"[ \t]*(?P<suffix>[kKmMbB])?[ \t]*$"
)
_MONEY_NOISE = [" ", "\t", "$", "€", "£", ","]  # what _MONEY_PATTERN allows around and between the digits
_SUFFIX_DIGITS = {"k": 3, "K": 3, "m": 6, "M": 6, "b": 9, "B": 9}
_POWERS_OF_TEN = {exponent: 10**exponent for exponent in range(19)}
_WHOLE_NUMBER = r"^[0-9]{1,12}$"  # below 10**12: as millionths still inside Int64
PART_ROWS = 125_000  # money cells parsed at a time: their temporary text columns stay a few MB


def money_micro_parts(cells: pl.Series, pool: Executor, parts: int) -> Callable[[], pl.Series | None]:
    """``money_micro`` of ``cells`` cut into at least ``parts`` pieces (more for a long column), each on
    ``pool``; the call that comes back waits for them and joins them (one chunk), or gives None if any piece
    is not money."""
    import polars as pl

    parts = max(parts, -(-cells.len() // PART_ROWS))
    size = -(-cells.len() // max(1, parts)) or 1
    futures = [pool.submit(money_micro, cells.slice(start, size)) for start in range(0, max(cells.len(), 1), size)]

    def joined() -> pl.Series | None:
        pieces = [future.result() for future in futures]
        if any(piece is None for piece in pieces):
            return None
        return pl.concat([piece for piece in pieces if piece is not None], rechunk=True)

    return joined


def money_micro(cells: pl.Series) -> pl.Series | None:
    """Money cells as exact integer millionths (null when blank); None when some value is not money.

    Whole numbers of up to 12 digits (what most CRM exports write) are read as integers at once; other plain
    ASCII forms are converted column-wise; anything else (Unicode digits or spaces, very long numbers) goes
    through ``values.parse_money`` one distinct value at a time, so both readers agree to the cent.
    """
    import polars as pl

    whole = cells.str.contains(_WHOLE_NUMBER)
    wholes = whole.sum()
    if not wholes:
        return _money_forms(cells)
    direct = pl.select(pl.when(whole).then(cells.str.to_integer(strict=False) * 10**6)).to_series().alias(cells.name)
    if wholes == cells.len():
        return direct
    others = _money_forms(cells.filter(~whole))
    return None if others is None else direct.scatter((~whole).arg_true(), others)


def _money_forms(cells: pl.Series) -> pl.Series | None:
    import polars as pl

    # `$1,234.5K` → digits 12345, one decimal, suffix K: millionths = 12345 × 10**(6 + 3 - 1)
    valid = cells.str.contains(_MONEY_PATTERN)
    compact = cells.str.replace_many(_MONEY_NOISE, [""] * len(_MONEY_NOISE))  # literal: faster than a regex
    suffixed: Any = pl
    for suffix, suffix_digits in _SUFFIX_DIGITS.items():
        suffixed = suffixed.when(pl.lit(compact).str.ends_with(suffix)).then(suffix_digits)
    shift = pl.select(suffixed.otherwise(0).cast(pl.Int64)).to_series()
    number = compact.str.strip_chars_end("kKmMbB")
    point = number.str.find(".", literal=True).cast(pl.Int64)
    decimals = (number.str.len_bytes().cast(pl.Int64) - point - 1).fill_null(0)
    digits = number.str.replace(".", "", literal=True)
    exponent = shift - decimals + 6
    # whole millionths below 10**18; anything else is left to parse_money below
    fits = valid & (exponent >= 0) & (digits.str.len_bytes().cast(pl.Int64) + exponent <= 18)
    scale = exponent.replace_strict(_POWERS_OF_TEN, default=0, return_dtype=pl.Int64)
    micro: pl.Series = pl.select(pl.when(fits).then(digits.str.to_integer(strict=False) * scale)).to_series()
    micro = micro.alias(cells.name)  # null when blank, as no blank cell fits
    unfit = cells.filter(~fits).unique()
    others = unfit.filter(~unfit.str.contains(r"^[ \t\u00a0]*$")).to_list()  # blank cells stay null
    if others:
        mapping: dict[str, int] = {}
        for cell in others:
            try:
                value = parse_money(cell)
            except ValueError:
                return None
            scaled = value.scaleb(6)
            if scaled != scaled.to_integral_value() or scaled >= 2**63:
                return None
            mapping[cell] = int(scaled)
        fallback = cells.replace_strict(list(mapping), list(mapping.values()), default=None, return_dtype=pl.Int64)
        micro = pl.select(pl.when(fits).then(micro).otherwise(fallback)).to_series().alias(cells.name)
    return micro
