"""``--suggest-weights``: the search finds a known optimum, never suggests worse than today, and is deterministic."""

from __future__ import annotations

import random
import tomllib
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.analysis.backtest import Candidate, CohortAccount, compute_backtest
from samkit.analysis.backtest_stats import spearman, three_decimals
from samkit.analysis.backtest_weights import (
    FOLDS,
    MIN_ACCOUNTS,
    TooFewAccounts,
    _on_grid,
    _Problem,
    _scaled_points,
    fold_of,
    suggest_weights,
)
from samkit.config import DEFAULT_WEIGHTS, DIMENSIONS, ScoringConfig
from samkit.output.backtest_out import setting_text

START, END = date(2026, 1, 1), date(2026, 6, 30)


def cohort(rows: list[tuple[list[int], int]]) -> list[CohortAccount]:
    """Accounts from (points per dimension, ending ARR out of a starting 1,000)."""
    candidates = [
        Candidate(
            f"Account {index:04}",
            None,
            {name: Decimal(value) for name, value in zip(DIMENSIONS, points, strict=True)},
            Decimal(1000),
            ending == 0,
            Decimal(ending),
        )
        for index, (points, ending) in enumerate(rows)
    ]
    return compute_backtest(candidates, ScoringConfig(), START, END).accounts


def weighted(points: list[int], weights: list[int]) -> int:
    return sum(point * weight for point, weight in zip(points, weights, strict=True))


@pytest.mark.parametrize(
    "truth",
    [[35, 5, 10, 0, 40, 5, 5], [0, 0, 40, 40, 20, 0, 0], [15, 15, 15, 15, 15, 15, 10]],
    ids=["lopsided", "three-dimensions", "even"],
)
def test_the_search_finds_a_known_optimum(truth: list[int]) -> None:
    """NDR a strictly increasing function of the score under ``truth`` (weights on the grid): the optimum is
    ρ = 1, reached by ``truth``. The search starts from the defaults, far from it."""
    generator = random.Random(7)
    rows = []
    for _ in range(200):
        points = [generator.randint(0, 10) for _ in DIMENSIONS]
        rows.append((points, 500 + 3 * weighted(points, truth)))
    suggestion = suggest_weights(cohort(rows), DEFAULT_WEIGHTS)
    assert suggestion.in_sample_suggested == Decimal("1.000")
    assert suggestion.cross_validated_suggested == Decimal("1.000")
    assert suggestion.in_sample_current is not None and suggestion.in_sample_current < Decimal("1.000")
    assert [int(suggestion.suggested[name]) for name in DIMENSIONS] == truth


def test_weights_that_all_rank_alike_keep_the_current_ones() -> None:
    rows = [([index % 10 + 1] * 7, 1000 + index) for index in range(40)]
    suggestion = suggest_weights(cohort(rows), DEFAULT_WEIGHTS)
    assert suggestion.suggested == DEFAULT_WEIGHTS


def test_fewer_than_thirty_accounts_are_refused() -> None:
    rows = [([index % 10 + 1] * 7, 1000 + index) for index in range(MIN_ACCOUNTS - 1)]
    with pytest.raises(TooFewAccounts, match=r"at least 30 accounts .* it has 29"):
        suggest_weights(cohort(rows), DEFAULT_WEIGHTS)


def test_folds_come_from_the_name_as_matched() -> None:
    assert fold_of("Acme Corp") == fold_of("  ACME corp ")
    folds = [fold_of(f"Account {index}") for index in range(1000)]
    assert set(folds) == set(range(FOLDS))
    assert all(150 <= folds.count(fold) <= 250 for fold in range(FOLDS))


def test_current_weights_are_placed_on_the_grid() -> None:
    assert _on_grid([DEFAULT_WEIGHTS[name] for name in DIMENSIONS]) == (5, 4, 3, 3, 2, 2, 1)
    odd = _on_grid([Decimal("33.4"), Decimal("33.3"), Decimal("33.3"), 0, 0, 0, 0])
    assert sum(odd) == 20 and max(odd) <= 8


def test_the_setting_parses_and_the_diff_names_each_change() -> None:
    generator = random.Random(3)
    truth = [40, 0, 20, 20, 10, 5, 5]
    rows = []
    for _ in range(60):
        points = [generator.randint(0, 10) for _ in DIMENSIONS]
        rows.append((points, 500 + 3 * weighted(points, truth)))
    suggestion = suggest_weights(cohort(rows), DEFAULT_WEIGHTS)
    parsed = ScoringConfig.model_validate(tomllib.loads(suggestion.setting())["scoring"])
    assert parsed.weights == suggestion.suggested
    text = setting_text(suggestion, "samkit.toml")
    assert "--- weights now (samkit.toml)\n+++ weights suggested\n" in text
    assert "\n-current_revenue = 25\n" in text and "\n+current_revenue = 40\n" in text
    assert "\n partnership_potential = 5\n" in text  # unchanged, shown as context


weights_on_the_grid = st.lists(st.integers(0, 8), min_size=7, max_size=7).filter(lambda steps: sum(steps) == 20)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.integers(0, 10), min_size=7, max_size=7), st.integers(0, 3000)),
        min_size=MIN_ACCOUNTS,
        max_size=45,
    ),
    st.one_of(
        weights_on_the_grid.map(lambda steps: [Decimal(5 * step) for step in steps]),
        st.just([Decimal("33.4"), Decimal("33.3"), Decimal("33.3"), 0, 0, 0, 0]),
        st.just([Decimal(100), 0, 0, 0, 0, 0, 0]),
    ),
)
def test_suggested_weights_never_correlate_worse_in_sample(
    rows: list[tuple[list[int], int]], current: list[Decimal]
) -> None:
    accounts = cohort([(points, ending) for points, ending in rows if any(points)])
    if len(accounts) < MIN_ACCOUNTS:
        return
    weights = dict(zip(DIMENSIONS, map(Decimal, current), strict=True))
    suggestion = suggest_weights(accounts, weights)
    ndrs = [account.ndr for account in accounts]

    def rho(chosen: dict[str, Decimal]) -> float:
        value = spearman(
            [sum(chosen[name] * account.points[name] for name in DIMENSIONS) for account in accounts], ndrs
        )
        return -2.0 if value is None else value

    assert round(rho(suggestion.suggested), 12) >= round(rho(weights), 12)
    assert suggestion.in_sample_suggested == three_decimals(
        None if rho(suggestion.suggested) == -2.0 else rho(suggestion.suggested)
    )
    assert sum(suggestion.suggested.values()) == 100


def test_the_search_ranks_scores_as_the_statistics_do() -> None:
    """The search ranks by counting; its ρ must be exactly Spearman's on the same scores."""
    generator = random.Random(11)
    rows = [([generator.randint(0, 10) for _ in DIMENSIONS], generator.randint(0, 3000)) for _ in range(80)]
    accounts = cohort(rows)
    problem = _Problem(_scaled_points(accounts), [account.ndr for account in accounts])
    for steps in [(5, 4, 3, 3, 2, 2, 1), (8, 0, 0, 0, 8, 4, 0), (0, 0, 0, 0, 0, 0, 20)]:
        scores = problem.scores(steps)
        assert problem.rho(steps) == spearman(scores, [account.ndr for account in accounts])
