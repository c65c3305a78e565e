"""``samkit diff`` end to end on real git repositories built in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.conftest import REPO, SEED_PLAN
from tests.gitrepo import GitRepo, isolate_git

SEED = "plans/global-financial-corp.yaml"
DISCOVERY = "Schedule discovery call with Robert Martinez (Payments Head) to understand real-time payments requirements"
CFO_MEETING = "Schedule CFO meeting focused on ROI realization and value quantification"
ROADMAP = "Arrange product roadmap briefing for technical team showcasing Q2-Q3 2026 releases"
CHAMPION_RISK = "Champion (David Park, Director Analytics) considering external opportunity"

# Every kind of change cli.md lists, made to the seed plan in one commit.
SEED_EDITS: list[tuple[str, str]] = [
    # relationship_changed up (Lisa Thompson) and down (Jennifer Wu)
    ("    relationship: weak\n", "    relationship: strong\n"),
    (
        "    role: economic_buyer\n    relationship: strong\n    last_contact: 2026-01-08\n",
        "    role: economic_buyer\n    relationship: moderate\n    last_contact: 2026-01-08\n",
    ),
    # role_changed, contact_logged, a stakeholder field_changed
    ("    role: expansion_target\n", "    role: influencer\n"),
    ("    last_contact: 2026-01-10\n", "    last_contact: 2026-02-02\n"),
    ("    title: CFO\n", "    title: Chief Financial Officer\n"),
    # stakeholder_removed (Sarah Johnson) and stakeholder_added (Anna Lee)
    (
        "  - name: Sarah Johnson\n    title: VP Operations\n    department: Operations\n    role: business_owner\n"
        "    relationship: moderate\n    last_contact: 2025-12-12\n    covered_by: Tom Lee\n"
        "    email: sarah.johnson@gfc.example\n    influence: medium\n    support: neutral\n"
        "    cares_about: [operational efficiency]\n",
        "",
    ),
    (
        "  - name: Robert Martinez\n",
        "  - name: Anna Lee\n    title: VP Sales\n    department: Sales\n    role: champion\n    relationship: moderate\n"
        "    last_contact: 2026-02-01\n  - name: Robert Martinez\n",
    ),
    # score 90.5 → 68.5 (current_revenue -20, expansion_potential -2): tier Strategic → Key
    ("  current_revenue: 10\n", "  current_revenue: 2\n"),
    ("  expansion_potential: 9\n", "  expansion_potential: 8\n"),
    # opportunity_changed, opportunity_removed, opportunity_added
    ("    value: $400K\n", "    value: $450K\n"),
    ("    probability: 65%\n", "    probability: 70%\n"),
    (
        "  - name: European Operations\n    description: Expand to EU subsidiaries (3 entities)\n    value: $280K\n"
        "    kind: recurring\n    timeframe: Q3-Q4 2026\n    probability: 45%\n",
        "  - name: Fraud Analytics\n    value: $150K\n    probability: 50%\n",
    ),
    # the whitespace cell that named the removed opportunity names none now (it must name one of the plan's)
    ("    opportunity: European Operations\n", ""),
    # risk_changed, risk_removed, risk_added
    (
        "  - risk: Budget scrutiny due to market conditions\n    severity: medium\n",
        "  - risk: Budget scrutiny due to market conditions\n    severity: high\n",
    ),
    (
        f"  - risk: {CHAMPION_RISK}\n    severity: medium\n    mitigation:\n"
        "      - Multi-thread to his manager (VP Engineering)\n      - Strengthen relationship with CTO\n"
        "      - Document institutional knowledge to survive transition\n    owner: Tom Lee\n",
        "  - risk: New analytics competitor\n    severity: low\n    owner: Tom Lee\n",
    ),
    # action_done, action_removed, action_added, an action field_changed
    (f"    action: {DISCOVERY}\n", f"    action: {DISCOVERY}\n    done: true\n"),
    (
        f"  - due: 2026-03-02\n    action: {ROADMAP}\n    owner: Priya Nair\n",
        "  - due: 2026-02-20\n    action: Introduce Anna Lee to the product team\n    owner: Tom Lee\n",
    ),
    ("  - due: 2026-02-17\n", "  - due: 2026-02-24\n"),
    # plain field_changed
    ("  health_score: 82\n", "  health_score: 76\n"),
]

ACME = """\
account:
  name: Acme Corp
  industry: Manufacturing
  manager: Tom Lee
