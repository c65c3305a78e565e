"""One ``samkit import``: read the plans, stream the files through the matcher, write all or nothing.

Plans are read as ``PlanFile`` bytes first and validated from those very bytes, so the stakeholder
positions the edits use are those of the file that ``PlanFile.commit`` later checks is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from samkit.findings import SYNTAX, Finding, Severity
from samkit.importers import importer_for
from samkit.importers.apply import ImportOutcome, apply_activities
from samkit.importers.base import Activity, Importer, InvalidRow, ReadSettings
from samkit.plan.loader import LoadedPlan, discover_plans, display_path, load_text
from samkit.plan.textedit import ConcurrentChange, EditError, PlanFile


@dataclass
class ImportRun:
    outcome: ImportOutcome
    plans: int = 0
    plan_problems: list[Finding] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def _read_plans(paths: Sequence[str]) -> tuple[list[LoadedPlan], dict[str, PlanFile], list[Finding]]:
    loaded: list[LoadedPlan] = []
    files: dict[str, PlanFile] = {}
    problems: list[Finding] = []
    for path in discover_plans(paths):
        shown = display_path(path)
        try:
            file = PlanFile.read(path)
        except OSError as error:
            problems.append(
                Finding(shown, 1, 1, SYNTAX, Severity.ERROR, f"cannot read the file: {error.strerror or error}")
            )
            continue
        plan = load_text(file.raw, shown)
        if plan.plan is None:
            problems.extend(plan.findings)
            continue
        loaded.append(plan)
        files[shown] = file
    return loaded, files, problems


def _activities(
    sources: Sequence[tuple[Path, str, Importer]], settings: ReadSettings
) -> Iterator[Activity | InvalidRow]:
    for path, shown, importer in sources:
        yield from importer.extract(path, shown, settings)


def run_import(
    files: Sequence[str], plan_paths: Sequence[str], today: date, date_format: str | None, dry_run: bool
) -> ImportRun:
    """Import ``files`` into the plans under ``plan_paths``; writes nothing when any row is invalid.

    Usage problems (a file no importer reads, a missing column, a missing plans folder) raise ``UsageError``.
    """
    # every file is identified before any is read: a wrong argument fails fast, before minutes of reading
    sources = [(Path(name), name, importer_for(Path(name))) for name in files]
    loaded, plan_files, problems = _read_plans(plan_paths)
    outcome = apply_activities(loaded, _activities(sources, ReadSettings(date_format)), today)
    run = ImportRun(outcome, plans=len(loaded) + len({finding.path for finding in problems}), plan_problems=problems)
    if outcome.invalid:
        return run
    new_bytes: dict[str, bytes] = {}
    for path, edits in outcome.edits_by_path().items():
        try:
            new_bytes[path] = plan_files[path].edited(edits, loaded=True)  # _read_plans loaded these bytes
        except EditError as error:
            run.write_errors.append(str(error))
    if run.write_errors or dry_run:
        return run
    for path, new in new_bytes.items():
        try:
            plan_files[path].commit(new)
            run.written.append(path)
        except ConcurrentChange as error:
            run.write_errors.append(str(error))
        except OSError as error:
            run.write_errors.append(f"{path}: cannot write: {error.strerror or error}")
    return run
