"""The semantic diff engine and its formatters, on plans loaded from text (git is in test_diff_cli.py)."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samkit.analysis.changes import Change, ChangeKind, plan_changes
from samkit.analysis.pipeline import Pipeline
from samkit.config import ScoringConfig
from samkit.gitio.git import FileStatus, Revision
from samkit.history.diff import DiffReport, PlanDiff, Side, diff_loaded
from samkit.output.change_text import describe, show
from samkit.output.diff_out import COMMENT_MARKER, diff_json, diff_markdown, diff_text, summary_line
from samkit.output.jsonout import dumps
from samkit.output.textconv import canonical_view
from samkit.plan.loader import LoadedPlan, load_text
from samkit.plan.model import Plan
from tests.conftest import SEED_PLAN

SEED_TEXT = SEED_PLAN.read_text(encoding="utf-8")
BASE = Revision("main", "a" * 40)
HEAD = Revision("feature", "b" * 40)


def edited(text: str, *replacements: tuple[str, str]) -> str:
    """Apply replacements, each of which must match exactly once (so a typo in a test cannot pass silently)."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def loaded(text: str, path: str = "plans/global-financial-corp.yaml") -> LoadedPlan:
    result = load_text(text, path)
    assert result.plan is not None, result.findings
    return result


def plan_of(text: str) -> Plan:
    plan = loaded(text).plan
    assert plan is not None
    return plan


def changes_between(old_text: str, new_text: str, scoring: ScoringConfig | None = None) -> list[Change]:
    return plan_changes(plan_of(old_text), plan_of(new_text), scoring)


def only(changes: list[Change], kind: ChangeKind) -> list[Change]:
    return [change for change in changes if change.kind is kind]


SEED = plan_of(SEED_TEXT)


# --- matching by identity ---------------------------------------------------------------------------------


def test_the_same_plan_has_no_changes() -> None:
    assert plan_changes(SEED, SEED) == []


def test_layout_comments_and_value_spellings_are_not_changes() -> None:
    respelt = edited(
        SEED_TEXT,
        ("    value: $400K\n", "    value: 400000   # four hundred thousand\n"),
        ("    probability: 65%\n", "    probability: 0.65\n"),
        ("    role: economic_buyer\n    relationship: weak", "    role: Economic Buyer\n    relationship: WEAK"),
        ("timeframe: Q2-Q3 2026", "timeframe: 2026-Q2..2026-Q3"),
    )
    assert changes_between(SEED_TEXT, respelt) == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.permutations(SEED.stakeholders),
    st.permutations(SEED.opportunities),
    st.permutations(SEED.risks),
    st.permutations(SEED.actions),
)
def test_reordering_items_changes_nothing(
    stakeholders: list[Any], opportunities: list[Any], risks: list[Any], actions: list[Any]
) -> None:
    shuffled = SEED.model_copy(
        update={"stakeholders": stakeholders, "opportunities": opportunities, "risks": risks, "actions": actions}
    )
    assert plan_changes(SEED, shuffled) == []
    raw = "unused"
    assert canonical_view(LoadedPlan("p.yaml", shuffled), raw) == canonical_view(LoadedPlan("p.yaml", SEED), raw)


def test_names_match_case_insensitively() -> None:
    recased = edited(SEED_TEXT, ("- name: Lisa Thompson", "- name: lisa thompson"))
    assert changes_between(SEED_TEXT, recased) == [
        Change(ChangeKind.FIELD_CHANGED, "stakeholders[lisa thompson].name", "Lisa Thompson", "lisa thompson")
    ]


# --- stakeholders ---------------------------------------------------------------------------------------


