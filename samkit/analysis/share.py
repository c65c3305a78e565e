"""The mutual plan (``samkit share``): the part of an account plan the customer may see, picked by an allowlist.

``SHARED_FIELDS`` is the only list of what leaves the company: a field not named here is internal, including
every field added to the plan format later (stance, influence, notes, risks, scores, tiers, health,
whitespace, competitors, opportunities and pipeline, RACI...). ``shared_plan`` copies exactly these fields
out of the plan into plain values; the renderers see nothing else, so a template cannot leak what it was
never given.

Which items: objectives with ``shared`` true (the default) and their milestones; value delivered with
``shared`` true (the default), naming its objective only when that objective is shared; actions with
``shared`` true (default false); the whole account team. Derived for the customer: each objective's progress
and status (``samkit.analysis.objectives``) and the next review date (``last_reviewed`` plus the tier's
review interval; today when never reviewed, or when that day has passed: the customer never reads a next review
in the past).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from samkit.analysis.objectives import objective_figures, quantity, total_value, value_by_objective
from samkit.analysis.plan_score import plan_limits
from samkit.config import Config
from samkit.plan.crosschecks import name_key
from samkit.plan.model import Plan

# section (a dotted path into the plan) → the fields of its items the customer sees, in display order
SHARED_FIELDS: dict[str, tuple[str, ...]] = {
    "account": ("name",),
    "account.team": ("name", "role", "email"),
    "objectives": (
        "name",
        "metric",
        "unit",
        "baseline",
        "target",
        "current",
        "start",
        "due",
        "status",
        "owner",
        "customer_owner",
    ),
    "objectives.milestones": ("name", "due", "done", "owner", "customer_owner"),
    "actions": ("due", "action", "done", "owner", "customer_owner"),
    "value_delivered": ("date", "outcome", "objective", "amount", "evidence"),
}


def shared_paths() -> frozenset[str]:
    """Every allowlisted field as a dotted path (``objectives.milestones.name``)."""
    return frozenset(f"{section}.{field}" for section, fields in SHARED_FIELDS.items() for field in fields)


def pick(item: BaseModel, section: str) -> dict[str, Any]:
    """The allowlisted fields of one item (those its model has: a field the format gains later shows up only
    once it is named in ``SHARED_FIELDS``, and a named field the model lacks is skipped)."""
    present = type(item).model_fields
    return {field: getattr(item, field) for field in SHARED_FIELDS[section] if field in present}


@dataclass(frozen=True)
class SharedObjective:
    fields: dict[str, Any]  # the allowlisted fields; ``status`` is the written or derived one
    milestones: list[dict[str, Any]]
    progress: Decimal | None  # clamped to 0-1, for the bar
    progress_text: str
    status_label: str
    value: Decimal  # Σ shared value delivered towards it

    @property
    def baseline_text(self) -> str:
        return quantity(self.fields.get("baseline"), self.fields.get("unit"))

    @property
    def target_text(self) -> str:
        return quantity(self.fields.get("target"), self.fields.get("unit"))

    @property
    def current_text(self) -> str:
        return quantity(self.fields.get("current"), self.fields.get("unit"))


@dataclass(frozen=True)
class SharedPlan:
    """Everything ``samkit share`` shows, and nothing more."""

    account: dict[str, Any]
    team: list[dict[str, Any]]
    objectives: list[SharedObjective]
    actions: list[dict[str, Any]]
    value_delivered: list[dict[str, Any]]
    value_total: Decimal
    next_review: date
    today: date


def next_review(plan: Plan, config: Config, today: date) -> date:
    """``last_reviewed`` plus the tier's ``review_interval_days``; today when the plan was never reviewed or that
    day has passed (an overdue review is due now: the customer never reads a next review in the past)."""
    if plan.last_reviewed is None:
        return today
    return max(today, plan.last_reviewed + timedelta(days=plan_limits(plan, config).review_interval_days))


def shared_plan(plan: Plan, config: Config, today: date) -> SharedPlan:
    objectives = [objective for objective in plan.objectives if objective.shared]
    shared_names = {name_key(objective.name) for objective in objectives}
    entries = [entry for entry in plan.value_delivered if entry.shared]
    values = value_by_objective(entries)
    shown_objectives = []
    for objective in objectives:
        figures = objective_figures(objective, today, values)
        fields = pick(objective, "objectives")
        if "status" in fields:
            fields["status"] = figures.status
        shown_objectives.append(
            SharedObjective(
                fields=fields,
                milestones=[pick(milestone, "objectives.milestones") for milestone in objective.milestones],
                progress=figures.shown,
                progress_text=figures.progress_text,
                status_label=figures.status_label,
                value=figures.value,
            )
        )
    value_delivered = []
    for entry in entries:
        fields = pick(entry, "value_delivered")
        if entry.objective is not None and name_key(entry.objective) not in shared_names:
            fields["objective"] = None  # an internal objective's name stays internal
        value_delivered.append(fields)
    return SharedPlan(
        account=pick(plan.account, "account"),
        team=[pick(member, "account.team") for member in plan.account.team],
        objectives=shown_objectives,
        actions=[pick(action, "actions") for action in plan.actions if action.shared],
        value_delivered=value_delivered,
        value_total=total_value(entries),
        next_review=next_review(plan, config, today),
        today=today,
    )
