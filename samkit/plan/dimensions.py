"""The seven selection dimensions, written once: name, default weight and the short label tables show.

The plan's ``score`` block (``samkit.plan.model.ScoreBlock``), the ``[scoring]`` configuration, the roster
columns and every score table take their dimensions from here (a test holds ``ScoreBlock`` to this table).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Dimension:
    name: str
    default_weight: Decimal  # percent of the score; the defaults add up to 100
    label: str  # a one-word column heading


DIMENSION_TABLE: tuple[Dimension, ...] = (
    Dimension("current_revenue", Decimal(25), "Revenue"),
    Dimension("expansion_potential", Decimal(20), "Expansion"),
    Dimension("strategic_fit", Decimal(15), "Fit"),
    Dimension("market_influence", Decimal(15), "Influence"),
    Dimension("relationship_strength", Decimal(10), "Relationship"),
    Dimension("product_adoption", Decimal(10), "Adoption"),
    Dimension("partnership_potential", Decimal(5), "Partnership"),
)

DIMENSIONS: tuple[str, ...] = tuple(dimension.name for dimension in DIMENSION_TABLE)
DEFAULT_WEIGHTS: dict[str, Decimal] = {dimension.name: dimension.default_weight for dimension in DIMENSION_TABLE}
SHORT_LABELS: dict[str, str] = {dimension.name: dimension.label for dimension in DIMENSION_TABLE}


def known_dimension(name: str) -> str:
    """``name`` when it is one of the seven dimensions; a ValueError otherwise (for pydantic validators)."""
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}; the dimensions are {', '.join(DIMENSIONS)}")
    return name
