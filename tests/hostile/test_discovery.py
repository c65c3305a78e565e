"""Finding plans: nothing found is exit 2 for every plan command; an unreadable sub-folder is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samkit.plan.loader import discover_plans
from tests.conftest import SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit

PLAN_COMMANDS = [["validate"], ["lint"], ["coverage"], ["pipeline"], ["portfolio"], ["render", "--out-dir", "docs"]]


@pytest.mark.parametrize("command", PLAN_COMMANDS, ids=lambda command: command[0])
def test_an_empty_folder_is_nothing_to_check(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "notes.txt").write_text("not a plan\n", encoding="utf-8")
    result = samkit(command[0], "plans", *command[1:], cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "samkit: error: nothing to check: no plan files (*.yaml, *.yml) in plans" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", PLAN_COMMANDS, ids=lambda command: command[0])
def test_a_mistyped_folder_is_exit_2(tmp_path: Path, command: list[str]) -> None:
    result = samkit(command[0], "plnas", *command[1:], cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert "plnas: no such file or directory" in result.stderr


def test_an_unreadable_sub_folder_is_named_not_skipped_silently(tmp_path: Path, restricted: list[str]) -> None:
    (tmp_path / "plans" / "emea").mkdir(parents=True)
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "emea" / "other.yaml")
    (tmp_path / "plans" / "emea").chmod(0o000)
    try:
        result = samkit("validate", "plans", cwd=tmp_path, as_user=restricted)
    finally:
        (tmp_path / "plans" / "emea").chmod(0o755)
    assert_clean_exit(result, 0)
    assert "samkit: warning: plans/emea: cannot read the folder (Permission denied); plans in it are not checked" in (
        result.stderr
    )
    assert "1 plan valid" in result.stderr


def test_discovery_reports_through_the_callback(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    (tmp_path / "plans" / ".hidden").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / ".hidden" / "x.yaml")
    warnings: list[str] = []
    assert discover_plans([tmp_path / "plans"], warn=warnings.append) == [tmp_path / "plans" / "gfc.yaml"]
    assert warnings == []
