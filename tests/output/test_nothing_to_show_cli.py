"""What each report says for a plan with nothing in it yet (a Standard account, no people, no deals, no actions):
a sentence that says so, never an empty section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
TODAY = "2026-04-15"
EMPTY = """\
account:
  name: Minimal Co
  manager: Maria Rodriguez
  tier: standard
"""


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "min.yaml").write_text(EMPTY, encoding="utf-8")
    return "min.yaml"


def test_pipeline_says_there_are_no_open_opportunities(run_cli: Run, plan: str) -> None:
    result = run_cli("pipeline", plan)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "No open opportunities."


def test_actions_say_nothing_is_due(run_cli: Run, plan: str) -> None:
    result = run_cli("actions", plan, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "As of 2026-04-15: 0 overdue, 0 due within 14 days.",
        "No open action is overdue or coming up.",
    ]


def test_portfolio_says_there_is_no_strategic_account_to_align(run_cli: Run, plan: str) -> None:
    result = run_cli("portfolio", plan, "--today", TODAY)
    assert result.exit_code == 0
    assert "- Executive alignment: no strategic accounts." in result.stdout.splitlines()


def test_the_diff_driver_view_names_the_declared_tier_without_a_score(run_cli: Run, plan: str) -> None:
    result = run_cli("diff", "--textconv", plan)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "tier: Standard" in lines
    assert not any(line.startswith("score:") for line in lines)


def test_the_site_page_has_no_stakeholder_diagram_without_stakeholders(run_cli: Run, plan: str, tmp_path: Path) -> None:
    result = run_cli("site", plan, "--out-dir", "site", "--today", TODAY)
    assert result.exit_code == 0
    [page] = (tmp_path / "site" / "accounts").glob("*.html")
    html = page.read_text(encoding="utf-8")
    assert "Minimal Co" in html
    assert "Stakeholder map of Minimal Co" not in html  # the diagram's title: no diagram is drawn
