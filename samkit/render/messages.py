"""What ``samkit render`` tells people: the ``--check`` listing, the write summary, plan load problems."""

from __future__ import annotations

from collections.abc import Sequence

from samkit.plan.loader import LoadedPlan
from samkit.render.documents import DocumentStatus


def load_problems_text(failed: Sequence[LoadedPlan]) -> str:
    """``path:line:column: message`` for every plan that could not be rendered."""
    lines = [finding.format_text(with_code=False) for plan in failed for finding in sorted(plan.findings)]
    return "".join(f"{line}\n" for line in lines)


def check_listing(statuses: Sequence[DocumentStatus]) -> str:
    """One line per document that is missing or out of date: ``docs/acme.md: out of date (plans/acme.yaml)``."""
    lines = [
        f"{status.document.target}: {status.state} (from {status.document.plan_path})"
        for status in statuses
        if not status.in_sync
    ]
    return "".join(f"{line}\n" for line in lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def check_summary(statuses: Sequence[DocumentStatus], failed: int) -> str:
    stale = sum(1 for status in statuses if not status.in_sync)
    parts = []
    if stale:
        parts.append(
            f"{stale} of {_count(len(statuses), 'document')} missing or out of date; run samkit render to update"
        )
    elif statuses:
        parts.append(f"{_count(len(statuses), 'document')} up to date")
    if failed:
        parts.append(f"{_count(failed, 'plan')} could not be rendered")
    return "; ".join(parts) if parts else "no plan files found"


def write_summary(statuses: Sequence[DocumentStatus], failed: int) -> str:
    written = sum(1 for status in statuses if not status.in_sync)
    unchanged = len(statuses) - written
    parts = [f"wrote {_count(written, 'document')}" + (f" ({unchanged} unchanged)" if unchanged else "")]
    if not statuses and not failed:
        parts = ["no plan files found"]
    if failed:
        parts.append(f"{_count(failed, 'plan')} could not be rendered")
    return "; ".join(parts)
