"""End-to-end runs of the installed console script, as a user's shell or a CI job runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samkit import __version__
from tests.conftest import CONTRACT_COMMANDS, REPO

SAMKIT = shutil.which("samkit", path=str(Path(sys.executable).parent))

pytestmark = pytest.mark.skipif(SAMKIT is None, reason="the samkit console script is not installed next to python")


def samkit(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    assert SAMKIT is not None
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMKIT_")}
    env["NO_COLOR"] = "1"
    return subprocess.run([SAMKIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_help_lists_every_command() -> None:
    result = samkit("--help")
    assert result.returncode == 0
    for name in CONTRACT_COMMANDS:
        assert name in result.stdout
    assert result.stderr == ""


def test_version() -> None:
    result = samkit("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"samkit {__version__}"


def test_validate_the_example_plans() -> None:
    result = samkit("validate", "plans/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "plans valid" in result.stderr


def test_validate_with_the_default_folder() -> None:
    result = samkit("validate")
    assert result.returncode == 0
    assert "plans valid" in result.stderr


def test_broken_plan_exits_1_with_path_line_column(tmp_path: Path) -> None:
    plan = tmp_path / "broken.yaml"
    plan.write_text(
        "account:\n  name: Broken\n  manager: Maria Rodriguez\nopportunities:\n"
        "  - name: Payments\n    value: $400K\n    probability: 65\n",
        encoding="utf-8",
    )
    result = samkit("validate", "broken.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stdout
        == "broken.yaml:7:18: opportunities.0.probability: probability 65 is ambiguous; write 65% or 0.65\n"
    )
    assert "Traceback" not in result.stderr


def test_binary_plan_exits_1_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "blob.yaml").write_bytes(bytes(range(256)) * 4)
    result = samkit("validate", "blob.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("blob.yaml:1:1: ")
    assert "Traceback" not in result.stderr


def test_missing_path_exits_2() -> None:
    result = samkit("validate", "no/such/plans")
    assert result.returncode == 2
    assert result.stderr.strip() == "samkit: error: no/such/plans: no such file or directory"
    assert "Traceback" not in result.stderr


def test_bad_configuration_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "samkit.toml").write_text("[lint]\nstale_days = 3\n", encoding="utf-8")
    result = samkit("lint", "--today", "2026-02-01", cwd=tmp_path)
    assert result.returncode == 2
    assert "samkit.toml: lint.stale_days: unknown key" in result.stderr
    assert "Traceback" not in result.stderr
