"""``samkit site`` read back with an HTML parser: well-formed pages, links that resolve, escaping, nothing from
the network, determinism and ``--check``. (The pages in a real browser: test_site_browser.py.)"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from samkit.output.terminal import terminal_safe
from samkit.plan.loader import load_text
from tests.conftest import PLANS, SEED_PLAN
from tests.site.conftest import corpus_file
from tests.site.sitepages import FULL_PLAN, read_page, site_files

TODAY = "2026-02-16"
ALLOWED_URLS = {"http://www.w3.org/2000/svg"}  # the SVG namespace is a name, never fetched


def _build(run_cli: Callable[..., Any], out: Path, *paths: str | Path, today: str = TODAY) -> Any:
    return run_cli("site", *map(str, paths), "--out-dir", str(out), "--today", today)


def test_the_bundled_plans_make_well_formed_pages_whose_links_resolve(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = _build(run_cli, out, PLANS)
    assert result.exit_code == 0, result.stderr
    files = site_files(out)
    plans = sorted(PLANS.glob("*.yaml"))
    assert set(files) == {"index.html", "actions.html", "actions.ics"} | {f"accounts/{p.stem}.html" for p in plans}
    pages = {name: read_page(out / name) for name in files if name.endswith(".html")}
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{name}: external link {link}"
            target = (out / name).parent / parts.path if parts.path else out / name
            assert target.resolve().is_file(), f"{name}: {link} does not resolve"
            if parts.fragment and target.suffix == ".html":
                relative = str(target.resolve().relative_to(out.resolve()))
                assert parts.fragment in pages[relative].ids, f"{name}: {link}: no such anchor"
        assert page.sources == [], f"{name} loads {page.sources}"
        urls = [value for _, _, value in page.attributes if "://" in value]
        assert set(urls) <= ALLOWED_URLS, f"{name}: {urls}"
        assert page.tags.count("script") == 1  # the optional table sorter, inline


def test_the_index_shows_every_account_and_its_charts_with_their_numbers(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    _build(run_cli, tmp_path, PLANS)
    index = read_page(tmp_path / "index.html")
    text = " ".join(index.text)
    for plan in PLANS.glob("*.yaml"):
        loaded = load_text(plan.read_text(encoding="utf-8"))
        assert loaded.plan is not None
        assert loaded.plan.account.name in text
        assert f"accounts/{plan.stem}.html" in index.links
    assert index.classes.count("samkit-chart") >= 5
    assert index.tags.count("figure") == index.tags.count("figcaption")
    # every chart is followed by the table of its numbers; SVG titles and descs are the text alternative
    assert index.tags.count("table") >= index.tags.count("figure") + 1
    assert "60-80%" in text and "5-15 accounts" in text
    assert "Q2 2026" in text  # pipeline by quarter


def test_an_account_page_has_the_plan_the_map_the_whitespace_grid_and_the_brief(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    plan = write_plan(FULL_PLAN, "plans/acme.yaml")
    out = tmp_path / "site"
    assert _build(run_cli, out, plan.parent).exit_code == 0
    page = read_page(out / "accounts" / "acme.html")
    text = " ".join(page.text)
    assert "samkit-orgchart" in page.classes
    for cell in ("ws-adopted", "ws-pipeline", "ws-competitor", "ws-untapped"):
        assert cell in page.classes
    for heading in ("QBR brief", "Suggested agenda", "Stakeholder map", "Whitespace matrix", "Who does what (RACI)"):
        assert heading in text
    assert "Cost per transaction" in text and "Prefers email" in text
    assert "Old Friend" in text and "Rival Inc" in text and "$240,000" in text  # untapped: 150,000 + 90,000
    index = " ".join(read_page(out / "index.html").text)
    assert "$240,000" in index


def _naughty_plan(strings: list[str]) -> tuple[str, list[str]]:
    head = 'account: {name: "<script>alert(1)</script> & \\"Co\\"", manager: Pat}\ncontext:\n  initiatives:\n'
    kept = []
    lines = []
    for text in strings:
        line = f"    - {json.dumps(text)}\n"
        if load_text(head + line).ok:
            lines.append(line)
            kept.append(text)
    # names are unique ignoring case and spaces; markup characters first, they are the ones that could bite
    markup = sorted((text for text in kept if text.strip()), key=lambda text: not any(c in text for c in "<>&\"'"))
    unique = list({" ".join(text.split()).casefold(): text for text in reversed(markup[:60])}.values())[:40]
    stakeholders = "stakeholders:\n" + "".join(
        f"  - {{name: {json.dumps(name)}, title: {json.dumps(name)}, department: {json.dumps(name[:12])}, "
        f"relationship: weak}}\n"
        for name in unique
    )
    actions = "actions:\n" + "".join(f"  - {{due: 2026-03-01, action: {json.dumps(name)}}}\n" for name in unique)
    return head + "".join(lines) + stakeholders + actions, kept


def test_plan_text_is_html_escaped_everywhere(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    strings = json.loads(corpus_file("blns.json").read_text(encoding="utf-8"))
    text, kept = _naughty_plan(strings)
    assert len(kept) > 400
    plan = write_plan(text, "plans/naughty.yaml")
    out = tmp_path / "site"
    result = _build(run_cli, out, plan.parent)
    assert result.exit_code == 0, result.stderr
    for name in ("index.html", "actions.html", "accounts/naughty.html"):
        page = read_page(out / name)
        assert page.tags.count("script") == 1, name  # only ours: no plan text became markup
        handlers = [(tag, attr) for tag, attr, _ in page.attributes if attr.startswith("on")]
        assert handlers == [], name
        assert '<script>alert(1)</script> & "Co"' in "".join(page.text), name
    account = "".join(read_page(out / "accounts" / "naughty.html").text)
    # every string reads as written, its control and bidi characters shown as escapes (as in Markdown)
    missing = [text for text in kept if text.strip() and terminal_safe(text) not in account]
    assert missing == []


def test_two_builds_are_byte_identical_whatever_the_order_of_the_paths(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    plans = sorted(PLANS.glob("*.yaml"))
    _build(run_cli, tmp_path / "one", *plans)
    _build(run_cli, tmp_path / "two", *reversed(plans))
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_check_lists_the_files_that_would_change_and_writes_nothing(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    missing = run_cli("site", str(PLANS), "--out-dir", str(out), "--today", TODAY, "--check")
    assert missing.exit_code == 1 and "index.html: missing" in missing.stdout
    assert not out.exists()
    _build(run_cli, out, PLANS)
    assert run_cli("site", str(PLANS), "--out-dir", str(out), "--today", TODAY, "--check").exit_code == 0
    (out / "index.html").write_text("changed", encoding="utf-8")
    (out / "accounts" / "global-financial-corp.html").unlink()
    before = site_files(out)
    result = run_cli("site", str(PLANS), "--out-dir", str(out), "--today", TODAY, "--check")
    assert result.exit_code == 1
    listed = result.stdout.splitlines()
    assert sorted(listed) == sorted(
        [f"{out / 'accounts' / 'global-financial-corp.html'}: missing", f"{out / 'index.html'}: out of date"]
    )
    assert site_files(out) == before
    # another day is another site: the brief, the overdue actions and the calendar depend on it
    assert run_cli("site", str(PLANS), "--out-dir", str(out), "--today", "2026-03-01", "--check").exit_code == 1


def test_a_folder_where_a_page_belongs_stops_check_and_build_with_exit_2(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert _build(run_cli, out, SEED_PLAN).exit_code == 0
    (out / "actions.html").unlink()
    (out / "actions.html").mkdir()
    checked = run_cli("site", str(SEED_PLAN), "--out-dir", str(out), "--today", TODAY, "--check")
    assert checked.exit_code == 2
    assert checked.stderr.strip() == f"samkit: error: {out / 'actions.html'}: cannot check: a directory, not a document"
    built = _build(run_cli, out, SEED_PLAN)
    assert built.exit_code == 2
    assert "actions.html: is a directory" in built.stderr
    assert (out / "actions.html").is_dir()  # left as it was


def test_a_rebuild_rewrites_only_what_changed(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    _build(run_cli, tmp_path, PLANS)
    index = tmp_path / "index.html"
    os.utime(index, (1, 1))
    (tmp_path / "actions.html").write_text("old", encoding="utf-8")
    result = _build(run_cli, tmp_path, PLANS)
    assert "wrote 1 of 8 site files" in result.stderr
    assert index.stat().st_mtime == 1
    assert (tmp_path / "actions.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_plans_with_the_same_file_name_get_distinct_pages(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    seed = SEED_PLAN.read_text(encoding="utf-8")
    write_plan(seed, "plans/emea/acme.yaml")
    write_plan(seed.replace("Global Financial Corp", "Global Financial APAC"), "plans/apac/acme.yaml")
    out = tmp_path / "site"
    assert _build(run_cli, out, tmp_path / "plans").exit_code == 0
    assert {"accounts/acme.html", "accounts/acme-2.html"} <= set(site_files(out))


def test_usage_and_input_problems(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = run_cli("site", str(PLANS), "--out-dir", " ")
    assert empty.exit_code == 2 and "--out-dir" in empty.stderr
    # no --out-dir: site/ here (no samkit.toml above tmp_path's scratch folder)
    scratch = tmp_path / "scratch"
    (scratch / ".git").mkdir(parents=True)
    monkeypatch.chdir(scratch)
    assert run_cli("site", str(PLANS), "--today", TODAY).exit_code == 0
    assert (scratch / "site" / "index.html").is_file()
    a_file = write_plan("x", "not-a-folder")
    assert run_cli("site", str(PLANS), "--out-dir", str(a_file)).exit_code == 2
    write_plan("account: [\n", "plans/broken.yaml")
    write_plan(FULL_PLAN, "plans/acme.yaml")
    result = _build(run_cli, tmp_path / "site", tmp_path / "plans")
    assert result.exit_code == 1 and "broken.yaml:" in result.stderr
    assert (tmp_path / "site" / "accounts" / "acme.html").is_file()


LOOP_PLAN = """\
account: {name: Cycle Co, manager: M}
stakeholders:
  - {name: Ann, relationship: moderate, reports_to: Cat}
  - {name: Ben, relationship: moderate, reports_to: Ann}
  - {name: Cat, relationship: moderate, reports_to: Ben}
  - {name: Eve, relationship: moderate, reports_to: Eve}
