"""One ``samkit import``: index the plans, stream the files through the matcher, write all or nothing.

Plans are streamed twice and never all held (issue 29: 635 MB at 3,000 plans when every plan was kept): each
is validated and reduced to a ``PlanIndex`` entry; after the rows, only the plans with updates are read
again, checked to be the very text that was matched (its digest), edited and re-validated after the edit.
The first pass records each plan's layout as it parses it (``yamlsafe.parse_for_edit``: data and layout from
one pass) and keeps data and layout of the first ``HELD_TEXT_BYTES`` of plan text, so that those plans are
not parsed again before their edit; the others are parsed once for editing when read again.
The new plans are then written beside the old ones and put in place together, or none when a write fails
or a plan is no longer the bytes read (``fileio.staged.StagedFiles``, ``PlanFile.changed_on_disk``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from samkit.fileio.inputs import InputProblem
from samkit.fileio.staged import StagedFiles
from samkit.findings import Finding
from samkit.importers import importer_for
from samkit.importers.apply import ImportOutcome, apply_activities
from samkit.importers.base import Extracted, Importer, ReadSettings
from samkit.importers.grouped_edits import group_insertions
from samkit.importers.matching import PlanIndex
from samkit.plan.crosschecks import ProgramIds
from samkit.plan.layout import Layout
from samkit.plan.loader import LoadedPlan
from samkit.plan.planfile import PlanFile, digest
from samkit.plan.salvage import account_of_file
from samkit.plan.textedit import EditError, PlanEdit
from samkit.plan.yamlsafe import YamlProblem, parse_for_edit

# plan text whose parse (data and layout) the first pass keeps for the edits: a plan held so is not parsed
# again when it is edited. Held, a plan takes 40 to 70 times its text (measured: the data, each node's
# marks), so this bounds that memory to some 70 MB whatever the program's size (issue 29); 1,000 small plans
# (20 lines each) fit, about 100 of 250 lines.
HELD_TEXT_BYTES = 1024 * 1024


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


@dataclass(kw_only=True)
class PlansWritten:
    """What every import run reports of the plans, whatever the files held: how many were read, those that
    did not load, crm ids used twice in the program, and the plans written or not (``StagedFiles``)."""

    plans: int = 0
    plan_problems: list[Finding] = field(default_factory=list)
    duplicate_ids: list[Finding] = field(default_factory=list)  # crm ids used twice: never matched by
    write_errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


@dataclass
class ImportRun(PlansWritten):
    outcome: ImportOutcome


class HeldParses:
    """What the first pass parsed of the plans it read first (data and layout, ``LoadedPlan.layout``), kept
    for their edits while ``HELD_TEXT_BYTES`` of plan text allows: a plan held so is not parsed again when it
    is edited. Once the room is spent, ``plans`` loads the others as ``validate`` does (no layout)."""

    def __init__(self, plans: PlanSource) -> None:
        self._plans, self._room = plans, HELD_TEXT_BYTES
        self._held: dict[str, tuple[Any, Layout]] = {}
        plans.for_edit = True

    def keep(self, plan: LoadedPlan) -> None:
        if plan.layout is None:
            return
        if len(plan.text) <= self._room:
            plan.layout.settle()
            self._held[plan.path] = (plan.data, plan.layout)
            self._room -= len(plan.text)
        else:  # the room is spent: the other plans are parsed as `validate` parses them
            self._plans.for_edit = False

    def pop(self, path: str) -> tuple[Any, Layout] | None:
        return self._held.pop(path, None)


def _activities(sources: Sequence[tuple[Path, str, Importer]], settings: ReadSettings) -> Iterator[Extracted]:
    for path, shown, importer in sources:
        yield from importer.extract(path, shown, settings)


class PlanSource(Protocol):
    """Plans loaded one at a time (``samkit.commands._options.PlanStream``): those that load are yielded,
    the others kept in ``failed`` with their findings; ``count`` is every plan file read; ``for_edit``: each
    plan is loaded with its layout (``LoadedPlan.layout``), and may be switched off between plans."""

    failed: list[LoadedPlan]
    count: int
    for_edit: bool

    def loaded(self) -> Iterator[LoadedPlan]: ...


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for an import: an import makes almost no reference cycles (10
    objects after 100,000 rows into 1,000 plans), so reference counting frees what it drops, while the
    collector's passes kept walking all it holds (the index, the layouts kept, the modules) hundreds of times.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@collector_paused()
def run_import(files: Sequence[str], plans: PlanSource, options: ImportOptions, dry_run: bool) -> ImportRun:
    """Import ``files`` into the plans ``plans`` streams; writes nothing when any row is invalid.

    The plans are read twice, never all held: first each is validated and reduced to what matching needs
    (``PlanIndex``), its layout kept while ``HELD_TEXT_BYTES`` allows; then only the plans a row updates are
    read again, each parsed for editing unless its layout was kept, edited and re-validated. A plan that does
    not load is read again too, for what it still says of its account (``samkit.plan.salvage``). Usage problems
    (a file no importer reads, a missing column, a missing plans folder) raise ``UsageError``.
    """
    # every file is identified before any is read: a wrong argument fails fast, before minutes of reading
    sources = [(Path(name), name, importer_for(Path(name))) for name in files]
    crm_ids = ProgramIds()  # a crm id used twice is reported; matching then treats it as ambiguous
    index = PlanIndex(internal_domains=options.internal_domains)
    digests: list[str] = []  # of each indexed plan's text: the edit must start from the very text matched
    held = HeldParses(plans)
    for plan in plans.loaded():
        assert plan.plan is not None
        crm_ids.add(plan.path, plan.plan, plan.positions)
        index.add(plan.path, plan.plan)
        digests.append(text_digest(plan.text))
        held.keep(plan)
    problems = [finding for failed in plans.failed for finding in failed.findings]
    for failed in plans.failed:  # read again for what they say of their accounts: few, and small
        index.add_unloaded(account_of_file(failed.path))
    outcome = apply_activities(index, _activities(sources, options.read_settings()), options.today)
    run = ImportRun(outcome, plans=plans.count, plan_problems=problems)
    run.duplicate_ids = crm_ids.findings
    if outcome.invalid:
        return run
    matched = {plan.path: digests[number] for number, plan in enumerate(index.plans)}
    with StagedFiles() as staged:
        for path, edits in outcome.edits_by_path().items():
            result = edit_plan(path, matched[path], edits, parsed=held.pop(path))
            if isinstance(result, str):
                run.write_errors.append(result)
            elif not dry_run and not run.write_errors:  # a dry run only had to show that each edit applies
                staged.stage(result[0].path, result[1], result[0].changed_on_disk, shown=path)
        if not dry_run and not run.write_errors:
            run.written, run.write_errors = staged.replace_all()
    return run


def text_digest(text: str) -> str:
    """The sha256 of a plan's text (as decoded: BOM aside), to tell that a plan read again is the one matched."""
    return digest(text.encode("utf-8", "surrogatepass"))


