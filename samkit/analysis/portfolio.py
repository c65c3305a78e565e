"""The program view over many plans: tiers and ARR, manager load, health, coverage, pipeline, reviews.

The program's rules of thumb (shown to users as such): a Strategic Account Manager owns
5-15 accounts and service degrades past 20; strategic accounts are the top 10-20% of accounts and bring
60-80% of ARR; plans are reviewed quarterly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from samkit.analysis.coverage import compute_coverage
from samkit.analysis.engagement import has_executive_alignment
from samkit.analysis.objectives import ProgramObjectives, program_objectives
from samkit.analysis.pipeline import Pipeline, compute_pipeline, sum_pipelines
from samkit.analysis.program import PlanStanding, Program, is_unmapped
from samkit.analysis.scoring import STRATEGIC, STRATEGIC_ACCOUNT_SHARE, STRATEGIC_ARR_SHARE, TIERS, band_status
from samkit.analysis.staleness import days_between
from samkit.analysis.whitespace import compute_whitespace
from samkit.config import Config
from samkit.plan.enums import Tier
from samkit.plan.model import Plan

# every plan has a tier (domain.md: the score's, else declared, else strategic), so there is no "Untiered" row
TIER_ORDER: tuple[str, ...] = TIERS

MANAGER_MIN_ACCOUNTS = 5
MANAGER_MAX_ACCOUNTS = 15
MANAGER_DEGRADED_ABOVE = 20
# manager load: machine codes (JSON) and what people read
LOAD_UNDER = "under_loaded"
LOAD_OK = "ok"
LOAD_OVER = "over_capacity"
LOAD_DEGRADED = "degraded"
LOAD_LABELS: dict[str, str] = {
    LOAD_UNDER: f"under-loaded (fewer than {MANAGER_MIN_ACCOUNTS})",
    LOAD_OK: f"ok ({MANAGER_MIN_ACCOUNTS}-{MANAGER_MAX_ACCOUNTS})",
    LOAD_OVER: f"over {MANAGER_MAX_ACCOUNTS}: flagged",
    LOAD_DEGRADED: f"over {MANAGER_DEGRADED_ABOVE}: degraded service",
}

HEALTHY_FROM = Decimal(70)
ATTENTION_FROM = Decimal(40)
HEALTHY = "healthy"
NEEDS_ATTENTION = "needs_attention"
AT_RISK = "at_risk"
HEALTH_UNKNOWN = "unknown"
HEALTH_LABELS: dict[str, str] = {
    HEALTHY: "healthy (70-100)",
    NEEDS_ATTENTION: "needs attention (40 to under 70)",
    AT_RISK: "at risk (under 40)",
    HEALTH_UNKNOWN: "no health score",
}

_ONE_DECIMAL = Decimal("0.1")


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def manager_load(accounts: int) -> str:
    if accounts > MANAGER_DEGRADED_ABOVE:
        return LOAD_DEGRADED
    if accounts > MANAGER_MAX_ACCOUNTS:
        return LOAD_OVER
    if accounts < MANAGER_MIN_ACCOUNTS:
        return LOAD_UNDER
    return LOAD_OK


def health_band(score: Decimal | None) -> str:
    """healthy 70-100, needs attention 40 to under 70, at risk under 40 (so 82/100 is healthy)."""
    if score is None:
        return HEALTH_UNKNOWN
    if score >= HEALTHY_FROM:
        return HEALTHY
    if score >= ATTENTION_FROM:
        return NEEDS_ATTENTION
    return AT_RISK


def percent_of(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal (``None`` when ``whole`` is 0)."""
    if not whole:
        return None
    return one_decimal(Decimal(part) * 100 / Decimal(whole))


