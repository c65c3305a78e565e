"""Edits that only swap one word of a plan for another: their result needs no reading back.

The writer reads every edited plan back whole, to check it reads as the data it meant (``textedit``). For
the most common edit that is work done twice: an import moving ``last_contact: 2026-01-12`` to
``2026-02-03`` on a thousand plans. When an edit replaces a plain scalar that stands alone on its line in
the block layout, and the old text and the new are both *tokens* (a letter or digit, then letters, digits,
``.``, ``_``, ``-``: no space, no indicator, no ``#``, no ``:``), the parser reads the new document as the
old one with exactly that value changed: a token cannot open or close a collection, a key, a comment or a
document, or run onto the next line. So the data is the old data with the edit applied, and what the token
reads as is checked on its own (``_reads_exactly``). Anything else (quotes, a flow ``[...]``, an inserted
line, a word with a space) is read back as before. ``tests/plan/test_tokenswap.py`` holds this to the
read-back on generated plans and edits.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from samkit.plan.layout import Layout
from samkit.plan.splicing import scalar_text
from samkit.plan.yamlsafe import YamlProblem, plain_scalar_value

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_AFTER_TOKEN = frozenset(" \t\r\n\x85\u2028\u2029")  # a token ends its value: the line ends, or a comment follows


def swaps_one_token(text: str, layout: Layout, path: tuple[str | int, ...], old: Any, new: Any) -> bool:
    """Whether replacing the value at ``path`` (now ``old``) of ``text`` by ``new`` swaps one token for
    another in place (see the module's docstring); ``layout``: ``text``'s."""
    node = layout.values.get(path) if path else None  # a document that is one value is not edited
    if node is None or node.kind != "scalar" or node.style or node.start.line != node.end.line:
        return False
    parent = layout.values.get(path[:-1])
    if parent is None or parent.flow:
        return False
    start, end = layout.offset(node.start), layout.offset(node.end)
    if not 0 < start < end <= len(text) or text[start - 1] not in " \t":
        return False
    if end < len(text) and text[end] not in _AFTER_TOKEN:
        return False
    return _reads_exactly(text[start:end], old) and _reads_exactly(scalar_text(new), new)


def _reads_exactly(token: str, value: Any) -> bool:
    """``token`` is a token, and a plain scalar so written reads as ``value``, of its very type."""
    read = _token_value(token)
    return read is not _NOT_A_TOKEN and type(read) is type(value) and read == value


_NOT_A_TOKEN = object()


@functools.lru_cache(maxsize=4096)  # a thousand plans hold the same few dates and words
def _token_value(token: str) -> Any:
    if _TOKEN.match(token) is None:
        return _NOT_A_TOKEN
    try:
        return plain_scalar_value(token)
    except YamlProblem:
        return _NOT_A_TOKEN
