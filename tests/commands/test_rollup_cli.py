"""`samkit coverage`, `pipeline` and `portfolio` through the CLI: formats, exit codes, bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from samkit.config import Config
from samkit.output.blocks import TableBlock
from tests.conftest import SEED_PLAN

ROLLUPS = ("coverage", "pipeline", "portfolio")

AWKWARD_NAME = "Pipe | Co *x* <y> & z_1"

CENTS_PLAN = f"""\
account:
  name: "{AWKWARD_NAME}"
  manager: Tom Lee
  executive_sponsor: Our CRO
  arr: 85000.50
stakeholders:
  - name: Gone Champion
    role: champion
    relationship: strong
    status: left
  - name: Only Friend
    title: VP Sales
    department: Sales
    role: economic_buyer
    relationship: moderate
    last_contact: 2026-01-05
opportunities:
  - name: Services
    value: "$85,000.50"
    kind: one_time
    probability: 50%
    timeframe: Q1 2026
  - name: Closed
    value: $1M
    probability: 90%
    status: won
  - name: Gone
    value: $2M
    probability: 20%
    status: lost
"""

BAD_PLAN = """\
account:
  name: Broken
  manager: M
stakeholders:
  - name: A
    relationship: strongish
"""


def loads(text: str) -> Any:
    """JSON with money read back exactly."""
    return json.loads(text, parse_float=Decimal)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table in a Markdown document, as rows of rendered cell texts (header row first)."""
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    in_cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell and row is not None:
            row.append("".join(child.content for child in token.children or [] if child.type == "text"))
        elif token.type == "tr_close" and row is not None:
            tables[-1].append(row)
            row = None
    return tables


def assert_well_formed_tables(text: str) -> list[list[list[str]]]:
    tables = markdown_tables(text)
    assert tables, "no Markdown table found"
    for table in tables:
        header = table[0]
        assert len(table) >= 2, f"table {header} has no rows"
        assert all(len(row) == len(header) for row in table), table
    return tables


# --- coverage ---------------------------------------------------------------------------------------------------------


def test_coverage_json_for_the_seed(run_cli: Callable[..., Any]) -> None:
    result = run_cli("coverage", str(SEED_PLAN), "--format", "json", "--today", "2026-01-20")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    (plan,) = loads(result.stdout)["plans"]
    fixed = {key: plan[key] for key in ("stakeholders", "relationships", "strong", "departments", "levels")}
    assert fixed == {"stakeholders": 6, "relationships": 4, "strong": 3, "departments": 5, "levels": 3}
    assert plan["account"] == "Global Financial Corp"
    assert plan["path"].endswith("global-financial-corp.yaml")
    assert plan["missing_roles"] == []
    assert plan["single_threaded"] is False
    assert plan["sentence"] == "6 key stakeholders identified, relationships with 4, strong connections with 3"
    # on 2026-01-20 Lisa Thompson's last contact (2025-10-15) is 97 days old
    assert any("Lisa Thompson" in step and "97 days ago" in step for step in plan["next_steps"])


def test_coverage_table_by_default(run_cli: Callable[..., Any]) -> None:
    result = run_cli("coverage", str(SEED_PLAN), "--today", "2026-01-20")
    assert result.exit_code == 0
    out = result.stdout
    assert "Global Financial Corp" in out
    assert "6 of 8" in out
    assert "6 key stakeholders identified, relationships with 4, strong connections with 3." in out
    assert "Departments × levels" in out
    assert "Establish a relationship with Robert Martinez" in out


