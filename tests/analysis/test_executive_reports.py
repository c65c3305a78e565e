"""Executive alignment and C-level engagement in `coverage` and the QBR brief; the brief's skeptics and
opponents; and a brief that never names the same person twice (call list vs coverage gaps, issue #15)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from samkit.analysis.coverage import coverage_report
from samkit.analysis.review import ReviewBrief, build_brief, finish
from samkit.config import Config, TierLimits
from samkit.output.review_out import review_json
from samkit.plan.model import Plan
from samkit.render.review import review_markdown
from tests.conftest import SEED_PLAN, TEST_DATA, plan_from, seed_plan

FULL_PLAN = TEST_DATA / "gfc-additions.yaml"
TODAY = date(2026, 2, 1)


def brief_of(plan: Plan, today: date = TODAY) -> ReviewBrief:
    return finish(build_brief("plan.yaml", plan, Config(), today), [], None, "no history")


def full_plan() -> Plan:
    from samkit.plan.loader import load_plan

    plan = load_plan(FULL_PLAN).plan
    assert plan is not None
    return plan


EXECUTIVES = """\
account: {{name: Exec Co, manager: Maria Rodriguez, tier: {tier}}}
stakeholders:
  - {{name: Ann CFO, title: CFO, role: economic_buyer, relationship: strong, last_contact: {contact},
     covered_by: {cover}}}
  - {{name: Bo VP, title: VP Sales, relationship: strong, last_contact: 2026-01-30}}
