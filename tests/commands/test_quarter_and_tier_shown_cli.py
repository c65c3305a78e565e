"""Every view of a plan names the same quarter for an opportunity and the same tier for the plan.

An opportunity's quarter is its ``close_date``'s, over a hand-set ``timeframe`` (plan-format.md, round 3):
``review``, the plan document and the site's account page all take it from ``samkit.plan.schedule``, and the
document and the page show the close date it comes from. A plan with no score that counts and no declared
tier is strategic by default (domain.md "Tier of a plan"): the views for people say so, and ``review -f
json`` keeps ``tier`` null, as cli.md has it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from samkit.plan.dimensions import DIMENSIONS
from tests.render.test_render import list_items, table_after
from tests.site.sitepages import read_page

Run = Callable[..., Any]
TODAY = "2026-06-15"

PLAN = """\
account: {name: Q Co, manager: A B}
stakeholders: [{name: X, relationship: strong}]
opportunities:
  - {name: Grid, value: $1.5M, timeframe: Q1 2026, close_date: 2026-09-15, probability: 60%}
  - {name: Long Shot, value: $75K, timeframe: Q3 2026, close_date: 2026-03-20, probability: 10%}
  - {name: New, value: $10K, close_date: 2026-12-31, probability: 10%}
  - {name: Hand Set, value: $20K, timeframe: Q2-Q3 2026, probability: 50%}
  - {name: Someday, value: $5K, probability: 5%}
"""
# what review counts each opportunity in (its close date's quarter wins over the timeframe)
QUARTERS = {"Grid": "Q3 2026", "Long Shot": "Q1 2026", "New": "Q4 2026", "Hand Set": "Q2-Q3 2026", "Someday": None}
# what the plan document and the account page show in their Timeframe column
SHOWN = {
    "Grid": "Q3 2026 (close date Sep 15, 2026)",
    "Long Shot": "Q1 2026 (close date Mar 20, 2026)",
    "New": "Q4 2026 (close date Dec 31, 2026)",
    "Hand Set": "Q2-Q3 2026",
    "Someday": "—",
}
BY_DEFAULT = "Strategic (by default: no score, no declared tier)"


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "q.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path / "plans"


class _Tables(HTMLParser):
    """Every table of an HTML page as rows of cell texts (header row first), and each ``li``'s text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.items: list[str] = []
        self._cell: list[str] | None = None
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._item):
            if part is not None:
                part.append(data)


def account_page(run_cli: Run, plans: Path) -> _Tables:
    result = run_cli("site", str(plans), "--out-dir", "site", "--today", TODAY)
    assert result.exit_code == 0, result.output
    path = Path("site") / "accounts" / "q.html"
    read_page(path)  # well-formed: every element closed in order
    page = _Tables()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def timeframes(rows: list[list[str]]) -> dict[str, str]:
    column = rows[0].index("Timeframe")
    return {row[0]: row[column] for row in rows[1:]}


def header(document: str) -> list[str]:
    """The plan document's list items as they read (bold marks dropped): its header facts among them."""
    return [item.replace("<<strong_open>>", "").replace("<<strong_close>>", "") for item in list_items(document)]


def score_block(points: int) -> str:
    """A ``score:`` line giving every dimension the same points."""
    return "score: {" + ", ".join(f"{name}: {points}" for name in DIMENSIONS) + "}\n"


# --- an opportunity's quarter -------------------------------------------------------------------------------------


def test_review_counts_each_opportunity_in_its_close_dates_quarter(run_cli: Run, plans: Path) -> None:
    result = run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "json")
    brief = json.loads(result.stdout)
    listed = brief["top_opportunities"] + brief["lapsed_opportunities"]
    assert {item["name"]: item["timeframe"] for item in listed} == {
        name: QUARTERS[name] for name in ("Grid", "Hand Set", "Long Shot")
    }
    assert [item["name"] for item in brief["lapsed_opportunities"]] == ["Long Shot"]
    assert brief["lapsed_opportunities"][0]["close_date"] == "2026-03-20"


def test_review_says_a_lapse_by_its_close_date_not_its_quarter(run_cli: Run, plans: Path) -> None:
    """Long Shot lapsed on the day after 2026-03-20, as SAM303 says; its quarter (Q1 2026) had not ended then."""
    text = run_cli("review", "plans/q.yaml", "--today", TODAY).stdout
    assert "lapsed: Long Shot (close date 2026-03-20)" in text
    markdown = run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "markdown").stdout
    assert "Long Shot (close date Mar 20, 2026)" in markdown


