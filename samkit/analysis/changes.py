"""What changed between two versions of a plan, matched by identity rather than by line.

Stakeholders, opportunities and team members are matched by name, risks and actions by their text, RACI
entries by activity, whitespace cells by unit and product (all case-insensitively, as the loader's
uniqueness rule does). Every difference is a ``Change`` with a ``kind``; whatever has no kind of its own is
``field_changed`` with a dotted path (``account.manager``, ``account.renewal_date``, ``state.health_score``,
``stakeholders[Jennifer Wu].title``, ``raci[Quarterly business review].accountable``,
``whitespace[Payments / Core Platform].potential``); a RACI entry added or removed is ``field_changed`` on
``raci[ACTIVITY]`` with null on the missing side.

``before`` / ``after`` values are JSON-friendly: money and numbers stay ``Decimal`` (written as exact
JSON numbers by ``samkit.output.jsonout``), dates are ISO text, enums their value, quarters their text.
Git is not involved here: ``samkit.history.diff`` reads the two sides from revisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from samkit.config import ScoringConfig
    from samkit.plan.model import Action, Opportunity, Plan, RaciEntry, Risk, Stakeholder, TeamMember, WhitespaceCell


class ChangeKind(StrEnum):
    STAKEHOLDER_ADDED = "stakeholder_added"
    STAKEHOLDER_REMOVED = "stakeholder_removed"
    RELATIONSHIP_CHANGED = "relationship_changed"
    ROLE_CHANGED = "role_changed"
    CONTACT_LOGGED = "contact_logged"
    OPPORTUNITY_ADDED = "opportunity_added"
    OPPORTUNITY_REMOVED = "opportunity_removed"
    OPPORTUNITY_CHANGED = "opportunity_changed"
    RISK_ADDED = "risk_added"
    RISK_REMOVED = "risk_removed"
    RISK_CHANGED = "risk_changed"
    ACTION_ADDED = "action_added"
    ACTION_REMOVED = "action_removed"
    ACTION_DONE = "action_done"
    SCORE_CHANGED = "score_changed"
    TIER_CHANGED = "tier_changed"
    FIELD_CHANGED = "field_changed"
    WHITESPACE_CHANGED = "whitespace_changed"
    TEAM_CHANGED = "team_changed"
    NOTE_ADDED = "note_added"
    # round 3, the customer's side (samkit.analysis.objective_changes)
    OBJECTIVE_PROGRESSED = "objective_progressed"
    VALUE_DELIVERED_ADDED = "value_delivered_added"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: str
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "subject": self.subject, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class PlanSummary:
    """The headline of one side of a plan: enough to introduce an added or a deleted plan."""

    account: str
    manager: str
    score: Decimal | None
    tier: str | None
    stakeholders: int
    relationships: int
    strong: int
    opportunities: int
    churned: bool = False  # account.status: churned, history (samkit.analysis.program.is_history)

    def to_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "manager": self.manager,
            "status": "churned" if self.churned else "active",
            "score": self.score,
            "tier": self.tier,
            "stakeholders": self.stakeholders,
            "relationships": self.relationships,
            "strong": self.strong,
            "opportunities": self.opportunities,
        }


def plain(value: Any) -> Any:
    """A value as it goes into ``before`` / ``after``: Decimal kept, dates ISO, enums their value, models dicts."""
    if isinstance(value, BaseModel):
        return _model_values(value, drop_none=True)
    if isinstance(value, bool | int | str | Decimal) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)  # QuarterRange and any other value with a text form


def _model_values(model: BaseModel, *, drop_none: bool = False) -> dict[str, Any]:
    values = {name: plain(getattr(model, name)) for name in type(model).model_fields}
    # an added or removed item shows what it holds: unset fields and empty lists (no notes yet) say nothing
    return {name: value for name, value in values.items() if value is not None and value != []} if drop_none else values


def identity(text: str) -> str:
    """How items are matched: the loader's uniqueness rule (trimmed, case-insensitive)."""
    return " ".join(text.split()).casefold()


