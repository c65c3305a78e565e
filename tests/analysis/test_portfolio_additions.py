"""Portfolio additions: whitespace potential per tier and the share of strategic accounts with executive
alignment (domain.md, "Whitespace" and "Executive alignment and engagement")."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from samkit.analysis.portfolio import compute_portfolio
from samkit.config import Config
from tests.conftest import plan_from

TODAY = date(2026, 2, 1)

ALIGNED = """\
account: {name: Aligned Co, manager: Maria Rodriguez, tier: strategic}
stakeholders:
  - {name: Eve, role: economic_buyer, relationship: strong, covered_by: Dana Cole}
whitespace:
  - {unit: Payments, product: Core, status: untapped, potential: $100K}
  - {unit: Payments, product: API, status: competitor, potential: $50K}
  - {unit: Retail, product: Core, status: pipeline, potential: $75K}
  - {unit: Retail, product: API, status: adopted, potential: $999K}
  - {unit: Cards, product: Core, status: not_a_fit, potential: $1M}
  - {unit: Cards, product: API, status: untapped}
"""
UNALIGNED = """\
account: {name: Manager Only Co, manager: Maria Rodriguez, tier: strategic}
stakeholders:
  - {name: Ed, role: economic_buyer, relationship: strong, covered_by: Maria Rodriguez}
whitespace:
  - {unit: HQ, product: Core, status: pipeline, potential: $0.50}
"""
KEY = """\
account: {name: Key Co, manager: Tom Lee, tier: key}
stakeholders:
  - {name: Kay, role: economic_buyer, relationship: strong, covered_by: Dana Cole}
whitespace:
  - {unit: HQ, product: Core, status: competitor, potential: $20K}
"""


def test_whitespace_potential_per_tier_and_alignment_share() -> None:
    plans = [("a.yaml", plan_from(ALIGNED)), ("u.yaml", plan_from(UNALIGNED)), ("k.yaml", plan_from(KEY))]
    portfolio = compute_portfolio(plans, Config(), TODAY)
    tiers = {row.tier: row for row in portfolio.tiers}
    # untapped + competitor cells (not adopted, not not_a_fit, not a cell without potential); pipeline apart
    assert tiers["Strategic"].untapped_potential == Decimal(150_000)
    assert tiers["Strategic"].pipeline_potential == Decimal("75000.50")
    assert tiers["Key"].untapped_potential == Decimal(20_000)
    assert tiers["Standard"].untapped_potential == 0
    alignment = portfolio.alignment
    # the key account is aligned too, but the share is of strategic accounts
    assert (alignment.strategic_accounts, alignment.aligned, alignment.share) == (2, 1, Decimal("50.0"))
    data = portfolio.to_dict()
    assert data["executive_alignment"] == {
        "strategic_accounts": 2,
        "with_executive_alignment": 1,
        "share_percent": Decimal("50.0"),
    }
    assert data["tiers"][0]["whitespace"] == {
        "untapped_potential": Decimal(150_000),
        "pipeline_potential": Decimal("75000.50"),
        "total": Decimal("225000.50"),
    }
    assert data["accounts"][1]["executive_alignment"] is False


def test_portfolio_cli_json_and_markdown(run_cli: Callable[..., Any], write_plan: Callable[..., Path]) -> None:
    folder = write_plan(ALIGNED, "plans/a.yaml").parent
    write_plan(UNALIGNED, "plans/u.yaml")
    result = run_cli("portfolio", str(folder), "--format", "json", "--today", "2026-02-01")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["executive_alignment"]["share_percent"] == 50.0
    assert data["tiers"][0]["whitespace"]["pipeline_potential"] == 75000.50
    for key in ("accounts", "tiers", "concentration", "managers", "health", "coverage", "pipeline", "reviews"):
        assert key in data
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "--today", "2026-02-01").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headers = [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "th_open"]
    assert "Untapped whitespace" in headers and "Whitespace in pipeline" in headers
    # money is escaped in Markdown (\$ never opens math): compare what the cell shows
    cells = [
        tokens[index + 1].content.replace("\\$", "$") for index, token in enumerate(tokens) if token.type == "td_open"
    ]
    assert "$150,000" in cells and "$75,000.50" in cells
    assert any(
        token.content.startswith("Executive alignment: 1 of 2 strategic accounts (50%)")
        for token in tokens
        if token.type == "inline"
    )
