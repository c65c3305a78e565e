"""Program metrics over a period (domain.md, "Program metrics over a period"): NDR, GRR, expansion, SAM ROI.

A pure function of the plans at FROM, the plans at TO, the configuration and the period; reading the plans
out of git is ``samkit.history.snapshots``' job. Money is exact ``Decimal``; rates are percentages rounded
half-up to one decimal; ROI is rounded half-up to two decimals and graded from the rounded value, so the
figure shown and its band always agree. Engagement, coverage, review adherence and tier agreement at TO are in
``samkit.analysis.program_figures``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from typing import Any

from samkit.analysis.groups import GroupBy
from samkit.analysis.objectives import ObjectiveOutcomes, objective_outcomes
from samkit.analysis.plan_score import effective_tier
from samkit.analysis.portfolio import percent_of
from samkit.analysis.program_figures import (
    CoverageFigures,
    Engagement,
    ReviewFigures,
    TierAgreement,
    coverage_figures,
    engagement_figures,
    fixed,
    review_figures,
    tier_agreement_figures,
)
from samkit.config import Config
from samkit.plan.crosschecks import name_key
from samkit.plan.enums import AccountStatus, OpportunityKind, OpportunityStatus, Tier
from samkit.plan.model import Plan

# the seeds' targets, shown beside the figures
NDR_TARGET = (Decimal(130), Decimal(160))  # percent
GRR_TARGET = (Decimal(92), Decimal(98))  # percent
# SAM ROI bands (the guide): 5-8x healthy, below 3x the selection or the expansion motion needs revision
ROI_HEALTHY_FROM = Decimal(5)
ROI_REVISE_BELOW = Decimal(3)
DAYS_PER_YEAR = 365

_CENT = Decimal("0.01")


class RoiBand(StrEnum):
    HEALTHY = "healthy"
    BELOW_HEALTHY = "below_healthy"
    REVISE = "revise"


def roi_band(roi: Decimal) -> RoiBand:
    if roi >= ROI_HEALTHY_FROM:
        return RoiBand.HEALTHY
    if roi >= ROI_REVISE_BELOW:
        return RoiBand.BELOW_HEALTHY
    return RoiBand.REVISE


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Period:
    """FROM to TO, both days included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass
class Figures:
    """The ARR movement, renewals, cost and ROI of one group of accounts (or of all of them)."""

    group: str
    accounts: int = 0
    starting_arr: Decimal = Decimal(0)
    expansion: Decimal = Decimal(0)
    contraction: Decimal = Decimal(0)
    churn: Decimal = Decimal(0)
    new: Decimal = Decimal(0)
    ending_arr: Decimal = Decimal(0)
    won_expansion: Decimal = Decimal(0)
    renewal_arr: Decimal = Decimal(0)
    cost: Decimal | None = None

    @property
    def grr(self) -> Decimal | None:
        return percent_of(self.starting_arr - self.contraction - self.churn, self.starting_arr)

    @property
    def ndr(self) -> Decimal | None:
        return percent_of(self.starting_arr + self.expansion - self.contraction - self.churn, self.starting_arr)

    @property
    def roi(self) -> Decimal | None:
        if not self.cost:
            return None
        with localcontext() as context:
            context.prec = 60
            return ((self.expansion + self.renewal_arr) / self.cost).quantize(_CENT, rounding=ROUND_HALF_UP)

    @property
    def roi_band(self) -> RoiBand | None:
        roi = self.roi
        return None if roi is None else roi_band(roi)

    def to_dict(self) -> dict[str, Any]:
        band = self.roi_band
        return {
            "group": self.group,
            "accounts": self.accounts,
            "starting_arr": self.starting_arr,
            "expansion": self.expansion,
            "contraction": self.contraction,
            "churn": self.churn,
            "new": self.new,
            "ending_arr": self.ending_arr,
            "grr": fixed(self.grr),
            "ndr": fixed(self.ndr),
            "won_expansion": self.won_expansion,
            "renewal_arr": self.renewal_arr,
            "cost": self.cost,
            "roi": fixed(self.roi),
            "roi_band": band.value if band is not None else None,
        }


