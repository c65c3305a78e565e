"""Dates as exports write them: ISO, the configured ``[import] date_format``, or one form detected per file.

A CRM writes dates in the form of the exporting user's locale (``12/1/2026`` in en_US, ``1/12/2026`` in
en_GB, ``1.12.2026`` in de_DE), often with a time after them (``12/1/2026 3:00 PM``). Detection keeps the
forms that read *every* date of the file: exactly one left is used (and named in the summary); two left
(every day is 12 or less, so ``1/2/2026`` is either) is ambiguous and the user sets ``date_format``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, datetime

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
# a time after the date: `3:00 PM`, `15:00`, `15:00:00`, `T15:00:00Z`, `3:00 PM CET`
_TIME_AFTER = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\S+)?\s*$")

# the forms exports write, in the order a tie is reported; each reads the date part of a cell
CANDIDATE_FORMATS = (
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%B %d, %Y",
)


def iso_day(text: str) -> date | None:
    """``YYYY-MM-DD`` with an optional time after it; None when the text is not ISO or not a real day."""
    match = _ISO.match(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def is_iso(text: str) -> bool:
    return _ISO.match(text) is not None


def no_such_day(text: str) -> str:
    """Why an ISO-written cell (``is_iso``) is no day: ``'2026-11-31' has no such day (November 2026 has 30)``."""
    match = _ISO.match(text)
    assert match is not None, text
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return f"{text!r} is written YYYY-MM-DD, but there is no month {month}"
    days = calendar.monthrange(year, month)[1] if year else 31
    return f"{text!r} is written YYYY-MM-DD, but there is no such day ({calendar.month_name[month]} {year} has {days})"


def date_part(text: str) -> str:
    """The cell without a time after the date: ``12/1/2026 3:00 PM`` → ``12/1/2026``."""
    return _TIME_AFTER.sub("", text.strip()).strip()


def read_day(text: str, date_format: str) -> date | None:
    """``text`` in ``date_format`` (the whole cell first, then its date part); None when it does not read."""
    for candidate in (text, date_part(text)):
        try:
            return datetime.strptime(candidate, date_format).date()
        except ValueError:
            continue
    return None


def parse_day(text: str, date_format: str | None) -> date | None:
    """ISO ``YYYY-MM-DD`` (a time after it ignored), else ``date_format``; None when neither reads it."""
    if is_iso(text):
        return iso_day(text)
    return read_day(text, date_format) if date_format else None


def detect_format(values: Iterable[str]) -> list[str]:
    """The candidate forms that read every one of ``values`` (distinct date cells that are not ISO)."""
    parts = {date_part(value) for value in values}
    left = list(CANDIDATE_FORMATS)
    for part in parts:
        left = [form for form in left if _reads(part, form)]
        if not left:
            break
    return left


def best_partial(values: Iterable[str]) -> str | None:
    """The candidate that reads the most of ``values``: used to name the cells no single form reads."""
    parts = {date_part(value) for value in values}
    counts = {form: sum(_reads(part, form) for part in parts) for form in CANDIDATE_FORMATS}
    form, count = max(counts.items(), key=lambda item: item[1])
    return form if count else None


def _reads(part: str, form: str) -> bool:
    try:
        datetime.strptime(part, form)
    except ValueError:
        return False
    return True
