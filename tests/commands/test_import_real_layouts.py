"""`samkit import` on exports as Salesforce and HubSpot write them, unedited, and on calendars as people keep them.

The files below follow the real layouts: Salesforce "Activities" report exports (en_US and en_GB: a BOM,
CRLF line ends, `Company / Account`, the three footer lines), Salesforce Data Export `Task.csv` (ids only),
HubSpot meeting and call exports (`Associated Company`, `Meeting outcome`, `Call outcome`, `Create Date`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from tests.conftest import plan_bytes, program_with

TODAY = "2026-02-16"

GFC = """\
account:
  name: Global Financial Corp
  manager: Maria Rodriguez
  crm_id: 0015e00000GFC01
  team:
    - name: Maria Rodriguez
      role: strategic_account_manager
      email: maria.rodriguez@vendor.example
stakeholders:
  - name: Lisa Thompson
    email: lisa.thompson@gfc.example
    crm_id: 0035e00000LISA1
    relationship: strong
    last_contact: 2026-01-05
  - name: Robert Martinez
    relationship: moderate
    last_contact: 2026-01-05
"""
CONTOSO = """\
account:
  name: Contoso Pharma
  aliases: [Contoso Pharmaceuticals Holding]
  manager: James Chen
stakeholders:
  - name: Priya Nair
    email: priya.nair@contoso.example
    relationship: moderate
    last_contact: 2026-01-10
  - name: Lisa Thompson
    relationship: weak
    last_contact: 2025-12-01
