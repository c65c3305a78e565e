"""Rows of accounts outside the program are decided on their account and id cells alone, counted by reason."""

from __future__ import annotations

from pathlib import Path

from samkit.config import Config
from samkit.importers.crm_rows import ImportKind, read_crm_file
from samkit.importers.crm_session import spellings
from samkit.importers.crm_values import file_forms
from samkit.importers.matching import PlanIndex
from samkit.importers.opportunities import PlanSide, Settings, import_opportunities
from samkit.importers.stages import StageMap
from samkit.plan.loader import load_plan

PLAN = """account:
  name: {name}
  manager: Maria Rodriguez
  tier: key
  arr: $500K
opportunities:
  - name: Renewal
    value: $100K
    kind: recurring
    timeframe: Q3 2026
    probability: 50%
    crm_id: {crm_id}
"""


def sides_of(folder: Path) -> list[PlanSide]:
    names = [("acme.yaml", "Acme", "006A1"), ("twin-1.yaml", "Twin", "006T1"), ("twin-2.yaml", "Twin", "006T2")]
    sides = []
    for file_name, name, crm_id in names:
        (folder / file_name).write_text(PLAN.format(name=name, crm_id=crm_id), encoding="utf-8")
        loaded = load_plan(folder / file_name)
        assert loaded.plan is not None, loaded.findings
        sides.append(PlanSide(loaded.path, loaded.plan, spellings(loaded.data)))
    return sides


def test_rows_outside_the_program_are_counted_by_reason_and_their_values_never_read(tmp_path: Path) -> None:
    sides = sides_of(tmp_path)
    export = tmp_path / "export.csv"
    export.write_text(
        "Account Name,Opportunity Name,Stage,Amount,Close Date,Opportunity ID\n"
        "Elsewhere Ltd,Deal,No Such Stage,not money,not a date,006X1\n"  # unknown account: cells never read
        "Twin,Deal,Prospecting,$1,2026-01-01,006X2\n"  # two plans are Twin: ambiguous
        ",Deal,Prospecting,$1,2026-01-01,006X3\n"  # no account at all
        "Elsewhere Ltd,Renewal,Prospecting,$1,2026-01-01, 006t1 \n"  # the program's id under another account
        "ACME Inc.,Renewal,Prospecting,$120K,2026-01-01,006A1\n",  # the program's row
        encoding="utf-8",
    )
    crm = read_crm_file(export, "export.csv", ImportKind.OPPORTUNITIES, {})
    settings = Settings(StageMap.configured(Config()), {}, "USD")
    index = PlanIndex((side.path, side.plan) for side in sides)
    outcome = import_opportunities([(crm, file_forms(crm, None, settings.currency))], sides, index, settings)
    assert outcome.invalid == []
    assert outcome.rows == 5
    assert dict(outcome.skipped) == {"account outside the program": 2, "ambiguous account": 1, "no account": 1}
    assert [(notice.account, notice.opportunity, notice.message) for notice in outcome.notices] == [
        ("Twin", "Renewal", "the CRM has crm id 006t1 under Elsewhere Ltd, outside the program; not moved"),
        ("Twin", "Renewal", "crm id 006T2 is not in the export; kept (close or remove it in the plan)"),
    ]
    assert {(Path(change.path).name, change.field) for change in outcome.changes} >= {
        ("acme.yaml", "value"),
        ("acme.yaml", "close_date"),
    }
    assert {Path(change.path).name for change in outcome.changes} == {"acme.yaml"}


def test_a_short_row_reads_its_missing_cells_as_blank(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Account Name,Stage,Amount,Opportunity ID\nAcme,Prospecting\n", encoding="utf-8")
    crm = read_crm_file(export, "export.csv", ImportKind.OPPORTUNITIES, {})
    assert crm.column("amount") == [""] and crm.column("probability") == [""]
    row = crm.row(0)
    assert (row.line, row.cells.get("account"), row.cells.get("amount"), "opportunity_id" in row.cells) == (
        2,
        "Acme",
        None,
        False,
    )
