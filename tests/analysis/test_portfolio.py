"""The program view: tiers and ARR, manager load, concentration, health, coverage roll-up, reviews."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from samkit.analysis.portfolio import (
    AT_RISK,
    HEALTH_UNKNOWN,
    HEALTHY,
    LOAD_DEGRADED,
    LOAD_OK,
    LOAD_OVER,
    LOAD_UNDER,
    NEEDS_ATTENTION,
    compute_portfolio,
    health_band,
    manager_load,
)
from samkit.config import DIMENSIONS, Config, LintConfig
from samkit.plan.loader import load_text
from samkit.plan.model import Plan
from tests.conftest import seed_plan

DEFAULTS = Config()


def make_plan(
    name: str,
    manager: str = "Maria Rodriguez",
    *,
    points: int | None = None,
    tier: str | None = None,
    arr: str | None = None,
    health: str | None = None,
    last_reviewed: str | None = "2026-01-01",
    relationships: tuple[str, ...] = ("strong", "moderate"),
) -> Plan:
    lines = ["account:", f"  name: {name}", f"  manager: {manager}"]
    if tier:
        lines.append(f"  tier: {tier}")
    if arr:
        lines.append(f'  arr: "{arr}"')
    if points is not None:
        lines.append("score:")
        lines += [f"  {dimension}: {points}" for dimension in DIMENSIONS]
    if last_reviewed:
        lines.append(f"last_reviewed: {last_reviewed}")
    if health is not None:
        lines += ["state:", f"  health_score: {health}"]
    if relationships:
        lines.append("stakeholders:")
        lines += [f"  - {{name: P{index}, relationship: {level}}}" for index, level in enumerate(relationships)]
    loaded = load_text("\n".join(lines) + "\n", f"{name}.yaml")
    assert loaded.plan is not None, [finding.format_text() for finding in loaded.findings]
    return loaded.plan


@pytest.mark.parametrize(
    ("accounts", "load"),
    [
        (1, LOAD_UNDER),
        (4, LOAD_UNDER),
        (5, LOAD_OK),
        (15, LOAD_OK),
        (16, LOAD_OVER),
        (20, LOAD_OVER),
        (21, LOAD_DEGRADED),
    ],
)
def test_manager_load_follows_the_seed_rule(accounts: int, load: str) -> None:
    assert manager_load(accounts) == load


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (Decimal(100), HEALTHY),
        (Decimal(70), HEALTHY),
        (Decimal("69.9"), NEEDS_ATTENTION),
        (Decimal(40), NEEDS_ATTENTION),
        (Decimal("39.99"), AT_RISK),
        (Decimal(0), AT_RISK),
        (None, HEALTH_UNKNOWN),
    ],
)
def test_health_bands(score: Decimal | None, band: str) -> None:
    assert health_band(score) == band


def test_seed_plan_portfolio() -> None:
    portfolio = compute_portfolio([("gfc.yaml", seed_plan())], DEFAULTS, date(2026, 4, 14))
    (row,) = portfolio.accounts
    assert row.tier == "Strategic"  # score 90.5
    assert row.arr == Decimal(850_000)
    assert portfolio.health == {HEALTHY: 1, NEEDS_ATTENTION: 0, AT_RISK: 0, HEALTH_UNKNOWN: 0}
    assert portfolio.average_stakeholders == Decimal("6.0")
    assert portfolio.pipeline.total == Decimal(885_000)
    assert portfolio.pipeline.weighted_total == Decimal(541_500)
    # last reviewed 2026-01-12: 92 days on 2026-04-14 is not overdue, 93 days on 2026-04-15 is
    assert row.days_since_review == 92
    assert portfolio.overdue_reviews == []
    later = compute_portfolio([("gfc.yaml", seed_plan())], DEFAULTS, date(2026, 4, 15))
    assert [(item.account, item.days_since_review) for item in later.overdue_reviews] == [("Global Financial Corp", 93)]


def test_accounts_per_manager_with_flags() -> None:
    plans = (
        [(f"a{i}.yaml", make_plan(f"A{i}", "Ann Busy")) for i in range(21)]
        + [(f"b{i}.yaml", make_plan(f"B{i}", "Bo Full")) for i in range(16)]
        + [(f"c{i}.yaml", make_plan(f"C{i}", "Cy Right")) for i in range(5)]
        + [(f"d{i}.yaml", make_plan(f"D{i}", "Di New")) for i in range(4)]
    )
    managers = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1)).managers
    assert [(row.manager, row.accounts, row.load) for row in managers] == [
        ("Ann Busy", 21, LOAD_DEGRADED),
        ("Bo Full", 16, LOAD_OVER),
        ("Cy Right", 5, LOAD_OK),
        ("Di New", 4, LOAD_UNDER),
    ]


def test_manager_names_match_ignoring_case_and_spacing() -> None:
    plans = [
        ("1.yaml", make_plan("One", "Maria Rodriguez")),
        ("2.yaml", make_plan("Two", "maria  rodriguez")),
        ("3.yaml", make_plan("Three", "Tom Lee")),
    ]
    managers = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1)).managers
    assert [(row.manager, row.accounts) for row in managers] == [("Maria Rodriguez", 2), ("Tom Lee", 1)]


def test_tiers_come_from_the_score_block_before_the_declared_tier() -> None:
    plans = [
        ("s.yaml", make_plan("Scored strategic", points=8, arr="$1.2M")),  # 80
        ("k.yaml", make_plan("Scored key", points=6, arr="$300,000.50")),  # 60
        ("m.yaml", make_plan("Declared strategic, scores standard", points=3, tier="strategic", arr="$100K")),
        ("d.yaml", make_plan("Declared key", tier="key")),  # no ARR
        ("u.yaml", make_plan("Untiered", arr="$50K")),
    ]
    portfolio = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1))
    tiers = {row.tier: (row.accounts, row.arr, row.arr_unknown) for row in portfolio.tiers}
    # a plan with neither a score nor a declared tier is strategic (domain.md), never "Untiered"
    assert tiers == {
        "Strategic": (2, Decimal(1_250_000), 0),
        "Key": (2, Decimal("300000.50"), 1),
        "Standard": (1, Decimal(100_000), 0),
    }
    assert [row.tier_source for row in portfolio.accounts] == ["score", "default", "score", "declared", "score"]
    concentration = portfolio.concentration
    assert (concentration.strategic_accounts, concentration.accounts) == (2, 5)
    assert concentration.account_share == Decimal("40.0")
    assert concentration.arr == Decimal("1650000.50")
    assert concentration.accounts_with_arr == 4
    # 1,250,000 / 1,650,000.50 = 75.757...%
    assert concentration.arr_share == Decimal("75.8")
    data = concentration.to_dict()
    assert (data["account_share_status"], data["arr_share_status"]) == ("above", "within")


def test_concentration_outside_the_seed_band_and_without_arr() -> None:
    plans = [(f"{i}.yaml", make_plan(f"P{i}", points=8 if i < 2 else 3)) for i in range(3)]
    concentration = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1)).concentration
    assert concentration.account_share == Decimal("66.7")
    assert concentration.to_dict()["account_share_status"] == "above"
    assert concentration.arr_share is None
    assert concentration.to_dict()["arr_share_status"] is None


def test_health_distribution_and_average() -> None:
    plans = [
        ("1.yaml", make_plan("One", health="82")),
        ("2.yaml", make_plan("Two", health="69.5")),
        ("3.yaml", make_plan("Three", health="20")),
        ("4.yaml", make_plan("Four")),
    ]
    portfolio = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1))
    assert portfolio.health == {HEALTHY: 1, NEEDS_ATTENTION: 1, AT_RISK: 1, HEALTH_UNKNOWN: 1}
    assert portfolio.average_health == Decimal("57.2")  # (82 + 69.5 + 20) / 3 = 57.1666...


def test_coverage_rollup_and_configured_targets() -> None:
    plans = [
        ("1.yaml", make_plan("Single", relationships=("strong", "weak", "none"))),
        ("2.yaml", make_plan("Broad", relationships=("strong",) * 8)),
        ("3.yaml", make_plan("Empty", relationships=())),
    ]
    portfolio = compute_portfolio(plans, DEFAULTS, date(2026, 2, 1))
    assert portfolio.average_stakeholders == Decimal("3.7")  # 11 / 3
    # one account ordering: tier, ARR (none here), then name
    assert [row.account for row in portfolio.single_threaded] == ["Empty", "Single"]
    assert [row.account for row in portfolio.below_target] == ["Empty", "Single"]
    configured = Config(lint=LintConfig(min_stakeholders=3))
    assert [row.account for row in compute_portfolio(plans, configured, date(2026, 2, 1)).below_target] == ["Empty"]


def test_overdue_reviews_use_the_configured_interval_and_count_missing_dates() -> None:
    plans = [
        ("recent.yaml", make_plan("Recent", last_reviewed="2026-01-15")),
        ("old.yaml", make_plan("Old", last_reviewed="2025-06-01")),
        ("never.yaml", make_plan("Never", last_reviewed=None)),
    ]
    today = date(2026, 2, 15)
    overdue = compute_portfolio(plans, DEFAULTS, today).overdue_reviews
    assert [(row.account, row.days_since_review) for row in overdue] == [("Never", None), ("Old", 259)]
    monthly = Config(lint=LintConfig(review_interval_days=30))
    overdue = compute_portfolio(plans, monthly, today).overdue_reviews
    assert [row.account for row in overdue] == ["Never", "Old", "Recent"]  # 31 days > 30


def test_json_shape() -> None:
    portfolio = compute_portfolio([("gfc.yaml", seed_plan())], DEFAULTS, date(2026, 4, 15))
    data = portfolio.to_dict()
    assert list(data) == [
        "today",
        "accounts",
        "tiers",
        "concentration",
        "managers",
        "health",
        "coverage",
        "pipeline",
        "reviews",
        "executive_alignment",
        "objectives",
        "churned",
    ]
    assert data["churned"] == {"accounts": 0, "last_arr": 0, "plans": []}
    assert data["managers"] == [
        {"manager": "Maria Rodriguez", "accounts": 1, "strategic_accounts": 1, "load": LOAD_UNDER}
    ]
    assert data["pipeline"]["weighted_recurring"] == Decimal(482_000)
    assert data["reviews"]["overdue"][0]["days_since_review"] == 93
    assert data["coverage"]["single_threaded_accounts"] == []
    assert [row["tier"] for row in data["tiers"]] == ["Strategic", "Key", "Standard"]
