"""Turning what importers read into ``last_contact`` updates (cli.md, ``import``); nothing is written here.

Each row is an activity, a skip or an error. Activities are matched (``samkit.importers.matching``); only the
latest date per stakeholder is kept, and a date not later than the plan's own is already known
(deduplication: running the same import twice changes nothing). Skips are counted by reason; the ones a
user can act on (unknown account or person, ambiguous, another account's stakeholder) are listed as well.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from samkit.importers.base import Activity, Extracted, InvalidRow, Skip, SkippedRow, SourceFacts
from samkit.importers.matching import Person, PlanIndex
from samkit.plan.contacts import last_contact_edit
from samkit.plan.textedit import PlanEdit


@dataclass(frozen=True)
class UnmatchedActivity:
    activity: Activity
    reason: Skip


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
    skipped: Counter[Skip] = field(default_factory=Counter)
    sources: list[SourceFacts] = field(default_factory=list)
    activities: int = 0

    @property
    def ignored_future(self) -> int:
        return self.skipped[Skip.FUTURE]

    @property
    def departed(self) -> int:
        """Stakeholders who left that activities matched: never updated."""
        return self.skipped[Skip.DEPARTED]

    def edits_by_path(self) -> dict[str, list[PlanEdit]]:
        """Every plan's edits together, so each file is edited and re-validated once."""
        edits: dict[str, list[PlanEdit]] = defaultdict(list)
        for update in self.updates:
            edits[update.path].append(last_contact_edit(update.index, update.after))
        return dict(edits)


def apply_activities(index: PlanIndex, items: Iterable[Extracted], today: date) -> ImportOutcome:
    """Read every row and work out the updates."""
    outcome = ImportOutcome()
    latest: dict[Person, date] = {}
    # an export names the same few thousand people again and again: each is looked up once
    known: dict[tuple[str | None, ...], Person | Skip] = {}
    activities = 0
    skipped = outcome.skipped
    for item in items:
        if type(item) is Activity or isinstance(item, Activity):
            activities += 1
            day = item.day
            if day > today:
                skipped[Skip.FUTURE] += 1
                continue
            who = (item.account, item.account_id, item.contact, item.email, item.contact_id)
            found = known.get(who)
            if found is None:
                found = known[who] = Skip.INTERNAL if index.internal(item) else index.match(item)
            if type(found) is tuple:
                if latest.get(found, date.min) < day:
                    latest[found] = day
            elif found is Skip.INTERNAL or found is Skip.NOT_LOADED:  # counted, not listed: nobody to add
                skipped[found] += 1
            else:
                assert isinstance(found, Skip)
                skipped[found] += 1
                outcome.unmatched.append(UnmatchedActivity(item, found))
        elif isinstance(item, SkippedRow):
            outcome.skipped[item.reason] += 1
        elif isinstance(item, InvalidRow):
            outcome.invalid.append(item)
        elif isinstance(item, SourceFacts):
            outcome.sources.append(item)
    outcome.activities = activities
    for (number, person_index), day in sorted(latest.items()):
        plan = index.plans[number]
        person = plan.people[person_index]
        if not person.active:
            outcome.skipped[Skip.DEPARTED] += 1
            continue
        if person.last_contact is None or person.last_contact < day:
            outcome.updates.append(Update(plan.path, plan.account, person.name, person_index, person.last_contact, day))
    return outcome
