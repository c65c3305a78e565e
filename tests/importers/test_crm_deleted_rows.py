"""Data Loader's "Export All": upper-case field names, and the rows the CRM deleted (``ISDELETED`` true: in
its recycle bin, or merged into another record). Such a row is no longer in the CRM: skipped, never imported,
never the reason for an error, and an opportunity the plan has under its id is reported as deleted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.importers.crm_rows import CRM_ALIASES, KIND_ROLES
from tests.importers.test_crm_imports import REPO, TODAY, changed_lines, give_atlas_its_crm_id

EXPORTS = REPO / "docs" / "examples"  # the docs show them imported; kept apart: they need the configuration below
ACCOUNTS, OPPORTUNITIES = "Account.csv", "Opportunity.csv"
# one [import.columns] for every kind of export: the account export's custom fields
CONFIG = '[import.columns]\narr = "ARR__c"\nrenewal_date = "Renewal_Date__c"\n'

RunCli = Callable[..., Any]


@pytest.fixture
def atlas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled Atlas plan alone, the two exports and the configuration, in the working directory."""
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "atlas.yaml"
    shutil.copy(REPO / "plans" / "atlas-precision-manufacturing.yaml", plan)
    for name in (ACCOUNTS, OPPORTUNITIES):
        shutil.copy(EXPORTS / name, tmp_path / name)
    (tmp_path / "samkit.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return plan


def test_an_account_merged_away_is_no_second_row_of_its_account(atlas: Path, run_cli: RunCli) -> None:
    before = atlas.read_bytes()
    result = run_cli("import", ACCOUNTS, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["skipped"] == {"account outside the program": 1, "deleted in the CRM": 1}
    removed, added = changed_lines(before, atlas.read_bytes())
    assert removed == ["  arr: $975K\n", "  renewal_date: 2026-11-30\n"]
    assert added == ["  arr: $990K\n", "  renewal_date: 2027-11-30\n", "  crm_id: 0015e00000ATLAS\n"]
    assert document["sources"][0]["columns"] == {
        "arr": "ARR__C",
        "renewal_date": "RENEWAL_DATE__C",
        "currency": "CURRENCYISOCODE",
        "account": "NAME",
        "account_id": "ID",
    }


def test_deleted_opportunities_are_neither_matched_nor_added(atlas: Path, run_cli: RunCli) -> None:
    """The live ``Predictive Maintenance`` row updates the plan's; its deleted namesake is not appended; the
    deleted ``ERP Connector`` and ``Old Pilot`` change nothing. The ``arr`` mapping, an account export's, does
    not stop an opportunity export that lacks the column."""
    give_atlas_its_crm_id(atlas)
    before = atlas.read_bytes()
    result = run_cli("import", OPPORTUNITIES, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["skipped"] == {"deleted in the CRM": 3}
    assert document["rows"] == 4
    removed, added = changed_lines(before, atlas.read_bytes())
    assert removed == ["    value: $540K\n", "    probability: 55%\n"]
    assert added == [
        "    value: $560K\n",
        "    probability: 90%\n",
        "    crm_id: 0065e00000ATL01\n",
        "    close_date: 2026-10-15\n",
    ]


def test_a_plan_opportunity_deleted_in_the_crm_is_reported_as_deleted_and_kept(atlas: Path, run_cli: RunCli) -> None:
    give_atlas_its_crm_id(atlas)
    text = atlas.read_text(encoding="utf-8").replace(
        "    timeframe: Q4 2026-Q1 2027\n", "    timeframe: Q4 2026-Q1 2027\n    crm_id: 0065e00000ATL02\n"
    )
    atlas.write_text(text, encoding="utf-8")
    result = run_cli("import", OPPORTUNITIES, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    notices = [notice["message"] for notice in json.loads(result.stdout)["notices"]]
    assert notices == ["crm id 0065e00000ATL02 was deleted in the CRM; kept (close or remove it in the plan)"]
    assert "    crm_id: 0065e00000ATL02\n    probability: 35%\n" in atlas.read_text(encoding="utf-8")


def test_a_mapped_header_of_this_kind_of_export_must_be_in_the_file(atlas: Path, run_cli: RunCli) -> None:
    """Another kind's mapping is not looked for; this kind's is, and its absence says where maps come from."""
    (atlas.parent.parent / "samkit.toml").write_text(CONFIG + 'stage = "Phase"\n', encoding="utf-8")
    result = run_cli("import", OPPORTUNITIES, "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"samkit: error: {OPPORTUNITIES}: column stage = 'Phase' (--column or [import.columns]): no such header; "
        "found 'ID', 'ISDELETED', 'ACCOUNTID',"
    )


def test_a_deleted_flag_that_is_neither_true_nor_false_stops_the_import(atlas: Path, run_cli: RunCli) -> None:
    export = atlas.parent.parent / OPPORTUNITIES
    export.write_text(export.read_text(encoding="utf-8").replace('"TRUE"', '"deleted"'), encoding="utf-8")
    before = atlas.read_bytes()
    result = run_cli("import", OPPORTUNITIES, "--today", TODAY)
    assert result.exit_code == 1
    assert f"{OPPORTUNITIES}:5: ISDELETED 'deleted' is neither true nor false" in result.stderr
    assert atlas.read_bytes() == before


def test_a_row_whose_flag_is_unreadable_is_its_one_error(atlas: Path, run_cli: RunCli) -> None:
    """The merged-away duplicate with a flag neither true nor false: that error alone, not also "a second row
    for the same account" (the row is not matched)."""
    export = atlas.parent.parent / ACCOUNTS
    export.write_text(export.read_text(encoding="utf-8").replace('"true"', '"gone"'), encoding="utf-8")
    before = atlas.read_bytes()
    result = run_cli("import", ACCOUNTS, "--today", TODAY)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(f"{ACCOUNTS}:")]
    assert errors == [
        f"{ACCOUNTS}:3: ISDELETED 'gone' is neither true nor false (true: the row was deleted in the CRM)"
    ]
    assert atlas.read_bytes() == before


def test_every_role_a_kind_reads_has_the_headers_it_is_found_by() -> None:
    """A role added to ``config`` for a kind of export needs its header spellings (``CRM_ALIASES``): without
    them, reading a file of that kind would fail on a look-up instead of finding the column."""
    for kind, roles in KIND_ROLES.items():
        assert set(roles) <= CRM_ALIASES.keys(), kind


def test_an_account_and_an_opportunity_export_in_one_run(atlas: Path, run_cli: RunCli) -> None:
    """Data Loader's two files together: the account export finds Atlas by name and writes its id, and the
    opportunity export, which names accounts by id alone, finds Atlas by that id in the same run (it used to
    need a second run). The id is written once; a second run changes nothing."""
    before = atlas.read_bytes()
    result = run_cli("import", ACCOUNTS, OPPORTUNITIES, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(before, atlas.read_bytes())
    assert added.count("  crm_id: 0015e00000ATLAS\n") == 1
    assert "    value: $560K\n" in added and "    crm_id: 0065e00000ATL01\n" in added
    assert "  arr: $975K\n" in removed
    written = atlas.read_bytes()
    again = run_cli("import", ACCOUNTS, OPPORTUNITIES, "--today", TODAY)
    assert again.exit_code == 0, again.stderr
    assert atlas.read_bytes() == written


def test_two_exports_that_find_the_account_by_name_write_its_id_once(atlas: Path, run_cli: RunCli) -> None:
    """An account export and an opportunity report that both carry the account's name and id: both find it
    by name, and its id is written once (it was written twice: a duplicate key, nothing written)."""
    (atlas.parent.parent / "report.csv").write_text(
        '"Opportunity Name","Account Name","Account ID","Stage","Amount","Close Date","Opportunity ID"\n'
        '"ERP Connector","Atlas Precision Manufacturing","0015e00000ATLAS","Closed Lost","180000","2026-05-02",'
        '"0065e00000ATL02"\n',
        encoding="utf-8",
    )
    before = atlas.read_bytes()
    result = run_cli("import", ACCOUNTS, "report.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _removed, added = changed_lines(before, atlas.read_bytes())
    assert added.count("  crm_id: 0015e00000ATLAS\n") == 1
    assert "    status: lost\n" in added


ID_ONLY = (
    '"Id","AccountId","Name","StageName","Amount","CloseDate"\n'
    '"0065e00000ATL01","0015e00000ATLAS","Predictive Maintenance Plants 2-3","Negotiation/Review","560000",'
    '"2026-10-15"\n'
)
BY_NAME = (
    '"Opportunity Name","Account Name","Account ID","Stage","Amount","Close Date","Opportunity ID"\n'
    '"ERP Connector","Atlas Precision Manufacturing","0015e00000ATLAS","Closed Lost","180000","2026-05-02",'
    '"0065e00000ATL02"\n'
)


def test_the_files_of_a_run_find_a_learned_account_whatever_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    """The id a name match teaches counts for every row of the run, before it or after it, in any file."""
    results = []
    for order in (("id-only.csv", "by-name.csv"), ("by-name.csv", "id-only.csv")):
        folder = tmp_path / order[0].removesuffix(".csv")
        (folder / "plans").mkdir(parents=True)
        shutil.copy(REPO / "plans" / "atlas-precision-manufacturing.yaml", folder / "plans" / "atlas.yaml")
        (folder / "id-only.csv").write_text(ID_ONLY, encoding="utf-8")
        (folder / "by-name.csv").write_text(BY_NAME, encoding="utf-8")
        monkeypatch.chdir(folder)
        result = run_cli("import", *order, "--today", TODAY)
        assert result.exit_code == 0, result.stderr
        results.append((folder / "plans" / "atlas.yaml").read_bytes())
    assert results[0] == results[1]
    assert b"  crm_id: 0015e00000ATLAS\n" in results[0] and b"    value: $560K\n" in results[0]


def test_an_id_that_names_two_plans_or_two_ids_that_name_one_teach_nothing(atlas: Path, run_cli: RunCli) -> None:
    """Which id is the plan's, or which plan is the id's, is not known: nothing is learned, nothing written."""
    (atlas.parent / "twin.yaml").write_text(
        "account:\n  name: Twin Industries\n  manager: Maria Rodriguez\n", encoding="utf-8"
    )
    (atlas.parent.parent / "report.csv").write_text(
        '"Opportunity Name","Account Name","Account ID","Stage","Amount","Close Date"\n'
        '"A","Atlas Precision Manufacturing","001SAME","Prospecting","1000","2026-09-01"\n'
        '"B","Twin Industries","001SAME","Prospecting","1000","2026-09-01"\n'
        '"C","Atlas Precision Manufacturing","001OTHER","Prospecting","1000","2026-09-01"\n',
        encoding="utf-8",
    )
    result = run_cli("import", "report.csv", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert not [change for change in json.loads(result.stdout)["changes"] if change["field"] == "crm_id"]
    assert b"  crm_id:" not in atlas.read_bytes()
    assert b"crm_id" not in (atlas.parent / "twin.yaml").read_bytes()


def test_an_opportunity_moved_outside_the_program_is_reported_once_however_often_it_repeats(
    atlas: Path, run_cli: RunCli
) -> None:
    atlas.write_bytes(
        atlas.read_bytes().replace(b"    probability: 55%\n", b"    probability: 55%\n    crm_id: 006MOVED\n", 1)
    )
    row = '"Predictive Maintenance Plants 2-3","Globex","Negotiation/Review","560000","2026-10-15","006MOVED"'
    (atlas.parent.parent / "products.csv").write_text(
        '"Opportunity Name","Account Name","Stage","Amount","Close Date","Opportunity ID"\n' + f"{row}\n" * 3,
        encoding="utf-8",
    )
    result = run_cli("import", "products.csv", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    notices = [notice["message"] for notice in json.loads(result.stdout)["notices"]]
    assert notices == ["the CRM has crm id 006MOVED under Globex, outside the program; not moved"]
