"""Staged files are all put in place, or none: a failed write, a failed check or an error leaves every target
as it was and no temp file behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from samkit.fileio import staged as staged_module
from samkit.fileio.atomic import put_in_place
from samkit.fileio.staged import StagedFiles

# a target whose name fits the file system (255 bytes) while its temp file's (".{name}.XXXXXXXX.tmp") cannot
LONG_NAME = "p" * 245 + ".yaml"


def targets(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"plan-{number}.yaml"
        path.write_text(f"old {number}\n", encoding="utf-8")
        paths.append(path)
    return paths


def temp_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".*.tmp"))


def unchanged() -> str | None:
    return None


def test_every_staged_file_is_put_in_place_with_its_permissions(tmp_path: Path) -> None:
    paths = targets(tmp_path, 5)
    paths[0].chmod(0o640)
    with StagedFiles() as staged:
        for number, path in enumerate(paths):
            staged.stage(path, f"new {number}\n".encode(), unchanged, shown=path.name)
        written, problems = staged.replace_all()
    assert problems == []
    assert written == [path.name for path in paths]
    assert [path.read_text(encoding="utf-8") for path in paths] == [f"new {number}\n" for number in range(5)]
    assert paths[0].stat().st_mode & 0o777 == 0o640
    assert temp_files(tmp_path) == []


def test_a_write_that_fails_leaves_every_target_as_it_was(tmp_path: Path) -> None:
    paths = targets(tmp_path, 3)
    long_target = tmp_path / LONG_NAME
    long_target.write_text("old\n", encoding="utf-8")
    with StagedFiles() as staged:
        for path in [paths[0], long_target, *paths[1:]]:
            staged.stage(path, b"new\n", unchanged, shown=path.name[:12])
        written, problems = staged.replace_all()
    assert written == []
    assert problems == ["pppppppppppp: cannot write: File name too long"]
    assert [path.read_text(encoding="utf-8") for path in paths] == ["old 0\n", "old 1\n", "old 2\n"]
    assert temp_files(tmp_path) == []


def test_a_file_that_changed_since_it_was_read_stops_every_replace(tmp_path: Path) -> None:
    paths = targets(tmp_path, 3)

    def changed() -> str:
        return "plan-1.yaml changed on disk since it was read; nothing was written"

    with StagedFiles() as staged:
        for path in paths:
            staged.stage(path, b"new\n", changed if path.name == "plan-1.yaml" else unchanged)
        written, problems = staged.replace_all()
    assert (written, problems) == ([], ["plan-1.yaml changed on disk since it was read; nothing was written"])
    assert [path.read_text(encoding="utf-8") for path in paths] == ["old 0\n", "old 1\n", "old 2\n"]
    assert temp_files(tmp_path) == []


def test_a_change_in_the_last_moment_keeps_that_file_only(tmp_path: Path) -> None:
    """Checked once for all before any rename, then again right before each: a writer in between is caught."""
    paths = targets(tmp_path, 3)
    asked: list[int] = []

    def changes_after_the_first_look() -> str | None:
        asked.append(1)
        return None if len(asked) == 1 else "plan-2.yaml changed on disk since it was read"

    with StagedFiles() as staged:
        for path in paths:
            staged.stage(path, b"new\n", changes_after_the_first_look if path.name == "plan-2.yaml" else unchanged)
        written, problems = staged.replace_all()
    assert written == [str(paths[0]), str(paths[1])]
    assert problems == ["plan-2.yaml changed on disk since it was read"]
    assert paths[2].read_text(encoding="utf-8") == "old 2\n"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError("an edit failed"), KeyboardInterrupt()])
def test_leaving_the_block_early_removes_every_temp_file(tmp_path: Path, error: BaseException) -> None:
    paths = targets(tmp_path, 20)
    with pytest.raises(type(error)), StagedFiles() as staged:
        for path in paths:
            staged.stage(path, os.urandom(4096), unchanged)
        raise error
    assert temp_files(tmp_path) == []
    assert [path.read_text(encoding="utf-8") for path in paths] == [f"old {number}\n" for number in range(20)]


def test_a_ctrl_c_during_the_renames_waits_for_the_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C pressed after the first rename: every file is replaced, then the interrupt ends the run."""
    paths = targets(tmp_path, 5)
    renames: list[str] = []

    def rename_pressing_ctrl_c(temp_name: str, target: Path) -> None:
        if not renames:
            os.kill(os.getpid(), signal.SIGINT)
        renames.append(target.name)
        put_in_place(temp_name, target)

    monkeypatch.setattr(staged_module, "put_in_place", rename_pressing_ctrl_c)
    synced: list[Path] = []
    monkeypatch.setattr(staged_module, "sync_folder", synced.append)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with StagedFiles() as staged, pytest.raises(KeyboardInterrupt):
            for number, path in enumerate(paths):
                staged.stage(path, f"new {number}\n".encode(), unchanged, shown=path.name)
            staged.replace_all()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert renames == [path.name for path in paths]
    assert synced == [tmp_path]  # the renames are made durable before the interrupt ends the run
    assert [path.read_text(encoding="utf-8") for path in paths] == [f"new {number}\n" for number in range(5)]
    assert temp_files(tmp_path) == []
