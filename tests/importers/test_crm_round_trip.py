"""Round trips on every bundled plan, byte for byte: a plan's own export changes nothing; a changed amount,
stage or close date changes exactly the lines of the values that changed (comments, order, quoting kept).

Each plan is tried as it is bundled, with CRLF line ends, and with a UTF-8 byte order mark.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from samkit.plan.model import Opportunity, Plan
from samkit.plan.values import parse_money
from tests.importers.crm_export import SAMKIT_TOML, ReportRow, plan_rows, report_text

REPO = Path(__file__).resolve().parents[2]
BUNDLED = sorted((REPO / "plans").glob("*.yaml"))
TODAY = "2026-06-01"
BOM = b"\xef\xbb\xbf"
# the stage each status moves to when a test changes an opportunity's stage
NEXT_STATUS = {"open": "won", "won": "lost", "lost": "won"}
CHANGES = ("amount", "stage", "close date")


def as_variant(text: bytes, variant: str) -> bytes:
    if variant == "crlf":
        return text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if variant == "bom":
        return BOM + text
    return text


@pytest.fixture(params=["as bundled", "crlf", "bom"])
def variant(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=BUNDLED, ids=[path.stem for path in BUNDLED])
def copied(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str) -> Path:
    """One bundled plan, in the variant's bytes, alone in a scratch program that is the working directory."""
    source: Path = request.param
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / source.name
    plan.write_bytes(as_variant(source.read_bytes(), variant))
    (tmp_path / "samkit.toml").write_text(SAMKIT_TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return plan


def loaded(path: Path) -> Plan:
    plan = load_plan(path).plan
    assert plan is not None
    return plan


def write_export(folder: Path, rows: list[ReportRow]) -> None:
    (folder / "export.csv").write_text(report_text(rows), encoding="utf-8", newline="")


def split_lines(text: bytes) -> list[bytes]:
    """The file's lines with their line ends, so that a changed line end is a changed line."""
    return text.splitlines(keepends=True)


def test_a_plans_own_export_changes_nothing(copied: Path, run_cli: Callable[..., Any]) -> None:
    before = copied.read_bytes()
    rows = plan_rows(loaded(copied))
    assert rows, f"{copied.name} has no opportunities to round-trip"
    write_export(copied.parent.parent, rows)
    result = run_cli("import", "export.csv", "--today", TODAY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["changes"] == []
    assert copied.read_bytes() == before


@dataclass(frozen=True)
class Wanted:
    """What one opportunity should hold after the import: the changed fields' new values."""

    value: Decimal
    status: str
    closed: date | None
    close_date: date | None


def changed_row(row: ReportRow, item: Opportunity, change: str) -> tuple[ReportRow, Wanted]:
    """``row`` with one value changed, and what the plan's opportunity should then hold."""
    wanted = Wanted(item.value, item.status.value, item.closed, item.close_date)
    if change == "amount":
        amount = item.value + Decimal("12500.25")
        return dataclasses.replace(row, value=amount), dataclasses.replace(wanted, value=amount)
    if change == "stage":
        status = NEXT_STATUS[item.status.value]
        return dataclasses.replace(row, status=status), dataclasses.replace(wanted, status=status)
    day = (item.close_date or item.closed or date(2026, 9, 30)) + timedelta(days=7)
    closed = day if item.status.value != "open" else item.closed  # a won or lost one closed on its close date
    return dataclasses.replace(row, close_date=day), dataclasses.replace(wanted, closed=closed, close_date=day)


def field_lines(item: Opportunity, wanted: Wanted) -> set[str]:
    """The plan keys whose lines must change for ``item`` to hold ``wanted``."""
    keys = {
        "value": wanted.value != item.value,
        "status": wanted.status != item.status.value,
        "closed": wanted.closed != item.closed,
        "close_date": wanted.close_date != item.close_date,
    }
    return {key for key, changed in keys.items() if changed}


def opportunity_blocks(lines: list[bytes]) -> tuple[list[bytes], list[list[bytes]], list[bytes]]:
    """The lines before each opportunity (through ``opportunities:``), each opportunity's, and those after."""
    start = next(index for index, line in enumerate(lines) if line.lstrip(BOM).startswith(b"opportunities:")) + 1
    end = next((index for index in range(start, len(lines)) if lines[index][:1] not in b" #\r\n"), len(lines))
    blocks: list[list[bytes]] = []
    for line in lines[start:end]:
        if line.startswith(b"  - ") or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return lines[:start], blocks, lines[end:]


def key_of(line: bytes) -> str:
    return line.decode().lstrip(" -").split(":", 1)[0]


def value_of(line: bytes) -> str:
    return line.decode().split(":", 1)[1].split(" #", 1)[0].strip()


@pytest.mark.parametrize("rotation", range(len(CHANGES)))
def test_one_changed_value_per_opportunity_changes_only_its_lines(
    copied: Path, variant: str, rotation: int, run_cli: Callable[..., Any]
) -> None:
    before = copied.read_bytes()
    plan = loaded(copied)
    rows, wanted = [], []
    for index, (row, item) in enumerate(zip(plan_rows(plan), plan.opportunities, strict=True)):
        new_row, item_wanted = changed_row(row, item, CHANGES[(index + rotation) % len(CHANGES)])
        rows.append(new_row)
        wanted.append(item_wanted)
    write_export(copied.parent.parent, rows)
    result = run_cli("import", "export.csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    after = copied.read_bytes()

    # the values: each opportunity holds what its row says; nothing else of the plan moved
    result_plan = loaded(copied)
    for item, item_wanted in zip(result_plan.opportunities, wanted, strict=True):
        assert Wanted(item.value, item.status.value, item.closed, item.close_date) == item_wanted, item.name
    assert result_plan.model_dump(exclude={"opportunities"}) == plan.model_dump(exclude={"opportunities"})
    assert [item.probability for item in result_plan.opportunities] == [item.probability for item in plan.opportunities]

    # the bytes: everything around the opportunities is the same, the BOM stays, new lines end like the file's
    old_head, old_blocks, old_tail = opportunity_blocks(split_lines(before))
    new_head, new_blocks, new_tail = opportunity_blocks(split_lines(after))
    assert (new_head, new_tail) == (old_head, old_tail)
    assert after.startswith(BOM) is (variant == "bom")
    ending = b"\r\n" if variant == "crlf" else b"\n"
    assert len(new_blocks) == len(old_blocks) == len(plan.opportunities)
    for item, item_wanted, old_block, new_block in zip(plan.opportunities, wanted, old_blocks, new_blocks, strict=True):
        removed, added = block_diff(old_block, new_block)
        changed = field_lines(item, item_wanted)
        # exactly the changed values' lines: replaced where the plan wrote the key, else added
        assert sorted(key_of(line) for line in removed) == sorted(changed & written(item)), item.name
        assert sorted(key_of(line) for line in added) == sorted(changed), item.name
        new_values = {key_of(line): value_of(line) for line in added}
        assert all(line.endswith(ending) for line in added)
        for line in removed:  # a replaced line keeps its indentation and its quoting
            new_line = next(new for new in added if key_of(new) == key_of(line))
            assert new_line[: len(new_line) - len(new_line.lstrip())] == line[: len(line) - len(line.lstrip())]
            assert spelling(value_of(new_line)) == spelling(value_of(line)), (line, new_line)
        expected = {
            "status": item_wanted.status,
            "closed": str(item_wanted.closed),
            "close_date": str(item_wanted.close_date),
        }
        for key, text in new_values.items():
            if key == "value":
                assert parse_money(text.strip('"')) == item_wanted.value
            else:
                assert text == expected[key], (item.name, key)


def spelling(text: str) -> tuple[bool, bool]:
    """Whether a value is quoted and whether it has a currency sign: kept when the import rewrites it."""
    return text[:1] in "\"'", "$" in text


def block_diff(old: list[bytes], new: list[bytes]) -> tuple[list[bytes], list[bytes]]:
    """The lines only in ``old`` and only in ``new``, compared byte for byte with difflib."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    removed: list[bytes] = []
    added: list[bytes] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "equal":
            removed += old[old_start:old_end]
            added += new[new_start:new_end]
    return removed, added


def written(item: Opportunity) -> set[str]:
    """The CRM-owned keys the plan wrote for ``item`` (an open one's status is often left implicit)."""
    return {key for key in ("value", "status", "closed", "close_date") if key in item.model_fields_set}


def test_the_round_trips_cover_every_bundled_plan_and_change() -> None:
    plans = [loaded(path) for path in BUNDLED]
    assert len(plans) == 5 and all(plan.opportunities for plan in plans)
    statuses = {item.status.value for plan in plans for item in plan.opportunities}
    assert statuses == {"open", "won", "lost"}  # every stage move of NEXT_STATUS is tried
    assert any(b'value: "' in path.read_bytes() for path in BUNDLED)  # a quoted amount is rewritten quoted
