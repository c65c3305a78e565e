"""The rule kit: every rule's cases are data, and every rule page's examples are linted.

``tests/rules/cases/SAMxxx.yaml`` holds one rule's cases (as sqlfluff's rule fixtures do): each a whole plan, the
day (``today``, else the file's), the configuration (``config``: samkit.toml's tables, else none) and the findings
of that rule the plan must give, with line and column (``[]``: the rule must stay quiet). Adding a case never
means writing Python. ``scripts/new_rule.py`` starts a rule's file.

The failing and passing examples of every rule's page (its docstring, shown by ``samkit rules CODE`` and in
docs/lint.md) are plan fragments: each is laid over a plan no rule flags (its top-level sections replace the
plan's), the passing one over the failing one ("the same plan with ..."), and linted on the day the label names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from samkit.config import Config
from samkit.findings import Finding
from samkit.lint.engine import build_settings, lint_loaded
from samkit.plan.loader import load_text
from samkit.rules import RULES
from tests.rules.plans import TODAY, PlanSpec

CASES_DIR = Path(__file__).parent / "cases"
LOADER_CODES = {"SAM001", "SAM002"}


@dataclass(frozen=True)
class RuleCase:
    code: str
    name: str
    plan: str
    today: date
    config: dict[str, Any] = field(default_factory=dict)
    findings: tuple[tuple[int, int], ...] = ()


def load_cases(path: Path) -> list[RuleCase]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    code = data["rule"]
    assert path.stem == code, f"{path.name} holds the cases of {code}"
    default_today = date.fromisoformat(str(data.get("today", TODAY.isoformat())))
    return [
        RuleCase(
            code=code,
            name=case["name"],
            plan=case["plan"],
            today=date.fromisoformat(str(case["today"])) if "today" in case else default_today,
            config=case.get("config") or data.get("config") or {},
            findings=tuple((finding["line"], finding["column"]) for finding in case["findings"]),
        )
        for case in data["cases"]
    ]


def lint_text(text: str, today: date, config: dict[str, Any] | None = None) -> list[Finding]:
    settings = build_settings(Config.model_validate(config or {}), today)
    return lint_loaded(load_text(text, "plan.yaml"), settings).findings


CASES = [case for path in sorted(CASES_DIR.glob("*.yaml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.code}: {case.name}")
def test_rule_case(case: RuleCase) -> None:
    findings = lint_text(case.plan, case.today, case.config)
    if case.code not in LOADER_CODES:  # a case whose plan does not load would pass any rule's quiet case
        assert not [finding for finding in findings if finding.code in LOADER_CODES], findings
    found = [finding for finding in findings if finding.code == case.code]
    assert [(finding.line, finding.column) for finding in found] == list(case.findings), [
        finding.format_text() for finding in found
    ]
    assert all(finding.severity is RULES[case.code].severity for finding in found)


def test_every_plan_rule_has_a_case_that_fires_and_one_that_does_not() -> None:
    firing = {case.code for case in CASES if case.findings}
    quiet = {case.code for case in CASES if not case.findings}
    plan_rules = {code for code, found in RULES.items() if found.needs_plan}
    assert plan_rules <= firing
    assert plan_rules <= quiet
    assert {case.code for case in CASES} <= set(RULES)


# ---------------------------------------------------------------------------------------------- rule pages

CLEAN_PLAN = PlanSpec().yaml()
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def sections(text: str) -> dict[str, list[str]]:
    """A plan's top-level sections by key, each with its lines (comments and all); lines before any key go
    under ``""``."""
    found: dict[str, list[str]] = {"": []}
    key = ""
    for line in text.splitlines():
        match = TOP_LEVEL_KEY.match(line)
        if match:
            key = match.group(1)
            found[key] = []
        found[key].append(line)
    return found


def overlay(plan: str, fragment: str) -> str:
    """``plan`` with the top-level sections of ``fragment`` in place of its own (new ones at the end)."""
    merged = sections(plan)
    for key, lines in sections(fragment).items():
        if key:
            merged[key] = lines
    return "\n".join(line for lines in merged.values() for line in lines) + "\n"


def page_examples(code: str) -> tuple[str, str, date]:
    """A rule page's failing and passing examples, and the day its "Fails (on YYYY-MM-DD ...)" label names."""
    from samkit.output.lint_out import rule_sections

    parts = rule_sections(RULES[code])
    examples = [text for kind, text in parts if kind == "example"]
    label = next(text for kind, text in parts if kind == "text" and text.startswith("Fails"))
    named = re.search(r"\bon (\d{4}-\d{2}-\d{2})", label)
    failing, passing = examples
    return failing, passing, date.fromisoformat(named.group(1)) if named else TODAY


@pytest.mark.parametrize("code", list(RULES))
def test_a_rule_pages_failing_example_gives_the_rule_and_its_passing_one_does_not(code: str) -> None:
    failing, passing, today = page_examples(code)
    fails = overlay(CLEAN_PLAN, failing)
    passes = overlay(fails, passing)
    assert code in {finding.code for finding in lint_text(fails, today)}, fails
    assert code not in {finding.code for finding in lint_text(passes, today)}, passes


def test_overlay_replaces_whole_top_level_sections_and_keeps_comments() -> None:
    plan = "account:\n  name: A\n  manager: M\nrisks: []\n"
    fragment = "account:\n  name: B  # samkit: accept SAM205 -- why\nactions: []\n"
    assert overlay(plan, fragment) == "account:\n  name: B  # samkit: accept SAM205 -- why\nrisks: []\nactions: []\n"
