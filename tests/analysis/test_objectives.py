"""Objective progress and status (domain.md "Objective progress"): the arithmetic, the boundaries, the totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from samkit.analysis.objectives import (
    as_decimal,
    derived_status,
    format_progress,
    objectives_report,
    progress_of,
    shown_progress,
)
from samkit.plan.enums import ObjectiveStatus
from samkit.plan.model import Objective
from tests.conftest import plan_from

TODAY = date(2026, 3, 1)


def objective(**fields: object) -> Objective:
    return Objective.model_validate({"name": "Faster close", **fields})


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (10, 20, 15, Fraction(1, 2)),  # a rising target
        (48, 12, 30, Fraction(1, 2)),  # resolution hours: the target is below the baseline
        (48, 12, 48, Fraction(0)),  # nothing moved yet
        (48, 12, 6, Fraction(7, 6)),  # beyond the target, exact underneath
        (48, 12, 60, Fraction(-1, 3)),  # moved away from the target
        ("0.1", "0.4", "0.2", Fraction(1, 3)),  # decimals stay exact: no 0.333... rounding error
        (-10, 30, 0, Fraction(1, 4)),  # a negative baseline (an NPS)
    ],
)
def test_progress_is_exact_and_direction_aware(
    baseline: object, target: object, current: object, expected: Fraction
) -> None:
    assert progress_of(objective(baseline=baseline, target=target, current=current)) == expected


def test_progress_needs_all_three_numbers() -> None:
    assert progress_of(objective(baseline=1, target=2)) is None
    assert progress_of(objective(target=2, current=1)) is None


def test_display_clamps_and_never_rounds_up_to_done() -> None:
    assert shown_progress(Fraction(7, 6)) == Decimal("1.000")
    assert shown_progress(Fraction(-1, 3)) == Decimal("0.000")
    assert format_progress(Fraction(7, 6)) == "100%"
    assert format_progress(Fraction(-1, 3)) == "0%"
    assert format_progress(Fraction(1, 3)) == "33.3%"
    assert format_progress(Fraction(9999, 10000)) == "99.9%"  # not "100%": the target is not reached
    assert format_progress(None) == "—"
    assert as_decimal(Fraction(1, 4)) == Decimal("0.25")


def status(today: date = TODAY, **fields: object) -> ObjectiveStatus | None:
    item = objective(**fields)
    return derived_status(item, progress_of(item), today)


def test_achieved_at_exactly_one_hundred_percent_even_past_due() -> None:
    assert status(baseline=48, target=12, current=12, due="2026-01-01") is ObjectiveStatus.ACHIEVED
    assert status(baseline=0, target=3, current="2.999") is ObjectiveStatus.ON_TRACK


def test_missed_only_once_the_due_date_has_passed() -> None:
    assert status(baseline=0, target=10, current=9, due="2026-02-28") is ObjectiveStatus.MISSED
    assert status(baseline=0, target=10, current=9, due="2026-03-01") is ObjectiveStatus.ON_TRACK  # due today


def test_at_risk_when_time_runs_more_than_25_points_ahead_of_progress() -> None:
    span = {"start": "2026-01-01", "due": "2026-04-11"}  # 100 days; today is day 59: 59% elapsed
    assert status(baseline=0, target=100, current=34, **span) is ObjectiveStatus.ON_TRACK  # exactly 25 points
    assert status(baseline=0, target=100, current="33.99", **span) is ObjectiveStatus.AT_RISK
    assert status(baseline=100, target=0, current=66, **span) is ObjectiveStatus.ON_TRACK  # decreasing, 34%
    assert status(baseline=100, target=0, current=67, **span) is ObjectiveStatus.AT_RISK  # decreasing, 33%
    # without a start date there is no span to compare with
    assert status(baseline=0, target=100, current=0, due="2026-04-11") is ObjectiveStatus.ON_TRACK
    # before the start, elapsed time is negative: never at risk
    assert status(date(2025, 12, 1), baseline=0, target=100, current=0, **span) is ObjectiveStatus.ON_TRACK


def test_no_numbers_means_not_measured_until_due() -> None:
    assert status(due="2026-04-01") is None
    assert status(due="2026-02-01") is ObjectiveStatus.MISSED


def test_a_written_status_wins_and_value_is_summed_per_objective_and_overall() -> None:
    plan = plan_from(
        """
        account: {name: Acme, manager: Maria Rodriguez}
        last_reviewed: 2026-01-15
        objectives:
          - {name: Faster close, baseline: 10, target: 5, current: 10, due: 2026-02-01, status: on_track}
          - {name: Adoption, baseline: 0, target: 80, current: 80}
        value_delivered:
          - {date: 2026-01-10, outcome: Closed in 8 days, objective: faster close, amount: $1.5K}
          - {date: 2026-02-10, outcome: Closed in 7 days, objective: Faster Close, amount: "250.25"}
          - {date: 2026-02-11, outcome: Training, amount: 100}
          - {date: 2026-02-12, outcome: Kudos from the CFO}
          - {date: 2026-04-01, outcome: Not yet}
        """
    )
    report = objectives_report(plan, TODAY)
    close, adoption = report.objectives
    assert close.status is ObjectiveStatus.ON_TRACK and close.status_written
    assert close.value == Decimal("1750.25")
    assert adoption.status is ObjectiveStatus.ACHIEVED and not adoption.status_written
    assert adoption.value == 0
    assert report.total_value == Decimal("1850.25")
    # since the last review (after Jan 15) and not after today
    assert [entry.outcome for entry in report.value_since_review] == [
        "Closed in 7 days",
        "Training",
        "Kudos from the CFO",
    ]
    assert report.value_since_total == Decimal("350.25")
    assert report.count(ObjectiveStatus.ACHIEVED) == 1
