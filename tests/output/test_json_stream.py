"""Streamed JSON is byte for byte the JSON of one ``dumps``."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.output.jsonout import dumps, object_chunks

leaf = (
    st.none() | st.booleans() | st.integers() | st.text() | st.decimals(allow_nan=False, allow_infinity=False, places=2)
)
values = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(items=st.lists(values, max_size=5), rest=st.dictionaries(st.text(max_size=5), values, max_size=3))
def test_object_chunks_write_what_dumps_writes(items: list[Any], rest: dict[str, Any]) -> None:
    rest = {key: value for key, value in rest.items() if key != "plans"}
    streamed = "".join(object_chunks("plans", iter(items), rest))
    assert streamed == dumps({"plans": items, **rest}) + "\n"
    assert json.loads(streamed)["plans"] == json.loads(dumps(items))


def test_an_empty_list_and_exact_decimals() -> None:
    assert "".join(object_chunks("plans", [])) == '{\n  "plans": []\n}\n'
    text = "".join(object_chunks("accounts", [{"arr": Decimal("12345678901234567.89")}]))
    assert '"arr": 12345678901234567.89' in text
