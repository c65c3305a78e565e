"""The work one import does, counted at its known hot spots (issues 24, 25, 29), never timed.

An import once held every plan (635 MB at 3,000 plans), parsed each matched plan twice and walked its
layout a third time, and re-validated plans no row touched. These tests count plan loads, parses for
editing, layout walks, validations and the plans alive while the rows are read, so a change that brings
any of that back fails here rather than on a user's program.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import samkit.importers.apply as apply_module
import samkit.importers.csv_source as csv_source
import samkit.importers.session as session
import samkit.plan.loader as loader
import samkit.plan.textedit as textedit
import samkit.plan.yamlsafe as yamlsafe
from samkit.plan.layout import Layout
from samkit.plan.model import Plan
from tests.conftest import plan_bytes

TODAY = "2026-02-16"
PLANS = 12
MATCHED = (2, 5, 9)  # the plans the export names; the others are never read again


def _write_program(root: Path) -> None:
    for number in range(PLANS):
        lines = [f"account:\n  name: Account {number}\n  manager: Maria Rodriguez\nstakeholders:\n"]
        for person in range(4):
            lines.append(f"  - name: Person {person}\n    email: p{person}@a{number}.example\n")
            lines.append("    relationship: moderate\n    last_contact: 2025-09-01\n")
        (root / "plans" / f"account-{number:02}.yaml").write_text("".join(lines), encoding="utf-8")


def _write_export(path: Path, rows: int) -> None:
    lines = ["Account Name,Contact,Email,Activity Date"]
    for row in range(rows):
        number = MATCHED[row % len(MATCHED)]
        day = date(2026, 1, 1) + timedelta(days=row % 40)
        lines.append(f"Account {number},,p{row % 4}@a{number}.example,{day.isoformat()}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    _write_program(tmp_path)
    _write_export(tmp_path / "activity.csv", 600)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Counters around whole-plan loads, parses for editing, layout walks, validations and result parses."""
    found: dict[str, Any] = {"loads": 0, "edit_parses": [], "walks": 0, "validations": 0, "result_parses": 0}
    found["loads_for_edit"] = []
    load_plan, parse_for_edit = loader.load_plan, yamlsafe.parse_for_edit
    load_parsed, parse_yaml, walk = loader.load_parsed, textedit.parse_yaml, Layout._walk  # type: ignore[attr-defined]
    read_back = textedit.read_back  # type: ignore[attr-defined]

    def counted_load(path: Path, **options: Any) -> Any:
        found["loads"] += 1
        if options.get("for_edit"):
            found["loads_for_edit"].append(path.name)
        return load_plan(path, **options)

    def counted_edit_parse(text: str) -> Any:
        found["edit_parses"].append(text.split("\n", 2)[1])  # the account line: which plan was re-read
        return parse_for_edit(text)

    def counted_validation(*args: Any, **kwargs: Any) -> Any:
        found["validations"] += 1
        return load_parsed(*args, **kwargs)

    def counted_result_parse(text: str) -> Any:
        found["result_parses"] += 1
        return parse_yaml(text)

    def counted_read_back(text: str) -> Any:  # the edited plan read back whole, without positions
        found["result_parses"] += 1
        return read_back(text)

    def counted_walk(layout: Layout) -> None:
        found["walks"] += 1
        walk(layout)

    monkeypatch.setattr(loader, "load_plan", counted_load)
    monkeypatch.setattr(session, "parse_for_edit", counted_edit_parse)
    monkeypatch.setattr(loader, "load_parsed", counted_validation)
    monkeypatch.setattr(textedit, "load_parsed", counted_validation)
    monkeypatch.setattr(textedit, "parse_yaml", counted_result_parse)
    monkeypatch.setattr(textedit, "read_back", counted_read_back)
    monkeypatch.setattr(Layout, "_walk", counted_walk)
    return found


