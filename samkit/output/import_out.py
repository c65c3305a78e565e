"""``samkit import`` output: the updates (as ``log`` prints them), the unmatched activities, a summary."""

from __future__ import annotations

from datetime import date

from samkit.importers.apply import ImportOutcome, UnmatchedActivity
from samkit.output.jsonout import dumps
from samkit.output.log_out import change_line
from samkit.plan.contacts import Change


def _where(item: UnmatchedActivity) -> str:
    activity = item.activity
    return f"{activity.source}:{activity.line}" if activity.line is not None else activity.source


def _who(item: UnmatchedActivity) -> str:
    activity = item.activity
    parts = [part for part in (activity.contact, f"<{activity.email}>" if activity.email else None) if part]
    at = f" at {activity.account}" if activity.account else ""
    return " ".join(parts) + at


def import_text(outcome: ImportOutcome) -> str:
    lines = [
        change_line(
            update.path, Change(update.stakeholder, "last_contact", _iso(update.before), update.after.isoformat())
        )
        for update in outcome.updates
    ]
    if outcome.unmatched:
        if lines:
            lines.append("")
        lines.append(
            f"unmatched ({len(outcome.unmatched)}): add these people to the stakeholder map, or fix the export"
        )
        lines.extend(
            f"  {_where(item)}: {item.reason.value}: {_who(item)}, {item.activity.day.isoformat()}"
            for item in outcome.unmatched
        )
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
    }
    return dumps(document) + "\n"


def import_summary(outcome: ImportOutcome, plans: int, dry_run: bool) -> str:
    touched = len({update.path for update in outcome.updates})
    parts = [
        f"{outcome.activities} activit{'y' if outcome.activities == 1 else 'ies'} read",
        f"{len(outcome.updates)} contact{'s' * (len(outcome.updates) != 1)} updated in {touched} of {plans} "
        f"plan{'s' * (plans != 1)}",
    ]
    if outcome.unmatched:
        parts.append(f"{len(outcome.unmatched)} unmatched")
    if outcome.ignored_future:
        parts.append(f"{outcome.ignored_future} dated after today ignored")
    if outcome.departed:
        parts.append(f"{outcome.departed} departed stakeholder{'s' * (outcome.departed != 1)} not updated")
    summary = "samkit import: " + ", ".join(parts)
    return summary + ("; dry run: nothing was written" if dry_run and outcome.updates else "")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
