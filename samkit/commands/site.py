from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, TodayOpt, plan_paths


def command(
    paths: PathsArg = None,
    out_dir: Annotated[
        str | None,
        typer.Option(
            "--out-dir",
            help="Folder for the site (created if missing). Default: site/ beside the nearest samkit.toml, "
            "else ./site.",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing: exit 1 listing the files that would change (for CI)."),
    ] = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """A static HTML site of the program for people who do not read YAML.

    index.html: tiers and ARR concentration, health, manager load, coverage, pipeline by quarter, whitespace and overdue reviews, with charts. accounts/<plan>.html per plan: the plan document, stakeholder map, whitespace matrix and QBR brief. actions.html and actions.ics: every open action.

    Pages load nothing from the network and need no JavaScript. The same plans and --today give byte-identical files; a build rewrites only what changed and removes the pages of plans that are gone.

    Exit 1 if a plan does not load (the others are still built) or, with --check, if a file would change.
    """
    from pathlib import Path

    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import UsageError
    from samkit.output.console import note
    from samkit.output.coverage_out import report_invalid
    from samkit.plan.loader import load_plans
    from samkit.site.build import MISSING, ORPHANED, OUT_OF_DATE, build_site, check_site, write_site

    if out_dir is None:
        from samkit.fileio.configfile import default_plans_folder

        out_dir = default_plans_folder(name="site")
    if not out_dir.strip():
        raise UsageError("--out-dir is empty: give the folder the site is written to (or compared with, with --check)")
    settings = load_config(config)
    day = resolve_today(today)
    loaded = load_plans(plan_paths(paths))
    invalid = report_invalid(loaded)
    site = build_site(loaded, settings, day)
    folder = Path(out_dir)
    if check:
        statuses = check_site(site, folder)
        stale = [status for status in statuses if not status.in_sync]
        for status in stale:
            typer.echo(f"{status.path}: {status.state}")
        if stale:
            note(f"{len(stale)} site files missing, out of date or to remove; run samkit site to update")
        else:
            note(f"{len(statuses)} site files up to date")
        raise typer.Exit(1 if stale or invalid else 0)
    statuses = write_site(site, folder)
    written = sum(1 for status in statuses if status.state in (MISSING, OUT_OF_DATE))
    removed = sum(1 for status in statuses if status.state == ORPHANED)
    note(
        f"wrote {written} of {len(site.files)} site files to {folder}"
        + (f"; removed {removed} page{'s' * (removed != 1)} of plans that are gone" if removed else "")
        + ("" if loaded else "; no plan files found")
    )
    raise typer.Exit(1 if invalid else 0)
