"""The change kinds of the format's additions: whitespace_changed, team_changed, note_added, and the
field changes of account status, renewal date and RACI; their words, sections, JSON and textconv view.

Real plans: the seed with every addition (tests/data/gfc-additions.yaml), edited as a person would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samkit.analysis.changes import Change, ChangeKind
from samkit.output.change_text import MARKDOWN, describe
from samkit.output.diff_out import sections
from samkit.output.textconv import canonical_view
from tests.conftest import TEST_DATA
from tests.gitrepo import GitRepo, isolate_git
from tests.history.test_diff import changes_between, edited, loaded, only

FULL_TEXT = (TEST_DATA / "gfc-additions.yaml").read_text(encoding="utf-8")

PAYMENTS_CORE = (
    "  - unit: Payments\n    product: Core Platform\n    status: pipeline\n    potential: $400K\n"
    "    opportunity: Payments Division\n    competitor: Acme Payments\n"
)
FINANCE_ANALYTICS = "  - unit: Finance\n    product: Analytics Module\n    status: not_a_fit\n"
LISA_NOTE = '      - "2026-01-22: asked for the ROI pack before the budget review"\n'


def test_the_full_fixture_against_itself_has_no_changes() -> None:
    assert changes_between(FULL_TEXT, FULL_TEXT) == []


def test_whitespace_status_moves_cells_added_and_removed() -> None:
    new = edited(
        FULL_TEXT,
        ("    status: untapped\n    potential: $60K\n", "    status: pipeline\n    potential: $60K\n"),
        (FINANCE_ANALYTICS, "  - unit: Finance\n    product: Payments API\n    status: untapped\n"),
    )
    changes = only(changes_between(FULL_TEXT, new), ChangeKind.WHITESPACE_CHANGED)
    assert changes == [
        Change(ChangeKind.WHITESPACE_CHANGED, "Finance / Payments API", None, "untapped"),
        Change(ChangeKind.WHITESPACE_CHANGED, "Operations / Analytics Module", "untapped", "pipeline"),
        Change(ChangeKind.WHITESPACE_CHANGED, "Finance / Analytics Module", "not_a_fit", None),
    ]
    assert [describe(change) for change in changes] == [
        "Whitespace Finance / Payments API: added as untapped",
        "Whitespace Operations / Analytics Module: untapped → pipeline",
        "Whitespace Finance / Analytics Module: removed (was not a fit)",
    ]


def test_a_cells_potential_or_competitor_is_a_field_change_under_its_subject() -> None:
    new = edited(
        FULL_TEXT,
        (PAYMENTS_CORE, PAYMENTS_CORE.replace("$400K", "$450K").replace("Acme Payments", "Zenith Pay")),
    )
    changes = changes_between(FULL_TEXT, new)
    assert changes == [
        Change(ChangeKind.FIELD_CHANGED, "whitespace[Payments / Core Platform].potential", 400000, 450000),
        Change(
            ChangeKind.FIELD_CHANGED, "whitespace[Payments / Core Platform].competitor", "Acme Payments", "Zenith Pay"
        ),
    ]
    assert describe(changes[0]) == "Whitespace Payments / Core Platform: potential $400,000 → $450,000"
    assert [title for title, _ in sections(changes)] == ["Whitespace"]


def test_cells_match_by_unit_and_product_case_insensitively() -> None:
    new = edited(
        FULL_TEXT,
        ("  - unit: Finance\n    product: Analytics Module\n", "  - unit: FINANCE\n    product: analytics module\n"),
    )
    assert changes_between(FULL_TEXT, new) == []


def test_team_members_added_removed_and_given_another_role() -> None:
    new = edited(
        FULL_TEXT,
        ("    - name: Dana Cole\n      role: executive_sponsor\n", "    - name: Dana Cole\n      role: sales\n"),
        ("    - name: Tom Lee\n      role: customer_success_manager\n", ""),
        ("      role: solution_architect\n", "      role: solution_architect\n    - name: Kim Ode\n"),
    )
    changes = changes_between(FULL_TEXT, new)
    assert changes == [
        Change(ChangeKind.TEAM_CHANGED, "Kim Ode", None, {"name": "Kim Ode"}),
        Change(
            ChangeKind.TEAM_CHANGED,
            "Dana Cole",
            {"name": "Dana Cole", "role": "executive_sponsor"},
            {"name": "Dana Cole", "role": "sales"},
        ),
        Change(ChangeKind.TEAM_CHANGED, "Tom Lee", {"name": "Tom Lee", "role": "customer_success_manager"}, None),
    ]
    assert [describe(change) for change in changes] == [
        "Team: added Kim Ode",
        "Team: Dana Cole role executive sponsor → sales",
        "Team: removed Tom Lee (customer success manager)",
    ]
    # no field_changed on account.team any more: the members are the changes
    assert not [change for change in changes if change.subject.startswith("account.team")]


def test_a_note_appended_is_note_added_and_an_edited_note_a_field_change() -> None:
    appended = edited(FULL_TEXT, (LISA_NOTE, LISA_NOTE + '      - "2026-02-02: ROI pack sent"\n'))
    assert changes_between(FULL_TEXT, appended) == [
        Change(ChangeKind.NOTE_ADDED, "Lisa Thompson", None, "2026-02-02: ROI pack sent")
    ]
    first = edited(FULL_TEXT, ("    cadence_days: 30\n", '    cadence_days: 30\n    notes: ["2026-01-02: intro"]\n'))
    first = first.replace("    notes:\n" + LISA_NOTE, "", 1)
    (change,) = changes_between(edited(FULL_TEXT, ("    notes:\n" + LISA_NOTE, "")), first)
    assert change == Change(ChangeKind.NOTE_ADDED, "Lisa Thompson", None, "2026-01-02: intro")
    assert describe(change, MARKDOWN) == "**Lisa Thompson**: note added: 2026-01-02: intro"
    rewritten = edited(FULL_TEXT, (LISA_NOTE, '      - "2026-01-22: asked for the ROI pack"\n'))
    (change,) = changes_between(FULL_TEXT, rewritten)
    assert change.kind is ChangeKind.FIELD_CHANGED
    assert change.subject == "stakeholders[Lisa Thompson].notes"
    assert [title for title, _ in sections([change])] == ["Stakeholders"]


def test_account_status_and_renewal_date_are_field_changes() -> None:
    new = edited(
        FULL_TEXT,
        ("  status: active\n  renewal_date: 2026-09-30\n", "  status: churned\n  renewal_date: 2027-09-30\n"),
    )
    changes = changes_between(FULL_TEXT, new)
    assert changes == [
        Change(ChangeKind.FIELD_CHANGED, "account.status", "active", "churned"),
        Change(ChangeKind.FIELD_CHANGED, "account.renewal_date", "2026-09-30", "2027-09-30"),
    ]
    assert describe(changes[0]) == "account.status: active → churned"


def test_raci_entries_added_removed_and_changed() -> None:
    new = edited(
        FULL_TEXT,
        ("    accountable: Dana Cole\n", "    accountable: Tom Lee\n"),
        (
            "  - activity: Technical roadmap briefing\n    responsible: Priya Nair\n"
            "    accountable: Maria Rodriguez\n    consulted: Alex Romero\n",
            "  - activity: Renewal\n    responsible: Maria Rodriguez\n    accountable: Dana Cole\n",
        ),
    )
    changes = changes_between(FULL_TEXT, new)
    assert [(change.kind, change.subject, change.before, change.after) for change in changes] == [
        (
            ChangeKind.FIELD_CHANGED,
            "raci[Renewal]",
            None,
            {"activity": "Renewal", "responsible": "Maria Rodriguez", "accountable": "Dana Cole"},
        ),
        (ChangeKind.FIELD_CHANGED, "raci[Quarterly business review].accountable", "Dana Cole", "Tom Lee"),
        (
            ChangeKind.FIELD_CHANGED,
            "raci[Technical roadmap briefing]",
            {
                "activity": "Technical roadmap briefing",
                "responsible": "Priya Nair",
                "accountable": "Maria Rodriguez",
                "consulted": ["Alex Romero"],
            },
            None,
        ),
    ]
    assert [describe(change) for change in changes] == [
        "RACI: added Renewal (R Maria Rodriguez, A Dana Cole)",
        "RACI Quarterly business review: accountable Dana Cole → Tom Lee",
        "RACI: removed Technical roadmap briefing (was R Priya Nair, A Maria Rodriguez, C Alex Romero)",
    ]
    assert [title for title, _ in sections(changes)] == ["Team"]


def test_markdown_descriptions_escape_hostile_names() -> None:
    change = Change(ChangeKind.WHITESPACE_CHANGED, "Pay|ments <b> / *Core*", "untapped", "adopted")
    assert describe(change, MARKDOWN) == r"Whitespace **Pay\|ments &lt;b&gt; / \*Core\***: untapped → adopted"
    team = Change(ChangeKind.TEAM_CHANGED, "[x](y)", None, {"name": "[x](y)", "role": "other"})
    assert describe(team, MARKDOWN) == r"Team: added \[x\](y) (other)"


def test_textconv_shows_status_renewal_raci_and_whitespace() -> None:
    view = canonical_view(loaded(FULL_TEXT), FULL_TEXT).splitlines()
    assert "account.status: active" in view
    assert "account.renewal_date: 2026-09-30" in view
    start = view.index("raci: Quarterly business review")
    assert view[start + 1 : start + 6] == [
        "  responsible: Maria Rodriguez",
        "  accountable: Dana Cole",
        "  consulted: Tom Lee",
        "  consulted: Priya Nair",
        "  informed: Alex Romero",
    ]
    start = view.index("whitespace: Payments / Core Platform")
    assert view[start + 1 : start + 5] == [
        "  status: pipeline",
        "  potential: $400,000",
        "  opportunity: Payments Division",
        "  competitor: Acme Payments",
    ]
    cells = [line for line in view if line.startswith("whitespace: ")]
    assert cells == sorted(cells, key=str.casefold) and len(cells) == 8


# --- through `samkit diff` on a real git repository ---------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    isolate_git(monkeypatch, tmp_path)
    repo = GitRepo.create(tmp_path / "repo")
    repo.write("plans/gfc.yaml", FULL_TEXT, dedent=False)
    repo.commit("Plan", date="2026-01-12T10:00:00")
    repo.tag("v1")
    repo.edit("plans/gfc.yaml", "    status: untapped\n", "    status: adopted\n")
    repo.edit("plans/gfc.yaml", "    - name: Tom Lee\n      role: customer_success_manager\n", "")
    repo.edit("plans/gfc.yaml", LISA_NOTE, LISA_NOTE + '      - "2026-02-02: ROI pack sent"\n')
    repo.edit("plans/gfc.yaml", "  renewal_date: 2026-09-30\n", "  renewal_date: 2027-09-30\n")
    repo.commit("Q1 review", date="2026-02-03T10:00:00")
    repo.tag("v2")
    monkeypatch.chdir(repo.root)
    return repo


def test_samkit_diff_reports_the_new_kinds_from_git(repository: GitRepo, run_cli: Callable[..., Any]) -> None:
    result: Any = run_cli("diff", "v1", "v2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["status"] == "modified"
    assert plan["changes"] == [
        {"kind": "note_added", "subject": "Lisa Thompson", "before": None, "after": "2026-02-02: ROI pack sent"},
        {
            "kind": "team_changed",
            "subject": "Tom Lee",
            "before": {"name": "Tom Lee", "role": "customer_success_manager"},
            "after": None,
        },
        {
            "kind": "whitespace_changed",
            "subject": "Operations / Analytics Module",
            "before": "untapped",
            "after": "adopted",
        },
        {"kind": "field_changed", "subject": "account.renewal_date", "before": "2026-09-30", "after": "2027-09-30"},
    ]
    text: Any = run_cli("diff", "v1", "v2")
    lines = [line.strip() for line in text.stdout.splitlines()]
    for expected in (
        "Stakeholders:",
        "Lisa Thompson: note added: 2026-02-02: ROI pack sent",
        "Whitespace:",
        "Whitespace Operations / Analytics Module: untapped → adopted",
        "Team:",
        "Team: removed Tom Lee (customer success manager)",
        "account.renewal_date: 2026-09-30 → 2027-09-30",
    ):
        assert expected in lines, (expected, lines)
