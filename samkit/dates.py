"""Where "today" comes from: ``--today``, else ``SAMKIT_TODAY``, else the system date."""

from __future__ import annotations

import os
import re
from datetime import date

from samkit.errors import UsageError

TODAY_ENV = "SAMKIT_TODAY"


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(text: str, what: str) -> date:
    # date.fromisoformat alone would also take 20260331 and week dates like 2026-W14-2
    try:
        if _ISO_DAY.match(text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise UsageError(f"{what}: {text!r} is not a date; write YYYY-MM-DD, for example 2026-03-31")


def resolve_today(option: str | None) -> date:
    """The date every date-dependent rule measures from; bad input is a usage error (exit 2)."""
    if option:
        return parse_iso_date(option, "--today")
    from_env = os.environ.get(TODAY_ENV)
    if from_env:
        return parse_iso_date(from_env, TODAY_ENV)
    return date.today()
