"""Objective progress, derived status and value delivered: defined once, used by every report (domain.md,
"Objective progress").

progress = (current − baseline) / (target − baseline), kept exact as a fraction (a target below the baseline,
such as resolution hours, works: the signs cancel). Only the display clamps it to 0-100%. Status, unless the
plan gives one: ``achieved`` when progress ≥ 100%; else ``missed`` when ``due`` < today; else ``at_risk`` when
``start`` and ``due`` are given and the share of that span already elapsed exceeds progress by more than 25
percentage points; else ``on_track``. An objective without baseline, target and current has no progress: its
status is ``missed`` once its due date has passed and otherwise not derived (``None``, shown "not measured"),
since "on track" would claim something nobody measured.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

from samkit.plan.crosschecks import name_key
from samkit.plan.enums import ObjectiveStatus
from samkit.plan.model import Objective, Plan, ValueDelivered

# "exceeds progress by more than 25 percentage points"
AT_RISK_MARGIN = Fraction(1, 4)
STATUS_LABELS: dict[ObjectiveStatus | None, str] = {
    ObjectiveStatus.ON_TRACK: "On track",
    ObjectiveStatus.AT_RISK: "At risk",
    ObjectiveStatus.ACHIEVED: "Achieved",
    ObjectiveStatus.MISSED: "Missed",
    None: "Not measured",
}


def progress_of(objective: Objective) -> Fraction | None:
    """(current − baseline) / (target − baseline), exact; None without all three numbers (or baseline = target,
    which validation refuses)."""
    baseline, target, current = objective.baseline, objective.target, objective.current
    if baseline is None or target is None or current is None or target == baseline:
        return None
    return (Fraction(current) - Fraction(baseline)) / (Fraction(target) - Fraction(baseline))


def elapsed_share(start: date, due: date, today: date) -> Fraction:
    """How much of ``start``..``due`` has passed by ``today`` (negative before the start); a span of no days
    (or a due date before the start) has passed entirely once ``today`` reaches its due date."""
    span = (due - start).days
    if span <= 0:
        return Fraction(1) if today >= due else Fraction(0)
    return Fraction((today - start).days, span)


def derived_status(objective: Objective, progress: Fraction | None, today: date) -> ObjectiveStatus | None:
    """The status the rules give, ignoring any ``status`` the plan writes."""
    if progress is not None and progress >= 1:
        return ObjectiveStatus.ACHIEVED
    if objective.due is not None and objective.due < today:
        return ObjectiveStatus.MISSED
    if progress is None:
        return None
    if (
        objective.start is not None
        and objective.due is not None
        and elapsed_share(objective.start, objective.due, today) - progress > AT_RISK_MARGIN
    ):
        return ObjectiveStatus.AT_RISK
    return ObjectiveStatus.ON_TRACK


def shown_progress(progress: Fraction | None) -> Decimal | None:
    """Progress as displayed: clamped to 0-1, as a Decimal to a tenth of a percent, rounded down (so 100% is
    shown only when the target is reached)."""
    if progress is None:
        return None
    clamped = min(max(progress, Fraction(0)), Fraction(1))
    per_mille = (clamped * 1000).__floor__()
    return (Decimal(per_mille) / 1000).quantize(Decimal("0.001"), rounding=ROUND_DOWN)


def as_decimal(progress: Fraction | None) -> Decimal | None:
    """The exact progress as a Decimal (terminating fractions exactly; others to 28 significant digits)."""
    if progress is None:
        return None
    return Decimal(progress.numerator) / Decimal(progress.denominator)


def format_progress(progress: Fraction | None) -> str:
    """``62.5%``, ``100%``, ``0%``: the clamped progress as people read it; ``—`` when not measured."""
    shown = shown_progress(progress)
    if shown is None:
        return "—"
    text = f"{(shown * 100).normalize():f}"
    return f"{text}%"


def quantity(value: Decimal | None, unit: str | None) -> str:
    """``4.2 hours``, ``35%``, ``120000 USD``: a metric's number as written, with its unit."""
    if value is None:
        return "—"
    number = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    if not unit:
        return number
    return f"{number}{unit}" if unit.strip() == "%" else f"{number} {unit}"


