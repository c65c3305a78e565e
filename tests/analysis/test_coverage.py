"""Multi-threading coverage (domain.md): the figures, the departments × levels grid and the next steps."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from samkit.analysis.coverage import (
    NO_DEPARTMENT,
    compute_coverage,
    coverage_grid,
    coverage_report,
    next_steps,
)
from samkit.analysis.engagement import PlanCadence
from samkit.config import LintConfig, TierLimits
from samkit.plan.enums import Level, Relationship, Tier
from tests.conftest import plan_from, seed_plan

# A plan built for the edges: a departed champion, a departed strong CFO, people without department or title.
EDGE_PLAN = """\
account:
  name: Edge Co
  manager: Sam Manager
stakeholders:
  - name: Ana Ortiz
    title: Chief Information Officer
    department: IT
    role: economic_buyer
    relationship: weak
    last_contact: 2026-01-02
  - name: Ben Cole
    title: Engineer
    department: IT
    role: user
    relationship: moderate
    last_contact: 2025-09-01
  - name: Cleo Park
    title: CFO
    department: Finance
    role: champion
    relationship: strong
    status: left
  - name: Dev Rao
    role: champion
    relationship: strong
    status: left
  - name: Eve Lin
    relationship: none
"""


def test_seed_plan_gives_the_seeds_figures() -> None:
    coverage = compute_coverage(seed_plan())
    assert (coverage.stakeholders, coverage.relationships, coverage.strong) == (6, 4, 3)
    assert coverage.departments == ["Data Science", "Finance", "Operations", "Payments", "Technology"]
    assert coverage.levels == ["c_suite", "vp", "director"]
    assert coverage.missing_roles == []
    assert not coverage.single_threaded
    assert coverage.sentence() == "6 key stakeholders identified, relationships with 4, strong connections with 3"


def test_departed_stakeholders_are_never_counted() -> None:
    coverage = compute_coverage(plan_from(EDGE_PLAN))
    # Cleo Park and Dev Rao left: only Ana (weak), Ben (moderate) and Eve (none) are mapped
    assert coverage.stakeholders == 3
    assert coverage.relationships == 1
    assert coverage.strong == 0
    assert coverage.departments == ["IT"]
    assert coverage.single_threaded
    assert coverage.missing_roles == ["economic_buyer", "champion", "executive_sponsor"]


def test_two_relationships_are_not_single_threaded_one_is() -> None:
    base = """\
    account: {name: T, manager: M, executive_sponsor: Our CRO}
    stakeholders:
      - {name: A, role: economic_buyer, relationship: strong}
      - {name: B, role: champion, relationship: %s}
    """
    assert not compute_coverage(plan_from(base % "moderate")).single_threaded
    assert compute_coverage(plan_from(base % "weak")).single_threaded
    assert compute_coverage(plan_from(base % "moderate")).missing_roles == []
    assert compute_coverage(plan_from(base % "weak")).missing_roles == ["champion"]


def test_grid_counts_relationships_per_department_and_level() -> None:
    grid = coverage_grid(seed_plan())
    assert list(grid) == ["Data Science", "Finance", "Operations", "Payments", "Technology"]
    technology = grid["Technology"]
    assert technology[Level.C_SUITE].label() == "strong"
    assert technology[Level.VP].label() == "strong"
    assert technology[Level.MANAGER].label() == ""
    assert grid["Finance"][Level.C_SUITE].by_relationship == {Relationship.WEAK: 1}
    assert grid["Payments"][Level.DIRECTOR].relationships == 0
    # every department row has every level, so empty cells (the gaps) are visible
    assert all(len(row) == 5 for row in grid.values())
    assert sum(cell.stakeholders for row in grid.values() for cell in row.values()) == 6


def test_grid_leaves_out_departed_and_places_people_without_department_last() -> None:
    grid = coverage_grid(plan_from(EDGE_PLAN))
    assert list(grid) == ["IT", NO_DEPARTMENT]
    assert "Finance" not in grid
    assert grid["IT"][Level.C_SUITE].label() == "weak"
    assert grid["IT"][Level.INDIVIDUAL].label() == "moderate"
    assert grid[NO_DEPARTMENT][Level.INDIVIDUAL].label() == "none"


def test_grid_label_counts_several_people_in_one_cell() -> None:
    plan = plan_from(
        """\
        account: {name: T, manager: M}
        stakeholders:
          - {name: A, title: VP Sales, department: Sales, relationship: strong}
          - {name: B, title: VP Marketing, department: Sales, relationship: strong}
          - {name: C, title: SVP, department: Sales, relationship: weak}
        """
    )
    assert coverage_grid(plan)["Sales"][Level.VP].label() == "2 strong, weak"


def test_next_steps_for_the_seed_match_its_own_action() -> None:
    """The seed: 'Establish relationship with Robert Martinez (Payments Head) and strengthen CFO relationship.'"""
    plan = seed_plan()
    steps = next_steps(plan, compute_coverage(plan))
    assert steps[0].startswith("Establish a relationship with Robert Martinez (Head of Payments, Payments")
    assert "nobody in Payments is at moderate or better" in steps[0]
    assert steps[1].startswith("Strengthen the relationship with Lisa Thompson (CFO, Finance, economic buyer)")
    assert "Map 2 more stakeholders to reach the target of 8 (6 mapped now)." in steps
    assert "Reach the levels where nobody is mapped: manager, individual contributor." in steps
    # people with a good relationship are not asked for, and without a date nothing is called stale
    assert not any("Jennifer Wu" in step or "Reconnect" in step for step in steps)


def test_next_steps_use_today_for_stale_relationships() -> None:
    plan = seed_plan()
    coverage = compute_coverage(plan)
    # 2026-04-10: Sarah Johnson (2025-12-12) is 119 days out, Michael Chen (2026-01-05) 95, Jennifer Wu
    # (2026-01-08) 92, David Park (2026-01-10) exactly 90 days: not stale.
    steps = next_steps(plan, coverage, today=date(2026, 4, 10))
    reconnect = [step for step in steps if step.startswith("Reconnect")]
    assert [step.split(" (")[0] for step in reconnect] == [
        "Reconnect with Sarah Johnson",
        "Reconnect with Michael Chen",
        "Reconnect with Jennifer Wu",
    ]
    assert (
        "last contact 2025-12-12, 119 days ago (more than 90 days: stale_contact_days for strategic plans)"
        in (reconnect[0])
    )
    lisa = next(step for step in steps if "Lisa Thompson" in step)
    assert "last contact 2025-10-15, 177 days ago" in lisa
    # a longer limit from configuration makes them fresh again
    lint = LintConfig(stale_contact_days=120)
    relaxed = next_steps(
        plan, coverage, today=date(2026, 4, 10), cadence=PlanCadence(lint, Tier.STRATEGIC, lint.limits(Tier.STRATEGIC))
    )
    assert not any(step.startswith("Reconnect") for step in relaxed)


def test_next_steps_follow_each_stakeholders_cadence_as_lint_does() -> None:
    """cadence_days, then [lint.cadence] for the role, then the tier's limit (domain.md), named as SAM101 names it."""
    plan = plan_from(
        """\
        account: {name: Co, manager: M, executive_sponsor: CRO}
        stakeholders:
          - {name: Carl Champion, role: champion, relationship: strong, last_contact: 2026-02-24}
          - {name: Owen Own, role: champion, relationship: strong, last_contact: 2026-03-20, cadence_days: 14}
          - {name: Tess Tier, role: user, relationship: strong, last_contact: 2026-02-24}
          - {name: Ulla User, role: user, relationship: strong, last_contact: 2026-01-30}
        """
    )
    # 2026-04-10: Carl, Tess 45 days; Owen 21; Ulla 70
    lint = LintConfig.model_validate({"cadence": {"champion": 30}, "tiers": {"key": {"stale_contact_days": 60}}})
    cadence = PlanCadence(lint, Tier.KEY, lint.limits(Tier.KEY))
    steps = next_steps(plan, compute_coverage(plan), today=date(2026, 4, 10), cadence=cadence)
    assert [step for step in steps if step.startswith("Reconnect")] == [
        "Reconnect with Ulla User (user): strong, but last contact 2026-01-30, 70 days ago "
        "(more than 60 days: stale_contact_days for key plans).",
        "Reconnect with Carl Champion (champion): strong, but last contact 2026-02-24, 45 days ago "
        "(more than 30 days: [lint.cadence] champion).",
        "Reconnect with Owen Own (champion): strong, but last contact 2026-03-20, 21 days ago "
        "(more than 14 days: their cadence_days).",
    ]


