"""Commits by date and the plan files in a commit: what ``samkit review``, ``metrics`` and ``backtest`` read
from history.

Which day a commit belongs to does not depend on the machine samkit runs on. A commit's day is the date its
**committer's own clock** showed: the committer date in the UTC offset recorded in the commit, the date
``git log --format=%cI`` prints. A commit made at 23:30 on 2026-01-31 in Los Angeles (-08:00) is of
2026-01-31, on a laptop in Los Angeles and in CI in UTC alike, and the team sees that date in its log. "The
last commit on or before D" is the first commit in ``git log`` order (from HEAD) whose own day is D or
earlier.

The committer date, not the author date: a rebased or cherry-picked commit keeps its author's date but enters
the branch when it is committed, and what the branch held on a day is what was committed to it by then.

Finding that commit takes one ``git log``. Git's date filters count seconds since the epoch, but no clock git
records is more than 23:59 from UTC (git refuses larger offsets when it makes a commit), so every commit whose
own day is D or earlier was committed by the end of D + 1 in UTC: git lists the commits up to that instant
(``--min-age``), and the first of them whose own day (read off ``%cI``) is D or earlier is the one. Only
commits of a later own day made in the hours around midnight come before it, so it is nearly always among the
first few.

Every git call goes through ``samkit.gitio.git.run_git`` (no shell, literal pathspecs, prompts off).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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

# How far from UTC a commit's own clock can be: git refuses offsets beyond ±23:59 when it makes a commit
LARGEST_OFFSET = timedelta(hours=24)
# What git prints for each commit: its id, its committer date in seconds and in its own offset (ISO 8601)
DATED_FORMAT = "%H %ct %cI"
FIRST_LOOK = 64  # commits read by the first `git log` of ``commit_on_or_before``
LOOK_FURTHER = 8  # each further `git log` reads this many times as many as the one before


@dataclass(frozen=True)
class CommitPath(NamesCommit):
    """A commit and the path a file had in it (it may differ from today's after a rename)."""

    commit: str
    path: str


@dataclass(frozen=True)
class DatedCommit(NamesCommit):
    """A commit, its committer date (seconds since the epoch) and its day: the committer's own date (``%cI``)."""

    commit: str
    timestamp: int
    day: date


@dataclass(frozen=True)
class TreeEntry:
    """A plan file in a commit: its path from the repository root (with ``/``) and its blob id."""

    path: str
    blob: str


def own_day(iso: str) -> date | None:
    """The date part of a committer date as ``%cI`` prints it (``2026-01-31T23:30:00-08:00``): the day the
    committer's own clock showed. None when it is not such a date."""
    try:
        return date.fromisoformat(iso.strip()[:10])
    except ValueError:
        return None


def dated_commit(line: str) -> DatedCommit | None:
    """One ``DATED_FORMAT`` line as a ``DatedCommit``; None when it is not one."""
    commit, _, rest = line.strip().partition(" ")
    timestamp, _, iso = rest.partition(" ")
    day = own_day(iso)
    if not is_object_id(commit) or not timestamp.isdigit() or day is None:
        return None
    return DatedCommit(commit, int(timestamp), day)


def latest_instant(day: date) -> int:
    """Seconds since the epoch at which ``day`` has ended on every clock git records (the end of the next day
    in UTC): every commit whose own day is ``day`` or earlier was committed at or before it."""
    ended = datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC) + LARGEST_OFFSET
    return int(ended.timestamp()) - 1


def _require_commit(commit: str) -> None:
    if not is_object_id(commit):
        raise GitError(f"internal: expected a commit id, got {commit!r}")


def _dated_log(cwd: Path | str, options: Sequence[str]) -> Iterator[DatedCommit]:
    completed = run_git(["log", *options, f"--format={DATED_FORMAT}", *end_of_options(), "HEAD", "--"], cwd)
    for line in completed.stdout.decode("ascii", errors="replace").splitlines():
        found = dated_commit(line)
        if found is not None:
            yield found


def commit_on_or_before(cwd: Path | str, day: date) -> DatedCommit | None:
    """The last commit reachable from HEAD made on or before ``day`` by its committer's own clock: the first, in
    ``git log`` order, whose own day is ``day`` or earlier. None when there is none.

    One ``git log`` of the commits made before ``day`` has ended everywhere (``latest_instant``), ``FIRST_LOOK``
    of them; a few are of the next day somewhere east of the committer, so the one wanted is nearly always among
    the first. Should all of them be of a later own day (a busy next day), the next ones are read, ``LOOK_FURTHER``
    times as many each time, so even 500 commits on the next day take two ``git log``."""
    if not has_commits(cwd):
        return None
    skip, count = 0, FIRST_LOOK
    while True:
        options = [f"--min-age={latest_instant(day)}", f"--skip={skip}", f"--max-count={count}"]
        read = 0
        for found in _dated_log(cwd, options):
            read += 1
            if found.day <= day:
                return found
        if read < count:
            return None
        skip, count = skip + count, count * LOOK_FURTHER


def earliest_commit(cwd: Path | str) -> DatedCommit | None:
    """The oldest commit git has for HEAD (in a shallow clone, the oldest one fetched): of the root commits, the
    one of the earliest own day (then the earliest committed)."""
    if not has_commits(cwd):
        return None
    found = list(_dated_log(cwd, ["--max-parents=0"]))
    return min(found, key=lambda item: (item.day, item.timestamp), default=None)


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


def first_commit_adding_plans(cwd: Path | str, after: str, pathspecs: Sequence[str]) -> DatedCommit | None:
    """The first commit after ``after`` (reachable from HEAD, not from ``after``) that adds a plan file under
    ``pathspecs`` (relative to the repository root), oldest first; None when no commit does.

    For "there were no plans at FROM": where they first appear. One ``git log``; a renamed file counts as added
    where it lands, and files under a hidden folder below a pathspec are not plan files (as ``plan_files_at``)."""
    _require_commit(after)
    completed = run_git(
        [
            "log",
            "--reverse",
            "--no-renames",
            "--diff-filter=A",
            "--name-only",
            "-z",
            f"--format=%x01{DATED_FORMAT}",
            "--no-ext-diff",
            "--no-textconv",
            *end_of_options(),
            f"{after}..HEAD",
            "--",
            *pathspecs,
        ],
        Path(cwd),
    )
    for record in completed.stdout.decode("utf-8", errors="surrogateescape").split("\x01")[1:]:
        header, _, names = record.partition("\0")
        found = dated_commit(header)
        paths = [name for name in names.removeprefix("\n").split("\0") if name]
        if found is not None and any(is_plan_path(path) and not _hidden_below(path, pathspecs) for path in paths):
            return found
    return None


def last_commit_on_or_before(cwd: Path | str, path: str, day: date) -> CommitPath | None:
    """The last commit made on or before ``day`` (the committer's own day, as ``commit_on_or_before``) that
    touched ``path``, following renames, and the path the file had in it; None when there is no such commit.

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
            f"--format=%x01{DATED_FORMAT}",
            "--no-ext-diff",
            "--no-textconv",
            *end_of_options(),
            "HEAD",
            "--",
            path,
        ],
        cwd,
    )
    for record in completed.stdout.decode("utf-8", errors="surrogateescape").split("\x01")[1:]:
        header, _, names = record.partition("\0")
        found = dated_commit(header)
        if found is not None and found.day <= day:
            # git puts one newline between the header and the names; a newline inside a name is part of it
            paths = [name for name in names.removeprefix("\n").split("\0") if name]
            return CommitPath(found.commit, paths[0] if paths else repository_relative(cwd, path))
    return None
