"""``samkit backtest`` end to end on real git repositories with dated commits: plans and a committed roster."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown_it import MarkdownIt

from samkit.config import DIMENSIONS, ScoringConfig
from tests.conftest import REPO
from tests.gitrepo import GitRepo
from tests.test_docs import matches

RunCli = Callable[..., Any]
PERIOD = ("--from", "2026-01-31", "--to", "2026-06-30", "--today", "2026-09-01")


def plan(name: str, points: int | None, arr: str | None, *, status: str = "active") -> str:
    lines = ["account:", f"  name: {name}", "  manager: Maria Rodriguez", f"  status: {status}"]
    if arr is not None:
        lines.append(f"  arr: {arr}")
    if points is not None:
        lines.append("score:")
        lines += [f"  {dimension}: {points}" for dimension in DIMENSIONS]
    return "\n".join(lines) + "\n"


def as_json(run_cli: RunCli, *args: str, code: int = 0) -> dict[str, Any]:
    result = run_cli("backtest", *args, "--format", "json")
    assert result.exit_code == code, result.stdout + result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def hand_history(repo: GitRepo) -> None:
    """The hand-computed cohort of tests/analysis/test_backtest.py, as plans with a history.

    At FROM (2026-01-15) samkit.toml puts the strategic threshold at 65, so C (score 70) is strategic;
    on 2026-03-01 it moves to 75 (C would be key today). By TO: A grows, B's plan is deleted (churn),
    D grows, E shrinks, F stays; G has no ARR, H an all-zero score block, I none, J loses its ARR."""
    repo.write("samkit.toml", "[scoring]\nstrategic_threshold = 65\n")
    for name, points, arr in [
        ("A", 9, "100"),
        ("B", 8, "200"),
        ("C", 7, "100"),
        ("D", 6, "100"),
        ("E", 6, "50"),
        ("F", 3, "100"),
        ("G", 5, None),
        ("H", 0, "100"),
        ("I", None, "100"),
        ("J", 5, "100"),
    ]:
        repo.write(f"plans/{name.lower()}.yaml", plan(f"Account {name}", points, arr))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("samkit.toml", "[scoring]\nstrategic_threshold = 75\n")
    repo.commit("a stricter strategic tier", date="2026-03-01T10:00:00")
    repo.write("plans/a.yaml", plan("Account A", 9, "150"))
    repo.remove("plans/b.yaml")
    repo.write("plans/d.yaml", plan("Account D", 6, "120"))
    repo.write("plans/e.yaml", plan("Account E", 6, "40"))
    repo.write("plans/j.yaml", plan("Account J", 5, None))
    repo.commit("outcomes", date="2026-05-01T10:00:00")


def test_the_hand_computed_cohort_from_git_with_the_configuration_as_it_was(repo: GitRepo, run_cli: RunCli) -> None:
    hand_history(repo)
    data = as_json(run_cli, *PERIOD)
    assert data["configuration"]["strategic_threshold"] == 65
    assert data["configuration"]["source"].startswith("samkit.toml as of commit ")
    assert data["cohort"] == 6
    strategic, key, standard = data["tiers"]
    assert (strategic["accounts"], strategic["starting_arr"], strategic["ending_arr"]) == (3, 400, 250)
    assert (strategic["ndr"], strategic["grr"], strategic["churned"], strategic["churn_rate"]) == (62.5, 50.0, 1, 33.3)
    assert (key["accounts"], key["ndr"], key["grr"]) == (2, 106.7, 93.3)
    assert (standard["accounts"], standard["ndr"]) == (1, 100.0)
    assert (data["others"]["ndr"], data["others"]["grr"]) == (104.0, 96.0)
    evidence = data["evidence"]
    assert (evidence["ndr_lift"]["value"], evidence["grr_lift"]["value"]) == (-41.5, -46.0)
    assert evidence["spearman"]["value"] == 0.147
    assert evidence["churn_auc"] == 0.2
    assert data["verdict"]["outcome"] == "too_few_accounts"
    assert data["left_out"]["counts"] == {
        "not_loadable": 0,
        "duplicate_name": 0,
        "no_arr": 1,
        "not_scored": 2,
        "no_arr_at_to": 1,
    }
    assert {(item["account"], item["where"]) for item in data["left_out"]["accounts"]} == {
        ("Account G", "plans/g.yaml"),
        ("Account H", "plans/h.yaml"),
        ("Account I", "plans/i.yaml"),
        ("Account J", "plans/j.yaml"),
    }
    churned = next(item for item in data["accounts"] if item["account"] == "Account B")
    assert (churned["tier"], churned["ending_arr"], churned["ndr"], churned["churned"]) == ("Strategic", 0, 0.0, True)


def test_config_now_scores_with_today_s_configuration(repo: GitRepo, run_cli: RunCli) -> None:
    hand_history(repo)
    data = as_json(run_cli, *PERIOD, "--config-now")
    assert data["configuration"]["strategic_threshold"] == 75
    assert data["configuration"]["source"].startswith("today's configuration (--config-now)")
    assert [tier["accounts"] for tier in data["tiers"]] == [2, 3, 1]  # C (70) is key by today's threshold


def test_defaults_when_there_was_no_configuration_at_from(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("pyproject.toml", "[tool.samkit.scoring]\nstrategic_threshold = 95\n")
    repo.commit("configure", date="2026-02-15T10:00:00")
    data = as_json(run_cli, *PERIOD)
    assert data["configuration"]["strategic_threshold"] == 70
    assert data["configuration"]["source"].startswith("built-in defaults (no configuration file in commit ")
    assert data["accounts"][0]["tier"] == "Strategic"
    assert as_json(run_cli, *PERIOD, "--config-now")["accounts"][0]["tier"] == "Key"


def test_a_pyproject_at_from_is_read_from_that_commit(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("pyproject.toml", '[project]\nname = "x"\n[tool.samkit.scoring]\nstrategic_threshold = 95\n')
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("pyproject.toml", '[project]\nname = "x"\n')
    repo.commit("unconfigure", date="2026-02-15T10:00:00")
    data = as_json(run_cli, *PERIOD)
    assert data["configuration"]["source"].startswith("pyproject.toml as of commit ")
    assert data["accounts"][0]["tier"] == "Key"


def test_a_bad_configuration_at_from_names_the_commit(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("samkit.toml", "[scoring]\nstrategic_treshold = 60\n")
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("samkit.toml", "")
    repo.commit("fix", date="2026-02-15T10:00:00")
    result = run_cli("backtest", *PERIOD)
    assert result.exit_code == 2
    assert "samkit.toml as of commit " in result.stderr and "strategic_treshold" in result.stderr
    assert run_cli("backtest", *PERIOD, "--config-now").exit_code == 0


def test_a_plan_that_does_not_load_is_left_out_on_both_sides(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.write("plans/b.yaml", plan("Account B", 5, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("plans/b.yaml", "account: [\n")
    repo.commit("broken", date="2026-02-15T10:00:00")
    data = as_json(run_cli, *PERIOD, code=1)
    assert data["cohort"] == 1  # B is not churn: its file does not load at TO
    # the account is known from FROM, where the file loaded
    assert data["left_out"]["accounts"] == [{"account": "Account B", "where": "plans/b.yaml", "reason": "not_loadable"}]
    result = run_cli("backtest", *PERIOD)
    assert "plans/b.yaml does not load" in result.stderr


def test_a_plan_that_loads_on_neither_side_has_no_account_name(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.write("plans/b.yaml", "account: [\n")
    repo.commit("plans", date="2026-01-15T10:00:00")
    data = as_json(run_cli, *PERIOD, code=1)
    assert data["left_out"]["accounts"] == [{"account": None, "where": "plans/b.yaml", "reason": "not_loadable"}]


def test_a_plan_broken_at_from_is_named_from_to(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.write("plans/b.yaml", "account: [\n")
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("plans/b.yaml", plan("Account B", 5, "100"))
    repo.commit("mended", date="2026-02-15T10:00:00")
    data = as_json(run_cli, *PERIOD, code=1)
    assert data["left_out"]["accounts"] == [{"account": "Account B", "where": "plans/b.yaml", "reason": "not_loadable"}]


def test_usage_errors_exit_2(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 9, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    assert "--from is required" in run_cli("backtest").stderr
    assert run_cli("backtest", "--from", "2026-13-01").exit_code == 2
    assert run_cli("backtest", "--from", "2026-03-01", "--to", "2026-02-01", "--today", "2026-09-01").exit_code == 2
    before = run_cli("backtest", "--from", "2025-06-01", "--today", "2026-09-01")
    assert before.exit_code == 2 and "the history begins on 2026-01-15" in before.stderr
    both = run_cli("backtest", *PERIOD, "--roster", "roster.csv", "plans")
    assert both.exit_code == 2 and "not both" in both.stderr
    few = run_cli("backtest", *PERIOD, "--suggest-weights")
    assert few.exit_code == 2
    assert "needs at least 30 accounts in the cohort" in few.stderr and "it has 1" in few.stderr


def test_markdown_and_table(repo: GitRepo, run_cli: RunCli) -> None:
    hand_history(repo)
    markdown = run_cli("backtest", *PERIOD, "-f", "markdown")
    assert markdown.exit_code == 0
    tokens = MarkdownIt().enable("table").parse(markdown.stdout)
    assert sum(1 for token in tokens if token.type == "table_open") == 4
    cells = [
        "".join(child.content for child in token.children or [] if child.type in ("text", "text_special"))
        for token in tokens
        if token.type == "inline"
    ]
    assert "Account B" in cells and "62.5%" in cells
    table = run_cli("backtest", *PERIOD)
    assert table.exit_code == 0
    assert "- Verdict: too few accounts to judge: 6 in the cohort (30 needed)" in table.stdout
    assert "Churn AUC 0.200" in table.stdout


# --- a roster as the source -----------------------------------------------------------------------------------------


def roster(rows: list[tuple[str, int | str, str]]) -> str:
    lines = ["account," + ",".join(DIMENSIONS) + ",arr"]
    lines += [f"{name}," + ",".join([str(points)] * len(DIMENSIONS)) + f",{arr}" for name, points, arr in rows]
    return "\n".join(lines) + "\n"


def test_a_roster_committed_at_from_and_to(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write(
        "data/roster.csv",
        roster([("A", 9, "100"), ("B", 8, "200"), ("C", 7, "100"), ("D", 6, "100"), ("Z", 0, "100"), ("N", 5, "")]),
    )
    repo.commit("roster", date="2026-01-15T10:00:00")
    # B is absent at TO (churned), C has ARR 0 (churned), D's row does not read (left out on both sides)
    repo.write("data/roster.csv", roster([("A", 9, "150"), ("C", 7, "0"), ("D", "eleven", "100"), ("Z", 0, "100")]))
    repo.commit("outcomes", date="2026-05-01T10:00:00")
    data = as_json(run_cli, *PERIOD, "--roster", "data/roster.csv", code=1)
    assert [(item["account"], item["ending_arr"], item["churned"]) for item in data["accounts"]] == [
        ("A", 150, False),
        ("B", 0, True),
        ("C", 0, True),
    ]
    assert data["strategic"]["ndr"] == 37.5  # 150 / 400
    assert data["left_out"]["counts"] == {
        "not_loadable": 1,
        "duplicate_name": 0,
        "no_arr": 1,
        "not_scored": 1,
        "no_arr_at_to": 0,
    }
    assert data["left_out"]["accounts"][0] == {
        "account": "D",
        "where": "data/roster.csv:4 (TO)",
        "reason": "not_loadable",
    }
    result = run_cli("backtest", *PERIOD, "--roster", "data/roster.csv")
    assert "data/roster.csv:4:2: current_revenue" in result.stderr
    assert "(the roster at TO: as of commit " in result.stderr


def forty_accounts() -> list[tuple[str, int | str, str]]:
    return [(f"Account {index:02}", index % 10 + 1, str(1000 + 10 * index)) for index in range(40)]


def test_suggest_weights_prints_the_setting_and_a_diff_and_writes_nothing(repo: GitRepo, run_cli: RunCli) -> None:
    config = "[scoring]\nweights = { current_revenue = 40, expansion_potential = 10, strategic_fit = 10, market_influence = 10, relationship_strength = 10, product_adoption = 10, partnership_potential = 10 }\n"
    repo.write("samkit.toml", config)
    rows = forty_accounts()
    repo.write("roster.csv", roster(rows))
    repo.commit("roster", date="2026-01-15T10:00:00")
    repo.write("roster.csv", roster([(name, points, str(int(arr) * 2)) for name, points, arr in rows]))
    repo.commit("outcomes", date="2026-05-01T10:00:00")
    before = (repo.root / "samkit.toml").read_bytes()
    data = as_json(run_cli, *PERIOD, "--roster", "roster.csv", "--suggest-weights")
    suggestion = data["suggested_weights"]
    assert suggestion["current"]["current_revenue"] == 40
    # every dimension carries the same points, so every weighting ranks alike: the current weights stay
    assert suggestion["suggested"] == suggestion["current"]
    setting = tomllib.loads(suggestion["setting"])
    assert ScoringConfig.model_validate(setting["scoring"]).weights["current_revenue"] == 40
    table = run_cli("backtest", *PERIOD, "--roster", "roster.csv", "--suggest-weights")
    assert table.exit_code == 0
    assert "[scoring]\nweights = { current_revenue = 40," in table.stdout
    markdown = run_cli("backtest", *PERIOD, "--roster", "roster.csv", "--suggest-weights", "-f", "markdown")
    fences = [token for token in MarkdownIt().parse(markdown.stdout) if token.type == "fence"]
    assert [fence.info for fence in fences] == ["toml"]  # nothing changes, so there is no diff to show
    assert tomllib.loads(fences[0].content)["scoring"]["weights"]["current_revenue"] == 40
    assert (repo.root / "samkit.toml").read_bytes() == before


# --- docs/backtest.md's worked example -------------------------------------------------------------------------------

DOCS = REPO / "docs" / "backtest.md"
EXAMPLE = ("--from", "2026-01-31", "--to", "2026-12-31", "--today", "2027-01-15")


def example_module() -> ModuleType:
    path = REPO / "docs" / "examples" / "backtest_history.py"
    spec = importlib.util.spec_from_file_location("backtest_history", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shown_commands(text: str) -> list[tuple[str, list[str]]]:
    """Each ``$ samkit backtest ...`` line of the page's ``text`` blocks and the lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```text\n(.*?)```", text, re.DOTALL):
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ samkit backtest"):
                current = []
                found.append((line[2:], current))
            elif line.startswith("$ "):
                current = None
            elif current is not None:
                current.append(line)
    return found


