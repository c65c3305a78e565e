"""The one sanitiser for text that reaches a terminal: plan text must never drive the reviewer's screen.

A plan (or a file name) can hold ESC sequences that move the cursor, rewrite earlier lines, set the window
title or hide text; a carriage return can overwrite a line; bidirectional overrides can make text read
differently from what it is. ``terminal_safe`` shows every such character as a visible escape (``\\x1b``,
``\\r``, ``\\u202e``) and shows bytes of a file name that are not UTF-8 as ``\\xNN`` (see
``samkit.fileio.names``). Line breaks and tabs stay: they are the layout.
"""

from __future__ import annotations

import re

from samkit.fileio.names import shown_name

# C0 controls but tab and newline, DEL, C1 controls, and the invisible bidi and line/paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x00": "\\0"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control characters and undecodable bytes shown as escapes, everything else as is."""
    return _UNSAFE.sub(_escaped, shown_name(text))


def one_line(text: str) -> str:
    """``terminal_safe`` for a value printed inside a line of text (a name, a note): a line break or a tab in it
    is shown as ``\\n`` / ``\\t`` too, so it cannot start what reads as a line of its own."""
    return terminal_safe(text).replace("\n", "\\n").replace("\t", "\\t")


def visible_text(value: object) -> object:
    """``terminal_safe`` for the values an HTML page prints (the site's Jinja ``finalize``): any other value,
    and text already marked safe (``__html__``: the site's SVG, which escapes its own text), are left alone."""
    if type(value) is str:  # most of what a page prints: no subclass (``Markup``, a str enum), so no ``__html__``
        return value if value.isascii() and value.isprintable() else terminal_safe(value)
    if isinstance(value, str) and not hasattr(value, "__html__") and not (value.isascii() and value.isprintable()):
        return terminal_safe(value)
    return value
