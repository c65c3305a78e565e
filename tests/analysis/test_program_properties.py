"""Issue #21's proof: for random programs, every command's json and the site agree (one program view).

Random programs mix active and churned plans; scored, all-zero and unscored score blocks; every declared tier
and none; reviews recent, old, missing; open and done actions of random owners. The programs are written to a
real git repository and read by the real commands (``portfolio``, ``coverage``, ``pipeline``, ``actions``,
``lint``, ``metrics`` at TO, ``site``), whose outputs must satisfy these invariants:

- SAME_ACCOUNTS: portfolio, coverage, pipeline, the site's account table and metrics (accounts at TO) hold
  exactly the active accounts; no churned one.
- SAME_TIER: each account's tier is the same in portfolio and on the site, and is the tier domain.md gives
  (a counting score's, else declared, else Strategic; an all-zero block never counts).
- SAME_ARR_BY_TIER: ARR per tier in portfolio equals metrics' ending ARR per tier, and both add up to the
  active plans' ARR; pipeline's total equals portfolio's.
- SAME_OPEN_ACTIONS: `actions --days` large enough, `actions --format ics` and the site's calendar hold the
  open actions of the active plans, and nothing else.
- SAME_OVERDUE: the plans portfolio lists as overdue for review are exactly those lint flags with SAM301.
- SCORED_MEANS_SCORED: metrics counts as scored exactly the active plans whose score block has a value
  other than 0.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samkit.cli import app
from samkit.config import DEFAULT_WEIGHTS, DIMENSIONS
from tests.gitrepo import GitRepo

TODAY = date(2026, 4, 15)
OWNERS = ("Jordan Blake", "Maria Rodriguez", "Priya Nair", None)
TIER_LIMIT = {"Strategic": 92, "Key": 183, "Standard": 365}


@dataclass(frozen=True)
class Action:
    due_offset: int
    owner: str | None
    done: bool


@dataclass(frozen=True)
class PlanCase:
    churned: bool
    declared: str | None
    score: tuple[int, ...] | None
    arr: int
    reviewed_days_ago: int | None
    actions: tuple[Action, ...]

    @property
    def counts_as_scored(self) -> bool:
        return self.score is not None and any(self.score)

    @property
    def tier(self) -> str:
        if self.counts_as_scored:
            assert self.score is not None
            total = sum(DEFAULT_WEIGHTS[name] * points for name, points in zip(DIMENSIONS, self.score, strict=True))
            score = Decimal(total) / 10
            return "Strategic" if score >= 70 else "Key" if score >= 50 else "Standard"
        return (self.declared or "strategic").capitalize()

    def yaml(self, name: str) -> str:
        lines = ["account:", f"  name: {name}", "  manager: Maria Rodriguez", "  executive_sponsor: Dana Cole"]
        lines.append(f"  status: {'churned' if self.churned else 'active'}")
        lines.append(f"  arr: {self.arr}")
        if self.declared:
            lines.append(f"  tier: {self.declared}")
        if self.score is not None:
            lines.append("score:")
            lines += [f"  {key}: {points}" for key, points in zip(DIMENSIONS, self.score, strict=True)]
        if self.reviewed_days_ago is not None:
            lines.append(f"last_reviewed: {(TODAY - timedelta(days=self.reviewed_days_ago)).isoformat()}")
        lines += [
            "stakeholders:",
            "  - name: Ann Buyer",
            "    role: economic_buyer",
            "    relationship: strong",
            f"    last_contact: {TODAY.isoformat()}",
            "opportunities:",
            "  - name: Upsell",
            f"    value: {self.arr // 2}",
            "    probability: 50%",
        ]
        if self.actions:
            lines.append("actions:")
            for number, item in enumerate(self.actions):
                lines.append(f"  - due: {(TODAY + timedelta(days=item.due_offset)).isoformat()}")
                lines.append(f"    action: Step {number}")
                if item.owner:
                    lines.append(f"    owner: {item.owner}")
                if item.done:
                    lines.append("    done: true")
        return "\n".join(lines) + "\n"


points = st.integers(min_value=0, max_value=10)
plan_cases = st.builds(
    PlanCase,
    churned=st.booleans(),
    declared=st.sampled_from([None, "strategic", "key", "standard"]),
    score=st.one_of(st.none(), st.just((0,) * 7), st.tuples(*[points] * 7)),
    arr=st.integers(min_value=1, max_value=5_000_000),
    reviewed_days_ago=st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
    actions=st.lists(
        st.builds(Action, st.integers(min_value=-60, max_value=400), st.sampled_from(OWNERS), st.booleans()),
        max_size=3,
    ).map(tuple),
)


def run(root: Path, *args: str, code: int | None = 0) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    if code is not None:
        assert result.exit_code == code, f"{args}: {result.stdout}{result.stderr}"
    return str(result.stdout)


def as_json(root: Path, *args: str, code: int | None = 0) -> Any:
    return json.loads(run(root, *args, "--format", "json", code=code))


def site_rows(index: str) -> dict[str, str]:
    """Account name → tier, from the site's account table."""
    rows = re.findall(
        r'<td[^>]*><a href="accounts/[^"]+">([^<]+)</a></td>\n<td[^>]*data-sort="\d+"[^>]*>(.*?)</td>', index
    )
    return {name: re.sub(r"<[^>]+>", "", tier).strip() for name, tier in rows}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cases=st.lists(plan_cases, min_size=1, max_size=6))
