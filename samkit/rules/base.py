"""What a lint rule is: a code, a name, a default severity, a docstring and a check.

A check looks at one loaded plan and yields ``Hit``s (where, what, and which item it is about). It never
decides its own code or severity: the engine (``samkit.lint``) stamps those on, after selection,
configured severity overrides and ``# samkit: accept`` comments have had their say.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from samkit.config import LintConfig, TierLimits
from samkit.findings import Severity
from samkit.plan.enums import Tier

if TYPE_CHECKING:
    from samkit.analysis.coverage import Coverage
    from samkit.config import ScoringConfig
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan
    from samkit.plan.yamlsafe import Position

Node = tuple[str | int, ...]
PLAN: Node = ()


@dataclass(frozen=True)
class Hit:
    """One thing a rule found: its 1-based position, the message, and the item it is about.

    ``subject`` is the list item the finding concerns (``("stakeholders", 4)``) or ``PLAN`` for the plan
    as a whole; an accept comment must sit on that item to accept the finding.
    """

    line: int
    column: int
    message: str
    subject: Node = PLAN


@dataclass(frozen=True)
class LintLimits:
    """The day the rules judge by, the configured limits (``[lint]``, ``[lint.tiers.*]``, ``[lint.cadence]``) and
    the program's currency (``[program] currency``, an ISO code: every amount of the plans is in it)."""

    today: date
    config: LintConfig = field(default_factory=LintConfig)
    currency: str = "USD"


class RuleContext:
    """What a check sees: the loaded file, its plan (when it parsed), the limits and the scoring setup."""

    def __init__(self, loaded: LoadedPlan, limits: LintLimits, scoring: ScoringConfig | None = None) -> None:
        self.loaded = loaded
        self.limits = limits
        self.scoring = scoring

    @property
    def plan(self) -> Plan:
        # the engine runs plan rules only on files that parsed, so this is never None for them
        assert self.loaded.plan is not None
        return self.loaded.plan

    @property
    def today(self) -> date:
        return self.limits.today

    @cached_property
    def tier(self) -> Tier:
        """The tier this plan is judged by (its score's, else declared, else strategic)."""
        from samkit.analysis.plan_score import effective_tier

        return effective_tier(self.plan, self.scoring)

    @cached_property
    def tier_limits(self) -> TierLimits:
        """The limits for this plan's tier."""
        return self.limits.config.limits(self.tier)

    @property
    def unmapped(self) -> bool:
        """A plan not mapped yet: no stakeholders at all and never reviewed, as ``samkit new`` writes it.

        The coverage rules judge a map; before there is one, SAM202 says so once (a warning) instead of
        SAM201 failing the gate on a plan that was created a minute ago.
        """
        from samkit.analysis.program import is_unmapped

        return is_unmapped(self.plan)

    @cached_property
    def coverage(self) -> Coverage:
        """Shared by SAM201-SAM205 so the map is counted once per plan, by ``samkit.coverage``."""
        from samkit.analysis.coverage import compute_coverage

        return compute_coverage(self.plan)

    def where(self, *node: str | int) -> Position:
        return self.loaded.where(*node)

    def hit(self, node: Node, message: str, subject: Node = PLAN) -> Hit:
        position = self.loaded.where(*node)
        return Hit(position.line, position.column, message, subject)

    def item_hit(self, item: Node, field: str, message: str) -> Hit:
        """A hit on ``field`` of the list item ``item`` (``("actions", 3)``), about that item: an accept comment
        on the item accepts it."""
        return self.hit((*item, field), message, item)

    def hit_at_key(self, node: Node, message: str, subject: Node = PLAN) -> Hit:
        """A hit on the key that introduces ``node`` (``stakeholders:``), for findings about a whole section."""
        position = self.loaded.positions.of_key(*node)
        return Hit(position.line, position.column, message, subject)


Check = Callable[[RuleContext], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    # loader rules (SAM001/SAM002) report files that did not parse; every other rule needs a valid plan
    needs_plan: bool = True

    @property
    def description(self) -> str:
        """The whole docstring of the check, cleaned of indentation: the rule's documentation."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first paragraph on one line: what ``samkit rules`` shows."""
        first = self.description.split("\n\n", 1)[0]
        return " ".join(first.split())


def rule(code: str, name: str, severity: Severity, *, needs_plan: bool = True) -> Callable[[Check], Rule]:
    """Declare a check as a rule: ``@rule("SAM101", "stale-contact", Severity.ERROR)``."""

    def declare(check: Check) -> Rule:
        if not check.__doc__:
            raise TypeError(f"rule {code} needs a docstring: it is the rule's documentation")
        return Rule(code, name, severity, check, needs_plan)

    return declare
