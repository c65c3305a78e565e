"""What changed on the customer's side of a plan: objectives, their milestones, value delivered.

``objective_progressed`` when an objective's progress moved (``before`` / ``after`` the exact progress as a
Decimal fraction, 0.5 for half way; null on a side without baseline, target and current);
``value_delivered_added`` for each new entry (``after`` the entry). Everything else is ``field_changed`` on
``objectives[NAME]`` (null on the side it is missing from), ``objectives[NAME].FIELD``,
``objectives[NAME].milestones[MILESTONE]`` and ``...milestones[MILESTONE].FIELD``, and
``value_delivered[OUTCOME]``. A new ``current`` value is reported by its progress when both sides have one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from samkit.analysis.changes import Change, ChangeKind, differing_fields, identity, pair_items, plain
from samkit.analysis.objectives import as_decimal, progress_of

if TYPE_CHECKING:
    from samkit.plan.model import Milestone, Objective, Plan, ValueDelivered

Entry = TypeVar("Entry", bound=BaseModel)


def customer_side_changes(before: Plan, after: Plan) -> list[Change]:
    return _objective_changes(before.objectives, after.objectives) + _value_changes(
        before.value_delivered, after.value_delivered
    )


def _objective_changes(before: Sequence[Objective], after: Sequence[Objective]) -> list[Change]:
    added, matched, removed = pair_items(before, after, lambda objective: identity(objective.name))
    changes = [Change(ChangeKind.FIELD_CHANGED, f"objectives[{item.name}]", None, plain(item)) for item in added]
    for old, new in matched:
        subject = f"objectives[{new.name}]"
        was, now = progress_of(old), progress_of(new)
        if was != now:
            changes.append(Change(ChangeKind.OBJECTIVE_PROGRESSED, new.name, as_decimal(was), as_decimal(now)))
        measured = was is not None and now is not None
        for name, (old_value, new_value) in differing_fields(old, new).items():
            if name == "name" or name == "milestones" or (name == "current" and measured):
                continue
            changes.append(Change(ChangeKind.FIELD_CHANGED, f"{subject}.{name}", old_value, new_value))
        changes += _milestone_changes(subject, old.milestones, new.milestones)
    changes += [Change(ChangeKind.FIELD_CHANGED, f"objectives[{item.name}]", plain(item), None) for item in removed]
    return changes


def _milestone_changes(subject: str, before: Sequence[Milestone], after: Sequence[Milestone]) -> list[Change]:
    added, matched, removed = pair_items(before, after, lambda milestone: identity(milestone.name))

    def label(milestone: Milestone) -> str:
        return f"{subject}.milestones[{milestone.name}]"

    changes = [Change(ChangeKind.FIELD_CHANGED, label(item), None, plain(item)) for item in added]
    return changes + _edited_or_removed(matched, removed, label, "name")


def _value_changes(before: Sequence[ValueDelivered], after: Sequence[ValueDelivered]) -> list[Change]:
    """Entries matched by date and outcome: new ones are ``value_delivered_added``, edited or removed ones
    ``field_changed`` on ``value_delivered[OUTCOME]``."""
    added, matched, removed = pair_items(before, after, lambda entry: f"{entry.date}\0{identity(entry.outcome)}")
    changes = [Change(ChangeKind.VALUE_DELIVERED_ADDED, entry.outcome, None, plain(entry)) for entry in added]
    return changes + _edited_or_removed(matched, removed, lambda entry: f"value_delivered[{entry.outcome}]", "outcome")


def _edited_or_removed(
    matched: list[tuple[Entry, Entry]], removed: list[Entry], label: Callable[[Entry], str], name_field: str
) -> list[Change]:
    """``field_changed`` on ``LABEL.FIELD`` for each field but the name that a matched entry changed, then on
    ``LABEL`` (null after) for each removed entry."""
    changes = [
        Change(ChangeKind.FIELD_CHANGED, f"{label(new)}.{name}", was, now)
        for old, new in matched
        for name, (was, now) in differing_fields(old, new).items()
        if name != name_field
    ]
    return changes + [Change(ChangeKind.FIELD_CHANGED, label(item), plain(item), None) for item in removed]
