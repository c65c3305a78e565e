"""Inputs that are not regular files: a FIFO never hangs a command, /dev/zero is never read to the end."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")

ROSTER = REPO / "plans" / "roster.csv"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_as_a_roster_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "roster.csv"
    os.mkfifo(pipe)
    result = samkit("score", "roster.csv", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "roster.csv: is a named pipe (FIFO), not a regular file" in result.stderr


@pytest.mark.slow
def test_a_fifo_as_a_plan_is_refused_at_once(fifo: Path) -> None:
    for command in (["validate", fifo.name], ["lint", fifo.name], ["render", fifo.name], ["review", fifo.name]):
        result = samkit(*command, cwd=fifo.parent)
        assert_clean_exit(result, 2)
        assert "pipe.yaml:" in result.stderr and "not a regular file" in result.stderr, command


@pytest.mark.slow
def test_a_fifo_as_the_output_is_refused(tmp_path: Path) -> None:
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    shutil.copy(ROSTER, tmp_path / "roster.csv")
    os.mkfifo(tmp_path / "out.md")
    for command in (
        ["render", "gfc.yaml", "-o", "out.md"],
        ["review", "gfc.yaml", "--today", "2026-02-01", "-o", "out.md"],
        ["score", "roster.csv", "-o", "out.md"],
    ):
        result = samkit(*command, cwd=tmp_path)
        assert_clean_exit(result, 2)
        assert "out.md: is not a regular file (a FIFO or a device); refusing to write to it" in result.stderr
    assert (tmp_path / "out.md").is_fifo()  # still the pipe: not replaced by a file either


def test_a_fifo_inside_the_out_dir_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "gfc.md")
    result = samkit("render", "plans", "--out-dir", "docs", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "docs/gfc.md: is not a regular file" in result.stderr


def test_a_check_never_talks_about_writing(tmp_path: Path) -> None:
    """``--check`` writes nothing, so a target it cannot compare is a check it cannot make (exit 2)."""
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    os.mkfifo(tmp_path / "out.md")
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "gfc.md")
    (tmp_path / "site").mkdir()
    os.mkfifo(tmp_path / "site" / "index.html")
    for command, shown in (
        (["render", "gfc.yaml", "-o", "out.md", "--check"], "out.md"),
        (["render", "gfc.yaml", "--out-dir", "docs", "--check"], "docs/gfc.md"),
        (["site", "gfc.yaml", "--out-dir", "site", "--check", "--today", "2026-02-01"], "site/index.html"),
    ):
        result = samkit(*command, cwd=tmp_path)
        assert_clean_exit(result, 2)
        assert f"{shown}: cannot check: not a regular file" in result.stderr, command
        assert "writ" not in result.stderr, command  # neither "write" nor "writing"
    assert (tmp_path / "out.md").is_fifo() and (tmp_path / "site" / "index.html").is_fifo()


def test_a_fifo_as_the_template_or_the_configuration_is_refused(tmp_path: Path) -> None:
    shutil.copy(SEED_PLAN, tmp_path / "gfc.yaml")
    os.mkfifo(tmp_path / "t.md.j2")
    os.mkfifo(tmp_path / "samkit.toml")
    result = samkit("render", "gfc.yaml", "--template", "t.md.j2", "--config", "/dev/null", cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "not a regular file" in result.stderr
    result = samkit("validate", "gfc.yaml", cwd=tmp_path)  # the samkit.toml found by looking around
    assert_clean_exit(result, 2)
    assert "samkit.toml: is a named pipe (FIFO)" in result.stderr


def test_a_fifo_in_a_plans_folder_is_not_a_plan(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    os.mkfifo(tmp_path / "plans" / "pipe.yaml")
    result = samkit("validate", "plans", cwd=tmp_path)
    assert_clean_exit(result, 0)
    assert "1 plan valid" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_never_read() -> None:
    for command in (
        ["score", "/dev/zero"],
        ["validate", "/dev/zero"],
        ["diff", "--textconv", "/dev/zero"],
        ["review", "/dev/zero"],
        ["validate", REPO.joinpath("plans").as_posix(), "--config", "/dev/zero"],
    ):
        result = samkit(*command, cwd=REPO, timeout=30)
        assert_clean_exit(result, 2)
        assert "/dev/zero: is a device, not a regular file" in result.stderr or (
            "not a regular file" in result.stderr
        ), command
