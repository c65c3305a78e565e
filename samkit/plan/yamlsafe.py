"""A strict YAML reader that keeps the position of every node.

Built on PyYAML's event stream (libyaml's C parser when present) instead of its constructor, so that:

- YAML 1.1 implicit typing is off: only ``true``/``false``, ``null``/``~``, plain decimal integers and
  floats (read as ``Decimal``), and ISO dates are typed; ``NO``, ``off``, ``02134``, ``1:30`` stay strings;
- a repeated key is an error naming both lines (PyYAML would silently keep the last one);
- anchors, aliases, merge keys and explicit tags are refused as soon as they appear, so an alias bomb
  never gets the chance to expand;
- every value and key records where it came from, 1-based, in a ``Positions`` map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

import yaml

from samkit.fileio.inputs import wide_encoding
from samkit.plan.layout import Layout, Mark, Node
from samkit.plan.values import ISO_DAY

MAX_BYTES = 1024 * 1024
# A plan is a handful of levels deep. Every node records its full path, so depth d costs O(d**2):
# without a limit a 1 MiB file of '[' would take minutes and gigabytes, like an alias bomb.
MAX_DEPTH = 64
MAX_DIGITS = 100

Path_ = tuple[str | int, ...]

_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# YAML 1.2 core floats without .inf/.nan: 4.2, .5, 5., 1.5e3 and 1e5
# (a dot or an exponent is required: 02134 is a ZIP code, not a number)
_FLOAT_RE = re.compile(r"^[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$")
# the plan format types exactly these spellings; "True" or "NULL" stay text like any other word
_TRUE = {"true"}
_FALSE = {"false"}
_NULL = {"", "~", "null"}
# how every number (_INT_RE, _FLOAT_RE) and every ISO date (ISO_DAY) begins
_NUMBER_OR_DATE_STARTS = frozenset("+-.0123456789")
_new_tuple = tuple.__new__  # a Position made without the named tuple's Python-level __new__ (one per node)

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class Position(NamedTuple):
    """A 1-based line and column (a named tuple: the loader makes one per node, so it must be cheap)."""

    line: int
    column: int


class YamlProblem(Exception):
    """A syntax-level problem (SAM001) at a 1-based position."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document came from."""

    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def of(self, *path: str | int) -> Position:
        """The position of ``path``'s value, or of its nearest recorded ancestor."""
        key = tuple(path)
        while key:
            found = self.values.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return self.values.get((), Position(1, 1))

    def of_key(self, *path: str | int) -> Position:
        """The position of the key that introduces ``path`` (falls back to the value)."""
        return self.keys.get(tuple(path)) or self.of(*path)


