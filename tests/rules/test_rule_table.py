"""Rule behaviour beyond the case files (tests/rules/cases/, run by test_rule_cases): severities, configuration,
messages, the loader's rules and the seed plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from samkit.config import Config, LintConfig
from samkit.findings import Finding, Severity
from samkit.lint.engine import build_settings, lint_loaded
from samkit.plan.loader import load_text
from samkit.rules import RULES
from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of

CLEAN = PlanSpec()


def run_lint(text: str, today: date = TODAY, **lint: object) -> list[Finding]:
    loaded = load_text(text, "plan.yaml")
    settings = build_settings(Config(lint=LintConfig.model_validate(lint)), today)
    return lint_loaded(loaded, settings).findings


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


def test_the_clean_plan_has_no_findings() -> None:
    text = CLEAN.yaml()
    assert load_text(text).ok, load_text(text).findings
    assert run_lint(text) == []


def test_default_severities_follow_the_spec_table() -> None:
    # SAM310 (a future last_reviewed) is an error like SAM103 (a future last_contact); SAM312 (money in another
    # currency) too: the program's totals would be wrong
    errors = {"SAM001", "SAM002", "SAM101", "SAM103", "SAM201", "SAM304", "SAM310", "SAM312"}
    assert {code for code, found in RULES.items() if found.severity is Severity.ERROR} == errors


@pytest.mark.parametrize(("age", "fires"), [(30, False), (31, True)])
def test_stale_contact_days_is_configurable(age: int, fires: bool) -> None:
    text = CLEAN.with_person(2, last_contact=days_ago(age)).yaml()
    assert bool(only(run_lint(text, stale_contact_days=30), "SAM101")) is fires


@pytest.mark.parametrize(("count", "fires"), [(4, True), (5, False)])
def test_min_stakeholders_is_configurable(count: int, fires: bool) -> None:
    text = replace(CLEAN, people=CLEAN.people[:count]).yaml()
    assert bool(only(run_lint(text, min_stakeholders=5), "SAM202")) is fires


@pytest.mark.parametrize(("age", "fires"), [(30, False), (31, True)])
def test_review_interval_days_is_configurable(age: int, fires: bool) -> None:
    text = replace(CLEAN, last_reviewed=days_ago(age)).yaml()
    assert bool(only(run_lint(text, review_interval_days=30), "SAM301")) is fires


def test_stale_contact_message_names_the_person_and_the_age() -> None:
    text = CLEAN.with_person(2, last_contact=days_ago(91)).yaml()
    (finding,) = only(run_lint(text), "SAM101")
    assert finding.message == (
        f"Person 3: last contact {days_ago(91)} was 91 days ago (more than 90 days: stale_contact_days for strategic plans)"
    )
    assert finding.column == len("    last_contact: ") + 1


def test_yaml_syntax_and_schema_come_from_the_loader() -> None:
    broken = run_lint("account:\n  name: [unclosed\n")
    assert [finding.code for finding in broken] == ["SAM001"]
    misspelt = CLEAN.yaml().replace("  manager:", "  manger:")
    findings = run_lint(misspelt)
    assert [finding.code for finding in findings] == ["SAM002", "SAM002"]  # unknown 'manger', missing 'manager'
    assert any(finding.line == line_of(misspelt, "manger:") for finding in findings)


def test_plan_rules_do_not_run_on_a_plan_that_does_not_parse() -> None:
    text = replace(CLEAN, last_reviewed=None).yaml() + "extra_key: 1\n"
    assert {finding.code for finding in run_lint(text)} == {"SAM002"}


def test_seed_plan_findings_on_the_seed_review_day(tmp_path: object) -> None:
    from tests.conftest import SEED_PLAN

    text = SEED_PLAN.read_text(encoding="utf-8")
    findings = run_lint(text, date(2026, 2, 1))
    # Lisa Thompson was last seen 2025-10-15: 109 days before 2026-02-01; Robert Martinez never;
    # six mapped is thin; the actions due 2026-01-20 and 2026-01-27 are overdue; the 90.5 score matches 'strategic'.
    assert [(finding.code, finding.line) for finding in findings] == [
        ("SAM202", line_of(text, "stakeholders:")),
        ("SAM101", line_of(text, "last_contact: 2025-10-15")),
        ("SAM102", line_of(text, "name: Robert Martinez")),
        ("SAM302", line_of(text, "due: 2026-01-20")),
        ("SAM302", line_of(text, "due: 2026-01-27")),
    ]
    assert "109 days ago" in findings[1].message


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_page_says_why_and_shows_a_failing_and_a_passing_example(code: str) -> None:
    """ruff-style rule pages: what it checks, why it matters, then YAML that fails and YAML that passes."""
    from samkit.output.lint_out import rule_sections
    from samkit.plan.yamlsafe import YamlProblem, parse_yaml

    sections = rule_sections(RULES[code])
    texts = [text for kind, text in sections if kind == "text"]
    assert any(text.startswith("Why it matters: ") for text in texts)
    labels = [texts.index(text) for text in texts if text.startswith(("Fails", "Passes"))]
    assert [texts[index].split()[0].rstrip(":") for index in labels] == ["Fails", "Passes"]
    examples = [text for kind, text in sections if kind == "example"]
    assert len(examples) == 2
    failing, passing = examples
    if code == "SAM001":  # its failing example is the point: YAML samkit's reader refuses
        with pytest.raises(YamlProblem):
            parse_yaml(failing)
        failing = passing
    for example in (failing, passing):
        data, _ = parse_yaml(example)  # an example is real YAML that samkit's reader accepts
        assert isinstance(data, dict)
