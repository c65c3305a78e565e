"""The values of one opportunity or account export: amounts, probabilities and dates, read per file.

A file's forms are decided from all of its cells first (a decimal comma, the date form), as activity
imports decide their date form: a value that then cannot be read is an error naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from samkit.importers.amounts import decimal_comma, read_amount, three_decimals_or, written_currencies
from samkit.importers.columns import header_key
from samkit.importers.crm_rows import CrmFile
from samkit.importers.dates import best_partial, detect_format, is_iso, iso_day, no_such_day, read_day
from samkit.plan.currency import currency_fits
from samkit.plan.values import parse_probability

DATE_ROLES = ("close_date", "renewal_date")


class ValueProblem(ValueError):
    """A cell that cannot be read: the import writes nothing."""


@dataclass(frozen=True)
class FileForms:
    """How one file writes its values."""

    comma: bool  # amounts with a decimal comma (1.234,50)
    date_format: str | None  # None: ISO
    percent: bool  # probabilities written as 0-100 (Salesforce) rather than 0-1 (HubSpot's deal probability)
    currency: str  # the program's ([program] currency): an amount written in another is an error
    percent_shown_by: str | None = None  # the value above 1 that made a bare probability column percents


def file_forms(crm: CrmFile, configured_date_format: str | None, currency: str) -> FileForms:
    """The forms every cell of ``crm`` is read in; dates in two forms at once are a ``ValueProblem``."""
    money_roles = [role for role in ("amount", "arr") if role in crm.columns]
    date_roles = [role for role in DATE_ROLES if role in crm.columns]
    money = {text for role in money_roles for cell in set(crm.column(role)) if (text := cell.strip())}
    dates = {text for role in date_roles for cell in set(crm.column(role)) if (text := cell.strip())}
    form = configured_date_format
    if form is None:
        others = {text for text in dates if not is_iso(text)}
        forms = detect_format(others) if others else []
        if len(forms) > 1:
            example = min(others, key=len)
            raise ValueProblem(
                f"dates like {example!r} read as {' or as '.join(forms[:2])}; "
                f'set [import] date_format = "{forms[0]}" (or "{forms[1]}") in samkit.toml'
            )
        form = forms[0] if forms else best_partial(others) if others else None
    header = header_key(crm.columns.get("probability", ""))
    values = {text for cell in set(crm.column("probability")) if (text := cell.strip())}
    percent = "%" in header or ("stage" in crm.columns and crm.columns["stage"] == "StageName")
    # a column without a sign of its form is percents when some value is above 1: that value shows it
    above_one = (
        None if percent else min((v for v in values if "%" not in v and _number(v) > 1), key=_number, default=None)
    )
    return FileForms(decimal_comma(money), form, percent or above_one is not None, currency, above_one)


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return Decimal(0)


def day_of(text: str, forms: FileForms) -> date:
    """A date cell of the file; ``ValueProblem`` when it is no date in the file's form."""
    found = iso_day(text) if is_iso(text) else read_day(text, forms.date_format) if forms.date_format else None
    if found is None and is_iso(text):
        raise ValueProblem(no_such_day(text))
    if found is None:
        hint = f"[import] date_format {forms.date_format!r}" if forms.date_format else "set [import] date_format"
        raise ValueProblem(f"{text!r} is not a date (expected YYYY-MM-DD or {hint})")
    return found


def amount_of(text: str, forms: FileForms) -> Decimal:
    """An amount cell of the file, exact; ``ValueProblem`` when it is no amount, or one in another currency
    than the program's (``EUR 1,200.00``, ``1.200,00 €`` in a USD program)."""
    try:
        amount = read_amount(text, forms.comma)
    except ValueError as error:
        raise ValueProblem(str(error)) from None
    other = three_decimals_or(text, forms.comma)
    if other is not None:
        separator, thousands = ("comma", "a thousands comma") if forms.comma else ("point", "a thousands point")
        raise ValueProblem(
            f"amount {text.strip()!r} reads as {amount} with the decimal {separator} this file's amounts use, or "
            f"as {other} with {thousands}; export every amount in one form"
        )
    for written in written_currencies(text):
        if not currency_fits(written, forms.currency):
            raise ValueProblem(f"amount {text!r} is in {written}, {_NOT_CONVERTED.format(program=forms.currency)}")
    return amount


_NOT_CONVERTED = (
    "not the program's {program} ([program] currency); samkit never converts currencies: "
    "export in the program's currency"
)


def check_currency(written: str | None, program: str) -> None:
    """A currency column's cell: ``ValueProblem`` when it names another currency than the program's."""
    if written and not currency_fits(written.strip().upper(), program):  # a code, or a sign (`€`) as amounts have
        raise ValueProblem(f"currency {written!r} is {_NOT_CONVERTED.format(program=program)}")


def probability_of(text: str, forms: FileForms) -> Decimal:
    """``75`` (percent in Salesforce exports), ``75%``, ``0.75`` (HubSpot) → 0.75."""
    cleaned = text.strip().replace(",", ".")
    shown_by = forms.percent_shown_by
    if shown_by is not None and "%" not in cleaned and 0 < _number(cleaned) < 1:
        # `0.9` beside `40` in a column with no `%`: 90% as HubSpot writes it, or 0.9% as Salesforce would
        raise ValueProblem(
            f"probability {text.strip()!r} reads as {cleaned}% beside {shown_by!r} in the same column, or as a "
            "fraction of 1; export every probability in one form (percent or 0-1)"
        )
    try:
        if forms.percent and "%" not in cleaned:
            cleaned += "%"
        return parse_probability(cleaned)
    except ValueError as error:
        raise ValueProblem(str(error)) from None
