"""Where ``samkit backtest`` reads FROM's configuration and a committed roster: real git repositories, the CLI.

The configuration is read as it was in FROM's commit wherever discovery would have found it (``--config`` too);
a configuration outside the repository has no history and is read as it is today, and says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.config import DIMENSIONS
from tests.gitrepo import GitRepo

RunCli = Callable[..., Any]
PERIOD = ("--from", "2026-01-31", "--to", "2026-06-30", "--today", "2026-09-01")


def plan(name: str, points: int, arr: str) -> str:
    lines = ["account:", f"  name: {name}", "  manager: Maria Rodriguez", f"  arr: {arr}", "score:"]
    lines += [f"  {dimension}: {points}" for dimension in DIMENSIONS]
    return "\n".join(lines) + "\n"


def roster(*rows: tuple[str, int | str, str]) -> str:
    lines = ["account," + ",".join(DIMENSIONS) + ",arr"]
    lines += [f"{name}," + ",".join([str(points)] * len(DIMENSIONS)) + f",{arr}" for name, points, arr in rows]
    return "\n".join(lines) + "\n"


def configuration(run_cli: RunCli, *args: str) -> dict[str, Any]:
    result = run_cli("backtest", *PERIOD, *args, "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    found: dict[str, Any] = json.loads(result.stdout)["configuration"]
    return found


def test_an_explicit_config_in_the_repository_is_read_as_it_was_at_from(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("config/team.toml", "[scoring]\nstrategic_threshold = 65\n")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("config/team.toml", "[scoring]\nstrategic_threshold = 80\n")
    repo.commit("stricter", date="2026-03-01T10:00:00")
    found = configuration(run_cli, "--config", "config/team.toml")
    assert found["strategic_threshold"] == 65
    assert found["source"].startswith("config/team.toml as of commit ")
    assert found["source"].endswith(" of 2026-01-15")


def test_an_explicit_pyproject_is_read_from_its_tool_table_at_from(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("config/pyproject.toml", "[tool.samkit.scoring]\nkey_threshold = 40\n")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    found = configuration(run_cli, "--config", "config/pyproject.toml")
    assert found["key_threshold"] == 40
    assert found["source"].startswith("config/pyproject.toml as of commit ")


def test_an_explicit_config_outside_the_repository_is_read_as_it_is_today(
    repo: GitRepo, run_cli: RunCli, tmp_path: Path
) -> None:
    outside = tmp_path / "shared.toml"
    outside.write_text("[scoring]\nstrategic_threshold = 60\n", encoding="utf-8")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    found = configuration(run_cli, "--config", str(outside))
    assert found["strategic_threshold"] == 60
    assert found["source"] == f"{outside} (outside the repository, so as it is today)"


def test_a_config_above_the_repository_is_not_discovered(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    """Discovery stops at the repository's root, as for every command: FROM is scored with the defaults."""
    (tmp_path / "samkit.toml").write_text("[scoring]\nkey_threshold = 45\n", encoding="utf-8")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    found = configuration(run_cli)
    assert found["key_threshold"] == 50
    assert found["source"].startswith("built-in defaults (no configuration file in commit ")


def test_a_config_at_from_that_is_not_utf8_is_exit_2_naming_the_commit(repo: GitRepo, run_cli: RunCli) -> None:
    (repo.root / "samkit.toml").write_bytes(b"# r\xe9sum\xe9\n[scoring]\nkey_threshold = 45\n")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.remove("samkit.toml")
    repo.commit("unconfigure", date="2026-02-15T10:00:00")
    result = run_cli("backtest", *PERIOD)
    assert result.exit_code == 2
    assert result.stderr.startswith("samkit: error: samkit.toml as of commit ")
    assert result.stderr.rstrip().endswith("of 2026-01-15: not UTF-8 text")
    assert "Traceback" not in result.stderr


def test_a_config_at_from_over_one_mib_is_exit_2(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("samkit.toml", "# padding\n" * 110_000 + "[scoring]\nkey_threshold = 45\n")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("samkit.toml", "[scoring]\nkey_threshold = 45\n")
    repo.commit("trimmed", date="2026-02-15T10:00:00")
    result = run_cli("backtest", *PERIOD)
    assert result.exit_code == 2
    assert result.stderr.startswith("samkit: error: samkit.toml as of commit ")
    assert result.stderr.rstrip().endswith("of 2026-01-15: configuration larger than 1 MiB")


# --- a committed roster ---------------------------------------------------------------------------------------------


def test_a_roster_missing_from_from_s_commit_is_exit_2(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    repo.write("data/roster.csv", roster(("A", 9, "100")))
    repo.commit("roster", date="2026-03-01T10:00:00")
    result = run_cli("backtest", *PERIOD, "--roster", "data/roster.csv")
    assert result.exit_code == 2
    assert "data/roster.csv: not in commit " in result.stderr
    assert result.stderr.rstrip().endswith("of 2026-01-15 (FROM)")


def test_a_roster_without_its_dimension_columns_at_from_names_the_side(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("data/roster.csv", "account,arr\nA,100\n")
    repo.commit("roster", date="2026-01-15T10:00:00")
    result = run_cli("backtest", *PERIOD, "--roster", "data/roster.csv")
    assert result.exit_code == 2
    assert "current_revenue" in result.stderr
    assert "(the roster at FROM: as of commit " in result.stderr


def test_a_roster_that_names_an_account_twice_counts_the_first_row_and_says_so(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("data/roster.csv", roster(("A", 9, "100"), ("B", 5, "100"), ("a", 2, "900")))
    repo.commit("roster", date="2026-01-15T10:00:00")
    result = run_cli("backtest", *PERIOD, "--roster", "data/roster.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(item["account"], item["starting_arr"]) for item in data["accounts"]] == [("A", 100), ("B", 100)]
    note = "two roster rows at FROM name the account 'a'; only the first is counted"
    assert note in data["notes"]


def test_run_from_outside_the_repository_the_configuration_is_today_s_and_says_why(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/a.yaml", plan("Account A", 7, "100"))
    repo.commit("plans", date="2026-01-15T10:00:00")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run_cli("backtest", str(repo.root / "plans"), *PERIOD, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["cohort"] == 1
    assert data["configuration"]["source"].endswith("(the working directory is not in the repository, so no history)")
