from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from samkit.commands._options import ConfigOpt, FormatOpt, PathsArg, PlanStream, TableFormat, show_report


class PipelineBy(StrEnum):
    plan = "plan"
    quarter = "quarter"


def command(
    paths: PathsArg = None,
    output_format: FormatOpt = TableFormat.table,
    by: Annotated[
        PipelineBy,
        typer.Option(
            "--by",
            help="plan: totals per plan; quarter: also spread each opportunity over its quarters (close_date, else timeframe).",
        ),
    ] = PipelineBy.plan,
    config: ConfigOpt = None,
) -> None:
    """Open pipeline per plan and in total: recurring, one-time, total and probability-weighted, exact to the cent.

    Only open opportunities count (won and lost are left out).

    --by quarter spreads each one evenly over its timeframe's quarters (whole cents, the remainder in the last);
    an opportunity with a close_date is all in that date's quarter (the CRM's current word wins over the
    timeframe), and one with neither is Unscheduled.

    Churned plans (account.status: churned) are history and left out; a note on stderr names them.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.pipeline import pipeline_report
    from samkit.analysis.program import Program
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.output.pipeline_out import pipeline_json, pipeline_markdown, print_pipeline

    program = Program(load_config(config), resolve_today(None))  # which plans are active: the program view's
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    active = ((path, plan) for path, plan, _ in program.read(plans.valid()))
    report = pipeline_report(active, by_quarter=by is PipelineBy.quarter)  # reduced as they load
    rank = program.rank()
    report.plans.sort(key=lambda row: rank[row.path])
    invalid = plans.report_failed()
    show_report(
        output_format, lambda: pipeline_json(report), lambda: pipeline_markdown(report), lambda: print_pipeline(report)
    )
    plans.finish(invalid, program.churned_note())
