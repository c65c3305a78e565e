"""The site in a real browser: Debian's headless Chromium driven by Playwright (never a downloaded browser).

Each page loads with no console error and no request beyond its own file, shows its accounts, charts and
stakeholder map, reads without JavaScript, and holds its layout on a 1400px desktop and a 390px phone
(nothing wider than the window except inside the scrollable diagram and table containers).
Screenshots go to the test's tmp_path. Without Chromium the tests are skipped, except under CI (then they fail).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLANS
from tests.site.sitepages import FULL_PLAN

pytestmark = pytest.mark.browser

WIDTHS = (1400, 390)
TODAY = "2026-02-16"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from samkit.cli import app

    root = tmp_path_factory.mktemp("browser-site")
    plans = root / "plans"
    shutil.copytree(PLANS, plans, ignore=shutil.ignore_patterns("*.csv"))
    (plans / "acme-corp.yaml").write_text(FULL_PLAN, encoding="utf-8")
    out = root / "site"
    result = CliRunner().invoke(app, ["site", str(plans), "--out-dir", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.stderr
    return out


def _pages(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def _open(browser: Any, url: str, width: int, *, javascript: bool = True) -> tuple[Any, Any, list[str], list[str]]:
    """A page at ``width`` px; returns it with its context, the console errors and any network request."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    requests: list[str] = []
    errors: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    return context, page, errors, requests


def _overflow(page: Any) -> list[str]:
    """Elements wider than the window, outside the containers that are meant to scroll sideways."""
    return page.evaluate(
        """() => {
          const limit = document.documentElement.clientWidth;
          const wide = [];
          if (document.documentElement.scrollWidth > limit) wide.push('page: ' + document.documentElement.scrollWidth);
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.scroll, .diagram')) continue;
            const box = el.getBoundingClientRect();
            if (box.right > limit + 1) wide.push(el.tagName + '.' + el.className + ': ' + Math.round(box.right));
          }
          return wide;
        }"""
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_loads_cleanly_offline_and_fits_the_window(
    browser: Any, site: Path, width: int, tmp_path: Path
) -> None:
    for name in _pages(site):
        context, page, errors, requests = _open(browser, (site / name).as_uri(), width)
        try:
            assert errors == [], f"{name}: console errors {errors}"
            assert requests == [], f"{name}: network requests {requests}"
            assert _overflow(page) == [], f"{name} at {width}px"
            page.screenshot(path=str(tmp_path / f"{name.replace('/', '_')}-{width}.png"), full_page=True)
        finally:
            context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_index_shows_the_accounts_and_charts(browser: Any, site: Path, width: int) -> None:
    context, page, _, _ = _open(browser, (site / "index.html").as_uri(), width)
    try:
        for name in ("Global Financial Corp", "Acme Corp", "Northwind Retail Group"):
            link = page.get_by_role("link", name=name, exact=True).first
            link.scroll_into_view_if_needed()
            assert link.is_visible(), name
        charts = page.locator("svg.samkit-chart")
        assert charts.count() >= 6
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 40
        assert page.get_by_role("img", name="ARR by tier").is_visible()
    finally:
        context.close()


def test_the_account_page_draws_the_stakeholder_map_and_the_whitespace_grid(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    context, page, _, _ = _open(browser, (site / "accounts" / "acme-corp.html").as_uri(), 390)
    try:
        diagram = page.locator(".diagram svg.samkit-orgchart")
        diagram.scroll_into_view_if_needed()
        assert diagram.is_visible()
        assert page.locator(".diagram").evaluate("el => el.scrollWidth >= el.clientWidth")
        assert (
            page.get_by_text("Jane Wu").first.is_visible()
            or page.locator("svg.samkit-orgchart >> text=Jane Wu").count()
        )
        competitor = page.locator("td.ws-competitor")
        assert competitor.count() == 1
        colour = competitor.evaluate("el => getComputedStyle(el).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        page.screenshot(path=str(tmp_path / "acme-390.png"), full_page=True)
    finally:
        context.close()


def test_pages_read_without_javascript(browser: Any, site: Path) -> None:
    context, page, errors, requests = _open(browser, (site / "index.html").as_uri(), 1400, javascript=False)
    try:
        assert page.locator("table tbody tr").count() > 6
        assert page.get_by_role("link", name="Acme Corp", exact=True).is_visible()
        assert errors == [] and requests == []
    finally:
        context.close()


def test_clicking_a_heading_sorts_the_accounts_table(browser: Any, site: Path) -> None:
    context, page, errors, _ = _open(browser, (site / "index.html").as_uri(), 1400)
    try:
        table = page.locator("#accounts + .scroll table")
        heading = table.locator("thead th", has_text="Account")
        heading.click()
        names = table.locator("tbody tr td:first-child").all_inner_texts()
        assert names == sorted(names, key=str.casefold) or names == sorted(names)
        assert heading.get_attribute("aria-sort") == "ascending"
        assert errors == []
    finally:
        context.close()
