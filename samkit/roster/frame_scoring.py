"""Scoring a roster the columnar reader read: exact integer arithmetic on every row at once, with the same
rounding and tiers as ``analysis.scoring`` applies to one account."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from samkit.analysis.scoring import KEY, STANDARD, STRATEGIC, TIERS
from samkit.config import DIMENSIONS, ScoringConfig
from samkit.roster.reader import FrameRead, ceil_scaled, weight_scale
from samkit.roster.scoring import RosterSummary, ScoredRoster, thresholds_of

if TYPE_CHECKING:
    import polars as pl

_ARR_SPLIT = 10**9
_TEXT_TABLE_MAX = 100_000  # tenths of the highest score whose text is looked up (weights can exceed 100)


def score_frame(path: str, read: FrameRead, scoring: ScoringConfig) -> ScoredRoster:
    import polars as pl

    thresholds = thresholds_of(scoring)
    points_scale = read.points_scale
    weights_scale = weight_scale(scoring.weights.values())
    score_scale = points_scale + weights_scale + 1
    # Σ weight × points, one dimension at a time: a sum over all at once would hold every product at once
    score = pl.lit(0, dtype=pl.Int64)
    for name in DIMENSIONS:
        score = score + pl.col(f"p_{name}").cast(pl.Int64) * int(scoring.weights[name].scaleb(weights_scale))
    strategic = ceil_scaled(thresholds.strategic, score_scale)
    key = ceil_scaled(thresholds.key, score_scale)
    # one decimal, half up, from the exact integer: tenths = floor(score × 10 + 1/2); but a shown score never
    # crosses a threshold the exact one is below (or at or above): then it is cut down (or up) instead.
    # Each step is its own column: the eager engine would otherwise compute a shared subexpression again
    # wherever it is used.
    unit = 10 ** (score_scale - 1)
    exact = pl.col("score_scaled")
    half_up = pl.col("_half_up")
    crossed_up = pl.lit(False)
    crossed_down = pl.lit(False)
    for threshold in (strategic, key):
        crossed_up = crossed_up | ((exact < threshold) & (half_up * unit >= threshold))
        crossed_down = crossed_down | ((exact >= threshold) & (half_up * unit < threshold))
    tenths = pl.when(crossed_up).then(exact // unit).when(crossed_down).then(-((-exact) // unit)).otherwise(half_up)
    # 0 strategic, 1 key, 2 standard, then the tier looked up by that number: no text made per row
    tier_index = 2 - (exact >= key).cast(pl.UInt32) - (exact >= strategic).cast(pl.UInt32)

    # computed on the points alone, then put beside the roster: the roster's text columns come in the pieces
    # polars read them in, and every expression over the whole frame would first line its columns up
    points = read.frame.select([f"p_{name}" for name in DIMENSIONS])
    scores = (
        points.select(score.alias("score_scaled"))
        .with_columns(((exact * 2 + unit) // (2 * unit)).alias("_half_up"))
        .select(exact, tier_index.alias("_tier"), tenths.alias("_tenths"))
    )
    by_index = pl.Series("tier", [STRATEGIC, KEY, STANDARD], dtype=pl.Enum(list(TIERS)))
    tiers = by_index.gather(scores.get_column("_tier"))
    texts = _score_texts(scores.get_column("_tenths")).alias("score_text")
    frame = read.frame.hstack([scores.get_column("score_scaled"), tiers, texts])
    return ScoredRoster(
        path,
        read.layout,
        dict(scoring.weights),
        thresholds,
        _summary(frame),
        frame=frame,
        plain_columns=read.plain_columns,
        _score_scale=score_scale,
        _points_scale=points_scale,
        _weight_scale=weights_scale,
    )


def _summary(frame: pl.DataFrame) -> RosterSummary:
    import polars as pl

    counts = dict.fromkeys(TIERS, 0)
    arr: dict[str, Decimal] | None = dict.fromkeys(TIERS, Decimal(0)) if "arr_micro" in frame.columns else None
    aggregates = [pl.len().alias("accounts")]
    if arr is not None:
        # summed in two exact Int64 halves: one Int64 sum of a million large amounts could overflow
        aggregates += [
            (pl.col("arr_micro") // _ARR_SPLIT).sum().alias("high"),
            (pl.col("arr_micro") % _ARR_SPLIT).sum().alias("low"),
        ]
    for row in frame.group_by("tier").agg(aggregates).iter_rows(named=True):
        counts[row["tier"]] = row["accounts"]
        if arr is not None:
            arr[row["tier"]] = Decimal(row["high"] * _ARR_SPLIT + row["low"]).scaleb(-6)
    return RosterSummary(counts, arr)


def _score_texts(tenths: pl.Series) -> pl.Series:
    """``12.3`` for 123 tenths. Scores run from 0 to 100 as a rule: each text is then looked up, not built."""
    import polars as pl

    lowest, highest = tenths.min(), tenths.max()
    if isinstance(lowest, int) and isinstance(highest, int) and lowest >= 0 and highest <= _TEXT_TABLE_MAX:
        return pl.Series([f"{value // 10}.{value % 10}" for value in range(highest + 1)]).gather(tenths)
    return pl.select((tenths // 10).cast(pl.String) + "." + (tenths % 10).cast(pl.String)).to_series()
