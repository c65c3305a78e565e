"""One plan change in words, shared by ``samkit diff`` (text and Markdown), ``review`` and the textconv view.

Text and Markdown share one description of each change; only the emphasis and escaping differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from samkit.analysis.changes import Change, ChangeKind
from samkit.output.markdown import escape_flat
from samkit.output.terminal import one_line
from samkit.plan.values import format_money, format_percent
from samkit.wording import plural

_MONEY_FIELDS = frozenset({"value", "arr", "potential", "amount"})
_PERCENT_FIELDS = frozenset({"probability", "feature_adoption"})
NOTHING = "(none)"


# values for people


def show(value: Any, name: str = "") -> str:
    """One value as a person reads it: money as $400,000, probabilities as 65%, lists joined."""
    if value is None or value == [] or value == "":
        return NOTHING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal | int) and name in _MONEY_FIELDS:
        return format_money(Decimal(value))
    if isinstance(value, Decimal | int) and name in _PERCENT_FIELDS:
        return format_percent(Decimal(value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list):
        return "; ".join(show(item, name) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {show(item, key)}" for key, item in value.items())
    return " ".join(str(value).split())


def signed_money(amount: Decimal) -> str:
    if amount == 0:
        return "±$0"
    return f"{'+' if amount > 0 else '-'}{format_money(abs(amount))}"


def signed_number(amount: Decimal) -> str:
    if amount == 0:
        return "±0"
    return f"{'+' if amount > 0 else '-'}{abs(amount):f}"


def relationship_direction(before: Any, after: Any) -> str:
    """``strengthened`` / ``weakened`` for a relationship move (or ``changed`` if either is unknown)."""
    from samkit.plan.enums import Relationship

    try:
        old, new = Relationship(before).rank, Relationship(after).rank
    except ValueError:
        return "changed"
    return "strengthened" if new > old else "weakened"


# one change in words, shared by text and Markdown


@dataclass(frozen=True)
class Style:
    """How a description marks up user text: plain for a terminal, escaped and bold for Markdown."""

    text: Callable[[str], str]
    strong: Callable[[str], str]
    code: Callable[[str], str]


# a name or value from a plan is printed inside a line: a line break or a tab in it (a CRM import can write
# "Two\nLines") is shown as ``\n`` / ``\t``, never starting what reads as a line of its own
PLAIN = Style(text=one_line, strong=one_line, code=one_line)


def markdown_code(value: str) -> str:
    text = " ".join(value.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def markdown_text(value: str) -> str:
    """``escape_flat`` for a fragment of a sentence: a blank at either end joins it to its neighbours (the
    tail " (COO) — influencer" after a bold name), so it is kept rather than stripped."""
    escaped = escape_flat(value)
    if not escaped:
        return escaped
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() else ""
    return f"{lead}{escaped}{trail}"


MARKDOWN = Style(
    text=markdown_text,
    strong=lambda value: f"**{escape_flat(value)}**",
    code=markdown_code,
)


def _item(kind: ChangeKind, item: Any, style: Style) -> str:
    """A short description of an added or removed stakeholder / opportunity / risk / action."""
    if not isinstance(item, dict):
        return style.text(show(item))
    if kind in (ChangeKind.STAKEHOLDER_ADDED, ChangeKind.STAKEHOLDER_REMOVED):
        where = ", ".join(str(item[key]) for key in ("title", "department") if item.get(key))
        facts = [str(item[key]) for key in ("role", "relationship") if item.get(key)]
        if item.get("status") == "left":
            facts.append("left the company")
        return style.text(f"{f' ({where})' if where else ''}{' — ' + ', '.join(facts) if facts else ''}")
    if kind in (ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_REMOVED):
        facts = [show(item.get("value"), "value"), str(item.get("kind", "")).replace("_", "-")]
        facts += [f"{show(item.get('probability'), 'probability')} likely"]
        facts += [str(item[key]) for key in ("timeframe",) if item.get(key)]
        if item.get("status") not in (None, "open"):
            facts.append(str(item["status"]))
        return style.text(" — " + ", ".join(fact for fact in facts if fact))
    if kind in (ChangeKind.RISK_ADDED, ChangeKind.RISK_REMOVED):
        facts = [f"{item.get('severity')} severity"]
        if item.get("owner"):
            facts.append(f"owner {item['owner']}")
        steps = len(item.get("mitigation") or [])
        facts.append(plural(steps, "mitigation step") if steps else "no mitigation")
        return style.text(" — " + ", ".join(facts))
    if kind in (ChangeKind.ACTION_ADDED, ChangeKind.ACTION_REMOVED):
        facts = [f"due {item.get('due')}"]
        if item.get("owner"):
            facts.append(f"owner {item['owner']}")
        if item.get("done"):
            facts.append("done")
        return style.text(" — " + ", ".join(facts))
    return style.text(show(item))


_ITEM_FIELD = re.compile(
    r"^(?:stakeholders|opportunities|risks|actions|raci|whitespace)\[(?P<item>.*)\]\.(?P<field>\w+)$", re.DOTALL
)
_RACI_ENTRY = re.compile(r"^raci\[(?P<activity>.*)\]$", re.DOTALL)
_RACI_LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))


def _field_name(subject: str) -> str:
    return subject.rsplit(".", 1)[-1]


def _fields_moved(before: Any, after: Any, style: Style) -> str:
    """``value $400,000 → $450,000, probability 65% → 70%`` for an opportunity or a risk."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return style.text(f"{show(before)} → {show(after)}")
    return ", ".join(
        style.text(f"{name} {show(before.get(name), name)} → {show(after.get(name), name)}") for name in before
    )


