"""``samkit log``'s core: which plans a touchpoint goes into, and every plan's new bytes before any write.

All edits are worked out (and each edited plan re-validated) before anything is written, so an unknown
name, a plan that does not load or an edit that cannot be made leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from samkit.fileio.inputs import InputProblem
from samkit.findings import Finding
from samkit.plan.contacts import Change
from samkit.plan.loader import LoadedPlan, discover_plans, display_path, load_text, unreadable_plan
from samkit.plan.model import Plan
from samkit.plan.people import NewPerson, find_across, matches_across, new_stakeholder
from samkit.plan.planfile import PlanFile
from samkit.plan.textedit import PlanEdit
from samkit.plan.touchpoint import Touchpoint, touchpoint_edits


class PlanDoesNotLoad(Exception):
    """The plan a touchpoint goes into has findings: nothing is written."""

    def __init__(self, path: str, findings: list[Finding]) -> None:
        super().__init__(f"{path} does not load")
        self.path = path
        self.findings = findings


@dataclass(frozen=True)
class PlannedWrite:
    """One plan's new bytes and the lines that say what changed."""

    file: PlanFile
    new: bytes
    path: str
    changes: list[Change]


@dataclass
class Program:
    """The plans a person is looked for in, and those that do not load (``failed``: never searched)."""

    files: dict[str, PlanFile]
    plans: list[tuple[str, Plan]]
    failed: list[LoadedPlan] = field(default_factory=list)


class NotSearched(Exception):
    """Names looked for across a program in which some plan does not load: a match in the plans that load
    may not be the only one (the plan that does not load may have a stakeholder of that name, email too), so
    nothing is written. ``found``: each such name and the plan it was found in among the others, or None."""

    def __init__(self, failed: list[LoadedPlan], found: dict[str, str | None]) -> None:
        super().__init__(f"{len(failed)} plans do not load")
        self.failed = failed
        self.found = found


def read_program(paths: Iterable[str]) -> Program:
    program = Program({}, [])
    for path in discover_plans(paths):
        shown = display_path(path)
        try:
            file = PlanFile.read(path)
        except InputProblem as problem:
            program.failed.append(unreadable_plan(shown, problem))
            continue
        plan = load_text(file.raw, shown)
        if plan.plan is None:
            program.failed.append(plan)
            continue
        program.files[plan.path] = file
        program.plans.append((plan.path, plan.plan))
    return program


def split_by_plan(program: Program, touch: Touchpoint) -> list[tuple[PlanFile, Touchpoint, NewPerson | None]]:
    """Each NAME found across the program, grouped by plan: a ``UsageError`` when one is unknown or matches
    several stakeholders, ``NotSearched`` when some plan does not load (then no match is certain)."""
    by_plan: dict[str, list[str]] = {}
    uncertain: dict[str, str | None] = {}
    for name in touch.names:
        found = matches_across(program.plans, name)
        if program.failed and len(found) < 2:  # several matches are ambiguous whatever the other plans hold
            uncertain[name] = found[0].path if found else None
            continue
        by_plan.setdefault(find_across(program.plans, name).path, []).append(name)
    if uncertain:
        raise NotSearched(program.failed, uncertain)
    return [(program.files[path], replace(touch, names=tuple(names)), None) for path, names in by_plan.items()]


def plan_writes(work: Iterable[tuple[PlanFile, Touchpoint, NewPerson | None]]) -> list[PlannedWrite]:
    """Every plan's new bytes (``EditError``, ``PlanDoesNotLoad`` or ``UsageError`` before any write)."""
    ready: list[PlannedWrite] = []
    for file, touch, person in work:
        shown = display_path(file.path)
        loaded = load_text(file.raw, shown)
        if loaded.plan is None:
            raise PlanDoesNotLoad(shown, loaded.findings)
        edits: list[PlanEdit]
        if person is not None:
            rest = touchpoint_edits(loaded.plan, shown, Touchpoint((), touch.day, reviewed=touch.reviewed))
            edits = [new_stakeholder(loaded.plan, person, touch.day, touch.relationship, touch.note), *rest.edits]
            changes = [Change(person.name, "stakeholder", None, f"last_contact {touch.day.isoformat()}")]
            changes += rest.changes
        else:
            result = touchpoint_edits(loaded.plan, shown, touch)
            edits, changes = list(result.edits), list(result.changes)
        new = file.edited(edits, loaded=True, parsed=loaded.data)  # from these very bytes
        ready.append(PlannedWrite(file, new, shown, changes))
    return ready
