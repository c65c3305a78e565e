"""``metrics``, ``backtest`` and ``review`` read history the same way on every machine, and say clearly when the
history cannot answer: no plans committed yet at FROM (exit 2), or two plans naming one account (exit 1).

Real repositories with committer dates in several UTC offsets; each command runs as on machines in UTC, Los
Angeles and Kiritimati (``tests.gitrepo.machine_zone``), and must print the same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from samkit.config import DIMENSIONS
from tests.gitrepo import ZONES, GitRepo, commit_at, machine_zone

RunCli = Callable[..., Any]


def plan(name: str, arr: int, points: int = 5, *, reviewed: str | None = None) -> str:
    lines = ["account:", f"  name: {name}", "  manager: Maria Rodriguez", f"  arr: {arr}"]
    if reviewed is not None:
        lines.append(f"last_reviewed: {reviewed}")
    lines.append("score:")
    lines += [f"  {dimension}: {points}" for dimension in DIMENSIONS]
    return "\n".join(lines) + "\n"


def in_every_zone(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of one command, which must be the same on every machine."""
    seen = set()
    for zone in ZONES:
        with machine_zone(zone):
            result = run_cli(*args)
        seen.add((result.exit_code, result.stdout, result.stderr))
    assert len(seen) == 1, seen
    return seen.pop()


def late_evening_history(repo: GitRepo) -> dict[str, str]:
    """Acme and Borealis from 2026-01-15; on 2026-01-31 at 23:30 in Los Angeles (07:30 on 2026-02-01 in UTC)
    Acme grows and is scored higher; on 2026-02-01 at 00:30 in Kiritimati (10:30 on 2026-01-31 in UTC, before the
    Los Angeles commit in seconds) Borealis grows; outcomes on 2026-05-01."""
    repo.write("plans/acme.yaml", plan("Acme", 100, 5, reviewed="2026-01-31"))
    repo.write("plans/borealis.yaml", plan("Borealis", 100, 5))
    commits = {"start": commit_at(repo, "start", "2026-01-15T10:00:00+00:00")}
    repo.write("plans/acme.yaml", plan("Acme", 150, 9, reviewed="2026-01-31"))
    commits["los angeles"] = commit_at(repo, "late in Los Angeles", "2026-01-31T23:30:00-08:00")
    repo.write("plans/borealis.yaml", plan("Borealis", 200, 5))
    commits["kiritimati"] = commit_at(repo, "just after midnight in Kiritimati", "2026-02-01T00:30:00+14:00")
    repo.write("plans/acme.yaml", plan("Acme", 300, 9, reviewed="2026-01-31"))
    repo.write("plans/borealis.yaml", plan("Borealis", 100, 5))
    commits["outcomes"] = commit_at(repo, "outcomes", "2026-05-01T10:00:00+02:00")
    return commits


PERIOD = ("--from", "2026-01-31", "--to", "2026-06-30", "--today", "2026-09-01")


def test_metrics_picks_the_commit_of_the_committer_s_day_on_every_machine(repo: GitRepo, run_cli: RunCli) -> None:
    commits = late_evening_history(repo)
    code, out, _ = in_every_zone(run_cli, "metrics", *PERIOD, "--format", "json")
    assert code == 0
    total = json.loads(out)["total"]
    # at FROM: the Los Angeles commit (Acme 150, of 2026-01-31), not the Kiritimati one (of 2026-02-01)
    assert (total["starting_arr"], total["ending_arr"]) == (250, 400)
    code, out, _ = in_every_zone(run_cli, "metrics", *PERIOD)
    assert f"plans at FROM: commit {commits['los angeles'][:10]} of 2026-01-31;" in out
    _, day_after, _ = in_every_zone(
        run_cli, "metrics", "--from", "2026-02-01", "--to", "2026-06-30", "--today", "2026-09-01"
    )
    assert f"plans at FROM: commit {commits['kiritimati'][:10]} of 2026-02-01;" in day_after


def test_backtest_scores_what_the_branch_held_on_the_committer_s_day_on_every_machine(
    repo: GitRepo, run_cli: RunCli
) -> None:
    commits = late_evening_history(repo)
    code, out, _ = in_every_zone(run_cli, "backtest", *PERIOD, "--format", "json")
    assert code == 0
    accounts = {account["account"]: account for account in json.loads(out)["accounts"]}
    assert (accounts["Acme"]["score"], accounts["Acme"]["starting_arr"]) == (90.0, 150)  # the Los Angeles commit's
    assert accounts["Borealis"]["starting_arr"] == 100
    _, text, _ = in_every_zone(run_cli, "backtest", *PERIOD)
    assert f"at FROM: commit {commits['los angeles'][:10]} of 2026-01-31;" in text


def test_review_compares_with_the_plan_as_of_the_committer_s_review_day_on_every_machine(
    repo: GitRepo, run_cli: RunCli
) -> None:
    commits = late_evening_history(repo)
    code, out, _ = in_every_zone(run_cli, "review", "plans/acme.yaml", "--today", "2026-09-01", "--format", "json")
    assert code == 0, out
    assert f"(commit {commits['los angeles'][:10]})" in out


# --- no plans committed yet at FROM: exit 2, naming the commit that first adds them ------------------------------


