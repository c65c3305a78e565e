"""The account plan, as pydantic v2 models that follow ``spec/plan-format.md`` field for field.

Unknown keys are rejected (``extra="forbid"``). Value forms (money, probability, quarters, enum
spellings) are parsed by ``samkit.values``; cross-item rules (unique names, ``reports_to``) are checked
by the loader, which knows where each item sits in the file.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from samkit.plan.values import (
    QuarterRange,
    normalize_enum_text,
    parse_decimal,
    parse_money,
    parse_probability,
    parse_quarter_range,
)


class Role(StrEnum):
    ECONOMIC_BUYER = "economic_buyer"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    BUSINESS_OWNER = "business_owner"
    CHAMPION = "champion"
    INFLUENCER = "influencer"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    USER = "user"
    EXPANSION_TARGET = "expansion_target"
    DETRACTOR = "detractor"
    OTHER = "other"


class Relationship(StrEnum):
    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    NONE = "none"

    @property
    def rank(self) -> int:
        """Higher is stronger: none 0, weak 1, moderate 2, strong 3."""
        return _RELATIONSHIP_RANK[self]

    @property
    def counts(self) -> bool:
        """A relationship in the sense of domain.md: moderate or better."""
        return self.rank >= 2


_RELATIONSHIP_RANK = {
    Relationship.NONE: 0,
    Relationship.WEAK: 1,
    Relationship.MODERATE: 2,
    Relationship.STRONG: 3,
}


class Level(StrEnum):
    C_SUITE = "c_suite"
    VP = "vp"
    DIRECTOR = "director"
    MANAGER = "manager"
    INDIVIDUAL = "individual"


class StakeholderStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class Tier(StrEnum):
    STRATEGIC = "strategic"
    KEY = "key"
    STANDARD = "standard"

    @property
    def label(self) -> str:
        """``Strategic`` / ``Key`` / ``Standard``, as score output and JSON show it."""
        return self.value.capitalize()


class OpportunityKind(StrEnum):
    RECURRING = "recurring"
    ONE_TIME = "one_time"


class OpportunityStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class RiskSeverity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 0, "medium": 1, "low": 2}[self.value]


E = TypeVar("E", bound=StrEnum)


def _enum_validator(enum: type[E], what: str) -> BeforeValidator:
    allowed = ", ".join(member.value for member in enum)

    def parse(value: object) -> E:
        if isinstance(value, enum):
            return value
        if isinstance(value, str):
            try:
                return enum(normalize_enum_text(value))
            except ValueError:
                pass
        raise ValueError(f"{value!r} is not a valid {what}; expected one of: {allowed}")

    return BeforeValidator(parse)


def _enum_schema(enum: type[StrEnum], what: str) -> WithJsonSchema:
    """The canonical values (for editors' completion), and any spelling the loader accepts (for validation)."""
    values = [member.value for member in enum]
    spellings = "|".join(_any_case(value) for value in values)
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": values},
                {"type": "string", "pattern": rf"^\s*(?:{spellings})\s*$"},
            ],
            "description": f"{what}: {', '.join(values)} (case-insensitive; spaces or hyphens for underscores)",
        }
    )


def _any_case(value: str) -> str:
    """``one_time`` → a JSON Schema (ECMA 262) pattern matching ``One Time``, ``one-time``, ``ONE_TIME``."""
    parts = []
    for char in value:
        if char == "_":
            parts.append(r"(?:_|[\s-]+)")
        elif char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


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


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> date:
    """A date as YAML types it (plain ``2026-01-08``) or quoted ISO text; never a number.

    pydantic alone would read ``0`` as 1970-01-01 (a Unix timestamp): a silent surprise in a plan.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    shown = str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else repr(value)
    raise ValueError(f"{shown} is not a date; write YYYY-MM-DD, for example 2026-01-31")


def _strict_bool(value: object) -> bool:
    """Only ``true`` / ``false``: YAML 1.1's ``yes`` / ``off`` are text here, as everywhere in a plan."""
    if isinstance(value, bool):
        return value
    raise ValueError(f"write true or false, got {value!r}")


def _count(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {str(value).lower()}")
    return value


_MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*[$€£]?\s*((\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+)\s*[kKmMbB]?\s*$"},
    ],
    "description": "money: 400000, 85000.50, '$400K', '$1.4M', '$85,000', '1.25M'",
}
_PROBABILITY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
    ],
    "description": "a percentage like '65%' or a number from 0 to 1 like 0.65",
}
_QUARTER_SCHEMA = {
    "type": "string",
    "description": "a quarter or range: 'Q1 2026', '2026-Q1', 'Q2-Q3 2026', 'Q4 2026-Q1 2027', '2026-Q2..2026-Q3'",
}


