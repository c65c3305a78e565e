"""``samkit diff`` names the side that does not parse as what it is: the revision the user wrote, or the working
tree (with no revision the BASE side is ``HEAD`` itself, so "the HEAD side" would blame the commit that
parses); and the summary gives no pipeline figure as if the plan not parsed had none."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.gitrepo import GitRepo, isolate_git

Run = Callable[..., Any]
PLAN = "plans/x.yaml"
VALID = """\
account:
  name: X Co
  manager: Tom Lee
opportunities:
  - name: Fleet
    value: $300K
    probability: 50%
"""
# a tab for indentation, as an editor might leave it: line 3, column 1
TABBED = VALID.replace("  manager: Tom Lee", "\tmanager: Tom Lee")
TAB_PROBLEM = "plans/x.yaml:3:1 invalid YAML: a tab is used for indentation"
OTHER = "plans/y.yaml"
OTHER_PLAN = VALID.replace("X Co", "Y Co").replace("$300K", "$200K")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """X Co committed valid (tag v1), then its working-tree copy indented with a tab."""
    isolate_git(monkeypatch, tmp_path)
    repository = GitRepo.create(tmp_path / "repo")
    repository.write(PLAN, VALID, dedent=False)
    repository.commit("X Co", date="2026-01-12T10:00:00")
    repository.tag("v1")
    repository.write(PLAN, TABBED, dedent=False)
    monkeypatch.chdir(repository.root)
    return repository


def test_text_names_the_working_tree_as_the_side_that_does_not_parse(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "X Co · plans/x.yaml · modified"
    assert lines[1].startswith(f"  ! The working tree does not parse: {TAB_PROBLEM};")
    assert lines[2] == "  Pipeline: $300,000 → (not parsed); weighted $150,000 → (not parsed)"
    assert "HEAD" not in result.stdout
    # HEAD's $300,000 is known, the working tree's is not: no "pipeline ±$0" as if nothing had moved
    assert result.stderr == (
        "1 plan changed (1 modified) · 1 plan not parsed: no changes or pipeline to compare (HEAD → the working tree)\n"
    )


def test_one_revision_names_the_working_tree_too(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff", "v1")
    assert result.exit_code == 1
    assert f"  ! The working tree does not parse: {TAB_PROBLEM}" in result.stdout
    assert result.stderr.endswith("(v1 → the working tree)\n")


def test_a_commit_that_does_not_parse_is_named_by_its_revision(repo: GitRepo, run_cli: Run) -> None:
    repo.commit("X Co with a tab")
    repo.write(PLAN, VALID, dedent=False)
    assert run_cli("diff").stdout.splitlines()[1].startswith(f"  ! HEAD does not parse: {TAB_PROBLEM}")
    repo.tag("v2")
    repo.commit("X Co fixed")
    assert run_cli("diff", "v2", "HEAD").stdout.splitlines()[1].startswith(f"  ! v2 does not parse: {TAB_PROBLEM}")
    assert run_cli("diff", "v1", "v2").stdout.splitlines()[1].startswith(f"  ! v2 does not parse: {TAB_PROBLEM}")


def _inline_text(token: Any) -> str:
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def test_markdown_names_the_working_tree_as_the_side_that_does_not_parse(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff", "--format", "markdown")
    assert result.exit_code == 1
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    paragraphs = [_inline_text(token) for token in tokens if token.type == "inline"]
    assert paragraphs[1] == (
        "1 plan changed (1 modified) · 1 plan not parsed: no changes or pipeline to compare (HEAD → the working tree)"
    )
    [warning] = [text for text in paragraphs if text.startswith(":warning:")]
    assert warning.startswith(f":warning: The working tree does not parse: {TAB_PROBLEM};")
    assert "HEAD side" not in result.stdout and "±" not in result.stdout


def test_json_puts_the_problem_on_the_working_tree_side(repo: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["base"]["ref"] == "HEAD" and data["head"] == {"ref": None, "commit": None}
    [plan] = data["plans"]
    assert [(problem["side"], problem["line"], problem["column"]) for problem in plan["problems"]] == [("after", 3, 1)]
    assert plan["pipeline"]["before"]["total"] == 300000 and plan["pipeline"]["after"] is None


def test_the_total_leaves_out_the_plan_not_parsed_and_says_so(repo: GitRepo, run_cli: Run) -> None:
    """A deleted plan counts as its pipeline lost (it has a side with none); a plan not parsed counts not at all."""
    repo.write(PLAN, VALID, dedent=False)
    repo.write(OTHER, OTHER_PLAN, dedent=False)
    repo.commit("Y Co")
    repo.remove(OTHER)
    repo.write(PLAN, TABBED, dedent=False)
    result = run_cli("diff")
    assert result.exit_code == 1
    assert result.stderr == (
        "2 plans changed (1 deleted, 1 modified) · 0 changes · pipeline -$200,000 (weighted -$100,000) · "
        "1 plan not parsed: left out of these figures (HEAD → the working tree)\n"
    )
    markdown = run_cli("diff", "--format", "markdown").stdout.splitlines()
    assert markdown[3] == (
        "**2 plans changed** (1 deleted, 1 modified) · 0 changes · pipeline **\\-\\$200,000** "
        "(weighted -$100,000) · **1 plan not parsed**: left out of these figures (`HEAD` → the working tree)"
    )
