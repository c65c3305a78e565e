"""`samkit metrics`: objectives achieved and missed in the period, from the plans' real git history."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samkit.analysis.objectives import objective_outcomes
from tests.conftest import TEST_DATA, plan_from
from tests.gitrepo import GitRepo

MUTUAL = (TEST_DATA / "mutual-plan.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repository = GitRepo.create(tmp_path / "repo")
    repository.write("plans/gfc.yaml", MUTUAL, dedent=False)
    repository.commit("Plan", date="2026-01-05T10:00:00")
    # in Q2 the resolution target is reached (4.2 → 4 hours); payments readiness passes its due date (May 31)
    repository.edit("plans/gfc.yaml", "    current: 4.2\n", "    current: 4\n")
    repository.commit("Q2 review", date="2026-06-15T10:00:00")
    monkeypatch.chdir(repository.root)
    return repository


def test_metrics_reports_objectives_achieved_and_missed_in_the_period(
    repo: GitRepo, run_cli: Callable[..., Any]
) -> None:
    result = run_cli("metrics", "--from", "2026-03-31", "--to", "2026-06-30", "--format", "json")
    assert result.exit_code == 0, result.stderr
    objectives = json.loads(result.stdout)["objectives"]
    assert objectives == {
        "objectives": 3,
        "achieved": 1,
        "missed": 1,
        "achieved_objectives": [{"account": "Global Financial Corp", "objective": "Faster ticket resolution"}],
        "missed_objectives": [{"account": "Global Financial Corp", "objective": "Payments readiness"}],
    }
    text = run_cli("metrics", "--from", "2026-03-31", "--to", "2026-06-30")
    assert "Objectives: 1 achieved and 1 missed in the period (of 3 on active plans at TO)." in text.stdout
    # the quarter before: nothing reached or lapsed yet
    earlier = json.loads(run_cli("metrics", "--from", "2026-01-05", "--to", "2026-03-31", "--format", "json").stdout)
    assert (earlier["objectives"]["achieved"], earlier["objectives"]["missed"]) == (0, 0)


def test_an_objective_already_achieved_at_from_is_not_counted_again() -> None:
    done = plan_from("account: {name: A, manager: M}\nobjectives:\n  - {name: X, baseline: 0, target: 1, current: 1}\n")
    new = plan_from("account: {name: A, manager: M}\nobjectives:\n  - {name: x, baseline: 0, target: 1, current: 1}\n")
    assert objective_outcomes([(done, new)], date(2026, 1, 1), date(2026, 3, 31)).achieved == []
    # an objective added during the period and achieved by its end counts
    assert objective_outcomes([(None, new)], date(2026, 1, 1), date(2026, 3, 31)).achieved == [("A", "x")]
    # a written status counts like a derived one
    written = plan_from("account: {name: A, manager: M}\nobjectives:\n  - {name: Y, status: missed}\n")
    assert objective_outcomes([(None, written)], date(2026, 1, 1), date(2026, 3, 31)).missed == [("A", "Y")]
