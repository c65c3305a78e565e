"""CRM exports whose cells or rows a user gets wrong: each a one-line error naming the export's line, nothing
written; and the rows that are counted and skipped (churned accounts, rows without a name or a probability).

Small HubSpot deal and company exports written by the test, imported into a copy of the bundled plans.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import plan_bytes

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-06-01"
DEALS = '"Record ID","Deal Name","Deal Stage","Amount","Close Date","Associated Company","Deal probability"'
COMPANIES = '"Record ID","Company name","Annual recurring revenue","Renewal Date"'

RunCli = Callable[..., Any]


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans in a scratch folder that is the working directory."""
    shutil.copytree(REPO / "plans", tmp_path / "plans", ignore=shutil.ignore_patterns("*.csv"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(program: Path, header: str, *rows: str, name: str = "export.csv") -> str:
    (program / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return name


def deal(record: str, name: str, amount: str = "165000", close: str = "2026-09-01", probability: str = "0.5") -> str:
    return f'"{record}","{name}","Contract sent","{amount}","{close}","Meridian Health System","{probability}"'


def import_fails(program: Path, run_cli: RunCli, name: str) -> list[str]:
    """The import's error lines; it must exit 1 and leave every plan as it was."""
    before = plan_bytes(program)
    result = run_cli("import", name, "--today", TODAY)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert plan_bytes(program) == before
    lines: list[str] = result.stderr.splitlines()
    assert lines[-1].endswith("nothing was written"), lines
    assert "Traceback" not in result.stderr
    return lines[:-1]


def test_cells_that_are_no_amount_date_or_probability_name_their_line(program: Path, run_cli: RunCli) -> None:
    name = export(
        program,
        DEALS,
        deal("1", "Telehealth Scheduling", amount="165 grand"),
        deal("2", "Remaining Ten Hospitals", close="soon"),
        deal("3", "Integration Health Check", probability="lots"),
    )
    assert import_fails(program, run_cli, name) == [
        "export.csv:2: '165 grand' is not an amount of money; write a number or a form like $400K, $1.4M, $85,000",
        "export.csv:3: 'soon' is not a date (expected YYYY-MM-DD or set [import] date_format)",
        "export.csv:4: 'lots' is not a probability; write a percentage like 65% or a number like 0.65",
    ]


def test_a_date_in_no_form_of_the_configured_one_names_the_setting(program: Path, run_cli: RunCli) -> None:
    (program / "samkit.toml").write_text('[import]\ndate_format = "%d/%m/%Y"\n', encoding="utf-8")
    name = export(program, DEALS, deal("1", "Telehealth Scheduling", close="2026.09.01"))
    assert import_fails(program, run_cli, name) == [
        "export.csv:2: '2026.09.01' is not a date (expected YYYY-MM-DD or [import] date_format '%d/%m/%Y')"
    ]


def test_dates_that_read_two_ways_ask_for_the_setting(program: Path, run_cli: RunCli) -> None:
    name = export(
        program,
        DEALS,
        deal("1", "Telehealth Scheduling", close="03/04/2026"),
        deal("2", "Remaining Ten Hospitals", close="05/06/2026"),
    )
    [line] = import_fails(program, run_cli, name)
    assert line.startswith("export.csv: dates like "), line  # the export named once
    assert re.search(r"dates like '0[35]/0[46]/2026' read as %m/%d/%Y or as %d/%m/%Y; ", line), line
    assert line.endswith('set [import] date_format = "%m/%d/%Y" (or "%d/%m/%Y") in samkit.toml')
    (program / "samkit.toml").write_text('[import]\ndate_format = "%d/%m/%Y"\n', encoding="utf-8")
    assert run_cli("import", name, "--today", TODAY, "--dry-run").exit_code == 0


def test_an_opportunity_id_twice_in_the_export_names_the_first(program: Path, run_cli: RunCli) -> None:
    name = export(program, DEALS, deal("77", "Telehealth Scheduling"), deal("77", "Remaining Ten Hospitals"))
    assert import_fails(program, run_cli, name) == [
        "export.csv:3: opportunity id '77' appears twice, with other values (first at export.csv:2)"
    ]
    again = export(program, DEALS, deal("77", "Telehealth Scheduling"), deal("77", "Telehealth Scheduling", "1"))
    assert import_fails(program, run_cli, again) == [
        "export.csv:3: opportunity id '77' appears twice, with other values (first at export.csv:2)"
    ]


def test_a_report_of_opportunities_with_products_imports_each_opportunity_once(program: Path, run_cli: RunCli) -> None:
    """Salesforce's "Opportunities with Products" repeats an opportunity's row for each product: the same
    values each time, so the repeats are one opportunity (counted), not an error."""
    header = '"Opportunity Name","Account Name","Stage","Amount","Close Date","Opportunity ID","Product Name"'
    row = '"Telehealth Scheduling","Meridian Health System","Negotiation/Review","171000","2026-09-01","006TELE"'
    name = export(program, header, f'{row},"Scheduling"', f'{row},"Video Visits"', f'{row},"Reminders"')
    result = run_cli("import", name, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["skipped"] == {"opportunity repeated with the same values": 2}
    assert {change["field"] for change in document["changes"]} == {"value", "probability", "crm_id", "close_date"}
    assert [change["new"] for change in document["changes"] if change["field"] == "value"] == ["171000"]


def test_rows_without_a_name_or_a_probability_are_counted_not_added(program: Path, run_cli: RunCli) -> None:
    header = '"Record ID","Deal Name","Deal Stage","Amount","Close Date","Associated Company"'
    name = export(
        program,
        header,
        '"1","","Contract sent","1000","2026-09-01","Meridian Health System"',
        '"2","Brand New Deal","Custom Stage","1000","2026-09-01","Meridian Health System"',
    )
    (program / "samkit.toml").write_text('[import.stages]\n"Custom Stage" = "open"\n', encoding="utf-8")
    before = plan_bytes(program)
    result = run_cli("import", name, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert "2 rows read, 0 values changed and 0 opportunities added in 0 of 5 plans, 2 skipped" in result.stderr
    assert "1 no opportunity name" in result.stderr
    assert "1 new opportunity without a probability" in result.stderr


def test_a_churned_account_s_rows_are_skipped(program: Path, run_cli: RunCli) -> None:
    meridian = program / "plans" / "meridian-health-system.yaml"
    meridian.write_bytes(
        meridian.read_bytes().replace(
            b"  name: Meridian Health System\n", b"  name: Meridian Health System\n  status: churned\n", 1
        )
    )
    name = export(program, DEALS, deal("1", "Telehealth Scheduling", amount="999999"))
    before = plan_bytes(program)
    result = run_cli("import", name, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert "1 churned account" in result.stderr


def test_a_plan_that_does_not_load_is_named_and_left_untouched(program: Path, run_cli: RunCli) -> None:
    """The other plans are imported; the broken one's rows are skipped, and the note says why they are."""
    meridian = program / "plans" / "meridian-health-system.yaml"
    meridian.write_bytes(meridian.read_bytes().replace(b"  tier: ", b"  tier: keyy # ", 1))
    broken = meridian.read_bytes()
    name = export(
        program,
        COMPANIES,
        '"9120034513","Meridian Health System","250000","2027-06-30"',
        '"9120034512","Northwind Retail Group","250000","2027-06-30"',
    )
    result = run_cli("import", name, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert meridian.read_bytes() == broken
    assert "'keyy' is not a valid tier" in result.stderr
    assert "1 plan does not load and was left untouched; rows for its account are skipped\n" in result.stderr
    assert "skipped: 1 plan does not load" in result.stderr and "outside the program" not in result.stderr
    assert b"  arr: $250K\n" in (program / "plans" / "northwind-retail-group.yaml").read_bytes()


def test_a_churned_account_s_arr_is_left_as_the_plan_has_it(program: Path, run_cli: RunCli) -> None:
    """A churned plan is history: the ARR it had when it churned stays, whatever the CRM still says."""
    northwind = program / "plans" / "northwind-retail-group.yaml"
    northwind.write_bytes(
        northwind.read_bytes().replace(
            b"  name: Northwind Retail Group\n", b"  name: Northwind Retail Group\n  status: churned\n", 1
        )
    )
    name = export(program, COMPANIES, '"9120034512","Northwind Retail Group","250000","2027-06-30"')
    before = plan_bytes(program)
    result = run_cli("import", name, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert "skipped: 1 churned account" in result.stderr


def test_an_account_export_with_a_bad_cell_or_a_second_row_writes_nothing(program: Path, run_cli: RunCli) -> None:
    name = export(
        program,
        COMPANIES,
        '"9120034511","Blue Harbor Logistics","about 120k","2027-06-30"',
        '"9120034512","Northwind Retail Group","250000","2027-13-01"',
        '"9120034513","Meridian Health System","250000","2027-06-30"',
        '"9120034514","Meridian Health System","260000","2027-06-30"',
    )
    assert import_fails(program, run_cli, name) == [
        "export.csv:2: 'about 120k' is not an amount of money; write a number or a form like $400K, $1.4M, $85,000",
        "export.csv:3: '2027-13-01' is written YYYY-MM-DD, but there is no month 13",
        "export.csv:5: a second row for Meridian Health System, with other values (first at export.csv:4)",
    ]


def test_an_account_repeated_with_the_same_values_is_one_account(program: Path, run_cli: RunCli) -> None:
    """A report of accounts with their contacts repeats each account's row: one account, the repeats counted."""
    row = '"9120034512","Northwind Retail Group","250000","2027-06-30"'
    name = export(program, COMPANIES, row, row, row)
    result = run_cli("import", name, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["skipped"] == {"account repeated with the same values": 2}
    assert [(change["field"], change["new"]) for change in document["changes"] if change["field"] == "arr"] == [
        ("arr", "250000")
    ]


def test_an_account_export_in_another_currency_is_refused(program: Path, run_cli: RunCli) -> None:
    name = export(
        program,
        '"Record ID","Company name","Annual recurring revenue","Currency"',
        '"9120034511","Blue Harbor Logistics","120000","EUR"',
    )
    [line] = import_fails(program, run_cli, name)
    assert line.startswith("export.csv:2: currency 'EUR' is not the program's USD ([program] currency)")


def inline_first_opportunity(program: Path) -> str:
    """Meridian's first opportunity written as one inline mapping; an import of a deal that updates it."""
    meridian = program / "plans" / "meridian-health-system.yaml"
    text = meridian.read_text(encoding="utf-8")
    block = text[text.index("  - name: Telehealth Scheduling\n") : text.index("  - name: Remaining Ten Hospitals\n")]
    inline = "  - {name: Telehealth Scheduling, value: $150K, probability: 40%}\n"
    meridian.write_text(text.replace(block, inline), encoding="utf-8")
    return export(program, DEALS, deal("1", "Telehealth Scheduling", amount="165000", probability="0.5"))


def test_an_opportunity_written_inline_is_named_and_nothing_is_written(program: Path, run_cli: RunCli) -> None:
    [line] = import_fails(program, run_cli, inline_first_opportunity(program))
    assert line.startswith("plans/meridian-health-system.yaml: ")
    assert line.endswith(
        ": opportunities.0 is written inline ({...}); write it one key per line (samkit then edits it), or add 'crm_id' by hand"
    )


def test_a_crm_write_error_names_the_plan_once(program: Path, run_cli: RunCli) -> None:
    assert import_fails(program, run_cli, inline_first_opportunity(program)) == [
        "plans/meridian-health-system.yaml: opportunities.0 is written inline ({...}); write it one key per line (samkit then edits it), or add 'crm_id' by hand"
    ]
