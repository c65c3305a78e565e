"""The QBR brief: its figures on the seed plan, its boundaries, and 'what changed' from real git history."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from samkit.analysis.review import ReviewBrief, build_brief, finish
from samkit.config import Config
from samkit.history.since_review import changes_since_review
from samkit.output.review_out import review_json
from samkit.plan.loader import load_plan
from samkit.render.review import review_markdown
from tests.conftest import SEED_PLAN
from tests.gitrepo import GitRepo

TODAY = date(2026, 1, 30)


def brief_for(path: Path, today: date = TODAY, config: Config | None = None) -> ReviewBrief:
    loaded = load_plan(path)
    assert loaded.plan is not None, loaded.findings
    return finish(build_brief(str(path), loaded.plan, config or Config(), today), [], None, "no history")


def test_seed_brief_figures() -> None:
    brief = brief_for(SEED_PLAN)
    assert brief.tier == "Strategic"
    assert brief.score is not None and brief.score.score == Decimal("90.5")
    assert brief.days_since_review == 18  # 2026-01-12 → 2026-01-30
    assert not brief.review_overdue
    assert [gap.name for gap in brief.stale_contacts] == ["Lisa Thompson"]
    assert brief.stale_contacts[0].days_since_contact == 107  # 2025-10-15 → 2026-01-30
    assert [gap.name for gap in brief.never_contacted] == ["Robert Martinez"]
    assert [item.due for item in brief.overdue_actions] == [date(2026, 1, 20), date(2026, 1, 27)]
    assert [item.days for item in brief.overdue_actions] == [10, 3]
    # Feb 3, 10, 17 are within 30 days; Mar 2 is 31 days away and so not "upcoming"
    assert [item.due for item in brief.upcoming_actions] == [date(2026, 2, 3), date(2026, 2, 10), date(2026, 2, 17)]
    assert brief.pipeline.recurring == Decimal(800_000)
    assert brief.pipeline.weighted_one_time == Decimal(59_500)
    assert [item.name for item in brief.top_opportunities] == [
        "Payments Division",  # 260,000 weighted
        "European Operations",  # 126,000
        "Advanced Analytics Module",  # 96,000
    ]
    assert [risk.severity for risk in brief.risks] == ["high", "medium", "medium"]
    assert brief.suggestions[0].startswith("Call Lisa Thompson")
    assert any("Robert Martinez" in line for line in brief.suggestions)


def test_json_has_the_keys_of_the_contract() -> None:
    data = json.loads(review_json(brief_for(SEED_PLAN)))
    for key in (
        "account",
        "tier",
        "coverage",
        "pipeline",
        "stale_contacts",
        "never_contacted",
        "overdue_actions",
        "upcoming_actions",
        "risks",
        "changes",
    ):
        assert key in data
    assert data["account"] == "Global Financial Corp"
    assert data["tier"] == "Strategic"
    assert data["pipeline"]["weighted_recurring"] == 482000
    assert data["coverage"]["stakeholders"] == 6
    assert data["changes"] == []


def test_boundaries_of_staleness_and_upcoming(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        """\
        account: {name: Edge Co, manager: Sam, executive_sponsor: CRO}
        last_reviewed: 2026-01-01
        stakeholders:
          - {name: Ninety, role: champion, relationship: strong, last_contact: 2025-11-01}
          - {name: NinetyOne, role: economic_buyer, relationship: moderate, last_contact: 2025-10-31}
          - {name: Gone, role: champion, relationship: strong, last_contact: 2024-01-01, status: left}
        actions:
          - {due: 2026-03-01, action: Thirty days out}
          - {due: 2026-03-02, action: Thirty-one days out}
          - {due: 2026-01-29, action: Done already, done: true}
          - {due: 2026-01-30, action: Due today}
        """
    )
    brief = brief_for(path)
    # 2025-11-01 → 2026-01-30 is exactly 90 days: not stale; 91 days is
    assert [gap.name for gap in brief.stale_contacts] == ["NinetyOne"]
    assert [item.action for item in brief.upcoming_actions] == ["Due today", "Thirty days out"]
    assert brief.overdue_actions == []  # the done action is never overdue
    assert [gap.name for gap in brief.departed] == ["Gone"]
    assert any(line.startswith("Gone (champion) has left") for line in brief.suggestions)


def test_review_overdue_and_never_reviewed(write_plan: Callable[..., Path]) -> None:
    never = brief_for(write_plan("account: {name: A, manager: B}\n", "never.yaml"))
    assert never.review_overdue and never.days_since_review is None
    old = brief_for(write_plan("account: {name: A, manager: B}\nlast_reviewed: 2025-10-29\n", "old.yaml"))
    assert old.days_since_review == 93 and old.review_overdue  # more than 92 days
    recent = brief_for(write_plan("account: {name: A, manager: B}\nlast_reviewed: 2025-10-30\n", "recent.yaml"))
    assert recent.days_since_review == 92 and not recent.review_overdue


def test_markdown_brief_parses_and_escapes(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        """\
        account: {name: "Pipe | Co <script>", manager: Sam}
        stakeholders:
          - {name: "A | B", title: "VP\\nSales", role: economic_buyer, relationship: weak, last_contact: 2025-01-01}
        """
    )
    text = review_markdown(brief_for(path))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert "<script>" not in text
    rows: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    assert rows and all(count == 6 or count == 4 for count in rows)
    assert "A \\| B" in text


# --- what changed since the last review, from real git history -------------------------------------------------


def _seed_repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.commit("Plan as reviewed", date="2026-01-12T18:00:00")
    repo.edit("plans/gfc.yaml", "relationship: weak\n", "relationship: moderate\n")
    repo.commit("After the review: CFO warmed up", date="2026-01-13T00:30:00")
    return repo


def _kinds(changes: list[Any]) -> list[tuple[str, str]]:
    return [(change.kind.value, change.subject) for change in changes]


def test_changes_since_last_reviewed_day(tmp_path: Path) -> None:
    repo = _seed_repo(tmp_path)
    repo.edit("plans/gfc.yaml", "value: $400K", "value: $450K")  # uncommitted: the brief reads the file as it is
    current = load_plan(repo.path("plans/gfc.yaml")).plan
    assert current is not None
    history = changes_since_review(repo.path("plans/gfc.yaml"), current)
    assert ("relationship_changed", "Lisa Thompson") in _kinds(history.changes)
    assert ("opportunity_changed", "Payments Division") in _kinds(history.changes)
    assert history.since is not None and "2026-01-12" in history.since


def test_a_commit_late_on_the_review_day_counts(tmp_path: Path) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.commit("morning", date="2026-01-12T09:00:00")
    repo.edit("plans/gfc.yaml", "health_score: 82", "health_score: 85")
    repo.commit("late on review day", date="2026-01-12T23:30:00")
    current = load_plan(repo.path("plans/gfc.yaml")).plan
    assert current is not None
    assert changes_since_review(repo.path("plans/gfc.yaml"), current).changes == []


def test_since_ref_and_unknown_ref(tmp_path: Path) -> None:
    from samkit.errors import UsageError

    repo = _seed_repo(tmp_path)
    repo.tag("v1", repo.git("rev-list", "--max-parents=0", "HEAD").strip())
    current = load_plan(repo.path("plans/gfc.yaml")).plan
    assert current is not None
    assert ("relationship_changed", "Lisa Thompson") in _kinds(
        changes_since_review(repo.path("plans/gfc.yaml"), current, since="v1").changes
    )
    assert changes_since_review(repo.path("plans/gfc.yaml"), current, since="HEAD").changes == []
    with pytest.raises(UsageError):
        changes_since_review(repo.path("plans/gfc.yaml"), current, since="no-such-tag")
    with pytest.raises(UsageError):
        changes_since_review(repo.path("plans/gfc.yaml"), current, since="--output=/tmp/x")


def test_outside_git_and_without_earlier_version(tmp_path: Path) -> None:
    outside = tmp_path / "loose"
    outside.mkdir()
    plan_file = outside / "gfc.yaml"
    plan_file.write_text(SEED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    current = load_plan(plan_file).plan
    assert current is not None
    history = changes_since_review(plan_file, current)
    assert history.changes == [] and "No history" in history.note

    repo = GitRepo.create(tmp_path / "repo")
    repo.write("README.md", "x\n")
    repo.commit("first", date="2026-01-01T10:00:00")
    repo.write("plans/new.yaml", SEED_PLAN.read_text(encoding="utf-8"), dedent=False)  # never committed
    history = changes_since_review(repo.path("plans/new.yaml"), current)
    assert history.changes == [] and "No version of the plan was committed" in history.note

    repo.commit("added after the review", date="2026-01-20T10:00:00")
    history = changes_since_review(repo.path("plans/new.yaml"), current)
    assert history.changes == [] and "on or before 2026-01-12" in history.note


def test_review_cli_end_to_end(tmp_path: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _seed_repo(tmp_path)
    monkeypatch.chdir(repo.root)
    first = run_cli("review", "plans/gfc.yaml", "--today", "2026-01-30", "--format", "json")
    assert first.exit_code == 0, first.stderr
    data = json.loads(first.stdout)
    assert {"kind": "relationship_changed", "subject": "Lisa Thompson", "before": "weak", "after": "moderate"} in data[
        "changes"
    ]
    # reproducible: the same --today gives the same bytes, and SAMKIT_TODAY means the same as --today
    assert run_cli("review", "plans/gfc.yaml", "--today", "2026-01-30", "--format", "json").stdout == first.stdout
    monkeypatch.setenv("SAMKIT_TODAY", "2026-01-30")
    assert run_cli("review", "plans/gfc.yaml", "--format", "json").stdout == first.stdout

    markdown = run_cli("review", "plans/gfc.yaml", "--format", "markdown", "-o", "brief.md")
    assert markdown.exit_code == 0 and markdown.stdout == ""
    written = (repo.root / "brief.md").read_text(encoding="utf-8")
    assert "## What changed since the last review" in written and "Lisa Thompson" in written

    text = run_cli("review", "plans/gfc.yaml", "--since", "HEAD~1")
    assert text.exit_code == 0 and "relationship weak → moderate" in text.stdout

    assert run_cli("review", "plans/gfc.yaml", "--since", "nope").exit_code == 2
    assert run_cli("review", "plans/gfc.yaml", "--since", "-x").exit_code == 2
    assert run_cli("review", "plans/missing.yaml").exit_code == 2
    assert run_cli("review", "plans/gfc.yaml", "--today", "2026-02-30").exit_code == 2
    repo.write("plans/broken.yaml", "account: {name: X}\n")
    broken = run_cli("review", "plans/broken.yaml")
    assert broken.exit_code == 1 and "plans/broken.yaml:1:" in broken.stderr
