"""`samkit import` end to end: real files in, plans changed only where cli.md says, all or nothing."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from tests.conftest import plan_bytes, program_with

TODAY = "2026-02-16"

ACME = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    email: jen.wu@acme.example
    relationship: strong   # our champion
    last_contact: 2026-01-08
  - name: Lisa Thompson
    relationship: weak
    last_contact: 2025-10-15
  - name: John Smith
    relationship: none
  - name: Old Timer
    email: old@acme.example
    relationship: strong
    last_contact: 2025-01-01
    status: left
"""
BETA = """\
account:
  name: Beta Bank
  manager: James Chen
stakeholders:
  - name: John Smith
    email: john.smith@beta.example
    relationship: moderate
    last_contact: 2026-01-20
  - name: Ann Lee
    relationship: strong
    last_contact: 2026-02-01
"""
BROKEN = "account:\n  name: Broken Co\n  manager: X\nstakeholders:\n  - name: Nobody\n    relationship: great\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]) -> Path:
    return program_with(tmp_path, monkeypatch, {"acme.yaml": ACME, "beta.yaml": BETA}, TODAY)  # after run_cli


def write(root: Path, name: str, text: str) -> str:
    (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return name


def last_contacts(path: Path) -> dict[str, str | None]:
    plan = load_plan(path).plan
    assert plan is not None
    return {
        person.name: person.last_contact.isoformat() if person.last_contact else None for person in plan.stakeholders
    }


def test_salesforce_report_with_configured_date_format(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "samkit.toml").write_text('[import]\ndate_format = "%m/%d/%Y"\n', encoding="utf-8")
    export = write(
        repo,
        "salesforce.csv",
        """\
        "Subject","Assigned","Account Name","Contact","Email","Activity Date"
        "Call","Maria Rodriguez","Acme Corp","Lisa Thompson","","2/10/2026"
        "Email","Maria Rodriguez","ACME CORP","","JEN.WU@acme.example","2/12/2026"
        "Call","Maria Rodriguez","Acme Corp","Jennifer Wu","","1/02/2026"
        "Meeting","James Chen","Beta Bank","John Smith","","02/14/2026"
        """,
    )
    result = run_cli("import", export)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "plans/acme.yaml: Jennifer Wu: last_contact 2026-01-08 → 2026-02-12\n"
        "plans/acme.yaml: Lisa Thompson: last_contact 2025-10-15 → 2026-02-10\n"
        "plans/beta.yaml: John Smith: last_contact 2026-01-20 → 2026-02-14\n"
    )
    assert "4 activities read, 3 contacts updated in 2 of 2 plans" in result.stderr
    text = (repo / "plans" / "acme.yaml").read_text(encoding="utf-8")
    assert text == ACME.replace("2026-01-08", "2026-02-12").replace("2025-10-15", "2026-02-10")


