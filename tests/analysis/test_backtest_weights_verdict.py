"""``--suggest-weights``' verdict: the suggestion is recommended only when, cross-validated, it beats the current
weights; otherwise the output says to keep them and prints no setting to paste, in every format."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from decimal import Decimal

import pytest
from markdown_it import MarkdownIt

from samkit.analysis.backtest import Backtest, compute_backtest
from samkit.analysis.backtest_weights import WeightSuggestion
from samkit.config import DEFAULT_WEIGHTS, ScoringConfig
from samkit.output.backtest_out import backtest_json, backtest_markdown, print_backtest

LEANING = {**DEFAULT_WEIGHTS, "current_revenue": Decimal(40), "partnership_potential": Decimal(0)}
LEANING["expansion_potential"] = Decimal(10)  # 40 + 10 + 15 + 15 + 10 + 10 + 0 = 100
PASTE = "paste the setting below into samkit.toml"


def suggestion(current_cv: str | None, suggested_cv: str | None, *, kept: bool = False) -> WeightSuggestion:
    return WeightSuggestion(
        current=dict(DEFAULT_WEIGHTS),
        suggested=dict(DEFAULT_WEIGHTS) if kept else LEANING,
        in_sample_current=Decimal("0.042"),
        in_sample_suggested=Decimal("0.042") if kept else Decimal("0.412"),
        cross_validated_current=None if current_cv is None else Decimal(current_cv),
        cross_validated_suggested=None if suggested_cv is None else Decimal(suggested_cv),
        kept_current=kept,
    )


@pytest.mark.parametrize(
    ("current", "suggested", "recommended"),
    [
        ("0.240", "0.227", False),  # the probe's figures: in-sample better, cross-validated worse
        ("0.398", "0.398", False),  # equal, as shown: cross-validation gives no reason to change
        ("0.240", "0.241", True),  # above, as shown: no further margin
        (None, "0.300", False),  # not computable: nothing supports the change
        ("0.300", None, False),
    ],
)
def test_recommended_only_when_cross_validation_beats_the_current_weights(
    current: str | None, suggested: str | None, recommended: bool
) -> None:
    found = suggestion(current, suggested)
    assert found.recommended is recommended
    assert found.to_dict()["recommended"] is recommended
    assert found.to_dict()["advice"] == found.advice()
    assert found.advice().startswith("Cross-validated" if recommended else "Keep the current weights")


def test_keeping_the_current_weights_is_not_a_recommendation_to_change() -> None:
    kept = suggestion("0.300", "0.300", kept=True)
    assert not kept.recommended
    assert (
        kept.advice()
        == "No weights on the grid rank the accounts more like their NDR than the current ones: keep them."
    )


def report() -> Backtest:
    return compute_backtest([], ScoringConfig(), date(2026, 1, 31), date(2026, 11, 30))


def test_a_suggestion_cross_validation_does_not_support_is_not_offered_for_pasting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    worse = suggestion("0.240", "0.227")
    result = report()
    print_backtest(result, "", worse)
    text = capsys.readouterr().out
    assert "Keep the current weights: cross-validated, the suggestion does no better than them (0.227 against " in text
    assert "0.240)" in text and "not recommended" in text
    assert PASTE not in text.casefold() and "[scoring]" not in text
    assert "Weights (the suggestion is not recommended; for reference only)" in text
    assert "+++ weights suggested (not recommended)\n" in text and "+current_revenue = 40\n" in text
    markdown = backtest_markdown(result, "", worse)
    fences = [token.info for token in MarkdownIt().parse(markdown) if token.type == "fence"]
    assert fences == ["diff"]  # no toml block to paste
    assert "Keep the current weights" in markdown
    data = json.loads(backtest_json(result, worse))
    assert data["suggested_weights"]["recommended"] is False
    assert data["suggested_weights"]["advice"].startswith("Keep the current weights")
    assert "setting" in data["suggested_weights"]  # the contract's field stays


def test_a_suggestion_cross_validation_supports_is_offered_for_pasting(capsys: pytest.CaptureFixture[str]) -> None:
    better = suggestion("0.211", "0.341")
    result = report()
    print_backtest(result, "", better)
    text = capsys.readouterr().out
    assert (
        "Cross-validated, the suggestion ranks accounts it was not fitted on better than the current weights "
        "(0.341 against 0.211): paste the setting below into samkit.toml to adopt it (samkit never writes it)."
    ) in text
    assert "\nWeights\n" in text and "not recommended" not in text
    assert "[scoring]\nweights = { current_revenue = 40," in text and "+++ weights suggested\n" in text
    markdown = backtest_markdown(result, "", better)
    fences = [token for token in MarkdownIt().parse(markdown) if token.type == "fence"]
    assert [fence.info for fence in fences] == ["toml", "diff"]
    assert tomllib.loads(fences[0].content)["scoring"]["weights"]["current_revenue"] == 40
    assert json.loads(backtest_json(result, better))["suggested_weights"]["recommended"] is True