def test_every_view_of_a_random_program_agrees(
    cases: list[PlanCase], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path_factory.mktemp("program")
    repo = GitRepo.create(root)
    names = {f"Account {number}": case for number, case in enumerate(cases)}
    for name, case in names.items():
        repo.write(f"plans/{name.replace(' ', '-').lower()}.yaml", case.yaml(name), dedent=False)
    repo.write("samkit.toml", "", dedent=False)
    repo.git("add", "-A")
    repo.git(
        "commit",
        "--quiet",
        "-m",
        "program",
        env={"GIT_COMMITTER_DATE": "2026-04-14T09:00:00", "GIT_AUTHOR_DATE": "2026-04-14T09:00:00"},
    )
    monkeypatch.chdir(root)
    monkeypatch.delenv("SAMKIT_TODAY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    today = TODAY.isoformat()
    active = {name: case for name, case in names.items() if not case.churned}

    portfolio = as_json(root, "portfolio", "--today", today)
    coverage = as_json(root, "coverage", "--today", today)
    pipeline = as_json(root, "pipeline")
    metrics = as_json(root, "metrics", "--from", today, "--to", today, "--today", today)
    run(root, "site", "--today", today)
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    site = site_rows(index)

    # SAME_ACCOUNTS
    assert {row["account"] for row in portfolio["accounts"]} == set(active)
    assert {row["account"] for row in coverage["plans"]} == set(active)
    assert {row["account"] for row in pipeline["plans"]} == set(active)
    assert set(site) == set(active)
    assert metrics["total"]["accounts"] == len(active)
    # SAME_TIER
    assert {row["account"]: row["tier"] for row in portfolio["accounts"]} == {
        name: case.tier for name, case in active.items()
    }
    assert site == {name: case.tier for name, case in active.items()}
    # SAME_ARR_BY_TIER
    by_tier = {row["tier"]: Decimal(str(row["arr"])) for row in portfolio["tiers"] if row["accounts"]}
    expected = {}
    for case in active.values():
        expected[case.tier] = expected.get(case.tier, Decimal(0)) + case.arr
    assert by_tier == expected
    ending = {group["group"]: Decimal(str(group["ending_arr"])) for group in metrics["groups"] if group["accounts"]}
    assert ending == expected
    assert Decimal(str(pipeline["total"]["total"])) == Decimal(str(portfolio["pipeline"]["total"]))
    # SAME_OPEN_ACTIONS
    open_actions = sorted(
        (name, f"Step {number}")
        for name, case in active.items()
        for number, item in enumerate(case.actions)
        if not item.done
    )
    listed = as_json(root, "actions", "--days", "1000", "--today", today)
    assert sorted((item["account"], item["action"]) for item in listed) == open_actions
    calendar = run(root, "actions", "--format", "ics", "--today", today)
    summaries = sorted(re.findall(r"^SUMMARY:(.*?)\r?$", calendar, re.MULTILINE))
    assert summaries == sorted(f"{name}: {action}" for name, action in open_actions)
    site_calendar = (root / "site" / "actions.ics").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^SUMMARY:(.*?)\r?$", site_calendar, re.MULTILINE)) == summaries
    # SAME_OVERDUE
    overdue = {row["account"] for row in portfolio["reviews"]["overdue"]}
    expected_overdue = {
        name
        for name, case in active.items()
        if case.reviewed_days_ago is None or case.reviewed_days_ago > TIER_LIMIT[case.tier]
    }
    assert overdue == expected_overdue
    lint = as_json(root, "lint", "--select", "SAM301", "--today", today, code=None)
    flagged = {Path(item["path"]).stem for item in lint if item["code"] == "SAM301"}
    assert flagged == {name.replace(" ", "-").lower() for name in expected_overdue}
    # SCORED_MEANS_SCORED
    assert metrics["designation"]["plans_with_score"] == sum(case.counts_as_scored for case in active.values())
