"""``samkit coverage`` output (table, json, markdown) through the shared blocks of ``samkit.output.blocks``."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock, print_blocks, render_markdown
from samkit.output.jsonout import object_chunks
from samkit.output.markdown import EMPTY_CELL

if TYPE_CHECKING:
    from samkit.analysis.coverage import CoverageReport
    from samkit.plan.loader import LoadedPlan


# --- shared by the roll-up commands -----------------------------------------------------------------------------------


def report_invalid(loaded: Sequence[LoadedPlan]) -> int:
    """Every problem of the plans that did not load, as ``path:line:column: message`` on stderr; how many failed."""
    invalid = [item for item in loaded if not item.ok]
    for item in invalid:
        for finding in sorted(item.findings):
            print(finding.format_text(with_code=False), file=sys.stderr)
    if invalid:
        noun = "plan" if len(invalid) == 1 else "plans"
        print(f"samkit: {len(invalid)} {noun} skipped: fix the problems above", file=sys.stderr)
    return len(invalid)


# --- coverage -------------------------------------------------------------------------------------------------------

SUMMARY_HEADERS = [
    "Account",
    "Stakeholders",
    "Relationships",
    "Strong",
    "Departments",
    "Levels",
    "Missing roles",
    "Single-threaded",
    "Exec aligned",
    "C-level contact",
]
# the same columns for an 80-column terminal (the JSON keys and --format markdown keep the full names)
SHORT_HEADERS = ["Account", "People", "Rel.", "Strong", "Depts", "Levels", "Missing roles", "Single", "Exec", "C-level"]


def _yes_no(value: bool | None) -> str:
    return EMPTY_CELL if value is None else "yes" if value else "no"


def coverage_json_chunks(reports: Sequence[CoverageReport]) -> Iterator[str]:
    """``coverage --format json`` a plan at a time (the same text as one ``dumps``)."""
    return object_chunks("plans", (report.to_dict() for report in reports))


def coverage_blocks(reports: Sequence[CoverageReport]) -> list[Block]:
    from samkit.analysis.coverage import LEVEL_LABELS, LEVEL_ORDER

    summary = TableBlock(
        "Coverage per plan",
        SUMMARY_HEADERS,
        [
            [
                report.account,
                f"{report.coverage.stakeholders} of {report.target}",
                str(report.coverage.relationships),
                str(report.coverage.strong),
                str(len(report.coverage.departments)),
                str(len(report.coverage.levels)),
                ", ".join(role.replace("_", " ") for role in report.coverage.missing_roles) or EMPTY_CELL,
                "yes" if report.coverage.single_threaded else "no",
                _yes_no(report.engagement.executive_alignment if report.engagement else None),
                _yes_no(report.engagement.c_level_engagement if report.engagement else None),
            ]
            for report in reports
        ],
        right_aligned=frozenset({1, 2, 3, 4, 5}),
        short_headers=SHORT_HEADERS,
    )
    blocks: list[Block] = [summary]
    level_headers = [LEVEL_LABELS[level][0].upper() + LEVEL_LABELS[level][1:] for level in LEVEL_ORDER]
    for report in reports:
        blocks.append(Heading(f"{report.account} ({report.path})"))
        blocks.append(Paragraph(report.coverage.sentence() + "."))
        if report.engagement is not None:
            blocks.append(Bullets([report.engagement.alignment_sentence(), report.engagement.engagement_sentence()]))
        if report.grid:
            rows = [
                [department, *(row[level].label() or EMPTY_CELL for level in LEVEL_ORDER)]
                for department, row in report.grid.items()
            ]
            blocks.append(TableBlock("Departments × levels", ["Department", *level_headers], rows))
        if report.next_steps:
            blocks.append(Paragraph("Next steps:"))
            blocks.append(Bullets(list(report.next_steps)))
        else:
            blocks.append(Paragraph("Next steps: none, coverage meets every target."))
    return blocks


def coverage_markdown(reports: Sequence[CoverageReport]) -> str:
    return render_markdown([Heading("Multi-threading coverage", 1), *coverage_blocks(reports)])


def print_coverage(reports: Sequence[CoverageReport]) -> None:
    print_blocks(coverage_blocks(reports))
