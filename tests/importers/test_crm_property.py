"""Property: an export generated from a program, imported into that program's plans, changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.importers.crm_export import SAMKIT_TOML, STAGES, ReportRow, report_text

WORDS = ["Alpha", "Beta", "Gamma", "Delta", "Rollout", "Renewal", "Expansion", "Pilot", "Module", "Suite"]

opportunity = st.fixed_dictionaries(
    {
        "name": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
        "value": st.integers(min_value=0, max_value=10**9).map(lambda cents: Decimal(cents) / 100),
        "probability": st.integers(min_value=0, max_value=100),
        "status": st.sampled_from(list(STAGES)),
        "close_date": st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
        "has_id": st.booleans(),
    }
)
program_strategy = st.lists(st.lists(opportunity, max_size=4), min_size=1, max_size=3)
# rows the CRM deleted: of a program account (by number), named at random (so often like a live one), with
# a fresh id or none
deleted_strategy = st.lists(st.tuples(st.integers(min_value=0, max_value=2), opportunity), max_size=6)


def plan_text(number: int, opportunities: list[dict[str, Any]]) -> str:
    lines = ["account:", f"  name: Account {number} Corp", "  manager: Maria Rodriguez", "opportunities:"]
    for index, item in enumerate(opportunities):
        lines += [
            f"  - name: {item['name']}",
            f"    value: {item['value']}",
            f"    probability: {item['probability']}%",
            f"    status: {item['status']}",
        ]
        if item["status"] != "open":
            lines.append(f"    closed: {item['close_date'].isoformat()}")
        if item["has_id"]:
            lines.append(f"    crm_id: 006-{number}-{index}")
        lines.append(f"    close_date: {item['close_date'].isoformat()}")
    return "\n".join(lines) + "\n"


def report_row(number: int, item: dict[str, Any], crm_id: str | None) -> ReportRow:
    return ReportRow(
        f"Account {number} Corp, Inc.",
        item["name"],
        item["status"],
        item["value"],
        Decimal(item["probability"]),
        item["close_date"],
        crm_id,
    )


def export_text(program: list[list[dict[str, Any]]], deleted: list[tuple[int, dict[str, Any]]] | None = None) -> str:
    rows = [
        report_row(number, item, f"006-{number}-{index}" if item["has_id"] else None)
        for number, opportunities in enumerate(program)
        for index, item in enumerate(opportunities)
    ]
    if deleted is None:
        return report_text(rows)
    gone = [
        report_row(number % len(program), item, f"006-deleted-{index}" if item["has_id"] else None)
        for index, (number, item) in enumerate(deleted)
    ]
    return report_text(rows, gone)


def unique_names(program: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    kept = []
    for opportunities in program:
        by_name: dict[str, dict[str, Any]] = {}
        for item in opportunities:
            by_name.setdefault(item["name"], item)  # the first of each name
        kept.append(list(by_name.values()))
    return kept


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=program_strategy, deleted=st.none() | deleted_strategy)
def test_importing_a_programs_own_export_changes_nothing(
    tmp_path: Path,
    run_cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    generated: list[list[dict[str, Any]]],
    deleted: list[tuple[int, dict[str, Any]]] | None,
) -> None:
    """With or without rows the CRM deleted (an export of all rows: ``IsDeleted``), placed first, named
    like the live ones or not: the program's own export changes nothing."""
    program = unique_names(generated)
    folder = tmp_path / "run"
    (folder / "plans").mkdir(parents=True, exist_ok=True)
    for old in (folder / "plans").glob("*"):
        old.unlink()
    for number, opportunities in enumerate(program):
        (folder / "plans" / f"a{number}.yaml").write_text(plan_text(number, opportunities), encoding="utf-8")
    (folder / "export.csv").write_text(export_text(program, deleted), encoding="utf-8", newline="")
    (folder / "samkit.toml").write_text(SAMKIT_TOML, encoding="utf-8")
    monkeypatch.chdir(folder)
    before = {path.name: path.read_bytes() for path in (folder / "plans").iterdir()}
    result = run_cli("import", "export.csv", "--today", "2026-06-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert '"changes": []' in result.stdout
    assert {path.name: path.read_bytes() for path in (folder / "plans").iterdir()} == before