def test_reviews_opportunity_lines_show_the_close_date_their_quarter_comes_from(run_cli: Run, plans: Path) -> None:
    """As the plan document does: a reader sees why Grid counts in Q3 though its timeframe says Q1."""
    text = run_cli("review", "plans/q.yaml", "--today", TODAY).stdout
    assert "- Grid: $1,500,000 at 60% = $900,000, Q3 2026 (close date 2026-09-15)" in text
    assert "- Hand Set: $20,000 at 50% = $10,000, Q2-Q3 2026\n" in text  # no close date: the timeframe alone
    markdown = run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "markdown").stdout
    assert "= $900,000, Q3 2026 (close date Sep 15, 2026)" in markdown
    assert "= $10,000, Q2-Q3 2026\n" in markdown


def test_the_plan_document_shows_the_quarter_review_counts_and_its_close_date(run_cli: Run, plans: Path) -> None:
    result = run_cli("render", "plans/q.yaml")
    assert result.exit_code == 0
    assert timeframes(table_after(result.stdout, "Opportunity")) == SHOWN


def test_the_account_page_shows_the_same_quarter_in_its_table_and_its_lapsed_list(run_cli: Run, plans: Path) -> None:
    page = account_page(run_cli, plans)
    [table] = [rows for rows in page.tables if rows and rows[0][0] == "Opportunity"]
    assert timeframes(table) == SHOWN
    lapsed = [item for item in page.items if "still open after" in item]
    assert lapsed == ["Long Shot (close date Mar 20, 2026): still open after it"]


# --- the tier a plan is judged by ---------------------------------------------------------------------------------


def test_a_plan_with_no_score_and_no_declared_tier_is_shown_strategic_by_default(run_cli: Run, plans: Path) -> None:
    text = run_cli("review", "plans/q.yaml", "--today", TODAY).stdout.splitlines()
    assert text[1].startswith(f"{BY_DEFAULT}; health not recorded;")
    markdown = run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "markdown").stdout
    assert table_after(markdown, "Tier")[1][0] == BY_DEFAULT
    assert f"Tier: {BY_DEFAULT}" in header(run_cli("render", "plans/q.yaml").stdout)
    assert "Tier" + BY_DEFAULT in account_page(run_cli, plans).items
    # the program view agrees: strategic, by default, and held to the strategic review interval
    [row] = json.loads(run_cli("portfolio", str(plans), "--today", TODAY, "--format", "json").stdout)["accounts"]
    assert (row["tier"], row["tier_source"], row["review_interval_days"]) == ("Strategic", "default", 92)


def test_review_json_keeps_a_default_tier_null_as_the_contract_says(run_cli: Run, plans: Path) -> None:
    brief = json.loads(run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "json").stdout)
    assert brief["tier"] is None and brief["score"] is None


@pytest.mark.parametrize(
    ("extra", "declared", "shown", "in_json", "in_document"),
    [
        (score_block(0), None, BY_DEFAULT, None, f"Tier: {BY_DEFAULT}"),  # all zeros is no score (domain.md)
        ("", "key", "Key", "Key", "Tier: Key (declared; no score recorded)"),
        (score_block(0), "standard", "Standard", "Standard", "Tier: Standard (declared; no score recorded)"),
        (score_block(6), None, "Key", "Key", "Strategic score: 60.0/100 (Key tier)"),
    ],
    ids=["all-zero score", "declared", "all-zero score and declared", "scored"],
)
def test_a_tier_from_a_score_or_a_declaration_reads_as_it_is(
    run_cli: Run, plans: Path, extra: str, declared: str | None, shown: str, in_json: str | None, in_document: str
) -> None:
    text = PLAN.replace("manager: A B}", f"manager: A B{f', tier: {declared}' if declared else ''}}}") + extra
    (plans / "q.yaml").write_text(text, encoding="utf-8")
    brief = json.loads(run_cli("review", "plans/q.yaml", "--today", TODAY, "--format", "json").stdout)
    assert brief["tier"] == in_json
    review = run_cli("review", "plans/q.yaml", "--today", TODAY).stdout.splitlines()[1]
    assert review.split(";")[0].split(", score")[0] == shown
    assert in_document in header(run_cli("render", "plans/q.yaml").stdout)
    assert "Tier" + shown in account_page(run_cli, plans).items
