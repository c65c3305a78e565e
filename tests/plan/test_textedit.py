"""The plan writer: each edit changes exactly the expected lines of a real file, byte for byte."""

from __future__ import annotations

import difflib
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from samkit.plan.errors import ConcurrentChange
from samkit.plan.model import Stakeholder
from samkit.plan.planfile import PlanFile, digest, write_plan_edits
from samkit.plan.textedit import (
    AppendListItem,
    EditError,
    PlanEdit,
    SetKey,
    SetScalar,
    apply_edits,
    edit_text,
    format_scalar,
)
from samkit.plan.yamlsafe import parse_yaml
from tests.conftest import SEED_PLAN

needs_notes = pytest.mark.skipif(
    "notes" not in Stakeholder.model_fields, reason="stakeholder notes are not in this branch's model yet"
)

PLAN = """\
# header comment
account:
  name: Acme Corp   # the customer
  manager: Maria Rodriguez
period: Q1 2026
context:
  initiatives: [Cloud move, "Cost: down"]
stakeholders:
  - name: "Jennifer Wu"
    relationship: strong          # keep me aligned
    last_contact: 2026-01-08

  # --- finance ---
  - name: Lisa Thompson
    relationship: 'weak'
    # no contact yet
risks:
  - risk: Competitor
    severity: high
    mitigation:
      - Exec briefing
      # more to come

    owner: Maria Rodriguez
"""


