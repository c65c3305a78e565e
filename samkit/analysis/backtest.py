"""Designation accuracy (domain.md, "Designation accuracy"): did the tiering at FROM predict retention and expansion?

A pure function of the accounts active at FROM (``Candidate``: their points and ARR at FROM, their ARR or churn
at TO) and the scoring configuration they are judged by; reading plans or a roster out of git is
``samkit.history.backtest_sources``' job. The cohort is the candidates with ARR > 0 at FROM and a counting
score block; the others are counted by reason. Money is exact ``Decimal``, NDR and GRR are ``samkit metrics``'
(its ``Figures``, filled by its ``add_movement``), rates are percentages rounded half-up to one decimal, ρ and
AUC are rounded half-up to three decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from operator import mul
from typing import Any

from samkit.analysis.backtest_stats import (
    BOOTSTRAP_SEED,
    RESAMPLES,
    Interval,
    bootstrap,
    churn_auc,
    dense_keys,
    rank_correlation,
    spearman,
    three_decimals,
)
from samkit.analysis.metrics import Figures, add_movement
from samkit.analysis.portfolio import one_decimal, percent_of
from samkit.analysis.program_figures import fixed
from samkit.analysis.scoring import STRATEGIC, TIERS, Thresholds, display_score, tier_for, weighted_score
from samkit.config import DIMENSIONS, ScoringConfig

MIN_COHORT = 30  # fewer accounts in the cohort: figures shown, no verdict
MIN_GROUP = 5  # fewer strategic accounts, or fewer others: likewise
OTHERS = "Other tiers"


def is_scored(points: Mapping[str, Decimal] | None) -> bool:
    """Whether a score block counts: at least one of its values is not 0 (domain.md, "Scored plans").

    The program-wide rule, applied here locally; one function so it can point at the shared helper."""
    return points is not None and any(value != 0 for value in points.values())


class Reason(StrEnum):
    """Why an account active at FROM is not in the cohort (the first that applies, in this order)."""

    NOT_LOADABLE = "not_loadable"
    NO_ARR = "no_arr"
    NOT_SCORED = "not_scored"
    NO_ARR_AT_TO = "no_arr_at_to"

    @property
    def words(self) -> str:
        return {
            Reason.NOT_LOADABLE: "does not load at FROM or at TO",
            Reason.NO_ARR: "no ARR above 0 at FROM",
            Reason.NOT_SCORED: "no score at FROM (no score block, or all zeros)",
            Reason.NO_ARR_AT_TO: "still active at TO but without ARR there",
        }[self]


@dataclass(frozen=True)
class LeftOut:
    """An account (or, when it does not load, a file) left out of the cohort."""

    reason: Reason
    account: str | None  # None: a file that does not load, so its account is unknown
    where: str | None  # the plan file, or the roster and its line

    def to_dict(self) -> dict[str, Any]:
        return {"account": self.account, "where": self.where, "reason": self.reason.value}


@dataclass(frozen=True)
class Candidate:
    """An account active at FROM, as the plans or the roster describe it on both sides."""

    name: str
    where: str | None
    points: dict[str, Decimal] | None  # the score block at FROM (None: none)
    starting_arr: Decimal | None  # ARR at FROM
    churned: bool  # churned at TO by the source's rules
    ending_arr: Decimal | None  # ARR at TO when not churned (None: not written down)


@dataclass(frozen=True)
class CohortAccount:
    name: str
    points: dict[str, Decimal]
    score: Decimal
    tier: str
    starting_arr: Decimal
    ending_arr: Decimal  # 0 when churned
    churned: bool

    @property
    def ndr(self) -> Fraction:
        """Ending ARR over starting ARR, exactly (ranked, so never rounded before)."""
        return Fraction(self.ending_arr) / Fraction(self.starting_arr)

    @property
    def ndr_percent(self) -> Decimal | None:
        """As shown: a percentage, half-up to one decimal."""
        return percent_of(self.ending_arr, self.starting_arr)

    @property
    def expanded(self) -> bool:
        return self.ending_arr > self.starting_arr

    def to_dict(self, thresholds: Thresholds) -> dict[str, Any]:
        return {
            "account": self.name,
            "tier": self.tier,
            "score": display_score(self.score, thresholds),
            "starting_arr": self.starting_arr,
            "ending_arr": self.ending_arr,
            "ndr": fixed(self.ndr_percent),
            "churned": self.churned,
            "expanded": self.expanded,
            "points": dict(self.points),
        }


@dataclass
class GroupOutcome:
    """A tier at FROM (or all other tiers than strategic): ARR movement as ``samkit metrics`` counts it."""

    group: str
    figures: Figures
    accounts: int = 0
    churned: int = 0
    expanded: int = 0

    def add(self, account: CohortAccount) -> None:
        self.accounts += 1
        self.churned += account.churned
        self.expanded += account.expanded
        add_movement(self.figures, account.starting_arr, None if account.churned else account.ending_arr)

    @property
    def ndr(self) -> Decimal | None:
        return self.figures.ndr

    @property
    def grr(self) -> Decimal | None:
        return self.figures.grr

    @property
    def churn_rate(self) -> Decimal | None:
        return percent_of(self.churned, self.accounts)

    @property
    def expansion_rate(self) -> Decimal | None:
        return percent_of(self.expanded, self.accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "accounts": self.accounts,
            "starting_arr": self.figures.starting_arr,
            "ending_arr": self.figures.ending_arr,
            "ndr": fixed(self.ndr),
            "grr": fixed(self.grr),
            "churned": self.churned,
            "churn_rate": fixed(self.churn_rate),
            "expanded": self.expanded,
            "expansion_rate": fixed(self.expansion_rate),
        }


def _group(name: str, accounts: Sequence[CohortAccount]) -> GroupOutcome:
    outcome = GroupOutcome(name, Figures(name))
    for account in accounts:
        outcome.add(account)
    return outcome


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
    return Estimate(value, one_decimal(Decimal(interval.low)), one_decimal(Decimal(interval.high)))


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


@dataclass
class Backtest:
    start: date
    end: date
    scoring: ScoringConfig
    configuration: str  # where the scoring came from, for people
    accounts: list[CohortAccount]
    tiers: list[GroupOutcome]
    strategic: GroupOutcome
    others: GroupOutcome
    evidence: Evidence
    verdict: Verdict
    left_out: list[LeftOut]
    notes: list[str] = field(default_factory=list)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.scoring.strategic_threshold, self.scoring.key_threshold)

    def left_out_counts(self) -> dict[str, int]:
        return {reason.value: sum(1 for item in self.left_out if item.reason is reason) for reason in Reason}

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "to": self.end,
            "configuration": {
                "source": self.configuration,
                "weights": dict(self.scoring.weights),
                "strategic_threshold": self.scoring.strategic_threshold,
                "key_threshold": self.scoring.key_threshold,
            },
            "cohort": len(self.accounts),
            "tiers": [group.to_dict() for group in self.tiers],
            "strategic": self.strategic.to_dict(),
            "others": self.others.to_dict(),
            "evidence": self.evidence.to_dict(),
            "verdict": self.verdict.to_dict(),
            "left_out": {"counts": self.left_out_counts(), "accounts": [item.to_dict() for item in self.left_out]},
            "accounts": [account.to_dict(self.thresholds) for account in self.accounts],
            "notes": list(self.notes),
        }


def select_cohort(candidates: Sequence[Candidate], scoring: ScoringConfig) -> tuple[list[CohortAccount], list[LeftOut]]:
    """The cohort (scored and tiered with ``scoring``) and the candidates left out, each with its reason."""
    thresholds = Thresholds(scoring.strategic_threshold, scoring.key_threshold)
    cohort: list[CohortAccount] = []
    left_out: list[LeftOut] = []
    for candidate in candidates:
        start = candidate.starting_arr
        reason = None
        if start is None or start <= 0:
            reason = Reason.NO_ARR
        elif not is_scored(candidate.points):
            reason = Reason.NOT_SCORED
        elif not candidate.churned and candidate.ending_arr is None:
            reason = Reason.NO_ARR_AT_TO
        if reason is not None:
            left_out.append(LeftOut(reason, candidate.name, candidate.where))
            continue
        assert start is not None and candidate.points is not None
        score = weighted_score(candidate.points, scoring.weights)
        end = Decimal(0) if candidate.churned or candidate.ending_arr is None else candidate.ending_arr
        tier = tier_for(score, thresholds)
        cohort.append(CohortAccount(candidate.name, candidate.points, score, tier, start, end, candidate.churned))
    return cohort, left_out


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

    def lift(numerators: list[float]) -> Any:
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


def compute_backtest(
    candidates: Sequence[Candidate],
    scoring: ScoringConfig,
    start: date,
    end: date,
    *,
    configuration: str = "built-in defaults",
    unloadable: Sequence[LeftOut] = (),
    notes: Sequence[str] = (),
) -> Backtest:
    """Outcomes per account and per tier at FROM, the evidence and the verdict (domain.md; the backtest issue)."""
    cohort, left_out = select_cohort(candidates, scoring)
    cohort.sort(key=lambda account: (-account.score, account.name.casefold(), account.name))
    tiers = [_group(tier, [account for account in cohort if account.tier == tier]) for tier in TIERS]
    strategic = _group(STRATEGIC, [account for account in cohort if account.tier == STRATEGIC])
    others = _group(OTHERS, [account for account in cohort if account.tier != STRATEGIC])
    evidence = gather_evidence(cohort, strategic, others)
    verdict = verdict_for(len(cohort), strategic.accounts, others.accounts, evidence)
    return Backtest(
        start=start,
        end=end,
        scoring=scoring,
        configuration=configuration,
        accounts=cohort,
        tiers=tiers,
        strategic=strategic,
        others=others,
        evidence=evidence,
        verdict=verdict,
        left_out=[*unloadable, *left_out],
        notes=list(notes),
    )