BAR_WIDTH = 10


def progress_bar(shown: Decimal | None) -> str:
    """``▰▰▰▰▰▰▱▱▱▱``: displayed progress in tenths, rounded down (full only when the target is reached)."""
    if shown is None:
        return ""
    filled = int(shown * BAR_WIDTH)
    return "▰" * filled + "▱" * (BAR_WIDTH - filled)


@dataclass(frozen=True)
class ObjectiveFigures:
    """One objective with its progress (exact), status (written or derived) and the value delivered towards it."""

    objective: Objective
    progress: Fraction | None
    status: ObjectiveStatus | None
    status_written: bool
    value: Decimal

    @property
    def name(self) -> str:
        return self.objective.name

    @property
    def shown(self) -> Decimal | None:
        return shown_progress(self.progress)

    @property
    def progress_text(self) -> str:
        return format_progress(self.progress)

    @property
    def bar(self) -> str:
        return progress_bar(self.shown)

    @property
    def baseline_text(self) -> str:
        return quantity(self.objective.baseline, self.objective.unit)

    @property
    def target_text(self) -> str:
        return quantity(self.objective.target, self.objective.unit)

    @property
    def current_text(self) -> str:
        return quantity(self.objective.current, self.objective.unit)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def open(self) -> bool:
        """At risk or missed: the ones a program view lists."""
        return self.status in (ObjectiveStatus.AT_RISK, ObjectiveStatus.MISSED)

    def to_dict(self) -> dict[str, Any]:
        objective = self.objective
        return {
            "name": objective.name,
            "metric": objective.metric,
            "unit": objective.unit,
            "baseline": objective.baseline,
            "target": objective.target,
            "current": objective.current,
            "start": objective.start,
            "due": objective.due,
            "progress": as_decimal(self.progress),
            "progress_shown": self.shown,
            "status": self.status.value if self.status is not None else None,
            "status_written": self.status_written,
            "value_delivered": self.value,
            "shared": objective.shared,
            "milestones_done": sum(1 for milestone in objective.milestones if milestone.done),
            "milestones": len(objective.milestones),
        }


def value_by_objective(entries: Iterable[ValueDelivered]) -> dict[str, Decimal]:
    """Σ ``amount`` per objective (by name, compared as names are), entries without an amount adding nothing."""
    totals: dict[str, Decimal] = {}
    for entry in entries:
        if entry.objective is not None and entry.amount is not None:
            key = name_key(entry.objective)
            totals[key] = totals.get(key, Decimal(0)) + entry.amount
    return totals


def total_value(entries: Iterable[ValueDelivered]) -> Decimal:
    """Σ ``amount`` over the entries, exact."""
    return sum((entry.amount for entry in entries if entry.amount is not None), Decimal(0))


def value_since(plan: Plan, since: date | None, today: date) -> list[ValueDelivered]:
    """Value delivered after ``since`` (the last review) and up to today; all of it when never reviewed."""
    return [entry for entry in plan.value_delivered if (since is None or entry.date > since) and entry.date <= today]


def objective_figures(objective: Objective, today: date, values: dict[str, Decimal] | None = None) -> ObjectiveFigures:
    progress = progress_of(objective)
    status = objective.status if objective.status is not None else derived_status(objective, progress, today)
    value = (values or {}).get(name_key(objective.name), Decimal(0))
    return ObjectiveFigures(objective, progress, status, objective.status is not None, value)


