"""Where every node of a YAML text starts and ends, so edits can splice text in at exact positions.

``yamlsafe.Positions`` records only where values start; edits also need where they end (a quoted value,
a flow list's closing bracket, the last line of a nested block), which the parser's events carry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

YamlPath = tuple[str | int, ...]

# the breaks libyaml counts lines by; splitting the same way keeps our line numbers equal to its marks
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# the line breaks a new line may get, in the order a tie between them is settled
_EOLS = ("\n", "\r\n", "\r")

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class Mark(NamedTuple):
    line: int  # 0-based, as the parser reports them
    column: int


class Node(NamedTuple):
    """Where one node starts and ends (a named tuple: a plan has thousands, made while it is parsed)."""

    start: Mark
    end: Mark
    kind: str  # "scalar", "mapping" or "sequence"
    style: str = ""  # a scalar's quote or block indicator; "" for plain
    flow: bool = False

    @property
    def empty(self) -> bool:
        return self.start == self.end

    @property
    def last_line(self) -> int:
        if self.kind != "scalar" and not self.flow:
            # a block collection ends where the next token starts, past any comments and blank lines after
            # it: its own last line is that of its last descendant, which is measured separately
            return self.start.line
        # a block scalar's end mark sits at column 0 of the line after its last line
        if self.end.column == 0 and self.end.line > self.start.line:
            return self.end.line - 1
        return self.end.line


def scalar_node(event: Any) -> Node:
    """The ``Node`` of a parser's scalar event, or of its ``_settled`` tuple."""
    if type(event) is tuple:
        start_line, start_column, end_line, end_column, style = event
        return Node(Mark(start_line, start_column), Mark(end_line, end_column), "scalar", style)
    start, end = event.start_mark, event.end_mark
    return Node(Mark(start.line, start.column), Mark(end.line, end.column), "scalar", event.style or "")


def _settled(event: Any) -> tuple[int, int, int, int, str]:
    """A scalar event's marks and style as a plain tuple: what ``scalar_node`` needs, without the parser's
    objects (an event and its two marks are six objects Python's garbage collector keeps walking)."""
    start, end = event.start_mark, event.end_mark
    return start.line, start.column, end.line, end.column, event.style or ""


class RecordedNodes(Mapping[YamlPath, Node]):
    """Nodes as the parser left them: a scalar's event becomes its ``Node`` on first look-up.

    A plan has thousands of scalars and an edit looks at a few of them: making every ``Node`` up front cost
    as much as the parse itself (``benchmarks/bench_import.py``).
    """

    __slots__ = ("_recorded",)

    def __init__(self, recorded: dict[YamlPath, Any]) -> None:
        self._recorded = recorded

    def __getitem__(self, path: YamlPath) -> Node:
        found = self._recorded[path]
        if type(found) is not Node:
            found = self._recorded[path] = scalar_node(found)
        return found

    def get(self, path: YamlPath, default: Any = None) -> Any:
        return self[path] if path in self._recorded else default

    def settle(self) -> None:
        """Keep no parser event: each scalar's marks become a plain tuple (for a layout held a while)."""
        recorded = self._recorded
        for path, found in recorded.items():
            if type(found) is not Node and type(found) is not tuple:
                recorded[path] = _settled(found)

    def __contains__(self, path: object) -> bool:
        return path in self._recorded

    def __iter__(self) -> Iterator[YamlPath]:
        return iter(self._recorded)

    def __len__(self) -> int:
        return len(self._recorded)


def _recorded(table: Mapping[YamlPath, Node]) -> Iterable[tuple[YamlPath, Any]]:
    """A table's entries as recorded: ``Node``s, and scalars perhaps still the parser's events."""
    return table._recorded.items() if isinstance(table, RecordedNodes) else table.items()


def _own_last_line(node: Any) -> int | None:
    """The last line of a node itself (``Node`` or a scalar event); None for an empty scalar (``key:``)."""
    if type(node) is Node:
        return None if node.empty and node.kind == "scalar" else node.last_line
    if type(node) is tuple:  # a settled scalar (``_settled``): read in place, no Node made
        start_line, start_column, end_line, end_column, _ = node
    else:
        start, end = node.start_mark, node.end_mark
        start_line, start_column, end_line, end_column = start.line, start.column, end.line, end.column
    if start_line == end_line and start_column == end_column:
        return None
    # a block scalar's end mark sits at column 0 of the line after its last line
    return int(end_line - 1 if end_column == 0 and end_line > start_line else end_line)


@dataclass
class _Frame:
    path: YamlPath
    start: Mark
    is_mapping: bool
    flow: bool
    index: int = 0
    pending: str | None = None


