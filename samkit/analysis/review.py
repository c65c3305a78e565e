"""The QBR brief: what a Strategic Account Manager reads the morning before a quarterly business review.

Built from the shared computations (coverage, pipeline, score, staleness); the "what changed" list comes
from the diff engine and is passed in, so this module knows nothing about git.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from samkit.analysis.changes import Change
from samkit.analysis.coverage import Coverage, compute_coverage, next_steps
from samkit.analysis.engagement import ExecutiveEngagement, contact_cadence, executive_engagement
from samkit.analysis.objectives import ObjectivesReport, objectives_report
from samkit.analysis.pipeline import Pipeline, compute_pipeline
from samkit.analysis.plan_score import PlanTier, plan_limits, plan_score, plan_tier, tier_and_source
from samkit.analysis.scoring import ScoreResult, display_score
from samkit.analysis.staleness import (
    days_between,
    is_lapsed_opportunity,
    is_never_contacted,
    is_overdue_action,
    is_review_overdue,
    is_stale_contact,
    is_upcoming_action,
)
from samkit.config import Config
from samkit.plan.enums import Influence, OpportunityStatus, Relationship, Role, Support
from samkit.plan.model import Action, Opportunity, Plan, Risk, Stakeholder
from samkit.plan.schedule import opportunity_quarters

UPCOMING_DAYS = 30
TOP_OPPORTUNITIES = 3
# roles whose silence hurts most before a QBR: they decide, or they carry us inside the account
_KEY_ROLES = (Role.ECONOMIC_BUYER, Role.CHAMPION, Role.EXECUTIVE_SPONSOR, Role.BUSINESS_OWNER)


@dataclass(frozen=True)
class ContactGap:
    name: str
    title: str | None
    role: str | None
    relationship: str
    last_contact: date | None
    days_since_contact: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "role": self.role,
            "relationship": self.relationship,
            "last_contact": self.last_contact,
            "days_since_contact": self.days_since_contact,
        }


@dataclass(frozen=True)
class Detractor:
    """A stakeholder against us (stance skeptic or opponent, or role detractor) and who on our side covers them."""

    name: str
    title: str | None
    role: str | None
    support: str | None
    influence: str | None
    relationship: str
    covered_by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "role": self.role,
            "support": self.support,
            "influence": self.influence,
            "relationship": self.relationship,
            "covered_by": self.covered_by,
        }


def detractors(plan: Plan) -> list[Detractor]:
    """Active stakeholders against us: opponents first, then the most influential, then by name."""
    against = [
        person
        for person in plan.active_stakeholders
        if (person.support is not None and person.support.against_us) or person.role is Role.DETRACTOR
    ]
    against.sort(
        key=lambda p: (
            p.support is not Support.OPPONENT,
            p.influence.rank if p.influence else len(Influence),
            p.name.casefold(),
        )
    )
    return [
        Detractor(
            name=person.name,
            title=person.title,
            role=person.role.value if person.role else None,
            support=person.support.value if person.support else None,
            influence=person.influence.value if person.influence else None,
            relationship=person.relationship.value,
            covered_by=person.covered_by.strip() if person.covered_by and person.covered_by.strip() else None,
        )
        for person in against
    ]


@dataclass(frozen=True)
class ActionItem:
    action: str
    owner: str | None
    due: date
    days: int  # days overdue (positive) or days until due

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "owner": self.owner, "due": self.due, "days": self.days}


@dataclass(frozen=True)
class OpportunityItem:
    name: str
    value: Decimal
    probability: Decimal
    weighted: Decimal
    kind: str
    timeframe: str | None
    close_date: date | None = None  # the CRM's day: when given, the quarter above is its quarter

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "probability": self.probability,
            "weighted": self.weighted,
            "kind": self.kind,
            "timeframe": self.timeframe,
            "close_date": self.close_date,
        }

    def lapse(self) -> str:
        """What ran out for a lapsed opportunity: ``close date 2026-01-15`` (it lapses the day after, as SAM303
        says), else its timeframe (``Q1 2026``)."""
        if self.close_date is not None:
            return f"close date {self.close_date.isoformat()}"
        return self.timeframe or "no timeframe"


@dataclass(frozen=True)
class RiskItem:
    risk: str
    severity: str
    mitigation: list[str]
    owner: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"risk": self.risk, "severity": self.severity, "mitigation": list(self.mitigation), "owner": self.owner}


@dataclass
class ReviewBrief:
    path: str
    today: date
    plan: Plan
    score: ScoreResult | None
    tier: str | None  # the score block's, else the declared one, else None: what JSON says (cli.md)
    judged_tier: PlanTier  # the tier the plan is judged by (strategic by default): what people are shown
    days_since_review: int | None
    review_overdue: bool
    coverage: Coverage
    gaps: list[str]
    stale_contacts: list[ContactGap]
    never_contacted: list[ContactGap]
    departed: list[ContactGap]
    suggestions: list[str]
    overdue_actions: list[ActionItem]
    upcoming_actions: list[ActionItem]
    pipeline: Pipeline
    top_opportunities: list[OpportunityItem]
    lapsed_opportunities: list[OpportunityItem]
    risks: list[RiskItem]
    engagement: ExecutiveEngagement
    detractors: list[Detractor] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    changes_since: str | None = None
    changes_note: str = ""
    agenda: list[str] = field(default_factory=list)
    # round 3: "Value delivered vs promised", which opens the brief; None when the plan has neither
    value_vs_promised: ObjectivesReport | None = None

    @property
    def account(self) -> str:
        return self.plan.account.name

    def to_dict(self) -> dict[str, Any]:
        coverage = self.coverage.to_dict()
        coverage["sentence"] = self.coverage.sentence()
        coverage["gaps"] = list(self.gaps)
        return {
            "path": self.path,
            "today": self.today,
            "account": self.account,
            "tier": self.tier,
            "score": display_score(self.score.score) if self.score else None,
            "health_score": self.plan.state.health_score,
            "manager": self.plan.account.manager,
            "executive_sponsor": self.plan.account.executive_sponsor,
            "period": str(self.plan.period) if self.plan.period else None,
            "last_reviewed": self.plan.last_reviewed,
            "days_since_review": self.days_since_review,
            "review_overdue": self.review_overdue,
            "coverage": coverage,
            "pipeline": self.pipeline.to_dict(),
            "top_opportunities": [item.to_dict() for item in self.top_opportunities],
            "lapsed_opportunities": [item.to_dict() for item in self.lapsed_opportunities],
            "stale_contacts": [item.to_dict() for item in self.stale_contacts],
            "never_contacted": [item.to_dict() for item in self.never_contacted],
            "departed": [item.to_dict() for item in self.departed],
            "suggestions": list(self.suggestions),
            "overdue_actions": [item.to_dict() for item in self.overdue_actions],
            "upcoming_actions": [item.to_dict() for item in self.upcoming_actions],
            "risks": [item.to_dict() for item in self.risks],
            "engagement": self.engagement.to_dict(),
            "detractors": [item.to_dict() for item in self.detractors],
            "changes": [change.to_dict() for change in self.changes],
            "changes_since": self.changes_since,
            "changes_note": self.changes_note,
            "agenda": list(self.agenda),
            "value_vs_promised": self.value_vs_promised.to_dict() if self.value_vs_promised else None,
        }


def _gap(person: Stakeholder, today: date) -> ContactGap:
    return ContactGap(
        name=person.name,
        title=person.title,
        role=person.role.value if person.role else None,
        relationship=person.relationship.value,
        last_contact=person.last_contact,
        days_since_contact=days_between(person.last_contact, today) if person.last_contact else None,
    )


def _action(action: Action, today: date, overdue: bool) -> ActionItem:
    days = days_between(action.due, today) if overdue else days_between(today, action.due)
    return ActionItem(action.action, action.owner, action.due, days)


def _opportunity(opportunity: Opportunity) -> OpportunityItem:
    return OpportunityItem(
        name=opportunity.name,
        value=opportunity.value,
        probability=opportunity.probability,
        weighted=opportunity.weighted,
        kind=opportunity.kind.value,
        timeframe=str(scheduled) if (scheduled := opportunity_quarters(opportunity)) else None,
        close_date=opportunity.close_date,
    )


def _risk(risk: Risk) -> RiskItem:
    return RiskItem(risk.risk, risk.severity.value, list(risk.mitigation), risk.owner)


def _who(person: Stakeholder) -> str:
    details = ", ".join(part for part in (person.title, person.department) if part)
    return f"{person.name} ({details})" if details else person.name


def call_list_entries(plan: Plan, today: date, cadence: Callable[[Stakeholder], int]) -> list[tuple[str, str]]:
    """Who to call before the meeting, most important first (silent decision makers, then the rest), as
    (stakeholder's name, sentence) pairs so other sections can leave those people out.

    ``cadence`` gives each stakeholder's contact cadence in days (domain.md: their ``cadence_days``, the
    role's configured cadence, else the tier's ``stale_contact_days``), as lint's SAM101 uses it.
    """
    suggestions: list[tuple[str, str]] = []
    active = plan.active_stakeholders

    def is_stale(person: Stakeholder) -> bool:
        return is_stale_contact(person, today, cadence(person))

    def priority(person: Stakeholder) -> tuple[int, int]:
        return (0 if person.role in _KEY_ROLES else 1, -person.relationship.rank)

    for person in sorted((p for p in active if is_stale(p)), key=priority):
        assert person.last_contact is not None
        days = days_between(person.last_contact, today)
        why = f"no contact for {days} days, {person.relationship.value} relationship"
        if person.role in (Role.ECONOMIC_BUYER, Role.CHAMPION) and not person.relationship.counts:
            why += f" with the {person.role.value.replace('_', ' ')}: strengthen it"
        suggestions.append((person.name, f"Call {_who(person)}: {why}."))
    for person in sorted((p for p in active if is_never_contacted(p)), key=priority):
        suggestions.append((person.name, f"Reach out to {_who(person)}: never contacted."))
    already_listed = {person.name for person in active if is_stale(person)}
    for person in sorted(active, key=priority):
        if person.name in already_listed:
            continue
        if person.role in (Role.ECONOMIC_BUYER, Role.CHAMPION) and person.relationship in (
            Relationship.WEAK,
            Relationship.NONE,
        ):
            if is_never_contacted(person):
                continue
            suggestions.append(
                (
                    person.name,
                    f"Strengthen the {person.relationship.value} relationship with {_who(person)} "
                    f"({person.role.value.replace('_', ' ')}).",
                )
            )
    for person in plan.stakeholders:
        if not person.active and person.role in (Role.CHAMPION, Role.ECONOMIC_BUYER, Role.EXECUTIVE_SPONSOR):
            role = person.role.value.replace("_", " ")
            suggestions.append(
                (person.name, f"{person.name} ({role}) has left: name a successor and brief them before the QBR.")
            )
    return suggestions


def build_agenda(brief: ReviewBrief) -> list[str]:
    """A QBR agenda from the brief's own findings, in the order a review usually runs."""
    agenda = []
    health = brief.plan.state.health_score
    adoption = brief.plan.state.feature_adoption
    value_line = "Value delivered since the last review"
    facts = []
    if health is not None:
        facts.append(f"health score {health}/100")
    if adoption is not None:
        facts.append(f"{(adoption * 100).normalize():f}% feature adoption")
    agenda.append(value_line + (f" ({', '.join(facts)})" if facts else ""))
    if brief.changes:
        agenda.append(
            f"What changed since {brief.changes_since or 'the last review'}: {len(brief.changes)} plan updates"
        )
    high = [risk for risk in brief.risks if risk.severity == "high"]
    if high:
        agenda.append("High risks and mitigation: " + "; ".join(risk.risk for risk in high))
    if brief.top_opportunities:
        agenda.append("Expansion: " + ", ".join(item.name for item in brief.top_opportunities))
    if brief.lapsed_opportunities:
        agenda.append("Re-plan lapsed opportunities: " + ", ".join(item.name for item in brief.lapsed_opportunities))
    if brief.overdue_actions:
        agenda.append(f"Overdue commitments ({len(brief.overdue_actions)}): agree new dates or drop them")
    if brief.coverage.single_threaded or brief.coverage.missing_roles:
        missing = ", ".join(role.replace("_", " ") for role in brief.coverage.missing_roles)
        agenda.append(
            "Relationship coverage: ask for introductions"
            + (f" (missing: {missing})" if missing else " (single-threaded)")
        )
    engagement = brief.engagement
    if not engagement.executive_alignment or not engagement.c_level_engagement:
        lacking: list[str] = []
        if not engagement.executive_alignment:
            lacking.append("no executive of ours paired with an economic buyer")
        if not engagement.c_level_engagement:
            lacking.append(f"no C-level contact in the last {engagement.window_days} days")
        agenda.append("Executive engagement: " + " and ".join(lacking) + "; ask for an executive-to-executive meeting")
    if brief.detractors:
        agenda.append("Address concerns of " + ", ".join(item.name for item in brief.detractors))
    period = str(brief.plan.period) if brief.plan.period else "next quarter"
    agenda.append(f"Joint priorities and next steps after {period}")
    return agenda


