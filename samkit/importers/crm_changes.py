"""What an opportunity or account import decided: the changes, the skips by reason, the errors, the reports.

Shared by ``samkit.importers.opportunities`` and ``samkit.importers.accounts``; nothing is written here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from samkit.importers.base import InvalidRow, Skip
from samkit.plan.textedit import PlanEdit


class CrmSkip(StrEnum):
    """Why a row changes nothing; counted by reason, never blocking."""

    UNKNOWN_ACCOUNT = "account outside the program"
    AMBIGUOUS_ACCOUNT = "ambiguous account"
    NO_ACCOUNT = "no account"
    NO_NAME = "no opportunity name"
    NO_PROBABILITY = "new opportunity without a probability"
    NO_AMOUNT = "new opportunity without an amount"
    SAME_NAME = "new opportunity without an id, named like one of the plan's"
    NAMED_TWICE = "opportunity named twice without an id, with other values"
    MOVED = "opportunity moved to another account"
    CHURNED = "churned account"
    NOT_LOADED = Skip.NOT_LOADED.value  # the account of a plan that does not load (it is left untouched)
    REPEATED = "opportunity repeated with the same values"
    ACCOUNT_REPEATED = "account repeated with the same values"


def account_skip(found: Skip | None) -> CrmSkip:
    """Why a row whose account look-up found no plan (``PlanIndex.account_named``) changes nothing."""
    if found is None:
        return CrmSkip.NO_ACCOUNT
    if found is Skip.NOT_LOADED:
        return CrmSkip.NOT_LOADED
    return CrmSkip.AMBIGUOUS_ACCOUNT if found is Skip.AMBIGUOUS else CrmSkip.UNKNOWN_ACCOUNT


Value = str | date | Decimal | int | None


@dataclass(frozen=True)
class FieldChange:
    """One value an import changes: ``opportunity`` is None for an account field."""

    path: str
    account: str
    opportunity: str | None
    field: str
    old: Value
    new: Value

    def to_dict(self) -> dict[str, Any]:
        def shown(value: Value) -> Any:
            return value.isoformat() if isinstance(value, date) else str(value) if value is not None else None

        return {
            "plan": self.path,
            "account": self.account,
            "opportunity": self.opportunity,
            "field": self.field,
            "old": shown(self.old),
            "new": shown(self.new),
        }


@dataclass(frozen=True)
class Notice:
    """Something a reviewer should know that the import does not change: a moved or vanished opportunity."""

    path: str
    account: str
    opportunity: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.path, "account": self.account, "opportunity": self.opportunity, "message": self.message}


@dataclass
class CrmOutcome:
    changes: list[FieldChange] = field(default_factory=list)
    edits: dict[str, list[PlanEdit]] = field(default_factory=lambda: defaultdict(list))
    invalid: list[InvalidRow] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notices: list[Notice] = field(default_factory=list)
    rows: int = 0
    added: int = 0

    def change(self, change: FieldChange, edit: PlanEdit) -> None:
        self.changes.append(change)
        self.edits[change.path].append(edit)
