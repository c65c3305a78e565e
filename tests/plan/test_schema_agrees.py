"""One contract, two readers: the JSON Schema (editors) and ``samkit validate`` (the model) agree on plans.

A hypothesis test starts from a valid plan, puts a generated value (a valid form, a near miss or junk) into
one field, writes the plan as YAML and asks both: the schema, with ``jsonschema``, on the document as an
editor's YAML 1.2 reader sees it, and ``load_text``. The verdicts must be equal, except for the documented
things a schema cannot say (``SCHEMA_CANNOT_EXPRESS``), which are recognised and set aside.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samkit.plan.loader import load_text
from samkit.plan.model import plan_json_schema
from samkit.plan.schema_forms import SCHEMA_CANNOT_EXPRESS
from samkit.plan.values import parse_iso_day, parse_quarter_range
from samkit.plan.yamlsafe import parse_yaml

VALIDATOR = jsonschema.Draft202012Validator(plan_json_schema())

BASE: dict[str, Any] = {
    "version": 1,
    "account": {"name": "Acme", "manager": "Maria Rodriguez", "arr": "$1.2M", "renewal_date": "2026-09-30"},
    "score": {
        "current_revenue": 8,
        "expansion_potential": 7,
        "strategic_fit": 9,
        "market_influence": 6,
        "relationship_strength": 5,
        "product_adoption": 7,
        "partnership_potential": 4,
    },
    "period": "Q1 2026",
    "last_reviewed": "2026-01-15",
    "stakeholders": [
        {"name": "Lisa Thompson", "relationship": "moderate", "last_contact": "2026-01-10", "email": "l@acme.example"}
    ],
    "state": {"health_score": 72, "support_tickets": 3, "avg_resolution_hours": 4.5, "feature_adoption": "40%"},
    "opportunities": [{"name": "Upsell", "value": "$400K", "timeframe": "Q2-Q3 2026", "probability": "65%"}],
    "actions": [{"due": "2026-02-01", "action": "Call the CFO"}],
}

BLANKS = st.sampled_from(["", "", " ", "\t"])


def numberish() -> st.SearchStrategy[str]:
    """Text that is, or nearly is, a number, a percentage or an amount of money."""
    digits = st.text("0123456789", min_size=0, max_size=4)
    return st.builds(
        lambda pad, sign, currency, whole, fraction, suffix, end: (
            f"{pad}{currency}{sign}{whole}{fraction}{suffix}{end}"
        ),
        BLANKS,
        st.sampled_from(["", "", "", "-", "+"]),
        st.sampled_from(["", "", "$", "€"]),
        st.one_of(digits, st.sampled_from(["1,000", "12,50", "1,234,567", "100", "150", "0", "1", "10"])),
        st.one_of(st.just(""), st.just("."), digits.map(lambda text: f".{text}")),
        st.sampled_from(["", "", "%", " %", "K", "m", "B", "x"]),
        BLANKS,
    )


def numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-5, 200),
        st.decimals(min_value=-2, max_value=150, places=2, allow_nan=False, allow_infinity=False).map(float),
        st.sampled_from([0, 1, 10, 100, 0.65, 1.5, -0.0]),
    )


def quarters() -> st.SearchStrategy[str]:
    quarter = st.builds(lambda q, n: f"{q}{n}", st.sampled_from(["Q", "q", "", "K"]), st.integers(0, 5))
    year = st.sampled_from(["2026", "2027", "2025", "202", "20260"])
    one = st.one_of(
        st.builds(lambda q, y: f"{q} {y}", quarter, year),
        st.builds(lambda y, dash, q: f"{y}{dash}{q}", year, st.sampled_from(["-", ""]), quarter),
    )
    return st.one_of(
        one,
        st.builds(lambda a, b, y: f"{a}-{b} {y}", quarter, quarter, year),
        st.builds(lambda a, b, sep: f"{a}{sep}{b}", one, one, st.sampled_from(["-", " - ", "..", " to "])),
        st.text(max_size=8),
    )


def days() -> st.SearchStrategy[str]:
    return st.builds(
        lambda y, m, d, pad: f"{pad}{y}-{m}-{d}",
        st.sampled_from(["2026", "2025", "0000", "226"]),
        st.sampled_from(["01", "02", "12", "13", "00", "1"]),
        st.sampled_from(["01", "15", "28", "29", "30", "31", "32", "00", "5"]),
        st.sampled_from(["", "", " "]),
    )


def anything() -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), st.booleans(), st.text(max_size=6), st.lists(st.integers(0, 3), max_size=2))


VALUES: dict[str, st.SearchStrategy[Any]] = {
    "number": st.one_of(numberish(), numbers(), anything()),
    "quarter": st.one_of(quarters(), anything()),
    "day": st.one_of(days(), anything()),
    "email": st.one_of(
        st.sampled_from(["a@b.co", " a@b.co ", "a@b", "a b@c.de", "@x.io", "a@@b.io", "a@b.c.d"]), anything()
    ),
    "count": st.one_of(numberish(), st.integers(-3, 50), anything()),
}

Setter = Callable[[dict[str, Any], Any], None]


def _set(*path: str | int) -> Setter:
    def put(document: dict[str, Any], value: Any) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return put


FIELDS: list[tuple[str, str, Setter]] = [
    ("probability", "number", _set("opportunities", 0, "probability")),
    ("value", "number", _set("opportunities", 0, "value")),
    ("arr", "number", _set("account", "arr")),
    ("health_score", "number", _set("state", "health_score")),
    ("avg_resolution_hours", "number", _set("state", "avg_resolution_hours")),
    ("feature_adoption", "number", _set("state", "feature_adoption")),
    ("support_tickets", "count", _set("state", "support_tickets")),
    ("strategic_fit", "number", _set("score", "strategic_fit")),
    ("period", "quarter", _set("period")),
    ("timeframe", "quarter", _set("opportunities", 0, "timeframe")),
    ("last_contact", "day", _set("stakeholders", 0, "last_contact")),
    ("due", "day", _set("actions", 0, "due")),
    ("renewal_date", "day", _set("account", "renewal_date")),
    ("email", "email", _set("stakeholders", 0, "email")),
]


def as_json(value: Any) -> Any:
    """The document as an editor's YAML 1.2 reader gives it to the schema: numbers, and days as text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "E" not in str(value) else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def documented_exception(kind: str, value: Any) -> str | None:
    """Which entry of ``SCHEMA_CANNOT_EXPRESS`` this value is, if any."""
    if kind == "day" and isinstance(value, str) and parse_iso_day(value) is None:
        pieces = value.strip().split("-")
        if len(pieces) == 3 and all(piece.isdigit() for piece in pieces) and [len(p) for p in pieces] == [4, 2, 2]:
            return SCHEMA_CANNOT_EXPRESS[0]
    if kind == "quarter" and isinstance(value, str):
        try:
            parse_quarter_range(value)
        except ValueError as error:
            if "ends before it starts" in str(error):
                return SCHEMA_CANNOT_EXPRESS[1]
    return None


