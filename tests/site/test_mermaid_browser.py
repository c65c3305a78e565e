"""The Markdown document's Mermaid stakeholder map, parsed and drawn by Mermaid 11 in Debian's Chromium.

Needs the ``mermaid`` npm package (``npm install --no-save mermaid@11`` in the clone, or
``SAMKIT_MERMAID_JS=/path/to/mermaid.min.js``); the test is skipped without it, as without Chromium.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLANS
from tests.site.sitepages import big_org_plan

pytestmark = pytest.mark.browser
_REPO = Path(__file__).resolve().parents[2]
GITHUB_WIDTH = 900  # about what GitHub gives a diagram in a Markdown file


def _mermaid_js() -> Path:
    candidates = (
        os.environ.get("SAMKIT_MERMAID_JS"),
        _REPO / ".venv/mermaid/node_modules/mermaid/dist/mermaid.min.js",  # where `make mermaid` puts it
        _REPO / "node_modules/mermaid/dist/mermaid.min.js",
    )
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip("the mermaid npm package is not installed (make mermaid: npm install into .venv/mermaid)")


def _diagram(plan: Path, tmp_path: Path) -> str:
    from typer.testing import CliRunner

    from samkit.cli import app

    result = CliRunner().invoke(app, ["render", str(plan), "--today", "2026-02-16"])
    assert result.exit_code == 0, result.stderr
    (block,) = re.findall(r"```mermaid\n(.*?)```", result.stdout, re.DOTALL)
    return str(block)


_DRAW = """async (source) => {
  mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
  await mermaid.parse(source);
  const {svg} = await mermaid.render('map', source);
  const out = document.getElementById('out');
  out.innerHTML = svg;
  const root = out.querySelector('svg');
  const scale = root.getBoundingClientRect().width / root.viewBox.baseVal.width;
  const nodes = {};
  for (const node of root.querySelectorAll('g.node')) {
    const shape = node.querySelector('rect, path, polygon');
    const id = node.id.replace(/^map-flowchart-/, '').replace(/-\\d+$/, '');
    nodes[id] = {fill: getComputedStyle(shape).fill, stroke: getComputedStyle(shape).stroke,
                 text: node.textContent};
  }
  const label = root.querySelector('g.node .nodeLabel, g.node text');
  return {scale, font: parseFloat(getComputedStyle(label).fontSize), nodes,
          edges: root.querySelectorAll('.edgePaths path, path.flowchart-link').length};
}"""


def _draw(browser: Any, mermaid: Path, source: str, tmp_path: Path, name: str) -> dict[str, Any]:
    page_file = tmp_path / "mermaid.html"
    page_file.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="out" style="width:{GITHUB_WIDTH}px"></div>'
        f'<script src="{mermaid.as_uri()}"></script></body></html>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": GITHUB_WIDTH, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        drawn: dict[str, Any] = page.evaluate(_DRAW, source)
        page.screenshot(path=str(tmp_path / name), full_page=True)
        keep = os.environ.get("SAMKIT_SCREENSHOT_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(keep) / name), full_page=True)
        return drawn
    finally:
        context.close()


def test_the_seed_map_parses_and_colours_departments_and_relationships(browser: Any, tmp_path: Path) -> None:
    mermaid = _mermaid_js()
    drawn = _draw(browser, mermaid, _diagram(PLANS / "global-financial-corp.yaml", tmp_path), tmp_path, "seed.png")
    nodes = drawn["nodes"]
    # s1 and s2 are both Technology, both strong: same fill, same outline; s5 (Finance, weak) differs in both
    assert nodes["s1"]["fill"] == nodes["s2"]["fill"] != nodes["s5"]["fill"]
    assert nodes["s1"]["stroke"] == nodes["s2"]["stroke"] != nodes["s5"]["stroke"]
    assert "Technology" in nodes["s1"]["text"]
    assert drawn["edges"] >= 2


def test_a_30_person_map_stays_legible_at_github_width(browser: Any, tmp_path: Path) -> None:
    mermaid = _mermaid_js()
    plan = tmp_path / "orbit.yaml"
    plan.write_text(big_org_plan(30, 6), encoding="utf-8")
    drawn = _draw(browser, mermaid, _diagram(plan, tmp_path), tmp_path, "mermaid-30.png")
    assert len(drawn["nodes"]) == 30
    assert drawn["font"] * drawn["scale"] >= 12, drawn["scale"]  # the text as read, after fitting the width


def test_a_right_to_left_override_is_shown_not_obeyed(browser: Any, tmp_path: Path) -> None:
    mermaid = _mermaid_js()
    plan = tmp_path / "rtl.yaml"
    plan.write_text(
        "account: {name: Co, manager: M}\nstakeholders:\n"
        '  - {name: "Ann \\u202eedcba", department: "Fin\\u2067ance", relationship: strong}\n'
        '  - {name: Bo, relationship: weak, reports_to: "Ann \\u202eedcba"}\n',
        encoding="utf-8",
    )
    drawn = _draw(browser, mermaid, _diagram(plan, tmp_path), tmp_path, "rtl.png")
    text = " ".join(node["text"] for node in drawn["nodes"].values())
    assert "Ann \\u202eedcba" in text and "Fin\\u2067ance" in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
