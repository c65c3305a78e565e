"""SAM313 comment-cuts-value beyond its case file: the message, the fix it proposes, accept comments."""

from __future__ import annotations

import pytest

from samkit.findings import Finding
from samkit.plan.loader import load_text
from tests.rules.plans import TODAY
from tests.rules.test_rule_cases import lint_text

HEAD = "account:\n  name: Clean Co\n  manager: Maria Rodriguez\n"


def cuts(text: str) -> list[Finding]:
    return [finding for finding in lint_text(text, TODAY) if finding.code == "SAM313"]


def test_the_message_says_what_was_read_and_how_to_keep_the_rest() -> None:
    (finding,) = cuts(HEAD + "context:\n  competition: Competitor #1 is Acme\n")
    assert (finding.line, finding.column) == (5, 27)
    assert finding.message == (
        "competition: the text after ' #' is read as a comment, so the value is cut to 'Competitor'; "
        'put the whole value in quotes: "Competitor #1 is Acme"'
    )


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("competition: Competitor #1 is Acme", "Competitor #1 is Acme"),
        ('competition: Deal #4411 for the "Edge" team', 'Deal #4411 for the "Edge" team'),
        ("competition: Tom's deal #2 is Acme's", "Tom's deal #2 is Acme's"),
        ("competition: Acme #1 in retail  # from the QBR", "Acme #1 in retail"),
        ("competition: Acme #1 in retail # from the QBR", "Acme #1 in retail"),
    ],
)
def test_the_proposed_quoting_reads_back_as_the_whole_value(line: str, value: str) -> None:
    text = HEAD + f"context:\n  {line}\n"
    (finding,) = cuts(text)
    fixed = finding.message.split("put the whole value in quotes: ", 1)[1]
    repaired = text.replace(line, f"competition: {fixed}")
    loaded = load_text(repaired)
    assert loaded.plan is not None and loaded.plan.context.competition == value
    assert cuts(repaired) == []


def test_an_accept_comment_on_the_item_accepts_it() -> None:
    plan = (
        HEAD + "actions:\n"
        "  - due: 2026-02-01  # samkit: accept SAM313 -- the ticket number is in the CRM anyway\n"
        "    action: Follow up on ticket #4411\n"
    )
    assert cuts(plan) == []
    assert cuts(plan.replace("  # samkit: accept SAM313 -- the ticket number is in the CRM anyway", "")) != []


def test_the_example_plans_have_no_cut_values() -> None:
    from tests.conftest import REPO

    for path in sorted((REPO / "plans").glob("*.yaml")):
        assert cuts(path.read_text(encoding="utf-8")) == [], path


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_are_counted_as_the_parser_counts_them(newline: str) -> None:
    text = (HEAD + "context:\n  competition: Acme won the pilot\n    of deal #4411 last year\n").replace("\n", newline)
    (finding,) = cuts(text)
    assert (finding.line, finding.column) == (6, 13)
    assert "cut to 'Acme won the pilot of deal'" in finding.message