def verdicts(document: dict[str, Any]) -> tuple[bool, bool, str]:
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    loaded = load_text(text, "plan.yaml")
    data, _ = parse_yaml(text)
    return VALIDATOR.is_valid(as_json(data)), loaded.ok, text


def test_the_base_plan_is_valid_for_both() -> None:
    schema_ok, model_ok, text = verdicts(BASE)
    assert schema_ok and model_ok, text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS).flatmap(lambda field: st.tuples(st.just(field), VALUES[field[1]])))
def test_the_schema_and_validate_agree(case: tuple[tuple[str, str, Setter], Any]) -> None:
    (name, kind, put), value = case
    assume(documented_exception(kind, value) is None)
    document = copy.deepcopy(BASE)
    put(document, value)
    schema_ok, model_ok, text = verdicts(document)
    assert schema_ok == model_ok, (
        f"{name}: {value!r}: schema {'accepts' if schema_ok else 'refuses'}, validate {'accepts' if model_ok else 'refuses'}\n{text}"
    )


@pytest.mark.parametrize(
    ("name", "value", "accepted"),
    [
        ("health_score", 150, False),
        ("health_score", -3, False),
        ("health_score", "80", True),
        ("probability", "150%", False),
        ("probability", "0.65", True),
        ("probability", 0.65, True),
        ("probability", "100%", True),
        ("period", "junk", False),
        ("timeframe", "Q3-Q2 2026", False),
        ("timeframe", "Q4 2026-Q1 2027", True),
        ("support_tickets", "12", True),
        ("support_tickets", "1_2", False),
        ("strategic_fit", "11", False),
        ("strategic_fit", "7.5", True),
        ("value", "$1,400K", True),
        ("value", "$١٢٣", False),
    ],
)
def test_the_cases_the_issue_names(name: str, value: Any, accepted: bool) -> None:
    [(_, _, put)] = [field for field in FIELDS if field[0] == name]
    document = copy.deepcopy(BASE)
    put(document, value)
    schema_ok, model_ok, text = verdicts(document)
    assert (schema_ok, model_ok) == (accepted, accepted), text


def test_the_exceptions_are_real_and_documented() -> None:
    """Each documented exception: validate refuses it, the schema cannot (it accepts)."""
    for put, value in (
        (_set("actions", 0, "due"), "2026-02-30"),
        (
            _set(
                "period",
            ),
            "Q1 2027-Q4 2026",
        ),
    ):
        document = copy.deepcopy(BASE)
        put(document, value)
        schema_ok, model_ok, _ = verdicts(document)
        assert schema_ok and not model_ok
    assert len(SCHEMA_CANNOT_EXPRESS) == len(set(SCHEMA_CANNOT_EXPRESS))
