"""Accept comments: ``# samkit: accept CODE -- reason`` found in a plan's text and attached to the item (or the
plan) they stand in, so the engine can drop the findings they cover; the comments' own problems (no reason,
no valid code) come back as hits of SAM902/SAM903.

Indexed once per file (places by line, accepts by code and subject), so thousands of comments in one plan cost
no more per comment than one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samkit.findings import RULE_CODE_PATTERN, SCHEMA, SYNTAX, Finding
from samkit.rules import RULES, Hit
from samkit.rules.accepts import ACCEPT_WITHOUT_REASON, INVALID_ACCEPT, UNUSED_ACCEPT
from samkit.rules.base import PLAN, Node

if TYPE_CHECKING:
    from samkit.plan.loader import LoadedPlan

ITEM_SECTIONS = ("stakeholders", "opportunities", "risks", "actions", "raci", "whitespace")
# a plan that does not load cannot be checked, so SAM001/SAM002 are never accepted; nor are the comments' own codes
UNACCEPTABLE = frozenset({SYNTAX, SCHEMA, UNUSED_ACCEPT, ACCEPT_WITHOUT_REASON, INVALID_ACCEPT})

_CODE_RE = re.compile(RULE_CODE_PATTERN)
# a YAML comment starts at '#' at the start of a line or after whitespace
_DIRECTIVE_RE = re.compile(r"(?:^|(?<=[ \t]))#[ \t]*samkit[ \t]*:[ \t]*(?P<verb>[A-Za-z-]*)(?P<rest>[^\r\n]*)")


# ---------------------------------------------------------------------------------------------------------------
# accept comments


@dataclass(frozen=True)
class Acceptance:
    """``# samkit: accept SAM101 -- on parental leave until March`` at ``line``, attached to ``subject``."""

    line: int
    column: int
    codes: tuple[str, ...]
    reason: str
    subject: Node


@dataclass(frozen=True)
class AcceptedFinding:
    finding: Finding
    reason: str
    comment_line: int


@dataclass(frozen=True)
class _Item:
    subject: Node
    first: int
    last: int
    key_column: int


def _inside_quotes(prefix: str) -> bool:
    """Whether text before a '#' leaves a quoted scalar open (then the '#' is part of the string)."""
    doubles = len(re.findall(r'(?<!\\)"', prefix))
    singles = prefix.count("'") - 2 * prefix.count("''")
    return doubles % 2 == 1 or singles % 2 == 1


def _items(loaded: LoadedPlan) -> tuple[list[_Item], dict[str, tuple[int, int]]]:
    """The list items of the plan's sections with their line spans, and each section's (key line, end line)."""
    values = loaded.positions.values
    spans: dict[Node, list[int]] = {}
    for path, position in values.items():
        if len(path) >= 2 and path[0] in ITEM_SECTIONS and isinstance(path[1], int):
            subject = path[:2]
            span = spans.get(subject)
            if span is None:
                spans[subject] = [position.line, position.line]
            else:
                span[0] = min(span[0], position.line)
                span[1] = max(span[1], position.line)
    items = [
        _Item(subject, first, last, values[subject].column)
        for subject, (first, last) in spans.items()
        if subject in values
    ]
    items.sort(key=lambda item: item.first)
    top_keys = sorted(
        (position.line, str(path[0])) for path, position in loaded.positions.keys.items() if len(path) == 1
    )
    sections: dict[str, tuple[int, int]] = {}
    for number, (line, name) in enumerate(top_keys):
        end = top_keys[number + 1][0] - 1 if number + 1 < len(top_keys) else 1 << 30
        sections[name] = (line, end)
    return items, sections


class _Places:
    """The items and sections of one file, indexed once: placing each of 9,000 accept comments then costs a
    look-up and a bisection, not a walk over every item."""

    def __init__(self, items: list[_Item], sections: dict[str, tuple[int, int]]) -> None:
        self.sections = sections
        self.on_line: dict[int, Node] = {}
        self.in_section: dict[str, list[_Item]] = {}
        for item in items:  # sorted by first line: the first item holding a line owns it
            for line in range(item.first, item.last + 1):
                self.on_line.setdefault(line, item.subject)
            self.in_section.setdefault(str(item.subject[0]), []).append(item)
        self.firsts = {name: [item.first for item in listed] for name, listed in self.in_section.items()}


def _attach(line: int, column: int, places: _Places) -> Node:
    """The item a comment at ``line``/``column`` belongs to.

    On an item's lines: that item. Between two items of a section: the item above when the comment is
    indented at least as far as its keys, else the item below. Anywhere else: the plan as a whole.
    """
    subject = places.on_line.get(line)
    if subject is not None:
        return subject
    for name, (key_line, end_line) in places.sections.items():
        if name not in ITEM_SECTIONS or not key_line < line <= end_line:
            continue
        in_section = places.in_section.get(name, [])
        # no item holds ``line``, so the items starting before it all end before it too
        split = bisect.bisect_left(places.firsts.get(name, []), line)
        if split and column >= in_section[split - 1].key_column:
            return in_section[split - 1].subject
        if split < len(in_section):
            return in_section[split].subject
    return PLAN


def _lines_mentioning(text: str, word: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for each line holding ``word``; found with str.find, far quicker than a regex."""
    position = text.find(word)
    line_number = 1
    counted_to = 0
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line_number += text.count("\n", counted_to, start)
        counted_to = start
        yield line_number, text[start:end]
        position = text.find(word, end)


def find_acceptances(loaded: LoadedPlan) -> tuple[list[Acceptance], list[tuple[str, Hit]]]:
    """Accept comments in the file's text, and what is wrong with the malformed ones (SAM902, SAM903 hits)."""
    if "samkit" not in loaded.text:
        return [], []
    acceptances: list[Acceptance] = []
    problems: list[tuple[str, Hit]] = []
    places: _Places | None = None
    for number, line_text in _lines_mentioning(loaded.text, "samkit"):
        match = _DIRECTIVE_RE.search(line_text)
        if match is None or _inside_quotes(line_text[: match.start()]):
            continue
        column = match.start() + 1  # the comment's '#'
        if match["verb"].lower() != "accept":
            problems.append(
                (
                    INVALID_ACCEPT,
                    Hit(
                        number,
                        column,
                        f"unknown samkit comment {match['verb']!r}; write '# samkit: accept CODE -- reason'",
                    ),
                )
            )
            continue
        codes_text, _, reason = match["rest"].partition("--")
        codes: list[str] = []
        for part in re.split(r"[\s,]+", codes_text.strip()):
            code = part.upper()
            if not code:
                continue
            if code not in RULES:
                problems.append(
                    (INVALID_ACCEPT, Hit(number, column, f"accept comment names unknown rule code {part!r}"))
                )
            elif code in UNACCEPTABLE:
                problems.append((INVALID_ACCEPT, Hit(number, column, f"{code} cannot be accepted; fix the file")))
            else:
                codes.append(code)
        if not codes:
            if not codes_text.strip():
                problems.append(
                    (
                        INVALID_ACCEPT,
                        Hit(
                            number, column, "accept comment names no rule code; write '# samkit: accept CODE -- reason'"
                        ),
                    )
                )
            continue
        if not reason.strip():
            problems.append(
                (
                    ACCEPT_WITHOUT_REASON,
                    Hit(number, column, f"accept comment for {', '.join(codes)} gives no reason; add one after '--'"),
                )
            )
        if places is None:
            places = _Places(*_items(loaded))
        subject = _attach(number, column, places)
        acceptances.append(Acceptance(number, column, tuple(codes), reason.strip(), subject))
    return acceptances, problems
