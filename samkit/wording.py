"""Words that depend on a count: one source for "1 day" and "2 days", whichever layer writes the sentence."""

from __future__ import annotations


def plural(count: int, noun: str, plural: str | None = None) -> str:
    """``1 account``, ``2 accounts``; ``plural`` for a noun that does not take an ``s`` (opportunities)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def do_not_load(count: int) -> str:
    """``1 plan does not load and was``, ``2 plans do not load and were``: the start of the line that names
    the plans a command had to leave untouched."""
    return f"{plural(count, 'plan')} {'does' if count == 1 else 'do'} not load and {'was' if count == 1 else 'were'}"
