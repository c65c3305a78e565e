"""Where "today" comes from: ``--today``, else ``SAMKIT_TODAY``, else the system date."""

from __future__ import annotations

import os
from datetime import date

from samkit.errors import UsageError
from samkit.plan.values import parse_iso_day

TODAY_ENV = "SAMKIT_TODAY"


def parse_iso_date(text: str, what: str) -> date:
    day = parse_iso_day(text)
    if day is not None:
        return day
    raise UsageError(f"{what}: {text!r} is not a date; write YYYY-MM-DD, for example 2026-03-31")


def resolve_today(option: str | None) -> date:
    """The date every date-dependent rule measures from; bad input is a usage error (exit 2)."""
    if option:
        return parse_iso_date(option, "--today")
    from_env = os.environ.get(TODAY_ENV)
    if from_env:
        return parse_iso_date(from_env, TODAY_ENV)
    return date.today()
