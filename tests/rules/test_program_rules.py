"""Table-driven boundaries for the tier-aware limits, contact cadence and the rules SAM206-SAM207, SAM306-SAM308.

Each case: a plan, the day, the rule, the configuration, and the text on the line the finding points at
(None when the rule must stay quiet). The rule table of ``test_rule_table`` counts these cases too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from samkit.rules import RULES
from tests.rules.plans import TODAY, PlanSpec, days_ago, line_of
from tests.rules.test_rule_table import CLEAN, only, run_lint

KEY = replace(CLEAN, tier="key")
STANDARD = replace(CLEAN, tier="standard")
UNMAPPED = replace(CLEAN, people=(), last_reviewed=None)
DEALS = (
    "  - name: Upsell\n    value: $100K\n    timeframe: Q1 2026\n    probability: 50%\n",
    "  - name: Payments Division\n    value: $400K\n    probability: 50%\n    status: won\n    closed: 2026-01-10\n",
)


def cell(status: str, extra: str = "") -> str:
    return f"  - unit: Payments\n    product: Core Platform\n    status: {status}\n{extra}"


def raci(*lines: str) -> PlanSpec:
    entry = "  - activity: Renewal\n" + "".join(f"    {line}\n" for line in lines)
    return replace(CLEAN, team=("Tom Lee", "Dana Cole"), raci=(entry,))


NO_CONFIG: dict[str, Any] = {}

# (id, plan, today, code, [lint] configuration, needle or None)
CASES: list[tuple[str, PlanSpec, date, str, dict[str, Any], str | None]] = [
    # SAM101 with the stakeholder's cadence: their cadence_days first, then [lint.cadence] by role, then the tier
    (
        "101 cadence_days 30: 31 days is stale",
        CLEAN.with_person(2, last_contact=days_ago(31), cadence_days=30),
        TODAY,
        "SAM101",
        NO_CONFIG,
        f"last_contact: {days_ago(31)}",
    ),
    (
        "101 cadence_days 30: 30 days is not",
        CLEAN.with_person(2, last_contact=days_ago(30), cadence_days=30),
        TODAY,
        "SAM101",
        NO_CONFIG,
        None,
    ),
    (
        "101 cadence_days 120 beats the tier's 90",
        CLEAN.with_person(2, last_contact=days_ago(120), cadence_days=120),
        TODAY,
        "SAM101",
        NO_CONFIG,
        None,
    ),
    (
        "101 [lint.cadence] champion 30: 31 days is stale",
        CLEAN.with_person(1, last_contact=days_ago(31)),
        TODAY,
        "SAM101",
        {"cadence": {"champion": 30}},
        f"last_contact: {days_ago(31)}",
    ),
    (
        "101 [lint.cadence] champion 30: 30 days is not",
        CLEAN.with_person(1, last_contact=days_ago(30)),
        TODAY,
        "SAM101",
        {"cadence": {"champion": 30}},
        None,
    ),
    (
        "101 cadence_days beats [lint.cadence]",
        CLEAN.with_person(1, last_contact=days_ago(45), cadence_days=60),
        TODAY,
        "SAM101",
        {"cadence": {"champion": 30}},
        None,
    ),
    (
        "101 [lint.cadence] is for that role only",
        CLEAN.with_person(2, last_contact=days_ago(45)),
        TODAY,
        "SAM101",
        {"cadence": {"champion": 30}},
        None,
    ),
    (
        "101 [lint.tiers.key] stale_contact_days 60",
        KEY.with_person(2, last_contact=days_ago(61)),
        TODAY,
        "SAM101",
        {"tiers": {"key": {"stale_contact_days": 60}}},
        f"last_contact: {days_ago(61)}",
    ),
    # SAM202 by tier: 8 strategic, 5 key, 3 standard
    ("202 key: four mapped", replace(KEY, people=CLEAN.people[:4]), TODAY, "SAM202", NO_CONFIG, "stakeholders:"),
    ("202 key: five mapped is enough", replace(KEY, people=CLEAN.people[:5]), TODAY, "SAM202", NO_CONFIG, None),
    (
        "202 standard: two mapped",
        replace(STANDARD, people=CLEAN.people[:2]),
        TODAY,
        "SAM202",
        NO_CONFIG,
        "stakeholders:",
    ),
    ("202 standard: three is enough", replace(STANDARD, people=CLEAN.people[:3]), TODAY, "SAM202", NO_CONFIG, None),
    ("202 a new plan is not mapped yet", UNMAPPED, TODAY, "SAM202", NO_CONFIG, "stakeholders:"),
    # SAM201 on a plan not mapped yet: quiet until it has stakeholders or a review
    ("201 a new plan is not single-threaded yet", UNMAPPED, TODAY, "SAM201", NO_CONFIG, None),
    (
        "201 a reviewed plan with nobody mapped is",
        replace(UNMAPPED, last_reviewed=days_ago(1)),
        TODAY,
        "SAM201",
        NO_CONFIG,
        "stakeholders:",
    ),
    # SAM301 by tier: 92 strategic, 183 key, 365 standard
    (
        "301 strategic: 93 days",
        replace(CLEAN, last_reviewed=days_ago(93)),
        TODAY,
        "SAM301",
        NO_CONFIG,
        "last_reviewed:",
    ),
    ("301 strategic: 92 days", replace(CLEAN, last_reviewed=days_ago(92)), TODAY, "SAM301", NO_CONFIG, None),
    ("301 key: 184 days", replace(KEY, last_reviewed=days_ago(184)), TODAY, "SAM301", NO_CONFIG, "last_reviewed:"),
    ("301 key: 183 days", replace(KEY, last_reviewed=days_ago(183)), TODAY, "SAM301", NO_CONFIG, None),
    (
        "301 standard: 366 days",
        replace(STANDARD, last_reviewed=days_ago(366)),
        TODAY,
        "SAM301",
        NO_CONFIG,
        "last_reviewed:",
    ),
    ("301 standard: 365 days", replace(STANDARD, last_reviewed=days_ago(365)), TODAY, "SAM301", NO_CONFIG, None),
    (
        "301 [lint.tiers.key] overrides the flat key",
        replace(KEY, last_reviewed=days_ago(61)),
        TODAY,
        "SAM301",
        {"review_interval_days": 30, "tiers": {"key": {"review_interval_days": 60}}},
        "last_reviewed:",
    ),
    # SAM206 no-executive-alignment
    ("206 aligned", CLEAN, TODAY, "SAM206", NO_CONFIG, None),
    ("206 nobody covers the buyer", CLEAN.with_person(0, covered_by=None), TODAY, "SAM206", NO_CONFIG, "stakeholders:"),
    (
        "206 the manager is no alignment, in any case",
        CLEAN.with_person(0, covered_by="maria RODRIGUEZ"),
        TODAY,
        "SAM206",
        NO_CONFIG,
        "stakeholders:",
    ),
    ("206 anyone else of ours is", CLEAN.with_person(0, covered_by="Dana Cole"), TODAY, "SAM206", NO_CONFIG, None),
    (
        "206 a departed buyer does not count",
        CLEAN.with_person(0, status="left"),
        TODAY,
        "SAM206",
        NO_CONFIG,
        "stakeholders:",
    ),
    ("206 no buyer at all", CLEAN.with_person(0, role="user"), TODAY, "SAM206", NO_CONFIG, "stakeholders:"),
    ("206 a new plan is not checked", UNMAPPED, TODAY, "SAM206", NO_CONFIG, None),
    # SAM207 no-executive-engagement: strategic plans, C-level contact within review_interval_days
    ("207 92 days ago still counts", CLEAN.with_person(0, last_contact=days_ago(92)), TODAY, "SAM207", NO_CONFIG, None),
    (
        "207 93 days ago does not",
        CLEAN.with_person(0, last_contact=days_ago(93)),
        TODAY,
        "SAM207",
        NO_CONFIG,
        "stakeholders:",
    ),
    (
        "207 a title says C-level",
        CLEAN.with_person(0, level=None, title="CFO", last_contact=days_ago(92)),
        TODAY,
        "SAM207",
        NO_CONFIG,
        None,
    ),
    (
        "207 no C-level stakeholder",
        CLEAN.with_person(0, level="vp"),
        TODAY,
        "SAM207",
        NO_CONFIG,
        "stakeholders:",
    ),
    (
        "207 a departed C-level does not count",
        CLEAN.with_person(0, status="left"),
        TODAY,
        "SAM207",
        NO_CONFIG,
        "stakeholders:",
    ),
    (
        "207 key plans are not checked",
        KEY.with_person(0, last_contact=days_ago(200)),
        TODAY,
        "SAM207",
        NO_CONFIG,
        None,
    ),
    (
        "207 a score of 70 is strategic",
        replace(CLEAN, score=(7, 7, 7, 7, 7, 7, 7)).with_person(0, last_contact=days_ago(93)),
        TODAY,
        "SAM207",
        NO_CONFIG,
        "stakeholders:",
    ),
    (
        "207 the window follows [lint.tiers.strategic]",
        CLEAN.with_person(0, last_contact=days_ago(31)),
        TODAY,
        "SAM207",
        {"tiers": {"strategic": {"review_interval_days": 30}}},
        "stakeholders:",
    ),
    # SAM306 whitespace-without-opportunity
    (
        "306 pipeline names nothing",
        replace(CLEAN, whitespace=(cell("pipeline"),)),
        TODAY,
        "SAM306",
        NO_CONFIG,
        "unit: Payments",
    ),
    (
        "306 pipeline names a won deal",
        replace(CLEAN, opportunities=DEALS, whitespace=(cell("pipeline", "    opportunity: payments division\n"),)),
        TODAY,
        "SAM306",
        NO_CONFIG,
        "opportunity: payments division",
    ),
    (
        "306 pipeline names an open deal",
        replace(CLEAN, opportunities=DEALS, whitespace=(cell("pipeline", "    opportunity: Upsell\n"),)),
        TODAY,
        "SAM306",
        NO_CONFIG,
        None,
    ),
    ("306 untapped needs no deal", replace(CLEAN, whitespace=(cell("untapped"),)), TODAY, "SAM306", NO_CONFIG, None),
    # SAM307 raci-unknown-person
    (
        "307 team, manager and sponsor are known",
        raci("responsible: maria rodriguez", "accountable: VP of Sales", "consulted: [Tom Lee, DANA COLE]"),
        TODAY,
        "SAM307",
        NO_CONFIG,
        None,
    ),
    (
        "307 an unknown accountable",
        raci("responsible: Tom Lee", "accountable: Lisa Thompson"),
        TODAY,
        "SAM307",
        NO_CONFIG,
        "accountable: Lisa Thompson",
    ),
    (
        "307 an unknown name in a consulted list",
        raci("responsible: Tom Lee", "accountable: Dana Cole", "consulted:", "  - Tom Lee", "  - Support lead"),
        TODAY,
        "SAM307",
        NO_CONFIG,
        "- Support lead",
    ),
    (
        "307 informed written as one name",
        raci("responsible: Tom Lee", "accountable: Dana Cole", "informed: Legal"),
        TODAY,
        "SAM307",
        NO_CONFIG,
        "informed: Legal",
    ),
    # SAM308 closed-without-date
    (
        "308 won without closed",
        replace(CLEAN, opportunities=(DEALS[1].replace("    closed: 2026-01-10\n", ""),)),
        TODAY,
        "SAM308",
        NO_CONFIG,
        "status: won",
    ),
    (
        "308 lost without closed",
        replace(CLEAN, opportunities=(DEALS[1].replace("    closed: 2026-01-10\n", "").replace("won", "lost"),)),
        TODAY,
        "SAM308",
        NO_CONFIG,
        "status: lost",
    ),
    ("308 won with closed", replace(CLEAN, opportunities=DEALS), TODAY, "SAM308", NO_CONFIG, None),
]


@pytest.mark.parametrize(
    ("spec", "today", "code", "config", "needle"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_rule(spec: PlanSpec, today: date, code: str, config: dict[str, Any], needle: str | None) -> None:
    text = spec.yaml()
    findings = only(run_lint(text, today, **config), code)
    if needle is None:
        assert findings == []
        return
    assert len(findings) == 1, findings
    assert findings[0].line == line_of(text, needle)
    assert findings[0].severity is RULES[code].severity


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
