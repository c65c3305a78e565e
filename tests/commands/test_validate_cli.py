"""``samkit validate``: exit codes 0/1/2, text and json output, the default ``plans/`` folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLANS, SEED_PLAN

GOOD = """\
account:
  name: Acme
  manager: Maria Rodriguez
"""
BAD = """\
account:
  name: Broken Co
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    relationship: close
opportunities:
  - name: Payments
    value: $400K
    probability: 65
"""

Run = Callable[..., Any]


def test_valid_plan_exits_0_with_a_summary_on_stderr(run_cli: Run) -> None:
    result = run_cli("validate", str(SEED_PLAN))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 plan valid" in result.stderr


def test_all_example_plans_are_valid(run_cli: Run) -> None:
    result = run_cli("validate", str(PLANS))
    assert result.exit_code == 0, result.stdout
    count = len(list(PLANS.glob("*.yaml")))
    assert count >= 4
    assert f"{count} plans valid" in result.stderr


def test_invalid_plan_exits_1_with_path_line_column_messages(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    path = write_plan(BAD, "broken.yaml")
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{path}:6:19: stakeholders.0.relationship: 'close' is not a valid relationship; "
        "expected one of: strong, moderate, weak, none",
        f"{path}:10:18: opportunities.0.probability: probability 65 is ambiguous; write 65% or 0.65",
    ]
    assert "1 plan checked, 1 invalid with 2 problems" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_format_lists_findings_and_nothing_else(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    path = write_plan(BAD, "broken.yaml")
    result = run_cli("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(finding["line"], finding["column"]) for finding in findings] == [(6, 19), (10, 18)]
    assert set(findings[0]) == {"path", "line", "column", "code", "severity", "message"}
    assert {finding["code"] for finding in findings} == {"SAM002"}
    assert {finding["severity"] for finding in findings} == {"error"}
    assert findings[0]["path"] == str(path)


def test_json_for_valid_plans_is_an_empty_list(run_cli: Run) -> None:
    result = run_cli("validate", "-f", "json", str(SEED_PLAN))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_syntax_error_is_sam001_in_json(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    path = write_plan("account:\n  name: A\n  name: B\n", "dup.yaml")
    result = run_cli("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)
    assert finding["code"] == "SAM001"
    assert (finding["line"], finding["column"]) == (3, 3)


def test_mixed_folder_reports_only_the_bad_plan(run_cli: Run, tmp_path: Path, write_plan: Callable[..., Path]) -> None:
    write_plan(GOOD, "plans/good.yaml")
    write_plan(BAD, "plans/bad.yaml")
    result = run_cli("validate", str(tmp_path / "plans"))
    assert result.exit_code == 1
    assert all("bad.yaml" in line for line in result.stdout.splitlines())
    assert "2 plans checked, 1 invalid with 2 problems" in result.stderr


def test_default_is_plans_in_the_working_directory(
    run_cli: Run, tmp_path: Path, write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(GOOD, "plans/acme.yaml")
    write_plan(BAD, "plans/teams/broken.yaml")
    write_plan(BAD, "elsewhere/ignored.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"plans/teams/broken.yaml"}
    assert "2 plans checked" in result.stderr


def test_no_plans_folder_is_a_usage_error(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "samkit: error: plans: no such file or directory" in result.stderr


def test_missing_path_exits_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert result.stdout == ""


def test_an_empty_folder_is_nothing_to_check_exit_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "nothing to check" in result.stderr


def test_unknown_format_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("validate", "--format", "xml", str(SEED_PLAN))
    assert result.exit_code == 2


def test_unknown_option_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("validate", "--frobnicate")
    assert result.exit_code == 2


def test_binary_file_exits_1_cleanly(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:1:1: ")
