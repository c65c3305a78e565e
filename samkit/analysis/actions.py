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
    from samkit.plan.model import Action, Plan

DEFAULT_WINDOW_DAYS = 14
UID_DOMAIN = "samkit"


@dataclass(frozen=True)
class OpenAction:
    path: str
    account: str
    due: date
    action: str
    owner: str | None
    overdue_days: int  # days past due; 0 when due today or later
    uid: str  # stable calendar identity (see ``action_uid``)
    source: Action  # the plan's item, for the shared staleness rules

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

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
                uid=action_uid(plan.account.name, action.action, occurrence),
                source=action,
            )
        )
    return found


def owner_matches(owner: str | None, wanted: str) -> bool:
    """``--owner`` matches the whole owner name, ignoring case and extra spaces."""
    return owner is not None and _key(owner) == _key(wanted)


def select_actions(
    plans: Iterable[tuple[str, Plan]],
    today: date,
    *,
    days: int | None = DEFAULT_WINDOW_DAYS,
    owner: str | None = None,
) -> list[OpenAction]:
    """Overdue actions, then those due today or within ``days`` days (None: every open action), each group by
    due date (then account, action text and path, so the order never depends on the order plans are given)."""
    selected = []
    for path, plan in plans:
        for item in plan_actions(path, plan, today):
            if owner is not None and not owner_matches(item.owner, owner):
                continue
            if item.overdue or days is None or is_upcoming_action(item.source, today, days):
                selected.append(item)
    return sorted(selected, key=lambda item: (not item.overdue, item.due, _key(item.account), item.action, item.path))
