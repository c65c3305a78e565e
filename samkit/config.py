"""Configuration: ``--config FILE``, else ``samkit.toml`` in the working directory or the nearest parent,
else ``[tool.samkit]`` in the nearest ``pyproject.toml``, else built-in defaults.

Validated with pydantic; unknown keys and bad values are a ``UsageError`` (exit 2) naming file and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from samkit.errors import UsageError
from samkit.fileio.configfile import MAX_DIGITS as MAX_DIGITS
from samkit.fileio.configfile import find_config as find_config
from samkit.fileio.configfile import locate_config, read_settings
from samkit.findings import RULE_CODE_PATTERN
from samkit.plan.currency import other_currency, show_money_in
from samkit.plan.dimensions import DEFAULT_WEIGHTS as DEFAULT_WEIGHTS
from samkit.plan.dimensions import DIMENSIONS as DIMENSIONS
from samkit.plan.dimensions import known_dimension
from samkit.plan.enums import Role, Tier
from samkit.plan.values import parse_decimal, parse_money


def _program_money(value: object, info: ValidationInfo) -> Decimal:
    """A ``[program]`` amount: a money form, with no sign but the program's currency's (as SAM312 asks of a
    plan's money: the sign is lost once read, and a ``€120,000`` would be counted as dollars)."""
    program = info.data.get("currency")  # absent when the currency is itself wrong: that error is said instead
    if isinstance(value, str) and isinstance(program, str) and (problem := other_currency(value, program)):
        raise ValueError(problem)
    return parse_money(value)


# the dimensions and their default weights are the plan format's (samkit.plan.dimensions), re-exported here
# for the code that reads them as configuration
DimensionName = Annotated[str, AfterValidator(known_dimension)]
ExactNumber = Annotated[Decimal, BeforeValidator(parse_decimal)]
# money in [program]: a sign, if any, the program's currency's
ProgramMoney = Annotated[Decimal, BeforeValidator(_program_money)]
RuleCode = Annotated[str, Field(pattern=RULE_CODE_PATTERN)]

# a score of at least this is Strategic, else at least the key threshold is Key, else Standard
DEFAULT_STRATEGIC_THRESHOLD = Decimal(70)
DEFAULT_KEY_THRESHOLD = Decimal(50)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Band(_Section):
    """Derive a dimension's points from a raw roster column: first band whose minimum is reached wins."""

    column: str = Field(min_length=1)
    bands: list[tuple[ExactNumber, ExactNumber]] = Field(min_length=1)

    @field_validator("bands")
    @classmethod
    def _ordered(cls, bands: list[tuple[Decimal, Decimal]]) -> list[tuple[Decimal, Decimal]]:
        minimums = [minimum for minimum, _ in bands]
        if minimums != sorted(minimums, reverse=True):
            raise ValueError("bands must be listed highest minimum first")
        for _, points in bands:
            if not Decimal(0) <= points <= Decimal(10):
                raise ValueError(f"band points must be between 0 and 10, got {points}")
        return bands

    def points_for(self, value: Decimal) -> Decimal | None:
        for minimum, points in self.bands:
            if value >= minimum:
                return points
        return None


class ScoringConfig(_Section):
    weights: dict[str, ExactNumber] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    strategic_threshold: ExactNumber = DEFAULT_STRATEGIC_THRESHOLD
    key_threshold: ExactNumber = DEFAULT_KEY_THRESHOLD
    bands: dict[DimensionName, Band] = Field(default_factory=dict)

    @field_validator("weights")
    @classmethod
    def _weights(cls, weights: dict[str, Decimal]) -> dict[str, Decimal]:
        for name in weights:
            known_dimension(name)
        negative = [name for name, weight in weights.items() if weight < 0]
        if negative:
            raise ValueError(f"weights must not be negative: {', '.join(negative)}")
        total = sum(weights.values(), Decimal(0))
        if total != 100:
            raise ValueError(f"weights must sum to 100, they sum to {total}")
        # a dimension left out of a configured table weighs nothing
        return {name: weights.get(name, Decimal(0)) for name in DIMENSIONS}

    @model_validator(mode="after")
    def _thresholds(self) -> ScoringConfig:
        if not Decimal(0) <= self.key_threshold <= self.strategic_threshold <= Decimal(100):
            raise ValueError(
                "thresholds must satisfy 0 <= key_threshold <= strategic_threshold <= 100, "
                f"got key_threshold={self.key_threshold}, strategic_threshold={self.strategic_threshold}"
            )
        return self


Days = Annotated[int, Field(ge=0, le=36500, strict=True)]


@dataclass(frozen=True)
class TierLimits:
    """The lint limits that apply to a plan of one tier."""

    review_interval_days: int
    min_stakeholders: int
    stale_contact_days: int


# built-in per-tier limits: plans and QBRs quarterly for strategic accounts, semi-annual or annual for others;
# 8-10 stakeholders mapped for a strategic account
DEFAULT_TIER_LIMITS: dict[Tier, TierLimits] = {
    Tier.STRATEGIC: TierLimits(review_interval_days=92, min_stakeholders=8, stale_contact_days=90),
    Tier.KEY: TierLimits(review_interval_days=183, min_stakeholders=5, stale_contact_days=90),
    Tier.STANDARD: TierLimits(review_interval_days=365, min_stakeholders=3, stale_contact_days=90),
}


class TierLimitsConfig(_Section):
    """``[lint.tiers.TIER]``: any limit set here overrides the flat ``[lint]`` key for that tier."""

    review_interval_days: Days | None = None
    min_stakeholders: Days | None = None
    stale_contact_days: Days | None = None


class LintConfig(_Section):
    ignore: list[RuleCode] = Field(default_factory=list)
    # flat keys: set, they apply to every tier and replace the built-in per-tier defaults
    stale_contact_days: Days | None = None
    min_stakeholders: Days | None = None
    review_interval_days: Days | None = None
    severity: dict[RuleCode, Literal["error", "warning"]] = Field(default_factory=dict)
    tiers: dict[Tier, TierLimitsConfig] = Field(default_factory=dict)
    # contact cadence in days by stakeholder role
    cadence: dict[Role, Annotated[int, Field(ge=1, le=3650, strict=True)]] = Field(default_factory=dict)

    def limits(self, tier: Tier) -> TierLimits:
        """The limits for ``tier``: ``[lint.tiers.TIER]``, else the flat ``[lint]`` key, else the built-in default."""
        default = DEFAULT_TIER_LIMITS[tier]
        override = self.tiers.get(tier, TierLimitsConfig())

        def pick(name: str) -> int:
            for value in (getattr(override, name), getattr(self, name)):
                if value is not None:
                    return int(value)
            return int(getattr(default, name))

        return TierLimits(
            review_interval_days=pick("review_interval_days"),
            min_stakeholders=pick("min_stakeholders"),
            stale_contact_days=pick("stale_contact_days"),
        )


class ProgramConfig(_Section):
    """``[program]``: what the SAM program costs, for the ROI in ``samkit metrics``."""

    # the program's currency (ISO 4217): an import whose currency column differs is an error, never converted;
    # first, so the costs below are checked against it
    currency: str = "USD"
    sam_cost: ProgramMoney | None = None
    sam_costs: dict[str, ProgramMoney] = Field(default_factory=dict)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 3 or not code.isascii() or not code.isalpha():
            raise ValueError(f"{value!r} is not a currency code; write three letters like USD or EUR")
        return code

    def cost_of(self, manager: str) -> Decimal | None:
        """A manager's annual fully-loaded cost: their own entry (names match ignoring case), else ``sam_cost``."""
        wanted = manager.strip().casefold()
        for name, cost in self.sam_costs.items():
            if name.strip().casefold() == wanted:
                return cost
        return self.sam_cost


def _percentage(value: object) -> Decimal:
    """A percentage from 0 to 100: ``65``, ``12.5`` or ``"65%"`` (exact, never a float)."""
    number: Decimal | None = None
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().removesuffix("%").strip())
        except ArithmeticError:
            number = None
    if number is None or not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"expected a percentage from 0 to 100 (like 65), got {_toml_value(value)}")
    return number


