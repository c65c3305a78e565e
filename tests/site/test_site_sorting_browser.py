"""Sorting the site's tables by a click in Debian's Chromium: quarters in time order, money, percentages and
progress by value, dates by day, and a cell with nothing known after every known one, either way round.

Text order is wrong for each of them: "Q1 2027" before "Q3 2026", "$1,200" before "$900", "100%" before
"5%", "Jan 15, 2027" before "Mar 31, 2026". The keys are the cells' data-sort attributes, computed in Python
(an opportunity's quarters from the one place that derives them, ``plan.schedule``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.test_site_browser import _open

pytestmark = pytest.mark.browser
TODAY = "2026-02-16"
PLAN = """\
account: {name: Sortable Co, manager: Maria Rodriguez, tier: strategic, arr: 1200000}
last_reviewed: 2026-01-10
stakeholders: [{name: Jane Wu, relationship: strong, last_contact: 2026-01-08}]
opportunities:
  - {name: Late, value: "$1,200", probability: 5%, timeframe: Q1 2027}
  - {name: Early, value: "$900.50", probability: 40%, timeframe: Q3 2026}
  - {name: Someday, value: "$85,000.50", probability: 65%}
  - {name: Closing, value: 12000, probability: 12.5%, close_date: 2026-05-10, timeframe: Q4 2027}
  - {name: Spread, value: "$76,500.45", probability: 100%, timeframe: Q3-Q4 2026}
  - {name: Turn of year, value: "$30,000", probability: 50%, timeframe: Q4 2026-Q1 2027}
objectives:
  - {name: Faster close, baseline: 0, target: 100, current: 5, due: 2026-11-30, status: at_risk}
  - {name: Fewer tickets, baseline: 0, target: 100, current: 100, due: 2026-03-31, status: missed}
  - {name: Adoption, baseline: 0, target: 8, current: 5, due: 2027-01-15, status: at_risk}
  - {name: Unmeasured, status: at_risk}
"""
# by time: the close date's quarter (Q2 2026) over the timeframe, a quarter alone before a range it starts,
# a range by its first quarter; no quarter known last
BY_TIMEFRAME = ["Closing", "Early", "Spread", "Turn of year", "Late", "Someday"]
BY_VALUE = ["Early", "Late", "Closing", "Turn of year", "Spread", "Someday"]  # $900.50 ... $85,000.50
BY_PROBABILITY = ["Late", "Closing", "Early", "Turn of year", "Someday", "Spread"]  # 5%, 12.5%, ... 100%
BY_WEIGHTED = ["Late", "Early", "Closing", "Turn of year", "Someday", "Spread"]  # $60 ... $76,500.45


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from samkit.cli import app

    root = tmp_path_factory.mktemp("sorting-site")
    plans = root / "plans"
    plans.mkdir()
    (plans / "sortable.yaml").write_text(PLAN, encoding="utf-8")
    out = root / "site"
    result = CliRunner().invoke(app, ["site", str(plans), "--out-dir", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return out


def _sorted_by(table: Any, heading: str, name_column: int = 1) -> tuple[list[str], list[str]]:
    """Click ``heading`` twice: the names (in column ``name_column``) ascending, then descending."""
    header = table.locator("thead th", has_text=heading)
    orders = []
    for direction in ("ascending", "descending"):
        header.click()
        assert header.get_attribute("aria-sort") == direction
        orders.append(table.locator(f"tbody tr td:nth-child({name_column})").all_inner_texts())
    return orders[0], orders[1]


def test_the_timeframe_column_sorts_by_time_with_unknown_last(browser: Any, site: Path) -> None:
    context, page, errors, _ = _open(browser, (site / "accounts" / "sortable.html").as_uri(), 1400)
    try:
        table = page.locator("#opportunities + .scroll table")
        up, down = _sorted_by(table, "Timeframe")
        assert up == BY_TIMEFRAME
        assert down == [*reversed(BY_TIMEFRAME[:-1]), "Someday"]  # not known: last either way
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Value", BY_VALUE), ("Probability", BY_PROBABILITY), ("Weighted", BY_WEIGHTED)],
)
def test_money_and_percent_columns_sort_by_value(browser: Any, site: Path, heading: str, expected: list[str]) -> None:
    context, page, errors, _ = _open(browser, (site / "accounts" / "sortable.html").as_uri(), 1400)
    try:
        table = page.locator("#opportunities + .scroll table")
        assert _sorted_by(table, heading) == (expected, expected[::-1])
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Progress", ["Faster close", "Adoption", "Fewer tickets", "Unmeasured"]),  # 5%, 62.5%, 100%, none
        ("Due", ["Fewer tickets", "Faster close", "Adoption", "Unmeasured"]),  # Mar 31 2026 ... Jan 15 2027, none
    ],
)
def test_the_objectives_table_sorts_progress_and_due_by_value(
    browser: Any, site: Path, heading: str, expected: list[str]
) -> None:
    context, page, errors, _ = _open(browser, (site / "index.html").as_uri(), 1400)
    try:
        table = page.locator("#objectives + .scroll table")
        up, down = _sorted_by(table, heading, name_column=2)
        assert up == expected
        assert down == [*reversed(expected[:-1]), "Unmeasured"]
        assert errors == []
    finally:
        context.close()
