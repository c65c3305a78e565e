"""JSON with exact money: ``Decimal`` becomes a JSON number written from its own decimal digits.

The standard encoder only knows floats, which would turn 12345678901234567.89 into 1.2345678901234568e+16.
Decimals are swapped for unique string tokens, encoded, and the quoted tokens replaced by the digits.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from samkit.fileio.names import shown_name
from samkit.plan.values import FixedDecimal

_SURROGATE = re.compile("[\udc80-\udcff]")


def decimal_text(value: Decimal) -> str:
    """``Decimal('482000.00')`` → ``482000``; ``Decimal('42500.250')`` → ``42500.25``; a ``FixedDecimal``
    keeps its digits (a score of ``31.0`` stays ``31.0``, as the JSON contract shows scores with one decimal)."""
    if isinstance(value, FixedDecimal):
        return format(value, "f")
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_jsonable(value: Any, decimal: Any = float) -> Any:
    """Plain JSON types; Decimal → ``decimal(value)``, date → ISO text, enums → their value."""
    if isinstance(value, Decimal):
        return decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): to_jsonable(item, decimal) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item, decimal) for item in value]
    if hasattr(value, "to_dict"):
        return to_jsonable(value.to_dict(), decimal)
    return value


def dumps(value: Any, indent: int | None = 2) -> str:
    token = f"@@samkit-{secrets.token_hex(8)}@@"
    data = to_jsonable(value, lambda number: f"{token}{decimal_text(number)}")
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    text = re.sub(f'"{token}(-?[0-9.]+)"', r"\1", text)
    # bytes of a file name that are not UTF-8 (lone surrogates) as the text "\xNN", like everywhere else
    return _SURROGATE.sub(lambda match: shown_name(match.group()).replace("\\", "\\\\"), text)
