"""Executive alignment, C-level engagement and contact cadence: one definition for every command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from samkit.plan.enums import Level, Role

if TYPE_CHECKING:
    from samkit.config import LintConfig, TierLimits
    from samkit.plan.model import Plan, Stakeholder


def aligned_economic_buyers(plan: Plan) -> list[Stakeholder]:
    """Active economic buyers covered by someone other than the account manager (executive-to-executive)."""
    manager = plan.account.manager.strip().casefold()
    return [
        person
        for person in plan.active_stakeholders
        if person.role is Role.ECONOMIC_BUYER
        and person.covered_by is not None
        and person.covered_by.strip()
        and person.covered_by.strip().casefold() != manager
    ]


def has_executive_alignment(plan: Plan) -> bool:
    """Some active economic buyer is ``covered_by`` someone other than ``account.manager``."""
    return bool(aligned_economic_buyers(plan))


def c_level_contacts(plan: Plan, start: date, end: date) -> list[Stakeholder]:
    """Active C-suite stakeholders whose ``last_contact`` falls from ``start`` to ``end``, both days included."""
    return [
        person
        for person in plan.active_stakeholders
        if person.effective_level is Level.C_SUITE
        and person.last_contact is not None
        and start <= person.last_contact <= end
    ]


def has_c_level_engagement(plan: Plan, start: date, end: date) -> bool:
    return bool(c_level_contacts(plan, start, end))


def engagement_window(today: date, days: int) -> tuple[date, date]:
    """The window a rule looks back over: the ``days`` days up to and including today."""
    return today - timedelta(days=days), today


class CadenceSource(StrEnum):
    """Where a stakeholder's contact cadence came from, for messages that say why a contact is stale."""

    STAKEHOLDER = "the stakeholder's cadence_days"
    ROLE = "[lint.cadence] for their role"
    TIER = "the tier's stale_contact_days"


@dataclass(frozen=True)
class Cadence:
    days: int
    source: CadenceSource


def contact_cadence(person: Stakeholder, lint: LintConfig, limits: TierLimits) -> Cadence:
    """First found: the stakeholder's ``cadence_days``; ``[lint.cadence]`` for their role; the tier's limit."""
    if person.cadence_days is not None:
        return Cadence(person.cadence_days, CadenceSource.STAKEHOLDER)
    if person.role is not None and person.role in lint.cadence:
        return Cadence(lint.cadence[person.role], CadenceSource.ROLE)
    return Cadence(limits.stale_contact_days, CadenceSource.TIER)
