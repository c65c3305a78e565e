"""Executive alignment, C-level engagement and contact cadence: one definition for every command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from samkit.analysis.staleness import is_stale_contact
from samkit.plan.enums import Level, Role, Tier
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.config import LintConfig, TierLimits
    from samkit.plan.model import Plan, Stakeholder


def aligned_economic_buyers(plan: Plan) -> list[Stakeholder]:
    """Active economic buyers covered by someone other than the account manager (executive-to-executive)."""
    manager = _person_key(plan.account.manager)
    return [
        person
        for person in plan.active_stakeholders
        if person.role is Role.ECONOMIC_BUYER
        and person.covered_by is not None
        and _person_key(person.covered_by)
        and _person_key(person.covered_by) != manager
    ]


def _person_key(name: str) -> str:
    """Names of our people match ignoring case and spacing ('Maria  Rodriguez' is the manager too)."""
    return " ".join(name.split()).casefold()


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


def cadence_limit(cadence: Cadence, person: Stakeholder, tier: Tier) -> str:
    """The limit a stale contact went over and where it came from, in the words of the file or setting the user
    would change: ``more than 30 days: [lint.cadence] champion``. SAM101's message and coverage's next steps."""
    if cadence.source is CadenceSource.STAKEHOLDER:
        origin = "their cadence_days"
    elif cadence.source is CadenceSource.ROLE and person.role is not None:
        origin = f"[lint.cadence] {person.role.value}"
    else:
        origin = f"stale_contact_days for {tier.value} plans"
    return f"more than {plural(cadence.days, 'day')}: {origin}"


@dataclass(frozen=True)
class PlanCadence:
    """How long each stakeholder of one plan may go without contact (``contact_cadence``), with the plan's tier
    to word the limit: what lint's SAM101 and coverage's next steps judge a stale contact by."""

    lint: LintConfig
    tier: Tier
    limits: TierLimits

    def of(self, person: Stakeholder) -> Cadence:
        return contact_cadence(person, self.lint, self.limits)

    def is_stale(self, person: Stakeholder, today: date) -> bool:
        return is_stale_contact(person, today, self.of(person).days)

    def limit(self, person: Stakeholder) -> str:
        return cadence_limit(self.of(person), person, self.tier)


# --- the executive facts of one plan, as coverage and the QBR brief report them ------------------------------------


def _listing(people: list[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


def _titled(person: Stakeholder) -> str:
    return f"{person.name} ({person.title.strip()})" if person.title and person.title.strip() else person.name


@dataclass(frozen=True)
class ExecutiveEngagement:
    """Executive alignment and C-level contact inside the window (the tier's review interval up to today)."""

    manager: str
    economic_buyers: list[Stakeholder]  # active ones
    aligned: list[Stakeholder]  # of those, covered by someone other than the manager
    c_suite: list[Stakeholder]  # active C-level stakeholders
    contacted: list[Stakeholder]  # of those, contacted inside the window
    window_days: int
    start: date
    end: date

    @property
    def executive_alignment(self) -> bool:
        return bool(self.aligned)

    @property
    def c_level_engagement(self) -> bool:
        return bool(self.contacted)

    def alignment_sentence(self) -> str:
        if self.aligned:
            pairs = [f"{_titled(person)} is covered by {(person.covered_by or '').strip()}" for person in self.aligned]
            return f"Executive alignment: yes. {_listing(pairs)}."
        if not self.economic_buyers:
            return "Executive alignment: none. No active economic buyer is mapped."
        return (
            f"Executive alignment: none. No economic buyer ({_listing([p.name for p in self.economic_buyers])}) is "
            f"covered by anyone but the account manager, {self.manager}: pair an executive on our side with one."
        )

    def engagement_sentence(self) -> str:
        window = f"C-level contact in the last {self.window_days} days (since {self.start.isoformat()})"
        if self.contacted:
            dated = [
                f"{_titled(person)} on {person.last_contact.isoformat()}"
                for person in self.contacted
                if person.last_contact is not None
            ]
            return f"{window}: yes. {_listing(dated)}."
        if not self.c_suite:
            return f"{window}: none. No C-level stakeholder is mapped."
        return f"{window}: none. Not contacted: {_listing([_titled(person) for person in self.c_suite])}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "executive_alignment": self.executive_alignment,
            "aligned_economic_buyers": [
                {"name": person.name, "covered_by": person.covered_by} for person in self.aligned
            ],
            "c_level_engagement": self.c_level_engagement,
            "c_level_contacts": [
                {"name": person.name, "title": person.title, "last_contact": person.last_contact}
                for person in self.contacted
            ],
            "engagement_window": {"days": self.window_days, "from": self.start, "to": self.end},
        }


def executive_engagement(plan: Plan, today: date, window_days: int) -> ExecutiveEngagement:
    """The plan's executive facts, C-level contact counted over the ``window_days`` up to ``today``."""
    start, end = engagement_window(today, window_days)
    return ExecutiveEngagement(
        manager=plan.account.manager.strip(),
        economic_buyers=[person for person in plan.active_stakeholders if person.role is Role.ECONOMIC_BUYER],
        aligned=aligned_economic_buyers(plan),
        c_suite=[person for person in plan.active_stakeholders if person.effective_level is Level.C_SUITE],
        contacted=c_level_contacts(plan, start, end),
        window_days=window_days,
        start=start,
        end=end,
    )
