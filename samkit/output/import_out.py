"""``samkit import`` output: the updates (as ``log`` prints them), the unmatched people, a summary.

The summary (stderr in text; in the document in json) gives the rows skipped per reason, the column used
for each role in each file and the date form read, so a user sees what samkit took from the export.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from samkit.importers.apply import ImportOutcome, UnmatchedActivity
from samkit.importers.base import InvalidRow, SourceFacts
from samkit.output.jsonout import dumps
from samkit.output.log_out import change_line
from samkit.output.terminal import one_line
from samkit.plan.contacts import Change
from samkit.wording import plural


def _where(item: UnmatchedActivity) -> str:
    activity = item.activity
    return f"{activity.source}:{activity.line}" if activity.line is not None else activity.source


def _who(item: UnmatchedActivity) -> str:
    activity = item.activity
    parts = [part for part in (activity.contact, f"<{activity.email}>" if activity.email else None) if part]
    if not parts and activity.contact_id:
        parts = [f"contact id {activity.contact_id}"]
    account = activity.account or (f"account id {activity.account_id}" if activity.account_id else "")
    at = f" at {account}" if account else ""
    return " ".join(parts) + at


@dataclass
class UnmatchedPerson:
    """One person (or account) the rows named but the program does not know, with every row naming them."""

    first: UnmatchedActivity
    rows: int
    latest: date


def unmatched_people(outcome: ImportOutcome) -> list[UnmatchedPerson]:
    """The unmatched rows grouped by reason, account, name and email, in the order first seen."""
    people: dict[tuple[str, str, str, str], UnmatchedPerson] = {}
    for item in outcome.unmatched:
        activity = item.activity
        key = (
            item.reason.value,
            (activity.account or activity.account_id or "").casefold(),
            (activity.contact or activity.contact_id or "").casefold(),
            (activity.email or "").casefold(),
        )
        found = people.get(key)
        if found is None:
            people[key] = UnmatchedPerson(item, 1, activity.day)
        else:
            found.rows += 1
            found.latest = max(found.latest, activity.day)
    return list(people.values())


def import_text(outcome: ImportOutcome) -> str:
    lines = [
        change_line(
            update.path, Change(update.stakeholder, "last_contact", _iso(update.before), update.after.isoformat())
        )
        for update in outcome.updates
    ]
    people = unmatched_people(outcome)
    if people:
        if lines:
            lines.append("")
        lines.append(f"unmatched ({len(people)}): add these people to the stakeholder map, or fix the export")
        for person in people:
            item = person.first
            more = f" ({person.rows} rows, latest {person.latest.isoformat()})" if person.rows > 1 else ""
            where, who = one_line(_where(item)), one_line(_who(item))
            lines.append(f"  {where}: {item.reason.value}: {who}, {item.activity.day.isoformat()}{more}")
    return "".join(line + "\n" for line in lines)


def import_json(outcome: ImportOutcome) -> str:
    document = {
        "updated": [
            {
                "path": update.path,
                "account": update.account,
                "stakeholder": update.stakeholder,
                "before": _iso(update.before),
                "after": update.after.isoformat(),
            }
            for update in outcome.updates
        ],
        "unmatched": [
            {
                "source": item.activity.source,
                "line": item.activity.line,
                "account": item.activity.account,
                "contact": item.activity.contact,
                "email": item.activity.email,
                "date": item.activity.day.isoformat(),
                "reason": item.reason.value,
            }
            for item in outcome.unmatched
        ],
        "ignored_future": outcome.ignored_future,
        "skipped": {reason.value: count for reason, count in sorted(outcome.skipped.items())},
        "sources": [_source(facts) for facts in outcome.sources],
        "unmatched_people": [
            {
                "account": person.first.activity.account,
                "account_id": person.first.activity.account_id,
                "contact": person.first.activity.contact,
                "contact_id": person.first.activity.contact_id,
                "email": person.first.activity.email,
                "reason": person.first.reason.value,
                "rows": person.rows,
                "latest": person.latest.isoformat(),
            }
            for person in unmatched_people(outcome)
        ],
    }
    return dumps(document) + "\n"


def _source(facts: SourceFacts) -> dict[str, object]:
    return {
        "source": facts.source,
        "columns": facts.columns,
        "date_format": facts.date_format,
        "date_format_detected": facts.detected,
    }


def invalid_summary(invalid: Sequence[InvalidRow], row_word: str) -> str:
    """The last line when an import stops on errors: its rows, and apart the files it could not read at all
    (not UTF-8, not a calendar), which are no "row"."""
    rows = sum(1 for row in invalid if not row.whole_file)
    unreadable = len(invalid) - rows
    parts = [plural(rows, row_word)] if rows else []
    parts += [plural(unreadable, "unreadable file")] if unreadable else []
    return f"samkit import: {' and '.join(parts)}; nothing was written"


def import_summary(outcome: ImportOutcome, plans: int, dry_run: bool) -> Iterator[str]:
    """The summary lines: counts, then the skips by reason, then what was read from each file."""
    touched = len({update.path for update in outcome.updates})
    parts = [
        f"{outcome.activities} activit{'y' if outcome.activities == 1 else 'ies'} read",
        f"{plural(len(outcome.updates), 'contact')} updated in {touched} of {plans} plan{'s' * (plans != 1)}",
    ]
    skipped = sum(outcome.skipped.values())
    if skipped:
        parts.append(f"{skipped} skipped" + (f" ({len(outcome.unmatched)} unmatched)" if outcome.unmatched else ""))
    summary = "samkit import: " + ", ".join(parts)
    yield summary + ("; dry run: nothing was written" if dry_run and outcome.updates else "")
    if skipped:
        counts = sorted(outcome.skipped.items(), key=lambda item: (-item[1], item[0].value))
        yield "  skipped: " + ", ".join(f"{count} {reason.value}" for reason, count in counts)
    for facts in outcome.sources:
        used = ", ".join(f"{role} {header!r}" for role, header in facts.columns.items())
        form = f"; dates {facts.date_format}" + (" (detected)" if facts.detected else "") if facts.date_format else ""
        yield f"  {facts.source}: {used}{form}"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
