"""One ``samkit import``: read the plans, stream the files through the matcher, write all or nothing.

Plans are read as ``PlanFile`` bytes first and validated from those very bytes, so the stakeholder
positions the edits use are those of the file that ``PlanFile.commit`` later checks is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from samkit.fileio.inputs import InputProblem
from samkit.findings import SYNTAX, Finding, Severity
from samkit.importers import importer_for
from samkit.importers.apply import ImportOutcome, apply_activities
from samkit.importers.base import Extracted, Importer, ReadSettings
from samkit.importers.matching import PlanIndex
from samkit.plan.crosschecks import ProgramIds
from samkit.plan.loader import LoadedPlan, discover_plans, display_path, load_text
from samkit.plan.textedit import ConcurrentChange, EditError, PlanEdit, PlanFile, sync_folder

# plans written at once: the writes wait on the disk (fsync), not on Python
WRITER_THREADS = 8


@dataclass(frozen=True)
class ImportOptions:
    """What one import reads with: the day, the date form, the outcomes skipped, the column map, our domains."""

    today: date
    date_format: str | None = None
    skip_outcomes: frozenset[str] = frozenset()
    columns: dict[str, str] = field(default_factory=dict)
    internal_domains: tuple[str, ...] = ()

    def read_settings(self) -> ReadSettings:
        return ReadSettings(self.date_format, self.skip_outcomes, self.columns, self.today)


@dataclass
class ImportRun:
    outcome: ImportOutcome
    plans: int = 0
    plan_problems: list[Finding] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    duplicate_ids: list[Finding] = field(default_factory=list)  # crm ids used twice: never matched by


def _read_plans(paths: Sequence[str]) -> tuple[list[LoadedPlan], dict[str, PlanFile], list[Finding]]:
    loaded: list[LoadedPlan] = []
    files: dict[str, PlanFile] = {}
    problems: list[Finding] = []
    for path in discover_plans(paths):
        shown = display_path(path)
        try:
            file = PlanFile.read(path)
        except InputProblem as problem:  # a plan over the size limit, a folder named *.yaml, ...
            problems.append(Finding(shown, 1, 1, SYNTAX, Severity.ERROR, problem.finding))
            continue
        plan = load_text(file.raw, shown)
        if plan.plan is None:
            problems.extend(plan.findings)
            continue
        loaded.append(plan)
        files[shown] = file
    return loaded, files, problems


def _activities(sources: Sequence[tuple[Path, str, Importer]], settings: ReadSettings) -> Iterator[Extracted]:
    for path, shown, importer in sources:
        yield from importer.extract(path, shown, settings)


def run_import(files: Sequence[str], plan_paths: Sequence[str], options: ImportOptions, dry_run: bool) -> ImportRun:
    """Import ``files`` into the plans under ``plan_paths``; writes nothing when any row is invalid.

    Usage problems (a file no importer reads, a missing column, a missing plans folder) raise ``UsageError``.
    """
    # every file is identified before any is read: a wrong argument fails fast, before minutes of reading
    sources = [(Path(name), name, importer_for(Path(name))) for name in files]
    loaded, plan_files, problems = _read_plans(plan_paths)
    crm_ids = ProgramIds()  # a crm id used twice is reported; matching then treats it as ambiguous
    for plan in loaded:
        if plan.plan is not None:
            crm_ids.add(plan.path, plan.plan, plan.positions)
    index = PlanIndex(((plan.path, plan.plan) for plan in loaded if plan.plan is not None), options.internal_domains)
    outcome = apply_activities(index, _activities(sources, options.read_settings()), options.today)
    run = ImportRun(outcome, plans=len(loaded) + len({finding.path for finding in problems}), plan_problems=problems)
    run.duplicate_ids = crm_ids.findings
    if outcome.invalid:
        return run
    edits_by_path = outcome.edits_by_path()
    data = {plan.path: plan.data for plan in loaded}
    work = [(plan_files[path], edits, data[path]) for path, edits in edits_by_path.items()]
    new_bytes: dict[str, bytes] = {}
    for path, result in zip(edits_by_path, _edit_all(work), strict=True):
        if isinstance(result, bytes):
            new_bytes[path] = result
        else:
            run.write_errors.append(result)
    if run.write_errors or dry_run:
        return run
    for path, problem in zip(
        new_bytes, _commit_all([(plan_files[path], new) for path, new in new_bytes.items()]), strict=True
    ):
        if problem is None:
            run.written.append(path)
        else:
            run.write_errors.append(problem)
    return run


def _edited(item: tuple[PlanFile, list[PlanEdit], Any]) -> bytes | str:
    """One plan's new bytes, or why it cannot be edited."""
    file, edits, data = item
    try:
        # _read_plans loaded these very bytes without findings, and ``data`` is what they parsed as
        return file.edited(edits, loaded=True, parsed=data)
    except EditError as error:
        return str(error)


def _edit_all(work: list[tuple[PlanFile, list[PlanEdit], Any]]) -> list[bytes | str]:
    """Every plan's new bytes, or why it cannot be edited.

    One process: a process pool was measured (benchmarks/bench_import.py) to gain nothing on a busy
    two-core machine, where the parse of each plan is the cost and the cores are shared.
    """
    return [_edited(item) for item in work]


def _commit(item: tuple[PlanFile, bytes]) -> str | None:
    file, new = item
    try:
        file.commit(new, sync_parent=False)  # each folder is synced once, after all its plans (_commit_all)
    except ConcurrentChange as error:
        return str(error)
    except OSError as error:
        return f"{display_path(file.path)}: cannot write: {error.strerror or error}"
    return None


def _commit_all(work: list[tuple[PlanFile, bytes]]) -> list[str | None]:
    """Write every plan; each write waits for the disk (fsync), so several wait at once in threads.

    The renames are made durable with one sync per folder at the end, not one per plan (a folder sync
    costs about twice a file's, and a program keeps hundreds of plans in a few folders).
    """
    if len(work) < 2:
        results = [_commit(item) for item in work]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
            results = list(pool.map(_commit, work))
    for folder in sorted({file.path.parent for file, _ in work}):
        sync_folder(folder)
    return results
