"""Absurd numbers in samkit.toml: exit 2 naming the key, never Python's integer-conversion error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_PLAN
from tests.hostile.conftest import assert_clean_exit, samkit

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("setting", "where"),
    [
        (f"[lint]\nstale_contact_days = {HUGE}\n", "samkit.toml:2: stale_contact_days"),
        (f"[lint]\nstale_contact_days = {'9' * 40}\n", "samkit.toml: lint.stale_contact_days"),
        (f"[scoring.weights]\ncurrent_revenue = 1.{HUGE}\n", "samkit.toml: scoring.weights.current_revenue"),
        ("[scoring.weights]\ncurrent_revenue = 1e999999999\n", "samkit.toml: scoring.weights.current_revenue"),
    ],
    ids=["5000-digit-int", "40-digit-int", "5000-digit-decimal", "huge-exponent"],
)
@pytest.mark.parametrize("command", [["score", "roster.csv"], ["lint", "plans"], ["validate", "plans"]])
def test_a_number_too_long_is_a_configuration_error(
    tmp_path: Path, setting: str, where: str, command: list[str]
) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(SEED_PLAN, tmp_path / "plans" / "gfc.yaml")
    shutil.copy(REPO / "plans" / "roster.csv", tmp_path / "roster.csv")
    (tmp_path / "samkit.toml").write_text(setting, encoding="utf-8")
    result = samkit(*command, cwd=tmp_path)
    assert_clean_exit(result, 2)
    assert f"{where}: number too long; settings have at most 30 digits" in result.stderr
