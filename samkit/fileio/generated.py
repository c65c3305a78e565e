"""The one generated-files service behind ``render``, ``site``, ``schema`` and ``scripts/gen_docs.py``.

A command that makes files from its inputs hands each file to ``GeneratedFiles`` as soon as it is made;
the file is compared byte for byte with the one on disk and only its verdict is kept (``FileStatus``). With
``--check`` nothing is written: the command lists the files that would change and exits 1 (cli.md: "the
inputs have problems"). Otherwise each file that differs is staged beside its target (``StagedOutputs``) and
all of them are put in place together by ``commit``: an error part way leaves every file as it was, and no
file waits in memory. Files an earlier run made that this run no longer makes are listed and, on a write,
removed (``remove``). One wording for every command: ``PATH: STATE`` per file, then one summary line.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from samkit.errors import UsageError
from samkit.fileio.outputs import OutputRoot, StagedOutputs, check_output

if TYPE_CHECKING:
    from collections.abc import Sequence

MISSING = "missing"
OUT_OF_DATE = "out of date"
UP_TO_DATE = "up to date"
NO_LONGER_MADE = "no longer generated"  # an earlier run made it; a write removes it
_VERB = {MISSING: "missing", OUT_OF_DATE: "out of date"}


class LineEnds(Enum):
    """How a file on disk is compared with the bytes the command made."""

    EXACT = "exact"  # byte for byte (HTML, calendars, JSON)
    ANY = "any"  # CRLF or CR on disk count as LF: a Markdown file checked out on Windows is still current


@dataclass(frozen=True, slots=True)
class FileStatus:
    """How one generated file compares with disk: ``missing``, ``out of date``, ``up to date`` or ``no longer
    generated``; ``source`` names what it is made from (``render``: the plan), when that helps."""

    path: Path
    state: str
    source: str | None = None

    @property
    def in_sync(self) -> bool:
        return self.state == UP_TO_DATE

    def line(self) -> str:
        """``docs/acme.md: out of date (from plans/acme.yaml)``."""
        return f"{self.path}: {self.state}" + (f" (from {self.source})" if self.source else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def check_listing(statuses: Sequence[FileStatus]) -> str:
    """One line per file that would change, in path order (stdout of every ``--check``)."""
    stale = sorted((status for status in statuses if not status.in_sync), key=lambda status: str(status.path))
    return "".join(f"{status.line()}\n" for status in stale)


def check_summary(statuses: Sequence[FileStatus], noun: str, update: str) -> str:
    """``2 of 8 site files would change (1 missing, 1 out of date); run samkit site to update``, with ``, and
    1 no longer generated would be removed`` when there are such files, or ``8 site files up to date``.
    ``update``: the command that brings them up to date. The count of changes is out of the files made, so a
    removal is said apart (never "9 of 8")."""
    made = sum(1 for status in statuses if status.state != NO_LONGER_MADE)
    counts = Counter(status.state for status in statuses if not status.in_sync)
    removed = counts.pop(NO_LONGER_MADE, 0)
    changed = sum(counts.values())
    if not changed and not removed:
        return f"{_count(made, noun)} up to date"
    if changed:
        kinds = ", ".join(f"{counts[state]} {verb}" for state, verb in _VERB.items() if counts[state])
        text = f"{changed} of {_count(made, noun)} would change ({kinds})"
    else:
        text = f"{_count(made, noun)} up to date"
    if removed:
        text += f", and {removed} no longer generated would be removed"
    return f"{text}; run {update} to update"


def write_summary(statuses: Sequence[FileStatus], noun: str, where: str | os.PathLike[str]) -> str:
    """``wrote 1 of 8 site files to site; removed 1 site file no longer generated``."""
    made = sum(1 for status in statuses if status.state != NO_LONGER_MADE)
    written = sum(1 for status in statuses if status.state in (MISSING, OUT_OF_DATE))
    removed = sum(1 for status in statuses if status.state == NO_LONGER_MADE)
    text = f"wrote {written} of {_count(made, noun)} to {where}"
    return text + (f"; removed {_count(removed, noun)} no longer generated" if removed else "")


class GeneratedFiles:
    """The files one run makes, each compared with disk as it is added; staged and committed on a write.

    ``root``: the folder the files go in (``--out-dir``); no file is read, written or removed through a
    symbolic link that leads out of it. Missing folders are created unless ``create_folders`` is False. ``checking``: ``--check``, nothing is written or removed, and a
    target that cannot be compared (a directory, a FIFO) is a check that cannot be made (exit 2).

    Use as a context manager: leaving the block without ``commit`` (an error, Ctrl-C) removes every staged
    temp file and changes nothing.
    """

    def __init__(
        self,
        *,
        checking: bool,
        root: str | os.PathLike[str] | OutputRoot | None = None,
        line_ends: LineEnds = LineEnds.EXACT,
        create_folders: bool = True,
    ) -> None:
        self.checking = checking
        # resolved once, each folder inside it once: thousands of files cost a few resolutions each, not more
        self.root = OutputRoot(root) if root is not None and not isinstance(root, OutputRoot) else root
        self.line_ends = line_ends
        self.create_folders = create_folders  # False: a missing folder is a usage error (``schema -o``)
        self.statuses: list[FileStatus] = []
        self._staged = StagedOutputs()
        self._to_remove: list[Path] = []

    def __enter__(self) -> GeneratedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self._staged.__exit__(*exc)

    def add(self, target: str | os.PathLike[str], content: bytes, *, source: str | None = None) -> FileStatus:
        """Compare ``content`` with ``target`` on disk; on a write, stage it when it differs."""
        path = Path(target)
        if self.checking:
            check_output(path, root=self.root, checking=True)
        state = self._state(path, content)
        if not self.checking and state != UP_TO_DATE:
            self._staged.stage(path, content, root=self.root, create_folders=self.create_folders)
        status = FileStatus(path, state, source)
        self.statuses.append(status)
        return status

    def remove(self, target: str | os.PathLike[str]) -> None:
        """A file an earlier run made that this one does not: listed, and removed by ``commit``."""
        path = Path(target)
        self.statuses.append(FileStatus(path, NO_LONGER_MADE))
        self._to_remove.append(path)

    def commit(self) -> None:
        """Put every staged file in place, then remove the files no longer generated (nothing with ``checking``)."""
        if self.checking:
            return
        self._staged.commit()
        for path in self._to_remove:
            check_output(path, root=self.root)  # never remove a file through a link out of the folder
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise UsageError(f"{path}: cannot remove: {error.strerror or error}") from None
        self._to_remove = []

    @property
    def in_sync(self) -> bool:
        return all(status.in_sync for status in self.statuses)

    def _state(self, path: Path, content: bytes) -> str:
        from samkit.fileio.inputs import InputProblem, read_input

        # never more than the file could be and still match: a huge file is out of date without being read
        limit = len(content) * (2 if self.line_ends is LineEnds.ANY else 1)
        try:
            on_disk = read_input(path, limit, "file")
        except InputProblem as problem:
            return MISSING if problem.reason == "no such file" else OUT_OF_DATE
        if self.line_ends is LineEnds.ANY:
            on_disk = on_disk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        return UP_TO_DATE if on_disk == content else OUT_OF_DATE
