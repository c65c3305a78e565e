"""The slips people make editing a plan by hand, said in plain words at the line to fix.

The YAML parser reports where it gave up, in its own terms ("did not find expected key", "found unexpected
end of stream"), often lines after the slip. When a parse fails, ``explain_slip`` looks at the text for the
slips that explain such failures and names the fix:

- a list written under ``stakeholders: []`` (what ``samkit new`` writes) without removing the ``[]``;
- a tab used for indentation;
- a quote opened and never closed (the line where it opened, not the end of the file or the line of the
  next quote, which the parser takes for its end);
- a key indented one space too many or too few;
- a missing space after a colon (``manager:Maria``);
- a key with no colon at all (``title Director of IT``), which the parser reports on the line after it (a
  comment, or one past the end of the file) or at the colon of the next key.

Each is a guess from the text around the failure; when none fits, the parser's own message stands.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple


class Slip(NamedTuple):
    message: str
    line: int  # 1-based
    column: int


_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s#'\"\-?:][^:#]*?):(?:\s|$)")
_EMPTY_FLOW = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s#:][^:#]*?):\s*(?P<flow>\[\]|\{\})\s*(?:#.*)?$")
_NO_SPACE = re.compile(r"^ *(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*)$")


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], number: int) -> int | None:
    """The 1-based number of the last significant line before ``number``."""
    for candidate in range(number - 1, 0, -1):
        if _significant(lines[candidate - 1]):
            return candidate
    return None


def _tab(lines: list[str], last: int) -> Slip | None:
    for number, line in enumerate(lines[:last], start=1):
        leading = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in leading and line.strip():
            return Slip(
                "a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces",
                number,
                leading.index("\t") + 1,
            )
    return None


def _unclosed_quote(error: Any, lines: list[str]) -> Slip | None:
    if error.context != "while scanning a quoted scalar" or error.context_mark is None:
        return None
    line, column = error.context_mark.line + 1, error.context_mark.column + 1
    quote = lines[line - 1][column - 1 : column] if line <= len(lines) else '"'
    quote = quote if quote in ("'", '"') else '"'
    return Slip(
        f"the quote {quote} opened on line {line} is never closed; add the closing {quote} at the end of the value",
        line,
        column,
    )


_OPENING_QUOTE = re.compile(r"^ *(?:- +)?(?:[^\s#'\"][^:#]*?:[ \t]+|- +)(?P<quote>[\"'])(?P<rest>.*)$")


def _runaway_quote(lines: list[str], number: int) -> Slip | None:
    """A quote left open on an earlier line and closed, by accident, by the quote of a later value: the
    parser then fails far below. The slip is the first line whose value opens a quote it does not close."""
    for candidate in range(1, min(number, len(lines)) + 1):
        match = _OPENING_QUOTE.match(lines[candidate - 1])
        if match is None:
            continue
        quote, rest = match.group("quote"), match.group("rest")
        closed = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in closed:
            if candidate == number or quote not in lines[number - 1]:  # a long quoted text is no slip
                return None
            return Slip(
                f"the quote {quote} opened on line {candidate} is never closed (the text runs on to line {number}); "
                f"add the closing {quote} at the end of the value",
                candidate,
                match.start("quote") + 1,
            )
    return None


def _list_after_empty(lines: list[str], number: int) -> Slip | None:
    """Items under ``key: []``: the error is at the first item, the fix on the line before it."""
    if not 0 < number <= len(lines) or not lines[number - 1].lstrip(" ").startswith("-"):
        return None
    above = _previous(lines, number)
    if above is None:
        return None
    match = _EMPTY_FLOW.match(lines[above - 1])
    if match is None:
        return None
    flow, key = match.group("flow"), match.group("key").strip()
    kind = "list" if flow == "[]" else "mapping"
    return Slip(
        f"`{key}: {flow}` says the {kind} is empty, but items follow on line {number}: remove the `{flow}` "
        f"(write `{key}:`)",
        above,
        lines[above - 1].index(flow) + 1,
    )


def _missing_space(error: Any, lines: list[str], number: int) -> Slip | None:
    candidates = [number]
    if error.context_mark is not None:
        candidates.insert(0, error.context_mark.line + 1)
    above = _previous(lines, number)
    if above is not None:  # `- name:Bob` reads as text, and the parser fails on the line after it
        candidates.append(above)
    for candidate in candidates:
        if 0 < candidate <= len(lines):
            match = _NO_SPACE.match(lines[candidate - 1].rstrip())
            if match is not None and _KEY_LINE.match(lines[candidate - 1]) is None:
                key, value = match.group("key"), match.group("value")
                return Slip(
                    f"`{key}:{value}` needs a space after the colon: `{key}: {value}`",
                    candidate,
                    lines[candidate - 1].index(":") + 2,
                )
    return None


_COMMENT = re.compile(r"(?:^|\s+)#.*$")
_HAS_KEY_COLON = re.compile(r":(?:\s|$)")  # a colon that ends a key (`10:30` and `http://` have none)


def _no_colon_slip(lines: list[str], number: int, column: int) -> Slip:
    """The key on line ``number`` (starting at ``column``, 1-based) has no colon after it."""
    text = _COMMENT.sub("", lines[number - 1][column - 1 :]).strip()
    key, _, value = text.partition(" ")
    value = value.strip()
    fixed = f"{key}: {value}" if value else f"{key}:"
    return Slip(f"`{text}` has no ':' after its key: write `key: value` (here `{fixed}`)", number, column)


def _missing_colon(error: Any, lines: list[str], number: int) -> Slip | None:
    """A key with no colon. The parser looks for the colon past the end of the line: it names the next line
    (a comment, one past the end of the file), or, when the key is the first of its mapping (its text then
    runs on into the next line), the next key's colon as "not allowed"."""
    if (error.problem or "").startswith("could not find expected ':'") and error.context_mark is not None:
        line, column = error.context_mark.line + 1, error.context_mark.column + 1
        if 0 < line <= len(lines) and not _HAS_KEY_COLON.search(_COMMENT.sub("", lines[line - 1])):
            return _no_colon_slip(lines, line, column)
        return None
    if not (error.problem or "").startswith("mapping values are not allowed") or not 0 < number <= len(lines):
        return None
    match = _KEY_LINE.match(lines[number - 1])
    if match is None or match.end("key") != error.problem_mark.column:  # not this line's own key colon
        return None
    first = None  # the first of the lines above, at the key's indentation, that have no colon
    above = _previous(lines, number)
    while above is not None and not _HAS_KEY_COLON.search(_COMMENT.sub("", lines[above - 1])):
        body = lines[above - 1]
        if len(body) - len(body.lstrip(" -")) != match.start("key"):
            break
        first, above = above, None if body.lstrip(" ").startswith("-") else _previous(lines, above)
    if first is None:
        return None
    return _no_colon_slip(lines, first, match.start("key") + 1)


