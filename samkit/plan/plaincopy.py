"""A copy of parsed plan data (mappings, lists, immutable scalars) for the writer's read-back check.

``copy.deepcopy`` handles any object graph (memo table, ``__deepcopy__`` look-ups), and costs about five
times this on a plan; the YAML reader only ever gives dicts, lists and immutable scalars (str, int,
Decimal, date, bool, None), so only the containers need copying. An import checks a thousand plans.
"""

from __future__ import annotations

from typing import Any


def plain_copy(data: Any) -> Any:
    """``data`` with every dict and list copied; scalars are immutable and shared."""
    if isinstance(data, dict):
        return {key: plain_copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain_copy(value) for value in data]
    return data
