"""Amounts in CRM exports, read exactly: the plan's own money reader, and a decimal comma only when sure.

Every amount is read by ``samkit.plan.values.parse_money`` (as the roster reader reads ARR): ``1234.50``,
``$1,234.50``, ``$400K``, an exact ``Decimal``. A currency code or sign written beside the number (``USD
1,234.50``, ``1.234,50 €``) is set aside, and kept (``written_currencies``) for the check that it is the
program's: samkit never converts currencies. The European form (``1.234,50``, ``1234,5``) is used for a whole
file only when some amount of the file can be read no other way and no amount contradicts it. Otherwise
``1,234`` is 1234. An amount that reads both ways and would have three decimals in the file's form (``330,000``
in a file of ``1.234,50``; ``330.000`` in a file of ``1,234.50``) is no amount of money in cents: the file
mixes two forms, and the import stops at it (``three_decimals_or``) rather than be off by a thousand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from samkit.plan.currency import SIGN_CURRENCIES
from samkit.plan.values import parse_money

_CODE = re.compile(r"^\s*(?:(?P<code>[A-Z]{3})\s+)?(?P<number>.*?)(?:\s*(?P<after>[A-Z]{3}|[$€£]))?\s*$")
_EUROPEAN = re.compile(r"^[$€£]?\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")


def _parts(text: str) -> re.Match[str] | None:
    return _CODE.match(text.replace("\u00a0", " ").replace("\u202f", " "))


def _bare(text: str) -> str:
    match = _parts(text)
    return match["number"].strip() if match else text.strip()


def written_currencies(text: str) -> list[str]:
    """The currency codes (``EUR``) and signs (``€``) written beside an amount, each place that has one."""
    match = _parts(text)
    if match is None:
        return []
    leading = match["number"].strip()[:1]
    found = [match["code"], match["after"], leading if leading in SIGN_CURRENCIES else None]
    return [currency for currency in found if currency]


def _european(text: str) -> Decimal | None:
    bare = _bare(text)
    if not _EUROPEAN.match(bare):
        return None
    return parse_money(bare.replace(".", "").replace(",", ".").lstrip("$€£ "))


def _plain(text: str) -> Decimal | None:
    try:
        return parse_money(_bare(text))
    except ValueError:
        return None


def decimal_comma(cells: Iterable[str]) -> bool:
    """Whether the file writes amounts with a decimal comma: some cell reads only so, and none only otherwise."""
    only_european = only_plain = False
    for cell in set(cells):  # an export repeats its amounts: each distinct one is looked at once
        plain, european = _plain(cell), _european(cell)
        only_european |= plain is None and european is not None
        only_plain |= european is None and plain is not None and ("." in cell or "," in cell)
    return only_european and not only_plain


_THREE_DECIMALS = {True: re.compile(r",\d{3}$"), False: re.compile(r"\.\d{3}$")}


def three_decimals_or(text: str, comma: bool) -> Decimal | None:
    """The other form's reading of ``text`` when the file's form (``comma``) gives it three decimals and the
    other reads it too (a thousands separator there), else None."""
    if not _THREE_DECIMALS[comma].search(_bare(text)):
        return None
    return _plain(text) if comma else _european(text)


# a spreadsheet's accounting format shows zero as a dash (`-`, `$ -`), and a CSV saved from it keeps the dash
_ACCOUNTING_ZERO = re.compile(r"[$€£]?\s*[-–—]\s*")


def read_amount(text: str, comma: bool) -> Decimal:
    """``text`` as exact money, the decimal comma form when ``comma``; ``ValueError`` says what is wrong."""
    if _ACCOUNTING_ZERO.fullmatch(_bare(text)):
        return Decimal(0)
    found = _european(text) if comma else _plain(text)
    if found is None:
        if not _bare(text):  # a currency alone (`EUR`, `€`): the reader's message would name an empty text
            raise ValueError(f"{text!r} is not an amount of money: no number in it")
        parse_money(_bare(text))  # raises the plan reader's own message
        raise ValueError(f"{text!r} is not an amount of money")
    return found
