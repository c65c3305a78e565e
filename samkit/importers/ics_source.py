"""Calendar files (``.ics``): each event's start date, once per attendee (email address and name).

Read with the ``icalendar`` library, which unfolds long lines and resolves ``TZID`` time zones. The day of
an event is its start's date where it was scheduled: in its ``TZID`` zone, in UTC for a ``...Z`` time, as
written for a floating time or an all-day event. Cancelled events and attendees who declined are not
touchpoints and are skipped; the organizer is us, not the customer, and is not an attendee. A recurring
event counts once, on its first start (its ``DTSTART``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from samkit.fileio.inputs import InputProblem, read_input
from samkit.importers.base import Activity, InvalidRow, ReadSettings

_MAX_BYTES = 64 << 20  # a calendar export of 64 MiB is years of meetings; larger is not a calendar


def _attendees(event: Any) -> list[Any]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _email(address: str) -> str | None:
    text = str(address).strip()
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    return text if "@" in text else None  # a room or a phone number is not a person to match


class IcsImporter:
    """iCalendar files exported from Google Calendar, Outlook, Apple Calendar."""

    name = "ics"

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".ics" or head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(
            b"BEGIN:VCALENDAR"
        )

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Activity | InvalidRow]:
        from icalendar import Calendar

        try:
            raw = read_input(path, _MAX_BYTES, "calendar")
        except InputProblem as problem:
            yield InvalidRow(source, None, problem.reason)
            return
        try:
            calendars = Calendar.from_ical(raw, multiple=True)
        except (ValueError, IndexError, KeyError, TypeError) as error:
            yield InvalidRow(source, None, f"not a readable calendar: {error}")
            return
        for calendar in calendars:
            for event in calendar.walk("VEVENT"):
                yield from self._event(event, source)

    def _event(self, event: Any, source: str) -> Iterator[Activity | InvalidRow]:
        summary = str(event.get("SUMMARY", "")).strip() or "(no title)"
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return
        start = event.get("DTSTART")
        try:
            value = start.dt if start is not None else None
        except (ValueError, TypeError):
            value = None
        if isinstance(value, datetime):
            day = value.date()  # the wall-clock date in the event's own zone
        elif isinstance(value, date):
            day = value
        else:
            yield InvalidRow(source, None, f"event {summary!r} has no readable start (DTSTART)")
            return
        for attendee in _attendees(event):
            params = getattr(attendee, "params", {})
            if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
                continue
            email = _email(str(attendee))
            name = str(params.get("CN", "")).strip() or None
            if email is None and name is None:
                continue
            yield Activity(source, None, day, None, name, email)
