"""The program as every command sees it: plans + configuration + today → one ``Program``.

This is the one place that decides, for each plan, whether it counts today (``account.status: churned`` is
history: domain.md "Lifecycle"), which tier it is judged by and where that tier came from (a score block
that counts, else ``account.tier``, else strategic: domain.md "Scored plans"), the limits of that tier
(review interval, stakeholder target, contact cadence) and its open actions. ``portfolio``, ``coverage``,
``pipeline``, ``actions``, ``lint``, ``review``, ``metrics`` and ``site`` all read these facts here; none of
them re-derives tier, activity or limits. A new command that reports on plans must do the same.

The program keeps only a small ``PlanStanding`` per plan (no full ``Plan``), so a command that streams plans
(``Program.read``) holds one plan at a time however large the program is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from samkit.analysis.plan_score import tier_and_source
from samkit.analysis.staleness import is_review_overdue
from samkit.config import TierLimits
from samkit.plan.enums import Tier

if TYPE_CHECKING:
    from samkit.analysis.actions import OpenAction
    from samkit.config import Config
    from samkit.plan.model import Plan

# the one account ordering of every report: tier (strategic first), then ARR descending, then name in natural
# order ("Account 2" before "Account 10"), then path (two plans for one account name stay in a stable order)
TIER_RANK: dict[Tier, int] = {Tier.STRATEGIC: 0, Tier.KEY: 1, Tier.STANDARD: 2}
_DIGITS = re.compile(r"(\d+)")


class TierSource(StrEnum):
    """Where a plan's tier comes from."""

    SCORE = "score"  # a score block with at least one value other than 0
    DECLARED = "declared"  # account.tier (no score block, or an all-zero one)
    DEFAULT = "default"  # neither: a plan exists because the account is managed as strategic

    @property
    def text(self) -> str:
        return {
            TierSource.SCORE: "from the score block",
            TierSource.DECLARED: "declared (account.tier)",
            TierSource.DEFAULT: "default (no score, no account.tier)",
        }[self]


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``"Account 10"`` after ``"Account 2"``: runs of digits compare as numbers, the rest case-insensitively."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold()) for part in _DIGITS.split(" ".join(text.split()))
    )


def account_order(tier: Tier, arr: Decimal | None, name: str, path: str) -> tuple[Any, ...]:
    """The sort key of the one account ordering (see ``TIER_RANK``); an unknown ARR sorts as 0."""
    return (TIER_RANK[tier], -(arr or Decimal(0)), natural_key(name), path)


def is_history(plan: Plan) -> bool:
    """A churned plan is history: out of every current figure, and linted for structure only (SAM0xx)."""
    return plan.account.churned


def is_unmapped(plan: Plan) -> bool:
    """A plan not mapped yet: no stakeholders at all and never reviewed, as ``samkit new`` writes it."""
    return not plan.stakeholders and plan.last_reviewed is None


@dataclass(frozen=True, slots=True)
class PlanStanding:
    """The reduced facts of one plan that every command agrees on."""

    path: str
    account: str
    manager: str
    churned: bool
    tier: Tier
    tier_source: TierSource
    limits: TierLimits
    arr: Decimal | None
    last_reviewed: date | None
    review_overdue: bool  # never for a churned plan: history is not reviewed
    open_actions: tuple[OpenAction, ...] = ()  # none for a churned plan, or when the program keeps none

    @property
    def tier_label(self) -> str:
        return self.tier.label

    @property
    def order(self) -> tuple[Any, ...]:
        return account_order(self.tier, self.arr, self.account, self.path)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "account": self.account,
            "manager": self.manager,
            "status": "churned" if self.churned else "active",
            "tier": self.tier_label,
            "tier_source": self.tier_source.value,
            "arr": self.arr,
            "review_interval_days": self.limits.review_interval_days,
            "min_stakeholders": self.limits.min_stakeholders,
            "stale_contact_days": self.limits.stale_contact_days,
            "last_reviewed": self.last_reviewed,
            "review_overdue": self.review_overdue,
        }


