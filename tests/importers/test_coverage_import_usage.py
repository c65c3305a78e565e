"""Exports samkit cannot use at all are a usage error (exit 2) with one line that says what to do, and
nothing is written: empty or non-UTF-8 files, runaway cells, a mapped header the file does not have, the CRM's
record date taken for a meeting's date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Lisa Thompson
    relationship: weak
    last_contact: 2025-10-15
"""
RUNAWAY = "x" * (1 << 20) + "x"
WORKBOOK = 'a spreadsheet workbook, not CSV text; export it as CSV, or save it as "CSV UTF-8"'

RunCli = Callable[..., Any]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"", ["--kind", "opportunities"], "x.csv: the file is empty; an export starts with a header row"),
        (b"", [], "x.csv: the file is empty; an export starts with a header row"),  # no kind to name
        (  # a cell over the csv module's size limit, its quote closed (one never closed: an unreadable file)
            f'Name,Stage,Account Name\nA,Open,"{RUNAWAY}"\n'.encode(),
            [],
            "x.csv: not a readable CSV file: field larger than field limit (1048576)",
        ),
        (
            b"Opportunity Name,Stage,Account Name\nA,Prospecting,Acme Corp\n",
            ["--column", "stage=Phase"],
            "x.csv: column stage = 'Phase' (--column or [import.columns]): no such header; found 'Opportunity Name', 'Stage', 'Account Name'",
        ),
        (
            b"Contact,Account,Date\nLisa Thompson,Acme Corp,2026-02-10\n",
            ["--column", "date=When"],
            "x.csv: column date = 'When' (--column or [import.columns]): no such header; found 'Contact', 'Account', 'Date'",
        ),
        (
            b"Contact,Account,Created Date\nLisa Thompson,Acme Corp,2026-02-10\n",
            ["--column", "date=Created Date"],
            "x.csv: 'Created Date' is when the record was created or changed in the CRM, not when the customer "
            "was met; map the activity's own date: --column date=HEADER",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", [], f"x.csv: {WORKBOOK}"),  # an .xlsx renamed: a zip
        (b"PK\x03\x04\x14\x00\x06\x00", ["--kind", "opportunities"], f"x.csv: {WORKBOOK}"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", ["--kind", "accounts"], f"x.csv: {WORKBOOK}"),  # .xls
    ],
    ids=[
        "empty",
        "empty-undetected",
        "runaway-cell",
        "crm-mapped-header",
        "activity-mapped-header",
        "record-date",
        "xlsx-as-activities",
        "xlsx-as-opportunities",
        "xls-as-accounts",
    ],
)
def test_an_export_that_cannot_be_used_is_exit_2_in_one_line(
    folder: Path, run_cli: RunCli, content: bytes, options: list[str], message: str
) -> None:
    (folder / "x.csv").write_bytes(content)
    result = run_cli("import", "x.csv", *options, "--today", "2026-02-16")
    assert result.exit_code == 2
    assert result.stderr == f"samkit: error: {message}\n"
    assert (folder / "plans" / "acme.yaml").read_text(encoding="utf-8") == PLAN


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (
            "Name,ARR\nRen\xe9 SA,5\n".encode("latin-1"),
            ["--kind", "accounts"],
            'x.csv:2:4: not UTF-8 text (byte 0xe9); save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")',
        ),
        (  # detected as an opportunity export by its header, though a later byte is not UTF-8
            "Opportunity Name,Stage,Account Name\nSoci\xe9t\xe9,Prospecting,Acme Corp\n".encode("latin-1"),
            [],
            'x.csv:2:5: not UTF-8 text (byte 0xe9); save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")',
        ),
        (  # a spreadsheet's "Unicode text": named as what it is, not by its first byte
            "Opportunity Name,Stage,Account Name\nA,Prospecting,Acme Corp\n".encode("utf-16"),
            ["--kind", "opportunities"],
            'x.csv: UTF-16 text, not UTF-8; save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")',
        ),
        (
            "Contact,Account,Date\nLisa Thompson,Acme Corp,2026-02-10\n".encode("utf-16"),
            [],
            'x.csv: UTF-16 text, not UTF-8; save the export as UTF-8 (a spreadsheet\'s "CSV UTF-8")',
        ),
    ],
    ids=["latin-1", "latin-1-detected", "utf-16-opportunities", "utf-16-activities"],
)
def test_an_export_that_is_not_utf8_is_an_unreadable_file_of_any_kind(
    folder: Path, run_cli: RunCli, content: bytes, options: list[str], message: str
) -> None:
    """Its content is the problem, as for a row that cannot be read (exit 1), whatever kind of export it is."""
    (folder / "x.csv").write_bytes(content)
    result = run_cli("import", "x.csv", *options, "--today", "2026-02-16")
    assert result.exit_code == 1
    assert result.stderr == f"{message}\nsamkit import: 1 unreadable file; nothing was written\n"
    assert (folder / "plans" / "acme.yaml").read_text(encoding="utf-8") == PLAN


