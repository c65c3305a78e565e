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


def _big_roster(tmp_path: Path, rows: int) -> Path:
    """A roster over ``COLUMNAR_MIN_BYTES``, so that polars reads it and writes the CSV."""
    from samkit.config import DIMENSIONS

    path = tmp_path / "roster.csv"
    lines = ["Account,Owner,ARR," + ",".join(DIMENSIONS)]
    lines += [f"Account {index:06d},Owner {index % 7},${index}K," + ",".join(["7.5"] * 7) for index in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_big_csv_on_a_pipe_arrives_whole(tmp_path: Path) -> None:
    """The process ends without tearing the interpreter down: what polars and Python wrote must be out first."""
    from samkit.output.score_out import render_csv
    from samkit.roster.reader import COLUMNAR_MIN_BYTES
    from samkit.roster.scoring import score_roster

    roster = _big_roster(tmp_path, 30_000)
    assert roster.stat().st_size >= COLUMNAR_MIN_BYTES
    result = samkit("score", str(roster), "--format", "csv")
    assert result.returncode == 0, result.stderr
    outcome = score_roster(roster)
    assert outcome.roster is not None and outcome.roster.frame is not None
    assert result.stdout == render_csv(outcome.roster)
    assert "30000 accounts scored" in result.stderr


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path, output_format: str) -> None:
    """`samkit score big.csv | head`: exit 1 with nothing on stderr, as Click ends such a run (no 'internal
    error' when polars is the one writing)."""
    assert SAMKIT is not None
    roster = _big_roster(tmp_path, 30_000)
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMKIT_")}
    process = subprocess.Popen(
        [SAMKIT, "score", str(roster), "--format", output_format],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "error" not in errors


def test_exit_codes_survive_the_quick_exit(tmp_path: Path) -> None:
    assert samkit("score", str(tmp_path / "missing.csv")).returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("Account,Owner,ARR,Current Revenue\nAcme,Ann,1,11\n", encoding="utf-8")
    assert samkit("score", str(bad)).returncode == 2  # missing dimension columns: usage
    assert samkit("validate", "plans/").returncode == 0
