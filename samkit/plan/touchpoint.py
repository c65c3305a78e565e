"""``samkit log``: the edits and the change lines for one touchpoint with a plan's stakeholders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from samkit.errors import UsageError
from samkit.plan.contacts import (
    Change,
    closest_names,
    find_stakeholders,
    last_contact_edit,
    last_reviewed_edit,
    note_edit,
    relationship_edit,
)
from samkit.plan.enums import Relationship
from samkit.plan.model import Plan
from samkit.plan.textedit import PlanEdit


@dataclass(frozen=True)
class Touchpoint:
    """What ``samkit log`` was asked to record."""

    names: tuple[str, ...]
    day: date
    relationship: Relationship | None = None
    note: str | None = None
    reviewed: bool = False


@dataclass
class TouchpointEdits:
    edits: list[PlanEdit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def applied(self) -> list[Change]:
        return [change for change in self.changes if change.applied]


def resolve_names(plan: Plan, path: str, names: tuple[str, ...]) -> list[int]:
    """Each NAME's stakeholder index, in the order given (a person named twice counts once).

    An unknown or ambiguous name is a usage error naming the closest stakeholders.
    """
    found: list[int] = []
    for name in names:
        matches = find_stakeholders(plan, name)
        if not matches:
            close = closest_names(plan, name)
            hint = f"; did you mean {' or '.join(repr(one) for one in close)}?" if close else ""
            raise UsageError(f"{path}: no stakeholder named {name!r}{hint}")
        if len(matches) > 1:
            both = ", ".join(repr(plan.stakeholders[index].name) for index in matches)
            raise UsageError(f"{path}: {name!r} matches several stakeholders ({both}); give the name")
        if matches[0] not in found:
            found.append(matches[0])
    return found


def touchpoint_edits(plan: Plan, path: str, touch: Touchpoint) -> TouchpointEdits:
    """The edits that record ``touch`` in ``plan`` and one ``Change`` per line of output."""
    if touch.relationship is not None and len(touch.names) != 1:
        raise UsageError("--relationship sets one stakeholder's relationship: give exactly one NAME")
    if touch.note is not None and not touch.note.strip():
        raise UsageError("--note is empty")
    result = TouchpointEdits()
    day = touch.day
    for index in resolve_names(plan, path, touch.names):
        person = plan.stakeholders[index]
        before = person.last_contact
        if before is None or before < day:
            result.edits.append(last_contact_edit(index, day))
            result.changes.append(Change(person.name, "last_contact", _iso(before), day.isoformat()))
        else:
            # never backwards: a later contact already recorded is the one that counts
            reason = "already" if before == day else f"later than {day.isoformat()}"
            result.changes.append(Change(person.name, "last_contact", _iso(before), _iso(before), False, reason))
        if touch.relationship is not None:
            if person.relationship is touch.relationship:
                result.changes.append(
                    Change(
                        person.name,
                        "relationship",
                        person.relationship.value,
                        person.relationship.value,
                        False,
                        "already",
                    )
                )
            else:
                result.edits.append(relationship_edit(index, touch.relationship))
                result.changes.append(
                    Change(person.name, "relationship", person.relationship.value, touch.relationship.value)
                )
        if touch.note is not None:
            text = " ".join(touch.note.split())  # one line in the plan, whatever the shell passed
            result.edits.append(note_edit(index, day, text))
            result.changes.append(Change(person.name, "notes", None, f"{day.isoformat()}: {text}"))
    if touch.reviewed:
        before = plan.last_reviewed
        if before is None or before < day:
            result.edits.append(last_reviewed_edit(day))
            result.changes.append(Change("plan", "last_reviewed", _iso(before), day.isoformat()))
        else:
            reason = "already" if before == day else f"later than {day.isoformat()}"
            result.changes.append(Change("plan", "last_reviewed", _iso(before), _iso(before), False, reason))
    return result


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
