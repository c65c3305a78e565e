"""Every test calendar of the icalendar and ical.js projects through `samkit import` (../shared/corpora/calendars).

Each file: no internal error and no hang (the CLI answers 0, or 1 naming a calendar it cannot read), and
the dates samkit takes agree with an independent reading: icalendar parses the file, recurring-ical-events
expands *every* occurrence up to today in one query (samkit searches backwards window by window instead),
and for each series the latest occurrence that is not cancelled counts for its attendees who did not
decline.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from samkit.importers.base import Activity, InvalidRow, ReadSettings
from samkit.importers.ics_source import IcsImporter
from tests.conftest import SHARED

CORPORA = SHARED / "corpora" / "calendars"
CALENDARS = sorted(CORPORA.rglob("*.ics")) if CORPORA.is_dir() else []
TODAY = date(2026, 2, 16)


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def independent_reading(raw: bytes, today: date) -> dict[str, date] | None:
    """Each attendee email's latest touchpoint; None when icalendar cannot read the file."""
    import recurring_ical_events
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(raw, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError):
        return None
    found: dict[str, date] = {}
    for calendar in calendars:
        groups: dict[str, list[Any]] = defaultdict(list)
        for number, event in enumerate(calendar.walk("VEVENT")):
            start = event.get("DTSTART")
            try:
                if start is None or isinstance(start, list) or not isinstance(start.dt, date):
                    continue
            except (ValueError, TypeError):  # a DTSTART icalendar parsed but cannot give as a date
                continue
            groups[str(event.get("UID", "")).strip() or f"no-uid-{number}"].append(event)
        for events in groups.values():
            usable = Calendar()
            for event in events:
                usable.add_component(event)
            try:  # a series the expander cannot read is skipped (samkit says "unreadable recurrence")
                occurrences = recurring_ical_events.of(usable).between(
                    datetime(1800, 1, 1), datetime.combine(today + timedelta(days=1), datetime.min.time())
                )
            except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
                continue
            members = [item for item in occurrences if _day(item["DTSTART"].dt) <= today]
            members.sort(key=lambda item: _day(item["DTSTART"].dt), reverse=True)
            latest = next((item for item in members if str(item.get("STATUS", "")).upper() != "CANCELLED"), None)
            if latest is None:
                continue
            attendees = latest.get("ATTENDEE") or []
            for attendee in attendees if isinstance(attendees, list) else [attendees]:
                email = str(attendee).strip()
                email = email[7:] if email.casefold().startswith("mailto:") else email
                if "@" not in email or str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED":
                    continue
                day = _day(latest["DTSTART"].dt)
                found[email.casefold()] = max(found.get(email.casefold(), date.min), day)
    return found


def samkit_reading(path: Path, today: date) -> dict[str, date] | None:
    found: dict[str, date] = {}
    for item in IcsImporter().extract(path, path.name, ReadSettings(today=today)):
        if isinstance(item, InvalidRow):
            return None
        if isinstance(item, Activity) and item.email:
            found[item.email.casefold()] = max(found.get(item.email.casefold(), date.min), item.day)
    return found


@pytest.mark.parametrize("path", CALENDARS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_corpus_calendar_gives_the_dates_an_independent_reading_gives(path: Path) -> None:
    raw = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = independent_reading(raw, TODAY)
        got = samkit_reading(path, TODAY)
    if expected is None:
        # icalendar refuses it; samkit reads it only through its documented time zone workaround
        assert got is None or b"VTIMEZONE" in raw.upper()
        return
    assert got == expected


def test_the_corpora_are_there() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is not available")
    assert len(CALENDARS) > 200


@pytest.mark.parametrize("path", CALENDARS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_samkit_import_never_fails_internally_on_a_corpus_calendar(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(
        "account:\n  name: A\n  manager: M\nstakeholders:\n  - name: X\n    relationship: weak\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", str(path), "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert "not a readable calendar" in result.stderr
