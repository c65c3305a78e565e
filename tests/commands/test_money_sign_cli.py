"""Money shown in the program's currency (`[program] currency`): every report of a EUR program says €."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.values import format_money
from tests.conftest import program_with

Run = Callable[..., Any]
PLAN = """\
account:
  name: Euro Co
  manager: Ana Berg
  arr: €1.5M
stakeholders:
  - name: Xavier Roux
    relationship: strong
opportunities:
  - name: Fleet
    value: €100K
    probability: 50%
    timeframe: Q3 2026
  - name: Setup
    value: 1.01
    kind: one_time
    probability: 50%
    timeframe: Q3 2026
"""


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = program_with(tmp_path, monkeypatch, {"euro.yaml": PLAN})
    (root / "samkit.toml").write_text('[program]\ncurrency = "EUR"\n', encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["pipeline", "plans/"], "€100,001.01"),
        (["portfolio", "plans/", "--today", "2026-06-01"], "€1,500,000"),
        (["render", "plans/euro.yaml"], "**Current ARR:** €1,500,000"),
        (["review", "plans/euro.yaml", "--today", "2026-06-01"], "Fleet: €100,000 at 50% = €50,000"),
    ],
)
def test_every_report_of_a_euro_program_shows_euros(
    program: Path, run_cli: Run, command: list[str], shown: str
) -> None:
    result = run_cli(*command)
    assert shown in result.stdout
    assert "$" not in result.stdout  # not one amount in dollars
    assert format_money(Decimal(5)) == "$5"  # the run's sign is the run's only: the next starts from the default


def test_the_site_and_a_currency_without_a_sign(program: Path, run_cli: Run) -> None:
    assert run_cli("site", "plans/", "--out-dir", "site", "--today", "2026-06-01").exit_code == 0
    page = (program / "site" / "accounts" / "euro.html").read_text(encoding="utf-8")
    assert "€1,500,000" in page and "€0.51" in page and "$" not in page.replace("$schema", "")
    (program / "samkit.toml").write_text('[program]\ncurrency = "CHF"\n', encoding="utf-8")
    assert "CHF 100,001.01" in run_cli("pipeline", "plans/").stdout
    (program / "samkit.toml").write_text('[program]\ncurrency = "CAD"\n', encoding="utf-8")
    assert "$100,001.01" in run_cli("pipeline", "plans/").stdout  # the sign Canadians write
