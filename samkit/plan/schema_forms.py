"""The JSON Schema of each value form, written to accept exactly what the plan model accepts.

Editors check plans against ``samkit schema`` as the user types; ``samkit validate`` checks them with the
model. The two must agree, so every pattern here mirrors the parser in ``samkit.plan.values`` (or the model)
it stands for: the same characters (ASCII digits, ASCII blanks where the parser reads them), the same
bounds (a health score from 0 to 100, a probability from 0% to 100% or 0 to 1, points from 0 to 10),
quoted numbers where the parser takes them (``probability: '0.65'``). A test generates plans and compares
the two verdicts; what a schema cannot say is listed in ``SCHEMA_CANNOT_EXPRESS``.

Patterns are ECMA-262 regular expressions (what editors run) written so that Python's ``re`` reads them
the same way: no ``\\d`` (Unicode digits in Python), no inline flags.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

BLANK = "[ \\t\\n\\r\\f\\v]"  # the ASCII whitespace the parsers' regexes (re.ASCII) allow around a value
_NEGATIVE_ZERO = "-(?:0+(?:\\.0+)?|\\.0+)"  # `-0` and `-0.0` are zero, and accepted as such


def _non_negative_up_to(maximum: int | None) -> str:
    """A plain decimal (``12``, ``3.5``, ``.5``, ``007``) from 0 to ``maximum`` (a power of ten) or unbounded."""
    if maximum is None:
        return "[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+"
    digits = len(str(maximum)) - 1
    top = f"0*{maximum}(?:\\.0+)?"
    if digits == 0:  # up to 1: 0, 0.65, .5, 1, 1.0
        return f"{top}|0+(?:\\.[0-9]+)?|\\.[0-9]+"
    return f"{top}|0*[0-9]{{1,{digits}}}(?:\\.[0-9]+)?|\\.[0-9]+"


def quoted_number_pattern(maximum: int | None) -> str:
    """A number written as text (``'0.65'``, ``" 7 "``), as ``parse_decimal`` reads one, within the bound."""
    return f"^{BLANK}*(?:{_non_negative_up_to(maximum)}|{_NEGATIVE_ZERO}){BLANK}*$"


def number_schema(maximum: int | None = None, description: str | None = None) -> dict[str, Any]:
    """A non-negative number (up to ``maximum``), as a YAML number or quoted."""
    plain: dict[str, Any] = {"type": "number", "minimum": 0}
    if maximum is not None:
        plain["maximum"] = maximum
    schema: dict[str, Any] = {"anyOf": [plain, {"type": "string", "pattern": quoted_number_pattern(maximum)}]}
    if description:
        schema["description"] = description
    return schema


MONEY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": f"^{BLANK}*[$€£]?{BLANK}*(?:(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\\.[0-9]+)?|\\.[0-9]+)"
            f"{BLANK}*[kKmMbB]?{BLANK}*$",
        },
    ],
    "description": "money: 400000, 85000.50, '$400K', '$1.4M', '$85,000', '1.25M'",
}

PROBABILITY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {
            "type": "string",
            "pattern": f"^{BLANK}*(?:{_non_negative_up_to(100)}|{_NEGATIVE_ZERO}){BLANK}*%{BLANK}*$",
        },
        {"type": "string", "pattern": quoted_number_pattern(1)},
    ],
    "description": "a percentage from 0% to 100% like '65%', or a number from 0 to 1 like 0.65 (quoted or not)",
}

_Q = "[Qq][1-4]"
_YEAR = "[0-9]{4}"
_DASH = f"{BLANK}*-{BLANK}*"
# within one year the end quarter cannot come before the start: Q2-Q3 2026, never Q3-Q2 2026
_SAME_YEAR_RANGE = "|".join(f"[Qq]{first}{_DASH}[Qq][{first}-4]" for first in range(1, 5))
QUARTER_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": (
        "^\\s*(?:"
        f"{_Q}{BLANK}+{_YEAR}"  # Q1 2026
        f"|(?:{_SAME_YEAR_RANGE}){BLANK}+{_YEAR}"  # Q2-Q3 2026
        f"|{_Q}{BLANK}+{_YEAR}(?:{_DASH}{_Q})?{BLANK}+{_YEAR}"  # Q4 2026-Q1 2027
        f"|{_YEAR}-?{_Q}(?:{BLANK}*(?:\\.\\.|-|–){BLANK}*{_YEAR}-?{_Q})?"  # 2026-Q1, 2026-Q2..2026-Q3
        ")\\s*$"
    ),
    "description": "a quarter or range: 'Q1 2026', '2026-Q1', 'Q2-Q3 2026', 'Q4 2026-Q1 2027', '2026-Q2..2026-Q3'",
}

DAY_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": "^\\s*[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\\s*$",
    "description": "a day, YYYY-MM-DD",
}

EMAIL_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$"}

COUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": f"^{BLANK}*\\+?[0-9]+{BLANK}*$"}]
}

# What validate refuses and no JSON Schema can say (each needs a second value, another item, or a calendar):
SCHEMA_CANNOT_EXPRESS = (
    "a day that does not exist in its month or year (2026-02-30, 0000-01-01)",
    "a quarter range across years that ends before it starts (Q1 2027-Q4 2026, 2027-Q1..2026-Q4)",
    "two stakeholders with the same name or email, two opportunities with the same name, a whitespace cell twice",
    "reports_to naming no stakeholder of the plan, the stakeholder themselves, or a reporting loop",
    "a whitespace cell naming an opportunity the plan does not have",
)


# schema shapes attached to the model's annotated types, and the checked cadence type that carries its own
def or_null(schema: dict[str, Any]) -> None:
    """JSON Schema for a section that may be left empty (``risks:`` with no value reads as null)."""
    _widen(schema, {"type": "null"})


def or_text_or_null(schema: dict[str, Any]) -> None:
    """A list of steps, or one string, or nothing."""
    _widen(schema, {"type": "string"}, {"type": "null"})


def _widen(schema: dict[str, Any], *alternatives: dict[str, Any]) -> None:
    kept: dict[str, Any] = {key: schema.pop(key) for key in ("title", "default", "description") if key in schema}
    original = dict(schema)
    schema.clear()
    schema.update(kept)
    schema["anyOf"] = [original, *alternatives]


CADENCE_DAYS_MAX = 3650


def _cadence(value: object) -> object:
    """A whole number of days from 1 to 3650 (ten years), written as a number: not ``true``, ``30.5`` or ``"30"``."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= CADENCE_DAYS_MAX:
        return value
    shown = (
        str(value).lower()
        if isinstance(value, bool)
        else str(value)
        if isinstance(value, int | Decimal)
        else repr(value)
    )
    raise ValueError(f"expected a whole number of days from 1 to {CADENCE_DAYS_MAX}, got {shown}")


CadenceDays = Annotated[
    int,
    BeforeValidator(_cadence),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": CADENCE_DAYS_MAX}),
]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: object) -> object:
    if isinstance(value, str) and not _EMAIL.match(value.strip()):
        raise ValueError(f"{value!r} is not an email address; write name@company.example")
    return value.strip() if isinstance(value, str) else value


Email = Annotated[str, BeforeValidator(_email), WithJsonSchema(EMAIL_SCHEMA)]


def _crm_id(value: object) -> object:
    """A CRM id is text; a bare number (HubSpot's ids are digits) is read as the digits written."""
    if isinstance(value, bool):
        raise ValueError(f"expected a CRM id (text), got {str(value).lower()}")
    return str(value) if isinstance(value, int) else value.strip() if isinstance(value, str) else value


_CRM_ID_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]})
CrmId = Annotated[str, BeforeValidator(_crm_id), Field(min_length=1), _CRM_ID_SCHEMA]
