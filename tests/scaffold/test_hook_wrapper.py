"""The wrapper `samkit init` writes for git's diff driver and pre-commit, run by real git and sh without samkit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo, git_environment

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("sh") is None, reason="needs git and sh")
TODAY = "2026-02-16"


def bare_path(tmp_path: Path) -> str:
    """A PATH with git, sh and cat but no samkit."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for tool in ("git", "sh", "cat", "less"):
        found = shutil.which(tool)
        if found and not (folder / tool).exists():
            (folder / tool).symlink_to(found)
    return str(folder)


def with_samkit_path(tmp_path: Path) -> str:
    """A PATH where `samkit` is this checkout's, run by the test's Python."""
    folder = tmp_path / "samkit-bin"
    folder.mkdir(exist_ok=True)
    script = folder / "samkit"
    root = Path(__file__).resolve().parents[2]
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{root}" exec "{sys.executable}" -m samkit "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{bare_path(tmp_path)}"


@pytest.fixture
def repo(tmp_path: Path, run_cli: Callable[..., Any]) -> GitRepo:
    root = tmp_path / "accounts"
    assert run_cli("init", str(root), "--today", TODAY).exit_code == 0
    repository = GitRepo(root)
    for key, value in (("user.name", "t"), ("user.email", "t@t.example"), ("commit.gpgsign", "false")):
        repository.git("config", key, value)
    repository.git("config", "diff.samkit.textconv", ".samkit/hook diff --textconv")
    repository.commit("init")
    repository.edit("plans/example-industries.yaml", "name: Example Industries", "name: Example Industries AG")
    return repository


def git_diff(repo: GitRepo, path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = git_environment({"PATH": path, "GIT_PAGER": "cat"})
    return subprocess.run(["git", "diff"], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


def test_without_samkit_git_diff_shows_the_plain_diff_and_says_how_to_install(repo: GitRepo, tmp_path: Path) -> None:
    result = git_diff(repo, bare_path(tmp_path), repo.root / "plans")  # from a subfolder too
    assert result.returncode == 0, result.stderr
    assert "-  name: Example Industries\n+  name: Example Industries AG\n" in result.stdout
    notes = result.stderr.splitlines()
    assert notes and all(line.startswith("samkit is not installed: ") for line in notes)
    assert "fatal" not in result.stderr


def test_with_samkit_git_diff_uses_the_diff_driver(repo: GitRepo, tmp_path: Path) -> None:
    result = git_diff(repo, with_samkit_path(tmp_path), repo.root)
    assert result.returncode == 0, result.stderr
    assert "Example Industries AG" in result.stdout
    assert "-  name: Example Industries\n" not in result.stdout  # the canonical view, not the raw lines
    assert result.stderr == ""


def test_without_samkit_the_hook_fails_in_one_line_that_says_what_to_do(repo: GitRepo, tmp_path: Path) -> None:
    result = subprocess.run(
        [".samkit/hook", "lint", "--pre-commit", "plans/example-industries.yaml"],
        cwd=repo.root,
        env={"PATH": bare_path(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("samkit is not installed: ") and "SKIP=samkit-lint" in line


def test_with_samkit_the_hook_runs_it(repo: GitRepo, tmp_path: Path) -> None:
    repo.git("add", "-A")
    result = subprocess.run(
        [".samkit/hook", "lint", "--pre-commit", "--today", TODAY, "plans/example-industries.yaml"],
        cwd=repo.root,
        env={"PATH": with_samkit_path(tmp_path), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "samkit lint: 1 plan checked, no problems" in result.stderr
