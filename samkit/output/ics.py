"""Writing RFC 5545 calendar text directly: TEXT escaping, content lines and line folding.

Calendars with thousands of events are written by plain string building (the ``icalendar`` library's
object model costs about a millisecond per event, more than the rest of ``samkit site`` per plan). The
output is what ``icalendar`` writes for the same properties in the same order, except that a backslash is
always escaped (``icalendar`` turns a written ``\\N`` into a line break); the tests parse it back with
``icalendar``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from samkit.output.markdown import LINE_BREAK

CRLF = "\r\n"
FOLD_AT = 75  # octets per line, the line break excluded (RFC 5545 3.1)


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, any line break as ``\\n``."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return LINE_BREAK.sub(r"\\n", escaped)


def date_value(day: date) -> str:
    return day.strftime("%Y%m%d")


def utc_value(moment: datetime) -> str:
    """A UTC DATE-TIME (``20260216T000000Z``); ``moment`` must be in UTC."""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """``line`` folded into lines of under ``FOLD_AT`` octets (UTF-8), each continuation starting with a
    space; a character is never split, and a backslash never ends a line (so an escape stays whole)."""
    if line.isascii():
        return line if len(line) < FOLD_AT else _fold_ascii(line)
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8", "surrogatepass"))
        if current and used + size >= FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, used = [carried], 1
            else:
                pieces.append("".join(current))
                current, used = [], 0
        current.append(char)
        used += size
    if current:
        pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _fold_ascii(line: str) -> str:
    """``fold`` for ASCII text, where a character is an octet: slices of ``FOLD_AT - 1`` characters, one
    shorter when it would end in a backslash or a caret (that character starts the next line instead)."""
    width = FOLD_AT - 1
    pieces: list[str] = []
    start = 0
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in "\\^":
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return (CRLF + " ").join(pieces)


def lines(properties: Iterable[tuple[str, str]]) -> str:
    """Content lines ``NAME:value`` (or ``NAME;PARAM=..:value``), each folded and ended by CRLF."""
    return "".join(fold(f"{name}:{value}") + CRLF for name, value in properties)
