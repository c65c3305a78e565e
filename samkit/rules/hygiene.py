"""SAM301-SAM305: plan hygiene: reviewed on time, actions done, opportunities current, risks handled."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.analysis.staleness import days_between, is_lapsed_opportunity, is_overdue_action, is_review_overdue
from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule


@rule("SAM301", "stale-plan", Severity.WARNING)
def stale_plan(context: RuleContext) -> Iterator[Hit]:
    """`last_reviewed` is missing or more than `review_interval_days` before today.

    Plans are reviewed quarterly; the default interval is 92 days, so a review exactly 92 days ago is
    still current. Configure with `review_interval_days` in `[lint]`.
    """
    reviewed = context.plan.last_reviewed
    interval = context.tier_limits.review_interval_days
    if reviewed is None:
        yield context.hit((), f"no last_reviewed date: record the last plan review (every {interval} days)")
        return
    if is_review_overdue(context.plan, context.today, interval):
        age = days_between(reviewed, context.today)
        yield context.hit(
            ("last_reviewed",),
            f"plan last reviewed {reviewed.isoformat()}, {age} days ago (more than {interval} days)",
        )


@rule("SAM302", "overdue-action", Severity.WARNING)
def overdue_action(context: RuleContext) -> Iterator[Hit]:
    """An action is due before today and not `done`.

    An action due today is not overdue yet; a done action never is. Points at the action's `due`.
    """
    for index, action in enumerate(context.plan.actions):
        if is_overdue_action(action, context.today):
            days = days_between(action.due, context.today)
            owner = f", owner {action.owner}" if action.owner else ""
            yield context.hit(
                ("actions", index, "due"),
                f"action due {action.due.isoformat()} is {days} day{'s' * (days != 1)} overdue{owner}: {action.action}",
                ("actions", index),
            )


@rule("SAM303", "lapsed-opportunity", Severity.WARNING)
def lapsed_opportunity(context: RuleContext) -> Iterator[Hit]:
    """An open opportunity's `timeframe` ended before today.

    A timeframe ends on the last day of its last quarter (`Q1 2026` ends 2026-03-31, so it lapses on
    2026-04-01). Won or lost opportunities, and those without a timeframe, are not checked. Move the
    timeframe or close the opportunity. Points at the `timeframe`.
    """
    for index, opportunity in enumerate(context.plan.opportunities):
        timeframe = opportunity.timeframe
        if timeframe is not None and is_lapsed_opportunity(opportunity, context.today):
            yield context.hit(
                ("opportunities", index, "timeframe"),
                f"{opportunity.name}: still open but its timeframe {timeframe} ended {timeframe.end.isoformat()}",
                ("opportunities", index),
            )


@rule("SAM304", "unmitigated-risk", Severity.ERROR)
def unmitigated_risk(context: RuleContext) -> Iterator[Hit]:
    """A `high` severity risk has no mitigation.

    A mitigation that is missing, empty, or only blank steps counts as none. Points at the risk.
    """
    from samkit.plan.enums import RiskSeverity

    for index, risk in enumerate(context.plan.risks):
        if risk.severity is RiskSeverity.HIGH and not any(step.strip() for step in risk.mitigation):
            yield context.hit(
                ("risks", index, "risk"),
                f"high-severity risk without mitigation: {risk.risk}",
                ("risks", index),
            )


@rule("SAM305", "tier-mismatch", Severity.WARNING)
def tier_mismatch(context: RuleContext) -> Iterator[Hit]:
    """`account.tier` differs from the tier the plan's `score` block gives.

    The score uses the configured weights and thresholds (`[scoring]`). Plans without a declared tier
    or without a score block are not checked. Points at `account.tier`.
    """
    from samkit.analysis.plan_score import plan_score

    declared = context.plan.account.tier
    result = plan_score(context.plan, context.scoring)
    if declared is None or result is None or declared.label == result.tier:
        return
    from samkit.analysis.scoring import display_score

    yield context.hit(
        ("account", "tier"),
        f"declared tier {declared.label} but the score block gives {display_score(result.score)}, "
        f"which is {result.tier}",
    )
