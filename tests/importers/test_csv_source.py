"""The CSV importer: header spellings, dates, HubSpot's contact cells, physical line numbers (csv-spectrum)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from samkit.errors import UsageError
from samkit.importers import importer_for
from samkit.importers.base import Activity, Extracted, InvalidRow, ReadSettings, Skip, SkippedRow, SourceFacts
from samkit.importers.csv_source import CsvImporter, find_columns, parse_day
from tests.conftest import SHARED

SPECTRUM = SHARED / "corpora" / "csv-spectrum"


def extract_all(path: Path, date_format: str | None = None, **settings: object) -> list[Extracted]:
    return list(CsvImporter().extract(path, path.name, ReadSettings(date_format, **settings)))  # type: ignore[arg-type]


def extract(path: Path, date_format: str | None = None, **settings: object) -> list[Extracted]:
    """The rows of the file (without the SourceFacts that ends it)."""
    return [item for item in extract_all(path, date_format, **settings) if not isinstance(item, SourceFacts)]


@pytest.mark.parametrize(
    "header",
    [
        ["Activity Date", "Contact Name", "Account Name"],  # Salesforce
        ["activity-date", "associated_contact", "Associated Company"],  # HubSpot, spelt loosely
        ["  ACTIVITY   DATE ", "NAME", "company"],
    ],
)
def test_headers_are_found_whatever_the_spelling(header: list[str]) -> None:
    assert find_columns(header) == {"date": 0, "contact": 1, "account": 2}


def test_the_most_specific_date_column_wins() -> None:
    assert find_columns(["Created Date", "Email", "Date"]) == {"date": 2, "email": 1}


@pytest.mark.parametrize(
    ("text", "date_format", "expected"),
    [
        ("2026-02-10", None, date(2026, 2, 10)),
        ("2026-02-10T14:30:00Z", None, date(2026, 2, 10)),
        ("2026-02-10 14:30", "%m/%d/%Y", date(2026, 2, 10)),
        ("02/10/2026", "%m/%d/%Y", date(2026, 2, 10)),
        ("2/10/2026, 2:30 PM", "%m/%d/%Y", date(2026, 2, 10)),
        ("10.02.2026", "%d.%m.%Y", date(2026, 2, 10)),
        ("2026-02-30", None, None),
        ("2026-02-30", "%Y-%m-%d", None),
        ("02/10/2026", None, None),
        ("20260210", None, None),
        ("soon", "%m/%d/%Y", None),
    ],
)
def test_dates(text: str, date_format: str | None, expected: date | None) -> None:
    assert parse_day(text, date_format) == expected


def test_rows_become_activities_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "hubspot.csv"
    path.write_text(
        "\ufeffActivity date,Associated Contact,Associated Company,Notes\n"
        '2026-02-03,Lisa Thompson (lisa@acme.example),Acme Corp,"called,\nthen emailed"\n'
        "\n"
        "2026-02-04,Jen Wu (jen@acme.example); Bob Stone,Acme Corp,\n"
        "2026-02-05,,Acme Corp,nobody\n"
        "2026-02-31,Jen Wu,Acme Corp,\n",
        encoding="utf-8",
    )
    assert extract(path) == [
        Activity("hubspot.csv", 2, date(2026, 2, 3), "Acme Corp", "Lisa Thompson", "lisa@acme.example"),
        Activity("hubspot.csv", 5, date(2026, 2, 4), "Acme Corp", "Jen Wu", "jen@acme.example"),
        Activity("hubspot.csv", 5, date(2026, 2, 4), "Acme Corp", "Bob Stone", None),
        SkippedRow("hubspot.csv", 6, Skip.NO_PERSON),
        InvalidRow(
            "hubspot.csv", 7, "'2026-02-31' is written YYYY-MM-DD, but there is no such day (February 2026 has 28)"
        ),
    ]


def test_a_missing_column_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Subject,Account\nCall,Acme\n", encoding="utf-8")
    with pytest.raises(
        UsageError, match="no date and no contact, email or contact id column; found 'Subject', 'Account'"
    ):
        extract(path)
    path.write_text("Subject,Date\nCall,2026-01-01\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no contact, email or contact id column"):
        extract(path)


def test_text_that_is_not_utf8_is_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("Date,Contact\n2026-01-02,Jos\xe9\n".encode("latin-1"))
    [problem] = extract(path)
    assert isinstance(problem, InvalidRow)
    assert "not UTF-8" in problem.message


def test_a_quote_never_closed_is_an_unreadable_file_where_it_opens(tmp_path: Path) -> None:
    """Not a row of one long cell (the rest of the file), skipped as a footer with every row after it."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Subject,Contact,Date\nCall,Ann Lee,2026-02-10\n"
        'Call,Bob Stone,"2026-02-11\nMeeting,Jen Wu,2026-02-12\n\nGrand Totals (3 records)\n',
        encoding="utf-8",
    )
    [activity, problem] = extract_all(path)
    assert activity == Activity("export.csv", 2, date(2026, 2, 10), None, "Ann Lee", None)
    assert isinstance(problem, InvalidRow) and problem.whole_file
    assert (problem.line, problem.column) == (3, 16)
    assert problem.format_text().startswith("export.csv:3:16: a quoted cell opens here and is never closed")


