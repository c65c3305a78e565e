"""SAM313: a ` #` in an unquoted value, which YAML reads as the start of a comment and cuts the value there.

The rule reads the plan's text, which the loader keeps: one search over it finds the few places worth a look
(most plans have none, and then that search is all it costs), and each is checked against the value the
parser read, so only a `#` that really cut a value short is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from samkit.findings import Severity
from samkit.plan.layout import LINE_BREAK
from samkit.rules.base import PLAN, Hit, Node, RuleContext, rule

_BLANK_OR_BREAK = " \t\r\n\x85\u2028\u2029"
# an accept comment written without its space (`#samkit: accept ...`) is a comment; SAM901-SAM903 judge it
_ACCEPT = re.compile(r"#[ \t]*samkit[ \t]*:", re.IGNORECASE)
# where the words that ran on end: at a comment written as one (`  # from the QBR`) after them
_REAL_COMMENT = re.compile(r"[ \t]+#(?:[ \t]|$)|[ \t]{2,}#")
# a quoted or block scalar starts with its indicator; a plain one never does
_NOT_PLAIN = frozenset("\"'|>")
# text fields that hold one word, an identifier: what follows a '#' after them cannot belong to them
_IDENTIFIERS = frozenset({"email", "crm_id"})


def _text_like_hashes(text: str) -> Iterator[int]:
    """Where a `#` that YAML takes for a comment (it follows a blank) is written as text is: one blank after
    the last character of a value, a letter or digit right after it (`#1`, `#4411`, `#Acme`). A comment is
    written `# note`, or set apart by two blanks or more (`value  #note`).

    Found with str.find: a plan holds a handful of '#'s, and a regular expression that must try every
    position of the text costs a hundred times more than this.
    """
    at = text.find("#", 2)
    while at != -1:
        if text[at - 1] in " \t" and text[at - 2] not in _BLANK_OR_BREAK and text[at + 1 : at + 2].isalnum():
            yield at
        at = text.find("#", at + 1)


def _fold(source: str) -> str:
    """The value a plain scalar written as ``source`` reads as: lines trimmed, one break a space, blank lines
    breaks (YAML's line folding)."""
    lines = LINE_BREAK.split(source)
    folded = lines[0].rstrip(" \t")
    breaks = 0
    for line in lines[1:]:
        line = line.strip(" \t")
        if not line:
            breaks += 1
            continue
        folded += "\n" * breaks if breaks else " "
        folded += line
        breaks = 0
    return folded


def _data_at(data: Any, path: Node) -> Any:
    for part in path:
        data = data[part]
    return data


def _is_free_text(plan: Any, path: Node) -> bool:
    """Whether the plan model holds the value at ``path`` as text (a name, a note, a mitigation step), not as a
    date, an amount, a number, one of a set of words (``strong``) or an identifier (an email address, a CRM id),
    which the words after a `#` cannot be part of."""
    if path and path[-1] in _IDENTIFIERS:
        return False
    held = plan
    for part in path:
        if isinstance(part, int):
            if not isinstance(held, list) or part >= len(held):
                return False
            held = held[part]
        else:
            held = getattr(held, part, None)
    if isinstance(held, list):  # `notes: one line` is read as a list of one
        return bool(held) and all(type(item) is str for item in held)
    return type(held) is str  # an enum's value is a str subclass: not free text


@rule("SAM313", "comment-cuts-value", Severity.WARNING)
def comment_cuts_value(context: RuleContext) -> Iterator[Hit]:
    """An unquoted text value is cut short where ` #` starts a YAML comment (`Competitor #1 is Acme` reads
    as `Competitor`).

    In YAML a `#` after a space or a tab starts a comment that runs to the end of the line, and the parser
    drops it without a word. Flagged: a plain (unquoted) free-text value (a name, title, note, competitor,
    initiative, mitigation step, action...) followed by exactly one space or tab and a `#` with a letter
    or digit right after it (`#1`, `#4411`, `#Acme`), the way `#` is written inside a sentence. A comment
    written as one is not flagged: with a space after its `#` (`name: Clean Co # note`), or set apart from
    the value by two spaces or more, whatever follows its `#`. Nor are whole-line comments, rulers such as
    `##` or `#-`, accept comments, a `#` with no space before it (`C#`, `a#b`: YAML keeps it as text),
    quoted values (`"Deal #4411"`) and text blocks (`notes: |`), where `#` is text. Dates, amounts,
    numbers, fixed words (`relationship: strong #1`), email addresses and CRM ids are not checked: the
    words after the `#` could not be part of them. Nor is a key whose whole value follows the `#`
    (`competition: #1 is Acme` reads as empty): it looks like a key with a comment. Points at the `#`;
    the message shows the value as read and the whole value in quotes.

    Why it matters: the plan silently says less than its author wrote, and every document, brief and site
    page shows the cut value. In quotes, the value keeps its `#` and the words after it.

    Fails:

        context:
          competition: Competitor #1 is Acme

    Passes:

        context:
          competition: "Competitor #1 is Acme"  # in quotes, the '#' is text; this one starts a comment
    """
    text = context.loaded.text
    found = list(_text_like_hashes(text))
    if not found:
        return
    line_starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    positions = context.loaded.positions.values
    starts = sorted(((position, path) for path, position in positions.items()), key=itemgetter(0))
    places = [position for position, _ in starts]
    for hash_at in found:
        if _ACCEPT.match(text, hash_at):
            continue
        line = bisect.bisect_right(line_starts, hash_at)
        column = hash_at - line_starts[line - 1] + 1
        # the value that starts last before the '#': the one it may have cut
        before = bisect.bisect_left(places, (line, column)) - 1
        if before < 0:
            continue
        (value_line, value_column), path = starts[before]
        value_at = line_starts[value_line - 1] + value_column - 1
        value = _data_at(context.loaded.data, path)
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal | date):
            continue  # a mapping, a list, or an empty value
        written = str(value)
        # the '#' ends exactly this value, written plain: it is a comment that cut it (not text inside it)
        if value_at >= hash_at or text[value_at] in _NOT_PLAIN or _fold(text[value_at : hash_at - 1]) != written:
            continue
        if not _is_free_text(context.plan, path):
            continue
        end = LINE_BREAK.search(text, hash_at)
        rest = text[hash_at : len(text) if end is None else end.start()]
        run_on = _REAL_COMMENT.search(rest)
        if run_on is not None:
            rest = rest[: run_on.start()]
        yield Hit(line, column, _message(path, written, f"{written} {rest.rstrip()}"), _subject(path))


def _subject(path: Node) -> Node:
    return path[:2] if len(path) > 2 and isinstance(path[1], int) else PLAN


def _message(path: Node, written: str, meant: str) -> str:
    from samkit.plan.slips import quoted

    field = next(str(part) for part in reversed(path) if isinstance(part, str))
    return (
        f"{field}: the text after ' #' is read as a comment, so the value is cut to '{written}'; "
        f"put the whole value in quotes: {quoted(meant)}"
    )
