"""The evidence and the verdict of ``samkit backtest``: NDR and GRR lift, Spearman's ρ overall and per dimension,
churn AUC, their 95% bootstrap intervals, and the issue's verdict rules (the cohort itself: ``backtest``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from operator import mul
from typing import TYPE_CHECKING, Any

from samkit.analysis.backtest_stats import (
    BOOTSTRAP_SEED,
    RESAMPLES,
    Interval,
    Statistic,
    bootstrap,
    churn_auc,
    dense_keys,
    rank_correlation,
    spearman,
    three_decimals,
    without_sign_on_zero,
)
from samkit.analysis.portfolio import one_decimal
from samkit.analysis.program_figures import fixed
from samkit.analysis.scoring import STRATEGIC
from samkit.config import DIMENSIONS

if TYPE_CHECKING:
    from samkit.analysis.backtest import CohortAccount, GroupOutcome

MIN_COHORT = 30  # fewer accounts in the cohort: figures shown, no verdict
MIN_GROUP = 5  # fewer strategic accounts, or fewer others: likewise


@dataclass(frozen=True)
class Estimate:
    """A figure and its 95% bootstrap interval, both as shown (None: the figure or the interval does not exist)."""

    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def interval_excludes_zero(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)

    def to_dict(self) -> dict[str, Any]:
        return {"value": fixed(self.value), "low": fixed(self.low), "high": fixed(self.high)}


def _lift_estimate(value: Decimal | None, interval: Interval | None) -> Estimate:
    if value is None or interval is None:
        return Estimate(value)
    low, high = (without_sign_on_zero(one_decimal(Decimal(bound))) for bound in (interval.low, interval.high))
    return Estimate(value, low, high)


def _rho_estimate(value: float | None, interval: Interval | None) -> Estimate:
    if value is None or interval is None:
        return Estimate(three_decimals(value))
    return Estimate(three_decimals(value), three_decimals(interval.low), three_decimals(interval.high))


@dataclass(frozen=True)
class Evidence:
    ndr_lift: Estimate  # percentage points
    grr_lift: Estimate
    spearman: Estimate
    spearman_by_dimension: dict[str, Decimal | None]
    churn_auc: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ndr_lift": self.ndr_lift.to_dict(),
            "grr_lift": self.grr_lift.to_dict(),
            "spearman": self.spearman.to_dict(),
            "spearman_by_dimension": {name: fixed(value) for name, value in self.spearman_by_dimension.items()},
            "churn_auc": fixed(self.churn_auc),
            "bootstrap": {"resamples": RESAMPLES, "seed": BOOTSTRAP_SEED, "confidence": 95},
        }


class Outcome(StrEnum):
    OUTPERFORM = "outperform"
    UNDERPERFORM = "underperform"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    TOO_FEW_ACCOUNTS = "too_few_accounts"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome.value, "text": self.text}


def points_text(value: Decimal | None) -> str:
    """``+4.2 pp``, ``-1.0 pp``, ``0.0 pp``: a lift with its sign."""
    if value is None:
        return "n/a"
    return f"{'+' if value > 0 else ''}{value:f} pp"


def verdict_for(cohort: int, strategic: int, others: int, evidence: Evidence) -> Verdict:
    """The issue's rules: outperform when both lifts are ≥ 0 and the NDR lift's interval excludes 0;
    underperform when that interval is entirely below 0; otherwise no clear difference. Too few accounts
    (under 30 in the cohort, or under 5 strategic or others): no verdict."""
    if cohort < MIN_COHORT or strategic < MIN_GROUP or others < MIN_GROUP:
        return Verdict(
            Outcome.TOO_FEW_ACCOUNTS,
            f"too few accounts to judge: {cohort} in the cohort ({MIN_COHORT} needed), {strategic} strategic and "
            f"{others} in other tiers ({MIN_GROUP} each needed); the figures are shown, without a verdict",
        )
    ndr, grr = evidence.ndr_lift, evidence.grr_lift
    lifts = f"NDR {points_text(ndr.value)}, GRR {points_text(grr.value)}"
    if (
        ndr.value is not None
        and grr.value is not None
        and ndr.value >= 0
        and grr.value >= 0
        and ndr.interval_excludes_zero
    ):
        return Verdict(Outcome.OUTPERFORM, f"strategic accounts outperform ({lifts})")
    if ndr.high is not None and ndr.high < 0:
        return Verdict(Outcome.UNDERPERFORM, f"strategic accounts underperform ({lifts})")
    return Verdict(
        Outcome.NO_CLEAR_DIFFERENCE, f"no clear difference between strategic accounts and the others ({lifts})"
    )


def _canonical(accounts: Sequence[CohortAccount]) -> list[CohortAccount]:
    """The accounts in an order that depends on their figures only, not their names: the bootstrap draws by
    position, so renaming accounts must not change an interval."""
    return sorted(
        accounts,
        key=lambda account: (
            account.score,
            account.starting_arr,
            account.ending_arr,
            account.churned,
            tuple(account.points[name] for name in DIMENSIONS),
        ),
    )


def gather_evidence(accounts: Sequence[CohortAccount], strategic: GroupOutcome, others: GroupOutcome) -> Evidence:
    ordered = _canonical(accounts)
    score_keys, score_distinct = dense_keys([account.score for account in ordered])
    ndr_keys, ndr_distinct = dense_keys([account.ndr for account in ordered])
    is_strategic = [account.tier == STRATEGIC for account in ordered]
    start = [float(account.starting_arr) for account in ordered]
    end = [float(account.ending_arr) for account in ordered]
    kept = [float(min(account.ending_arr, account.starting_arr)) for account in ordered]

    def lift(numerators: list[float]) -> Statistic:
        """The lift of Σ numerator / Σ starting ARR (NDR: ending ARR; GRR: ARR kept) in a resample, in points."""

        def split(values: list[float]) -> tuple[list[float], list[float]]:
            return (
                [value if top else 0.0 for value, top in zip(values, is_strategic, strict=True)],
                [0.0 if top else value for value, top in zip(values, is_strategic, strict=True)],
            )

        (top_numerators, rest_numerators), (top_start, rest_start) = split(numerators), split(start)

        def statistic(weights: Sequence[int]) -> float | None:
            top_sum, top_base = sum(map(mul, weights, top_numerators)), sum(map(mul, weights, top_start))
            rest_sum, rest_base = sum(map(mul, weights, rest_numerators)), sum(map(mul, weights, rest_start))
            if top_base <= 0 or rest_base <= 0:
                return None
            return float(100 * top_sum / top_base - 100 * rest_sum / rest_base)

        return statistic

    def rho(weights: Sequence[int]) -> float | None:
        return rank_correlation(score_keys, score_distinct, ndr_keys, ndr_distinct, weights)

    intervals = bootstrap(len(ordered), {"ndr": lift(end), "grr": lift(kept), "rho": rho}) if ordered else {}
    ndr_lift = _shown_lift(strategic.ndr, others.ndr)
    grr_lift = _shown_lift(strategic.grr, others.grr)
    ndrs = [account.ndr for account in accounts]
    by_dimension = {
        name: three_decimals(spearman([account.points[name] for account in accounts], ndrs)) for name in DIMENSIONS
    }
    auc = churn_auc([account.score for account in accounts], [account.churned for account in accounts])
    return Evidence(
        ndr_lift=_lift_estimate(ndr_lift, intervals.get("ndr")),
        grr_lift=_lift_estimate(grr_lift, intervals.get("grr")),
        spearman=_rho_estimate(spearman([account.score for account in accounts], ndrs), intervals.get("rho")),
        spearman_by_dimension=by_dimension,
        churn_auc=three_decimals(auc),
    )


def _shown_lift(strategic: Decimal | None, others: Decimal | None) -> Decimal | None:
    """The difference of the two rates as shown (each rounded to one decimal), so the figures add up on screen."""
    if strategic is None or others is None:
        return None
    return strategic - others
