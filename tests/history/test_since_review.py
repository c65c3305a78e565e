"""``samkit review``'s "What changed since the last review" when there is nothing sound to compare with: no
``last_reviewed``, a ``--since`` revision without the plan, an earlier version that does not parse, no git.

Real repositories with dated commits; the brief's JSON (``changes``, ``changes_since``, ``changes_note``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo

RunCli = Callable[..., Any]
PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
last_reviewed: 2026-01-12
stakeholders:
  - name: Jennifer Wu
    relationship: weak
"""


def brief(run_cli: RunCli, plan: Path, *args: str) -> dict[str, Any]:
    result = run_cli("review", str(plan), "--today", "2026-02-01", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_a_plan_never_reviewed_says_how_to_compare(tmp_path: Path, run_cli: RunCli) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/acme.yaml", PLAN.replace("last_reviewed: 2026-01-12\n", ""))
    repo.commit("plan", date="2026-01-05T10:00:00")
    found = brief(run_cli, repo.path("plans/acme.yaml"))
    assert (found["changes"], found["changes_since"]) == ([], None)
    assert found["changes_note"] == "The plan has no last_reviewed date; use --since REF to compare with a revision."


def test_since_a_revision_before_the_plan_existed(tmp_path: Path, run_cli: RunCli) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("README.md", "plans\n")
    repo.commit("start", date="2026-01-01T10:00:00")
    repo.tag("v0", "HEAD")
    repo.write("plans/acme.yaml", PLAN)
    repo.commit("plan", date="2026-01-05T10:00:00")
    found = brief(run_cli, repo.path("plans/acme.yaml"), "--since", "v0")
    assert found["changes"] == []
    assert found["changes_since"].startswith("v0 (")
    assert found["changes_note"] == "The plan did not exist at v0; nothing to compare with."


def test_an_earlier_version_that_does_not_parse_is_named_not_compared(tmp_path: Path, run_cli: RunCli) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/acme.yaml", PLAN.replace("relationship: weak", "relationship: great"))
    repo.commit("as reviewed, with a typo", date="2026-01-12T10:00:00")
    repo.write("plans/acme.yaml", PLAN)
    repo.commit("fixed", date="2026-01-20T10:00:00")
    found = brief(run_cli, repo.path("plans/acme.yaml"))
    assert found["changes"] == []
    assert found["changes_since"].startswith("the plan as of 2026-01-12 (commit ")
    assert found["changes_note"].startswith("The earlier version does not parse (line 7: ")
    assert found["changes_note"].endswith("); nothing to compare with.")


def test_since_outside_a_repository_is_exit_2(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("review", "acme.yaml", "--today", "2026-02-01", "--since", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == f"samkit: error: {tmp_path.resolve()} is not inside a git repository\n"
    without = brief(run_cli, tmp_path / "acme.yaml")  # without --since, the brief says there is no history
    assert without["changes_note"].startswith("No history: ")