def test_the_docs_example_figures_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    monkeypatch.chdir(example_module().build_history(tmp_path / "example"))
    data = as_json(run_cli, *EXAMPLE)
    assert data["configuration"]["strategic_threshold"] == 70  # FROM's, not today's 75
    assert data["cohort"] == 32
    assert data["left_out"]["counts"] == {
        "not_loadable": 0,
        "duplicate_name": 0,
        "no_arr": 1,
        "not_scored": 2,
        "no_arr_at_to": 0,
    }
    strategic, others = data["strategic"], data["others"]
    assert (strategic["accounts"], strategic["starting_arr"], strategic["ending_arr"]) == (7, 11_000_000, 12_130_000)
    assert (strategic["ndr"], strategic["grr"], strategic["expansion_rate"]) == (110.3, 99.5, 71.4)
    assert (others["accounts"], others["ndr"], others["grr"], others["churn_rate"]) == (25, 81.0, 78.3, 12.0)
    evidence = data["evidence"]
    assert (evidence["ndr_lift"]["value"], evidence["grr_lift"]["value"]) == (29.3, 21.2)  # 110.3 − 81.0, 99.5 − 78.3
    assert evidence["churn_auc"] == 0.701  # (12 + 22 + 27) / 87
    aurora = data["accounts"][0]
    assert (aurora["account"], aurora["score"], aurora["ndr"]) == ("Aurora Bank", 83.0, 120.8)
    assert data["verdict"]["outcome"] == "outperform"
    now = as_json(run_cli, *EXAMPLE, "--config-now")
    assert now["strategic"]["accounts"] == 6  # Garnet Retail (74.0) is key under today's threshold of 75


def test_the_docs_show_the_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    monkeypatch.chdir(example_module().build_history(tmp_path / "example"))
    commands = shown_commands(DOCS.read_text(encoding="utf-8"))
    assert len(commands) == 2
    commits = re.compile(r"commit [0-9a-f]{10}")
    for command, expected in commands:
        result = run_cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, command
        actual = commits.sub("commit …", result.stdout).splitlines()
        assert matches(expected, actual), f"{command} printed:\n{result.stdout}"
