"""The plans as they were on a day: the last commit made on or before that day (by its committer's own clock, as
``samkit.gitio.timeline`` reads it), or the working tree.

For ``samkit metrics``: one ``git ls-tree`` and one batched ``git cat-file`` per side; a file whose bytes
did not change between the two sides is parsed once. Paths are relative to the repository root, with ``/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samkit.gitio.timeline import DatedCommit
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan


BLOBS_PER_READ = 500


class Side(StrEnum):
    FROM = "from"
    TO = "to"


@dataclass
class Snapshot:
    """The plan files of one side: from ``commit``, or from the working tree when ``commit`` is None."""

    side: Side
    day: date
    commit: DatedCommit | None
    plans: list[LoadedPlan] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.commit is None:
            return "the working tree"
        return f"commit {self.commit.short} of {self.commit.day.isoformat()}"

    @property
    def loaded(self) -> list[Plan]:
        return [item.plan for item in self.plans if item.plan is not None]


@dataclass(frozen=True)
class Unreadable:
    """A plan file that does not load on one side; the same path on the other side is left out too."""

    side: Side
    snapshot_label: str
    plan: LoadedPlan

    def sentence(self) -> str:
        finding = self.plan.findings[0] if self.plan.findings else None
        why = f"line {finding.line}: {finding.message}" if finding is not None else "it does not load"
        return f"{self.plan.path} does not load in {self.snapshot_label} ({why}); left out of the figures"


@dataclass(frozen=True)
class DuplicateName:
    """Plans that name the same account (``account_key``: ignoring case) on one side or both. Accounts are matched
    by name, so which of them is the account cannot be told: the account is left out on both sides, and named."""

    name: str  # as the first of the plans spells it
    paths: tuple[str, ...]  # every plan file naming it, on either side
    snapshot_labels: tuple[str, ...]  # where two or more of them name it: "commit … of …", "the working tree"

    def summary(self) -> str:
        """For the report: what is left out and why, in one line."""
        from samkit.analysis.metrics import duplicate_name_summary

        return duplicate_name_summary(self.name, ", ".join(self.paths))

    def sentence(self) -> str:
        """For stderr (exit 1): the same, with where the plans share the name."""
        return (
            f"{_listed(self.paths)} {_both_or_all(self.paths)} name the account {self.name!r} in "
            f"{_listed(self.snapshot_labels, ' and in ')}; accounts are matched by account.name, so it is left out "
            "of the figures on both sides (give each plan its own account.name)"
        )


def _listed(items: Sequence[str], last: str = " and ") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])}{last}{items[-1]}"


def _both_or_all(items: Sequence[str]) -> str:
    return "both" if len(items) == 2 else "all"


@dataclass
class PeriodPlans:
    start: Snapshot
    end: Snapshot
    unreadable: list[Unreadable] = field(default_factory=list)
    # the account of a file that does not load on one side, as the other side names it (FROM's first), by path
    unreadable_accounts: dict[str, str] = field(default_factory=dict)
    duplicate_names: list[DuplicateName] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What is wrong with the inputs, one sentence each, for stderr: exit 1."""
        return [problem.sentence() for problem in self.unreadable] + [
            shared.sentence() for shared in self.duplicate_names
        ]


