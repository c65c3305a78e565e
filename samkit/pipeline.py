"""Pipeline totals over open opportunities (domain.md), exact to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from samkit.model import OpportunityKind, OpportunityStatus, Plan

ZERO = Decimal(0)


@dataclass(frozen=True)
class Pipeline:
    recurring: Decimal = ZERO
    one_time: Decimal = ZERO
    weighted_recurring: Decimal = ZERO
    weighted_one_time: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.recurring + self.one_time

    @property
    def weighted_total(self) -> Decimal:
        return self.weighted_recurring + self.weighted_one_time

    def __add__(self, other: Pipeline) -> Pipeline:
        return Pipeline(
            self.recurring + other.recurring,
            self.one_time + other.one_time,
            self.weighted_recurring + other.weighted_recurring,
            self.weighted_one_time + other.weighted_one_time,
        )

    def to_dict(self) -> dict[str, Any]:
        """The keys of ``pipeline --format json`` (money stays Decimal; the JSON writer emits numbers)."""
        return {
            "recurring": self.recurring,
            "one_time": self.one_time,
            "total": self.total,
            "weighted_recurring": self.weighted_recurring,
            "weighted_one_time": self.weighted_one_time,
        }


def compute_pipeline(plan: Plan) -> Pipeline:
    recurring = one_time = weighted_recurring = weighted_one_time = ZERO
    for opportunity in plan.opportunities:
        if opportunity.status is not OpportunityStatus.OPEN:
            continue
        if opportunity.kind is OpportunityKind.RECURRING:
            recurring += opportunity.value
            weighted_recurring += opportunity.weighted
        else:
            one_time += opportunity.value
            weighted_one_time += opportunity.weighted
    return Pipeline(recurring, one_time, weighted_recurring, weighted_one_time)


def sum_pipelines(pipelines: Iterable[Pipeline]) -> Pipeline:
    total = Pipeline()
    for pipeline in pipelines:
        total = total + pipeline
    return total
