"""``samkit diff`` output: text for a terminal, Markdown for a pull-request comment, JSON for scripts.

Each change is worded by ``samkit.output.change_text``; this module groups, totals and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from samkit.analysis.changes import Change, ChangeKind
from samkit.gitio.git import FileStatus
from samkit.history.diff import DiffReport, PlanDiff, Side
from samkit.output.change_text import (
    MARKDOWN,
    NOTHING,
    PLAIN,
    Style,
    describe,
    relationship_direction,
    signed_money,
)
from samkit.output.jsonout import dumps
from samkit.output.markdown import escape_flat, neutralise_mentions
from samkit.output.terminal import one_line, terminal_safe
from samkit.plan.values import format_money
from samkit.wording import plural

# The Markdown comment carries this marker so a CI job can find and update its own earlier comment.
COMMENT_MARKER = "<!-- samkit-diff -->"
# GitHub's largest comment body, in characters
COMMENT_LIMIT = 65_536

# ---------------------------------------------------------------------------------------------------------
# grouping and totals


_SECTIONS: tuple[tuple[str, frozenset[ChangeKind], tuple[str, ...]], ...] = (
    ("Score", frozenset({ChangeKind.SCORE_CHANGED, ChangeKind.TIER_CHANGED}), ("score.",)),
    (
        "Stakeholders",
        frozenset(
            {
                ChangeKind.STAKEHOLDER_ADDED,
                ChangeKind.STAKEHOLDER_REMOVED,
                ChangeKind.RELATIONSHIP_CHANGED,
                ChangeKind.ROLE_CHANGED,
                ChangeKind.CONTACT_LOGGED,
                ChangeKind.NOTE_ADDED,
            }
        ),
        ("stakeholders[",),
    ),
    (
        "Opportunities",
        frozenset({ChangeKind.OPPORTUNITY_ADDED, ChangeKind.OPPORTUNITY_REMOVED, ChangeKind.OPPORTUNITY_CHANGED}),
        ("opportunities[",),
    ),
    ("Whitespace", frozenset({ChangeKind.WHITESPACE_CHANGED}), ("whitespace[",)),
    ("Risks", frozenset({ChangeKind.RISK_ADDED, ChangeKind.RISK_REMOVED, ChangeKind.RISK_CHANGED}), ("risks[",)),
    (
        "Actions",
        frozenset({ChangeKind.ACTION_ADDED, ChangeKind.ACTION_REMOVED, ChangeKind.ACTION_DONE}),
        ("actions[",),
    ),
    ("Team", frozenset({ChangeKind.TEAM_CHANGED}), ("raci[",)),
    (
        "Objectives and value delivered",
        frozenset({ChangeKind.OBJECTIVE_PROGRESSED, ChangeKind.VALUE_DELIVERED_ADDED}),
        ("objectives[", "value_delivered["),
    ),
)
_OTHER = "Other fields"


def sections(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped for reading: score, stakeholders, opportunities, whitespace, risks, actions, team (and
    RACI), other fields."""
    grouped: dict[str, list[Change]] = {title: [] for title, _, _ in _SECTIONS}
    grouped[_OTHER] = []
    for change in changes:
        for title, kinds, prefixes in _SECTIONS:
            if change.kind in kinds or (
                change.kind is ChangeKind.FIELD_CHANGED and change.subject.startswith(prefixes)
            ):
                grouped[title].append(change)
                break
        else:
            grouped[_OTHER].append(change)
    return [(title, items) for title, items in grouped.items() if items]


@dataclass(frozen=True)
class Totals:
    plans: int
    by_status: dict[str, int]
    changes: int
    unparsed: int
    pipeline_delta: Decimal
    weighted_delta: Decimal
    strengthened: int
    weakened: int


def totals(report: DiffReport) -> Totals:
    from samkit.analysis.pipeline import Pipeline

    by_status = {status.value: 0 for status in FileStatus}
    pipeline_delta = weighted_delta = Decimal(0)
    strengthened = weakened = 0
    for plan in report.plans:
        by_status[plan.status.value] += 1
        if plan.parsed:  # a side that does not parse has no pipeline: counting it as zero would mislead
            before, after = plan.pipeline_before or Pipeline(), plan.pipeline_after or Pipeline()
            pipeline_delta += after.total - before.total
            weighted_delta += after.weighted_total - before.weighted_total
        for change in plan.changes:
            if change.kind is ChangeKind.RELATIONSHIP_CHANGED:
                if relationship_direction(change.before, change.after) == "strengthened":
                    strengthened += 1
                else:
                    weakened += 1
    return Totals(
        plans=len(report.plans),
        by_status={status: count for status, count in by_status.items() if count},
        changes=sum(len(plan.changes) for plan in report.plans),
        unparsed=sum(1 for plan in report.plans if not plan.parsed),
        pipeline_delta=pipeline_delta,
        weighted_delta=weighted_delta,
        strengthened=strengthened,
        weakened=weakened,
    )


