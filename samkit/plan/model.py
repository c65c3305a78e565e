"""The account plan, as pydantic v2 models that follow the plan format field for field.

Unknown keys are rejected (``extra="forbid"``). Value forms (money, probability, quarters) are parsed by
``samkit.plan.values``, enums by ``samkit.plan.enums``; cross-item rules (unique names, ``reports_to``) are
checked by the loader, which knows where each item sits in the file.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from samkit.plan.enums import (
    AccountStatus,
    AccountStatusField,
    InfluenceField,
    Level,
    LevelField,
    ObjectiveStatusField,
    OpportunityKind,
    OpportunityKindField,
    OpportunityStatus,
    OpportunityStatusField,
    RelationshipField,
    RoleField,
    SeverityField,
    StakeholderStatus,
    StakeholderStatusField,
    SupportField,
    TeamRoleField,
    TierField,
    WhitespaceStatusField,
)
from samkit.plan.schema_forms import (
    COUNT_SCHEMA,
    DAY_SCHEMA,
    MONEY_SCHEMA,
    PROBABILITY_SCHEMA,
    QUARTER_SCHEMA,
    CadenceDays,
    CrmId,
    Email,
    number_schema,
)
from samkit.plan.schema_forms import (
    or_null as _or_null,
)
from samkit.plan.schema_forms import (
    or_text_or_null as _or_text_or_null,
)
from samkit.plan.values import (
    QuarterRange,
    parse_decimal,
    parse_iso_day,
    parse_money,
    parse_probability,
    parse_quarter_range,
)


def _text(value: object) -> object:
    # YAML gives numbers and dates for plain scalars; a free-text field wants the text the user wrote.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal | date):
        return str(value)
    return value


def _plain_decimal(value: object) -> Decimal:
    return parse_decimal(value)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _iso_date(value: object) -> date:
    """A date as YAML types it (plain ``2026-01-08``) or quoted ISO text; never a number.

    pydantic alone would read ``0`` as 1970-01-01 (a Unix timestamp): a silent surprise in a plan.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (day := parse_iso_day(value)) is not None:
        return day
    shown = str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else repr(value)
    raise ValueError(f"{shown} is not a date; write YYYY-MM-DD, for example 2026-01-31")


def _strict_bool(value: object) -> bool:
    """Only ``true`` / ``false``: YAML 1.1's ``yes`` / ``off`` are text here, as everywhere in a plan."""
    if isinstance(value, bool):
        return value
    raise ValueError(f"write true or false, got {value!r}")


_COUNT_TEXT = re.compile(r"^[ \t\n\r\f\v]*\+?[0-9]+[ \t\n\r\f\v]*$")


def _count(value: object) -> object:
    """A whole number, or one written as text in plain digits (``'12'``): not ``true``, ``'1_2'`` or ``'12.0'``."""
    if isinstance(value, bool) or (isinstance(value, str) and not _COUNT_TEXT.match(value)):
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        raise ValueError(f"expected a whole number, got {shown}")
    return value


# free text may be written as a bare number or date in YAML (`- 2500`); the editor must accept it too
_TEXT_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}]})
_NAME_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]})

Text = Annotated[str, BeforeValidator(_text), _TEXT_SCHEMA]
# a required name: `name: ""` and `name: "  "` are both missing in all but form
Name = Annotated[str, BeforeValidator(_text), Field(min_length=1), AfterValidator(_not_blank), _NAME_SCHEMA]
Day = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema(DAY_SCHEMA)]
Flag = Annotated[bool, BeforeValidator(_strict_bool)]
Count = Annotated[int, Field(ge=0), BeforeValidator(_count), WithJsonSchema(COUNT_SCHEMA)]
Money = Annotated[Decimal, BeforeValidator(parse_money), WithJsonSchema(MONEY_SCHEMA)]
Probability = Annotated[Decimal, BeforeValidator(parse_probability), WithJsonSchema(PROBABILITY_SCHEMA)]
# a health score: 0-100, written as a number or quoted
Score100 = Annotated[
    Decimal, BeforeValidator(_plain_decimal), Field(ge=0, le=100), WithJsonSchema(number_schema(100, "0-100"))
]
Hours = Annotated[Decimal, BeforeValidator(_plain_decimal), Field(ge=0), WithJsonSchema(number_schema())]
# an objective's baseline, target or current: any exact number (a target may lie below the baseline)
Number = Annotated[Decimal, BeforeValidator(_plain_decimal), WithJsonSchema({"type": "number"})]
Quarters = Annotated[
    QuarterRange,
    BeforeValidator(parse_quarter_range),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(QUARTER_SCHEMA),
]


