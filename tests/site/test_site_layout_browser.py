"""The site's layout in Debian's Chromium: the org chart of a 60-person, 6-department account on a 1400px desk
(fits the column, no connector through a box, every report below their manager, text of 12px or more), the
charts against their tables, and the accounts and actions tables on a 390px phone and a desk.

Screenshots go to the test's tmp_path, and also to ``$SAMKIT_SCREENSHOT_DIR`` when it is set (to look at).
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLANS
from tests.site.conftest import SVG
from tests.site.sitepages import FULL_PLAN, big_org_plan
from tests.site.test_site_browser import TODAY, _open, _overflow

pytestmark = pytest.mark.browser
BIG = "orbit-holdings"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from samkit.cli import app

    root = tmp_path_factory.mktemp("layout-site")
    plans = root / "plans"
    shutil.copytree(PLANS, plans, ignore=shutil.ignore_patterns("*.csv"))
    (plans / "acme-corp.yaml").write_text(FULL_PLAN, encoding="utf-8")
    (plans / f"{BIG}.yaml").write_text(big_org_plan(60, 6), encoding="utf-8")
    out = root / "site"
    result = CliRunner().invoke(app, ["site", str(plans), "--out-dir", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.stderr
    return out


def _shoot(page: Any, tmp_path: Path, name: str, *, selector: str | None = None) -> None:
    target = tmp_path / name
    if selector is None:
        page.screenshot(path=str(target), full_page=True)
    else:
        page.locator(selector).first.screenshot(path=str(target))
    keep = os.environ.get("SAMKIT_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, Path(keep) / name)


Rect = tuple[float, float, float, float]  # left, top, right, bottom


def _enters(segment: tuple[tuple[float, float], tuple[float, float]], rect: Rect, slack: float = 0.5) -> bool:
    """Whether an axis-parallel segment passes through the inside of ``rect`` (touching its border is fine)."""
    (x0, y0), (x1, y1) = segment
    left, top, right, bottom = rect
    return (
        min(x0, x1) < right - slack
        and max(x0, x1) > left + slack
        and min(y0, y1) < bottom - slack
        and max(y0, y1) > top + slack
    )


def _svg_geometry(svg: str) -> tuple[dict[str, Rect], list[tuple[str, str, list[tuple[float, float]]]]]:
    """Each person's box (by name) and each reporting line (report, manager, points), read from the SVG text."""
    root = ET.fromstring(svg)
    boxes: dict[str, Rect] = {}
    for group in root.iter(f"{SVG}g"):
        if (group.get("class") or "").startswith("person"):
            name = (group.find(f"{SVG}title").text or "").split("\n")[0]
            rect = group.find(f"{SVG}rect")
            assert rect is not None
            x, y, w, h = (float(rect.get(key, "0")) for key in ("x", "y", "width", "height"))
            boxes[name] = (x, y, x + w, y + h)
    lines = []
    for group in root.iter(f"{SVG}g"):
        if (group.get("class") or "").startswith("edge"):
            report, _, manager = (group.find(f"{SVG}title").text or "").partition(" reports to ")
            polyline = group.find(f"{SVG}polyline")
            assert polyline is not None
            pairs = [tuple(map(float, point.split(","))) for point in (polyline.get("points") or "").split()]
            lines.append((report, manager, [(x, y) for x, y in pairs]))
    return boxes, lines


def test_the_org_chart_of_a_60_person_account_reads_on_a_desk(browser: Any, site: Path, tmp_path: Path) -> None:
    context, page, errors, _ = _open(browser, (site / "accounts" / f"{BIG}.html").as_uri(), 1400)
    try:
        assert errors == []
        diagram = page.locator(".diagram")
        diagram.scroll_into_view_if_needed()
        # fits the page column: nothing to scroll sideways at 1400px
        assert diagram.evaluate("el => el.scrollWidth <= el.clientWidth")
        svg = page.locator(".diagram svg.samkit-orgchart").evaluate("el => el.outerHTML")

        # from the SVG geometry: every report below their manager, no line through any box
        boxes, lines = _svg_geometry(svg)
        assert len(boxes) == 60 and len({box for box in boxes}) == 60
        departments = {text for text in re.findall(r'<text x="\d+" y="\d+" font-size="12">([^<]+)</text>', svg) if text}
        assert len(lines) >= 50
        for report, manager, points in lines:
            assert boxes[manager][3] < boxes[report][1], f"{report} is not below {manager}"
            for segment in pairwise(points):
                for rect in boxes.values():
                    assert not _enters(segment, rect), f"{manager} → {report} crosses a box"
        assert departments

        # from the rendered DOM: the same, in screen coordinates
        crossings = page.evaluate(
            """() => {
              const svg = document.querySelector('.diagram svg.samkit-orgchart');
              const rects = [...svg.querySelectorAll('g.person > rect:first-of-type')].map(r => r.getBoundingClientRect());
              const found = [];
              for (const line of svg.querySelectorAll('g.edge polyline')) {
                const m = line.getScreenCTM();
                const pts = [...line.points].map(p => [p.x * m.a + m.e, p.y * m.d + m.f]);
                for (let i = 1; i < pts.length; i++) {
                  const [x0, y0] = pts[i - 1], [x1, y1] = pts[i];
                  for (const r of rects) {
                    if (Math.min(x0, x1) < r.right - 0.5 && Math.max(x0, x1) > r.left + 0.5 &&
                        Math.min(y0, y1) < r.bottom - 0.5 && Math.max(y0, y1) > r.top + 0.5) {
                      found.push(line.parentNode.querySelector('title').textContent);
                    }
                  }
                }
              }
              return found;
            }"""
        )
        assert crossings == []
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('.diagram svg text')].map(
                 t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""
        )
        assert smallest >= 12
        _shoot(page, tmp_path, "map-1400.png", selector=".diagram")
    finally:
        context.close()


