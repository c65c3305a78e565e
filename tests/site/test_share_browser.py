"""The mutual plan (`samkit share -o FILE.html`) in real headless Chromium: loads offline with no console
error, shows the progress bars and the customer's owners, fits a desktop and a phone, and says the same with
JavaScript off (it has none)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_DATA
from tests.site.test_site_browser import WIDTHS, _open, _overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shared_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from samkit.cli import app

    target = tmp_path_factory.mktemp("share") / "gfc-mutual-plan.html"
    arguments = ["share", str(TEST_DATA / "mutual-plan.yaml"), "-o", str(target), "--today", "2026-01-30"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.parametrize("width", WIDTHS)
def test_the_mutual_plan_reads_in_a_browser_at_any_width(
    browser: Any, shared_page: Path, width: int, tmp_path: Path
) -> None:
    context, page, errors, requests = _open(browser, shared_page.as_uri(), width, javascript=False)
    try:
        assert errors == [] and requests == []
        assert _overflow(page) == [], f"at {width}px"
        bars = page.locator("progress")
        assert bars.count() == 2
        first = bars.first
        first.scroll_into_view_if_needed()
        assert first.is_visible() and first.evaluate("el => el.position") == pytest.approx(0.975)
        assert page.get_by_role("heading", name="Your account team").is_visible()
        assert page.get_by_text("Jennifer Wu (yours), Maria Rodriguez (ours)").is_visible()
        assert page.get_by_text("Payments readiness").count() == 0
        background = page.locator("header").evaluate("el => getComputedStyle(el).backgroundColor")
        assert background == "rgb(15, 47, 87)"  # the site's stylesheet: same look as `samkit site`
        page.screenshot(path=str(tmp_path / f"share-{width}.png"), full_page=True)
    finally:
        context.close()
