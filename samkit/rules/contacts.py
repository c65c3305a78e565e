"""SAM101-SAM103: is every stakeholder being talked to, and are the contact dates believable?"""

from __future__ import annotations

from collections.abc import Iterator

from samkit.analysis.staleness import days_between, is_never_contacted, is_stale_contact
from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


@rule("SAM101", "stale-contact", Severity.ERROR)
def stale_contact(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder's `last_contact` is more than `stale_contact_days` before today.

    The default limit is 90 days: a contact exactly 90 days ago is not stale, 91 days ago is. Stakeholders
    with `status: left` are never stale. Points at the stakeholder's `last_contact`. Configure the
    limit with `stale_contact_days` in `[lint]`.
    """
    limit = context.tier_limits.stale_contact_days
    for index, person in enumerate(context.plan.stakeholders):
        if person.last_contact is not None and is_stale_contact(person, context.today, limit):
            age = days_between(person.last_contact, context.today)
            yield context.hit(
                ("stakeholders", index, "last_contact"),
                f"{person.name}: last contact {person.last_contact.isoformat()} was {_days(age)} ago "
                f"(more than {_days(limit)})",
                ("stakeholders", index),
            )


@rule("SAM102", "never-contacted", Severity.WARNING)
def never_contacted(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder has no `last_contact`: nobody has talked to them yet.

    Stakeholders with `status: left` are skipped. Points at the stakeholder's `name`.
    """
    for index, person in enumerate(context.plan.stakeholders):
        if is_never_contacted(person):
            yield context.hit(
                ("stakeholders", index, "name"),
                f"{person.name}: never contacted (no last_contact)",
                ("stakeholders", index),
            )


@rule("SAM103", "future-contact", Severity.ERROR)
def future_contact(context: RuleContext) -> Iterator[Hit]:
    """A stakeholder's `last_contact` is after today.

    A contact cannot have happened in the future; this is usually a typo in the year or month. Checked
    for every stakeholder, including those who have left. Points at the `last_contact`.
    """
    for index, person in enumerate(context.plan.stakeholders):
        if person.last_contact is not None and person.last_contact > context.today:
            yield context.hit(
                ("stakeholders", index, "last_contact"),
                f"{person.name}: last contact {person.last_contact.isoformat()} is after today "
                f"({context.today.isoformat()})",
                ("stakeholders", index),
            )
