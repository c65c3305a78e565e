"""``score --format json`` and ``--format markdown`` for a roster the columnar reader read, built column-wise.

The per-account path (``score_out``) makes Python objects and Decimals for every account; here polars builds
each account's text for a slice of rows at once. The output is byte for byte the per-account one (tests check
both on hostile names): numbers use the same exact integer arithmetic, and names that need escaping (for
JSON a quote, backslash or control character; for Markdown anything outside a plain-ASCII whitelist) are
escaped by the same Python functions, once per distinct name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from samkit.output.jsonout import decimal_text
from samkit.output.markdown import escape_flat
from samkit.plan.dimensions import DIMENSIONS
from samkit.plan.values import MONEY_SIGN
from samkit.roster.cells import BLANK

if TYPE_CHECKING:
    import polars as pl

    from samkit.roster.scoring import ScoredRoster

SLICE_ROWS = 50_000  # rows turned into text at a time: a few MB of output, whatever the roster's size

# what json.dumps(ensure_ascii=False) escapes in a string
_JSON_SPECIAL = r'["\\\x00-\x1F]'
# names escape_flat leaves exactly as they are: ASCII letters, digits and harmless punctuation, single
# spaces inside, a letter first (no heading, list or quote marker) and no '#' (no closing heading sequence)
_PLAIN_INNER = r"A-Za-z0-9.,'()/:;!?%@\"\-"  # the same meaning in Python's and Rust's regex
MARKDOWN_PLAIN = rf"^[A-Za-z](?:[{_PLAIN_INNER} ]*[{_PLAIN_INNER}])?$"
_POINT_KEYS = [f'        "{name}": ' for name in DIMENSIONS]


def _exact_text(scaled: Any, scale: int) -> Any:
    """An exact integer count of 10**-scale as ``decimal_text`` writes the Decimal: ``2125``, 2 → ``21.25``;
    ``-500``, 3 → ``-0.5``; ``300``, 2 → ``3``."""
    import polars as pl

    magnitude = scaled.cast(pl.Int64).abs()
    if scale == 0:
        body = magnitude.cast(pl.String)
    else:
        unit = 10**scale
        whole = (magnitude // unit).cast(pl.String)
        fraction = (magnitude % unit).cast(pl.String).str.pad_start(scale, "0").str.strip_chars_end("0")
        body = pl.when(fraction == "").then(whole).otherwise(whole + "." + fraction)
    return pl.when(scaled < 0).then("-" + body).otherwise(body)


def _money_text(micro: Any) -> Any:
    """``format_money(Decimal(micro).scaleb(-6))`` column-wise: cents rounded half-up (away from zero),
    thousands grouped, cents shown only when there are any, ``-$`` below zero."""
    import polars as pl

    magnitude = micro.abs()
    whole_cents = magnitude // 10_000
    rest = magnitude % 10_000
    round_up = rest >= 5_000
    cents = whole_cents + round_up.cast(pl.Int64)
    dollars = (
        (cents // 100)
        .cast(pl.String)
        .str.reverse()
        .str.replace_all(r"([0-9]{3})", "${1},")
        .str.strip_chars_end(",")
        .str.reverse()
    )
    fraction = cents % 100
    money = MONEY_SIGN.get()  # the program's currency's, as format_money
    sign = pl.when((micro < 0) & (cents > 0)).then(pl.lit(f"-{money}")).otherwise(pl.lit(money))
    return (
        pl.when(fraction == 0)
        .then(sign + dollars)
        .otherwise(sign + dollars + "." + fraction.cast(pl.String).str.pad_start(2, "0"))
    )


def _escaped_names(names: pl.Series, needs: pl.Series, escaper: Any, plain: Any) -> pl.Series:
    """``names`` through ``escaper``: the ones flagged by ``needs`` one distinct value at a time in Python,
    the others by the ``plain`` expression (what the escaper makes of them)."""
    import polars as pl

    special = names.filter(needs).unique().to_list()
    frame = pl.DataFrame({"name": names, "needs": needs})
    name = pl.col("name")
    if not special:
        return frame.select(plain(name)).to_series()
    mapping = {value: escaper(value) for value in special}
    return frame.select(pl.when(pl.col("needs")).then(name.replace(mapping)).otherwise(plain(name))).to_series()


def _names(frame: pl.DataFrame, roster: ScoredRoster) -> pl.Series:
    """Account names as ``AccountScore.account`` holds them (stripped of blanks)."""
    import polars as pl

    return frame.get_column(f"c{roster.layout.account}").cast(pl.String).str.strip_chars(BLANK)


def _contribution_columns(roster: ScoredRoster) -> list[Any]:
    import polars as pl

    scale = roster._points_scale + roster._weight_scale + 1
    columns = []
    for name in DIMENSIONS:
        weight = int(roster.weights[name].scaleb(roster._weight_scale))
        columns.append(_exact_text(pl.col(f"p_{name}").cast(pl.Int64) * weight, scale))
    return columns


def _point_texts(roster: ScoredRoster) -> list[Any]:
    """Each dimension's points as text: few distinct values, each written by ``decimal_text`` itself."""
    from decimal import Decimal

    import polars as pl

    assert roster.frame is not None
    columns = []
    for name in DIMENSIONS:
        values = roster.frame.get_column(f"p_{name}").unique().to_list()
        mapping = {value: decimal_text(Decimal(value).scaleb(-roster._points_scale)) for value in values}
        columns.append(pl.col(f"p_{name}").replace_strict(mapping, return_dtype=pl.String))
    return columns


