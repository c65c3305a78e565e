"""A small, safe git runner: what ``samkit diff`` and ``samkit review`` need from a repository.

Safety rules, all in one place:

- git runs without a shell (an argument list), with prompts, pagers, external diff drivers and
  textconv filters switched off, and with pathspecs read literally (``--literal-pathspecs``).
- Revisions typed by users are checked by ``validate_revision`` before git sees them (a leading ``-``,
  ``..``, ``@{``, ``:``, spaces, control characters and the like are refused), then resolved once to a
  commit id with ``rev-parse --verify``; every later git command is given only that hexadecimal id.
- ``--end-of-options`` separates options from revisions wherever the installed git understands it.
- Every failure (no git, not a repository, unknown revision, git's own errors) is a ``GitError``, a
  ``UsageError``: the CLI prints it on one line and exits with 2.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from samkit.errors import UsageError
from samkit.plan import PLAN_SUFFIXES

# git 2.24 taught option parsing (diff, log, cat-file) ``--end-of-options``; rev-parse learned it in 2.30.
END_OF_OPTIONS_SINCE = (2, 24)
REV_PARSE_END_OF_OPTIONS_SINCE = (2, 30)
MAX_REVISION_LENGTH = 255

_OBJECT_ID = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_NULL_OBJECT_ID = re.compile(r"^0+$")
# A ref name in the characters people actually use, then revision suffixes like ~2, ^ or ^2.
_REVISION = re.compile(r"^(?P<name>[A-Za-z0-9._/+@-]+)(?P<suffix>(?:[~^][0-9]{0,6})*)$")


class GitError(UsageError):
    """git is missing, the folder is not a repository, a revision is unknown or refused: exit 2."""


class FileStatus(StrEnum):
    ADDED = "added"
    DELETED = "deleted"
    RENAMED = "renamed"
    MODIFIED = "modified"


class NamesCommit:
    """A record about one commit; ``short`` is how samkit shows it: its first 10 hex digits."""

    commit: str

    @property
    def short(self) -> str:
        return self.commit[:10]


@dataclass(frozen=True)
class Revision(NamesCommit):
    """A revision as the user wrote it and the commit it resolved to."""

    label: str
    commit: str


@dataclass(frozen=True)
class FileChange:
    """One file that differs between two sides; paths are relative to the repository root, with ``/``.

    ``old_path`` is None for an added file and ``new_path`` None for a deleted one. ``old_blob`` and
    ``new_blob`` are the object ids of each side's content when it lives in git (None for the working
    tree, where the file is read from disk).
    """

    status: FileStatus
    old_path: str | None
    new_path: str | None
    old_blob: str | None = None
    new_blob: str | None = None

    @property
    def path(self) -> str:
        """The path on the HEAD side, or the BASE side for a deleted file."""
        path = self.new_path or self.old_path
        assert path is not None
        return path


def validate_revision(revision: str) -> str:
    """Refuse anything that is not a plain revision (a branch, tag, commit id, ``HEAD~2``, ``origin/main^``).

    The rules follow ``git check-ref-format`` and add what must never reach git's command line:
    a leading ``-`` (it would be read as an option), ranges (``..``), reflog forms (``@{``), ``rev:path``,
    whitespace, control characters and glob characters.
    """
    shown = repr(revision)
    if not revision:
        raise GitError("an empty git revision was given")
    if revision.startswith("-"):
        raise GitError(f"refusing git revision {shown}: it starts with '-' and would be read as an option")
    if len(revision) > MAX_REVISION_LENGTH:
        raise GitError(f"refusing git revision {shown[:40]}...: longer than {MAX_REVISION_LENGTH} characters")
    if any(ord(character) < 32 or ord(character) == 127 for character in revision):
        raise GitError(f"refusing git revision {shown}: it contains control characters")
    for fragment, why in (("..", "a range"), ("@{", "a reflog form")):
        if fragment in revision:
            raise GitError(f"refusing git revision {shown}: {fragment!r} makes it {why}; give a single revision")
    match = _REVISION.match(revision)
    if match is None:
        raise GitError(
            f"refusing git revision {shown}: use a branch, tag or commit id "
            "(letters, digits and . _ / + @ -, optionally followed by ~N or ^N)"
        )
    name = match["name"]
    components = name.split("/")
    if (
        name.startswith("/")
        or name.endswith("/")
        or "//" in name
        or name.endswith(".")
        or any(part.startswith(".") or part.endswith(".lock") for part in components)
    ):
        raise GitError(f"refusing git revision {shown}: it is not a valid ref name (see git check-ref-format)")
    return revision


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("git was not found on PATH; samkit diff and review --since need git installed")
    return found


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        {
            "GIT_TERMINAL_PROMPT": "0",  # never wait for a password
            "GIT_OPTIONAL_LOCKS": "0",  # reading must not take the index lock another git process may want
            "GIT_PAGER": "cat",
            "LC_ALL": "C",  # git's messages in a stable language: they are passed on to the user
            "LANGUAGE": "C",
        }
    )
    return environment


def run_git(
    arguments: Sequence[str], cwd: Path | str, *, check: bool = True, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGUMENTS`` in ``cwd`` without a shell; a failure (when ``check``) is a ``GitError``."""
    command = [git_executable(), "--no-pager", "--literal-pathspecs", *arguments]
    try:
        completed = subprocess.run(
            command, cwd=cwd, env=_environment(), input=stdin, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError("git was not found on PATH; samkit diff and review --since need git installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {arguments[0] if arguments else ''} took more than 120 seconds; giving up") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if check and completed.returncode != 0:
        raise GitError(_git_message(completed.stderr, arguments))
    return completed


def _git_message(stderr: bytes, arguments: Sequence[str]) -> str:
    text = stderr.decode("utf-8", errors="replace").strip()
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in text.splitlines() if line.strip()]
    command = arguments[0] if arguments else ""
    return f"git {command} failed: {lines[0] if lines else 'no message'}"


@functools.cache
def _version_of(executable: str) -> tuple[int, ...]:
    completed = subprocess.run(
        [executable, "--version"], capture_output=True, check=False, env=_environment(), timeout=30
    )
    match = re.search(rb"(\d+)\.(\d+)(?:\.(\d+))?", completed.stdout)
    if match is None:
        return (0,)
    return tuple(int(part) for part in match.groups(b"0"))


def git_version() -> tuple[int, ...]:
    """The installed git's version, e.g. ``(2, 39, 5)``."""
    try:
        return _version_of(git_executable())
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None


def end_of_options(since: tuple[int, ...] = END_OF_OPTIONS_SINCE) -> list[str]:
    """``["--end-of-options"]`` when the installed git understands it, else nothing."""
    return ["--end-of-options"] if git_version() >= since else []


def repository_root(cwd: Path | str = ".") -> Path:
    """The top folder of the work tree that holds ``cwd``; outside a repository is a ``GitError``."""
    folder = Path(cwd)
    if not folder.is_dir():
        raise GitError(f"{cwd}: no such directory")
    completed = run_git(["rev-parse", "--show-toplevel"], folder, check=False)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace")
        if "not a git repository" in message:
            raise GitError(f"{folder.resolve()} is not inside a git repository")
        raise GitError(_git_message(completed.stderr, ["rev-parse"]))
    top = completed.stdout.decode("utf-8", errors="surrogateescape").strip()
    if not top:
        raise GitError(f"{folder.resolve()} is not inside a work tree (a bare repository?)")
    return Path(top)


def resolve_revision(revision: str, cwd: Path | str = ".") -> Revision:
    """Validate ``revision`` and resolve it to the commit it names; unknown is a ``GitError``."""
    validate_revision(revision)
    completed = run_git(
        ["rev-parse", "--verify", "--quiet", *end_of_options(REV_PARSE_END_OF_OPTIONS_SINCE), f"{revision}^{{commit}}"],
        cwd,
        check=False,
    )
    commit = completed.stdout.decode("ascii", errors="replace").strip()
    if completed.returncode != 0 or not _OBJECT_ID.match(commit):
        if is_shallow(cwd):
            raise GitError(f"unknown git revision {revision!r}: {shallow_clone_message()}")
        raise GitError(f"unknown git revision {revision!r}: no commit by that name in this repository")
    return Revision(revision, commit)


def is_object_id(text: str) -> bool:
    return bool(_OBJECT_ID.match(text))


def is_shallow(cwd: Path | str = ".") -> bool:
    """A shallow clone (CI checkouts are, by default): history before its cut-off commits is not there."""
    completed = run_git(["rev-parse", "--is-shallow-repository"], cwd, check=False)
    return completed.returncode == 0 and completed.stdout.strip() == b"true"


def shallow_clone_message(what: str = "the commit") -> str:
    """Why history is missing in a shallow clone, and how to fetch it: one wording for every command."""
    return (
        f"this is a shallow clone, so its history is cut off and {what} is not in it; fetch the whole history "
        "with `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0` on actions/checkout)"
    )


def has_commits(cwd: Path | str = ".") -> bool:
    """False in a freshly initialised repository (no commit yet, so no HEAD to compare with)."""
    completed = run_git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd, check=False)
    return completed.returncode == 0


