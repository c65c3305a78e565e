"""Many edits into one plan: one reading, one splice pass, one re-validation, whatever the number of edits.

An import that updates every stakeholder of a 10,000-person plan once took 54 s against 0.4 s to validate
it: each inserted key walked every node of the file and each splice copied the whole text. These tests count
the work (parses, validations, nodes visited), so a path that grows with edits × nodes fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

import samkit.plan.textedit as textedit
from samkit.plan.contacts import last_contact_edit
from samkit.plan.layout import Layout
from samkit.plan.loader import load_text
from samkit.plan.textedit import PlanEdit, SetScalar, apply_edits


def _plan(people: int) -> str:
    lines = ["account:", "  name: Big Co", "  manager: Maria Rodriguez", "stakeholders:"]
    for number in range(people):
        lines += [f"  - name: Person {number}", f"    title: Director {number}", "    relationship: moderate"]
    return "\n".join(lines) + "\n"


def _edits(people: int) -> list[PlanEdit]:
    """A new ``last_contact`` line for everyone (an import's edits), and a changed title for every other one."""
    edits: list[PlanEdit] = [last_contact_edit(number, date(2026, 1, 5)) for number in range(people)]
    edits += [SetScalar(("stakeholders", number, "title"), "VP Sales") for number in range(0, people, 2)]
    return edits


class _CountingTable(dict[Any, Any]):
    """A Layout table that counts the entries every walk over it visits."""

    visits = 0

    def items(self) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        for pair in super().items():
            _CountingTable.visits += 1
            yield pair


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts whole-plan parses (with positions, or the read-back's without), layouts and validations done
    by the writer, and Layout node visits."""
    counts = {"parses": 0, "layouts": 0, "validations": 0}
    _CountingTable.visits = 0
    parse, validate, walk = textedit.parse_yaml, textedit.load_parsed, Layout._walk  # type: ignore[attr-defined]
    read_back = textedit.read_back  # type: ignore[attr-defined]

    def counted_parse(text: str) -> Any:
        counts["parses"] += 1
        return parse(text)

    def counted_read_back(text: str) -> Any:
        counts["parses"] += 1
        return read_back(text)

    def counted_validate(*args: Any, **kwargs: Any) -> Any:
        counts["validations"] += 1
        return validate(*args, **kwargs)

    def counted_walk(layout: Layout) -> None:
        counts["layouts"] += 1
        walk(layout)
        layout.values = _CountingTable(layout.values)
        layout.keys = _CountingTable(layout.keys)

    monkeypatch.setattr(textedit, "parse_yaml", counted_parse)
    monkeypatch.setattr(textedit, "read_back", counted_read_back)
    monkeypatch.setattr(textedit, "load_parsed", counted_validate)
    monkeypatch.setattr(Layout, "_walk", counted_walk)
    return counts


def _apply(people: int) -> str:
    text = _plan(people)
    loaded = load_text(text)
    assert loaded.plan is not None
    return apply_edits(text, _edits(people), loaded=True, parsed=loaded.data)


def test_all_edits_to_one_plan_take_one_layout_one_parse_and_one_validation(counted: dict[str, int]) -> None:
    result = _apply(300)
    assert counted == {"parses": 1, "layouts": 1, "validations": 1}
    assert result.count("last_contact: 2026-01-05") == 300
    assert result.count("title: VP Sales") == 150


def test_nodes_visited_grow_with_the_plan_not_with_edits_times_nodes(counted: dict[str, int]) -> None:
    _apply(50)
    small = _CountingTable.visits
    _CountingTable.visits = 0
    _apply(200)
    large = _CountingTable.visits
    # 4x the people and 4x the edits: about 4x the visits; one walk over every node per edit made it 16x
    assert large <= 5 * small, (small, large)


def test_the_edits_applied_together_equal_the_edits_applied_one_at_a_time() -> None:
    text = _plan(40)
    together = apply_edits(text, _edits(40))
    one_by_one = text
    for edit in _edits(40):
        one_by_one = apply_edits(one_by_one, [edit])
    assert together == one_by_one