def late_plans(repo: GitRepo) -> str:
    """A repository older than its plans: a README from 2025, the plans from 2026-03-01."""
    repo.write("README", "hi\n")
    commit_at(repo, "readme", "2025-06-01T10:00:00+00:00")
    repo.write("plans/acme.yaml", plan("Acme", 100))
    repo.write("plans/borealis.yaml", plan("Borealis", 200))
    return commit_at(repo, "plans", "2026-03-01T10:00:00+00:00")


def test_a_from_before_the_plans_were_committed_is_exit_2_naming_when_they_were(repo: GitRepo, run_cli: RunCli) -> None:
    added = late_plans(repo)
    for command in ("metrics", "backtest"):
        result = run_cli(command, "--from", "2026-01-01", "--today", "2026-12-07")
        assert result.exit_code == 2, (command, result.stdout)
        assert result.stdout == ""
        assert result.stderr.startswith("samkit: error: --from 2026-01-01: no plans then: commit ")
        assert (
            f"has no plan file under plans; they first appear in commit {added[:10]} of 2026-03-01; give a --from on "
            "or after 2026-03-01\n"
        ) in result.stderr
        assert run_cli(command, "--from", "2026-03-01", "--today", "2026-12-07").exit_code == 0


def test_without_from_the_period_begins_when_the_plans_were_first_committed(repo: GitRepo, run_cli: RunCli) -> None:
    late_plans(repo)
    result = run_cli("metrics", "--today", "2026-03-20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["from"] == "2026-03-01"
    assert "period from 2026-03-01 (the day of the first commit with plans; the quarter began on 2026-01-01" in (
        result.stderr
    )
    before = run_cli("metrics", "--today", "2026-03-20", "--to", "2026-02-15")
    assert before.exit_code == 2
    assert "they first appear in commit " in before.stderr and "after the period ends on 2026-02-15" in before.stderr


def test_plans_only_in_the_working_tree_are_not_a_history(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("README", "hi\n")
    commit_at(repo, "readme", "2025-06-01T10:00:00+00:00")
    repo.write("plans/acme.yaml", plan("Acme", 100))
    result = run_cli("metrics", "--from", "2026-01-01", "--today", "2026-03-20")
    assert result.exit_code == 2
    assert "no later commit adds one; commit the plans, then measure from that day on" in result.stderr


# --- two plans naming one account: left out on both sides, said first, exit 1 -------------------------------------


def test_two_plans_naming_one_account_are_left_out_and_named(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Same Co", 100))
    repo.write("plans/b.yaml", plan("SAME CO", 200))
    repo.write("plans/c.yaml", plan("Other", 100))
    start = commit_at(repo, "plans", "2026-01-01T10:00:00+00:00")
    repo.write("plans/c.yaml", plan("Other", 150))
    commit_at(repo, "growth", "2026-03-01T10:00:00+00:00")
    result = run_cli("metrics", *PERIOD, "--format", "json")
    assert result.exit_code == 1
    total = json.loads(result.stdout)["total"]
    # neither 100 nor 200 of Same Co: whichever plan came first would be a guess
    assert (total["starting_arr"], total["ending_arr"], total["ndr"]) == (100, 150, 150.0)
    assert result.stderr == (
        "samkit: plans/a.yaml and plans/b.yaml both name the account 'Same Co' in commit "
        f"{start[:10]} of 2026-01-01 and in commit {repo.head()[:10]} of 2026-03-01; accounts are matched by "
        "account.name, so it is left out of the figures on both sides (give each plan its own account.name)\n"
    )
    text = run_cli("metrics", *PERIOD).stdout
    summary = text.split("\n- ")
    assert summary[1].startswith(
        "Left out: the account 'Same Co': more than one plan names it (plans/a.yaml, plans/b.yaml), so it is in none "
        "of the figures (accounts are matched by account.name; give each plan its own)."
    )
    backtest = run_cli("backtest", *PERIOD, "--format", "json")
    assert backtest.exit_code == 1
    data = json.loads(backtest.stdout)
    assert [account["account"] for account in data["accounts"]] == ["Other"]
    assert data["left_out"]["counts"]["duplicate_name"] == 1
    assert data["left_out"]["accounts"] == [
        {"account": "Same Co", "where": "plans/a.yaml, plans/b.yaml", "reason": "duplicate_name"}
    ]
    assert "both name the account 'Same Co'" in backtest.stderr
    table = run_cli("backtest", *PERIOD).stdout
    assert "\n- Left out: the account 'Same Co': more than one plan names it" in table


def test_a_copy_made_after_from_leaves_the_account_out_on_both_sides(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("plans/a.yaml", plan("Same Co", 100))
    repo.write("plans/c.yaml", plan("Other", 100))
    commit_at(repo, "plans", "2026-01-01T10:00:00+00:00")
    repo.write("plans/a-copy.yaml", plan("Same Co", 500))
    commit_at(repo, "a copy", "2026-03-01T10:00:00+00:00")
    result = run_cli("metrics", *PERIOD, "--format", "json")
    assert result.exit_code == 1
    total = json.loads(result.stdout)["total"]
    assert (total["starting_arr"], total["ending_arr"], total["new"]) == (100, 100, 0)
    assert "plans/a.yaml and plans/a-copy.yaml both name the account 'Same Co' in commit " in result.stderr
