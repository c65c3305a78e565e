"""Plan text on the site's pages and in its SVG cannot turn around or hide: bidi controls and other invisible
format characters are shown escaped (``\\u202e``), as the Markdown document shows them."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import yaml
from typer.testing import CliRunner

from samkit.cli import app
from samkit.output.terminal import terminal_safe
from samkit.site.orgchart import Person, layout, render_svg
from samkit.site.svg_charts import Bar, bar_chart

# what must never reach a page raw: C0/C1 controls (but tab and newline), bidi embeddings, overrides, isolates
# and marks, the Arabic letter mark, line and paragraph separators
LIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plan(strings: list[str]) -> str:
    names = [text if text.strip() else f"blank {index}" for index, text in enumerate(strings)]
    stakeholders = [
        {"name": f"{index} {name}", "title": name, "department": name[:12] or "x", "relationship": "weak"}
        for index, name in enumerate(names)
    ]
    stakeholders[1]["reports_to"] = stakeholders[0]["name"]
    document = {
        "account": {"name": f"Naughty {names[0]}", "manager": names[1], "tier": "strategic", "arr": 1000},
        "stakeholders": stakeholders,
        "actions": [
            {"due": "2026-01-10", "action": name, "owner": names[-1 - index]} for index, name in enumerate(names)
        ],
    }
    return yaml.safe_dump(document, allow_unicode=False)


def _build(tmp_path: Path, plans: dict[str, str]) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, text in plans.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(folder), "--out-dir", str(out), "--today", "2026-02-16"])
    assert result.exit_code == 0, result.output
    return out


def test_a_right_to_left_override_is_shown_escaped_on_every_page(tmp_path: Path) -> None:
    name = "Ann \u202eredli\u2066x"
    out = _build(tmp_path, {"rtl.yaml": _plan([name, "Bo \u200fLee", "Cy"])})
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert not LIVE.search(html), page.name
    account = (out / "accounts" / "rtl.html").read_text(encoding="utf-8")
    assert "0 Ann \\u202eredli\\u2066x" in account  # in the table and in the map's SVG
    assert account.count("Naughty Ann \\u202eredli\\u2066x") >= 2  # the title and the heading
    assert "Bo \\u200fLee" in (out / "actions.html").read_text(encoding="utf-8")


def test_naughty_strings_never_reach_a_page_live(tmp_path: Path, blns: list[str]) -> None:
    plans = {f"naughty-{start}.yaml": _plan(blns[start : start + 60]) for start in range(0, len(blns), 60)}
    out = _build(tmp_path, plans)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == len(plans) + 2
    for page in pages:
        assert not LIVE.search(page.read_text(encoding="utf-8")), page.name
    shown = {terminal_safe(text) for text in blns if LIVE.search(text) and "\n" not in text and text.strip()}
    every_page = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert shown and all(html.escape(text.strip(), quote=False) in every_page for text in shown)


def test_svg_text_is_escaped_the_same_way(blns: list[str]) -> None:
    live = [text for text in blns if LIVE.search(text)]
    assert live
    people = [Person(f"{index} {text}", title=text, department=text) for index, text in enumerate(live)]
    chart = bar_chart([Bar(text, Decimal(index)) for index, text in enumerate(live)], title=live[0])
    for svg in (render_svg(layout(people), title=live[0]), chart):
        assert not LIVE.search(svg)
        assert "\\u202e" in svg or "\\u200f" in svg or "\\x" in svg