def test_the_org_chart_scrolls_in_its_frame_on_a_phone_with_a_hint(browser: Any, site: Path, tmp_path: Path) -> None:
    context, page, _, _ = _open(browser, (site / "accounts" / f"{BIG}.html").as_uri(), 390)
    try:
        hint = page.locator(".scroll-hint")
        hint.scroll_into_view_if_needed()
        assert hint.is_visible() and "Scroll" in hint.inner_text()
        assert page.locator(".diagram").evaluate("el => el.scrollWidth > el.clientWidth")
        assert _overflow(page) == []
        _shoot(page, tmp_path, "map-390.png", selector=".diagram")
    finally:
        context.close()


NAMES_PLAN = """\
account: {name: Names Co, manager: M, arr: 1}
stakeholders:
  - {name: Maria Fernanda Rodriguez-Castellanos, title: Chief Financial Officer, department: Finance, relationship: strong, reports_to: Alexandra Konstantinopoulou-Smith}
  - {name: Maria Fernanda Rodriguez-Castellanas, title: Chief Procurement Officer and Head of Vendor Risk Management, department: Procurement, relationship: weak, reports_to: Alexandra Konstantinopoulou-Smith}
  - {name: Alexandra Konstantinopoulou-Smith, title: CEO, department: Executive, relationship: moderate}
"""