def _one_name(value: object) -> object:
    """``accountable`` is exactly one name: a list is refused even when it holds one."""
    if isinstance(value, list):
        raise ValueError(
            "expected exactly one name (one person is accountable), got a list; "
            "put the others under consulted or informed"
        )
    return value


Points = Annotated[
    Decimal,
    BeforeValidator(_plain_decimal),
    Field(ge=0, le=10),
    WithJsonSchema(number_schema(10, "0-10 points")),
]


def _empty_list(value: object) -> object:
    """``risks:`` with no value means an empty section."""
    return [] if value is None else value


def _empty_map(value: object) -> object:
    """``context:`` with no value means an empty section."""
    return {} if value is None else value


def _string_list(value: object) -> object:
    """A list of steps, or one string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


# a name or a list of names (RACI consulted / informed), a string or a list of strings (cares_about, notes)
TextList = Annotated[list[Text], BeforeValidator(_string_list), Field(json_schema_extra=_or_text_or_null)]
NameList = Annotated[list[Name], BeforeValidator(_string_list), Field(json_schema_extra=_or_text_or_null)]
OneName = Annotated[Name, BeforeValidator(_one_name)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class TeamMember(_Strict):
    name: Name
    role: TeamRoleField | None = None
    # CRM identity (round 3): a colleague's address, so imports know the meeting's internal side
    email: Email | None = None


class Account(_Strict):
    name: Name
    industry: Text | None = None
    manager: Name
    executive_sponsor: Text | None = None
    tier: TierField | None = None
    arr: Money | None = None
    status: AccountStatusField = AccountStatus.ACTIVE
    renewal_date: Day | None = None
    team: Annotated[list[TeamMember], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    # CRM identity (round 3): other names the account goes by (a legal name, a former name) and the CRM's
    # account id; imports match rows by them (docs/imports.md)
    aliases: NameList = []
    crm_id: CrmId | None = None

    @property
    def churned(self) -> bool:
        return self.status is AccountStatus.CHURNED


class ScoreBlock(_Strict):
    """The seven selection dimensions, 0-10 points each."""

    # the fields are samkit.plan.dimensions.DIMENSIONS, in that order (tests/plan/test_model.py holds them to it)
    current_revenue: Points
    expansion_potential: Points
    strategic_fit: Points
    market_influence: Points
    relationship_strength: Points
    product_adoption: Points
    partnership_potential: Points

    def points(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in type(self).model_fields}


class Context(_Strict):
    initiatives: Annotated[list[Text], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    metrics: Annotated[list[Text], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    competition: Text | None = None


_LEVEL_RULES: list[tuple[Level, tuple[str, ...]]] = [
    (
        Level.C_SUITE,
        ("chief", "ceo", "cto", "cfo", "coo", "cio", "cmo", "ciso", "cro", "cpo", "cdo", "president"),
    ),
    (Level.VP, ("vp", "vice president", "svp", "evp")),
    (Level.DIRECTOR, ("director", "head of", "head")),
    (Level.MANAGER, ("manager", "lead")),
]


@functools.lru_cache(maxsize=4096)  # a pure reading of the title, asked for a dozen times per person by a site build
def infer_level(title: str | None) -> Level:
    """CTO/CFO/Chief → c_suite, VP/Vice President/SVP/EVP → vp, Director/Head of → director,
    Manager/Lead → manager, else individual. Matches whole words so 'Leader' is not 'Lead'."""
    if not title:
        return Level.INDIVIDUAL
    # words only: "VP, Sales", "SVP/GM", "(CTO)" and "Vice-President" all read as their words
    words = " " + " ".join(re.findall(r"[a-z0-9]+", title.casefold())) + " "
    for level, markers in _LEVEL_RULES:
        if any(f" {marker} " in words for marker in markers):
            # "Vice President" contains "president": the VP rule is more specific.
            if level is Level.C_SUITE and " vice president " in words and " chief " not in words:
                continue
            return level
    return Level.INDIVIDUAL


class Stakeholder(_Strict):
    name: Name
    title: Text | None = None
    department: Text | None = None
    role: RoleField | None = None
    level: LevelField | None = None
    relationship: RelationshipField
    last_contact: Day | None = None
    reports_to: Text | None = None
    covered_by: Text | None = None
    status: StakeholderStatusField = StakeholderStatus.ACTIVE
    email: Email | None = None
    influence: InfluenceField | None = None
    support: SupportField | None = None
    cares_about: TextList = []
    cadence_days: CadenceDays | None = None
    notes: TextList = []
    # CRM identity (round 3): the CRM's contact id (Salesforce `WhoId` / `Contact ID`), unique in the program
    crm_id: CrmId | None = None

    @property
    def effective_level(self) -> Level:
        return self.level if self.level is not None else infer_level(self.title)

    @property
    def active(self) -> bool:
        return self.status is StakeholderStatus.ACTIVE


class State(_Strict):
    feature_adoption: Probability | None = None
    health_score: Score100 | None = None
    support_tickets: Count | None = None
    avg_resolution_hours: Hours | None = None
    executive_engagement: Text | None = None
    usage_trends: Text | None = None


class Opportunity(_Strict):
    name: Name
    description: Text | None = None
    value: Money
    kind: OpportunityKindField = OpportunityKind.RECURRING
    timeframe: Quarters | None = None
    probability: Probability
    status: OpportunityStatusField = OpportunityStatus.OPEN
    closed: Day | None = None
    crm_id: CrmId | None = None  # round 3: the CRM's opportunity id; its quarter: samkit.plan.schedule
    close_date: Day | None = None

    @property
    def weighted(self) -> Decimal:
        return self.value * self.probability


class Risk(_Strict):
    risk: Name
    severity: SeverityField
    mitigation: Annotated[list[Text], BeforeValidator(_string_list), Field(json_schema_extra=_or_text_or_null)] = []
    owner: Text | None = None


class Action(_Strict):
    due: Day
    action: Name
    owner: Text | None = None
    done: Flag = False
    # round 3: a shared action appears in the customer's mutual plan (`samkit share`) with both owners
    shared: Flag = False
    customer_owner: Text | None = None


class RaciEntry(_Strict):
    """Who does what for one recurring activity: Responsible, Accountable (exactly one), Consulted, Informed."""

    activity: Name
    responsible: Name
    accountable: OneName
    consulted: NameList = []
    informed: NameList = []

    def names(self) -> list[tuple[str, str]]:
        """Every (RACI letter field, name) pair, in the order written."""
        pairs = [("responsible", self.responsible), ("accountable", self.accountable)]
        pairs += [("consulted", name) for name in self.consulted]
        return pairs + [("informed", name) for name in self.informed]


class WhitespaceCell(_Strict):
    """One business unit × product cell of the whitespace matrix."""

    unit: Name
    product: Name
    status: WhitespaceStatusField
    potential: Money | None = None
    opportunity: Text | None = None
    competitor: Text | None = None


# --- the customer's side (round 3): objectives, milestones, value delivered -------------------------------------
# Progress, derived status and value totals are computed in samkit.analysis.objectives (the one definition).


class Milestone(_Strict):
    """A step towards an objective; shared with the customer when its objective is."""

    name: Name
    due: Day | None = None
    done: Flag = False
    owner: Text | None = None
    customer_owner: Text | None = None


class Objective(_Strict):
    """A customer goal we committed to, measured by a metric from ``baseline`` towards ``target``."""

    name: Name
    metric: Text | None = None
    unit: Text | None = None
    baseline: Number | None = None
    target: Number | None = None
    current: Number | None = None
    start: Day | None = None
    due: Day | None = None
    customer_owner: Text | None = None
    owner: Text | None = None
    status: ObjectiveStatusField | None = None
    shared: Flag = True
    milestones: Annotated[list[Milestone], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []


class ValueDelivered(_Strict):
    """An outcome the customer got from us, with its evidence: what a QBR sets against what was promised."""

    date: Day
    outcome: Name
    objective: Text | None = None
    amount: Money | None = None
    evidence: Text | None = None
    shared: Flag = True


class Plan(_Strict):
    """One strategic account plan (``plans/<slug>.yaml``)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "title": "samkit account plan",
            "$schema": "https://json-schema.org/draft/2020-12/schema",
        },
    )

    version: Literal[1] = 1
    account: Account
    score: ScoreBlock | None = None
    period: Quarters | None = None
    last_reviewed: Day | None = None
    context: Annotated[Context, BeforeValidator(_empty_map), Field(json_schema_extra=_or_null)] = Context()
    stakeholders: Annotated[list[Stakeholder], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    state: Annotated[State, BeforeValidator(_empty_map), Field(json_schema_extra=_or_null)] = State()
    opportunities: Annotated[list[Opportunity], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    risks: Annotated[list[Risk], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    actions: Annotated[list[Action], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    raci: Annotated[list[RaciEntry], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    whitespace: Annotated[list[WhitespaceCell], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    objectives: Annotated[list[Objective], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []
    value_delivered: Annotated[
        list[ValueDelivered], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)
    ] = []

    @property
    def active_stakeholders(self) -> list[Stakeholder]:
        return [person for person in self.stakeholders if person.active]


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "samkit account plan"
    return schema
