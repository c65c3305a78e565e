"""The plan document's additions: account status and renewal, the team and RACI, stance / influence / value
in the stakeholder table, the map grouped by department, and the whitespace matrix.

Documents are parsed with markdown-it-py; hostile text comes from the Big List of Naughty Strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from samkit.config import Config
from samkit.output.terminal import terminal_safe
from samkit.plan.loader import LoadedPlan
from samkit.plan.model import Plan
from samkit.render.documents import render_plan
from samkit.render.stakeholder_map import stakeholder_map
from tests.conftest import SHARED, TEST_DATA, plan_from
from tests.render.test_render import (
    assert_no_raw_html,
    assert_tables_well_formed,
    decode_mermaid,
    headings,
    list_items,
    mermaid_blocks,
    render,
    table_after,
    tables,
)

FULL_PLAN = TEST_DATA / "gfc-additions.yaml"
TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def blns() -> list[str]:
    # the corpora sit beside the clone (../shared); a worktree sits one level deeper
    for folder in (SHARED / "corpora", SHARED.parent.parent / "shared" / "corpora"):
        if (folder / "blns.json").is_file():
            strings: list[str] = json.loads((folder / "blns.json").read_text(encoding="utf-8"))
            return strings
    pytest.skip("the shared corpora (blns.json) are not beside this clone")


def plain(item: str) -> str:
    return item.replace("<<strong_open>>", "").replace("<<strong_close>>", "")


def test_header_shows_account_status_and_renewal_date() -> None:
    items = [plain(item) for item in list_items(render(FULL_PLAN))]
    assert "Account status: Active" in items
    assert "Renewal date: Sep 30, 2026" in items


def test_a_churned_account_says_so(write_plan: Callable[..., Path]) -> None:
    path = write_plan("account:\n  name: Gone Co\n  manager: Maria Rodriguez\n  status: churned\n")
    items = [plain(item) for item in list_items(render(path))]
    assert "Account status: Churned (the customer left; kept for history)" in items
    assert not any(item.startswith("Renewal date") for item in items)


def test_team_table_lists_roles_and_the_relationships_each_member_owns() -> None:
    document = render(FULL_PLAN)
    team = table_after(document, "Team member")
    assert team == [
        ["Team member", "Role", "Relationships owned"],
        ["Maria Rodriguez", "Strategic account manager", "Jennifer Wu"],
        ["Dana Cole", "Executive sponsor", "Lisa Thompson"],
        ["Tom Lee", "Customer success manager", "Sarah Johnson, David Park"],
        ["Priya Nair", "Technical account manager", "Michael Chen"],
        ["Alex Romero", "Solution architect", "—"],
    ]


def test_raci_is_a_table_one_activity_a_row() -> None:
    raci = table_after(render(FULL_PLAN), "Activity")
    assert raci == [
        ["Activity", "Responsible", "Accountable", "Consulted", "Informed"],
        ["Quarterly business review", "Maria Rodriguez", "Dana Cole", "Tom Lee, Priya Nair", "Alex Romero"],
        ["Technical roadmap briefing", "Priya Nair", "Maria Rodriguez", "Alex Romero", "—"],
    ]


def test_stakeholder_table_shows_influence_stance_and_what_they_care_about() -> None:
    people = table_after(render(FULL_PLAN), "Name")
    assert people[0] == [
        "Name",
        "Title",
        "Department",
        "Role",
        "Influence",
        "Stance",
        "Relationship",
        "Last contact",
        "Covered by",
        "Cares about",
    ]
    rows = {row[0]: row for row in people[1:]}
    assert rows["Lisa Thompson"][4:] == [
        "High",
        "Skeptic",
        "Weak",
        "Oct 15, 2025",
        "Dana Cole",
        "ROI realization, cost control",
    ]
    assert rows["Robert Martinez"][4:6] == ["High", "—"]
    assert rows["Sarah Johnson"][-1] == "—"


def test_the_new_columns_appear_only_when_some_stakeholder_has_them(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        """\
        account: {name: Plain Co, manager: Maria Rodriguez}
        stakeholders:
          - {name: Ann, relationship: strong, support: advocate}
        """
    )
    header = table_after(render(path), "Name")[0]
    assert "Stance" in header
    assert "Influence" not in header and "Cares about" not in header


def test_whitespace_matrix_is_units_by_products_with_status_and_potential() -> None:
    document = render(FULL_PLAN)
    matrix = table_after(document, "Business unit")
    assert matrix == [
        ["Business unit", "Core Platform", "Analytics Module", "Payments API"],
        ["Technology", "Adopted", "Adopted", "—"],
        ["Operations", "Adopted", "Untapped ($60,000)", "—"],
        [
            "Payments",
            "Pipeline ($400,000)\nPayments Division\nvs Acme Payments",
            "—",
            "Competitor ($150,000)\nvs Acme Payments",
        ],
        ["EU subsidiaries", "Pipeline ($280,000)\nEuropean Operations", "—", "—"],
        ["Finance", "—", "Not a fit", "—"],
    ]
    items = [plain(item) for item in list_items(document)]
    assert "Cells: 8 (3 adopted, 2 pipeline, 1 competitor, 1 untapped, 1 not a fit)" in items
    # untapped + competitor: $60K + $150K; pipeline: $400K + $280K (domain.md, "Whitespace")
    assert "Untapped potential: $210,000 (untapped and competitor cells)" in items
    assert "Pipeline potential: $680,000 (pipeline cells)" in items
    assert (
        "3 of 5 units with nothing adopted, 1 of 3 products adopted nowhere: "
        "units Payments, EU subsidiaries, Finance; products Payments API"
    ) in items


def test_a_plan_without_whitespace_says_so() -> None:
    document = render_loaded(plan_from("account:\n  name: Minimal Co\n  manager: Maria Rodriguez\n"))
    assert "Whitespace" in headings(document, 2)
    assert "No whitespace matrix recorded yet" in document
    assert "No account team recorded yet: the manager is Maria Rodriguez." in document


def render_loaded(plan: Plan) -> str:
    return render_plan(LoadedPlan("plan.yaml", plan), Config(), TODAY)


def test_closed_opportunities_show_the_day_they_closed() -> None:
    opportunities = table_after(render(FULL_PLAN), "Opportunity")
    rows = {row[0]: row for row in opportunities[1:]}
    assert rows["Advanced Analytics Module"][-1] == "Won Feb 14, 2026"
    assert rows["Payments Division"][-1] == "Open"


# --- the stakeholder map -------------------------------------------------------------------------------------------


def subgraphs(diagram: str) -> dict[str, list[str]]:
    """Subgraph label → the node ids drawn inside it."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in diagram.splitlines():
        opening = re.match(r'\s*subgraph g\d+\["(.*)"\]$', line)
        if opening:
            current = decode_mermaid(opening[1])
            found[current] = []
        elif line.strip() == "end":
            current = None
        elif current is not None and (node := re.match(r"\s*(s\d+)\[", line)):
            found[current].append(node[1])
    return found