@dataclass(frozen=True)
class AccountRow:
    path: str
    account: str
    manager: str
    tier: str
    arr: Decimal | None
    health_score: Decimal | None
    stakeholders: int
    relationships: int
    single_threaded: bool
    pipeline: Pipeline
    last_reviewed: date | None
    days_since_review: int | None
    review_overdue: bool
    # whitespace potential (domain.md): untapped + competitor cells, and pipeline cells
    untapped_potential: Decimal = Decimal(0)
    pipeline_potential: Decimal = Decimal(0)
    executive_alignment: bool = False
    # the tier's own limits (program view): portfolio names each plan's interval and target
    review_interval_days: int = 92
    min_stakeholders: int = 8
    tier_source: str = "default"
    unmapped: bool = False  # no stakeholder and never reviewed: just written by `samkit new`

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "account": self.account,
            "manager": self.manager,
            "tier": self.tier,
            "tier_source": self.tier_source,
            "review_interval_days": self.review_interval_days,
            "target_stakeholders": self.min_stakeholders,
            "arr": self.arr,
            "health_score": self.health_score,
            "health": health_band(self.health_score),
            "stakeholders": self.stakeholders,
            "relationships": self.relationships,
            "single_threaded": self.single_threaded,
            "pipeline": self.pipeline.to_dict(),
            "last_reviewed": self.last_reviewed,
            "days_since_review": self.days_since_review,
            "review_overdue": self.review_overdue,
            "whitespace": {
                "untapped_potential": self.untapped_potential,
                "pipeline_potential": self.pipeline_potential,
            },
            "executive_alignment": self.executive_alignment,
        }


@dataclass(frozen=True)
class TierRow:
    tier: str
    accounts: int
    arr: Decimal
    arr_unknown: int
    untapped_potential: Decimal = Decimal(0)
    pipeline_potential: Decimal = Decimal(0)

    @property
    def whitespace_potential(self) -> Decimal:
        return self.untapped_potential + self.pipeline_potential

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "accounts": self.accounts,
            "arr": self.arr,
            "arr_unknown": self.arr_unknown,
            "whitespace": {
                "untapped_potential": self.untapped_potential,
                "pipeline_potential": self.pipeline_potential,
                "total": self.whitespace_potential,
            },
        }


@dataclass(frozen=True)
class Alignment:
    """Strategic accounts with an executive of ours paired with an economic buyer (domain.md)."""

    strategic_accounts: int
    aligned: int

    @property
    def share(self) -> Decimal | None:
        return percent_of(self.aligned, self.strategic_accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategic_accounts": self.strategic_accounts,
            "with_executive_alignment": self.aligned,
            "share_percent": self.share,
        }


@dataclass(frozen=True)
class ManagerRow:
    manager: str
    accounts: int
    strategic_accounts: int

    @property
    def load(self) -> str:
        return manager_load(self.accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "accounts": self.accounts,
            "strategic_accounts": self.strategic_accounts,
            "load": self.load,
        }


@dataclass(frozen=True)
class Concentration:
    """Strategic accounts against the rule of thumb: 10-20% of accounts and 60-80% of ARR."""

    accounts: int
    strategic_accounts: int
    accounts_with_arr: int
    arr: Decimal
    strategic_arr: Decimal

    @property
    def account_share(self) -> Decimal | None:
        return percent_of(self.strategic_accounts, self.accounts)

    @property
    def arr_share(self) -> Decimal | None:
        return percent_of(self.strategic_arr, self.arr)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategic_accounts": self.strategic_accounts,
            "accounts": self.accounts,
            "account_share_percent": self.account_share,
            "account_share_status": band_status(self.account_share, STRATEGIC_ACCOUNT_SHARE),
            "account_share_target": [STRATEGIC_ACCOUNT_SHARE[0], STRATEGIC_ACCOUNT_SHARE[1]],
            "strategic_arr": self.strategic_arr,
            "arr": self.arr,
            "accounts_with_arr": self.accounts_with_arr,
            "arr_share_percent": self.arr_share,
            "arr_share_status": band_status(self.arr_share, STRATEGIC_ARR_SHARE),
            "arr_share_target": [STRATEGIC_ARR_SHARE[0], STRATEGIC_ARR_SHARE[1]],
        }


