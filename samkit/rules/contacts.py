"""SAM101-SAM103: is every stakeholder being talked to, and are the contact dates believable?"""

from __future__ import annotations

from collections.abc import Iterator

from samkit.analysis.staleness import days_between, is_never_contacted
from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule
from samkit.wording import plural


@rule("SAM101", "stale-contact", Severity.ERROR)
def stale_contact(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder's `last_contact` is more than `stale_contact_days` before today (or their own cadence).

    The cadence is, first found: the stakeholder's own `cadence_days`; `[lint.cadence]` for their role;
    the tier's `stale_contact_days` (90 days by default for every tier). Stale means *more than* the
    cadence: with 90 days, a contact exactly 90 days ago is not stale, 91 days ago is. Stakeholders with
    `status: left` are never stale. The message names the cadence and where it came from. Points at the
    stakeholder's `last_contact`.

    Why it matters: a relationship nobody tends goes cold, and a cold relationship is found out at
    renewal time, when it is too late to warm it up.

    Fails (on 2026-02-01, 91 days after the contact):

        stakeholders:
          - name: Lisa Thompson
            relationship: moderate
            last_contact: 2025-11-02

    Passes (a 120-day cadence for this person):

        stakeholders:
          - name: Lisa Thompson
            relationship: moderate
            last_contact: 2025-11-02
            cadence_days: 120
    """
    from samkit.analysis.engagement import PlanCadence

    cadence = PlanCadence(context.limits.config, context.tier, context.tier_limits)
    for index, person in enumerate(context.plan.stakeholders):
        if person.last_contact is None:
            continue
        if cadence.is_stale(person, context.today):
            age = days_between(person.last_contact, context.today)
            yield context.item_hit(
                ("stakeholders", index),
                "last_contact",
                f"{person.name}: last contact {person.last_contact.isoformat()} was {plural(age, 'day')} ago "
                f"({cadence.limit(person)})",
            )


@rule("SAM102", "never-contacted", Severity.WARNING)
def never_contacted(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder has no `last_contact`: nobody has talked to them yet.

    Stakeholders with `status: left` are skipped. Points at the stakeholder's `name`.

    Why it matters: a name on the map that nobody has met is a gap, not coverage; the first
    conversation is the next action.

    Fails:

        stakeholders:
          - name: Robert Martinez
            relationship: none

    Passes:

        stakeholders:
          - name: Robert Martinez
            relationship: weak
            last_contact: 2026-01-20
    """
    for index, person in enumerate(context.plan.stakeholders):
        if is_never_contacted(person):
            yield context.item_hit(("stakeholders", index), "name", f"{person.name}: never contacted (no last_contact)")


@rule("SAM103", "future-contact", Severity.ERROR)
def future_contact(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder's `last_contact` is after today.

    A contact cannot have happened in the future; this is usually a typo in the year or month. Checked
    for every stakeholder, including those who have left. Points at the `last_contact`.

    Why it matters: a date in the future hides a stale contact for months, and every report that
    counts recent contacts is wrong until it is fixed.

    Fails (on 2026-02-01):

        stakeholders:
          - name: David Park
            relationship: strong
            last_contact: 2027-01-28

    Passes:

        stakeholders:
          - name: David Park
            relationship: strong
            last_contact: 2026-01-28
    """
    for index, person in enumerate(context.plan.stakeholders):
        if person.last_contact is not None and person.last_contact > context.today:
            yield context.item_hit(
                ("stakeholders", index),
                "last_contact",
                f"{person.name}: last contact {person.last_contact.isoformat()} is after today "
                f"({context.today.isoformat()})",
            )
