"""The semantic diff of account plans: what changed, matched by identity rather than by line.

Stakeholders and opportunities are matched by name, risks by their text, actions by their text (all
case-insensitively, as the loader's uniqueness rule does). Every difference is a ``Change`` with a
``kind`` from ``spec/cli.md``; whatever has no kind of its own is ``field_changed`` with a dotted path
(``account.manager``, ``state.health_score``, ``stakeholders[Jennifer Wu].title``).

``before`` / ``after`` values are JSON-friendly: money and numbers stay ``Decimal`` (written as exact
JSON numbers by ``samkit.output.jsonout``), dates are ISO text, enums their value, quarters their text.

``diff_revisions`` runs the whole comparison between two git revisions (or a revision and the working
tree); ``plan_changes`` and ``diff_loaded`` are the engine on their own, for ``samkit review``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from samkit.git import FileChange, FileStatus, Revision

if TYPE_CHECKING:
    from samkit.config import ScoringConfig
    from samkit.findings import Finding
    from samkit.loader import LoadedPlan
    from samkit.model import Action, Opportunity, Plan, Risk, Stakeholder
    from samkit.pipeline import Pipeline


class ChangeKind(StrEnum):
    STAKEHOLDER_ADDED = "stakeholder_added"
    STAKEHOLDER_REMOVED = "stakeholder_removed"
    RELATIONSHIP_CHANGED = "relationship_changed"
    ROLE_CHANGED = "role_changed"
    CONTACT_LOGGED = "contact_logged"
    OPPORTUNITY_ADDED = "opportunity_added"
    OPPORTUNITY_REMOVED = "opportunity_removed"
    OPPORTUNITY_CHANGED = "opportunity_changed"
    RISK_ADDED = "risk_added"
    RISK_REMOVED = "risk_removed"
    RISK_CHANGED = "risk_changed"
    ACTION_ADDED = "action_added"
    ACTION_REMOVED = "action_removed"
    ACTION_DONE = "action_done"
    SCORE_CHANGED = "score_changed"
    TIER_CHANGED = "tier_changed"
    FIELD_CHANGED = "field_changed"


class Side(StrEnum):
    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: str
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "subject": self.subject, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class SideProblem:
    """Why one side of a plan could not be compared: a finding of the loader, on the BASE or HEAD side."""

    side: Side
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side.value, **self.finding.to_dict()}


@dataclass(frozen=True)
class PlanSummary:
    """The headline of one side of a plan: enough to introduce an added or a deleted plan."""

    account: str
    manager: str
    score: Decimal | None
    tier: str | None
    stakeholders: int
    relationships: int
    strong: int
    opportunities: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "manager": self.manager,
            "score": self.score,
            "tier": self.tier,
            "stakeholders": self.stakeholders,
            "relationships": self.relationships,
            "strong": self.strong,
            "opportunities": self.opportunities,
        }


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


# ---------------------------------------------------------------------------------------------------------
# values


def plain(value: Any) -> Any:
    """A value as it goes into ``before`` / ``after``: Decimal kept, dates ISO, enums their value, models dicts."""
    if isinstance(value, BaseModel):
        return _model_values(value, drop_none=True)
    if isinstance(value, bool | int | str | Decimal) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)  # QuarterRange and any other value with a text form


def _model_values(model: BaseModel, *, drop_none: bool = False) -> dict[str, Any]:
    values = {name: plain(getattr(model, name)) for name in type(model).model_fields}
    return {name: value for name, value in values.items() if value is not None} if drop_none else values


def identity(text: str) -> str:
    """How items are matched: the loader's uniqueness rule (trimmed, case-insensitive)."""
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------------------------------------
# the engine


T = TypeVar("T")
Model = TypeVar("Model", bound=BaseModel)
_COLLECTIONS = ("stakeholders", "opportunities", "risks", "actions")


def plan_changes(before: Plan, after: Plan, scoring: ScoringConfig | None = None) -> list[Change]:
    """Every difference between two versions of one plan, score and tier first, then item by item."""
    changes = _score_changes(before, after, scoring)
    changes += _stakeholder_changes(before.stakeholders, after.stakeholders)
    changes += _opportunity_changes(before.opportunities, after.opportunities)
    changes += _risk_changes(before.risks, after.risks)
    changes += _action_changes(before.actions, after.actions)
    changes += _walk_fields("", _plan_fields(before), _plan_fields(after))
    return changes


