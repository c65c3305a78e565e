from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, PathsArg, PlanStream, TableFormat, check_config


class PipelineBy(StrEnum):
    plan = "plan"
    quarter = "quarter"


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        TableFormat,
        typer.Option("--format", "-f", help="table (default), json, or markdown."),
    ] = TableFormat.table,
    by: Annotated[
        PipelineBy,
        typer.Option(
            "--by",
            help="plan: totals per plan; quarter: also spread each opportunity over its timeframe's quarters.",
        ),
    ] = PipelineBy.plan,
    config: ConfigOpt = None,
) -> None:
    """Open pipeline per plan and in total: recurring, one-time, total and probability-weighted, exact to the cent.

    Only open opportunities count (won and lost are left out).

    --by quarter spreads each one evenly over its timeframe's quarters (whole cents, the remainder in the last).

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.pipeline import pipeline_report
    from samkit.errors import EXIT_OK, EXIT_PROBLEMS
    from samkit.output.console import note
    from samkit.output.coverage_out import report_invalid
    from samkit.output.pipeline_out import pipeline_json, pipeline_markdown, print_pipeline

    check_config(config)  # nothing here is configurable, but a broken configuration is still reported
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    report = pipeline_report(plans.valid(), by_quarter=by is PipelineBy.quarter)  # reduced as they load
    invalid = report_invalid(plans.failed)
    if output_format is TableFormat.json:
        typer.echo(pipeline_json(report), nl=False)
    elif output_format is TableFormat.markdown:
        typer.echo(pipeline_markdown(report), nl=False)
    else:
        print_pipeline(report)
    if not plans.count:
        note("no plan files found")
    raise typer.Exit(EXIT_PROBLEMS if invalid else EXIT_OK)
