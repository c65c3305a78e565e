"""Multi-threading coverage of one plan (domain.md): who we know, how well, across which parts of the account."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samkit.model import Level, Plan, Role

LEVEL_ORDER: tuple[Level, ...] = (Level.C_SUITE, Level.VP, Level.DIRECTOR, Level.MANAGER, Level.INDIVIDUAL)
KEY_ROLES: tuple[Role, ...] = (Role.ECONOMIC_BUYER, Role.CHAMPION)
NO_DEPARTMENT = "(no department)"


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
        """The seed's own phrasing: '6 key stakeholders identified, relationships with 4, strong connections with 3'."""
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
        row = grid.setdefault((person.department or "").strip() or NO_DEPARTMENT, {})
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