"""


def test_the_index_names_the_plans_left_out_with_their_first_problem(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(FULL_PLAN, "plans/acme.yaml")
    write_plan(LOOP_PLAN, "plans/cycle.yaml")
    write_plan("account: [\n", "plans/broken.yaml")
    result = _build(run_cli, tmp_path / "site", "plans")
    assert result.exit_code == 1
    assert "plans/cycle.yaml:3:" in result.stderr and "reporting loop: Ann → Cat → Ben → Ann" in result.stderr
    assert set(site_files(tmp_path / "site")) == {"index.html", "actions.html", "actions.ics", "accounts/acme.html"}
    index = read_page(tmp_path / "site" / "index.html")
    assert "not-shown" in index.ids
    text = "".join(index.text)
    assert "Not shown: 2 plans that do not load" in text
    assert (
        "plans/cycle.yaml, line 3: stakeholders.0.reports_to: reporting loop: Ann → Cat → Ben → Ann"
        " (and 1 more problem)" in text
    )
    assert "plans/broken.yaml, line 2: invalid YAML" in text
    assert text.index("plans/broken.yaml") < text.index("plans/cycle.yaml")  # in path order
    # every plan loads: no such section
    (tmp_path / "plans" / "cycle.yaml").unlink()
    (tmp_path / "plans" / "broken.yaml").unlink()
    assert _build(run_cli, tmp_path / "site", "plans").exit_code == 0
    index = read_page(tmp_path / "site" / "index.html")
    assert "not-shown" not in index.ids and "Not shown" not in "".join(index.text)


@pytest.mark.parametrize("name", ["index.html", "actions.html"])
def test_pages_have_a_language_a_title_and_a_viewport(run_cli: Callable[..., Any], tmp_path: Path, name: str) -> None:
    _build(run_cli, tmp_path, PLANS)
    page = read_page(tmp_path / name)
    assert ("html", "lang", "en") in page.attributes
    assert ("meta", "name", "viewport") in page.attributes
    assert "title" in page.tags


def test_the_page_of_a_plan_that_is_gone_is_listed_then_removed_but_nothing_else(
    run_cli: Callable[..., Any], write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    first = write_plan(FULL_PLAN, "plans/acme.yaml")
    write_plan(SEED_PLAN.read_text(encoding="utf-8"), "plans/gfc.yaml")
    out = tmp_path / "site"
    _build(run_cli, out, first.parent)
    mine = out / "accounts" / "notes.html"
    mine.write_text("<p>my own page</p>", encoding="utf-8")
    first.rename(first.with_name("acme-corp.yaml"))
    check = run_cli("site", str(first.parent), "--out-dir", str(out), "--today", TODAY, "--check")
    assert check.exit_code == 1
    assert f"{out / 'accounts' / 'acme.html'}: no longer generated" in check.stdout.splitlines()
    assert f"{out / 'accounts' / 'acme-corp.html'}: missing" in check.stdout.splitlines()
    result = _build(run_cli, out, first.parent)
    assert "removed 1 site file no longer generated" in result.stderr
    assert not (out / "accounts" / "acme.html").exists() and mine.is_file()
    assert run_cli("site", str(first.parent), "--out-dir", str(out), "--today", TODAY, "--check").exit_code == 0
