"""Markdown escaping shared by every Markdown output (plan documents, QBR briefs, reports, PR comments).

User text (names, titles, risks) must read as itself: never start a heading, list or table row, never
open a tag or a link, never split a table cell.
"""

from __future__ import annotations

import re

from samkit.output.terminal import terminal_safe

EMPTY_CELL = "—"

# a line break however the text was typed: Windows, old Mac or Unix
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters that start Markdown inline syntax (emphasis, code, links, strikethrough, GitHub math) are
# backslash-escaped; '<' and '>' become entities so a name can never open a tag; '|' is escaped
# so a cell never splits. A backslash is doubled first so "a\|b" keeps its backslash and its cell.
_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "~": "\\~",
    "$": "\\$",
    "|": "\\|",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
# '&' only where it would start an entity reference (&copy; &#124;): "R&D" and "AT&T" stay as written.
_MARKDOWN_SPECIAL = re.compile(
    "|".join(re.escape(char) for char in _MARKDOWN_ESCAPES if char != "&") + r"|&(?=#?[A-Za-z0-9]+;)"
)
# At the very start of a list item a '#', '>', '+', '-', '=' or "1." would open a heading, quote or nested list;
# a '#' at the very end of a heading would be read as its closing sequence and vanish.
_LEADING_MARKER = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_TRAILING_HASH = re.compile(r"#$")


def escape(text: str) -> str:
    """Text that reads as itself anywhere inline in Markdown: list items, headings, paragraphs, table cells.

    Line breaks become ``<br>`` so the text never starts a new block (or a new table row).
    """
    text = _MARKDOWN_SPECIAL.sub(lambda match: _MARKDOWN_ESCAPES[match.group()], text.strip())
    text = _TRAILING_HASH.sub(r"\\#", text)  # first, so a lone "#" is escaped once, not twice
    text = _LEADING_MARKER.sub(lambda match: f"\\{match[1]}" if match[1] else f"{match[2]}\\{match[3]}", text)
    # control characters would reach whoever `cat`s the document: shown as escapes, like on the terminal
    return terminal_safe(LINE_BREAK.sub("<br>", text))


# "@name", "@org/team", "@here", "@channel" where a mention would start (not inside "jane@acme.com")
_MENTION = re.compile(r"(?<![\w@`])@(?=[A-Za-z0-9_])")
# U+200D (zero-width joiner) between '@' and the name: reads the same, pings nobody
_MENTION_BREAK = "@\u200d"


def neutralise_mentions(markdown: str) -> str:
    """Markdown for a pull-request or chat comment in which no ``@user``, ``@team``, ``@here`` or ``@channel``
    written in a plan notifies anyone: the text reads the same, the mention is broken by a zero-width joiner."""
    return _MENTION.sub(_MENTION_BREAK, markdown)


def escape_flat(text: str) -> str:
    """``escape`` for one-line contexts (headings, summaries): runs of white space become one space."""
    return escape(" ".join(text.split()))


def cell(text: str | None) -> str:
    """A table cell: escaped, and an empty value shown as a dash rather than left ambiguous."""
    escaped = escape(text) if text else ""
    return escaped if escaped else EMPTY_CELL