def summary_line(report: DiffReport, style: Style = PLAIN) -> str:
    """The one line at the top: how many plans, what kind of changes, the pipeline delta. A plan with a side
    that does not parse has no changes and no pipeline delta to give, so the figures leave it out and say so."""
    between = f"{_side_name(report, Side.BEFORE, style)} → {_side_name(report, Side.AFTER, style)}"
    figures = totals(report)
    if not figures.plans:
        return f"No account plan changes ({between})."
    statuses = ", ".join(f"{count} {status}" for status, count in figures.by_status.items())
    parts = [f"{style.strong(plural(figures.plans, 'plan') + ' changed')} ({statuses})"]
    if figures.unparsed < figures.plans:
        parts.append(plural(figures.changes, "change"))
        parts.append(
            f"pipeline {style.strong(signed_money(figures.pipeline_delta))} "
            f"(weighted {signed_money(figures.weighted_delta)})"
        )
    if figures.strengthened or figures.weakened:
        parts.append(
            f"{plural(figures.strengthened + figures.weakened, 'relationship')} moved: "
            f"{figures.strengthened} strengthened, {figures.weakened} weakened"
        )
    if figures.unparsed:
        unparsed = style.strong(f"{plural(figures.unparsed, 'plan')} not parsed")
        left_out = (
            "no changes or pipeline to compare" if figures.unparsed == figures.plans else "left out of these figures"
        )
        parts.append(f"{unparsed}: {left_out}")
    return f"{' · '.join(parts)} ({between})"


def _side_name(report: DiffReport, side: Side, style: Style, *, starts_sentence: bool = False) -> str:
    """What one side of the comparison is: the revision as the user wrote it, or the working tree (with no
    revision, the BASE side is ``HEAD`` itself, so "the HEAD side" would name the wrong one)."""
    revision = report.base if side is Side.BEFORE else report.head
    if revision is not None:
        return style.code(revision.label)
    return "The working tree" if starts_sentence else "the working tree"


def _side_where(report: DiffReport, side: Side, style: Style) -> str:
    """``at `v2``` or ``in the working tree``: where something holds, within a sentence."""
    revision = report.base if side is Side.BEFORE else report.head
    return f"at {style.code(revision.label)}" if revision is not None else "in the working tree"


def _pipeline_line(plan: PlanDiff) -> tuple[str, str]:
    """(total, weighted) as ``$885,000 → $935,000 (+$50,000)``."""
    missing_before = "(not parsed)" if plan.status is not FileStatus.ADDED else NOTHING
    missing_after = "(not parsed)" if plan.status is not FileStatus.DELETED else NOTHING

    def one(old: Decimal | None, new: Decimal | None) -> str:
        if old is None:
            return f"{missing_before} → {format_money(new)}" if new is not None else NOTHING
        if new is None:
            return f"{format_money(old)} → {missing_after}"
        if old == new:
            return f"{format_money(new)} (unchanged)"
        return f"{format_money(old)} → {format_money(new)} ({signed_money(new - old)})"

    before, after = plan.pipeline_before, plan.pipeline_after
    return (
        one(before.total if before else None, after.total if after else None),
        one(before.weighted_total if before else None, after.weighted_total if after else None),
    )


def _churned_note(report: DiffReport, plan: PlanDiff, style: Style) -> str | None:
    """Why a side's pipeline is $0 although the plan lists open opportunities: that side is churned."""
    sides = [
        side
        for side, summary in ((Side.BEFORE, plan.summary_before), (Side.AFTER, plan.summary_after))
        if summary is not None and summary.churned
    ]
    if not sides:
        return None
    where = "on both sides" if len(sides) == 2 else _side_where(report, sides[0], style)
    return f"churned {where} (history, not current figures)"


def _title(plan: PlanDiff, style: Style) -> str:
    name = style.strong(plan.account) if plan.account else style.code(plan.path)
    if plan.status is FileStatus.RENAMED and plan.old_path:
        where = f"{style.code(plan.old_path)} → {style.code(plan.path)}"
    else:
        where = style.code(plan.path)
    return f"{name} · {where} · {plan.status.value}" if plan.account else f"{where} · {plan.status.value}"


def _headline(plan: PlanDiff) -> str | None:
    """For an added or deleted plan: who and what it holds."""
    summary = plan.summary_after if plan.status is not FileStatus.DELETED else plan.summary_before
    if summary is None or plan.status not in (FileStatus.ADDED, FileStatus.DELETED):
        return None
    score = f"score {summary.score}, " if summary.score is not None else ""
    tier = f"{summary.tier}" if summary.tier else "no tier"
    return (
        f"{'New plan' if plan.status is FileStatus.ADDED else 'Plan deleted'}: manager {summary.manager}; "
        f"{score}{tier}; {plural(summary.stakeholders, 'stakeholder')} "
        f"({plural(summary.relationships, 'relationship')}, {summary.strong} strong); "
        f"{plural(summary.opportunities, 'opportunity', 'opportunities')}"
    )