def changes(before: bytes, after: bytes) -> list[tuple[str, list[bytes], list[bytes]]]:
    """The differing line runs between two files: (opcode, old lines, new lines), line ends included."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(op, old[a:b], new[c:d]) for op, a, b, c, d in matcher.get_opcodes() if op != "equal"]


def write_and_diff(path: Path, edits: list[PlanEdit]) -> list[tuple[str, list[bytes], list[bytes]]]:
    before = path.read_bytes()
    assert PlanFile.read(path).write(edits)
    return changes(before, path.read_bytes())


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_bytes(PLAN.encode())
    return path


@pytest.fixture
def seed_path(tmp_path: Path) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_bytes(SEED_PLAN.read_bytes())
    return path


# --- SetScalar ------------------------------------------------------------------------------------------


def test_set_scalar_replaces_only_the_value_on_the_seed(seed_path: Path) -> None:
    edits: list[PlanEdit] = [SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3))]
    assert write_and_diff(seed_path, edits) == [
        ("replace", [b"    last_contact: 2026-01-08\n"], [b"    last_contact: 2026-02-03\n"])
    ]


def test_set_scalar_keeps_quotes_and_the_comment_column(plan_path: Path) -> None:
    edits: list[PlanEdit] = [
        SetScalar(("stakeholders", 0, "relationship"), "moderate"),
        SetScalar(("stakeholders", 1, "relationship"), "strong"),
        SetScalar(("stakeholders", 0, "name"), "Jen Wu"),
    ]
    assert write_and_diff(plan_path, edits) == [
        (
            "replace",
            [b'  - name: "Jennifer Wu"\n', b"    relationship: strong          # keep me aligned\n"],
            [b'  - name: "Jen Wu"\n', b"    relationship: moderate        # keep me aligned\n"],
        ),
        ("replace", [b"    relationship: 'weak'\n"], [b"    relationship: 'strong'\n"]),
    ]


def test_a_longer_value_pushes_the_comment_but_keeps_one_space(plan_path: Path) -> None:
    edits: list[PlanEdit] = [SetScalar(("account", "name"), "Acme Corporation International")]
    assert write_and_diff(plan_path, edits) == [
        (
            "replace",
            [b"  name: Acme Corp   # the customer\n"],
            [b"  name: Acme Corporation International # the customer\n"],
        )
    ]


def test_a_plain_value_that_needs_quotes_gets_double_quotes(plan_path: Path) -> None:
    edits: list[PlanEdit] = [SetScalar(("account", "manager"), "Maria: the #1 SAM")]
    assert write_and_diff(plan_path, edits) == [
        ("replace", [b"  manager: Maria Rodriguez\n"], [b'  manager: "Maria: the #1 SAM"\n'])
    ]


def test_setting_the_same_value_writes_nothing(plan_path: Path) -> None:
    before = plan_path.stat()
    plan = PlanFile.read(plan_path)
    assert not plan.write([SetScalar(("stakeholders", 0, "last_contact"), date(2026, 1, 8))])
    assert plan_path.stat().st_ino == before.st_ino
    assert plan_path.read_bytes() == PLAN.encode()


# --- SetKey ---------------------------------------------------------------------------------------------


def test_set_key_inserts_one_line_after_the_last_stakeholder_of_the_seed(seed_path: Path) -> None:
    edits: list[PlanEdit] = [SetKey(("stakeholders", 5), "last_contact", date(2026, 2, 3))]
    last = "    cares_about: real-time payments launch"  # Robert Martinez's last line, the stakeholders' last
    index = PlanFile.read(seed_path).text.splitlines().index(last)
    assert write_and_diff(seed_path, edits) == [("insert", [], [b"    last_contact: 2026-02-03\n"])]
    lines = seed_path.read_text().splitlines()
    assert lines[index : index + 3] == [last, "    last_contact: 2026-02-03", "state:"]


def test_set_key_goes_before_trailing_blank_lines_and_comments_of_the_next_item(plan_path: Path) -> None:
    text = apply_edits(PLAN, [SetKey(("stakeholders", 0), "title", "CTO")])
    assert "    last_contact: 2026-01-08\n    title: CTO\n\n  # --- finance ---\n" in text
    text = apply_edits(PLAN, [SetKey(("stakeholders", 1), "last_contact", date(2026, 2, 3))])
    assert "    relationship: 'weak'\n    last_contact: 2026-02-03\n    # no contact yet\nrisks:" in text


def test_set_key_after_an_item_ending_in_a_nested_list(plan_path: Path) -> None:
    text = PLAN.replace("    owner: Maria Rodriguez\n", "")
    plan_path.write_text(text)
    diff = write_and_diff(plan_path, [SetKey(("risks", 0), "owner", "Tom Lee")])
    assert diff == [("insert", [], [b"    owner: Tom Lee\n"])]
    assert plan_path.read_text().endswith("      - Exec briefing\n    owner: Tom Lee\n      # more to come\n\n")


def test_set_key_replaces_an_existing_value(plan_path: Path) -> None:
    diff = write_and_diff(plan_path, [SetKey(("stakeholders", 0), "last_contact", date(2026, 3, 1))])
    assert diff == [("replace", [b"    last_contact: 2026-01-08\n"], [b"    last_contact: 2026-03-01\n"])]


def test_set_key_fills_an_empty_value_and_keeps_its_comment(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        PLAN.replace("    relationship: 'weak'\n", "    relationship: 'weak'\n    last_contact:   # never\n")
    )
    diff = write_and_diff(path, [SetKey(("stakeholders", 1), "last_contact", date(2026, 2, 3))])
    assert diff == [("replace", [b"    last_contact:   # never\n"], [b"    last_contact: 2026-02-03   # never\n"])]


def test_top_level_key_after_period_or_at_the_end(plan_path: Path) -> None:
    diff = write_and_diff(plan_path, [SetKey((), "last_reviewed", date(2026, 2, 3), after=("period",))])
    assert diff == [("insert", [], [b"last_reviewed: 2026-02-03\n"])]
    assert "period: Q1 2026\nlast_reviewed: 2026-02-03\ncontext:" in plan_path.read_text()
    text = apply_edits(PLAN, [SetKey((), "last_reviewed", date(2026, 2, 3))])
    assert text == PLAN.replace(
        "    owner: Maria Rodriguez\n", "    owner: Maria Rodriguez\nlast_reviewed: 2026-02-03\n"
    )


# --- AppendListItem -------------------------------------------------------------------------------------


def test_append_to_a_block_list_goes_after_its_last_item(seed_path: Path) -> None:
    diff = write_and_diff(seed_path, [AppendListItem(("risks", 0), "mitigation", "Call: the CFO")])
    assert diff == [("insert", [], [b'      - "Call: the CFO"\n'])]
    assert (
        '      - Provide competitive analysis demonstrating differentiation\n      - "Call: the CFO"\n    owner:'
        in (seed_path.read_text())
    )


def test_append_before_a_trailing_comment_and_blank_line(plan_path: Path) -> None:
    diff = write_and_diff(plan_path, [AppendListItem(("risks", 0), "mitigation", "Second step")])
    assert diff == [("insert", [], [b"      - Second step\n"])]
    assert "      - Exec briefing\n      - Second step\n      # more to come\n\n    owner:" in plan_path.read_text()


def test_append_to_a_flow_list_rewrites_only_that_line(plan_path: Path) -> None:
    diff = write_and_diff(plan_path, [AppendListItem(("context",), "initiatives", "Data, AI")])
    assert diff == [
        (
            "replace",
            [b'  initiatives: [Cloud move, "Cost: down"]\n'],
            [b'  initiatives: [Cloud move, "Cost: down", "Data, AI"]\n'],
        )
    ]


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("  metrics: []\n", "  metrics: [2.5M tx/day]\n"),
        ("  metrics: [ ]   # none yet\n", "  metrics: [2.5M tx/day]   # none yet\n"),
        ("  metrics: [a,]\n", "  metrics: [a, 2.5M tx/day,]\n"),
        ("  metrics: ~\n", "  metrics: [2.5M tx/day]\n"),
        ("  metrics: [Café ☕]  # é\n", "  metrics: [Café ☕, 2.5M tx/day]  # é\n"),
    ],
)
def test_append_to_flow_and_null_lists(tmp_path: Path, line: str, after: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("  initiatives:", line + "  initiatives:"), encoding="utf-8")
    diff = write_and_diff(path, [AppendListItem(("context",), "metrics", "2.5M tx/day")])
    assert diff == [("replace", [line.encode()], [after.encode()])]


def test_append_to_a_flow_list_over_several_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("  initiatives:", "  metrics: [\n    one,\n    two\n  ]\n  initiatives:"))
    diff = write_and_diff(path, [AppendListItem(("context",), "metrics", "three")])
    assert diff == [("replace", [b"    two\n"], [b"    two, three\n"])]


def test_append_to_a_missing_or_empty_key(tmp_path: Path, plan_path: Path) -> None:
    diff = write_and_diff(plan_path, [AppendListItem(("context",), "metrics", "2.5M tx/day")])
    assert diff == [("insert", [], [b"  metrics:\n", b"    - 2.5M tx/day\n"])]
    path = tmp_path / "empty.yaml"
    path.write_text(PLAN.replace("  initiatives:", "  metrics:   # what they track\n  initiatives:"))
    diff = write_and_diff(path, [AppendListItem(("context",), "metrics", "2.5M tx/day")])
    assert diff == [("insert", [], [b"    - 2.5M tx/day\n"])]


def test_new_lists_follow_the_files_list_indentation(tmp_path: Path) -> None:
    text = PLAN.replace(
        "    mitigation:\n      - Exec briefing\n      # more to come\n", "    mitigation:\n    - Exec\n"
    )
    text = text.replace("\n  - ", "\n- ").replace("\n    ", "\n  ").replace("\n      ", "\n    ")
    assert parse_yaml(text)[0]["risks"][0]["mitigation"] == ["Exec"]
    edited = apply_edits(text, [AppendListItem(("context",), "metrics", "x")])
    assert changes(text.encode(), edited.encode()) == [("insert", [], [b"  metrics:\n", b"  - x\n"])]


@needs_notes
def test_append_a_stakeholder_note(plan_path: Path) -> None:
    note = "2026-01-22: asked for the ROI pack"
    diff = write_and_diff(plan_path, [AppendListItem(("stakeholders", 0), "notes", note)])
    assert diff == [("insert", [], [b"    notes:\n", b'      - "2026-01-22: asked for the ROI pack"\n'])]


NOTE = "2026-12-07: second"


@needs_notes
@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            ['    notes: "2026-12-02: wants a demo"\n'],
            ["    notes:\n", '      - "2026-12-02: wants a demo"\n', f'      - "{NOTE}"\n'],
        ),
        (  # a plain text keeps its spelling and its comment; the colon ends the key's line
            ["    notes: it's plain, and \\ kept   # why\n"],
            ["    notes:\n", "      - it's plain, and \\ kept   # why\n", f'      - "{NOTE}"\n'],
        ),
        (  # the text on a line of its own below the key: only that line changes
            ["    notes:   # one so far\n", "      'it''s quoted'\n"],
            ["    notes:   # one so far\n", "      - 'it''s quoted'\n", f'      - "{NOTE}"\n'],
        ),
    ],
    ids=["double-quoted", "plain-with-comment", "next-line"],
)
def test_a_note_added_to_notes_written_as_one_text_makes_them_a_list(
    tmp_path: Path, old: list[str], new: list[str]
) -> None:
    """The format reads ``notes: TEXT`` as a list of one note: the new note makes that list explicit, the old text
    kept byte for byte as its first item; no other line changes."""
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("    relationship: 'weak'\n", "    relationship: 'weak'\n" + "".join(old)))
    before = parse_yaml(path.read_text())[0]["stakeholders"][1]["notes"]
    diff = write_and_diff(path, [AppendListItem(("stakeholders", 1), "notes", NOTE)])
    old_lines = [line.encode() for line in old if line not in new]
    assert diff == [
        ("replace" if old_lines else "insert", old_lines, [line.encode() for line in new if line not in old])
    ]
    assert parse_yaml(path.read_text())[0]["stakeholders"][1]["notes"] == [before, NOTE]


@needs_notes
def test_notes_as_one_text_become_a_list_with_crlf_and_inline(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    text = PLAN.replace("    relationship: 'weak'\n", "    relationship: 'weak'\n    notes: first\n")
    path.write_bytes(text.rstrip("\n").replace("\n", "\r\n").encode())
    diff = write_and_diff(path, [AppendListItem(("stakeholders", 1), "notes", NOTE)])
    assert diff == [
        (
            "replace",
            [b"    notes: first\r\n"],
            [b"    notes:\r\n", b"      - first\r\n", b'      - "2026-12-07: second"\r\n'],
        )
    ]
    inline = tmp_path / "inline.yaml"
    inline.write_text(
        PLAN.replace(
            '  - name: "Jennifer Wu"\n',
            '  - {name: Ann Lee, relationship: weak, notes: "a, b"}\n  - name: "Jennifer Wu"\n',
        )
    )
    diff = write_and_diff(inline, [AppendListItem(("stakeholders", 0), "notes", NOTE)])
    assert diff == [
        (
            "replace",
            [b'  - {name: Ann Lee, relationship: weak, notes: "a, b"}\n'],
            [b'  - {name: Ann Lee, relationship: weak, notes: ["a, b", "2026-12-07: second"]}\n'],
        )
    ]


# --- line ends, BOM, final newline ----------------------------------------------------------------------


def test_crlf_bom_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    original = b"\xef\xbb\xbf" + PLAN.rstrip("\n").replace("\n", "\r\n").encode()
    path.write_bytes(original)
    edits: list[PlanEdit] = [
        SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3)),
        SetKey((), "last_reviewed", date(2026, 2, 4)),
        AppendListItem(("risks", 0), "mitigation", "Next"),
    ]
    diff = write_and_diff(path, edits)
    assert diff == [
        ("replace", [b"    last_contact: 2026-01-08\r\n"], [b"    last_contact: 2026-02-03\r\n"]),
        ("insert", [], [b"      - Next\r\n"]),
        ("replace", [b"    owner: Maria Rodriguez"], [b"    owner: Maria Rodriguez\r\n", b"last_reviewed: 2026-02-04"]),
    ]
    result = path.read_bytes()
    assert result.startswith(b"\xef\xbb\xbf# header") and not result.endswith(b"\n")
    assert b"\n" not in result.replace(b"\r\n", b"")


@needs_notes
def test_classic_mac_line_ends_bom_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    """A lone CR (classic Mac OS) is a file's line end like CRLF: every new line gets it, no LF appears."""
    path = tmp_path / "mac.yaml"
    text = PLAN.replace("    relationship: 'weak'\n", "    relationship: 'weak'\n    notes: first\n").rstrip("\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r").encode())
    assert PlanFile.read(path).write(
        [
            SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3)),
            SetKey(("stakeholders", 1), "last_contact", date(2026, 2, 5)),
            AppendListItem(("stakeholders", 1), "notes", NOTE),
            AppendListItem(("risks", 0), "mitigation", "Next"),
            SetKey((), "last_reviewed", date(2026, 2, 4)),
        ]
    )
    expected = (
        text.replace("    last_contact: 2026-01-08\n", "    last_contact: 2026-02-03\n")
        .replace(
            "    notes: first\n",
            '    notes:\n      - first\n      - "2026-12-07: second"\n    last_contact: 2026-02-05\n',
        )
        .replace("      - Exec briefing\n", "      - Exec briefing\n      - Next\n")
        .replace("    owner: Maria Rodriguez", "    owner: Maria Rodriguez\nlast_reviewed: 2026-02-04")
    )
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r").encode()


