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
from typing import Any

from samkit.analysis.backtest_evidence import Evidence, Verdict, gather_evidence, verdict_for
from samkit.analysis.metrics import Figures, add_movement
from samkit.analysis.portfolio import percent_of
from samkit.analysis.program_figures import fixed
from samkit.analysis.scoring import STRATEGIC, TIERS, Thresholds, display_score, tier_for, weighted_score
from samkit.config import ScoringConfig

OTHERS = "Other tiers"


def is_scored(points: Mapping[str, Decimal] | None) -> bool:
    """Whether a score block counts: at least one of its values is not 0 (domain.md, "Scored plans").

    The program-wide rule, applied here locally; one function so it can point at the shared helper."""
    return points is not None and any(value != 0 for value in points.values())


class Reason(StrEnum):
    """Why an account active at FROM is not in the cohort (the first that applies, in this order)."""

    NOT_LOADABLE = "not_loadable"
    DUPLICATE_NAME = "duplicate_name"
    NO_ARR = "no_arr"
    NOT_SCORED = "not_scored"
    NO_ARR_AT_TO = "no_arr_at_to"

    @property
    def words(self) -> str:
        return {
            Reason.NOT_LOADABLE: "does not load at FROM or at TO",
            Reason.DUPLICATE_NAME: "two plans name the account at FROM or at TO",
            Reason.NO_ARR: "no ARR above 0 at FROM",
            Reason.NOT_SCORED: "no score at FROM (no score block, or all zeros)",
            Reason.NO_ARR_AT_TO: "still active at TO but without ARR there",
        }[self]


@dataclass(frozen=True)
class LeftOut:
    """An account (or, when it does not load, a file) left out of the cohort."""

    reason: Reason
    account: str | None  # None: a file that loads on neither side, so its account is unknown
    where: str | None  # the plan file (the files, when plans share the name), or the roster and its line

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
