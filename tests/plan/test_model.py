"""The plan model: enum spellings, level inference, unique names, reports_to, unknown keys, value types."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from samkit.findings import SCHEMA
from samkit.plan.enums import Level, OpportunityKind, OpportunityStatus, Relationship, RiskSeverity, Role, Tier
from samkit.plan.loader import LoadedPlan, load_text
from samkit.plan.model import Plan, Stakeholder, infer_level, plan_json_schema

HEAD = "account:\n  name: Acme\n  manager: Maria Rodriguez\n"


def load(body: str) -> LoadedPlan:
    return load_text(HEAD + body, "plan.yaml")


def messages(loaded: LoadedPlan) -> list[str]:
    return [finding.message for finding in loaded.findings]


# ---------------------------------------------------------------- enums


@pytest.mark.parametrize(
    "spelling", ["economic_buyer", "Economic Buyer", "economic-buyer", "ECONOMIC BUYER", "  Economic  Buyer "]
)
def test_role_spellings(spelling: str) -> None:
    person = Stakeholder.model_validate({"name": "A", "relationship": "strong", "role": spelling})
    assert person.role is Role.ECONOMIC_BUYER


@pytest.mark.parametrize(
    ("field", "spelling", "expected"),
    [
        ("relationship", "Strong", Relationship.STRONG),
        ("relationship", "NONE", Relationship.NONE),
        ("level", "C-Suite", Level.C_SUITE),
        ("level", "c suite", Level.C_SUITE),
        ("role", "Technical Evaluator", Role.TECHNICAL_EVALUATOR),
        ("role", "expansion-target", Role.EXPANSION_TARGET),
        ("status", "Left", "left"),
    ],
)
def test_stakeholder_enum_spellings(field: str, spelling: str, expected: object) -> None:
    data = {"name": "A", "relationship": "weak", field: spelling}
    assert getattr(Stakeholder.model_validate(data), field) == expected


def test_plan_level_enum_spellings() -> None:
    loaded = load(
        "  tier: Strategic\n"
        "opportunities:\n  - name: X\n    value: 1\n    probability: 50%\n    kind: One-Time\n    status: WON\n"
        "risks:\n  - risk: R\n    severity: High\n"
    )
    assert loaded.plan is not None, messages(loaded)
    assert loaded.plan.account.tier is Tier.STRATEGIC
    assert loaded.plan.opportunities[0].kind is OpportunityKind.ONE_TIME
    assert loaded.plan.opportunities[0].status is OpportunityStatus.WON
    assert loaded.plan.risks[0].severity is RiskSeverity.HIGH


def test_bad_enum_lists_the_allowed_values_at_its_position() -> None:
    loaded = load("stakeholders:\n  - name: A\n    relationship: Strongish\n")
    (finding,) = loaded.findings
    assert finding.code == SCHEMA
    assert (finding.line, finding.column) == (6, 19)
    assert "'Strongish' is not a valid relationship; expected one of: strong, moderate, weak, none" in finding.message


def test_enum_canonical_values_and_helpers() -> None:
    assert [relationship.rank for relationship in Relationship] == [3, 2, 1, 0]
    assert [relationship.counts for relationship in Relationship] == [True, True, False, False]
    assert [tier.label for tier in Tier] == ["Strategic", "Key", "Standard"]
    assert sorted(RiskSeverity, key=lambda severity: severity.rank) == [
        RiskSeverity.HIGH,
        RiskSeverity.MEDIUM,
        RiskSeverity.LOW,
    ]


def test_defaults() -> None:
    loaded = load(
        "stakeholders:\n  - name: A\n    relationship: weak\n"
        "opportunities:\n  - name: X\n    value: $1K\n    probability: 10%\n"
        "actions:\n  - due: 2026-01-01\n    action: Do it\n"
    )
    assert loaded.plan is not None
    plan = loaded.plan
    assert plan.version == 1
    assert plan.stakeholders[0].active
    assert plan.opportunities[0].kind is OpportunityKind.RECURRING
    assert plan.opportunities[0].status is OpportunityStatus.OPEN
    assert plan.actions[0].done is False


# ---------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("CTO", Level.C_SUITE),
        ("CFO", Level.C_SUITE),
        ("Chief Revenue Officer", Level.C_SUITE),
        ("(CTO)", Level.C_SUITE),
        ("CTO & Co-Founder", Level.C_SUITE),
        ("VP Engineering", Level.VP),
        ("VP, Sales", Level.VP),
        ("Vice President of Operations", Level.VP),
        ("Vice-President Finance", Level.VP),
        ("SVP Customer Success", Level.VP),
        ("SVP/GM", Level.VP),
        ("EVP", Level.VP),
        ("Director Analytics", Level.DIRECTOR),
        ("Sr. Director, IT", Level.DIRECTOR),
        ("Head of Payments", Level.DIRECTOR),
        ("Payments Head", Level.DIRECTOR),
        ("Product Manager", Level.MANAGER),
        ("Team Lead", Level.MANAGER),
        ("Team Leader", Level.INDIVIDUAL),  # whole words: Leader is not Lead
        ("Software Engineer", Level.INDIVIDUAL),
        ("Scheduling Coordinator", Level.INDIVIDUAL),
        ("", Level.INDIVIDUAL),
        (None, Level.INDIVIDUAL),
    ],
)
def test_level_inferred_from_title(title: str | None, level: Level) -> None:
    assert infer_level(title) is level


def test_explicit_level_wins_over_title() -> None:
    person = Stakeholder.model_validate({"name": "A", "relationship": "weak", "title": "CTO", "level": "manager"})
    assert person.effective_level is Level.MANAGER
    inferred = Stakeholder.model_validate({"name": "B", "relationship": "weak", "title": "CTO"})
    assert inferred.level is None
    assert inferred.effective_level is Level.C_SUITE


# ---------------------------------------------------------------- cross-item rules


def test_stakeholder_names_are_unique_case_insensitively() -> None:
    loaded = load(
        "stakeholders:\n"
        "  - name: Jennifer Wu\n    relationship: strong\n"
        "  - name: jennifer wu\n    relationship: weak\n"
    )
    assert loaded.plan is None
    (finding,) = loaded.findings
    assert finding.code == SCHEMA
    assert (finding.line, finding.column) == (7, 11)
    assert "'jennifer wu' is already used on line 5; names must be unique" in finding.message


def test_opportunity_names_are_unique() -> None:
    loaded = load(
        "opportunities:\n"
        "  - name: Payments\n    value: $1K\n    probability: 10%\n"
        "  - name: Payments\n    value: $2K\n    probability: 20%\n"
    )
    assert [finding.line for finding in loaded.findings] == [8]
    assert "already used on line 5" in messages(loaded)[0]


def test_same_name_as_stakeholder_and_opportunity_is_fine() -> None:
    assert load(
        "stakeholders:\n  - name: Payments\n    relationship: weak\n"
        "opportunities:\n  - name: Payments\n    value: 1\n    probability: 0.5\n"
    ).ok


def test_reports_to_must_name_a_stakeholder_of_the_plan() -> None:
    loaded = load(
        "stakeholders:\n"
        "  - name: Jennifer Wu\n    relationship: strong\n"
        "  - name: Michael Chen\n    relationship: strong\n    reports_to: Jenifer Wu\n"
    )
    (finding,) = loaded.findings
    assert (finding.line, finding.column) == (9, 17)
    assert "stakeholders.1.reports_to: 'Jenifer Wu' is not a stakeholder in this plan" in finding.message
    assert finding.message.endswith("; did you mean 'Jennifer Wu'?")


def test_reports_to_a_known_stakeholder_is_valid() -> None:
    loaded = load(
        "stakeholders:\n"
        "  - name: Jennifer Wu\n    relationship: strong\n"
        "  - name: Michael Chen\n    relationship: strong\n    reports_to: Jennifer Wu\n"
    )
    assert loaded.ok


def test_nobody_reports_to_themselves() -> None:
    loaded = load("stakeholders:\n  - name: A\n    relationship: weak\n    reports_to: A\n")
    assert "cannot report to themselves" in messages(loaded)[0]


# ---------------------------------------------------------------- unknown keys


@pytest.mark.parametrize(
    ("body", "where", "suggestion", "line", "column"),
    [
        ("stakeholder:\n  - name: A\n", "'stakeholder'", "'stakeholders'", 4, 1),
        (
            "stakeholders:\n  - name: A\n    relationship: weak\n    titel: CTO\n",
            "'stakeholders.0.titel'",
            "'title'",
            7,
            5,
        ),
        (
            "opportunities:\n  - name: A\n    value: 1\n    probability: 1\n    probabilty: 1\n",
            "'opportunities.0.probabilty'",
            "'probability'",
            8,
            5,
        ),
        ("state:\n  health: 80\n", "'state.health'", "'health_score'", 5, 3),
    ],
)
def test_unknown_keys_are_errors_with_did_you_mean(
    body: str, where: str, suggestion: str, line: int, column: int
) -> None:
    loaded = load(body)
    assert loaded.plan is None
    (finding,) = loaded.findings
    assert finding.code == SCHEMA
    assert finding.message == f"unknown field {where}; did you mean {suggestion}?"
    assert (finding.line, finding.column) == (line, column)


def test_misspelt_required_key_is_unknown_and_the_real_one_missing() -> None:
    loaded = load_text("account:\n  name: Acme\n  manger: Bob\n", "plan.yaml")
    assert sorted(messages(loaded)) == [
        "missing required field 'manager' in account",
        "unknown field 'account.manger'; did you mean 'manager'?",
    ]


def test_unknown_key_without_a_close_match_has_no_suggestion() -> None:
    loaded = load("favourite_colour: blue\n")
    assert messages(loaded) == ["unknown field 'favourite_colour'"]


# ---------------------------------------------------------------- value types inside the model


def test_money_probability_and_quarters_in_a_plan() -> None:
    loaded = load(
        "  arr: $1.4M\n"
        "period: 2026-Q1\n"
        "state:\n  feature_adoption: 58%\n"
        "opportunities:\n"
        "  - name: A\n    value: $85,000.50\n    probability: 0.65\n    timeframe: Q4 2026-Q1 2027\n"
    )
    assert loaded.plan is not None, messages(loaded)
    plan = loaded.plan
    assert plan.account.arr == Decimal(1400000)
    assert plan.state.feature_adoption == Decimal("0.58")
    assert plan.opportunities[0].value == Decimal("85000.50")
    assert plan.opportunities[0].weighted == Decimal("55250.325")
    timeframe = plan.opportunities[0].timeframe
    assert timeframe is not None
    assert (timeframe.start, timeframe.end) == (date(2026, 10, 1), date(2027, 3, 31))
    assert plan.period is not None and str(plan.period) == "Q1 2026"


def test_bare_probability_in_a_plan_says_what_to_write() -> None:
    loaded = load("opportunities:\n  - name: A\n    value: 1\n    probability: 65\n")
    (finding,) = loaded.findings
    assert finding.message == "opportunities.0.probability: probability 65 is ambiguous; write 65% or 0.65"
    assert (finding.line, finding.column) == (7, 18)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("actions:\n  - due: tomorrow\n    action: x\n", "'tomorrow' is not a date; write YYYY-MM-DD"),
        ("actions:\n  - due: 0\n    action: x\n", "0 is not a date"),  # never 1970-01-01
        ("actions:\n  - due: 2026-01-01\n    action: x\n    done: yes\n", "write true or false, got 'yes'"),
        ("state:\n  support_tickets: true\n", "expected a whole number, got true"),
        ("state:\n  support_tickets: 2.5\n", "support_tickets"),
        ("state:\n  health_score: 101\n", "less than or equal to 100"),
        ("score:\n  current_revenue: 11\n", "less than or equal to 10"),
        ("version: 2\n", "version"),
        ("last_reviewed: last week\n", "is not a date"),
        ("last_reviewed: '20260112'\n", "is not a date; write YYYY-MM-DD"),
        ("stakeholders:\n  - name: '  '\n    relationship: weak\n", "must not be blank"),
        ("stakeholders: Jennifer\n", "expected a list"),
        ("stakeholders:\n  - Jennifer\n", "expected a mapping of fields"),
        ("  industry: true\n", "expected text, got true; put it in quotes"),
    ],
)
def test_bad_values_are_schema_errors_with_a_clear_message(body: str, fragment: str) -> None:
    loaded = load(body)
    assert loaded.plan is None
    assert any(fragment in message for message in messages(loaded)), messages(loaded)
    assert all(finding.code == SCHEMA for finding in loaded.findings)


def test_quoted_iso_date_is_accepted() -> None:
    loaded = load("last_reviewed: '2026-01-12'\n")
    assert loaded.plan is not None
    assert loaded.plan.last_reviewed == date(2026, 1, 12)


def test_free_text_keeps_what_was_written() -> None:
    loaded = load("context:\n  metrics:\n    - 2500\n    - 1.50\n  competition: 2026-01-01\n")
    assert loaded.plan is not None
    assert loaded.plan.context.metrics == ["2500", "1.50"]
    assert loaded.plan.context.competition == "2026-01-01"


def test_mitigation_is_a_list_or_one_string() -> None:
    loaded = load("risks:\n  - risk: A\n    severity: low\n    mitigation: Call them\n  - risk: B\n    severity: low\n")
    assert loaded.plan is not None
    assert [risk.mitigation for risk in loaded.plan.risks] == [["Call them"], []]


def test_models_are_frozen() -> None:
    plan = Plan.model_validate({"account": {"name": "A", "manager": "M"}})
    with pytest.raises(ValidationError):
        plan.account.name = "B"  # type: ignore[misc]


def test_json_schema_forbids_unknown_keys_and_lists_enums() -> None:
    schema = plan_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"account"}
    stakeholder = schema["$defs"]["Stakeholder"]
    assert stakeholder["additionalProperties"] is False
    canonical, any_spelling = stakeholder["properties"]["relationship"]["anyOf"]
    assert canonical["enum"] == ["strong", "moderate", "weak", "none"]
    assert "pattern" in any_spelling


@pytest.mark.parametrize(
    "spelling", ["economic_buyer", "Economic Buyer", "economic-buyer", "ECONOMIC  BUYER", "x", "economicbuyer"]
)
def test_json_schema_accepts_exactly_the_enum_spellings_the_model_accepts(spelling: str) -> None:
    import jsonschema

    document = {
        "account": {"name": "A", "manager": "M"},
        "stakeholders": [{"name": "B", "relationship": "weak", "role": spelling}],
    }
    model_accepts = load_text(json.dumps(document)).ok
    assert jsonschema.Draft202012Validator(plan_json_schema()).is_valid(document) is model_accepts


# ---------------------------------------------------------------- the score block


def test_the_score_block_has_the_seven_dimensions_in_table_order() -> None:
    from samkit.plan.dimensions import DEFAULT_WEIGHTS, DIMENSION_TABLE, DIMENSIONS
    from samkit.plan.model import ScoreBlock

    assert tuple(ScoreBlock.model_fields) == DIMENSIONS
    assert len(DIMENSION_TABLE) == 7
    assert sum(DEFAULT_WEIGHTS.values()) == 100
