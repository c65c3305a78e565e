"""Dates and staleness: one definition for lint, review and the reports."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from samkit.plan.model import Opportunity, Plan, Stakeholder


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


def is_stale_contact(person: Stakeholder, today: date, stale_contact_days: int) -> bool:
    """More than ``stale_contact_days`` since the last contact; departed or never-contacted people are not stale."""
    if not person.active or person.last_contact is None:
        return False
    return days_between(person.last_contact, today) > stale_contact_days


def is_never_contacted(person: Stakeholder) -> bool:
    return person.active and person.last_contact is None


def is_review_overdue(plan: Plan, today: date, review_interval_days: int) -> bool:
    """No ``last_reviewed`` at all, or more than ``review_interval_days`` ago."""
    if plan.last_reviewed is None:
        return True
    return days_between(plan.last_reviewed, today) > review_interval_days


class DatedItem(Protocol):
    """An action as the staleness rules read it: a plan's ``Action`` or an ``OpenAction`` of the program view."""

    @property
    def due(self) -> date: ...

    @property
    def done(self) -> bool: ...


def is_overdue_action(action: DatedItem, today: date) -> bool:
    return not action.done and action.due < today


def is_upcoming_action(action: DatedItem, today: date, window_days: int = 30) -> bool:
    """Not done and due today or within the next ``window_days`` days."""
    return not action.done and 0 <= days_between(today, action.due) <= window_days


def is_lapsed_opportunity(opportunity: Opportunity, today: date) -> bool:
    """Still open after the day it was due to close: ``close_date`` when given, else its timeframe's last day.

    The close date is a day, so an opportunity lapses the day after it (not at the end of its quarter, which
    only places it in the pipeline); one with neither a close date nor a timeframe never lapses.
    """
    # imported here so that listing the lint rules does not build the plan models
    from samkit.plan.enums import OpportunityStatus

    if opportunity.status is not OpportunityStatus.OPEN:
        return False
    if opportunity.close_date is not None:
        return opportunity.close_date < today
    return opportunity.timeframe is not None and opportunity.timeframe.end < today