def test_stakeholder_changes() -> None:
    after = edited(
        SEED_TEXT,
        ("    relationship: weak\n", "    relationship: strong\n"),  # Lisa Thompson
        ("    relationship: moderate\n", "    relationship: weak\n"),  # Sarah Johnson
        ("    role: expansion_target\n", "    role: influencer\n"),  # Robert Martinez
        ("    last_contact: 2026-01-10\n", "    last_contact: 2026-02-02\n"),  # David Park
        ("    title: CFO\n", "    title: Chief Financial Officer\n"),
        (
            "  - name: Robert Martinez\n",
            "  - name: Anna Lee\n    title: VP Sales\n    department: Sales\n    role: champion\n"
            "    relationship: moderate\n    last_contact: 2026-02-01\n  - name: Robert Martinez\n",
        ),
    )
    after = edited(
        after,
        (
            "  - name: Sarah Johnson\n    title: VP Operations\n    department: Operations\n    role: business_owner\n"
            "    relationship: weak\n    last_contact: 2025-12-12\n    covered_by: Tom Lee\n"
            "    email: sarah.johnson@gfc.example\n    influence: medium\n    support: neutral\n"
            "    cares_about: [operational efficiency]\n",
            "",
        ),
    )
    changes = changes_between(SEED_TEXT, after)
    assert only(changes, ChangeKind.STAKEHOLDER_ADDED) == [
        Change(
            ChangeKind.STAKEHOLDER_ADDED,
            "Anna Lee",
            None,
            {
                "name": "Anna Lee",
                "title": "VP Sales",
                "department": "Sales",
                "role": "champion",
                "relationship": "moderate",
                "last_contact": "2026-02-01",
                "status": "active",
            },
        )
    ]
    removed = only(changes, ChangeKind.STAKEHOLDER_REMOVED)
    assert [(change.subject, change.before["relationship"], change.after) for change in removed] == [
        ("Sarah Johnson", "moderate", None)
    ]
    assert only(changes, ChangeKind.RELATIONSHIP_CHANGED) == [
        Change(ChangeKind.RELATIONSHIP_CHANGED, "Lisa Thompson", "weak", "strong")
    ]
    assert only(changes, ChangeKind.ROLE_CHANGED) == [
        Change(ChangeKind.ROLE_CHANGED, "Robert Martinez", "expansion_target", "influencer")
    ]
    assert only(changes, ChangeKind.CONTACT_LOGGED) == [
        Change(ChangeKind.CONTACT_LOGGED, "David Park", "2026-01-10", "2026-02-02")
    ]
    assert only(changes, ChangeKind.FIELD_CHANGED) == [
        Change(ChangeKind.FIELD_CHANGED, "stakeholders[Lisa Thompson].title", "CFO", "Chief Financial Officer")
    ]


def test_a_first_contact_and_a_departure() -> None:
    after = edited(
        SEED_TEXT,
        ("    relationship: none\n", "    relationship: none\n    last_contact: 2026-01-30\n    status: left\n"),
    )
    assert changes_between(SEED_TEXT, after) == [
        Change(ChangeKind.CONTACT_LOGGED, "Robert Martinez", None, "2026-01-30"),
        Change(ChangeKind.FIELD_CHANGED, "stakeholders[Robert Martinez].status", "active", "left"),
    ]


# --- opportunities, risks, actions ----------------------------------------------------------------------


