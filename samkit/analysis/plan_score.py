"""The score and tier of one plan, from its ``score`` block (or its declared tier)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from samkit.analysis.scoring import ScoreResult, Thresholds, tier_for, weighted_score
from samkit.config import Config, ScoringConfig, TierLimits
from samkit.plan.enums import Tier
from samkit.plan.model import Plan, ScoreBlock


def counts_as_scored(block: ScoreBlock | None) -> bool:
    """A score block counts when at least one of its seven values is not 0 (domain.md "Scored plans").

    ``samkit new`` used to write seven zeros; left as written, they would make every new plan Standard.
    """
    return block is not None and any(points != 0 for points in block.points().values())


def plan_score(plan: Plan, scoring: ScoringConfig | None = None) -> ScoreResult | None:
    """Score and tier from the plan's ``score`` block; None when it has none or an all-zero one (not scored)."""
    if not counts_as_scored(plan.score):
        return None
    assert plan.score is not None
    scoring = scoring or ScoringConfig()
    score = weighted_score(plan.score.points(), scoring.weights)
    thresholds = Thresholds(scoring.strategic_threshold, scoring.key_threshold)
    return ScoreResult(score, tier_for(score, thresholds), thresholds)


def plan_tier(plan: Plan, scoring: ScoringConfig | None = None) -> str | None:
    """``Strategic`` / ``Key`` / ``Standard`` from the score block, else the declared tier, else None."""
    result = plan_score(plan, scoring)
    if result is not None:
        return result.tier
    return plan.account.tier.label if plan.account.tier is not None else None


# what the views for people say beside a tier that neither a score block nor account.tier gives
DEFAULT_TIER_NOTE = "by default: no score, no declared tier"


class PlanTier(NamedTuple):
    """The tier a plan is judged by and where it comes from: ``score`` (a block that counts), ``declared``
    (``account.tier``) or ``default`` (strategic: a plan exists because the account is managed as strategic)."""

    tier: Tier
    source: Literal["score", "declared", "default"]

    @property
    def note(self) -> str | None:
        """``by default: no score, no declared tier`` for a default tier, else None (the tier speaks for itself)."""
        return DEFAULT_TIER_NOTE if self.source == "default" else None

    @property
    def shown(self) -> str:
        """The tier as the views for people write it: ``Key``, ``Strategic (by default: no score, no declared
        tier)``. ``review -f json``'s ``tier`` stays null for a default tier (``plan_tier``: the contract)."""
        return f"{self.tier.label} ({self.note})" if self.note else self.tier.label


def tier_and_source(plan: Plan, scoring: ScoringConfig | None = None) -> PlanTier:
    """The tier a plan is judged by and where it comes from (domain.md "Tier of a plan"): see ``PlanTier``."""
    result = plan_score(plan, scoring)
    if result is not None:
        return PlanTier(Tier(result.tier.lower()), "score")
    if plan.account.tier is not None:
        return PlanTier(plan.account.tier, "declared")
    return PlanTier(Tier.STRATEGIC, "default")


def effective_tier(plan: Plan, scoring: ScoringConfig | None = None) -> Tier:
    """The tier a plan is judged by: its score block's, else its declared tier, else strategic."""
    return tier_and_source(plan, scoring)[0]


def plan_limits(plan: Plan, config: Config) -> TierLimits:
    """The lint limits for this plan's tier (``[lint.tiers.*]``, flat ``[lint]`` keys, built-in defaults)."""
    return config.lint.limits(effective_tier(plan, config.scoring))
