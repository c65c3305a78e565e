"""SAM306-SAM308: the account program's own sections: whitespace, RACI and closed opportunities."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.rules.base import Hit, RuleContext, rule


@rule("SAM306", "whitespace-without-opportunity", Severity.WARNING)
def whitespace_without_opportunity(context: RuleContext) -> Iterator[Hit]:
    """A `pipeline` whitespace cell names no opportunity, or names one that is not open.

    A cell in `pipeline` says we are selling there; the opportunity it names is the deal. Cells with any
    other status are not checked. Points at the cell's `opportunity`, or at its `unit` when it names none.

    Why it matters: a pipeline cell without an open deal is a hope the pipeline totals do not see,
    or a deal that was won or lost while the matrix still says "pipeline".

    Fails:

        whitespace:
          - unit: Payments
            product: Core Platform
            status: pipeline

    Passes:

        opportunities:
          - name: Payments Division
            value: $400K
            probability: 50%
        whitespace:
          - unit: Payments
            product: Core Platform
            status: pipeline
            opportunity: Payments Division
    """
    from samkit.plan.crosschecks import name_key
    from samkit.plan.enums import OpportunityStatus, WhitespaceStatus

    status_of = {name_key(item.name): item.status for item in context.plan.opportunities}
    for index, cell in enumerate(context.plan.whitespace):
        if cell.status is not WhitespaceStatus.PIPELINE:
            continue
        where = f"{cell.unit} × {cell.product}"
        if cell.opportunity is None or not cell.opportunity.strip():
            yield context.item_hit(
                ("whitespace", index), "unit", f"{where}: in pipeline but names no opportunity; add `opportunity:`"
            )
        elif (status := status_of.get(name_key(cell.opportunity))) is not OpportunityStatus.OPEN:
            shown = status.value if status is not None else "unknown"
            yield context.item_hit(
                ("whitespace", index),
                "opportunity",
                f"{where}: in pipeline but its opportunity {cell.opportunity!r} is {shown}; update the cell's status",
            )


@rule("SAM307", "raci-unknown-person", Severity.WARNING)
def raci_unknown_person(context: RuleContext) -> Iterator[Hit]:
    """A RACI name is neither a team member, the account manager, nor the executive sponsor.

    Every name under `responsible`, `accountable`, `consulted` and `informed` is looked up in
    `account.team`, `account.manager` and `account.executive_sponsor` (case-insensitively). Points at
    the name.

    Why it matters: a RACI that names people outside the account team is either out of date or
    assigns work to someone who does not know about it.

    Fails:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
        raci:
          - activity: Renewal
            responsible: Maria Rodriguez
            accountable: Dana Cole

    Passes:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
          executive_sponsor: Dana Cole
        raci:
          - activity: Renewal
            responsible: Maria Rodriguez
            accountable: Dana Cole
    """
    from samkit.plan.crosschecks import name_key

    account = context.plan.account
    known = {name_key(member.name) for member in account.team} | {name_key(account.manager)}
    if account.executive_sponsor and account.executive_sponsor.strip():
        known.add(name_key(account.executive_sponsor))
    for index, entry in enumerate(context.plan.raci):
        counters = {"consulted": 0, "informed": 0}
        for letter, name in entry.names():
            node: tuple[str | int, ...] = ("raci", index, letter)
            if letter in counters:
                node += (counters[letter],)
                counters[letter] += 1
            if name_key(name) not in known:
                yield context.hit(
                    node,
                    f"{entry.activity}: {letter} {name!r} is not on the account team, the manager or the sponsor",
                    ("raci", index),
                )


@rule("SAM308", "closed-without-date", Severity.WARNING)
def closed_without_date(context: RuleContext) -> Iterator[Hit]:
    """A `won` or `lost` opportunity has no `closed` date.

    Points at the opportunity's `status`.

    Why it matters: program metrics count what was won and lost in a period by the `closed` day; an
    undated win counts in no quarter at all.

    Fails:

        opportunities:
          - name: Advanced Analytics Module
            value: $120K
            probability: 100%
            status: won

    Passes:

        opportunities:
          - name: Advanced Analytics Module
            value: $120K
            probability: 100%
            status: won
            closed: 2026-02-14
    """
    from samkit.plan.enums import OpportunityStatus

    for index, opportunity in enumerate(context.plan.opportunities):
        if opportunity.status is not OpportunityStatus.OPEN and opportunity.closed is None:
            yield context.item_hit(
                ("opportunities", index),
                "status",
                f"{opportunity.name}: {opportunity.status.value} but no closed date; add `closed: YYYY-MM-DD`",
            )
