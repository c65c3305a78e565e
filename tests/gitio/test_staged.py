"""`lint --pre-commit` on plans git does not track: with no staged diff to read, every line counts as changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.gitio.staged import staged_changes
from tests.gitrepo import GitRepo
from tests.rules.plans import TODAY, PlanSpec

Run = Callable[..., Any]
UNMITIGATED = PlanSpec().yaml().replace("    mitigation:\n      - Show ROI\n", "")


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def test_an_untracked_plan_in_a_repository_blocks_on_any_finding(tmp_path: Path, run_cli: Run) -> None:
    repo = GitRepo.create(tmp_path / "accounts")
    repo.write("README.md", "# plans\n")
    repo.commit("start")
    plan = repo.write("plans/new.yaml", UNMITIGATED, dedent=False)  # written, never added
    assert staged_changes([str(plan)]) == {str(plan): None}
    result = run_cli("lint", "--pre-commit", "--today", TODAY.isoformat(), str(plan))
    assert result.exit_code == 1
    assert "SAM304" in result.stdout


def test_a_plan_outside_any_repository_blocks_on_any_finding(tmp_path: Path, run_cli: Run) -> None:
    plan = tmp_path / "loose" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text(UNMITIGATED, encoding="utf-8")
    assert staged_changes([str(plan)]) == {str(plan): None}
    result = run_cli("lint", "--pre-commit", "--today", TODAY.isoformat(), str(plan))
    assert result.exit_code == 1
    assert "SAM304" in result.stdout