# the physical line each record of the csv-spectrum files starts on, counted by hand
SPECTRUM_STARTS = {
    "comma_in_quotes.csv": [2],
    "empty.csv": [2, 3],
    "empty_crlf.csv": [2, 3],
    "escaped_quotes.csv": [2, 3],
    "json.csv": [2],
    "location_coordinates.csv": [2],
    "newlines.csv": [2, 3, 5],
    "newlines_crlf.csv": [2, 3, 5],
    "quotes_and_newlines.csv": [2, 5],
    "simple.csv": [2],
    "simple_crlf.csv": [2],
    "utf8.csv": [2, 3],
}


def spectrum_as_activities(source: Path, target: Path) -> list[list[str]]:
    """The corpus file with `Contact,Date` columns put in front of every record, its own cells kept as written."""
    raw = source.read_bytes().decode("utf-8")
    lines = raw.splitlines(keepends=True)
    starts = SPECTRUM_STARTS[source.name]
    for number, start in enumerate(starts, 1):
        lines[start - 1] = f"Person {number},2026-02-0{number}," + lines[start - 1]
    lines[0] = "Contact,Date," + lines[0]
    target.write_bytes("".join(lines).encode("utf-8"))
    return list(csv.reader(io.StringIO(raw, newline="")))[1:]


@pytest.mark.parametrize("name", sorted(SPECTRUM_STARTS))
def test_csv_spectrum_quoting_keeps_rows_and_physical_lines(tmp_path: Path, name: str) -> None:
    source = SPECTRUM / name
    if not source.is_file():
        pytest.skip(f"{source} is not available")
    target = tmp_path / name
    records = spectrum_as_activities(source, target)
    activities = extract(target)
    assert [(item.line, item.contact, item.day) for item in activities if isinstance(item, Activity)] == [
        (line, f"Person {number}", date(2026, 2, number)) for number, line in enumerate(SPECTRUM_STARTS[name], 1)
    ]
    assert len(records) == len(activities)


def test_the_registry_picks_the_importer_by_file(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("Date,Email\n", encoding="utf-8")
    (tmp_path / "b.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    (tmp_path / "calendar.txt").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    assert importer_for(tmp_path / "a.csv").name == "csv"
    assert importer_for(tmp_path / "b.ics").name == "ics"
    assert importer_for(tmp_path / "calendar.txt").name == "ics"
    with pytest.raises(UsageError, match="not a file samkit can import"):
        importer_for(tmp_path / "notes.txt")
    with pytest.raises(UsageError, match="no such file"):
        importer_for(tmp_path / "missing.csv")