def _problem_lines(report: DiffReport, plan: PlanDiff, style: Style) -> list[str]:
    lines = []
    for problem in plan.problems:
        side, finding = _side_name(report, problem.side, style, starts_sentence=True), problem.finding
        lines.append(f"{side} does not parse: {style.code(finding.location)} {style.text(finding.message)}")
    return lines


# ---------------------------------------------------------------------------------------------------------
# the three formats


def diff_json(report: DiffReport) -> str:
    return dumps(report.to_dict()) + "\n"


def diff_text(report: DiffReport) -> str:
    lines: list[str] = []
    for plan in report.plans:
        lines.append(_title(plan, PLAIN))
        headline = _headline(plan)
        if headline:
            lines.append(f"  {one_line(headline)}")  # the manager's name, from the plan, on this one line
        lines += [f"  ! {line}" for line in _problem_lines(report, plan, PLAIN)]
        for title, changes in sections(plan.changes):
            lines.append(f"  {title}:")
            lines += [f"    {describe(change)}" for change in changes]
        if plan.status is FileStatus.MODIFIED and not plan.changes and plan.parsed:
            lines.append("  no change to the plan's content (layout or comments only)")
        total, weighted = _pipeline_line(plan)
        if plan.pipeline_before is not None or plan.pipeline_after is not None:
            churned = _churned_note(report, plan, PLAIN)
            lines.append(f"  Pipeline: {total}; weighted {weighted}{f'; {churned}' if churned else ''}")
        lines.append("")
    return terminal_safe("\n".join(lines))


def diff_markdown(report: DiffReport, limit: int = COMMENT_LIMIT) -> str:
    """The comment: the summary, then each plan's changes. Longer than ``limit`` characters (GitHub refuses
    such a comment, and a CRM import touching every plan writes one), it keeps the summary and the plans'
    lines while they fit, then a line saying what was left out."""
    head = [COMMENT_MARKER, "### Account plan changes", "", summary_line(report, MARKDOWN), ""]
    tail = ["_Generated by `samkit diff`._", ""]
    blocks = [[neutralise_mentions(line) for line in _plan_lines(report, plan)] for plan in report.plans]
    kept = [neutralise_mentions("\n".join(head))]
    whole = "\n".join([*kept, *(line for block in blocks for line in block), *tail])
    if len(whole) <= limit:
        return whole
    # room for the lines kept: the limit less the tail and the longest line on what is left out
    room = limit - len("\n".join(["", "", _left_out(len(blocks), len(blocks), True, limit), "", *tail]))
    size, shown, cut = len(kept[0]), 0, False
    for block in blocks:
        fitting = 0
        while fitting < len(block) and size + 1 + len(block[fitting]) <= room:
            size += 1 + len(block[fitting])
            fitting += 1
        kept += block[:fitting]
        if fitting < len(block):
            cut = fitting > 0
            break
        shown += 1
    # blank lines around the closing line: after a cut list item it would otherwise join the item
    gap = [""] if kept[-1] else []
    return "\n".join([*kept, *gap, _left_out(len(blocks) - shown - cut, len(blocks), cut, limit), "", *tail])


def _left_out(left_out: int, changed: int, cut: bool, limit: int) -> str:
    """The line closing a comment that holds only part of the report."""
    parts = (["the last plan above is cut short"] if cut else []) + (
        [f"{plural(left_out, 'more plan')} changed"] if left_out else []
    )
    return (
        f"_... {' and '.join(parts)}: a comment holds at most {limit:,} characters. "
        f"`samkit diff` shows all {plural(changed, 'plan')}._"
    )


def _plan_lines(report: DiffReport, plan: PlanDiff) -> list[str]:
    lines = [f"#### {_title(plan, MARKDOWN)}", ""]
    headline = _headline(plan)
    if headline:
        lines += [escape_flat(headline), ""]
    for problem in _problem_lines(report, plan, MARKDOWN):
        lines += [f"> :warning: {problem}", ""]
    if plan.pipeline_before is not None or plan.pipeline_after is not None:
        total, weighted = _pipeline_line(plan)
        churned = _churned_note(report, plan, MARKDOWN)
        lines += [f"**Pipeline** {total} · weighted {weighted}{f' · {churned}' if churned else ''}", ""]
    for title, changes in sections(plan.changes):
        lines += [f"**{title}**", ""]
        lines += [f"- {describe(change, MARKDOWN)}" for change in changes]
        lines.append("")
    if plan.status is FileStatus.MODIFIED and not plan.changes and plan.parsed:
        lines += ["_No change to the plan's content (layout or comments only)._", ""]
    return lines
