"""Round 3 CRM identity fields: account.aliases and crm_id, stakeholders[].crm_id, account.team[].email."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_text

PLAN = """\
account:
  name: Contoso Pharma
  aliases: Contoso Pharmaceuticals Holding AG
  crm_id: 0015e00000ABC
  manager: James Chen
  team:
    - name: James Chen
      email: james.chen@vendor.example
stakeholders:
  - name: Priya Nair
    email: priya@contoso.example
    crm_id: 12345
    relationship: moderate
  - name: Omar Haddad
    crm_id: 0035e00000OMR
    relationship: weak
"""


def messages(text: str) -> list[str]:
    return [finding.format_text() for finding in load_text(text, "p.yaml").findings]


def test_the_fields_read_as_text() -> None:
    plan = load_text(PLAN).plan
    assert plan is not None
    assert plan.account.aliases == ["Contoso Pharmaceuticals Holding AG"]  # one name or a list
    assert plan.account.crm_id == "0015e00000ABC"
    assert [person.crm_id for person in plan.stakeholders] == ["12345", "0035e00000OMR"]  # digits as written
    assert plan.account.team[0].email == "james.chen@vendor.example"


def test_a_duplicate_contact_id_names_both_places() -> None:
    found = messages(PLAN.replace("crm_id: 0035e00000OMR", "crm_id: '12345'"))
    assert found == [
        "p.yaml:15:13: SAM002 stakeholders.1.crm_id: '12345' is already used on line 12; crm_ids must be unique"
    ]


def test_team_emails_are_checked() -> None:
    assert "is not an email address" in messages(PLAN.replace("james.chen@vendor.example", "james"))[0]
    found = messages(PLAN.replace("james.chen@vendor.example", "priya@contoso.example"))
    assert found == [
        "p.yaml:8:14: SAM002 account.team.0.email: 'priya@contoso.example' is also a stakeholder's email (line 11); "
        "a team member is one of ours, a stakeholder one of the customer's"
    ]
    assert "crm id" in messages(PLAN.replace("crm_id: 12345", "crm_id: true"))[0].casefold().replace("_", " ")


def test_validate_finds_crm_ids_used_in_two_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    result = validate_two_plans(tmp_path, monkeypatch, run_cli, PLAN, {})
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "plans/b.yaml:4:11: account.crm_id: account crm_id '0015e00000ABC' is already used at plans/a.yaml:4; "
        "crm ids must be unique across the program",
        "plans/b.yaml:15:13: stakeholders.1.crm_id: contact crm_id '0035e00000OMR' is already used at "
        "plans/a.yaml:15; crm ids must be unique across the program",
    ]


def test_a_salesforce_id_in_its_18_character_form_is_the_same_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """``0015e00000ABCDE`` (a report's form) and ``0015E00000ABCDEAA5`` (Data Export's, upper-cased here) are
    one account."""
    first = PLAN.replace("0015e00000ABC\n", "0015e00000ABCDE\n")
    changes = {"0015e00000ABCDE\n": "0015E00000ABCDEAA5\n", "0035e00000OMR": "0035e00000OMRXY"}
    result = validate_two_plans(tmp_path, monkeypatch, run_cli, first, changes)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "plans/b.yaml:4:11: account.crm_id: account crm_id '0015E00000ABCDEAA5' is already used at plans/a.yaml:4; "
        "crm ids must be unique across the program",
    ]


def validate_two_plans(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., Any],
    first: str,
    changes: dict[str, str],
) -> Any:
    """``samkit validate`` of ``first`` and another account made from it (other name, other contact id,
    then ``changes``)."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(first, encoding="utf-8")
    other = first.replace("Contoso Pharma", "Fabrikam").replace("crm_id: 12345", "crm_id: 999")
    for old, new in changes.items():
        other = other.replace(old, new)
    (tmp_path / "plans" / "b.yaml").write_text(other, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return run_cli("validate")


def test_validate_finds_two_plans_of_one_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """metrics and backtest match accounts by name: a second plan of ``Contoso Pharma`` (any case) is invalid."""
    changes = {"Fabrikam": "  CONTOSO pharma", "0015e00000ABC": "0015e00000XYZ", "0035e00000OMR": "0035e00000QQQ"}
    result = validate_two_plans(tmp_path, monkeypatch, run_cli, PLAN, changes)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "plans/b.yaml:2:11: account.name: 'CONTOSO pharma' is already the account of plans/a.yaml:2; one plan per "
        "account (metrics and backtest match accounts by name and would leave both out)"
    ]
    assert "2 plans checked, 1 invalid with 1 problem" in result.stderr