def _member(member: Any) -> str:
    """``Dana Cole (executive sponsor)`` from a team member's values."""
    if not isinstance(member, dict):
        return show(member)
    role = member.get("role")
    return f"{member.get('name')} ({_status(role)})" if role else str(member.get("name"))


def _raci_entry(entry: Any) -> str:
    """``R Maria Rodriguez, A Dana Cole, C Tom Lee; Priya Nair``."""
    if not isinstance(entry, dict):
        return show(entry)
    return ", ".join(f"{letter} {show(entry[name])}" for name, letter in _RACI_LETTERS if entry.get(name))


def _status(value: Any) -> str:
    return str(value).replace("_", " ")


def _new_kinds(change: Change, style: Style) -> str | None:
    """The kinds of this round's additions: whitespace cells, team members, notes, RACI entries."""
    kind, subject, before, after = change.kind, change.subject, change.before, change.after
    from samkit.output.objective_change_text import describe_customer_side  # round 3; it builds on this module

    customer_side = describe_customer_side(change, style)
    if customer_side is not None:
        return customer_side
    name = style.strong(subject)
    if kind is ChangeKind.WHITESPACE_CHANGED:
        if before is None:
            return f"Whitespace {name}: added as {style.text(_status(after))}"
        if after is None:
            return f"Whitespace {name}: removed (was {style.text(_status(before))})"
        return f"Whitespace {name}: {style.text(f'{_status(before)} → {_status(after)}')}"
    if kind is ChangeKind.TEAM_CHANGED:
        if before is None:
            return f"Team: added {style.text(_member(after))}"
        if after is None:
            return f"Team: removed {style.text(_member(before))}"
        roles = f"{_status(show(before.get('role')))} → {_status(show(after.get('role')))}"
        return f"Team: {name} role {style.text(roles)}"
    if kind is ChangeKind.NOTE_ADDED:
        return f"{name}: note added: {style.text(show(after))}"
    entry = _RACI_ENTRY.match(subject) if kind is ChangeKind.FIELD_CHANGED else None
    if entry is not None:
        activity = style.strong(entry["activity"])
        if before is None:
            return f"RACI: added {activity} ({style.text(_raci_entry(after))})"
        if after is None:
            return f"RACI: removed {activity} (was {style.text(_raci_entry(before))})"
    return None


# the kinds that add or remove one item: the words before its name, and whether the item is the new side
_ITEM_KINDS: dict[ChangeKind, tuple[str, bool]] = {
    ChangeKind.STAKEHOLDER_ADDED: ("Added stakeholder", True),
    ChangeKind.STAKEHOLDER_REMOVED: ("Removed stakeholder", False),
    ChangeKind.OPPORTUNITY_ADDED: ("Added opportunity", True),
    ChangeKind.OPPORTUNITY_REMOVED: ("Removed opportunity", False),
    ChangeKind.RISK_ADDED: ("Added risk", True),
    ChangeKind.RISK_REMOVED: ("Removed risk", False),
    ChangeKind.ACTION_ADDED: ("Added action", True),
    ChangeKind.ACTION_REMOVED: ("Removed action", False),
}
# the kinds that move one value of a named subject: the label between the name and the move
_SUBJECT_MOVES: dict[ChangeKind, str] = {
    ChangeKind.ROLE_CHANGED: "role",
    ChangeKind.CONTACT_LOGGED: "last contact",
}


def describe(change: Change, style: Style = PLAIN) -> str:
    """One change in words, e.g. ``Lisa Thompson: relationship weak → strong (strengthened)``."""
    for describer in (_new_kinds, _item_kinds, _value_moves):
        described = describer(change, style)
        if described is not None:
            return described
    return _field_moved(change, style)


def _item_kinds(change: Change, style: Style) -> str | None:
    """An item added, removed, changed field by field, or done."""
    kind, name = change.kind, style.strong(change.subject)
    if kind in _ITEM_KINDS:
        words, new_side = _ITEM_KINDS[kind]
        return f"{words} {name}{_item(kind, change.after if new_side else change.before, style)}"
    if kind in (ChangeKind.OPPORTUNITY_CHANGED, ChangeKind.RISK_CHANGED):
        return f"{name}: {_fields_moved(change.before, change.after, style)}"
    if kind is ChangeKind.ACTION_DONE:
        return f"Done: {name}"
    return None


def _value_moves(change: Change, style: Style) -> str | None:
    """A stakeholder's relationship, role or last contact, the score or the tier: ``before → after``."""
    kind, before, after = change.kind, change.before, change.after
    name = style.strong(change.subject)
    moved = style.text(f"{show(before)} → {show(after)}")
    if kind is ChangeKind.RELATIONSHIP_CHANGED:
        return f"{name}: relationship {moved} ({relationship_direction(before, after)})"
    if kind in _SUBJECT_MOVES:
        return f"{name}: {_SUBJECT_MOVES[kind]} {moved}"
    if kind is ChangeKind.SCORE_CHANGED:
        delta = f" ({signed_number(after - before)})" if before is not None and after is not None else ""
        return f"Score {moved}{delta}"
    if kind is ChangeKind.TIER_CHANGED:
        return f"Tier {moved}"
    return None


def _field_moved(change: Change, style: Style) -> str:
    """Any other field: an item's field under the item's own name, else the field's path."""
    subject = change.subject
    field = _field_name(subject)
    moved = style.text(f"{show(change.before, field)} → {show(change.after, field)}")
    item = _ITEM_FIELD.match(subject)
    if item is not None:  # stakeholders[Lisa Thompson].title: shown under the item's own name
        where = {"raci": "RACI ", "whitespace": "Whitespace "}.get(subject.split("[", 1)[0], "")
        return f"{where}{style.strong(item['item'])}: {style.text(item['field'])} {moved}"
    return f"{style.code(subject)}: {moved}"