"""

SALESFORCE_US = (
    "\ufeff"
    '"Subject","Name","Company / Account","Assigned","Date","Status","Task","Created Date"\r\n'
    '"QBR prep","Lisa Thompson","Global Financial Corp","Maria Rodriguez","2/3/2026","Completed","1","1/2/2026"\r\n'
    '"Intro call","Lisa Thompson","Acme, Inc.","Maria Rodriguez","2/12/2026","Completed","1","1/2/2026"\r\n'
    '"Follow-up","Robert Martinez","Global Financial Corp","Maria Rodriguez","2/13/2026","Not Started","1","1/2/2026"\r\n'
    '"Account review","","Global Financial Corp","Maria Rodriguez","2/14/2026","Completed","1","1/2/2026"\r\n'
    '"Renewal","Priya Nair","Contoso Pharma, Inc.","James Chen","2/11/2026","Completed","1","1/2/2026"\r\n'
    "\r\n"
    '"Grand Totals (5 records)"\r\n'
    "\r\n"
    '"Confidential Information - Do Not Distribute"\r\n'
    "\r\n"
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n'
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]) -> Path:
    return program_with(tmp_path, monkeypatch, {"gfc.yaml": GFC, "contoso.yaml": CONTOSO}, TODAY)  # after run_cli


def contacts(root: Path, name: str) -> dict[str, str | None]:
    plan = load_plan(root / "plans" / name).plan
    assert plan is not None
    return {person.name: person.last_contact and person.last_contact.isoformat() for person in plan.stakeholders}


def test_salesforce_report_unedited_never_the_wrong_person(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "report.csv").write_bytes(SALESFORCE_US.encode("utf-8"))
    dry = run_cli("import", "report.csv", "--dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.stderr
    document = json.loads(dry.stdout)
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [
        ("Priya Nair", "2026-02-11"),  # "Contoso Pharma, Inc." is "Contoso Pharma"
        ("Lisa Thompson", "2026-02-03"),  # GFC's Lisa: the Acme row of 2/12 is another company's Lisa
    ]
    assert document["skipped"] == {
        "no person": 1,
        "outcome not a contact": 1,
        "report footer or summary line": 3,
        "unknown account": 1,
    }
    assert document["sources"] == [
        {
            "source": "report.csv",
            "columns": {
                "account": "Company / Account",
                "contact": "Name",
                "date": "Date",
                "outcome": "Status",
            },
            "date_format": "%m/%d/%Y",
            "date_format_detected": True,
        }
    ]
    assert [(item["reason"], item["account"]) for item in document["unmatched_people"]] == [
        ("unknown account", "Acme, Inc.")
    ]
    result = run_cli("import", "report.csv")
    assert result.exit_code == 0, result.stderr
    assert "report.csv: account 'Company / Account', contact 'Name', date 'Date', outcome 'Status'" in result.stderr
    assert "dates %m/%d/%Y (detected)" in result.stderr
    assert contacts(repo, "gfc.yaml") == {"Lisa Thompson": "2026-02-03", "Robert Martinez": "2026-01-05"}
    assert contacts(repo, "contoso.yaml") == {"Priya Nair": "2026-02-11", "Lisa Thompson": "2025-12-01"}
    # only the changed line differs
    assert (repo / "plans" / "gfc.yaml").read_text(encoding="utf-8") == GFC.replace(
        "crm_id: 0035e00000LISA1\n    relationship: strong\n    last_contact: 2026-01-05",
        "crm_id: 0035e00000LISA1\n    relationship: strong\n    last_contact: 2026-02-03",
    )
    again = run_cli("import", "report.csv", "--format", "json")
    assert json.loads(again.stdout)["updated"] == []  # idempotent


def test_en_gb_report_dates_are_detected_and_ambiguous_ones_refused(repo: Path, run_cli: Callable[..., Any]) -> None:
    gb = SALESFORCE_US.replace("2/3/2026", "3/2/2026").replace("2/12/2026", "12/2/2026")
    gb = gb.replace("2/13/2026", "13/2/2026").replace("2/14/2026", "14/2/2026").replace("2/11/2026", "11/2/2026")
    (repo / "gb.csv").write_bytes(gb.encode("utf-8"))
    result = run_cli("import", "gb.csv", "--format", "json", "--dry-run")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["sources"][0]["date_format"] == "%d/%m/%Y"
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [
        ("Priya Nair", "2026-02-11"),
        ("Lisa Thompson", "2026-02-03"),
    ]
    # every day 12 or less: 2/3/2026 is February 3rd or March 2nd; the user must say which
    (repo / "ambiguous.csv").write_text("Name,Account,Date\nLisa Thompson,Global Financial Corp,2/3/2026\n")
    before = plan_bytes(repo)
    refused = run_cli("import", "ambiguous.csv")
    assert refused.exit_code == 1
    assert 'set [import] date_format = "%m/%d/%Y" (or "%d/%m/%Y") in samkit.toml' in refused.stderr
    assert plan_bytes(repo) == before
    (repo / "samkit.toml").write_text('[import]\ndate_format = "%d/%m/%Y"\n', encoding="utf-8")
    configured = run_cli("import", "ambiguous.csv", "--format", "json")
    assert configured.exit_code == 0, configured.stderr
    as_configured = json.loads(configured.stdout)
    assert (as_configured["updated"], as_configured["ignored_future"]) == ([], 1)
    assert contacts(repo, "gfc.yaml")["Lisa Thompson"] == "2026-01-05"  # 2 March 2026 is after today: ignored


def import_tasks(repo: Path, run_cli: Callable[..., Any], text: str) -> dict[str, Any]:
    """``text`` imported as a Salesforce ``Task.csv``: the JSON document of a run that succeeded."""
    (repo / "Task.csv").write_text(text, encoding="utf-8")
    result = run_cli("import", "Task.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_salesforce_data_export_tasks_match_by_crm_ids(repo: Path, run_cli: Callable[..., Any]) -> None:
    document = import_tasks(
        repo,
        run_cli,
        "Id,WhoId,WhatId,AccountId,Subject,ActivityDate,Status,CreatedDate\n"
        "00T1,0035e00000LISA1,,0015e00000GFC01,Call,2026-02-09,Completed,2026-01-01T10:00:00.000Z\n"
        "00T2,0035e00000LISA1,,0015e00000ZZZ99,Call,2026-02-12,Completed,2026-01-01T10:00:00.000Z\n"
        "00T3,0035e00000NOBODY,,0015e00000GFC01,Call,2026-02-12,Completed,2026-01-01T10:00:00.000Z\n"
        "00T4,,,0015e00000GFC01,Call,2026-02-12,Completed,2026-01-01T10:00:00.000Z\n",
    )
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [("Lisa Thompson", "2026-02-09")]
    assert document["skipped"] == {"no person": 1, "unknown account": 1, "unknown person": 1}
    assert document["sources"][0]["columns"] == {
        "account_id": "AccountId",
        "contact_id": "WhoId",
        "date": "ActivityDate",
        "outcome": "Status",
    }


def test_hubspot_meetings_and_calls(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "meetings.csv").write_text(
        "Activity date,Meeting name,Meeting outcome,Associated Contact,Associated Company,Create Date\n"
        "2026-02-12 10:00,Kickoff,Canceled,Priya Nair (priya.nair@contoso.example),"
        "Contoso Pharmaceuticals Holding,2026-02-01\n"
        "2026-02-09 10:00,Demo,Completed,Priya Nair (priya.nair@contoso.example),"
        "Contoso Pharmaceuticals Holding,2026-02-01\n"
        # the right email at the wrong company: never moved
        "2026-02-10 10:00,Lunch,Completed,Lisa Thompson (lisa.thompson@gfc.example),Contoso Pharma,2026-02-01\n",
        encoding="utf-8",
    )
    (repo / "calls.csv").write_text(
        "Activity date,Call outcome,Associated Contact,Associated Company\n"
        "2026-02-15,No answer,Lisa Thompson (lisa.thompson@gfc.example),Global Financial Corp\n"
        "2026-02-14,Connected,Lisa Thompson (lisa.thompson@gfc.example),Global Financial Corp\n",
        encoding="utf-8",
    )
    result = run_cli("import", "meetings.csv", "calls.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [
        ("Priya Nair", "2026-02-09"),
        ("Lisa Thompson", "2026-02-14"),
    ]
    assert document["skipped"] == {"outcome not a contact": 2, "stakeholder of another account": 1}


def test_a_column_map_from_the_command_line_and_samkit_toml(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "odd.csv").write_text("Who,Organisation,When\nRobert Martinez,Global Financial Corp,2026-02-11\n")
    refused = run_cli("import", "odd.csv")
    assert refused.exit_code == 2
    assert "found 'Who', 'Organisation', 'When'" in refused.stderr
    assert "--column ROLE=HEADER" in refused.stderr
    result = run_cli("import", "odd.csv", "--column", "contact=Who", "--column", "date=When", "--format", "json")
    assert result.exit_code == 0, result.stderr
    # without the account column a name must be unique across the program: Robert is
    assert [item["stakeholder"] for item in json.loads(result.stdout)["updated"]] == ["Robert Martinez"]
    (repo / "samkit.toml").write_text('[import.columns]\naccount = "Organisation"\ncontact = "Who"\ndate = "When"\n')
    (repo / "odd.csv").write_text("Who,Organisation,When\nLisa Thompson,Contoso Pharma,2026-02-12\n")
    mapped = run_cli("import", "odd.csv", "--format", "json")
    assert [(item["account"], item["after"]) for item in json.loads(mapped.stdout)["updated"]] == [
        ("Contoso Pharma", "2026-02-12")
    ]
    bad = run_cli("import", "odd.csv", "--column", "person=Who")
    assert bad.exit_code == 2
    assert "ROLE one of account" in bad.stderr


def test_skip_outcomes_replace_the_defaults(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "calls.csv").write_text(
        "Date,Call outcome,Email\n2026-02-15,Left voicemail,lisa.thompson@gfc.example\n", encoding="utf-8"
    )
    (repo / "samkit.toml").write_text('[import]\nskip_outcomes = ["busy"]\n', encoding="utf-8")
    result = run_cli("import", "calls.csv", "--format", "json")
    assert [item["after"] for item in json.loads(result.stdout)["updated"]] == ["2026-02-15"]


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
    "BEGIN:VEVENT\r\nUID:weekly@google.com\r\nSUMMARY:GFC weekly\r\n"
    "DTSTART;TZID=America/New_York:20250106T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n"
    "ORGANIZER;CN=Maria Rodriguez:mailto:maria.rodriguez@vendor.example\r\n"
    "ATTENDEE;CN=Maria Rodriguez;PARTSTAT=ACCEPTED:mailto:maria.rodriguez@vendor.example\r\n"
    "ATTENDEE;CN=Sam Colleague;PARTSTAT=ACCEPTED:mailto:sam@vendor.example\r\n"
    "ATTENDEE;CN=Lisa Thompson;PARTSTAT=ACCEPTED:mailto:lisa.thompson@gfc.example\r\n"
    "ATTENDEE;CN=Priya Nair;PARTSTAT=DECLINED:mailto:priya.nair@contoso.example\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_weekly_meeting_counts_this_week_and_colleagues_are_not_unmatched(
    repo: Path, run_cli: Callable[..., Any]
) -> None:
    (repo / "meetings.ics").write_text(CALENDAR, encoding="utf-8", newline="")
    (repo / "samkit.toml").write_text('[import]\ninternal_domains = ["vendor.example"]\n', encoding="utf-8")
    result = run_cli("import", "meetings.ics", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [("Lisa Thompson", TODAY)]
    assert document["unmatched"] == []
    assert document["skipped"] == {"declined": 1, "internal colleague": 2}
    # without the domain, the team member's email is still ours; the other colleague is unknown
    (repo / "samkit.toml").unlink()
    second = json.loads(run_cli("import", "meetings.ics", "--format", "json").stdout)
    assert second["skipped"] == {"declined": 1, "internal colleague": 1, "unknown person": 1}


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_report_saved_again_by_a_spreadsheet_updates_the_same_people(
    repo: Path, run_cli: Callable[..., Any], delimiter: str
) -> None:
    """Semicolons (a spreadsheet in a European locale) or tabs instead of commas: the same contacts."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(SALESFORCE_US.lstrip("\ufeff"), newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (repo / "report.csv").write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    result = run_cli("import", "report.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert contacts(repo, "gfc.yaml") == {"Lisa Thompson": "2026-02-03", "Robert Martinez": "2026-01-05"}
    assert contacts(repo, "contoso.yaml") == {"Priya Nair": "2026-02-11", "Lisa Thompson": "2025-12-01"}


