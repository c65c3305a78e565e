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

    Why it matters: YAML's shortcuts read differently in different tools; a plan that is not plain,
    unambiguous YAML cannot be trusted to say what its author meant.

    Fails (the name is a list that never closes):

        account:
          name: [Global Financial Corp
          manager: Maria Rodriguez

    Passes:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
    """
    yield from _loader_findings(context, SYNTAX)


@rule(SCHEMA, "schema", Severity.ERROR, needs_plan=False)
def schema(context: RuleContext) -> Iterator[Hit]:
    """The file does not match the plan format.

    An unknown or misspelt key, a missing required field, a value in the wrong form (money, probability,
    quarter, date, enum), a duplicated stakeholder or opportunity name, a `reports_to` that names no
    stakeholder of the plan or loops back (A → B → A), two stakeholders with one `email`, two whitespace
    cells with the same unit and product, a whitespace `opportunity` that names no opportunity of the
    plan, a RACI `accountable` that is not exactly one name, a `cadence_days` outside 1-3650. The other
    rules run only on plans that pass. Cannot be accepted with a comment.

    Why it matters: every number samkit computes starts from the plan; a field it cannot read would
    otherwise be silently left out.

    Fails (misspelt key):

        account:
          name: Global Financial Corp
          manger: Maria Rodriguez

    Passes:

        account:
          name: Global Financial Corp
          manager: Maria Rodriguez
    """
    yield from _loader_findings(context, SCHEMA)
