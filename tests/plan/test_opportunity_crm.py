"""Round 3: opportunities[].crm_id and close_date, whose quarter wins over the timeframe."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from samkit.analysis.pipeline import spread_by_quarter
from samkit.analysis.staleness import is_lapsed_opportunity
from samkit.plan.loader import load_text
from samkit.plan.values import Quarter

PLAN = """\
account:
  name: Contoso Pharma
  manager: James Chen
opportunities:
  - name: Platform renewal
    value: $120K
    probability: 50%
    timeframe: Q1-Q2 2026
    crm_id: 0065e00000XYZ
    close_date: 2026-08-14
  - name: Analytics
    value: 40000
    probability: 25%
    timeframe: Q1 2026
    crm_id: 20512
"""


def test_crm_id_is_text_and_a_bare_number_reads_as_its_digits() -> None:
    plan = load_text(PLAN).plan
    assert plan is not None
    assert [item.crm_id for item in plan.opportunities] == ["0065e00000XYZ", "20512"]
    assert plan.opportunities[0].close_date == date(2026, 8, 14)


def test_the_close_dates_quarter_wins_over_the_timeframe() -> None:
    plan = load_text(PLAN).plan
    assert plan is not None
    spread = spread_by_quarter(plan)
    # all of Platform renewal lands in Q3 2026 (its close date), none in Q1-Q2 (its timeframe)
    assert spread.quarters[Quarter(2026, 3)].recurring == 120_000
    assert spread.quarters[Quarter(2026, 1)].recurring == 40_000
    assert Quarter(2026, 2) not in spread.quarters


def test_an_open_opportunity_lapses_the_day_after_its_close_date_not_at_its_quarters_end() -> None:
    plan = load_text(PLAN).plan
    assert plan is not None
    renewal, analytics = plan.opportunities
    assert not is_lapsed_opportunity(renewal, date(2026, 8, 14))  # closing today is still current
    assert is_lapsed_opportunity(renewal, date(2026, 8, 15))  # not 2026-10-01, when Q3 2026 ends
    # without a close date, the timeframe's last day: Q1 2026 lapses on April 1st
    assert not is_lapsed_opportunity(analytics, date(2026, 3, 31))
    assert is_lapsed_opportunity(analytics, date(2026, 4, 1))


def test_a_duplicate_opportunity_id_in_a_plan_names_both_places() -> None:
    found = [
        f.format_text() for f in load_text(PLAN.replace("crm_id: 20512", "crm_id: 0065e00000XYZ"), "p.yaml").findings
    ]
    assert found == [
        "p.yaml:15:13: SAM002 opportunities.1.crm_id: '0065e00000XYZ' is already used on line 9; crm_ids must be unique"
    ]


def test_a_bad_close_date_is_a_finding() -> None:
    found = [f.format_text() for f in load_text(PLAN.replace("2026-08-14", "14/08/2026"), "p.yaml").findings]
    assert len(found) == 1 and found[0].startswith("p.yaml:10:17:") and "close_date" in found[0]


def test_the_lapsed_rule_points_at_a_passed_close_date(
    write_plan: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    path = write_plan(PLAN)
    result = run_cli("lint", str(path), "--today", "2026-10-02", "--select", "SAM303")
    assert f"{path}:10:17: SAM303" in result.stdout
    assert "Platform renewal: still open but its close date 2026-08-14 has passed" in result.stdout
    assert "Analytics: still open but its timeframe Q1 2026 ended 2026-03-31" in result.stdout


def test_lint_and_the_review_brief_agree_on_a_passed_close_date(
    write_plan: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    # closing 2026-04-15: passed on 2026-06-01, although its quarter (Q2 2026) is not over yet
    path = write_plan(PLAN.replace("2026-08-14", "2026-04-15").replace("timeframe: Q1 2026", "timeframe: Q3 2026"))
    lint = run_cli("lint", str(path), "--today", "2026-06-01", "--select", "SAM303")
    assert "Platform renewal: still open but its close date 2026-04-15 has passed" in lint.stdout
    assert "Analytics" not in lint.stdout
    review = run_cli("review", str(path), "--today", "2026-06-01", "--format", "json")
    assert [item["name"] for item in json.loads(review.stdout)["lapsed_opportunities"]] == ["Platform renewal"]
