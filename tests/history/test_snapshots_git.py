"""``samkit metrics`` reading the plans at two days from git: a repository without commits, a path in no
repository of the plans, a working-tree plan too large to read. Real repositories, the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo

RunCli = Callable[..., Any]
PERIOD = ("--from", "2026-01-01", "--today", "2026-03-01")
PLAN = "account:\n  name: Acme Corp\n  manager: Maria Rodriguez\n  arr: $100K\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repository = GitRepo.create(tmp_path / "repo")
    repository.write("plans/acme.yaml", PLAN)
    monkeypatch.chdir(repository.root)
    return repository


def test_a_repository_without_commits_has_no_history(repo: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("metrics", *PERIOD)
    assert result.exit_code == 2
    assert result.stderr == (
        f"samkit: error: the repository at {repo.root.resolve()} has no commits yet, so it has no history to measure\n"
    )


def test_a_path_outside_the_plans_repository_is_exit_2(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    repo.commit("plans", date="2025-12-05T10:00:00")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "beta.yaml").write_text(PLAN.replace("Acme Corp", "Beta Bank"), encoding="utf-8")
    result = run_cli("metrics", "plans", "../other", *PERIOD)
    assert result.exit_code == 2
    assert result.stderr == f"samkit: error: ../other: outside the repository at {repo.root.resolve()}\n"


def test_a_working_tree_plan_over_one_mib_is_left_out_and_named(repo: GitRepo, run_cli: RunCli) -> None:
    repo.commit("plans", date="2025-12-05T10:00:00")
    repo.write("plans/big.yaml", PLAN.replace("Acme Corp", "Big Co") + "# padding\n" * 110_000)
    result = run_cli("metrics", *PERIOD, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [group["accounts"] for group in data["groups"] if group["group"] == "Strategic"] == [1]  # Acme alone
    assert "samkit: plans/big.yaml does not load in the working tree (line 1: cannot read the file: it is " in (
        result.stderr
    )
    assert "plan files are limited to 1 MiB); left out of the figures" in result.stderr