def _mark(event: Any) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _scalar(event: Any) -> Any:
    value: str = event.value
    if event.tag not in (None, "!"):
        raise YamlProblem(f"explicit tags like {event.tag!r} are not allowed in plans", *_mark(event))
    plain = event.style in (None, "") and event.implicit[0]
    if not plain:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_OR_DATE_STARTS:
        return value  # a word: no number or date starts so (most values of a plan: names, levels, notes)
    if _INT_RE.match(value) or _FLOAT_RE.match(value):
        number = Decimal(value)
        # 1e999999999 or 5,000 digits is no amount in a plan; building it as an int would hang or raise
        if len(number.as_tuple().digits) > MAX_DIGITS or abs(number.adjusted()) > MAX_DIGITS:
            shown = value if len(value) <= 24 else f"{value[:20]}..."
            raise YamlProblem(f"{shown} is too large or too precise a number for a plan", *_mark(event))
        return int(value) if _INT_RE.match(value) else number
    date_match = ISO_DAY.match(value)
    if date_match:
        year, month, day = (int(part) for part in date_match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise YamlProblem(f"{value} is not a real date", *_mark(event)) from None
    return value


class _PlainToken(NamedTuple):  # what ``_scalar`` reads of an event, for a token that is in no document
    value: str
    tag: None = None
    style: None = None
    implicit: tuple[bool, bool] = (True, False)
    start_mark: Any = yaml.Mark("", 0, 0, 0, None, 0)


def plain_scalar_value(token: str) -> Any:
    """What ``token`` written as a plain scalar reads as (``YamlProblem`` with no place when it is refused)."""
    return _scalar(_PlainToken(token))


def _check_anchor(event: Any) -> None:
    if getattr(event, "anchor", None) is not None:
        raise YamlProblem(
            f"anchors and aliases (&{event.anchor}) are not allowed in plans; write the value out",
            *_mark(event),
        )


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    is_mapping: bool
    start: Mark  # 0-based, for the layout
    flow: bool
    key_lines: dict[str, Position] = field(default_factory=dict)
    pending_key: str | None = None


_SCALAR, _MAPPING_START, _SEQUENCE_START, _MAPPING_END, _SEQUENCE_END, _ALIAS, _DOCUMENT_START = (
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
    yaml.AliasEvent,
    yaml.DocumentStartEvent,
)


def _too_deep(line: int, column: int) -> YamlProblem:
    return YamlProblem(
        f"lists and mappings nested more than {MAX_DEPTH} levels deep; a plan never needs that", line, column
    )


_FLOW_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_before(text: str, line: int, column: int) -> Position | None:
    """Where flow brackets before ``line:column`` first open more than ``MAX_DEPTH`` levels, if they do.

    Only asked when the parser has already failed there, so an approximate scan (brackets inside quotes
    count too) can only sharpen the message of a document that is invalid anyway.
    """
    end = 0
    for _ in range(line - 1):
        end = text.find("\n", end) + 1
        if end == 0:
            end = len(text)
            break
    end = min(len(text), end + column)
    depth = 0
    # the top-level mapping and its key's value are levels too; count them like the event loop does
    floor = MAX_DEPTH - 2
    for match in _FLOW_BRACKET.finditer(text, 0, end):
        if match.group() in "[{":
            depth += 1
            if depth > floor:
                start = match.start()
                line_start = text.rfind("\n", 0, start) + 1
                return Position(text.count("\n", 0, start) + 1, start - line_start + 1)
        elif depth:
            depth -= 1
    return None


class _Reader:
    """One document being read, event by event: the open collections, the root, what is recorded per node.

    ``layout``: also record where every node starts and ends (``samkit.plan.layout``), in the same pass, for
    the writer; None when only data and positions are wanted.
    """

    def __init__(self, layout: tuple[dict[Path_, Any], dict[Path_, Any]] | None) -> None:
        self.positions = Positions()
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.seen_root = False
        self.documents = 0
        self.layout = layout

    def value(self, value: Any, position: Position) -> Path_:
        """Attach a finished value to its parent; return the path it now lives at."""
        stack = self.stack
        if not stack:
            self.root, self.seen_root = value, True
            self.positions.values[()] = position
            return ()
        frame = stack[-1]
        container = frame.container
        if frame.is_mapping:
            key = frame.pending_key
            assert key is not None and isinstance(container, dict)
            path: Path_ = (*frame.path, key)
            container[key] = value
            frame.pending_key = None
        else:
            assert isinstance(container, list)
            path = (*frame.path, len(container))
            container.append(value)
        self.positions.values[path] = position
        return path

    def key(self, frame: _Frame, key: str, position: Position) -> Path_:
        """Record a mapping key (refused when repeated or a merge key); return the path it introduces."""
        if key == "<<":
            raise YamlProblem("merge keys (<<) are not allowed in plans; write the keys out", *position)
        earlier = frame.key_lines.get(key)
        if earlier is not None:
            raise YamlProblem(
                f"duplicate key {key!r}: first on line {earlier.line}, again on line {position.line}", *position
            )
        frame.key_lines[key] = position
        frame.pending_key = key
        path = (*frame.path, key)
        self.positions.keys[path] = position
        return path

    def scalar(self, event: Any) -> None:
        mark = event.start_mark
        position: Position = _new_tuple(Position, (mark.line + 1, mark.column + 1))
        if event.anchor is not None:
            _check_anchor(event)
        stack = self.stack
        # keys stay text: `1:` or `yes:` is a (misspelt) field name, never a number or a bool
        if stack and stack[-1].is_mapping and stack[-1].pending_key is None:
            path = self.key(stack[-1], event.value, position)
            table = 1
        else:
            path = self.value(_scalar(event), position)
            table = 0
        if self.layout is not None:
            self.layout[table][path] = event  # made a Node only if an edit asks (layout.RecordedNodes)

    def start(self, event: Any) -> None:
        _check_anchor(event)
        if event.tag not in (None, "!"):
            raise YamlProblem(f"explicit tags like {event.tag!r} are not allowed in plans", *_mark(event))
        if len(self.stack) >= MAX_DEPTH:
            raise _too_deep(*_mark(event))
        stack = self.stack
        if stack and stack[-1].is_mapping and stack[-1].pending_key is None:
            raise YamlProblem("a mapping key must be a plain value, not a list or mapping", *_mark(event))
        is_mapping = type(event) is _MAPPING_START
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        path = self.value(container, _mark(event))
        mark = event.start_mark
        stack.append(_Frame(container, path, is_mapping, Mark(mark.line, mark.column), bool(event.flow_style)))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if self.layout is not None:
            mark = event.end_mark
            kind = "mapping" if frame.is_mapping else "sequence"
            self.layout[0][frame.path] = Node(frame.start, Mark(mark.line, mark.column), kind, flow=frame.flow)

    def alias(self, event: Any) -> None:
        raise YamlProblem(f"aliases (*{event.anchor}) are not allowed in plans; write the value out", *_mark(event))

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise YamlProblem("a plan file holds one YAML document; found a second '---'", *_mark(event))


def parse_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain Python data and the positions of its nodes.

    Raises ``YamlProblem`` for anything a plan must not contain.
    """
    reader = _read(text, None)
    return reader.root, reader.positions


def parse_for_edit(text: str) -> tuple[Any, Positions, Layout]:
    """``parse_yaml`` and the ``Layout`` the writer splices by, from one pass over the parser's events."""
    values: dict[Path_, Any] = {}
    keys: dict[Path_, Any] = {}
    reader = _read(text, (values, keys))
    return reader.root, reader.positions, Layout.of_nodes(text, values, keys)


def _read(text: str, layout: tuple[dict[Path_, Any], dict[Path_, Any]] | None) -> _Reader:
    reader = _Reader(layout)
    loader = _Loader(text)
    next_event = loader.get_event
    handlers = {
        _SCALAR: reader.scalar,
        _MAPPING_START: reader.start,
        _SEQUENCE_START: reader.start,
        _MAPPING_END: reader.end,
        _SEQUENCE_END: reader.end,
        _ALIAS: reader.alias,
        _DOCUMENT_START: reader.document,
    }
    scalar = reader.scalar
    try:
        while (event := next_event()) is not None:
            if type(event) is _SCALAR:  # most events: no look-up
                scalar(event)
                continue
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if not reader.seen_root or reader.root is None:
        raise YamlProblem("the file is empty; a plan needs at least an 'account' section")
    return reader


def _syntax_problem(text: str, error: yaml.MarkedYAMLError) -> YamlProblem:
    """The parser's complaint as a ``YamlProblem`` at the line to fix."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    # libyaml's scanner reads flow collections ahead of the events we see, and some PyYAML versions stop
    # deep nesting there with their own words and limit: report samkit's limit whatever the version says
    too_deep = _too_deep_before(text, line, column)
    if too_deep is not None:
        return _too_deep(*too_deep)
    from samkit.plan.slips import explain_slip

    slip = explain_slip(text, error)  # a hand-editing slip, in plain words at the line to fix
    if slip is not None:
        return YamlProblem(f"invalid YAML: {slip.message}", slip.line, slip.column)
    problem = error.problem or error.context or "invalid YAML"
    return YamlProblem(f"invalid YAML: {problem}", line, column)


def decode(raw: bytes) -> str:
    """Plan files are UTF-8 (a BOM is tolerated), at most 1 MiB, and text."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is {len(raw):,} bytes; plans are limited to {MAX_BYTES:,} bytes (1 MiB)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = wide_encoding(raw)
    if wide is not None:
        raise YamlProblem(f"the file is {wide} text; save it as UTF-8")
    if b"\x00" in raw:
        raise YamlProblem("this is a binary file, not a YAML plan")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem("the file is not UTF-8 text; save it as UTF-8", line, column) from None
    return text
