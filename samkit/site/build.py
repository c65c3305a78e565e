"""``samkit site``: the program as static HTML for people who do not read YAML.

Plans stream in one at a time, in path order: each plan's page is rendered, handed to the generated-files
service (``samkit.fileio.generated``: compared byte for byte with disk, staged on a write) and the plan let
go; the index and the actions pages are made last from what was kept of each plan (its portfolio row, open
actions, page name and whitespace figures). A build puts every changed file in place together at the end,
so a template problem or Ctrl-C part way leaves every file as it was; ``--check`` lists the files that would
change. Pages are self-contained (inline CSS and SVG, no network, no JavaScript needed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.analysis.program import PlanStanding, Program
from samkit.errors import UsageError

if TYPE_CHECKING:
    from samkit.analysis.actions import OpenAction
    from samkit.analysis.pipeline import QuarterSpread
    from samkit.config import Config
    from samkit.fileio.generated import GeneratedFiles
    from samkit.plan.loader import LoadedPlan
    from samkit.plan.model import Plan

INDEX = "index.html"
ACTIONS_PAGE = "actions.html"
ACTIONS_CALENDAR = "actions.ics"
ACCOUNTS_DIR = "accounts"

# every page says who made it: only pages with this mark are ever removed from the output folder
GENERATOR_MARK = b'<meta name="generator" content="samkit site">'


class PageNames:
    """``plans/emea/acme.yaml`` → ``acme``; names that collide get ``-2``, ``-3`` in path order.

    Given the paths in order one at a time (``name``): a page's name depends only on the paths before it, so
    a site built as its plans stream in names every page as a build from the whole list would."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # the last number tried per name: slugs only get taken, so the search resumes there instead of from 1
        # (10,000 plans all named plan.yaml would otherwise try 50 million slugs)
        self.last_number: dict[str, int] = {}
        self.last_path: str | None = None

    def name(self, path: str) -> str:
        from samkit.plan.newplan import slugify

        if self.last_path is not None and path <= self.last_path:
            raise ValueError(f"{path}: plans must come in path order, after {self.last_path}")
        self.last_path = path
        base = slugify(Path(path).stem) or "account"
        number = self.last_number.get(base, 1)
        slug = base if number == 1 else f"{base}-{number}"
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.last_number[base] = number
        self.taken.add(slug)
        return slug


def _empty_spread() -> QuarterSpread:
    from samkit.analysis.pipeline import QuarterSpread

    return QuarterSpread()


@dataclass
class _Pages:
    """The pages of the plans as they stream in, and the little the program pages need of each plan."""

    config: Config
    today: date
    files: GeneratedFiles
    out_dir: Path
    common: dict[str, Any]
    names: PageNames = field(default_factory=PageNames)
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    spread: QuarterSpread = field(default_factory=_empty_spread)

    def add(self, path: str, plan: Plan, standing: PlanStanding) -> None:
        """Render one plan's page into the staged outputs; keep its summary (and its pipeline when active)."""
        from samkit.analysis.actions import select_open_actions
        from samkit.analysis.pipeline import spread_by_quarter
        from samkit.plan.loader import LoadedPlan
        from samkit.templating import render_html

        slug = self.names.name(path)
        actions = select_open_actions(standing.open_actions, self.today, days=None)  # this plan's own
        page = _account_page(LoadedPlan(path, plan), self.config, self.today, slug, actions)
        self.by_path[path] = page["summary"]
        html = render_html("site/account.html.j2", {**self.common, **page, "root": "../", "title": plan.account.name})
        self.files.add(self.out_dir / ACCOUNTS_DIR / f"{slug}.html", html.encode("utf-8"))
        if not standing.churned:  # the pipeline chart sums the active plans' quarters, in path order
            self.spread = self.spread + spread_by_quarter(plan)


@dataclass
class _PagesAsRead(Program):
    """The program view that renders each plan's page as the plan is admitted: churned plans have pages too,
    and ``Program.read`` (which the portfolio reads through) yields only the active ones."""

    pages: _Pages | None = None

    def admit(self, path: str, plan: Plan) -> PlanStanding:
        standing = super().admit(path, plan)
        assert self.pages is not None
        self.pages.add(path, plan, standing)
        return standing


