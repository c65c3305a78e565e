"""Text helpers shared by the SVG modules: XML escaping, a font-free width estimate, truncation, wrapping.

SVG text does not wrap or shrink by itself and we cannot measure glyphs without a font engine, so widths are
*estimated* per character, deliberately on the wide side: an estimate that is too big only truncates a label
a little early, one that is too small lets text run into its neighbour.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal

from samkit.output.terminal import terminal_safe

ELLIPSIS = "…"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Characters XML 1.0 cannot carry at all, not even as &#..; references: C0 controls other than tab, newline and
# carriage return, lone surrogates, U+FFFE and U+FFFF. They are shown as U+FFFD instead of breaking the page.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# ASCII text with none of these has nothing for ``terminal_safe`` or ``_XML_INVALID`` to change (both only touch
# ASCII controls and DEL there): a map escapes dozens of names and titles per box, nearly all of them such text
_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_NARROW = frozenset("iljft.,;:'!|()[]{}\"` ")
_WIDE = frozenset("mwMW@%&")
_CENT = Decimal("0.01")


def xml_safe(text: str) -> str:
    """``text`` as it may be shown: control characters, bidi overrides and other invisible format characters
    written as visible escapes (``\\u202e``), exactly as the Markdown and terminal output show them, so a name
    can never display reversed; then what XML still cannot represent (lone surrogates, U+FFFE, U+FFFF)
    replaced by U+FFFD (what a parser gives back)."""
    if text.isascii() and _ASCII_UNSAFE.search(text) is None:
        return text
    return _XML_INVALID.sub("\ufffd", terminal_safe(text))


def esc(text: str) -> str:
    """Escape ``text`` for element content or a double-quoted attribute.

    A carriage return is written as ``&#13;`` because XML parsers turn a literal CR (and CRLF) into LF.
    (What ``xml.sax.saxutils.escape`` with those two entities gives, without its per-call dictionary loop.)
    """
    safe = xml_safe(text)
    return (
        safe.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
    )


def display(text: str) -> str:
    """The one-line form of ``text`` drawn in a ``<text>`` element: SVG collapses whitespace anyway, we do it
    first so width estimates and truncation see what the reader sees."""
    return _SPACES.sub(" ", xml_safe(text)).strip()


@functools.cache  # a page measures the same few dozen characters thousands of times
def char_em(char: str) -> float:
    """Estimated advance width of ``char`` in em for a proportional sans-serif font."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    # wide CJK and emoji, and the geometric shapes used as badges (▲ ◇ ▼), which fonts draw about 1em wide
    if unicodedata.east_asian_width(char) in ("W", "F") or "\u25a0" <= char <= "\u25ff":
        return 1.05
    if char in _NARROW:
        return 0.34
    if char in _WIDE:
        return 0.95
    if char.isupper() or char.isdigit():
        return 0.7
    return 0.6


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in px of ``text`` at font size ``size``."""
    em = sum(map(char_em, text))
    return em * size * (1.08 if bold else 1.0)


def truncate(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """``text`` if it fits in ``max_width`` px, else its longest prefix that fits with an ellipsis appended."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, size, bold=bold)
    used = 0.0
    cut = 0
    for index, char in enumerate(text):
        used += char_em(char) * size * (1.08 if bold else 1.0)
        if used > budget:
            break
        cut = index + 1
    return text[:cut].rstrip() + ELLIPSIS


def wrap(text: str, max_width: float, size: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines that each fit ``max_width``. A word longer than a line
    is cut with an ellipsis; when lines are left over, the last kept line ends in an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split(" ") if text else []:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word if text_width(word, size) <= max_width else truncate(word, max_width, size)
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    rest = " ".join(lines[max_lines - 1 :])
    last = truncate(rest, max_width, size)
    if not last.endswith(ELLIPSIS):  # cannot happen while rest is wider than a line, but never hide the cut
        last = truncate(rest + ELLIPSIS * 8, max_width, size)
    return [*lines[: max_lines - 1], last]


_PIECES = re.compile(r"[^-]*-|[^-]+")  # a word's pieces, each hyphen kept at the end of its piece


def wrap_whole(text: str, max_width: float, size: float, *, bold: bool = False) -> list[str]:
    """Greedy wrap of all of ``text``, losing nothing: lines break at spaces; a word wider than a line breaks
    after its hyphens, and a piece still wider between characters. Joining the lines (with the space where a
    line broke at one) gives ``text`` back."""
    lines: list[str] = []
    current = ""
    for word in text.split(" ") if text else []:
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        if text_width(word, size, bold=bold) <= max_width:
            current = word
            continue
        for piece in _PIECES.findall(word):
            if current and text_width(current + piece, size, bold=bold) <= max_width:
                current += piece
                continue
            if current:
                lines.append(current)
            current = piece
            while len(current) > 1 and text_width(current, size, bold=bold) > max_width:
                cut = _fitting(current, max_width, size, bold=bold)
                lines.append(current[:cut])
                current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fitting(text: str, max_width: float, size: float, *, bold: bool) -> int:
    """How many of the first characters of ``text`` fit ``max_width`` (one at least)."""
    used, cut = 0.0, 0
    for char in text:
        used += char_em(char) * size * (1.08 if bold else 1.0)
        if used > max_width:
            break
        cut += 1
    return max(cut, 1)


def fit_end(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """An ellipsis and the longest end of ``text`` that fits ``max_width`` with it (``text`` if it all fits)."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, size, bold=bold)
    used, start = 0.0, len(text)
    for index in range(len(text) - 1, -1, -1):
        used += char_em(text[index]) * size * (1.08 if bold else 1.0)
        if used > budget:
            break
        start = index
    return ELLIPSIS + text[start:].lstrip()


def num(value: Decimal | int | float) -> str:
    """A coordinate written the same way every time: at most two decimals, no exponent, no trailing zeros."""
    quantized = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    text = f"{quantized:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
