"""Parsers for the value forms of the plan format: money, probability, quarters, enum spellings.

Pure standard library so that anything (the roster reader, the config loader) can use them cheaply.
Every parser raises ``ValueError`` with a message written for the person editing the plan.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_MONEY_RE = re.compile(
    r"""^\s*
    (?P<currency>[$€£])?\s*
    (?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    \s*(?P<suffix>[kKmMbB])?\s*$""",
    re.VERBOSE | re.ASCII,  # ASCII digits only: '١٢٣' is not an amount a spreadsheet or a person reads the same
)
_SUFFIX = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
_PERCENT_RE = re.compile(r"^\s*(?P<number>-?(?:\d+(?:\.\d+)?|\.\d+))\s*%\s*$", re.ASCII)
_NUMBER_RE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?|\.\d+)\s*$", re.ASCII)
# a signed one, read as parse_decimal reads quoted numbers: "-0" is zero, any other sign is refused by range
_SIGNED_NUMBER_RE = re.compile(r"^\s*(?P<number>-?(?:\d+(?:\.\d+)?|\.\d+))\s*$", re.ASCII)


# a day as the plan format writes it: YYYY-MM-DD in ASCII digits, nothing else
ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def parse_iso_day(text: str) -> date | None:
    """``'2026-03-31'`` (spaces around allowed) → that day; any other spelling, or no such day → ``None``.

    ``date.fromisoformat`` alone would also take ``20260331`` and week dates like ``2026-W14-2``.
    """
    text = text.strip()
    if not ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


_NEGATIVE_RE = re.compile(r"^\s*(?:[$€£]\s*)?-|^\s*-\s*[$€£]")


def _shown(value: object) -> str:
    """A value as the user wrote it: ``65.0`` rather than pydantic's ``Decimal('65.0')``; text stays quoted."""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return str(value)
    return repr(value)


class FixedDecimal(Decimal):
    """A Decimal that keeps its written precision on output: a score of 31.0 is written ``31.0``, not ``31``.

    Arithmetic on it gives plain Decimals; only the value as quantized for display carries the type.
    """


def _exact(value: object) -> Decimal | None:
    """Turn an int / Decimal / float into a Decimal without inventing binary noise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr() gives the shortest string that round-trips: 0.1 -> "0.1", not 0.1000000000000000055...
        return Decimal(repr(value))
    return None


def parse_money(value: object) -> Decimal:
    """``400000``, ``85000.50``, ``$400K``, ``$1.4M``, ``$85,000``, ``1.25M`` → Decimal."""
    number = _exact(value)
    if number is None:
        if not isinstance(value, str):
            raise ValueError(f"expected an amount of money like $400K or 85000, got {value!r}")
        match = _MONEY_RE.match(value)
        if match is None and _NEGATIVE_RE.match(value):
            raise ValueError(f"money cannot be negative, got {value!r}")
        if match is None:
            raise ValueError(
                f"{value!r} is not an amount of money; write a number or a form like $400K, $1.4M, $85,000"
            )
        number = Decimal(match["number"].replace(",", ""))
        suffix = match["suffix"]
        if suffix:
            number *= _SUFFIX[suffix.lower()]
    if not number.is_finite():
        raise ValueError(f"{_shown(value)} is not an amount of money")
    if number < 0:
        raise ValueError(f"money cannot be negative, got {_shown(value)}")
    # $1.4M is 1400000, not 1400000.0 or 1.4E+6: integral amounts carry no exponent or decimals
    return Decimal(int(number)) if number == number.to_integral_value() else number


def parse_probability(value: object, what: str = "probability") -> Decimal:
    """``65%``, ``12.5%`` or a number from 0 to 1 → Decimal in [0, 1]."""
    number = _exact(value)
    if number is None:
        if not isinstance(value, str):
            raise ValueError(f"expected a {what} like 65% or 0.65, got {value!r}")
        percent = _PERCENT_RE.match(value)
        if percent is not None:
            number = Decimal(percent["number"]) / 100
            if number > 1:
                raise ValueError(f"{value!r} is not a {what}; it must be between 0% and 100%")
        elif (plain := _SIGNED_NUMBER_RE.match(value)) is not None:
            number = Decimal(plain["number"])
        else:
            raise ValueError(f"{value!r} is not a {what}; write a percentage like 65% or a number like 0.65")
    if not number.is_finite() or number < 0:
        raise ValueError(f"{_shown(value)} is not a {what}; it must be between 0% and 100%")
    if number > 1:
        if number <= 100:
            raise ValueError(f"{what} {_shown(value)} is ambiguous; write {number}% or {number / 100}")
        raise ValueError(f"{_shown(value)} is not a {what}; it must be between 0% and 100%")
    return number


def parse_decimal(value: object, what: str = "number") -> Decimal:
    """A plain number (int, float or numeric string) → Decimal."""
    number = _exact(value)
    if number is None and isinstance(value, str) and _NUMBER_RE.match(value.replace("-", "", 1)):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise ValueError(f"expected a {what}, got {_shown(value)}")
    return number


def normalize_enum_text(value: str) -> str:
    """``Economic Buyer`` / ``economic-buyer`` → ``economic_buyer``."""
    return re.sub(r"[\s\-]+", "_", value.strip()).lower()


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}"

    @property
    def index(self) -> int:
        return self.year * 4 + self.quarter - 1

    @property
    def iso(self) -> str:
        """``2026-Q3``: the year first, so the text sorts as the quarters do (a site table's sort key)."""
        return f"{self.year:04d}-Q{self.quarter}"

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        if self.quarter == 4:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, 3 * self.quarter + 1, 1).toordinal() - 1)


