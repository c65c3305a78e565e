"""Many files replaced together, or none: all written beside their targets first, then put in place.

An import rewrites hundreds of plans. ``stage`` notes each new file; ``replace_all`` writes each as a temp
file beside its target (``atomic.temp_beside``) and syncs it, several at once (the waits are the file
system's, outside Python's lock), asks every file's check (has the file changed since it was read?), and
only when every write and every check passed renames the temp files into place, one ``fsync`` per folder
after. A failed write (a full disk, a name too long for a temp file) or check, an error or a Ctrl-C in
between: every temp file is removed and no target is touched. A Ctrl-C once the renames have begun is
held until the last (``atomic.interrupts_held``), so an interrupted import leaves the old plans or the new.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samkit.errors import raise_if_interrupted
from samkit.fileio.atomic import interrupts_held, put_in_place, remove_temp, sync_folder, temp_beside

# temp files written at once: making a file and syncing it wait on the file system, not on Python
WRITER_THREADS = 8


@dataclass
class _Staged:
    target: Path
    shown: str  # the target as messages name it
    check: Callable[[], str | None]  # why the target must not be replaced now (it changed), or None
    data: bytes
    temp_name: str = ""  # once written


class StagedFiles:
    """``with StagedFiles() as staged: staged.stage(...); ...; written, problems = staged.replace_all()``.

    For files that exist and must not have changed since they were read (plans), every problem reported;
    a command's new outputs (``render --out-dir``) go through ``outputs.StagedOutputs``, which stops at the
    first. Both make and place their temp files with ``atomic.temp_beside`` and ``atomic.put_in_place``.

    Leaving the block removes every temp file not put in place (after an error, a Ctrl-C, or a
    ``replace_all`` that refused).
    """

    def __init__(self) -> None:
        self._staged: list[_Staged] = []

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *_exc: object) -> None:
        for staged in self._staged:
            if staged.temp_name:
                remove_temp(staged.temp_name)
        self._staged = []

    def stage(self, target: Path, data: bytes, check: Callable[[], str | None], shown: str | None = None) -> None:
        """Note ``data`` as ``target``'s new content; ``check`` runs right before the replace."""
        self._staged.append(_Staged(target, shown or str(target), check, data))

    def replace_all(self) -> tuple[list[str], list[str]]:
        """Put every staged file in place when all were written and all checks pass: the files
        written (as shown) and the problems (a message each). With a problem before the first rename, nothing
        is replaced; a rename that fails after others (a disk failing mid-way) leaves those others written."""
        problems = _written(self._staged)
        if not problems:
            problems = [problem for staged in self._staged if (problem := staged.check()) is not None]
        if problems:
            return [], problems
        raise_if_interrupted()  # an interrupt some code swallowed on the way: replace nothing then
        written: list[str] = []
        left: list[_Staged] = []  # not put in place: their temp files go when the block ends
        # a Ctrl-C from the first rename on waits for the last (tens of milliseconds): all replaced, not some
        with interrupts_held():
            for staged in self._staged:
                # checked again right before its rename: the window for a writer in between is one file's
                problem = staged.check()
                if problem is None:
                    try:
                        put_in_place(staged.temp_name, staged.target)
                    except OSError as error:
                        problem = _cannot_write(staged.shown, error)
                if problem is None:
                    written.append(staged.shown)
                else:
                    problems.append(problem)
                    left.append(staged)
            # inside the block too: a Ctrl-C held during the renames still lets them be made durable
            for folder in sorted({staged.target.parent for staged in self._staged}):
                sync_folder(folder)
            self._staged = left
        return written, problems


def _write(staged: _Staged) -> str | None:
    """Write and sync one temp file; why it could not be, or None."""
    try:
        descriptor, staged.temp_name = temp_beside(staged.target)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(staged.data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        return _cannot_write(staged.shown, error)
    staged.data = b""  # written: the bytes need not be held any longer
    return None


def _written(staged_files: list[_Staged]) -> list[str]:
    """Write every temp file, several at once; a message for each one that could not be written."""
    if len(staged_files) < 2:
        results = [_write(staged) for staged in staged_files]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="samkit-write") as pool:
            results = list(pool.map(_write, staged_files))
    return [problem for problem in results if problem is not None]


def _cannot_write(shown: str, error: OSError) -> str:
    return f"{shown}: cannot write: {error.strerror or error}"
