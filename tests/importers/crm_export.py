"""A Salesforce Opportunity report written the way Salesforce writes one (UTF-8 BOM, CRLF, a footer line),
from plain rows: shared by the hypothesis property and the round trips on the bundled plans."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samkit.plan.model import Plan

HEADER = ["Account Name", "Opportunity Name", "Stage", "Amount", "Probability (%)", "Close Date", "Opportunity ID"]
# a standard Salesforce stage for each status
STAGES = {"open": "Prospecting", "won": "Closed Won", "lost": "Closed Lost"}
# the report's date form, which the importing program sets as [import] date_format
DATE_FORMAT = "%m/%d/%Y"
SAMKIT_TOML = f'[import]\ndate_format = "{DATE_FORMAT}"\n'


@dataclass(frozen=True)
class ReportRow:
    """One opportunity as the report shows it; ``close_date`` and ``crm_id`` None: a blank cell."""

    account: str
    name: str
    status: str
    value: Decimal
    percent: Decimal  # the Probability (%) column: 65 for 65%
    close_date: date | None
    crm_id: str | None


def plan_rows(plan: Plan) -> list[ReportRow]:
    """A row per opportunity of ``plan``, carrying exactly what the plan holds (blank where it holds nothing)."""
    return [
        ReportRow(
            plan.account.name,
            item.name,
            item.status.value,
            item.value,
            (item.probability * 100).normalize(),
            item.close_date,
            item.crm_id,
        )
        for item in plan.opportunities
    ]


def report_text(rows: Iterable[ReportRow], deleted: Iterable[ReportRow] | None = None) -> str:
    """The report's text: BOM, header, a CRLF line per row (amounts like ``$1,234.50``), a Grand Totals footer.

    ``deleted``: rows the CRM deleted, written first with an ``IsDeleted`` column (true), as an export of all
    rows has them; the file's other rows then say false.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    flags = [] if deleted is None else ["IsDeleted"]
    writer.writerow(HEADER + flags)
    marked = [(row, ["true"]) for row in deleted or ()] + [(row, ["false"] if flags else []) for row in rows]
    for row, flag in marked:
        writer.writerow(
            [
                row.account,
                row.name,
                STAGES[row.status],
                f"${row.value:,.2f}",
                f"{row.percent:f}",
                f"{row.close_date:{DATE_FORMAT}}" if row.close_date is not None else "",
                row.crm_id or "",
                *flag,
            ]
        )
    writer.writerow(["Grand Totals"])
    return "\ufeff" + out.getvalue()