def path_in_commit(cwd: Path | str, commit: str, path: str) -> bool:
    """Whether ``path`` (a file or folder, relative to ``cwd``) exists in ``commit``."""
    if not _OBJECT_ID.match(commit):
        raise GitError(f"internal: expected a commit id, got {commit!r}")
    # git refuses a path outside the repository with its own clear message (a GitError, exit 2)
    listed = run_git(["ls-tree", "--name-only", *end_of_options(), commit, "--", path], cwd)
    return bool(listed.stdout.strip())


def is_plan_path(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in PLAN_SUFFIXES


def changed_files(
    cwd: Path | str, base: str, head: str | None, pathspecs: Sequence[str], *, include_untracked: bool = True
) -> list[FileChange]:
    """Plan files (``*.yaml`` / ``*.yml``) that differ between commit ``base`` and commit ``head``.

    ``head`` None means the working tree; files git does not track yet count as added there (unless
    ignored). Renames are found by git's rename detection (``-M``). ``pathspecs`` are files or folders
    relative to ``cwd`` and are read literally. Paths in the result are relative to the repository root.
    """
    for commit in (base, head):
        if commit is not None and not _OBJECT_ID.match(commit):
            raise GitError(f"internal: expected a commit id, got {commit!r}")
    sides = [base] if head is None else [base, head]
    completed = run_git(
        [
            "diff",
            "--raw",
            "-z",
            "--no-abbrev",
            "-M",
            "--no-ext-diff",
            "--no-textconv",
            "--ignore-submodules",
            *end_of_options(),
            *sides,
            "--",
            *pathspecs,
        ],
        cwd,
    )
    changes = _parse_raw(completed.stdout, working_tree=head is None)
    if head is None and include_untracked:
        listed = run_git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", *pathspecs], cwd)
        known = {change.path for change in changes}
        for raw_path in listed.stdout.split(b"\0"):
            path = _decode_path(raw_path)
            if path and path not in known:
                changes.append(FileChange(FileStatus.ADDED, None, path))
    return sorted(_plans_only(changes), key=lambda change: (change.path, change.old_path or ""))


def _decode_path(raw: bytes) -> str:
    return raw.decode("utf-8", errors="surrogateescape")


def _parse_raw(output: bytes, *, working_tree: bool) -> list[FileChange]:
    """``git diff --raw -z``: ``:mode mode blob blob STATUS\\0path\\0[path\\0]`` per file."""
    fields = output.split(b"\0")
    changes: list[FileChange] = []
    index = 0
    while index < len(fields) and fields[index].startswith(b":"):
        meta = fields[index].decode("ascii", errors="replace").split()
        old_blob, new_blob, status = meta[2], meta[3], meta[4]
        letter = status[:1]
        first = _decode_path(fields[index + 1])
        index += 2
        old = None if _NULL_OBJECT_ID.match(old_blob) else old_blob
        new = None if working_tree or _NULL_OBJECT_ID.match(new_blob) else new_blob
        if letter in "RC":
            second = _decode_path(fields[index])
            index += 1
            kind = FileStatus.RENAMED if letter == "R" else FileStatus.ADDED
            changes.append(FileChange(kind, first if letter == "R" else None, second, old, new))
        elif letter == "A":
            changes.append(FileChange(FileStatus.ADDED, None, first, None, new))
        elif letter == "D":
            changes.append(FileChange(FileStatus.DELETED, first, None, old, None))
        else:  # M, T (type change), U (unmerged), X: the file is there on both sides
            changes.append(FileChange(FileStatus.MODIFIED, first, first, old, new))
    return changes


def _plans_only(changes: list[FileChange]) -> list[FileChange]:
    """Keep plan files; a rename to or from another extension is an added or a deleted plan."""
    kept = []
    for change in changes:
        old_is_plan = change.old_path is not None and is_plan_path(change.old_path)
        new_is_plan = change.new_path is not None and is_plan_path(change.new_path)
        if old_is_plan and new_is_plan:
            kept.append(change)
        elif old_is_plan:
            kept.append(FileChange(FileStatus.DELETED, change.old_path, None, change.old_blob, None))
        elif new_is_plan:
            kept.append(FileChange(FileStatus.ADDED, None, change.new_path, None, change.new_blob))
    return kept


def read_blob(cwd: Path | str, blob: str) -> bytes:
    """The content of one blob, by object id."""
    if not _OBJECT_ID.match(blob):
        raise GitError(f"internal: expected an object id, got {blob!r}")
    return run_git(["cat-file", *end_of_options(), "blob", blob], cwd).stdout


def read_blobs(cwd: Path | str, blobs: Sequence[str]) -> dict[str, bytes]:
    """The contents of many blobs through one ``git cat-file --batch`` (one process, not one per file)."""
    wanted = list(dict.fromkeys(blobs))
    for blob in wanted:
        if not _OBJECT_ID.match(blob):
            raise GitError(f"internal: expected an object id, got {blob!r}")
    if not wanted:
        return {}
    output = run_git(["cat-file", "--batch"], cwd, stdin="".join(f"{blob}\n" for blob in wanted).encode()).stdout
    contents: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<id> missing"
            raise GitError(f"git object {blob} is missing from the repository")
        size = int(header[2])
        contents[blob] = output[position : position + size]
        position += size + 1  # the content is followed by a newline
    return contents


def read_file_at(cwd: Path | str, commit: str, path: str) -> bytes | None:
    """The content of ``path`` (relative to the repository root) in ``commit``; None when it is not there."""
    if not _OBJECT_ID.match(commit):
        raise GitError(f"internal: expected a commit id, got {commit!r}")
    if "\0" in path:  # git cannot store it; a newline it can (and an argument may hold one)
        return None
    spec = f"{commit}:{path}"
    found = run_git(["cat-file", "-e", *end_of_options(), spec], cwd, check=False)
    if found.returncode != 0:
        return None
    return run_git(["cat-file", *end_of_options(), "blob", spec], cwd).stdout


def repository_relative(cwd: Path | str, path: str | Path) -> str:
    """``path`` (relative to ``cwd`` or absolute) as a path relative to the repository root, with ``/``."""
    root = repository_root(cwd).resolve()
    absolute = (Path(cwd) / path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise GitError(f"{path}: outside the repository at {root}") from None
