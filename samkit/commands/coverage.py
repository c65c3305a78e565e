from __future__ import annotations

from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, PlanStream, TableFormat, TodayOpt


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        TableFormat,
        typer.Option("--format", "-f", help="table (default), json, or markdown."),
    ] = TableFormat.table,
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
    from samkit.output.coverage_out import coverage_json_chunks, coverage_markdown, print_coverage, report_invalid

    settings = load_config(config)
    day = resolve_today(today)
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    reports = []
    for path, plan in plans.valid():  # each plan reduced to its report as it loads
        limits = plan_limits(plan, settings)
        reports.append(
            coverage_report(
                path, plan, limits.min_stakeholders, day, limits.stale_contact_days, limits.review_interval_days
            )
        )
    invalid = report_invalid(plans.failed)
    if output_format is TableFormat.json:
        import sys

        sys.stdout.writelines(coverage_json_chunks(reports))
    elif output_format is TableFormat.markdown:
        typer.echo(coverage_markdown(reports), nl=False)
    else:
        print_coverage(reports)
    if not plans.count:
        note("no plan files found")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
