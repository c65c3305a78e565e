"""``samkit actions`` output: table (default), json, markdown, and an RFC 5545 calendar (``ics``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from samkit.output.blocks import Block, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import dumps
from samkit.output.markdown import EMPTY_CELL

if TYPE_CHECKING:
    from samkit.analysis.actions import OpenAction

PRODUCT_ID = "-//samkit//samkit actions//EN"
CALENDAR_NAME = "samkit: account plan actions"


def actions_json(actions: Sequence[OpenAction]) -> str:
    return dumps([item.to_dict() for item in actions]) + "\n"


def status_text(item: OpenAction, today: date) -> str:
    if item.overdue:
        return f"{item.overdue_days} day{'s' * (item.overdue_days != 1)} overdue"
    ahead = (item.due - today).days
    return "due today" if ahead == 0 else f"in {ahead} day{'s' * (ahead != 1)}"


def actions_blocks(actions: Sequence[OpenAction], today: date, days: int | None) -> list[Block]:
    overdue = [item for item in actions if item.overdue]
    upcoming = [item for item in actions if not item.overdue]
    window = "every open action" if days is None else f"due within {days} day{'s' * (days != 1)}"
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
    """One all-day VEVENT per action (summary ``ACCOUNT: ACTION``), built with the ``icalendar`` library so
    text is escaped and long lines folded as RFC 5545 says. ``DTSTAMP`` is ``today`` at midnight UTC, so the
    same plans and ``--today`` give the same bytes; the UID is the action's stable identity."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for item in actions:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.account}: {item.action}")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [f"Account: {item.account}", f"Owner: {item.owner or 'not named'}", f"Plan: {item.path}"]
        if item.overdue:
            lines.append(f"Overdue by {item.overdue_days} day{'s' * (item.overdue_days != 1)} on {today.isoformat()}")
        event.add("description", "\n".join(lines))
        if item.owner:
            event.add("categories", [item.owner])
        calendar.add_component(event)
    if not actions:
        calendar.add_component(_utc_zone())
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _utc_zone() -> Any:
    """RFC 5545's grammar needs at least one component in a calendar; with no open action, samkit writes a UTC
    time zone definition (a valid component that shows nothing) rather than an empty, invalid calendar."""
    from icalendar import Timezone, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", "UTC")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(0))
    standard.add("tzoffsetto", timedelta(0))
    standard.add("tzname", "UTC")
    zone.add_component(standard)
    return zone
