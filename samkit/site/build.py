"""``samkit site``: the program as static HTML for people who do not read YAML.

Every page is rendered in memory first (a template problem leaves every file as it was), then compared
byte for byte with what is on disk: ``--check`` lists the files that would change, a build writes only
those, each atomically. Pages are self-contained (inline CSS and SVG, no network, no JavaScript needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkit.errors import UsageError

if TYPE_CHECKING:
    from samkit.analysis.actions import OpenAction
    from samkit.config import Config
    from samkit.plan.loader import LoadedPlan

INDEX = "index.html"
ACTIONS_PAGE = "actions.html"
ACTIONS_CALENDAR = "actions.ics"
ACCOUNTS_DIR = "accounts"

MISSING = "missing"
OUT_OF_DATE = "out of date"
UP_TO_DATE = "up to date"
ORPHANED = "no longer part of the site"
# every page says who made it: only pages with this mark are ever removed from the output folder
GENERATOR_MARK = b'<meta name="generator" content="samkit site">'


@dataclass(frozen=True)
class SiteFile:
    """One file of the site: where it goes (relative to the output folder) and its exact bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Site:
    files: list[SiteFile]
    failed: list[LoadedPlan]


@dataclass(frozen=True)
class FileStatus:
    path: Path
    state: str

    @property
    def in_sync(self) -> bool:
        return self.state == UP_TO_DATE


def account_slugs(paths: list[str]) -> dict[str, str]:
    """``plans/emea/acme.yaml`` → ``acme``; names that collide get ``-2``, ``-3`` in path order."""
    from samkit.plan.newplan import slugify

    slugs: dict[str, str] = {}
    taken: set[str] = set()
    # the last number tried per name: slugs only get taken, so the search resumes there instead of from 1
    # (10,000 plans all named plan.yaml would otherwise try 50 million slugs)
    last_number: dict[str, int] = {}
    for path in sorted(paths):
        base = slugify(Path(path).stem) or "account"
        number = last_number.get(base, 1)
        slug = base if number == 1 else f"{base}-{number}"
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        last_number[base] = number
        taken.add(slug)
        slugs[path] = slug
    return slugs


def build_site(loaded: list[LoadedPlan], config: Config, today: date) -> Site:
    """Render every page of the site in memory."""
    from samkit.analysis.actions import select_open_actions
    from samkit.analysis.portfolio import compute_portfolio, health_band
    from samkit.analysis.program import Program
    from samkit.output.actions_out import actions_ics
    from samkit.templating import render_html

    good = sorted((item for item in loaded if item.plan is not None), key=lambda item: item.path)
    failed = [item for item in loaded if item.plan is None]
    pairs = [(item.path, item.plan) for item in good if item.plan is not None]
    slugs = account_slugs([path for path, _ in pairs])
    program = Program(
        config, today, with_actions=True
    )  # active and churned plans, tiers, limits, open actions: one view
    portfolio = compute_portfolio(pairs, config, today, program)
    actions = select_open_actions(
        (item for standing in program.active for item in standing.open_actions), today, days=None
    )
    common = {"today": today, "generated": today.isoformat(), "plans": len(pairs), "health_band": health_band}

    actions_of: dict[str, list[OpenAction]] = {}  # grouped once: each page looks its own up
    for action in actions:
        actions_of.setdefault(action.path, []).append(action)
    files = []
    accounts = []
    for item in good:
        page = _account_page(item, config, today, slugs[item.path], actions_of.get(item.path, []))
        accounts.append(page["summary"])
        html = render_html(
            "site/account.html.j2", {**common, **page, "root": "../", "title": page["plan"].account.name}
        )
        files.append(SiteFile(f"{ACCOUNTS_DIR}/{slugs[item.path]}.html", html.encode("utf-8")))

    by_path = {item["path"]: item for item in accounts}
    current = {standing.path for standing in program.active}
    active = [(path, plan) for path, plan in pairs if path in current]
    rows = portfolio.accounts  # already in the one account ordering
    index = render_html(
        "site/index.html.j2",
        {
            **common,
            **_index_context(portfolio, active, [item for item in accounts if item["path"] in current]),
            "churned": (portfolio.churned or {}).get("plans", []),
            "rows": rows,
            "by_path": by_path,
            "actions": actions,
            "root": "",
            "title": "Account program",
        },
    )
    actions_page = render_html(
        "site/actions.html.j2",
        {**common, "actions": actions, "slugs": slugs, "root": "", "title": "Actions", "status_of": _status(today)},
    )
    files += [
        SiteFile(INDEX, index.encode("utf-8")),
        SiteFile(ACTIONS_PAGE, actions_page.encode("utf-8")),
        SiteFile(ACTIONS_CALENDAR, actions_ics(actions, today).encode("utf-8")),
    ]
    return Site(sorted(files, key=lambda file: file.name), failed)


