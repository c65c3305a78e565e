"""``samkit log`` output: one line per change, the same whether written or a dry run."""

from __future__ import annotations

from collections.abc import Iterable

from samkit.plan.contacts import Change


def change_line(path: str, change: Change) -> str:
    """``plans/acme.yaml: Lisa Thompson: last_contact 2025-10-15 → 2026-02-16``."""
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


def log_text(path: str, changes: Iterable[Change]) -> str:
    return "".join(change_line(path, change) + "\n" for change in changes)
