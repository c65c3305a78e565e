"""``samkit log`` output: one line per change, the same whether written or a dry run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from samkit.output.terminal import one_line
from samkit.plan.contacts import Change


def change_line(path: str, change: Change) -> str:
    """``plans/acme.yaml: Lisa Thompson: last_contact 2025-10-15 → 2026-02-16``; names and values on one
    line each, control characters shown as escapes (``one_line``)."""
    path, change = one_line(path), _shown(change)
    if change.field == "stakeholder":  # `log --new`
        return f"{path}: {change.subject}: new stakeholder, {change.after}"
    subject = f"{path}: {change.subject}: {change.field}"
    if change.field == "notes":
        return f'{subject} + "{change.after}"' if change.after is not None else subject
    before = change.before if change.before is not None else "(none)"
    if not change.applied:
        kept = f"kept {before} ({change.reason})" if change.reason != "already" else f"already {before}"
        return f"{subject} {kept}"
    return f"{subject} {before} → {change.after}"


def _shown(change: Change) -> Change:
    def shown(value: str | None) -> str | None:
        return one_line(value) if value is not None else None

    return replace(change, subject=one_line(change.subject), before=shown(change.before), after=shown(change.after))


def log_text(path: str, changes: Iterable[Change]) -> str:
    return "".join(change_line(path, change) + "\n" for change in changes)