def edit_plan(
    path: str,
    matched: str,
    edits: Sequence[PlanEdit],
    group: bool = False,
    parsed: tuple[Any, Layout] | None = None,
) -> tuple[PlanFile, bytes, LoadedPlan] | str:
    """The plan at ``path`` read again, parsed once for editing, ``edits`` applied and the result re-validated:
    the file, its new bytes and the edited plan as validated, or why it cannot be edited (nothing written).

    ``matched``: the ``text_digest`` of the text the edits were worked out on; a plan changed since is refused.
    ``group``: insertions at one place are spliced together (``group_insertions``: an opportunity import).
    ``parsed``: the data and layout of that very text (``LoadedPlan.layout``), when the caller kept them: the
    text read again is then not parsed before the edit (only the edited text is, to check and validate it).
    """
    try:
        file = PlanFile.read(path)
        text = file.text
    except (InputProblem, OSError, EditError):
        return f"{path} changed on disk since it was read; nothing was written"
    if text_digest(text) != matched:
        return f"{path} changed on disk since it was read; nothing was written"
    if parsed is not None:  # the digest matched: the text read again is the one these were parsed from
        data, layout = parsed
    else:
        try:
            data, _, layout = parse_for_edit(text)
        except YamlProblem as problem:  # pragma: no cover - the same text parsed a moment ago
            return f"{path}: {problem.message}"
    if group:
        edits = group_insertions(text, data, edits, layout)
    try:
        return file, *file.edited_loaded(edits, loaded=True, parsed=data, layout=layout)
    except EditError as error:
        return str(error)