@dataclass
class Metrics:
    period: Period
    by: GroupBy
    groups: list[Figures]
    total: Figures
    engagement: Engagement
    coverage: CoverageFigures
    review: ReviewFigures
    tier_agreement: TierAgreement
    notes: list[str] = field(default_factory=list)  # figures left out and why, for people
    # accounts the reader left out of every figure (two plans name them), for the summary: said first
    left_out: list[str] = field(default_factory=list)
    managers_without_cost: list[str] = field(default_factory=list)
    # round 3: objectives achieved / missed in the period (samkit.analysis.objectives)
    objectives: ObjectiveOutcomes = field(default_factory=lambda: ObjectiveOutcomes(0, [], []))

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.period.start,
            "to": self.period.end,
            "groups": [group.to_dict() for group in self.groups],
            "total": self.total.to_dict(),
            "engagement": self.engagement.to_dict(),
            "coverage": self.coverage.to_dict(),
            "review": self.review.to_dict(),
            "designation": self.tier_agreement.to_dict(),  # the JSON key is cli.md's contract
            "objectives": self.objectives.to_dict(),
        }


@dataclass
class MatchedAccount:
    """One account, matched by name across the two sides (None: no plan on that side)."""

    name: str
    before: Plan | None = None
    after: Plan | None = None

    @property
    def active_before(self) -> bool:
        return self.before is not None and self.before.account.status is AccountStatus.ACTIVE

    @property
    def active_after(self) -> bool:
        return self.after is not None and self.after.account.status is AccountStatus.ACTIVE


def account_key(name: str) -> str:
    """What matches an account across the two sides: its name, compared as names in a plan are (``name_key``:
    ignoring case and surrounding blanks), as ``validate`` holds one plan per account (``ProgramNames``)."""
    return name_key(name)


def duplicate_name_summary(name: str, where: str) -> str:
    """For a report: an account more than one plan names, left out of every figure (the plans' readers leave it
    out on both sides, as they cannot tell which plan is the account). ``where``: the plan files, in words."""
    return (
        f"the account {name!r}: more than one plan names it ({where}), so it is in none of the figures "
        "(accounts are matched by account.name; give each plan its own)"
    )


def match_accounts(at_from: Iterable[Plan], at_to: Iterable[Plan], notes: list[str]) -> list[MatchedAccount]:
    """The accounts of both sides, matched by ``account_key``; a second plan naming an account is noted, not counted."""
    accounts: dict[str, MatchedAccount] = {}
    for side, plans in (("before", at_from), ("after", at_to)):
        for plan in plans:
            account = accounts.setdefault(account_key(plan.account.name), MatchedAccount(plan.account.name))
            if getattr(account, side) is not None:
                label = "FROM" if side == "before" else "TO"
                notes.append(f"two plans at {label} name the account {plan.account.name!r}; only the first is counted")
                continue
            setattr(account, side, plan)
    return list(accounts.values())


def compute_metrics(
    at_from: Iterable[Plan], at_to: Iterable[Plan], config: Config, period: Period, by: GroupBy = GroupBy.tier
) -> Metrics:
    """The figures of domain.md for ``period``, from the plans at FROM and the plans at TO."""
    notes: list[str] = []
    accounts = match_accounts(at_from, at_to, notes)
    group_of = _tier_group(config) if by is GroupBy.tier else _manager_group()
    groups: dict[str, Figures] = {}
    if by is GroupBy.tier:
        groups = {tier.label: Figures(tier.label) for tier in Tier}
    total = Figures("Total")
    for account in accounts:
        if not (account.active_before or account.active_after):
            continue
        source = account.before if account.before is not None else account.after
        assert source is not None
        key, label = group_of(source)
        group = groups.setdefault(key, Figures(label))
        for figures in (group, total):
            _add_account(figures, account, period, notes if figures is total else None)
    active_at_to = [account.after for account in accounts if account.after is not None and account.active_after]
    managers_without_cost = _add_costs(accounts, groups, total, config, period, by)
    ordered = list(groups.values())
    if by is GroupBy.manager:
        ordered.sort(key=lambda figures: (figures.group.casefold(), figures.group))
    return Metrics(
        period=period,
        by=by,
        groups=ordered,
        total=total,
        engagement=engagement_figures(active_at_to, config, period.start, period.end),
        coverage=coverage_figures(active_at_to, config),
        review=review_figures(active_at_to, config, period.end),
        tier_agreement=tier_agreement_figures(active_at_to, config),
        notes=notes,
        managers_without_cost=managers_without_cost,
        objectives=objective_outcomes(
            [
                (account.before, account.after)
                for account in accounts
                if account.after is not None and account.active_after
            ],
            period.start,
            period.end,
        ),
    )