class Layout:
    """Start and end of every node and key, from the parser's events (``Positions`` only has starts)."""

    def __init__(self, text: str, nodes: tuple[Mapping[YamlPath, Node], Mapping[YamlPath, Node]] | None = None) -> None:
        self.text = text
        self.values: Mapping[YamlPath, Node] = {}
        self.keys: Mapping[YamlPath, Node] = {}
        if nodes is None:
            self._walk()
        else:
            self.values, self.keys = nodes

    @classmethod
    def of_nodes(cls, text: str, values: dict[YamlPath, Any], keys: dict[YamlPath, Any]) -> Layout:
        """The layout of ``text`` from what was recorded while it was parsed (``yamlsafe.parse_for_edit``): a
        ``Node`` per collection, and the parser's own event per scalar, made a ``Node`` only when asked for."""
        return cls(text, (RecordedNodes(values), RecordedNodes(keys)))

    def settle(self) -> None:
        """Hold no parser event from here on (``RecordedNodes.settle``): for a layout kept while many more
        plans are read (``samkit.importers.session``)."""
        for table in (self.values, self.keys):
            if isinstance(table, RecordedNodes):
                table.settle()

    def _walk(self) -> None:
        values: dict[YamlPath, Node] = {}
        keys: dict[YamlPath, Node] = {}
        self.values, self.keys = values, keys
        stack: list[_Frame] = []

        def child() -> YamlPath:
            if not stack:
                return ()
            frame = stack[-1]
            if frame.is_mapping:
                assert frame.pending is not None
                path, frame.pending = (*frame.path, frame.pending), None
                return path
            frame.index += 1
            return (*frame.path, frame.index - 1)

        for event in yaml.parse(self.text, Loader=_Loader):
            start_mark, end_mark = event.start_mark, event.end_mark
            assert start_mark is not None and end_mark is not None  # the parser marks every event
            start = Mark(start_mark.line, start_mark.column)
            end = Mark(end_mark.line, end_mark.column)
            if isinstance(event, yaml.ScalarEvent):
                node = Node(start, end, "scalar", event.style or "")
                if stack and stack[-1].is_mapping and stack[-1].pending is None:
                    stack[-1].pending = event.value
                    keys[(*stack[-1].path, event.value)] = node
                else:
                    values[child()] = node
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                is_mapping = isinstance(event, yaml.MappingStartEvent)
                stack.append(_Frame(child(), start, is_mapping, bool(event.flow_style)))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                kind = "mapping" if frame.is_mapping else "sequence"
                values[frame.path] = Node(frame.start, end, kind, flow=frame.flow)

    @functools.cached_property
    def _lines(self) -> tuple[list[int], list[str]]:
        """Where each line starts, and each line's break (the last line may have none): worked out when an
        edit first asks (an import holds the layouts of plans it may never edit)."""
        found = list(LINE_BREAK.finditer(self.text))
        return [0] + [match.end() for match in found], [match.group() for match in found]

    @property
    def line_starts(self) -> list[int]:
        return self._lines[0]

    @property
    def breaks(self) -> list[str]:
        return self._lines[1]

    def offset(self, mark: Mark) -> int:
        return self.line_starts[mark.line] + mark.column

    def line_text(self, line: int) -> str:
        """Line ``line`` (0-based) without its line break."""
        end = self.line_starts[line + 1] - len(self.breaks[line]) if line < len(self.breaks) else len(self.text)
        return self.text[self.line_starts[line] : end]

    def last_line(self, path: YamlPath) -> int:
        """The last line any part of ``path``'s value (nested items and keys included) sits on."""
        last = self._last_lines.get(path, -1)
        key = self.keys.get(path)
        return max(last, key.end.line) if key is not None else last

    @functools.cached_property
    def _last_lines(self) -> dict[YamlPath, int]:
        """For every path, the last line of any node at or below it: one walk over the nodes, so that
        inserting a key into each of 10,000 items does not walk all the nodes 10,000 times. Each node marks
        its own path; the deepest paths then hand their lines up, one level at a time."""
        last: dict[YamlPath, int] = {}
        for table in (self.values, self.keys):
            for node_path, node in _recorded(table):
                line = _own_last_line(node)
                if line is not None and last.get(node_path, -1) < line:
                    last[node_path] = line
        # every parent of a path is a collection, recorded above: deepest first, each hands its line up
        for node_path in sorted(last, key=len, reverse=True):
            if node_path:
                parent, line = node_path[:-1], last[node_path]
                if last.get(parent, -1) < line:
                    last[parent] = line
        return last

    @functools.cached_property
    def list_indent(self) -> int:
        """How far this file indents a block list under its key (``key:`` then ``  - item``); 2 if none."""
        for path, node in _recorded(self.values):
            if type(node) is not Node or node.kind != "sequence" or node.flow:
                continue  # a scalar (perhaps still the parser's event) or a mapping
            key = self.keys.get(path)
            if key is not None and node.start.line > key.start.line:
                return node.start.column - key.start.column
        return 2

    def eol(self, line: int) -> str:
        """The line break for a new line next to ``line``: that line's own, else the file's usual one.

        Each of the three styles is kept: LF, CRLF (Windows) and a lone CR (classic Mac OS). A tie, one line
        without a break, or breaks of other kinds only (NEL, U+2028, U+2029) get LF."""
        if line < len(self.breaks) and self.breaks[line] in _EOLS:
            return self.breaks[line]
        return max(_EOLS, key=self.breaks.count)  # the first of equal counts: "\n"

    def insert_after(self, line: int, new_lines: Sequence[str]) -> tuple[int, int, str]:
        """A splice adding whole lines after ``line``; a last line without a break stays without one."""
        eol = self.eol(line)
        if line < len(self.breaks):
            at = self.line_starts[line + 1]
            return at, at, "".join(new + eol for new in new_lines)
        return len(self.text), len(self.text), "".join(eol + new for new in new_lines)
