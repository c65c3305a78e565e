"""Atomic writes leave no temporary file behind, even when the writer is never resumed after an interrupt."""

from __future__ import annotations

from pathlib import Path

import pytest

from samkit.errors import _interrupt
from samkit.fileio import atomic


def temp_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".*.tmp"))


def test_a_writer_stranded_mid_write_is_cleaned_up_at_exit(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("previous\n", encoding="utf-8")
    writer = atomic.atomic_writer(target)
    handle = writer.__enter__()
    handle.write(b"half")
    # an interrupt inside a context manager's __exit__ never resumes the writer: only the exit hook is left
    assert len(temp_files(tmp_path)) == 1
    atomic._remove_pending()
    assert temp_files(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_an_interrupt_swallowed_on_the_way_never_replaces_the_output(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("previous\n", encoding="utf-8")
    _interrupt.set()
    try:
        with pytest.raises(KeyboardInterrupt), atomic.atomic_writer(target) as handle:
            handle.write(b"new\n")
    finally:
        _interrupt.clear()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert temp_files(tmp_path) == []


def test_a_finished_write_leaves_nothing_pending(tmp_path: Path) -> None:
    with atomic.atomic_writer(tmp_path / "a.txt") as handle:
        handle.write(b"x\n")
    assert not any(name.startswith(str(tmp_path)) for name in atomic._PENDING)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "x\n"