T = TypeVar("T")


Model = TypeVar("Model", bound=BaseModel)


_COLLECTIONS = (
    "stakeholders",
    "opportunities",
    "risks",
    "actions",
    "raci",
    "whitespace",
    "objectives",
    "value_delivered",
)


def plan_changes(before: Plan, after: Plan, scoring: ScoringConfig | None = None) -> list[Change]:
    """Every difference between two versions of one plan, score and tier first, then item by item."""
    changes = _score_changes(before, after, scoring)
    changes += _stakeholder_changes(before.stakeholders, after.stakeholders)
    changes += _opportunity_changes(before.opportunities, after.opportunities)
    changes += _risk_changes(before.risks, after.risks)
    changes += _action_changes(before.actions, after.actions)
    changes += _team_changes(before.account.team, after.account.team)
    changes += _raci_changes(before.raci, after.raci)
    changes += _whitespace_changes(before.whitespace, after.whitespace)
    from samkit.analysis.objective_changes import customer_side_changes  # it builds on this module

    changes += customer_side_changes(before, after)
    changes += _walk_fields("", _plan_fields(before), _plan_fields(after))
    return changes


def _plan_fields(plan: Plan) -> dict[str, Any]:
    fields = {name: value for name, value in _model_values(plan).items() if name not in _COLLECTIONS}
    fields["account"] = {name: value for name, value in fields["account"].items() if name != "team"}
    return fields


def _walk_fields(prefix: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """``field_changed`` for every leaf that differs; sections (mappings) are walked, lists compared whole."""
    changes = []
    for name in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(name), after.get(name)
        path = f"{prefix}{name}"
        if isinstance(old, dict) or isinstance(new, dict):
            changes += _walk_fields(f"{path}.", old or {}, new or {})
        elif old != new:
            changes.append(Change(ChangeKind.FIELD_CHANGED, path, old, new))
    return changes


def _score_changes(before: Plan, after: Plan, scoring: ScoringConfig | None) -> list[Change]:
    from samkit.analysis.plan_score import plan_score, plan_tier
    from samkit.analysis.scoring import display_score

    changes = []
    old_score, new_score = plan_score(before, scoring), plan_score(after, scoring)
    old_exact = old_score.score if old_score is not None else None
    new_exact = new_score.score if new_score is not None else None
    if old_exact != new_exact:
        changes.append(
            Change(
                ChangeKind.SCORE_CHANGED,
                "score",
                display_score(old_exact) if old_exact is not None else None,
                display_score(new_exact) if new_exact is not None else None,
            )
        )
    old_tier, new_tier = plan_tier(before, scoring), plan_tier(after, scoring)
    if old_tier != new_tier:
        changes.append(Change(ChangeKind.TIER_CHANGED, "tier", old_tier, new_tier))
    return changes


def _pair(
    before: Sequence[T], after: Sequence[T], key: Callable[[T], str]
) -> tuple[list[T], list[tuple[T, T]], list[T]]:
    """Match items by identity: (added, matched pairs in HEAD order, removed in BASE order).

    Items sharing an identity (two actions with the same text) are paired in file order.
    """
    waiting: dict[str, list[T]] = {}
    for item in before:
        waiting.setdefault(key(item), []).append(item)
    added: list[T] = []
    matched: list[tuple[T, T]] = []
    for item in after:
        candidates = waiting.get(key(item))
        if candidates:
            matched.append((candidates.pop(0), item))
        else:
            added.append(item)
    paired = {id(old) for old, _ in matched}
    removed = [item for item in before if id(item) not in paired]
    return added, matched, removed


def _differing(before: BaseModel, after: BaseModel) -> dict[str, tuple[Any, Any]]:
    old, new = _model_values(before), _model_values(after)
    return {name: (old[name], new[name]) for name in old if old[name] != new[name]}


def _stakeholder_changes(before: Sequence[Stakeholder], after: Sequence[Stakeholder]) -> list[Change]:
    added, matched, removed = _pair(before, after, lambda person: identity(person.name))
    changes = [Change(ChangeKind.STAKEHOLDER_ADDED, person.name, None, plain(person)) for person in added]
    special = {
        "relationship": ChangeKind.RELATIONSHIP_CHANGED,
        "role": ChangeKind.ROLE_CHANGED,
        "last_contact": ChangeKind.CONTACT_LOGGED,
    }
    for old, new in matched:
        for name, (was, now) in _differing(old, new).items():
            kind = special.get(name)
            if kind is not None:
                changes.append(Change(kind, new.name, was, now))
            elif name == "notes" and _only_added(old.notes, new.notes):
                changes += [
                    Change(ChangeKind.NOTE_ADDED, new.name, None, note) for note in _added(old.notes, new.notes)
                ]
            else:
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"stakeholders[{new.name}].{name}", was, now))
    changes += [Change(ChangeKind.STAKEHOLDER_REMOVED, person.name, plain(person), None) for person in removed]
    return changes


