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

    Churned plans (account.status: churned) are history and left out; a note on stderr names them.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.coverage import coverage_report
    from samkit.analysis.program import Program
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.output.console import note
    from samkit.output.coverage_out import coverage_json_chunks, coverage_markdown, print_coverage, report_invalid

    settings = load_config(config)
    day = resolve_today(today)
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    program = Program(settings, day)  # the tier, its limits and the churned plans: the program view's
    reports = []
    for path, plan, standing in program.read(plans.valid()):  # each plan reduced to its report as it loads
        limits = standing.limits
        reports.append(
            coverage_report(
                path, plan, limits.min_stakeholders, day, limits.stale_contact_days, limits.review_interval_days
            )
        )
    rank = program.rank()
    reports.sort(key=lambda report: rank[report.path])
    invalid = report_invalid(plans.failed)
    if output_format is TableFormat.json:
        import sys

        sys.stdout.writelines(coverage_json_chunks(reports))
    elif output_format is TableFormat.markdown:
        typer.echo(coverage_markdown(reports), nl=False)
    else:
        print_coverage(reports)
    churned = program.churned_note()
    if churned:
        note(churned)
    if not plans.count:
        note("no plan files found")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