def test_each_plan_is_loaded_once_and_only_matched_plans_are_read_again(
    program: Path, counts: dict[str, Any], run_cli: Callable[..., Any]
) -> None:
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert counts["loads"] == PLANS  # every plan validated once, to match against
    # and its layout recorded in that same parse and kept (a small program fits in HELD_TEXT_BYTES)
    assert len(counts["loads_for_edit"]) == PLANS
    assert counts["edit_parses"] == []  # so no matched plan is parsed again before its edit
    assert counts["walks"] == 0  # the layout came from that parse, not from a second walk of the events
    # each edit swaps one date for another (``tokenswap``): no edited plan needs reading back
    assert counts["result_parses"] == 0
    assert counts["validations"] == PLANS + len(MATCHED)  # and re-validated once, whatever its edits
    written = [path.name for path in sorted((program / "plans").glob("*.yaml")) if "2026-" in path.read_text()]
    assert written == [f"account-{number:02}.yaml" for number in MATCHED]


def test_a_dry_run_does_the_same_work_and_writes_nothing(
    program: Path, counts: dict[str, Any], run_cli: Callable[..., Any]
) -> None:
    before = {path.name: path.read_bytes() for path in (program / "plans").glob("*.yaml")}
    result = run_cli("import", "activity.csv", "--today", TODAY, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert (counts["loads"], len(counts["edit_parses"]), counts["walks"]) == (PLANS, 0, 0)
    assert counts["validations"] == PLANS + len(MATCHED)
    assert {path.name: path.read_bytes() for path in (program / "plans").glob("*.yaml")} == before


def test_past_the_held_room_plans_are_loaded_as_validate_loads_them_and_parsed_again_when_edited(
    program: Path, counts: dict[str, Any], monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """The layouts kept from the first pass are bounded (issue 29): past ``HELD_TEXT_BYTES`` of plan text, a
    plan is loaded without its layout, and parsed once for editing when a row updates it."""
    first = sorted((program / "plans").glob("*.yaml"))[:3]
    monkeypatch.setattr(session, "HELD_TEXT_BYTES", sum(len(path.read_text(encoding="utf-8")) for path in first))
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert counts["loads"] == PLANS
    # three held; the fourth, loaded for editing too, did not fit: the others are loaded plainly
    assert counts["loads_for_edit"] == [path.name for path in first] + ["account-03.yaml"]
    # account 2 was held; 5 and 9 are parsed once for editing, as before
    assert sorted(counts["edit_parses"]) == ["  name: Account 5", "  name: Account 9"]
    assert (counts["walks"], counts["result_parses"]) == (0, 0)  # date swaps: nothing read back (tokenswap)
    assert counts["validations"] == PLANS + len(MATCHED)
    written = [path.name for path in sorted((program / "plans").glob("*.yaml")) if "2026-" in path.read_text()]
    assert written == [f"account-{number:02}.yaml" for number in MATCHED]


def test_an_export_that_matches_no_plan_reads_no_plan_again(
    program: Path, counts: dict[str, Any], run_cli: Callable[..., Any]
) -> None:
    (program / "activity.csv").write_text("Email,Activity Date\nsomeone@else.example,2026-01-05\n", encoding="utf-8")
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert (counts["loads"], counts["edit_parses"], counts["validations"]) == (PLANS, [], PLANS)


def test_no_plan_is_held_while_the_rows_are_read(
    program: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """The index keeps a few names per plan; the validated plans themselves are dropped as they are read."""

    def plans_alive() -> int:
        gc.collect()
        return sum(1 for thing in gc.get_objects() if isinstance(thing, Plan))

    alive: list[int] = []
    apply = apply_module.apply_activities

    def counting_apply(*args: Any, **kwargs: Any) -> Any:
        alive.append(plans_alive())
        return apply(*args, **kwargs)

    monkeypatch.setattr(session, "apply_activities", counting_apply)
    earlier = plans_alive()  # left by other tests of the session, if any
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert alive and alive[0] - earlier <= 1, (earlier, alive)  # the last one read at most; holding all: 12


def test_a_plan_changed_between_matching_and_editing_is_not_written(
    program: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """The edits were worked out on the text first read; a plan that differs when read again is refused."""
    apply = apply_module.apply_activities
    target = program / "plans" / f"account-{MATCHED[0]:02}.yaml"

    def apply_then_edit_by_hand(*args: Any, **kwargs: Any) -> Any:
        outcome = apply(*args, **kwargs)  # the rows are read: now someone saves the plan in an editor
        target.write_text("# reordered by hand\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
        return outcome

    monkeypatch.setattr(session, "apply_activities", apply_then_edit_by_hand)
    before = {path.name: path.read_bytes() for path in (program / "plans").glob("*.yaml")}
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 1
    assert f"{target.relative_to(program)} changed on disk since it was read" in result.stderr
    after = {path.name: path.read_bytes() for path in (program / "plans").glob("*.yaml")}
    assert {name for name in before if before[name] != after[name]} == {target.name}  # only the hand edit


def test_a_plan_that_cannot_be_written_leaves_every_plan_as_it_was(program: Path, run_cli: Callable[..., Any]) -> None:
    """The new plans are written beside the old ones first and put in place only when every write went
    through: a plan whose temp file cannot be made (its name is too long for one) stops them all."""
    plans = program / "plans"
    long_named = plans / ("a" * 240 + ".yaml")  # fits; its temp file ".{name}.XXXXXXXX.tmp" does not
    (plans / f"account-{MATCHED[1]:02}.yaml").rename(long_named)
    before = plan_bytes(program)
    result = run_cli("import", "activity.csv", "--today", TODAY)
    assert result.exit_code == 1, result.stdout
    assert f"{long_named.relative_to(program)}: cannot write: File name too long" in result.stderr
    assert "nothing was written" in result.stderr
    assert plan_bytes(program) == before
    assert list(plans.glob(".*.tmp")) == []


def count_footer_checks(monkeypatch: pytest.MonkeyPatch, reader: Any) -> list[str]:
    """The first cell of every row ``reader``'s module asks ``is_footer`` about, as the test goes."""
    calls: list[str] = []
    is_footer = csv_source.is_footer

    def counted(row: list[str], width: int) -> bool:
        calls.append(row[0] if row else "")
        return is_footer(row, width)

    monkeypatch.setattr(reader, "is_footer", counted)
    return calls


def test_the_footer_check_runs_once_per_first_cell_not_per_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samkit.importers.base import Activity, ReadSettings, SkippedRow

    calls = count_footer_checks(monkeypatch, csv_source)
    rows = [f"Call,ann@a.example,2026-01-{1 + number % 28:02}" for number in range(500)]
    rows += [f"Meeting,bob@a.example,2026-02-{1 + number % 9:02}" for number in range(500)]
    export = tmp_path / "calls.csv"
    export.write_text("\n".join(["Subject,Email,Date", *rows, "Grand Totals (1000 records)", ""]), encoding="utf-8")
    read = list(csv_source.CsvImporter().extract(export, "calls.csv", ReadSettings()))
    assert sum(isinstance(item, Activity) for item in read) == 1000
    assert [item.reason.value for item in read if isinstance(item, SkippedRow)] == ["report footer or summary line"]
    assert sorted(calls) == ["Call", "Grand Totals (1000 records)", "Meeting"]


def test_an_opportunity_import_parses_each_changed_plan_once_before_and_once_after_its_edit(
    program: Path, counts: dict[str, Any], run_cli: Callable[..., Any]
) -> None:
    header = "Account Name,Opportunity Name,Stage,Amount,Probability (%),Close Date,Opportunity ID"
    rows = [f"Account {number},Renewal {number},Prospecting,$25000,10,2026-12-15,006X{number:04}" for number in MATCHED]
    rows += ["Elsewhere Inc,Deal,Prospecting,$1000,10,2026-12-15,006Y0001"]
    (program / "deals.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = run_cli("import", "deals.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert counts["loads"] == PLANS
    # as in an activity import: each layout recorded in the first parse and kept (HELD_TEXT_BYTES), so a
    # changed plan is not parsed again before its edit, only read back after it
    assert len(counts["loads_for_edit"]) == PLANS
    assert counts["edit_parses"] == []
    assert counts["walks"] == 0
    assert counts["result_parses"] == len(MATCHED)
    assert counts["validations"] == PLANS + len(MATCHED)


def test_an_opportunity_export_checks_for_footers_once_per_first_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samkit.importers.crm_rows as crm_rows

    calls = count_footer_checks(monkeypatch, crm_rows)
    header = "Account Name,Opportunity Name,Stage,Amount"
    rows = [f"Account {number % 3},Deal {number},Prospecting,$1000" for number in range(300)]
    export = tmp_path / "deals.csv"
    export.write_text("\n".join([header, *rows, "", "Grand Totals (300 records)"]) + "\n", encoding="utf-8")
    read = crm_rows.read_crm_file(export, "deals.csv", crm_rows.ImportKind.OPPORTUNITIES, {})
    assert (len(read.rows), read.footers) == (300, 1)
    assert sorted(calls) == ["Account 0", "Account 1", "Account 2", "Grand Totals (300 records)"]


def test_the_garbage_collector_runs_again_after_an_import(program: Path, run_cli: Callable[..., Any]) -> None:
    """``run_import`` pauses the cyclic collector and starts it again, also when the import fails."""
    assert gc.isenabled()
    assert run_cli("import", "activity.csv", "--today", TODAY).exit_code == 0
    assert gc.isenabled()
    (program / "plans" / "account-00.yaml").write_text("account: [\n", encoding="utf-8")  # a plan that fails
    (program / "activity.csv").write_text("Email,Activity Date\np0@a2.example,2026-13-45\n", encoding="utf-8")
    assert run_cli("import", "activity.csv", "--today", TODAY).exit_code == 1
    assert gc.isenabled()
    # a usage error raised from inside the import (no date column): the collector is started again on the way out
    (program / "no-date.csv").write_text("Email\np0@a2.example\n", encoding="utf-8")
    assert run_cli("import", "no-date.csv", "--today", TODAY).exit_code == 2
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it: it stays paused
    try:
        assert run_cli("import", "activity.csv", "--today", TODAY).exit_code == 1
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_both_imports_run_with_the_collector_paused(
    program: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Any]
) -> None:
    """Activity and opportunity imports alike: paused while they read and edit, running again after."""
    import samkit.importers.crm_session as crm_session

    seen: list[bool] = []
    for module in (session, crm_session):
        edit = module.edit_plan

        def watched(*args: Any, _edit: Callable[..., Any] = edit, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return _edit(*args, **kwargs)

        monkeypatch.setattr(module, "edit_plan", watched)
    header = "Account Name,Opportunity Name,Stage,Amount,Probability (%),Close Date,Opportunity ID"
    rows = [f"Account {number},Renewal,Prospecting,$25000,10,2026-12-15,006X{number:04}" for number in MATCHED]
    (program / "deals.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    for export in ("activity.csv", "deals.csv"):
        assert run_cli("import", export, "--today", TODAY).exit_code == 0
        assert gc.isenabled()
    assert seen == [False] * (2 * len(MATCHED))


def test_edits_that_meet_are_refused_naming_them_in_words() -> None:
    """Two insertions of one key, placed on the same text (the bug an account and an opportunity export of one
    run had: both wrote ``account.crm_id``), are refused naming the edit as a person reads it."""
    from samkit.importers.grouped_edits import group_insertions
    from samkit.plan.errors import EditError
    from samkit.plan.newitem import AppendMapping
    from samkit.plan.textedit import SetKey, apply_edits, edit_label
    from samkit.plan.yamlsafe import parse_for_edit

    text = "account:\n  name: Acme Corp\n  manager: Maria Rodriguez\n  arr: $400K\n"
    data, _positions, layout = parse_for_edit(text)
    edits = [
        SetKey(("account",), "crm_id", "001A"),
        SetKey(("account",), "crm_id", "001B"),
        SetKey(("account",), "arr", "$445K", after=("manager",)),
    ]
    with pytest.raises(EditError) as refused:
        apply_edits(text, group_insertions(text, data, edits, layout), loaded=True, parsed=data, layout=layout)
    # was: "after Placed(edit=SetKey(item_path=('account',), key='arr', ...), placed=(...)): line 6: ...", and it
    # named the edit after the ones that broke the text
    assert str(refused.value) == (
        "after account.crm_id = 001A; account.crm_id = 001B: line 6: duplicate key 'crm_id': first on line 5, "
        "again on line 6"
    )
    assert edit_label(AppendMapping(("opportunities",), (("name", "Renewal"),))) == "a new item of opportunities"
