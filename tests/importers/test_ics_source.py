"""The calendar importer, on .ics text as calendar programs write it (folded lines, TZID, all-day events)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from samkit.importers import IMPORTERS
from samkit.importers.base import Activity, Extracted, InvalidRow, ReadSettings, Skip, SkippedRow, SourceFacts
from samkit.importers.ics_source import IcsImporter

# written by hand the way Outlook and Google write it: CRLF, lines folded at 75 octets, a VTIMEZONE
CALENDAR = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Example//Calendar//EN\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:America/Los_Angeles\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:20251102T020000\r\n"
    "TZOFFSETFROM:-0700\r\n"
    "TZOFFSETTO:-0800\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:late-call@example\r\n"
    "SUMMARY:Late call with finance\r\n"
    "DTSTART;TZID=America/Los_Angeles:20260210T233000\r\n"
    "DTEND;TZID=America/Los_Angeles:20260211T000000\r\n"
    "ORGANIZER;CN=Maria Rodriguez:mailto:maria@vendor.example\r\n"
    "ATTENDEE;CN=Lisa Thompson;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:MAILTO:lisa\r\n"
    " .thompson@gfc.example\r\n"
    'ATTENDEE;CN="Wu, Jennifer";PARTSTAT=DECLINED:mailto:jen.wu@gfc.example\r\n'
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:qbr@example\r\n"
    "SUMMARY:QBR (all day)\r\n"
    "DTSTART;VALUE=DATE:20260205\r\n"
    "ATTENDEE;CN=Robert Martinez;PARTSTAT=ACCEPTED;CUTYPE=INDIVIDUAL;RSVP=TRUE;X-NUM-GUESTS=0:m\r\n"
    " ailto:robert.martinez@gfc.example\r\n"
    "ATTENDEE:mailto:noname@gfc.example\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:utc@example\r\n"
    "SUMMARY:UTC morning\r\n"
    "DTSTART:20260212T010000Z\r\n"
    "ATTENDEE;CN=Ann Lee:mailto:ann@beta.example\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:cancelled@example\r\n"
    "SUMMARY:Cancelled\r\n"
    "STATUS:CANCELLED\r\n"
    "DTSTART:20260213T100000\r\n"
    "ATTENDEE;CN=Ann Lee:mailto:ann@beta.example\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:nobody@example\r\n"
    "SUMMARY:Focus time\r\n"
    "DTSTART:20260214T100000\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


TODAY = date(2026, 2, 16)


def extract(path: Path, today: date = TODAY) -> list[Extracted]:
    found = IcsImporter().extract(path, path.name, ReadSettings(today=today))
    return [item for item in found if not isinstance(item, SourceFacts)]


def test_the_fixture_is_a_calendar_icalendar_reads() -> None:
    events = Calendar.from_ical(CALENDAR).walk("VEVENT")
    assert len(events) == 5


def test_events_become_one_activity_per_attendee(tmp_path: Path) -> None:
    path = tmp_path / "meetings.ics"
    path.write_text(CALENDAR, encoding="utf-8", newline="")
    assert extract(path) == [
        # 23:30 in Los Angeles is 07:30 UTC the next day: the day is the one where the meeting was held
        Activity("meetings.ics", None, date(2026, 2, 10), None, "Lisa Thompson", "lisa.thompson@gfc.example"),
        SkippedRow("meetings.ics", None, Skip.DECLINED, "jen.wu@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 5), None, "Robert Martinez", "robert.martinez@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 5), None, None, "noname@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 12), None, "Ann Lee", "ann@beta.example"),
        SkippedRow("meetings.ics", None, Skip.CANCELLED, "Cancelled"),
        SkippedRow("meetings.ics", None, Skip.NO_PERSON, "Focus time"),
    ]


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n"


def test_events_without_a_start_or_with_two_are_skipped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "replies.ics"
    path.write_text(
        calendar(
            "UID:x\r\nSUMMARY:No start\r\nATTENDEE:mailto:a@b.example\r\n",
            "UID:y\r\nSUMMARY:Two starts\r\nDTSTART:20260210T100000\r\nDTSTART:20260211T100000\r\n"
            "ATTENDEE:mailto:a@b.example\r\n",
            "UID:z\r\nSUMMARY:Fine\r\nDTSTART:20260212T100000\r\nATTENDEE:mailto:a@b.example\r\n",
        ),
        encoding="utf-8",
        newline="",
    )
    assert extract(path) == [
        SkippedRow("replies.ics", None, Skip.NO_DATE, "No start"),
        SkippedRow("replies.ics", None, Skip.TWO_DATES, "Two starts"),
        Activity("replies.ics", None, date(2026, 2, 12), None, None, "a@b.example"),
    ]


WEEKLY = (
    "UID:weekly@x\r\nSUMMARY:Weekly sync\r\nDTSTART;TZID=Europe/Berlin:20250106T230000\r\n"
    "DTEND;TZID=Europe/Berlin:20250106T233000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n"
    "EXDATE;TZID=Europe/Berlin:20260209T230000\r\n"
    "ATTENDEE;CN=Lisa:mailto:lisa@gfc.example\r\nATTENDEE;PARTSTAT=DECLINED:mailto:bob@gfc.example\r\n"
)


def test_a_weekly_series_counts_on_its_latest_occurrence_up_to_today(tmp_path: Path) -> None:
    # Mondays; 2026-02-16 is a Monday, 2026-02-09 is excluded (EXDATE), 2026-02-02 was moved to the 4th
    path = tmp_path / "series.ics"
    override = (
        "UID:weekly@x\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260202T230000\r\nSUMMARY:Weekly sync\r\n"
        "DTSTART;TZID=Europe/Berlin:20260204T100000\r\nATTENDEE;CN=Lisa:mailto:lisa@gfc.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@gfc.example\r\n"
    )
    path.write_text(calendar(WEEKLY, override), encoding="utf-8", newline="")
    # Bob declines the series but accepted the moved meeting of the 4th: his latest meeting is that one
    assert extract(path, date(2026, 2, 16)) == [
        Activity("series.ics", None, date(2026, 2, 16), None, "Lisa", "lisa@gfc.example"),
        Activity("series.ics", None, date(2026, 2, 4), None, None, "bob@gfc.example"),
    ]
    # the day before: the 9th is excluded, so the moved meeting of the 4th is the latest
    assert extract(path, date(2026, 2, 15)) == [
        Activity("series.ics", None, date(2026, 2, 4), None, "Lisa", "lisa@gfc.example"),
        Activity("series.ics", None, date(2026, 2, 4), None, None, "bob@gfc.example"),
    ]
    # before the series started: nothing happened yet
    assert extract(path, date(2025, 1, 5)) == [SkippedRow("series.ics", None, Skip.FUTURE, "Weekly sync")]


FRIDAYS = (
    "UID:fridays@x\r\nSUMMARY:Friday check-in\r\nDTSTART;TZID=America/New_York:20261106T090000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=FR\r\nATTENDEE;CN=Ann;PARTSTAT=ACCEPTED:mailto:ann@gfc.example\r\n"
    "ATTENDEE;CN=Dee;PARTSTAT=ACCEPTED:mailto:dee@gfc.example\r\n"
)


def declined_by_dee(day: str) -> str:
    """The Friday ``day`` (YYYYMMDD) of the series, which Dee declined."""
    return (
        f"UID:fridays@x\r\nRECURRENCE-ID;TZID=America/New_York:{day}T090000\r\nSUMMARY:Friday check-in\r\n"
        f"DTSTART;TZID=America/New_York:{day}T090000\r\nATTENDEE;CN=Ann;PARTSTAT=ACCEPTED:mailto:ann@gfc.example\r\n"
        "ATTENDEE;CN=Dee;PARTSTAT=DECLINED:mailto:dee@gfc.example\r\n"
    )


def test_one_who_declined_the_latest_occurrence_counts_on_the_one_they_attended(tmp_path: Path) -> None:
    """Dee met the customer four Fridays running and declined the fifth: her last contact is the fourth
    (2026-11-27), not "declined" and so never (she would be flagged stale). The 27th she declined too here."""
    path = tmp_path / "fridays.ics"
    path.write_text(calendar(FRIDAYS, declined_by_dee("20261204")), encoding="utf-8", newline="")
    assert extract(path, date(2026, 12, 7)) == [
        Activity("fridays.ics", None, date(2026, 12, 4), None, "Ann", "ann@gfc.example"),
        Activity("fridays.ics", None, date(2026, 11, 27), None, "Dee", "dee@gfc.example"),
    ]
    path.write_text(
        calendar(FRIDAYS, declined_by_dee("20261204"), declined_by_dee("20261127")), encoding="utf-8", newline=""
    )
    assert extract(path, date(2026, 12, 7))[1] == Activity(
        "fridays.ics", None, date(2026, 11, 20), None, "Dee", "dee@gfc.example"
    )


def test_one_who_declined_every_occurrence_is_skipped_as_declined(tmp_path: Path) -> None:
    path = tmp_path / "never.ics"
    every = FRIDAYS.replace("CN=Dee;PARTSTAT=ACCEPTED", "CN=Dee;PARTSTAT=DECLINED")
    path.write_text(calendar(every), encoding="utf-8", newline="")
    assert extract(path, date(2026, 12, 7)) == [
        Activity("never.ics", None, date(2026, 12, 4), None, "Ann", "ann@gfc.example"),
        SkippedRow("never.ics", None, Skip.DECLINED, "dee@gfc.example"),
    ]


def test_an_attendee_is_the_same_whatever_the_case_of_their_address(tmp_path: Path) -> None:
    """The master writes Dee@GFC.example, the override she declined dee@gfc.example: one person."""
    path = tmp_path / "case.ics"
    master = FRIDAYS.replace("mailto:dee@gfc.example", "mailto:Dee@GFC.example")
    path.write_text(calendar(master, declined_by_dee("20261204")), encoding="utf-8", newline="")
    assert extract(path, date(2026, 12, 7))[1] == Activity(
        "case.ics", None, date(2026, 11, 27), None, "Dee", "Dee@GFC.example"
    )


def test_one_who_declined_the_series_counts_on_an_override_they_accepted_years_ago(tmp_path: Path) -> None:
    """Dee declines the series (the master) but accepted one moved meeting in 2024: that one counts. Only the
    overrides can hold her, so they are looked at, not the years of Fridays."""
    path = tmp_path / "old.ics"
    every = FRIDAYS.replace("DTSTART;TZID=America/New_York:20261106", "DTSTART;TZID=America/New_York:20231103")
    every = every.replace("CN=Dee;PARTSTAT=ACCEPTED", "CN=Dee;PARTSTAT=DECLINED")
    accepted = declined_by_dee("20240315").replace("CN=Dee;PARTSTAT=DECLINED", "CN=Dee;PARTSTAT=ACCEPTED")
    path.write_text(calendar(every, accepted), encoding="utf-8", newline="")
    assert extract(path, date(2026, 12, 7)) == [
        Activity("old.ics", None, date(2026, 12, 4), None, "Ann", "ann@gfc.example"),
        Activity("old.ics", None, date(2024, 3, 15), None, "Dee", "dee@gfc.example"),
    ]


def test_a_cancelled_instance_falls_back_to_the_one_before(tmp_path: Path) -> None:
    path = tmp_path / "cancelled.ics"
    cancelled = (
        "UID:weekly@x\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260216T230000\r\nSTATUS:CANCELLED\r\n"
        "DTSTART;TZID=Europe/Berlin:20260216T230000\r\n"
    )
    path.write_text(calendar(WEEKLY, cancelled), encoding="utf-8", newline="")
    [lisa, _bob] = extract(path, date(2026, 2, 16))
    assert lisa == Activity("cancelled.ics", None, date(2026, 2, 2), None, "Lisa", "lisa@gfc.example")


def test_a_time_zone_alias_of_rfc_7808_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "alias.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTIMEZONE\r\nTZID:US-Eastern\r\n"
        "TZID-ALIAS-OF:America/New_York\r\nTZUNTIL:20300101T000000Z\r\nX-LIC-LOCATION:America/New_York\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19671029T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
        "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=US-Eastern:20260105T230000\r\nX-UNKNOWN;P=1:whatever\r\n"
        "ATTENDEE:mailto:lisa@gfc.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    with pytest.raises(ValueError, match="TZID-ALIAS-OF"):  # icalendar alone refuses the file
        Calendar.from_ical(path.read_bytes())
    assert extract(path) == [Activity("alias.ics", None, date(2026, 1, 5), None, None, "lisa@gfc.example")]


def test_text_that_is_not_a_calendar_is_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.ics"
    path.write_text("this is not a calendar\n", encoding="utf-8")
    [problem] = extract(path)
    assert isinstance(problem, InvalidRow)
    assert problem.message.startswith("not a readable calendar")


def test_the_builtin_importers_satisfy_the_protocol() -> None:
    assert [importer.name for importer in IMPORTERS][-2:] == ["ics", "csv"]


def test_a_rule_repeating_every_minute_is_skipped_not_expanded_for_ever(tmp_path: Path) -> None:
    path = tmp_path / "fine.ics"
    path.write_text(
        calendar(
            "UID:fine@x\r\nSUMMARY:Ticker\r\nDTSTART:19000101T000000Z\r\nRRULE:FREQ=SECONDLY\r\n"
            "ATTENDEE:mailto:a@b.example\r\n"
        ),
        encoding="utf-8",
        newline="",
    )
    assert extract(path) == [SkippedRow("fine.ics", None, Skip.BAD_RECURRENCE, "Ticker: repeats hourly or more often")]
