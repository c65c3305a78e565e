"""Designation accuracy on hand-computed cohorts: outcomes, evidence, verdict, and the properties that must hold."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.analysis.backtest import Candidate, Reason, compute_backtest, is_scored
from samkit.analysis.backtest_evidence import Estimate, Evidence, Outcome, verdict_for
from samkit.analysis.backtest_stats import churn_auc, percentile_interval, spearman, three_decimals
from samkit.config import DIMENSIONS, ScoringConfig
from samkit.output.jsonout import dumps

START, END = date(2026, 1, 1), date(2026, 6, 30)


def points(value: int | str) -> dict[str, Decimal]:
    """The same points on every dimension: with weights adding up to 100, the score is 10 × the points."""
    return {name: Decimal(value) for name in DIMENSIONS}


def account(
    name: str, value: int | str | None, start: int | None, end: int | None, *, churned: bool = False
) -> Candidate:
    return Candidate(
        name=name,
        where=f"plans/{name.lower()}.yaml",
        points=None if value is None else points(value),
        starting_arr=None if start is None else Decimal(start),
        churned=churned,
        ending_arr=None if end is None else Decimal(end),
    )


# Scores 90, 80, 70 (strategic), 60, 60 (key, tied), 30 (standard); B is a churned strategic account; C and F tie
# on NDR. G has no ARR, H an all-zero score block, I none, J lost its ARR at TO: all four are left out.
HAND = [
    account("A", 9, 100, 150),
    account("B", 8, 200, None, churned=True),
    account("C", 7, 100, 100),
    account("D", 6, 100, 120),
    account("E", 6, 50, 40),
    account("F", 3, 100, 100),
    account("G", 5, None, 100),
    account("H", 0, 100, 100),
    account("I", None, 100, 100),
    account("J", 5, 100, None),
]


def test_outcomes_per_tier_and_strategic_against_the_others_by_hand() -> None:
    result = compute_backtest(HAND, ScoringConfig(), START, END)
    assert [each.name for each in result.accounts] == ["A", "B", "C", "D", "E", "F"]
    strategic, key, standard = result.tiers
    # strategic: Σs = 100 + 200 + 100 = 400, Σe = 150 + 0 + 100 = 250; kept = 100 + 0 + 100 = 200
    assert (strategic.accounts, strategic.figures.starting_arr, strategic.figures.ending_arr) == (3, 400, 250)
    assert (strategic.ndr, strategic.grr) == (Decimal("62.5"), Decimal("50.0"))
    assert (strategic.churned, strategic.churn_rate, strategic.expanded, strategic.expansion_rate) == (
        1,
        Decimal("33.3"),
        1,
        Decimal("33.3"),
    )
    # key: 160 / 150 = 106.67 -> 106.7; kept 100 + 40 = 140 / 150 = 93.3
    assert (key.accounts, key.ndr, key.grr, key.expansion_rate) == (
        2,
        Decimal("106.7"),
        Decimal("93.3"),
        Decimal("50.0"),
    )
    assert (standard.accounts, standard.ndr, standard.grr) == (1, Decimal("100.0"), Decimal("100.0"))
    others = result.others
    # others: Σs = 250, Σe = 260, kept 240
    assert (others.accounts, others.ndr, others.grr, others.churn_rate) == (3, Decimal("104.0"), Decimal("96.0"), 0)
    assert result.evidence.ndr_lift.value == Decimal("-41.5")
    assert result.evidence.grr_lift.value == Decimal("-46.0")
    churned = result.accounts[1]
    assert (churned.ending_arr, churned.ndr, churned.ndr_percent) == (0, 0, Decimal("0.0"))


def test_spearman_with_average_ranks_and_churn_auc_by_hand() -> None:
    result = compute_backtest(HAND, ScoringConfig(), START, END)
    # score ranks F 1, D/E 2.5, C 4, B 5, A 6; NDR ranks B 1, E 2, C/F 3.5, D 5, A 6:
    # Σ dx·dy = 6.25 − 3.75 + 0 − 1.5 + 1.5 + 0 = 2.5, Σ dx² = Σ dy² = 17, ρ = 2.5 / 17 = 0.147
    assert result.evidence.spearman.value == Decimal("0.147")
    assert set(result.evidence.spearman_by_dimension.values()) == {Decimal("0.147")}
    # the churned account B (80) is beaten only by A (90) of the five retained: 1 / 5
    assert result.evidence.churn_auc == Decimal("0.200")


def test_accounts_left_out_are_counted_by_reason() -> None:
    result = compute_backtest(HAND, ScoringConfig(), START, END)
    assert result.left_out_counts() == {
        "not_loadable": 0,
        "duplicate_name": 0,
        "no_arr": 1,
        "not_scored": 2,
        "no_arr_at_to": 1,
    }
    data = result.to_dict()
    assert data["left_out"]["accounts"] == [
        {"account": "G", "where": "plans/g.yaml", "reason": "no_arr"},
        {"account": "H", "where": "plans/h.yaml", "reason": "not_scored"},
        {"account": "I", "where": "plans/i.yaml", "reason": "not_scored"},
        {"account": "J", "where": "plans/j.yaml", "reason": "no_arr_at_to"},
    ]


def test_all_zero_points_are_not_a_score() -> None:
    assert not is_scored(points(0))
    assert not is_scored(None)
    assert is_scored({**points(0), "strategic_fit": Decimal("0.5")})


def test_a_score_of_zero_arr_at_from_is_no_arr() -> None:
    result = compute_backtest([account("Z", 5, 0, 100)], ScoringConfig(), START, END)
    assert [item.reason for item in result.left_out] == [Reason.NO_ARR]


def test_the_configuration_decides_the_tier() -> None:
    lower = ScoringConfig(strategic_threshold=Decimal(55), key_threshold=Decimal(40))
    result = compute_backtest(HAND, lower, START, END)
    assert [each.tier for each in result.accounts] == ["Strategic"] * 5 + ["Standard"]


def test_too_few_accounts_to_judge_below_thirty_or_five_a_side() -> None:
    clear = Evidence(Estimate(Decimal(10), Decimal(2), Decimal(18)), Estimate(Decimal(1)), Estimate(None), {}, None)
    assert verdict_for(29, 10, 19, clear).outcome is Outcome.TOO_FEW_ACCOUNTS
    assert verdict_for(30, 4, 26, clear).outcome is Outcome.TOO_FEW_ACCOUNTS
    assert verdict_for(30, 26, 4, clear).outcome is Outcome.TOO_FEW_ACCOUNTS
    verdict = verdict_for(30, 5, 25, clear)
    assert verdict.outcome is Outcome.OUTPERFORM
    assert verdict.text == "strategic accounts outperform (NDR +10 pp, GRR +1 pp)"
    assert "too few accounts to judge" in verdict_for(12, 5, 7, clear).text


def test_the_verdict_rules() -> None:
    def evidence(ndr: str, low: str, high: str, grr: str) -> Evidence:
        return Evidence(
            Estimate(Decimal(ndr), Decimal(low), Decimal(high)), Estimate(Decimal(grr)), Estimate(None), {}, None
        )

    assert verdict_for(40, 10, 30, evidence("4.0", "0.1", "8.0", "0.0")).outcome is Outcome.OUTPERFORM
    # an interval that reaches 0 is no clear difference, however large the lift
    assert verdict_for(40, 10, 30, evidence("9.0", "0.0", "18.0", "1.0")).outcome is Outcome.NO_CLEAR_DIFFERENCE
    # a GRR lift below 0 keeps it from "outperform" even with the NDR interval above 0
    assert verdict_for(40, 10, 30, evidence("9.0", "1.0", "18.0", "-0.1")).outcome is Outcome.NO_CLEAR_DIFFERENCE
    under = verdict_for(40, 10, 30, evidence("-6.0", "-9.0", "-0.1", "-2.0"))
    assert (under.outcome, under.text) == (
        Outcome.UNDERPERFORM,
        "strategic accounts underperform (NDR -6.0 pp, GRR -2.0 pp)",
    )
    assert verdict_for(40, 10, 30, evidence("-6.0", "-9.0", "0.0", "-2.0")).outcome is Outcome.NO_CLEAR_DIFFERENCE


def cohort(strategic_ndr: int, others_ndr: int, size: int = 40) -> list[Candidate]:
    """``size`` accounts, a quarter strategic (score 80-89), each group's NDR spread ±10 around its centre."""
    accounts = []
    for index in range(size):
        top = index % 4 == 0
        centre = strategic_ndr if top else others_ndr
        value = Decimal(8) + Decimal(index % 10) / 10 if top else Decimal(3) + Decimal(index % 10) / 10
        accounts.append(
            Candidate(
                f"Account {index}", None, points(value), Decimal(1000), False, Decimal(10 * (centre + index % 21 - 10))
            )
        )
    return accounts


