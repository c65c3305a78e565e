"""Objectives at their edges as users write them: a go-live whose start is its due date, a target with no
baseline, current value or unit. ``portfolio`` and ``review`` show the status and figures the rules give."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import program_with

RunCli = Callable[..., Any]
PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
objectives:
  - name: Go-live
    baseline: 0
    target: 100
    current: 10
    start: 2026-02-10
    due: 2026-02-10
  - name: Fewer tickets
    target: 4
    due: 2026-06-30
"""


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return program_with(tmp_path, monkeypatch, {"acme.yaml": PLAN}) / "plans" / "acme.yaml"


@pytest.mark.parametrize(("today", "status"), [("2026-02-09", None), ("2026-02-10", "at_risk")])
def test_a_span_of_no_days_has_passed_entirely_on_its_due_date(
    plan: Path, run_cli: RunCli, today: str, status: str | None
) -> None:
    result = run_cli("portfolio", "--today", today, "--format", "json")
    assert result.exit_code == 0, result.stderr
    flagged = json.loads(result.stdout)["objectives"]["at_risk_or_missed"]
    assert [(row["name"], row["status"]) for row in flagged] == ([("Go-live", status)] if status else [])


def test_figures_a_plan_does_not_give_are_a_dash_and_numbers_without_a_unit_stand_alone(
    plan: Path, run_cli: RunCli
) -> None:
    result = run_cli("review", str(plan), "--today", "2026-02-10")
    assert result.exit_code == 0, result.stderr
    rows = {
        line.split()[0]: " ".join(line.split())
        for line in result.stdout.splitlines()
        if line.startswith(("Go-", "Few"))
    }
    assert rows["Go-live"] == "Go-live 0 → 100, now 10 10% At risk 2026-02-10 $0"
    assert rows["Fewer"] == "Fewer tickets — → 4, now — — Not measured 2026-06-30 $0"
