"""The one writer of plan text: format-preserving edits, re-validated (files: ``planfile``).

Like fava's source editing, an edit never re-serialises the document: it splices new text in at the
positions the parser reported and keeps every other byte (comments, key order, quoting, blank lines, CRLF
or CR line ends, a BOM, a missing final newline), so ``git diff`` shows exactly the changed lines. Each result is
re-parsed and compared with what was asked (unless it only swapped tokens: ``tokenswap``), then re-validated
as a plan; anything else raises ``EditError``. ``planfile.PlanFile`` reads and writes the files.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from samkit.plan.errors import EditError
from samkit.plan.layout import Layout, Node, YamlPath
from samkit.plan.loader import LoadedPlan, load_parsed, load_text
from samkit.plan.plaincopy import plain_copy
from samkit.plan.readback import read_back
from samkit.plan.scalars import Scalar, format_scalar
from samkit.plan.splicing import Splice, joined, scalar_text
from samkit.plan.tokenswap import swaps_one_token
from samkit.plan.yamlsafe import Positions, YamlProblem, parse_yaml

__all__ = [
    "AppendListItem",
    "EditError",
    "PlanEdit",
    "Scalar",
    "SetKey",
    "SetScalar",
    "YamlPath",
    "apply_edits",
    "edit_text",
    "format_scalar",
]

_COMMENT_GAP = re.compile(r"[ \t]+#")


@dataclass(frozen=True)
class SetScalar:
    """Replace the existing scalar at ``path``; a quoted old value keeps its quotes, a trailing comment stays."""

    path: YamlPath
    value: Scalar


@dataclass(frozen=True)
class SetKey:
    """Set ``key`` in the block mapping at ``item_path``: replaced if present, else one new line.

    The new line goes at the mapping's key indentation after the last line of the item, or after the whole
    entry of the first key in ``after`` that the item has (``after=("period",)`` puts ``last_reviewed`` where
    the format shows it).
    """

    item_path: YamlPath
    key: str
    value: Scalar
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppendListItem:
    """Append ``text`` to the list ``key`` of the mapping at ``item_path`` (block or flow; created if missing)."""

    item_path: YamlPath
    key: str
    text: str


class ItemEdit(Protocol):  # an edit defined elsewhere (samkit.plan.newitem): its splice, the data it expects
    def splice(self, layout: Layout, data: Any) -> tuple[int, int, str]: ...
    def expect(self, data: Any) -> None: ...
    def label(self) -> str: ...


PlanEdit = SetScalar | SetKey | AppendListItem | ItemEdit


# --- the edits ------------------------------------------------------------------------------------------


def _node(layout: Layout, path: YamlPath) -> Node:
    node = layout.values.get(path)
    if node is None:
        raise EditError(f"{_shown(path)} is not in the plan")
    return node


def _shown(path: YamlPath) -> str:
    return ".".join(str(part) for part in path) or "the top level"


def edit_label(edit: PlanEdit) -> str:
    """An edit as a message names it (``account.arr = $445K``), never as its dataclass is written."""
    if isinstance(edit, SetScalar):
        return f"{_shown(edit.path)} = {edit.value}"
    if isinstance(edit, SetKey):
        return f"{_shown((*edit.item_path, edit.key))} = {edit.value}"
    if isinstance(edit, AppendListItem):
        return f"a new item of {_shown((*edit.item_path, edit.key))}"
    return edit.label()


def _replace_scalar(layout: Layout, path: YamlPath, value: Scalar) -> Splice:
    node = _node(layout, path)
    if node.kind != "scalar":
        raise EditError(f"{_shown(path)} is a {node.kind}, not a single value")
    if node.style in ("|", ">"):
        raise EditError(f"{_shown(path)} is a block scalar ({node.style}); edit it by hand")
    in_flow = _in_flow(layout, path)
    if node.empty:
        # `key:` with nothing after it: the value goes after the colon, the rest of the line stays
        key = layout.keys.get(path)
        if key is None:
            raise EditError(f"{_shown(path)} is an empty list item; edit it by hand")
        line = layout.line_text(key.end.line)
        colon = line.find(":", key.end.column)
        if colon < 0:  # `? key` with no `:` on its line (YAML's explicit key): no place to put a value
            raise EditError(f"{_shown(path)} is an explicit key (? ...) without a value; edit it by hand")
        at = layout.line_starts[key.end.line] + colon + 1
        return at, at, " " + scalar_text(value, flow=in_flow)
    quote = node.style if node.style in ("'", '"') else ""
    new = scalar_text(value, quote=quote, flow=in_flow)
    start, end = layout.offset(node.start), layout.offset(node.end)
    if node.start.line == node.end.line:
        # keep a trailing comment in its column when the gap allows (one space at least)
        rest = layout.line_text(node.end.line)[node.end.column :]
        gap = _COMMENT_GAP.match(rest)
        if gap is not None and "\t" not in gap.group():
            width = max(1, len(gap.group()) - 1 + (end - start) - len(new))
            return start, end + len(gap.group()) - 1, new + " " * width
    return start, end, new


def _in_flow(layout: Layout, path: YamlPath) -> bool:
    parent = layout.values.get(path[:-1]) if path else None
    return parent is not None and parent.flow


def _mapping(layout: Layout, data: Any, path: YamlPath) -> tuple[Node, dict[str, Any]]:
    node = _node(layout, path)
    value = _lookup(data, path)
    if not isinstance(value, dict):
        raise EditError(f"{_shown(path)} is not a mapping of keys")
    return node, value


def _lookup(data: Any, path: YamlPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _key_indent(layout: Layout, path: YamlPath, keys: dict[str, Any]) -> int:
    if not keys:
        raise EditError(f"{_shown(path)} has no keys to line a new one up with")
    return layout.keys[(*path, next(iter(keys)))].start.column


def _insert_line_after(layout: Layout, path: YamlPath, keys: dict[str, Any], after: Sequence[str]) -> int:
    """The line a new key of the mapping at ``path`` goes after."""
    for name in after:
        if name in keys:
            return layout.last_line((*path, name))
    return layout.last_line(path)


def written_inline(path: YamlPath, key: str) -> str:
    """Why a key cannot be added to a mapping written inline (``{a: 1, b: 2}``), and what to do instead."""
    return (
        f"{_shown(path)} is written inline ({{...}}); write it one key per line (samkit then edits it), "
        f"or add {key!r} by hand"
    )


def _set_key(layout: Layout, data: Any, edit: SetKey) -> Splice:
    node, keys = _mapping(layout, data, edit.item_path)
    if edit.key in keys:
        return _replace_scalar(layout, (*edit.item_path, edit.key), edit.value)
    if node.flow:
        raise EditError(written_inline(edit.item_path, edit.key))
    indent = " " * _key_indent(layout, edit.item_path, keys)
    line = _insert_line_after(layout, edit.item_path, keys, edit.after)
    key = scalar_text(edit.key)
    return layout.insert_after(line, [f"{indent}{key}: {scalar_text(edit.value)}"])


def _append(layout: Layout, data: Any, edit: AppendListItem) -> Splice:
    node, keys = _mapping(layout, data, edit.item_path)
    path = (*edit.item_path, edit.key)
    if edit.key not in keys:
        if node.flow:
            raise EditError(written_inline(edit.item_path, edit.key))
        column = _key_indent(layout, edit.item_path, keys)
        dash = " " * (column + layout.list_indent)
        new_lines = [f"{' ' * column}{scalar_text(edit.key)}:", f"{dash}- {scalar_text(edit.text)}"]
        return layout.insert_after(layout.last_line(edit.item_path), new_lines)
    current, target = keys[edit.key], layout.values[path]
    if current is None and target.kind == "scalar" and target.empty:
        key = layout.keys[path]
        dash = " " * (key.start.column + layout.list_indent)
        return layout.insert_after(key.end.line, [f"{dash}- {scalar_text(edit.text)}"])
    if current is None and target.kind == "scalar" and not target.style:
        # `notes: null` or `notes: ~`: the empty list becomes a one-item flow list on the same line
        return layout.offset(target.start), layout.offset(target.end), f"[{scalar_text(edit.text, flow=True)}]"
    if isinstance(current, str) and target.kind == "scalar":
        return _text_to_list(layout, data, edit, path)
    if not isinstance(current, list):
        raise EditError(f"{_shown(path)} is not a list")
    if target.flow:
        new = scalar_text(edit.text, flow=True)
        if not current:
            return layout.offset(target.start), layout.offset(target.end), f"[{new}]"
        at = layout.offset(layout.values[(*path, len(current) - 1)].end)
        return at, at, f", {new}"
    dash = " " * target.start.column
    return layout.insert_after(layout.last_line(path), [f"{dash}- {scalar_text(edit.text)}"])


def _text_to_list(layout: Layout, data: Any, edit: AppendListItem, path: YamlPath) -> Splice:
    """One text where the format also takes a list (``notes: "2026-12-02: wants a demo"``) becomes a list of
    that text, as written, and the new one: a block list below the key (an inline item: ``[old, new]``).
    Only the value's own line changes; a comment after it stays on it. A text over several lines (a block
    scalar, a quoted text folded) is not re-indented: refused, with its line and column."""
    target = layout.values[path]
    if target.style in ("|", ">") or target.start.line != target.end.line:
        item = _lookup(data, edit.item_path)
        whose = f"{item['name']}'s {edit.key}" if isinstance(item.get("name"), str) else _shown(path)
        raise EditError(
            f"{whose}: one text over several lines, not a list; to add to it, make it a list by hand "
            f"(one '- ' line per entry)",
            where=(target.start.line + 1, target.start.column + 1),
        )
    start, end = layout.offset(target.start), layout.offset(target.end)
    old = layout.text[start:end]  # kept as written: quotes, escapes and all
    if _in_flow(layout, path):
        return start, end, f"[{old}, {scalar_text(edit.text, flow=True)}]"
    key = layout.keys[path]
    line = target.end.line
    eol = layout.eol(line)
    rest = layout.line_text(line)[target.end.column :]  # spaces and a comment after the value
    line_end = layout.line_starts[line] + target.end.column + len(rest)
    if target.start.line == key.end.line:  # `notes: text`: the list goes below the key, the colon ends its line
        dash = " " * (key.start.column + layout.list_indent)
        start = layout.line_starts[key.end.line] + layout.line_text(key.end.line).index(":", key.end.column) + 1
        return start, line_end, f"{eol}{dash}- {old}{rest}{eol}{dash}- {scalar_text(edit.text)}"
    dash = " " * target.start.column  # `notes:` then the text on a line of its own: a dash before it
    return start, line_end, f"- {old}{rest}{eol}{dash}- {scalar_text(edit.text)}"


def _splice_of(layout: Layout, data: Any, edit: PlanEdit) -> Splice:
    if isinstance(edit, SetScalar):
        return _replace_scalar(layout, edit.path, edit.value)
    if isinstance(edit, SetKey):
        return _set_key(layout, data, edit)
    return _append(layout, data, edit) if isinstance(edit, AppendListItem) else edit.splice(layout, data)


def _splice(text: str, data: Any, edit: PlanEdit) -> str:
    start, end, new = _splice_of(Layout(text), data, edit)
    return text[:start] + new + text[end:]


def _splice_apart(text: str, data: Any, edits: Sequence[PlanEdit], layout: Layout) -> str | None:
    """All edits spliced from one reading of ``text`` (its ``layout``) when they touch separate places, else
    None.

    Many edits to one file (an import updating every stakeholder) then cost one parse instead of one each;
    edits that meet (two keys inserted at one line, two changes to one item) take the one-by-one path.
    """
    try:
        splices = sorted(_splice_of(layout, data, edit) for edit in edits)
    except EditError as error:
        if error.where is not None:  # a refusal at a place of this very text: one by one would refuse it too
            raise
        return None
    except (KeyError, IndexError, TypeError):
        return None
    for (_, end, _), (next_start, _, _) in itertools.pairwise(splices):
        if next_start <= end:  # overlapping, or two insertions at one offset whose order would be a guess
            return None
    return joined(text, splices)


def _expect(data: Any, edit: PlanEdit) -> None:
    """Apply ``edit`` to parsed data: what the edited text must read back as."""
    if isinstance(edit, SetScalar):
        _lookup(data, edit.path[:-1])[edit.path[-1]] = edit.value
    elif isinstance(edit, SetKey):
        _lookup(data, edit.item_path)[edit.key] = edit.value
    elif isinstance(edit, AppendListItem):
        item = _lookup(data, edit.item_path)
        current = item.get(edit.key)
        item[edit.key] = [current, edit.text] if isinstance(current, str) else [*(current or []), edit.text]
    else:
        edit.expect(data)


def _swaps_token(text: str, layout: Layout, data: Any, edit: PlanEdit) -> bool:
    if isinstance(edit, SetScalar):
        path, value = edit.path, edit.value
    elif isinstance(edit, SetKey):
        path, value = (*edit.item_path, edit.key), edit.value
    else:
        return False
    try:
        old = _lookup(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return swaps_one_token(text, layout, path, old, value)


def _parse(text: str, what: str) -> Any:
    return _parse_with_positions(text, what)[0]


def _parse_with_positions(text: str, what: str) -> tuple[Any, Positions]:
    try:
        return parse_yaml(text)
    except YamlProblem as problem:
        raise EditError(f"{what}: line {problem.line}: {problem.message}") from None


def _difference(got: Any, wanted: Any, path: YamlPath) -> YamlPath:
    """The first path where two parsed documents differ (for an error message a person can act on)."""
    if isinstance(got, dict) and isinstance(wanted, dict) and list(got) == list(wanted):
        for key in got:
            if got[key] != wanted[key]:
                return _difference(got[key], wanted[key], (*path, key))
    if isinstance(got, list) and isinstance(wanted, list) and len(got) == len(wanted):
        for index, (one, other) in enumerate(zip(got, wanted, strict=True)):
            if one != other:
                return _difference(one, other, (*path, index))
    return path


def edit_text(text: str, edits: Sequence[PlanEdit]) -> str:
    """The YAML ``text`` with ``edits`` spliced in, every other character kept.

    Checks the result reads back as the original data with exactly these edits applied; does not validate
    the plan schema (``apply_edits`` does).
    """
    return _edit(text, edits)[0]


def _edit(
    text: str, edits: Sequence[PlanEdit], data: Any = None, layout: Layout | None = None
) -> tuple[str, tuple[Any, Positions | None]]:
    """``edit_text`` and what the result parsed as (so that validating it needs no second parse), with its
    positions, or None when it was read back without them (``readback``: they matter only for findings).
    ``data`` / ``layout``: what ``text`` parses as and its layout, when the caller has them."""
    if data is None:
        data, layout = _parse(text, "the plan is not valid YAML"), None
    if edits:  # one reading for all (the one-by-one path below is for edits that meet)
        layout = layout or Layout(text)  # the caller's (``yamlsafe.parse_for_edit``), else made here
        together = _splice_apart(text, data, edits, layout)
        if together is not None:
            expected = plain_copy(data)
            try:
                swapped = all(_swaps_token(text, layout, data, edit) for edit in edits)
                for edit in edits:
                    _expect(expected, edit)
                if swapped:  # the result reads as expected without reading it back (``tokenswap``)
                    return together, (expected, None)
                read = read_back(together)
                if read == expected:
                    return together, (read, None)
            except (EditError, YamlProblem, KeyError, IndexError, TypeError):
                pass  # the one-by-one path below names what is wrong precisely
    expected = plain_copy(data)
    done = "the plan is not valid YAML"  # what the text read next is the result of
    for edit in edits:
        try:
            # the splice first: it names what is wrong with an edit more precisely than the data can
            text = _splice(text, _parse(text, done), edit)
            _expect(expected, edit)
        except (KeyError, IndexError, TypeError):
            raise EditError(f"{edit_label(edit)}: the plan has no such item") from None
        done = f"after {edit_label(edit)}"
    parsed = _parse_with_positions(text, done)
    if parsed[0] != expected:
        where = _shown(_difference(parsed[0], expected, ()))
        raise EditError(f"the edited plan would not read back as intended at {where}; nothing was changed")
    return text, parsed


def apply_edits(
    text: str, edits: Sequence[PlanEdit], *, loaded: bool = False, parsed: Any = None, layout: Layout | None = None
) -> str:
    """``edit_text`` for a plan: the plan must load before, and load without findings after.

    ``loaded``: the caller has just loaded this very text without findings, so it is not loaded again;
    ``parsed`` / ``layout``: what it parsed as and its layout (``yamlsafe.parse_for_edit``), likewise.
    """
    return apply_edits_loaded(text, edits, loaded=loaded, parsed=parsed, layout=layout)[0]


def apply_edits_loaded(
    text: str, edits: Sequence[PlanEdit], *, loaded: bool = False, parsed: Any = None, layout: Layout | None = None
) -> tuple[str, LoadedPlan]:
    """``apply_edits``, and the edited plan as it was re-validated (a preview diffs it without loading it again)."""
    if not loaded:  # loaded here, its data and layout from the same one parse
        before = load_text(text, for_edit=True)
        if before.findings:
            found = "\n".join(finding.format_text() for finding in before.findings)
            raise EditError("the plan does not load, so it is not edited:\n" + found)
        # decoding may drop a leading BOM: the layout's offsets are then not this text's, and it is parsed again
        parsed, layout = (before.data, before.layout) if before.text == text else (None, None)
    result, (data, positions) = _edit(text, edits, parsed, layout if parsed is not None else None)
    after = load_parsed(result, data, positions if positions is not None else Positions())
    if after.findings and positions is None:  # the findings need their places: the one parse that has them
        after = load_parsed(result, *parse_yaml(result))
    if after.findings:
        raise EditError("the edited plan would not load:\n" + "\n".join(item.format_text() for item in after.findings))
    return result, after
