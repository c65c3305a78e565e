"""SAM401-SAM403, the customer's side: table-driven boundaries, and each rule page's Fails/Passes examples run
through the linter (the rule table of ``test_rule_table`` counts these cases too)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from datetime import date

import pytest

from samkit.rules import RULES
from tests.rules.plans import TODAY, line_of
from tests.rules.test_rule_table import CLEAN, only, run_lint

STAKEHOLDER = "  - {name: Jennifer Wu, relationship: strong, last_contact: 2026-01-15}\n"


def plan(objectives: str = "", actions: str = "") -> str:
    """The clean plan of the rule table, plus a stakeholder to own things and the given sections."""
    text = replace(CLEAN, actions=()).yaml().replace("stakeholders:\n", "stakeholders:\n" + STAKEHOLDER, 1)
    if objectives:
        text += "objectives:\n" + textwrap.dedent(objectives)
    if actions:
        text += "actions:\n" + textwrap.dedent(actions)
    return text


MEASURED = """\
  - name: Faster close
    baseline: 10
    target: 5
    current: {current}
    due: {due}
"""

# (id, plan text, today, code, text on the line the finding points at, or None when the rule must stay quiet)
CASES: list[tuple[str, str, date, str, str | None]] = [
    ("401 no target", plan("  - name: Faster close\n    due: 2026-06-30\n"), TODAY, "SAM401", "name: Faster close"),
    ("401 no due date", plan("  - name: Faster close\n    target: 5\n"), TODAY, "SAM401", "name: Faster close"),
    ("401 target and due", plan(MEASURED.format(current=8, due="2026-06-30")), TODAY, "SAM401", None),
    (
        "402 shared action without a customer owner",
        plan(actions="  - {due: 2026-03-01, action: Joint QBR, shared: true}\n"),
        TODAY,
        "SAM402",
        "action: Joint QBR",
    ),
    (
        "402 a blank customer owner is none",
        plan(actions="  - {due: 2026-03-01, action: Joint QBR, shared: true, customer_owner: ' '}\n"),
        TODAY,
        "SAM402",
        "action: Joint QBR",
    ),
    (
        "402 an internal action needs no customer owner",
        plan(actions="  - {due: 2026-03-01, action: Joint QBR}\n"),
        TODAY,
        "SAM402",
        None,
    ),
    (
        "402 milestone of a shared objective",
        plan("  - name: Faster close\n    milestones:\n      - name: Pilot live\n"),
        TODAY,
        "SAM402",
        "name: Pilot live",
    ),
    (
        "402 milestone of an internal objective",
        plan("  - name: Faster close\n    shared: false\n    milestones:\n      - name: Pilot live\n"),
        TODAY,
        "SAM402",
        None,
    ),
    (
        "402 milestone with a customer owner",
        plan("  - name: Faster close\n    milestones:\n      - {name: Pilot live, customer_owner: Jennifer Wu}\n"),
        TODAY,
        "SAM402",
        None,
    ),
    # TODAY is 2026-02-01 in the rule table
    ("403 due yesterday", plan(MEASURED.format(current=8, due="2026-01-31")), TODAY, "SAM403", "due: 2026-01-31"),
    ("403 due today is not past due", plan(MEASURED.format(current=8, due="2026-02-01")), TODAY, "SAM403", None),
    ("403 achieved is not flagged", plan(MEASURED.format(current=5, due="2026-01-31")), TODAY, "SAM403", None),
    (
        "403 a written status settles it",
        plan(MEASURED.format(current=8, due="2026-01-31") + "    status: missed\n"),
        TODAY,
        "SAM403",
        None,
    ),
]


@pytest.mark.parametrize(("text", "today", "code", "needle"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_objective_rule_boundaries(text: str, today: date, code: str, needle: str | None) -> None:
    findings = only(run_lint(text, today), code)
    if needle is None:
        assert findings == []
    else:
        assert [finding.line for finding in findings] == [line_of(text, needle)]
        assert findings[0].severity.value == "warning"


def _examples(code: str) -> tuple[str, str]:
    """The rule page's Fails and Passes YAML blocks."""
    doc = RULES[code].description
    fails = re.search(r"Fails[^\n]*:\n\n((?:    .*\n|\n)+)", doc + "\n")
    passes = re.search(r"Passes:\n\n((?:    .*\n|\n)+)", doc + "\n")
    assert fails is not None and passes is not None, code
    return textwrap.dedent(fails[1]), textwrap.dedent(passes[1])


@pytest.mark.parametrize("code", ["SAM401", "SAM402", "SAM403"])
def test_the_rule_page_examples_fail_and_pass(code: str) -> None:
    failing, passing = _examples(code)
    base = plan()
    assert len(only(run_lint(base + failing), code)) == 1
    assert only(run_lint(base + passing), code) == []
