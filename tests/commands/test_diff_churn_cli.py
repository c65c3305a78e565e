"""``samkit diff`` when an account churns or comes back: a churned side is history (domain.md "Lifecycle"),
so its pipeline counts $0 there, as ``samkit pipeline`` leaves the plan out, and the status change is still
in the change list."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo, isolate_git

Run = Callable[..., Any]
PLAN = "plans/c.yaml"
ACTIVE = """\
account: {name: C Co, manager: A B, arr: $1.2M, status: active}
stakeholders: [{name: X, relationship: strong}]
opportunities: [{name: Fleet, value: $300K, probability: 50%, timeframe: Q3 2026}]
"""
CHURNED = ACTIVE.replace("status: active", "status: churned")


@dataclass(frozen=True)
class Case:
    base: str
    head: str
    status: tuple[str, str]  # account.status before → after
    totals: tuple[int, int]  # the pipeline total on each side, as `samkit pipeline` gives it
    pipeline: str  # the text line
    summary: str  # the start of the summary line
    markdown_summary: str  # the Markdown's summary line (its bold figure escaped)
    markdown: str  # the Markdown's pipeline paragraph


CHURN = Case(
    "v1",
    "v2",
    ("active", "churned"),
    (300_000, 0),
    "  Pipeline: $300,000 → $0 (-$300,000); weighted $150,000 → $0 (-$150,000); "
    "churned at v2 (history, not current figures)",
    "1 plan changed (1 modified) · 1 change · pipeline -$300,000 (weighted -$150,000)",
    "**1 plan changed** (1 modified) · 1 change · pipeline **\\-\\$300,000** (weighted -$150,000) (`v1` → `v2`)",
    "**Pipeline** $300,000 → $0 (-$300,000) · weighted $150,000 → $0 (-$150,000) · "
    "churned at `v2` (history, not current figures)",
)
UNCHURN = Case(
    "v2",
    "v3",
    ("churned", "active"),
    (0, 300_000),
    "  Pipeline: $0 → $300,000 (+$300,000); weighted $0 → $150,000 (+$150,000); "
    "churned at v2 (history, not current figures)",
    "1 plan changed (1 modified) · 1 change · pipeline +$300,000 (weighted +$150,000)",
    "**1 plan changed** (1 modified) · 1 change · pipeline **\\+\\$300,000** (weighted +$150,000) (`v2` → `v3`)",
    "**Pipeline** $0 → $300,000 (+$300,000) · weighted $0 → $150,000 (+$150,000) · "
    "churned at `v2` (history, not current figures)",
)
CASES = pytest.mark.parametrize("case", [CHURN, UNCHURN], ids=["churn", "unchurn"])


@pytest.fixture
def lifecycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """C Co active (tag v1), then churned (v2), then active again (v3)."""
    isolate_git(monkeypatch, tmp_path)
    repo = GitRepo.create(tmp_path / "repo")
    for tag, text in (("v1", ACTIVE), ("v2", CHURNED), ("v3", ACTIVE)):
        repo.write(PLAN, text, dedent=False)
        repo.commit(f"C Co {tag}", date="2026-01-12T10:00:00")
        repo.tag(tag)
    monkeypatch.chdir(repo.root)
    return repo


def _pipeline_total(run_cli: Run, repo: GitRepo, revision: str) -> int:
    """What ``samkit pipeline plans/`` gives at ``revision`` (the working tree checked out there)."""
    repo.git("checkout", "--quiet", revision)
    result = run_cli("pipeline", "plans/", "--format", "json")
    assert result.exit_code == 0, result.stderr
    total: int = json.loads(result.stdout)["total"]["total"]
    return total


@CASES
def test_diff_text_counts_a_churned_side_as_no_pipeline(lifecycle: GitRepo, run_cli: Run, case: Case) -> None:
    result = run_cli("diff", case.base, case.head)
    assert result.exit_code == 0
    was, now = case.status
    assert result.stdout.splitlines() == [
        "C Co · plans/c.yaml · modified",
        "  Other fields:",
        f"    account.status: {was} → {now}",
        case.pipeline,
    ]
    assert result.stderr.startswith(case.summary)


@CASES
def test_diff_json_sides_agree_with_the_pipeline_command(lifecycle: GitRepo, run_cli: Run, case: Case) -> None:
    result = run_cli("diff", case.base, case.head, "--format", "json")
    assert result.exit_code == 0
    [plan] = json.loads(result.stdout)["plans"]
    was, now = case.status
    assert plan["changes"] == [{"kind": "field_changed", "subject": "account.status", "before": was, "after": now}]
    before, after = plan["pipeline"]["before"], plan["pipeline"]["after"]
    assert (before["total"], after["total"]) == case.totals
    assert (before["weighted_recurring"], after["weighted_recurring"]) == tuple(total // 2 for total in case.totals)
    assert (plan["summary"]["before"]["status"], plan["summary"]["after"]["status"]) == case.status
    # one rule for "which plans count in current figures": each side is what `samkit pipeline` says there
    assert (_pipeline_total(run_cli, lifecycle, case.base), _pipeline_total(run_cli, lifecycle, case.head)) == (
        case.totals
    )


@CASES
def test_diff_markdown_says_the_pipeline_moved(lifecycle: GitRepo, run_cli: Run, case: Case) -> None:
    result = run_cli("diff", case.base, case.head, "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[3] == case.markdown_summary
    assert case.markdown in lines
    was, now = case.status
    assert f"- `account.status`: {was} → {now}" in lines


def test_a_plan_churned_on_both_sides_stays_out_of_the_pipeline(lifecycle: GitRepo, run_cli: Run) -> None:
    lifecycle.git("checkout", "--quiet", "v2")
    lifecycle.write(PLAN, CHURNED.replace("$300K", "$350K"), dedent=False)
    result = run_cli("diff")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "C Co · plans/c.yaml · modified",
        "  Opportunities:",
        "    Fleet: value $300,000 → $350,000",
        "  Pipeline: $0 (unchanged); weighted $0 (unchanged); churned on both sides (history, not current figures)",
    ]
    assert "pipeline ±$0 (weighted ±$0)" in result.stderr


def test_an_active_plan_says_nothing_about_churn(lifecycle: GitRepo, run_cli: Run) -> None:
    lifecycle.write(PLAN, ACTIVE.replace("$300K", "$350K"), dedent=False)
    result = run_cli("diff")
    assert "  Pipeline: $300,000 → $350,000 (+$50,000); weighted $150,000 → $175,000 (+$25,000)" in (
        result.stdout.splitlines()
    )
    assert "churned" not in result.stdout


def test_a_plan_churned_in_the_working_tree_says_so(lifecycle: GitRepo, run_cli: Run) -> None:
    """With no revision the BASE side is HEAD itself: the churned side is named the working tree, not "HEAD"."""
    lifecycle.write(PLAN, CHURNED, dedent=False)
    result = run_cli("diff")
    assert result.stdout.splitlines()[-1] == (
        "  Pipeline: $300,000 → $0 (-$300,000); weighted $150,000 → $0 (-$150,000); "
        "churned in the working tree (history, not current figures)"
    )
    lifecycle.commit("C Co churned again")
    lifecycle.write(PLAN, ACTIVE, dedent=False)
    assert "; churned at HEAD (history, not current figures)" in run_cli("diff").stdout
    assert " · churned at `HEAD` (history, not current figures)" in run_cli("diff", "--format", "markdown").stdout