def _whole_item_changes(
    before: Sequence[Model],
    after: Sequence[Model],
    subject: Callable[[Model], str],
    kinds: tuple[ChangeKind, ChangeKind, ChangeKind],
) -> list[Change]:
    """Items matched by ``subject``: added, changed (the differing fields before and after), removed."""
    added_kind, changed_kind, removed_kind = kinds
    added, matched, removed = _pair(before, after, lambda item: identity(subject(item)))
    changes = [Change(added_kind, subject(item), None, plain(item)) for item in added]
    for old, new in matched:
        differing = _differing(old, new)
        if differing:
            changes.append(
                Change(
                    changed_kind,
                    subject(new),
                    {name: was for name, (was, _) in differing.items()},
                    {name: now for name, (_, now) in differing.items()},
                )
            )
    changes += [Change(removed_kind, subject(item), plain(item), None) for item in removed]
    return changes


def _opportunity_changes(before: Sequence[Opportunity], after: Sequence[Opportunity]) -> list[Change]:
    kinds = (ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_CHANGED, ChangeKind.OPPORTUNITY_REMOVED)
    return _whole_item_changes(before, after, lambda opportunity: opportunity.name, kinds)


def _risk_changes(before: Sequence[Risk], after: Sequence[Risk]) -> list[Change]:
    kinds = (ChangeKind.RISK_ADDED, ChangeKind.RISK_CHANGED, ChangeKind.RISK_REMOVED)
    return _whole_item_changes(before, after, lambda risk: risk.risk, kinds)


def _action_changes(before: Sequence[Action], after: Sequence[Action]) -> list[Change]:
    added, matched, removed = _pair(before, after, lambda action: identity(action.action))
    changes = [Change(ChangeKind.ACTION_ADDED, action.action, None, _action_values(action)) for action in added]
    for old, new in matched:
        for name, (was, now) in _differing(old, new).items():
            if name == "done" and now is True:
                changes.append(Change(ChangeKind.ACTION_DONE, new.action, False, True))
            else:
                # reopening a done action, a new due date or owner: a plain field change
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"actions[{new.action}].{name}", was, now))
    changes += [Change(ChangeKind.ACTION_REMOVED, action.action, _action_values(action), None) for action in removed]
    return changes


def _action_values(action: Action) -> dict[str, Any]:
    """An added or removed action as a dict; ``shared: false`` (the default) is left out, as unset fields are."""
    values: dict[str, Any] = plain(action)
    if values.get("shared") is False:
        del values["shared"]
    return values


