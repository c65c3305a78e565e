"""Activity exports and calendars with the rows users' tools really write: short rows, rows without a date,
dates in no form of the file, cells past the size limit, calendar events without a start or a person.

Each through ``samkit import`` into two small plans, asserting what is written (or that nothing is) and the
one-line messages of docs/imports.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import plan_bytes, program_with

TODAY = "2026-02-16"
ACME = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    email: jen.wu@acme.example
    relationship: strong
    last_contact: 2026-01-08
  - name: Lisa Thompson
    relationship: weak
    last_contact: 2025-10-15
"""
BETA = """\
account:
  name: Beta Bank
  manager: James Chen
stakeholders:
  - name: Ann Lee
    email: ann@beta.example
    relationship: strong
    last_contact: 2026-02-01
"""

RunCli = Callable[..., Any]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> Path:
    return program_with(tmp_path, monkeypatch, {"acme.yaml": ACME, "beta.yaml": BETA}, TODAY)  # after run_cli


def imported(run_cli: RunCli, name: str) -> dict[str, Any]:
    result = run_cli("import", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def refused(folder: Path, run_cli: RunCli, name: str) -> list[str]:
    """The error lines of an import that must exit 1 and write nothing."""
    before = plan_bytes(folder)
    result = run_cli("import", name)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert plan_bytes(folder) == before
    assert "Traceback" not in result.stderr
    lines: list[str] = result.stderr.splitlines()
    return lines


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_a_short_row_is_read_and_a_row_without_a_date_is_skipped(folder: Path, run_cli: RunCli) -> None:
    # a spreadsheet drops the empty trailing cells of a row; the second row names a person but no day
    (folder / "a.csv").write_text(
        "Contact,Account,Date,Comments\nLisa Thompson,Acme Corp,2026-02-10\nAnn Lee,Beta Bank,,\n", encoding="utf-8"
    )
    document = imported(run_cli, "a.csv")
    assert [(entry["stakeholder"], entry["after"]) for entry in document["updated"]] == [
        ("Lisa Thompson", "2026-02-10")
    ]
    assert document["skipped"] == {"no date": 1}
    assert "    last_contact: 2026-02-10\n" in (folder / "plans" / "acme.yaml").read_text(encoding="utf-8")


def test_the_file_s_date_form_is_detected_and_a_date_in_no_form_is_an_error(folder: Path, run_cli: RunCli) -> None:
    (folder / "a.csv").write_text(
        "Contact,Account,Date\nLisa Thompson,Acme Corp,13/02/2026\nAnn Lee,Beta Bank,14/02/2026\n", encoding="utf-8"
    )
    document = imported(run_cli, "a.csv")
    assert [(entry["stakeholder"], entry["after"]) for entry in document["updated"]] == [
        ("Lisa Thompson", "2026-02-13"),
        ("Ann Lee", "2026-02-14"),
    ]
    assert document["sources"][0]["date_format"] == "%d/%m/%Y"
    assert document["sources"][0]["date_format_detected"] is True
    (folder / "b.csv").write_text(
        "Contact,Account,Date\nLisa Thompson,Acme Corp,15/02/2026\nJennifer Wu,Acme Corp,31/31/2026\n",
        encoding="utf-8",
    )
    assert refused(folder, run_cli, "b.csv") == [
        "b.csv:3: '31/31/2026' is not a date (expected YYYY-MM-DD or one form for the whole file); "
        "set [import] date_format",
        "samkit import: 1 invalid row; nothing was written",
    ]


def test_a_date_in_no_form_of_the_configured_one_names_the_setting(folder: Path, run_cli: RunCli) -> None:
    (folder / "samkit.toml").write_text('[import]\ndate_format = "%d/%m/%Y"\n', encoding="utf-8")
    (folder / "a.csv").write_text("Contact,Account,Date\nLisa Thompson,Acme Corp,2026.02.10\n", encoding="utf-8")
    assert refused(folder, run_cli, "a.csv")[0] == (
        "a.csv:2: '2026.02.10' is not a date (expected YYYY-MM-DD or [import] date_format '%d/%m/%Y')"
    )


def test_a_cell_over_one_mib_is_an_unreadable_file_not_a_hang(folder: Path, run_cli: RunCli) -> None:
    runaway = "x" * (1 << 20) + "x"
    (folder / "a.csv").write_text(f'Contact,Account,Date,Notes\nLisa Thompson,Acme Corp,2026-02-10,"{runaway}"\n')
    assert refused(folder, run_cli, "a.csv") == [
        "a.csv: not a readable CSV file: field larger than field limit (1048576)",
        "samkit import: 1 unreadable file; nothing was written",
    ]
    # a quote that is never closed would swallow the rest of the file into one cell: the size limit stops the
    # reading, and the quote is found
    (folder / "b.csv").write_text(f'Contact,Account,Date,Notes\nLisa Thompson,Acme Corp,2026-02-10,"{runaway}\n')
    assert refused(folder, run_cli, "b.csv") == [f"b.csv:2:36: {UNCLOSED_QUOTE}", ONE_UNREADABLE_FILE]


UNCLOSED_QUOTE = (
    "a quoted cell opens here and is never closed: the rest of the file would be read as its text; close it, "
    'or write a quote that is part of the text as two ("")'
)
ONE_UNREADABLE_FILE = "samkit import: 1 unreadable file; nothing was written"


def test_a_quote_never_closed_stops_the_import_where_it_opens(folder: Path, run_cli: RunCli) -> None:
    """The csv module reads the rest of the file as that one cell, a row of one long cell: it used to be
    skipped as a report footer, and every row after it with it, while the rows before were imported."""
    rows = [
        "Subject,Contact,Account,Date",
        "Call,Lisa Thompson,Acme Corp,2026-02-10",
        '"Call with Ann,Ann Lee,Beta Bank,2026-02-11',
        "Meeting,Jennifer Wu,Acme Corp,2026-02-12",
        "Email,Ann Lee,Beta Bank,2026-02-13",
    ]
    (folder / "a.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert refused(folder, run_cli, "a.csv") == [f"a.csv:3:1: {UNCLOSED_QUOTE}", ONE_UNREADABLE_FILE]
    # in a later cell, on the last line, the file ending without a line break
    rows[2] = 'Call with Ann,Ann Lee,Beta Bank,"2026-02-11'
    (folder / "b.csv").write_bytes("\r\n".join(rows[:3]).encode())
    assert refused(folder, run_cli, "b.csv") == [f"b.csv:3:33: {UNCLOSED_QUOTE}", ONE_UNREADABLE_FILE]
    # in the header; and in a row whose first cell spans two lines (its quote closed): the line of the quote
    (folder / "c.csv").write_text('"Subject,Contact,Account,Date\nCall,Lisa Thompson,Acme Corp,2026-02-10\n')
    assert refused(folder, run_cli, "c.csv")[0] == f"c.csv:1:1: {UNCLOSED_QUOTE}"
    rows[2] = '"Call,\nwith Ann",Ann Lee,Beta Bank,"2026-02-11'
    (folder / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert refused(folder, run_cli, "d.csv")[0] == f"d.csv:4:29: {UNCLOSED_QUOTE}"
    # a quote closed as written, ("") inside it, imports as before
    rows[2] = '"Call with ""Ann""",Ann Lee,Beta Bank,2026-02-11'
    (folder / "e.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert imported(run_cli, "e.csv")["skipped"] == {}


# --- calendars ----------------------------------------------------------------------------------------------------


def calendar(*events: str, timezone: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN", *timezone.splitlines()]
    for number, event in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:{number}", *event.splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_events_without_a_start_or_a_person_are_skipped_by_reason(folder: Path, run_cli: RunCli) -> None:
    (folder / "week.ics").write_bytes(
        calendar(
            # no DTSTART: no day to record
            "SUMMARY:Someday\nATTENDEE;CN=Ann Lee:mailto:ann@beta.example",
            # a phone bridge with no name is no one; nobody else attends
            "DTSTART;VALUE=DATE:20260210\nSUMMARY:Dial-in\nATTENDEE:tel:+15550100",
            # an address written without mailto: is still an address
            "DTSTART;VALUE=DATE:20260212\nSUMMARY:Review\nATTENDEE:jen.wu@acme.example",
        )
    )
    document = imported(run_cli, "week.ics")
    assert [(entry["stakeholder"], entry["after"]) for entry in document["updated"]] == [("Jennifer Wu", "2026-02-12")]
    assert document["skipped"] == {"no date": 1, "no person": 1}


def test_a_vendor_timezone_property_folded_over_lines_is_dropped_whole(folder: Path, run_cli: RunCli) -> None:
    timezone = (
        "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nX-LIC-LOCATION:Europe/\n Berlin\n"
        "BEGIN:STANDARD\nDTSTART:19701025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n"
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE"
    )
    (folder / "week.ics").write_bytes(
        calendar(
            "DTSTART;TZID=Europe/Berlin:20260213T000500\nSUMMARY:Late call\n"
            "ATTENDEE;CN=Ann Lee:mailto:ann@beta.example",
            timezone=timezone,
        )
    )
    document = imported(run_cli, "week.ics")
    # the wall-clock day in the event's own zone, not the UTC day before
    assert [(entry["stakeholder"], entry["after"]) for entry in document["updated"]] == [("Ann Lee", "2026-02-13")]
