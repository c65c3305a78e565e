"""Many edits of one plan spliced from one reading, even where several insert lines at the same place.

``textedit`` splices edits that touch separate places from one parse, and takes the exact one-by-one path
(one parse per edit) when two meet. An import meets that case on every plan it adds to: two new keys of
one opportunity (``crm_id`` and ``close_date`` after ``probability``) or several opportunities appended
after the list's end. ``group_insertions`` turns each set of insertions at one offset into one edit that
inserts their lines in the order the one-by-one path would (keys of an item before items appended after
it), so the whole plan is again one splice; ``textedit`` still re-parses and checks the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from samkit.plan.errors import EditError
from samkit.plan.layout import Layout
from samkit.plan.newitem import AppendMapping
from samkit.plan.textedit import PlanEdit, _expect, _lookup, _splice_of, edit_label


@dataclass(frozen=True)
class Placed:
    """An edit whose splice was worked out on this very text already (by ``group_insertions``)."""

    edit: PlanEdit
    placed: tuple[int, int, str]

    def label(self) -> str:
        return edit_label(self.edit)

    def splice(self, layout: Layout, data: Any) -> tuple[int, int, str]:
        return self.placed

    def expect(self, data: Any) -> None:
        _expect(data, self.edit)


@dataclass(frozen=True)
class Insertions:
    """Edits that each insert whole lines at one offset, applied as one splice in their order."""

    edits: tuple[PlanEdit, ...]

    def label(self) -> str:
        return "; ".join(edit_label(edit) for edit in self.edits)

    def splice(self, layout: Layout, data: Any) -> tuple[int, int, str]:
        splices = [_splice_of(layout, data, edit) for edit in self.edits]
        at = splices[0][0]
        if any(start != at or end != at for start, end, _ in splices):
            raise EditError("grouped edits must all insert at one place")
        return at, at, "".join(text for _, _, text in splices)

    def expect(self, data: Any) -> None:
        for edit in self.edits:
            _expect(data, edit)


def group_insertions(text: str, data: Any, edits: Sequence[PlanEdit], layout: Layout | None = None) -> list[PlanEdit]:
    """``edits`` placed on ``text`` once, the insertions at a shared offset grouped; unchanged when any edit
    cannot be placed (the writer's one-by-one path then names the problem). Only for the very text the
    writer then edits: the splices are offsets into it. ``layout``: that of ``text``, when already made."""
    layout = layout or Layout(text)
    try:
        splices = [_splice_of(layout, data, edit) for edit in edits]
    except (EditError, KeyError, IndexError, TypeError):
        return list(edits)  # the writer's one-by-one path names the problem
    at_offset: dict[int, list[int]] = {}
    for number, (start, end, _) in enumerate(splices):
        if start == end:
            at_offset.setdefault(start, []).append(number)
    grouped: list[PlanEdit] = []
    done: set[int] = set()
    for number, edit in enumerate(edits):
        if number in done:
            continue
        start, end, _ = splices[number]
        members = at_offset.get(start, []) if start == end else []
        if len(members) < 2:
            grouped.append(Placed(edit, splices[number]))
            continue
        appends = [item for item in (edits[index] for index in members) if isinstance(item, AppendMapping)]
        if len(appends) > 1 and not _lookup(data, appends[0].list_path[:-1]).get(appends[0].list_path[-1]):
            return list(edits)  # each would create the list: the writer's one-by-one path creates it once
        done.update(members)
        # keys of the item that ends here first, then the items appended after it
        ordered = sorted(members, key=lambda index: isinstance(edits[index], AppendMapping))
        text = "".join(splices[index][2] for index in ordered)
        grouped.append(Placed(Insertions(tuple(edits[index] for index in ordered)), (start, start, text)))
    return grouped
