"""The statistics of ``samkit backtest``: Spearman's ρ with average ranks, churn AUC, a seeded bootstrap.

Values are ranked through *dense keys* (each distinct value replaced by its place among the distinct values,
0, 1, 2, ...), so every statistic works on integers: twice an average rank is an integer, and the sums of
ρ's numerator and denominators are exact. Only the final division and square root are floating point, the
same operations in the same order on every run, so the same inputs give the same bytes.
"""

from __future__ import annotations

import math
import random
import struct
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from operator import mul
from typing import Any

RESAMPLES = 1000  # bootstrap resamples: enough for a 95% percentile interval to two decimals
BOOTSTRAP_SEED = 27  # fixed, so an interval is the same on every run (the number)
CONFIDENCE = Fraction(95, 100)

_THREE_DECIMALS = Decimal("0.001")


def dense_keys(values: Sequence[Any]) -> tuple[list[int], int]:
    """Each value's place among the distinct values (equal values share a key), and how many there are."""
    distinct = sorted(set(values))
    place = {value: index for index, value in enumerate(distinct)}
    return [place[value] for value in values], len(distinct)


def doubled_centred_ranks(keys: Sequence[int], distinct: int, weights: Sequence[int] | None = None) -> list[int]:
    """For each key, 2 × (its average rank − the mean rank), an integer; ``weights`` counts each position
    that many times (a bootstrap resample), so tied copies share their average rank as ties do."""
    counts = [0] * distinct
    if weights is None:
        for key in keys:
            counts[key] += 1
    else:
        for key, weight in zip(keys, weights, strict=True):
            counts[key] += weight
    total = sum(counts)
    doubled_rank = [0] * distinct
    below = 0
    for key, count in enumerate(counts):
        # ranks below+1 .. below+count share (2·below + count + 1) / 2; doubled, minus the doubled mean n + 1
        doubled_rank[key] = 2 * below + count + 1 - (total + 1)
        below += count
    return [doubled_rank[key] for key in keys]


def rank_correlation(
    x_keys: Sequence[int], x_distinct: int, y_keys: Sequence[int], y_distinct: int, weights: Sequence[int] | None = None
) -> float | None:
    """Spearman's ρ (Pearson's correlation of average ranks) of two keyed samples; None when either is constant."""
    a = doubled_centred_ranks(x_keys, x_distinct, weights)
    b = doubled_centred_ranks(y_keys, y_distinct, weights)
    if weights is None:
        sxy, sxx, syy = sum(map(mul, a, b)), sum(map(mul, a, a)), sum(map(mul, b, b))
    else:
        weighted_a = list(map(mul, weights, a))
        sxy, sxx, syy = (
            sum(map(mul, weighted_a, b)),
            sum(map(mul, weighted_a, a)),
            sum(map(mul, map(mul, weights, b), b)),
        )
    if sxx == 0 or syy == 0:
        return None
    return float(sxy / math.sqrt(sxx * syy))


def spearman(xs: Sequence[Any], ys: Sequence[Any]) -> float | None:
    """Spearman's ρ between two equally long samples with average ranks for ties; None below 2 or when constant."""
    if len(xs) < 2:
        return None
    x_keys, x_distinct = dense_keys(xs)
    y_keys, y_distinct = dense_keys(ys)
    return rank_correlation(x_keys, x_distinct, y_keys, y_distinct)


def churn_auc(scores: Sequence[Any], churned: Sequence[bool]) -> Fraction | None:
    """P(a retained account scored higher than a churned one) + ½ P(equal), exactly (Mann-Whitney U over
    the product of the group sizes); None without both a retained and a churned account."""
    keys, distinct = dense_keys(scores)
    n = len(keys)
    doubled = doubled_centred_ranks(keys, distinct)  # 2·rank − (n + 1), so 2·rank = doubled + n + 1
    retained = [value + n + 1 for value, gone in zip(doubled, churned, strict=True) if not gone]
    kept, lost = len(retained), n - len(retained)
    if kept == 0 or lost == 0:
        return None
    rank_sum = Fraction(sum(retained), 2)
    return (rank_sum - Fraction(kept * (kept + 1), 2)) / (kept * lost)


def three_decimals(value: float | Fraction | None) -> Decimal | None:
    """A correlation or an AUC as shown: three decimals, half-up (from the value's exact binary or rational form)."""
    if value is None:
        return None
    exact = Decimal(value) if isinstance(value, float) else Decimal(value.numerator) / Decimal(value.denominator)
    return without_sign_on_zero(exact.quantize(_THREE_DECIMALS, rounding=ROUND_HALF_UP))


def without_sign_on_zero(value: Decimal) -> Decimal:
    """``-0.000`` (a tiny negative value rounded) as ``0.000``: a sign on zero would read as a finding."""
    return value.copy_abs() if value.is_zero() else value


@dataclass(frozen=True)
class Interval:
    """A 95% percentile interval from the bootstrap (None: too few resamples where the figure exists)."""

    low: float
    high: float


def percentile_interval(values: list[float], confidence: Fraction = CONFIDENCE) -> Interval | None:
    """The nearest-rank percentiles (1 − c)/2 and (1 + c)/2 of ``values``: with 1,000 values, the 25th and
    975th smallest."""
    if len(values) < 2:
        return None
    ordered = sorted(values)
    tail = (1 - confidence) / 2
    low_rank = max(1, math.ceil(tail * len(ordered)))
    high_rank = math.ceil((1 - tail) * len(ordered))
    return Interval(ordered[low_rank - 1], ordered[high_rank - 1])


Statistic = Callable[[Sequence[int]], float | None]  # a figure of one resample, from its draw counts


def bootstrap(
    size: int, statistics: dict[Hashable, Statistic], resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> dict[Hashable, Interval | None]:
    """Resample ``size`` accounts with replacement ``resamples`` times (seeded), compute each statistic on the
    resample's counts per account (``weights[i]``: how often account ``i`` was drawn) and return its 95%
    interval. A resample where a statistic does not exist (no strategic account drawn, ranks all tied) is
    left out of that statistic's interval only."""
    generator = random.Random(seed)
    drawn: dict[Hashable, list[float]] = {name: [] for name in statistics}
    unpack = struct.Struct(f"<{size}I").unpack
    for _ in range(resamples):
        weights = [0] * size
        # an account per draw: a 32-bit random number times ``size``, shifted down (Lemire's multiply-shift;
        # its bias, size / 2**32, is far below anything a 95% interval shows), from bytes read little-endian
        # so every machine draws the same accounts
        for number in unpack(generator.randbytes(4 * size)):
            weights[(number * size) >> 32] += 1
        for name, statistic in statistics.items():
            value = statistic(weights)
            if value is not None:
                drawn[name].append(value)
    return {name: percentile_interval(values) for name, values in drawn.items()}