@pytest.mark.parametrize("width", [1400, 390])
def test_long_names_that_differ_at_the_end_are_whole_in_the_org_chart(browser: Any, tmp_path: Path, width: int) -> None:
    from typer.testing import CliRunner

    from samkit.cli import app

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "names.yaml").write_text(NAMES_PLAN, encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(plans), "--out-dir", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.stderr
    context, page, errors, _ = _open(browser, (out / "accounts" / "names.html").as_uri(), width)
    try:
        assert errors == []
        page.locator(".diagram").scroll_into_view_if_needed()
        # per box, as Chromium lays the text out: its name's text, and every text line's rectangle and the box's
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.diagram svg g.person')].map(group => {
                 const box = group.querySelector('rect').getBoundingClientRect();
                 const lines = [...group.querySelectorAll('text, text > tspan')].filter(
                   el => el.tagName === 'tspan' || !el.querySelector('tspan'));
                 return {
                   name: group.querySelector('text.name').textContent,
                   box: [box.left, box.top, box.right, box.bottom],
                   lines: lines.map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }),
                 };
               })"""
        )
        assert sorted(item["name"] for item in boxes) == [
            "Alexandra Konstantinopoulou-Smith",
            "Maria Fernanda Rodriguez-Castellanas",
            "Maria Fernanda Rodriguez-Castellanos",
        ]
        for item in boxes:
            left, top, right, bottom = item["box"]
            for line in item["lines"]:
                assert left < line[0] and line[2] < right and top < line[1] and line[3] < bottom, item
            for first, second in pairwise(sorted(item["lines"], key=lambda line: line[1])):
                assert first[3] <= second[1] + 1, item  # lines one under the other, never on top of each other
        _shoot(page, tmp_path, f"names-{width}.png", selector=".diagram")
    finally:
        context.close()


def test_health_bars_are_coloured_by_band_like_the_badges(browser: Any, site: Path) -> None:
    context, page, _, _ = _open(browser, (site / "index.html").as_uri(), 1400)
    try:
        bars = page.evaluate(
            """() => [...document.querySelectorAll('#health + .grid2 figure:first-child svg rect')]
                 .filter(r => r.querySelector('title'))
                 .map(r => [r.querySelector('title').textContent.split(':')[0], getComputedStyle(r).fill])"""
        )
        fills = dict(bars)
        assert len(set(fills.values())) == len(fills) >= 3  # every band drawn differs
        badges = page.evaluate(
            """() => Object.fromEntries(['healthy', 'needs_attention', 'at_risk'].map(band => {
                 const tag = document.querySelector('td .tag.' + band);
                 return [band, tag ? getComputedStyle(tag).color : null];
               }))"""
        )
        for band, label in (("healthy", "Healthy"), ("needs_attention", "Needs attention"), ("at_risk", "At risk")):
            colour = next((fill for name, fill in fills.items() if name.startswith(label)), None)
            if badges[band] is not None and colour is not None:
                assert colour == badges[band], band
    finally:
        context.close()


def test_every_bar_chart_shows_the_numbers_of_its_table(browser: Any, site: Path) -> None:
    context, page, _, _ = _open(browser, (site / "index.html").as_uri(), 1400)
    try:
        figures = page.evaluate(
            """() => [...document.querySelectorAll('figure.chart')].map(figure => ({
                 caption: figure.querySelector('figcaption').textContent,
                 kind: figure.querySelector('svg').getAttribute('class'),
                 values: [...figure.querySelectorAll('svg text.value')].map(t => t.textContent),
                 columns: [...figure.querySelectorAll('table tbody tr')].map(row => [...row.cells].map(c => c.textContent.trim())),
                 width: figure.querySelector('svg').getBoundingClientRect().width,
                 card: figure.clientWidth,
               }))"""
        )
        checked = 0
        for figure in figures:
            assert figure["width"] >= figure["card"] - 40, figure["caption"]  # the chart uses its card's width
            if "stacked-bar " in figure["kind"] + " " and "stacked-bars" not in figure["kind"]:
                continue  # the concentration bar: its values carry a share
            rows = [row for row in figure["columns"] if row[0] != "Total"]
            columns = [[row[index] for row in rows] for index in range(len(rows[0]))] if rows else []
            assert figure["values"] in columns, figure["caption"]
            checked += 1
        assert checked >= 4
        pipeline = next(figure for figure in figures if "pipeline" in figure["caption"])
        rows = [row for row in pipeline["columns"] if row[0] != "Total"]
        assert pipeline["values"] == [row[3] for row in rows]  # the stacked total is the weighted total
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('svg.samkit-chart text')].map(t => parseFloat(getComputedStyle(t).fontSize))"
        )
        assert min(sizes) >= 12 and max(sizes) <= 16
    finally:
        context.close()


def test_chart_text_keeps_its_size_on_a_phone(browser: Any, site: Path) -> None:
    context, page, _, _ = _open(browser, (site / "index.html").as_uri(), 390)
    try:
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.samkit-chart text')].map(
                 t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
        )
        assert min(sizes) >= 12 and max(sizes) <= 16
    finally:
        context.close()


_OUTSIDE = """(selector) => {
  const limit = document.documentElement.clientWidth;
  const out = [];
  for (const table of document.querySelectorAll(selector)) {
    const scroller = table.closest('.scroll');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) out.push('hidden sideways scroll');
    for (const el of table.querySelectorAll('tbody *, tbody')) {
      const box = el.getBoundingClientRect();
      if (box.width && (box.left < -1 || box.right > limit + 1)) out.push(el.tagName + ': ' + el.textContent.slice(0, 30));
    }
  }
  return out;
}"""


@pytest.mark.parametrize(
    ("page_name", "selector"),
    [
        ("index.html", "#accounts + .scroll table"),
        ("actions.html", "table"),
        ("accounts/global-financial-corp.html", "#actions + .scroll table"),
    ],
)
def test_accounts_and_actions_tables_fit_a_phone(
    browser: Any, site: Path, tmp_path: Path, page_name: str, selector: str
) -> None:
    context, page, _, _ = _open(browser, (site / page_name).as_uri(), 390)
    try:
        assert page.locator(selector).count() >= 1
        assert page.evaluate(_OUTSIDE, selector) == []
        if page_name != "actions.html":
            overdue = page.locator(f"{selector} .tag.overdue").first
        else:
            overdue = page.locator(".tag.overdue").first
        overdue.scroll_into_view_if_needed()
        assert overdue.is_visible()
        box = overdue.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        _shoot(page, tmp_path, f"{page_name.replace('/', '_').removesuffix('.html')}-390.png")
    finally:
        context.close()


_WRAPPED = """(selector) => {
  const wrapped = [];
  for (const cell of document.querySelectorAll(selector)) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    // a second line sits a line lower: centres more than half a line apart (a badge is only a little off)
    const centres = [...range.getClientRects()].filter(r => r.height).map(r => (r.top + r.bottom) / 2);
    const half = parseFloat(getComputedStyle(cell).fontSize) * 0.5;
    if (centres.length && Math.max(...centres) - Math.min(...centres) > half) wrapped.push(cell.textContent.trim());
  }
  return wrapped;
}"""


@pytest.mark.parametrize(
    ("page_name", "cells"),
    [
        ("index.html", "#accounts + .scroll td.num, #accounts + .scroll .nowrap"),
        ("actions.html", "td.nowrap"),
        ("accounts/global-financial-corp.html", "#actions + .scroll td.nowrap"),
    ],
)
def test_no_date_amount_or_owner_wraps_on_a_desk(
    browser: Any, site: Path, tmp_path: Path, page_name: str, cells: str
) -> None:
    context, page, _, _ = _open(browser, (site / page_name).as_uri(), 1400)
    try:
        assert page.locator(cells).count() >= 3
        assert page.evaluate(_WRAPPED, cells) == []
        _shoot(page, tmp_path, f"{page_name.replace('/', '_').removesuffix('.html')}-1400.png")
    finally:
        context.close()
