"""``samkit init`` where the folder cannot be one, and on a machine without git: one line and exit 2, or the
scaffold without the git parts and a note that says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from samkit.scaffold import DEFAULT_BRANCH

RunCli = Callable[..., Any]


def test_a_file_is_not_a_directory(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", "notes", "--today", "2026-02-16")
    assert result.exit_code == 2
    assert result.stderr == "samkit: error: notes: not a directory\n"
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "mine\n"


def test_a_folder_under_a_file_cannot_be_written(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", "notes/team", "--today", "2026-02-16")
    assert result.exit_code == 2
    assert result.stderr == "samkit: error: cannot write in notes/team: Not a directory\n"


def test_without_git_on_path_the_scaffold_is_written_and_the_note_says_why(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no git, as on a fresh laptop
    result = run_cli("init", str(tmp_path / "team"), "--today", "2026-02-16")
    assert result.exit_code == 0, result.stderr
    assert "git init skipped: git was not found on PATH; samkit diff and review --since need git installed" in (
        result.stderr
    )
    team = tmp_path / "team"
    assert not (team / ".git").exists()
    assert (team / "plans" / "example-industries.yaml").is_file()
    workflow = yaml.safe_load((team / ".github" / "workflows" / "samkit.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == [DEFAULT_BRANCH]  # PyYAML reads the `on:` key as True
