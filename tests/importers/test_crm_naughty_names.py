"""The Big List of Naughty Strings as opportunity names: every one is appended to its plan, written so that
the plan reads it back exactly, and a second import finds nothing to change."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from tests.conftest import SHARED, program_with

PLAN = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
opportunities:
  - name: Existing
    value: $1K
    probability: 10%
"""


def test_naughty_opportunity_names_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    corpus: list[str] = json.loads((SHARED / "corpora" / "blns.json").read_text(encoding="utf-8"))
    names = [text for text in corpus if text.strip() and "\x00" not in text]  # a blank name is skipped, NUL unwritable
    plan = program_with(tmp_path, monkeypatch, {"acme.yaml": PLAN}) / "plans" / "acme.yaml"
    with (tmp_path / "export.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Opportunity Name", "Account Name", "Stage", "Amount", "Probability (%)", "Opportunity ID"])
        writer.writerows(
            [name, "Acme Corp", "Prospecting", "1000", "10", f"006N{n:05}"] for n, name in enumerate(names)
        )
    first = run_cli("import", "export.csv", "--today", "2026-06-01")
    assert first.exit_code == 0, first.stderr
    assert f"{len(names)} opportunities added in 1 of 1 plan" in first.stderr
    # one line per new opportunity, whatever its name holds: a line break or an ESC is shown as an escape
    printed = first.stdout.splitlines()
    assert len([line for line in printed if line.endswith(": new opportunity, value $1,000")]) == len(names)
    assert not [line for line in printed if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in line)]
    assert "Acme Corp: Roses are \\x1b[0;31mred\\x1b[0m, violets are" in first.stdout
    loaded = load_plan(plan)
    assert loaded.plan is not None, loaded.findings
    written = {item.crm_id: item.name for item in loaded.plan.opportunities}
    for number, name in enumerate(names):
        crm_id = f"006N{number:05}"
        # a name the plan already has (compared without case) gets its id after it, and a notice
        assert written[crm_id] in (name.strip(), f"{name.strip()} ({crm_id})"), (crm_id, name)
    after = plan.read_bytes()
    again = run_cli("import", "export.csv", "--today", "2026-06-01")
    assert again.exit_code == 0, again.stderr
    assert "0 values changed and 0 opportunities added" in again.stderr
    assert plan.read_bytes() == after