def test_opportunity_changes() -> None:
    after = edited(
        SEED_TEXT,
        ("    value: $400K\n", "    value: $450K\n"),
        ("    probability: 65%\n", "    probability: 70%\n"),
        (
            "    timeframe: Q1 2026\n    probability: 80%\n",
            "    timeframe: Q2 2026\n    probability: 80%\n    status: won\n",
        ),
        (
            "  - name: European Operations\n    description: Expand to EU subsidiaries (3 entities)\n"
            "    value: $280K\n    kind: recurring\n    timeframe: Q3-Q4 2026\n    probability: 45%\n",
            "  - name: Fraud Analytics\n    value: $150K\n    probability: 50%\n",
        ),
        ("    opportunity: European Operations\n", ""),  # the whitespace cell must name an opportunity of the plan
    )
    changes = changes_between(SEED_TEXT, after)
    assert only(changes, ChangeKind.OPPORTUNITY_CHANGED) == [
        Change(
            ChangeKind.OPPORTUNITY_CHANGED,
            "Payments Division",
            {"value": Decimal(400000), "probability": Decimal("0.65")},
            {"value": Decimal(450000), "probability": Decimal("0.70")},
        ),
        Change(
            ChangeKind.OPPORTUNITY_CHANGED,
            "Advanced Analytics Module",
            {"timeframe": "Q1 2026", "status": "open"},
            {"timeframe": "Q2 2026", "status": "won"},
        ),
    ]
    assert only(changes, ChangeKind.OPPORTUNITY_ADDED) == [
        Change(
            ChangeKind.OPPORTUNITY_ADDED,
            "Fraud Analytics",
            None,
            {
                "name": "Fraud Analytics",
                "value": Decimal(150000),
                "kind": "recurring",
                "probability": Decimal("0.5"),
                "status": "open",
            },
        )
    ]
    removed = only(changes, ChangeKind.OPPORTUNITY_REMOVED)
    assert [(change.subject, change.before["value"], change.before["timeframe"]) for change in removed] == [
        ("European Operations", Decimal(280000), "Q3-Q4 2026")
    ]


def test_risk_changes() -> None:
    after = edited(
        SEED_TEXT,
        (
            "  - risk: Budget scrutiny due to market conditions\n    severity: medium\n",
            "  - risk: Budget scrutiny due to market conditions\n    severity: high\n",
        ),
        (
            "  - risk: Champion (David Park, Director Analytics) considering external opportunity\n"
            "    severity: medium\n",
            "  - risk: New analytics competitor\n    severity: low\n    mitigation: Share the roadmap early\n"
            "  - risk: Champion (David Park, Director Analytics) considering external opportunity\n"
            "    severity: medium\n",
        ),
        (
            "      - Provide competitive analysis demonstrating differentiation\n    owner: Maria Rodriguez\n",
            "    owner: Alex Romero\n",
        ),
    )
    changes = changes_between(SEED_TEXT, after)
    risk_changes = only(changes, ChangeKind.RISK_CHANGED)
    assert [change.subject for change in risk_changes] == [
        "Competitive evaluation in Payments division",
        "Budget scrutiny due to market conditions",
    ]
    competitive = risk_changes[0]
    assert competitive.before["owner"] == "Maria Rodriguez" and competitive.after["owner"] == "Alex Romero"
    assert len(competitive.before["mitigation"]) == 4 and len(competitive.after["mitigation"]) == 3
    assert risk_changes[1].before == {"severity": "medium"} and risk_changes[1].after == {"severity": "high"}
    assert only(changes, ChangeKind.RISK_ADDED) == [
        Change(
            ChangeKind.RISK_ADDED,
            "New analytics competitor",
            None,
            {"risk": "New analytics competitor", "severity": "low", "mitigation": ["Share the roadmap early"]},
        )
    ]
    assert only(changes, ChangeKind.RISK_REMOVED) == []


def test_risk_removed() -> None:
    after = edited(
        SEED_TEXT,
        (
            "  - risk: Budget scrutiny due to market conditions\n    severity: medium\n    mitigation:\n"
            "      - Prepare comprehensive ROI documentation\n      - Quantify value delivered in 2025\n"
            "      - Strengthen CFO relationship\n      - Demonstrate essential vs. discretionary positioning\n"
            "    owner: Maria Rodriguez\n",
            "",
        ),
    )
    changes = changes_between(SEED_TEXT, after)
    assert [(change.kind, change.subject) for change in changes] == [
        (ChangeKind.RISK_REMOVED, "Budget scrutiny due to market conditions")
    ]


DISCOVERY = "Schedule discovery call with Robert Martinez (Payments Head) to understand real-time payments requirements"
CFO_MEETING = "Schedule CFO meeting focused on ROI realization and value quantification"


