"""``samkit backtest --suggest-weights``: the ``[scoring] weights`` whose score ranks the cohort's accounts most
like their NDR (Spearman's ρ), as a setting to review, never written.

The candidates: integer weights, multiples of 5, each 0-40, summing to 100 (in steps of 5: seven whole numbers
of 0-8 adding up to 20). Ranking only depends on the weights' ratios, so a score is computed as Σ steps ×
points, in integers (points scaled to whole numbers), and ρ from the ranks as ``backtest_stats`` does.

The search is a deterministic steepest ascent, not an exhaustive one: from a start, try every move of 5
points from one dimension to another (at most 42 neighbours), take the best if it raises ρ, and repeat until
no move does. It runs from ten starts (the current weights placed on the grid, weights in proportion to each
dimension's own positive ρ, equal weights, and for each dimension 40 on it with the rest spread evenly), and
the best end wins. Ties in ρ (to 12 decimals) go to the weights closest to the current ones (fewest points
moved), then to the larger weight on the earlier dimension in the order of the score block. If nothing found
beats the current weights in-sample, the suggestion is to keep them, so a suggestion never correlates worse
in-sample than the current weights. On 12 seeded random cohorts of 40 accounts it reached the exhaustive
optimum over all 144,186 weight sets every time (``benchmarks/bench_backtest.py --search-check 12``).

Cross-validation: accounts fall in 5 folds by a hash of their name (SHA-256 of the name as matched, ignoring
case), so a fold is the same on every run; for each fold the search runs on the other four (starting from
the in-sample suggestion and the current weights) and both weight sets are scored on the fold left out. The
figure is the mean of the folds' ρ where it exists.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import mul
from typing import Any

from samkit.analysis.backtest import CohortAccount
from samkit.analysis.backtest_stats import dense_keys, doubled_centred_ranks, spearman, three_decimals
from samkit.analysis.metrics import account_key
from samkit.config import DIMENSIONS

STEP = 5  # weights move in steps of 5 points
MAX_WEIGHT = 40
TOTAL = 100
FOLDS = 5
MIN_ACCOUNTS = 30  # fewer: no suggestion (too few to learn seven weights from)

_COUNTING_LIMIT = 1_000_000  # scores up to this are ranked by counting (points with up to three decimals)
_STEPS = TOTAL // STEP
_MAX_STEPS = MAX_WEIGHT // STEP
Steps = tuple[int, ...]


class TooFewAccounts(ValueError):
    """Fewer than ``MIN_ACCOUNTS`` in the cohort: the suggestion is refused (exit 2)."""


@dataclass(frozen=True)
class WeightSuggestion:
    current: dict[str, Decimal]
    suggested: dict[str, Decimal]
    in_sample_current: Decimal | None
    in_sample_suggested: Decimal | None
    cross_validated_current: Decimal | None
    cross_validated_suggested: Decimal | None
    kept_current: bool  # nothing on the grid correlated better in-sample

    @property
    def recommended(self) -> bool:
        """Whether to adopt the suggestion: only when, cross-validated, it ranks the accounts it was not fitted on
        better than the current weights do, on the figures as shown (three decimals). No further margin: five
        folds give no standard for one that is not itself a guess, and both figures are shown beside the advice.
        An in-sample gain alone is what any search finds on noise."""
        if self.kept_current or self.cross_validated_suggested is None or self.cross_validated_current is None:
            return False
        return self.cross_validated_suggested > self.cross_validated_current

    def advice(self) -> str:
        """The verdict on the suggestion, in one sentence for people."""
        if self.kept_current:
            return "No weights on the grid rank the accounts more like their NDR than the current ones: keep them."
        current, suggested = self.cross_validated_current, self.cross_validated_suggested
        if current is None or suggested is None:
            return (
                "Keep the current weights: cross-validation could not compare the two (no held-out fold has a "
                "correlation for both), so nothing supports the change; the suggestion is shown for reference only, "
                "not recommended."
            )
        if not self.recommended:
            return (
                f"Keep the current weights: cross-validated, the suggestion does no better than them ({suggested:f} "
                f"against {current:f}), so its in-sample gain does not carry over to accounts it was not fitted on; "
                "it is shown for reference only, not recommended."
            )
        return (
            f"Cross-validated, the suggestion ranks accounts it was not fitted on better than the current weights "
            f"({suggested:f} against {current:f}): paste the setting below into samkit.toml to adopt it (samkit never "
            "writes it)."
        )

    def setting(self) -> str:
        """The ``[scoring]`` table to paste into samkit.toml."""
        pairs = ", ".join(f"{name} = {self.suggested[name]}" for name in DIMENSIONS)
        return f"[scoring]\nweights = {{ {pairs} }}\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": dict(self.current),
            "suggested": dict(self.suggested),
            "spearman": {
                "in_sample": {"current": self.in_sample_current, "suggested": self.in_sample_suggested},
                "cross_validated": {
                    "current": self.cross_validated_current,
                    "suggested": self.cross_validated_suggested,
                    "folds": FOLDS,
                },
            },
            "kept_current": self.kept_current,
            "setting": self.setting(),
            "recommended": self.recommended,
            "advice": self.advice(),
        }


def fold_of(name: str) -> int:
    """The account's cross-validation fold, from a hash of its name as accounts are matched (ignoring case)."""
    return int.from_bytes(hashlib.sha256(account_key(name).encode("utf-8")).digest()[:8], "big") % FOLDS