# a stage's probability in percent (`[import.probabilities]`)
Percentage = Annotated[Decimal, BeforeValidator(_percentage)]

# the columns an activity export may map by `[import.columns]` / `--column ROLE=HEADER` (docs/imports.md)
IMPORT_COLUMN_ROLES = ("account", "account_id", "contact", "contact_id", "email", "date", "outcome")
# the columns of opportunity exports and of account exports (docs/imports-crm-money.md), mapped the same way;
# each kind reads its own (and the activity roles `account`, `account_id`), never the other kind's
CRM_OPPORTUNITY_ROLES = (
    "opportunity",
    "opportunity_id",
    "stage",
    "amount",
    "probability",
    "close_date",
    "type",
    "currency",
)
CRM_ACCOUNT_ROLES = ("arr", "renewal_date", "currency")
CRM_COLUMN_ROLES = tuple(dict.fromkeys(CRM_OPPORTUNITY_ROLES + CRM_ACCOUNT_ROLES))
# outcomes and statuses that record no touchpoint (compared like headers: case, spaces, -, _ do not matter);
# `[import] skip_outcomes` replaces the list
DEFAULT_SKIP_OUTCOMES = (
    "canceled",
    "cancelled",
    "no show",
    "no-show",
    "rescheduled",
    "busy",
    "no answer",
    "wrong number",
    "left voicemail",
    "left live message",
    "voicemail left",
    "not started",
    "in progress",
    "waiting on someone else",
    "deferred",
)


