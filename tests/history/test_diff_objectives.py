"""The customer's side in `samkit diff`: objective_progressed (old and new progress), value_delivered_added,
and field changes of objectives and milestones; their words, section, JSON and textconv view, from real git
history of a real plan (tests/data/mutual-plan.yaml) edited as a person would."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samkit.analysis.changes import Change, ChangeKind
from samkit.output.change_text import MARKDOWN, describe
from samkit.output.diff_out import sections
from samkit.output.textconv import canonical_view
from tests.conftest import TEST_DATA
from tests.gitrepo import GitRepo
from tests.history.test_diff import changes_between, edited, loaded

MUTUAL = (TEST_DATA / "mutual-plan.yaml").read_text(encoding="utf-8")
NEW_VALUE = (
    "  - date: 2026-02-20\n    outcome: Priority-1 resolution at 4 hours\n"
    "    objective: Faster ticket resolution\n    amount: 15000.50\n"
)
TRIAGE = "      - name: Automated triage live\n        due: 2026-03-31\n"


def test_the_plan_against_itself_has_no_changes() -> None:
    assert changes_between(MUTUAL, MUTUAL) == []


def test_progress_value_and_milestones_each_have_their_change() -> None:
    new = edited(
        MUTUAL,
        ("    current: 4.2\n", "    current: 4\n"),
        ("    baseline: 20\n", "    baseline: 25\n"),
        (TRIAGE, TRIAGE + "        done: true\n"),
    )
    new += NEW_VALUE
    changes = changes_between(MUTUAL, new)
    assert changes == [
        Change(ChangeKind.OBJECTIVE_PROGRESSED, "Faster ticket resolution", Decimal("0.975"), Decimal(1)),
        Change(
            ChangeKind.FIELD_CHANGED,
            "objectives[Faster ticket resolution].milestones[Automated triage live].done",
            False,
            True,
        ),
        # 15 of 60 → 10 of 55: the exact fraction, as a Decimal
        Change(ChangeKind.OBJECTIVE_PROGRESSED, "Analytics adoption", Decimal("0.25"), Decimal(2) / Decimal(11)),
        Change(ChangeKind.FIELD_CHANGED, "objectives[Analytics adoption].baseline", Decimal(20), Decimal(25)),
        Change(
            ChangeKind.VALUE_DELIVERED_ADDED,
            "Priority-1 resolution at 4 hours",
            None,
            {
                "date": "2026-02-20",
                "outcome": "Priority-1 resolution at 4 hours",
                "objective": "Faster ticket resolution",
                "amount": Decimal("15000.50"),
                "shared": True,
            },
        ),
    ]
    assert [describe(change) for change in changes] == [
        "Objective Faster ticket resolution: progress 97.5% → 100%",
        "Objective Faster ticket resolution: milestone Automated triage live done",
        "Objective Analytics adoption: progress 25% → 18.1%",
        "Objective Analytics adoption: baseline 20 → 25",
        "Value delivered: Priority-1 resolution at 4 hours ($15,000.50, Faster ticket resolution, 2026-02-20)",
    ]
    assert describe(changes[0], MARKDOWN) == "Objective **Faster ticket resolution**: progress 97\\.5% → 100%"
    assert [title for title, _ in sections(changes)] == ["Objectives and value delivered"]


def test_objectives_added_removed_and_value_edited() -> None:
    new = edited(
        MUTUAL,
        (
            "  - name: Payments readiness      # internal until the evaluation is decided\n",
            "  - name: Payments go-live\n",
        ),
        ("    amount: $60K\n", "    amount: $65K\n"),
        ("    objective: Payments readiness\n", "    objective: Payments go-live\n"),
    )
    changes = changes_between(MUTUAL, new)
    assert [describe(change) for change in changes] == [
        "Added objective Payments go-live",
        "Removed objective Payments readiness",
        "Value delivered Priority-1 resolution at 4.2 hours: amount $60,000 → $65,000",
        "Value delivered Payments sandbox connected: objective Payments readiness → Payments go-live",
    ]


def test_an_objective_without_numbers_on_one_side_progresses_from_not_measured() -> None:
    new = edited(MUTUAL, ("    baseline: 0\n    target: 100\n    current: 40\n", "    target: 100\n"))
    (progressed,) = [c for c in changes_between(MUTUAL, new) if c.kind is ChangeKind.OBJECTIVE_PROGRESSED]
    assert progressed == Change(ChangeKind.OBJECTIVE_PROGRESSED, "Payments readiness", Decimal("0.4"), None)
    assert describe(progressed) == "Objective Payments readiness: progress 40% → not measured"


def test_the_textconv_view_shows_objectives_and_value() -> None:
    view = canonical_view(loaded(MUTUAL), MUTUAL)
    assert "objective: Faster ticket resolution\n" in view and "  progress: 97.5%\n" in view
    assert "value delivered: Payments sandbox connected\n" in view and "  shared: no\n" in view


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", MUTUAL, dedent=False)
    repo.commit("Plan", date="2026-01-12T10:00:00")
    repo.tag("v1")
    repo.edit("plans/gfc.yaml", "    current: 35\n", "    current: 50\n")
    repo.write("plans/gfc.yaml", repo.read("plans/gfc.yaml") + NEW_VALUE, dedent=False)
    repo.commit("Q1 review", date="2026-02-21T10:00:00")
    repo.tag("v2")
    monkeypatch.chdir(repo.root)
    return repo


def test_samkit_diff_reports_progress_and_value_from_git(repository: GitRepo, run_cli: Callable[..., Any]) -> None:
    result: Any = run_cli("diff", "v1", "v2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (plan,) = json.loads(result.stdout, parse_float=Decimal)["plans"]
    assert [(change["kind"], change["subject"]) for change in plan["changes"]] == [
        ("objective_progressed", "Analytics adoption"),
        ("value_delivered_added", "Priority-1 resolution at 4 hours"),
    ]
    assert plan["changes"][0]["before"] == Decimal("0.25") and plan["changes"][0]["after"] == Decimal("0.5")
    text: Any = run_cli("diff", "v1", "v2")
    lines = [line.strip() for line in text.stdout.splitlines()]
    assert "Objectives and value delivered:" in lines
    assert "Objective Analytics adoption: progress 25% → 50%" in lines
