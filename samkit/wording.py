"""Words that depend on a count: one source for "1 day" and "2 days", whichever layer writes the sentence."""

from __future__ import annotations


def plural(count: int, noun: str, plural: str | None = None) -> str:
    """``1 account``, ``2 accounts``; ``plural`` for a noun that does not take an ``s`` (opportunities)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