def _added(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """The notes of ``after`` that ``before`` lacks, counted with repeats, in ``after``'s order."""
    waiting = list(before)
    added = []
    for note in after:
        if note in waiting:
            waiting.remove(note)
        else:
            added.append(note)
    return added


def _only_added(before: Sequence[str], after: Sequence[str]) -> bool:
    """Notes were only appended or inserted: every earlier note is still there, word for word."""
    return len(_added(before, after)) == len(after) - len(before) > 0


def _team_changes(before: Sequence[TeamMember], after: Sequence[TeamMember]) -> list[Change]:
    """``team_changed`` per member added, removed or given another role: the member (name, role) or null."""
    added, matched, removed = _pair(before, after, lambda member: identity(member.name))
    changes = [Change(ChangeKind.TEAM_CHANGED, member.name, None, plain(member)) for member in added]
    changes += [
        Change(ChangeKind.TEAM_CHANGED, new.name, plain(old), plain(new))
        for old, new in matched
        if old.role != new.role
    ]
    changes += [Change(ChangeKind.TEAM_CHANGED, member.name, plain(member), None) for member in removed]
    return changes


def _raci_changes(before: Sequence[RaciEntry], after: Sequence[RaciEntry]) -> list[Change]:
    """An entry added or removed as ``raci[ACTIVITY]``; a changed letter as ``raci[ACTIVITY].accountable``."""
    added, matched, removed = _pair(before, after, lambda entry: identity(entry.activity))
    changes = [Change(ChangeKind.FIELD_CHANGED, f"raci[{entry.activity}]", None, plain(entry)) for entry in added]
    for old, new in matched:
        for name, (was, now) in _differing(old, new).items():
            if name != "activity":  # the same activity spelt in another case is not a change
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"raci[{new.activity}].{name}", was, now))
    changes += [Change(ChangeKind.FIELD_CHANGED, f"raci[{entry.activity}]", plain(entry), None) for entry in removed]
    return changes


def whitespace_subject(cell: WhitespaceCell) -> str:
    """``Payments / Core Platform``: the subject of a whitespace change."""
    return f"{' '.join(cell.unit.split())} / {' '.join(cell.product.split())}"


def _whitespace_changes(before: Sequence[WhitespaceCell], after: Sequence[WhitespaceCell]) -> list[Change]:
    """``whitespace_changed`` with the statuses (null for a cell added or removed); potential, opportunity
    and competitor changes of a kept cell are ``field_changed`` on ``whitespace[UNIT / PRODUCT].FIELD``."""
    added, matched, removed = _pair(before, after, lambda cell: f"{identity(cell.unit)}\0{identity(cell.product)}")
    kind = ChangeKind.WHITESPACE_CHANGED
    changes = [Change(kind, whitespace_subject(cell), None, cell.status.value) for cell in added]
    for old, new in matched:
        subject = whitespace_subject(new)
        for name, (was, now) in _differing(old, new).items():
            if name == "status":
                changes.append(Change(kind, subject, was, now))
            elif name not in ("unit", "product"):
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"whitespace[{subject}].{name}", was, now))
    changes += [Change(kind, whitespace_subject(cell), cell.status.value, None) for cell in removed]
    return changes


def summarize(plan: Plan, scoring: ScoringConfig | None = None) -> PlanSummary:
    from samkit.analysis.coverage import compute_coverage
    from samkit.analysis.plan_score import plan_score, plan_tier
    from samkit.analysis.program import is_history
    from samkit.analysis.scoring import display_score

    coverage = compute_coverage(plan)
    result = plan_score(plan, scoring)
    return PlanSummary(
        account=plan.account.name,
        manager=plan.account.manager,
        score=display_score(result.score) if result is not None else None,
        tier=plan_tier(plan, scoring),
        stakeholders=coverage.stakeholders,
        relationships=coverage.relationships,
        strong=coverage.strong,
        opportunities=len(plan.opportunities),
        churned=is_history(plan),
    )


# the matching helpers, shared with the customer's side (samkit.analysis.objective_changes)
pair_items = _pair
differing_fields = _differing
