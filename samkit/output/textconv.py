"""The canonical one-plan view that ``samkit diff --textconv`` gives ``git diff``: one fact a line, sorted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samkit.output.change_text import show
from samkit.plan.values import format_money
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.config import ScoringConfig
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan


def canonical_view(loaded: LoadedPlan, raw_text: str, scoring: ScoringConfig | None = None) -> str:
    """One plan, sorted and normalised, one fact a line, so that ``git diff`` shows what changed.

    A plan that does not parse is shown as its problems followed by its raw text.
    """
    plan = loaded.plan
    if plan is None:
        header = [f"# samkit: {loaded.path} does not parse; showing the raw text"]
        header += [f"# {finding.format_text()}" for finding in loaded.findings]
        return "\n".join(header) + "\n" + raw_text + ("" if raw_text.endswith("\n") or not raw_text else "\n")
    lines = _plan_facts(plan, scoring) + _figures(plan) + _item_blocks(plan) + _customer_blocks(plan)
    return "\n".join(lines) + "\n"


def _fact(lines: list[str], label: str, value: Any, name: str = "") -> None:
    """``label: value`` as a person reads it; nothing for an empty value."""
    if value is None or value == [] or value == "":
        return
    lines.append(f"{label}: {show(value, name or label.rsplit('.', 1)[-1])}")


def _block(
    lines: list[str], heading: str, values: dict[str, Any], skip: str, extra: dict[str, str] | None = None
) -> None:
    """One item after a blank line: its heading, then a line per value (a list gives a line per step)."""
    lines.append("")
    lines.append(heading)
    for name, value in values.items():
        if name == skip or value is None or value == []:
            continue
        steps = value if isinstance(value, list) else [value]
        lines.extend(f"  {name}: {show(step, name)}" for step in steps)
    for name, value in (extra or {}).items():
        lines.append(f"  {name}: {value}")


def _plan_facts(plan: Plan, scoring: ScoringConfig | None) -> list[str]:
    """The account, the period, the score and tier, the context and the state: one fact a line."""
    from samkit.analysis.changes import plain
    from samkit.analysis.plan_score import plan_score, plan_tier

    lines: list[str] = []
    account = plan.account
    for name in ("name", "industry", "manager", "executive_sponsor", "tier", "arr", "status", "renewal_date"):
        _fact(lines, f"account.{name}", plain(getattr(account, name)), name)
    for member in sorted(account.team, key=lambda person: person.name.casefold()):
        lines.append(f"account.team: {member.name}{f' ({member.role})' if member.role else ''}")
    _fact(lines, "period", plain(plan.period))
    _fact(lines, "last_reviewed", plain(plan.last_reviewed))
    result = plan_score(plan, scoring)
    if result is not None and plan.score is not None:
        lines.append(f"score: {result.shown} ({result.tier})")
        for name, points in plan.score.points().items():
            _fact(lines, f"score.{name}", points)
    tier = plan_tier(plan, scoring)
    if result is None and tier is not None:
        lines.append(f"tier: {tier}")
    for item in plan.context.initiatives:
        _fact(lines, "context.initiative", item)
    for item in plan.context.metrics:
        _fact(lines, "context.metric", item)
    _fact(lines, "context.competition", plan.context.competition)
    for name, value in plain(plan.state).items():
        _fact(lines, f"state.{name}", value, name)
    return lines


def _figures(plan: Plan) -> list[str]:
    """The coverage and pipeline figures the other commands show for this plan."""
    from samkit.analysis.coverage import compute_coverage
    from samkit.analysis.pipeline import compute_pipeline

    coverage = compute_coverage(plan)
    pipeline = compute_pipeline(plan)
    return [
        f"coverage: {coverage.sentence()}; {plural(len(coverage.departments), 'department')}; "
        f"missing roles: {', '.join(coverage.missing_roles) or 'none'}",
        f"pipeline: recurring {format_money(pipeline.recurring)} + one-time {format_money(pipeline.one_time)}"
        f" = {format_money(pipeline.total)}; weighted {format_money(pipeline.weighted_recurring)}"
        f" + {format_money(pipeline.weighted_one_time)} = {format_money(pipeline.weighted_total)}",
    ]


def _item_blocks(plan: Plan) -> list[str]:
    """A block per stakeholder, opportunity, risk, action, RACI entry and whitespace cell, each list sorted."""
    from samkit.analysis.changes import plain, whitespace_subject

    lines: list[str] = []
    for person in sorted(plan.stakeholders, key=lambda item: item.name.casefold()):
        inferred = {} if person.level is not None else {"level": f"{person.effective_level.value} (from title)"}
        _block(lines, f"stakeholder: {person.name}", plain(person), "name", inferred)
    for opportunity in sorted(plan.opportunities, key=lambda item: item.name.casefold()):
        weighted = {"weighted": format_money(opportunity.weighted)}
        _block(lines, f"opportunity: {opportunity.name}", plain(opportunity), "name", weighted)
    for risk in sorted(plan.risks, key=lambda item: item.risk.casefold()):
        _block(lines, f"risk: {' '.join(risk.risk.split())}", plain(risk), "risk")
    for action in sorted(plan.actions, key=lambda item: (item.action.casefold(), item.due)):
        values = plain(action)
        values["done"] = "yes" if action.done else "no"
        _block(lines, f"action: {' '.join(action.action.split())}", values, "action")
    for entry in sorted(plan.raci, key=lambda item: item.activity.casefold()):
        _block(lines, f"raci: {' '.join(entry.activity.split())}", plain(entry), "activity")
    for cell in sorted(plan.whitespace, key=lambda item: (item.unit.casefold(), item.product.casefold())):
        values = {name: value for name, value in plain(cell).items() if name not in ("unit", "product")}
        _block(lines, f"whitespace: {whitespace_subject(cell)}", values, "")
    return lines


def _customer_blocks(plan: Plan) -> list[str]:
    """Round 3: the customer's side, a block per objective (with its progress) and per value delivered."""
    from samkit.analysis.changes import plain
    from samkit.analysis.objectives import format_progress, progress_of

    lines: list[str] = []
    for objective in sorted(plan.objectives, key=lambda item: item.name.casefold()):
        progress = {"progress": format_progress(progress_of(objective))}
        _block(lines, f"objective: {' '.join(objective.name.split())}", plain(objective), "name", progress)
    for value in sorted(plan.value_delivered, key=lambda item: (item.date, item.outcome.casefold())):
        _block(lines, f"value delivered: {' '.join(value.outcome.split())}", plain(value), "outcome")
    return lines
