"""Objectives and value delivered on the terminal: the "Value delivered vs promised" section that opens the
QBR brief (``samkit review``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.plan.values import format_money

if TYPE_CHECKING:
    from samkit.analysis.objectives import ObjectivesReport, ProgramObjectives
    from samkit.output.blocks import Block


def value_vs_promised_blocks(report: ObjectivesReport) -> list[Block]:
    """The QBR brief's opening: a table of objectives (promised, now, progress, status, value), then the value
    delivered since the last review."""
    from samkit.output.blocks import Bullets, Heading, Paragraph, TableBlock

    blocks: list[Block] = [Heading("Value delivered vs promised")]
    if report.objectives:
        blocks.append(
            TableBlock(
                "",
                ["Objective", "Promised → now", "Progress", "Status", "Due", "Value"],
                [
                    [
                        item.name + ("" if item.objective.shared else " (internal)"),
                        f"{item.baseline_text} → {item.target_text}, now {item.current_text}",
                        item.progress_text,
                        item.status_label,
                        item.objective.due.isoformat() if item.objective.due else "—",
                        format_money(item.value),
                    ]
                    for item in report.objectives
                ],
                right_aligned=frozenset({2, 5}),
            )
        )
    else:
        blocks.append(Paragraph("No objectives recorded: add objectives: to say what the customer expects from us."))
    since = f"the last review ({report.since.isoformat()})" if report.since else "the start"
    blocks.append(Paragraph(f"Value delivered since {since}: {format_money(report.value_since_total)}"))
    entries = [
        f"{entry.date.isoformat()} {entry.outcome}"
        + (f" ({entry.objective})" if entry.objective else "")
        + (f", {format_money(entry.amount)}" if entry.amount is not None else "")
        for entry in report.value_since_review
    ]
    if entries:
        blocks.append(Bullets(entries))
    blocks.append(Paragraph(f"Total value delivered: {format_money(report.total_value)}"))
    return blocks


def program_objectives_blocks(objectives: ProgramObjectives) -> list[Block]:
    """The portfolio's "Objectives at risk or missed" table; nothing when no plan has objectives."""
    from samkit.output.blocks import Paragraph, TableBlock

    if not objectives.objectives:
        return []
    if not objectives.off_track:
        return [Paragraph(f"No objective is at risk or missed ({objectives.objectives} tracked).")]
    return [
        TableBlock(
            f"Objectives at risk or missed ({len(objectives.off_track)} of {objectives.objectives})",
            ["Account", "Objective", "Status", "Progress", "Due"],
            [
                [
                    row.account,
                    row.figures.name,
                    row.figures.status_label,
                    row.figures.progress_text,
                    row.figures.objective.due.isoformat() if row.figures.objective.due else "—",
                ]
                for row in objectives.off_track
            ],
            right_aligned=frozenset({3}),
        )
    ]
