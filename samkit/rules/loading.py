"""SAM001-SAM002: files that do not load. The loader finds these; the rules pass its findings on."""

from __future__ import annotations

from collections.abc import Iterator

from samkit.findings import SCHEMA, SYNTAX, Severity
from samkit.rules.base import Hit, RuleContext, rule


def _loader_findings(context: RuleContext, code: str) -> Iterator[Hit]:
    for finding in context.loaded.findings:
        if finding.code == code:
            yield Hit(finding.line, finding.column, finding.message)


@rule(SYNTAX, "yaml-syntax", Severity.ERROR, needs_plan=False)
def yaml_syntax(context: RuleContext) -> Iterator[Hit]:
    """The file is not a readable YAML plan.

    Invalid YAML, a key repeated in one mapping, an anchor, alias, merge key or explicit tag, more than
    one document, a file that is empty, not UTF-8 or larger than 1 MiB. Nothing else is checked in such
    a file. Cannot be accepted with a comment.
    """
    yield from _loader_findings(context, SYNTAX)


@rule(SCHEMA, "schema", Severity.ERROR, needs_plan=False)
def schema(context: RuleContext) -> Iterator[Hit]:
    """The file does not match the plan format.

    An unknown or misspelt key, a missing required field, a value in the wrong form (money, probability,
    quarter, date, enum), a duplicated stakeholder or opportunity name, a `reports_to` that names no
    stakeholder of the plan. The other rules run only on plans that pass. Cannot be accepted with a comment.
    """
    yield from _loader_findings(context, SCHEMA)
