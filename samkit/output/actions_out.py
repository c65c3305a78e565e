"""``samkit actions`` output: table (default), json, markdown, and an RFC 5545 calendar (``ics``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import dumps
from samkit.output.markdown import EMPTY_CELL
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.analysis.actions import OpenAction

PRODUCT_ID = "-//samkit//samkit actions//EN"
CALENDAR_NAME = "samkit: account plan actions"


def actions_json(actions: Sequence[OpenAction]) -> str:
    return dumps([item.to_dict() for item in actions]) + "\n"


def status_text(item: OpenAction, today: date) -> str:
    if item.overdue:
        return f"{plural(item.overdue_days, 'day')} overdue"
    ahead = (item.due - today).days
    return "due today" if ahead == 0 else f"in {plural(ahead, 'day')}"


def actions_blocks(actions: Sequence[OpenAction], today: date, days: int | None) -> list[Block]:
    overdue = [item for item in actions if item.overdue]
    upcoming = [item for item in actions if not item.overdue]
    window = "every open action" if days is None else f"due within {plural(days, 'day')}"
    blocks: list[Block] = [
        Paragraph(f"As of {today.isoformat()}: {len(overdue)} overdue, {len(upcoming)} {window}."),
    ]
    headers = ["Due", "Account", "Action", "Owner", "Status"]
    for title, items in (("Overdue", overdue), ("Upcoming", upcoming)):
        if not items:
            continue
        rows = [
            [item.due.isoformat(), item.account, item.action, item.owner or EMPTY_CELL, status_text(item, today)]
            for item in items
        ]
        blocks.append(TableBlock(title, headers, rows))
    if not actions:
        blocks.append(Paragraph("No open action is overdue or coming up."))
    return blocks


def actions_markdown(actions: Sequence[OpenAction], today: date, days: int | None) -> str:
    return render_markdown([Heading("Actions", 1), *actions_blocks(actions, today, days)])


def print_actions(actions: Sequence[OpenAction], today: date, days: int | None) -> None:
    print_blocks(actions_blocks(actions, today, days))


def actions_ics(actions: Sequence[OpenAction], today: date) -> str:
    """One all-day VEVENT per action (summary ``ACCOUNT: ACTION``), text escaped and long lines folded as
    RFC 5545 says (``samkit.output.ics``: plain string building, no per-event object model). ``DTSTAMP`` is
    ``today`` at midnight UTC, so the same plans and ``--today`` give the same bytes; the UID is the action's
    stable identity."""
    from samkit.output import ics

    stamp = ics.utc_value(datetime.combine(today, time(0, 0), tzinfo=UTC))
    parts = [
        ics.lines(
            [
                ("BEGIN", "VCALENDAR"),
                ("VERSION", "2.0"),
                ("PRODID", ics.text(PRODUCT_ID)),
                ("CALSCALE", "GREGORIAN"),
                ("X-WR-CALNAME", ics.text(CALENDAR_NAME)),
            ]
        )
    ]
    for item in actions:
        description = [f"Account: {item.account}", f"Owner: {item.owner or 'not named'}", f"Plan: {item.path}"]
        if item.overdue:
            description.append(f"Overdue by {plural(item.overdue_days, 'day')} on {today.isoformat()}")
        # the order icalendar writes them in, so calendars written before stay byte for byte the same
        event = [
            ("BEGIN", "VEVENT"),
            ("SUMMARY", ics.text(f"{item.account}: {item.action}")),
            ("DTSTART;VALUE=DATE", ics.date_value(item.due)),
            ("DTEND;VALUE=DATE", ics.date_value(item.due + timedelta(days=1))),
            ("DTSTAMP", stamp),
            ("UID", ics.text(item.uid)),
        ]
        if item.owner:
            event.append(("CATEGORIES", ics.text(item.owner)))
        event += [("DESCRIPTION", ics.text("\n".join(description))), ("TRANSP", "TRANSPARENT"), ("END", "VEVENT")]
        parts.append(ics.lines(event))
    if not actions:
        parts.append(ics.lines(UTC_ZONE))
    parts.append(ics.lines([("END", "VCALENDAR")]))
    return "".join(parts)


# RFC 5545's grammar needs at least one component in a calendar; with no open action, samkit writes a UTC time
# zone definition (a valid component that shows nothing) rather than an empty, invalid calendar
UTC_ZONE = [
    ("BEGIN", "VTIMEZONE"),
    ("TZID", "UTC"),
    ("BEGIN", "STANDARD"),
    ("DTSTART", "19700101T000000"),
    ("TZNAME", "UTC"),
    ("TZOFFSETFROM", "+0000"),
    ("TZOFFSETTO", "+0000"),
    ("END", "STANDARD"),
    ("END", "VTIMEZONE"),
]
