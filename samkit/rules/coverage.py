"""SAM201-SAM205: multi-threading, from the coverage figures of `samkit.analysis.coverage`."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule


def _stakeholders_hit(context: RuleContext, message: str) -> Hit:
    """Section-wide findings point at the `stakeholders:` key (or the top of the plan without one)."""
    return context.hit_at_key(("stakeholders",), message)


@rule("SAM201", "single-threaded", Severity.ERROR)
def single_threaded(context: RuleContext) -> Iterator[Hit]:
    """Fewer than 2 relationships: the account hangs on one person (or none).

    A relationship is a stakeholder at `moderate` or `strong`; stakeholders who have left do not
    count. Points at the `stakeholders:` key. Accept it with a comment at plan level (outside any
    list item, for example at the top of the file).
    """
    coverage = context.coverage
    if coverage.single_threaded:
        yield _stakeholders_hit(
            context,
            f"single-threaded: relationships (moderate or strong) with {coverage.relationships} of "
            f"{coverage.stakeholders} stakeholders; build at least 2",
        )


@rule("SAM202", "thin-coverage", Severity.WARNING)
def thin_coverage(context: RuleContext) -> Iterator[Hit]:
    """Fewer than `min_stakeholders` stakeholders are mapped.

    A strategic account wants 8-10 mapped stakeholders; the default minimum is 8.
    Stakeholders who have left do not count. Configure with `min_stakeholders` in `[lint]`.
    """
    coverage = context.coverage
    minimum = context.tier_limits.min_stakeholders
    if coverage.stakeholders < minimum:
        yield _stakeholders_hit(
            context, f"thin coverage: {coverage.stakeholders} stakeholders mapped, fewer than {minimum}"
        )


@rule("SAM203", "no-economic-buyer", Severity.WARNING)
def no_economic_buyer(context: RuleContext) -> Iterator[Hit]:
    """No stakeholder with role `economic_buyer` at `moderate` or better.

    Whoever signs the budget is unknown or not on our side. Stakeholders who have left do not count.
    """
    if "economic_buyer" in context.coverage.missing_roles:
        yield _stakeholders_hit(context, "no economic buyer with a moderate or strong relationship")


@rule("SAM204", "no-champion", Severity.WARNING)
def no_champion(context: RuleContext) -> Iterator[Hit]:
    """No stakeholder with role `champion` at `moderate` or better.

    Nobody inside the account is selling for us. Stakeholders who have left do not count.
    """
    if "champion" in context.coverage.missing_roles:
        yield _stakeholders_hit(context, "no champion with a moderate or strong relationship")


@rule("SAM205", "no-executive-sponsor", Severity.WARNING)
def no_executive_sponsor(context: RuleContext) -> Iterator[Hit]:
    """`account.executive_sponsor` is empty: no executive on our side owns the relationship.

    Points at `executive_sponsor` when it is present but blank, else at `account`.
    """
    if "executive_sponsor" in context.coverage.missing_roles:
        message = "no executive sponsor (account.executive_sponsor is empty)"
        if ("account", "executive_sponsor") in context.loaded.positions.values:
            yield context.hit(("account", "executive_sponsor"), message)
        else:
            yield context.hit_at_key(("account",), message)
