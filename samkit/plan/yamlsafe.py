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


def _check_anchor(event: Any) -> None:
    if getattr(event, "anchor", None) is not None:
        raise YamlProblem(
            f"anchors and aliases (&{event.anchor}) are not allowed in plans; write the value out",
            *_mark(event),
        )


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    is_mapping: bool
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


def parse_yaml(text: str) -> tuple[Any, Positions]:  # noqa: C901 - follow-up: split the event loop by node kind
    """Parse one YAML document into plain Python data and the positions of its nodes.

    Raises ``YamlProblem`` for anything a plan must not contain.
    """
    positions = Positions()
    values, keys = positions.values, positions.keys
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    seen_root = False
    loader = _Loader(text)
    next_event = loader.get_event

    def place(value: Any, position: Position) -> Path_ | None:
        """Attach a finished value to its parent; return the path it now lives at (None for a key)."""
        nonlocal root, seen_root
        if not stack:
            root, seen_root = value, True
            values[()] = position
            return ()
        frame = stack[-1]
        container = frame.container
        if not frame.is_mapping:
            assert isinstance(container, list)
            path: Path_ = (*frame.path, len(container))
            container.append(value)
            values[path] = position
            return path
        if frame.pending_key is None:
            if isinstance(value, dict | list):
                raise YamlProblem("a mapping key must be a plain value, not a list or mapping", *position)
            key = "" if value is None else str(value)
            if key == "<<":
                raise YamlProblem("merge keys (<<) are not allowed in plans; write the keys out", *position)
            earlier = frame.key_lines.get(key)
            if earlier is not None:
                raise YamlProblem(
                    f"duplicate key {key!r}: first on line {earlier.line}, again on line {position.line}",
                    *position,
                )
            frame.key_lines[key] = position
            frame.pending_key = key
            keys[(*frame.path, key)] = position
            return None
        assert isinstance(container, dict)
        path = (*frame.path, frame.pending_key)
        container[frame.pending_key] = value
        frame.pending_key = None
        values[path] = position
        return path

    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                mark = event.start_mark
                position = Position(mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    _check_anchor(event)
                # keys stay text: `1:` or `yes:` is a (misspelt) field name, never a number or a bool
                is_key = bool(stack) and stack[-1].is_mapping and stack[-1].pending_key is None
                place(event.value if is_key else _scalar(event), position)
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                _check_anchor(event)
                if event.tag not in (None, "!"):
                    raise YamlProblem(f"explicit tags like {event.tag!r} are not allowed in plans", *_mark(event))
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(*_mark(event))
                is_mapping = kind is _MAPPING_START
                container: dict[str, Any] | list[Any] = {} if is_mapping else []
                path = place(container, _mark(event))
                if path is None:
                    raise YamlProblem("a mapping key must be a plain value, not a list or mapping", *_mark(event))
                stack.append(_Frame(container, path, is_mapping))
            elif kind is _ALIAS:
                raise YamlProblem(
                    f"aliases (*{event.anchor}) are not allowed in plans; write the value out", *_mark(event)
                )
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    raise YamlProblem("a plan file holds one YAML document; found a second '---'", *_mark(event))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        # libyaml's scanner reads flow collections ahead of the events we see, and some PyYAML versions stop
        # deep nesting there with their own words and limit: report samkit's limit whatever the version says
        too_deep = _too_deep_before(text, line, column)
        if too_deep is not None:
            raise _too_deep(*too_deep) from None
        from samkit.plan.slips import explain_slip

        slip = explain_slip(text, error)  # a hand-editing slip, in plain words at the line to fix
        if slip is not None:
            raise YamlProblem(f"invalid YAML: {slip.message}", slip.line, slip.column) from None
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if not seen_root or root is None:
        raise YamlProblem("the file is empty; a plan needs at least an 'account' section")
    return root, positions


# How YAML 1.2 (section 5.2) tells encodings apart: a byte order mark, or the NULs around an ASCII first character.
_WIDE_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def wide_encoding(raw: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when ``raw`` is text in one of them (Windows tools save it), else None."""
    for signature, name in _WIDE_SIGNATURES:
        if raw.startswith(signature):
            return name
    head = raw[:4]
    if len(head) == 4 and ((head[0] and not any(head[1:])) or (head[3] and not any(head[:3]))):
        return "UTF-32"
    if len(head) >= 2 and bool(head[0]) != bool(head[1]):
        return "UTF-16"
    return None


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
