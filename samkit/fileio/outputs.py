"""The one way samkit writes an output file (``-o FILE``, ``--out-dir DIR``): checked first, then atomic.

``check_output`` refuses, with a one-line ``UsageError`` (exit 2), every target that would clobber or escape:
an existing directory, a FIFO or device (a temp file + rename would silently replace it, and reading it to
compare would block), a plan file (any ``*.yaml`` / ``*.yml``: ``review -o plans/other.yaml``; samkit writes
plans only through ``samkit.plan.textedit``), one of the command's own input files (``score -o roster.csv``),
and a path that a symlinked folder would lead outside the folder the user chose (``render --out-dir``). ``write_output`` then
creates missing folders and writes through ``samkit.fileio.atomic``, turning a permission or disk problem into
the same kind of message instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from samkit.errors import UsageError
from samkit.fileio.atomic import atomic_writer, put_in_place, remove_temp, remove_temps_in, temp_beside
from samkit.fileio.names import PLAN_SUFFIXES, shown_name


class InputFiles:
    """A command's input files, resolved once: whether a target is one of them costs one ``stat`` and one
    ``resolve``, whatever the number of inputs (``render --out-dir`` checks thousands of documents against
    thousands of plans; comparing each pair was quadratic)."""

    def __init__(self, inputs: Iterable[str | os.PathLike[str]]) -> None:
        self.resolved: set[Path] = set()
        self.identities: set[tuple[int, int]] = set()  # (device, inode): the same file by another name
        for source in inputs:
            self.resolved.add(Path(source).resolve())
            identity = _identity(source)
            if identity is not None:
                self.identities.add(identity)

    def holds(self, target: Path) -> bool:
        if not self.resolved:
            return False
        identity = _identity(target)
        return (identity is not None and identity in self.identities) or target.resolve() in self.resolved


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """What ``os.path.samefile`` compares: the device and inode of the file a path leads to."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class OutputRoot:
    """The folder a command's outputs must stay inside (``--out-dir DIR``), resolved once; each folder found
    inside it is remembered, so thousands of documents cost one resolution per folder, not two per document.
    A folder created after it was checked is looked at afresh (``StagedOutputs.stage`` does)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.path = Path(root)
        self.real = self.path.resolve()
        self._inside: set[Path] = set()

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def holds(self, folder: Path) -> bool:
        """Whether ``folder`` really lies inside the root, symbolic links followed."""
        if folder in self._inside:
            return True
        if _inside(folder.resolve(), self.real):
            self._inside.add(folder)
            return True
        return False


def check_output(
    target: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] | InputFiles = (),
    root: str | os.PathLike[str] | OutputRoot | None = None,
    checking: bool = False,
) -> Path:
    """``target`` as a ``Path`` if samkit may write it; else a ``UsageError`` that says why.

    ``checking`` (``--check``: the file is only compared, never written) words each refusal as a check that
    cannot be made, since nothing would be written anyway.

    ``inputs``: the command's input files, or an ``InputFiles`` built once when many targets are checked;
    ``root`` likewise, or an ``OutputRoot``.
    """
    path = Path(target)
    shown = shown_name(path)

    def refuse(write_reason: str, check_reason: str) -> UsageError:
        return UsageError(f"{shown}: cannot check: {check_reason}" if checking else f"{shown}: {write_reason}")

    try:
        mode: int | None = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise refuse(f"cannot write: {error.strerror or error}", f"{error.strerror or error}") from None
    if mode is not None and stat.S_ISLNK(mode):
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = None  # a dangling link: the atomic write replaces the link itself
    if mode is not None and stat.S_ISDIR(mode):
        raise refuse("is a directory; give a file name to write to", "a directory, not a document")
    if mode is not None and not stat.S_ISREG(mode):
        raise refuse(
            "is not a regular file (a FIFO or a device); refusing to write to it",
            "not a regular file (a FIFO or a device)",
        )
    if path.suffix.lower() in PLAN_SUFFIXES:
        # a plan, or a file every plan command would then read as one: never a document's place
        raise refuse(
            "is a plan file; refusing to write a document over it"
            if mode is not None
            else f"would be a plan file ({path.suffix}); refusing to write a document there: give another name",
            f"it is a plan file ({path.suffix}), not a document",
        )
    known = inputs if isinstance(inputs, InputFiles) else InputFiles(inputs)
    if known.holds(path):
        raise refuse("is an input of this command; refusing to write over it", "it is an input of this command")
    known_root = root if isinstance(root, OutputRoot) or root is None else OutputRoot(root)
    if known_root is not None and not known_root.holds(path.parent):
        raise refuse(
            f"a symbolic link leads outside {shown_name(known_root)}; refusing to write there",
            f"a symbolic link leads outside {shown_name(known_root)}",
        )
    return path


@contextlib.contextmanager
def output_writer(
    target: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] | InputFiles = (),
    root: str | os.PathLike[str] | None = None,
    create_folders: bool = False,
) -> Iterator[BinaryIO]:
    """``check_output``, create missing folders if asked (else a missing folder is a ``UsageError``), then
    ``atomic_writer``; an OS error becomes a ``UsageError``."""
    path = check_output(target, inputs=inputs, root=root)
    if create_folders:
        _create_folders(path)
    if root is not None:  # folders created just now: check again that no link took the path outside
        check_output(path, root=root)
    try:
        with atomic_writer(path) as handle:
            yield handle
    except OSError as error:
        raise UsageError(f"{shown_name(path)}: cannot write: {error.strerror or error}") from None


class StagedOutputs:
    """Files written beside their targets now and put in place together later (``render --out-dir``).

    ``stage`` checks the target as ``output_writer`` does (creating folders if asked) and writes the bytes to
    a temp file in the target's folder; ``commit`` renames each over its target (atomic, as ``atomic_writer``
    does). Leaving the ``with`` block without a commit removes every temp file, and the folders ``stage``
    created that are still empty: an error part way (a template problem in the 900th document) or a Ctrl-C
    leaves every target as it was (``site --out-dir new`` leaves no empty ``new/accounts/``), yet no document
    waits in memory.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temp file, target)
        self._created: list[Path] = []  # folders made for the staged files, until the commit keeps them

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, *_exc: object) -> None:
        for temp, _ in self._staged:
            remove_temp(str(temp))
        self._staged = []
        remove_temps_in(self._created)
        for folder in sorted(self._created, key=lambda made: len(made.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: a file was put in place there after all
                folder.rmdir()
        self._created = []

    def stage(
        self,
        target: str | os.PathLike[str],
        data: bytes,
        *,
        root: str | os.PathLike[str] | OutputRoot | None = None,
        create_folders: bool = False,
    ) -> None:
        path = check_output(target, root=root)
        parent_exists = path.parent.is_dir()
        if create_folders and not parent_exists:  # once per folder, not per file: thousands of documents
            self._created += _missing_folders(path)  # noted first: a Ctrl-C while they are made still removes them
            _create_folders(path)
            if root is not None:  # folders created just now: look again (afresh) that no link took the path outside
                check_output(path, root=os.fspath(root))
        elif not parent_exists:
            raise UsageError(f"{path}: folder {path.parent} does not exist")  # atomic_writer's words
        try:
            descriptor, name = temp_beside(path)
        except OSError as error:
            raise UsageError(f"{shown_name(path)}: cannot write: {error.strerror or error}") from None
        temp = Path(name)
        self._staged.append((temp, path))
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise UsageError(f"{shown_name(path)}: cannot write: {error.strerror or error}") from None

    def commit(self) -> None:
        """Put every staged file in place, with the permissions of the file it replaces (else the umask's)."""
        for temp, target in self._staged:  # on an error the rest are removed on leaving the block
            try:
                put_in_place(str(temp), target)
            except OSError as error:
                raise UsageError(f"{shown_name(target)}: cannot write: {error.strerror or error}") from None
        self._staged = []
        self._created = []  # they hold the files now


def _missing_folders(path: Path) -> list[Path]:
    """The folders above ``path`` that do not exist yet, deepest first."""
    missing = []
    folder = path.parent
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def _create_folders(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        folder = shown_name(path.parent)
        raise UsageError(f"{folder}: cannot create the folder: {error.strerror or error}") from None


def write_output(
    target: str | os.PathLike[str],
    text: str,
    *,
    inputs: Iterable[str | os.PathLike[str]] | InputFiles = (),
    root: str | os.PathLike[str] | None = None,
    create_folders: bool = False,
) -> None:
    """Write ``text`` as UTF-8 to ``target`` through ``output_writer``."""
    with output_writer(target, inputs=inputs, root=root, create_folders=create_folders) as handle:
        handle.write(text.encode("utf-8"))
