"""Lint output formats: text, json, GitHub workflow commands, SARIF 2.1.0 (validated against the schema)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from samkit.findings import Finding, Severity
from samkit.output.lint_out import lint_github, lint_json, lint_text
from samkit.rules import RULES
from tests.conftest import TEST_DATA
from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of

# the OASIS SARIF 2.1.0 schema (public reference data, copied from the project's shared reference folder)
SARIF_SCHEMA = TEST_DATA / "sarif-schema-2.1.0.json"
Run = Callable[..., Any]
Write = Callable[..., Path]

# one error (SAM101) and one warning (SAM202), plus an accepted SAM301 at plan level
MIXED = replace(
    PlanSpec().with_person(2, last_contact=days_ago(100)),
    people=PlanSpec().with_person(2, last_contact=days_ago(100)).people[:7],
    last_reviewed=None,
    header="# samkit: accept SAM301 -- first plan for a new account\n",
)


def lint(run_cli: Run, *args: str) -> Any:
    return run_cli("lint", "--today", TODAY.isoformat(), *args)


def test_text_format(run_cli: Run, write_plan: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    text = MIXED.yaml()
    monkeypatch.chdir(write_plan(text).parent)
    result = lint(run_cli, "plan.yaml")
    shown = "plan.yaml"
    lines = result.stdout.splitlines()
    stale_line = line_of(text, f"last_contact: {days_ago(100)}")
    assert lines == [
        f"{shown}:{line_of(text, 'stakeholders:')}:1: SAM202 warning: thin coverage: 7 stakeholders mapped, fewer than 8",
        f"{shown}:{stale_line}:19: SAM101 error: Person 3: last contact {days_ago(100)} was 100 days ago "
        "(more than 90 days: stale_contact_days for strategic plans)",
    ]
    assert result.stderr.strip().endswith("samkit lint: 1 plan checked, 1 error, 1 warning, 1 accepted")


def test_json_format_is_a_list_of_findings(run_cli: Run, write_plan: Write) -> None:
    text = MIXED.yaml()
    path = write_plan(text)
    result = lint(run_cli, "--format", "json", str(path))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)  # stdout holds nothing but the JSON
    assert [set(item) for item in findings] == [{"path", "line", "column", "code", "severity", "message"}] * 2
    assert [(item["code"], item["severity"], item["line"]) for item in findings] == [
        ("SAM202", "warning", line_of(text, "stakeholders:")),
        ("SAM101", "error", line_of(text, "last_contact: 2025")),
    ]
    assert all(Path(item["path"]).resolve() == path.resolve() for item in findings)


def test_json_for_clean_plans_is_an_empty_list(run_cli: Run, write_plan: Write) -> None:
    result = lint(run_cli, "-f", "json", str(write_plan(PlanSpec().yaml())))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_github_format(run_cli: Run, write_plan: Write) -> None:
    text = MIXED.yaml()
    path = write_plan(text)
    result = lint(run_cli, "--format", "github", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    pattern = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=(SAM\d{3})::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m[1], m[5], int(m[3])) for m in parsed if m] == [
        ("warning", "SAM202", line_of(text, "stakeholders:")),
        ("error", "SAM101", line_of(text, "last_contact: 2025")),
    ]


def test_github_escapes_data_and_properties() -> None:
    finding = Finding("plans/a,b:c.yaml", 3, 5, "SAM302", Severity.WARNING, "100% done?\r\nnot: really, no")
    (line,) = lint_github([finding]).splitlines()
    assert line == ("::warning file=plans/a%2Cb%3Ac.yaml,line=3,col=5,title=SAM302::100%25 done?%0D%0Anot: really, no")


def test_text_and_json_formatters_share_to_dict() -> None:
    finding = Finding("p.yaml", 2, 3, "SAM101", Severity.ERROR, "stale")
    assert lint_text([finding]) == "p.yaml:2:3: SAM101 error: stale\n"
    assert json.loads(lint_json([finding])) == [finding.to_dict()]


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


def test_sarif_is_valid_and_complete(run_cli: Run, write_plan: Write, sarif_schema: dict[str, Any]) -> None:
    text = MIXED.yaml()
    path = write_plan(text)
    result = lint(run_cli, "--format", "sarif", str(path))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, sarif_schema)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "samkit"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        declared = RULES[rule["id"]]
        assert rule["name"] == declared.name
        assert rule["shortDescription"]["text"] == declared.summary
        assert rule["fullDescription"]["text"].startswith(declared.summary)
        assert rule["help"]["text"] == declared.description
        assert rule["defaultConfiguration"]["level"] == declared.severity.value
    results = run["results"]
    assert [(r["ruleId"], r["level"], "suppressions" in r) for r in results] == [
        ("SAM202", "warning", False),
        ("SAM101", "error", False),
        ("SAM301", "warning", True),
    ]
    for entry in results:
        assert driver["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]
        location = entry["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] >= 1
    accepted = results[2]
    assert accepted["suppressions"] == [{"kind": "inSource", "justification": "first plan for a new account"}]
    stale = results[1]["locations"][0]["physicalLocation"]
    assert stale["region"]["startLine"] == line_of(text, "last_contact: 2025")


def test_sarif_uris_are_relative_to_the_source_root(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema: dict[str, Any]
) -> None:
    folder = tmp_path / "plans" / "emea & apac"
    folder.mkdir(parents=True)
    (folder / "acme.yaml").write_text(MIXED.yaml(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    log = json.loads(lint(run_cli, "-f", "sarif").stdout)
    jsonschema.validate(log, sarif_schema)
    run = log["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "plans/emea%20%26%20apac/acme.yaml", "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_for_clean_plans_has_rules_and_no_results(
    run_cli: Run, write_plan: Write, sarif_schema: dict[str, Any]
) -> None:
    result = lint(run_cli, "-f", "sarif", str(write_plan(PlanSpec().yaml())))
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    jsonschema.validate(log, sarif_schema)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


@pytest.mark.parametrize("output_format", ["json", "github", "sarif"])
def test_accept_comment_problems_reach_every_machine_format(
    run_cli: Run, write_plan: Write, output_format: str
) -> None:
    path = write_plan(replace(MIXED, header="# samkit: accept SAM404 -- typo\n").yaml())
    result = lint(run_cli, "--format", output_format, str(path))
    message = "accept comment names unknown rule code 'SAM404'"
    assert "SAM404" not in result.stderr
    assert "samkit lint:" not in result.stdout
    if output_format == "json":
        assert {
            "path": str(path),
            "line": 1,
            "column": 1,
            "code": "SAM903",
            "severity": "warning",
            "message": message,
        } in (json.loads(result.stdout))
    elif output_format == "github":
        assert f"::warning file={path.as_posix()},line=1,col=1,title=SAM903::{message}\n" in result.stdout
    else:
        results = json.loads(result.stdout)["runs"][0]["results"]
        (problem,) = [entry for entry in results if entry["ruleId"] == "SAM903"]
        assert problem["message"]["text"] == message
        region = problem["locations"][0]["physicalLocation"]["region"]
        assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 32}  # the whole comment


def test_the_github_actions_workflows_in_the_docs_are_valid_yaml() -> None:
    import yaml
    from markdown_it import MarkdownIt

    from tests.conftest import REPO

    document = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    blocks = [token.content for token in MarkdownIt().parse(document) if token.type == "fence" and token.info == "yaml"]
    assert len(blocks) == 2
    runs = []
    for block in blocks:
        workflow = yaml.safe_load(block)
        assert "schedule" in workflow[True]  # YAML 1.1 reads the key `on` as True
        (job,) = workflow["jobs"].values()
        runs.extend(step.get("run", "") for step in job["steps"])
    assert any("samkit lint plans/ --format github" in run for run in runs)
    assert any("samkit lint plans/ --format sarif" in run for run in runs)


def test_text_on_a_terminal_colours_the_severity_and_wraps_under_the_first_line() -> None:
    """Issue #21: the `path:line:col: CODE` prefix stays; the severity word is on every line, coloured on a
    terminal; a long message wraps between words, indented under its first line."""
    long = Finding("plans/acme.yaml", 12, 3, "SAM302", Severity.WARNING, "action due 2026-01-20 is overdue " * 4)
    short = Finding("plans/acme.yaml", 2, 3, "SAM101", Severity.ERROR, "stale")
    lines = lint_text([short, long], width=60, colour=True).splitlines()
    assert lines[0] == "plans/acme.yaml:2:3: SAM101 \x1b[1;31merror\x1b[0m: stale"
    assert lines[1].startswith("plans/acme.yaml:12:3: SAM302 \x1b[33mwarning\x1b[0m: action")
    assert len(lines) > 2 and all(line.startswith("    ") for line in lines[2:])
    plain = lint_text([long], width=60).splitlines()
    assert all(len(line) <= 60 for line in plain)
    assert all(not line.endswith(" ") for line in plain)
    assert lint_text([long]).count("\n") == 1  # piped: one finding, one line
