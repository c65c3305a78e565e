"""The pre-commit split: a commit is blocked by what it breaks, time-based findings are shown, not blocking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.gitio.staged import changed_lines
from samkit.lint.commit_gate import TIME_BASED, finding_span
from samkit.rules import RULES
from tests.gitrepo import GitRepo
from tests.rules.plans import TODAY, PlanSpec, days_ago

Run = Callable[..., Any]


def test_changed_lines_reads_zero_context_hunks() -> None:
    diff = b"@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n"
    assert changed_lines(diff) == {3, 11, 12, 21, 22}


def test_a_finding_span_is_its_item_or_its_section() -> None:
    lines = [
        "account:",  # 1
        "  name: A",  # 2
        "stakeholders:",  # 3
        "  - name: B",  # 4
        "    # a comment",  # 5
        "    role: champion",  # 6
        "  - name: C",  # 7
        "    role: x",  # 8
        "risks: []",  # 9
    ]
    assert finding_span(lines, 6) == range(4, 7)
    assert finding_span(lines, 8) == range(7, 9)
    assert finding_span(lines, 3) == range(3, 9)
    assert finding_span(lines, 2) == range(1, 3)


@pytest.mark.parametrize(
    ("lines", "number"),
    [
        (["account:", "  name: A"], 0),  # a finding about the file as a whole (line 0), or past its end
        (["account:", "  name: A"], 3),
        (["  name: A", "  manager: M"], 2),  # no item or top-level key above it: the line alone
    ],
)
def test_a_finding_outside_any_item_spans_its_own_line(lines: list[str], number: int) -> None:
    assert finding_span(lines, number) == range(number, number + 1)


def test_the_time_based_rules_exist() -> None:
    assert set(RULES) >= TIME_BASED


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repository = GitRepo.create(tmp_path / "accounts")
    repository.write("plans/acme.yaml", PlanSpec().with_person(2, last_contact=days_ago(120)).yaml(), dedent=False)
    repository.commit("plans")
    monkeypatch.chdir(repository.root)
    return repository


def hook(run_cli: Run) -> Any:
    return run_cli("lint", "--pre-commit", "--today", TODAY.isoformat(), "plans/acme.yaml")


def test_a_stale_contact_is_shown_but_does_not_block_a_typo_fix(repo: GitRepo, run_cli: Run) -> None:
    repo.edit("plans/acme.yaml", "name: Clean Co", "name: Clean Co.")
    repo.git("add", "-A")
    result = hook(run_cli)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "SAM101" in result.stdout  # shown
    assert "not blocking the commit: 1 time-based" in result.stderr
    assert "CI's lint still fails on them" in result.stderr
    # plain lint (CI) still fails on it
    assert run_cli("lint", "--today", TODAY.isoformat(), "plans/acme.yaml").exit_code == 1


def test_a_finding_on_a_changed_line_blocks(repo: GitRepo, run_cli: Run) -> None:
    repo.edit("plans/acme.yaml", "    mitigation:\n      - Show ROI\n", "")
    repo.git("add", "-A")
    result = hook(run_cli)
    assert result.exit_code == 1
    assert "SAM304" in result.stdout


def test_a_plan_that_no_longer_loads_blocks(repo: GitRepo, run_cli: Run) -> None:
    repo.edit("plans/acme.yaml", "name: Clean Co", "name: [Clean Co")
    repo.git("add", "-A")
    result = hook(run_cli)
    assert result.exit_code == 1
    assert "SAM001" in result.stdout


def test_only_the_staged_change_counts(repo: GitRepo, run_cli: Run) -> None:
    repo.edit("plans/acme.yaml", "    mitigation:\n      - Show ROI\n", "")
    repo.commit("an unmitigated risk, committed before the hook existed")
    repo.edit("plans/acme.yaml", "name: Clean Co", "name: Clean Co.")
    repo.git("add", "-A")
    result = hook(run_cli)
    assert result.exit_code == 0, result.stdout
    assert "SAM304" in result.stdout and "1 on lines this commit does not change" in result.stderr


def test_a_new_plan_is_changed_on_every_line(repo: GitRepo, run_cli: Run) -> None:
    repo.write("plans/new.yaml", PlanSpec().yaml().replace("    mitigation:\n      - Show ROI\n", ""), dedent=False)
    repo.git("add", "-A")
    result = run_cli("lint", "--pre-commit", "--today", TODAY.isoformat(), "plans/new.yaml")
    assert result.exit_code == 1 and "SAM304" in result.stdout