@dataclass(frozen=True)
class ObjectivesReport:
    """A plan's objectives with their figures, and the value delivered overall and since the last review."""

    objectives: list[ObjectiveFigures]
    total_value: Decimal
    value_since_review: list[ValueDelivered]
    since: date | None

    @property
    def value_since_total(self) -> Decimal:
        return total_value(self.value_since_review)

    def count(self, status: ObjectiveStatus) -> int:
        return sum(1 for figures in self.objectives if figures.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "objectives": [figures.to_dict() for figures in self.objectives],
            "value_delivered_total": self.total_value,
            "value_since_review": [
                {"date": entry.date, "outcome": entry.outcome, "objective": entry.objective, "amount": entry.amount}
                for entry in self.value_since_review
            ],
            "value_since_review_total": self.value_since_total,
            "since": self.since,
        }


def objectives_report(plan: Plan, today: date) -> ObjectivesReport:
    values = value_by_objective(plan.value_delivered)
    return ObjectivesReport(
        objectives=[objective_figures(objective, today, values) for objective in plan.objectives],
        total_value=total_value(plan.value_delivered),
        value_since_review=value_since(plan, plan.last_reviewed, today),
        since=plan.last_reviewed,
    )


# --- across the program (portfolio, site index) -------------------------------------------------------------


@dataclass(frozen=True)
class ProgramObjective:
    """One objective of one account, for a program-wide list."""

    path: str
    account: str
    figures: ObjectiveFigures

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "account": self.account, **self.figures.to_dict()}


@dataclass(frozen=True)
class ProgramObjectives:
    """How many objectives the active plans hold, and those at risk or missed (missed first, then by due date)."""

    objectives: int
    off_track: list[ProgramObjective]

    def to_dict(self) -> dict[str, Any]:
        return {"objectives": self.objectives, "at_risk_or_missed": [row.to_dict() for row in self.off_track]}


def program_objectives(plans: Iterable[tuple[str, Plan]], today: date) -> ProgramObjectives:
    """Objectives across active plans (churned ones are history, domain.md "Lifecycle")."""
    total = 0
    rows: list[ProgramObjective] = []
    for path, plan in plans:
        if plan.account.churned:
            continue
        report = objectives_report(plan, today)
        total += len(report.objectives)
        rows += [ProgramObjective(path, plan.account.name, item) for item in report.objectives if item.open]
    rows.sort(
        key=lambda row: (
            row.figures.status is not ObjectiveStatus.MISSED,
            row.figures.objective.due or date.max,
            row.account.casefold(),
            row.figures.name.casefold(),
        )
    )
    return ProgramObjectives(total, rows)


# --- over a period (samkit metrics) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveOutcomes:
    """Objectives of the active plans at TO that became achieved, or missed, during the period."""

    objectives: int
    achieved: list[tuple[str, str]]  # (account, objective)
    missed: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        def listed(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
            return [{"account": account, "objective": name} for account, name in pairs]

        return {
            "objectives": self.objectives,
            "achieved": len(self.achieved),
            "missed": len(self.missed),
            "achieved_objectives": listed(self.achieved),
            "missed_objectives": listed(self.missed),
        }


def objective_outcomes(accounts: Iterable[tuple[Plan | None, Plan]], start: date, end: date) -> ObjectiveOutcomes:
    """For each account as (plan at FROM or None, active plan at TO): an objective counts as achieved in the
    period when its status at TO (judged on TO) is achieved and at FROM (judged on FROM) it was not, or did not
    exist; likewise missed. Objectives are matched by name within the account."""
    total = 0
    achieved: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for before, after in accounts:
        earlier = {}
        if before is not None:
            earlier = {name_key(item.name): objective_figures(item, start).status for item in before.objectives}
        for objective in after.objectives:
            total += 1
            now = objective_figures(objective, end).status
            was = earlier.get(name_key(objective.name))
            pair = (after.account.name, objective.name)
            if now is ObjectiveStatus.ACHIEVED and was is not ObjectiveStatus.ACHIEVED:
                achieved.append(pair)
            elif now is ObjectiveStatus.MISSED and was is not ObjectiveStatus.MISSED:
                missed.append(pair)
    return ObjectiveOutcomes(total, sorted(achieved), sorted(missed))
