"""What a CRM stage means for a plan: open, won or lost, and the probability a stage implies.

The defaults are the CRMs' own: Salesforce's standard opportunity stages, and HubSpot's default sales
pipeline by internal name (``closedwon``) and by label (``Closed won``). ``[import.stages]`` maps more
names (a custom pipeline) and wins over a default. Names compare like headers: case, spaces, ``-``, ``_``
and ``/`` do not matter (``Negotiation/Review`` is ``negotiation review``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from samkit.importers.columns import header_key
from samkit.plan.enums import OpportunityStatus

OPEN, WON, LOST = OpportunityStatus.OPEN, OpportunityStatus.WON, OpportunityStatus.LOST

# Salesforce's standard stages (Setup > Opportunity > Stage) with their default probabilities
SALESFORCE_STAGES: dict[str, tuple[OpportunityStatus, Decimal]] = {
    "Prospecting": (OPEN, Decimal("0.10")),
    "Qualification": (OPEN, Decimal("0.10")),
    "Needs Analysis": (OPEN, Decimal("0.20")),
    "Value Proposition": (OPEN, Decimal("0.50")),
    "Id. Decision Makers": (OPEN, Decimal("0.60")),
    "Perception Analysis": (OPEN, Decimal("0.70")),
    "Proposal/Price Quote": (OPEN, Decimal("0.75")),
    "Negotiation/Review": (OPEN, Decimal("0.90")),
    "Closed Won": (WON, Decimal(1)),
    "Closed Lost": (LOST, Decimal(0)),
}
# HubSpot's default sales pipeline: (internal name, label) with the deal probabilities HubSpot sets
HUBSPOT_STAGES: dict[tuple[str, str], tuple[OpportunityStatus, Decimal]] = {
    ("appointmentscheduled", "Appointment scheduled"): (OPEN, Decimal("0.20")),
    ("qualifiedtobuy", "Qualified to buy"): (OPEN, Decimal("0.40")),
    ("presentationscheduled", "Presentation scheduled"): (OPEN, Decimal("0.60")),
    ("decisionmakerboughtin", "Decision maker bought-in"): (OPEN, Decimal("0.80")),
    ("contractsent", "Contract sent"): (OPEN, Decimal("0.90")),
    ("closedwon", "Closed won"): (WON, Decimal(1)),
    ("closedlost", "Closed lost"): (LOST, Decimal(0)),
}


@dataclass(frozen=True, slots=True)
class Stage:
    """What one stage name means: the opportunity's status, and its probability when the row gives none."""

    status: OpportunityStatus
    probability: Decimal | None


def _defaults() -> dict[str, Stage]:
    table = {header_key(name): Stage(*meaning) for name, meaning in SALESFORCE_STAGES.items()}
    for names, meaning in HUBSPOT_STAGES.items():
        table.update({header_key(name): Stage(*meaning) for name in names})
    return table


class StageMap:
    """The defaults with ``[import.stages]`` on top; a configured stage has no default probability."""

    def __init__(self, configured: Mapping[str, str] | None = None) -> None:
        self._table = _defaults()
        for name, status in (configured or {}).items():
            default = self._table.get(header_key(name))
            kept = default.probability if default is not None and default.status.value == status else None
            self._table[header_key(name)] = Stage(OpportunityStatus(status), kept)

    def get(self, name: str) -> Stage | None:
        """The stage ``name`` means; None when neither the defaults nor ``[import.stages]`` know it."""
        return self._table.get(header_key(name))