def test_hubspot_export_with_name_and_email_cells(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(
        repo,
        "hubspot.csv",
        """\
        Activity date,Activity type,Associated Contact,Associated Company
        2026-02-11 09:30,MEETING,Lisa Thompson (lisa@elsewhere.example); John Smith (john.smith@beta.example),
        2026-02-09T10:00:00Z,CALL,Ann Lee (ann@beta.example),Beta Bank
        """,
    )
    result = run_cli("import", export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["updated"] == [
        {
            "path": "plans/acme.yaml",
            "account": "Acme Corp",
            "stakeholder": "Lisa Thompson",
            "before": "2025-10-15",
            "after": "2026-02-11",
        },
        {
            "path": "plans/beta.yaml",
            "account": "Beta Bank",
            "stakeholder": "John Smith",
            "before": "2026-01-20",
            "after": "2026-02-11",
        },
        {
            "path": "plans/beta.yaml",
            "account": "Beta Bank",
            "stakeholder": "Ann Lee",
            "before": "2026-02-01",
            "after": "2026-02-09",
        },
    ]


def test_generic_csv_ambiguity_future_and_departed(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(
        repo,
        "activity.csv",
        """\
        name,email,date
        John Smith,,2026-02-10
        Old Timer,,2026-02-10
        Nobody Known,nobody@x.example,2026-02-10
        Jennifer Wu,,2026-03-01
        ,old@acme.example,2026-02-11
        """,
    )
    before = plan_bytes(repo)
    result = run_cli("import", export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["skipped"] == {
        "ambiguous": 1,
        "dated after today": 1,
        "departed stakeholder": 1,
        "unknown person": 1,
    }
    assert {key: document[key] for key in ("updated", "unmatched", "ignored_future")} == {
        "updated": [],
        "unmatched": [
            {
                "source": "activity.csv",
                "line": 2,
                "account": None,
                "contact": "John Smith",
                "email": None,
                "date": "2026-02-10",
                "reason": "ambiguous",
            },
            {
                "source": "activity.csv",
                "line": 4,
                "account": None,
                "contact": "Nobody Known",
                "email": "nobody@x.example",
                "date": "2026-02-10",
                "reason": "unknown person",
            },
        ],
        "ignored_future": 1,
    }
    assert plan_bytes(repo) == before  # the departed stakeholder is matched, never updated
    assert "skipped: 1 ambiguous, 1 dated after today, 1 departed stakeholder, 1 unknown person" in result.stderr


def test_an_impossible_date_writes_nothing_and_names_the_line(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(
        repo,
        "bad.csv",
        """\
        Contact,Account,Date,Comments
        Lisa Thompson,Acme Corp,2026-02-10,"two
        lines"
        Ann Lee,Beta Bank,2026-02-30,
        ,Beta Bank,2026-02-11,
        """,
    )
    before = plan_bytes(repo)
    result = run_cli("import", export)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        "bad.csv:4: '2026-02-30' is written YYYY-MM-DD, but there is no such day (February 2026 has 28)"
        in result.stderr
    )
    assert "bad.csv:5" not in result.stderr  # a row without a person is skipped, not an error
    assert "1 invalid row; nothing was written" in result.stderr
    assert plan_bytes(repo) == before


def test_an_unreadable_file_is_counted_as_a_file_not_a_row(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "latin1.csv").write_bytes("Contact,Date\nRen\xe9 Ogier,2026-02-10\n".encode("latin-1"))
    bad_row = write(repo, "rows.csv", "Contact,Date\nAnn Lee,2026-02-30\n")
    before = plan_bytes(repo)
    result = run_cli("import", str(repo / "latin1.csv"), bad_row)
    assert result.exit_code == 1
    assert "latin1.csv:2:4: not UTF-8 text (byte 0xe9); save the export as UTF-8" in result.stderr
    assert "1 invalid row and 1 unreadable file; nothing was written" in result.stderr
    assert plan_bytes(repo) == before


def test_calendar_import_and_idempotence(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "week.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20260213\r\nSUMMARY:Workshop\r\n"
        b"ATTENDEE;CN=Jennifer Wu:mailto:JEN.WU@ACME.EXAMPLE\r\n"
        b"ATTENDEE;CN=Ann Lee:mailto:ann@beta.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    first = run_cli("import", "week.ics", "--plans", "plans/acme.yaml", "--plans", "plans/beta.yaml")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.splitlines() == [
        "plans/acme.yaml: Jennifer Wu: last_contact 2026-01-08 → 2026-02-13",
        "plans/beta.yaml: Ann Lee: last_contact 2026-02-01 → 2026-02-13",
    ]
    after_first = plan_bytes(repo)
    second = run_cli("import", "week.ics", "--format", "json")
    assert second.exit_code == 0
    again = json.loads(second.stdout)
    assert (again["updated"], again["unmatched"], again["ignored_future"]) == ([], [], 0)
    assert plan_bytes(repo) == after_first


def test_dry_run_prints_the_updates_and_writes_nothing(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(repo, "a.csv", "Email,Date\njen.wu@acme.example,2026-02-15\n")
    before = plan_bytes(repo)
    dry = run_cli("import", export, "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout == "plans/acme.yaml: Jennifer Wu: last_contact 2026-01-08 → 2026-02-15\n"
    assert "dry run: nothing was written" in dry.stderr
    assert plan_bytes(repo) == before


def test_plans_that_do_not_load_are_reported_and_untouched(repo: Path, run_cli: Callable[..., Any]) -> None:
    """The broken plan's rows are skipped as of a plan that does not load (its account exists: nothing to add to
    a stakeholder map); an account no plan has is still listed as unknown."""
    (repo / "plans" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    export = write(
        repo,
        "a.csv",
        "Account,Contact,Date\nBroken Co,Nobody,2026-02-10\nAcme Corp,Lisa Thompson,2026-02-10\n"
        "Gamma Ltd,Zoe Park,2026-02-10\n",
    )
    result = run_cli("import", export, "--format", "json")
    assert result.exit_code == 0
    assert "plans/broken.yaml:6:" in result.stderr
    assert (repo / "plans" / "broken.yaml").read_text(encoding="utf-8") == BROKEN
    document = json.loads(result.stdout)
    assert [entry["stakeholder"] for entry in document["updated"]] == ["Lisa Thompson"]
    assert [(entry["account"], entry["reason"]) for entry in document["unmatched"]] == [
        ("Gamma Ltd", "unknown account")
    ]
    assert document["skipped"] == {"plan does not load": 1, "unknown account": 1}
    assert last_contacts(repo / "plans" / "acme.yaml")["Lisa Thompson"] == "2026-02-10"
    text = run_cli("import", export, "--dry-run")
    assert text.stdout.splitlines() == [
        "unmatched (1): add these people to the stakeholder map, or fix the export",
        "  a.csv:4: unknown account: Zoe Park at Gamma Ltd, 2026-02-10",
    ]
    assert "  skipped: 1 plan does not load, 1 unknown account\n" in text.stderr


def test_rows_without_an_account_match_no_one_while_a_plan_does_not_load(
    repo: Path, run_cli: Callable[..., Any]
) -> None:
    """The broken plan may have a Jennifer Wu, or that very email: a match across the program would be a guess,
    so those rows are skipped under their own reason (not listed to add); a row naming a plan that loads is not."""
    (repo / "plans" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    beta = (repo / "plans" / "beta.yaml").read_bytes()
    export = write(
        repo,
        "a.csv",
        "Account,Contact,Email,Date\n,Jennifer Wu,,2026-02-10\n,,john.smith@beta.example,2026-02-11\n"
        "Acme Corp,Lisa Thompson,,2026-02-10\n",
    )
    result = run_cli("import", export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [entry["stakeholder"] for entry in document["updated"]] == ["Lisa Thompson"]
    assert (document["unmatched"], document["skipped"]) == ([], {"plan does not load": 2})
    assert (
        "1 plan does not load and was left untouched; rows for its account, and rows that name no account (the "
        "person could be in it), are skipped: fix it and import again\n"
    ) in result.stderr
    assert last_contacts(repo / "plans" / "acme.yaml")["Jennifer Wu"] == "2026-01-08"
    assert (repo / "plans" / "beta.yaml").read_bytes() == beta
    text = run_cli("import", export, "--dry-run")
    assert "unmatched" not in text.stdout
    assert "  skipped: 2 plan does not load\n" in text.stderr


def test_unmatched_people_are_listed_once_with_their_row_count(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(
        repo,
        "a.csv",
        "Contact Id,Email,Date\nC-9,,2026-02-10\n,zed@nowhere.example,2026-02-01\n,zed@nowhere.example,2026-02-11\n",
    )
    before = plan_bytes(repo)
    result = run_cli("import", export)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "unmatched (2): add these people to the stakeholder map, or fix the export",
        "  a.csv:2: unknown person: contact id C-9, 2026-02-10",
        "  a.csv:3: unknown person: <zed@nowhere.example>, 2026-02-01 (2 rows, latest 2026-02-11)",
    ]
    assert plan_bytes(repo) == before


def test_a_contact_crm_id_used_twice_matches_no_one_and_the_rest_imports(
    repo: Path, run_cli: Callable[..., Any]
) -> None:
    for name, person in (("acme.yaml", "  - name: Lisa Thompson\n"), ("beta.yaml", "  - name: Ann Lee\n")):
        path = repo / "plans" / name
        path.write_text(path.read_text(encoding="utf-8").replace(person, person + "    crm_id: C-1\n"), "utf-8")
    export = write(repo, "a.csv", "Contact Id,Email,Date\nC-1,,2026-02-10\n,jen.wu@acme.example,2026-02-12\n")
    result = run_cli("import", export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "plans/beta.yaml:" in result.stderr
    assert "contact crm_id 'C-1' is already used at plans/acme.yaml:" in result.stderr
    assert "rows with these crm ids match no one until each id is used once" in result.stderr
    document = json.loads(result.stdout)
    assert [entry["stakeholder"] for entry in document["updated"]] == ["Jennifer Wu"]
    assert [(entry["line"], entry["reason"]) for entry in document["unmatched"]] == [(2, "ambiguous")]
    contacts = last_contacts(repo / "plans" / "acme.yaml")
    assert (contacts["Jennifer Wu"], contacts["Lisa Thompson"]) == ("2026-02-12", "2025-10-15")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "Subject,Account\nCall,Acme\n", "no date and no contact, email or contact id column"),
        ("notes.txt", "hello\n", "not a file samkit can import"),
        ("empty.csv", "", "the file is empty"),
    ],
)
def test_unusable_files_are_exit_2(
    repo: Path, run_cli: Callable[..., Any], name: str, content: str, message: str
) -> None:
    (repo / name).write_text(content, encoding="utf-8")
    before = plan_bytes(repo)
    result = run_cli("import", name)
    assert result.exit_code == 2
    assert message in result.stderr
    assert plan_bytes(repo) == before


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "classic-mac-cr"])
def test_crlf_and_cr_plans_keep_their_line_ends(repo: Path, run_cli: Callable[..., Any], eol: str) -> None:
    before = ACME.replace("\n", eol)
    (repo / "plans" / "acme.yaml").write_bytes(before.encode())
    export = write(repo, "a.csv", "Contact,Account,Date\nJohn Smith,Acme Corp,2026-02-02\n")
    assert run_cli("import", export).exit_code == 0
    expected = ACME.replace(
        "  - name: John Smith\n    relationship: none\n",
        "  - name: John Smith\n    relationship: none\n    last_contact: 2026-02-02\n",
    ).replace("\n", eol)
    assert (repo / "plans" / "acme.yaml").read_bytes() == expected.encode()


def test_today_option_decides_what_is_in_the_future(repo: Path, run_cli: Callable[..., Any]) -> None:
    export = write(repo, "a.csv", "Email,Date\njen.wu@acme.example,2026-02-10\n")
    result = run_cli("import", export, "--today", "2026-02-09", "--format", "json")
    document = json.loads(result.stdout)
    assert (document["updated"], document["unmatched"], document["ignored_future"]) == ([], [], 1)
