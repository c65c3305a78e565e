"""The loader: schema errors at the exact line:column of their YAML node, discovery of plan files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from samkit.errors import UsageError
from samkit.findings import SCHEMA, SYNTAX, Severity
from samkit.plan.loader import discover_plans, load_plan, load_text
from tests.conftest import SEED_PLAN

HEAD = "account:\n  name: Acme\n  manager: Maria Rodriguez\n"


def test_seed_plan_loads() -> None:
    loaded = load_plan(SEED_PLAN)
    assert loaded.findings == []
    assert loaded.plan is not None
    assert loaded.plan.account.name == "Global Financial Corp"
    assert len(loaded.plan.stakeholders) == 6
    assert loaded.text.startswith("# yaml-language-server:")


def test_where_gives_the_node_position() -> None:
    loaded = load_plan(SEED_PLAN)
    lines = loaded.text.splitlines()
    position = loaded.where("stakeholders", 4, "last_contact")
    assert lines[position.line - 1][position.column - 1 :] == "2025-10-15"
    first_action = loaded.where("actions", 0, "due")
    assert lines[first_action.line - 1].strip() == "- due: 2026-01-20"


@pytest.mark.parametrize(
    ("body", "line", "column", "start"),
    [
        # each value sits at a known line:column; the finding must point exactly there
        ("  arr: lots\n", 4, 8, "account.arr:"),
        ("period: Q5 2026\n", 4, 9, "period:"),
        ("stakeholders:\n  - name: A\n    relationship: close\n", 6, 19, "stakeholders.0.relationship:"),
        (
            "stakeholders:\n  - name: A\n    relationship: weak\n  - name: B\n    relationship: weak\n    last_contact: soon\n",
            9,
            19,
            "stakeholders.1.last_contact:",
        ),
        ("opportunities:\n  - name: X\n    value: N/A\n    probability: 50%\n", 6, 12, "opportunities.0.value:"),
        ("risks:\n  - risk: R\n    severity: critical\n", 6, 15, "risks.0.severity:"),
        ("score:\n  current_revenue: 10\n  expansion_potential: 12\n" + "", 6, 24, "score.expansion_potential:"),
        ("state:\n  feature_adoption: lots\n", 5, 21, "state.feature_adoption:"),
        ("context:\n  initiatives:\n    - ok\n    - [nested]\n", 7, 7, "context.initiatives.1:"),
    ],
)
def test_schema_error_points_at_the_offending_node(body: str, line: int, column: int, start: str) -> None:
    loaded = load_text(HEAD + body, "plan.yaml")
    assert loaded.plan is None
    matching = [finding for finding in loaded.findings if finding.message.startswith(start)]
    assert matching, [finding.message for finding in loaded.findings]
    finding = matching[0]
    assert finding.code == SCHEMA
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.column) == (line, column)
    assert finding.format_text().startswith(f"plan.yaml:{line}:{column}: SAM002 ")


def test_flow_style_values_are_located_too() -> None:
    line = "stakeholders: [{name: A, relationship: weak}, {name: B, relationship: meh}]"
    loaded = load_text(HEAD + line + "\n")
    (finding,) = loaded.findings
    assert (finding.line, finding.column) == (4, line.index("meh") + 1)


def test_missing_field_in_a_list_item_points_at_the_item() -> None:
    loaded = load_text(
        HEAD + "stakeholders:\n  - name: A\n    relationship: weak\n  - title: CTO\n    department: IT\n"
    )
    (finding,) = [finding for finding in loaded.findings if "'name'" in finding.message]
    assert finding.message == "missing required field 'name' in stakeholders.1"
    assert (finding.line, finding.column) == (7, 5)


def test_missing_field_in_a_section_points_at_the_section_key() -> None:
    loaded = load_text("version: 1\naccount:\n  name: Acme\n", "plan.yaml")
    (finding,) = loaded.findings
    assert finding.message == "missing required field 'manager' in account"
    assert (finding.line, finding.column) == (2, 1)


def test_missing_top_level_section() -> None:
    loaded = load_text("version: 1\nperiod: Q1 2026\n", "plan.yaml")
    (finding,) = loaded.findings
    assert finding.message == "missing required field 'account'"
    assert finding.line == 1


def test_every_missing_score_dimension_is_reported_at_the_score_key() -> None:
    loaded = load_text(HEAD + "score:\n  current_revenue: 5\n")
    assert len(loaded.findings) == 6
    assert {(finding.line, finding.column) for finding in loaded.findings} == {(4, 1)}


def test_several_problems_are_all_reported() -> None:
    loaded = load_text(
        HEAD
        + "period: next year\n"
        + "stakeholders:\n  - name: A\n    relationship: meh\n"
        + "risks:\n  - risk: R\n    severity: huge\n"
    )
    assert [finding.line for finding in sorted(loaded.findings)] == [4, 7, 10]


def test_cross_checks_run_only_on_a_schema_valid_plan() -> None:
    # a duplicate name would be reported too if the schema passed; the schema problem comes first
    loaded = load_text(
        HEAD + "stakeholders:\n  - name: A\n    relationship: meh\n  - name: A\n    relationship: weak\n"
    )
    assert [finding.code for finding in loaded.findings] == [SCHEMA]


def test_load_text_accepts_bytes_and_text_alike() -> None:
    from_text = load_text(HEAD)
    from_bytes = load_text(HEAD.encode())
    assert from_text.plan == from_bytes.plan
    assert from_text.plan is not None


def test_syntax_problem_has_no_plan_and_one_finding() -> None:
    loaded = load_text("account: [\n", "broken.yaml")
    assert not loaded.ok
    assert [finding.code for finding in loaded.findings] == [SYNTAX]
    assert loaded.findings[0].path == "broken.yaml"


# ---------------------------------------------------------------- discovery and files


def test_discover_plans_recurses_sorted_and_skips_hidden(tmp_path: Path, write_plan: Callable[..., Path]) -> None:
    write_plan(HEAD, "plans/b.yaml")
    write_plan(HEAD, "plans/a.yml")
    write_plan(HEAD, "plans/region/c.YAML")
    write_plan(HEAD, "plans/.drafts/hidden.yaml")
    write_plan("not a plan", "plans/notes.txt")
    found = discover_plans([tmp_path / "plans"])
    assert [path.relative_to(tmp_path / "plans").as_posix() for path in found] == ["a.yml", "b.yaml", "region/c.YAML"]


def test_discover_plans_keeps_order_of_arguments_and_drops_repeats(
    tmp_path: Path, write_plan: Callable[..., Path]
) -> None:
    second = write_plan(HEAD, "z.yaml")
    first = write_plan(HEAD, "dir/a.yaml")
    found = discover_plans([second, tmp_path / "dir", first, str(second)])
    assert found == [second, first]


def test_a_file_given_explicitly_is_loaded_whatever_its_suffix(write_plan: Callable[..., Path]) -> None:
    path = write_plan(HEAD, "plan.txt")
    assert discover_plans([path]) == [path]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or directory"):
        discover_plans([tmp_path / "nope"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_instead_of_read(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)
    with pytest.raises(UsageError, match="not a regular file or directory"):
        discover_plans([pipe])
    with pytest.raises(UsageError, match="nothing to check"):  # a folder with only a FIFO has no plan
        discover_plans([tmp_path])


def test_paths_are_shown_relative_to_the_working_directory(
    tmp_path: Path, write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(HEAD + "period: soon\n", "plans/acme.yaml")
    monkeypatch.chdir(tmp_path)
    (loaded,) = [load_plan(path) for path in discover_plans(["plans"])]
    assert loaded.path == os.path.join("plans", "acme.yaml")
    assert loaded.findings[0].path == loaded.path


def test_unreadable_file_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    # a directory where a file was expected fails to read even as root, unlike chmod 0
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    loaded = load_plan(folder)
    (finding,) = loaded.findings
    assert finding.code == SYNTAX
    assert finding.message == "cannot read the file: it is a directory, not a file"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a complex key (YAML's `? ` form) would be a list as a dict key: refused where it starts
        ("? [a, b]\n: 1\n", "4:3: a mapping key must be a plain value, not a list or mapping"),
        # a first name only one stakeholder has is suggested in full
        (
            "stakeholders:\n  - name: Lisa Thompson\n    relationship: weak\n"
            "  - name: Bob Stone\n    relationship: weak\n    reports_to: lisa\n",
            "9:17: stakeholders.1.reports_to: 'lisa' is not a stakeholder in this plan; did you mean 'Lisa Thompson'?",
        ),
        # a value left empty: what to write there, not pydantic's "got None"
        (
            "opportunities:\n  - name: Upsell\n    value:\n    probability: 50%\n",
            "6:11: opportunities.0.value: `value:` is empty; write an amount of money like $400K or 85000",
        ),
        (
            "opportunities:\n  - name: Upsell\n    value: 5\n    probability:\n",
            "7:17: opportunities.0.probability: `probability:` is empty; write a probability like 65% or 0.65",
        ),
        (
            "stakeholders:\n  - name: Lisa\n    relationship:\n",
            "6:18: stakeholders.0.relationship: `relationship:` is empty; write one of: strong, moderate, weak, none",
        ),
        (
            "actions:\n  - due:\n    action: Call\n",
            "5:9: actions.0.due: `due:` is empty; write YYYY-MM-DD, for example 2026-01-31",
        ),
        # `- Note: call them` is a one-key mapping, not text
        (
            "risks:\n  - risk: Churn\n    severity: low\n    mitigation:\n      - Note: call them\n",
            "8:9: risks.0.mitigation.0: expected text, got a mapping; `: ` inside text makes it a `key: value` "
            "pair: put the text in quotes",
        ),
    ],
    ids=["complex-key", "first-name", "empty-money", "empty-probability", "empty-enum", "empty-date", "colon-text"],
)
def test_a_problem_is_one_finding_at_its_node(body: str, expected: str) -> None:
    loaded = load_text(HEAD + body, "plan.yaml")
    assert loaded.plan is None
    assert [f"{finding.line}:{finding.column}: {finding.message}" for finding in loaded.findings] == [expected]