def _scaled_points(accounts: Sequence[CohortAccount]) -> list[list[int]]:
    """Per dimension, every account's points as whole numbers (all scaled by the same power of ten)."""
    digits = 0
    for account in accounts:
        for value in account.points.values():
            exponent = value.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                digits = max(digits, -exponent)
    return [[int(account.points[name].scaleb(digits)) for account in accounts] for name in DIMENSIONS]


class _Problem:
    """The accounts of one search: their scaled points per dimension and their NDR's doubled centred ranks.

    ρ is ``rank_correlation``'s formula on the same integers, so it is the same float; the NDR side is ranked
    once, and a score (a small non-negative integer) is ranked by counting rather than sorting."""

    def __init__(self, points: list[list[int]], ndrs: Sequence[Any]) -> None:
        self.points = points
        self.size = len(ndrs)
        keys, distinct = dense_keys(ndrs)
        self.ndr_ranks = doubled_centred_ranks(keys, distinct)
        self.ndr_spread = sum(map(mul, self.ndr_ranks, self.ndr_ranks))
        self._memo: dict[Steps, float | None] = {}

    def scores(self, steps: Steps) -> list[int]:
        totals = [0] * self.size
        for weight, column in zip(steps, self.points, strict=True):
            if weight:
                totals = [total + weight * value for total, value in zip(totals, column, strict=True)]
        return totals

    def rho(self, steps: Steps, scores: list[int] | None = None) -> float | None:
        if steps not in self._memo:
            self._memo[steps] = self._rho(scores if scores is not None else self.scores(steps))
        return self._memo[steps]

    def _rho(self, scores: list[int]) -> float | None:
        if not scores or self.ndr_spread == 0:
            return None
        highest = max(scores)
        if highest > _COUNTING_LIMIT:
            keys, distinct = dense_keys(scores)
            ranks = doubled_centred_ranks(keys, distinct)
        else:
            counts = [0] * (highest + 1)
            for score in scores:
                counts[score] += 1
            doubled = counts[:]  # reused: each score's 2 × average rank − (n + 1)
            below = 0
            for value, count in enumerate(counts):
                doubled[value] = 2 * below + count - self.size
                below += count
            ranks = [doubled[score] for score in scores]
        spread = sum(map(mul, ranks, ranks))
        if spread == 0:
            return None
        return float(sum(map(mul, ranks, self.ndr_ranks)) / math.sqrt(spread * self.ndr_spread))


def _key(rho: float | None, steps: Steps, current: Steps) -> tuple[float, int, Steps]:
    """Higher is better: ρ (to 12 decimals, so rounding noise is a tie), then fewer points moved, then the
    larger weight on the earlier dimension."""
    moved = sum(abs(a - b) for a, b in zip(steps, current, strict=True))
    return (round(rho, 12) if rho is not None else -2.0, -moved, steps)


def _climb(problem: _Problem, start: Steps, current: Steps) -> Steps:
    here = start
    scores = problem.scores(here)
    best = _key(problem.rho(here, scores), here, current)
    while True:
        candidates: list[tuple[tuple[float, int, Steps], Steps, list[int]]] = []
        for giver in range(len(here)):
            if here[giver] == 0:
                continue
            for taker in range(len(here)):
                if taker == giver or here[taker] == _MAX_STEPS:
                    continue
                moved = list(here)
                moved[giver] -= 1
                moved[taker] += 1
                steps = tuple(moved)
                taken, given = problem.points[taker], problem.points[giver]
                new_scores = [s + t - g for s, t, g in zip(scores, taken, given, strict=True)]
                candidates.append((_key(problem.rho(steps, new_scores), steps, current), steps, new_scores))
        if not candidates:
            return here
        key, steps, new_scores = max(candidates, key=lambda item: item[0])
        if key[0] <= best[0]:
            return here
        here, scores, best = steps, new_scores, key


def _on_grid(weights: Sequence[Decimal | float]) -> Steps:
    """The nearest grid point: each weight to the nearest step within 0-40, then the total mended to 100 by
    adding to the dimensions furthest below their wish (removing from those furthest above), earliest first."""
    wished = [float(weight) / STEP for weight in weights]
    steps = [min(_MAX_STEPS, max(0, round(value))) for value in wished]
    while sum(steps) != _STEPS:
        if sum(steps) < _STEPS:
            room = [index for index in range(len(steps)) if steps[index] < _MAX_STEPS]
            index = max(room, key=lambda index: (wished[index] - steps[index], -index))
            steps[index] += 1
        else:
            room = [index for index in range(len(steps)) if steps[index] > 0]
            index = max(room, key=lambda index: (steps[index] - wished[index], -index))
            steps[index] -= 1
    return tuple(steps)


