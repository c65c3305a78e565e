"""Multi-threading coverage of one plan: who we know, how well, across which parts of the account."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from samkit.analysis.engagement import ExecutiveEngagement, PlanCadence, executive_engagement
from samkit.analysis.staleness import days_between
from samkit.config import DEFAULT_TIER_LIMITS, LintConfig, TierLimits
from samkit.plan.enums import Level, Relationship, Role, Tier
from samkit.plan.model import Plan, Stakeholder
from samkit.wording import plural

LEVEL_ORDER: tuple[Level, ...] = (Level.C_SUITE, Level.VP, Level.DIRECTOR, Level.MANAGER, Level.INDIVIDUAL)
KEY_ROLES: tuple[Role, ...] = (Role.ECONOMIC_BUYER, Role.CHAMPION)
NO_DEPARTMENT = "(no department)"
# when no tier's limits are given: a strategic account's (the configuration's built-in defaults)
_DEFAULT_LIMITS = DEFAULT_TIER_LIMITS[Tier.STRATEGIC]
# Fewer departments than this and the map is narrow enough to suggest reaching further.
MIN_DEPARTMENTS = 3
# Departments where a multi-threaded account usually has people, offered as examples of where to reach.
EXAMPLE_DEPARTMENTS: tuple[str, ...] = ("IT", "finance", "operations", "marketing", "sales")

LEVEL_LABELS: dict[Level, str] = {
    Level.C_SUITE: "C-suite",
    Level.VP: "VP",
    Level.DIRECTOR: "director",
    Level.MANAGER: "manager",
    Level.INDIVIDUAL: "individual contributor",
}
_RELATIONSHIPS_STRONGEST_FIRST: tuple[Relationship, ...] = tuple(
    sorted(Relationship, key=lambda relationship: -relationship.rank)
)


@dataclass(frozen=True)
class Coverage:
    stakeholders: int
    relationships: int
    strong: int
    departments: list[str]
    levels: list[str]
    missing_roles: list[str]
    # departments × levels: how many mapped stakeholders sit in each cell
    grid: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def single_threaded(self) -> bool:
        return self.relationships < 2

    def sentence(self) -> str:
        """The account plan's own phrasing: '6 key stakeholders identified, relationships with 4, strong connections with 3'."""
        noun = "stakeholder" if self.stakeholders == 1 else "stakeholders"
        return (
            f"{self.stakeholders} key {noun} identified, relationships with {self.relationships}, "
            f"strong connections with {self.strong}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "stakeholders": self.stakeholders,
            "relationships": self.relationships,
            "strong": self.strong,
            "departments": len(self.departments),
            "levels": len(self.levels),
            "missing_roles": list(self.missing_roles),
            "single_threaded": self.single_threaded,
        }


def department_of(person: Stakeholder) -> str:
    return (person.department or "").strip() or NO_DEPARTMENT


def compute_coverage(plan: Plan) -> Coverage:
    mapped = plan.active_stakeholders
    related = [person for person in mapped if person.relationship.counts]
    departments = sorted(
        {person.department.strip() for person in mapped if person.department and person.department.strip()}
    )
    present_levels = {person.effective_level for person in mapped}
    levels = [level.value for level in LEVEL_ORDER if level in present_levels]
    missing = [role.value for role in KEY_ROLES if not any(person.role is role for person in related)]
    if not (plan.account.executive_sponsor or "").strip():
        missing.append(Role.EXECUTIVE_SPONSOR.value)
    grid: dict[str, dict[str, int]] = {}
    for person in mapped:
        row = grid.setdefault(department_of(person), {})
        level = person.effective_level.value
        row[level] = row.get(level, 0) + 1
    return Coverage(
        stakeholders=len(mapped),
        relationships=len(related),
        strong=sum(1 for person in mapped if person.relationship.rank == 3),
        departments=departments,
        levels=levels,
        missing_roles=missing,
        grid=dict(sorted(grid.items())),
    )


# --- the departments × levels grid, with how strong the relationships in each cell are ---------------------------


