"""JSON Schema forms of the plan format's value types (for editors' YAML language servers), and the checked
value types that carry their own schema (``CadenceDays``).

The model (``samkit.plan.model``) attaches these to its annotated types; they live apart so the model stays
a readable list of fields.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*[$€£]?\s*((\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+)\s*[kKmMbB]?\s*$"},
    ],
    "description": "money: 400000, 85000.50, '$400K', '$1.4M', '$85,000', '1.25M'",
}
PROBABILITY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
    ],
    "description": "a percentage like '65%' or a number from 0 to 1 like 0.65",
}
QUARTER_SCHEMA = {
    "type": "string",
    "description": "a quarter or range: 'Q1 2026', '2026-Q1', 'Q2-Q3 2026', 'Q4 2026-Q1 2027', '2026-Q2..2026-Q3'",
}


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
