"""``samkit log`` beyond one plan: finding a person across the program, and adding a new stakeholder.

Across the program a NAME is an email (case-insensitive) or a name that only one stakeholder of all the
plans has; two or more matches are never guessed between, they are listed so the user can name the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from samkit.errors import UsageError
from samkit.plan.contacts import person_key
from samkit.plan.enums import Relationship, Role
from samkit.plan.model import Plan
from samkit.plan.newitem import AppendMapping, FieldValue
from samkit.wording import plural


@dataclass(frozen=True)
class Found:
    path: str
    index: int
    name: str


def matches_across(plans: list[tuple[str, Plan]], who: str) -> list[Found]:
    """Every stakeholder ``who`` names across ``plans``: those with that email, else those with that name."""
    wanted = person_key(who)
    by_email = [
        Found(path, index, person.name)
        for path, plan in plans
        for index, person in enumerate(plan.stakeholders)
        if person.email and person_key(person.email) == wanted
    ]
    return by_email or [
        Found(path, index, person.name)
        for path, plan in plans
        for index, person in enumerate(plan.stakeholders)
        if person_key(person.name) == wanted
    ]


def find_across(plans: list[tuple[str, Plan]], who: str) -> Found:
    """The one stakeholder ``who`` names across ``plans``; a ``UsageError`` naming the candidates otherwise."""
    wanted = person_key(who)
    found = matches_across(plans, who)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{item.name} ({item.path})" for item in found)
        raise UsageError(f"{who!r} matches several stakeholders: {listed}; name the plan: samkit log PLAN NAME")
    import difflib

    names = {person_key(person.name): person.name for _, plan in plans for person in plan.stakeholders}
    close = [names[key] for key in difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)]
    hint = f"; did you mean {' or '.join(repr(one) for one in close)}?" if close else ""
    raise UsageError(f"no stakeholder named {who!r} in {plural(len(plans), 'plan')}{hint}")


@dataclass(frozen=True)
class NewPerson:
    """``samkit log PLAN NAME --new``: who is added, with what they are known by."""

    name: str
    title: str | None = None
    department: str | None = None
    role: Role | None = None
    email: str | None = None


def new_stakeholder(
    plan: Plan, person: NewPerson, day: date, relationship: Relationship | None, note: str | None
) -> AppendMapping:
    """The edit that appends ``person`` to the plan's stakeholders, met on ``day``."""
    if any(person_key(item.name) == person_key(person.name) for item in plan.stakeholders):
        raise UsageError(f"{person.name!r} is already a stakeholder of {plan.account.name}; drop --new")
    fields: list[tuple[str, FieldValue]] = [("name", " ".join(person.name.split()))]
    fields += [(key, value) for key, value in (("title", person.title), ("department", person.department)) if value]
    if person.role is not None:
        fields.append(("role", person.role.value))
    if person.email:
        fields.append(("email", person.email.strip()))
    fields.append(("relationship", (relationship or Relationship.NONE).value))
    fields.append(("last_contact", day))
    if note is not None:
        fields.append(("notes", (f"{day.isoformat()}: {' '.join(note.split())}",)))
    return AppendMapping(("stakeholders",), tuple(fields))
