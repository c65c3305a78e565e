"""A plan file as read, and its writes: the bytes (and their sha256) an edit starts from, the edited bytes
through ``textedit.apply_edits_loaded``, an atomic replace that refuses a file changed on disk meanwhile.

Like fava's source editing, a write is refused when the file is no longer the bytes the edit was worked out
on (``ConcurrentChange``); many plans written together go through ``fileio.staged.StagedFiles`` instead of
``commit``, with ``changed_on_disk`` as each one's check.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samkit.fileio.atomic import atomic_writer, sync_folder
from samkit.fileio.inputs import read_input
from samkit.plan.errors import ConcurrentChange, EditError
from samkit.plan.layout import Layout
from samkit.plan.loader import LoadedPlan
from samkit.plan.textedit import PlanEdit, apply_edits_loaded
from samkit.plan.yamlsafe import MAX_BYTES, YamlProblem, decode

__all__ = ["BOM", "PlanFile", "digest", "write_plan_edits"]

BOM = b"\xef\xbb\xbf"


def digest(raw: bytes) -> str:
    """The sha256 a ``PlanFile`` compares before it replaces a file."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class PlanFile:
    """One plan file as read: its bytes (and their sha256), decoded text without the BOM."""

    path: Path
    raw: bytes

    @classmethod
    def read(cls, path: str | Path) -> PlanFile:
        # through the one input reader: a FIFO, a device or an oversized file is an InputProblem (exit 2)
        return cls(Path(path), read_input(path, MAX_BYTES, "plan"))

    @property
    def digest(self) -> str:
        return digest(self.raw)

    @property
    def text(self) -> str:
        try:
            return decode(self.raw)
        except YamlProblem as problem:
            raise EditError(f"{self.path}: {problem.message}") from None

    def edited(
        self, edits: Sequence[PlanEdit], *, loaded: bool = False, parsed: Any = None, layout: Layout | None = None
    ) -> bytes:
        """The file's new bytes (nothing written): edits applied, plan re-validated, BOM kept. ``loaded`` /
        ``parsed`` / ``layout``: the caller has loaded ``raw`` without findings (see ``apply_edits``)."""
        return self.edited_loaded(edits, loaded=loaded, parsed=parsed, layout=layout)[0]

    def edited_loaded(
        self, edits: Sequence[PlanEdit], *, loaded: bool = False, parsed: Any = None, layout: Layout | None = None
    ) -> tuple[bytes, LoadedPlan]:
        """``edited``, and the edited plan as it was re-validated."""
        try:
            new_text, after = apply_edits_loaded(self.text, edits, loaded=loaded, parsed=parsed, layout=layout)
        except EditError as error:
            place = f"{self.path}:{error.where[0]}:{error.where[1]}" if error.where else str(self.path)
            raise EditError(f"{place}: {error}") from None
        return (BOM if self.raw.startswith(BOM) else b"") + new_text.encode("utf-8"), after

    def commit(self, new: bytes) -> None:
        """Replace the file atomically, unless it changed since read. (Many plans at once: ``StagedFiles``.)"""
        with atomic_writer(self.path) as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
            self.check_unchanged()  # last, right before the replace: a writer in between is caught
        sync_folder(self.path.parent)

    def check_unchanged(self) -> None:
        """Raise ``ConcurrentChange`` when the file on disk is no longer the bytes read."""
        problem = self.changed_on_disk()
        if problem is not None:
            raise ConcurrentChange(problem)

    def changed_on_disk(self) -> str | None:
        """Why the file must not be replaced (it is no longer the bytes read), or None."""
        if _current_bytes(self.path) != self.raw:
            return f"{self.path} changed on disk since it was read; nothing was written"
        return None

    def write(self, edits: Sequence[PlanEdit]) -> bool:
        """Apply ``edits`` and write the file; False (and no write) when they change nothing."""
        new = self.edited(edits)
        if new == self.raw:
            return False
        self.commit(new)
        return True


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # removed, renamed away, made a folder or unreadable by someone else: a change too
        return None


def write_plan_edits(path: str | Path, expected: str | bytes, edits: Sequence[PlanEdit]) -> bool:
    """Edit the plan at ``path`` that a caller read earlier as ``expected`` (its bytes or their sha256).

    Raises ``ConcurrentChange`` when the file no longer matches ``expected`` (before or at the replace) and
    ``EditError`` when the edits do not apply or the result would not load. Returns whether it wrote.
    """
    plan = PlanFile.read(path)
    wanted = digest(expected) if isinstance(expected, bytes) else expected
    if plan.digest != wanted:
        raise ConcurrentChange(f"{path} changed on disk since it was read; nothing was written")
    return plan.write(edits)
