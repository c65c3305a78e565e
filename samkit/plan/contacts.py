"""Finding a plan's stakeholders by name or email, and the edits that record a touchpoint.

``samkit log`` and ``samkit import`` share these: names match ignoring case and repeated spaces (the
loader's uniqueness rule), emails ignoring case; edits go through ``samkit.plan.textedit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from samkit.plan.enums import Relationship
from samkit.plan.model import Plan
from samkit.plan.textedit import AppendListItem, SetKey

# where a new key goes when the item lacks it: the place the plan format shows it
_LAST_CONTACT_AFTER = ("relationship", "role", "department", "title", "name")
_LAST_REVIEWED_AFTER = ("period", "score", "account")


def person_key(text: str) -> str:
    """A name or an email as it is compared: case and runs of white space do not matter."""
    return " ".join(text.split()).casefold()


def find_stakeholders(plan: Plan, who: str) -> list[int]:
    """Indices of the stakeholders ``who`` names: by email first, else by name."""
    wanted = person_key(who)
    if not wanted:
        return []
    by_email = [
        index for index, person in enumerate(plan.stakeholders) if person.email and person_key(person.email) == wanted
    ]
    if by_email:
        return by_email
    return [index for index, person in enumerate(plan.stakeholders) if person_key(person.name) == wanted]


def closest_names(plan: Plan, who: str, limit: int = 3) -> list[str]:
    """The stakeholder names (or emails) most like ``who``, for an 'unknown name' message."""
    import difflib  # only a miss pays for it

    candidates: dict[str, str] = {}
    for person in plan.stakeholders:
        # an email is answered with emails, a name with names
        shown = person.email if "@" in who else person.name
        if shown:
            candidates.setdefault(person_key(shown), shown)
    close = difflib.get_close_matches(person_key(who), list(candidates), n=limit, cutoff=0.5)
    return [candidates[key] for key in close]


@dataclass(frozen=True)
class Change:
    """One line of ``log`` / ``import`` output: ``subject``'s ``field`` from ``before`` to ``after``.

    ``applied`` is False when the value is kept (already that, or later than asked).
    """

    subject: str
    field: str
    before: str | None
    after: str | None
    applied: bool = True
    reason: str = ""


def last_contact_edit(index: int, day: date) -> SetKey:
    return SetKey(("stakeholders", index), "last_contact", day, after=_LAST_CONTACT_AFTER)


def relationship_edit(index: int, relationship: Relationship) -> SetKey:
    return SetKey(("stakeholders", index), "relationship", relationship.value)


def note_edit(index: int, day: date, text: str) -> AppendListItem:
    return AppendListItem(("stakeholders", index), "notes", f"{day.isoformat()}: {text}")


def last_reviewed_edit(day: date) -> SetKey:
    return SetKey((), "last_reviewed", day, after=_LAST_REVIEWED_AFTER)
