"""Atomic writes: a temp file in the same folder, then ``os.replace`` — never a partial or clobbered file."""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from samkit.errors import UsageError, raise_if_interrupted

# Temporary files not yet renamed or removed. An interrupt can land where no ``except`` sees it (in a context
# manager's ``__exit__`` before it resumes the writer), so whatever is left is removed when the process ends.
_PENDING: set[str] = set()
# The files this run has put in place: a Ctrl-C that lands after a replace (or several) says what was written
# (``placed_files``), so "interrupted" is never read as "nothing changed".
_PLACED: list[str] = []


def _remove_pending() -> None:
    for name in list(_PENDING):
        with contextlib.suppress(OSError):
            os.unlink(name)
        _PENDING.discard(name)


atexit.register(_remove_pending)


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """SIGINT held back (not lost) for the block, in the main thread (the only one that may set handlers).

    The handler is swapped for one that notes the signal, and the signal is raised again after the block to
    whatever handler was there (the command line's, Python's, an ignore). Blocking the signal instead would
    only hold it off the main thread: the kernel hands a process's signal to any thread not blocking it.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        # None: a handler not set from Python (an embedding program's); the default is the nearest
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
        if pressed:
            signal.raise_signal(signal.SIGINT)


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` only when the block ends without an error.

    The temp file sits in the target's folder (so ``os.replace`` is atomic), takes over the permissions of
    the file it replaces, and is removed if anything fails: readers see the old file or the new one.
    """
    target = Path(path)
    folder = target.parent  # Path("x").parent is Path("."): never empty
    if not folder.is_dir():
        raise UsageError(f"{target}: folder {folder} does not exist")
    temp_name: str | None = None
    try:
        descriptor, temp_name = temp_beside(target)
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        raise_if_interrupted()  # an interrupt some code swallowed on the way: never replace the output then
        put_in_place(temp_name, target)
    except BaseException:
        if temp_name is not None:
            remove_temp(temp_name)
        raise


def temp_beside(target: Path) -> tuple[int, str]:
    """An open descriptor and the name of a new temp file in ``target``'s folder, registered for removal
    (``remove_temp``, or at exit) until ``put_in_place`` renames it."""
    with interrupts_held():  # a Ctrl-C between making the temp file and knowing its name would leave it
        descriptor, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        _PENDING.add(temp_name)
    return descriptor, temp_name


def put_in_place(temp_name: str, target: Path) -> None:
    """Rename the temp file over ``target``, with the permissions of the file it replaces (or the umask's)."""
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(temp_name, mode)
    with interrupts_held():  # a Ctrl-C during the rename: noted with the file, never between the two
        os.replace(temp_name, target)
        _PLACED.append(str(target))
    _PENDING.discard(temp_name)


def placed_files() -> list[str]:
    """The files put in place so far in this run (each written whole), in order."""
    return list(_PLACED)


def forget_placed() -> None:
    """A new run begins (``cli.main``; a test's in-process run): no file of its own is in place yet."""
    _PLACED.clear()


def remove_temp(temp_name: str) -> None:
    Path(temp_name).unlink(missing_ok=True)
    _PENDING.discard(temp_name)


def remove_temps_in(folders: Iterable[Path]) -> None:
    """Remove this run's temp files still waiting in ``folders`` (about to be removed themselves): one a Ctrl-C
    cut off before its maker learnt its name (``temp_beside`` re-raises the held interrupt on leaving)."""
    wanted = {os.path.abspath(folder) for folder in folders}
    for name in list(_PENDING):
        if os.path.dirname(os.path.abspath(name)) in wanted:
            with contextlib.suppress(OSError):
                remove_temp(name)


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable: a rename lives in the folder's metadata, and without this a
    crash could forget it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - file systems that refuse a directory fsync
        pass
    finally:
        os.close(descriptor)
