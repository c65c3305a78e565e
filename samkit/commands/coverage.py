from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, TodayOpt, plan_paths


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        CoverageFormat,
        typer.Option("--format", "-f", help="table (default), json, or markdown."),
    ] = CoverageFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Multi-threading coverage per plan: stakeholders, relationships, departments × levels, gaps, next steps.

    Departed stakeholders (status: left) are never counted.

    The stakeholder target is the tier's min_stakeholders (strategic 8); --today dates the stale contacts and
    the C-level contact window (the tier's review_interval_days up to today). Executive alignment: some active
    economic buyer is covered_by someone other than account.manager.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.coverage import coverage_report
    from samkit.analysis.plan_score import plan_limits
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.output.console import note
    from samkit.output.coverage_out import coverage_json, coverage_markdown, print_coverage, report_invalid
    from samkit.plan.loader import load_plans

    settings = load_config(config)
    day = resolve_today(today)
    loaded = load_plans(plan_paths(paths))
    invalid = report_invalid(loaded)
    reports = []
    for item in loaded:
        if item.plan is not None:
            limits = plan_limits(item.plan, settings)
            reports.append(
                coverage_report(
                    item.path,
                    item.plan,
                    limits.min_stakeholders,
                    day,
                    limits.stale_contact_days,
                    limits.review_interval_days,
                )
            )
    if output_format is CoverageFormat.json:
        typer.echo(coverage_json(reports), nl=False)
    elif output_format is CoverageFormat.markdown:
        typer.echo(coverage_markdown(reports), nl=False)
    else:
        print_coverage(reports)
    if not loaded:
        note("no plan files found")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