def node_labels(diagram: str) -> dict[str, str]:
    return {
        node: decode_mermaid(text) for node, text in re.findall(r'^\s*(s\d+)\["(.*)"\]:::\w+$', diagram, re.MULTILINE)
    }


def department_classes(diagram: str) -> dict[str, list[str]]:
    """Department class → the nodes it colours (``class s1,s2 dept1``), each class defined with a fill."""
    fills = dict(re.findall(r"^\s*classDef (dept\d+) fill:(#[0-9a-f]{6})$", diagram, re.MULTILINE))
    classes = {
        name: ids.split(",") for ids, name in re.findall(r"^\s*class ([\w,]+) (dept\d+)$", diagram, re.MULTILINE)
    }
    assert set(classes) == set(fills) and len(set(fills.values())) == len(fills)
    return classes


def test_map_is_drawn_by_reporting_lines_with_departments_as_classes() -> None:
    (diagram,) = mermaid_blocks(render(FULL_PLAN))
    assert diagram.startswith("flowchart TB\n")
    # people on a reporting line stand outside any subgraph: no line crosses a department box
    assert subgraphs(diagram) == {
        "Operations: no reporting line in the map": ["s3"],
        "Finance: no reporting line in the map": ["s5"],
        "Payments: no reporting line in the map": ["s6"],
    }
    assert department_classes(diagram) == {
        "dept1": ["s1", "s2"],
        "dept2": ["s3"],
        "dept3": ["s4"],
        "dept4": ["s5"],
        "dept5": ["s6"],
    }
    labels = node_labels(diagram)
    assert labels["s5"] == "Lisa Thompson\nCFO\nFinance\nWeak · skeptic\nowner: Dana Cole"
    assert labels["s6"] == "Robert Martinez\nHead of Payments\nPayments\nNo relationship yet"
    assert re.findall(r"^\s*(s\d+) --> (s\d+)$", diagram, re.MULTILINE) == [("s1", "s2"), ("s2", "s4")]


def test_departments_match_case_insensitively_and_people_without_one_get_a_group() -> None:
    plan = plan_from(
        """\
        account: {name: Co, manager: M}
        stakeholders:
          - {name: A, department: Finance, relationship: strong}
          - {name: B, relationship: weak}
          - {name: C, department: " finance", relationship: none, reports_to: a}
        """
    )
    shape = stakeholder_map(plan)
    assert [(department.name, department.node_ids) for department in shape.departments] == [
        ("Finance", ["s1", "s3"]),
        (None, ["s2"]),
    ]
    assert [node.id for node in shape.nodes] == ["s1", "s3"]
    assert [(group.department, [node.id for node in group.nodes]) for group in shape.groups] == [(None, ["s2"])]
    assert shape.edges == [("s1", "s3")]
    (diagram,) = mermaid_blocks(render_loaded(plan))
    assert subgraphs(diagram) == {"No department: no reporting line in the map": ["s2"]}
    assert department_classes(diagram) == {"dept1": ["s1", "s3"], "dept2": ["s2"]}