def test_coverage_target_from_config(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    config = tmp_path / "samkit.toml"
    config.write_text("[lint]\nmin_stakeholders = 10\n", encoding="utf-8")
    result = run_cli("coverage", str(SEED_PLAN), "-f", "json", "--config", str(config), "--today", "2026-01-20")
    assert result.exit_code == 0, result.stderr
    (plan,) = loads(result.stdout)["plans"]
    assert plan["target_stakeholders"] == 10
    assert "Map 4 more stakeholders to reach the target of 10 (6 mapped now)." in plan["next_steps"]


def test_coverage_departed_are_not_counted(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    path = write_plan(CENTS_PLAN)
    result = run_cli("coverage", str(path), "-f", "json", "--today", "2026-01-20")
    (plan,) = loads(result.stdout)["plans"]
    assert (plan["stakeholders"], plan["relationships"], plan["strong"]) == (1, 1, 0)
    assert plan["missing_roles"] == ["champion"]
    assert plan["single_threaded"] is True
    assert plan["next_steps"][0].startswith("No champion mapped (Gone Champion, who held the role, has left)")


def test_coverage_markdown(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    path = write_plan(CENTS_PLAN)
    result = run_cli("coverage", str(SEED_PLAN), str(path), "--format", "markdown", "--today", "2026-01-20")
    assert result.exit_code == 0
    summary, seed_grid, awkward_grid = assert_well_formed_tables(result.stdout)
    assert summary[0][:4] == ["Account", "Stakeholders", "Relationships", "Strong"]
    assert [row[0] for row in summary[1:]] == ["Global Financial Corp", AWKWARD_NAME]
    assert summary[1][1:4] == ["6 of 8", "4", "3"]
    assert seed_grid[0] == ["Department", "C-suite", "VP", "Director", "Manager", "Individual contributor"]
    assert ["Technology", "strong", "strong", "—", "—", "—"] in seed_grid
    assert awkward_grid[1] == ["Sales", "—", "moderate", "—", "—", "—"]
    # the awkward name is shown literally in its heading too, not as emphasis or HTML
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    headings = [tokens[index + 1] for index, token in enumerate(tokens) if token.type == "heading_open"]
    texts = ["".join(child.content for child in heading.children or [] if child.type == "text") for heading in headings]
    assert any(text.startswith(f"{AWKWARD_NAME} (") and text.endswith("plan.yaml)") for text in texts), texts


# --- pipeline ---------------------------------------------------------------------------------------------------------


def test_pipeline_json_for_the_seed(run_cli: Callable[..., Any]) -> None:
    result = run_cli("pipeline", str(SEED_PLAN), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = loads(result.stdout)
    expected = {
        "recurring": 800_000,
        "one_time": 85_000,
        "total": 885_000,
        "weighted_recurring": 482_000,
        "weighted_one_time": 59_500,
    }
    (plan,) = data["plans"]
    assert {key: plan[key] for key in expected} == expected
    assert data["total"] == expected


def test_pipeline_keeps_cents_and_skips_closed_deals(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    path = write_plan(CENTS_PLAN)
    data = loads(run_cli("pipeline", str(path), str(SEED_PLAN), "-f", "json").stdout)
    cents = next(plan for plan in data["plans"] if plan["account"] == AWKWARD_NAME)
    assert cents["one_time"] == Decimal("85000.50")
    assert cents["weighted_one_time"] == Decimal("42500.25")
    assert cents["recurring"] == 0  # the won $1M and the lost $2M are not pipeline
    assert data["total"]["total"] == Decimal("970000.50")
    assert data["total"]["weighted_one_time"] == Decimal("102000.25")
    table = run_cli("pipeline", str(path)).stdout
    assert "$85,000.50" in table and "$42,500.25" in table


def test_pipeline_by_quarter(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    path = write_plan(CENTS_PLAN.replace("timeframe: Q1 2026", "timeframe: Q4 2025-Q1 2026"))
    result = run_cli("pipeline", str(SEED_PLAN), str(path), "--by", "quarter", "-f", "json")
    assert result.exit_code == 0
    data = loads(result.stdout)
    assert data["by"] == "quarter"
    quarters = {row["quarter"]: row for row in data["quarters"]}
    assert list(quarters) == ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    # $85,000.50 over two quarters: $42,500.25 each; weighted $42,500.25 → $21,250.12 then $21,250.13
    assert quarters["Q4 2025"]["one_time"] == Decimal("42500.25")
    assert quarters["Q4 2025"]["weighted_one_time"] == Decimal("21250.12")
    assert quarters["Q1 2026"]["weighted_one_time"] == Decimal("21250.13")
    assert quarters["Q1 2026"]["recurring"] == 120_000
    assert sum(row["total"] for row in data["quarters"]) + data["unscheduled"]["total"] == data["total"]["total"]
    seed = next(plan for plan in data["plans"] if plan["account"] == "Global Financial Corp")
    assert [row["quarter"] for row in seed["quarters"]] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]


def test_pipeline_by_quarter_markdown_and_unscheduled(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    path = write_plan(CENTS_PLAN.replace("    timeframe: Q1 2026\n", ""))
    result = run_cli("pipeline", str(SEED_PLAN), str(path), "--by", "quarter", "--format", "markdown")
    assert result.exit_code == 0
    per_plan, by_quarter, matrix = assert_well_formed_tables(result.stdout)
    assert per_plan[-1][0] == "Total"
    assert per_plan[-1][3] == "$970,000.50"
    assert [row[0] for row in by_quarter[1:]] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Unscheduled", "Total"]
    assert by_quarter[5][2] == "$85,000.50"
    assert matrix[0] == ["Account", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Unscheduled", "Total"]
    assert matrix[2] == [AWKWARD_NAME, "$0", "$0", "$0", "$0", "$85,000.50", "$85,000.50"]


# --- portfolio --------------------------------------------------------------------------------------------------------


def test_portfolio_json(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    path = write_plan(CENTS_PLAN)
    result = run_cli("portfolio", str(SEED_PLAN), str(path), "-f", "json", "--today", "2026-04-15")
    assert result.exit_code == 0, result.stderr
    data = loads(result.stdout)
    assert data["today"] == "2026-04-15"
    assert [row["account"] for row in data["accounts"]] == ["Global Financial Corp", AWKWARD_NAME]
    tiers = {row["tier"]: row for row in data["tiers"]}
    # no score and no declared tier: strategic (domain.md), so both plans are strategic
    assert tiers["Strategic"]["accounts"] == 2 and tiers["Strategic"]["arr"] == Decimal("935000.50")
    assert "Untiered" not in tiers
    assert data["pipeline"]["total"] == Decimal("970000.50")
    assert data["coverage"]["single_threaded_accounts"] == [AWKWARD_NAME]
    # the seed was reviewed 2026-01-12 (93 days before today); the other plan never
    overdue = [(row["account"], row["days_since_review"]) for row in data["reviews"]["overdue"]]
    assert overdue == [(AWKWARD_NAME, None), ("Global Financial Corp", 93)]


def test_portfolio_today_from_environment(run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMKIT_TODAY", "2026-04-14")
    data = loads(run_cli("portfolio", str(SEED_PLAN), "-f", "json").stdout)
    assert data["today"] == "2026-04-14"
    assert data["reviews"]["overdue"] == []  # 92 days is not more than 92


def test_portfolio_table_and_markdown(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    path = write_plan(CENTS_PLAN)
    table = run_cli("portfolio", str(SEED_PLAN), str(path), "--today", "2026-04-15")
    assert table.exit_code == 0
    assert "Accounts per manager" in table.stdout
    assert "under-loaded (fewer than 5)" in table.stdout
    assert "Plans overdue for review" in table.stdout
    markdown = run_cli("portfolio", str(SEED_PLAN), str(path), "--today", "2026-04-15", "--format", "markdown")
    tables = assert_well_formed_tables(markdown.stdout)
    accounts = tables[0]
    assert accounts[0][0] == "Account"
    assert [row[0] for row in accounts[1:]] == ["Global Financial Corp", AWKWARD_NAME]
    managers = next(table for table in tables if table[0][0] == "Manager")
    assert managers[1:] == [
        ["Maria Rodriguez", "1", "1", "under-loaded (fewer than 5)"],
        ["Tom Lee", "1", "1", "under-loaded (fewer than 5)"],
    ]


# --- common behaviour -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ROLLUPS)
def test_a_broken_plan_is_reported_and_the_others_still_shown(
    command: str, run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    bad = write_plan(BAD_PLAN, name="bad.yaml")
    result = run_cli(command, str(bad), str(SEED_PLAN), "-f", "json")
    assert result.exit_code == 1
    assert "bad.yaml:6:19: stakeholders.0.relationship: 'strongish' is not a valid relationship" in result.stderr
    data = loads(result.stdout)  # stdout is still pure JSON
    accounts = [row["account"] for row in data.get("plans", data.get("accounts", []))]
    assert accounts == ["Global Financial Corp"]


@pytest.mark.parametrize("command", ROLLUPS)
def test_a_missing_path_is_a_usage_error(command: str, run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli(command, str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["coverage", "portfolio"])
def test_a_bad_today_is_a_usage_error(command: str, run_cli: Callable[..., Any]) -> None:
    result = run_cli(command, str(SEED_PLAN), "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "--today" in result.stderr


@pytest.mark.parametrize("command", ROLLUPS)
def test_a_bad_configuration_is_a_usage_error(command: str, run_cli: Callable[..., Any], tmp_path: Path) -> None:
    config = tmp_path / "samkit.toml"
    config.write_text("[lint]\nmin_stakeholder = 8\n", encoding="utf-8")
    result = run_cli(command, str(SEED_PLAN), "--config", str(config))
    assert result.exit_code == 2
    assert "lint.min_stakeholder: unknown key" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ROLLUPS)
def test_default_path_is_plans_and_an_empty_folder_is_nothing_to_check(
    command: str, run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    empty = run_cli(command, "-f", "json")
    assert empty.exit_code == 2
    assert "nothing to check: no plan files (*.yaml, *.yml) in plans" in empty.stderr
    assert empty.stdout == ""
    (tmp_path / "plans" / "gfc.yaml").write_text(SEED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(command, "-f", "json")
    assert result.exit_code == 0
    data = loads(result.stdout)
    rows = data.get("plans", data.get("accounts"))
    assert [row["path"] for row in rows] == [str(Path("plans") / "gfc.yaml")]


@pytest.mark.parametrize("width", [60, 80, 100])
def test_figures_are_never_cropped_on_a_narrow_terminal(width: int, write_plan: Callable[..., Path]) -> None:
    from samkit.analysis.pipeline import pipeline_report
    from samkit.analysis.portfolio import compute_portfolio
    from samkit.output.pipeline_out import pipeline_blocks
    from samkit.output.portfolio_out import portfolio_blocks
    from samkit.output.tables import table_lines, text_width
    from samkit.plan.loader import load_plan

    plans = [(str(path), load_plan(path).plan) for path in (SEED_PLAN, write_plan(CENTS_PLAN))]
    valid = [(path, plan) for path, plan in plans if plan is not None]
    blocks = [
        *pipeline_blocks(pipeline_report(valid, by_quarter=True)),
        *portfolio_blocks(compute_portfolio(valid, Config(), date(2026, 3, 1))),
    ]
    for block in blocks:
        if not isinstance(block, TableBlock):
            continue
        lines = table_lines(block, width)
        assert all(text_width(line) <= width and line == line.rstrip() for line in lines), block.title
        shown = "\n".join(lines)
        for index in block.right_aligned:
            for cells in [*block.rows, *([block.footer] if block.footer else [])]:
                # the figure whole on one line; a note beside it ("(single-threaded)") may wrap under it
                figure, *note = cells[index].split()
                assert figure in shown, (block.title, cells[index])
                pieces = [piece for word in note for piece in re.findall(r"[^-]+-?", word)]
                assert all(piece in shown for piece in pieces), (block.title, cells[index])