def _tier_group(config: Config) -> Callable[[Plan], tuple[str, str]]:
    def group_of(plan: Plan) -> tuple[str, str]:
        label = effective_tier(plan, config.scoring).label
        return label, label

    return group_of


def _manager_group() -> Callable[[Plan], tuple[str, str]]:
    def group_of(plan: Plan) -> tuple[str, str]:
        return account_key(plan.account.manager), plan.account.manager.strip()

    return group_of


def _add_account(figures: Figures, account: MatchedAccount, period: Period, notes: list[str] | None) -> None:
    figures.accounts += 1
    before, after = account.before, account.after
    start = before.account.arr if before is not None and account.active_before else None
    end = after.account.arr if after is not None and account.active_after else None
    if after is not None:  # wins are read off the plans at TO, churned accounts included
        figures.won_expansion += sum(
            (
                opportunity.value
                for opportunity in after.opportunities
                if opportunity.kind is OpportunityKind.RECURRING
                and opportunity.status is OpportunityStatus.WON
                and opportunity.closed in period
            ),
            Decimal(0),
        )
    if start is None:
        if end is not None:
            if notes is not None and account.active_before:
                notes.append(f"{account.name}: no account.arr at FROM; its ARR at TO counts as new")
            figures.new += end
            figures.ending_arr += end
        return
    if account.active_after and end is None:
        # still a customer, but its ARR is no longer written down: neither churn nor a movement can be told
        if notes is not None:
            notes.append(f"{account.name}: no account.arr at TO; left out of starting ARR, NDR and GRR")
        return
    assert before is not None
    churned = not account.active_after or end is None
    add_movement(figures, start, None if churned else end)
    if not churned and before.account.renewal_date in period:
        figures.renewal_arr += start


def add_movement(figures: Figures, start: Decimal, end: Decimal | None) -> None:
    """One account's ARR from ``start`` at FROM to ``end`` at TO (None: churned) into the figures' movements."""
    figures.starting_arr += start
    if end is None:
        figures.churn += start
        return
    figures.ending_arr += end
    if end > start:
        figures.expansion += end - start
    elif end < start:
        figures.contraction += start - end


def _add_costs(
    accounts: list[MatchedAccount],
    groups: dict[str, Figures],
    total: Figures,
    config: Config,
    period: Period,
    by: GroupBy,
) -> list[str]:
    """Each manager owning accounts at FROM costs annual cost × days / 365 (to the cent); by tier, that cost is
    split across tiers in proportion to their accounts there, the remaining cent to the tier with most."""
    program = config.program
    if program.sam_cost is None and not program.sam_costs:
        return []
    owned: dict[str, list[Plan]] = {}
    for account in accounts:
        if account.active_before and account.before is not None:
            owned.setdefault(account_key(account.before.account.manager), []).append(account.before)
    without_cost: list[str] = []
    unknown_groups: set[str] = set()
    for figures in (*groups.values(), total):
        figures.cost = Decimal(0)
    order = list(groups)
    for plans in owned.values():
        name = plans[0].account.manager.strip()
        annual = program.cost_of(name)
        if by is GroupBy.tier:
            counts: dict[str, int] = {}
            for plan in plans:
                label = effective_tier(plan, config.scoring).label
                counts[label] = counts.get(label, 0) + 1
        else:
            counts = {account_key(name): len(plans)}
        if annual is None:
            without_cost.append(name)
            unknown_groups.update(counts)
            continue
        with localcontext() as context:
            context.prec = 60
            cost = cents(annual * period.days / DAYS_PER_YEAR)
            shares = {label: cents(cost * count / len(plans)) for label, count in counts.items()}
        most = max(counts, key=lambda label: (counts[label], -order.index(label)))
        shares[most] += cost - sum(shares.values(), Decimal(0))
        for label, share in shares.items():
            cost_so_far = groups[label].cost
            assert cost_so_far is not None
            groups[label].cost = cost_so_far + share
        assert total.cost is not None
        total.cost += cost
    for label in unknown_groups:
        groups[label].cost = None
    if without_cost:
        total.cost = None
    return sorted(without_cost)
