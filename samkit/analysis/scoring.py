"""The seven-dimension strategic score and the tier that follows from it.

``score = Σ weight × points / 10``, exact in ``Decimal``; the tier follows the exact score, so a score
of exactly 70 is Strategic even where binary floating point would say 69.99999.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from samkit.config import DEFAULT_KEY_THRESHOLD, DEFAULT_STRATEGIC_THRESHOLD, DEFAULT_WEIGHTS, DIMENSIONS
from samkit.plan.enums import Tier
from samkit.plan.values import FixedDecimal

# the tier names as people and JSON read them (the plan format's tiers, capitalised)
STRATEGIC = Tier.STRATEGIC.label
KEY = Tier.KEY.label
STANDARD = Tier.STANDARD.label
TIERS: tuple[str, ...] = (STRATEGIC, KEY, STANDARD)

# The rule of thumb for a program's Strategic tier: the top 10-20% of accounts, bringing 60-80% of revenue.
# In percent (of accounts, of ARR), bounds included; `samkit score` and `samkit portfolio` both check it.
STRATEGIC_ACCOUNT_SHARE = (Decimal(10), Decimal(20))
STRATEGIC_ARR_SHARE = (Decimal(60), Decimal(80))

_TEN = Decimal(10)
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Thresholds:
    strategic: Decimal = DEFAULT_STRATEGIC_THRESHOLD
    key: Decimal = DEFAULT_KEY_THRESHOLD


def weighted_score(points: Mapping[str, Decimal], weights: Mapping[str, Decimal] = DEFAULT_WEIGHTS) -> Decimal:
    """Exact score from 0 to 100 for one account's points (0-10 per dimension)."""
    return sum((weights[name] * points[name] for name in DIMENSIONS), Decimal(0)) / _TEN


def contributions(
    points: Mapping[str, Decimal], weights: Mapping[str, Decimal] = DEFAULT_WEIGHTS
) -> dict[str, Decimal]:
    """Each dimension's share of the score (they add up to ``weighted_score``)."""
    return {name: weights[name] * points[name] / _TEN for name in DIMENSIONS}


def tier_for(score: Decimal, thresholds: Thresholds = Thresholds()) -> str:
    if score >= thresholds.strategic:
        return STRATEGIC
    if score >= thresholds.key:
        return KEY
    return STANDARD


def display_score(score: Decimal) -> Decimal:
    """The score with one decimal, as shown to people and in JSON (half-up, like a person rounds)."""
    return FixedDecimal(score.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def band_text(band: tuple[Decimal, Decimal]) -> str:
    """A rule-of-thumb band as people read it: ``10-20%``."""
    return f"{band[0]}-{band[1]}%"


def band_status(percentage: Decimal | None, band: tuple[Decimal, Decimal]) -> str | None:
    """``below``, ``within`` or ``above`` a rule-of-thumb band (bounds included); ``None`` for no figure."""
    if percentage is None:
        return None
    low, high = band
    return "below" if percentage < low else "above" if percentage > high else "within"


@dataclass(frozen=True)
class ScoreResult:
    score: Decimal
    tier: str

    def to_dict(self) -> dict[str, object]:
        return {"score": display_score(self.score), "tier": self.tier}