def test_action_changes() -> None:
    after = edited(
        SEED_TEXT,
        (
            f"    action: {DISCOVERY}\n    owner: Maria Rodriguez\n",
            f"    action: {DISCOVERY}\n    owner: Maria Rodriguez\n    done: true\n",
        ),
        ("  - due: 2026-02-17\n", "  - due: 2026-02-24\n"),
        (
            "  - due: 2026-03-02\n    action: Arrange product roadmap briefing for technical team showcasing "
            "Q2-Q3 2026 releases\n    owner: Priya Nair\n",
            "  - due: 2026-02-20\n    action: Introduce Anna Lee to the product team\n",
        ),
    )
    changes = changes_between(SEED_TEXT, after)
    assert only(changes, ChangeKind.ACTION_DONE) == [Change(ChangeKind.ACTION_DONE, DISCOVERY, False, True)]
    assert only(changes, ChangeKind.FIELD_CHANGED) == [
        Change(ChangeKind.FIELD_CHANGED, f"actions[{CFO_MEETING}].due", "2026-02-17", "2026-02-24")
    ]
    assert only(changes, ChangeKind.ACTION_ADDED) == [
        Change(
            ChangeKind.ACTION_ADDED,
            "Introduce Anna Lee to the product team",
            None,
            {"due": "2026-02-20", "action": "Introduce Anna Lee to the product team", "done": False},
        )
    ]
    removed = only(changes, ChangeKind.ACTION_REMOVED)
    assert [(change.before["due"], change.before["owner"]) for change in removed] == [("2026-03-02", "Priya Nair")]


def test_reopening_a_done_action_is_a_field_change() -> None:
    done = edited(SEED_TEXT, (f"    action: {DISCOVERY}\n", f"    action: {DISCOVERY}\n    done: true\n"))
    assert changes_between(done, SEED_TEXT) == [
        Change(ChangeKind.FIELD_CHANGED, f"actions[{DISCOVERY}].done", True, False)
    ]


def test_repeated_action_texts_pair_in_file_order() -> None:
    plan = """\
    account: {name: Acme, manager: Ann}
    actions:
      - {due: 2026-01-05, action: Weekly sync}
      - {due: 2026-01-12, action: Weekly sync}
    """
    later = """\
    account: {name: Acme, manager: Ann}
    actions:
      - {due: 2026-01-05, action: Weekly sync, done: true}
      - {due: 2026-01-12, action: Weekly sync}
      - {due: 2026-01-19, action: Weekly sync}
    """
    changes = changes_between(textwrap.dedent(plan), textwrap.dedent(later))
    assert changes == [
        Change(
            ChangeKind.ACTION_ADDED, "Weekly sync", None, {"due": "2026-01-19", "action": "Weekly sync", "done": False}
        ),
        Change(ChangeKind.ACTION_DONE, "Weekly sync", False, True),
    ]


# --- score, tier and other fields -----------------------------------------------------------------------


def test_score_and_tier_changes() -> None:
    # 10 → 2 on current_revenue (weight 25) is -20, 9 → 8 on expansion_potential (20) is -2: 90.5 → 68.5, Key
    after = edited(
        SEED_TEXT,
        ("  current_revenue: 10\n", "  current_revenue: 2\n"),
        ("  expansion_potential: 9\n", "  expansion_potential: 8\n"),
    )
    changes = changes_between(SEED_TEXT, after)
    assert changes == [
        Change(ChangeKind.SCORE_CHANGED, "score", Decimal("90.5"), Decimal("68.5")),
        Change(ChangeKind.TIER_CHANGED, "tier", "Strategic", "Key"),
        Change(ChangeKind.FIELD_CHANGED, "score.current_revenue", Decimal(10), Decimal(2)),
        Change(ChangeKind.FIELD_CHANGED, "score.expansion_potential", Decimal(9), Decimal(8)),
    ]