def test_a_new_line_at_the_end_of_a_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"account:\n  name: A\n  manager: B")
    assert PlanFile.read(path).write([SetKey(("account",), "industry", "Banking")])
    assert path.read_bytes() == b"account:\n  name: A\n  manager: B\n  industry: Banking"


# --- values ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("strong", "strong"),
        ("it's fine", "it's fine"),
        ("50% of budget", "50% of budget"),
        ("yes", '"yes"'),
        ("Off", '"Off"'),
        ("null", '"null"'),
        ("12", '"12"'),
        ("1:30", '"1:30"'),
        ("2026-01-08", '"2026-01-08"'),
        ("a: b", '"a: b"'),
        ("a #b", '"a #b"'),
        ("ends:", '"ends:"'),
        ("- item", '"- item"'),
        ("#tag", '"#tag"'),
        ("*star", '"*star"'),
        (" padded", '" padded"'),
        ("", '""'),
        ('say "hi"\n\tnow\\', '"say \\"hi\\"\\n\\tnow\\\\"'),
        ("bell\x07", '"bell\\x07"'),
        ("Café ☕", "Café ☕"),
        (date(2026, 2, 3), "2026-02-03"),
        (True, "true"),
        (42, "42"),
    ],
)
def test_format_scalar(value: str | date | int, written: str) -> None:
    assert format_scalar(value) == written
    read = parse_yaml(f"k: {written}\n")[0]["k"]
    assert read == value and type(read) is type(value)


