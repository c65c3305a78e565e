"""Objectives and value delivered on the terminal: the "Value delivered vs promised" section that opens the
QBR brief (``samkit review``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.plan.enums import ObjectiveStatus
from samkit.plan.values import format_money

if TYPE_CHECKING:
    from rich.console import Console

    from samkit.analysis.objectives import ObjectivesReport, ProgramObjectives
    from samkit.output.blocks import Block

_STATUS_STYLE = {
    ObjectiveStatus.ACHIEVED: "green",
    ObjectiveStatus.ON_TRACK: "default",
    ObjectiveStatus.AT_RISK: "yellow",
    ObjectiveStatus.MISSED: "red",
}


def print_value_vs_promised(report: ObjectivesReport, console: Console) -> None:
    """A table of objectives (promised, now, progress, status, value), then the value since the last review."""
    from rich.markup import escape
    from rich.table import Table

    console.print("[bold]Value delivered vs promised[/]")
    if report.objectives:
        table = Table(show_edge=False, pad_edge=False)
        table.add_column("Objective")
        table.add_column("Promised → now")
        table.add_column("Progress", justify="right", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Due", no_wrap=True)
        table.add_column("Value", justify="right", no_wrap=True)
        for item in report.objectives:
            style = _STATUS_STYLE.get(item.status, "default") if item.status is not None else "default"
            objective = item.objective
            table.add_row(
                escape(item.name) + ("" if objective.shared else " (internal)"),
                escape(f"{item.baseline_text} → {item.target_text}, now {item.current_text}"),
                item.progress_text,
                f"[{style}]{item.status_label}[/]",
                objective.due.isoformat() if objective.due else "—",
                format_money(item.value),
            )
        console.print(table)
    else:
        console.print("  No objectives recorded: add objectives: to say what the customer expects from us.")
    since = f"the last review ({report.since.isoformat()})" if report.since else "the start"
    console.print(f"  Value delivered since {since}: {format_money(report.value_since_total)}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, justify="right", no_wrap=True)
    grid.add_column()
    for entry in report.value_since_review:
        towards = f" ({escape(entry.objective)})" if entry.objective else ""
        amount = f", {format_money(entry.amount)}" if entry.amount is not None else ""
        grid.add_row("•", f"{entry.date.isoformat()} {escape(entry.outcome)}{towards}{amount}")
    console.print(grid)
    console.print(f"  Total value delivered: {format_money(report.total_value)}")
    console.print()


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
