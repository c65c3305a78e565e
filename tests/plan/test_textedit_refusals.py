"""Plans written in YAML forms the line-level writer will not guess at: a stakeholder written inline, a date
as a block scalar, notes that are a block of text rather than a list. ``samkit import`` and ``samkit log`` name the item
and what to do by hand, exit 1, and leave every byte as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
INLINE = """\
account:
  name: Acme Corp
  manager: Maria Rodriguez
stakeholders:
  - {name: Lisa Thompson, relationship: weak}
"""
BLOCK = """\
account:
  name: Beta Bank
  manager: Maria Rodriguez
stakeholders:
  - name: Jennifer Wu
    relationship: strong
    last_contact: >-
      2026-01-08
  - name: Ann Lee
    relationship: weak
    notes: |
      likes golf
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text(INLINE, encoding="utf-8")
    (tmp_path / "plans" / "beta.yaml").write_text(BLOCK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def unchanged(folder: Path) -> bool:
    plans = folder / "plans"
    return (plans / "acme.yaml").read_text(encoding="utf-8") == INLINE and (plans / "beta.yaml").read_text(
        encoding="utf-8"
    ) == BLOCK


def test_an_import_names_each_plan_it_cannot_edit_and_writes_none(folder: Path, run_cli: RunCli) -> None:
    (folder / "a.csv").write_text(
        "Contact,Account,Date\nLisa Thompson,Acme Corp,2026-02-10\nJennifer Wu,Beta Bank,2026-02-11\n",
        encoding="utf-8",
    )
    result = run_cli("import", "a.csv", "--today", "2026-02-16")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "plans/acme.yaml: stakeholders.0 is written inline ({...}); write it one key per line (samkit then edits it), or add 'last_contact' by hand",
        "plans/beta.yaml: stakeholders.0.last_contact is a block scalar (>); edit it by hand",
        "samkit import: nothing was written",
    ]
    assert unchanged(folder)


def test_a_note_for_notes_written_as_a_block_of_text_is_refused_at_its_place(folder: Path, run_cli: RunCli) -> None:
    """One text over several lines is not re-indented into a list: the refusal says where it is, in words."""
    result = run_cli("log", "plans/beta.yaml", "Ann Lee", "--note", "QBR prep", "--date", "2026-02-16")
    assert result.exit_code == 1
    assert result.stderr == (
        "samkit log: plans/beta.yaml:11:12: Ann Lee's notes: one text over several lines, not a list; to add to "
        "it, make it a list by hand (one '- ' line per entry)\n"
    )
    assert unchanged(folder)


def test_a_note_for_notes_written_as_one_line_of_text_is_added(tmp_path: Path, run_cli: RunCli) -> None:
    """What the tester ran: validate accepts one string as notes, so log adds to it, changing only its lines."""
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "x.yaml"
    text = BLOCK.replace(
        "    notes: |\n      likes golf\n",
        '    last_contact: 2026-02-02\n    notes: "2026-02-02: wants a demo"  # call\n',
    )
    plan.write_text(text, encoding="utf-8")
    result = run_cli("log", str(plan), "Ann Lee", "--note", "second", "--date", "2026-02-16")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith('Ann Lee: notes + "2026-02-16: second"')
    assert (
        plan.read_bytes()
        == text.replace(
            '    last_contact: 2026-02-02\n    notes: "2026-02-02: wants a demo"  # call\n',
            '    last_contact: 2026-02-16\n    notes:\n      - "2026-02-02: wants a demo"  # call\n      - "2026-02-16: second"\n',
        ).encode()
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "account:\n  name: Acme Corp\n  manager: M\nstakeholders: [{name: Ann Lee, relationship: weak}]\n",
            "stakeholders is empty or written inline; add the item by hand",
        ),
        (
            "{account: {name: Acme Corp, manager: M}}\n",
            "the top level is written inline ({...}); write it one key per line (samkit then edits it), or add 'stakeholders' by hand",
        ),
    ],
    ids=["inline-list", "inline-plan"],
)
def test_a_new_stakeholder_for_an_inline_list_or_plan_is_refused(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("log", "acme.yaml", "Bob Stone", "--new", "--date", "2026-02-10")
    assert result.exit_code == 1
    assert result.stderr == f"samkit log: acme.yaml: {message}\n"
    assert (tmp_path / "acme.yaml").read_text(encoding="utf-8") == text
