"""Pipeline totals over open opportunities, exact to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from samkit.plan.enums import OpportunityKind, OpportunityStatus
from samkit.plan.model import Plan
from samkit.plan.schedule import opportunity_quarters
from samkit.plan.values import Quarter

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


# --- what lands when: open opportunities spread over the quarters of their timeframe --------------------------------

CENT = Decimal("0.01")


def spread_evenly(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` equal shares rounded down to the cent; the last share takes the remainder.

    The shares add up to ``amount`` exactly (a weighted value's sub-cent digits stay in the last share).
    """
    if parts < 1:
        raise ValueError("cannot spread an amount over no quarters")
    share = (amount / parts).quantize(CENT, rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


@dataclass(frozen=True)
class QuarterSpread:
    """Open pipeline per quarter, plus what has no timeframe."""

    quarters: dict[Quarter, Pipeline] = field(default_factory=dict)
    unscheduled: Pipeline = field(default_factory=Pipeline)

    def __add__(self, other: QuarterSpread) -> QuarterSpread:
        quarters = dict(self.quarters)
        for quarter, pipeline in other.quarters.items():
            quarters[quarter] = quarters.get(quarter, Pipeline()) + pipeline
        return QuarterSpread(quarters, self.unscheduled + other.unscheduled)

    @property
    def total(self) -> Pipeline:
        return sum_pipelines([*self.quarters.values(), self.unscheduled])

    def timeline(self, first: Quarter | None = None, last: Quarter | None = None) -> list[tuple[Quarter, Pipeline]]:
        """Every quarter from the first to the last with pipeline (or the given bounds), empty quarters as zero."""
        if not self.quarters and (first is None or last is None):
            return []
        start = first or min(self.quarters)
        end = last or max(self.quarters)
        return [
            (Quarter.from_index(index), self.quarters.get(Quarter.from_index(index), Pipeline()))
            for index in range(start.index, end.index + 1)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "quarters": [{"quarter": str(quarter), **pipeline.to_dict()} for quarter, pipeline in self.timeline()],
            "unscheduled": self.unscheduled.to_dict(),
        }


def spread_by_quarter(plan: Plan) -> QuarterSpread:
    quarters: dict[Quarter, Pipeline] = {}
    unscheduled = Pipeline()
    for opportunity in plan.opportunities:
        if opportunity.status is not OpportunityStatus.OPEN:
            continue
        scheduled = opportunity_quarters(opportunity)
        if scheduled is None:
            unscheduled = unscheduled + _as_pipeline(opportunity.kind, opportunity.value, opportunity.weighted)
            continue
        span = scheduled.quarters()
        values = spread_evenly(opportunity.value, len(span))
        weighted = spread_evenly(opportunity.weighted, len(span))
        for quarter, value, weighted_value in zip(span, values, weighted, strict=True):
            quarters[quarter] = quarters.get(quarter, Pipeline()) + _as_pipeline(
                opportunity.kind, value, weighted_value
            )
    return QuarterSpread(dict(sorted(quarters.items())), unscheduled)


def _as_pipeline(kind: OpportunityKind, value: Decimal, weighted: Decimal) -> Pipeline:
    if kind is OpportunityKind.RECURRING:
        return Pipeline(recurring=value, weighted_recurring=weighted)
    return Pipeline(one_time=value, weighted_one_time=weighted)


def sum_spreads(spreads: Iterable[QuarterSpread]) -> QuarterSpread:
    total = QuarterSpread()
    for spread in spreads:
        total = total + spread
    return total


# --- the pipeline command's result: per plan and in total ------------------------------------------------------------


@dataclass(frozen=True)
class PlanPipeline:
    path: str
    account: str
    pipeline: Pipeline
    spread: QuarterSpread | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "account": self.account, **self.pipeline.to_dict()}
        if self.spread is not None:
            data.update(self.spread.to_dict())
        return data


@dataclass(frozen=True)
class PipelineReport:
    plans: list[PlanPipeline]
    by_quarter: bool = False

    @property
    def total(self) -> Pipeline:
        return sum_pipelines(item.pipeline for item in self.plans)

    @property
    def spread(self) -> QuarterSpread:
        return sum_spreads(item.spread for item in self.plans if item.spread is not None)

    def to_dict(self) -> dict[str, Any]:
        """``pipeline --format json``; with ``--by quarter`` the same keys plus ``quarters`` and ``unscheduled``."""
        data: dict[str, Any] = {"plans": [item.to_dict() for item in self.plans], "total": self.total.to_dict()}
        if self.by_quarter:
            data["by"] = "quarter"
            data.update(self.spread.to_dict())
        return data


def pipeline_report(plans: Iterable[tuple[str, Plan]], by_quarter: bool = False) -> PipelineReport:
    return PipelineReport(
        [
            PlanPipeline(
                path,
                plan.account.name,
                compute_pipeline(plan),
                spread_by_quarter(plan) if by_quarter else None,
            )
            for path, plan in plans
        ],
        by_quarter,
    )