def _or_null(schema: dict[str, Any]) -> None:
    """JSON Schema for a section that may be left empty (``risks:`` with no value reads as null)."""
    _widen(schema, {"type": "null"})


def _or_text_or_null(schema: dict[str, Any]) -> None:
    """A list of steps, or one string, or nothing."""
    _widen(schema, {"type": "string"}, {"type": "null"})


def _widen(schema: dict[str, Any], *alternatives: dict[str, Any]) -> None:
    kept: dict[str, Any] = {key: schema.pop(key) for key in ("title", "default", "description") if key in schema}
    original = dict(schema)
    schema.clear()
    schema.update(kept)
    schema["anyOf"] = [original, *alternatives]


# free text may be written as a bare number or date in YAML (`- 2500`); the editor must accept it too
_TEXT_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}]})
_NAME_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]})

Text = Annotated[str, BeforeValidator(_text), _TEXT_SCHEMA]
# a required name: `name: ""` and `name: "  "` are both missing in all but form
Name = Annotated[str, BeforeValidator(_text), Field(min_length=1), AfterValidator(_not_blank), _NAME_SCHEMA]
Day = Annotated[date, BeforeValidator(_iso_date)]
Flag = Annotated[bool, BeforeValidator(_strict_bool)]
Count = Annotated[int, Field(ge=0), BeforeValidator(_count)]
Money = Annotated[Decimal, BeforeValidator(parse_money), WithJsonSchema(_MONEY_SCHEMA)]
Probability = Annotated[Decimal, BeforeValidator(parse_probability), WithJsonSchema(_PROBABILITY_SCHEMA)]
Number = Annotated[Decimal, BeforeValidator(_plain_decimal), WithJsonSchema({"type": "number"})]
Quarters = Annotated[
    QuarterRange,
    BeforeValidator(parse_quarter_range),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_QUARTER_SCHEMA),
]
Points = Annotated[
    Decimal,
    BeforeValidator(_plain_decimal),
    Field(ge=0, le=10),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 10}),
]

RoleField = Annotated[Role, _enum_validator(Role, "role"), _enum_schema(Role, "role")]
RelationshipField = Annotated[
    Relationship, _enum_validator(Relationship, "relationship"), _enum_schema(Relationship, "relationship")
]
LevelField = Annotated[Level, _enum_validator(Level, "level"), _enum_schema(Level, "level")]
StakeholderStatusField = Annotated[
    StakeholderStatus,
    _enum_validator(StakeholderStatus, "stakeholder status"),
    _enum_schema(StakeholderStatus, "stakeholder status"),
]
TierField = Annotated[Tier, _enum_validator(Tier, "tier"), _enum_schema(Tier, "tier")]
OpportunityKindField = Annotated[
    OpportunityKind,
    _enum_validator(OpportunityKind, "opportunity kind"),
    _enum_schema(OpportunityKind, "opportunity kind"),
]
OpportunityStatusField = Annotated[
    OpportunityStatus,
    _enum_validator(OpportunityStatus, "opportunity status"),
    _enum_schema(OpportunityStatus, "opportunity status"),
]
SeverityField = Annotated[
    RiskSeverity, _enum_validator(RiskSeverity, "severity"), _enum_schema(RiskSeverity, "severity")
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class TeamMember(_Strict):
    name: Text
    role: Text | None = None


class Account(_Strict):
    name: Name
    industry: Text | None = None
    manager: Name
    executive_sponsor: Text | None = None
    tier: TierField | None = None
    arr: Money | None = None
    team: Annotated[list[TeamMember], BeforeValidator(_empty_list), Field(json_schema_extra=_or_null)] = []


class ScoreBlock(_Strict):
    """The seven selection dimensions, 0-10 points each."""

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

    @property
    def effective_level(self) -> Level:
        return self.level if self.level is not None else infer_level(self.title)

    @property
    def active(self) -> bool:
        return self.status is StakeholderStatus.ACTIVE


class State(_Strict):
    feature_adoption: Probability | None = None
    health_score: Annotated[Number, Field(ge=0, le=100)] | None = None
    support_tickets: Count | None = None
    avg_resolution_hours: Annotated[Number, Field(ge=0)] | None = None
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

    @property
    def active_stakeholders(self) -> list[Stakeholder]:
        return [person for person in self.stakeholders if person.active]


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "samkit account plan"
    return schema
