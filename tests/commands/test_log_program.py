"""`samkit log` without a plan path (the person found across the program), `--new`, and `--date` words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from tests.conftest import program_with

TODAY = "2026-02-16"
ACME = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    email: jen.wu@acme.example
    relationship: strong   # champion
    last_contact: 2026-01-08
  - name: Lisa Thompson
    relationship: weak
risks: []
"""
BETA = """\
account:
  name: Beta Bank
  manager: James Chen
stakeholders:
  - name: Lisa Thompson
    email: lisa@beta.example
    relationship: moderate
    last_contact: 2026-01-20
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]) -> Path:
    return program_with(tmp_path, monkeypatch, {"acme.yaml": ACME, "beta.yaml": BETA}, TODAY)  # after run_cli


def text(repo: Path, name: str) -> str:
    return (repo / "plans" / name).read_text(encoding="utf-8")


def test_a_person_is_found_across_the_program_by_email_or_unique_name(repo: Path, run_cli: Callable[..., Any]) -> None:
    result = run_cli("log", "lisa@beta.example", "Jennifer Wu", "--date", "yesterday")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "plans/beta.yaml: Lisa Thompson: last_contact 2026-01-20 → 2026-02-15\n"
        "plans/acme.yaml: Jennifer Wu: last_contact 2026-01-08 → 2026-02-15\n"
    )
    assert text(repo, "acme.yaml") == ACME.replace("last_contact: 2026-01-08", "last_contact: 2026-02-15")
    assert text(repo, "beta.yaml") == BETA.replace("last_contact: 2026-01-20", "last_contact: 2026-02-15")


def test_an_ambiguous_name_lists_the_candidates_and_writes_nothing(repo: Path, run_cli: Callable[..., Any]) -> None:
    result = run_cli("log", "lisa thompson")
    assert result.exit_code == 2
    assert "matches several stakeholders: Lisa Thompson (plans/acme.yaml), Lisa Thompson (plans/beta.yaml)" in (
        result.stderr
    )
    unknown = run_cli("log", "Jenifer Wu")
    assert unknown.exit_code == 2
    assert "did you mean 'Jennifer Wu'?" in unknown.stderr
    assert (text(repo, "acme.yaml"), text(repo, "beta.yaml")) == (ACME, BETA)


def test_a_new_person_is_added_with_only_new_lines(repo: Path, run_cli: Callable[..., Any]) -> None:
    result = run_cli(
        "log", "plans/acme.yaml", "Ann Lee", "--new", "--title", "VP Finance", "--department", "Finance",
        "--role", "economic buyer", "--email", "ann.lee@acme.example", "--note", "met at the summit",
        "--date", "today",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "plans/acme.yaml: Ann Lee: new stakeholder, last_contact 2026-02-16\n"
    assert text(repo, "acme.yaml") == ACME.replace(
        "  - name: Lisa Thompson\n    relationship: weak\n",
        "  - name: Lisa Thompson\n    relationship: weak\n"
        "  - name: Ann Lee\n    title: VP Finance\n    department: Finance\n    role: economic_buyer\n"
        "    email: ann.lee@acme.example\n    relationship: none\n    last_contact: 2026-02-16\n"
        '    notes: ["2026-02-16: met at the summit"]\n',
    )
    plan = load_plan(repo / "plans" / "acme.yaml").plan
    assert plan is not None and plan.stakeholders[-1].email == "ann.lee@acme.example"
    again = run_cli("log", "plans/acme.yaml", "Ann Lee", "--new")
    assert again.exit_code == 2
    assert "already a stakeholder" in again.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Jennifer Wu", "--title", "CFO"], "--title describe a new stakeholder: add --new"),
        (["Jennifer Wu", "--new"], "--new adds one person to one plan"),
        (["plans/acme.yaml", "Ann Lee", "--new", "--role", "boss"], "--role 'boss': expected one of"),
        (["Jennifer Wu", "--date", "16.02.2026"], "is not a date"),
    ],
)
def test_bad_usage_writes_nothing(repo: Path, run_cli: Callable[..., Any], arguments: list[str], message: str) -> None:
    result = run_cli("log", *arguments)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (text(repo, "acme.yaml"), text(repo, "beta.yaml")) == (ACME, BETA)


def test_the_date_takes_the_configured_date_format(repo: Path, run_cli: Callable[..., Any]) -> None:
    (repo / "samkit.toml").write_text('[import]\ndate_format = "%d.%m.%Y"\n', encoding="utf-8")
    result = run_cli("log", "jen.wu@acme.example", "--date", "12.02.2026")
    assert result.exit_code == 0, result.stderr
    assert "last_contact 2026-01-08 → 2026-02-12" in result.stdout


def test_a_plan_that_does_not_load_stops_a_search_across_the_program(repo: Path, run_cli: Callable[..., Any]) -> None:
    """The broken plan may have a Jennifer Wu too (by name, or that very email): no match elsewhere is certain."""
    broken = "account:\n  name: Acme Corp\n  manager: M\nstakeholders:\n\t- name: Jennifer Wu\n"
    (repo / "plans" / "broken.yaml").write_text(broken, encoding="utf-8")
    for who in ("Jennifer Wu", "jen.wu@acme.example", "Nobody Known"):
        result = run_cli("log", who, "--note", "pricing call")
        assert result.exit_code == 1, result.stderr
        assert result.stdout == ""
        place = "plans/acme.yaml" if who != "Nobody Known" else "PLAN"
        typed = who if "@" in who else f"'{who}'"  # as a shell takes it
        assert result.stderr.splitlines() == [
            "plans/broken.yaml:5:1: invalid YAML: a tab is used for indentation; YAML indents with spaces only: "
            "replace the tab with spaces",
            f"samkit log: 1 plan does not load and was not searched; '{who}' could be a stakeholder there, so "
            f"nothing was written. Fix it (the lines above say where), or name the plan: samkit log {place} {typed}",
        ]
    assert (text(repo, "acme.yaml"), text(repo, "broken.yaml")) == (ACME, broken)
    ambiguous = run_cli("log", "Lisa Thompson")  # two plans that load have her: ambiguous whatever the third holds
    assert ambiguous.exit_code == 2
    assert "matches several stakeholders" in ambiguous.stderr
    named = run_cli("log", "plans/acme.yaml", "Jennifer Wu", "--note", "pricing call")  # the plan given: certain
    assert named.exit_code == 0, named.stderr
    assert named.stdout.splitlines()[-1] == 'plans/acme.yaml: Jennifer Wu: notes + "2026-02-16: pricing call"'


def test_the_first_stakeholder_of_a_new_plan_turns_the_empty_list_into_a_block(
    repo: Path, run_cli: Callable[..., Any]
) -> None:
    empty = (
        "account:\n  name: Fabrikam\n  manager: Maria Rodriguez\nstakeholders: []   # the buying committee\nrisks: []\n"
    )
    (repo / "plans" / "fabrikam.yaml").write_text(empty, encoding="utf-8")
    result = run_cli("log", "plans/fabrikam.yaml", "Ann Lee", "--new", "--title", "CFO")
    assert result.exit_code == 0, result.stderr
    assert text(repo, "fabrikam.yaml") == (
        "account:\n  name: Fabrikam\n  manager: Maria Rodriguez\nstakeholders:   # the buying committee\n"
        "  - name: Ann Lee\n    title: CFO\n    relationship: none\n    last_contact: 2026-02-16\nrisks: []\n"
    )
