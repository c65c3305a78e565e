"""The one result type every check produces: a problem at ``path:line:column``.

``validate``, ``lint``, ``diff`` and ``score`` (invalid roster rows) share it, and so do all output formats
(one ``to_dict()``). Lines and columns are 1-based here; the loader converts YAML's 0-based marks once, at
the edge. Column 0 means the problem is about a whole line (a roster row with too many fields): the location
is then ``path:line`` and the JSON column is null.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    # what the finding is about, in the plan's own words ("stakeholders/Lisa Thompson"; empty for the plan as a
    # whole): lets SARIF fingerprint a finding by its subject, not its line. Not part of the JSON shape.
    subject: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column or None,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }

    @property
    def location(self) -> str:
        """``path:line:column`` (``path:line`` for a whole line), the way editors and terminals jump to a place."""
        if not self.column:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def format_text(self, with_code: bool = True) -> str:
        """``path:line:column: CODE message`` (``lint``), or without the code (``validate`` and the roll-ups)."""
        if with_code:
            return f"{self.location}: {self.code} {self.message}"
        return f"{self.location}: {self.message}"


# every rule code: SAM and three digits (SAM101); the hundreds digit is the rule family
RULE_CODE_PATTERN = r"^SAM\d{3}$"

SYNTAX = "SAM001"
SCHEMA = "SAM002"
# not a lint rule: ``samkit score`` reports a roster row it cannot score (its line, and its field when a cell)
INVALID_ROW = "SAM010"