def test_a_data_loader_export_all_skips_the_tasks_deleted_in_the_crm(repo: Path, run_cli: Callable[..., Any]) -> None:
    """Data Loader's "Export All" writes upper-case field names and the recycle bin's rows, ``ISDELETED`` true:
    a deleted task is no touchpoint, even when it is the latest (a spreadsheet saves the flag as ``TRUE``)."""
    document = import_tasks(
        repo,
        run_cli,
        '"ID","ISDELETED","WHOID","ACCOUNTID","SUBJECT","ACTIVITYDATE","STATUS"\n'
        '"00T1","false","0035e00000LISA1","0015e00000GFC01","Call","2026-02-09","Completed"\n'
        '"00T2","true","0035e00000LISA1","0015e00000GFC01","Call","2026-02-13","Completed"\n'
        '"00T3","TRUE","0035e00000LISA1","0015e00000GFC01","Call","2026-02-14","Completed"\n',
    )
    assert [(item["stakeholder"], item["after"]) for item in document["updated"]] == [("Lisa Thompson", "2026-02-09")]
    assert document["skipped"] == {"deleted in the CRM": 2}


def test_a_deleted_flag_that_is_neither_true_nor_false_is_an_error_of_its_line(
    repo: Path, run_cli: Callable[..., Any]
) -> None:
    before = (repo / "plans" / "gfc.yaml").read_bytes()
    (repo / "Task.csv").write_text(
        "Id,IsDeleted,WhoId,AccountId,ActivityDate\n"
        "00T1,false,0035e00000LISA1,0015e00000GFC01,2026-02-09\n"
        "00T2,maybe,0035e00000LISA1,0015e00000GFC01,2026-02-13\n",
        encoding="utf-8",
    )
    result = run_cli("import", "Task.csv")
    assert result.exit_code == 1
    assert "Task.csv:3: IsDeleted 'maybe' is neither true nor false (true: the row was deleted in the CRM)" in (
        result.stderr
    )
    assert (repo / "plans" / "gfc.yaml").read_bytes() == before