@dataclass(frozen=True)
class Portfolio:
    today: date
    accounts: list[AccountRow]  # the active plans, in the one account ordering (program view)
    min_stakeholders: int
    review_interval_days: int
    # round 3: objectives at risk or missed across the program
    objectives: ProgramObjectives = field(default_factory=lambda: ProgramObjectives(0, []))
    churned: dict[str, Any] | None = None  # ``Program.churned_dict()``: history, apart from every figure

    @property
    def tiers(self) -> list[TierRow]:
        rows = []
        for tier in TIER_ORDER:
            members = [row for row in self.accounts if row.tier == tier]
            rows.append(
                TierRow(
                    tier,
                    len(members),
                    sum((row.arr for row in members if row.arr is not None), Decimal(0)),
                    sum(1 for row in members if row.arr is None),
                    sum((row.untapped_potential for row in members), Decimal(0)),
                    sum((row.pipeline_potential for row in members), Decimal(0)),
                )
            )
        return rows

    @property
    def managers(self) -> list[ManagerRow]:
        """Accounts per manager; names match ignoring case and spacing, shown as first written."""
        grouped: dict[str, list[AccountRow]] = {}
        shown: dict[str, str] = {}
        for row in self.accounts:
            key = " ".join(row.manager.split()).casefold()
            shown.setdefault(key, " ".join(row.manager.split()))
            grouped.setdefault(key, []).append(row)
        managers = [
            ManagerRow(shown[key], len(rows), sum(1 for row in rows if row.tier == STRATEGIC))
            for key, rows in grouped.items()
        ]
        return sorted(managers, key=lambda row: (-row.accounts, row.manager.casefold()))

    @property
    def concentration(self) -> Concentration:
        with_arr = [row for row in self.accounts if row.arr is not None]
        return Concentration(
            accounts=len(self.accounts),
            strategic_accounts=sum(1 for row in self.accounts if row.tier == STRATEGIC),
            accounts_with_arr=len(with_arr),
            arr=sum((row.arr for row in with_arr if row.arr is not None), Decimal(0)),
            strategic_arr=sum(
                (row.arr for row in with_arr if row.arr is not None and row.tier == STRATEGIC), Decimal(0)
            ),
        )

    @property
    def alignment(self) -> Alignment:
        strategic = [row for row in self.accounts if row.tier == STRATEGIC]
        return Alignment(len(strategic), sum(1 for row in strategic if row.executive_alignment))

    @property
    def health(self) -> dict[str, int]:
        counts = dict.fromkeys(HEALTH_LABELS, 0)
        for row in self.accounts:
            counts[health_band(row.health_score)] += 1
        return counts

    @property
    def average_health(self) -> Decimal | None:
        scores = [row.health_score for row in self.accounts if row.health_score is not None]
        return one_decimal(sum(scores, Decimal(0)) / len(scores)) if scores else None

    @property
    def single_threaded(self) -> list[AccountRow]:
        """Mapped plans with fewer than 2 relationships (a plan not mapped yet is listed as such instead)."""
        return [row for row in self.accounts if row.single_threaded and not row.unmapped]

    @property
    def unmapped(self) -> list[AccountRow]:
        return [row for row in self.accounts if row.unmapped]

    @property
    def below_target(self) -> list[AccountRow]:
        """Plans with fewer stakeholders than their own tier's target."""
        return [row for row in self.accounts if row.stakeholders < row.min_stakeholders]

    @property
    def targets(self) -> dict[str, int]:
        """The stakeholder target of each tier present, in tier order."""
        targets: dict[str, int] = {}
        for row in sorted(self.accounts, key=lambda row: TIER_ORDER.index(row.tier)):
            targets.setdefault(row.tier, row.min_stakeholders)
        return targets

    @property
    def average_stakeholders(self) -> Decimal | None:
        if not self.accounts:
            return None
        return one_decimal(Decimal(sum(row.stakeholders for row in self.accounts)) / len(self.accounts))

    @property
    def pipeline(self) -> Pipeline:
        return sum_pipelines(row.pipeline for row in self.accounts)

    @property
    def overdue_reviews(self) -> list[AccountRow]:
        """Never reviewed first, then the longest since review."""
        overdue = [row for row in self.accounts if row.review_overdue]
        return sorted(overdue, key=lambda row: (row.days_since_review is not None, -(row.days_since_review or 0)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "accounts": [row.to_dict() for row in self.accounts],
            "tiers": [row.to_dict() for row in self.tiers],
            "concentration": self.concentration.to_dict(),
            "managers": [row.to_dict() for row in self.managers],
            "health": {**self.health, "average": self.average_health},
            "coverage": {
                "average_stakeholders": self.average_stakeholders,
                "target_stakeholders": self.min_stakeholders,
                "targets_by_tier": self.targets,
                "below_target": len(self.below_target),
                "single_threaded": len(self.single_threaded),
                "single_threaded_accounts": [row.account for row in self.single_threaded],
                "not_mapped_accounts": [row.account for row in self.unmapped],
            },
            "pipeline": self.pipeline.to_dict(),
            "reviews": {
                "interval_days": self.review_interval_days,
                "overdue": [
                    {
                        "path": row.path,
                        "account": row.account,
                        "last_reviewed": row.last_reviewed,
                        "days_since_review": row.days_since_review,
                        "interval_days": row.review_interval_days,
                    }
                    for row in self.overdue_reviews
                ],
            },
            "executive_alignment": self.alignment.to_dict(),
            "objectives": self.objectives.to_dict(),
            "churned": self.churned or {"accounts": 0, "last_arr": Decimal(0), "plans": []},
        }


def account_row(path: str, plan: Plan, standing: PlanStanding, today: date) -> AccountRow:
    """One active plan's row; its tier, limits and review status are the program view's (``standing``)."""
    coverage = compute_coverage(plan)
    whitespace = compute_whitespace(plan)
    return AccountRow(
        path=path,
        account=standing.account,
        manager=standing.manager,
        tier=standing.tier_label,
        arr=standing.arr,
        health_score=plan.state.health_score,
        stakeholders=coverage.stakeholders,
        relationships=coverage.relationships,
        single_threaded=coverage.single_threaded,
        pipeline=compute_pipeline(plan),
        last_reviewed=standing.last_reviewed,
        days_since_review=days_between(standing.last_reviewed, today) if standing.last_reviewed else None,
        review_overdue=standing.review_overdue,
        untapped_potential=whitespace.untapped_potential,
        pipeline_potential=whitespace.pipeline_potential,
        executive_alignment=has_executive_alignment(plan),
        review_interval_days=standing.limits.review_interval_days,
        min_stakeholders=standing.limits.min_stakeholders,
        tier_source=standing.tier_source.value,
        unmapped=is_unmapped(plan),
    )


def compute_portfolio(
    plans: Iterable[tuple[str, Plan]], config: Config, today: date, program: Program | None = None
) -> Portfolio:
    """The portfolio of the active plans (churned ones kept apart), accounts in the one account ordering."""
    program = program or Program(config, today)
    rows: list[AccountRow] = []

    def active_plans() -> Iterator[tuple[str, Plan]]:
        # one pass: each active plan gives its row and its objectives, and is let go
        for path, plan, standing in program.read(plans):
            rows.append(account_row(path, plan, standing, today))
            yield path, plan

    objectives = program_objectives(active_plans(), today)
    order = {standing.path: number for number, standing in enumerate(program.ordered())}
    rows.sort(key=lambda row: order.get(row.path, len(order)))
    # the headline limits are the strategic ones: the program's rules of thumb are written for strategic accounts
    strategic = config.lint.limits(Tier.STRATEGIC)
    return Portfolio(
        today,
        rows,
        strategic.min_stakeholders,
        strategic.review_interval_days,
        objectives=objectives,
        churned=program.churned_dict(),
    )
