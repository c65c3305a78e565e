"""The seven-dimension score: the seed's examples, exact tiers at both edges of both thresholds, and the
columnar reader's integer arithmetic checked against ``Decimal`` for arbitrary points and weights."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samkit.analysis.scoring import (
    KEY,
    STANDARD,
    STRATEGIC,
    Thresholds,
    contributions,
    display_score,
    tier_for,
    weighted_score,
)
from samkit.config import DEFAULT_WEIGHTS, DIMENSIONS, ScoringConfig
from samkit.output.score_out import render_csv, render_json
from samkit.roster.scoring import score_roster

HEADER = "Account," + ",".join(DIMENSIONS) + "\n"


def points(*values: str | int | float) -> dict[str, Decimal]:
    return {name: Decimal(str(value)) for name, value in zip(DIMENSIONS, values, strict=True)}


def exact_score(values: list[str], weights: Sequence[int | str]) -> Fraction:
    """An independent reference: rational arithmetic, straight from domain.md's formula."""
    return sum((Fraction(str(w)) * Fraction(v) for w, v in zip(weights, values, strict=True)), Fraction(0)) / 10


def test_seed_strategic_example_scores_90_5_not_the_seeds_misprint() -> None:
    score = weighted_score(points(10, 9, 10, 9, 8, 7, 8))
    assert score == Decimal("90.5")
    assert tier_for(score) == STRATEGIC


def test_seed_standard_example_scores_31_0() -> None:
    score = weighted_score(points(2, 3, 5, 3, 4, 3, 2))
    assert display_score(score) == Decimal("31.0")
    assert tier_for(score) == STANDARD


def test_contributions_add_up_to_the_score() -> None:
    seed = points(10, 9, 10, 9, 8, 7, 8)
    parts = contributions(seed, DEFAULT_WEIGHTS)
    assert parts["current_revenue"] == Decimal(25)
    assert parts["market_influence"] == Decimal("13.5")
    assert sum(parts.values()) == weighted_score(seed)


# Rows whose exact score sits on a threshold while binary floating point lands just below it.
EXACTLY_70 = ["9.6", "7.2", "9.9", "1.6", "0.9", "9.1", "8.7"]
EXACTLY_50 = ["8.2", "0.0", "8.2", "4.6", "0.7", "5.4", "8.4"]


def test_the_threshold_rows_really_are_floating_point_traps() -> None:
    weights = [int(DEFAULT_WEIGHTS[name]) for name in DIMENSIONS]
    assert sum(w / 10 * float(p) for w, p in zip(weights, EXACTLY_70, strict=True)) < 70
    assert sum(w * float(p) for w, p in zip(weights, EXACTLY_50, strict=True)) / 10 < 50
    assert exact_score(EXACTLY_70, weights) == 70
    assert exact_score(EXACTLY_50, weights) == 50


@pytest.mark.parametrize(
    ("values", "tier"),
    [
        (EXACTLY_70, STRATEGIC),
        (["9.6", "7.2", "9.9", "1.6", "0.9", "9.1", "8.5"], KEY),  # 69.9
        (EXACTLY_50, KEY),
        (["8.2", "0.0", "8.2", "4.6", "0.7", "5.4", "8.2"], STANDARD),  # 49.9
        (["7"] * 7, STRATEGIC),
        (["5"] * 7, KEY),
    ],
)
def test_tier_follows_the_exact_score_at_both_edges(values: list[str], tier: str) -> None:
    assert tier_for(weighted_score(points(*values))) == tier


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_both_readers_tier_threshold_rows_exactly(tmp_path: Path, engine: str) -> None:
    rows = {
        "On 70": EXACTLY_70,
        "Just under 70": ["9.6", "7.2", "9.9", "1.6", "0.9", "9.1", "8.68"],
        "On 50": EXACTLY_50,
        "Just under 50": ["8.2", "0.0", "8.2", "4.6", "0.7", "5.4", "8.38"],
    }
    roster = tmp_path / "edges.csv"
    roster.write_text(HEADER + "".join(f"{name},{','.join(values)}\n" for name, values in rows.items()))
    outcome = score_roster(roster, engine=engine)  # type: ignore[arg-type]
    assert outcome.roster is not None
    tiers = {account.account: account.tier for account in outcome.roster.accounts()}
    assert tiers == {"On 70": STRATEGIC, "Just under 70": KEY, "On 50": KEY, "Just under 50": STANDARD}
    scores = {account.account: account.score for account in outcome.roster.accounts()}
    assert scores["Just under 70"] == Decimal("69.99")
    # a Key score is never shown as 70.0: cut to 69.9 rather than rounded across the threshold
    assert display_score(scores["Just under 70"]) == Decimal("69.9")
    json_scores = {entry["account"]: entry["score"] for entry in json.loads(render_json(outcome.roster))["accounts"]}
    csv_scores = {row["Account"]: row["score"] for row in csv.DictReader(io.StringIO(render_csv(outcome.roster)))}
    assert json_scores["Just under 70"] == 69.9 and csv_scores["Just under 70"] == "69.9"
    assert json_scores["On 70"] == 70.0 and csv_scores["Just under 50"] == "49.9"


