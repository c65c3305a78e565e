"""Issue #21 end to end: every command reads one program view (churned plans, all-zero scores, tiers, owners,
the configuration found upwards, table widths)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

TODAY = "2026-04-15"


def plan_text(
    name: str,
    *,
    status: str = "active",
    tier: str | None = None,
    arr: str = "$100K",
    score: str | None = None,
    actions: str = "",
    manager: str = "Maria Rodriguez",
    last_reviewed: str = "2026-03-01",
) -> str:
    text = f"""\
        account:
          name: {name}
          manager: {manager}
          executive_sponsor: Dana Cole
          status: {status}
          arr: {arr}
        """
    if tier:
        text += f"  tier: {tier}\n"
    text = textwrap.dedent(text)
    if score is not None:
        text += "score:\n" + "".join(
            f"  {key}: {score}\n"
            for key in (
                "current_revenue",
                "expansion_potential",
                "strategic_fit",
                "market_influence",
                "relationship_strength",
                "product_adoption",
                "partnership_potential",
            )
        )
    text += f"last_reviewed: {last_reviewed}\n"
    text += "stakeholders:\n  - name: Ann Buyer\n    role: economic_buyer\n    relationship: strong\n"
    text += f"    last_contact: {last_reviewed}\n"
    text += "opportunities:\n  - name: Upsell\n    value: $50K\n    probability: 50%\n"
    if actions:
        text += "actions:\n" + actions
    return text


def action(due: str, owner: str, text: str = "Call") -> str:
    return f"  - due: {due}\n    action: {text}\n    owner: {owner}\n"


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans repository: two active plans (one with an all-zero score block), one churned $200K plan."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "samkit.toml").write_text("", encoding="utf-8")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "active.yaml").write_text(
        plan_text(
            "Account 2",
            tier="strategic",
            arr="$300K",
            actions=action("2026-04-01", "Jordan Blake") + action("2026-09-01", "Maria Rodriguez", "Plan QBR"),
        ),
        encoding="utf-8",
    )
    (plans / "zeros.yaml").write_text(
        plan_text("Account 10", tier="key", arr="$150K", score="0", last_reviewed="2025-11-01"), encoding="utf-8"
    )
    (plans / "gone.yaml").write_text(
        plan_text("Gone Inc", status="churned", arr="$200K", actions=action("2026-01-01", "Jordan Blake")),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def as_json(run_cli: Any, *args: str, exit_code: int = 0) -> Any:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == exit_code, result.stderr
    return json.loads(result.stdout)


def test_a_churned_plan_leaves_every_current_figure(run_cli: Any, program: Path) -> None:
    portfolio = as_json(run_cli, "portfolio", "--today", TODAY)
    assert [row["account"] for row in portfolio["accounts"]] == ["Account 2", "Account 10"]
    assert portfolio["concentration"]["arr"] == 450_000
    assert portfolio["churned"]["accounts"] == 1 and portfolio["churned"]["last_arr"] == 200_000
    coverage = as_json(run_cli, "coverage", "--today", TODAY)
    assert [row["account"] for row in coverage["plans"]] == ["Account 2", "Account 10"]
    pipeline = as_json(run_cli, "pipeline")
    assert pipeline["total"]["total"] == 100_000
    actions = as_json(run_cli, "actions", "--today", TODAY)
    assert [item["account"] for item in actions] == ["Account 2"]
    table = run_cli("portfolio", "--today", TODAY)
    assert "Churned: 1 account (Gone Inc), last ARR $200,000; left out of every figure above." in table.stdout


def test_lint_checks_a_churned_plan_for_structure_only(run_cli: Any, program: Path) -> None:
    findings = as_json(run_cli, "lint", "plans/gone.yaml", "--today", TODAY)
    assert findings == []


def test_review_of_a_churned_plan_says_so_and_stops(run_cli: Any, program: Path) -> None:
    result = run_cli("review", "plans/gone.yaml", "--today", TODAY)
    assert result.exit_code == 0
    assert "Gone Inc has churned" in result.stdout
    assert "Suggested agenda" not in result.stdout


def test_an_all_zero_score_block_is_not_scored(run_cli: Any, program: Path) -> None:
    portfolio = as_json(run_cli, "portfolio", "--today", TODAY)
    zeros = next(row for row in portfolio["accounts"] if row["account"] == "Account 10")
    assert (zeros["tier"], zeros["tier_source"], zeros["review_interval_days"]) == ("Key", "declared", 183)
    # reviewed 165 days ago: inside the key interval (183), so not overdue as it would be at 92
    assert portfolio["reviews"]["overdue"] == []
    lint = as_json(run_cli, "lint", "plans/zeros.yaml", "--today", TODAY, exit_code=1)
    assert [item["code"] for item in lint if item["code"] in ("SAM305", "SAM309")] == ["SAM309"]


def test_owner_by_first_name_and_an_unknown_owner(run_cli: Any, program: Path) -> None:
    jordan = as_json(run_cli, "actions", "--owner", "jordan", "--today", TODAY)
    assert [(item["owner"], item["overdue_days"]) for item in jordan] == [("Jordan Blake", 14)]
    typo = run_cli("actions", "--owner", "Jordna Blake", "--today", TODAY)
    assert typo.exit_code == 2
    assert (
        "did you mean 'Jordan Blake'?" in typo.stderr
        and "owners of open actions: Jordan Blake, Maria Rodriguez" in typo.stderr
    )
    first_name_typo = run_cli("actions", "--owner", "Mariaa", "--today", TODAY)
    assert first_name_typo.exit_code == 2 and "did you mean 'Maria Rodriguez'?" in first_name_typo.stderr
    nobody_close = run_cli("actions", "--owner", "Zed", "--today", TODAY)
    assert nobody_close.exit_code == 2
    assert "'Zed' owns no open action. The owners of open actions: " in nobody_close.stderr  # two sentences


def test_the_calendar_holds_every_open_action(run_cli: Any, program: Path) -> None:
    from icalendar import Calendar

    result = run_cli("actions", "--format", "ics", "--today", TODAY)
    events = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert sorted(str(event["summary"]) for event in events) == ["Account 2: Call", "Account 2: Plan QBR"]
    table = run_cli("actions", "--today", TODAY)
    assert "Plan QBR" not in table.stdout  # beyond the 14-day window of the table


def test_a_calendar_with_no_open_action_is_still_valid(run_cli: Any, tmp_path: Path) -> None:
    from icalendar import Calendar

    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text("Quiet"), encoding="utf-8")
    result = run_cli("actions", str(plan), "--format", "ics", "--today", TODAY)
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert calendar.walk("VEVENT") == []
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"]


def test_plan_commands_find_the_configuration_and_plans_from_a_subfolder(program: Path) -> None:
    for folder in (program / "plans", program / ".github"):
        folder.mkdir(exist_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "samkit", "portfolio", "--format", "json", "--today", TODAY],
            cwd=folder,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert len(json.loads(result.stdout)["accounts"]) == 2


def test_columns_sets_the_table_width_through_a_pipe(program: Path) -> None:
    def widest(columns: str | None) -> int:
        env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
        if columns:
            env["COLUMNS"] = columns
        result = subprocess.run(
            [sys.executable, "-m", "samkit", "portfolio", "--today", TODAY],
            cwd=program,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        table_lines = [line for line in result.stdout.splitlines() if line.startswith("---")]
        return max(len(line) for line in table_lines)

    assert widest(None) > 80
    assert widest("80") <= 80


def test_the_site_shows_churned_accounts_apart(run_cli: Any, program: Path) -> None:
    from html.parser import HTMLParser

    result = run_cli("site", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    index = (program / "site" / "index.html").read_text(encoding="utf-8")
    churned_section = index[index.index('<h2 id="churned">') :]
    assert "Gone Inc" in churned_section and "$200,000" in churned_section
    assert "Gone Inc" not in index[: index.index('<h2 id="churned">')]
    page = (program / "site" / "accounts" / "gone.html").read_text(encoding="utf-8")
    assert page.index("This account has churned.") < page.index('<ul class="facts">')
    assert 'id="brief"' not in page and "Next steps to strengthen coverage" not in page

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    reader = Text()
    reader.feed(page)
    assert "Last ARR" in reader.parts and "Current ARR" not in reader.parts