class ImportConfig(_Section):
    """``[import]``: how activity exports are read."""

    date_format: str | None = Field(default=None, min_length=2, max_length=64)
    # outcomes and task statuses that are not a contact; replaces DEFAULT_SKIP_OUTCOMES when set
    skip_outcomes: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=lambda: list(DEFAULT_SKIP_OUTCOMES)
    )
    # our own email domains: people there are colleagues, never stakeholders to update
    internal_domains: list[Annotated[str, Field(min_length=3)]] = []
    # role -> header, for exports whose headers samkit does not know
    columns: dict[str, Annotated[str, Field(min_length=1)]] = {}
    # CRM stage -> open / won / lost, over samkit.importers.stages' defaults; CRM type -> opportunity kind
    stages: dict[str, Literal["open", "won", "lost"]] = {}
    # CRM stage -> the probability (percent, 0-100) a row without a probability column gets, over the defaults
    probabilities: dict[str, Percentage] = {}
    kinds: dict[str, Literal["recurring", "one_time"]] = {}

    @field_validator("internal_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        cleaned = [domain.strip().lstrip("@").casefold() for domain in value]
        for domain in cleaned:
            if "." not in domain or "@" in domain or " " in domain:
                raise ValueError(f"{domain!r} is not an email domain; write it like ourcompany.example")
        return cleaned

    @field_validator("columns")
    @classmethod
    def _roles(cls, value: dict[str, str]) -> dict[str, str]:
        for role in value:
            if role not in IMPORT_COLUMN_ROLES + CRM_COLUMN_ROLES:
                roles = ", ".join(IMPORT_COLUMN_ROLES + CRM_COLUMN_ROLES)
                raise ValueError(f"unknown column role {role!r}; roles: {roles}")
        return value

    @field_validator("date_format")
    @classmethod
    def _format(cls, value: str | None) -> str | None:
        if value is not None and not any(code in value for code in ("%d", "%j")):
            raise ValueError(f"{value!r} has no day (%d); write it like %m/%d/%Y")
        return value


class Config(_Section):
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    lint: LintConfig = Field(default_factory=LintConfig)
    program: ProgramConfig = Field(default_factory=ProgramConfig)
    import_: ImportConfig = Field(default_factory=ImportConfig, alias="import")
    # where the configuration came from (None: built-in defaults); not a key users write
    source: Path | None = Field(default=None, exclude=True)

    def setting(self, key: str) -> str:
        """``samkit.toml: import.probabilities.X``: a key as a message names it (``tool.samkit.`` in pyproject)."""
        if self.source is None:
            return key
        prefix = "tool.samkit." if self.source.name == "pyproject.toml" else ""
        return f"{self.source}: {prefix}{key}"


def load_config(explicit: str | Path | None = None, start: Path | None = None) -> Config:
    """The configuration a command runs with; its money is shown in the program's currency from here on (the
    command line restores the default after each command)."""
    found = locate_config(explicit, start)
    config = Config() if found is None else _parse(*found)
    show_money_in(config.program.currency)
    return config


def _toml_value(value: object) -> str:
    """A value as it reads in TOML: ``true``, ``30.5``, ``'30'``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | Decimal):
        return str(value)
    return repr(value)


def _did_you_mean(loc: list[str]) -> str:
    """``; did you mean 'stale_contact_days'?`` for a misspelt key, from the keys its table accepts."""
    import difflib
    import types
    import typing

    annotation: Any = Config
    for part in loc[:-1]:
        annotation = _table_of(annotation, part, typing, types)
        if annotation is None:
            return ""
    model = _table_of(annotation, None, typing, types)
    if model is None:
        return ""
    known = [field.alias or name for name, field in model.model_fields.items() if name != "source"]
    close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6) if loc else []
    return f"; did you mean {close[0]!r}?" if close else f"; the keys here are {', '.join(sorted(known))}"


def _table_of(annotation: Any, key: str | None, typing: Any, types: Any) -> Any:
    """The model a key leads to (``key`` None: the model ``annotation`` itself is), through unions and dicts."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _table_of(typing.get_args(annotation)[0], key, typing, types)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            found = _table_of(option, key, typing, types)
            if found is not None:
                return found
        return None
    if origin is dict:
        return typing.get_args(annotation)[1] if key is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if key is None:
            return annotation
        field = next((field for name, field in annotation.model_fields.items() if key in (name, field.alias)), None)
        return field.annotation if field is not None else None
    return None


def _parse(path: Path, in_pyproject: bool) -> Config:
    return config_from_settings(path, *read_settings(path, in_pyproject))


# what the keys of each table keyed by a fixed set of names are called: `[lint.tiers.gold]` is an unknown tier
_TABLE_KEY_NOUNS = {"tiers": "tier", "cadence": "role", "bands": "dimension", "weights": "dimension"}


def _unknown_table_key(loc: list[str], expected: str | None) -> str:
    """The message for a key that is not one of its table's names: what such a key is, and the names allowed."""
    noun = _TABLE_KEY_NOUNS.get(loc[-2], "name") if len(loc) >= 2 else "name"
    if expected is None:  # pragma: no cover - every keyed table's keys are an enum, whose error says them
        return f"unknown {noun}"
    return f"unknown {noun}; the {noun}s are {expected.replace(chr(39), '')}"


def config_from_settings(path: Path, data: dict[str, Any], prefix: str) -> Config:
    """The validated configuration from a file's settings (``read_settings``); a ``UsageError`` names each bad key."""
    try:
        config = Config.model_validate({key: value for key, value in data.items() if key != "source"})
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_url=False):
            # pydantic marks a bad dict key with a "[key]" step: the key itself is what the user wrote
            loc = [str(part) for part in problem["loc"] if isinstance(part, str | int) and part != "[key]"]
            key = prefix + ".".join(loc)
            message = problem["msg"].removeprefix("Value error, ")
            if problem["type"] == "extra_forbidden":
                message = "unknown key" + _did_you_mean(loc)
            elif "[key]" in problem["loc"]:
                message = _unknown_table_key(loc, problem.get("ctx", {}).get("expected"))
            elif problem["type"] in ("model_type", "dict_type"):
                message = "expected a table"
            elif problem["type"] == "int_type":
                message = f"expected a whole number, got {_toml_value(problem.get('input'))}"
            problems.append(f"{path}: {key or 'configuration'}: {message}")
        raise UsageError("\n".join(problems)) from None
    if "source" in data:
        raise UsageError(f"{path}: {prefix}source: unknown key")
    return config.model_copy(update={"source": path})
