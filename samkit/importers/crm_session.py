"""One ``samkit import`` of opportunity or account exports: read, decide, then write all plans or none.

The plans are read and edited through the same machinery as activity imports (``samkit.importers.session``:
``PlanFile`` bytes validated once, edits spliced by the byte-exact writer, atomic writes). ``--dry-run``
computes the new bytes and hands both sides to the diff engine (``samkit.history.diff.diff_loaded``), so
the preview is what ``samkit diff`` would show after the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.fileio.staged import StagedFiles
from samkit.importers.base import InvalidRow, Skip
from samkit.importers.crm_changes import CrmOutcome
from samkit.importers.crm_rows import CrmFile, ImportKind, UnreadableExport, read_crm_file
from samkit.importers.crm_values import FileForms, ValueProblem, file_forms
from samkit.importers.matching import PlanIndex
from samkit.importers.opportunities import PlanSide, Settings
from samkit.importers.session import (
    HeldParses,
    PlanSource,
    PlansWritten,
    collector_paused,
    edit_plan,
    text_digest,
)
from samkit.plan.crosschecks import ProgramIds
from samkit.plan.salvage import account_of_file

if TYPE_CHECKING:
    from samkit.history.diff import PlanDiff
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan


@dataclass
class CrmRun(PlansWritten):
    outcome: CrmOutcome
    previews: list[PlanDiff] = field(default_factory=list)  # --dry-run: the diff each plan would show
    files: list[CrmFile] = field(default_factory=list)


@collector_paused()
def run_crm_import(
    sources: Sequence[tuple[str, ImportKind]],
    plans: PlanSource,
    settings: Settings,
    columns: Mapping[str, str],
    date_format: str | None,
    dry_run: bool,
) -> CrmRun:
    """Import opportunity and account exports into the plans; nothing is written when a row is an error.

    A duplicate crm id across the program is an error too: matching by it would be a guess. Each plan is
    kept as its validated ``Plan`` and the few spellings the edits copy (``PlanSide``), and its parse while
    ``HeldParses`` has room; the plans with changes are read again to be edited (``session.edit_plan``).
    The collector is paused, as for activity imports (``session.collector_paused``).
    """
    from samkit.importers.accounts import import_accounts
    from samkit.importers.opportunities import import_opportunities

    files, invalid = _read_files(sources, columns)  # invalid: a file unreadable, or of undecided forms
    ids = ProgramIds()
    sides: list[PlanSide] = []
    digests: dict[str, str] = {}
    held = HeldParses(plans)
    for plan in plans.loaded():
        assert plan.plan is not None
        ids.add(plan.path, plan.plan, plan.positions)
        sides.append(PlanSide(plan.path, plan.plan, spellings(plan.data)))
        digests[plan.path] = text_digest(plan.text)
        held.keep(plan)
    problems = [finding for failed in plans.failed for finding in failed.findings]
    index = _program_index(sides, [failed.path for failed in plans.failed], files)
    read: list[tuple[CrmFile, FileForms]] = []
    for crm in files:
        try:
            read.append((crm, file_forms(crm, date_format, settings.currency)))
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
    outcome.invalid = [row for crm in files for row in crm.invalid] + invalid + outcome.invalid
    outcome.skipped[Skip.FOOTER] += sum(crm.footers for crm in files)
    deleted = sum(len(crm.deleted) for crm in files)
    if deleted:  # data rows, read and set aside (``crm_rows``): counted as read, skipped by their reason
        outcome.rows += deleted
        outcome.skipped[Skip.DELETED] += deleted
    run = CrmRun(outcome, plans=plans.count, plan_problems=problems)
    run.duplicate_ids, run.files = ids.findings, files
    if outcome.invalid or run.duplicate_ids:
        return run
    before = {side.path: side.plan for side in sides}
    with StagedFiles() as staged:
        for path, edits in outcome.edits.items():
            if not edits:
                continue
            result = edit_plan(path, digests[path], edits, group=True, parsed=held.pop(path))
            if isinstance(result, str):
                run.write_errors.append(result)  # it names the plan
            elif dry_run:  # the diff of each plan as it goes, against the edited plan as re-validated
                run.previews.append(_preview(path, before[path], result[2]))
            elif not run.write_errors:  # after an error nothing is written: staging more is pointless
                staged.stage(result[0].path, result[1], result[0].changed_on_disk, shown=path)
        if run.write_errors:
            run.previews = []
        elif not dry_run:
            run.written, run.write_errors = staged.replace_all()
    return run


def _program_index(sides: Sequence[PlanSide], unloaded: Sequence[str], files: Sequence[CrmFile]) -> PlanIndex:
    """The accounts of the plans that load, what the others still say of theirs (their rows are skipped as
    theirs), and the account ids the exports teach (``PlanIndex.learn_account_ids``)."""
    index = PlanIndex((side.path, side.plan) for side in sides)
    for path in unloaded:
        index.add_unloaded(account_of_file(path))
    index.learn_account_ids(_account_pairs(files))
    return index


def _read_files(
    sources: Sequence[tuple[str, ImportKind]], columns: Mapping[str, str]
) -> tuple[list[CrmFile], list[InvalidRow]]:
    """Every export read whole, and the ``InvalidRow`` of each that is not text (an error: nothing is written)."""
    files: list[CrmFile] = []
    unreadable: list[InvalidRow] = []
    for name, kind in sources:
        try:
            files.append(read_crm_file(Path(name), name, kind, columns))
        except UnreadableExport as problem:
            unreadable.append(problem.row)
    return files, unreadable


def _account_pairs(files: Sequence[CrmFile]) -> Iterator[tuple[str, str]]:
    """Each distinct (account name, account id) of the files' rows that have both, stripped, in file order."""
    seen: set[tuple[str, str]] = set()
    for crm in files:
        if "account" not in crm.at or "account_id" not in crm.at:
            continue  # most reports: names only, nothing to learn (and no pass over their rows)
        # distinct cells first: an export repeats its accounts' cells on row after row
        for account, account_id in dict.fromkeys(zip(crm.column("account"), crm.column("account_id"), strict=True)):
            pair = (account.strip(), account_id.strip())
            if pair[0] and pair[1] and pair not in seen:
                seen.add(pair)
                yield pair


def spellings(data: Any) -> dict[str, Any]:
    """Of a plan's parsed YAML, only the values whose spelling an edit copies (``money_like``,
    ``probability_like``): the account's ARR and each opportunity's value and probability."""
    account = data.get("account")
    items = data.get("opportunities")
    kept: dict[str, Any] = {"account": {"arr": account.get("arr")} if isinstance(account, dict) else {}}
    if isinstance(items, list):
        kept["opportunities"] = [
            {key: item.get(key) for key in ("value", "probability")} if isinstance(item, dict) else item
            for item in items
        ]
    return kept


def _preview(path: str, before: Plan, after: LoadedPlan) -> PlanDiff:
    """What ``samkit diff`` would show for a plan the run changes."""
    from samkit.gitio.git import FileStatus
    from samkit.history.diff import diff_loaded
    from samkit.plan.loader import LoadedPlan

    return diff_loaded(
        LoadedPlan(path, before), replace(after, path=path), path=path, old_path=None, status=FileStatus.MODIFIED
    )
