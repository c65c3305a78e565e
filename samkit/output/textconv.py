"""The canonical one-plan view that ``samkit diff --textconv`` gives ``git diff``: one fact a line, sorted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samkit.output.change_text import plural, show
from samkit.plan.values import format_money

if TYPE_CHECKING:
    from samkit.config import ScoringConfig
    from samkit.plan.loader import LoadedPlan


def canonical_view(loaded: LoadedPlan, raw_text: str, scoring: ScoringConfig | None = None) -> str:  # noqa: C901 - follow-up: one writer per plan section
    """One plan, sorted and normalised, one fact a line, so that ``git diff`` shows what changed.

    A plan that does not parse is shown as its problems followed by its raw text.
    """
    plan = loaded.plan
    if plan is None:
        header = [f"# samkit: {loaded.path} does not parse; showing the raw text"]
        header += [f"# {finding.format_text()}" for finding in loaded.findings]
        return "\n".join(header) + "\n" + raw_text + ("" if raw_text.endswith("\n") or not raw_text else "\n")

    from samkit.analysis.changes import plain, whitespace_subject
    from samkit.analysis.coverage import compute_coverage
    from samkit.analysis.pipeline import compute_pipeline
    from samkit.analysis.plan_score import plan_score, plan_tier

    lines: list[str] = []

    def fact(label: str, value: Any, name: str = "") -> None:
        if value is None or value == [] or value == "":
            return
        lines.append(f"{label}: {show(value, name or label.rsplit('.', 1)[-1])}")

    account = plan.account
    for name in ("name", "industry", "manager", "executive_sponsor", "tier", "arr", "status", "renewal_date"):
        fact(f"account.{name}", plain(getattr(account, name)), name)
    for member in sorted(account.team, key=lambda person: person.name.casefold()):
        lines.append(f"account.team: {member.name}{f' ({member.role})' if member.role else ''}")
    fact("period", plain(plan.period))
    fact("last_reviewed", plain(plan.last_reviewed))
    result = plan_score(plan, scoring)
    if result is not None and plan.score is not None:
        lines.append(f"score: {result.shown} ({result.tier})")
        for name, points in plan.score.points().items():
            fact(f"score.{name}", points)
    tier = plan_tier(plan, scoring)
    if result is None and tier is not None:
        lines.append(f"tier: {tier}")
    for item in plan.context.initiatives:
        fact("context.initiative", item)
    for item in plan.context.metrics:
        fact("context.metric", item)
    fact("context.competition", plan.context.competition)
    for name, value in plain(plan.state).items():
        fact(f"state.{name}", value, name)
    coverage = compute_coverage(plan)
    lines.append(
        f"coverage: {coverage.sentence()}; {plural(len(coverage.departments), 'department')}; "
        f"missing roles: {', '.join(coverage.missing_roles) or 'none'}"
    )
    pipeline = compute_pipeline(plan)
    lines.append(
        f"pipeline: recurring {format_money(pipeline.recurring)} + one-time {format_money(pipeline.one_time)}"
        f" = {format_money(pipeline.total)}; weighted {format_money(pipeline.weighted_recurring)}"
        f" + {format_money(pipeline.weighted_one_time)} = {format_money(pipeline.weighted_total)}"
    )

    def block(heading: str, values: dict[str, Any], skip: str, extra: dict[str, str] | None = None) -> None:
        lines.append("")
        lines.append(heading)
        for name, value in values.items():
            if name == skip or value is None or value == []:
                continue
            steps = value if isinstance(value, list) else [value]
            lines.extend(f"  {name}: {show(step, name)}" for step in steps)
        for name, value in (extra or {}).items():
            lines.append(f"  {name}: {value}")

    for person in sorted(plan.stakeholders, key=lambda item: item.name.casefold()):
        inferred = {} if person.level is not None else {"level": f"{person.effective_level.value} (from title)"}
        block(f"stakeholder: {person.name}", plain(person), "name", inferred)
    for opportunity in sorted(plan.opportunities, key=lambda item: item.name.casefold()):
        weighted = {"weighted": format_money(opportunity.weighted)}
        block(f"opportunity: {opportunity.name}", plain(opportunity), "name", weighted)
    for risk in sorted(plan.risks, key=lambda item: item.risk.casefold()):
        block(f"risk: {' '.join(risk.risk.split())}", plain(risk), "risk")
    for action in sorted(plan.actions, key=lambda item: (item.action.casefold(), item.due)):
        values = plain(action)
        values["done"] = "yes" if action.done else "no"
        block(f"action: {' '.join(action.action.split())}", values, "action")
    for entry in sorted(plan.raci, key=lambda item: item.activity.casefold()):
        block(f"raci: {' '.join(entry.activity.split())}", plain(entry), "activity")
    for cell in sorted(plan.whitespace, key=lambda item: (item.unit.casefold(), item.product.casefold())):
        values = {name: value for name, value in plain(cell).items() if name not in ("unit", "product")}
        block(f"whitespace: {whitespace_subject(cell)}", values, "")
    from samkit.analysis.objectives import format_progress, progress_of  # round 3: the customer's side

    for objective in sorted(plan.objectives, key=lambda item: item.name.casefold()):
        progress = {"progress": format_progress(progress_of(objective))}
        block(f"objective: {' '.join(objective.name.split())}", plain(objective), "name", progress)
    for value in sorted(plan.value_delivered, key=lambda item: (item.date, item.outcome.casefold())):
        block(f"value delivered: {' '.join(value.outcome.split())}", plain(value), "outcome")
    return "\n".join(lines) + "\n"
