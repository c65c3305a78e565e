"""The QBR brief as text (the reports' block model), as Markdown (``templates/review.md.j2``) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samkit.output.blocks import Block, Bullets, Heading, Paragraph, TableBlock
from samkit.output.jsonout import dumps
from samkit.output.objectives_out import value_vs_promised_blocks
from samkit.plan.values import format_money, format_percent
from samkit.wording import plural

if TYPE_CHECKING:
    from samkit.analysis.changes import Change
    from samkit.analysis.review import Detractor, OpportunityItem, ReviewBrief


def review_json(brief: ReviewBrief) -> str:
    return dumps(brief.to_dict()) + "\n"


def describe_change(change: Change, markdown: bool = False) -> str:
    """One line per change, worded by the diff formatter so review and diff read alike."""
    from samkit.output.change_text import MARKDOWN, PLAIN, describe

    return describe(change, MARKDOWN if markdown else PLAIN)


def _against_us(item: Detractor) -> str:
    """'Lisa Thompson (CFO): skeptic, high influence, weak relationship; covered by Dana Cole'."""
    facts = [(item.support or item.role or "").replace("_", " ")]
    if item.influence:
        facts.append(f"{item.influence} influence")
    facts.append(f"{item.relationship} relationship")
    cover = f"covered by {item.covered_by}" if item.covered_by else "covered by nobody: assign an owner"
    title = f" ({item.title})" if item.title else ""
    return f"{item.name}{title}: {', '.join(facts)}; {cover}"


def _when(item: OpportunityItem) -> str:
    """An opportunity's quarter, and the CRM's close date it comes from when there is one."""
    if item.timeframe is None:
        return ""
    return f", {item.timeframe}" + (f" (close date {item.close_date.isoformat()})" if item.close_date else "")


def review_blocks(brief: ReviewBrief) -> list[Block]:
    """The brief as the reports' block model: the same text on a terminal, through a pipe and in a file."""

    plan = brief.plan
    account = plan.account
    facts = [
        brief.judged_tier.shown + (f", score {brief.score.to_dict()['score']}/100" if brief.score else ""),
        f"health {plan.state.health_score}/100" if plan.state.health_score is not None else "health not recorded",
        f"manager {account.manager}",
        f"sponsor {account.executive_sponsor}" if account.executive_sponsor else "no executive sponsor",
    ]
    if plan.last_reviewed is None or brief.days_since_review is None:
        facts.append("never reviewed")
    else:
        overdue = " (overdue)" if brief.review_overdue else ""
        facts.append(
            f"last review {plan.last_reviewed.isoformat()}, {plural(brief.days_since_review, 'day')} ago{overdue}"
        )
    blocks: list[Block] = [
        Heading(f"QBR brief: {account.name} (as of {brief.today.isoformat()})", 1),
        Paragraph("; ".join(facts) + "."),
        *(value_vs_promised_blocks(brief.value_vs_promised) if brief.value_vs_promised is not None else []),
        Heading("Suggested agenda"),
        Bullets(brief.agenda, ordered=True),
        Heading("Relationships"),
        Paragraph(brief.coverage.sentence() + ("; single-threaded." if brief.coverage.single_threaded else ".")),
        Bullets([brief.engagement.alignment_sentence(), brief.engagement.engagement_sentence()]),
    ]
    if brief.detractors:
        blocks.append(Bullets([f"Against us: {_against_us(item)}" for item in brief.detractors]))
    if brief.suggestions or brief.gaps:
        blocks.append(Bullets([*brief.suggestions, *brief.gaps]))
    if brief.departed:
        blocks.append(Paragraph("Departed: " + ", ".join(gap.name for gap in brief.departed) + "."))
    blocks.append(Heading("Actions"))
    actions = [
        f"overdue {item.days}d: {item.due.isoformat()} {item.action}" + (f" ({item.owner})" if item.owner else "")
        for item in brief.overdue_actions
    ] + [
        f"due in {item.days}d: {item.due.isoformat()} {item.action}" + (f" ({item.owner})" if item.owner else "")
        for item in brief.upcoming_actions
    ]
    blocks.append(Bullets(actions) if actions else Paragraph("Nothing overdue or due in the next 30 days."))
    pipeline = brief.pipeline
    blocks.append(
        TableBlock(
            "Pipeline (open opportunities)",
            ["", "Recurring", "One-time", "Total"],
            [
                [
                    "Pipeline",
                    format_money(pipeline.recurring),
                    format_money(pipeline.one_time),
                    format_money(pipeline.total),
                ],
                [
                    "Weighted",
                    format_money(pipeline.weighted_recurring),
                    format_money(pipeline.weighted_one_time),
                    format_money(pipeline.weighted_total),
                ],
            ],
            right_aligned=frozenset({1, 2, 3}),
        )
    )
    opportunities = [
        f"{item.name}: {format_money(item.value)} at {format_percent(item.probability)}"
        f" = {format_money(item.weighted)}" + _when(item)
        for item in brief.top_opportunities
    ] + [f"lapsed: {item.name} ({item.lapse()})" for item in brief.lapsed_opportunities]
    if opportunities:
        blocks.append(Bullets(opportunities))
    blocks.append(Heading("Risks"))
    if not brief.risks:
        blocks.append(Paragraph("No risks recorded."))
    blocks += [
        Bullets(
            [
                f"{risk.severity.upper()}: {risk.risk}; mitigation: "
                + ("; ".join(risk.mitigation) if risk.mitigation else "none recorded")
                for risk in brief.risks
            ]
        )
    ] * bool(brief.risks)
    blocks.append(Heading("What changed since the last review"))
    if brief.changes:
        blocks.append(Paragraph(f"Compared with {brief.changes_since or ''}:"))
        blocks.append(Bullets([describe_change(change) for change in brief.changes]))
    else:
        blocks.append(Paragraph(brief.changes_note))
    return blocks


def churned_blocks(account: str) -> list[Block]:
    """A churned plan is history: the brief says so and stops (no agenda, no next steps)."""
    return [
        Paragraph(
            f"{account} has churned (account.status: churned): the plan is kept as history, so there is no QBR "
            "brief. Set account.status to active if the customer is back."
        )
    ]


def review_text(blocks: list[Block]) -> str:
    """The brief for a file or a pipe: no wrapping of prose, no trailing blanks, tables at ``COLUMNS`` if set."""
    from samkit.output.blocks import blocks_text
    from samkit.output.console import table_width

    return blocks_text(blocks, None, False, table_width(piped=True))


def print_review(blocks: list[Block]) -> None:
    from samkit.output.blocks import print_blocks

    print_blocks(blocks)
