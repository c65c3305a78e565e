"""New values written the way the plan already writes its kind of value (``$400K``, ``65%``, ``0.65``).

An import changes a value in the spelling its old value had, and appends an opportunity in the spelling
the plan's other opportunities use, so a reviewer sees the amount change and nothing else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# a suffix only when it stays short: $1.4M (tenths of a million), $410K (whole thousands)
_SCALE = (("M", Decimal(1_000_000), Decimal(10)), ("K", Decimal(1_000), Decimal(1)))


def _digits(number: Decimal) -> str:
    return format(number.normalize(), "f")


def money_like(amount: Decimal, sample: Any) -> str | Decimal:
    """``amount`` spelt like ``sample`` (the old value, or another opportunity's): ``$410K``, ``$42,750.25``."""
    if not isinstance(sample, str) or not sample.strip():
        return Decimal(int(amount)) if amount == amount.to_integral_value() else amount
    text = sample.strip()
    sign = text[0] if text[0] in "$€£" else ""
    suffix = text[-1].upper() if text[-1] in "kKmM" else ""
    for letter, scale, steps in _SCALE:
        if suffix and amount >= scale and (amount / scale * steps) == (amount / scale * steps).to_integral_value():
            letter_case = letter if text[-1].isupper() else letter.lower()
            return f"{sign}{_digits(amount / scale)}{letter_case}"
    whole = amount == amount.to_integral_value()
    grouped = f"{int(amount):,}" if whole else f"{amount:,f}"
    return f"{sign}{grouped if ',' in text or sign else _digits(amount)}"


def probability_like(probability: Decimal, sample: Any) -> str | Decimal:
    """``probability`` spelt like ``sample``: ``65%`` when the plan writes percentages, else ``0.65``."""
    if isinstance(sample, str) and sample.strip().endswith("%"):
        return f"{_digits(probability * 100)}%"
    return probability
