"""One ``samkit import`` of opportunity or account exports: read, decide, then write all plans or none.

The plans are read and edited through the same machinery as activity imports (``samkit.importers.session``:
``PlanFile`` bytes validated once, edits spliced by the byte-exact writer, atomic writes). ``--dry-run``
computes the new bytes and hands both sides to the diff engine (``samkit.history.diff.diff_loaded``), so
the preview is what ``samkit diff`` would show after the run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from samkit.findings import Finding
from samkit.importers.base import Skip
from samkit.importers.crm_changes import CrmOutcome
from samkit.importers.crm_rows import CrmFile, ImportKind, read_crm_file
from samkit.importers.crm_values import FileForms, ValueProblem, file_forms
from samkit.importers.grouped_edits import group_insertions
from samkit.importers.matching import PlanIndex
from samkit.importers.opportunities import PlanSide, Settings
from samkit.importers.session import _commit_all, _edit_all, _read_plans
from samkit.plan.crosschecks import ProgramIds

if TYPE_CHECKING:
    from samkit.history.diff import PlanDiff


@dataclass
class CrmRun:
    outcome: CrmOutcome
    plans: int = 0
    plan_problems: list[Finding] = field(default_factory=list)
    duplicate_ids: list[Finding] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    previews: list[PlanDiff] = field(default_factory=list)  # --dry-run: the diff each plan would show
    files: list[CrmFile] = field(default_factory=list)


def run_crm_import(
    sources: Sequence[tuple[str, ImportKind]],
    plan_paths: Sequence[str],
    settings: Settings,
    columns: Mapping[str, str],
    date_format: str | None,
    dry_run: bool,
) -> CrmRun:
    """Import opportunity and account exports into the plans; nothing is written when a row is an error.

    A duplicate crm id across the program is an error too: matching by it would be a guess.
    """
    from samkit.importers.accounts import import_accounts
    from samkit.importers.base import InvalidRow
    from samkit.importers.opportunities import import_opportunities

    files = [read_crm_file(Path(name), name, kind, columns) for name, kind in sources]
    loaded, plan_files, problems = _read_plans(plan_paths)
    ids = ProgramIds()
    for plan in loaded:
        if plan.plan is not None:
            ids.add(plan.path, plan.plan, plan.positions)
    sides = [PlanSide(plan.path, plan.plan, plan.data) for plan in loaded if plan.plan is not None]
    index = PlanIndex((side.path, side.plan) for side in sides)
    read: list[tuple[CrmFile, FileForms]] = []
    invalid: list[InvalidRow] = []
    for crm in files:
        try:
            read.append((crm, file_forms(crm, date_format)))
        except ValueProblem as problem:
            invalid.append(InvalidRow(crm.source, None, str(problem)))
    opportunities = [pair for pair in read if pair[0].kind is ImportKind.OPPORTUNITIES]
    accounts = [pair for pair in read if pair[0].kind is ImportKind.ACCOUNTS]
    outcome = import_accounts(accounts, sides, index, settings)
    if opportunities:
        # account fields first, then opportunities: both edit lists of a plan go through one write
        more = import_opportunities(opportunities, sides, index, settings)
        for path, edits in more.edits.items():
            outcome.edits[path].extend(edits)
        outcome.changes += more.changes
        outcome.invalid += more.invalid
        outcome.skipped.update(more.skipped)
        outcome.notices += more.notices
        outcome.rows += more.rows
        outcome.added += more.added
    outcome.invalid = invalid + outcome.invalid
    outcome.skipped[Skip.FOOTER] += sum(crm.footers for crm in files)
    run = CrmRun(outcome, plans=len(loaded) + len({finding.path for finding in problems}), plan_problems=problems)
    run.duplicate_ids, run.files = ids.findings, files
    if outcome.invalid or run.duplicate_ids:
        return run
    paths = [path for path, edits in outcome.edits.items() if edits]
    data = {plan.path: plan.data for plan in loaded}
    work = [
        (plan_files[path], group_insertions(plan_files[path].text, data[path], outcome.edits[path]), data[path])
        for path in paths
    ]
    results = _edit_all(work)
    new_bytes: dict[str, bytes] = {}
    for path, result in zip(paths, results, strict=True):
        if isinstance(result, bytes):
            new_bytes[path] = result
        else:
            run.write_errors.append(f"{path}: {result}")
    if run.write_errors:
        return run
    if dry_run:
        run.previews = _previews(loaded, new_bytes)
        return run
    commits = _commit_all([(plan_files[path], new) for path, new in new_bytes.items()])
    for path, failure in zip(new_bytes, commits, strict=True):
        if failure is None:
            run.written.append(path)
        else:
            run.write_errors.append(failure)
    return run


def _previews(loaded: Sequence[object], new_bytes: Mapping[str, bytes]) -> list[PlanDiff]:
    """What ``samkit diff`` would show for each plan the run changes."""
    from samkit.gitio.git import FileStatus
    from samkit.history.diff import diff_loaded
    from samkit.plan.loader import LoadedPlan, load_text

    before = {plan.path: plan for plan in loaded if isinstance(plan, LoadedPlan)}
    return [
        diff_loaded(
            before[path],
            load_text(new.decode("utf-8-sig"), path),
            path=path,
            old_path=None,
            status=FileStatus.MODIFIED,
        )
        for path, new in new_bytes.items()
    ]
