"""``samkit site`` streams: plans held at once, pages in memory, and all-or-nothing writes, counted (no timing).

The site once loaded every plan and rendered every page before writing any (753 MB at 3,000 plans). These
tests count what is alive while it builds, so a site that holds its plans or its pages again fails here.
"""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import samkit.templating
from samkit.config import Config
from samkit.errors import UsageError
from samkit.fileio.generated import GeneratedFiles
from samkit.plan.loader import load_text
from samkit.plan.model import Plan
from samkit.site.build import PageNames, build_site
from tests.conftest import SEED_PLAN

TODAY = date(2026, 2, 16)
SEED = SEED_PLAN.read_text(encoding="utf-8")


class CountedPlans:
    """``count`` plans made from the seed, yielded in path order; records how many earlier ones are alive."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.alive_at_most = 0  # plans yielded two or more steps earlier and still in memory, at worst
        self.yielded = 0

    def __iter__(self) -> Iterator[tuple[str, Plan]]:
        earlier: list[weakref.ref[Plan]] = []
        for number in range(self.count):
            path = f"plans/account-{number:03}.yaml"
            loaded = load_text(SEED.replace("Global Financial Corp", f"Account {number}").encode(), path)
            assert loaded.plan is not None
            gc.collect()
            # the plan just before may still sit in a loop variable; any older one is held by the build
            self.alive_at_most = max(self.alive_at_most, sum(ref() is not None for ref in earlier[:-1]))
            earlier.append(weakref.ref(loaded.plan))
            self.yielded += 1
            yield path, loaded.plan
            del loaded


def _build(out: Path, plans: CountedPlans, *, checking: bool = False) -> GeneratedFiles:
    with GeneratedFiles(checking=checking, root=out) as files:
        build_site(iter(plans), Config(), TODAY, files, out, plan_files=plans.count)
        files.commit()
    return files


def test_plans_are_let_go_once_their_page_is_made(tmp_path: Path) -> None:
    plans = CountedPlans(8)
    files = _build(tmp_path / "site", plans)
    assert plans.yielded == 8
    assert plans.alive_at_most == 0
    assert len(files.statuses) == 8 + 3  # a page per plan, then the index, the actions page and the calendar
    assert len(list((tmp_path / "site" / "accounts").glob("*.html"))) == 8


def test_pages_are_written_as_they_are_rendered_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """12 account pages of 2 MB each: holding them all would be 24 MB and more."""
    real = samkit.templating.render_html
    padding = "<!--" + "x" * (2 << 20) + "-->"

    def padded(name: str, context: dict[str, Any]) -> str:
        page = real(name, context)
        return page + padding if name == "site/account.html.j2" else page

    monkeypatch.setattr(samkit.templating, "render_html", padded)
    plans = CountedPlans(12)
    tracemalloc.start()
    try:
        _build(tmp_path / "site", plans)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    pages = sorted((tmp_path / "site" / "accounts").glob("*.html"))
    assert len(pages) == 12 and all(page.stat().st_size > 2 << 20 for page in pages)
    assert peak < 14 << 20, peak


@pytest.mark.parametrize("failure", [UsageError("a template problem"), KeyboardInterrupt()])
def test_a_failure_part_way_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    out = tmp_path / "site"
    _build(out, CountedPlans(5))
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    real = samkit.templating.render_html

    def fails_on_the_fourth(name: str, context: dict[str, Any]) -> str:
        if name == "site/account.html.j2" and context["plan"].account.name == "Account 3":
            raise failure
        return real(name, context)

    monkeypatch.setattr(samkit.templating, "render_html", fails_on_the_fourth)
    with GeneratedFiles(checking=False, root=out) as files, pytest.raises(type(failure)):
        # another day: every page would change, and pages 0 to 2 are already staged when page 3 fails
        build_site(iter(CountedPlans(5)), Config(), date(2026, 3, 1), files, out, plan_files=5)
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before  # no temp file either


def test_page_names_given_one_at_a_time_are_those_of_the_whole_list() -> None:
    paths = sorted(["a/plan.yaml", "a/plan-2.yaml", "b/plan.yaml", "b/Plan.yml", "c/acme.yaml", "d/---.yaml"])
    names = PageNames()
    assert {path: names.name(path) for path in paths} == _page_names(paths)
    with pytest.raises(ValueError, match="path order"):
        names.name("a/plan.yaml")


def _page_names(paths: list[str]) -> dict[str, str]:
    """Every path's page name, the paths given to one ``PageNames`` in path order."""
    names = PageNames()
    return {path: names.name(path) for path in sorted(paths)}