@dataclass(frozen=True)
class QuarterRange:
    """An inclusive range of quarters; a single quarter is a range of one."""

    first: Quarter
    last: Quarter

    def __str__(self) -> str:
        if self.first == self.last:
            return str(self.first)
        if self.first.year == self.last.year:
            return f"Q{self.first.quarter}-Q{self.last.quarter} {self.last.year}"
        return f"{self.first}-{self.last}"

    @property
    def iso(self) -> str:
        """``2026-Q3`` or ``2026-Q2..2026-Q3`` (a form plans take too): as text, ranges sort by their first
        quarter, then their last (a quarter alone before a range starting with it)."""
        return self.first.iso if self.first == self.last else f"{self.first.iso}..{self.last.iso}"

    @property
    def start(self) -> date:
        return self.first.first_day

    @property
    def end(self) -> date:
        return self.last.last_day

    def quarters(self) -> list[Quarter]:
        return [Quarter.from_index(i) for i in range(self.first.index, self.last.index + 1)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


_Q = r"[Qq](?P<{n}q>[1-4])"
_Y = r"(?P<{n}y>\d{{4}})"
_QUARTER_FORMS = [
    # Q1 2026 | Q2-Q3 2026 | Q4 2026-Q1 2027 | Q4 2026 - Q1 2027
    re.compile(
        rf"^{_Q.format(n='a')}(?:\s+{_Y.format(n='a')})?(?:\s*-\s*{_Q.format(n='b')})?\s+{_Y.format(n='b')}$", re.ASCII
    ),
    # 2026-Q1 | 2026-Q2..2026-Q3 | 2026-Q2-2026-Q3
    re.compile(
        rf"^{_Y.format(n='a')}-?{_Q.format(n='a')}(?:\s*(?:\.\.|-|–)\s*{_Y.format(n='b')}-?{_Q.format(n='b')})?$",
        re.ASCII,
    ),
]


def parse_quarter_range(value: object) -> QuarterRange:
    """``Q1 2026``, ``2026-Q1``, ``Q2-Q3 2026``, ``Q4 2026-Q1 2027``, ``2026-Q2..2026-Q3``."""
    if not isinstance(value, str):
        raise ValueError(f"expected a quarter like 'Q1 2026' or 'Q2-Q3 2026', got {value!r}")
    text = value.strip()
    for form in _QUARTER_FORMS:
        match = form.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        first_year = parts.get("ay") or parts.get("by")
        last_year = parts.get("by") or parts.get("ay")
        last_quarter = parts.get("bq") or parts["aq"]
        assert first_year is not None and last_year is not None
        first = Quarter(int(first_year), int(parts["aq"]))
        last = Quarter(int(last_year), int(last_quarter))
        if last < first:
            raise ValueError(f"quarter range {value!r} ends before it starts")
        return QuarterRange(first, last)
    raise ValueError(f"{value!r} is not a quarter; write 'Q1 2026', '2026-Q1', 'Q2-Q3 2026' or 'Q4 2026-Q1 2027'")


# The sign money is shown with: the program's currency's (``samkit.plan.currency.show_money_in``, set as a
# command reads its configuration; each command's run restores it), `$` by default (USD).
MONEY_SIGN: ContextVar[str] = ContextVar("money_sign", default="$")


def format_money(amount: Decimal) -> str:
    """``Decimal('482000')`` → ``$482,000``; cents shown only when there are any; ``-$5,000`` below zero.

    A weighted figure can have fractions of a cent (``$1.01`` at 50%): rounded half-up, as every figure samkit
    rounds (domain.md), so ``$0.505`` shows as ``$0.51``; totals are summed exactly before they are rounded."""
    quantized = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    magnitude = abs(quantized)
    money = MONEY_SIGN.get()
    if magnitude == magnitude.to_integral_value():
        return f"{sign}{money}{magnitude:,.0f}"
    return f"{sign}{money}{magnitude:,.2f}"


def format_percent(fraction: Decimal) -> str:
    """``Decimal('0.65')`` → ``65%``; ``Decimal('0.125')`` → ``12.5%``: exact, as many decimals as it takes."""
    percent = (fraction * 100).normalize()
    text = f"{percent:f}"
    return f"{text}%"


def format_percent_to_tenth(fraction: Decimal) -> str:
    """``Decimal(1) / 3`` → ``33.3%``; ``Decimal('0.2')`` → ``20.0%``: always one decimal, rounded half-up."""
    return f"{(fraction * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
