"""`samkit diff` in words for the changes a reviewer reads least often: people who left, deals already won,
actions added done, a RACI line dropped, milestones removed or moved, value delivered withdrawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.conftest import TEST_DATA
from tests.gitrepo import GitRepo, isolate_git

Run = Callable[..., Any]
PLAN = "plans/gfc.yaml"
ESCALATION = (
    "  - activity: Escalation\n    responsible: Priya Nair\n    accountable: Maria Rodriguez\n"
    "    consulted: [Alex Romero]\n    informed: [Dana Cole, Tom Lee]\n"
)
RUNBOOKS = (
    "      - name: Runbooks for the top 20 incidents\n        due: 2025-10-31\n        done: true\n"
    "        owner: Priya Nair\n        customer_owner: Michael Chen\n"
)
FIRST_VALUE = (
    "  - date: 2025-11-15\n    outcome: Priority-1 resolution down from 12 to 6 hours\n"
    "    objective: Faster ticket resolution\n    amount: $120K\n    evidence: Support report Q4 2025\n"
)
EDITS = (
    (
        "  - name: Robert Martinez\n",
        "  - name: Olga Berg\n    title: COO\n    role: influencer\n    relationship: weak\n    status: left\n"
        "  - name: Robert Martinez\n",
    ),
    (
        "opportunities:\n",
        "opportunities:\n  - name: Won Deal\n    value: $10K\n    kind: one_time\n    probability: 100%\n"
        "    status: won\n    closed: 2026-01-05\n",
    ),
    ("actions:\n", "actions:\n  - due: 2026-01-02\n    action: Send the recap\n    owner: Tom Lee\n    done: true\n"),
    ("risks:\n", "risks:\n  - risk: Reorganisation\n    severity: low\n"),
    (ESCALATION, ""),
    (RUNBOOKS, ""),
    ("        due: 2026-03-31\n        owner: Alex Romero", "        due: 2026-04-30\n        owner: Alex Romero"),
    (FIRST_VALUE, ""),
)


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The mutual plan committed, then edited in the working tree."""
    isolate_git(monkeypatch, tmp_path)
    repo = GitRepo.create(tmp_path / "repo")
    repo.write(PLAN, (TEST_DATA / "mutual-plan.yaml").read_text(encoding="utf-8"), dedent=False)
    repo.commit("Q1 plan", date="2026-01-12T10:00:00")
    for old, new in EDITS:
        repo.edit(PLAN, old, new)
    monkeypatch.chdir(repo.root)
    return repo


EXPECTED = [
    "Added stakeholder Olga Berg (COO) — influencer, weak, left the company",
    "Added opportunity Won Deal — $10,000, one-time, 100% likely, won",
    "Added risk Reorganisation — low severity, no mitigation",
    "Added action Send the recap — due 2026-01-02, owner Tom Lee, done",
    "RACI: removed Escalation (was R Priya Nair, A Maria Rodriguez, C Alex Romero, I Dana Cole; Tom Lee)",
    "Objective Faster ticket resolution: milestone Automated triage live due 2026-03-31 → 2026-04-30",
    "Objective Faster ticket resolution: removed milestone Runbooks for the top 20 incidents",
    "Value delivered removed: Priority-1 resolution down from 12 to 6 hours "
    "(was $120,000, Faster ticket resolution, 2025-11-15)",
]


def test_text_says_each_change_in_words(edited: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert [line for line in lines if line in EXPECTED] == EXPECTED
    assert "Pipeline: $885,000 (unchanged); weighted $541,500 (unchanged)" in lines


def _list_items(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [
        "".join(child.content for child in tokens[index + 2].children or [] if child.type == "text")
        for index, token in enumerate(tokens)
        if token.type == "list_item_open"
    ]


def test_markdown_says_the_same_changes(edited: GitRepo, run_cli: Run) -> None:
    result = run_cli("diff", "--format", "markdown")
    assert result.exit_code == 0
    items = _list_items(result.stdout)
    assert EXPECTED[4:] == [item for item in items if item in EXPECTED[4:]]


def test_markdown_keeps_the_space_after_an_added_items_name(edited: GitRepo, run_cli: Run) -> None:
    items = _list_items(run_cli("diff", "--format", "markdown").stdout)
    assert EXPECTED[0] in items and EXPECTED[1] in items
