"""The writer's copy of parsed plan data: containers copied, so editing the copy leaves the original."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from samkit.plan.plaincopy import plain_copy
from samkit.plan.yamlsafe import parse_yaml
from tests.conftest import SEED_PLAN


def test_a_copy_is_equal_and_shares_no_container() -> None:
    data, _ = parse_yaml(SEED_PLAN.read_text(encoding="utf-8"))
    copied = plain_copy(data)
    assert copied == data
    copied["stakeholders"][0]["last_contact"] = date(2030, 1, 1)
    copied["stakeholders"][0].setdefault("notes", []).append("new")
    copied["account"]["team"] = []
    assert data == parse_yaml(SEED_PLAN.read_text(encoding="utf-8"))[0]


def test_scalars_come_through_as_they_are() -> None:
    data = {"a": [Decimal("1.5"), date(2026, 1, 1), None, True, "x", 3]}
    assert plain_copy(data) == data
