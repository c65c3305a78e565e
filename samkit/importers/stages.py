"""What a CRM stage means for a plan: open, won or lost, and the probability a stage implies.

The defaults are the CRMs' own: Salesforce's standard opportunity stages, and HubSpot's default sales
pipeline by internal name (``closedwon``) and by label (``Closed won``). ``[import.stages]`` maps more
names (a custom pipeline) and wins over a default. Names compare like headers: case, spaces, ``-``, ``_``
and ``/`` do not matter (``Negotiation/Review`` is ``negotiation review``).

A HubSpot default stage's internal name and label are one stage: configuring either configures both.
A stage's probability is what a row gets when the export has no probability column: the CRM's default for
a default stage, ``[import.probabilities]`` (percent, the same name matching) for any stage, a configured
one winning; a stage mapped to another status than its default's, or a custom one, has none unless set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from samkit.errors import UsageError
from samkit.importers.columns import header_key
from samkit.plan.enums import OpportunityStatus

if TYPE_CHECKING:
    from samkit.config import Config

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


# a HubSpot stage's internal name and label are one stage: configuring either spelling configures both
_SPELLINGS: dict[str, tuple[str, ...]] = {
    header_key(name): tuple(header_key(spelling) for spelling in names) for names in HUBSPOT_STAGES for name in names
}


def _spellings(name: str) -> tuple[str, ...]:
    return _SPELLINGS.get(header_key(name), (header_key(name),))


class UnknownStageProbability(ValueError):
    """``[import.probabilities]`` names a stage that neither the defaults nor ``[import.stages]`` know."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class StageMap:
    """The defaults with ``[import.stages]`` and ``[import.probabilities]`` (percent) on top.

    A configured stage keeps its default probability only when it keeps the default's status; a configured
    probability wins over either. A probability for a stage that is not known is ``UnknownStageProbability``.
    """

    def __init__(
        self, configured: Mapping[str, str] | None = None, probabilities: Mapping[str, Decimal] | None = None
    ) -> None:
        self._table = _defaults()
        self._by_spelling: dict[str, Stage | None] = {}  # each stage cell as an export spells it, looked up once
        for name, status in (configured or {}).items():
            default = self._table.get(header_key(name))
            kept = default.probability if default is not None and default.status.value == status else None
            self._table.update(dict.fromkeys(_spellings(name), Stage(OpportunityStatus(status), kept)))
        for name, percent in (probabilities or {}).items():
            stage = self._table.get(header_key(name))
            if stage is None:
                raise UnknownStageProbability(name)
            self._table.update(dict.fromkeys(_spellings(name), Stage(stage.status, percent / 100)))

    @classmethod
    def configured(cls, config: Config) -> StageMap:
        """The stages ``config`` sets; a probability for an unknown stage is a ``UsageError`` naming the setting
        (a misspelt stage name would otherwise change nothing)."""
        try:
            return cls(config.import_.stages, config.import_.probabilities)
        except UnknownStageProbability as error:
            key = config.setting(f"import.probabilities.{error.name}")
            raise UsageError(
                f"{key}: no such stage; name a default stage (docs/imports-crm-money.md) or map it in [import.stages]"
            ) from None

    def get(self, name: str) -> Stage | None:
        """The stage ``name`` means; None when neither the defaults nor ``[import.stages]`` know it."""
        if name not in self._by_spelling:
            self._by_spelling[name] = self._table.get(header_key(name))
        return self._by_spelling[name]