def test_custom_thresholds_are_inclusive_at_their_edges() -> None:
    thresholds = Thresholds(strategic=Decimal("80.5"), key=Decimal("40"))
    assert tier_for(Decimal("80.5"), thresholds) == STRATEGIC
    assert tier_for(Decimal("80.49"), thresholds) == KEY
    assert tier_for(Decimal("40"), thresholds) == KEY
    assert tier_for(Decimal("39.999"), thresholds) == STANDARD


def test_display_rounds_half_up_like_a_person() -> None:
    assert display_score(Decimal("34.25")) == Decimal("34.3")
    assert display_score(Decimal("34.35")) == Decimal("34.4")
    assert display_score(Decimal("34.249")) == Decimal("34.2")


def test_a_shown_score_never_crosses_a_tier_threshold() -> None:
    assert display_score(Decimal("69.95")) == Decimal("69.9")  # Key, so never 70.0
    assert display_score(Decimal("49.99")) == Decimal("49.9")
    assert display_score(Decimal("70")) == Decimal("70.0")
    assert display_score(Decimal("70.04")) == Decimal("70.0")
    # a threshold with two decimals: the exact score is Strategic, so the shown one is too
    thresholds = Thresholds(strategic=Decimal("70.04"), key=Decimal("50"))
    assert display_score(Decimal("70.04"), thresholds) == Decimal("70.1")
    assert display_score(Decimal("70.03"), thresholds) == Decimal("70.0")


# Points with up to three decimals, and weights (with up to two decimals) that sum to exactly 100.
point_values = st.decimals(min_value=0, max_value=10, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def weight_sets(draw: st.DrawFn) -> list[Decimal]:
    cents = draw(st.lists(st.integers(min_value=0, max_value=10_000), min_size=6, max_size=6))
    cuts = sorted(min(cut, 10_000) for cut in cents)
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
    return [Decimal(part) / 100 for part in parts]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(point_values, min_size=7, max_size=7), min_size=1, max_size=8),
    weights=weight_sets(),
    strategic=st.decimals(min_value=50, max_value=100, places=2),
)
def test_columnar_integer_scoring_equals_decimal_scoring(
    rows: list[list[Decimal]], weights: list[Decimal], strategic: Decimal
) -> None:
    scoring = ScoringConfig(
        weights=dict(zip(DIMENSIONS, weights, strict=True)), strategic_threshold=strategic, key_threshold=50
    )
    thresholds = Thresholds(strategic, Decimal(50))
    text = HEADER + "".join(
        f"A{index}," + ",".join(str(value) for value in row) + "\n" for index, row in enumerate(rows)
    )
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        roster.write_text(text)
        fast = score_roster(roster, scoring, engine="polars").roster
        slow = score_roster(roster, scoring, engine="python").roster
    assert fast is not None and slow is not None
    for row, quick, careful in zip(rows, fast.accounts(), slow.accounts(), strict=True):
        expected = exact_score([str(value) for value in row], [str(weight) for weight in weights])
        assert Fraction(quick.score) == expected == Fraction(careful.score)
        assert quick.tier == careful.tier == tier_for(Decimal(expected.numerator) / expected.denominator, thresholds)
        assert display_score(quick.score) == display_score(careful.score)


def test_json_writes_scores_with_one_decimal_and_money_without_noise() -> None:
    from samkit.output.jsonout import dumps

    text = dumps(
        {"score": display_score(Decimal("31")), "half": display_score(Decimal("34.25")), "arr": Decimal("482000.00")},
        indent=None,
    )
    assert text == '{"score": 31.0, "half": 34.3, "arr": 482000}'
