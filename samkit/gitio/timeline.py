"""Commits by date and the plan files in a commit: what ``samkit review`` and ``samkit metrics`` read from history.

Dates are committer dates; "the end of day D" is 23:59:59 local time on D (in CI, local time is UTC).
Every git call goes through ``samkit.gitio.git.run_git`` (no shell, literal pathspecs, prompts off).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

from samkit.gitio.git import (
    GitError,
    NamesCommit,
    end_of_options,
    has_commits,
    is_object_id,
    is_plan_path,
    repository_relative,
    run_git,
)


@dataclass(frozen=True)
class CommitPath(NamesCommit):
    """A commit and the path a file had in it (it may differ from today's after a rename)."""

    commit: str
    path: str


@dataclass(frozen=True)
class DatedCommit(NamesCommit):
    """A commit and its committer date (seconds since the epoch)."""

    commit: str
    timestamp: int

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.timestamp).date()


@dataclass(frozen=True)
class TreeEntry:
    """A plan file in a commit: its path from the repository root (with ``/``) and its blob id."""

    path: str
    blob: str


def end_of_day(day: date) -> int:
    """23:59:59 local time on ``day``, as seconds since the epoch."""
    return int(datetime.combine(day, time(23, 59, 59)).timestamp())


def _require_commit(commit: str) -> None:
    if not is_object_id(commit):
        raise GitError(f"internal: expected a commit id, got {commit!r}")


def commit_on_or_before(cwd: Path | str, day: date) -> DatedCommit | None:
    """The last commit reachable from HEAD made on or before the end of ``day``; None when there is none."""
    if not has_commits(cwd):
        return None
    completed = run_git(
        ["log", "-n", "1", f"--min-age={end_of_day(day)}", "--format=%H %ct", *end_of_options(), "HEAD", "--"], cwd
    )
    commit, _, timestamp = completed.stdout.decode("ascii", errors="replace").strip().partition(" ")
    if not is_object_id(commit) or not timestamp.isdigit():
        return None
    return DatedCommit(commit, int(timestamp))


def earliest_commit(cwd: Path | str) -> DatedCommit | None:
    """The oldest commit git has for HEAD (in a shallow clone, the oldest one fetched)."""
    if not has_commits(cwd):
        return None
    completed = run_git(["log", "--max-parents=0", "--format=%H %ct", *end_of_options(), "HEAD", "--"], cwd)
    found = []
    for line in completed.stdout.decode("ascii", errors="replace").splitlines():
        commit, _, timestamp = line.partition(" ")
        if is_object_id(commit) and timestamp.isdigit():
            found.append(DatedCommit(commit, int(timestamp)))
    return min(found, key=lambda item: item.timestamp, default=None)


def plan_files_at(root: Path | str, commit: str, pathspecs: Sequence[str]) -> list[TreeEntry]:
    """Plan files (``*.yaml`` / ``*.yml``) under ``pathspecs`` (relative to the repository root) in ``commit``.

    Like ``samkit.plan.loader.discover_plans`` on a folder, files under a hidden folder (``.name``) below a
    pathspec are left out; symbolic links and submodules are not plan files.
    """
    _require_commit(commit)
    listed = run_git(["ls-tree", "-r", "-z", "--full-tree", *end_of_options(), commit, "--", *pathspecs], root)
    entries: list[TreeEntry] = []
    for record in listed.stdout.split(b"\0"):
        meta, tab, raw_path = record.partition(b"\t")
        if not tab:
            continue
        mode, kind, blob = meta.decode("ascii", errors="replace").split()
        path = raw_path.decode("utf-8", errors="surrogateescape")
        if kind != "blob" or mode == "120000" or not is_plan_path(path) or _hidden_below(path, pathspecs):
            continue
        entries.append(TreeEntry(path, blob))
    return sorted(entries, key=lambda entry: entry.path)


def _hidden_below(path: str, pathspecs: Sequence[str]) -> bool:
    parts = PurePosixPath(path).parts
    for spec in pathspecs:
        prefix = () if spec in ("", ".") else PurePosixPath(spec).parts
        if parts[: len(prefix)] == prefix:
            return any(part.startswith(".") for part in parts[len(prefix) :])
    return False


def last_commit_on_or_before(cwd: Path | str, path: str, day: date) -> CommitPath | None:
    """The last commit made on or before the end of ``day`` (committer date, local time) that touched
    ``path``, following renames, and the path the file had in it; None when there is no such commit.

    ``path`` is relative to ``cwd``. For ``samkit review``: "the plan as of its last review".
    """
    if not has_commits(cwd):
        return None
    # --before cannot be combined with --follow (it hides the rename commit, so the old name is never
    # learnt): walk the file's whole history and pick by date here instead.
    completed = run_git(
        [
            "log",
            "--follow",
            "--name-only",
            "-z",
            "--format=%x01%H %ct",
            "--no-ext-diff",
            "--no-textconv",
            *end_of_options(),
            "HEAD",
            "--",
            path,
        ],
        cwd,
    )
    last_second = end_of_day(day)
    for record in completed.stdout.decode("utf-8", errors="surrogateescape").split("\x01")[1:]:
        header, _, names = record.partition("\0")
        commit, _, timestamp = header.partition(" ")
        if not is_object_id(commit) or not timestamp.strip().isdigit():
            continue
        if int(timestamp) <= last_second:
            # git puts one newline between the header and the names; a newline inside a name is part of it
            paths = [name for name in names.removeprefix("\n").split("\0") if name]
            return CommitPath(commit, paths[0] if paths else repository_relative(cwd, path))
    return None