def test_a_clear_lift_outperforms_and_a_clear_loss_underperforms() -> None:
    better = compute_backtest(cohort(130, 100), ScoringConfig(), START, END)
    assert better.verdict.outcome is Outcome.OUTPERFORM
    assert better.evidence.ndr_lift.low is not None and better.evidence.ndr_lift.low > 0
    worse = compute_backtest(cohort(80, 110), ScoringConfig(), START, END)
    assert worse.verdict.outcome is Outcome.UNDERPERFORM
    same = compute_backtest(cohort(100, 100), ScoringConfig(), START, END)
    assert same.verdict.outcome is Outcome.NO_CLEAR_DIFFERENCE


def test_the_bootstrap_gives_the_same_bytes_on_every_run() -> None:
    first = dumps(compute_backtest(cohort(120, 100), ScoringConfig(), START, END).to_dict())
    second = dumps(compute_backtest(cohort(120, 100), ScoringConfig(), START, END).to_dict())
    assert first == second
    assert '"low": null' not in first.split('"spearman_by_dimension"')[0]


# --- the statistics -----------------------------------------------------------------------------------------------


def test_spearman_uses_average_ranks() -> None:
    assert spearman([1, 2, 3], [10, 20, 30]) == 1.0
    assert spearman([1, 2, 3], [3, 2, 1]) == -1.0
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    # x ranks 1, 2.5, 2.5, 4; y ranks 1..4: Σdxdy = 2.25 + 0 + 0 + 2.25 = 4.5, Σdx² = 4.5, Σdy² = 5
    value = spearman([1, 2, 2, 3], [1, 2, 3, 4])
    assert value is not None and abs(value - 4.5 / (4.5 * 5) ** 0.5) < 1e-15


