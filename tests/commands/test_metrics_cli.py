"""``samkit metrics`` end to end on real git repositories with dated commits (and shallow clones of them)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO
from tests.gitrepo import GitRepo, git_environment

RunCli = Callable[..., Any]


def plan(name: str, arr: str | None = None, *, manager: str = "Maria Rodriguez", extra: str = "") -> str:
    arr_line = f"  arr: {arr}\n" if arr else ""
    return f"account:\n  name: {name}\n  manager: {manager}\n{arr_line}{extra}"


def as_json(run_cli: RunCli, *args: str, code: int = 0) -> dict[str, Any]:
    result = run_cli("metrics", *args, "--format", "json")
    assert result.exit_code == code, result.stdout + result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_renamed_file_is_the_same_account_and_a_deleted_one_is_churn(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme Corp", "$100,000"))
    repo.write("plans/beta.yaml", plan("Beta", "$50,000"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.move("plans/acme.yaml", "plans/acme-corporation.yaml")
    repo.edit("plans/acme-corporation.yaml", "$100,000", "$120,000")
    repo.remove("plans/beta.yaml")
    repo.commit("rename Acme, delete Beta", date="2026-02-01T09:00:00")
    total = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01")["total"]
    assert (total["starting_arr"], total["expansion"], total["churn"], total["new"]) == (150000, 20000, 50000, 0)
    assert total["ending_arr"] == 120000
    assert (total["grr"], total["ndr"]) == (66.7, 80.0)


def test_churned_status_counts_as_churn(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100,000"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$100,000", extra="  status: churned\n"))
    repo.commit("churned", date="2026-02-01T09:00:00")
    total = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01")["total"]
    assert (total["churn"], total["ending_arr"], total["grr"]) == (100000, 0, 0.0)


def test_to_in_the_past_reads_history_and_today_reads_the_working_tree(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$150"))
    repo.commit("grow", date="2026-03-31T23:59:59")  # the very end of TO: counted
    repo.write("plans/acme.yaml", plan("Acme", "$400"))
    repo.commit("grow after the period", date="2026-04-01T00:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$900"))  # not committed
    past = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01")["total"]
    assert past["ending_arr"] == 150
    today = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-06-01", "--today", "2026-06-01")["total"]
    assert today["ending_arr"] == 900
    default_to = as_json(run_cli, "--from", "2026-01-01", "--today", "2026-06-01")
    assert default_to["to"] == "2026-06-01"
    assert default_to["total"]["ending_arr"] == 900
    # no --from: the quarter so far (2026-04-01 to today), said on stderr
    quarter = run_cli("metrics", "--today", "2026-06-01", "--format", "json")
    assert quarter.exit_code == 0, quarter.stderr
    assert json.loads(quarter.stdout)["from"] == "2026-04-01"
    assert "period from 2026-04-01 (the start of this quarter" in quarter.stderr


def test_from_is_the_last_commit_on_or_before_the_end_of_that_day(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2025-12-01T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$200"))
    repo.commit("late on FROM", date="2026-01-01T23:59:59")
    repo.write("plans/acme.yaml", plan("Acme", "$300"))
    repo.commit("next morning", date="2026-01-02T00:00:00")
    total = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-01-31", "--today", "2026-06-01")["total"]
    assert (total["starting_arr"], total["ending_arr"]) == (200, 300)


def test_history_that_begins_after_from_is_exit_2(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2026-02-03T09:00:00")
    result = run_cli("metrics", "--from", "2026-01-01", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "the history begins on 2026-02-03" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_from_a_history_that_begins_this_quarter_is_measured_from_its_first_day(
    repo: GitRepo, run_cli: RunCli
) -> None:
    """A new repository (``samkit init`` this week): the quarter's first day has no record, so the period
    begins at the first commit instead of failing for a default nobody gave."""
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    first = repo.commit("start", date="2026-05-12T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$150"))
    repo.commit("grow", date="2026-05-20T09:00:00")
    result = run_cli("metrics", "--today", "2026-06-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["from"], document["to"]) == ("2026-05-12", "2026-06-01")
    assert (document["total"]["starting_arr"], document["total"]["ending_arr"]) == (100, 150)
    assert result.stderr == (
        "period from 2026-05-12 (the day of the first commit with plans; the quarter began on 2026-04-01; --from DATE "
        "sets another)\n"
    )
    one_day = run_cli("metrics", "--today", "2026-05-12", "--to", "2026-05-12")
    assert one_day.exit_code == 0, one_day.stderr
    assert "2026-05-12 to 2026-05-12 (1 day);" in one_day.stdout
    before_history = run_cli("metrics", "--today", "2026-06-01", "--to", "2026-05-01")
    assert before_history.exit_code == 2
    assert (
        before_history.stderr
        == (  # the --to given, never the --from nobody gave
            f"samkit: error: --to 2026-05-01: the history begins on 2026-05-12 (commit {first[:10]}), after "
            "the period ends; give a --to on or after that day\n"
        )
    )
    today_before = run_cli("metrics", "--today", "2026-05-01")  # neither day given: named as they came
    assert today_before.exit_code == 2
    assert today_before.stderr.startswith("samkit: error: today (2026-05-01): the history begins on 2026-05-12")


def test_not_a_repository_is_exit_2_naming_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    folder = tmp_path / "loose"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "a.yaml").write_text(plan("A", "$1"), encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run_cli("metrics", "--from", "2026-01-01", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert f"{(folder / 'plans').resolve()} is not inside a git repository" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01", "--today", "2026-06-01"], "--from: '2026-13-01' is not a date"),
        (["--from", "01/02/2026", "--today", "2026-06-01"], "is not a date; write YYYY-MM-DD"),
        (["--from", "2026-01-01", "--to", "2026-02-30", "--today", "2026-06-01"], "--to: '2026-02-30' is not a date"),
        (["--from", "2026-03-01", "--to", "2026-02-01", "--today", "2026-06-01"], "is before --from 2026-03-01"),
        (["--from", "2026-07-01", "--today", "2026-06-01"], "is after today (2026-06-01)"),
        (["--from", "2026-01-01", "--today", "2026-06-01", "--by", "region"], "--by: 'region' is not one of"),
    ],
)
def test_bad_and_reversed_dates_are_exit_2(repo: GitRepo, run_cli: RunCli, args: list[str], message: str) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2025-12-01T09:00:00")
    result = run_cli("metrics", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("samkit: error")]) <= 1


def test_a_path_that_is_nowhere_is_exit_2(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2025-12-01T09:00:00")
    result = run_cli("metrics", "accounts", "--from", "2026-01-01", "--to", "2026-02-01", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "accounts: no such file or folder" in result.stderr


def test_a_plan_that_does_not_load_is_left_out_on_both_sides_and_named(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.write("plans/beta.yaml", plan("Beta", "$40"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/beta.yaml", "account: [unclosed\n")
    repo.commit("break beta", date="2026-02-01T09:00:00")
    result = run_cli("metrics", "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01", "-f", "json")
    assert result.exit_code == 1
    total = json.loads(result.stdout)["total"]
    # Beta is neither churn nor starting ARR: its plan at TO cannot be read
    assert (total["starting_arr"], total["churn"]) == (100, 0)
    assert "plans/beta.yaml does not load in commit" in result.stderr


def test_hidden_folders_and_other_files_are_not_plans(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.write("plans/.drafts/ghost.yaml", plan("Ghost", "$999"))
    repo.write("plans/notes.txt", "not a plan\n")
    repo.write("elsewhere/other.yaml", plan("Other", "$5"))
    repo.commit("start", date="2026-01-01T09:00:00")
    total = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-01-31", "--today", "2026-06-01")["total"]
    assert total["starting_arr"] == 100
    both = as_json(run_cli, "plans", "elsewhere", "--from", "2026-01-01", "--to", "2026-01-31", "--today", "2026-06-01")
    assert both["total"]["starting_arr"] == 105


def test_group_totals_add_up_in_json(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("samkit.toml", '[program]\nsam_cost = 250000\n[program.sam_costs]\n"Maria Rodriguez" = 275000\n')
    for index in range(7):
        tier = ("strategic", "key", "standard")[index % 3]
        manager = ("Maria Rodriguez", "James Okafor")[index % 2]
        repo.write(
            f"plans/a{index}.yaml",
            plan(f"A{index}", f"${1000 * (index + 1)}", manager=manager, extra=f"  tier: {tier}\n"),
        )
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.edit("plans/a1.yaml", "$2000", "$2500")
    repo.remove("plans/a2.yaml")
    repo.commit("move", date="2026-02-01T09:00:00")
    for by in ("tier", "manager"):
        data = as_json(run_cli, "--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01", "--by", by)
        for key in ("accounts", "starting_arr", "expansion", "churn", "ending_arr", "cost"):
            assert round(sum(group[key] for group in data["groups"]), 2) == data["total"][key], (by, key)
    # 275,000 × 90 / 365 = 67,808.22 and 250,000 × 90 / 365 = 61,643.84
    assert data["total"]["cost"] == 129452.06


def clone_shallow(source: GitRepo, target: Path) -> GitRepo:
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{source.root}", str(target)],
        env=git_environment(),
        check=True,
        capture_output=True,
    )
    return GitRepo(target)


def test_shallow_clone_is_exit_2_with_the_fix(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$150"))
    repo.commit("grow", date="2026-03-01T09:00:00")
    clone = clone_shallow(repo, tmp_path / "clone")
    monkeypatch.chdir(clone.root)
    result = run_cli("metrics", "--from", "2026-01-15", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "shallow clone" in result.stderr
    assert "git fetch --unshallow" in result.stderr and "fetch-depth: 0" in result.stderr
    # a period the shallow history does reach still works
    total = as_json(run_cli, "--from", "2026-03-02", "--today", "2026-06-01")["total"]
    assert total["starting_arr"] == 150


def test_shallow_clone_message_in_diff_and_review(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    text = plan("Acme", "$100", extra="last_reviewed: 2026-01-10\n")
    repo.write("plans/acme.yaml", text)
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/acme.yaml", text.replace("$100", "$150"))
    repo.commit("grow", date="2026-03-01T09:00:00")
    clone = clone_shallow(repo, tmp_path / "clone")
    monkeypatch.chdir(clone.root)
    diff = run_cli("diff", "HEAD~1")
    assert diff.exit_code == 2
    assert "unknown git revision 'HEAD~1': this is a shallow clone" in diff.stderr
    assert "git fetch --unshallow" in diff.stderr
    review = run_cli("review", "plans/acme.yaml", "--today", "2026-03-02", "--format", "json")
    assert review.exit_code == 0, review.stdout + review.stderr
    assert "shallow clone" in review.stdout and "git fetch --unshallow" in review.stdout
    # in the full repository the same review finds the earlier version
    monkeypatch.chdir(repo.root)
    full = run_cli("review", "plans/acme.yaml", "--today", "2026-03-02", "--format", "json")
    assert "shallow" not in full.stdout


def test_markdown_is_tables_for_a_pull_request_comment(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/acme.yaml", plan("Acme | Pipes", "$100"))
    repo.commit("start", date="2026-01-01T09:00:00")
    result = run_cli(
        "metrics",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--today",
        "2026-06-01",
        "-f",
        "markdown",
        "--by",
        "manager",
    )
    assert result.exit_code == 0
    tokens = MarkdownIt().enable("table").parse(result.stdout)
    assert sum(1 for token in tokens if token.type == "table_open") == 3
    cells = [token.content for token in tokens if token.type == "inline"]
    assert "Maria Rodriguez" in cells
    assert "NDR 100.0% — below the 130-160% target." in cells


# --- the README's worked example -------------------------------------------------------------------------------------


def example_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("metrics_history", REPO / "docs" / "examples" / "metrics_history.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE_ARGS = ("--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-04-15")


def test_the_readme_example_figures_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    root = example_module().build_history(tmp_path / "example")
    monkeypatch.chdir(root)
    data = as_json(run_cli, *EXAMPLE_ARGS)
    total = data["total"]
    # 1,000,000 + 800,000 + 300,000 + 400,000 + 200,000; Fjord Energy is new; Echo Media renamed, not churned
    assert total["starting_arr"] == 2_700_000
    assert (total["expansion"], total["contraction"], total["churn"], total["new"]) == (
        300_000,
        50_000,
        200_000,
        250_000,
    )
    assert total["ending_arr"] == 3_000_000  # Cobalt's growth on 2026-04-03 is after TO
    assert total["grr"] == 90.7  # 2,450,000 / 2,700,000
    assert total["ndr"] == 101.9  # 2,750,000 / 2,700,000
    assert total["renewal_arr"] == 1_400_000  # Acme 2026-02-15, Cobalt 2026-03-01
    assert total["won_expansion"] == 300_000
    assert total["cost"] == 129_452.06  # 67,808.22 + 61,643.84
    assert (total["roi"], total["roi_band"]) == (13.13, "healthy")  # 1,700,000 / 129,452.06
    strategic = data["groups"][0]
    assert strategic["group"] == "Strategic"
    assert strategic["cost"] == 45_205.48  # Maria's 67,808.22 × 2/3


def test_the_readme_shows_the_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    root = example_module().build_history(tmp_path / "example")
    monkeypatch.chdir(root)
    result = run_cli("metrics", *EXAMPLE_ARGS)
    assert result.exit_code == 0
    section = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n\$ samkit metrics [^\n]*\n(.*?)```", section, re.DOTALL)
    assert shown is not None
    commits = re.compile(r"commit [0-9a-f]{10}")
    expected = commits.sub("commit …", "\n".join(line.rstrip() for line in result.stdout.splitlines()))
    actual = commits.sub("commit …", "\n".join(line.rstrip() for line in shown.group(1).splitlines()))
    assert actual.strip("\n") == expected.strip("\n")


def test_portfolio_points_to_metrics_only_where_there_is_history(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2026-01-01T09:00:00")
    result = run_cli("portfolio", "--today", "2026-02-01")
    assert result.exit_code == 0
    assert "samkit metrics --from" in result.stderr
    assert "samkit metrics" not in run_cli("portfolio", "--today", "2026-02-01", "-f", "json").stderr
    loose = tmp_path / "loose"
    (loose / "plans").mkdir(parents=True)
    (loose / "plans" / "a.yaml").write_text(plan("A", "$1"), encoding="utf-8")
    monkeypatch.chdir(loose)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert "samkit metrics" not in run_cli("portfolio", "--today", "2026-02-01").stderr


def test_plans_given_from_a_subfolder_or_from_outside_the_repository(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    repo.write("plans/acme.yaml", plan("Acme", "$100"))
    repo.commit("start", date="2026-01-01T09:00:00")
    repo.write("plans/acme.yaml", plan("Acme", "$130"))
    repo.commit("grow", date="2026-02-01T09:00:00")
    period = ("--from", "2026-01-01", "--to", "2026-03-31", "--today", "2026-06-01")
    monkeypatch.chdir(repo.root / "plans")
    assert as_json(run_cli, ".", *period)["total"]["expansion"] == 30
    monkeypatch.chdir(tmp_path)
    assert as_json(run_cli, str(repo.root / "plans"), *period)["total"]["expansion"] == 30
    assert as_json(run_cli, str(repo.root / "plans" / "acme.yaml"), *period)["total"]["expansion"] == 30


def _headline(run_cli: RunCli, *args: str) -> list[str]:
    """The bullet lines under "Program metrics" in the table format."""
    result = run_cli("metrics", *args, "--today", "2026-04-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    return [line[2:] for line in result.stdout.split("\n\n")[0].splitlines() if line.startswith("- ")]


def test_the_headline_says_which_figure_cannot_be_worked_out_and_why(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("samkit.toml", '[program.sam_costs]\n"Maria Rodriguez" = 250000\n')
    repo.write("plans/acme.yaml", plan("Acme"))
    repo.write("plans/beta.yaml", plan("Beta", "$50K", manager="Tom Lee"))
    repo.commit("start", date="2026-01-01T09:00:00")
    lines = _headline(run_cli, "--from", "2026-01-15", "--to", "2026-01-31")
    assert (
        "SAM ROI: unknown — no cost configured for Tom Lee (set [program] sam_cost, or [program.sam_costs] per manager)."
        in lines
    )

    repo.remove("plans/beta.yaml")
    repo.commit("Beta leaves", date="2026-02-01T09:00:00")
    lines = _headline(run_cli, "--from", "2026-03-01", "--to", "2026-03-31")
    assert lines[:2] == [
        "NDR: no starting ARR (no account active at FROM gives account.arr), so no NDR.",
        "GRR: no starting ARR (no account active at FROM gives account.arr), so no GRR.",
    ]

    repo.write("plans/acme.yaml", plan("Acme", extra="  status: churned\n"))
    repo.commit("Acme churns", date="2026-03-01T09:00:00")
    lines = _headline(run_cli, "--from", "2026-02-15", "--to", "2026-03-31")
    assert lines[3:6] == [
        "C-level engagement: no active strategic account at TO (target 70%+).",
        "Coverage: no active strategic account at TO (target 8-10 stakeholders).",
        "Reviews: no active plan at TO.",
    ]
