"""``samkit.wording.plural`` and the sentences that use it: a count of one reads "1 day", never "1 days"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.wording import do_not_load, plural
from tests.conftest import program_with

RunCli = Callable[..., Any]

ONE_STAKEHOLDER = """\
account:
  name: Solo Co
  manager: Maria Rodriguez
  tier: standard
last_reviewed: 2026-01-31
stakeholders:
  - name: Ann Buyer
    role: economic_buyer
    relationship: strong
    last_contact: 2026-01-15
"""


@pytest.mark.parametrize(
    ("count", "noun", "irregular", "expected"),
    [
        (0, "day", None, "0 days"),
        (1, "day", None, "1 day"),
        (2, "account", None, "2 accounts"),
        (1, "opportunity", "opportunities", "1 opportunity"),
        (3, "opportunity", "opportunities", "3 opportunities"),
    ],
)
def test_plural(count: int, noun: str, irregular: str | None, expected: str) -> None:
    assert plural(count, noun, irregular) == expected


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return program_with(tmp_path, monkeypatch, {"solo.yaml": ONE_STAKEHOLDER})


def test_counts_of_one_read_in_the_singular(folder: Path, run_cli: RunCli) -> None:
    lint = run_cli("lint", "plans", "--today", "2026-02-01")
    assert "thin coverage: 1 stakeholder mapped, fewer than 3" in lint.stdout
    assert "relationships (moderate or strong) with 1 of 1 stakeholder; build at least 2" in lint.stdout
    review = run_cli("review", "plans/solo.yaml", "--today", "2026-02-01")
    assert review.exit_code == 0, review.stderr
    assert "last review 2026-01-31, 1 day ago" in review.stdout
    (folder / "roster.csv").write_text(
        "Account,Current Revenue,Expansion Potential,Strategic Fit,Market Influence,Relationship Strength,"
        "Product Adoption,Partnership Potential\nSolo Co,5,5,5,5,5,5,5\n",
        encoding="utf-8",
    )
    score = run_cli("score", "roster.csv")
    assert score.exit_code == 0, score.stderr
    assert "roster.csv: 1 account by score" in score.stdout


def test_the_verbs_agree_with_the_count_of_plans() -> None:
    assert do_not_load(1) == "1 plan does not load and was"
    assert do_not_load(3) == "3 plans do not load and were"
