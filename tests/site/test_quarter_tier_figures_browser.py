"""What a reader of the site sees, in Debian's Chromium: an opportunity in its close date's quarter, a plan
with no score and no declared tier shown strategic by default, and a long figure in the share-of-ARR chart
drawn whole, clear of its label, on a 390px phone as on a desk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.commands.test_quarter_and_tier_shown_cli import BY_DEFAULT, PLAN, SHOWN
from tests.site.test_site_browser import _open

pytestmark = pytest.mark.browser
TODAY = "2026-06-15"
# a strategic and a standard account whose ARR carries cents: $5,900,000.50 is 76.0% of $7,763,158.55
CENTS = """\
account: {{name: {name}, manager: A B, tier: {tier}, arr: {arr}}}
stakeholders: [{{name: X, relationship: strong}}]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from samkit.cli import app

    root = tmp_path_factory.mktemp("quarter-site")
    plans = root / "plans"
    plans.mkdir()
    (plans / "q.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "big.yaml").write_text(CENTS.format(name="Big", tier="strategic", arr="5900000.50"), encoding="utf-8")
    (plans / "rest.yaml").write_text(CENTS.format(name="Rest", tier="standard", arr="1863158.05"), encoding="utf-8")
    out = root / "site"
    result = CliRunner().invoke(app, ["site", str(plans), "--out-dir", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("width", [1400, 390])
def test_the_account_page_reads_the_quarter_and_the_tier_by_default(browser: Any, site: Path, width: int) -> None:
    context, page, errors, _ = _open(browser, (site / "accounts" / "q.html").as_uri(), width)
    try:
        assert errors == []
        tier = page.locator("ul.facts li", has_text="Tier").first.locator(".v")
        assert " ".join(tier.inner_text().split()) == BY_DEFAULT
        table = page.locator("#opportunities + .scroll table")
        column = table.locator("thead th").all_inner_texts().index("Timeframe") + 1
        names = table.locator("tbody tr td:first-child").all_inner_texts()
        shown = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
        assert dict(zip(names, shown, strict=True)) == SHOWN
        assert page.get_by_text("Long Shot (close date Mar 20, 2026): still open after it").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_a_figure_with_cents_is_whole_and_clear_of_its_label(browser: Any, site: Path, width: int) -> None:
    context, page, _, _ = _open(browser, (site / "index.html").as_uri(), width)
    try:
        chart = page.get_by_role("img", name="Share of ARR from strategic accounts")
        chart.scroll_into_view_if_needed()
        rows = chart.evaluate(
            """svg => [...svg.querySelectorAll('text.value')].map(value => {
                 const label = value.previousElementSibling.querySelector('text');
                 return {value: value.textContent, gap: value.getBBox().x - (label.getBBox().x + label.getBBox().width)};
               })"""
        )
        assert [row["value"] for row in rows] == ["$5,900,000.50 · 76.0%", "$1,863,158.05 · 24.0%", "$7,763,158.55"]
        assert all(row["gap"] > 4 for row in rows), rows  # the label ends well before its value begins
    finally:
        context.close()
