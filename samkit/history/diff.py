"""The semantic diff of plan files between two git revisions (or a revision and the working tree).

``diff_revisions`` finds the changed plan files with ``samkit.gitio``, loads both sides and compares them
with the change engine of ``samkit.analysis.changes``; ``diff_loaded`` compares two loaded sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.analysis.changes import Change, PlanSummary, plan_changes, summarize
from samkit.fileio.inputs import InputProblem
from samkit.gitio.git import FileChange, FileStatus, Revision

if TYPE_CHECKING:
    from samkit.analysis.pipeline import Pipeline
    from samkit.config import ScoringConfig
    from samkit.findings import Finding
    from samkit.plan.loader import LoadedPlan


class Side(StrEnum):
    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True)
class SideProblem:
    """Why one side of a plan could not be compared: a finding of the loader, on the BASE or HEAD side."""

    side: Side
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side.value, **self.finding.to_dict()}


@dataclass
class PlanDiff:
    """One plan file that differs between the two sides."""

    path: str
    old_path: str | None
    status: FileStatus
    changes: list[Change] = field(default_factory=list)
    pipeline_before: Pipeline | None = None
    pipeline_after: Pipeline | None = None
    summary_before: PlanSummary | None = None
    summary_after: PlanSummary | None = None
    problems: list[SideProblem] = field(default_factory=list)

    @property
    def account(self) -> str | None:
        summary = self.summary_after or self.summary_before
        return summary.account if summary is not None else None

    @property
    def parsed(self) -> bool:
        """Both present sides parsed."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "old_path": self.old_path,
            "status": self.status.value,
            "account": self.account,
            "changes": [change.to_dict() for change in self.changes],
            "pipeline": {
                "before": self.pipeline_before.to_dict() if self.pipeline_before is not None else None,
                "after": self.pipeline_after.to_dict() if self.pipeline_after is not None else None,
            },
            "summary": {
                "before": self.summary_before.to_dict() if self.summary_before is not None else None,
                "after": self.summary_after.to_dict() if self.summary_after is not None else None,
            },
            "problems": [problem.to_dict() for problem in self.problems],
        }


@dataclass
class DiffReport:
    """Every plan that differs between ``base`` and ``head`` (None: the working tree)."""

    base: Revision
    head: Revision | None
    plans: list[PlanDiff] = field(default_factory=list)

    @property
    def has_problems(self) -> bool:
        return any(not plan.parsed for plan in self.plans)

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": {"ref": self.base.label, "commit": self.base.commit},
            "head": {"ref": self.head.label, "commit": self.head.commit}
            if self.head is not None
            else {"ref": None, "commit": None},
            "plans": [plan.to_dict() for plan in self.plans],
        }


def diff_loaded(
    before: LoadedPlan | None,
    after: LoadedPlan | None,
    *,
    path: str,
    old_path: str | None,
    status: FileStatus,
    scoring: ScoringConfig | None = None,
) -> PlanDiff:
    """Compare two loaded sides of one plan file (None: that side does not exist).

    A side that did not parse is reported through ``problems``; the changes are then empty, since
    nothing can be matched against it, but the other side's pipeline and summary are still given.
    A side where the account is churned is history (domain.md "Lifecycle"): its pipeline is zero, as
    ``samkit pipeline`` leaves the plan out, so churning shows as the pipeline lost and un-churning as gained.
    """
    from samkit.analysis.pipeline import Pipeline, compute_pipeline
    from samkit.analysis.program import is_history

    result = PlanDiff(path=path, old_path=old_path, status=status)
    for side, loaded in ((Side.BEFORE, before), (Side.AFTER, after)):
        if loaded is None:
            continue
        if loaded.plan is None:
            result.problems += [SideProblem(side, finding) for finding in loaded.findings]
            continue
        pipeline = Pipeline() if is_history(loaded.plan) else compute_pipeline(loaded.plan)
        summary = summarize(loaded.plan, scoring)
        if side is Side.BEFORE:
            result.pipeline_before, result.summary_before = pipeline, summary
        else:
            result.pipeline_after, result.summary_after = pipeline, summary
    if before is not None and after is not None and before.plan is not None and after.plan is not None:
        result.changes = plan_changes(before.plan, after.plan, scoring)
    return result