def plan_standing(
    path: str,
    plan: Plan,
    config: Config,
    today: date,
    limits_of: dict[Tier, TierLimits] | None = None,
    with_actions: bool = True,
) -> PlanStanding:
    """The facts of one plan (its tier, limits and open actions), as the whole program reads them.

    ``limits_of``: the limits per tier, worked out once for a whole program (default: from ``config``);
    ``with_actions``: False leaves ``open_actions`` empty, for a command that reports none of them."""
    tier, source = tier_and_source(plan, config.scoring)
    limits = limits_of[tier] if limits_of is not None else config.lint.limits(tier)
    churned = is_history(plan)
    return PlanStanding(
        path=path,
        account=plan.account.name,
        manager=plan.account.manager,
        churned=churned,
        tier=tier,
        tier_source=TierSource(source),
        limits=limits,
        arr=plan.account.arr,
        last_reviewed=plan.last_reviewed,
        review_overdue=not churned and is_review_overdue(plan, today, limits.review_interval_days),
        open_actions=_open_actions(path, plan, today) if with_actions and not churned else (),
    )


def _open_actions(path: str, plan: Plan, today: date) -> tuple[OpenAction, ...]:
    from samkit.analysis.actions import plan_actions

    return tuple(plan_actions(path, plan, today))


@dataclass
class Program:
    """Every plan read so far, split into the active ones (today's program) and the churned ones (history)."""

    config: Config
    today: date
    with_actions: bool = False  # keep each plan's open actions (actions, site); others need none of them
    active: list[PlanStanding] = field(default_factory=list)
    churned: list[PlanStanding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._limits = {tier: self.config.lint.limits(tier) for tier in Tier}

    def admit(self, path: str, plan: Plan) -> PlanStanding:
        """Record one plan's facts and return them."""
        standing = plan_standing(path, plan, self.config, self.today, self._limits, self.with_actions)
        (self.churned if standing.churned else self.active).append(standing)
        return standing

    def read(self, plans: Iterable[tuple[str, Plan]]) -> Iterator[tuple[str, Plan, PlanStanding]]:
        """The active plans with their facts, one at a time; churned plans are recorded and not yielded."""
        for path, plan in plans:
            standing = self.admit(path, plan)
            if not standing.churned:
                yield path, plan, standing

    def ordered(self) -> list[PlanStanding]:
        """The active plans in the one account ordering."""
        return sorted(self.active, key=lambda standing: standing.order)

    def rank(self) -> dict[str, int]:
        """Each active plan's place in the one account ordering, by path (to sort a command's own rows)."""
        return {standing.path: number for number, standing in enumerate(self.ordered())}

    def churned_note(self) -> str | None:
        """What a report says on stderr about the churned plans it left out (None: there are none)."""
        if not self.churned:
            return None
        names = ", ".join(row.account for row in sorted(self.churned, key=lambda row: natural_key(row.account)))
        count = len(self.churned)
        return f"{count} churned plan{'s' * (count != 1)} left out (history, not current figures): {names}"

    @property
    def churned_arr(self) -> Decimal:
        """The last ARR written on the churned plans (for the "Churned" line; not part of any current total)."""
        return sum((standing.arr for standing in self.churned if standing.arr is not None), Decimal(0))

    def churned_dict(self) -> dict[str, Any]:
        """``churned`` in the reports' json: count, last ARR, and the accounts (by name)."""
        rows = sorted(self.churned, key=lambda standing: (natural_key(standing.account), standing.path))
        return {
            "accounts": len(rows),
            "last_arr": self.churned_arr,
            "plans": [{"path": row.path, "account": row.account, "last_arr": row.arr} for row in rows],
        }


def read_program(plans: Iterable[tuple[str, Plan]], config: Config, today: date, with_actions: bool = False) -> Program:
    """The program of some plans, read to the end (for commands that need only the facts)."""
    program = Program(config, today, with_actions)
    for _ in program.read(plans):
        pass
    return program