def test_score_uses_the_configured_weights() -> None:
    # all weight on current_revenue: 10 points → 100, 8 points → 80
    weights = {name: Decimal(0) for name in SEED.score.points()} if SEED.score else {}
    weights["current_revenue"] = Decimal(100)
    scoring = ScoringConfig(weights=weights)
    after = edited(SEED_TEXT, ("  current_revenue: 10\n", "  current_revenue: 8\n"))
    assert only(changes_between(SEED_TEXT, after, scoring), ChangeKind.SCORE_CHANGED) == [
        Change(ChangeKind.SCORE_CHANGED, "score", Decimal("100.0"), Decimal("80.0"))
    ]


def test_dropping_the_score_block_falls_back_to_the_declared_tier() -> None:
    start = SEED_TEXT.index("score:\n")
    end = SEED_TEXT.index("period:")
    without_score = SEED_TEXT[:start] + SEED_TEXT[end:]
    changes = changes_between(SEED_TEXT, without_score)
    assert only(changes, ChangeKind.SCORE_CHANGED) == [Change(ChangeKind.SCORE_CHANGED, "score", Decimal("90.5"), None)]
    assert only(changes, ChangeKind.TIER_CHANGED) == []  # declared tier: strategic, as the score gave
    assert Change(ChangeKind.FIELD_CHANGED, "score.current_revenue", Decimal(10), None) in changes


def test_other_fields_are_field_changes_with_dotted_paths() -> None:
    after = edited(
        SEED_TEXT,
        ("  manager: Maria Rodriguez\n", "  manager: Tom Lee\n"),
        ("  arr: $850K\n", "  arr: $1.2M\n"),
        ("period: Q1 2026\n", "period: Q2 2026\n"),
        ("last_reviewed: 2026-01-12\n", "last_reviewed: 2026-04-10\n"),
        ("    - Regulatory compliance enhancement\n", ""),
        ("  health_score: 82\n", "  health_score: 76\n"),
        ("  feature_adoption: 58%\n", "  feature_adoption: 61%\n"),
    )
    changes = changes_between(SEED_TEXT, after)
    assert changes == [
        Change(ChangeKind.FIELD_CHANGED, "account.manager", "Maria Rodriguez", "Tom Lee"),
        Change(ChangeKind.FIELD_CHANGED, "account.arr", Decimal(850000), Decimal(1200000)),
        Change(ChangeKind.FIELD_CHANGED, "period", "Q1 2026", "Q2 2026"),
        Change(ChangeKind.FIELD_CHANGED, "last_reviewed", "2026-01-12", "2026-04-10"),
        Change(
            ChangeKind.FIELD_CHANGED,
            "context.initiatives",
            ["Digital transformation program", "Real-time payments launch", "Regulatory compliance enhancement"],
            ["Digital transformation program", "Real-time payments launch"],
        ),
        Change(ChangeKind.FIELD_CHANGED, "state.feature_adoption", Decimal("0.58"), Decimal("0.61")),
        Change(ChangeKind.FIELD_CHANGED, "state.health_score", Decimal(82), Decimal(76)),
    ]


def test_changes_are_json_friendly() -> None:
    after = edited(
        SEED_TEXT,
        ("    value: $400K\n", "    value: 400000.25\n"),
        ("    last_contact: 2026-01-10\n", "    last_contact: 2026-02-02\n"),
    )
    data = json.loads(dumps([change.to_dict() for change in changes_between(SEED_TEXT, after)]))
    assert data == [
        {"kind": "contact_logged", "subject": "David Park", "before": "2026-01-10", "after": "2026-02-02"},
        {
            "kind": "opportunity_changed",
            "subject": "Payments Division",
            "before": {"value": 400000},
            "after": {"value": 400000.25},
        },
    ]


# --- one file, both sides -------------------------------------------------------------------------------


