"""SAM312: money written in another currency than the program's, which samkit would count as the program's."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import Severity
from samkit.plan.currency import other_currency, written_money
from samkit.rules.base import Hit, RuleContext, rule


@rule("SAM312", "money-in-other-currency", Severity.ERROR)
def money_in_other_currency(context: RuleContext) -> Iterator[Hit]:
    """An amount of money is written with the sign of another currency than the program's (`€1.2M` in USD).

    Every money value of the plan: `account.arr`, `opportunities[].value`, `whitespace[].potential` and
    `value_delivered[].amount`. `€` is the euro's sign and `£` the pound's; `$` is accepted for every
    dollar and peso that writes it (USD, CAD, AUD, NZD, SGD, HKD, TWD, MXN, ARS, CLP, COP, UYU), as the
    CRM import accepts it. An amount with no sign (`1200000`, `1.2M`) is in the program's currency. Reads
    `[program] currency` (default `USD`). Points at the value.

    Why it matters: samkit never converts currencies, and an amount's sign is not kept once it is read: a
    plan's `€1.2M` would be added into dollar totals by `portfolio` and `pipeline` and shown as
    `$1,200,000` by `render`. The CRM import refuses the same value.

    Fails (in a program whose `[program] currency` is USD, the default):

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
          arr: €1.2M

    Passes (the amount in the program's currency; or `[program] currency = "EUR"` when all of it is in
    euros):

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
          arr: $1.3M
    """
    program = context.limits.currency
    for path, text in written_money(context.loaded.data):
        problem = other_currency(text, program)
        if problem is None:
            continue
        field = str(path[-1])
        message = f"{field} {problem}"
        item = path[:2] if len(path) > 2 and isinstance(path[1], int) else None
        yield context.item_hit(item, field, message) if item else context.hit(path, message)
