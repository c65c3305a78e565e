"""The score and tier of one plan, from its ``score`` block (or its declared tier)."""

from __future__ import annotations

from samkit.analysis.scoring import ScoreResult, Thresholds, tier_for, weighted_score
from samkit.config import ScoringConfig
from samkit.plan.model import Plan


def plan_score(plan: Plan, scoring: ScoringConfig | None = None) -> ScoreResult | None:
    """Score and tier from the plan's ``score`` block; None when the plan has no score block."""
    if plan.score is None:
        return None
    scoring = scoring or ScoringConfig()
    score = weighted_score(plan.score.points(), scoring.weights)
    return ScoreResult(score, tier_for(score, Thresholds(scoring.strategic_threshold, scoring.key_threshold)))


def plan_tier(plan: Plan, scoring: ScoringConfig | None = None) -> str | None:
    """``Strategic`` / ``Key`` / ``Standard`` from the score block, else the declared tier, else None."""
    result = plan_score(plan, scoring)
    if result is not None:
        return result.tier
    return plan.account.tier.label if plan.account.tier is not None else None