def build_brief(path: str, plan: Plan, config: Config, today: date, *, coverage: Coverage | None = None) -> ReviewBrief:
    """``coverage``: the plan's, when the caller has already computed it (the site's account page)."""
    lint = plan_limits(plan, config)
    if coverage is None:
        coverage = compute_coverage(plan)
    active = plan.active_stakeholders
    open_opportunities = [item for item in plan.opportunities if item.status is OpportunityStatus.OPEN]
    by_weight = sorted(open_opportunities, key=lambda item: (-item.weighted, item.name))

    def cadence(person: Stakeholder) -> int:
        return contact_cadence(person, config.lint, lint).days

    calls = call_list_entries(plan, today, cadence)
    brief = ReviewBrief(
        path=path,
        today=today,
        plan=plan,
        score=plan_score(plan, config.scoring),
        tier=plan_tier(plan, config.scoring),
        judged_tier=tier_and_source(plan, config.scoring),
        days_since_review=days_between(plan.last_reviewed, today) if plan.last_reviewed else None,
        review_overdue=is_review_overdue(plan, today, lint.review_interval_days),
        coverage=coverage,
        # people on the call list are not named again among the gaps (issue #15)
        gaps=next_steps(plan, coverage, lint.min_stakeholders, already_listed=[name for name, _ in calls]),
        stale_contacts=sorted(
            (_gap(p, today) for p in active if is_stale_contact(p, today, cadence(p))),
            key=lambda gap: (-(gap.days_since_contact or 0), gap.name),
        ),
        never_contacted=[_gap(p, today) for p in active if is_never_contacted(p)],
        departed=[_gap(p, today) for p in plan.stakeholders if not p.active],
        suggestions=[text for _, text in calls],
        overdue_actions=sorted(
            (_action(a, today, overdue=True) for a in plan.actions if is_overdue_action(a, today)),
            key=lambda item: (item.due, item.action),
        ),
        upcoming_actions=sorted(
            (_action(a, today, overdue=False) for a in plan.actions if is_upcoming_action(a, today, UPCOMING_DAYS)),
            key=lambda item: (item.due, item.action),
        ),
        pipeline=compute_pipeline(plan),
        top_opportunities=[_opportunity(item) for item in by_weight[:TOP_OPPORTUNITIES]],
        lapsed_opportunities=[_opportunity(item) for item in open_opportunities if is_lapsed_opportunity(item, today)],
        risks=[_risk(risk) for risk in sorted(plan.risks, key=lambda risk: risk.severity.rank)],
        engagement=executive_engagement(plan, today, lint.review_interval_days),
        detractors=detractors(plan),
        value_vs_promised=objectives_report(plan, today) if plan.objectives or plan.value_delivered else None,
    )
    return brief


def finish(brief: ReviewBrief, changes: list[Change], since: str | None, note: str) -> ReviewBrief:
    """Attach the 'what changed' list and build the agenda, which depends on it."""
    brief.changes = changes
    brief.changes_since = since
    brief.changes_note = note
    brief.agenda = build_agenda(brief)
    return brief
