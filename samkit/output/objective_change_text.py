"""Changes on the customer's side in words (objectives, milestones, value delivered), for ``diff``, ``review``
and the textconv view; ``samkit.output.change_text.describe`` hands them here."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from samkit.analysis.changes import Change, ChangeKind
from samkit.analysis.objectives import format_progress
from samkit.output.change_text import show

if TYPE_CHECKING:
    from samkit.output.change_text import Style

_OBJECTIVE = re.compile(
    r"^objectives\[(?P<objective>.*?)\](?:\.milestones\[(?P<milestone>.*)\])?(?:\.(?P<field>\w+))?$", re.DOTALL
)
_VALUE = re.compile(r"^value_delivered\[(?P<outcome>.*)\](?:\.(?P<field>\w+))?$", re.DOTALL)


def _progress(value: Any) -> str:
    return format_progress(Fraction(value)) if isinstance(value, Decimal) else "not measured"


def _value_entry(entry: Any) -> str:
    if not isinstance(entry, dict):
        return show(entry)
    facts = [show(entry.get("amount"), "value")] if entry.get("amount") is not None else []
    facts += [str(entry[key]) for key in ("objective", "date") if entry.get(key)]
    return ", ".join(facts)


def describe_customer_side(change: Change, style: Style) -> str | None:
    """The words for an objective or value-delivered change; None for any other change."""
    kind, subject, before, after = change.kind, change.subject, change.before, change.after
    if kind is ChangeKind.OBJECTIVE_PROGRESSED:
        return f"Objective {style.strong(subject)}: progress {style.text(f'{_progress(before)} → {_progress(after)}')}"
    if kind is ChangeKind.VALUE_DELIVERED_ADDED:
        return f"Value delivered: {style.strong(subject)} ({style.text(_value_entry(after))})"
    if kind is not ChangeKind.FIELD_CHANGED:
        return None
    objective = _OBJECTIVE.match(subject)
    if objective is not None:
        name, milestone, field = objective["objective"], objective["milestone"], objective["field"]
        where = f"Objective {style.strong(name)}"
        if milestone is not None:
            step = style.strong(milestone)
            if field is None:
                return f"{where}: {'added' if before is None else 'removed'} milestone {step}"
            if field == "done" and after is True:
                return f"{where}: milestone {step} done"
            return f"{where}: milestone {step} {style.text(field)} {style.text(f'{show(before)} → {show(after)}')}"
        if field is None:
            return f"{'Added' if before is None else 'Removed'} objective {style.strong(name)}"
        return f"{where}: {style.text(field)} {style.text(f'{show(before)} → {show(after)}')}"
    value = _VALUE.match(subject)
    if value is not None:
        outcome = style.strong(value["outcome"])
        if value["field"] is None:
            return f"Value delivered removed: {outcome} (was {style.text(_value_entry(before))})"
        moved = f"{show(before, value['field'])} → {show(after, value['field'])}"
        return f"Value delivered {outcome}: {style.text(value['field'])} {style.text(moved)}"
    return None