def test_churn_auc_counts_ties_half() -> None:
    # retained 3 and 2 against churned 2 and 1: 1 + 1 + ½ + 1 of 4 pairs
    assert churn_auc([3, 2, 2, 1], [False, False, True, True]) == Fraction(7, 8)
    assert churn_auc([3, 2], [False, False]) is None
    assert three_decimals(Fraction(7, 8)) == Decimal("0.875")
    assert three_decimals(Fraction(1, 2000)) == Decimal("0.001")  # half-up
    assert str(three_decimals(-0.0004)) == "0.000"  # no sign on a zero


def test_the_interval_is_the_nearest_rank_percentiles() -> None:
    interval = percentile_interval([float(value) for value in range(1000, 0, -1)])
    assert interval is not None and (interval.low, interval.high) == (25.0, 975.0)
    assert percentile_interval([1.0]) is None


# --- properties ---------------------------------------------------------------------------------------------------

candidates = st.lists(
    st.tuples(
        st.lists(st.integers(0, 10), min_size=7, max_size=7),
        st.integers(1, 1000),
        st.integers(0, 2000),
        st.booleans(),
    ),
    min_size=2,
    max_size=40,
)


def _build(rows: list[tuple[list[int], int, int, bool]], names: list[str]) -> list[Candidate]:
    return [
        Candidate(
            name,
            None,
            {dimension: Decimal(value) for dimension, value in zip(DIMENSIONS, row, strict=True)},
            Decimal(start),
            churned,
            None if churned else Decimal(end),
        )
        for name, (row, start, end, churned) in zip(names, rows, strict=True)
    ]


def _without_names(data: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if key not in ("accounts", "left_out")}


@settings(max_examples=25, deadline=None)
@given(candidates, st.randoms(use_true_random=False))
def test_permuting_account_names_changes_nothing(
    rows: list[tuple[list[int], int, int, bool]], shuffler: random.Random
) -> None:
    names = [f"Account {index:03}" for index in range(len(rows))]
    renamed = list(names)
    shuffler.shuffle(renamed)
    order = list(range(len(rows)))
    shuffler.shuffle(order)
    first = compute_backtest(_build(rows, names), ScoringConfig(), START, END)
    second = compute_backtest([_build(rows, renamed)[index] for index in order], ScoringConfig(), START, END)
    assert dumps(_without_names(first.to_dict())) == dumps(_without_names(second.to_dict()))


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(1, 3000), min_size=2, max_size=60), st.integers(0, 5))
def test_a_score_increasing_with_ndr_gives_spearman_one_and_auc_one(endings: set[int], churn: int) -> None:
    ordered = sorted(endings)
    churned = min(churn, len(ordered) - 1)
    accounts = []
    for index, ending in enumerate(ordered):
        gone = index < churned  # churn below a threshold: the lowest scores are the ones that churned
        # every churned account has NDR 0, so all of them share the lowest score; the others climb with NDR
        value = Decimal("0.1") if gone else Decimal(index + 2) / Decimal(10)
        accounts.append(
            Candidate(f"A{index}", None, points(value), Decimal(1000), gone, None if gone else Decimal(ending))
        )
    result = compute_backtest(accounts, ScoringConfig(), START, END)
    if len(result.accounts) - churned >= 1 and len({each.ndr for each in result.accounts}) > 1:
        assert result.evidence.spearman.value == Decimal("1.000")
    if churned:
        assert result.evidence.churn_auc == Decimal("1.000")
