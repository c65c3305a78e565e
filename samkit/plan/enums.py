"""The plan format's enums and how they are read: case-insensitive, spaces or hyphens for underscores.

Each enum has a ``*Field`` annotation for the models: it accepts any spelling ``normalize_enum_text`` maps to a
canonical value, names the allowed values when it does not, and gives editors the canonical values in the
JSON Schema.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, TypeVar

from pydantic import BeforeValidator, WithJsonSchema

from samkit.plan.values import normalize_enum_text


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
        """A relationship that counts for coverage: moderate or better."""
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


class _Ranked(StrEnum):
    """A scale declared highest first (high, medium, low): its ``rank`` sorts that way."""

    @property
    def rank(self) -> int:
        """0 for the first member (high), then 1, 2 ...: the order the members are declared in."""
        return list(type(self)).index(self)


class RiskSeverity(_Ranked):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    CHURNED = "churned"


class TeamRole(StrEnum):
    STRATEGIC_ACCOUNT_MANAGER = "strategic_account_manager"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    TECHNICAL_ACCOUNT_MANAGER = "technical_account_manager"
    CUSTOMER_SUCCESS_MANAGER = "customer_success_manager"
    SOLUTION_ARCHITECT = "solution_architect"
    SALES = "sales"
    SUPPORT = "support"
    PRODUCT = "product"
    MARKETING = "marketing"
    OTHER = "other"


class Influence(_Ranked):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Support(StrEnum):
    """A stakeholder's stance toward us, from most to least favourable."""

    ADVOCATE = "advocate"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"

    @property
    def against_us(self) -> bool:
        return self in (Support.SKEPTIC, Support.OPPONENT)


class WhitespaceStatus(StrEnum):
    ADOPTED = "adopted"
    PIPELINE = "pipeline"
    COMPETITOR = "competitor"
    UNTAPPED = "untapped"
    NOT_A_FIT = "not_a_fit"


E = TypeVar("E", bound=StrEnum)


def _spelled(enum: type[E], what: str) -> tuple[BeforeValidator, WithJsonSchema]:
    """What a ``*Field`` adds to its enum: the loader's reading of any spelling, and the JSON Schema."""
    return _enum_validator(enum, what), _enum_schema(enum, what)


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


RoleField = Annotated[Role, *_spelled(Role, "role")]
RelationshipField = Annotated[Relationship, *_spelled(Relationship, "relationship")]
LevelField = Annotated[Level, *_spelled(Level, "level")]
StakeholderStatusField = Annotated[StakeholderStatus, *_spelled(StakeholderStatus, "stakeholder status")]
TierField = Annotated[Tier, *_spelled(Tier, "tier")]
OpportunityKindField = Annotated[OpportunityKind, *_spelled(OpportunityKind, "opportunity kind")]
OpportunityStatusField = Annotated[OpportunityStatus, *_spelled(OpportunityStatus, "opportunity status")]
SeverityField = Annotated[RiskSeverity, *_spelled(RiskSeverity, "severity")]
AccountStatusField = Annotated[AccountStatus, *_spelled(AccountStatus, "account status")]
TeamRoleField = Annotated[TeamRole, *_spelled(TeamRole, "team role")]
InfluenceField = Annotated[Influence, *_spelled(Influence, "influence")]
SupportField = Annotated[Support, *_spelled(Support, "support")]
WhitespaceStatusField = Annotated[WhitespaceStatus, *_spelled(WhitespaceStatus, "whitespace status")]


# --- objectives (round 3) ---------------------------------------------------------------------------------------


class ObjectiveStatus(StrEnum):
    """Where a customer objective stands; derived from progress and dates when the plan does not say."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


ObjectiveStatusField = Annotated[ObjectiveStatus, *_spelled(ObjectiveStatus, "objective status")]
