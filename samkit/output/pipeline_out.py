"""``samkit pipeline`` output: table (default), json, markdown; per plan and in total, optionally by quarter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import dumps

if TYPE_CHECKING:
    from samkit.analysis.pipeline import Pipeline, PipelineReport

MONEY_HEADERS = ["Recurring", "One-time", "Total", "Weighted recurring", "Weighted one-time", "Weighted total"]
UNSCHEDULED = "Unscheduled"


def money_cells(pipeline: Pipeline) -> list[str]:
    from samkit.plan.values import format_money

    amounts = (
        pipeline.recurring,
        pipeline.one_time,
        pipeline.total,
        pipeline.weighted_recurring,
        pipeline.weighted_one_time,
        pipeline.weighted_total,
    )
    return [format_money(amount) for amount in amounts]


def _money_columns(first: int, count: int) -> frozenset[int]:
    return frozenset(range(first, first + count))


def pipeline_json(report: PipelineReport) -> str:
    return dumps(report.to_dict()) + "\n"


def pipeline_blocks(report: PipelineReport) -> list[Block]:
    blocks: list[Block] = [
        TableBlock(
            "Open pipeline per plan",
            ["Account", *MONEY_HEADERS],
            [[item.account, *money_cells(item.pipeline)] for item in report.plans],
            right_aligned=_money_columns(1, len(MONEY_HEADERS)),
            footer=["Total", *money_cells(report.total)],
        )
    ]
    if report.by_quarter:
        blocks += _quarter_blocks(report)
    if not any(item.pipeline.total for item in report.plans):
        blocks.append(Paragraph("No open opportunities."))
    return blocks


def _quarter_blocks(report: PipelineReport) -> list[Block]:
    from samkit.analysis.pipeline import Pipeline
    from samkit.plan.values import format_money

    spread = report.spread
    timeline = spread.timeline()
    has_unscheduled = spread.unscheduled != Pipeline()
    rows = [[str(quarter), *money_cells(pipeline)] for quarter, pipeline in timeline]
    if has_unscheduled:
        rows.append([UNSCHEDULED, *money_cells(spread.unscheduled)])
    by_quarter = TableBlock(
        "Open pipeline by quarter (all plans)",
        ["Quarter", *MONEY_HEADERS],
        rows,
        right_aligned=_money_columns(1, len(MONEY_HEADERS)),
        footer=["Total", *money_cells(spread.total)],
    )
    columns = [str(quarter) for quarter, _ in timeline] + ([UNSCHEDULED] if has_unscheduled else [])
    first, last = (timeline[0][0], timeline[-1][0]) if timeline else (None, None)
    matrix_rows = []
    for item in report.plans:
        assert item.spread is not None
        cells = [format_money(pipeline.total) for _, pipeline in item.spread.timeline(first, last)]
        if has_unscheduled:
            cells.append(format_money(item.spread.unscheduled.total))
        matrix_rows.append([item.account, *cells, format_money(item.pipeline.total)])
    matrix_footer = ["Total", *(format_money(pipeline.total) for _, pipeline in timeline)]
    if has_unscheduled:
        matrix_footer.append(format_money(spread.unscheduled.total))
    matrix_footer.append(format_money(spread.total.total))
    matrix = TableBlock(
        "Open value per plan and quarter",
        ["Account", *columns, "Total"],
        matrix_rows,
        right_aligned=_money_columns(1, len(columns) + 1),
        footer=matrix_footer,
    )
    note = Paragraph(
        "Each opportunity's value is spread evenly over the quarters of its timeframe, in whole cents; "
        "the last quarter takes the remainder so the quarters add up exactly."
    )
    return [by_quarter, matrix, note]


def pipeline_markdown(report: PipelineReport) -> str:
    return render_markdown([Heading("Pipeline", 1), *pipeline_blocks(report)])


def print_pipeline(report: PipelineReport) -> None:
    print_blocks(pipeline_blocks(report))
