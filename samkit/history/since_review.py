"""'What changed since the last review': the plan as it was in git, compared with the current file.

The earlier version is the last commit made on or before the plan's ``last_reviewed`` day (a commit's day is
its committer's own: ``samkit.gitio.timeline``), or the commit ``--since REF`` names. Outside a git repository,
or when no earlier version exists, the list is empty and the note says why (in a shallow clone, that the
history is cut off and how to fetch it); an unknown ``--since`` ref is a usage error (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samkit.analysis.changes import Change, plan_changes
from samkit.config import ScoringConfig
from samkit.gitio.git import (
    GitError,
    is_shallow,
    read_file_at,
    repository_relative,
    resolve_revision,
    shallow_clone_message,
)
from samkit.gitio.timeline import last_commit_on_or_before
from samkit.plan.loader import load_text
from samkit.plan.model import Plan


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)
    since: str | None = None  # what the plan was compared with, in words
    note: str = ""  # why the list is empty, when it is


def changes_since_review(
    plan_file: Path, current: Plan, scoring: ScoringConfig | None = None, since: str | None = None
) -> History:
    folder = plan_file.resolve().parent
    try:
        relative = repository_relative(folder, plan_file.resolve())
    except GitError as error:
        if since is not None:
            raise
        return History(note=f"No history: {error}.")
    if since is not None:
        revision = resolve_revision(since, folder)
        content = read_file_at(folder, revision.commit, relative)
        label = f"{since} ({revision.short})"
        if content is None:
            return History(since=label, note=f"The plan did not exist at {since}; nothing to compare with.")
    else:
        reviewed = current.last_reviewed
        if reviewed is None:
            return History(note="The plan has no last_reviewed date; use --since REF to compare with a revision.")
        found = last_commit_on_or_before(folder, plan_file.name, reviewed)
        if found is None:
            if is_shallow(folder):
                what = f"the plan as of {reviewed.isoformat()}"
                return History(note=f"No earlier version to compare with: {shallow_clone_message(what)}.")
            return History(
                note=f"No version of the plan was committed on or before {reviewed.isoformat()}; nothing to compare with."
            )
        content = read_file_at(folder, found.commit, found.path)
        label = f"the plan as of {reviewed.isoformat()} (commit {found.commit[:10]})"
        if content is None:  # pragma: no cover - git listed the commit for this very path
            return History(since=label, note="The earlier version could not be read from git.")
    earlier = load_text(content, f"{label}:{relative}")
    if earlier.plan is None:
        problems = "; ".join(f"line {f.line}: {f.message}" for f in earlier.findings[:3])
        return History(since=label, note=f"The earlier version does not parse ({problems}); nothing to compare with.")
    changes = plan_changes(earlier.plan, current, scoring)
    note = "" if changes else "Nothing in the plan changed since then."
    return History(changes=changes, since=label, note=note)