def build_site(
    plans: Iterable[tuple[str, Plan]],
    config: Config,
    today: date,
    files: GeneratedFiles,
    out_dir: Path,
    plan_files: int,
    left_out: Sequence[LoadedPlan] = (),
) -> None:
    """Every page of the site into ``files`` (compared with ``out_dir``, staged on a write), one plan at a time.

    ``plans`` come in path order and each is let go once its page is made: only its summary, its standing
    (open actions included) and its row of the portfolio are kept for the index and the actions pages.
    ``plan_files``: how many plan files were found (the pages' footer), loaded or not: known before the first
    page is made. ``left_out``: the plans that did not load, which the index names with their first problem;
    read once every plan was (the stream's list of failures, filled as ``plans`` is read, will do).
    """
    from samkit.analysis.actions import select_open_actions
    from samkit.analysis.portfolio import compute_portfolio, health_band
    from samkit.output.actions_out import actions_ics
    from samkit.templating import render_html

    _check_folder(out_dir)
    common = {"today": today, "generated": today.isoformat(), "plans": plan_files, "health_band": health_band}
    pages = _Pages(config, today, files, out_dir, common)
    program = _PagesAsRead(config, today, with_actions=True, pages=pages)  # tiers, limits, open actions: one view
    portfolio = compute_portfolio(plans, config, today, program)
    actions = select_open_actions(
        (item for standing in program.active for item in standing.open_actions), today, days=None
    )
    current = {standing.path for standing in program.active}
    index = render_html(
        "site/index.html.j2",
        {
            **common,
            **_index_context(
                portfolio, pages.spread, [item for path, item in pages.by_path.items() if path in current]
            ),
            "churned": (portfolio.churned or {}).get("plans", []),
            "left_out": _left_out(left_out),
            "rows": portfolio.accounts,  # already in the one account ordering
            "by_path": pages.by_path,
            "actions": actions,
            "root": "",
            "title": "Account program",
        },
    )
    slugs = {path: item["slug"] for path, item in pages.by_path.items()}
    actions_page = render_html(
        "site/actions.html.j2",
        {**common, "actions": actions, "slugs": slugs, "root": "", "title": "Actions", "status_of": _status(today)},
    )
    files.add(out_dir / INDEX, index.encode("utf-8"))
    files.add(out_dir / ACTIONS_PAGE, actions_page.encode("utf-8"))
    files.add(out_dir / ACTIONS_CALENDAR, actions_ics(actions, today).encode("utf-8"))
    pages_made = {f"{item['slug']}.html" for item in pages.by_path.values()}
    for orphan in _orphaned_pages(pages_made, out_dir):
        files.remove(orphan)


def _left_out(failed: Sequence[LoadedPlan]) -> list[dict[str, Any]]:
    """The plans that did not load, in path order, each with its first problem (by line) and how many more."""
    shown = []
    for item in sorted(failed, key=lambda item: item.path):
        findings = sorted(item.findings)
        first = findings[0] if findings else None
        shown.append(
            {
                "path": item.path,
                "line": first.line if first is not None else None,
                "message": first.message if first is not None else "does not load",
                "more": max(0, len(findings) - 1),
            }
        )
    return shown


def _status(today: date) -> Any:
    from samkit.output.actions_out import status_text

    return lambda item: status_text(item, today)


def _account_page(
    loaded: LoadedPlan, config: Config, today: date, slug: str, open_actions: list[OpenAction]
) -> dict[str, Any]:
    """One account page's context; ``open_actions`` are this plan's own."""
    from samkit.analysis.review import build_brief, finish
    from samkit.render.documents import plan_figures
    from samkit.site.pages import stakeholder_map, whitespace_grid

    # the figures of the plan document, without its Markdown-only parts (the Mermaid map, the matrix's rows)
    context = plan_figures(loaded, config, today)
    plan = context["plan"]
    brief = finish(build_brief(loaded.path, plan, config, today, coverage=context["coverage"]), [], None, "")
    whitespace = context["whitespace"]
    summary = {"path": loaded.path, "slug": slug, "name": plan.account.name, "whitespace": whitespace}
    return {
        **context,
        "slug": slug,
        "brief": brief,
        "map_svg": stakeholder_map(plan),
        "grid": whitespace_grid(plan, whitespace),
        "open_actions": open_actions,
        # each plan action's open counterpart, looked up once per row (a filter chain over all of them was a
        # tenth of the page's rendering)
        "open_action_of": _open_action_of(open_actions),
        "status_of": _status(today),
        "summary": summary,
    }


def _open_action_of(open_actions: list[OpenAction]) -> dict[tuple[str, date], OpenAction]:
    """The first open action of each (action, due): what the page shows as the status of that plan action."""
    found: dict[tuple[str, date], OpenAction] = {}
    for item in open_actions:
        found.setdefault((item.action, item.due), item)
    return found


def _index_context(portfolio: Any, spread: QuarterSpread, accounts: list[dict[str, Any]]) -> dict[str, Any]:
    from samkit.site import pages

    return {
        "portfolio": portfolio,
        "charts": {
            "tiers": pages.tier_chart(portfolio),
            "concentration": pages.concentration_chart(portfolio),
            "health": pages.health_chart(portfolio),
            "managers": pages.manager_chart(portfolio),
            "pipeline": pages.pipeline_chart(spread),
            "whitespace": pages.whitespace_chart(accounts),
        },
    }


# --- the output folder ------------------------------------------------------------------------------------------------


def _check_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder")


def _orphaned_pages(made: set[str], out_dir: Path) -> list[Path]:
    """Account pages an earlier build wrote for plans that are gone (renamed or deleted): made by samkit (they
    carry its generator mark), not part of this build. Other files in the folder are never touched."""
    folder = out_dir / ACCOUNTS_DIR
    if not folder.is_dir():
        return []
    orphans = []
    for path in sorted(folder.glob("*.html")):
        if path.name in made or not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(2048)
        except OSError:
            continue
        if GENERATOR_MARK in head:
            orphans.append(path)
    return orphans
