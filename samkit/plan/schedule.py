"""When an opportunity lands: the one place its quarters are derived (plan-format.md, round 3).

An opportunity with ``close_date`` lands in the calendar quarter of that day, over a hand-set ``timeframe``:
the close date is the CRM's current word (``samkit import`` keeps it), the timeframe a plan's estimate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.plan.values import Quarter, QuarterRange

if TYPE_CHECKING:
    from samkit.plan.model import Opportunity


def opportunity_quarters(opportunity: Opportunity) -> QuarterRange | None:
    """The quarters ``opportunity`` is spread over: ``close_date``'s quarter, else ``timeframe``, else None."""
    if opportunity.close_date is not None:
        quarter = Quarter.containing(opportunity.close_date)
        return QuarterRange(quarter, quarter)
    return opportunity.timeframe