def _plan_fields(plan: Plan) -> dict[str, Any]:
    return {name: value for name, value in _model_values(plan).items() if name not in _COLLECTIONS}


def _walk_fields(prefix: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """``field_changed`` for every leaf that differs; sections (mappings) are walked, lists compared whole."""
    changes = []
    for name in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(name), after.get(name)
        path = f"{prefix}{name}"
        if isinstance(old, dict) or isinstance(new, dict):
            changes += _walk_fields(f"{path}.", old or {}, new or {})
        elif old != new:
            changes.append(Change(ChangeKind.FIELD_CHANGED, path, old, new))
    return changes


def _score_changes(before: Plan, after: Plan, scoring: ScoringConfig | None) -> list[Change]:
    from samkit.plan_score import plan_score, plan_tier
    from samkit.scoring import display_score

    changes = []
    old_score, new_score = plan_score(before, scoring), plan_score(after, scoring)
    old_exact = old_score.score if old_score is not None else None
    new_exact = new_score.score if new_score is not None else None
    if old_exact != new_exact:
        changes.append(
            Change(
                ChangeKind.SCORE_CHANGED,
                "score",
                display_score(old_exact) if old_exact is not None else None,
                display_score(new_exact) if new_exact is not None else None,
            )
        )
    old_tier, new_tier = plan_tier(before, scoring), plan_tier(after, scoring)
    if old_tier != new_tier:
        changes.append(Change(ChangeKind.TIER_CHANGED, "tier", old_tier, new_tier))
    return changes


def _pair(
    before: Sequence[T], after: Sequence[T], key: Callable[[T], str]
) -> tuple[list[T], list[tuple[T, T]], list[T]]:
    """Match items by identity: (added, matched pairs in HEAD order, removed in BASE order).

    Items sharing an identity (two actions with the same text) are paired in file order.
    """
    waiting: dict[str, list[T]] = {}
    for item in before:
        waiting.setdefault(key(item), []).append(item)
    added: list[T] = []
    matched: list[tuple[T, T]] = []
    for item in after:
        candidates = waiting.get(key(item))
        if candidates:
            matched.append((candidates.pop(0), item))
        else:
            added.append(item)
    paired = {id(old) for old, _ in matched}
    removed = [item for item in before if id(item) not in paired]
    return added, matched, removed


def _differing(before: BaseModel, after: BaseModel) -> dict[str, tuple[Any, Any]]:
    old, new = _model_values(before), _model_values(after)
    return {name: (old[name], new[name]) for name in old if old[name] != new[name]}


def _stakeholder_changes(before: Sequence[Stakeholder], after: Sequence[Stakeholder]) -> list[Change]:
    added, matched, removed = _pair(before, after, lambda person: identity(person.name))
    changes = [Change(ChangeKind.STAKEHOLDER_ADDED, person.name, None, plain(person)) for person in added]
    special = {
        "relationship": ChangeKind.RELATIONSHIP_CHANGED,
        "role": ChangeKind.ROLE_CHANGED,
        "last_contact": ChangeKind.CONTACT_LOGGED,
    }
    for old, new in matched:
        for name, (was, now) in _differing(old, new).items():
            kind = special.get(name)
            if kind is not None:
                changes.append(Change(kind, new.name, was, now))
            else:
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"stakeholders[{new.name}].{name}", was, now))
    changes += [Change(ChangeKind.STAKEHOLDER_REMOVED, person.name, plain(person), None) for person in removed]
    return changes


def _whole_item_changes(
    before: Sequence[Model],
    after: Sequence[Model],
    subject: Callable[[Model], str],
    kinds: tuple[ChangeKind, ChangeKind, ChangeKind],
) -> list[Change]:
    """Items matched by ``subject``: added, changed (the differing fields before and after), removed."""
    added_kind, changed_kind, removed_kind = kinds
    added, matched, removed = _pair(before, after, lambda item: identity(subject(item)))
    changes = [Change(added_kind, subject(item), None, plain(item)) for item in added]
    for old, new in matched:
        differing = _differing(old, new)
        if differing:
            changes.append(
                Change(
                    changed_kind,
                    subject(new),
                    {name: was for name, (was, _) in differing.items()},
                    {name: now for name, (_, now) in differing.items()},
                )
            )
    changes += [Change(removed_kind, subject(item), plain(item), None) for item in removed]
    return changes


