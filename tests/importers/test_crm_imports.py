"""Opportunity and account exports into the bundled plans: real layouts, byte-level expectations."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import plan_bytes
from tests.plan.test_crmids import eighteen

REPO = Path(__file__).resolve().parents[2]
CRM = REPO / "tests" / "data" / "crm"
TODAY = "2026-06-01"


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans in a scratch folder that is the working directory."""
    shutil.copytree(REPO / "plans", tmp_path / "plans", ignore=shutil.ignore_patterns("*.csv"))
    for name in CRM.iterdir():
        shutil.copy(name, tmp_path / name.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def give_atlas_its_crm_id(atlas: Path) -> None:
    """The bundled Atlas plan with its Salesforce account id, as the Data Export rows name it (by id alone)."""
    atlas.write_bytes(
        atlas.read_bytes().replace(b"  tier: strategic\n", b"  tier: strategic\n  crm_id: 0015e00000ATLAS\n")
    )


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines only in ``before`` and only in ``after`` (each file's other lines are byte-identical)."""
    import difflib

    old, new = before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True)
    diff = list(difflib.unified_diff(old, new, n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_salesforce_report_en_us_round_trip(program: Path, run_cli: Callable[..., Any]) -> None:
    before = plan_bytes(program)
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    after = plan_bytes(program)
    assert [name for name in before if before[name] != after[name]] == ["global-financial-corp.yaml"]
    removed, added = changed_lines(before["global-financial-corp.yaml"], after["global-financial-corp.yaml"])
    assert removed == [
        "    value: $400K\n",
        "    probability: 65%\n",
        "    probability: 80%\n",
    ]
    assert added == [
        "    value: $410K\n",
        "    probability: 90%\n",
        "    crm_id: 0065e00000PAY01\n",
        "    close_date: 2026-09-30\n",
        "    probability: 100%\n",
        "    status: won\n",
        "    closed: 2026-03-20\n",
        "    crm_id: 0065e00000ANA02\n",
        "    close_date: 2026-03-20\n",
        "  - name: Treasury, Cash & FX\n",
        "    value: $95,500.50\n",
        "    kind: recurring\n",
        "    probability: 75%\n",
        "    status: open\n",
        "    crm_id: 0065e00000TRS03\n",
        "    close_date: 2026-11-16\n",
    ]
    # footers and the account outside the program are skipped, each counted by its reason
    assert "3 report footer or summary line, 1 account outside the program" in result.stderr
    again = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert again.exit_code == 0 and plan_bytes(program) == after  # idempotent: by id now
    assert "0 values changed and 0 opportunities added" in again.stderr
    assert run_cli("validate", "plans").exit_code == 0


def test_salesforce_report_en_gb_and_a_lost_opportunity(program: Path, run_cli: Callable[..., Any]) -> None:
    before = plan_bytes(program)["northwind-retail-group.yaml"]
    result = run_cli("import", "sf-opportunity-report-en_GB.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    text = (program / "plans" / "northwind-retail-group.yaml").read_bytes()
    removed, added = changed_lines(before, text)
    assert "    status: lost\n" in added and "    closed: 2026-04-14\n" in added
    assert "    close_date: 2026-09-30\n" in added and "    probability: 50%\n" in added
    assert all(line.startswith(("    value:", "    probability:")) for line in removed)


def test_data_export_by_account_id_with_kinds(program: Path, run_cli: Callable[..., Any]) -> None:
    atlas = program / "plans" / "atlas-precision-manufacturing.yaml"
    # without an account id in the plan, an AccountId-only export matches no account: counted, nothing written
    skipped = run_cli("import", "Opportunity.csv", "--today", TODAY)
    assert skipped.exit_code == 0 and "4 account outside the program" in skipped.stderr
    give_atlas_its_crm_id(atlas)
    (program / "samkit.toml").write_text('[import.kinds]\n"Services" = "one_time"\n', encoding="utf-8")
    before = atlas.read_bytes()
    result = run_cli("import", "Opportunity.csv", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    fields = {
        (change["opportunity"], change["field"]): (change["old"], change["new"]) for change in document["changes"]
    }
    assert fields[("Predictive Maintenance Plants 2-3", "value")] == ("540000", "560000")
    assert fields[("ERP Connector", "status")] == ("open", "lost")
    assert fields[("Spare Parts Portal", "added")] == (None, "75000")
    assert document["skipped"] == {"account outside the program": 1}
    _removed, added = changed_lines(before, atlas.read_bytes())
    assert "    kind: one_time\n" in added and "  - name: Spare Parts Portal\n" in added
    assert "    value: $560K\n" in added and "    probability: 90%\n" in added


def test_a_data_export_finds_what_a_report_imported_by_its_18_character_ids(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """Reports write Salesforce ids in 15 characters, Data Export in 18: the same records, never appended again."""
    atlas = program / "plans" / "atlas-precision-manufacturing.yaml"
    give_atlas_its_crm_id(atlas)
    first = run_cli("import", "Opportunity.csv", "--today", TODAY)
    assert first.exit_code == 0, first.stderr
    after_first = atlas.read_bytes()
    assert b"    crm_id: 0065e00000ATL01\n" in after_first  # the 15-character form, as that export wrote it
    export = program / "Opportunity.csv"
    text = export.read_text(encoding="utf-8")
    for fifteen in set(re.findall(r'"(00[16]5e00000[A-Z]{3}[0-9A-Z]{2})"', text)):
        text = text.replace(f'"{fifteen}"', f'"{eighteen(fifteen)}"')
    assert '"0065e00000ATL01AAH"' in text and '"0015e00000ATLASAA5"' in text
    export.write_text(text, encoding="utf-8")
    again = run_cli("import", "Opportunity.csv", "--today", TODAY)
    assert again.exit_code == 0, again.stderr
    assert "0 values changed and 0 opportunities added" in again.stderr
    assert "skipped: 1 account outside the program" in again.stderr  # Atlas's three rows matched by id
    assert "not in the export" not in again.stdout + again.stderr
    assert atlas.read_bytes() == after_first


def test_hubspot_deals_use_the_stages_default_probability(program: Path, run_cli: Callable[..., Any]) -> None:
    meridian = program / "plans" / "meridian-health-system.yaml"
    before = meridian.read_bytes()
    result = run_cli("import", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _removed, added = changed_lines(before, meridian.read_bytes())
    # Contract sent: HubSpot's 90%; closedwon (internal name): won; Patient Portal: appended at 20%
    assert "    probability: 90%\n" in added and "    status: won\n" in added and "    closed: 2026-05-15\n" in added
    assert "  - name: Patient Portal\n" in added and "    probability: 20%\n" in added
    assert "    crm_id: 18374650211\n" not in added and '    crm_id: "18374650211"\n' in added  # text, quoted


def test_a_hubspot_deal_of_several_companies_goes_to_the_program_one(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """``Associated Company`` / ``Associated Company IDs`` hold every company of a deal, joined by ``;``."""
    meridian = program / "plans" / "meridian-health-system.yaml"
    (program / "deals.csv").write_text(
        '"Record ID","Deal Name","Deal Stage","Amount","Close Date","Associated Company","Associated Company IDs"\n'
        '"18374650299","Shared Services","Contract sent","50000","2026-10-30 00:00",'
        '"Partner Health Network;Meridian Health System","5550001;5550002"\n',
        encoding="utf-8",
    )
    before = meridian.read_bytes()
    result = run_cli("import", "deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _removed, added = changed_lines(before, meridian.read_bytes())
    assert "  - name: Shared Services\n" in added and "    value: $50K\n" in added
    # which of the two ids is Meridian's is not known: no account crm_id is written from the pair
    assert not any(line.startswith("  crm_id:") for line in added)
    assert "skipped" not in result.stderr


def test_a_hubspot_export_with_primary_company_headers_is_read_as_the_plain_one(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """HubSpot's exports since primary associations name the company columns ``... (Primary)``."""
    meridian = program / "plans" / "meridian-health-system.yaml"
    plain = (program / "hubspot-deals.csv").read_text(encoding="utf-8")
    (program / "primary.csv").write_text(
        plain.replace('"Associated Company"', '"Associated Company (Primary)"', 1), encoding="utf-8"
    )
    before = meridian.read_bytes()
    result = run_cli("import", "primary.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _removed, added = changed_lines(before, meridian.read_bytes())
    assert "  - name: Patient Portal\n" in added and "    status: won\n" in added
    assert "account 'Associated Company (Primary)'" in result.stderr


def test_an_opportunity_export_without_an_account_column_names_its_headers(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """Matching by id alone would import only what the plans hold already, and drop every new deal quietly."""
    (program / "ids.csv").write_text(
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Company Owner\n"
        "18374650213,Patient Portal,appointmentscheduled,40000,2026-12-15,Maria Rodriguez\n",
        encoding="utf-8",
    )
    before = plan_bytes(program)
    result = run_cli("import", "ids.csv", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith("samkit: error: ids.csv: no account column; found 'Record ID', 'Deal Name',")
    assert "map them with --column ROLE=HEADER" in result.stderr
    assert plan_bytes(program) == before
    (program / "names.csv").write_text("Name,Phone\nMeridian Health System,555\n", encoding="utf-8")
    both = run_cli("import", "names.csv", "--kind", "opportunities", "--today", TODAY)
    assert "names.csv: no stage column and no account column; found 'Name', 'Phone';" in both.stderr


def test_a_report_whose_only_amount_is_converted_names_the_column(program: Path, run_cli: Callable[..., Any]) -> None:
    """A multi-currency Salesforce report may carry `Amount (converted)` (in the corporate currency) without
    `Amount`: it used to be ignored quietly, the plans keeping their values and every new deal skipped as
    without an amount. samkit imports amounts as entered: the user adds `Amount`, or maps the converted one."""
    report = (program / "sf-opportunity-report-en_US.csv").read_text(encoding="utf-8-sig")
    (program / "converted.csv").write_text(report.replace('"Amount"', '"Amount (converted)"', 1), encoding="utf-8")
    before = plan_bytes(program)
    result = run_cli("import", "converted.csv", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        "samkit: error: converted.csv: the only amount column is 'Amount (converted)', a figure the CRM converted "
        "from each opportunity's currency into its corporate currency; samkit imports amounts as entered, and "
        "never converts: add the 'Amount' column to the export, or take the converted figures by mapping them: "
        '--column amount="Amount (converted)" or [import.columns] amount = "Amount (converted)"\n'
    )
    assert plan_bytes(program) == before
    (program / "samkit.toml").write_text('[import.columns]\namount = "Amount (converted)"\n', encoding="utf-8")
    mapped = run_cli("import", "converted.csv", "--today", TODAY, "--dry-run")
    assert mapped.exit_code == 0, mapped.stderr
    assert "Payments Division: value $400,000 → $410,000" in mapped.stdout
    assert "Added opportunity Treasury, Cash & FX — $95,500.50" in mapped.stdout
    # HubSpot's figure in the company currency, and a converted ARR of an account export, likewise
    (program / "samkit.toml").unlink()
    deals = (program / "hubspot-deals.csv").read_text(encoding="utf-8")
    (program / "deals.csv").write_text(deals.replace('"Amount"', '"Amount in company currency"', 1), encoding="utf-8")
    hubspot = run_cli("import", "deals.csv", "--today", TODAY)
    assert hubspot.exit_code == 2
    assert "deals.csv: the only amount column is 'Amount in company currency'," in hubspot.stderr
    assert "add the 'Amount' column to the export" in hubspot.stderr
    companies = (program / "hubspot-companies.csv").read_text(encoding="utf-8")
    arr = re.search(r'"(Annual recurring revenue)"', companies, re.IGNORECASE)
    assert arr
    converted_arr = companies.replace(arr[0], f'"{arr[1]} (converted)"', 1)
    (program / "companies.csv").write_text(converted_arr, encoding="utf-8")
    accounts = run_cli("import", "companies.csv", "--today", TODAY)
    assert accounts.exit_code == 2
    assert f"the only ARR column is '{arr[1]} (converted)'," in accounts.stderr
    assert f"add the '{arr[1]}' column to the export" in accounts.stderr
    assert plan_bytes(program) == before


MULTI_CURRENCY = (
    '"Opportunity Name","Account Name","Stage","Opportunity Currency","Amount Currency","Amount",'
    '"Amount (converted) Currency","Amount (converted)","Close Date","Opportunity ID"\n'
    '"Payments Division","Global Financial Corp.","Negotiation/Review","USD","USD","410000","USD","410000",'
    '"2026-09-30","0065e00000PAY01"\n'
    '"Paris Hub","Global Financial Corp.","Prospecting","EUR","EUR","90000","USD","97650","2026-12-15",'
    '"0065e00000PAR02"\n'
)


def test_the_amount_as_entered_wins_and_each_amount_has_its_own_currency(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """With both columns `Amount` is read, checked against its own currency (a EUR deal is an error, however
    it converts); a mapped `Amount (converted)` is checked against `Amount (converted) Currency`."""
    (program / "multi.csv").write_text(MULTI_CURRENCY, encoding="utf-8")
    before = plan_bytes(program)
    entered = run_cli("import", "multi.csv", "--today", TODAY)
    assert entered.exit_code == 1
    assert entered.stderr.startswith("multi.csv:3: currency 'EUR' is not the program's USD ([program] currency)")
    assert plan_bytes(program) == before
    converted = run_cli("import", "multi.csv", "--column", "amount=Amount (converted)", "--today", TODAY, "--dry-run")
    assert converted.exit_code == 0, converted.stderr
    assert "Added opportunity Paris Hub — $97,650" in converted.stdout
    assert "amount 'Amount (converted)'" in converted.stderr
    assert "currency 'Amount (converted) Currency'" in converted.stderr
    (program / "eur.csv").write_text(MULTI_CURRENCY.replace('"USD","97650"', '"EUR","90000"'), encoding="utf-8")
    corporate = run_cli("import", "eur.csv", "--column", "amount=Amount (converted)", "--today", TODAY)
    assert corporate.exit_code == 1
    assert corporate.stderr.startswith("eur.csv:3: currency 'EUR' is not the program's USD")
    # the currency column mapped wins: the deal's own currency, for figures converted from it
    mapped = run_cli(
        "import",
        "multi.csv",
        "--column",
        "amount=Amount (converted)",
        "--column",
        "currency=Opportunity Currency",
        "--today",
        TODAY,
    )
    assert mapped.exit_code == 1 and "multi.csv:3: currency 'EUR'" in mapped.stderr
    assert plan_bytes(program) == before


def test_a_new_deal_without_an_amount_waits_for_one(program: Path, run_cli: Callable[..., Any]) -> None:
    """HubSpot's early deals often have no amount yet: adding them at $0 would put a made-up value in the plan."""
    meridian = program / "plans" / "meridian-health-system.yaml"
    plain = (program / "hubspot-deals.csv").read_text(encoding="utf-8")
    (program / "blank.csv").write_text(plain.replace('"appointmentscheduled","40000"', '"appointmentscheduled",""'))
    before = meridian.read_bytes()
    result = run_cli("import", "blank.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _removed, added = changed_lines(before, meridian.read_bytes())
    assert "  - name: Patient Portal\n" not in added and "    status: won\n" in added
    assert "1 new opportunity without an amount" in result.stderr


def test_an_export_of_no_rows_reports_no_opportunity_as_missing(program: Path, run_cli: Callable[..., Any]) -> None:
    """A scheduled report that came out empty (header and footer only) says so, instead of reporting every
    opportunity with an id as no longer in the CRM."""
    first = (program / "sf-opportunity-report-en_US.csv").read_text(encoding="utf-8").splitlines()[0]
    (program / "empty.csv").write_text(f"{first}\nGrand Totals (0 records)\n", encoding="utf-8")
    assert run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY).exit_code == 0  # ids written
    before = plan_bytes(program)
    result = run_cli("import", "empty.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "not in the export" not in result.stdout and plan_bytes(program) == before
    assert "; no data rows (was the report empty?)" in result.stderr
    elsewhere = run_cli("import", "hubspot-deals.csv", "--today", TODAY, "--dry-run")
    assert "crm id 0065e00000PAY01 is not in the export" in elsewhere.stdout  # a file with rows still reports


def test_hubspot_companies_update_arr_and_renewal(program: Path, run_cli: Callable[..., Any]) -> None:
    blue = program / "plans" / "blue-harbor-logistics.yaml"
    before = blue.read_bytes()
    result = run_cli("import", "hubspot-companies.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(before, blue.read_bytes())
    assert removed == ["  arr: $96K\n", "  renewal_date: 2026-06-30\n"]
    assert added == ["  arr: $120K\n", "  renewal_date: 2027-06-30\n", '  crm_id: "9120034511"\n']
    assert "1 account outside the program" in result.stderr


def test_a_currency_other_than_the_programs_is_an_error(program: Path, run_cli: Callable[..., Any]) -> None:
    export = program / "Opportunity.csv"
    export.write_text(export.read_text(encoding="utf-8").replace('"USD"', '"EUR"', 1), encoding="utf-8")
    atlas = program / "plans" / "atlas-precision-manufacturing.yaml"
    give_atlas_its_crm_id(atlas)
    before = plan_bytes(program)
    result = run_cli("import", "Opportunity.csv", "--today", TODAY)
    assert result.exit_code == 1
    assert "Opportunity.csv:2: currency 'EUR' is not the program's USD ([program] currency)" in result.stderr
    assert plan_bytes(program) == before
    (program / "samkit.toml").write_text('[program]\ncurrency = "EUR"\n', encoding="utf-8")
    assert "'USD' is not the program's EUR" in run_cli("import", "Opportunity.csv", "--today", TODAY).stderr


def test_an_amount_written_in_another_currency_is_an_error(program: Path, run_cli: Callable[..., Any]) -> None:
    """A multi-currency Salesforce report writes the code into the amount (``EUR 410,000.00``), with no
    currency column: that is the same fact, and it is not taken for dollars."""
    export = program / "sf-opportunity-report-en_US.csv"
    text = export.read_text(encoding="utf-8-sig")
    amounts = re.findall(r'"\$([0-9,]+\.[0-9]{2})"', text)
    assert amounts
    export.write_text(text.replace(f'"${amounts[0]}"', f'"EUR {amounts[0]}"', 1), encoding="utf-8")
    before = plan_bytes(program)
    result = run_cli("import", export.name, "--today", TODAY)
    assert result.exit_code == 1
    assert "is in EUR, not the program's USD ([program] currency)" in result.stderr
    assert plan_bytes(program) == before


def test_an_unknown_stage_names_the_setting_and_writes_nothing(program: Path, run_cli: Callable[..., Any]) -> None:
    export = program / "sf-opportunity-report-en_US.csv"
    export.write_bytes(export.read_bytes().replace(b'"Proposal/Price Quote"', b'"Verbal Commit"'))
    before = plan_bytes(program)
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert result.exit_code == 1
    assert (
        "sf-opportunity-report-en_US.csv:4: stage 'Verbal Commit' is not known; map it in samkit.toml: "
        in result.stderr
    )
    assert '[import.stages] "Verbal Commit" = "open"' in result.stderr
    assert plan_bytes(program) == before
    (program / "samkit.toml").write_text('[import.stages]\n"Verbal Commit" = "open"\n', encoding="utf-8")
    assert run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY).exit_code == 0


def test_duplicate_ids_across_plans_block_the_import(program: Path, run_cli: Callable[..., Any]) -> None:
    for name in ("blue-harbor-logistics.yaml", "northwind-retail-group.yaml"):
        path = program / "plans" / name
        path.write_bytes(path.read_bytes().replace(b"  tier:", b"  crm_id: ACC-1\n  tier:", 1))
    before = plan_bytes(program)
    result = run_cli("import", "hubspot-companies.csv", "--today", TODAY)
    assert result.exit_code == 1
    assert "account crm_id 'ACC-1' is already used at plans/blue-harbor-logistics.yaml:" in result.stderr
    assert plan_bytes(program) == before


def test_an_opportunity_moved_to_another_account_is_reported_not_moved(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    assert run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY).exit_code == 0
    export = program / "sf-opportunity-report-en_US.csv"
    export.write_bytes(
        export.read_bytes().replace(b'"Global Financial Corp.","Payments', b'"Northwind Retail Group","Payments')
    )
    before = plan_bytes(program)
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert (
        "plans/global-financial-corp.yaml: Payments Division: the CRM has crm id 0065e00000PAY01 under "
        "Northwind Retail Group (plans/northwind-retail-group.yaml); not moved" in result.stdout
    )
    assert "1 opportunity moved to another account" in result.stderr


def test_dry_run_shows_the_diff_and_writes_nothing(program: Path, run_cli: Callable[..., Any]) -> None:
    before = plan_bytes(program)
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert result.stdout.startswith("Global Financial Corp · plans/global-financial-corp.yaml · modified\n")
    assert "    Added opportunity Treasury, Cash & FX" in result.stdout
    assert "Payments Division: value $400,000 → $410,000, probability 65% → 90%" in result.stdout
    assert "dry run: nothing was written" in result.stderr


def test_dry_run_shows_a_name_with_a_line_break_on_its_line(program: Path, run_cli: Callable[..., Any]) -> None:
    """A CRM deal name with a line break (quoted in the CSV) and an escape sequence: the preview is diff's text,
    one line per change."""
    (program / "custom.csv").write_bytes(
        b'Org,Deal,Phase,Value,Deal Id\r\nBlue Harbor Logistics,"Two\nLines\x1b[31m",Prospecting,"$5,000",D-1\r\n'
    )
    result = run_cli(
        "import", "custom.csv", "--kind", "opportunities", "--today", TODAY, "--column", "stage=Phase",
        "--column", "account=Org", "--column", "opportunity=Deal", "--column", "amount=Value",
        "--column", "opportunity_id=Deal Id", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Blue Harbor Logistics · plans/blue-harbor-logistics.yaml · modified",
        "  Opportunities:",
        "    Added opportunity Two\\nLines\\x1b[31m — $5,000, recurring, 10% likely",
        "  Pipeline: $24,000 → $29,000 (+$5,000); weighted $12,000 → $12,500 (+$500)",
    ]


def test_an_ambiguous_kind_mix_is_a_usage_error(program: Path, run_cli: Callable[..., Any]) -> None:
    (program / "activity.csv").write_text("Date,Contact\n2026-05-01,Lisa Thompson\n", encoding="utf-8")
    result = run_cli("import", "activity.csv", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 2 and "in separate runs" in result.stderr


def test_a_header_cell_over_two_lines_still_tells_the_kind(program: Path, run_cli: Callable[..., Any]) -> None:
    """A spreadsheet's Alt+Enter in a header cell ("Next<line break>Step"): the header is one record on two lines,
    and the export is still an opportunity export."""
    (program / "deals.csv").write_text(
        'Opportunity Name,Account Name,Stage,Amount,Close Date,"Next\nStep"\n'
        "Second Warehouse,Blue Harbor Logistics,Prospecting,1000,2026-09-30,call\n",
        encoding="utf-8",
    )
    result = run_cli("import", "deals.csv", "--dry-run", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "deals.csv (opportunities):" in result.stderr
    assert "Second Warehouse: value $24,000 → $1,000" in result.stdout  # the plan's deal, updated


def test_a_custom_layout_is_mapped_and_the_kind_forced(program: Path, run_cli: Callable[..., Any]) -> None:
    (program / "custom.csv").write_text(
        'Org,Deal,Phase,Value,Deal Id\r\nBlue Harbor Logistics,Second Warehouse,Closed Won,"$30,000",D-1\r\n',
        encoding="utf-8",
    )
    # without the map, the file has no stage column: it is read as activities, and says so
    assert run_cli("import", "custom.csv", "--kind", "opportunities", "--today", TODAY).exit_code == 2
    result = run_cli(
        "import", "custom.csv", "--kind", "opportunities", "--today", TODAY, "--column", "stage=Phase",
        "--column", "account=Org", "--column", "opportunity=Deal", "--column", "amount=Value",
        "--column", "opportunity_id=Deal Id", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    changes = {change["field"]: change["new"] for change in json.loads(result.stdout)["changes"]}
    assert changes == {"value": "30000", "probability": "1", "status": "won", "crm_id": "D-1"}


def test_an_id_no_longer_in_the_export_is_reported_never_deleted(program: Path, run_cli: Callable[..., Any]) -> None:
    assert run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY).exit_code == 0
    export = program / "sf-opportunity-report-en_US.csv"
    export.write_bytes(b"\r\n".join(line for line in export.read_bytes().split(b"\r\n") if b"PAY01" not in line))
    before = plan_bytes(program)
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan_bytes(program) == before
    assert (
        "plans/global-financial-corp.yaml: Payments Division: crm id 0065e00000PAY01 is not in the export; kept"
        in result.stdout
    )


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "classic-mac-cr"])
def test_new_opportunities_create_the_list_once_and_keep_the_line_ends(
    program: Path, run_cli: Callable[..., Any], eol: str
) -> None:
    plan = program / "plans" / "contoso.yaml"
    plan.write_bytes(f"account:{eol}  name: Contoso Pharma{eol}  manager: James Chen   # owner{eol}".encode())
    (program / "deals.csv").write_bytes(
        b"Deal Name,Deal Stage,Amount,Close Date,Associated Company,Record ID\r\n"
        b'New Deal,qualifiedtobuy,"1.234,50",2026-09-01,"Contoso Pharma, Inc.",555\r\n'
        b'Other,qualifiedtobuy,"2.000",2026-09-01,"Contoso Pharma, Inc.",556\r\n'
    )
    result = run_cli("import", "deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    item = "  - name: {}\n    value: {}\n    kind: recurring\n    probability: 0.40\n    status: open\n"
    assert plan.read_bytes() == (
        "account:\n  name: Contoso Pharma\n  manager: James Chen   # owner\nopportunities:\n"
        + item.format("New Deal", "1234.50") + '    crm_id: "555"\n    close_date: 2026-09-01\n'
        + item.format("Other", "2000") + '    crm_id: "556"\n    close_date: 2026-09-01\n'
    ).replace("\n", eol).encode()  # fmt: skip


def probability_lines(plan: Path) -> dict[str, str]:
    """Each opportunity's ``probability:`` line in ``plan``, by opportunity name."""
    found: dict[str, str] = {}
    name = ""
    for line in plan.read_text(encoding="utf-8").splitlines():
        if line.startswith("  - name: "):
            name = line.removeprefix("  - name: ")
        elif line.startswith("    probability: "):
            found[name] = line.removeprefix("    probability: ")
    return found


def test_configured_probabilities_win_over_hubspots_defaults(program: Path, run_cli: Callable[..., Any]) -> None:
    meridian = program / "plans" / "meridian-health-system.yaml"
    before = meridian.read_bytes()
    # the export spells the stages by label (Contract sent) and by internal name (appointmentscheduled);
    # either spelling in [import.probabilities] sets the one stage
    (program / "samkit.toml").write_text(
        '[import.probabilities]\ncontractsent = 75\n"Appointment Scheduled" = "12.5%"\n', encoding="utf-8"
    )
    result = run_cli("import", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(before, meridian.read_bytes())
    assert probability_lines(meridian) == {
        "Telehealth Scheduling": "75%",  # not HubSpot's 90% for Contract sent
        "Remaining Ten Hospitals": "0.35",
        "Integration Health Check": "90%",
        "Patient Reminders Add-on": "100%",
        "Call Center Module": "100%",  # closedwon: HubSpot's default, not configured
        "Patient Portal": "12.5%",  # appended with the configured probability
    }
    assert "    probability: 40%\n" in removed and "    probability: 75%\n" in added


def test_a_custom_stage_takes_its_configured_probability(program: Path, run_cli: Callable[..., Any]) -> None:
    meridian = program / "plans" / "meridian-health-system.yaml"
    export = program / "hubspot-deals.csv"
    text = export.read_text(encoding="utf-8")
    export.write_text(
        text.replace('"Contract sent"', '"Verbal Commit"').replace('"appointmentscheduled"', '"Verbal Commit"'),
        encoding="utf-8",
    )
    (program / "samkit.toml").write_text('[import.stages]\n"Verbal Commit" = "open"\n', encoding="utf-8")
    before = meridian.read_bytes()
    # a custom stage has no probability of its own: the plan's stays, a new deal without one is skipped
    unset = run_cli("import", "hubspot-deals.csv", "--today", TODAY, "--dry-run", "-f", "json")
    assert unset.exit_code == 0, unset.stderr
    document = json.loads(unset.stdout)
    custom = [change for change in document["changes"] if change["opportunity"] != "Call Center Module"]
    assert [change["field"] for change in custom] == ["value", "crm_id", "close_date"]  # Telehealth, no probability
    assert document["skipped"] == {"new opportunity without a probability": 1}
    (program / "samkit.toml").write_text(
        '[import.stages]\n"Verbal Commit" = "open"\n\n[import.probabilities]\n"verbal-commit" = 85\n', encoding="utf-8"
    )
    result = run_cli("import", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    probabilities = probability_lines(meridian)
    assert probabilities["Telehealth Scheduling"] == "85%" and probabilities["Patient Portal"] == "85%"
    removed, added = changed_lines(before, meridian.read_bytes())
    assert removed == ["    value: $150K\n", "    probability: 40%\n", "    value: $95K\n", "    probability: 50%\n",
                       "    status: lost\n", "    closed: 2025-12-09\n"]  # fmt: skip
    assert "    probability: 85%\n" in added and "  - name: Patient Portal\n" in added


def test_a_salesforce_reports_probability_column_wins(program: Path, run_cli: Callable[..., Any]) -> None:
    (program / "samkit.toml").write_text(
        '[import.probabilities]\n"Negotiation/Review" = 50\n"proposal / price quote" = 20\n"Closed Won" = 60\n',
        encoding="utf-8",
    )
    result = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    probabilities = probability_lines(program / "plans" / "global-financial-corp.yaml")
    # the report's Probability (%) column: 90, 100 and 75, whatever the stages' configured probabilities
    assert probabilities["Payments Division"] == "90%"
    assert probabilities["Advanced Analytics Module"] == "100%"
    assert probabilities["Treasury, Cash & FX"] == "75%"
    # a blank probability cell is no probability: the stage's configured one applies to that row
    export = program / "sf-opportunity-report-en_US.csv"
    export.write_bytes(export.read_bytes().replace(b'"$95,500.50","75"', b'"$95,500.50",""'))
    again = run_cli("import", "sf-opportunity-report-en_US.csv", "--today", TODAY)
    assert again.exit_code == 0, again.stderr
    probabilities = probability_lines(program / "plans" / "global-financial-corp.yaml")
    assert probabilities["Treasury, Cash & FX"] == "20%" and probabilities["Payments Division"] == "90%"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('"Contract sent" = 150', "import.probabilities.Contract sent: expected a percentage from 0 to 100 (like 65), got 150"),
        ('"Contract sent" = -5', "import.probabilities.Contract sent: expected a percentage from 0 to 100 (like 65), got -5"),
        ('"Contract sent" = "most likely"', "import.probabilities.Contract sent: expected a percentage from 0 to 100 (like 65), got 'most likely'"),
        ('"Contract sent" = true', "import.probabilities.Contract sent: expected a percentage from 0 to 100 (like 65), got true"),
        ('"Verbal Comit" = 70', "import.probabilities.Verbal Comit: no such stage; name a default stage"),
    ],
)  # fmt: skip
def test_a_bad_probability_setting_names_the_file_and_key(
    program: Path, run_cli: Callable[..., Any], table: str, message: str
) -> None:
    (program / "samkit.toml").write_text(f"[import.probabilities]\n{table}\n", encoding="utf-8")
    before = plan_bytes(program)
    result = run_cli("import", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"samkit: error: {program / 'samkit.toml'}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert plan_bytes(program) == before


def test_an_unknown_stage_probability_in_pyproject_names_the_tool_table(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    (program / "pyproject.toml").write_text('[tool.samkit.import.probabilities]\n"Stage 9" = 70\n', encoding="utf-8")
    result = run_cli("import", "hubspot-deals.csv", "--today", TODAY)
    assert result.exit_code == 2
    assert f"{program / 'pyproject.toml'}: tool.samkit.import.probabilities.Stage 9: no such stage" in result.stderr


def test_an_account_outside_the_program_is_skipped_before_its_values_are_read(
    program: Path, run_cli: Callable[..., Any]
) -> None:
    """As in opportunity exports: a prospect's ARR in another currency (or no amount at all) is none of ours."""
    export = program / "hubspot-companies.csv"
    export.write_text(
        export.read_text(encoding="utf-8").replace(
            '"Some Prospect LLC","Maria Rodriguez","5000"', '"Some Prospect LLC","Maria Rodriguez","€5.000,00"'
        ),
        encoding="utf-8",
    )
    result = run_cli("import", export.name, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "1 account outside the program" in result.stderr
    assert "  arr: $120K\n" in (program / "plans" / "blue-harbor-logistics.yaml").read_text(encoding="utf-8")


RENEWALS = """\
account:
  name: Acme Corp
  manager: Alex Morgan
opportunities:
  - name: Renewal
    value: $50K
    timeframe: Q1 2026
    probability: 90%
{id_line}"""


def test_a_crm_name_the_plan_has_already_is_added_with_its_id(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    """CRM names are not unique (a "Renewal" every year), a plan's are: the new one is added as `Renewal (id)`,
    and matched by its id from then on; without ids, a second "Renewal" could never be told apart: skipped."""
    plan = tmp_path / "plans" / "acme.yaml"
    plan.parent.mkdir()
    plan.write_text(RENEWALS.format(id_line="    crm_id: 006RENEW26\n"), encoding="utf-8")
    export = tmp_path / "renewals.csv"
    export.write_text(
        '"Opportunity Name","Account Name","Stage","Amount","Close Date","Opportunity ID"\n'
        '"Renewal","Acme Corp","Closed Won","50000","2026-03-01","006RENEW26"\n'
        '"Renewal","Acme Corp","Prospecting","55000","2027-03-01","006RENEW27"\n'
        '"Renewal","Acme Corp","Prospecting","60000","2028-03-01","006RENEW28"\n',
        encoding="utf-8",
    )
    result = run_cli("import", str(export), "--plans", str(plan.parent), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    names = [line for line in plan.read_text(encoding="utf-8").splitlines() if line.startswith("  - name:")]
    assert names == ["  - name: Renewal", "  - name: Renewal (006RENEW27)", "  - name: Renewal (006RENEW28)"]
    assert "added as 'Renewal (006RENEW27)'" in result.stdout
    written = plan.read_bytes()
    again = run_cli("import", str(export), "--plans", str(plan.parent), "--today", TODAY)
    assert again.exit_code == 0 and plan.read_bytes() == written  # matched by id now
    assert run_cli("validate", str(plan.parent)).exit_code == 0

    plan.write_text(RENEWALS.format(id_line=""), encoding="utf-8")
    export.write_text(
        '"Opportunity Name","Account Name","Stage","Amount","Close Date"\n'
        '"Renewal","Acme Corp","Closed Won","50000","2026-03-01"\n'
        '"Renewal","Acme Corp","Prospecting","55000","2027-03-01"\n',
        encoding="utf-8",
    )
    without_ids = run_cli("import", str(export), "--plans", str(plan.parent), "--today", TODAY, "-f", "json")
    assert without_ids.exit_code == 0, without_ids.stderr
    document = json.loads(without_ids.stdout)
    # which row is the plan's "Renewal" nothing tells: neither is imported (in either order), and it is said
    assert document["skipped"] == {"opportunity named twice without an id, with other values": 2}
    assert document["changes"] == []
    assert [notice["message"] for notice in document["notices"]] == [
        "the export has rows named 'Renewal' for this account with other values and no opportunity id; "
        "none was imported: add the opportunity id column to the export"
    ]


def test_rows_without_ids_give_the_same_result_in_any_order(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    """Two rows of one new name and no id: with other values they are set aside whatever their order (the
    first no longer wins); with the same values they are one opportunity, the repeat counted as such."""
    plan = tmp_path / "plans" / "acme.yaml"
    plan.parent.mkdir()
    plan.write_text(RENEWALS.format(id_line="    crm_id: 006RENEW26\n"), encoding="utf-8")
    original = plan.read_bytes()
    header = '"Opportunity Name","Account Name","Stage","Amount","Close Date"\n'
    rows = [
        '"Twice","Acme Corp","Prospecting","5000","2026-09-01"\n',
        '"Twice","Acme Corp","Qualification","7000","2026-09-01"\n',
    ]
    for order in (rows, rows[::-1]):
        (tmp_path / "twice.csv").write_text(header + "".join(order), encoding="utf-8")
        result = run_cli("import", str(tmp_path / "twice.csv"), "--plans", str(plan.parent), "--today", TODAY)
        assert result.exit_code == 0, result.stderr
        assert plan.read_bytes() == original
        assert "2 opportunity named twice without an id, with other values" in result.stderr
    # the same values however written (`5000` and `$5,000.00`) are one opportunity, the repeat counted
    spelt = rows[0].replace('"5000"', '"$5,000.00"')
    (tmp_path / "twice.csv").write_text(header + rows[0] + spelt, encoding="utf-8")
    result = run_cli("import", str(tmp_path / "twice.csv"), "--plans", str(plan.parent), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert plan.read_text(encoding="utf-8").count("  - name: Twice\n") == 1
    assert "1 opportunity repeated with the same values" in result.stderr and "named like" not in result.stderr
    # a second row that cannot be read is its own error (nothing written), never hidden as a second opportunity
    plan.write_bytes(original)
    (tmp_path / "twice.csv").write_text(header + rows[0] + rows[0].replace('"5000"', '"TBD"'), encoding="utf-8")
    result = run_cli("import", str(tmp_path / "twice.csv"), "--plans", str(plan.parent), "--today", TODAY)
    assert result.exit_code == 1 and "twice.csv:3: 'TBD' is not an amount of money" in result.stderr
    assert plan.read_bytes() == original


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("name", sorted(path.name for path in CRM.glob("*.csv")))
def test_an_export_saved_again_by_a_spreadsheet_imports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any], name: str, delimiter: str
) -> None:
    """Opened and saved by a spreadsheet in a European locale, an export has semicolons (a copy, tabs): the
    import reads it as the export itself, to the byte of every plan."""
    results = {}
    for variant in (",", delimiter):
        folder = tmp_path / ("original" if variant == "," else "resaved")
        shutil.copytree(REPO / "plans", folder / "plans", ignore=shutil.ignore_patterns("*.csv"))
        atlas = folder / "plans" / "atlas-precision-manufacturing.yaml"  # Data Export rows name accounts by id
        give_atlas_its_crm_id(atlas)
        with (CRM / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=variant, lineterminator="\r\n").writerows(rows)
        monkeypatch.chdir(folder)
        result = run_cli("import", name, "--today", TODAY, "-f", "json")
        assert result.exit_code == 0, result.stderr
        results[variant] = (plan_bytes(folder), json.loads(result.stdout)["changes"])
    assert results[","][1]  # the export changes something, so the comparison means something
    assert results[delimiter] == results[","]
