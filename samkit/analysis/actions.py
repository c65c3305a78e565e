"""Open actions across plans: the overdue ones first, then those coming up, by due date.

One selection serves ``samkit actions`` (every format, the calendar included) and the site's actions page,
and the staleness rules (``is_overdue_action``, ``is_upcoming_action``) are the lint rules' own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from samkit.analysis.staleness import days_between, is_overdue_action, is_upcoming_action

if TYPE_CHECKING:
    from samkit.plan.model import Plan

DEFAULT_WINDOW_DAYS = 14
UID_DOMAIN = "samkit"


@dataclass(frozen=True, slots=True)
class OpenAction:
    path: str
    account: str
    due: date
    action: str
    owner: str | None
    overdue_days: int  # days past due; 0 when due today or later
    occurrence: int = 0  # of the same action text in its plan, in file order (done actions counted)
    done: bool = False  # always: only open actions are listed (the staleness rules read it, like an Action's)

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def uid(self) -> str:
        """The stable calendar identity (see ``action_uid``), worked out only when a calendar is written."""
        return action_uid(self.account, self.action, self.occurrence)

    def to_dict(self) -> dict[str, Any]:
        """``actions --format json`` (cli.md): path, account, due, action, owner, overdue_days."""
        return {
            "path": self.path,
            "account": self.account,
            "due": self.due,
            "action": self.action,
            "owner": self.owner,
            "overdue_days": self.overdue_days,
        }


def _key(text: str) -> str:
    # names and texts match the way people read them: case and runs of spaces do not matter
    return " ".join(text.split()).casefold()


def action_uid(account: str, action: str, occurrence: int) -> str:
    """A calendar UID that survives what should not change an event's identity.

    Made of the account name and the action text (case and spacing ignored) and, when one plan repeats the
    same action text, its occurrence in file order. Not the plan's path (renaming or moving the file keeps
    every event) and not the due date (re-dating an action moves its event instead of adding a second one).
    Renaming the account or rewording the action makes a new event.
    """
    digest = hashlib.sha256(f"{_key(account)}\n{_key(action)}\n{occurrence}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def plan_actions(path: str, plan: Plan, today: date) -> list[OpenAction]:
    """Every open action of one plan, with its UID (done actions count for the occurrence number)."""
    seen: dict[str, int] = {}
    found = []
    for action in plan.actions:
        key = _key(action.action)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        if action.done:
            continue
        found.append(
            OpenAction(
                path=path,
                account=plan.account.name,
                due=action.due,
                action=action.action,
                owner=action.owner,
                overdue_days=days_between(action.due, today) if is_overdue_action(action, today) else 0,
                occurrence=occurrence,
            )
        )
    return found


def owner_matches(owner: str | None, wanted: str) -> bool:
    """``--owner`` matches the whole owner name, ignoring case and extra spaces."""
    return owner is not None and _key(owner) == _key(wanted)


def resolve_owner(wanted: str, owners: Iterable[str | None]) -> str:
    """The owner ``--owner`` means: a full name (case and spacing ignored), else a first name only one owner has.

    Anything else is a ``UsageError`` (exit 2) that names the known owners, the closest first: answering "no
    action is overdue" for a typo would be false reassurance.
    """
    import difflib

    from samkit.errors import UsageError

    names: dict[str, str] = {}
    for owner in owners:
        if owner is not None and owner.strip():
            names.setdefault(_key(owner), " ".join(owner.split()))
    key = _key(wanted)
    if key in names:
        return names[key]
    by_first = [name for name_key, name in names.items() if name_key.split()[0] == key]
    if len(by_first) == 1:
        return by_first[0]
    if len(by_first) > 1:
        raise UsageError(f"--owner {wanted!r} could be {', '.join(sorted(by_first))}; give the whole name")
    if not names:
        raise UsageError(f"--owner {wanted!r}: no open action names an owner")
    # a misspelt whole name, or a misspelt first name ("Mariaa")
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    firsts: dict[str, list[str]] = {}
    for name_key, name in names.items():
        firsts.setdefault(name_key.split()[0], []).append(name)
    for first in difflib.get_close_matches(key, list(firsts), n=3, cutoff=0.6):
        close += [_key(name) for name in firsts[first] if _key(name) not in close]
    hint = f"; did you mean {' or '.join(repr(names[match]) for match in close[:3])}?" if close else "."
    known = ", ".join(sorted(names.values(), key=str.casefold))
    raise UsageError(f"--owner {wanted!r} owns no open action{hint} The owners of open actions: {known}")


def select_open_actions(
    actions: Iterable[OpenAction],
    today: date,
    *,
    days: int | None = DEFAULT_WINDOW_DAYS,
    owner: str | None = None,
) -> list[OpenAction]:
    """Of some open actions: overdue ones, then those due today or within ``days`` days (None: every open
    action), each group by due date (then account, action text and path, so the order never depends on the
    order plans are given). ``owner`` is a resolved name (``resolve_owner``)."""
    selected = [
        item
        for item in actions
        if (owner is None or owner_matches(item.owner, owner))
        and (item.overdue or days is None or is_upcoming_action(item, today, days))
    ]
    return sorted(selected, key=lambda item: (not item.overdue, item.due, _key(item.account), item.action, item.path))