def _allowed_indents(lines: list[str], number: int) -> tuple[set[int], dict[int, int]]:
    """The indentations a key on line ``number`` may have (the levels of the blocks it can belong to), each
    with a line that has it; any deeper indentation when the line before opens a block (``key:``)."""
    allowed: dict[int, int] = {}
    ceiling = None
    for candidate in range(number - 1, 0, -1):
        line = lines[candidate - 1]
        if not _significant(line):
            continue
        indent = _indent(line)
        body = line.lstrip(" ")
        if body.startswith("- "):  # a list item's keys sit after the dash
            indent += 2 + len(body[2:]) - len(body[2:].lstrip(" "))
        if ceiling is None or indent < ceiling:
            allowed.setdefault(indent, candidate)
            ceiling = indent
        if indent == 0:
            break
    return set(allowed), allowed


def _misindented(lines: list[str], number: int) -> Slip | None:
    if not 0 < number <= len(lines):
        return None
    line = lines[number - 1]
    match = _KEY_LINE.match(line)
    above = _previous(lines, number)
    if match is None or above is None or line.lstrip(" ").startswith("-"):
        return None
    opens_block = re.search(r":\s*(?:#.*)?$", lines[above - 1]) is not None
    indent = _indent(line)
    allowed, example = _allowed_indents(lines, number)
    if indent in allowed or (opens_block and indent > _indent(lines[above - 1])):
        return None
    nearest = min(allowed, key=lambda level: (abs(level - indent), -level))  # a tie: the sibling above
    difference = indent - nearest
    how = f"{abs(difference)} space{'s' if abs(difference) != 1 else ''} too {'many' if difference > 0 else 'few'}"
    sibling = lines[example[nearest] - 1].lstrip(" -").split(":", 1)[0]
    key = match.group("key").strip()
    return Slip(
        f"`{key}:` is indented {how}: line it up with `{sibling}:` on line {example[nearest]} "
        f"({nearest} space{'s' if nearest != 1 else ''})",
        number,
        indent + 1,
    )


def explain_slip(text: str, error: Any) -> Slip | None:
    """The hand-editing slip that explains PyYAML's ``error`` (a ``MarkedYAMLError``), if one does."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    number = mark.line + 1 if mark is not None else len(lines)
    try:
        return (
            _unclosed_quote(error, lines)
            or _runaway_quote(lines, number)
            or _tab(lines, number)
            or _list_after_empty(lines, number)
            or _missing_space(error, lines, number)
            or _missing_colon(error, lines, number)
            or _misindented(lines, number)
        )
    except (IndexError, ValueError):  # a guess that does not fit this text: the parser's message stands
        return None
