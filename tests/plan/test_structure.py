"""The plan format additions' structural rules: each one a SAM002 finding at an exact line:column.

Table-driven: a small plan body, the finding's line and column, and the start of its message. Then
property tests over the new value forms (emails, enum spellings, cadence, a string or a list).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samkit.findings import SCHEMA
from samkit.plan.enums import Influence, Support, TeamRole, WhitespaceStatus
from samkit.plan.loader import load_text

HEAD = "account:\n  name: Acme\n  manager: Maria Rodriguez\n"  # lines 1-3
PEOPLE = "stakeholders:\n  - name: Ann\n    relationship: strong\n  - name: Bob\n    relationship: weak\n"  # 4-8
DEALS = "opportunities:\n  - name: Payments Division\n    value: $400K\n    probability: 50%\n"  # 4-7


def cell(unit: str, product: str, extra: str = "") -> str:
    return f"  - unit: {unit}\n    product: {product}\n    status: pipeline\n{extra}"


# (id, body after HEAD, line, column, message start, message part)
CASES: list[tuple[str, str, int, int, str, str]] = [
    (
        "whitespace opportunity names no opportunity",
        DEALS + "whitespace:\n" + cell("Payments", "Core", "    opportunity: Payments Divison\n"),
        12,
        18,
        "whitespace.0.opportunity:",
        "'Payments Divison' is not an opportunity in this plan",
    ),
    (
        "reports_to names no stakeholder",
        PEOPLE + "    reports_to: Carol\n",
        9,
        17,
        "stakeholders.1.reports_to:",
        "'Carol' is not a stakeholder in this plan",
    ),
    (
        "reports_to themselves",
        PEOPLE + "    reports_to: bob\n",
        9,
        17,
        "stakeholders.1.reports_to:",
        "'Bob' cannot report to themselves",
    ),
    (
        "a reporting loop of two",
        "stakeholders:\n  - name: Ann\n    relationship: strong\n    reports_to: Bob\n"
        "  - name: Bob\n    relationship: weak\n    reports_to: ann\n",
        7,
        17,
        "stakeholders.0.reports_to:",
        "reporting loop: Ann → Bob → Ann",
    ),
    (
        "a reporting loop of three, entered from outside",
        "stakeholders:\n  - name: Zed\n    relationship: weak\n    reports_to: Bob\n"
        "  - name: Ann\n    relationship: strong\n    reports_to: Cy\n"
        "  - name: Bob\n    relationship: weak\n    reports_to: Ann\n"
        "  - name: Cy\n    relationship: weak\n    reports_to: Bob\n",
        10,
        17,
        "stakeholders.1.reports_to:",
        "reporting loop: Ann → Cy → Bob → Ann",
    ),
    (
        "duplicate whitespace cell, case-insensitive",
        "whitespace:\n" + cell("Payments", "Core") + cell("PAYMENTS ", "core"),
        8,
        11,
        "whitespace.1:",
        "the cell 'PAYMENTS' × 'core' is already on line 5",
    ),
    (
        "two stakeholders with one email",
        "stakeholders:\n  - name: Ann\n    relationship: strong\n    email: ann@acme.example\n"
        "  - name: Bob\n    relationship: weak\n    email: ANN@Acme.example\n",
        10,
        12,
        "stakeholders.1.email:",
        "'ANN@Acme.example' is already used on line 7; emails must be unique",
    ),
    (
        "an email that is no email",
        "stakeholders:\n  - name: Ann\n    relationship: strong\n    email: ann at acme\n",
        7,
        12,
        "stakeholders.0.email:",
        "'ann at acme' is not an email address",
    ),
    (
        "accountable is a list",
        "raci:\n  - activity: QBR\n    responsible: Maria Rodriguez\n    accountable: [Maria Rodriguez]\n",
        7,
        18,
        "raci.0.accountable:",
        "expected exactly one name (one person is accountable), got a list",
    ),
    (
        "accountable is missing",
        "raci:\n  - activity: QBR\n    responsible: Maria Rodriguez\n",
        5,
        5,
        "missing required field 'accountable'",
        "in raci.0",
    ),
    (
        "cadence_days of 0",
        PEOPLE + "    cadence_days: 0\n",
        9,
        19,
        "stakeholders.1.cadence_days:",
        "expected a whole number of days from 1 to 3650, got 0",
    ),
    (
        "cadence_days over ten years",
        PEOPLE + "    cadence_days: 3651\n",
        9,
        19,
        "stakeholders.1.cadence_days:",
        "from 1 to 3650, got 3651",
    ),
    (
        "cadence_days with a fraction",
        PEOPLE + "    cadence_days: 30.5\n",
        9,
        19,
        "stakeholders.1.cadence_days:",
        "got 30.5",
    ),
    (
        "cadence_days as text",
        PEOPLE + '    cadence_days: "30"\n',
        9,
        19,
        "stakeholders.1.cadence_days:",
        "got '30'",
    ),
    (
        "closed is not a date",
        DEALS + "    status: won\n    closed: last week\n",
        9,
        13,
        "opportunities.0.closed:",
        "'last week' is not a date",
    ),
    (
        "closed is a number",
        DEALS + "    status: won\n    closed: 20260214\n",
        9,
        13,
        "opportunities.0.closed:",
        "20260214 is not a date",
    ),
    (
        "unknown team role lists the allowed ones",
        "  team:\n    - name: Dana Cole\n      role: sponsor\n",
        6,
        13,
        "account.team.0.role:",
        "'sponsor' is not a valid team role; expected one of: strategic_account_manager, executive_sponsor,",
    ),
    (
        "unknown whitespace status",
        "whitespace:\n  - unit: Payments\n    product: Core\n    status: maybe\n",
        7,
        13,
        "whitespace.0.status:",
        "'maybe' is not a valid",
    ),
    (
        "unknown account status",
        "  status: gone\n",
        4,
        11,
        "account.status:",
        "'gone' is not a valid",
    ),
]


@pytest.mark.parametrize(
    ("body", "line", "column", "start", "part"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_structural_rule_points_at_its_value(body: str, line: int, column: int, start: str, part: str) -> None:
    loaded = load_text(HEAD + body, "plan.yaml")
    assert loaded.plan is None
    assert [finding.code for finding in loaded.findings] == [SCHEMA], loaded.findings
    (finding,) = loaded.findings
    assert finding.message.startswith(start), finding.message
    assert part in finding.message
    assert (finding.line, finding.column) == (line, column)
    assert finding.format_text().startswith(f"plan.yaml:{line}:{column}: SAM002 ")


VALID: list[tuple[str, str]] = [
    (
        "a reporting chain without a loop",
        PEOPLE.replace("relationship: weak\n", "relationship: weak\n    reports_to: ANN\n"),
    ),
    (
        "a whitespace cell naming an opportunity in another case",
        DEALS + "whitespace:\n" + cell("P", "C", "    opportunity: payments division\n"),
    ),
    ("one unit, two products", "whitespace:\n" + cell("Payments", "Core") + cell("Payments", "Analytics")),
    (
        "cadence_days at both ends",
        PEOPLE.replace("strong\n", "strong\n    cadence_days: 1\n") + "    cadence_days: 3650\n",
    ),
    ("a blank whitespace opportunity is none", "whitespace:\n" + cell("P", "C", '    opportunity: ""\n')),
]


@pytest.mark.parametrize("body", [case[1] for case in VALID], ids=[case[0] for case in VALID])
def test_structurally_sound_plans_load(body: str) -> None:
    loaded = load_text(HEAD + body, "plan.yaml")
    assert loaded.findings == []


def test_the_cross_checks_all_report_at_once_in_file_order() -> None:
    body = (
        DEALS
        + "whitespace:\n"
        + cell("P", "C", "    opportunity: Nope\n")
        + cell("p", "c")
        + "stakeholders:\n  - name: Ann\n    relationship: strong\n    reports_to: Nobody\n"
    )
    loaded = load_text(HEAD + body, "plan.yaml")
    assert [(finding.line, finding.message.split(":")[0]) for finding in loaded.findings] == [
        (12, "whitespace.0.opportunity"),
        (13, "whitespace.1"),
        (19, "stakeholders.0.reports_to"),
    ]


# --- property tests over the new value forms ---------------------------------------------------------------------

local_part = st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=12)
domain = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=10)


def stakeholder(extra: str) -> str:
    return HEAD + "stakeholders:\n  - name: Ann\n    relationship: strong\n" + extra


@settings(max_examples=150, deadline=None)
@given(local_part, domain, st.sampled_from(["com", "example", "co.uk"]))
def test_any_plain_email_is_read_and_kept(user: str, host: str, tld: str) -> None:
    address = f"{user}@{host}.{tld}"
    loaded = load_text(stakeholder(f'    email: "{address}"\n'))
    assert loaded.plan is not None, loaded.findings
    assert loaded.plan.stakeholders[0].email == address


@settings(max_examples=100, deadline=None)
@given(st.text(string.ascii_letters + string.digits + " .", max_size=20).filter(lambda text: "@" not in text))
def test_text_without_an_at_sign_is_never_an_email(text: str) -> None:
    loaded = load_text(stakeholder(f'    email: "{text}"\n'))
    assert loaded.plan is None
    assert loaded.findings[0].code == SCHEMA
    assert loaded.findings[0].line == 7


def spellings(value: str) -> st.SearchStrategy[str]:
    """The spellings the plan format accepts: any case, spaces or hyphens for underscores."""
    return st.tuples(st.sampled_from(["_", " ", "-"]), st.sampled_from([str.lower, str.upper, str.title])).map(
        lambda choice: choice[1](value.replace("_", choice[0]))
    )


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(list(Influence)).flatmap(lambda v: spellings(v.value).map(lambda s: (v, s))),
    st.sampled_from(list(Support)).flatmap(lambda v: spellings(v.value).map(lambda s: (v, s))),
)
def test_influence_and_support_in_any_spelling(influence: tuple[Influence, str], support: tuple[Support, str]) -> None:
    loaded = load_text(stakeholder(f'    influence: "{influence[1]}"\n    support: "{support[1]}"\n'))
    assert loaded.plan is not None, loaded.findings
    assert loaded.plan.stakeholders[0].influence is influence[0]
    assert loaded.plan.stakeholders[0].support is support[0]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(list(TeamRole)).flatmap(lambda v: spellings(v.value).map(lambda s: (v, s))),
    st.sampled_from(list(WhitespaceStatus)).flatmap(lambda v: spellings(v.value).map(lambda s: (v, s))),
)
def test_team_roles_and_whitespace_statuses_in_any_spelling(
    role: tuple[TeamRole, str], status: tuple[WhitespaceStatus, str]
) -> None:
    text = (
        HEAD
        + f'  team:\n    - name: Dana\n      role: "{role[1]}"\n'
        + f'whitespace:\n  - unit: U\n    product: P\n    status: "{status[1]}"\n'
    )
    loaded = load_text(text)
    assert loaded.plan is not None, loaded.findings
    assert loaded.plan.account.team[0].role is role[0]
    assert loaded.plan.whitespace[0].status is status[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-5000, max_value=10000))
def test_cadence_days_is_a_whole_number_from_1_to_3650(days: int) -> None:
    loaded = load_text(stakeholder(f"    cadence_days: {days}\n"))
    if 1 <= days <= 3650:
        assert loaded.plan is not None and loaded.plan.stakeholders[0].cadence_days == days
    else:
        assert loaded.plan is None
        assert (loaded.findings[0].line, loaded.findings[0].column) == (7, 19)


item_text = st.text(string.ascii_letters + string.digits + " ,.", min_size=1, max_size=15).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(item_text, min_size=1, max_size=4), st.booleans())
def test_cares_about_notes_and_consulted_take_a_string_or_a_list(items: list[str], as_list: bool) -> None:
    value = "[" + ", ".join(f'"{item}"' for item in items) + "]" if as_list else f'"{items[0]}"'
    expected = items if as_list else items[:1]
    text = (
        stakeholder(f"    cares_about: {value}\n    notes: {value}\n")
        + "raci:\n  - activity: QBR\n    responsible: Maria Rodriguez\n    accountable: Dana\n"
        + f"    consulted: {value}\n    informed: {value}\n"
    )
    loaded = load_text(text)
    assert loaded.plan is not None, loaded.findings
    person, entry = loaded.plan.stakeholders[0], loaded.plan.raci[0]
    assert person.cares_about == expected
    assert person.notes == expected
    assert entry.consulted == expected
    assert entry.informed == expected
