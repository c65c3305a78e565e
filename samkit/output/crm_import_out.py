"""``samkit import`` of opportunity and account exports: text (one line per change), json, the summary.

``--dry-run`` text is the diff engine's own text (``output.diff_out.diff_text``), never a second formatter.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from samkit.importers.crm_changes import FieldChange, Value
from samkit.output.jsonout import dumps
from samkit.output.log_out import change_line
from samkit.output.terminal import one_line
from samkit.plan.contacts import Change
from samkit.plan.values import format_money, format_percent
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.history.diff import PlanDiff
    from samkit.importers.crm_session import CrmRun


def _readable(field: str, value: Value) -> str | None:
    """A changed value as people read it: money as $410,000, a probability as 90%."""
    if isinstance(value, Decimal) and field in ("value", "arr", "added"):
        return format_money(value)
    if isinstance(value, Decimal) and field == "probability":
        return format_percent(value)
    shown: str | None = FieldChange("", "", None, field, value, None).to_dict()["old"]
    return shown


def crm_text(run: CrmRun) -> str:
    lines = []
    for change in run.outcome.changes:
        subject = f"{change.account}: {change.opportunity}" if change.opportunity else change.account
        if change.field == "added":
            added = f"{one_line(change.path)}: {one_line(subject)}: new opportunity"
            lines.append(f"{added}, value {_readable('added', change.new)}")
            continue
        old, new = _readable(change.field, change.old), _readable(change.field, change.new)
        lines.append(change_line(change.path, Change(subject, change.field, old, new)))
    lines += _notice_lines(run)
    return "".join(line + "\n" for line in lines)


def _notice_lines(run: CrmRun) -> list[str]:
    notices = run.outcome.notices
    if not notices:
        return []
    lines = ["", f"to review ({len(notices)}): for a person to decide"]
    lines += [
        f"  {one_line(notice.path)}: {one_line(notice.opportunity)}: {one_line(notice.message)}" for notice in notices
    ]
    return lines


def crm_preview(previews: Sequence[PlanDiff], run: CrmRun) -> str:
    """``--dry-run``: the diff ``samkit diff`` would show after the run, then what it leaves for review."""
    from samkit.gitio.git import Revision
    from samkit.history.diff import DiffReport
    from samkit.output.diff_out import diff_text

    text = diff_text(DiffReport(Revision("plans", ""), None, list(previews))) if previews else ""
    notes = _notice_lines(run)
    return text + "".join(line + "\n" for line in (notes[1:] if not text else notes))


def crm_json(run: CrmRun) -> str:
    outcome = run.outcome
    document = {
        "changes": [change.to_dict() for change in outcome.changes],
        "notices": [notice.to_dict() for notice in outcome.notices],
        "skipped": {str(reason): count for reason, count in sorted(outcome.skipped.items()) if count},
        "sources": [{"source": crm.source, "kind": crm.kind.value, "columns": crm.columns} for crm in run.files],
        "rows": outcome.rows,
        "written": run.written,
    }
    return dumps(document) + "\n"


def crm_summary(run: CrmRun, dry_run: bool) -> Iterator[str]:
    outcome = run.outcome
    touched = len({change.path for change in outcome.changes})
    fields = len(outcome.changes) - outcome.added
    summary = (
        f"samkit import: {plural(outcome.rows, 'row')} read, {plural(fields, 'value')} changed and "
        f"{plural(outcome.added, 'opportunity', 'opportunities')} added in {touched} of {plural(run.plans, 'plan')}"
    )
    skipped = sum(outcome.skipped.values())
    summary += f", {skipped} skipped" if skipped else ""
    yield summary + ("; dry run: nothing was written" if dry_run and outcome.changes else "")
    if skipped:
        counts = sorted(((str(r), n) for r, n in outcome.skipped.items() if n), key=lambda item: (-item[1], item[0]))
        yield "  skipped: " + ", ".join(f"{count} {reason}" for reason, count in counts)
    for crm in run.files:
        used = ", ".join(f"{role} {header!r}" for role, header in crm.columns.items())
        empty = "; no data rows (was the report empty?)" if not crm.lines and not crm.deleted else ""
        yield f"  {crm.source} ({crm.kind.value}): {used}{empty}"
