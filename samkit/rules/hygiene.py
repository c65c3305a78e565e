"""SAM301-SAM305: plan hygiene: reviewed on time, actions done, opportunities current, risks handled."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.analysis.staleness import days_between, is_lapsed_opportunity, is_overdue_action, is_review_overdue
from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule
from samkit.wording import plural


@rule("SAM301", "stale-plan", Severity.WARNING)
def stale_plan(context: RuleContext) -> Iterator[Hit]:
    """`last_reviewed` is missing or more than `review_interval_days` before today.

    The interval depends on the plan's tier: 92 days (a quarter) for strategic plans, 183 for key and
    365 for standard ones. A review exactly on the limit is still current: a strategic plan reviewed 92
    days ago is fine, 93 days ago is stale. Configure with `review_interval_days` in `[lint]` or
    `[lint.tiers.TIER]`. Points at `last_reviewed`, or at the top of the plan when it is missing.

    Why it matters: strategic plans are reviewed every quarter; a plan nobody has reviewed
    describes an account that no longer exists.

    Fails (on 2026-02-01, a strategic plan):

        last_reviewed: 2025-10-31

    Passes:

        last_reviewed: 2025-11-01
    """
    reviewed = context.plan.last_reviewed
    interval = context.tier_limits.review_interval_days
    if reviewed is None:
        yield context.hit((), f"no last_reviewed date: record the last plan review (every {plural(interval, 'day')})")
        return
    if is_review_overdue(context.plan, context.today, interval):
        age = days_between(reviewed, context.today)
        yield context.hit(
            ("last_reviewed",),
            f"plan last reviewed {reviewed.isoformat()}, {plural(age, 'day')} ago (more than {plural(interval, 'day')})",
        )


@rule("SAM302", "overdue-action", Severity.WARNING)
def overdue_action(context: RuleContext) -> Iterator[Hit]:
    """An action is due before today and not `done`.

    An action due today is not overdue yet; a done action never is. Points at the action's `due`.

    Why it matters: an action plan whose dates have passed is a wish list; either do it, mark it
    done, or move the date honestly.

    Fails (on 2026-02-01):

        actions:
          - due: 2026-01-20
            action: Discovery call with Robert Martinez

    Passes:

        actions:
          - due: 2026-01-20
            action: Discovery call with Robert Martinez
            done: true
    """
    for index, action in enumerate(context.plan.actions):
        if is_overdue_action(action, context.today):
            days = days_between(action.due, context.today)
            owner = f", owner {action.owner}" if action.owner else ""
            yield context.item_hit(
                ("actions", index),
                "due",
                f"action due {action.due.isoformat()} is {plural(days, 'day')} overdue{owner}: {action.action}",
            )


@rule("SAM303", "lapsed-opportunity", Severity.WARNING)
def lapsed_opportunity(context: RuleContext) -> Iterator[Hit]:
    """An open opportunity's `close_date` has passed, or, without one, its `timeframe` has ended.

    With a `close_date` (a day, the CRM's current word, which wins over the timeframe) the opportunity
    lapses the day after it: closing 2026-04-15, it lapses on 2026-04-16, not when that quarter ends.
    Without one, a timeframe ends on the last day of its last quarter (`Q1 2026` ends 2026-03-31, so it
    lapses on 2026-04-01). Won or lost opportunities, and those with neither, are not checked. Points at
    the `close_date`, else the `timeframe`.

    Why it matters: a lapsed opportunity inflates the pipeline; move the date or close it.

    Fails (on 2026-04-16):

        opportunities:
          - name: Advanced Analytics Module
            value: $120K
            probability: 75%
            timeframe: Q2 2026
            close_date: 2026-04-15

    Passes:

        opportunities:
          - name: Advanced Analytics Module
            value: $120K
            probability: 75%
            timeframe: Q2 2026
            close_date: 2026-04-16
    """
    for index, opportunity in enumerate(context.plan.opportunities):
        if not is_lapsed_opportunity(opportunity, context.today):
            continue
        if opportunity.close_date is not None:  # the CRM's close date wins over the timeframe, and is named
            yield context.item_hit(
                ("opportunities", index),
                "close_date",
                f"{opportunity.name}: still open but its close date {opportunity.close_date.isoformat()} has passed",
            )
            continue
        span = opportunity.timeframe
        assert span is not None  # without a close date, a lapsed opportunity has a timeframe
        yield context.item_hit(
            ("opportunities", index),
            "timeframe",
            f"{opportunity.name}: still open but its timeframe {span} ended {span.end.isoformat()}",
        )


@rule("SAM304", "unmitigated-risk", Severity.ERROR)
def unmitigated_risk(context: RuleContext) -> Iterator[Hit]:
    """A `high` severity risk has no mitigation.

    A mitigation that is missing, empty, or only blank steps counts as none. Points at the risk.

    Why it matters: a high risk written down without a plan is a forecast of loss, not management.

    Fails:

        risks:
          - risk: Competitor pilot in the Payments division
            severity: high

    Passes:

        risks:
          - risk: Competitor pilot in the Payments division
            severity: high
            mitigation: Executive briefing on our real-time payments roadmap
    """
    from samkit.plan.enums import RiskSeverity

    for index, risk in enumerate(context.plan.risks):
        if risk.severity is RiskSeverity.HIGH and not any(step.strip() for step in risk.mitigation):
            yield context.item_hit(("risks", index), "risk", f"high-severity risk without mitigation: {risk.risk}")


@rule("SAM305", "tier-mismatch", Severity.WARNING)
def tier_mismatch(context: RuleContext) -> Iterator[Hit]:
    """`account.tier` differs from the tier the plan's `score` block gives.

    The score uses the configured weights and thresholds (`[scoring]`). Plans without a declared tier
    or without a score block are not checked. Points at `account.tier`.

    Why it matters: the tier decides the limits the other rules apply and where the account sits in
    the portfolio; a declared tier the score does not support misleads both.

    Fails (these points score 90.5, which is Strategic):

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
          tier: key
        score: {current_revenue: 10, expansion_potential: 9, strategic_fit: 10, market_influence: 9,
          relationship_strength: 8, product_adoption: 7, partnership_potential: 8}

    Passes (the same score block):

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
          tier: strategic
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