class _Loader:
    """Loads plan text, once per (path, bytes): unchanged files are shared by both sides.

    Only what the figures need is kept of each plan: the validated plan, or the findings of one that does
    not load. Its text, parsed data and node positions (two thirds of a loaded plan's memory), the file's
    bytes, and the sections no period figure reads (``UNREAD_SECTIONS``: half of what is left) are let go as
    soon as it is loaded, so thousands of plans on two sides fit in little memory.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, bytes], LoadedPlan] = {}  # keyed by the sha256 of the bytes, not the bytes

    def load(self, path: str, content: bytes) -> LoadedPlan:
        import hashlib

        from samkit.plan.loader import LoadedPlan, load_text

        key = (path, hashlib.sha256(content).digest())
        if key not in self._seen:
            loaded = load_text(content, path)
            plan = _figures_only(loaded.plan) if loaded.plan is not None else None
            self._seen[key] = LoadedPlan(loaded.path, plan, findings=loaded.findings)
        return self._seen[key]


# Sections no figure of ``samkit metrics`` reads (domain.md: ARR, status, tier, manager, renewal, won
# opportunities, stakeholders for engagement and coverage, last_reviewed and score for review and designation)
UNREAD_SECTIONS = ("context", "state", "risks", "actions", "raci", "whitespace")
# of the stakeholders, the fields no figure reads (engagement and coverage read name, title, department, role,
# level, relationship, last contact, status, cadence and who covers them)
UNREAD_STAKEHOLDER_FIELDS = ("email", "cares_about", "notes", "crm_id", "influence", "support", "reports_to")


def _figures_only(plan: Plan) -> Plan:
    """``plan`` with the ``UNREAD_SECTIONS`` as if they were absent (their defaults), its stakeholders without
    the ``UNREAD_STAKEHOLDER_FIELDS`` and only its won opportunities (the period's wins are all metrics reads
    of them): at 3,000 plans on two sides, what is left is what the figures need."""
    from samkit.plan.enums import OpportunityStatus
    from samkit.plan.model import Stakeholder

    fields = type(plan).model_fields
    unread = {name: fields[name].get_default(call_default_factory=True) for name in UNREAD_SECTIONS if name in fields}
    people = Stakeholder.model_fields
    blank = {name: people[name].get_default(call_default_factory=True) for name in UNREAD_STAKEHOLDER_FIELDS}
    return plan.model_copy(
        update={
            **unread,
            "stakeholders": [person.model_copy(update=blank) for person in plan.stakeholders],
            "opportunities": [item for item in plan.opportunities if item.status is OpportunityStatus.WON],
        }
    )


def period_plans(
    start: date,
    end: date,
    paths: Sequence[str],
    today: date,
    cwd: Path | str = ".",
    *,
    start_given: bool = True,
    end_given: bool = True,
    plans_needed: bool = True,
) -> PeriodPlans:
    """The plans at ``start`` and at ``end`` under ``paths`` (files or folders relative to ``cwd``).

    Git problems are ``GitError`` (exit 2): not a repository, no commits, a shallow clone whose history does
    not reach ``start``, a history that begins after ``start``, a path found on neither side, and (when
    ``plans_needed``: not for a roster) no plan file under ``paths`` at ``start`` (the plans were committed
    later: every account would look new). A ``start`` nobody gave (``start_given`` False: a default) that the
    history or the plans begin after moves to the day they begin instead, when that is not after ``end``
    (``PeriodPlans.start.day`` says where the period begins). Messages name each day as it came:
    ``--from 2026-04-01``, or ``the start of this quarter (2026-04-01)``.
    """
    from samkit.gitio.git import GitError, is_shallow, shallow_clone_message
    from samkit.gitio.timeline import commit_on_or_before, earliest_commit

    root = _repository_of(cwd, paths)
    pathspecs = [_relative(root, cwd, path) for path in paths]
    named = f"--from {start.isoformat()}" if start_given else f"the start of this quarter ({start.isoformat()})"
    first = commit_on_or_before(root, start)
    if first is None:
        earliest = earliest_commit(root)
        if earliest is None:
            raise GitError(f"the repository at {root} has no commits yet, so it has no history to measure")
        what = f"the plans as of {start.isoformat()}"
        if is_shallow(root):
            raise GitError(f"{named}: {shallow_clone_message(what)}")
        begins = f"the history begins on {earliest.day.isoformat()} (commit {earliest.short})"
        if start_given:
            raise GitError(f"{named}: {begins}, so there is no record of {what}; give a --from on or after that day")
        if earliest.day > end:
            ends = f"--to {end.isoformat()}" if end_given else f"today ({end.isoformat()})"
            raise GitError(f"{ends}: {begins}, after the period ends; give a --to on or after that day")
        start = earliest.day  # a new repository: its history so far, rather than an error for a default
        first = commit_on_or_before(root, start)
        assert first is not None  # the earliest commit is on that day
    loader = _Loader()
    at_start = _plans_in_commit(root, first.commit, pathspecs, loader)
    if not at_start and plans_needed:
        appears = _plans_appear(root, first, paths, pathspecs, named, start_given, end)
        start = max(start, appears.day)  # a default start: the day the plans were first committed
        first = commit_on_or_before(root, start)
        assert first is not None  # the commit that added them is of that day
        at_start = _plans_in_commit(root, first.commit, pathspecs, loader)
    before = Snapshot(Side.FROM, start, first, at_start)
    if end >= today:
        after = Snapshot(Side.TO, end, None, _plans_in_working_tree(root, cwd, paths, loader))
    else:
        last = commit_on_or_before(root, end)
        assert last is not None  # a commit on or before start is on or before end
        after = Snapshot(Side.TO, end, last, _plans_in_commit(root, last.commit, pathspecs, loader))
    if after.commit is not None:
        for path, spec in zip(paths, pathspecs, strict=True):
            if not (root / spec).exists() and not _has_files(spec, before, after):
                raise GitError(f"{path}: no such file or folder in the working tree or in the history")
    return _without_unmatchable(before, after)


def _plans_appear(
    root: Path,
    first: DatedCommit,
    paths: Sequence[str],
    pathspecs: list[str],
    named: str,
    start_given: bool,
    end: date,
) -> DatedCommit:
    """The first commit after ``first`` (FROM's, which has no plan file under ``paths``) that adds one, when the
    period may move there (a default start, the commit not after ``end``); otherwise the ``GitError`` that says
    there were no plans at FROM yet, and from when there are."""
    from samkit.gitio.git import GitError
    from samkit.gitio.timeline import first_commit_adding_plans

    where = ", ".join(paths)
    appears = first_commit_adding_plans(root, first.commit, pathspecs)
    none_then = (
        f"{named}: no plans then: commit {first.short} of {first.day.isoformat()}, the last on or before that day, "
        f"has no plan file under {where}"
    )
    if appears is None:
        if not any((root / spec).exists() for spec in pathspecs):
            raise GitError(f"{where}: no such file or folder in the working tree or in the history")
        raise GitError(f"{none_then}, and no later commit adds one; commit the plans, then measure from that day on")
    since = f"they first appear in commit {appears.short} of {appears.day.isoformat()}"
    if start_given:
        raise GitError(f"{none_then}; {since}; give a --from on or after {appears.day.isoformat()}")
    if appears.day > end:
        raise GitError(
            f"{none_then}; {since}, after the period ends on {end.isoformat()}; give a --to on or after that day"
        )
    return appears


def _repository_of(cwd: Path | str, paths: Sequence[str]) -> Path:
    """The repository holding the plans (the first path that exists), else the one holding ``cwd``."""
    from samkit.gitio.git import repository_root

    for path in paths:
        candidate = Path(cwd) / path
        folder = candidate if candidate.is_dir() else candidate.parent
        if folder.is_dir():
            return repository_root(folder).resolve()
    return repository_root(cwd).resolve()


def _relative(root: Path, cwd: Path | str, path: str) -> str:
    from samkit.gitio.git import GitError

    absolute = (Path(cwd) / path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise GitError(f"{path}: outside the repository at {root}") from None


def _has_files(spec: str, *snapshots: Snapshot) -> bool:
    prefix = "" if spec == "." else spec.rstrip("/") + "/"
    return any(item.path == spec or item.path.startswith(prefix) for side in snapshots for item in side.plans)


def _plans_in_commit(root: Path, commit: str, pathspecs: list[str], loader: _Loader) -> list[LoadedPlan]:
    from samkit.gitio.git import read_blobs
    from samkit.gitio.timeline import plan_files_at

    entries = plan_files_at(root, commit, pathspecs)
    plans = []
    # a few hundred blobs per `git cat-file --batch`: a handful of processes, and never every plan's bytes
    # (twice: git's output and the slices of it) in memory at once
    for start in range(0, len(entries), BLOBS_PER_READ):
        batch = entries[start : start + BLOBS_PER_READ]
        contents = read_blobs(root, [entry.blob for entry in batch])
        plans += [loader.load(entry.path, contents[entry.blob]) for entry in batch]
    return plans


def _plans_in_working_tree(root: Path, cwd: Path | str, paths: Sequence[str], loader: _Loader) -> list[LoadedPlan]:
    from samkit.fileio.inputs import InputProblem, read_input
    from samkit.findings import SYNTAX, Finding, Severity
    from samkit.plan.loader import LoadedPlan, discover_plans
    from samkit.plan.yamlsafe import MAX_BYTES

    plans = []
    for file in discover_plans([Path(cwd) / path for path in paths]):
        path = file.resolve().relative_to(root).as_posix() if file.resolve().is_relative_to(root) else str(file)
        try:
            content = read_input(file, MAX_BYTES, "plan")
        except InputProblem as problem:
            plans.append(
                LoadedPlan(path, None, findings=[Finding(path, 1, 1, SYNTAX, Severity.ERROR, problem.finding)])
            )
            continue
        plans.append(loader.load(path, content))
    return plans


def _without_unmatchable(before: Snapshot, after: Snapshot) -> PeriodPlans:
    """A plan that does not load on one side cannot be matched by account name, so it would look like churn
    (or like a new account): the file is left out on both sides and reported instead. Likewise an account that
    two plans name on one side: which of them is the account cannot be told, so it is left out on both sides."""
    from samkit.analysis.metrics import account_key

    result = PeriodPlans(before, after)
    broken: set[str] = set()
    for snapshot in (before, after):
        for item in snapshot.plans:
            if item.plan is None:
                result.unreadable.append(Unreadable(snapshot.side, snapshot.label, item))
                broken.add(item.path)
    if broken:
        for snapshot in (after, before):  # FROM's name wins: it is the account the cohort would have had
            for item in snapshot.plans:
                if item.plan is not None and item.path in broken:
                    result.unreadable_accounts[item.path] = item.plan.account.name
        before.plans = [item for item in before.plans if item.path not in broken]
        after.plans = [item for item in after.plans if item.path not in broken]
    result.duplicate_names = _duplicate_names(before, after)
    if result.duplicate_names:
        shared = {account_key(item.name) for item in result.duplicate_names}
        for snapshot in (before, after):
            snapshot.plans = [
                item
                for item in snapshot.plans
                if item.plan is None or account_key(item.plan.account.name) not in shared
            ]
    return result


def _duplicate_names(before: Snapshot, after: Snapshot) -> list[DuplicateName]:
    """The accounts two or more plans name on one side (or both), in the order their names first come."""
    from samkit.analysis.metrics import account_key

    names: dict[str, str] = {}
    paths: dict[str, dict[str, None]] = {}
    where: dict[str, dict[str, None]] = {}
    for snapshot in (before, after):
        on_this_side: dict[str, list[str]] = {}
        for item in snapshot.plans:
            if item.plan is None:
                continue
            key = account_key(item.plan.account.name)
            names.setdefault(key, item.plan.account.name)
            on_this_side.setdefault(key, []).append(item.path)
        for key, files in on_this_side.items():
            paths.setdefault(key, {}).update(dict.fromkeys(files))
            if len(files) > 1:
                where.setdefault(key, {})[snapshot.label] = None
    return [DuplicateName(names[key], tuple(paths[key]), tuple(labels)) for key, labels in where.items()]


def history_available(path: str | Path) -> bool:
    """Whether ``path`` (a plan file or folder) sits in a git repository with at least one commit."""
    from samkit.gitio.git import GitError, has_commits, repository_root

    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    try:
        return has_commits(repository_root(folder))
    except GitError:
        return False
