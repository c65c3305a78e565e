"""A new item in a plan list (``samkit log --new`` adds a stakeholder), through the one writer of plans.

The item is spliced in after the list's last line, at the list's own indentation, one line per field;
``samkit.plan.textedit`` then re-parses the result, checks it reads back as the plan with this item added,
and re-validates it, as for every other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samkit.plan.errors import EditError
from samkit.plan.layout import Layout, YamlPath
from samkit.plan.scalars import Scalar, format_scalar
from samkit.plan.textedit import _key_indent, _lookup, _mapping, _shown, written_inline

FieldValue = Scalar | tuple[str, ...]


@dataclass(frozen=True)
class AppendMapping:
    """Append a mapping of ``fields`` to the block list at ``list_path`` (the list is created if missing).

    A tuple value is written as a flow list (``notes: ["2026-02-16: met"]``).
    """

    list_path: YamlPath
    fields: tuple[tuple[str, FieldValue], ...]

    def label(self) -> str:
        return f"a new item of {_shown(self.list_path)}"

    def _lines(self) -> list[str]:
        return [f"{format_scalar(name)}: {_value(value)}" for name, value in self.fields]

    def splice(self, layout: Layout, data: Any) -> tuple[int, int, str]:
        parent, key = self.list_path[:-1], str(self.list_path[-1])
        node, keys = _mapping(layout, data, parent)
        first, *rest = self._lines()
        if key not in keys:
            if node.flow:
                raise EditError(written_inline(parent, key))
            column = _key_indent(layout, parent, keys)
            dash = " " * (column + layout.list_indent)
            lines = [f"{' ' * column}{format_scalar(key)}:", f"{dash}- {first}", *(f"{dash}  {line}" for line in rest)]
            return layout.insert_after(layout.last_line(parent), lines)
        target = layout.values[self.list_path]
        if keys[key] == [] and target.flow and target.start.line == target.end.line:
            return self._into_empty_flow_list(layout, key, first, rest)
        if not isinstance(keys[key], list) or not keys[key] or target.flow:
            raise EditError(f"{_shown(self.list_path)} is empty or written inline; add the item by hand")
        dash = " " * target.start.column
        lines = [f"{dash}- {first}", *(f"{dash}  {line}" for line in rest)]
        return layout.insert_after(layout.last_line(self.list_path), lines)

    def _into_empty_flow_list(self, layout: Layout, key: str, first: str, rest: list[str]) -> tuple[int, int, str]:
        """``stakeholders: []  # comment`` (as ``samkit new`` writes it) becomes a block list of one item.

        The ``[]`` goes, the comment after it stays on the key's line, and the item follows on new lines.
        """
        target = layout.values[self.list_path]
        column = layout.keys[self.list_path].start.column
        dash = " " * (column + layout.list_indent)
        line = target.end.line
        after = layout.line_text(line)[target.end.column :]
        start, end = layout.offset(target.start), layout.line_starts[line] + len(layout.line_text(line))
        eol = layout.eol(line)
        item = "".join(eol + text for text in [f"{dash}- {first}", *(f"{dash}  {field}" for field in rest)])
        # `key: []  # note` → `key:  # note`: the brackets and the space before them go, the comment stays
        kept = after if after.strip() else ""
        prefix_end = start
        while prefix_end > 0 and layout.text[prefix_end - 1] == " ":
            prefix_end -= 1
        return prefix_end, end, (kept if kept.startswith(" ") else (" " + kept if kept else "")) + item

    def expect(self, data: Any) -> None:
        parent = _lookup(data, self.list_path[:-1])
        item = {name: list(value) if isinstance(value, tuple) else value for name, value in self.fields}
        key = self.list_path[-1]
        parent[key] = [*(parent.get(key) or []), item]


def _value(value: FieldValue) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(format_scalar(item, flow=True) for item in value) + "]"
    return format_scalar(value)