UNCLOSED_QUOTE = (
    "a quoted cell opens here and is never closed: the rest of the file would be read as its text; close it, "
    'or write a quote that is part of the text as two ("")'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Opportunity Name,Stage,Account Name,Amount\nPlatform,Prospecting,Acme Corp,1000\n"
            '"Renewal,Prospecting,Acme Corp,2000\nSupport,Prospecting,Acme Corp,3000\n',
            f"x.csv:3:1: {UNCLOSED_QUOTE}",
        ),
        (  # Salesforce quotes every cell: the last one of the last row left open, before the footer's blank line
            '\ufeff"Account Name","Annual Recurring Revenue","Renewal Date"\r\n'
            '"Acme Corp","120000","2027-03-31\r\n\r\n',
            f"x.csv:2:22: {UNCLOSED_QUOTE}",
        ),
    ],
    ids=["opportunities", "accounts"],
)
def test_a_quote_never_closed_is_an_unreadable_crm_export(
    folder: Path, run_cli: RunCli, content: str, message: str
) -> None:
    """As in an activity export: the csv module would read the rest of the file as that one cell, a row taken
    for a report footer, and the rows before it would be imported without the ones after."""
    (folder / "x.csv").write_text(content, encoding="utf-8", newline="")
    result = run_cli("import", "x.csv", "--today", "2026-02-16")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{message}\nsamkit import: 1 unreadable file; nothing was written\n",
    )
    assert (folder / "plans" / "acme.yaml").read_text(encoding="utf-8") == PLAN


@pytest.mark.parametrize("kind", ["opportunities", "accounts"])
def test_a_crm_export_that_is_not_a_file_is_exit_2_in_one_line(folder: Path, run_cli: RunCli, kind: str) -> None:
    """As for activity exports: a missing file or a folder is named, never an internal error; an archive is
    told from a workbook by its name."""
    (folder / "export.zip").write_bytes(b"PK\x03\x04\x14\x00\x08\x00")  # HubSpot zips a large export
    zipped = run_cli("import", "export.zip", "--kind", kind, "--today", "2026-02-16")
    assert (zipped.exit_code, zipped.stderr) == (
        2,
        "samkit: error: export.zip: a zip archive, not CSV text; unzip it and use the CSV file inside\n",
    )
    missing = run_cli("import", "nope.csv", "--kind", kind, "--today", "2026-02-16")
    assert (missing.exit_code, missing.stderr) == (2, "samkit: error: nope.csv: no such file\n")
    (folder / "folder.csv").mkdir()
    folder_given = run_cli("import", "folder.csv", "--kind", kind, "--today", "2026-02-16")
    assert (folder_given.exit_code, folder_given.stderr) == (
        2,
        "samkit: error: folder.csv: is a directory, not a file\n",
    )


def test_an_activity_role_mapped_for_an_opportunity_export_is_not_read(folder: Path, run_cli: RunCli) -> None:
    """``--column contact=...`` (one [import.columns] for every kind of export) does not stop a CRM import."""
    (folder / "x.csv").write_text(
        "Opportunity Name,Stage,Account Name,Amount,Probability\nPlatform,Prospecting,Acme Corp,1000,10%\n",
        encoding="utf-8",
    )
    result = run_cli("import", "x.csv", "--column", "contact=Owner", "--today", "2026-02-16")
    assert result.exit_code == 0, result.stderr
    text = (folder / "plans" / "acme.yaml").read_text(encoding="utf-8")
    assert text.startswith(PLAN)
    assert "opportunities:\n  - name: Platform\n" in text