def diff_revisions(
    base: str | None,
    head: str | None,
    pathspecs: Sequence[str],
    *,
    cwd: Path | str = ".",
    scoring: ScoringConfig | None = None,
    require_paths: bool = False,
) -> DiffReport:
    """Plans that differ between ``base`` (default ``HEAD``) and ``head`` (default: the working tree).

    Revisions are validated before git is run at all; git problems are ``GitError`` (exit 2). With
    ``require_paths`` every pathspec must exist on one side at least (a typo is exit 2, not "no changes").
    """
    from samkit.gitio.git import (
        GitError,
        changed_files,
        has_commits,
        path_in_commit,
        read_blobs,
        repository_root,
        resolve_revision,
        validate_revision,
    )

    for revision in (base, head):
        if revision is not None:
            validate_revision(revision)
    root = repository_root(cwd)
    if base is None and not has_commits(cwd):
        raise GitError("the repository has no commits yet, so there is no HEAD to compare with")
    base_revision = resolve_revision(base or "HEAD", cwd)
    head_revision = resolve_revision(head, cwd) if head is not None else None
    if require_paths:
        for pathspec in pathspecs:
            on_disk = head_revision is None and (Path(cwd) / pathspec).exists()
            sides = [base_revision.commit] + ([head_revision.commit] if head_revision else [])
            if not on_disk and not any(path_in_commit(cwd, commit, pathspec) for commit in sides):
                where = (
                    f"{base_revision.label} or {head_revision.label}"
                    if head_revision
                    else f"{base_revision.label} or the working tree"
                )
                raise GitError(f"{pathspec}: no such file or folder in {where}")
    files = changed_files(cwd, base_revision.commit, head_revision.commit if head_revision else None, pathspecs)
    blobs = read_blobs(root, [blob for change in files for blob in (change.old_blob, change.new_blob) if blob])
    report = DiffReport(base_revision, head_revision)
    for change in files:
        before = _load_side(root, change, Side.BEFORE, base_revision.commit, blobs)
        after = _load_side(root, change, Side.AFTER, head_revision.commit if head_revision else None, blobs)
        report.plans.append(
            diff_loaded(
                before, after, path=change.path, old_path=change.old_path, status=change.status, scoring=scoring
            )
        )
    return report


def _load_side(
    root: Path, change: FileChange, side: Side, commit: str | None, blobs: dict[str, bytes]
) -> LoadedPlan | None:
    from samkit.findings import SYNTAX, Finding, Severity
    from samkit.gitio.git import read_file_at
    from samkit.plan.loader import LoadedPlan, load_text

    path = change.old_path if side is Side.BEFORE else change.new_path
    if path is None:
        return None
    blob = change.old_blob if side is Side.BEFORE else change.new_blob
    if commit is None:  # the working tree
        try:
            content: bytes | None = _working_tree_file(root, path)
        except InputProblem as problem:
            return LoadedPlan(path, None, findings=[Finding(path, 1, 1, SYNTAX, Severity.ERROR, problem.finding)])
    elif blob is not None:
        content = blobs[blob]
    else:
        content = read_file_at(root, commit, path)
    if content is None:
        return None
    return load_text(content, path)


def _working_tree_file(root: Path, path: str) -> bytes:
    """A plan as it is in the working tree, read like git sees it: a symbolic link is not followed (a
    committed link could otherwise quote any file on the machine, e.g. into a pull-request comment)."""
    from samkit.fileio.inputs import read_input
    from samkit.plan.yamlsafe import MAX_BYTES

    file = root / path
    if file.is_symlink():
        raise InputProblem(path, "is a symbolic link; plans must be regular files, links are not followed")
    real_root = root.resolve()
    if real_root not in file.resolve().parents:
        raise InputProblem(path, "is reached through a symbolic link to outside the repository; not followed")
    return read_input(file, MAX_BYTES, "plan")


def load_for_textconv(path: str) -> tuple[LoadedPlan, str]:
    """One plan file for ``--textconv``: the loaded plan and the raw text (shown when it does not parse)."""
    from samkit.fileio.inputs import MiB, read_input
    from samkit.plan.loader import load_text

    raw = read_input(path, 64 * MiB, "plan")  # more than a plan may be (it is shown raw), never unbounded
    return load_text(raw, path), raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
