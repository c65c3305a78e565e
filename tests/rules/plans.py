"""A plan builder for rule tests: a clean plan that no rule flags on ``TODAY``, with one thing changed per test."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from samkit.config import DIMENSIONS

TODAY = date(2026, 2, 1)


def days_ago(count: int) -> str:
    return (TODAY - timedelta(days=count)).isoformat()


@dataclass(frozen=True)
class Person:
    name: str
    role: str = "influencer"
    relationship: str = "moderate"
    last_contact: str | None = "2026-01-15"
    status: str | None = None
    department: str = "Technology"
    level: str | None = None
    title: str | None = None
    covered_by: str | None = None
    cadence_days: int | None = None

    def yaml(self) -> str:
        lines = [
            f"  - name: {self.name}",
            f"    department: {self.department}",
            f"    role: {self.role}",
            f"    relationship: {self.relationship}",
        ]
        if self.last_contact is not None:
            lines.append(f"    last_contact: {self.last_contact}")
        for key in ("status", "level", "title", "covered_by", "cadence_days"):
            if getattr(self, key) is not None:
                lines.append(f"    {key}: {getattr(self, key)}")
        return "\n".join(lines) + "\n"


def default_people() -> tuple[Person, ...]:
    return (
        # a C-level economic buyer covered by our executive: aligned (SAM206) and engaged (SAM207)
        Person("Ann Buyer", role="economic_buyer", relationship="strong", level="c_suite", covered_by="VP of Sales"),
        Person("Carl Champion", role="champion"),
        *(Person(f"Person {number}") for number in range(3, 9)),
    )


@dataclass(frozen=True)
class PlanSpec:
    """Every field a rule looks at; the defaults make a plan with no findings on TODAY."""

    people: tuple[Person, ...] = field(default_factory=default_people)
    executive_sponsor: str | None = "VP of Sales"
    tier: str | None = None
    score: tuple[int, ...] | None = None
    last_reviewed: str | None = "2026-01-15"
    opportunities: tuple[str, ...] = (
        "  - name: Upsell\n    value: $100K\n    timeframe: Q1 2026\n    probability: 50%\n",
    )
    risks: tuple[str, ...] = ("  - risk: Budget cuts\n    severity: high\n    mitigation:\n      - Show ROI\n",)
    actions: tuple[str, ...] = (f"  - due: {TODAY.isoformat()}\n    action: Call the CFO\n",)
    header: str = ""
    team: tuple[str, ...] = ()
    raci: tuple[str, ...] = ()
    whitespace: tuple[str, ...] = ()
    manager: str = "Maria Rodriguez"
    status: str | None = None  # account.status

    def with_person(self, index: int, **changes: object) -> PlanSpec:
        people = list(self.people)
        people[index] = replace(people[index], **changes)  # type: ignore[arg-type]
        return replace(self, people=tuple(people))

    def yaml(self) -> str:
        account = ["account:", "  name: Clean Co", f"  manager: {self.manager}"]
        if self.status is not None:
            account.append(f"  status: {self.status}")
        if self.executive_sponsor is not None:
            account.append(f"  executive_sponsor: {self.executive_sponsor}")
        if self.tier is not None:
            account.append(f"  tier: {self.tier}")
        if self.team:
            account.append("  team:")
            account.extend(f"    - name: {name}" for name in self.team)
        text = self.header + "\n".join(account) + "\n"
        if self.score is not None:
            names = DIMENSIONS
            text += "score:\n" + "".join(
                f"  {name}: {points}\n" for name, points in zip(names, self.score, strict=True)
            )
        if self.last_reviewed is not None:
            text += f"last_reviewed: {self.last_reviewed}\n"
        text += "stakeholders:\n" + "".join(person.yaml() for person in self.people)
        sections = (
            ("opportunities", self.opportunities),
            ("risks", self.risks),
            ("actions", self.actions),
            ("raci", self.raci),
            ("whitespace", self.whitespace),
        )
        for section, items in sections:
            if items:
                text += f"{section}:\n" + "".join(items)
        return text


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding ``needle``, which must appear on exactly one line."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]
