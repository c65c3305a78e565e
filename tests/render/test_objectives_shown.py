"""Where objectives and value delivered show: the QBR brief opens with them (Markdown, text, JSON), the plan
document and the site's account page draw progress and milestones, the portfolio and the site index list the
objectives at risk or missed across the program."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from tests.conftest import PLANS, TEST_DATA
from tests.site.sitepages import read_page

MUTUAL = TEST_DATA / "mutual-plan.yaml"


def _headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]


def test_the_qbr_brief_opens_with_value_delivered_vs_promised(run_cli: Callable[..., Any]) -> None:
    markdown = run_cli("review", str(MUTUAL), "--today", "2026-01-30", "-f", "markdown").stdout
    assert _headings(markdown)[:3] == [
        "QBR brief: Global Financial Corp",
        "Value delivered vs promised",
        "Suggested agenda",
    ]
    assert (
        "| Faster ticket resolution | 12 hours → 4 hours | 4\\.2 hours | ▰▰▰▰▰▰▰▰▰▱ 97.5% | On track (derived) |"
        in markdown
    )
    assert "| Payments readiness (internal) |" in markdown  # the brief is ours: internal objectives too
    assert "Value delivered since the last review (Jan 12, 2026): **$60,000**" in markdown
    assert "Total value delivered: **$180,000**." in markdown
    text = run_cli("review", str(MUTUAL), "--today", "2026-01-30").stdout
    assert text.index("Value delivered vs promised") < text.index("Suggested agenda")
    data = json.loads(run_cli("review", str(MUTUAL), "--today", "2026-07-01", "-f", "json").stdout, parse_float=Decimal)
    report = data["value_vs_promised"]
    assert [item["status"] for item in report["objectives"]] == [
        "missed",
        "at_risk",
        "missed",
    ]  # adoption: 75% of its time gone, 25% done
    assert report["objectives"][0]["progress"] == Decimal("0.975") and report["value_delivered_total"] == 180000
    seed = json.loads(run_cli("review", str(PLANS / "global-financial-corp.yaml"), "-f", "json").stdout)
    assert seed["value_vs_promised"] is None  # a plan without objectives or value: no section


def test_the_plan_document_shows_progress_and_milestones_the_same_every_day(run_cli: Callable[..., Any]) -> None:
    first = run_cli("render", str(MUTUAL), "--today", "2026-01-30").stdout
    later = run_cli("render", str(MUTUAL), "--today", "2027-01-30").stdout
    assert first == later  # render --check must not flip when a due date passes
    assert "Customer objectives" in _headings(first)
    assert "- [x] Runbooks for the top 20 incidents, due Oct 31, 2025 (Priya Nair / Michael Chen)" in first
    assert "▰▰▱▱▱▱▱▱▱▱ 25%" in first
    seed = run_cli("render", str(PLANS / "global-financial-corp.yaml")).stdout
    assert "Customer objectives" not in _headings(seed)


def test_the_site_draws_objectives_and_lists_those_off_track(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(MUTUAL, plans / "gfc.yaml")
    shutil.copy(PLANS / "blue-harbor-logistics.yaml", plans / "bhl.yaml")
    out = tmp_path / "site"
    assert run_cli("site", str(plans), "--out-dir", str(out), "--today", "2026-08-01").exit_code == 0
    account = read_page(out / "accounts" / "gfc.html")
    values = [value for tag, name, value in account.attributes if tag == "progress" and name == "value"]
    assert values == ["975", "250", "400"]
    text = " ".join(account.text)
    assert "Value delivered vs promised" in text and "Automated triage live" in text
    index = read_page(out / "index.html")
    rows = " ".join(index.text)
    assert "Objectives at risk or missed" in rows
    assert rows.index("Payments readiness") < rows.index("Faster ticket resolution") < rows.index("Analytics adoption")
    assert "accounts/gfc.html" in index.links
    other = read_page(out / "accounts" / "bhl.html")
    assert "progress" not in other.tags


def test_the_portfolio_lists_objectives_at_risk_or_missed(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(MUTUAL, plans / "gfc.yaml")
    text = run_cli("portfolio", str(plans), "--today", "2026-06-15", "--format", "markdown").stdout
    assert "Objectives at risk or missed (2 of 3)" in text and "Payments readiness" in text
    data = json.loads(run_cli("portfolio", str(plans), "--today", "2026-06-15", "--format", "json").stdout)
    assert data["objectives"]["objectives"] == 3
    assert [row["name"] for row in data["objectives"]["at_risk_or_missed"]] == [
        "Payments readiness",
        "Analytics adoption",
    ]
    churned = (plans / "gfc.yaml").read_text(encoding="utf-8").replace("  status: active\n", "  status: churned\n", 1)
    (plans / "gfc.yaml").write_text(churned, encoding="utf-8")
    data = json.loads(run_cli("portfolio", str(plans), "--today", "2026-06-15", "--format", "json").stdout)
    assert data["objectives"] == {"objectives": 0, "at_risk_or_missed": []}  # churned plans are history
