"""The parts of applying many edits to one plan that must cost nothing per edit beyond the edit itself.

``textedit`` applies all the edits of a file from one reading: these keep that pass linear (an import that
updates every one of 10,000 stakeholders in one plan): the new text is joined once, not copied per edit; a
scalar's text (checked by re-parsing it) is worked out once per distinct value (the data the result must
read back as is copied by ``samkit.plan.plaincopy``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from samkit.plan.scalars import Scalar, format_scalar

Splice = tuple[int, int, str]  # replace text[start:end] with the new text


def scalar_text(value: Scalar, *, quote: str = "", flow: bool = False) -> str:
    """``format_scalar``, worked out once per distinct value: it re-parses what it writes, and an import
    writes the same key and the same few dates thousands of times into one plan."""
    # keyed by type and text too: True == 1 and Decimal("5.0") == 5, but each is written its own way
    return _cached_scalar_text(type(value).__name__, str(value), value, quote, flow)


@functools.lru_cache(maxsize=4096)
def _cached_scalar_text(kind: str, shown: str, value: Scalar, quote: str, flow: bool) -> str:
    return format_scalar(value, quote=quote, flow=flow)


def joined(text: str, splices: Sequence[Splice]) -> str:
    """``text`` with sorted, separate ``splices`` applied in one pass: the kept stretches and the new text
    joined once (splicing one at a time copied the whole text per edit)."""
    pieces: list[str] = []
    kept_from = 0
    for start, end, new in splices:
        pieces += (text[kept_from:start], new)
        kept_from = end
    pieces.append(text[kept_from:])
    return "".join(pieces)