def test_a_side_that_does_not_parse_is_reported_and_the_other_side_still_summed() -> None:
    broken = load_text("account: [\n", "plans/global-financial-corp.yaml")
    result = diff_loaded(
        loaded(SEED_TEXT),
        broken,
        path="plans/global-financial-corp.yaml",
        old_path="plans/global-financial-corp.yaml",
        status=FileStatus.MODIFIED,
    )
    assert not result.parsed
    assert result.changes == []
    assert [(problem.side, problem.finding.code, problem.finding.line) for problem in result.problems] == [
        (Side.AFTER, "SAM001", 2)
    ]
    assert result.pipeline_before is not None and result.pipeline_before.total == Decimal(885000)
    assert result.pipeline_after is None
    data = json.loads(dumps(result.to_dict()))
    assert data["pipeline"]["before"] == {
        "recurring": 800000,
        "one_time": 85000,
        "total": 885000,
        "weighted_recurring": 482000,
        "weighted_one_time": 59500,
    }
    assert data["pipeline"]["after"] is None
    assert data["problems"][0]["side"] == "after" and data["problems"][0]["code"] == "SAM001"


def test_an_added_plan_has_a_summary_and_no_changes() -> None:
    result = diff_loaded(None, loaded(SEED_TEXT), path="plans/gfc.yaml", old_path=None, status=FileStatus.ADDED)
    assert result.parsed and result.changes == []
    assert result.pipeline_before is None
    assert result.summary_after is not None
    assert (result.summary_after.stakeholders, result.summary_after.relationships, result.summary_after.strong) == (
        6,
        4,
        3,
    )
    assert result.summary_after.score == Decimal("90.5") and result.summary_after.tier == "Strategic"
    assert result.account == "Global Financial Corp"


def test_a_churned_side_has_no_pipeline_and_the_status_change_is_kept() -> None:
    churned = edited(SEED_TEXT, ("  status: active\n", "  status: churned\n"))
    path = "plans/global-financial-corp.yaml"
    result = diff_loaded(loaded(SEED_TEXT), loaded(churned), path=path, old_path=path, status=FileStatus.MODIFIED)
    assert result.pipeline_before is not None and result.pipeline_before.total == Decimal(885000)
    assert result.pipeline_after == Pipeline()  # history: out of every current figure, as in `samkit pipeline`
    assert result.changes == [Change(ChangeKind.FIELD_CHANGED, "account.status", "active", "churned")]
    assert result.summary_before is not None and result.summary_after is not None
    assert (result.summary_before.to_dict()["status"], result.summary_after.to_dict()["status"]) == (
        "active",
        "churned",
    )
    # still introduced as it is: the score and the opportunities it lists do not change with the status
    assert (result.summary_after.score, result.summary_after.opportunities) == (Decimal("90.5"), 4)


# --- formatters -----------------------------------------------------------------------------------------


def test_values_for_people() -> None:
    assert show(Decimal(450000), "value") == "$450,000"
    assert show(Decimal("0.65"), "probability") == "65%"
    assert show(Decimal(82), "health_score") == "82"
    assert show(None) == "(none)"
    assert show(["a", "b"]) == "a; b"
    assert show(True) == "yes"


def test_relationship_moves_show_arrow_and_direction() -> None:
    up = Change(ChangeKind.RELATIONSHIP_CHANGED, "Lisa Thompson", "weak", "strong")
    down = Change(ChangeKind.RELATIONSHIP_CHANGED, "Jennifer Wu", "strong", "moderate")
    assert describe(up) == "Lisa Thompson: relationship weak → strong (strengthened)"
    assert describe(down) == "Jennifer Wu: relationship strong → moderate (weakened)"


def _seed_report() -> tuple[DiffReport, PlanDiff]:
    after = edited(
        SEED_TEXT,
        ("    relationship: weak\n", "    relationship: strong\n"),
        ("    value: $400K\n", "    value: $450K\n"),
    )
    plan = diff_loaded(
        loaded(SEED_TEXT), loaded(after), path="plans/gfc.yaml", old_path="plans/gfc.yaml", status=FileStatus.MODIFIED
    )
    return DiffReport(BASE, HEAD, [plan]), plan