def _status(today: date) -> Any:
    from samkit.output.actions_out import status_text

    return lambda item: status_text(item, today)


def _account_page(
    loaded: LoadedPlan, config: Config, today: date, slug: str, open_actions: list[OpenAction]
) -> dict[str, Any]:
    """One account page's context; ``open_actions`` are this plan's own."""
    from samkit.analysis.review import build_brief, finish
    from samkit.analysis.whitespace import compute_whitespace
    from samkit.render.documents import plan_context
    from samkit.site.pages import stakeholder_map, whitespace_grid

    context = plan_context(loaded, config, today)
    plan = context["plan"]
    brief = finish(build_brief(loaded.path, plan, config, today), [], None, "")
    whitespace = compute_whitespace(plan)
    summary = {"path": loaded.path, "slug": slug, "name": plan.account.name, "whitespace": whitespace}
    return {
        **context,
        "slug": slug,
        "brief": brief,
        "map_svg": stakeholder_map(plan),
        "whitespace": whitespace,
        "grid": whitespace_grid(plan, whitespace),
        "open_actions": open_actions,
        "status_of": _status(today),
        "summary": summary,
    }


def _index_context(portfolio: Any, pairs: list[tuple[str, Any]], accounts: list[dict[str, Any]]) -> dict[str, Any]:
    from samkit.site import pages

    return {
        "portfolio": portfolio,
        "charts": {
            "tiers": pages.tier_chart(portfolio),
            "concentration": pages.concentration_chart(portfolio),
            "health": pages.health_chart(portfolio),
            "managers": pages.manager_chart(portfolio),
            "pipeline": pages.pipeline_chart(pairs),
            "whitespace": pages.whitespace_chart(accounts),
        },
    }


# --- comparing and writing ----------------------------------------------------------------------------------------


def _check_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder")


def check_site(site: Site, out_dir: Path, *, checking: bool = True) -> list[FileStatus]:
    """Each file of the site against the one on disk, byte for byte. ``checking`` (``--check``): a page that
    is a FIFO, a device or a folder is a check that cannot be made (exit 2); before a write it is only out of
    date, and the write refuses it in its own words."""
    from samkit.fileio.inputs import InputProblem, read_input
    from samkit.fileio.names import shown_name

    _check_folder(out_dir)
    statuses = []
    for file in site.files:
        target = out_dir / file.name
        try:  # never a FIFO or a device, never more than a page could be
            state = UP_TO_DATE if read_input(target, len(file.content), "page") == file.content else OUT_OF_DATE
        except InputProblem as problem:
            if checking and "not a regular file" in problem.reason:  # a FIFO or a device: nothing to compare with
                raise UsageError(
                    f"{shown_name(target)}: cannot check: not a regular file (a FIFO or a device)"
                ) from None
            if checking and problem.reason.startswith("is a directory"):
                raise UsageError(f"{shown_name(target)}: cannot check: a directory, not a page") from None
            state = MISSING if problem.reason == "no such file" else OUT_OF_DATE
        statuses.append(FileStatus(target, state))
    return statuses + [FileStatus(path, ORPHANED) for path in _orphaned_pages(site, out_dir)]


def _orphaned_pages(site: Site, out_dir: Path) -> list[Path]:
    """Account pages an earlier build wrote for plans that are gone (renamed or deleted): made by samkit (they
    carry its generator mark), not part of this build. Other files in the folder are never touched."""
    folder = out_dir / ACCOUNTS_DIR
    if not folder.is_dir():
        return []
    current = {file.name for file in site.files}
    orphans = []
    for path in sorted(folder.glob("*.html")):
        if f"{ACCOUNTS_DIR}/{path.name}" in current or not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(2048)
        except OSError:
            continue
        if GENERATOR_MARK in head:
            orphans.append(path)
    return orphans


def write_site(site: Site, out_dir: Path) -> list[FileStatus]:
    """Write the files that differ, atomically, creating folders; unchanged files keep their mtime; remove the
    account pages of plans that are gone."""
    from samkit.fileio.outputs import check_output, output_writer

    statuses = check_site(site, out_dir, checking=False)
    for status in statuses[len(site.files) :]:
        check_output(status.path, root=out_dir)  # never remove a file through a link out of the folder
        try:
            status.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise UsageError(f"{status.path}: cannot remove: {error.strerror or error}") from None
    for file, status in zip(site.files, statuses, strict=False):
        if status.in_sync:
            continue
        # checked (no directory, FIFO or link out of the folder), folders created, written atomically
        with output_writer(status.path, root=out_dir, create_folders=True) as handle:
            handle.write(file.content)
    return statuses
