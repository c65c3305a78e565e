"""Table-driven: for every rule, a plan that triggers it and one that sits exactly on the boundary and does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from samkit.config import Config, LintConfig
from samkit.findings import Finding, Severity
from samkit.lint.engine import build_settings, lint_loaded
from samkit.plan.loader import load_text
from samkit.rules import RULES
from tests.rules.plans import TODAY, Person, PlanSpec, days_ago, line_of

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


two_relationships = (
    Person("Ann Buyer", role="economic_buyer", relationship="strong"),
    Person("Carl Champion", role="champion", relationship="moderate"),
    *(Person(f"Person {number}", relationship="weak") for number in range(3, 9)),
)
one_relationship = (two_relationships[0], replace(two_relationships[1], relationship="weak"), *two_relationships[2:])
one_plus_departed = (two_relationships[0], replace(two_relationships[1], status="left"), *two_relationships[2:])

# (id, plan, today, code, text on the line the finding points at, or None when the rule must stay quiet)
CASES: list[tuple[str, PlanSpec, date, str, str | None]] = [
    # SAM101 stale-contact: more than 90 days
    (
        "101 91 days is stale",
        CLEAN.with_person(2, last_contact=days_ago(91)),
        TODAY,
        "SAM101",
        f"last_contact: {days_ago(91)}",
    ),
    ("101 90 days is not stale", CLEAN.with_person(2, last_contact=days_ago(90)), TODAY, "SAM101", None),
    (
        "101 a departed stakeholder is never stale",
        CLEAN.with_person(2, last_contact=days_ago(400), status="left"),
        TODAY,
        "SAM101",
        None,
    ),
    # SAM102 never-contacted
    ("102 no last_contact", CLEAN.with_person(3, last_contact=None), TODAY, "SAM102", "name: Person 4"),
    (
        "102 a departed stakeholder is never never-contacted",
        CLEAN.with_person(3, last_contact=None, status="left"),
        TODAY,
        "SAM102",
        None,
    ),
    # SAM103 future-contact
    (
        "103 tomorrow is the future",
        CLEAN.with_person(4, last_contact="2026-02-02"),
        TODAY,
        "SAM103",
        "last_contact: 2026-02-02",
    ),
    ("103 today is not the future", CLEAN.with_person(4, last_contact=TODAY.isoformat()), TODAY, "SAM103", None),
    # SAM201 single-threaded: fewer than 2 moderate-or-strong relationships
    ("201 one relationship", replace(CLEAN, people=one_relationship), TODAY, "SAM201", "stakeholders:"),
    ("201 two relationships are enough", replace(CLEAN, people=two_relationships), TODAY, "SAM201", None),
    (
        "201 a departed stakeholder's relationship does not count",
        replace(CLEAN, people=one_plus_departed),
        TODAY,
        "SAM201",
        "stakeholders:",
    ),
    # SAM202 thin-coverage: fewer than 8 mapped
    ("202 seven mapped", replace(CLEAN, people=CLEAN.people[:7]), TODAY, "SAM202", "stakeholders:"),
    ("202 eight mapped is enough", CLEAN, TODAY, "SAM202", None),
    ("202 departed stakeholders are not mapped", CLEAN.with_person(7, status="left"), TODAY, "SAM202", "stakeholders:"),
    # SAM203 no-economic-buyer at moderate or better
    ("203 weak economic buyer", CLEAN.with_person(0, relationship="weak"), TODAY, "SAM203", "stakeholders:"),
    ("203 moderate economic buyer is enough", CLEAN.with_person(0, relationship="moderate"), TODAY, "SAM203", None),
    ("203 departed economic buyer", CLEAN.with_person(0, status="left"), TODAY, "SAM203", "stakeholders:"),
    # SAM204 no-champion at moderate or better
    ("204 weak champion", CLEAN.with_person(1, relationship="weak"), TODAY, "SAM204", "stakeholders:"),
    ("204 moderate champion is enough", CLEAN.with_person(1, relationship="moderate"), TODAY, "SAM204", None),
    ("204 no champion at all", CLEAN.with_person(1, role="user"), TODAY, "SAM204", "stakeholders:"),
    # SAM205 no-executive-sponsor
    ("205 missing", replace(CLEAN, executive_sponsor=None), TODAY, "SAM205", "account:"),
    ("205 blank", replace(CLEAN, executive_sponsor='"  "'), TODAY, "SAM205", "executive_sponsor:"),
    ("205 present", CLEAN, TODAY, "SAM205", None),
    # SAM301 stale-plan: missing, or more than 92 days
    ("301 93 days", replace(CLEAN, last_reviewed=days_ago(93)), TODAY, "SAM301", "last_reviewed:"),
    ("301 92 days is still current", replace(CLEAN, last_reviewed=days_ago(92)), TODAY, "SAM301", None),
    ("301 never reviewed", replace(CLEAN, last_reviewed=None), TODAY, "SAM301", "account:"),
    # SAM302 overdue-action: due before today and not done
    (
        "302 due yesterday",
        replace(CLEAN, actions=("  - due: 2026-01-31\n    action: Call\n",)),
        TODAY,
        "SAM302",
        "due: 2026-01-31",
    ),
    ("302 due today is not overdue", CLEAN, TODAY, "SAM302", None),
    (
        "302 a done action is never overdue",
        replace(CLEAN, actions=("  - due: 2025-01-31\n    action: Call\n    done: true\n",)),
        TODAY,
        "SAM302",
        None,
    ),
    # SAM303 lapsed-opportunity: open and the timeframe's last day is before today
    ("303 Q1 2026 has lapsed on April 1st", CLEAN, date(2026, 4, 1), "SAM303", "timeframe: Q1 2026"),
    ("303 Q1 2026 is current on March 31st", CLEAN, date(2026, 3, 31), "SAM303", None),
    (
        "303 a won opportunity never lapses",
        replace(
            CLEAN,
            opportunities=(
                "  - name: Old\n    value: 1\n    timeframe: Q1 2020\n    probability: 1\n    status: won\n",
            ),
        ),
        TODAY,
        "SAM303",
        None,
    ),
    (
        "303 no timeframe",
        replace(CLEAN, opportunities=("  - name: Old\n    value: 1\n    probability: 1\n",)),
        TODAY,
        "SAM303",
        None,
    ),
    # SAM304 unmitigated-risk: high and no mitigation
    (
        "304 high without mitigation",
        replace(CLEAN, risks=("  - risk: Churn\n    severity: high\n",)),
        TODAY,
        "SAM304",
        "risk: Churn",
    ),
    (
        "304 high with a blank mitigation",
        replace(CLEAN, risks=('  - risk: Churn\n    severity: high\n    mitigation: ""\n',)),
        TODAY,
        "SAM304",
        "risk: Churn",
    ),
    (
        "304 medium without mitigation is fine",
        replace(CLEAN, risks=("  - risk: Churn\n    severity: medium\n",)),
        TODAY,
        "SAM304",
        None,
    ),
    ("304 high with a mitigation is fine", CLEAN, TODAY, "SAM304", None),
    # SAM305 tier-mismatch: declared tier differs from the score block's (seed weights: 10,9,10,9,8,7,8 → 90.5)
    (
        "305 declared key, scored strategic",
        replace(CLEAN, tier="key", score=(10, 9, 10, 9, 8, 7, 8)),
        TODAY,
        "SAM305",
        "tier: key",
    ),
    (
        "305 a matching tier is no mismatch",
        replace(CLEAN, tier="strategic", score=(10, 9, 10, 9, 8, 7, 8)),
        TODAY,
        "SAM305",
        None,
    ),
    # exactly 70 (7 points everywhere) is Strategic, so declaring key is a mismatch; 69.5 is Key
    (
        "305 a score of exactly 70 is strategic",
        replace(CLEAN, tier="key", score=(7, 7, 7, 7, 7, 7, 7)),
        TODAY,
        "SAM305",
        "tier: key",
    ),
    ("305 no score block, no check", replace(CLEAN, tier="standard"), TODAY, "SAM305", None),
    # SAM309 all-zero-score: a score block of seven zeros is not a score (and SAM305 stays quiet about it)
    ("309 seven zeros", replace(CLEAN, tier="key", score=(0,) * 7), TODAY, "SAM309", "score:"),
    ("309 one value is enough to count", replace(CLEAN, score=(0, 0, 0, 0, 0, 0, 1)), TODAY, "SAM309", None),
    (
        "305 an all-zero block is no score to mismatch",
        replace(CLEAN, tier="key", score=(0,) * 7),
        TODAY,
        "SAM305",
        None,
    ),
    # SAM310 future-review: last_reviewed after today, like SAM103
    ("310 tomorrow", replace(CLEAN, last_reviewed="2026-02-02"), TODAY, "SAM310", "last_reviewed: 2026-02-02"),
    ("310 today is not the future", replace(CLEAN, last_reviewed=TODAY.isoformat()), TODAY, "SAM310", None),
    # SAM311 placeholder-manager
    ("311 Your Name", replace(CLEAN, manager="Your Name"), TODAY, "SAM311", "manager: Your Name"),
    ("311 tbd in any case", replace(CLEAN, manager="tbd"), TODAY, "SAM311", "manager: tbd"),
    ("311 a real name", CLEAN, TODAY, "SAM311", None),
    # a churned plan is history: only the structural rules (SAM0xx) still apply
    (
        "churned: no SAM301",
        replace(CLEAN, status="churned", last_reviewed=None),
        TODAY,
        "SAM301",
        None,
    ),
    ("churned: no SAM205", replace(CLEAN, status="churned", executive_sponsor=None), TODAY, "SAM205", None),
    (
        "churned: no SAM903 either",
        replace(CLEAN, status="churned", header="# samkit: accept SAM999 -- typo\n"),
        TODAY,
        "SAM903",
        None,
    ),
    # SAM901-SAM903: the accept comments themselves (the engine reports these, at the comment)
    (
        "901 an accept that covers nothing",
        replace(CLEAN, header="# samkit: accept SAM202 -- a small company\n"),
        TODAY,
        "SAM901",
        "# samkit: accept SAM202",
    ),
    (
        "901 an accept that covers a finding is used",
        replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202 -- a small company\n"),
        TODAY,
        "SAM901",
        None,
    ),
    (
        "902 an accept without a reason",
        replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202\n"),
        TODAY,
        "SAM902",
        "# samkit: accept SAM202",
    ),
    (
        "902 an empty reason after -- is no reason",
        replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202 --   \n"),
        TODAY,
        "SAM902",
        "# samkit: accept SAM202",
    ),
    (
        "902 an accept with a reason",
        replace(CLEAN, people=CLEAN.people[:5], header="# samkit: accept SAM202 -- small\n"),
        TODAY,
        "SAM902",
        None,
    ),
    ("903 an unknown code", replace(CLEAN, header="# samkit: accept SAM999 -- typo\n"), TODAY, "SAM903", "SAM999"),
    (
        "903 the word samkit in an ordinary comment",
        replace(CLEAN, header="# kept in the samkit plan format; see samkit: docs\n"),
        TODAY,
        "SAM903",
        None,
    ),
]


@pytest.mark.parametrize(
    ("spec", "today", "code", "needle"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_rule(spec: PlanSpec, today: date, code: str, needle: str | None) -> None:
    text = spec.yaml()
    findings = only(run_lint(text, today), code)
    if needle is None:
        assert findings == []
        return
    assert len(findings) == 1, findings
    assert findings[0].line == line_of(text, needle)
    assert findings[0].severity is RULES[code].severity


def test_every_plan_rule_has_a_case_that_fires_and_one_that_does_not() -> None:
    from tests.rules.test_program_rules import CASES as PROGRAM_CASES

    cases = [(code, needle) for *_, code, needle in CASES] + [(case[3], case[5]) for case in PROGRAM_CASES]
    firing = {code for code, needle in cases if needle is not None}
    quiet = {code for code, needle in cases if needle is None}
    plan_rules = {code for code, found in RULES.items() if found.needs_plan}
    assert plan_rules <= firing
    assert plan_rules <= quiet


def test_default_severities_follow_the_spec_table() -> None:
    # SAM310 (a future last_reviewed) is an error like SAM103 (a future last_contact)
    errors = {"SAM001", "SAM002", "SAM101", "SAM103", "SAM201", "SAM304", "SAM310"}
    assert {code for code, found in RULES.items() if found.severity is Severity.ERROR} == errors
    assert len(RULES) == 26


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