def test_a_wide_org_is_stacked_into_bands_a_page_can_show() -> None:
    rows = ["  - {name: Boss, department: Exec, relationship: strong}"]
    rows += [
        f"  - {{name: Lead {lead}, department: D{lead}, relationship: weak, reports_to: Boss}}" for lead in range(4)
    ]
    rows += [
        f"  - {{name: Staff {lead}.{index}, department: D{lead}, relationship: none, reports_to: Lead {lead}}}"
        for lead in range(4)
        for index in range(5)
    ]
    plan = plan_from("account: {name: Co, manager: M}\nstakeholders:\n" + "\n".join(rows) + "\n")
    shape = stakeholder_map(plan)
    ids = {node.person.name: node.id for node in shape.nodes}
    # five staff under a lead stand two abreast, each a rank under the one two before
    assert (ids["Staff 0.0"], ids["Staff 0.2"]) in shape.stacks and (ids["Staff 0.2"], ids["Staff 0.4"]) in shape.stacks
    # the leads' subtrees (two boxes wide) go one band each: a lead is linked under the bottom of the one before
    assert (ids["Staff 0.4"], ids["Lead 1"]) in shape.stacks
    assert all(above != below for above, below in shape.stacks)


# --- hostile text --------------------------------------------------------------------------------------------------


def naughty_plan(strings: list[str]) -> Plan:
    """Every new free-text field filled with naughty strings (blank ones replaced: names are required)."""
    names = [text if text.strip() else f"blank {index}" for index, text in enumerate(strings)]
    data: dict[str, Any] = {
        "account": {
            "name": names[0],
            "manager": names[1],
            "team": [{"name": name, "role": "other"} for name in names[:5]],
        },
        "stakeholders": [
            {
                "name": f"{index} {name}",
                "title": name,
                "department": name,
                "relationship": "strong",
                "support": "skeptic",
                "influence": "high",
                "covered_by": names[index % 5],
                "cares_about": [name, names[-1]],
            }
            for index, name in enumerate(names)
        ],
        "raci": [
            {"activity": name, "responsible": name, "accountable": names[0], "consulted": names[:2], "informed": name}
            for name in names
        ],
        "whitespace": [
            {"unit": f"{index} {name}", "product": name, "status": "competitor", "competitor": name, "potential": 1}
            for index, name in enumerate(names)
        ],
    }
    return Plan.model_validate(data)


@pytest.mark.slow
def test_naughty_strings_never_break_a_table_or_the_map(blns: list[str]) -> None:
    for start in range(0, len(blns), 40):
        chunk = blns[start : start + 40]
        plan = naughty_plan(chunk)
        document = render_loaded(plan)
        assert_tables_well_formed(document)
        assert_no_raw_html(document)
        team = table_after(document, "Team member")
        assert len(team) == 1 + len(plan.account.team)
        raci = table_after(document, "Activity")
        # control characters are shown escaped (the one Markdown escaper makes them visible, never raw)
        assert [row[0] for row in raci[1:]] == [
            terminal_safe(entry.activity.strip().replace("\r\n", "\n")) for entry in plan.raci
        ]
        matrix = table_after(document, "Business unit")
        assert len(matrix) == 1 + len({cell.unit.strip().casefold() for cell in plan.whitespace})
        people = table_after(document, "Name")
        assert len(people) == 1 + len(plan.stakeholders)
        (diagram,) = mermaid_blocks(document)
        for line in diagram.splitlines()[1:]:
            assert re.fullmatch(
                r"\s+classDef .*|\s+subgraph g\d+\[\"[^\"\[\]|<>]*\"\]|\s+end|"
                r'\s+s\d+\["[^"\[\]|<>]*(<br>[^"\[\]|<>]*)*"\]:::\w+|\s+s\d+ --> s\d+|'
                r"\s+s\d+ ~~~ [sg]\d+|\s+class s\d+(,s\d+)* dept\d+",
                line,
            ), line


def test_every_table_in_the_full_fixture_is_well_formed() -> None:
    document = render(FULL_PLAN)
    assert_tables_well_formed(document)
    assert_no_raw_html(document)
    # team, RACI, stakeholders, opportunities, pipeline totals, whitespace, actions
    assert len(tables(document)) == 7


def test_the_readme_excerpt_is_the_current_rendering() -> None:
    """docs/commands.md's team / RACI / whitespace excerpt is what `samkit render` prints for the plan it names."""
    from tests.conftest import REPO

    readme = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    excerpt = readme.split("<!-- render excerpt -->\n", 1)[1].split("\n<!-- /render excerpt -->", 1)[0]
    block = excerpt.split("```console\n", 1)[1].split("\n```", 1)[0]
    command, _, shown = block.partition("\n")
    assert command.startswith("$ samkit render ")
    document = render(REPO / command.removeprefix("$ samkit render "))
    for part in shown.split("\n…\n"):
        part = part.strip("\n…")
        if part:
            assert part in document, part
    assert "## Account team" in shown and "## Whitespace" in shown
