"""``samkit log``'s touchpoint rules when nothing moves: a relationship already at the level asked, a review
date that is not later than the plan's, a blank name. Each says so in its line, and only what moves is written."""

from __future__ import annotations

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
last_reviewed: 2026-02-10
stakeholders:
  - name: John Smith
    relationship: weak
    last_contact: 2026-01-08
"""


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return program_with(tmp_path, monkeypatch, {"acme.yaml": PLAN}) / "plans" / "acme.yaml"


def test_what_is_already_so_or_later_is_kept_and_said(plan: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "log", "plans/acme.yaml", "John Smith", "--relationship", "weak", "--reviewed", "--date", "2026-02-01"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "plans/acme.yaml: John Smith: last_contact 2026-01-08 → 2026-02-01",
        "plans/acme.yaml: John Smith: relationship already weak",
        "plans/acme.yaml: plan: last_reviewed kept 2026-02-10 (later than 2026-02-01)",
    ]
    assert plan.read_text(encoding="utf-8") == PLAN.replace("2026-01-08", "2026-02-01")


def test_a_review_on_the_day_already_recorded_is_already_so(plan: Path, run_cli: RunCli) -> None:
    result = run_cli("log", "plans/acme.yaml", "John Smith", "--reviewed", "--date", "2026-02-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "plans/acme.yaml: plan: last_reviewed already 2026-02-10"
    assert plan.read_text(encoding="utf-8").count("2026-02-10") == 2  # the contact moved; the review stayed


def test_a_blank_name_matches_no_one(plan: Path, run_cli: RunCli) -> None:
    result = run_cli("log", "plans/acme.yaml", "  ", "--date", "2026-02-10")
    assert result.exit_code == 2
    assert result.stderr == "samkit: error: plans/acme.yaml: no stakeholder named '  '\n"
    assert plan.read_text(encoding="utf-8") == PLAN


def test_a_program_wide_log_with_a_plan_too_large_to_read_writes_nothing(plan: Path, run_cli: RunCli) -> None:
    big = plan.parent / "big.yaml"
    big.write_text("account:\n  name: Big Co\n  manager: M\n" + "# padding\n" * 110_000, encoding="utf-8")
    before = big.read_bytes()
    result = run_cli("log", "John Smith", "--date", "2026-02-12")
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "plans/big.yaml:1:1: cannot read the file: it is 1,100,037 bytes; plan files are limited to 1 MiB"
    )
    assert "'John Smith' could be a stakeholder there, so nothing was written" in result.stderr
    assert "name the plan: samkit log plans/acme.yaml 'John Smith'" in result.stderr
    assert (big.read_bytes(), plan.read_text(encoding="utf-8")) == (before, PLAN)


def test_a_plan_too_large_to_read_does_not_load_as_validate_says(plan: Path, run_cli: RunCli) -> None:
    """cli.md: a plan that does not load is exit 1 for log, the problem as validate and review report it."""
    big = plan.parent / "big.yaml"
    big.write_text(PLAN + "# padding\n" * 110_000, encoding="utf-8")
    before = big.read_bytes()
    finding = f"plans/big.yaml:1:1: cannot read the file: it is {len(before):,} bytes; plan files are limited to 1 MiB"
    result = run_cli("log", "plans/big.yaml", "John Smith", "--date", "2026-02-12")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [finding, "samkit log: plans/big.yaml does not load; nothing was written"]
    assert big.read_bytes() == before
    validate = run_cli("validate", "plans/big.yaml")
    assert (validate.exit_code, validate.stdout.splitlines()[0]) == (1, finding)
    missing = run_cli("log", "plans/gone.yaml", "John Smith")  # no file at all: a usage error, as before
    assert (missing.exit_code, missing.stderr) == (2, "samkit: error: plans/gone.yaml: no such file\n")
