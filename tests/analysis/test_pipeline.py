"""Pipeline totals (domain.md) and the spread of open pipeline over quarters, exact to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samkit.analysis.pipeline import (
    Pipeline,
    compute_pipeline,
    pipeline_report,
    spread_by_quarter,
    spread_evenly,
    sum_pipelines,
    sum_spreads,
)
from samkit.plan.values import Quarter
from tests.conftest import plan_from, seed_plan

# open, won and lost opportunities; cents; a timeframe across a year end; one without timeframe
EDGE_PLAN = """\
account: {name: Edge Co, manager: M}
opportunities:
  - name: Services with cents
    value: "$85,000.50"
    kind: one_time
    probability: 50%
    timeframe: Q4 2026-Q1 2027
  - name: Won already
    value: $1M
    probability: 100%
    status: won
  - name: Lost
    value: $2M
    probability: 10%
    status: lost
  - name: Three quarters
    value: 100000
    probability: 0.5
    timeframe: Q1-Q3 2026
  - name: Someday
    value: $10K
    probability: 12.5%
"""


def test_seed_plan_totals() -> None:
    pipeline = compute_pipeline(seed_plan())
    assert pipeline.recurring == Decimal(800_000)  # 400 + 120 + 280
    assert pipeline.one_time == Decimal(85_000)
    assert pipeline.total == Decimal(885_000)  # not the seed's "$885K ARR + $85K services"
    assert pipeline.weighted_recurring == Decimal(482_000)  # 260 + 96 + 126
    assert pipeline.weighted_one_time == Decimal(59_500)


def test_only_open_opportunities_count_and_cents_are_exact() -> None:
    pipeline = compute_pipeline(plan_from(EDGE_PLAN))
    assert pipeline.recurring == Decimal(110_000)
    assert pipeline.one_time == Decimal("85000.50")
    assert pipeline.total == Decimal("195000.50")
    assert pipeline.weighted_one_time == Decimal("42500.25")  # $85,000.50 x 50%
    assert pipeline.weighted_recurring == Decimal(50_000) + Decimal(1_250)
    assert all(isinstance(amount, Decimal) for amount in pipeline.to_dict().values())


def test_sum_over_plans() -> None:
    total = sum_pipelines([compute_pipeline(seed_plan()), compute_pipeline(plan_from(EDGE_PLAN))])
    assert total.total == Decimal("1080000.50")
    assert total.weighted_one_time == Decimal("102000.25")
    assert sum_pipelines([]) == Pipeline()


@pytest.mark.parametrize(
    ("amount", "parts", "expected"),
    [
        ("100000", 3, ["33333.33", "33333.33", "33333.34"]),
        ("0.01", 3, ["0.00", "0.00", "0.01"]),
        ("42500.25", 2, ["21250.12", "21250.13"]),
        ("28305.1665", 2, ["14152.58", "14152.5865"]),  # a weighted value keeps its sub-cent digits
        ("85000", 1, ["85000"]),
    ],
)
def test_spread_evenly_gives_the_remainder_to_the_last_quarter(amount: str, parts: int, expected: list[str]) -> None:
    assert spread_evenly(Decimal(amount), parts) == [Decimal(share) for share in expected]


def test_spread_over_no_quarters_is_refused() -> None:
    with pytest.raises(ValueError):
        spread_evenly(Decimal(1), 0)


@given(
    amount=st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
    parts=st.integers(min_value=1, max_value=40),
)
def test_spread_evenly_adds_up_exactly(amount: Decimal, parts: int) -> None:
    shares = spread_evenly(amount, parts)
    assert len(shares) == parts
    assert sum(shares, Decimal(0)) == amount
    # all shares but the last are equal whole cents, and the last is within one cent per part of them
    assert len(set(shares[:-1])) <= 1
    assert all(share == share.quantize(Decimal("0.01")) for share in shares[:-1])
    assert all(share >= 0 for share in shares)
    assert shares[-1] - shares[0] < Decimal("0.01") * parts


def test_seed_plan_by_quarter() -> None:
    spread = spread_by_quarter(seed_plan())
    quarters = {str(quarter): pipeline for quarter, pipeline in spread.timeline()}
    assert list(quarters) == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    # Analytics $120K in Q1; Payments $400K over Q2-Q3; EU $280K over Q3-Q4; services $85K in Q2
    assert quarters["Q1 2026"] == Pipeline(Decimal(120_000), Decimal(0), Decimal(96_000), Decimal(0))
    assert quarters["Q2 2026"] == Pipeline(Decimal(200_000), Decimal(85_000), Decimal(130_000), Decimal(59_500))
    assert quarters["Q3 2026"] == Pipeline(Decimal(340_000), Decimal(0), Decimal(193_000), Decimal(0))
    assert quarters["Q4 2026"] == Pipeline(Decimal(140_000), Decimal(0), Decimal(63_000), Decimal(0))
    assert spread.unscheduled == Pipeline()
    assert spread.total == compute_pipeline(seed_plan())


def test_by_quarter_edges_unscheduled_year_end_and_closed_deals() -> None:
    spread = spread_by_quarter(plan_from(EDGE_PLAN))
    quarters = dict(spread.timeline())
    assert list(quarters) == [Quarter(2026, 1), Quarter(2026, 2), Quarter(2026, 3), Quarter(2026, 4), Quarter(2027, 1)]
    assert [quarters[q].recurring for q in quarters] == [
        Decimal("33333.33"),
        Decimal("33333.33"),
        Decimal("33333.34"),
        Decimal(0),
        Decimal(0),
    ]
    assert quarters[Quarter(2026, 4)].one_time == Decimal("42500.25")
    assert quarters[Quarter(2027, 1)].one_time == Decimal("42500.25")
    assert quarters[Quarter(2026, 4)].weighted_one_time == Decimal("21250.12")
    assert quarters[Quarter(2027, 1)].weighted_one_time == Decimal("21250.13")
    # the $10K with no timeframe is unscheduled; the won $1M and lost $2M appear nowhere
    assert spread.unscheduled == Pipeline(recurring=Decimal(10_000), weighted_recurring=Decimal(1_250))
    assert spread.total == compute_pipeline(plan_from(EDGE_PLAN))


def test_summed_spreads_fill_the_quarters_between() -> None:
    early = plan_from(
        "account: {name: A, manager: M}\nopportunities: [{name: X, value: 10, probability: 1, timeframe: Q1 2026}]\n"
    )
    late = plan_from(
        "account: {name: B, manager: M}\nopportunities: [{name: Y, value: 20, probability: 1, timeframe: Q4 2026}]\n"
    )
    total = sum_spreads([spread_by_quarter(early), spread_by_quarter(late)])
    timeline = total.timeline()
    assert [str(quarter) for quarter, _ in timeline] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    assert [pipeline.total for _, pipeline in timeline] == [Decimal(10), Decimal(0), Decimal(0), Decimal(20)]


def test_report_json_shape_keeps_the_fixed_keys() -> None:
    plain = pipeline_report([("a.yaml", seed_plan())]).to_dict()
    assert list(plain) == ["plans", "total"]
    assert list(plain["plans"][0]) == [
        "path",
        "account",
        "recurring",
        "one_time",
        "total",
        "weighted_recurring",
        "weighted_one_time",
    ]
    assert list(plain["total"]) == ["recurring", "one_time", "total", "weighted_recurring", "weighted_one_time"]
    by_quarter = pipeline_report([("a.yaml", seed_plan()), ("b.yaml", plan_from(EDGE_PLAN))], by_quarter=True)
    data = by_quarter.to_dict()
    assert {"plans", "total", "by", "quarters", "unscheduled"} == set(data)
    assert data["total"]["total"] == Decimal("1080000.50")
    assert [row["quarter"] for row in data["quarters"]] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027"]
    assert sum((row["total"] for row in data["quarters"]), data["unscheduled"]["total"]) == data["total"]["total"]
    assert data["plans"][1]["unscheduled"]["recurring"] == Decimal(10_000)
