"""Engagement, coverage, review adherence and tier agreement over the active plans at TO (``samkit metrics``).

Each figure is a count and a percentage (half-up, one decimal; None when there is nothing to count), with
the seed's target where it gives one: C-level contact for 70%+ of strategic accounts, 8-10 stakeholders
mapped per strategic account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from samkit.analysis.coverage import compute_coverage
from samkit.analysis.engagement import has_c_level_engagement
from samkit.analysis.plan_score import effective_tier, plan_score
from samkit.analysis.portfolio import one_decimal, percent_of
from samkit.analysis.staleness import is_review_overdue
from samkit.plan.enums import Tier
from samkit.plan.values import FixedDecimal

if TYPE_CHECKING:
    from samkit.config import Config
    from samkit.plan.model import Plan

C_LEVEL_TARGET = Decimal(70)  # percent of strategic accounts with C-level contact, at least
STAKEHOLDER_TARGET = (8, 10)  # stakeholders mapped per strategic account


def fixed(value: Decimal | None) -> Decimal | None:
    """A rounded figure as JSON shows it: ``118.0`` keeps its decimal, ``4.20`` both of them."""
    return None if value is None else FixedDecimal(value)


@dataclass(frozen=True)
class Engagement:
    strategic_accounts: int
    with_c_level_contact: int

    @property
    def rate(self) -> Decimal | None:
        return percent_of(self.with_c_level_contact, self.strategic_accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategic_accounts": self.strategic_accounts,
            "with_c_level_contact": self.with_c_level_contact,
            "rate": fixed(self.rate),
            "target": C_LEVEL_TARGET,
        }


@dataclass(frozen=True)
class CoverageFigures:
    strategic_accounts: int
    stakeholders: int

    @property
    def average_stakeholders(self) -> Decimal | None:
        if not self.strategic_accounts:
            return None
        return one_decimal(Decimal(self.stakeholders) / self.strategic_accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategic_accounts": self.strategic_accounts,
            "average_stakeholders": fixed(self.average_stakeholders),
            "target": list(STAKEHOLDER_TARGET),
        }


@dataclass(frozen=True)
class ReviewFigures:
    plans: int
    reviewed_in_interval: int

    @property
    def rate(self) -> Decimal | None:
        return percent_of(self.reviewed_in_interval, self.plans)

    def to_dict(self) -> dict[str, Any]:
        return {"plans": self.plans, "reviewed_in_interval": self.reviewed_in_interval, "rate": fixed(self.rate)}


@dataclass(frozen=True)
class TierAgreement:
    """Scored plans whose declared tier is the one their score gives: agreement between two inputs, not
    designation accuracy (whether the tiering predicts retention and expansion), which is ``samkit backtest``'s."""

    plans_with_score: int
    matching: int

    @property
    def rate(self) -> Decimal | None:
        return percent_of(self.matching, self.plans_with_score)

    def to_dict(self) -> dict[str, Any]:
        return {"plans_with_score": self.plans_with_score, "matching": self.matching, "rate": fixed(self.rate)}


def _strategic(plans: list[Plan], config: Config) -> list[Plan]:
    return [plan for plan in plans if effective_tier(plan, config.scoring) is Tier.STRATEGIC]


def engagement_figures(plans: list[Plan], config: Config, start: date, end: date) -> Engagement:
    """Strategic plans, and those with C-level contact from ``start`` to ``end`` (both included)."""
    strategic = _strategic(plans, config)
    engaged = sum(1 for plan in strategic if has_c_level_engagement(plan, start, end))
    return Engagement(len(strategic), engaged)


def coverage_figures(plans: list[Plan], config: Config) -> CoverageFigures:
    strategic = _strategic(plans, config)
    return CoverageFigures(len(strategic), sum(compute_coverage(plan).stakeholders for plan in strategic))


def review_figures(plans: list[Plan], config: Config, end: date) -> ReviewFigures:
    """Plans whose ``last_reviewed`` is within their tier's ``review_interval_days`` before ``end``."""
    reviewed = sum(
        1
        for plan in plans
        if plan.last_reviewed is not None
        and not is_review_overdue(
            plan, end, config.lint.limits(effective_tier(plan, config.scoring)).review_interval_days
        )
    )
    return ReviewFigures(len(plans), reviewed)


def tier_agreement_figures(plans: list[Plan], config: Config) -> TierAgreement:
    """Plans with a score block, and those whose declared ``account.tier`` is the score's (none declared: no match)."""
    scored = [(plan, plan_score(plan, config.scoring)) for plan in plans]
    with_score = [(plan, result) for plan, result in scored if result is not None]
    matching = sum(
        1 for plan, result in with_score if plan.account.tier is not None and plan.account.tier.label == result.tier
    )
    return TierAgreement(len(with_score), matching)
