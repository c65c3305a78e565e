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
  comment, or one past the end of the file) or at the colon of the next key;
- a quote inside a quoted value that ends it (``'Tom's boss'``);
- a list item (``- name: Bob``) indented one space too many or too few;
- a value that starts with a character YAML reserves (``@procurement``, a backtick, ``%``);
- a colon and a space inside a value (``action: Note: send the deck``).

Each is a guess from the text around the failure. When none fits, the parser's words that read as jargon to
someone editing by hand ("did not find expected key", "mapping values are not allowed in this context",
"found character that cannot start any token") are said as what to check, at the parser's position; any
other message of the parser stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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
    allowed = {indent: candidate for candidate, _, indent in _outline_above(lines, number, _key_column)}
    return set(allowed), allowed


def _key_column(line: str) -> int:
    """Where a line's key starts: a list item's keys sit after the dash."""
    indent, body = _indent(line), line.lstrip(" ")
    if body.startswith("- "):
        indent += 2 + len(body[2:]) - len(body[2:].lstrip(" "))
    return indent


def _outline_above(lines: list[str], number: int, indent_of: Callable[[str], int]) -> Iterator[tuple[int, str, int]]:
    """The significant lines above line ``number`` that each open a block around it: each less indented (by
    ``indent_of``) than every one found after it, nearest first, up to one at the margin."""
    ceiling = None
    for candidate in range(number - 1, 0, -1):
        line = lines[candidate - 1]
        if not _significant(line):
            continue
        indent = indent_of(line)
        if ceiling is None or indent < ceiling:
            ceiling = indent
            yield candidate, line, indent
        if indent == 0:
            break


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
    sibling = lines[example[nearest] - 1].lstrip(" -").split(":", 1)[0]
    key = match.group("key").strip()
    return Slip(
        f"`{key}:` is indented {_off_by(difference)}: line it up with `{sibling}:` on line {example[nearest]} "
        f"({_spaces(nearest)})",
        number,
        indent + 1,
    )


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _off_by(difference: int) -> str:
    return f"{_spaces(abs(difference))} too {'many' if difference > 0 else 'few'}"


def _item_levels(lines: list[str], number: int) -> dict[int, int]:
    """The indentations of the `-` of the lists a list item on line ``number`` may belong to, each with the
    nearest line that has it."""
    outline = _outline_above(lines, number, _indent)
    return {indent: candidate for candidate, line, indent in outline if line.lstrip(" ").startswith("-")}


def _misindented_item(error: Any, lines: list[str], number: int) -> Slip | None:
    """A list item whose `-` is not lined up with the other items' (the parser: "did not find expected key",
    or "... expected '-' indicator"), at the parser's position: the `-`."""
    if error.problem_mark is None or not 0 < number <= len(lines):
        return None
    line, column = lines[number - 1], error.problem_mark.column
    above = _previous(lines, number)
    if line[column : column + 1] != "-" or line[:column].strip(" ") or above is None:
        return None
    levels = _item_levels(lines, number)
    opens_list = re.search(r":\s*(?:#.*)?$", lines[above - 1]) is not None and column >= _indent(lines[above - 1])
    if not levels or column in levels or opens_list:
        return None
    nearest = min(levels, key=lambda level: (abs(level - column), -level))
    item = _COMMENT.sub("", line).strip()
    return Slip(
        f"the list item `{item}` is indented {_off_by(column - nearest)}: line its `-` up with the `-` on line "
        f"{levels[nearest]} ({_spaces(nearest)})",
        number,
        column + 1,
    )


# a line's value: after `key: `, a list item's `- `, or both (`- name: Bob`)
_VALUE = re.compile(r"^(?P<lead> *(?:- +)?(?:[^\s#'\"\-?:][^:#]*?:[ \t]+)?)(?P<value>\S.*)$")


def quoted(text: str) -> str:
    """``text`` as a YAML quoted value: in double quotes, or single ones when it has a ``"`` or a backslash."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _stray_after_quote(error: Any, lines: list[str], number: int) -> Slip | None:
    """A quote inside a quoted value ends it (``'Tom's boss'``): the parser finds text after the value."""
    if error.problem_mark is None or not 0 < number <= len(lines):
        return None
    line, column = lines[number - 1], error.problem_mark.column
    match = _VALUE.match(line)
    if match is None:
        return None
    start = match.start("value")
    quote = line[start]
    if quote not in "'\"" or not start < column - 1 or line[column - 1] != quote:
        return None
    written = _COMMENT.sub("", line[start:]).rstrip()
    inner = written[1:-1] if len(written) > 1 and written.endswith(quote) else written[1:]
    if quote == "'":
        doubled = inner.replace("'", "''")
        fixes = f"write an apostrophe twice (`'{doubled}'`)"
        other, instead = (f'"{inner}"' if '"' not in inner and "\\" not in inner else None), '"'
    else:
        escaped = inner.replace("\\", "\\\\").replace('"', '\\"')
        fixes = f'write a quote as \\" (`"{escaped}"`)'
        other, instead = (f"'{inner}'" if "'" not in inner else None), "'"
    alternative = f", or quote with {instead} instead (`{other}`)" if other else ""
    return Slip(
        f"`{written}`: the {quote} in the middle ends the quoted text; inside {quote}...{quote} {fixes}{alternative}",
        number,
        column + 1,
    )


def _reserved_start(error: Any, lines: list[str], number: int) -> Slip | None:
    """A value starting with a character YAML reserves (``@``, a backtick) or uses for directives (``%``)."""
    if "cannot start any token" not in (error.problem or "") or error.problem_mark is None:
        return None
    if not 0 < number <= len(lines):
        return None
    line, column = lines[number - 1], error.problem_mark.column
    match = _VALUE.match(line)
    if line[column : column + 1] not in ("@", "`", "%") or match is None or match.start("value") != column:
        return None  # not the first character of the line's value (in a flow list, say): no fix to show
    character, lead = line[column], match.group("lead").strip()
    fixed = quoted(_COMMENT.sub("", line[column:]).rstrip())
    return Slip(
        f"a value cannot start with {character} in YAML: put the value in quotes: `{f'{lead} ' if lead else ''}{fixed}`",
        number,
        column + 1,
    )


def _colon_in_value(error: Any, lines: list[str], number: int) -> Slip | None:
    """``action: Note: send the deck``: the second ``: `` would start a key inside the value."""
    if not (error.problem or "").startswith("mapping values are not allowed") or error.problem_mark is None:
        return None
    if not 0 < number <= len(lines):
        return None
    line, column = lines[number - 1], error.problem_mark.column
    match = _VALUE.match(line)
    if match is None or ":" not in match.group("lead") or column <= match.start("value"):
        return None
    lead = match.group("lead").strip()
    fixed = quoted(_COMMENT.sub("", match.group("value")).rstrip())
    return Slip(
        f"`: ` inside a value starts a new key in YAML: put the value in quotes: `{lead} {fixed}`", number, column + 1
    )


# the parser's words for what no slip above explains, said as what to check (at the parser's position)
_PLAIN_WORDS = (
    (
        re.compile(r"^did not find expected (?:key|'-' indicator)|^expected <block end>, but found"),
        "this line does not fit the lines above it: line a key up with the other keys of its mapping and a `- ` "
        "item with the other items, and put a value that has a quote in it in quotes of the other kind",
    ),
    (
        re.compile(r"^mapping values are not allowed"),
        "`: ` starts a key here, where no key can be: put a value that has `: ` in it in quotes, and check the "
        "line's indentation",
    ),
    (
        re.compile(r"cannot start any token"),
        "a value cannot start with this character in YAML: put the value in quotes",
    ),
)


def _plain_words(error: Any) -> Slip | None:
    mark = error.problem_mark
    for words, said in _PLAIN_WORDS:
        if mark is not None and words.search(error.problem or ""):
            return Slip(said, mark.line + 1, mark.column + 1)
    return None


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
            or _misindented_item(error, lines, number)
            or _stray_after_quote(error, lines, number)
            or _reserved_start(error, lines, number)
            or _colon_in_value(error, lines, number)
            or _plain_words(error)
        )
    except (IndexError, ValueError):  # a guess that does not fit this text: the parser's message stands
        return None
