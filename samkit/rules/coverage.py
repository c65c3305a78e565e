"""SAM201-SAM207: multi-threading and executive reach, from the figures of `samkit.analysis`."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule
from samkit.wording import plural


def _stakeholders_hit(context: RuleContext, message: str) -> Hit:
    """Section-wide findings point at the `stakeholders:` key (or the top of the plan without one)."""
    return context.hit_at_key(("stakeholders",), message)


def _missing_role(context: RuleContext, role: str) -> Iterator[Hit]:
    """SAM203/SAM204: no active stakeholder in ``role`` at moderate or better (not judged before the map exists)."""
    if role in context.coverage.missing_roles and not context.unmapped:
        yield _stakeholders_hit(context, f"no {role.replace('_', ' ')} with a moderate or strong relationship")


@rule("SAM201", "single-threaded", Severity.ERROR)
def single_threaded(context: RuleContext) -> Iterator[Hit]:
    """Fewer than 2 relationships: the account hangs on one person (or none).

    A relationship is a stakeholder at `moderate` or `strong`; stakeholders who have left do not
    count. Points at the `stakeholders:` key. Accept it with a comment at plan level (outside any
    list item, for example at the top of the file). A plan not mapped yet (no stakeholders at all and
    no `last_reviewed`, as `samkit new` writes it) is not checked: SAM202 says "not mapped yet" instead.

    Why it matters: when the one contact leaves, changes role or loses a budget fight, the account
    goes with them; multi-threading is the first rule of strategic account management.

    Fails:

        stakeholders:
          - name: David Park
            relationship: strong
          - name: Jennifer Liu
            relationship: weak

    Passes:

        stakeholders:
          - name: David Park
            relationship: strong
          - name: Jennifer Liu
            relationship: moderate
    """
    coverage = context.coverage
    if coverage.single_threaded and not context.unmapped:
        yield _stakeholders_hit(
            context,
            f"single-threaded: relationships (moderate or strong) with {coverage.relationships} of "
            f"{plural(coverage.stakeholders, 'stakeholder')}; build at least 2",
        )


@rule("SAM202", "thin-coverage", Severity.WARNING)
def thin_coverage(context: RuleContext) -> Iterator[Hit]:
    """Fewer than `min_stakeholders` stakeholders are mapped.

    The minimum depends on the plan's tier: 8 for strategic plans (a strategic account wants 8-10 mapped
    stakeholders), 5 for key and 3 for standard ones. Stakeholders who have left
    do not count. A plan with no stakeholders at all and no `last_reviewed` gets "not mapped yet".
    Configure with `min_stakeholders` in `[lint]` or `[lint.tiers.TIER]`.

    Why it matters: a thin map misses the people who decide in the background: procurement, security,
    the next budget owner.

    Fails (a standard plan, minimum 3):

        account:
          name: Blue Harbor Logistics
          manager: Maria Rodriguez
          tier: standard
        stakeholders:
          - name: Grace Okafor
            relationship: strong
          - name: Tom Reyes
            relationship: moderate

    Passes (the same plan with a third stakeholder):

        stakeholders:
          - name: Grace Okafor
            relationship: strong
          - name: Tom Reyes
            relationship: moderate
          - name: Priya Nair
            relationship: weak
    """
    coverage = context.coverage
    minimum = context.tier_limits.min_stakeholders
    if context.unmapped:
        yield _stakeholders_hit(
            context, f"stakeholders not mapped yet: map at least {minimum} ({context.tier.value} plan)"
        )
    elif coverage.stakeholders < minimum:
        yield _stakeholders_hit(
            context, f"thin coverage: {plural(coverage.stakeholders, 'stakeholder')} mapped, fewer than {minimum}"
        )


@rule("SAM203", "no-economic-buyer", Severity.WARNING)
def no_economic_buyer(context: RuleContext) -> Iterator[Hit]:
    """No stakeholder with role `economic_buyer` at `moderate` or better.

    Stakeholders who have left do not count. Not checked on a plan not mapped yet.

    Why it matters: whoever signs the budget is unknown or not on our side, so every expansion and
    the renewal itself depend on someone we cannot reach.

    Fails:

        stakeholders:
          - name: Lisa Thompson
            role: economic_buyer
            relationship: weak

    Passes:

        stakeholders:
          - name: Lisa Thompson
            role: economic_buyer
            relationship: moderate
    """
    yield from _missing_role(context, "economic_buyer")


@rule("SAM204", "no-champion", Severity.WARNING)
def no_champion(context: RuleContext) -> Iterator[Hit]:
    """No stakeholder with role `champion` at `moderate` or better.

    Stakeholders who have left do not count. Not checked on a plan not mapped yet.

    Why it matters: nobody inside the account is selling for us when we are not in the room.

    Fails:

        stakeholders:
          - name: Jennifer Liu
            role: user
            relationship: strong

    Passes:

        stakeholders:
          - name: Jennifer Liu
            role: champion
            relationship: strong
    """
    yield from _missing_role(context, "champion")


@rule("SAM205", "no-executive-sponsor", Severity.WARNING)
def no_executive_sponsor(context: RuleContext) -> Iterator[Hit]:
    """`account.executive_sponsor` is empty: no executive on our side owns the relationship.

    Points at `executive_sponsor` when it is present but blank, else at `account`.

    Why it matters: every strategic account is paired with an executive of ours who meets the
    customer's executives; without one, escalations and renewals have nobody senior to turn to.

    Fails:

        account:
          name: Northwind Retail Group
          manager: Maria Rodriguez
          executive_sponsor:

    Passes:

        account:
          name: Northwind Retail Group
          manager: Maria Rodriguez
          executive_sponsor: Dana Cole
    """
    if "executive_sponsor" in context.coverage.missing_roles:
        message = "no executive sponsor (account.executive_sponsor is empty)"
        if ("account", "executive_sponsor") in context.loaded.positions.values:
            yield context.hit(("account", "executive_sponsor"), message)
        else:
            yield context.hit_at_key(("account",), message)


@rule("SAM206", "no-executive-alignment", Severity.WARNING)
def no_executive_alignment(context: RuleContext) -> Iterator[Hit]:
    """No active economic buyer is covered by someone other than `account.manager`.

    Executive alignment is an executive-to-executive relationship, independent of the account manager:
    an economic buyer whose `covered_by` names someone of ours other than the account manager (names
    compare case-insensitively). Stakeholders who have left do not count. Not checked on a plan not
    mapped yet. Points at the `stakeholders:` key.

    Why it matters: when the only line to the budget holder runs through the account manager, the
    relationship leaves with them, and nobody of equal rank can talk to the customer's executives.

    Fails:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
        stakeholders:
          - name: Lisa Thompson
            role: economic_buyer
            relationship: moderate
            covered_by: Maria Rodriguez

    Passes:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
        stakeholders:
          - name: Lisa Thompson
            role: economic_buyer
            relationship: moderate
            covered_by: Dana Cole
    """
    from samkit.analysis.engagement import has_executive_alignment
    from samkit.plan.enums import Role

    plan = context.plan
    if context.unmapped or has_executive_alignment(plan):
        return
    buyers = [person.name for person in plan.active_stakeholders if person.role is Role.ECONOMIC_BUYER]
    if buyers:
        noun = "economic buyers" if len(buyers) > 1 else "economic buyer"
        detail = f"{noun} {', '.join(buyers)} covered by the account manager ({plan.account.manager}) or nobody"
    else:
        detail = "no active economic buyer mapped"
    yield _stakeholders_hit(context, f"no executive alignment: {detail}; pair an executive of ours with one")


@rule("SAM207", "no-executive-engagement", Severity.WARNING)
def no_executive_engagement(context: RuleContext) -> Iterator[Hit]:
    """Strategic plans: no active C-level stakeholder contacted within the tier's `review_interval_days`.

    A stakeholder is C-level when their `level` is `c_suite`, or their title says so (CTO, CFO,
    Chief ...). The window is the `review_interval_days` days up to today (92 for strategic plans): a
    contact exactly 92 days ago still counts, 93 days ago does not. Key and standard plans, and plans not
    mapped yet, are not checked. Points at the `stakeholders:` key.

    Why it matters: the rule of thumb is C-level contact with 70% of strategic accounts every
    quarter; an account whose executives have not heard from us in a quarter is drifting.

    Fails (on 2026-02-01, strategic):

        stakeholders:
          - name: David Park
            title: CTO
            relationship: strong
            last_contact: 2025-10-31

    Passes:

        stakeholders:
          - name: David Park
            title: CTO
            relationship: strong
            last_contact: 2025-11-01
    """
    from samkit.analysis.engagement import c_level_contacts, engagement_window
    from samkit.plan.enums import Level, Tier

    if context.tier is not Tier.STRATEGIC or context.unmapped:
        return
    days = context.tier_limits.review_interval_days
    start, end = engagement_window(context.today, days)
    if c_level_contacts(context.plan, start, end):
        return
    c_level = [
        person
        for person in context.plan.active_stakeholders
        if person.effective_level is Level.C_SUITE
        and person.last_contact is not None
        and person.last_contact <= context.today
    ]
    latest = max(c_level, key=lambda person: person.last_contact or start, default=None)
    seen = f"; last: {latest.name} on {latest.last_contact}" if latest is not None else ""
    yield _stakeholders_hit(
        context,
        f"no executive engagement: no C-level contact in the last {plural(days, 'day')} (since {start.isoformat()}){seen}",
    )