def test_summary_line_counts_and_signs() -> None:
    report, _ = _seed_report()
    # Payments Division 400K → 450K at 65%: pipeline +$50,000, weighted +$32,500
    assert summary_line(report) == (
        "1 plan changed (1 modified) · 2 changes · pipeline +$50,000 (weighted +$32,500) · "
        "1 relationship moved: 1 strengthened, 0 weakened (main → feature)"
    )
    assert summary_line(DiffReport(BASE, None)) == "No account plan changes (main → the working tree)."


def test_text_output() -> None:
    report, _ = _seed_report()
    text = diff_text(report)
    assert text.splitlines()[:5] == [
        "Global Financial Corp · plans/gfc.yaml · modified",
        "  Stakeholders:",
        "    Lisa Thompson: relationship weak → strong (strengthened)",
        "  Opportunities:",
        "    Payments Division: value $400,000 → $450,000",
    ]
    assert "  Pipeline: $885,000 → $935,000 (+$50,000); weighted $541,500 → $574,000 (+$32,500)" in text


def test_json_output_has_the_cli_shape() -> None:
    report, _ = _seed_report()
    data = json.loads(diff_json(report))
    assert data["base"] == {"ref": "main", "commit": "a" * 40}
    (plan,) = data["plans"]
    assert {"path", "old_path", "status", "changes", "pipeline"} <= set(plan)
    assert set(plan["pipeline"]["after"]) == {
        "recurring",
        "one_time",
        "total",
        "weighted_recurring",
        "weighted_one_time",
    }
    assert plan["pipeline"]["after"]["total"] == 935000


def test_markdown_escapes_user_text() -> None:
    hostile = edited(SEED_TEXT, ("- name: Robert Martinez", '- name: "Rob <script>x</script> | *bold* [l](http://e)"'))
    plan = diff_loaded(
        loaded(SEED_TEXT),
        loaded(hostile),
        path="plans/gfc.yaml",
        old_path="plans/gfc.yaml",
        status=FileStatus.MODIFIED,
    )
    markdown = diff_markdown(DiffReport(BASE, HEAD, [plan]))
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    html_tokens = [token for token in tokens if token.type == "html_block"]
    assert [token.content.strip() for token in html_tokens] == [COMMENT_MARKER]
    inline = [child for token in tokens if token.children for child in token.children]
    assert not [child for child in inline if child.type in ("html_inline", "link_open")]
    html = MarkdownIt("commonmark").render(markdown)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "Added stakeholder <strong>Rob &lt;script&gt;x&lt;/script&gt; | *bold* [l](http://e)</strong>" in html


def test_canonical_view_is_sorted_and_normalised() -> None:
    view = canonical_view(loaded(SEED_TEXT), SEED_TEXT)
    headings = [line for line in view.splitlines() if line.startswith("stakeholder: ")]
    assert headings == sorted(headings, key=str.casefold)
    assert len(headings) == 6
    assert "  value: $400,000" in view and "  probability: 65%" in view
    assert "score: 90.5 (Strategic)" in view
    assert "pipeline: recurring $800,000 + one-time $85,000 = $885,000; weighted $482,000 + $59,500 = $541,500" in view
    respelt = edited(SEED_TEXT, ("    value: $400K\n", "    value: 400000\n"))
    assert canonical_view(loaded(respelt), respelt) == view


def test_canonical_view_of_a_broken_plan_shows_the_problems_and_the_raw_text() -> None:
    raw = "account:\n  name: Acme\n  name: Again\n"
    view = canonical_view(load_text(raw, "plans/acme.yaml"), raw)
    lines = view.splitlines()
    assert lines[0] == "# samkit: plans/acme.yaml does not parse; showing the raw text"
    assert lines[1].startswith("# plans/acme.yaml:3:3: SAM001 duplicate key 'name'")
    assert view.endswith(raw)
