"""Scoring a roster: each account's exact score and tier, the tier summary, and the per-dimension explanation.

Rows from the Python reader are scored with ``scoring.weighted_score`` in ``Decimal``. Rows from the columnar
reader are scored column-wise in exact scaled integers (points × 10**k, weights × 10**m, so the score is an
integer count of 10**-(k+m+1)); the tier compares that integer with the thresholds scaled the same way, so
a score of exactly 70 is Strategic. Both give identical results (the tests check it).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.analysis.scoring import (
    STRATEGIC_ACCOUNT_SHARE,
    STRATEGIC_ARR_SHARE,
    TIERS,
    Thresholds,
    band_status,
    band_text,
    contributions,
    display_score,
    tier_for,
)
from samkit.analysis.scoring import weighted_score as exact_score
from samkit.config import DIMENSIONS, ScoringConfig
from samkit.findings import INVALID_ROW, Finding, Severity
from samkit.plan.values import format_percent_to_tenth, normalize_enum_text
from samkit.roster.reader import (
    BLANK,
    FrameRead,
    ProgressCallback,
    RosterLayout,
    RowProblem,
    RowsRead,
    read_roster,
)

if TYPE_CHECKING:
    import polars as pl

    from samkit.roster.reader import Engine

SCORE_COLUMN = "score"
TIER_COLUMN = "tier"
CONTRIBUTION_SUFFIX = "_contribution"


def thresholds_of(scoring: ScoringConfig) -> Thresholds:
    return Thresholds(scoring.strategic_threshold, scoring.key_threshold)


@dataclass(frozen=True)
class AccountScore:
    account: str
    line: int
    points: dict[str, Decimal]
    score: Decimal
    tier: str
    arr: Decimal | None = None

    def contributions(self, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
        return contributions(self.points, weights)

    def to_dict(
        self,
        weights: Mapping[str, Decimal] | None = None,
        thresholds: Thresholds = Thresholds(),
        with_arr: bool = False,
    ) -> dict[str, object]:
        """The ``score --format json`` shape; ``arr`` when the roster has an ARR column (null for a blank cell);
        with ``weights`` (``--explain``) also each weighted contribution."""
        data: dict[str, object] = {
            "account": self.account,
            "score": display_score(self.score, thresholds),
            "tier": self.tier,
            "line": self.line,
            "points": {name: self.points[name] for name in DIMENSIONS},
        }
        if with_arr:
            data["arr"] = self.arr
        if weights is not None:
            data["contributions"] = self.contributions(weights)
        return data


@dataclass(frozen=True)
class TierShare:
    tier: str
    accounts: int
    account_share: Decimal | None
    arr: Decimal | None
    arr_share: Decimal | None

    def to_dict(self) -> dict[str, object]:
        return {
            "tier": self.tier,
            "accounts": self.accounts,
            "account_share": self.account_share,
            "arr": self.arr,
            "arr_share": self.arr_share,
        }


@dataclass(frozen=True)
class RosterSummary:
    """Accounts per tier, and ARR per tier when the roster has an ARR column."""

    counts: dict[str, int]
    arr: dict[str, Decimal] | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def total_arr(self) -> Decimal | None:
        return sum(self.arr.values(), Decimal(0)) if self.arr is not None else None

    def shares(self) -> list[TierShare]:
        total_arr = self.total_arr
        shares = []
        for tier in TIERS:
            count = self.counts.get(tier, 0)
            arr = self.arr.get(tier, Decimal(0)) if self.arr is not None else None
            shares.append(
                TierShare(
                    tier,
                    count,
                    Decimal(count) / self.total if self.total else None,
                    arr,
                    arr / total_arr if arr is not None and total_arr else None,
                )
            )
        return shares

    def concentration(self) -> str:
        """The rule of thumb: are Strategic accounts the top 10-20% of accounts and 60-80% of revenue?"""
        strategic = self.shares()[0]
        if strategic.account_share is None:
            return "No accounts scored."
        accounts = f"{format_percent_to_tenth(strategic.account_share)} of accounts"
        # the shares are exact fractions; scaleb(2) makes them percentages without rounding
        inside = band_status(strategic.account_share.scaleb(2), STRATEGIC_ACCOUNT_SHARE) == "within"
        if strategic.arr_share is not None:
            accounts += f" and {format_percent_to_tenth(strategic.arr_share)} of ARR"
            inside = inside and band_status(strategic.arr_share.scaleb(2), STRATEGIC_ARR_SHARE) == "within"
        elif self.arr is not None:
            accounts += " (no ARR recorded)"
        verdict = "within" if inside else "outside"
        return (
            f"Strategic accounts are {accounts}: {verdict} the rule of thumb "
            f"(top {band_text(STRATEGIC_ACCOUNT_SHARE)} of accounts, {band_text(STRATEGIC_ARR_SHARE)} of revenue)."
        )

    def to_dict(self) -> dict[str, int]:
        return {tier: self.counts.get(tier, 0) for tier in TIERS}


def output_header(layout: RosterLayout, explain: bool) -> tuple[list[int], list[str]]:
    """The roster columns kept in CSV output (by index) and the full output header.

    Columns named like the ones scoring adds (``score``, ``tier``, ``*_contribution``) are replaced, so a
    scored roster can be scored again.
    """
    added = [SCORE_COLUMN, TIER_COLUMN]
    if explain:
        added += [f"{name}{CONTRIBUTION_SUFFIX}" for name in DIMENSIONS]
    kept = [index for index, cell in enumerate(layout.header) if normalize_enum_text(cell.strip(BLANK)) not in added]
    return kept, [layout.header[index] for index in kept] + added


@dataclass
class ScoredRoster:
    """A scored roster, from either reader; ``frame`` is set when the columnar reader read it."""

    path: str
    layout: RosterLayout
    weights: dict[str, Decimal]
    thresholds: Thresholds
    summary: RosterSummary
    _accounts: list[AccountScore] | None = None
    _cells: list[tuple[str, ...]] | None = None
    frame: pl.DataFrame | None = None
    plain_columns: frozenset[int] = frozenset()
    _score_scale: int = 0
    _points_scale: int = 0
    _weight_scale: int = 0

    def __len__(self) -> int:
        return self.summary.total

    def accounts(self) -> Iterator[AccountScore]:
        """Accounts in roster order."""
        if self._accounts is not None:
            yield from self._accounts
            return
        assert self.frame is not None
        yield from self._frame_accounts(self.frame)

    def iter_ranked(self) -> Iterator[AccountScore]:
        """``ranked()`` one account at a time: a columnar roster is sorted as a frame and turned into accounts
        lazily, so half a million of them never sit in memory at once."""
        if self._accounts is not None:
            yield from self.ranked()
            return
        assert self.frame is not None
        yield from self._frame_accounts(self.frame.sort("score_scaled", descending=True, maintain_order=True))

    def ranked(self, limit: int | None = None) -> list[AccountScore]:
        """Highest exact score first; equal scores keep roster order; the first ``limit`` (None: all)."""
        if self._accounts is not None:
            if limit is None:
                return sorted(self._accounts, key=lambda account: -account.score)
            return heapq.nsmallest(limit, self._accounts, key=lambda account: -account.score)  # stable, like sorted
        assert self.frame is not None
        frame = self.frame.sort("score_scaled", descending=True, maintain_order=True)
        return list(self._frame_accounts(frame if limit is None else frame.head(limit)))

    def to_dict(self, explain: bool = False) -> dict[str, object]:
        weights = self.weights if explain else None
        with_arr = self.summary.arr is not None
        return {
            "accounts": [account.to_dict(weights, self.thresholds, with_arr) for account in self.accounts()],
            "summary": self.summary.to_dict(),
        }

    def csv_rows(self, explain: bool) -> tuple[list[str], Iterator[list[str]]]:
        """Output header and rows of text for the Python CSV writer (rows the Python reader read)."""
        kept, header = output_header(self.layout, explain)
        assert self._accounts is not None and self._cells is not None

        def rows() -> Iterator[list[str]]:
            assert self._accounts is not None and self._cells is not None
            for account, cells in zip(self._accounts, self._cells, strict=True):
                row = [cells[index] for index in kept] + [
                    str(display_score(account.score, self.thresholds)),
                    account.tier,
                ]
                if explain:
                    row += [_decimal_text(value) for value in account.contributions(self.weights).values()]
                yield row

        return header, rows()

    def csv_frame(self, explain: bool) -> tuple[list[str], pl.DataFrame, list[str]]:
        """Output header, the output columns for polars' CSV writer (columnar reader only), and the names of
        the output columns that may hold formula-like text (the others are known to be plain)."""
        import polars as pl

        assert self.frame is not None
        kept, header = output_header(self.layout, explain)
        columns = [pl.col(f"c{index}") for index in kept] + [pl.col("score_text"), pl.col("tier")]
        if explain:
            scale = self._points_scale + self._weight_scale + 1
            for name in DIMENSIONS:
                weight = int(self.weights[name].scaleb(self._weight_scale))
                columns.append(_scaled_text(pl, pl.col(f"p_{name}").cast(pl.Int64) * weight, scale))
        # output names are positional: blank roster headers may repeat, polars needs distinct names
        frame: pl.DataFrame = self.frame.select(column.alias(f"o{index}") for index, column in enumerate(columns))
        suspects = [f"o{position}" for position, index in enumerate(kept) if index not in self.plain_columns]
        return header, frame, suspects

    def _frame_accounts(self, frame: pl.DataFrame) -> Iterator[AccountScore]:
        dimensions = [f"p_{name}" for name in DIMENSIONS]
        arr = "arr_micro" if "arr_micro" in frame.columns else None
        columns = [f"c{self.layout.account}", "line", "score_scaled", "tier", *dimensions] + ([arr] if arr else [])
        scaled: dict[int, Decimal] = {}  # points repeat (0-10, in halves as a rule): one Decimal per value
        for row in frame.select(columns).iter_rows():
            account, line, score, tier, *rest = row
            points = {}
            for name, value in zip(DIMENSIONS, rest[: len(DIMENSIONS)], strict=True):
                point = scaled.get(value)
                if point is None:
                    point = scaled[value] = Decimal(value).scaleb(-self._points_scale)
                points[name] = point
            money = rest[len(DIMENSIONS)] if arr else None
            yield AccountScore(
                account.strip(BLANK),
                line,
                points,
                Decimal(score).scaleb(-self._score_scale),
                tier,
                Decimal(money).scaleb(-6) if money is not None else None,
            )


def _decimal_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _scaled_text(pl: Any, scaled: Any, scale: int) -> Any:
    """An exact integer count of 10**-scale as decimal text without trailing zeros (``2125``, 2 → ``21.25``)."""
    if scale == 0:
        return scaled.cast(pl.String)
    unit = 10**scale
    whole = (scaled // unit).cast(pl.String)
    fraction = (scaled % unit).cast(pl.String).str.pad_start(scale, "0").str.strip_chars_end("0")
    return pl.when(fraction == "").then(whole).otherwise(whole + "." + fraction)


@dataclass(frozen=True)
class ScoreOutcome:
    """The result of ``samkit score``: a scored roster, or the invalid rows that stopped it."""

    path: str
    roster: ScoredRoster | None
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """The invalid rows as findings (code ``SAM010``), the shape every command reports problems in."""
        return [
            Finding(self.path, problem.line, problem.column or 0, INVALID_ROW, Severity.ERROR, problem.message)
            for problem in self.problems
        ]


def score_roster(
    path: str | Path,
    scoring: ScoringConfig | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
    progress: ProgressCallback | None = None,
    currency: str | None = None,
) -> ScoreOutcome:
    """Score a roster; with the program's ``currency``, a money cell with another currency's sign is an
    invalid row (None: any sign is read)."""
    scoring = scoring or ScoringConfig()
    name = str(path)
    read = read_roster(
        name, scoring, delimiter=delimiter, encoding=encoding, engine=engine, progress=progress, currency=currency
    )
    if isinstance(read, FrameRead):
        if progress is not None:
            progress("scoring", 2, 4)
        from samkit.roster.frame_scoring import score_frame

        return ScoreOutcome(name, score_frame(name, read, scoring))
    if read.problems:
        return ScoreOutcome(name, None, read.problems)
    return ScoreOutcome(name, _score_rows(name, read, scoring))


def _score_rows(path: str, read: RowsRead, scoring: ScoringConfig) -> ScoredRoster:
    thresholds = thresholds_of(scoring)
    accounts = []
    counts = dict.fromkeys(TIERS, 0)
    arr: dict[str, Decimal] | None = dict.fromkeys(TIERS, Decimal(0)) if read.layout.arr is not None else None
    for row in read.rows:
        score = exact_score(row.points, scoring.weights)
        tier = tier_for(score, thresholds)
        accounts.append(AccountScore(row.account, row.line, row.points, score, tier, row.arr))
        counts[tier] += 1
        if arr is not None and row.arr is not None:
            arr[tier] += row.arr
    return ScoredRoster(
        path,
        read.layout,
        dict(scoring.weights),
        thresholds,
        RosterSummary(counts, arr),
        _accounts=accounts,
        _cells=[row.cells for row in read.rows],
    )