CADENCE_PLAN = """\
account: {name: Cadence Co, manager: M, executive_sponsor: CRO, tier: key}
stakeholders:
  - {name: Carl Champion, department: IT, role: champion, relationship: strong, last_contact: 2026-04-17}
  - {name: Cora Champion, department: Sales, role: champion, relationship: moderate, last_contact: 2026-03-23}
  - {name: Uma User, department: Finance, role: user, relationship: strong, last_contact: 2026-03-23}
  - {name: Eli Buyer, department: Finance, role: economic_buyer, relationship: strong, last_contact: 2026-05-20}
"""
STALE_CONTACT = re.compile(
    r"SAM101 error: (?P<name>[^:]+): last contact \S+ was (?P<days>\d+) days ago \((?P<limit>[^)]+)\)"
)


def test_coverage_names_the_stale_contacts_and_limits_lint_names(
    tmp_path: Path, write_plan: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    """[lint.cadence] reaches coverage's next steps: the people SAM101 flags, each with SAM101's own limit."""
    config = tmp_path / "samkit.toml"
    config.write_text("[lint.cadence]\nchampion = 30\n[lint.tiers.key]\nstale_contact_days = 60\n", encoding="utf-8")
    path = write_plan(CADENCE_PLAN)
    today = ("--today", "2026-06-01", "--config", str(config))  # Carl 45 days, Cora and Uma 70, Eli 12
    lint = run_cli("lint", str(path), *today, "--select", "SAM101")
    flagged = {match["name"]: match for match in STALE_CONTACT.finditer(lint.stdout)}
    assert {name: match["limit"] for name, match in flagged.items()} == {
        "Carl Champion": "more than 30 days: [lint.cadence] champion",
        "Cora Champion": "more than 30 days: [lint.cadence] champion",
        "Uma User": "more than 60 days: stale_contact_days for key plans",
    }
    coverage = run_cli("coverage", str(path), *today, "--format", "json")
    assert coverage.exit_code == 0, coverage.stderr
    (report,) = json.loads(coverage.stdout)["plans"]
    reconnect = [step for step in report["next_steps"] if step.startswith("Reconnect")]
    assert len(reconnect) == len(flagged)
    for name, match in flagged.items():
        assert any(
            step.startswith(f"Reconnect with {name} ") and f"{match['days']} days ago ({match['limit']})." in step
            for step in reconnect
        ), (name, reconnect)
    review = run_cli("review", str(path), *today)
    assert "Call Carl Champion (IT): no contact for 45 days" in review.stdout


def test_next_steps_name_missing_roles_people_and_departed() -> None:
    plan = plan_from(EDGE_PLAN)
    steps = next_steps(plan, compute_coverage(plan), min_stakeholders=3)
    assert steps[0] == (
        "No economic buyer at moderate or better: strengthen the relationship with "
        "Ana Ortiz (Chief Information Officer, IT, economic buyer), weak today."
    )
    assert steps[1].startswith("No champion mapped (Cleo Park and Dev Rao, who held the role, have left)")
    assert steps[2] == "Name an executive sponsor on our side: account.executive_sponsor is empty."
    assert steps[3].startswith("Single-threaded: 1 relationship at moderate or better; build 1 more")
    # Ana is named once (in the economic-buyer step), Eve gets her own step; departed people get none
    assert sum("Ana Ortiz" in step for step in steps) == 1
    assert any(step.startswith("Establish a relationship with Eve Lin: none yet, never contacted") for step in steps)
    assert not any(step.startswith(("Establish", "Strengthen")) and "Cleo Park" in step for step in steps)
    # the target is met (3 of 3), the department list is short, one person has no department
    assert not any(step.startswith("Map ") for step in steps)
    assert any(step.startswith("Reach beyond IT: map stakeholders in other departments") for step in steps)
    assert "Record the department of Eve Lin so the coverage grid can place them." in steps


def test_next_steps_for_an_empty_map() -> None:
    plan = plan_from("account: {name: T, manager: M, executive_sponsor: CRO}\n")
    steps = next_steps(plan, compute_coverage(plan))
    assert steps == [
        "No economic buyer mapped: find who owns the budget and build a relationship.",
        "No champion mapped: develop a champion who will sell for us internally.",
        "Single-threaded: 0 relationships at moderate or better; build 2 more so the account does not hang on "
        "one person.",
        "Map 8 more stakeholders to reach the target of 8 (0 mapped now).",
    ]


def test_a_well_covered_plan_needs_no_steps() -> None:
    levels = ["CEO", "VP Sales", "Director IT", "Finance Manager", "Analyst"]
    people = "\n".join(
        f"  - {{name: P{index}, title: {title}, department: D{index % 3}, relationship: strong,"
        f" role: {'economic_buyer' if index == 0 else 'champion' if index == 1 else 'user'}}}"
        for index, title in enumerate(levels * 2)
    )
    plan = plan_from(f"account: {{name: T, manager: M, executive_sponsor: CRO}}\nstakeholders:\n{people}\n")
    assert next_steps(plan, compute_coverage(plan), today=None) == []


def test_report_keeps_the_fixed_json_keys_first() -> None:
    report = coverage_report(
        "plans/x.yaml", seed_plan(), TierLimits(review_interval_days=92, min_stakeholders=10, stale_contact_days=90)
    )
    data = report.to_dict()
    assert list(data)[:9] == [
        "path",
        "account",
        "stakeholders",
        "relationships",
        "strong",
        "departments",
        "levels",
        "missing_roles",
        "single_threaded",
    ]
    assert data["departments"] == 5 and data["levels"] == 3
    assert data["target_stakeholders"] == 10
    assert data["grid"]["Technology"]["c_suite"] == {"stakeholders": 1, "relationships": 1}
    assert data["grid"]["Payments"]["director"] == {"stakeholders": 1, "relationships": 0}
    assert "Map 4 more stakeholders to reach the target of 10 (6 mapped now)." in data["next_steps"]