def test_format_scalar_styles_and_flow() -> None:
    assert format_scalar("it's", quote="'") == "'it''s'"
    assert format_scalar("plain", quote='"') == '"plain"'
    assert format_scalar("a, b", flow=True) == '"a, b"'
    assert format_scalar("a, b") == "a, b"
    with pytest.raises(EditError):
        format_scalar("\ud800")


# --- refusals -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (SetScalar(("stakeholders", 9, "name"), "X"), "not in the plan"),
        (SetScalar(("stakeholders", 0), "X"), "not a single value"),
        (SetScalar(("stakeholders", 0, "relationship"), "friendly"), "would not load"),
        (SetKey(("stakeholders", 0), "last_contact", "2026-02-30"), "would not load"),
        (SetKey(("stakeholders", 0), "favourite", "tea"), "unknown field"),
        (SetKey(("stakeholders", 0, "name"), "x", "y"), "not a mapping"),
        (AppendListItem(("account",), "name", "x"), "account.name: expected text, got a list"),
        (AppendListItem(("stakeholders", 0), "last_contact", "x"), "not a list"),
    ],
)
def test_bad_edits_raise_and_write_nothing(plan_path: Path, edit: PlanEdit, message: str) -> None:
    with pytest.raises(EditError, match=message):
        PlanFile.read(plan_path).write([edit])
    assert plan_path.read_bytes() == PLAN.encode()
    assert [child.name for child in plan_path.parent.iterdir()] == ["acme.yaml"]


