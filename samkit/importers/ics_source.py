"""Calendar files (``.ics``): each meeting's date, once per attendee (email address and name).

Read with ``icalendar``, which unfolds long lines and resolves ``TZID`` time zones. The day of an event is
its start's date where it was scheduled: in its ``TZID`` zone, in UTC for a ``...Z`` time, as written for a
floating time or an all-day event. Recurring meetings (``RRULE``, ``RDATE``, ``EXDATE``, ``RECURRENCE-ID``
overrides, cancelled instances) are expanded with ``recurring-ical-events`` (``samkit.importers.recurrence``):
the latest occurrence on or before today counts.

What cannot be a touchpoint is skipped per event, with a reason: no ``DTSTART`` (legal in iTIP replies),
two of them, ``STATUS:CANCELLED``, an attendee who declined, an event without attendees. The organizer is
not an attendee; colleagues among the attendees are recognised later (``[import] internal_domains``, the
account team's emails). Unknown properties are accepted anywhere: ``icalendar`` refuses a ``VTIMEZONE``
with RFC 7808's ``TZID-ALIAS-OF`` / ``TZUNTIL`` (and a few other valid spellings), so such properties are
dropped from time zone definitions before parsing, and a calendar whose time zones still do not read is
read once more without its ``VTIMEZONE`` blocks (its ``TZID`` names are then looked up as IANA zones).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from samkit.fileio.inputs import InputProblem, read_input
from samkit.importers.base import Activity, Extracted, InvalidRow, ReadSettings, Skip, SkippedRow, SourceFacts

_MAX_BYTES = 64 << 20  # a calendar export of 64 MiB is years of meetings; larger is not a calendar
# what dateutil's VTIMEZONE reader (behind icalendar) understands; anything else in a VTIMEZONE is dropped
_TIMEZONE_PROPERTIES = frozenset(
    b"BEGIN END TZID LAST-MODIFIED TZURL DTSTART TZOFFSETFROM TZOFFSETTO TZNAME RRULE RDATE COMMENT".split()
)
_PROPERTY_NAME = re.compile(rb"^([A-Za-z0-9-]+)")
_TIMEZONE_BLOCK = re.compile(rb"BEGIN:VTIMEZONE\r?\n.*?END:VTIMEZONE\r?\n?", re.DOTALL | re.IGNORECASE)


def attendees(event: Any) -> list[Any]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def attendee_email(address: object) -> str | None:
    text = str(address).strip()
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    return text if "@" in text else None  # a room or a phone number is not a person to match


def start_of(event: Any) -> date | Skip:
    """The day an event starts, or why it has none: no ``DTSTART``, two of them, an unreadable one."""
    start = event.get("DTSTART")
    if start is None:
        return Skip.NO_DATE
    if isinstance(start, list):
        return Skip.TWO_DATES
    try:
        value = start.dt
    except (AttributeError, ValueError, TypeError):
        return Skip.NO_DATE
    if isinstance(value, datetime):
        return value.date()  # the wall-clock date in the event's own zone
    if isinstance(value, date):
        return value
    return Skip.NO_DATE


def touchpoints(event: Any, day: date, source: str) -> Iterator[Activity | SkippedRow]:
    """One activity per attendee who did not decline; an event without attendees records no one."""
    summary = str(event.get("SUMMARY", "")).strip()[:80]
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        yield SkippedRow(source, None, Skip.CANCELLED, summary)
        return
    people = 0
    for attendee in attendees(event):
        params = getattr(attendee, "params", {})
        email = attendee_email(attendee)
        name = str(params.get("CN", "")).strip() or None
        if email is None and name is None:
            continue
        people += 1
        if str(params.get("PARTSTAT", "")).strip().upper() == "DECLINED":
            yield SkippedRow(source, None, Skip.DECLINED, email or name or "")
            continue
        yield Activity(source, None, day, None, name, email)
    if not people:
        yield SkippedRow(source, None, Skip.NO_PERSON, summary)


def _without_unknown_timezone_properties(raw: bytes) -> bytes:
    """Drop, inside VTIMEZONE blocks only, the properties dateutil cannot read (``TZID-ALIAS-OF``, ``X-...``)."""
    if b"VTIMEZONE" not in raw.upper():
        return raw
    kept: list[bytes] = []
    inside = dropping = False
    for line in raw.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a folded continuation belongs to the property before it
            if not dropping:
                kept.append(line)
            continue
        upper = line.strip().upper()
        if upper == b"BEGIN:VTIMEZONE":
            inside = True
        elif upper == b"END:VTIMEZONE":
            inside = False
        name = _PROPERTY_NAME.match(upper)
        dropping = inside and name is not None and name[1] not in _TIMEZONE_PROPERTIES
        if not dropping:
            kept.append(line)
    return b"".join(kept)


def parse_calendars(raw: bytes) -> list[Any]:
    """Every VCALENDAR of the file; ``ValueError`` (and kin) when it is no calendar icalendar can read."""
    from icalendar import Calendar

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # icalendar warns when it guesses a vendor TZID: not the user's concern
        try:
            return list(Calendar.from_ical(_without_unknown_timezone_properties(raw), multiple=True))
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as error:
            bare = _TIMEZONE_BLOCK.sub(b"", raw)
            if bare == raw:
                raise
            try:
                return list(Calendar.from_ical(bare, multiple=True))
            except (ValueError, IndexError, KeyError, TypeError, OverflowError):
                raise error from None


class IcsImporter:
    """iCalendar files exported from Google Calendar, Outlook, Apple Calendar."""

    name = "ics"

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".ics" or head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(
            b"BEGIN:VCALENDAR"
        )

    def extract(self, path: Path, source: str, settings: ReadSettings) -> Iterator[Extracted]:
        from samkit.importers.recurrence import calendar_touchpoints

        try:
            raw = read_input(path, _MAX_BYTES, "calendar")
        except InputProblem as problem:
            yield InvalidRow(source, None, problem.reason)
            return
        try:
            calendars = parse_calendars(raw)
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as error:
            yield InvalidRow(source, None, f"not a readable calendar: {error}")
            return
        today = settings.today or date.today()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for calendar in calendars:
                yield from calendar_touchpoints(calendar, source, today)
        yield SourceFacts(source, {"date": "DTSTART", "email": "ATTENDEE", "contact": "ATTENDEE;CN"})
