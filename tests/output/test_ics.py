"""The calendar writer: what ``icalendar`` writes for the same events, parsed back by ``icalendar`` unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.analysis.actions import OpenAction
from samkit.output.actions_out import CALENDAR_NAME, PRODUCT_ID, actions_ics
from samkit.output.ics import fold, text
from tests.site.conftest import blns  # noqa: F401 (a fixture)

TODAY = date(2026, 2, 16)
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


def _action(account: str, action: str, owner: str | None, days: int, number: int) -> OpenAction:
    return OpenAction(
        path=f"plans/{number}.yaml",
        account=account,
        due=TODAY + timedelta(days=days),
        action=action,
        owner=owner,
        overdue_days=max(0, -days),
        occurrence=number,  # the uid is worked out from account, action and occurrence
    )


def _with_icalendar(actions: list[OpenAction]) -> bytes:
    """The calendar as samkit wrote it with the icalendar library before (the reference)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for item in actions:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", datetime.combine(TODAY, time(0, 0), tzinfo=UTC))
        event.add("summary", f"{item.account}: {item.action}")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        lines = [f"Account: {item.account}", f"Owner: {item.owner or 'not named'}", f"Plan: {item.path}"]
        if item.overdue:
            lines.append(f"Overdue by {item.overdue_days} day{'s' * (item.overdue_days != 1)} on {TODAY.isoformat()}")
        event.add("description", "\n".join(lines))
        if item.owner:
            event.add("categories", [item.owner])
        calendar.add_component(event)
    if not actions:  # a calendar needs a component (RFC 5545): samkit writes a UTC time zone
        from icalendar import Timezone, TimezoneStandard

        zone = Timezone()
        zone.add("tzid", "UTC")
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", timedelta(0))
        standard.add("tzoffsetto", timedelta(0))
        standard.add("tzname", "UTC")
        zone.add_component(standard)
        calendar.add_component(zone)
    result: bytes = calendar.to_ical()
    return result


def _events(calendar: bytes) -> list[Any]:
    from icalendar import Calendar

    return list(Calendar.from_ical(calendar).walk("VEVENT"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, words, st.none() | words, st.integers(-40, 40)), max_size=5))
def test_the_same_bytes_as_icalendar(rows: list[tuple[str, str, str | None, int]]) -> None:
    actions = [
        _action(account, action, owner or None, days, number)
        for number, (account, action, owner, days) in enumerate(rows)
        if "\\N" not in account + action + (owner or "")  # icalendar reads a written \N as a line break
    ]
    assert actions_ics(actions, TODAY).encode("utf-8") == _with_icalendar(actions)


def test_naughty_strings_read_back_as_written(blns: list[str]) -> None:  # noqa: F811 (the fixture)
    actions = [
        _action(f"Acct {text}", text, text.strip() or None, index % 9 - 4, index) for index, text in enumerate(blns)
    ]
    written = actions_ics(actions, TODAY).encode("utf-8")
    events = _events(written)
    assert len(events) == len(actions)
    for event, item in zip(events, actions, strict=True):
        expected = f"{item.account}: {item.action}".replace("\r\n", "\n").replace("\r", "\n")
        assert str(event["SUMMARY"]) == expected
        assert event["DTSTART"].dt == item.due and str(event["UID"]) == item.uid
    for line in written.split(b"\r\n"):
        assert len(line) <= 75  # folded: never over 75 octets


def test_a_backslash_n_stays_a_backslash_n() -> None:
    assert text("C:\\New\\N; a, b\r\nc") == "C:\\\\New\\\\N\\; a\\, b\\nc"
    events = _events(actions_ics([_action("A", "see C:\\New\\N", None, 1, 1)], TODAY).encode("utf-8"))
    assert str(events[0]["SUMMARY"]) == "A: see C:\\New\\N"


def test_folding_keeps_characters_and_escapes_whole() -> None:
    line = "SUMMARY:" + "é" * 40 + "\\;" + "x" * 80
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) < 76 for part in folded.split("\r\n"))
    assert not any(part.endswith("\\") for part in folded.split("\r\n")[:-1])