@dataclass(frozen=True)
class GridCell:
    """The mapped stakeholders of one department at one level, counted per relationship strength."""

    by_relationship: dict[Relationship, int] = field(default_factory=dict)

    @property
    def stakeholders(self) -> int:
        return sum(self.by_relationship.values())

    @property
    def relationships(self) -> int:
        return sum(count for relationship, count in self.by_relationship.items() if relationship.counts)

    def label(self) -> str:
        """'strong', '2 strong, weak', or '' for an empty cell: the gaps show at a glance."""
        parts = []
        for relationship in _RELATIONSHIPS_STRONGEST_FIRST:
            count = self.by_relationship.get(relationship, 0)
            if count:
                parts.append(relationship.value if count == 1 else f"{count} {relationship.value}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"stakeholders": self.stakeholders, "relationships": self.relationships}


def coverage_grid(plan: Plan) -> dict[str, dict[Level, GridCell]]:
    """Every department with a mapped stakeholder × every level (empty cells included), departments sorted."""
    counts: dict[str, dict[Level, dict[Relationship, int]]] = {}
    for person in plan.active_stakeholders:
        row = counts.setdefault(department_of(person), {level: {} for level in LEVEL_ORDER})
        cell = row[person.effective_level]
        cell[person.relationship] = cell.get(person.relationship, 0) + 1
    return {
        department: {level: GridCell(dict(cell)) for level, cell in row.items()}
        for department, row in sorted(counts.items(), key=lambda item: (item[0] == NO_DEPARTMENT, item[0].casefold()))
    }


# --- next steps -----------------------------------------------------------------------------------------------------


def _describe(person: Stakeholder) -> str:
    """'Lisa Thompson (CFO, Finance, economic buyer)'."""
    details = [text.strip() for text in (person.title, person.department) if text and text.strip()]
    if person.role is not None and person.role is not Role.OTHER:
        details.append(person.role.value.replace("_", " "))
    return f"{person.name} ({', '.join(details)})" if details else person.name


def _names(people: Iterable[Stakeholder]) -> str:
    names = [person.name for person in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _contact_note(person: Stakeholder, today: date | None, cadence: PlanCadence) -> str:
    if person.last_contact is None:
        return "never contacted"
    if today is not None and cadence.is_stale(person, today):
        days = days_between(person.last_contact, today)
        return f"last contact {person.last_contact.isoformat()}, {plural(days, 'day')} ago"
    return ""


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _role_steps(plan: Plan, coverage: Coverage, named: set[str], listed: frozenset[str]) -> list[str]:
    steps = []
    mapped = plan.active_stakeholders
    for missing in coverage.missing_roles:
        role = Role(missing)
        if role is Role.EXECUTIVE_SPONSOR:
            steps.append("Name an executive sponsor on our side: account.executive_sponsor is empty.")
            continue
        label = role.value.replace("_", " ")
        article = "an" if label[0] in "aeiou" else "a"
        holders = sorted((person for person in mapped if person.role is role), key=lambda p: -p.relationship.rank)
        departed = [
            person
            for person in plan.stakeholders
            if not person.active and person.role is role and name_key(person.name) not in listed
        ]
        left_note = f" ({_names(departed)}, who held the role, {'has' if len(departed) == 1 else 'have'} left)"
        left_note = left_note if departed else ""
        if holders and all(name_key(person.name) in listed for person in holders):
            named.update(person.name for person in holders)
            continue  # the call list already asks to strengthen each of them
        if holders:
            named.update(person.name for person in holders)
            who = ", ".join(f"{_describe(person)}, {person.relationship.value} today" for person in holders)
            steps.append(f"No {label} at moderate or better{left_note}: strengthen the relationship with {who}.")
        elif role is Role.ECONOMIC_BUYER:
            steps.append(f"No economic buyer mapped{left_note}: find who owns the budget and build a relationship.")
        else:
            steps.append(f"No {label} mapped{left_note}: develop {article} {label} who will sell for us internally.")
    return steps


def _person_steps(
    plan: Plan, named: set[str], listed: frozenset[str], today: date | None, cadence: PlanCadence
) -> tuple[list[str], list[str]]:
    """Weak and missing relationships to build, then good relationships gone stale to renew."""
    mapped = plan.active_stakeholders
    covered_departments = {department_of(person) for person in mapped if person.relationship.counts}
    level_rank = {level: index for index, level in enumerate(LEVEL_ORDER)}
    to_build = [
        person
        for person in mapped
        if not person.relationship.counts and person.name not in named and name_key(person.name) not in listed
    ]
    to_build.sort(
        key=lambda p: (
            department_of(p) in covered_departments,
            p.relationship.rank,
            level_rank[p.effective_level],
            p.name.casefold(),
        )
    )
    build_steps = []
    for person in to_build:
        if person.relationship is Relationship.NONE:
            text = f"Establish a relationship with {_describe(person)}: none yet"
        else:
            text = f"Strengthen the relationship with {_describe(person)}: {person.relationship.value} today"
        note = _contact_note(person, today, cadence)
        if note:
            text += f", {note}"
        department = department_of(person)
        if department not in covered_departments and department != NO_DEPARTMENT:
            text += f"; nobody in {department} is at moderate or better"
        build_steps.append(text + ".")
    renew_steps = []
    if today is not None:
        stale = [
            person
            for person in mapped
            if person.relationship.counts and cadence.is_stale(person, today) and name_key(person.name) not in listed
        ]
        stale.sort(key=lambda p: (p.last_contact or today, p.name.casefold()))
        for person in stale:
            renew_steps.append(
                f"Reconnect with {_describe(person)}: {person.relationship.value}, but "
                f"{_contact_note(person, today, cadence)} ({cadence.limit(person)})."
            )
    return build_steps, renew_steps


def _breadth_steps(plan: Plan, coverage: Coverage, min_stakeholders: int) -> list[str]:
    steps = []
    if coverage.stakeholders < min_stakeholders:
        more = min_stakeholders - coverage.stakeholders
        steps.append(
            f"Map {more} more stakeholder{'s' * (more != 1)} to reach the target of {min_stakeholders} "
            f"({coverage.stakeholders} mapped now)."
        )
    if coverage.stakeholders == 0:
        return steps
    missing_levels = [LEVEL_LABELS[level] for level in LEVEL_ORDER if level.value not in coverage.levels]
    if missing_levels:
        steps.append(f"Reach the levels where nobody is mapped: {', '.join(missing_levels)}.")
    if len(coverage.departments) < MIN_DEPARTMENTS:
        where = f"beyond {' and '.join(coverage.departments)}" if coverage.departments else "into named departments"
        known = {department.casefold() for department in coverage.departments}
        examples = [department for department in EXAMPLE_DEPARTMENTS if department.casefold() not in known][:3]
        steps.append(
            f"Reach {where}: map stakeholders in other departments (for example {', '.join(examples)}) "
            "so the account survives a reorganisation."
        )
    undepartmented = [person for person in plan.active_stakeholders if department_of(person) == NO_DEPARTMENT]
    if undepartmented:
        steps.append(f"Record the department of {_names(undepartmented)} so the coverage grid can place them.")
    return steps


def next_steps(
    plan: Plan,
    coverage: Coverage,
    min_stakeholders: int = _DEFAULT_LIMITS.min_stakeholders,
    *,
    today: date | None = None,
    cadence: PlanCadence | None = None,
    already_listed: Iterable[str] = (),
) -> list[str]:
    """Concrete sentences for the account team, most urgent first.

    Missing key roles, then single-threading, then the people to reach or strengthen (named, departments
    with no relationship first), then good relationships gone stale (only when ``today`` is given), then
    breadth: the stakeholder target, missing levels, too few departments. Departed stakeholders never count.
    People in ``already_listed`` (names, as a call list gives them) get no sentence of their own here, so a
    brief never names the same person twice. ``cadence`` says when a contact is stale, as lint's SAM101 does
    (default: a strategic plan's with no ``[lint.cadence]``).
    """
    named: set[str] = set()
    listed = frozenset(name_key(name) for name in already_listed)
    steps = _role_steps(plan, coverage, named, listed)
    if coverage.single_threaded:
        needed = 2 - coverage.relationships
        steps.append(
            f"Single-threaded: {plural(coverage.relationships, 'relationship')} at "
            f"moderate or better; build {needed} more so the account does not hang on one person."
        )
    if cadence is None:
        cadence = PlanCadence(LintConfig(), Tier.STRATEGIC, _DEFAULT_LIMITS)
    build_steps, renew_steps = _person_steps(plan, named, listed, today, cadence)
    return steps + build_steps + renew_steps + _breadth_steps(plan, coverage, min_stakeholders)


# --- the per-plan report the coverage command shows -----------------------------------------------------------------


@dataclass(frozen=True)
class CoverageReport:
    path: str
    account: str
    coverage: Coverage
    grid: dict[str, dict[Level, GridCell]]
    next_steps: list[str]
    target: int
    # executive alignment and C-level contact: only with a today to count the contact window back from
    engagement: ExecutiveEngagement | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fixed keys of ``coverage --format json`` first, then the additions (sentence, grid, next steps,
        executive alignment and C-level engagement)."""
        return {
            "path": self.path,
            "account": self.account,
            **self.coverage.to_dict(),
            "target_stakeholders": self.target,
            "sentence": self.coverage.sentence(),
            "department_names": list(self.coverage.departments),
            "level_names": list(self.coverage.levels),
            "grid": {
                department: {level.value: cell.to_dict() for level, cell in row.items()}
                for department, row in self.grid.items()
            },
            "next_steps": list(self.next_steps),
            **(self.engagement.to_dict() if self.engagement is not None else {}),
        }


def coverage_report(
    path: str,
    plan: Plan,
    limits: TierLimits = _DEFAULT_LIMITS,
    today: date | None = None,
    *,
    cadence: PlanCadence | None = None,
) -> CoverageReport:
    """The coverage of one plan against its tier's ``limits``; with ``today``, also its executive alignment and
    C-level contact over the tier's review interval up to today (domain.md, "Executive alignment and engagement"),
    and the stale contacts to renew by ``cadence`` (the plan's ``PlanCadence``, as lint's SAM101 reads it;
    default: ``limits`` with no ``[lint.cadence]``)."""
    coverage = compute_coverage(plan)
    if cadence is None:
        cadence = PlanCadence(LintConfig(), Tier.STRATEGIC, limits)
    steps = next_steps(plan, coverage, limits.min_stakeholders, today=today, cadence=cadence)
    return CoverageReport(
        path=path,
        account=plan.account.name,
        coverage=coverage,
        grid=coverage_grid(plan),
        next_steps=steps,
        target=limits.min_stakeholders,
        engagement=executive_engagement(plan, today, limits.review_interval_days) if today is not None else None,
    )