"""


def executives(contact: str = "2026-01-20", cover: str = "Dana Cole", tier: str = "strategic") -> Plan:
    return plan_from(EXECUTIVES.format(contact=contact, cover=cover, tier=tier))


# --- the definitions, as coverage reports them ----------------------------------------------------------------------


def test_alignment_needs_an_economic_buyer_covered_by_someone_but_the_manager() -> None:
    assert coverage_report("x", executives(), today=TODAY).to_dict()["executive_alignment"] is True
    for manager_spelt in ("Maria Rodriguez", "maria  rodriguez", "MARIA RODRIGUEZ"):
        report = coverage_report("x", executives(cover=manager_spelt), today=TODAY)
        assert report.to_dict()["executive_alignment"] is False
        assert report.engagement is not None
        assert report.engagement.alignment_sentence() == (
            "Executive alignment: none. No economic buyer (Ann CFO) is covered by anyone but the account "
            "manager, Maria Rodriguez: pair an executive on our side with one."
        )


def test_c_level_contact_counts_inside_the_tiers_review_interval_both_ends_included() -> None:
    # strategic: 92 days; 2026-02-01 - 92 days = 2025-11-01
    quarterly = TierLimits(review_interval_days=92, min_stakeholders=8, stale_contact_days=90)
    inside = coverage_report("x", executives(contact="2025-11-01"), quarterly, today=TODAY)
    outside = coverage_report("x", executives(contact="2025-10-31"), quarterly, today=TODAY)
    assert inside.to_dict()["c_level_engagement"] is True
    assert outside.to_dict()["c_level_engagement"] is False
    assert outside.engagement is not None
    assert outside.engagement.engagement_sentence() == (
        "C-level contact in the last 92 days (since 2025-11-01): none. Not contacted: Ann CFO (CFO)."
    )
    # a VP contacted yesterday is not C-level contact
    assert [item["name"] for item in inside.to_dict()["c_level_contacts"]] == ["Ann CFO"]
    assert inside.to_dict()["engagement_window"] == {"days": 92, "from": date(2025, 11, 1), "to": TODAY}


def test_the_coverage_command_uses_the_tiers_interval(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path]
) -> None:
    # 2025-10-01 is 123 days before 2026-02-01: outside a strategic quarter, inside a key plan's 183 days
    strategic = write_plan(EXECUTIVES.format(contact="2025-10-01", cover="Dana Cole", tier="strategic"), "s.yaml")
    key = write_plan(EXECUTIVES.format(contact="2025-10-01", cover="Dana Cole", tier="key"), "k.yaml")
    result = run_cli("coverage", str(strategic), str(key), "--format", "json", "--today", "2026-02-01")
    assert result.exit_code == 0, result.stderr
    plans = {Path(item["path"]).name: item for item in json.loads(result.stdout)["plans"]}
    assert plans["s.yaml"]["c_level_engagement"] is False
    assert plans["s.yaml"]["engagement_window"] == {"days": 92, "from": "2025-11-01", "to": "2026-02-01"}
    assert plans["k.yaml"]["c_level_engagement"] is True
    assert plans["k.yaml"]["engagement_window"]["days"] == 183
    # cli.md's keys are all still there
    for key_name in (
        "path",
        "account",
        "stakeholders",
        "relationships",
        "strong",
        "departments",
        "levels",
        "missing_roles",
        "single_threaded",
    ):
        assert key_name in plans["s.yaml"]


def test_coverage_table_and_markdown_show_both_facts(run_cli: Callable[..., Any]) -> None:
    table = run_cli("coverage", str(FULL_PLAN), "--today", "2026-02-01").stdout
    assert "Exec aligned" in table and "C-level contact" in table
    assert "Executive alignment: yes. Lisa Thompson (CFO) is covered by Dana Cole." in table
    markdown = run_cli("coverage", str(FULL_PLAN), "--format", "markdown", "--today", "2026-02-01").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    header = [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "th_open"]
    assert "Exec aligned" in header and "C-level contact" in header
    items = [token.content for token in tokens if token.type == "inline"]
    assert any(
        item.startswith("C-level contact in the last 92 days (since 2025-11-01): yes. Jennifer Wu (CTO)")
        for item in items
    )


def markdown_tables(document: str) -> list[list[list[str]]]:
    """Every table as rows of raw cell contents (header first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(document)
    found: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("td_open", "th_open"):
            found[-1][-1].append(_cell_text(tokens[index + 1]))
    return found


def _cell_text(inline: Any) -> str:
    """What a cell shows: its text with escapes and entities decoded, emphasis marked ``**``."""
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("strong_open", "strong_close"):
            parts.append("**")
        else:
            parts.append(f"<<{child.type}>>")
    return "".join(parts)


# --- the QBR brief -------------------------------------------------------------------------------------------------


def test_brief_reports_alignment_engagement_and_who_is_against_us() -> None:
    brief = brief_of(full_plan())
    data = json.loads(review_json(brief))
    assert data["engagement"]["executive_alignment"] is True
    assert data["engagement"]["aligned_economic_buyers"] == [{"name": "Lisa Thompson", "covered_by": "Dana Cole"}]
    assert data["engagement"]["c_level_engagement"] is True
    assert data["detractors"] == [
        {
            "name": "Lisa Thompson",
            "title": "CFO",
            "role": "economic_buyer",
            "support": "skeptic",
            "influence": "high",
            "relationship": "weak",
            "covered_by": "Dana Cole",
        }
    ]
    assert "Address concerns of Lisa Thompson" in brief.agenda


def test_detractors_opponents_first_then_by_influence_and_the_uncovered_flagged() -> None:
    plan = plan_from(
        """\
        account: {name: Co, manager: M}
        stakeholders:
          - {name: Sam Skeptic, relationship: weak, support: skeptic, influence: low, covered_by: Tom}
          - {name: Dee Detractor, relationship: none, role: detractor}
          - {name: Olga Opponent, relationship: weak, support: opponent, influence: medium}
          - {name: Hal High, relationship: weak, support: skeptic, influence: high}
          - {name: Fan, relationship: strong, support: advocate}
          - {name: Gone, relationship: weak, support: opponent, status: left}
        """
    )
    brief = brief_of(plan)
    assert [(item.name, item.covered_by) for item in brief.detractors] == [
        ("Olga Opponent", None),
        ("Hal High", None),
        ("Sam Skeptic", "Tom"),
        ("Dee Detractor", None),
    ]
    (against,) = [table for table in markdown_tables(review_markdown(brief)) if table[0][2] == "Stance"]
    against = against[1:]
    assert [row[0] for row in against] == ["Olga Opponent", "Hal High", "Sam Skeptic", "Dee Detractor"]
    assert against[0][2:] == ["opponent", "medium", "weak", "**nobody**: assign an owner"]
    assert against[3][2] == "detractor"
    assert "no executive of ours paired with an economic buyer" in " ".join(brief.agenda)


def test_hostile_names_keep_the_against_us_table_whole(write_plan: Callable[..., Path]) -> None:
    plan = plan_from(
        """\
        account: {name: Co, manager: M}
        stakeholders:
          - {name: "a | b", title: "<b>x</b>", relationship: weak, support: opponent, covered_by: "c | d"}
        """
    )
    document = review_markdown(brief_of(plan))
    for table in markdown_tables(document):
        assert all(len(row) == len(table[0]) for row in table), table
    (against,) = [table for table in markdown_tables(document) if table[0][2] == "Stance"]
    assert (against[1][0], against[1][1], against[1][5]) == ("a | b", "<b>x</b>", "c | d")
    tokens = MarkdownIt("commonmark").enable("table").parse(document)
    assert not [token for token in tokens if token.type == "html_block"]
    assert not [child for token in tokens for child in token.children or [] if child.type == "html_inline"]


# --- issue #15: one person, one line ---------------------------------------------------------------------------------


def people_named(lines: list[str], plan: Plan) -> dict[str, int]:
    return {person.name: sum(person.name in line for line in lines) for person in plan.stakeholders}


def assert_nobody_twice(brief: ReviewBrief, plan: Plan) -> None:
    for name, count in people_named([*brief.suggestions, *brief.gaps], plan).items():
        assert count <= 1, (name, brief.suggestions, brief.gaps)


def test_the_seed_brief_names_each_person_once() -> None:
    plan = seed_plan()
    brief = brief_of(plan, date(2026, 1, 30))
    assert_nobody_twice(brief, plan)
    # both are still there, once: on the call list
    assert any("Lisa Thompson" in line for line in brief.suggestions)
    assert any("Robert Martinez" in line for line in brief.suggestions)
    assert brief.gaps == [
        "Map 2 more stakeholders to reach the target of 8 (6 mapped now).",
        "Reach the levels where nobody is mapped: manager, individual contributor.",
    ]


def test_a_weak_champion_and_a_departed_one_are_named_once() -> None:
    plan = plan_from(
        """\
        account: {name: Co, manager: M, executive_sponsor: VP Sales}
        stakeholders:
          - {name: Cara Champion, department: IT, role: champion, relationship: weak, last_contact: 2026-01-20}
          - {name: Old Champion, department: IT, role: champion, relationship: strong, status: left}
          - {name: Eve Buyer, department: Finance, role: economic_buyer, relationship: strong, last_contact: 2026-01-25}
          - {name: Nora New, department: Sales, relationship: none}
          - {name: Will Weak, department: Sales, relationship: weak, last_contact: 2026-01-28}
        """
    )
    brief = brief_of(plan)
    assert_nobody_twice(brief, plan)
    # Will Weak is on no call list, so the gaps still ask to strengthen him
    assert any(line.startswith("Strengthen the relationship with Will Weak") for line in brief.gaps)
    assert any("Cara Champion" in line for line in brief.suggestions)
    assert any("Old Champion" in line for line in brief.suggestions)


def test_the_plan_document_still_lists_every_gap() -> None:
    """Only the brief leaves out the people on its call list: the plan document has no call list."""
    from samkit.analysis.coverage import compute_coverage, next_steps

    plan = seed_plan()
    steps = next_steps(plan, compute_coverage(plan))
    assert any("Lisa Thompson" in step for step in steps) and any("Robert Martinez" in step for step in steps)
    assert SEED_PLAN.is_file()


def test_stale_contacts_follow_each_stakeholders_cadence() -> None:
    """The brief agrees with lint's SAM101: cadence_days, then [lint.cadence] by role, then the tier's limit."""
    from samkit.config import LintConfig

    plan = plan_from(
        """\
        account: {name: Co, manager: M}
        stakeholders:
          - {name: Own Cadence, relationship: strong, last_contact: 2025-12-31, cadence_days: 30}
          - {name: Champ, role: champion, relationship: strong, last_contact: 2025-12-20}
          - {name: Tier Limit, relationship: strong, last_contact: 2025-11-20}
        """
    )
    # 2026-02-01: 32, 43 and 73 days since contact
    default = build_brief("plan.yaml", plan, Config(), TODAY)
    assert [gap.name for gap in default.stale_contacts] == ["Own Cadence"]
    configured = Config(lint=LintConfig.model_validate({"cadence": {"champion": 40}}))
    brief = build_brief("plan.yaml", plan, configured, TODAY)
    assert [gap.name for gap in brief.stale_contacts] == ["Champ", "Own Cadence"]
    assert [line.split(":")[0] for line in brief.suggestions] == ["Call Champ", "Call Own Cadence"]
