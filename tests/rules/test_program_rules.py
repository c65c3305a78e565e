"""Messages of the tier-aware and program rules; their boundaries are cases in tests/rules/cases/."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of
from tests.rules.test_rule_table import CLEAN, only, run_lint

UNMAPPED = replace(CLEAN, people=(), last_reviewed=None)


def cell(status: str, extra: str = "") -> str:
    return f"  - unit: Payments\n    product: Core Platform\n    status: {status}\n{extra}"


def raci(*lines: str) -> PlanSpec:
    entry = "  - activity: Renewal\n" + "".join(f"    {line}\n" for line in lines)
    return replace(CLEAN, team=("Tom Lee", "Dana Cole"), raci=(entry,))


NO_CONFIG: dict[str, Any] = {}


@pytest.mark.parametrize(
    ("person", "config", "origin"),
    [
        ({"cadence_days": 30}, NO_CONFIG, "more than 30 days: their cadence_days"),
        ({}, {"cadence": {"champion": 30}}, "more than 30 days: [lint.cadence] champion"),
        ({}, NO_CONFIG, "more than 90 days: stale_contact_days for strategic plans"),
    ],
)
def test_stale_contact_names_the_cadence_and_where_it_came_from(
    person: dict[str, Any], config: dict[str, Any], origin: str
) -> None:
    text = CLEAN.with_person(1, last_contact=days_ago(100), **person).yaml()
    (finding,) = only(run_lint(text, **config), "SAM101")
    assert finding.message == f"Carl Champion: last contact {days_ago(100)} was 100 days ago ({origin})"


def test_engagement_message_names_the_window_and_the_last_contact() -> None:
    text = CLEAN.with_person(0, last_contact=days_ago(93)).yaml()
    (finding,) = only(run_lint(text), "SAM207")
    assert finding.message == (
        f"no executive engagement: no C-level contact in the last 92 days (since {days_ago(92)}); "
        f"last: Ann Buyer on {days_ago(93)}"
    )


def test_a_new_plan_gets_one_coverage_warning_and_no_error() -> None:
    findings = run_lint(UNMAPPED.yaml())
    assert all(finding.severity.value == "warning" for finding in findings), findings
    (coverage,) = [finding for finding in findings if finding.code.startswith("SAM20")]
    assert coverage.code == "SAM202"
    assert coverage.message == "stakeholders not mapped yet: map at least 8 (strategic plan)"


def test_accept_comments_work_on_whitespace_cells_and_raci_entries() -> None:
    """SAM306 and SAM307 are about one cell or one RACI entry: a comment on that item accepts them there only."""
    from samkit.config import Config, LintConfig
    from samkit.lint.engine import build_settings, lint_loaded
    from samkit.plan.loader import load_text

    spec = replace(
        raci("responsible: Tom Lee", "accountable: Legal  # samkit: accept SAM307 -- legal signs renewals"),
        whitespace=(
            cell("pipeline", "    # samkit: accept SAM306 -- the deal is not opened before the pilot ends\n"),
            "  - unit: Finance\n    product: Core Platform\n    status: pipeline\n",
        ),
    )
    text = spec.yaml()
    report = lint_loaded(load_text(text, "plan.yaml"), build_settings(Config(lint=LintConfig()), TODAY))
    assert [(finding.code, finding.line) for finding in report.findings] == [("SAM306", line_of(text, "unit: Finance"))]
    assert sorted(accepted.finding.code for accepted in report.accepted) == ["SAM306", "SAM307"]