def json_account_chunks(roster: ScoredRoster, explain: bool) -> Iterator[str]:
    """The accounts' part of ``score --format json``, in roster order: each account as ``_account_json``
    writes it, joined by ``,\\n    ``, a slice of rows per chunk."""
    import polars as pl

    assert roster.frame is not None
    with_arr = roster.summary.arr is not None
    points = pl.concat_str(
        [pl.lit(key) + text for key, text in zip(_POINT_KEYS, _point_texts(roster), strict=True)], separator=",\n"
    )
    parts: list[Any] = [
        pl.lit("{\n      " + '"account": '),
        pl.col("quoted"),
        pl.lit(',\n      "score": '),
        pl.col("score_text"),
        pl.lit(',\n      "tier": "'),
        pl.col("tier").cast(pl.String),
        pl.lit('",\n      "line": '),
        pl.col("line").cast(pl.String),
        pl.lit(',\n      "points": {\n'),
        points,
        pl.lit("\n      }"),
    ]
    if with_arr:
        arr = pl.col("arr_micro")
        parts += [
            pl.lit(',\n      "arr": '),
            pl.when(arr.is_null()).then(pl.lit("null")).otherwise(_exact_text(arr, 6)),
        ]
    if explain:
        body = pl.concat_str(
            [pl.lit(key) + text for key, text in zip(_POINT_KEYS, _contribution_columns(roster), strict=True)],
            separator=",\n",
        )
        parts += [pl.lit(',\n      "contributions": {\n'), body, pl.lit("\n      }")]
    parts.append(pl.lit("\n    }"))
    text = pl.concat_str(parts, separator="")
    separator = ""
    for start in range(0, roster.frame.height, SLICE_ROWS):
        piece = roster.frame.slice(start, SLICE_ROWS)
        names = _names(piece, roster)
        quoted = _escaped_names(
            names,
            names.str.contains(_JSON_SPECIAL),
            lambda value: json.dumps(value, ensure_ascii=False),
            lambda name: '"' + name + '"',
        )
        rows = piece.with_columns(quoted.alias("quoted")).select(text).to_series()
        yield separator + rows.str.join(",\n    ").item()
        separator = ",\n    "


def markdown_row_chunks(roster: ScoredRoster, explain: bool) -> Iterator[str]:
    """The ranked table rows of ``score --format markdown``, as ``_md_row(_table_cells(...))`` writes them,
    a slice of rows per chunk."""
    import polars as pl

    assert roster.frame is not None
    ranked = roster.frame.sort("score_scaled", descending=True, maintain_order=True)
    cells = _table_cells(roster, explain, pl.col("escaped"))
    row = pl.concat_str([pl.lit("| "), pl.concat_str(cells, separator=" | "), pl.lit(" |\n")], separator="")
    for start in range(0, ranked.height, SLICE_ROWS):
        piece = ranked.slice(start, SLICE_ROWS)
        names = _names(piece, roster)
        plain = names.str.contains(MARKDOWN_PLAIN) & ~names.str.contains("  ", literal=True)
        escaped = _escaped_names(names, ~plain, escape_flat, lambda name: name)
        rows = piece.with_columns(
            escaped.alias("escaped"), pl.int_range(start + 1, start + 1 + piece.height).alias("rank")
        )
        yield rows.select(row).to_series().str.join("").item()


def _table_cells(roster: ScoredRoster, explain: bool, name: Any) -> list[Any]:
    """The cells of a ranked table row as ``score_out._table_cells`` writes them, ``name`` for the account."""
    import polars as pl

    cells: list[Any] = [pl.col("rank").cast(pl.String), name, pl.col("score_text"), pl.col("tier").cast(pl.String)]
    if roster.summary.arr is not None:
        arr = pl.col("arr_micro")
        cells.append(pl.when(arr.is_null()).then(pl.lit("")).otherwise(_money_text(arr)))
    if explain:
        cells += _contribution_columns(roster)
    return cells


def table_row_frame(roster: ScoredRoster, explain: bool, limit: int | None) -> pl.DataFrame:
    """The ranked table for people (the top ``limit``; None: all) as text columns, cell by cell as
    ``score_table.table_cells`` writes them, the account name as it is (the caller makes it safe for a
    terminal). Only the columns the table shows are sorted and kept."""
    import polars as pl

    assert roster.frame is not None
    wanted = [f"c{roster.layout.account}", "score_scaled", "score_text", "tier"]
    wanted += [name for name in ("arr_micro",) if roster.summary.arr is not None]
    wanted += [f"p_{name}" for name in DIMENSIONS] if explain else []
    ranked = roster.frame.select(wanted).sort("score_scaled", descending=True, maintain_order=True)
    if limit is not None:
        ranked = ranked.head(limit)
    ranked = ranked.with_columns(
        _names(ranked, roster).alias("name_text"), pl.int_range(1, ranked.height + 1).alias("rank")
    )
    cells = _table_cells(roster, explain, pl.col("name_text"))
    return ranked.select(cell.alias(f"cell{index}") for index, cell in enumerate(cells))


def frame_row_batches(table: pl.DataFrame) -> Iterator[list[tuple[str, ...]]]:
    """The rows of ``table_row_frame`` as tuples of text, a slice at a time."""
    for start in range(0, table.height, SLICE_ROWS):
        yield table.slice(start, SLICE_ROWS).rows()