def test_a_plan_that_does_not_load_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    broken = PLAN.replace("period: Q1 2026", "perod: Q1 2026").encode()
    path.write_bytes(broken)
    with pytest.raises(EditError, match="does not load"):
        PlanFile.read(path).write([SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3))])
    assert path.read_bytes() == broken


def test_inline_mappings_are_not_extended(tmp_path: Path) -> None:
    text = "account: {name: A, manager: B}\n"
    with pytest.raises(EditError, match="inline"):
        apply_edits(text, [SetKey(("account",), "industry", "Banking")])
    assert apply_edits(text, [SetKey(("account",), "name", "C, D")]) == 'account: {name: "C, D", manager: B}\n'


# --- files: concurrency, permissions --------------------------------------------------------------------


def test_a_change_between_read_and_commit_is_refused(plan_path: Path) -> None:
    plan = PlanFile.read(plan_path)
    new = plan.edited([SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3))])
    theirs = PLAN.replace("Acme Corp", "Acme Corp.").encode()
    plan_path.write_bytes(theirs)  # another writer (a person's editor, a second samkit) got there first
    with pytest.raises(ConcurrentChange):
        plan.commit(new)
    assert plan_path.read_bytes() == theirs
    assert [child.name for child in plan_path.parent.iterdir()] == ["acme.yaml"]