stakeholders:
  - name: Ann Lee
    title: CTO
    role: economic_buyer
    relationship: strong
  - name: Bob Stone
    title: VP Engineering
    role: champion
    relationship: moderate
  - name: Cara Diaz
    title: Director IT
    relationship: weak
opportunities:
  - name: Platform rollout
    value: $200K
    probability: 50%
"""
GLOBEX = """\
account:
  name: Globex
  manager: Hank Scorpio
opportunities:
  - name: Doomsday device support
    value: $90K
    kind: one_time
    probability: 20%
"""
HOOLI = """\
account:
  name: Hooli
  manager: Gavin Belson
period: Q1 2026
"""
INITECH = """\
account:
  name: Initech
  manager: Bill Lumbergh
  tier: standard
stakeholders:
  - name: Peter Gibbons
    title: Engineer
    relationship: weak
"""


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate_git(monkeypatch, tmp_path)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """base (tag v1) → edits (tag v2): every change kind, a rename, an addition, a deletion, a broken side."""
    repo = GitRepo.create(tmp_path / "repo")
    repo.write(SEED, SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.write("plans/acme.yaml", ACME)
    repo.write("plans/globex.yaml", GLOBEX)
    repo.write("plans/hooli.yaml", HOOLI)
    repo.write("README.md", "# Account plans\n")
    repo.commit("Add plans", date="2026-01-12T10:00:00")
    repo.tag("v1")
    for old, new in SEED_EDITS:
        repo.edit(SEED, old, new)
    repo.move("plans/acme.yaml", "plans/acme-corp.yaml")
    repo.edit("plans/acme-corp.yaml", "industry: Manufacturing", "industry: Industrial Manufacturing")
    repo.remove("plans/globex.yaml")
    repo.write("plans/initech.yaml", INITECH)
    repo.write("plans/hooli.yaml", "account:\n  name: Hooli\n  manager: [Gavin Belson\n")
    repo.write("plans/notes.txt", "not a plan\n")
    repo.write("README.md", "# Account plans, reviewed\n")
    repo.commit("Q1 review", date="2026-02-03T10:00:00")
    repo.tag("v2")
    monkeypatch.chdir(repo.root)
    return repo


def run_json(run_cli: Callable[..., Any], *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("diff", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def by_path(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {plan["path"]: plan for plan in data["plans"]}


def changes_of(plan: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [change for change in plan["changes"] if change["kind"] == kind]


# --- what is reported --------------------------------------------------------------------------------------


def test_files_are_reported_with_their_status(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    code, data = run_json(run_cli, "v1", "v2")
    assert code == 1  # hooli.yaml does not parse on the HEAD side
    assert data["base"] == {"ref": "v1", "commit": history.git("rev-parse", "v1").strip()}
    assert data["head"] == {"ref": "v2", "commit": history.git("rev-parse", "v2").strip()}
    assert [(plan["path"], plan["old_path"], plan["status"]) for plan in data["plans"]] == [
        ("plans/acme-corp.yaml", "plans/acme.yaml", "renamed"),
        ("plans/global-financial-corp.yaml", "plans/global-financial-corp.yaml", "modified"),
        ("plans/globex.yaml", "plans/globex.yaml", "deleted"),
        ("plans/hooli.yaml", "plans/hooli.yaml", "modified"),
        ("plans/initech.yaml", None, "added"),
    ]


def test_every_change_kind_on_a_real_repository(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    _, data = run_json(run_cli, "v1", "v2")
    seed = by_path(data)[SEED]
    kinds = {change["kind"] for change in seed["changes"]}
    assert kinds == {
        "stakeholder_added", "stakeholder_removed", "relationship_changed", "role_changed", "contact_logged",
        "opportunity_added", "opportunity_removed", "opportunity_changed", "risk_added", "risk_removed",
        "risk_changed", "action_added", "action_removed", "action_done", "score_changed", "tier_changed",
        "field_changed",
    }  # fmt: skip
    assert changes_of(seed, "score_changed") == [
        {"kind": "score_changed", "subject": "score", "before": 90.5, "after": 68.5}
    ]
    assert changes_of(seed, "tier_changed") == [
        {"kind": "tier_changed", "subject": "tier", "before": "Strategic", "after": "Key"}
    ]
    assert [(c["subject"], c["before"], c["after"]) for c in changes_of(seed, "relationship_changed")] == [
        ("Jennifer Wu", "strong", "moderate"),
        ("Lisa Thompson", "weak", "strong"),
    ]
    assert [(c["subject"], c["before"], c["after"]) for c in changes_of(seed, "role_changed")] == [
        ("Robert Martinez", "expansion_target", "influencer")
    ]
    assert [(c["subject"], c["before"], c["after"]) for c in changes_of(seed, "contact_logged")] == [
        ("David Park", "2026-01-10", "2026-02-02")
    ]
    (added,) = changes_of(seed, "stakeholder_added")
    assert added["subject"] == "Anna Lee" and added["before"] is None
    assert added["after"]["role"] == "champion" and added["after"]["relationship"] == "moderate"
    (removed,) = changes_of(seed, "stakeholder_removed")
    assert removed["subject"] == "Sarah Johnson" and removed["after"] is None
    assert removed["before"]["title"] == "VP Operations"
    assert changes_of(seed, "opportunity_changed") == [
        {
            "kind": "opportunity_changed",
            "subject": "Payments Division",
            "before": {"value": 400000, "probability": 0.65},
            "after": {"value": 450000, "probability": 0.70},
        }
    ]
    assert [c["subject"] for c in changes_of(seed, "opportunity_added")] == ["Fraud Analytics"]
    assert [c["before"]["value"] for c in changes_of(seed, "opportunity_removed")] == [280000]
    assert changes_of(seed, "risk_changed") == [
        {
            "kind": "risk_changed",
            "subject": "Budget scrutiny due to market conditions",
            "before": {"severity": "medium"},
            "after": {"severity": "high"},
        }
    ]
    assert [c["subject"] for c in changes_of(seed, "risk_added")] == ["New analytics competitor"]
    assert [c["subject"] for c in changes_of(seed, "risk_removed")] == [CHAMPION_RISK]
    assert changes_of(seed, "action_done") == [
        {"kind": "action_done", "subject": DISCOVERY, "before": False, "after": True}
    ]
    assert [c["after"]["due"] for c in changes_of(seed, "action_added")] == ["2026-02-20"]
    assert [c["subject"] for c in changes_of(seed, "action_removed")] == [ROADMAP]
    # (the whitespace cell that named European Operations changed too; whitespace changes are diffed on their own)
    fields = [c for c in changes_of(seed, "field_changed") if not c["subject"].startswith("whitespace")]
    assert [(c["subject"], c["before"], c["after"]) for c in fields] == [
        ("stakeholders[Lisa Thompson].title", "CFO", "Chief Financial Officer"),
        (f"actions[{CFO_MEETING}].due", "2026-02-17", "2026-02-24"),
        ("score.current_revenue", 10, 2),
        ("score.expansion_potential", 9, 8),
        ("state.health_score", 82, 76),
    ]


def test_pipeline_before_and_after(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    _, data = run_json(run_cli, "v1", "v2")
    plans = by_path(data)
    # after: Payments 450K at 70% (315,000), Analytics 120K at 80% (96,000), Fraud 150K at 50% (75,000)
    assert plans[SEED]["pipeline"] == {
        "before": {"recurring": 800000, "one_time": 85000, "total": 885000,
                   "weighted_recurring": 482000, "weighted_one_time": 59500},
        "after": {"recurring": 720000, "one_time": 85000, "total": 805000,
                  "weighted_recurring": 486000, "weighted_one_time": 59500},
    }  # fmt: skip
    assert plans["plans/globex.yaml"]["pipeline"] == {
        "before": {"recurring": 0, "one_time": 90000, "total": 90000,
                   "weighted_recurring": 0, "weighted_one_time": 18000},
        "after": None,
    }  # fmt: skip
    assert plans["plans/initech.yaml"]["pipeline"]["before"] is None
    assert plans["plans/initech.yaml"]["pipeline"]["after"]["total"] == 0


def test_rename_addition_deletion_and_a_broken_side(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    _, data = run_json(run_cli, "v1", "v2")
    plans = by_path(data)
    assert plans["plans/acme-corp.yaml"]["changes"] == [
        {
            "kind": "field_changed",
            "subject": "account.industry",
            "before": "Manufacturing",
            "after": "Industrial Manufacturing",
        }
    ]
    assert plans["plans/initech.yaml"]["changes"] == []
    assert plans["plans/initech.yaml"]["summary"]["after"]["tier"] == "Standard"
    assert plans["plans/globex.yaml"]["summary"]["before"]["account"] == "Globex"
    hooli = plans["plans/hooli.yaml"]
    assert hooli["changes"] == []
    assert [(problem["side"], problem["code"], problem["line"]) for problem in hooli["problems"]] == [
        ("after", "SAM001", 4)
    ]
    assert hooli["pipeline"]["before"]["total"] == 0 and hooli["pipeline"]["after"] is None
    assert all(not plan["problems"] for path, plan in plans.items() if path != "plans/hooli.yaml")


def test_exit_0_when_every_side_parses(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    code, data = run_json(run_cli, "v1", "v2", "--path", SEED, "--path", "plans/initech.yaml")
    assert code == 0
    assert [plan["path"] for plan in data["plans"]] == [SEED, "plans/initech.yaml"]


def test_nothing_changed_is_exit_0_and_an_empty_list(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    code, data = run_json(run_cli, "v2", "v2")
    assert (code, data["plans"]) == (0, [])


def test_a_layout_only_edit_is_modified_without_changes(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    history.write(SEED, "# reviewed in the QBR\n" + history.read(SEED), dedent=False)
    history.commit("comment")
    code, data = run_json(run_cli, "HEAD~1", "HEAD")
    assert code == 0
    assert [(plan["path"], plan["status"], plan["changes"]) for plan in data["plans"]] == [(SEED, "modified", [])]
    text = run_cli("diff", "HEAD~1", "HEAD").stdout
    assert "no change to the plan's content (layout or comments only)" in text


# --- the working tree ----------------------------------------------------------------------------------


def test_no_revision_compares_head_with_the_working_tree(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    history.edit(SEED, "  health_score: 76\n", "  health_score: 79\n")
    history.write("plans/new.yaml", INITECH.replace("Initech", "Umbrella"))  # untracked
    code, data = run_json(run_cli)
    assert code == 0
    assert data["head"] == {"ref": None, "commit": None}
    assert [(plan["path"], plan["status"]) for plan in data["plans"]] == [
        (SEED, "modified"),
        ("plans/new.yaml", "added"),
    ]
    assert by_path(data)[SEED]["changes"] == [
        {"kind": "field_changed", "subject": "state.health_score", "before": 76, "after": 79}
    ]


def test_one_revision_compares_it_with_the_working_tree(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    history.write("plans/hooli.yaml", HOOLI.replace("Q1 2026", "Q2 2026"))  # repair it in the working tree
    code, data = run_json(run_cli, "v1")
    assert code == 0
    hooli = by_path(data)["plans/hooli.yaml"]
    assert hooli["changes"] == [{"kind": "field_changed", "subject": "period", "before": "Q1 2026", "after": "Q2 2026"}]
    assert len(data["plans"]) == 5


def test_paths_are_relative_to_the_current_directory(history: GitRepo, run_cli: Callable[..., Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(history.root / "plans")
    code, data = run_json(run_cli, "v1", "v2", "--path", "global-financial-corp.yaml")
    assert code == 0
    assert [plan["path"] for plan in data["plans"]] == [SEED]  # reported from the repository root


# --- markdown and text -----------------------------------------------------------------------------------


def _inline_text(token: Any) -> str:
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


def test_markdown_reads_as_a_pull_request_comment(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    result = run_cli("diff", "v1", "v2", "--format", "markdown")
    assert result.exit_code == 1
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    assert tokens[0].type == "html_block" and tokens[0].content.strip() == "<!-- samkit-diff -->"
    inline = [token for token in tokens if token.type == "inline"]
    summary = _inline_text(inline[1])  # after the heading "Account plan changes"
    assert _inline_text(inline[0]) == "Account plan changes"
    assert summary.startswith("5 plans changed (1 added, 1 deleted, 1 renamed, 2 modified)")
    # 885,000 + 90,000 (globex) + 0 before; 805,000 + 0 (initech) after; hooli does not parse so is left out
    assert "pipeline -$170,000 (weighted -$14,000)" in summary
    assert "2 relationships moved: 1 strengthened, 1 weakened" in summary
    assert "1 plan not parsed" in summary
    headings = [
        _inline_text(tokens[index + 1]) for index, token in enumerate(tokens) if token.type == "heading_open"
        and token.tag == "h4"
    ]  # fmt: skip
    assert headings == [
        "Acme Corp · plans/acme.yaml → plans/acme-corp.yaml · renamed",
        "Global Financial Corp · plans/global-financial-corp.yaml · modified",
        "Globex · plans/globex.yaml · deleted",
        "Hooli · plans/hooli.yaml · modified",
        "Initech · plans/initech.yaml · added",
    ]
    items = [_inline_text(tokens[index + 2]) for index, token in enumerate(tokens) if token.type == "list_item_open"]
    assert "Lisa Thompson: relationship weak → strong (strengthened)" in items
    assert "Jennifer Wu: relationship strong → moderate (weakened)" in items
    assert "Score 90.5 → 68.5 (-22.0)" in items
    assert "Tier Strategic → Key" in items
    assert f"Done: {DISCOVERY}" in items
    paragraphs = [_inline_text(token) for token in inline]
    assert "Pipeline $885,000 → $805,000 (-$80,000) · weighted $541,500 → $545,500 (+$4,000)" in paragraphs
    assert any(":warning: v2 does not parse: plans/hooli.yaml:4:1 invalid YAML" in text for text in paragraphs)
    assert any(text.startswith("New plan: manager Bill Lumbergh; Standard; 1 stakeholder") for text in paragraphs)


def test_text_output_and_summary_on_stderr(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    result = run_cli("diff", "v1", "v2", "--path", "plans/acme-corp.yaml", "--path", "plans/acme.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "Acme Corp · plans/acme.yaml → plans/acme-corp.yaml · renamed",
        "  Other fields:",
        "    account.industry: Manufacturing → Industrial Manufacturing",
    ]
    assert result.stderr.startswith("1 plan changed (1 renamed) · 1 change · pipeline ±$0")


def test_json_prints_nothing_else_on_stdout(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    result = run_cli("diff", "v1", "v2", "--format", "json")
    json.loads(result.stdout)
    assert result.stderr == ""


# --- safety and errors ------------------------------------------------------------------------------------


@pytest.fixture
def git_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a git in front of the real one that records every argument it is given, then runs the real git."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "spy-bin"
    folder.mkdir()
    log = tmp_path / "git-arguments.log"
    spy = folder / "git"
    spy.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    log.write_text("", encoding="utf-8")
    return log


@pytest.mark.parametrize(
    "revision", ["--output=/tmp/samkit-pwned", "-p", "v1..v2", "HEAD@{1}", "v1:plans/acme.yaml", "v1 v2", "v1\nv2"]
)
def test_odd_revisions_are_refused_before_git_sees_them(
    history: GitRepo, run_cli: Callable[..., Any], git_log: Path, revision: str
) -> None:
    result = run_cli("diff", "--", revision, "v2")
    assert result.exit_code == 2
    assert "samkit: error: refusing git revision" in result.stderr
    assert revision not in git_log.read_text(encoding="utf-8").splitlines()
    assert not Path("/tmp/samkit-pwned").exists()


def test_git_is_given_commit_ids_and_end_of_options(
    history: GitRepo, run_cli: Callable[..., Any], git_log: Path
) -> None:
    assert run_cli("diff", "v1", "v2", "--path", SEED).exit_code == 0
    arguments = git_log.read_text(encoding="utf-8").splitlines()
    assert "--end-of-options" in arguments
    assert "--literal-pathspecs" in arguments
    assert "v1^{commit}" in arguments  # only rev-parse sees the name the user typed
    assert "v1" not in arguments and "v2" not in arguments


def test_an_unknown_revision_is_exit_2(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    result = run_cli("diff", "no-such-branch")
    assert result.exit_code == 2
    assert "samkit: error: unknown git revision 'no-such-branch'" in result.stderr
    assert result.stdout == ""


def test_outside_a_repository_is_exit_2(tmp_path: Path, run_cli: Callable[..., Any],
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    result = run_cli("diff")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_missing_git_is_exit_2(history: GitRepo, run_cli: Callable[..., Any], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("diff", "v1", "v2")
    assert result.exit_code == 2
    assert "git was not found on PATH" in result.stderr


def test_a_repository_without_commits_is_exit_2(tmp_path: Path, run_cli: Callable[..., Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    repo = GitRepo.create(tmp_path / "fresh")
    repo.write("plans/acme.yaml", ACME)
    monkeypatch.chdir(repo.root)
    result = run_cli("diff")
    assert result.exit_code == 2
    assert "no commits yet" in result.stderr


def test_three_revisions_are_a_usage_error(history: GitRepo, run_cli: Callable[..., Any]) -> None:
    result = run_cli("diff", "v1", "v2", "HEAD")
    assert result.exit_code == 2
    assert "at most two revisions" in result.stderr


def test_a_path_outside_the_repository_is_exit_2(history: GitRepo, run_cli: Callable[..., Any],
                                                 tmp_path: Path) -> None:  # fmt: skip
    result = run_cli("diff", "v1", "v2", "--path", str(tmp_path))
    assert result.exit_code == 2
    assert "outside repository" in result.stderr


# --- textconv: the git diff driver ---------------------------------------------------------------------


def test_textconv_as_a_git_diff_driver(history: GitRepo) -> None:
    history.write(".gitattributes", "plans/*.yaml diff=samkit\n")
    driver = f"{sys.executable} -m samkit diff --textconv"
    output = history.git("-c", f"diff.samkit.textconv={driver}", "diff", "v1", "v2", "--", SEED)
    removed = {line[1:] for line in output.splitlines() if line.startswith("-") and not line.startswith("---")}
    added = {line[1:] for line in output.splitlines() if line.startswith("+") and not line.startswith("+++")}
    assert "  role: expansion_target" in removed and "  role: influencer" in added
    assert "score: 90.5 (Strategic)" in removed and "score: 68.5 (Key)" in added
    assert "stakeholder: Anna Lee" in added and "stakeholder: Sarah Johnson" in removed
    assert any(line.startswith("pipeline: recurring $720,000") for line in added)
    # the broken side is still shown: its problems, then its raw text
    broken = history.git("-c", f"diff.samkit.textconv={driver}", "diff", "v1", "v2", "--", "plans/hooli.yaml")
    assert "+# samkit: " in broken and "+  manager: [Gavin Belson" in broken


def test_textconv_of_a_broken_plan_exits_0(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("account:\n  name: Acme\n  name: Acme again\n", encoding="utf-8")
    result = run_cli("diff", "--textconv", str(broken))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith("does not parse; showing the raw text")
    assert result.stdout.endswith("  name: Acme again\n")


def test_textconv_refuses_revisions_and_a_missing_file(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    assert run_cli("diff", "HEAD", "--textconv", str(SEED_PLAN)).exit_code == 2
    result = run_cli("diff", "--textconv", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_textconv_with_a_broken_configuration_scores_with_the_defaults(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    # git runs the driver for every plan in a diff: a typo in samkit.toml must not hide the diff
    config = tmp_path / "samkit.toml"
    config.write_text("[scoring]\nweigths = 1\n", encoding="utf-8")
    result = run_cli("diff", "--textconv", str(SEED_PLAN), "--config", str(config))
    assert result.exit_code == 0
    assert "score: 90.5 (Strategic)" in result.stdout.splitlines()
    assert "scoring.weigths: unknown key; did you mean 'weights'?; scoring with the defaults" in result.stderr


# --- the documented workflow ----------------------------------------------------------------------------


def test_the_documented_github_workflow_is_valid_and_posts_markdown() -> None:
    document = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(document)
    workflows = [token.content for token in tokens if token.type == "fence" and token.info.strip() == "yaml"]
    assert workflows, "docs/diff.md shows the workflow in a ```yaml block"
    workflow = yaml.safe_load(workflows[0])
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "plans/**" in trigger["pull_request"]["paths"]
    steps = next(iter(workflow["jobs"].values()))["steps"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    diff_step = next(step for step in steps if "samkit diff" in str(step.get("run", "")))
    assert 'samkit diff "origin/$BASE_REF" HEAD --format markdown' in diff_step["run"]
    assert diff_step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert any("<!-- samkit-diff -->" in str(step.get("run", "")) for step in steps)


def test_a_path_that_exists_on_neither_side_is_a_usage_error(
    tmp_path: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.create(tmp_path / "repo")
    repo.write(SEED, SEED_PLAN.read_text(encoding="utf-8"), dedent=False)
    repo.write("plans/old.yaml", "account: {name: Old Co, manager: M}\n")
    repo.commit("plans", date="2026-01-05T10:00:00")
    repo.remove("plans/old.yaml")  # deleted in the working tree: still a path HEAD knows
    monkeypatch.chdir(repo.root)

    typo = run_cli("diff", "--path", "plans/global-finacial-corp.yaml")
    assert typo.exit_code == 2
    assert "plans/global-finacial-corp.yaml: no such file or folder in HEAD or the working tree" in typo.stderr
    assert run_cli("diff", "HEAD", "HEAD", "--path", "nowhere/").exit_code == 2

    deleted = run_cli("diff", "--path", "plans/old.yaml", "--format", "json")
    assert deleted.exit_code == 0
    assert [plan["status"] for plan in json.loads(deleted.stdout)["plans"]] == ["deleted"]
