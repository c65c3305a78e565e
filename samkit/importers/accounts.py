"""Account exports with an ARR column into ``account.arr`` and ``account.renewal_date``.

Accounts are found as activity and opportunity imports find them (crm id, normalised name, aliases); the
first import after a name match writes the CRM's account id into ``account.crm_id``. Rows of accounts
outside the program, and of churned accounts (history: their plan keeps the ARR it had), are skipped and
counted. Amounts and dates are read as in opportunity exports.
"""

from __future__ import annotations

from collections.abc import Sequence

from samkit.importers.base import InvalidRow, Skip
from samkit.importers.crm_changes import CrmOutcome, CrmSkip, FieldChange, account_skip
from samkit.importers.crm_rows import CrmFile
from samkit.importers.crm_values import FileForms, ValueProblem, amount_of, check_currency, day_of
from samkit.importers.matching import PlanIndex
from samkit.importers.opportunities import ACCOUNT_ORDER, PlanSide, Settings, account_id_edit, account_of, after
from samkit.importers.plan_style import money_like
from samkit.plan.textedit import SetKey


def import_accounts(
    files: Sequence[tuple[CrmFile, FileForms]], sides: Sequence[PlanSide], index: PlanIndex, settings: Settings
) -> CrmOutcome:
    """Every ARR and renewal date the exports change; errors (``outcome.invalid``) mean nothing is written."""
    outcome = CrmOutcome()
    accounts: dict[tuple[str | None, str | None], int | Skip | None] = {}
    done: dict[int, tuple[object, ...]] = {}  # each account's first row: what it said (a repeat may agree)
    first_at: dict[int, tuple[str, int]] = {}  # and where it was
    for crm, forms in files:
        for row in crm.rows:
            outcome.rows += 1
            cells = row.cells
            found = account_of(index, row, accounts)
            if found is None or isinstance(found, Skip):  # outside the program: its values are never read
                outcome.skipped[account_skip(found)] += 1
                continue
            if sides[found].plan.account.churned:  # history, as for opportunities: the CRM's ARR left alone
                outcome.skipped[CrmSkip.CHURNED] += 1
                continue
            try:
                check_currency(cells.get("currency"), settings.currency)
                arr = amount_of(cells["arr"], forms) if "arr" in cells else None
                renewal = day_of(cells["renewal_date"], forms) if "renewal_date" in cells else None
            except ValueProblem as problem:
                outcome.invalid.append(InvalidRow(crm.source, row.line, str(problem)))
                continue
            if found in done:
                if done[found] == (arr, renewal):  # a report of accounts with contacts: a row each
                    outcome.skipped[CrmSkip.ACCOUNT_REPEATED] += 1
                else:
                    source, line = first_at[found]
                    name = sides[found].plan.account.name
                    message = f"a second row for {name}, with other values (first at {source}:{line})"
                    outcome.invalid.append(InvalidRow(crm.source, row.line, message))
                continue
            done[found], first_at[found] = (arr, renewal), (crm.source, row.line)
            side = sides[found]
            account = side.plan.account
            account_id_edit(outcome, side, row, index, found)
            if arr is not None and arr != account.arr:
                written = money_like(arr, side.data["account"].get("arr"))
                edit = SetKey(("account",), "arr", written, after=after("arr", ACCOUNT_ORDER))
                outcome.change(FieldChange(side.path, account.name, None, "arr", account.arr, arr), edit)
            if renewal is not None and renewal != account.renewal_date:
                edit = SetKey(("account",), "renewal_date", renewal, after=after("renewal_date", ACCOUNT_ORDER))
                change = FieldChange(side.path, account.name, None, "renewal_date", account.renewal_date, renewal)
                outcome.change(change, edit)
    return outcome