def test_write_plan_edits_checks_the_expected_bytes_or_digest(plan_path: Path) -> None:
    edit: list[PlanEdit] = [SetScalar(("stakeholders", 0, "last_contact"), date(2026, 2, 3))]
    with pytest.raises(ConcurrentChange):
        write_plan_edits(plan_path, b"something read earlier", edit)
    assert plan_path.read_bytes() == PLAN.encode()
    assert write_plan_edits(plan_path, digest(PLAN.encode()), edit)
    assert b"last_contact: 2026-02-03" in plan_path.read_bytes()
    assert write_plan_edits(plan_path, plan_path.read_bytes(), edit) is False


def test_a_file_removed_before_commit_is_a_concurrent_change(plan_path: Path) -> None:
    plan = PlanFile.read(plan_path)
    new = plan.edited([SetKey((), "last_reviewed", date(2026, 2, 3))])
    plan_path.unlink()
    with pytest.raises(ConcurrentChange):
        plan.commit(new)
    assert not plan_path.exists()


def test_a_file_made_a_folder_before_commit_is_a_concurrent_change(plan_path: Path) -> None:
    """Not an internal error: anything but the bytes read (here a folder in the plan's place) is a change."""
    plan = PlanFile.read(plan_path)
    new = plan.edited([SetKey((), "last_reviewed", date(2026, 2, 3))])
    plan_path.unlink()
    plan_path.mkdir()
    assert plan.changed_on_disk() == f"{plan_path} changed on disk since it was read; nothing was written"
    with pytest.raises(ConcurrentChange):
        plan.commit(new)
    assert plan_path.is_dir()


def test_permissions_are_kept(plan_path: Path) -> None:
    os.chmod(plan_path, 0o640)
    assert PlanFile.read(plan_path).write([SetKey((), "last_reviewed", date(2026, 2, 3))])
    assert stat.S_IMODE(plan_path.stat().st_mode) == 0o640


def test_the_findings_of_an_edit_that_would_not_load_name_the_line_of_the_value(plan_path: Path) -> None:
    """The result is read back without positions (``readback``); its findings still get their places."""
    line = next(number for number, text in enumerate(PLAN.splitlines(), 1) if "relationship:" in text)
    with pytest.raises(EditError, match="would not load") as refused:
        PlanFile.read(plan_path).write([SetScalar(("stakeholders", 0, "relationship"), "friendly")])
    assert f":{line}:" in str(refused.value)


def test_an_explicit_key_without_a_value_is_refused_by_name() -> None:
    # `? key` puts no colon on its line: the writer once crashed looking for one (found by the YAML test suite)
    with pytest.raises(EditError, match=r"a is an explicit key \(\? \.\.\.\) without a value"):
        edit_text("? a\nb: 1\n", [SetScalar(("a",), "x")])