def _opportunity_changes(before: Sequence[Opportunity], after: Sequence[Opportunity]) -> list[Change]:
    kinds = (ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_CHANGED, ChangeKind.OPPORTUNITY_REMOVED)
    return _whole_item_changes(before, after, lambda opportunity: opportunity.name, kinds)


def _risk_changes(before: Sequence[Risk], after: Sequence[Risk]) -> list[Change]:
    kinds = (ChangeKind.RISK_ADDED, ChangeKind.RISK_CHANGED, ChangeKind.RISK_REMOVED)
    return _whole_item_changes(before, after, lambda risk: risk.risk, kinds)


def _action_changes(before: Sequence[Action], after: Sequence[Action]) -> list[Change]:
    added, matched, removed = _pair(before, after, lambda action: identity(action.action))
    changes = [Change(ChangeKind.ACTION_ADDED, action.action, None, plain(action)) for action in added]
    for old, new in matched:
        for name, (was, now) in _differing(old, new).items():
            if name == "done" and now is True:
                changes.append(Change(ChangeKind.ACTION_DONE, new.action, False, True))
            else:
                # reopening a done action, a new due date or owner: a plain field change
                changes.append(Change(ChangeKind.FIELD_CHANGED, f"actions[{new.action}].{name}", was, now))
    changes += [Change(ChangeKind.ACTION_REMOVED, action.action, plain(action), None) for action in removed]
    return changes


# ---------------------------------------------------------------------------------------------------------
# one plan file, both sides


def summarize(plan: Plan, scoring: ScoringConfig | None = None) -> PlanSummary:
    from samkit.coverage import compute_coverage
    from samkit.plan_score import plan_score, plan_tier
    from samkit.scoring import display_score

    coverage = compute_coverage(plan)
    result = plan_score(plan, scoring)
    return PlanSummary(
        account=plan.account.name,
        manager=plan.account.manager,
        score=display_score(result.score) if result is not None else None,
        tier=plan_tier(plan, scoring),
        stakeholders=coverage.stakeholders,
        relationships=coverage.relationships,
        strong=coverage.strong,
        opportunities=len(plan.opportunities),
    )


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
    """
    from samkit.pipeline import compute_pipeline

    result = PlanDiff(path=path, old_path=old_path, status=status)
    for side, loaded in ((Side.BEFORE, before), (Side.AFTER, after)):
        if loaded is None:
            continue
        if loaded.plan is None:
            result.problems += [SideProblem(side, finding) for finding in loaded.findings]
            continue
        pipeline, summary = compute_pipeline(loaded.plan), summarize(loaded.plan, scoring)
        if side is Side.BEFORE:
            result.pipeline_before, result.summary_before = pipeline, summary
        else:
            result.pipeline_after, result.summary_after = pipeline, summary
    if before is not None and after is not None and before.plan is not None and after.plan is not None:
        result.changes = plan_changes(before.plan, after.plan, scoring)
    return result


# ---------------------------------------------------------------------------------------------------------
# two git revisions


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
    from samkit.git import (
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
    from samkit.git import read_file_at
    from samkit.loader import LoadedPlan, load_text

    path = change.old_path if side is Side.BEFORE else change.new_path
    if path is None:
        return None
    blob = change.old_blob if side is Side.BEFORE else change.new_blob
    if commit is None:  # the working tree
        try:
            content: bytes | None = (root / path).read_bytes()
        except OSError as error:
            message = f"cannot read the file: {error.strerror or error}"
            return LoadedPlan(path, None, findings=[Finding(path, 1, 1, SYNTAX, Severity.ERROR, message)])
    elif blob is not None:
        content = blobs[blob]
    else:
        content = read_file_at(root, commit, path)
    if content is None:
        return None
    return load_text(content, path)


def load_for_textconv(path: str) -> tuple[LoadedPlan, str]:
    """One plan file for ``--textconv``: the loaded plan and the raw text (shown when it does not parse)."""
    from samkit.errors import UsageError
    from samkit.loader import load_text

    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read the file: {error.strerror or error}") from None
    return load_text(raw, path), raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