def _search(problem: _Problem, starts: Sequence[Steps], current: Steps) -> Steps:
    ends = {_climb(problem, start, current) for start in dict.fromkeys(starts)}
    return max(ends, key=lambda steps: _key(problem.rho(steps), steps, current))


def _weights(steps: Steps) -> dict[str, Decimal]:
    return {name: Decimal(step * STEP) for name, step in zip(DIMENSIONS, steps, strict=True)}


def _mean(values: list[float]) -> Decimal | None:
    return three_decimals(sum(values) / len(values)) if values else None


def suggest_weights(accounts: Sequence[CohortAccount], current: Mapping[str, Decimal]) -> WeightSuggestion:
    """The suggestion for the cohort scored with ``current``; ``TooFewAccounts`` under ``MIN_ACCOUNTS``."""
    if len(accounts) < MIN_ACCOUNTS:
        raise TooFewAccounts(
            f"--suggest-weights needs at least {MIN_ACCOUNTS} accounts in the cohort to learn seven weights from; "
            f"it has {len(accounts)}"
        )
    ordered = sorted(accounts, key=lambda account: (account_key(account.name), account.name))
    points = _scaled_points(ordered)
    ndrs = [account.ndr for account in ordered]
    current_weights = [current[name] for name in DIMENSIONS]
    current_steps = _on_grid(current_weights)
    problem = _Problem(points, ndrs)
    own = [spearman([account.points[name] for account in ordered], ndrs) for name in DIMENSIONS]
    positive = [max(rho or 0.0, 0.0) for rho in own]
    proportional = _on_grid([TOTAL * rho / sum(positive) for rho in positive]) if sum(positive) > 0 else None
    even = _on_grid([TOTAL / len(DIMENSIONS)] * len(DIMENSIONS))
    others = (TOTAL - MAX_WEIGHT) / (len(DIMENSIONS) - 1)
    leaning = [
        _on_grid([MAX_WEIGHT if index == heavy else others for index in range(len(DIMENSIONS))])
        for heavy in range(len(DIMENSIONS))
    ]
    starts = [current_steps, *([proportional] if proportional else []), even, *leaning]
    best = _search(problem, starts, current_steps)
    current_rho = _current_rho(current_weights, ordered)
    best_rho = problem.rho(best)
    kept = _worse(best_rho, current_rho)
    suggested = dict(current) if kept else _weights(best)
    suggested_rho = current_rho if kept else best_rho
    cv_current, cv_suggested = _cross_validate(ordered, points, current_weights, current_steps, best)
    return WeightSuggestion(
        current=dict(current),
        suggested=suggested,
        in_sample_current=three_decimals(current_rho),
        in_sample_suggested=three_decimals(suggested_rho),
        cross_validated_current=cv_current,
        cross_validated_suggested=cv_suggested,
        kept_current=kept,
    )


def _current_rho(weights: list[Decimal], accounts: Sequence[CohortAccount]) -> float | None:
    """ρ of the score with the current weights as they are (on the grid or not) against NDR."""
    scores = [
        sum(w * account.points[name] for w, name in zip(weights, DIMENSIONS, strict=True)) for account in accounts
    ]
    return spearman(scores, [account.ndr for account in accounts])


def _worse(found: float | None, current: float | None) -> bool:
    """Whether the search's best correlates worse than the current weights (to 12 decimals)."""
    return found is None or (current is not None and round(found, 12) < round(current, 12))


def _cross_validate(
    ordered: Sequence[CohortAccount],
    points: list[list[int]],
    current_weights: list[Decimal],
    current_steps: Steps,
    in_sample: Steps,
) -> tuple[Decimal | None, Decimal | None]:
    folds = [fold_of(account.name) for account in ordered]
    current_rhos: list[float] = []
    suggested_rhos: list[float] = []
    for fold in range(FOLDS):
        train = [index for index, each in enumerate(folds) if each != fold]
        test = [index for index, each in enumerate(folds) if each == fold]
        if len(train) < 2 or len(test) < 2:
            continue
        trained = _Problem([[column[i] for i in train] for column in points], [ordered[i].ndr for i in train])
        steps = _search(trained, [in_sample, current_steps], current_steps)
        now = _current_rho(current_weights, [ordered[i] for i in test])
        if _worse(trained.rho(steps), _current_rho(current_weights, [ordered[i] for i in train])):
            suggested = now  # the same rule as in-sample: keep the current weights when the search found worse
        else:
            held_out = _Problem([[column[i] for i in test] for column in points], [ordered[i].ndr for i in test])
            suggested = held_out.rho(steps)
        if suggested is not None:
            suggested_rhos.append(suggested)
        if now is not None:
            current_rhos.append(now)
    return _mean(current_rhos), _mean(suggested_rhos)
