"""`samkit log`: each edit changes exactly the expected bytes of a real plan in a real git repository."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.loader import load_plan
from samkit.plan.planfile import PlanFile
from tests.conftest import SEED_PLAN
from tests.gitrepo import GitRepo

TODAY = "2026-02-16"

PLAN = """\
# Acme: owned by Maria
account:
  name: Acme Corp
  manager: Maria Rodriguez
period: Q1 2026   # this quarter
last_reviewed: 2026-01-05
stakeholders:
  - name: Jennifer Wu
    email: jen.wu@acme.example
    relationship: strong        # keep me aligned
    last_contact: 2026-02-10
    notes: ["2026-02-10: intro call"]

  - name: Lisa Thompson
    relationship: 'weak'
    last_contact: 2025-10-15
    notes:
      - "2026-01-02: budget owner"
  - name: Robert Martinez
    relationship: none
    status: left
"""


@pytest.fixture
def cli(run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.setenv("SAMKIT_TODAY", TODAY)
    return run_cli


def changed(before: bytes, after: bytes) -> list[tuple[list[bytes], list[bytes]]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(old[a:b], new[c:d]) for op, a, b, c, d in matcher.get_opcodes() if op != "equal"]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_bytes(PLAN.encode())
    return path


def test_the_issue_example_git_diff_shows_exactly_those_lines(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.commit("Add the plan")
    monkeypatch.chdir(repo.root)
    result = cli(
        "log", "plans/gfc.yaml", "Lisa Thompson", "--relationship", "moderate", "--note", "asked for the ROI pack"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "plans/gfc.yaml: Lisa Thompson: last_contact 2025-10-15 → 2026-02-16\n"
        "plans/gfc.yaml: Lisa Thompson: relationship weak → moderate\n"
        'plans/gfc.yaml: Lisa Thompson: notes + "2026-02-16: asked for the ROI pack"\n'
    )
    diff = repo.git("diff", "--unified=0", "--no-color")
    body = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert body == [
        "-    relationship: weak",
        "-    last_contact: 2025-10-15",
        "+    relationship: moderate",
        "+    last_contact: 2026-02-16",
        '+      - "2026-02-16: asked for the ROI pack"',  # after the note the seed already has
    ]
    assert repo.git("diff", "--numstat").split() == ["3", "2", "plans/gfc.yaml"]


def test_a_later_contact_is_kept_and_the_output_says_so(plan: Path, cli: Callable[..., Any]) -> None:
    result = cli("log", str(plan), "jennifer wu", "--date", "2026-02-01")
    assert result.exit_code == 0
    assert result.stdout == f"{plan}: Jennifer Wu: last_contact kept 2026-02-10 (later than 2026-02-01)\n"
    assert plan.read_bytes() == PLAN.encode()


def test_every_edit_kind_byte_for_byte(plan: Path, cli: Callable[..., Any]) -> None:
    result = cli("log", str(plan), "JEN.WU@acme.example", "--note", "demo, then pricing", "--reviewed")
    assert result.exit_code == 0, result.stderr
    assert changed(PLAN.encode(), plan.read_bytes()) == [
        ([b"last_reviewed: 2026-01-05\n"], [b"last_reviewed: 2026-02-16\n"]),
        (
            [b"    last_contact: 2026-02-10\n", b'    notes: ["2026-02-10: intro call"]\n'],
            [
                b"    last_contact: 2026-02-16\n",
                b'    notes: ["2026-02-10: intro call", "2026-02-16: demo, then pricing"]\n',
            ],
        ),
    ]
    before = plan.read_bytes()
    assert cli("log", str(plan), "lisa thompson", "--relationship", "Strong", "--note", "QBR").exit_code == 0
    assert changed(before, plan.read_bytes()) == [
        (
            [b"    relationship: 'weak'\n", b"    last_contact: 2025-10-15\n"],
            [b"    relationship: 'strong'\n", b"    last_contact: 2026-02-16\n"],
        ),
        ([], [b'      - "2026-02-16: QBR"\n']),
    ]


def test_a_never_contacted_stakeholder_gets_a_new_line_after_relationship(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "new.yaml"
    text = PLAN.replace("    relationship: none\n    status: left\n", "    relationship: none\n    title: CFO\n")
    path.write_text(text, encoding="utf-8")
    result = cli("log", str(path), "Robert Martinez")
    assert result.stdout == f"{path}: Robert Martinez: last_contact (none) → 2026-02-16\n"
    assert changed(text.encode(), path.read_bytes()) == [([], [b"    last_contact: 2026-02-16\n"])]
    assert path.read_text(encoding="utf-8").endswith(
        "    relationship: none\n    last_contact: 2026-02-16\n    title: CFO\n"
    )


def test_crlf_and_bom_are_kept(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = tmp_path / "crlf.yaml"
    original = b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode()
    path.write_bytes(original)
    result = cli("log", str(path), "Lisa Thompson", "--note", "call")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert changed(original, after) == [
        ([b"    last_contact: 2025-10-15\r\n"], [b"    last_contact: 2026-02-16\r\n"]),
        ([], [b'      - "2026-02-16: call"\r\n']),
    ]


def test_classic_mac_line_ends_are_kept(tmp_path: Path, cli: Callable[..., Any]) -> None:
    """A plan saved with classic Mac OS line ends (a lone CR) gets new lines ended the same way: a key
    inserted, a note added to a list and a notes list made, and no line ending in LF."""
    path = tmp_path / "mac.yaml"
    original = PLAN.replace("\n", "\r").encode()
    path.write_bytes(original)
    assert cli("log", str(path), "Lisa Thompson", "--note", "call").exit_code == 0
    assert cli("log", str(path), "Robert Martinez", "--note", "left a message").exit_code == 0
    expected = (
        PLAN.replace("    last_contact: 2025-10-15\n", "    last_contact: 2026-02-16\n")
        .replace(
            '      - "2026-01-02: budget owner"\n', '      - "2026-01-02: budget owner"\n      - "2026-02-16: call"\n'
        )
        .replace(
            "    relationship: none\n    status: left\n",
            "    relationship: none\n    last_contact: 2026-02-16\n    status: left\n"
            '    notes:\n      - "2026-02-16: left a message"\n',
        )
        .replace("\n", "\r")
        .encode()
    )
    assert path.read_bytes() == expected


def test_dry_run_prints_the_same_lines_and_writes_nothing(plan: Path, cli: Callable[..., Any]) -> None:
    dry = cli("log", str(plan), "Lisa Thompson", "--relationship", "moderate", "--dry-run")
    assert dry.exit_code == 0
    assert plan.read_bytes() == PLAN.encode()
    assert "dry run: nothing was written" in dry.stderr
    real = cli("log", str(plan), "Lisa Thompson", "--relationship", "moderate")
    assert real.stdout == dry.stdout
    assert plan.read_bytes() != PLAN.encode()


def test_an_unknown_name_is_exit_2_with_the_closest_names(plan: Path, cli: Callable[..., Any]) -> None:
    result = cli("log", str(plan), "Jennifer Wu", "Lisa Tomson")
    assert result.exit_code == 2
    assert "no stakeholder named 'Lisa Tomson'; did you mean 'Lisa Thompson'?" in result.stderr
    assert plan.read_bytes() == PLAN.encode()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Jennifer Wu", "Lisa Thompson", "--relationship", "weak"], "give exactly one NAME"),
        (["Jennifer Wu", "--relationship", "great"], "expected one of strong, moderate, weak, none"),
        (["Jennifer Wu", "--date", "2026-02-17"], "is after today"),
        (["Jennifer Wu", "--date", "2026-02-30"], "is not a date"),
        (["Jennifer Wu", "--note", "  "], "--note is empty"),
        ([], "give at least one NAME after the plan"),
        (["Ann Buyer", "--new", "--email", "ann at acme"], "--email 'ann at acme' is not an email address"),
        (["Ann Buyer", "--new", "--email", "ann @acme.example"], "is not an email address"),
    ],
)
def test_bad_usage_is_exit_2_and_writes_nothing(
    plan: Path, cli: Callable[..., Any], arguments: list[str], message: str
) -> None:
    result = cli("log", str(plan), *arguments)
    assert result.exit_code == 2
    assert message in result.stderr
    assert plan.read_bytes() == PLAN.encode()


def test_a_plan_that_does_not_load_is_exit_1_and_untouched(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = tmp_path / "bad.yaml"
    broken = PLAN.replace("relationship: strong ", "relationship: great  ").encode()
    path.write_bytes(broken)
    result = cli("log", str(path), "Lisa Thompson")
    assert result.exit_code == 1
    assert "relationship" in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_bytes() == broken
    assert cli("log", str(tmp_path / "missing.yaml"), "Lisa Thompson").exit_code == 2


def test_a_new_person_in_an_inline_stakeholder_list_is_refused_untouched(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "flow.yaml"
    inline = b"account:\n  name: Flow Co\n  manager: Maria Rodriguez\nstakeholders: [{name: Ann Buyer, relationship: weak}]\n"
    path.write_bytes(inline)
    result = cli("log", str(path), "Bob Stone", "--new", "--email", "bob@flow.example")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("stakeholders is empty or written inline; add the item by hand")
    assert path.read_bytes() == inline


def test_a_concurrent_change_is_refused(plan: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    edited = PlanFile.edited
    someone_else = PLAN.replace("Acme Corp", "Acme Corporation").encode()

    def edit_while_another_editor_saves(self: PlanFile, edits: Any, **options: Any) -> bytes:
        new = edited(self, edits, **options)
        self.path.write_bytes(someone_else)  # an editor saves between our read and our write
        return new

    monkeypatch.setattr(PlanFile, "edited", edit_while_another_editor_saves)
    result = cli("log", str(plan), "Lisa Thompson")
    assert result.exit_code == 1
    assert "changed on disk since it was read; nothing was written" in result.stderr
    assert plan.read_bytes() == someone_else


def test_the_result_still_loads(plan: Path, cli: Callable[..., Any]) -> None:
    cli("log", str(plan), "Lisa Thompson", "Jennifer Wu", "--note", 'said: "ship it" # today', "--reviewed")
    loaded = load_plan(plan)
    assert loaded.plan is not None
    assert loaded.plan.stakeholders[1].notes[-1] == '2026-02-16: said: "ship it" # today'


def test_the_readme_shows_the_real_output(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (SEED_PLAN.parent.parent / "docs" / "imports.md").read_text(encoding="utf-8")
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/global-financial-corp.yaml", SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.commit("Add the plan")
    monkeypatch.chdir(repo.root)
    note = "sent the ROI pack; budget review on March 3"
    result = cli(
        "log", "plans/global-financial-corp.yaml", "Lisa Thompson", "--relationship", "moderate", "--note", note
    )
    assert f'"Lisa Thompson" --relationship moderate --note "{note}"\n' + result.stdout in readme
    diff = repo.git("diff", "--no-color")
    hunks = diff[diff.index("@@") :]
    assert hunks.rsplit("\n", 3)[0] in readme  # the README stops after the first line of the next stakeholder


def test_log_edits_a_plan_with_objectives_value_and_shared_actions_byte_for_byte(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """The customer's side (objectives, milestones, value delivered, shared actions) is left byte for byte."""
    from tests.conftest import TEST_DATA

    path = tmp_path / "mutual.yaml"
    before = (TEST_DATA / "mutual-plan.yaml").read_bytes().replace(b"\n", b"\r\n")  # line ends kept too
    path.write_bytes(before)
    result = cli("log", str(path), "Michael Chen", "--note", "agreed the triage milestone", "--reviewed")
    assert result.exit_code == 0, result.stderr
    assert changed(before, path.read_bytes()) == [
        ([b"last_reviewed: 2026-01-12\r\n"], [b"last_reviewed: 2026-02-16\r\n"]),
        (
            [b"    last_contact: 2026-01-05\r\n"],
            [b"    last_contact: 2026-02-16\r\n"],
        ),
        ([], [b"    notes:\r\n", b'      - "2026-02-16: agreed the triage milestone"\r\n']),
    ]
    loaded = load_plan(path)
    assert loaded.plan is not None and len(loaded.plan.objectives) == 3
