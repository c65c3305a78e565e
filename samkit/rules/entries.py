"""SAM309-SAM311: entries that look filled in but are not: an all-zero score, a review in the future, a
placeholder manager."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule

# what a template or a hurried copy leaves where the manager's name belongs (compared case-insensitively)
PLACEHOLDER_MANAGERS = frozenset(
    {
        "your name",
        "name",
        "manager",
        "account manager",
        "first last",
        "firstname lastname",
        "first name last name",
        "john doe",
        "jane doe",
        "tbd",
        "tba",
        "todo",
        "unknown",
        "n/a",
        "na",
        "none",
        "nobody",
        "-",
        "?",
        "xxx",
    }
)


def is_placeholder_manager(name: str) -> bool:
    return " ".join(name.split()).casefold().strip(".") in PLACEHOLDER_MANAGERS


@rule("SAM309", "all-zero-score", Severity.WARNING)
def all_zero_score(context: RuleContext) -> Iterator[Hit]:
    """The `score` block is all zeros: fill it in or remove it.

    A score block whose seven values are all 0 counts as not scored: the declared `account.tier` holds
    (else strategic) and `metrics` does not count the plan as scored. Older versions of `samkit new`
    wrote such a block; left as written it would have made every new plan Standard. Points at `score`.

    Why it matters: an all-zero score is not a judgement that the account is worth nothing, it is a form
    nobody filled in; the tier a plan is held to must come from a real score or a declared tier.

    Fails:

        score:
          current_revenue: 0
          expansion_potential: 0
          strategic_fit: 0
          market_influence: 0
          relationship_strength: 0
          product_adoption: 0
          partnership_potential: 0

    Passes (or no `score` block at all):

        score:
          current_revenue: 8
          expansion_potential: 9
          strategic_fit: 7
          market_influence: 6
          relationship_strength: 7
          product_adoption: 5
          partnership_potential: 4
    """
    from samkit.analysis.plan_score import counts_as_scored

    score = context.plan.score
    if score is not None and not counts_as_scored(score):
        yield context.hit_at_key(("score",), "score block is all zeros: fill it in or remove it")


@rule("SAM310", "future-review", Severity.ERROR)
def future_review(context: RuleContext) -> Iterator[Hit]:
    """`last_reviewed` is after today.

    Points at `last_reviewed`. An error, like a future `last_contact` (SAM103).

    Why it matters: a review cannot have happened in the future; the date is a typo (2027-11-20 for
    2026-11-20), and it would keep the plan from looking overdue for a year.

    Fails (on 2026-02-01):

        last_reviewed: 2027-01-12

    Passes:

        last_reviewed: 2026-01-12
    """
    reviewed = context.plan.last_reviewed
    if reviewed is not None and reviewed > context.today:
        yield context.hit(
            ("last_reviewed",),
            f"last_reviewed {reviewed.isoformat()} is after today ({context.today.isoformat()}): correct the date",
        )


@rule("SAM311", "placeholder-manager", Severity.WARNING)
def placeholder_manager(context: RuleContext) -> Iterator[Hit]:
    """`account.manager` is a placeholder such as "Your Name", "TBD" or "Manager".

    Manager load, ROI costs and `actions --owner` all go by this name, so a placeholder puts the account
    in nobody's portfolio. `samkit new` takes the name from `--manager`, else from `git config user.name`.
    Points at `account.manager`.

    Why it matters: an account without a named owner is not managed; the program's figures per manager
    would silently leave it out.

    Fails:

        account:
          name: Global Financial Corp
          manager: Your Name

    Passes:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
    """
    manager = context.plan.account.manager
    if is_placeholder_manager(manager):
        yield context.hit(
            ("account", "manager"),
            f"account.manager is the placeholder {manager.strip()!r}: write the name of the account's manager",
        )
