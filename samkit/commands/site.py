from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, PlanStream, TodayOpt, plan_paths


def command(
    paths: PathsArg = None,
    out_dir: Annotated[
        str | None,
        typer.Option(
            "--out-dir",
            help="Folder for the site (created if missing). Default: site/ beside the nearest samkit.toml, "
            "else ./site.",
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

    Exit 1 if a plan does not load (the others are still built, and the index names it with its first problem)
    or, with --check, if a file would change.
    """
    from pathlib import Path

    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
    from samkit.fileio.generated import GeneratedFiles, check_listing, check_summary, write_summary
    from samkit.output.console import note
    from samkit.output.coverage_out import report_invalid
    from samkit.plan.loader import discover_plans, display_path
    from samkit.site.build import build_site

    if out_dir is None:
        from samkit.fileio.configfile import default_plans_folder

        out_dir = default_plans_folder(name="site")
    if not out_dir.strip():
        raise UsageError("--out-dir is empty: give the folder the site is written to (or compared with, with --check)")
    settings = load_config(config)
    day = resolve_today(today)
    # one plan at a time, in path order (page names and every list follow it): never every plan held at once
    files = sorted((display_path(path) for path in discover_plans(plan_paths(paths))), key=str)
    plans = PlanStream(files)
    folder = Path(out_dir)
    with GeneratedFiles(checking=check, root=folder) as site:
        build_site(plans.valid(), settings, day, site, folder, plan_files=len(files), left_out=plans.failed)
        site.commit()
    invalid = report_invalid(plans.failed)
    if check:
        typer.echo(check_listing(site.statuses), nl=False)
        note(check_summary(site.statuses, "site file", "samkit site"))
        raise typer.Exit(EXIT_OK if site.in_sync and not invalid else EXIT_PROBLEMS)
    note(write_summary(site.statuses, "site file", folder))
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
