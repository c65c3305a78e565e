"""The calendar importer, on .ics text as calendar programs write it (folded lines, TZID, all-day events)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from samkit.importers import IMPORTERS
from samkit.importers.base import Activity, InvalidRow, ReadSettings
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


def extract(path: Path) -> list[Activity | InvalidRow]:
    return list(IcsImporter().extract(path, path.name, ReadSettings()))


def test_the_fixture_is_a_calendar_icalendar_reads() -> None:
    events = Calendar.from_ical(CALENDAR).walk("VEVENT")
    assert len(events) == 5


def test_events_become_one_activity_per_attendee(tmp_path: Path) -> None:
    path = tmp_path / "meetings.ics"
    path.write_text(CALENDAR, encoding="utf-8", newline="")
    assert extract(path) == [
        # 23:30 in Los Angeles is 07:30 UTC the next day: the day is the one where the meeting was held
        Activity("meetings.ics", None, date(2026, 2, 10), None, "Lisa Thompson", "lisa.thompson@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 5), None, "Robert Martinez", "robert.martinez@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 5), None, None, "noname@gfc.example"),
        Activity("meetings.ics", None, date(2026, 2, 12), None, "Ann Lee", "ann@beta.example"),
    ]


def test_an_event_without_a_start_is_an_invalid_row(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:No start\r\n"
        "ATTENDEE:mailto:a@b.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    assert extract(path) == [InvalidRow("broken.ics", None, "event 'No start' has no readable start (DTSTART)")]


def test_text_that_is_not_a_calendar_is_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.ics"
    path.write_text("this is not a calendar\n", encoding="utf-8")
    [problem] = extract(path)
    assert isinstance(problem, InvalidRow)
    assert problem.message.startswith("not a readable calendar")


def test_the_builtin_importers_satisfy_the_protocol() -> None:
    assert [importer.name for importer in IMPORTERS][-2:] == ["ics", "csv"]
