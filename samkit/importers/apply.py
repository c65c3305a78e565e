"""Matching activities to plans' stakeholders and moving ``last_contact`` forward (cli.md, ``import``).

The plans are indexed once (accounts by name, people by email and by name, per plan and across plans), so
each activity costs a few dictionary look-ups and an export of any size streams through in one pass. Only
the latest date per stakeholder is kept; a date not later than the plan's own is already known
(deduplication: running the same import twice changes nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from samkit.importers.base import Activity, InvalidRow
from samkit.plan.contacts import last_contact_edit, person_key
from samkit.plan.loader import LoadedPlan
from samkit.plan.model import Plan
from samkit.plan.textedit import PlanEdit


class Unmatched(StrEnum):
    UNKNOWN_ACCOUNT = "unknown account"
    UNKNOWN_PERSON = "unknown person"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class UnmatchedActivity:
    activity: Activity
    reason: Unmatched


@dataclass(frozen=True)
class Update:
    """One stakeholder's ``last_contact`` moving forward."""

    path: str
    account: str
    stakeholder: str
    index: int
    before: date | None
    after: date


@dataclass
class ImportOutcome:
    updates: list[Update] = field(default_factory=list)
    unmatched: list[UnmatchedActivity] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)
    ignored_future: int = 0
    departed: int = 0  # stakeholders who left that activities matched: never updated
    activities: int = 0

    def edits_by_path(self) -> dict[str, list[PlanEdit]]:
        edits: dict[str, list[PlanEdit]] = defaultdict(list)
        for update in self.updates:
            edits[update.path].append(last_contact_edit(update.index, update.after))
        return dict(edits)


Person = tuple[int, int]  # (plan number, stakeholder index)


class PlanIndex:
    """Where accounts and people are found, built once from the plans that loaded."""

    def __init__(self, plans: list[LoadedPlan]) -> None:
        self.plans: list[tuple[str, Plan]] = [(loaded.path, loaded.plan) for loaded in plans if loaded.plan is not None]
        self.accounts: dict[str, list[int]] = defaultdict(list)
        self.emails: dict[str, list[Person]] = defaultdict(list)
        self.names: dict[str, list[Person]] = defaultdict(list)
        self.plan_emails: list[dict[str, list[Person]]] = []
        self.plan_names: list[dict[str, list[Person]]] = []
        for number, (_, plan) in enumerate(self.plans):
            self.accounts[person_key(plan.account.name)].append(number)
            emails: dict[str, list[Person]] = defaultdict(list)
            names: dict[str, list[Person]] = defaultdict(list)
            for index, person in enumerate(plan.stakeholders):
                if person.email:
                    emails[person_key(person.email)].append((number, index))
                    self.emails[person_key(person.email)].append((number, index))
                names[person_key(person.name)].append((number, index))
                self.names[person_key(person.name)].append((number, index))
            self.plan_emails.append(emails)
            self.plan_names.append(names)

    def match(self, activity: Activity) -> Person | Unmatched:
        """Email first, then name; within the named account's plan, else across every plan."""
        if activity.account:
            numbers = self.accounts.get(person_key(activity.account), [])
            if not numbers:
                return Unmatched.UNKNOWN_ACCOUNT
            if len(numbers) > 1:
                return Unmatched.AMBIGUOUS
            emails, names = self.plan_emails[numbers[0]], self.plan_names[numbers[0]]
        else:
            emails, names = self.emails, self.names
        for table, key in ((emails, activity.email), (names, activity.contact)):
            if key:
                found = table.get(person_key(key), [])
                if len(found) == 1:
                    return found[0]
                if len(found) > 1:
                    return Unmatched.AMBIGUOUS
        return Unmatched.UNKNOWN_PERSON


def apply_activities(
    plans: list[LoadedPlan], activities: Iterable[Activity | InvalidRow], today: date
) -> ImportOutcome:
    """Read every activity and work out the updates; nothing is written here."""
    index = PlanIndex(plans)
    outcome = ImportOutcome()
    latest: dict[Person, date] = {}
    for item in activities:
        if isinstance(item, InvalidRow):
            outcome.invalid.append(item)
            continue
        outcome.activities += 1
        if item.day > today:
            outcome.ignored_future += 1
            continue
        found = index.match(item)
        if isinstance(found, Unmatched):
            outcome.unmatched.append(UnmatchedActivity(item, found))
            continue
        if latest.get(found, date.min) < item.day:
            latest[found] = item.day
    for (number, person_index), day in sorted(latest.items()):
        path, plan = index.plans[number]
        person = plan.stakeholders[person_index]
        if not person.active:
            outcome.departed += 1
            continue
        if person.last_contact is None or person.last_contact < day:
            outcome.updates.append(Update(path, plan.account.name, person.name, person_index, person.last_contact, day))
    return outcome
